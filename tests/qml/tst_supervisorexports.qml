import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

/// Every supervisor list has an export: the button is on the page, and after a tap the page
/// names the file it wrote in the export folder (or says it could not). The CSV contents are tested in
/// tests/app/csvtable_test.cpp.
TestCase {
    id: testCase
    name: "SupervisorExports"
    width: 1000
    height: 900
    visible: true
    when: windowShown

    Component {
        id: overviewComponent
        OverviewPage {
            width: 1000
            height: 900
        }
    }
    Component {
        id: inspectorsComponent
        InspectorsPage {
            width: 1000
            height: 900
        }
    }
    Component {
        id: devicesComponent
        DevicesPage {
            width: 1000
            height: 900
        }
    }
    Component {
        id: mapComponent
        MapPage {
            width: 1000
            height: 900
        }
    }
    Component {
        id: drawsComponent
        DrawsPage {
            width: 1000
            height: 900
        }
    }

    SignalSpy {
        id: pageRequests
        target: Navigator
        signalName: "pageRequested"
    }

    function initTestCase() {
        verify(DeviceStore.openDemoAs("supervisor", ""), "openDemoAs: " + DeviceStore.lastError);
        verify(DocumentFixtures.exportFolder.length > 0);
    }

    function init() {
        ExportFolder.folder = folder();
    }

    function folder() {
        return decodeURIComponent(DocumentFixtures.exportFolder.replace("file://", ""));
    }

    /// Scrolls the page's flickable (if any) so that `item` is in view.
    function scrollTo(item) {
        let flick = item.parent;
        while (flick && flick.contentY === undefined)
            flick = flick.parent;
        if (!flick)
            return;
        const y = item.mapToItem(flick.contentItem, 0, 0).y;
        flick.contentY = Math.max(0, Math.min(y - 100, flick.contentHeight - flick.height));
    }

    /// Taps the export `name` on `page` and checks the message the user then reads names a new
    /// file of the export folder, titled `title`, with the suffix `suffix`; returns its path.
    function exportVia(page, name, title, suffix) {
        const button = findChild(page, name + "Button");
        verify(button, name + "Button");
        tryVerify(() => button.visible && button.enabled, 5000, name + " is offered");
        const message = findChild(page, name + "Message");
        verify(!message.visible, "nothing said before the export");
        scrollTo(button);
        waitForRendering(page);
        mouseClick(button);
        tryVerify(() => message.visible, 30000, "the page says where the file went");
        const prefix = "已导出到 " + folder() + "/" + title + "-";
        verify(message.text.startsWith(prefix), message.text + " should start with " + prefix);
        verify(message.text.endsWith("." + suffix), message.text);
        return message.text.substring("已导出到 ".length);
    }

    function overviewPage() {
        const page = createTemporaryObject(overviewComponent, testCase);
        tryVerify(() => page.figures.enterprises !== undefined, 5000);
        return page;
    }

    function test_overviewListsExportAndNameTheirFiles() {
        const page = overviewPage();
        tryVerify(() => page.overview.leaders.length > 0, 5000);
        exportVia(page, "exportStreets", "各街道覆盖率", "csv");
        exportVia(page, "exportGrades", "按风险等级覆盖率", "csv");
        exportVia(page, "exportLeaders", "领导包保", "csv");
    }

    function test_theReportIsExportedNamedAndShownInThePdfViewer() {
        const page = overviewPage();
        pageRequests.clear();
        const path = exportVia(page, "exportReport", "概览报告", "pdf");
        tryCompare(pageRequests, "count", 1);
        compare(String(pageRequests.signalArguments[0][0]), String(Navigator.pages["document"]));
        compare(pageRequests.signalArguments[0][1].source, path);
    }

    function test_aDrillDownListExportsAndANewListForgetsTheMessage() {
        const page = overviewPage();
        mouseClick(findChild(page, "tile-found"));
        const drawer = findChild(page, "drillDrawer");
        tryVerify(() => drawer.opened);
        tryVerify(() => findChild(page, "drillList").count === page.figures.found);
        exportVia(page, "exportDrill", "发现隐患", "csv");
        drawer.close();
        tryVerify(() => !drawer.visible);
        mouseClick(findChild(page, "tile-covered"));
        tryVerify(() => drawer.opened);
        verify(!findChild(page, "exportDrillMessage").visible, "the message was about the last list");
    }

    function test_aFolderThatCannotBeWrittenIsSaidSo() {
        const page = overviewPage();
        // A folder inside a file cannot be made.
        ExportFolder.folder = DocumentFixtures.pdf + "/exports";
        const button = findChild(page, "exportStreetsButton");
        tryVerify(() => button.visible);
        scrollTo(button);
        waitForRendering(page);
        mouseClick(button);
        const message = findChild(page, "exportStreetsMessage");
        tryVerify(() => message.visible);
        compare(message.text, "导出失败：无法写入 " + DocumentFixtures.pdf + "/exports");
    }

    function test_inspectorsExport() {
        const page = createTemporaryObject(inspectorsComponent, testCase);
        tryVerify(() => page.overview.inspectors.length > 0, 5000);
        exportVia(page, "exportInspectors", "检查员工作量", "csv");
    }

    function test_devicesExport() {
        const page = createTemporaryObject(devicesComponent, testCase);
        exportVia(page, "exportDevices", "设备列表", "csv");
    }

    function test_mapEnterprisesExport() {
        const page = createTemporaryObject(mapComponent, testCase);
        const map = page.map;
        tryVerify(() => map.coveredCount + map.notCoveredCount + map.openMajorCount > 0, 5000);
        exportVia(page, "exportMap", "地图企业", "csv");
    }

    function test_theDrawExportNamesItsFile() {
        const page = createTemporaryObject(drawsComponent, testCase);
        tryVerify(() => page.draw.streets.length > 0, 5000);
        findChild(page, "drawCount").value = 2;
        mouseClick(findChild(page, "forceKey"));
        findChild(page, "drawSeed").text = "5";
        mouseClick(findChild(page, "runDrawButton"));
        tryCompare(page.draw, "seed", "5");
        compare(page.draw.picks.length, 2);
        const button = findChild(page, "exportDrawButton");
        tryVerify(() => button.enabled);
        waitForRendering(page);
        mouseClick(button);
        const message = findChild(page, "exportMessage");
        tryVerify(() => message.visible);
        verify(message.text.startsWith("已导出到 " + folder() + "/双随机抽查结果-"), message.text);
        verify(message.text.endsWith(".csv"), message.text);
    }
}
