import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

/// The inspector's pages on a real device store with the demo data, driven by taps and
/// keystrokes: search, enterprise, checklist answers, hazard sheet, signatures, documents,
/// re-inspection, and the inspector shell's tabs opening them.
TestCase {
    id: testCase
    name: "WorkflowPages"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: searchComponent
        EnterpriseSearchPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: enterpriseComponent
        EnterprisePage {
            width: 400
            height: 800
        }
    }
    Component {
        id: inspectionComponent
        InspectionPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: hazardsComponent
        HazardListPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: reinspectionComponent
        ReinspectionPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: hazardDetailComponent
        HazardDetailPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: shellComponent
        RoleShell {
            role: "inspector"
            width: testCase.width
            height: testCase.height
        }
    }
    Component {
        id: meComponent
        MePage {
            width: 400
            height: 800
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }

    property string hengtai

    function initTestCase() {
        verify(DeviceStore.openDemo(""), "openDemo: " + DeviceStore.lastError);
        const search = createTemporaryObject(searchComponent, testCase);
        search.query = "恒泰";
        tryVerify(() => search.model.count === 1);
        testCase.hengtai = search.model.get(0).uscc;
    }

    function findText(item, text) {
        if (!item)
            return null;
        if (item.text !== undefined && String(item.text).indexOf(text) >= 0 && item.visible)
            return item;
        const kids = item.children || [];
        for (let i = 0; i < kids.length; ++i) {
            const f = findText(kids[i], text);
            if (f)
                return f;
        }
        if (item.contentItem) {
            const f2 = findText(item.contentItem, text);
            if (f2)
                return f2;
        }
        return null;
    }

    function startedInspection() {
        const page = createTemporaryObject(inspectionComponent, testCase, {
                "enterpriseId": testCase.hengtai
            });
        tryVerify(() => page.controller.templateOptions.length > 0);
        mouseClick(findChild(page, "startInspectionButton"));
        tryVerify(() => page.stage === "run", 10000);
        verify(page.controller.totalCount > 3);
        return page;
    }

    // Scrolls the Flickable holding `item` so that the item is on screen (a longer 今日 page puts
    // later sections below the fold of the test window).
    function scrollIntoView(item) {
        let f = item.parent;
        while (f && f.contentY === undefined)
            f = f.parent;
        verify(f !== null, "no Flickable above the item");
        const y = item.mapToItem(f.contentItem, 0, 0).y;
        f.contentY = Math.max(0, Math.min(y - 8, f.contentHeight - f.height));
        waitForRendering(f);
    }

    function tapAnswer(page, answer) {
        const buttons = findChild(page, "answerButtons");
        mouseClick(findChild(buttons, "answer_" + answer));
    }

    // Runs first: later cases finish inspections of 恒泰, which takes it off the plan list.
    function test_0_todayListsPlannedEnterprisesAndOpensThem() {
        const shell = createTemporaryObject(shellComponent, testCase);
        const today = shell.pageFor("today");
        tryVerify(() => today.planned.count === 3);
        verify(findText(today, "今日计划（3）") !== null);
        compare(today.planned.get(0).name, "青禾北辰精密铸造厂"); // red first
        verify(today.planned.get(0).hasDraft);
        verify(findText(today, "有未完成的检查") !== null);

        // Tapping a row opens the enterprise page.
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        const row = findChild(today, "plannedRow-" + testCase.hengtai);
        verify(row !== null);
        verify(findText(row, "年度执法检查计划（第一检查组） · 青松街道") !== null);
        mouseClick(row, row.width / 4, row.height / 2);
        compare(spy.count, 1);
        verify(String(spy.signalArguments[0][0]).endsWith("pages/EnterprisePage.qml"));
        compare(spy.signalArguments[0][1].enterpriseId, testCase.hengtai);

        // "开始" on the 双随机 row opens a new inspection with that kind and the plan's title.
        const drawn = today.planned.get(2);
        compare(drawn.planKind, "random");
        mouseClick(findChild(today, "plannedStart-" + drawn.enterpriseId));
        compare(spy.count, 2);
        verify(String(spy.signalArguments[1][0]).endsWith("pages/InspectionPage.qml"));
        const props = spy.signalArguments[1][1];
        compare(props.enterpriseId, drawn.enterpriseId);
        compare(props.presetKind, "random");

        // "继续" on the row with a draft resumes that draft.
        mouseClick(findChild(today, "plannedStart-" + today.planned.get(0).enterpriseId));
        compare(spy.count, 3);
        compare(spy.signalArguments[2][1].inspectionId, today.planned.get(0).draftId);

        // The inspection page opened from the 双随机 row starts with that kind chosen.
        const page = createTemporaryObject(inspectionComponent, testCase, props);
        compare(findChild(page, "kindBox").currentValue, "random");
        verify(findText(page, "执行计划：" + drawn.planTitle) !== null);
    }

    function test_1_searchByTypingAndByStreet() {
        const page = createTemporaryObject(searchComponent, testCase);
        tryVerify(() => page.model.count === 3);
        const field = findChild(page, "enterpriseSearchField");
        mouseClick(field);
        keyClick(Qt.Key_Q); // nothing matches a lone "q"
        tryVerify(() => page.model.count === 0);
        verify(findText(page, "没有找到企业") !== null);
        page.query = "青松街道";
        tryVerify(() => page.model.count === 2);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": page,
                "signalName": "enterpriseChosen"
            });
        const row = findChild(page, "enterpriseRow-" + testCase.hengtai);
        verify(row !== null);
        mouseClick(row);
        compare(spy.count, 1);
        compare(spy.signalArguments[0][0], testCase.hengtai);
    }

    function test_2_enterprisePageShowsDetailsHazardsAndDraft() {
        const search = createTemporaryObject(searchComponent, testCase);
        search.query = "北辰";
        tryVerify(() => search.model.count === 1);
        const page = createTemporaryObject(enterpriseComponent, testCase, {
                "enterpriseId": search.model.get(0).uscc
            });
        tryVerify(() => page.details.name === "青禾北辰精密铸造厂");
        tryVerify(() => page.controller.hazards.count === 1);
        verify(findText(page, "熔炼炉旁冷却水管路") !== null);
        verify(findText(page, "草稿") !== null);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        mouseClick(findChild(page, "startInspectionFromEnterprise"));
        compare(spy.count, 1);
        verify(String(spy.signalArguments[0][0]).endsWith("pages/InspectionPage.qml"));
        compare(spy.signalArguments[0][1].enterpriseId, search.model.get(0).uscc);
    }

    function test_3_passFailNaTapsAndTheHazardSheet() {
        const page = startedInspection();
        tapAnswer(page, "pass");
        tryVerify(() => page.controller.answeredCount === 1);
        compare(page.controller.checklist.get(0).result, "pass");
        tapAnswer(page, "na"); // changing an answer keeps one answer per item
        tryVerify(() => page.controller.checklist.get(0).result === "na");
        compare(page.controller.answeredCount, 1);
        tapAnswer(page, "fail");
        tryVerify(() => page.controller.checklist.get(0).result === "fail");
        const hazardButton = findChild(page, "recordHazardButton");
        tryVerify(() => hazardButton.visible);
        mouseClick(hazardButton);
        tryVerify(() => page.stage === "hazard");
        let place = null;
        tryVerify(() => (place = findChild(page, "hazardPlace")) !== null);
        const description = findChild(page, "hazardDescription");
        // Pre-filled as the violation found, not the checklist's rule (issue 15 #6).
        verify(description.text.indexOf("未") === 0, description.text);
        compare(findChild(page, "hazardDeadline").date.length, 10);
        mouseClick(place);
        keyClick(Qt.Key_A);
        keyClick(Qt.Key_2);
        compare(place.editText, "a2");
        // Back leaves the sheet, not the inspection; nothing was saved.
        mouseClick(findChild(page, "backButton"));
        compare(page.stage, "run");
        compare(page.controller.hazardCount, 0);
        mouseClick(hazardButton);
        tryVerify(() => (place = findChild(page, "hazardPlace")) !== null);
        mouseClick(place);
        keyClick(Qt.Key_B);
        keyClick(Qt.Key_7);
        // The proposed finding is neither confirmed nor rewritten yet: saving waits, and says why.
        const save = findChild(page, "saveHazardButton");
        verify(!save.enabled);
        verify(findChild(page, "findingHint").visible);
        mouseClick(save);
        compare(page.controller.hazardCount, 0);
        const confirm = findChild(page, "findingConfirmed");
        confirm.checked = true;
        verify(save.enabled);
        verify(!findChild(page, "findingHint").visible);
        mouseClick(save);
        tryVerify(() => page.controller.hazardCount === 1, 10000);
        tryVerify(() => page.stage === "run");
        verify(page.controller.checklist.get(0).hazardId.length > 0);
        verify(findChild(page, "noticeLabel").visible); // says what happened
    }

    // An answered item followed by unanswered ones: each new item shows no answer (issue 15 #1).
    function test_3b_theNextItemShowsNoAnswerUntilItIsAnswered() {
        const page = startedInspection();
        const buttons = findChild(page, "answerButtons");
        tapAnswer(page, "pass");
        tryVerify(() => page.controller.answeredCount === 1);
        tryVerify(() => findChild(buttons, "answer_pass").selected);
        for (let step = 1; step <= 2; ++step) {
            mouseClick(findChild(page, "nextButton"));
            tryVerify(() => findChild(page, "itemText").text === page.controller.checklist.get(step).text);
            compare(buttons.value, "", "item " + step);
            for (const answer of ["pass", "fail", "na"])
                verify(findChild(buttons, "answer_" + answer).text.indexOf("✓") < 0, answer + " on item " + step);
        }
        compare(page.controller.answeredCount, 1);
        // Back on the answered item its answer shows again.
        mouseClick(findChild(page, "previousButton"));
        mouseClick(findChild(page, "previousButton"));
        tryVerify(() => buttons.value === "pass");
    }

    // 我的 shows the 执法证号 of the user record on the device (what a sync brought), not only the
    // login reply's (issue 15 #5).
    function test_3c_mePageShowsTheBadgeTheDeviceHolds() {
        const me = createTemporaryObject(meComponent, testCase);
        const row = findChild(me, "badgeRow");
        verify(row !== null);
        verify(row.visible);
        compare(row.value, "22010012");
    }

    function test_4_finishRefusedUntilEveryItemIsAnswered() {
        const page = startedInspection();
        page.stage = "finish";
        mouseClick(findChild(page, "finishButton"));
        tryVerify(() => page.controller.errorCode === "items_unanswered");
        verify(findText(page, "未作答") !== null);
        compare(page.stage, "finish");
    }

    function test_5_enforcementWithOneInspectorIsRefusedInPlainWords() {
        const page = createTemporaryObject(inspectionComponent, testCase, {
                "enterpriseId": testCase.hengtai
            });
        tryVerify(() => page.controller.templateOptions.length > 0);
        mouseClick(findChild(page, "modeEnforcement"));
        mouseClick(findChild(page, "startInspectionButton"));
        tryVerify(() => page.controller.errorCode === "too_few_inspectors");
        compare(page.stage, "setup");
        verify(findText(page, "至少两名") !== null);
    }

    function test_6_signatureStrokesAndDocuments() {
        const page = startedInspection();
        // Answer every item by tapping 符合 and 下一项 / 去签名.
        const total = page.controller.totalCount;
        for (let i = 0; i < total; ++i) {
            tapAnswer(page, "pass");
            tryVerify(() => page.controller.answeredCount === i + 1, 5000);
            mouseClick(findChild(page, "nextButton"));
        }
        tryVerify(() => page.stage === "finish");
        const box = findChild(page, "enterpriseSignature");
        const pad = box.pad;
        verify(pad.isEmpty);
        mousePress(pad, 20, 40);
        for (let x = 30; x <= 200; x += 10)
            mouseMove(pad, x, 40 + (x % 40));
        mouseRelease(pad, 200, 60);
        tryVerify(() => pad.strokeCount === 1);
        const inspectorPad = findChild(page, "inspectorSignature").pad;
        mousePress(inspectorPad, 30, 50);
        mouseMove(inspectorPad, 90, 80);
        mouseMove(inspectorPad, 150, 40);
        mouseRelease(inspectorPad, 150, 40);
        tryVerify(() => !inspectorPad.isEmpty);
        mouseClick(findChild(page, "finishButton"));
        tryVerify(() => page.stage === "documents", 20000);
        verify(page.controller.recordPdf.length > 0);
        verify(page.controller.recordNumber.length > 0);
        verify(findText(page, page.controller.recordNumber) !== null);
        // The record shows inside the app: its first page as a picture, then the whole of it.
        const record = findChild(page, "recordDocument");
        tryCompare(record, "status", PdfDocumentInfo.Ready, 10000);
        verify(record.pageCount >= 1);
        tryCompare(findChild(record, "documentThumbnail"), "status", Image.Ready, 10000);
        verify(!findChild(page, "orderDocument").visible); // every item passed: no order
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        mouseClick(findChild(record, "openDocumentButton"));
        compare(spy.count, 1);
        verify(String(spy.signalArguments[0][0]).endsWith("pages/DocumentPage.qml"));
        compare(spy.signalArguments[0][1].source, page.controller.recordPdf);
        verify(spy.signalArguments[0][1].title.indexOf(page.controller.recordNumber) >= 0);
    }

    // An enforcement inspection of 恒泰 by the signed-in 王明 and 李强, started on the page.
    function startedEnforcement() {
        const page = createTemporaryObject(inspectionComponent, testCase, {
                "enterpriseId": testCase.hengtai
            });
        tryVerify(() => page.controller.templateOptions.length > 0);
        const refs = page.controller.templateOptions.filter(t => t.suggested).map(t => t.ref);
        page.controller.start(testCase.hengtai, "plan", "enforcement", ["insp-wang", "insp-li"], refs);
        tryVerify(() => page.stage === "run", 10000);
        compare(page.controller.mode, "enforcement");
        return page;
    }

    // Fails the first item with its proposed hazard, passes the rest, signs and finishes;
    // returns the hazard's id once the documents stage shows.
    function finishWithOneHazard(page) {
        const code = page.controller.checklist.get(0).code;
        tapAnswer(page, "fail");
        tryVerify(() => page.controller.checklist.get(0).result === "fail");
        const created = createTemporaryObject(spyComponent, testCase, {
                "target": page.controller,
                "signalName": "hazardCreated"
            });
        page.controller.createHazard(page.controller.proposeHazard(code));
        tryVerify(() => created.count === 1, 10000);
        const hazardId = created.signalArguments[0][0];
        const total = page.controller.totalCount;
        for (let i = 1; i < total; ++i) {
            page.controller.answer(page.controller.checklist.get(i).code, "pass");
            tryVerify(() => page.controller.answeredCount === i + 1, 5000);
        }
        page.stage = "finish";
        for (const name of ["enterpriseSignature", "inspectorSignature"]) {
            const pad = findChild(page, name).pad;
            scrollIntoView(findChild(page, name));
            mousePress(pad, 30, 50);
            mouseMove(pad, 90, 80);
            mouseMove(pad, 150, 40);
            mouseRelease(pad, 150, 40);
            tryVerify(() => !pad.isEmpty);
        }
        if (page.controller.mode === "enforcement")
            signAsSecondInspector(page, "李强");
        page.finishInspection();
        tryVerify(() => page.stage === "documents", 20000);
        return hazardId;
    }

    // Draws a stroke on the SignatureBox `name` of the page.
    function drawSignature(page, name) {
        const box = findChild(page, name);
        scrollIntoView(box);
        const pad = box.pad;
        mousePress(pad, 30, 50);
        mouseMove(pad, 90, 80);
        mouseMove(pad, 150, 40);
        mouseRelease(pad, 150, 40);
        tryVerify(() => !pad.isEmpty);
    }

    // The second inspector picks `who` from the team in the finish stage and signs.
    function signAsSecondInspector(page, who) {
        const picker = findChild(page, "coInspectorPicker");
        verify(picker.visible);
        scrollIntoView(picker);
        mouseClick(picker);
        tryVerify(() => picker.popup.opened);
        const list = picker.popup.contentItem;
        let row = null;
        for (let i = 0; i < picker.count; ++i)
            if (picker.textAt(i).indexOf(who) === 0)
                row = list.itemAtIndex(i);
        verify(row !== null, "no row for " + who);
        mouseClick(row);
        tryVerify(() => !picker.popup.visible);
        verify(picker.displayText.indexOf(who) === 0);
        drawSignature(page, "coInspectorSignature");
    }

    function test_6f_enforcementIsSignedByBothInspectorsOnTheDevice() {
        const page = startedEnforcement();
        const total = page.controller.totalCount;
        for (let i = 0; i < total; ++i) {
            page.controller.answer(page.controller.checklist.get(i).code, "pass");
            tryVerify(() => page.controller.answeredCount === i + 1, 5000);
        }
        page.stage = "finish";
        const picker = findChild(page, "coInspectorPicker");
        verify(picker.visible);
        compare(picker.count, 1); // the team's other inspector, not the signed-in 王明
        verify(picker.displayText.indexOf("选择第二名检查人员") === 0);
        verify(picker.textAt(0).indexOf("李强（执法证 22010031）") === 0);
        verify(!findChild(page, "coInspectorSignature").enabled); // no name picked yet
        drawSignature(page, "enterpriseSignature");
        drawSignature(page, "inspectorSignature");
        mouseClick(findChild(page, "finishButton"));
        tryVerify(() => page.controller.errorCode === "inspector_signatures_required");
        verify(findText(page, "两名检查人员分别签名") !== null);
        compare(page.stage, "finish");
        signAsSecondInspector(page, "李强");
        verify(findText(page, "检查人员签名：李强（执法证 22010031）") !== null);
        mouseClick(findChild(page, "finishButton"));
        tryVerify(() => page.stage === "documents", 20000);
        verify(page.controller.recordPdf.length > 0);
    }

    function test_6g_guidanceAsksForNoSecondInspector() {
        const page = startedInspection();
        page.stage = "finish";
        verify(!findChild(page, "coInspectorPicker").visible);
        verify(!findChild(page, "coInspectorSignature").visible);
    }

    function test_6e_guidanceShowsTheGuidanceOpinionAndNoOrder() {
        const page = startedInspection();
        compare(page.controller.mode, "guidance");
        const hazardId = finishWithOneHazard(page);
        compare(page.controller.orderPdf, "");
        verify(!findChild(page, "orderDocument").visible);
        const opinion = findChild(page, "guidanceDocument");
        verify(opinion.visible);
        tryCompare(opinion, "status", PdfDocumentInfo.Ready, 10000);
        verify(findText(opinion, "安全检查指导意见") !== null);
        const detail = createTemporaryObject(hazardDetailComponent, testCase, {
                "hazardId": hazardId
            });
        tryVerify(() => detail.controller.found);
        verify(!findChild(detail, "openOrderButton").visible);
        verify(findChild(detail, "openGuidanceButton").visible);
        verify(findText(detail, "指导服务不下达指令书，指导意见不编号") !== null);
    }

    function test_6b_orderFromAFailedItemIsShownInTheAppFromDocumentsAndHazardDetail() {
        const page = startedEnforcement();
        const hazardId = finishWithOneHazard(page);
        verify(page.controller.orderPdf.length > 0);
        const order = findChild(page, "orderDocument");
        verify(order.visible);
        tryCompare(order, "status", PdfDocumentInfo.Ready, 10000);
        verify(findText(order, page.controller.orderNumber) !== null);
        const detail = createTemporaryObject(hazardDetailComponent, testCase, {
                "hazardId": hazardId
            });
        tryVerify(() => detail.controller.found);
        compare(detail.controller.orderPdf, page.controller.orderPdf);
        const open = findChild(detail, "openOrderButton");
        verify(open.visible);
        verify(open.height >= Theme.touchTarget);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        scrollIntoView(open);
        mouseClick(open);
        compare(spy.count, 1);
        verify(String(spy.signalArguments[0][0]).endsWith("pages/DocumentPage.qml"));
        compare(spy.signalArguments[0][1].source, page.controller.orderPdf);
        verify(spy.signalArguments[0][1].title.indexOf(page.controller.orderNumber) >= 0);
    }

    function test_6c_aSubmittedHazardSaysHowLongItHasWaitedNotThatItIsOverdue() {
        const shell = createTemporaryObject(shellComponent, testCase);
        const today = shell.pageFor("today");
        tryVerify(() => today.reinspections.count === 1);
        const hazard = Object.assign({}, today.reinspections.get(0));
        verify(hazard.submittedDays >= 0, "submitted_on reaches the row");
        let row = null;
        tryVerify(() => (row = findChild(today, "hazardRow-" + hazard.id)) !== null);
        const timing = findChild(row, "hazardRowTiming");
        compare(timing.text.indexOf("待复查 · 企业已提交 " + hazard.submittedDays + "\u00a0天"), 0, timing.text);
        compare(timing.text.indexOf("已逾期"), -1);
        compare(timing.text.indexOf("复查已超期") >= 0, hazard.reinspectionOverdue);
        verify(findText(today, hazard.reinspectionOverdue ? "待复查（1，其中 1 项已超过 10 天）" : "待复查（1）") !== null);
    }

    // An enterprise's self-found hazards are the enterprise's to close: 今日 lists none of them,
    // neither as open nor as waiting for a re-inspection.
    function test_6d2_todayLeavesOutAnEnterprisesSelfFoundHazards() {
        const shell = createTemporaryObject(shellComponent, testCase);
        const today = shell.pageFor("today");
        tryVerify(() => today.reinspections.count === 1 && today.planned.count > 0);
        const open = today.openHazards.count;
        const enterpriseId = today.planned.get(0).enterpriseId;
        const overdue = new Date(Date.now() - 5 * 86400000).toISOString().slice(0, 10);
        verify(StoreFixtures.addSelfCheck(enterpriseId, new Date().toISOString(), overdue));
        try {
            wait(500); // the store's change reloads the models
            compare(today.openHazards.count, open);
            compare(today.reinspections.count, 1);
        } finally {
            verify(StoreFixtures.removeSelfCheck(enterpriseId));
        }
    }

    function test_6d_todaySectionsFoldAwayAndKeepTheirCount() {
        const shell = createTemporaryObject(shellComponent, testCase);
        const today = shell.pageFor("today");
        tryVerify(() => today.reinspections.count === 1 && today.planned.count > 0);
        const hazardId = Object.assign({}, today.reinspections.get(0)).id;
        let row = null;
        tryVerify(() => (row = findChild(today, "hazardRow-" + hazardId)) !== null);
        const section = findChild(today, "reinspectionSection");
        const planned = findChild(today, "plannedSection");
        const firstPlanned = findChild(today, "plannedRow-" + today.planned.get(0).enterpriseId);
        verify(row.visible && firstPlanned.visible);
        compare(findChild(section, "sectionToggle").text, "收起");
        scrollIntoView(section);
        mouseClick(section);
        verify(section.collapsed);
        verify(!row.visible, "a folded section hides its rows");
        verify(firstPlanned.visible, "other sections stay open");
        compare(findChild(section, "sectionToggle").text, "展开");
        verify(section.text.indexOf("待复查（1") === 0, "the folded title still counts: " + section.text);
        scrollIntoView(planned);
        mouseClick(planned);
        verify(!firstPlanned.visible);
        mouseClick(planned);
        verify(firstPlanned.visible);
        scrollIntoView(section);
        mouseClick(section);
        verify(!section.collapsed);
        verify(row.visible);
    }

    function test_7_reinspectionRejectNeedsReasonThenVerifyCloses() {
        const list = createTemporaryObject(hazardsComponent, testCase, {
                "statuses": [HazardStatus.Submitted]
            });
        tryVerify(() => list.model.count === 1);
        const page = createTemporaryObject(reinspectionComponent, testCase, {
                "hazardId": list.model.get(0).id
            });
        tryVerify(() => page.controller.canDecide);
        compare(page.controller.afterPhotos.length, 1);
        tryVerify(() => findChild(page, "photoTile_0") !== null); // the evidence photo is shown
        scrollIntoView(findChild(page, "rejectButton"));
        mouseClick(findChild(page, "rejectButton"));
        tryVerify(() => page.controller.errorCode === "reason_required");
        verify(!findChild(page, "opinionDocument").visible); // no re-inspection yet
        mouseClick(findChild(page, "verifyButton"));
        tryVerify(() => page.controller.status === HazardStatus.Verified);
        tryVerify(() => findText(page, "下次同步") !== null);
        // The re-inspection's own numbered 整改复查意见书, shown on the page.
        const opinion = findChild(page, "opinionDocument");
        tryVerify(() => opinion.visible, 30000);
        verify(page.controller.opinionNumber.indexOf("复查") >= 0);
        verify(findText(opinion, "整改复查意见书 " + page.controller.opinionNumber) !== null);
        tryCompare(opinion, "status", PdfDocumentInfo.Ready, 10000);
        // …and on the hazard's page.
        const detail = createTemporaryObject(hazardDetailComponent, testCase, {
                "hazardId": page.hazardId
            });
        tryVerify(() => detail.controller.found);
        compare(detail.controller.opinionPdf, page.controller.opinionPdf);
        verify(findChild(detail, "openOpinionButton").visible);
    }

    function test_8_inspectorShellTabsOpenTheWorkflowPages() {
        const shell = createTemporaryObject(shellComponent, testCase);
        const today = shell.pageFor("today");
        tryVerify(() => today.drafts.count >= 1);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        const draft = findChild(today, "draftRow-" + today.drafts.get(0).inspectionId);
        verify(draft !== null);
        scrollIntoView(draft);
        mouseClick(draft);
        compare(spy.count, 1);
        verify(String(spy.signalArguments[0][0]).endsWith("pages/InspectionPage.qml"));
        compare(spy.signalArguments[0][1].inspectionId, today.drafts.get(0).inspectionId);

        // 今日 → 企业 through the button; the tab then lists the enterprises.
        scrollIntoView(findChild(today, "newInspectionButton"));
        mouseClick(findChild(today, "newInspectionButton"));
        compare(shell.currentIndex, 1);
        const enterprises = shell.pageFor("enterprises");
        tryVerify(() => enterprises.searchPage !== null && enterprises.searchPage.model.count === 3);
        let row = null;
        tryVerify(() => (row = findChild(enterprises, "enterpriseRow-" + testCase.hengtai)) !== null);
        // The tab slides in: tap once the row has come to rest inside the shell.
        tryVerify(() => {
                const p = row.mapToItem(shell, 0, 0);
                return p.x >= 0 && p.x + row.width <= shell.width && p.y >= 0 && p.y < shell.height;
            });
        waitForRendering(shell);
        mouseClick(row);
        compare(spy.count, 2);
        verify(String(spy.signalArguments[1][0]).endsWith("pages/EnterprisePage.qml"));
        compare(spy.signalArguments[1][1].enterpriseId, testCase.hengtai);
    }

    function test_9_tabletShowsListAndDetailSideBySide() {
        const shell = createTemporaryObject(shellComponent, testCase);
        shell.width = 1280;
        shell.showTab("enterprises");
        const enterprises = shell.pageFor("enterprises");
        tryVerify(() => enterprises.wide);
        tryVerify(() => enterprises.selectedId.length > 0); // the first enterprise is shown
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        let row = null;
        tryVerify(() => (row = findChild(enterprises, "enterpriseRow-" + testCase.hengtai)) !== null);
        mouseClick(row);
        compare(spy.count, 0); // no page over the shell: the detail pane changes
        compare(enterprises.selectedId, testCase.hengtai);
        tryVerify(() => findChild(enterprises, "enterpriseName").text === "青禾恒泰汽车零部件有限公司");
    }

    /// The 春林 hazard 李强 recorded 16 days ago (pulled demo data): major, two days overdue.
    function overdueHazardId() {
        const search = createTemporaryObject(searchComponent, testCase);
        search.query = "春林";
        tryVerify(() => search.model.count === 1);
        const list = createTemporaryObject(hazardsComponent, testCase, {
                "enterpriseId": search.model.get(0).uscc
            });
        tryVerify(() => list.model.count === 1);
        return {
            "hazardId": list.model.get(0).id,
            "enterpriseId": search.model.get(0).uscc
        };
    }

    function test_hazardDetail_openHazardShowsDeadlineAndExtendsIt() {
        const inspection = startedInspection();
        const code = inspection.controller.checklist.get(0).code;
        tapAnswer(inspection, "fail");
        tryVerify(() => inspection.controller.checklist.get(0).result === "fail");
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": inspection.controller,
                "signalName": "hazardCreated"
            });
        const fields = inspection.controller.proposeHazard(code);
        fields.place = "冲压三车间";
        inspection.controller.createHazard(fields);
        tryVerify(() => spy.count === 1, 10000);
        const hazardId = spy.signalArguments[0][0];
        const page = createTemporaryObject(hazardDetailComponent, testCase, {
                "hazardId": hazardId
            });
        tryVerify(() => page.controller.found);
        compare(page.controller.status, HazardStatus.Open);
        verify(!page.controller.overdue);
        verify(findText(page, "待整改") !== null);
        verify(findText(page, "冲压三车间") !== null);
        verify(findText(page, "青禾恒泰汽车零部件有限公司") !== null);
        const deadline = findChild(page, "deadlineLabel");
        verify(deadline.text.indexOf("剩") >= 0, deadline.text);
        verify(Qt.colorEqual(deadline.color, Theme.text));
        verify(findText(page, "发现隐患") !== null);
        verify(findText(page, "下达整改指令") !== null);
        verify(findText(page, "待上传") !== null); // recorded here, not yet synced
        verify(findText(page, "企业尚未提交整改") !== null);
        verify(!findChild(page, "reinspectButton").visible);

        // The inspection is still a draft: the finding can change.
        const edit = findChild(page, "editHazardButton");
        verify(edit.visible);
        mouseClick(edit);
        const placeField = findChild(page, "editPlace");
        tryVerify(() => placeField.visible);
        compare(placeField.text, "冲压三车间");
        placeField.text = "冲压四车间";
        waitForRendering(page); // the footer hides and the page lays out again
        mouseClick(findChild(page, "saveDetailsButton"));
        tryVerify(() => page.hazard.place === "冲压四车间");
        tryVerify(() => !placeField.visible);
        verify(findText(page, "隐患已修改") !== null);
        const extend = findChild(page, "extendDeadlineButton");
        verify(extend.visible);
        const before = page.hazard.deadline;
        mouseClick(extend);
        const plus7 = findChild(page, "extendBy7");
        // The footer grows to hold the choices above the buttons.
        tryVerify(() => plus7.visible && plus7.mapToItem(page, 0, 0).y + plus7.height <= extend.mapToItem(page, 0, 0).y);
        const expected = page.controller.deadlinePlus(7);
        mouseClick(plus7);
        tryVerify(() => page.hazard.deadline === expected);
        verify(expected > before);
        tryVerify(() => findChild(page, "noticeLabel").visible);
        verify(findText(page, "下次同步") !== null);
        verify(!findChild(page, "extendChoices").visible);
    }

    function test_hazardDetail_overdueMajorHazardInRedWithGpsWarning() {
        const ids = overdueHazardId();
        const page = createTemporaryObject(hazardDetailComponent, testCase, {
                "hazardId": ids.hazardId
            });
        tryVerify(() => page.controller.found);
        verify(page.controller.overdue);
        const deadline = findChild(page, "deadlineLabel");
        verify(deadline.text.indexOf("已逾期 2\u00a0天") >= 0, deadline.text);
        verify(Qt.colorEqual(deadline.color, Theme.danger));
        verify(findText(page, "待整改 · 已逾期") !== null);
        verify(findText(page, "重大隐患") !== null);
        verify(findText(page, "喷漆房防爆电气线路老化破损") !== null);
        verify(findText(page, "精度差于 50 米") !== null);
        verify(findText(page, "精度 ±68 米") !== null);
        verify(findText(page, "李强") !== null); // who found it
        verify(findText(page, "双随机抽查") !== null); // the inspection it came from
        verify(findText(page, "已同步") !== null);
        verify(!findChild(page, "reinspectButton").visible);
        verify(findChild(page, "extendDeadlineButton").visible);
        verify(!findChild(page, "editHazardButton").visible); // its order was issued
        verify(!findChild(page, "openOrderButton").visible); // the PDF is on 李强's device
        verify(findText(page, "本设备没有副本") !== null);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        mouseClick(findChild(page, "hazardEnterprise"));
        compare(spy.count, 1);
        verify(String(spy.signalArguments[0][0]).endsWith("pages/EnterprisePage.qml"));
        compare(spy.signalArguments[0][1].enterpriseId, ids.enterpriseId);
        mouseClick(findChild(page, "hazardInspection"));
        compare(spy.count, 2);
        verify(String(spy.signalArguments[1][0]).endsWith("pages/InspectionPage.qml"));
    }

    function test_hazardDetail_rowsInTodayAndHazardsOpenTheDetailPage() {
        const ids = overdueHazardId();
        const shell = createTemporaryObject(shellComponent, testCase);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        const today = shell.pageFor("today");
        let row = null;
        tryVerify(() => (row = findChild(today, "hazardRow-" + ids.hazardId)) !== null && row.visible);
        mouseClick(row);
        compare(spy.count, 1);
        verify(String(spy.signalArguments[0][0]).endsWith("pages/HazardDetailPage.qml"));
        compare(spy.signalArguments[0][1].hazardId, ids.hazardId);
        shell.showTab("hazards");
        const hazards = shell.pageFor("hazards");
        tryVerify(() => (row = findChild(hazards, "hazardRow-" + ids.hazardId)) !== null);
        mouseClick(row);
        compare(spy.count, 2);
        verify(String(spy.signalArguments[1][0]).endsWith("pages/HazardDetailPage.qml"));
        compare(spy.signalArguments[1][1].hazardId, ids.hazardId);

        // Tablet: the detail page fills the pane beside the list; nothing opens over the shell.
        shell.width = 1280;
        tryVerify(() => hazards.wide);
        mouseClick(row);
        compare(spy.count, 2);
        const pane = findChild(hazards, "hazardDetailPane");
        tryVerify(() => pane.controller.found && pane.hazardId === ids.hazardId);
        verify(pane.embedded);
        verify(pane.width < 1280 - 300);
        verify(findText(pane, "已逾期 2\u00a0天") !== null);
    }
}
