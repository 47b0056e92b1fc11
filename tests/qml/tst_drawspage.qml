import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

/// 双随机 as the district's supervisor on a real device store with the demo register: a draw
/// from a seed lists its enterprises with two inspectors each, and 下达检查计划 (after a
/// confirmation) turns it into planned inspections once, saying so on the page.
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
        tryVerify(() => dialog.opened);
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
}
