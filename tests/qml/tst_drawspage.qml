import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

/// 双随机 as the district's supervisor on a real device store with the demo register: a draw
/// from a seed lists its enterprises with two inspectors each, and 下达检查计划 (after a
/// confirmation) turns it into planned inspections once, saying so on the page. A conflict of
/// interest (回避) recorded on the page is listed, keeps its inspector away from its enterprise
/// in every draw, and can be withdrawn.
TestCase {
    id: testCase
    name: "DrawsPage"
    width: 900
    height: 1000
    visible: true
    when: windowShown

    Component {
        id: drawsComponent
        DrawsPage {
            width: 900
            height: 1000
        }
    }

    function initTestCase() {
        verify(DeviceStore.openDemoAs("supervisor", ""), "openDemoAs: " + DeviceStore.lastError);
    }

    function init() {
        TestWarnings.failOnWarning("Binding loop detected");
    }

    /// `dialog` is open and shows `label` whole: wrapped to the dialog's width and between its
    /// title and its buttons.
    function showsWhole(dialog, label, text) {
        tryVerify(() => dialog.opened);
        verify(dialog.visible);
        compare(label.text, text);
        verify(label.visible);
        tryVerify(() => label.width > 0 && label.width <= dialog.availableWidth, 2000, "wrapped to the dialog");
        verify(label.lineCount > 1, "the sentence wraps");
        const top = label.mapToItem(dialog.contentItem, 0, 0).y;
        verify(top >= 0);
        verify(top + label.height <= dialog.availableHeight + 1, "the whole text is inside the dialog: " + (top + label.height) + " > " + dialog.availableHeight);
    }

    function test_aDrawIsIssuedAsPlansOnceAfterConfirmation() {
        const page = createTemporaryObject(drawsComponent, testCase);
        const draw = page.draw;
        tryVerify(() => draw.streets.length > 0, 5000);
        const issue = findChild(page, "issuePlansButton");
        verify(!issue.visible, "nothing drawn yet, nothing to issue");
        findChild(page, "drawCount").value = 2;
        mouseClick(findChild(page, "forceKey")); // no key enterprises forced in: two picks
        verify(!findChild(page, "forceKey").checked);
        findChild(page, "drawSeed").text = "20261204";
        mouseClick(findChild(page, "runDrawButton"));
        tryCompare(draw, "seed", "20261204");
        compare(draw.picks.length, 2);
        tryVerify(() => issue.visible && issue.enabled);
        compare(issue.text, "下达检查计划");
        waitForRendering(page); // the layout places the button that just appeared

        // The button asks first and says who gets the plans; cancelling issues nothing.
        mouseClick(issue);
        const dialog = findChild(page, "issueDialog");
        showsWhole(dialog, findChild(dialog.contentItem, "issueText"), "将为抽中的 2 家企业各下达一项检查计划，派给抽中的两名检查人员。他们的设备同步后，在“今日”的计划检查中看到。");
        dialog.reject();
        tryVerify(() => !dialog.visible);
        compare(draw.issuedCount, 0);
        verify(!findChild(page, "issuedSummary").visible);
        mouseClick(issue);
        tryVerify(() => dialog.opened);
        dialog.accept();
        tryVerify(() => !dialog.visible);
        tryCompare(draw, "issuedCount", 2);
        const summary = findChild(page, "issuedSummary");
        tryVerify(() => summary.visible);
        compare(summary.text, "已下达 2 项检查计划，检查人员同步后可见。");
        verify(!findChild(page, "issueError").visible);
        compare(issue.text, "已下达检查计划");
        verify(!issue.enabled, "a draw is issued once");

        // A new draw can be issued again.
        findChild(page, "drawSeed").text = "7";
        mouseClick(findChild(page, "runDrawButton"));
        tryCompare(draw, "seed", "7");
        tryVerify(() => issue.enabled);
        verify(!summary.visible);
    }

    function test_aRecordedRecusalKeepsTheInspectorAwayUntilWithdrawn() {
        const page = createTemporaryObject(drawsComponent, testCase);
        const recusals = page.recusals;
        const draw = page.draw;
        tryVerify(() => recusals.inspectors.length >= 3, 5000);
        const heading = findChild(page, "recusalHeading");
        compare(heading.text, "回避（0 条）");
        waitForRendering(page);

        // Nothing chosen: the dialog says what is missing and records nothing.
        mouseClick(findChild(page, "addRecusalButton"));
        const dialog = findChild(page, "recusalDialog");
        tryVerify(() => dialog.opened);
        mouseClick(findChild(dialog, "recusalSave"));
        const error = findChild(dialog, "recusalError");
        tryVerify(() => error.visible);
        compare(error.text, "请选择需要回避的检查人员。");
        verify(dialog.opened);

        // 王明 must not inspect the first enterprise the search finds.
        const inspector = findChild(dialog, "recusalInspector");
        const wang = recusals.inspectors.findIndex(i => i.name === "王明");
        verify(wang >= 0);
        inspector.currentIndex = wang;
        const wangId = inspector.currentValue;
        const target = recusals.enterprisesMatching("公司", 1)[0];
        verify(target !== undefined, "the demo register has enterprises");
        findChild(dialog, "recusalEnterpriseSearch").text = target.name;
        const matches = findChild(dialog, "recusalMatches");
        tryVerify(() => matches.count > 0);
        waitForRendering(matches);
        const firstMatch = findChild(matches, "recusalMatch-0");
        verify(firstMatch !== null);
        mouseClick(firstMatch);
        tryCompare(dialog.chosen, "id", target.id);
        verify(!matches.visible, "the list closes once an enterprise is chosen");
        mouseClick(findChild(dialog, "recusalSave"));
        tryCompare(error, "text", "请填写回避原因。");
        findChild(dialog, "recusalReason").text = "近亲属在该企业任职";
        mouseClick(findChild(dialog, "recusalSave"));
        tryVerify(() => !dialog.visible);
        tryCompare(heading, "text", "回避（1 条）");
        const row = findChild(page, "recusal-0");
        verify(row !== null);
        verify(row.modelData.inspector === "王明" && row.modelData.enterprise === target.name, JSON.stringify(row.modelData));
        compare(row.modelData.reason, "近亲属在该企业任职");

        // Every enterprise drawn, several seeds: 王明 is never paired with it.
        mouseClick(findChild(page, "forceKey"));
        findChild(page, "drawCount").value = 1;
        findChild(page, "drawSeed").text = "1";
        mouseClick(findChild(page, "runDrawButton"));
        tryCompare(draw, "seed", "1");
        const pool = draw.poolSize;
        verify(pool > 1);
        findChild(page, "drawCount").value = pool;
        for (const seed of ["11", "12", "13", "14", "15"]) {
            findChild(page, "drawSeed").text = seed;
            mouseClick(findChild(page, "runDrawButton"));
            tryCompare(draw, "seed", seed);
            const pick = draw.picks.find(p => p.enterpriseId === target.id);
            verify(pick !== undefined, "every enterprise is drawn");
            verify(pick.inspectorAId !== wangId && pick.inspectorBId !== wangId, "seed " + seed + ": " + JSON.stringify(pick));
        }

        // Withdrawn after a confirmation: the list is empty again.
        waitForRendering(page);
        mouseClick(findChild(page, "withdrawRecusal-0"));
        const withdraw = findChild(page, "withdrawRecusalDialog");
        tryVerify(() => withdraw.opened);
        const sentence = findChild(withdraw.contentItem, "withdrawRecusalText");
        verify(sentence.text.startsWith("撤销后，"), sentence.text);
        showsWhole(withdraw, sentence, sentence.text);
        withdraw.accept();
        tryCompare(heading, "text", "回避（0 条）");
        compare(recusals.rows.length, 0);
    }
}
