import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

/// The enterprise's own self-check (企业自查) on its device, offline: start one with a shipped
/// checklist, answer it, record a hazard on a failed item, finish; then rectify and close that
/// hazard with a note — what the user sees after each step.
TestCase {
    id: testCase
    name: "EnterpriseSelfCheck"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: listComponent
        SelfChecksPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: runComponent
        SelfCheckPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: hazardComponent
        SelfCheckHazardPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }

    function initTestCase() {
        verify(DeviceStore.openDemoAs("enterprise", ""), "openDemoAs: " + DeviceStore.lastError);
        verify(DeviceStore.userEnterpriseId.length > 0);
    }

    function tapAnswer(page, answer) {
        const buttons = findChild(page, "answerButtons");
        mouseClick(findChild(buttons, "answer_" + answer));
    }

    function test_0_noSelfChecksYetAndTheButtonOpensANewOne() {
        const page = createTemporaryObject(listComponent, testCase);
        tryCompare(findChild(page, "selfChecksHeader"), "text", "自查记录（0）");
        compare(findChild(page, "selfCheckHazardsHeader").text, "自查发现的隐患（0）");
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        mouseClick(findChild(page, "newSelfCheckButton"));
        compare(spy.count, 1);
        verify(String(spy.signalArguments[0][0]).endsWith("pages/enterprise/SelfCheckPage.qml"));
        compare(spy.signalArguments[0][1].enterpriseId, DeviceStore.userEnterpriseId);
    }

    function test_1_aSelfCheckIsAnsweredWithAHazardAndFinishedWithoutSignatures() {
        const page = createTemporaryObject(runComponent, testCase, {
                "enterpriseId": DeviceStore.userEnterpriseId
            });
        tryVerify(() => page.controller.templateOptions.length > 0);
        const start = findChild(page, "startSelfCheckButton");
        verify(!start.enabled, "a checklist must be chosen first");
        const ref = page.controller.templateOptions[0].ref;
        mouseClick(findChild(page, "selfCheckTemplate-" + ref));
        tryVerify(() => start.enabled);
        mouseClick(start);
        tryCompare(page, "stage", "run", 10000);
        const total = page.controller.totalCount;
        verify(total > 1);
        compare(findChild(page, "selfCheckProgress").text, "已答 0 / %1 项 · 发现隐患 0 条 · 每项已保存在本机".arg(total));

        // The first item fails: the hazard sheet records it as the enterprise's own finding.
        tapAnswer(page, "fail");
        tryVerify(() => page.controller.checklist.get(0).result === "fail");
        const hazardButton = findChild(page, "recordHazardButton");
        tryVerify(() => hazardButton.visible);
        mouseClick(hazardButton);
        tryCompare(page, "stage", "hazard");
        let place = null;
        tryVerify(() => (place = findChild(page, "hazardPlace")) !== null);
        mouseClick(place);
        keyClick(Qt.Key_B);
        keyClick(Qt.Key_7);
        findChild(page, "findingConfirmed").checked = true;
        mouseClick(findChild(page, "saveHazardButton"));
        tryVerify(() => page.controller.hazardCount === 1, 10000);
        tryCompare(page, "stage", "run");
        verify(findChild(page, "selfCheckNotice").text.indexOf("自查隐患") >= 0);

        // The rest pass; the last step says 完成自查 and asks for no signature.
        for (let i = 1; i < total; ++i) {
            mouseClick(findChild(page, "nextButton"));
            tryVerify(() => page.current === i);
            tapAnswer(page, "pass");
            tryVerify(() => page.controller.answeredCount === i + 1);
        }
        compare(findChild(page, "nextButton").text, "完成自查");
        mouseClick(findChild(page, "nextButton"));
        tryCompare(page, "stage", "done", 10000);
        compare(page.controller.status, InspectionStatus.Finished);
        const done = findChild(page, "selfCheckDone");
        verify(done.visible);

        // The list shows the record and its open finding.
        const list = createTemporaryObject(listComponent, testCase);
        tryCompare(findChild(list, "selfChecksHeader"), "text", "自查记录（1）");
        const row = findChild(list, "selfCheck-0");
        verify(row.text.indexOf("已完成 · 发现隐患 1 条，未销号 1 条") > 0, row.text);
        compare(findChild(list, "selfCheckHazardsHeader").text, "自查发现的隐患（1）");
        verify(findChild(list, "selfCheckHazard-0") !== null);
    }

    function test_2_theEnterpriseRectifiesAndClosesItsOwnFinding() {
        const list = createTemporaryObject(listComponent, testCase);
        tryVerify(() => list.controller.selfCheckHazards.length === 1);
        const hazardId = list.controller.selfCheckHazards[0].id;
        const page = createTemporaryObject(hazardComponent, testCase, {
                "hazardId": hazardId
            });
        tryCompare(page.controller, "status", HazardStatus.Open);
        verify(findChild(page, "selfCheckHazardDescription").text.length > 0);
        const rectify = findChild(page, "rectifyButton");
        const close = findChild(page, "closeButton");
        verify(rectify.visible);
        verify(!close.visible);
        waitForRendering(page); // the page is laid out before the first tap

        // Neither a note nor a photo: refused on the device with the reason, nothing changes.
        mouseClick(rectify);
        tryVerify(() => findChild(page, "selfCheckHazardError").visible);
        compare(findChild(page, "selfCheckHazardError").text, "请写明整改情况或拍摄整改后照片。");
        compare(page.controller.status, HazardStatus.Open);
        const note = findChild(page, "selfCheckHazardNote");
        note.forceActiveFocus();
        note.text = "已更换急停按钮并试运行";
        mouseClick(rectify);
        tryCompare(page.controller, "status", HazardStatus.Submitted, 10000);
        tryVerify(() => findChild(page, "selfCheckHazardNotice").visible);
        compare(findChild(page, "selfCheckHazardNotice").text, "✓ 整改情况已保存，复核无误后请销号。");
        verify(!rectify.visible);
        verify(close.visible);
        note.text = "安全管理员复核合格";
        mouseClick(close);
        tryCompare(page.controller, "status", HazardStatus.Verified, 10000);
        compare(findChild(page, "selfCheckHazardNotice").text, "✓ 已自查销号，下次同步后检查人员可以看到。");
        verify(findChild(page, "selfCheckHazardClosed").visible);
        verify(!close.visible);
        verify(!rectify.visible);
    }
}
