import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

/// The supervisor's 概览 on a real device store with the demo district: the tiles show the
/// figures core computes (definitions are tested against hand-computed fixtures in
/// tests/metrics), a tile opens the list behind its number, a row opens its record, and the
/// period buttons change the period shown.
TestCase {
    id: testCase
    name: "SupervisorPages"
    width: 1000
    height: 800
    visible: true
    when: windowShown

    Component {
        id: overviewComponent
        OverviewPage {
            width: 1000
            height: 800
        }
    }

    Component {
        id: inspectorsComponent
        InspectorsPage {
            width: 1000
            height: 800
        }
    }
    Component {
        id: devicesComponent
        DevicesPage {
            width: 1000
            height: 800
        }
    }

    Component {
        id: mapComponent
        MapPage {
            width: 1000
            height: 800
        }
    }

    SignalSpy {
        id: pageRequests
        target: Navigator
        signalName: "pageRequested"
    }

    function initTestCase() {
        verify(DeviceStore.openDemo(""), "openDemo: " + DeviceStore.lastError);
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

    function overviewPage() {
        const page = createTemporaryObject(overviewComponent, testCase);
        tryVerify(() => page.figures.enterprises !== undefined, 5000);
        return page;
    }

    function test_tilesShowTheFiguresAndOpenTheirLists() {
        const page = overviewPage();
        const f = page.figures;
        verify(f.enterprises >= 3, "the demo register: " + JSON.stringify(f));
        verify(f.found >= 1, "the demo hazards");
        const covered = findChild(page, "tile-covered");
        verify(findText(covered, "%1 / %2 家企业已检查".arg(f.covered).arg(f.enterprises)));
        compare(findChild(findChild(page, "tile-found"), "tileValue").text, String(f.found));
        compare(findChild(findChild(page, "tile-overdue"), "tileValue").text, String(f.overdue));
        verify(findChild(covered, "tileTrend").text.length > 0);
        verify(findText(page, "各街道覆盖率"));
        mouseClick(findChild(page, "tile-found"));
        const drawer = findChild(page, "drillDrawer");
        tryVerify(() => drawer.opened);
        const list = findChild(page, "drillList");
        tryVerify(() => list.count === f.found);
        compare(findChild(page, "drillTitle").text, "发现隐患（%1）".arg(f.found));
        // Each row names the finding and its enterprise.
        tryVerify(() => findChild(list, "drillRow-0") !== null);
        const row = findChild(list, "drillRow-0");
        verify(row.text.indexOf(" · ") > 0, row.text);
        drawer.close();
        tryVerify(() => !drawer.visible);
        mouseClick(findChild(page, "tile-covered"));
        tryVerify(() => drawer.opened);
        tryVerify(() => list.count === f.covered);
    }

    function test_chartsDrawTheFiguresAndOpenTheirLists() {
        const page = overviewPage();
        const f = page.figures;
        // Where the period's hazards stand: one slice each, summing to the hazards found.
        const pie = page.rectificationSeries;
        verify(findChild(page, "rectificationChart").visible);
        compare(pie.count, 3);
        compare(pie.at(0).value, f.rectified);
        compare(pie.at(2).value, f.overdue);
        compare(pie.at(0).value + pie.at(1).value + pie.at(2).value, f.found);
        verify(pie.at(2).label.indexOf(String(f.overdue)) > 0, pie.at(2).label);
        // Coverage by street: a bar per street, covered plus not covered = registered.
        const bars = page.streetSeries;
        const streets = page.overview.byStreet;
        verify(streets.length >= 1);
        compare(bars.axisY.categories.length, streets.length);
        compare(bars.count, 2);
        for (let i = 0; i < streets.length; ++i) {
            compare(bars.at(0).at(i), streets[i].covered);
            compare(bars.at(0).at(i) + bars.at(1).at(i), streets[i].registered);
        }
        // A tap on the overdue slice opens the overdue hazards; on a street's bar, its enterprises.
        const drawer = findChild(page, "drillDrawer");
        const list = findChild(page, "drillList");
        pie.clicked(pie.at(2));
        tryVerify(() => drawer.opened);
        tryVerify(() => list.count === f.overdue);
        drawer.close();
        tryVerify(() => !drawer.visible);
        bars.clicked(0, bars.at(1));
        tryVerify(() => drawer.opened);
        tryVerify(() => list.count === streets[0].registered - streets[0].covered);
        verify(findChild(page, "drillTitle").text.indexOf("未覆盖的企业") > 0);
        drawer.close();
        tryVerify(() => !drawer.visible);
    }

    function test_coverageByIndustryNamesEachIndustryAndOpensItsEnterprises() {
        const page = overviewPage();
        const industries = page.overview.byIndustry;
        verify(industries.length >= 2, JSON.stringify(industries));
        verify(findText(page, "按行业"));
        let registered = 0;
        for (const g of industries)
            registered += g.registered;
        compare(registered, page.figures.enterprises);
        // Each row is named by its GB/T 4754 class and shows covered / registered.
        const stamping = industries.find(g => g.key === "C3670");
        verify(stamping !== undefined, JSON.stringify(industries));
        const bar = findChild(page, "coverage-industry-C3670");
        verify(bar !== null);
        verify(findText(bar, "汽车零部件及配件制造"));
        verify(findText(bar, "%1 / %2".arg(stamping.covered).arg(stamping.registered)));
        // A tap lists that industry's enterprises not yet covered.
        waitForRendering(page);
        bar.clicked();
        const drawer = findChild(page, "drillDrawer");
        tryVerify(() => drawer.opened);
        tryVerify(() => findChild(page, "drillList").count === stamping.registered - stamping.covered);
        verify(findChild(page, "drillTitle").text.indexOf("汽车零部件及配件制造") === 0, findChild(page, "drillTitle").text);
        drawer.close();
        tryVerify(() => !drawer.visible);
    }

    function test_thePeriodButtonsChangeThePeriod() {
        const page = overviewPage();
        const year = page.overview.from;
        compare(year.substring(5), "01-01");
        mouseClick(findChild(page, "period-month"));
        tryVerify(() => page.overview.from !== year);
        compare(page.overview.from.substring(8), "01");
        verify(page.overview.from.substring(0, 4) === year.substring(0, 4));
        verify(findChild(page, "periodLabel").text.indexOf("至") > 0);
    }

    function test_aCustomPeriodShowsItsDays() {
        const page = overviewPage();
        const yearFrom = page.overview.from;
        mouseClick(findChild(page, "period-custom"));
        const popup = findChild(page, "period-customPopup");
        tryVerify(() => popup.opened);
        // The calendars start from the period shown; nothing changes until 查看.
        compare(findChild(popup.contentItem, "period-customFrom").date, yearFrom);
        compare(page.overview.periodKind, "year");
        verify(!findChild(page, "period-custom").checked);
        const apply = findChild(popup.contentItem, "period-customApply");
        // The last day before the first cannot be applied.
        findChild(popup.contentItem, "period-customFrom").date = yearFrom.substring(0, 4) + "-03-10";
        findChild(popup.contentItem, "period-customTo").date = yearFrom.substring(0, 4) + "-03-01";
        verify(!apply.enabled);
        findChild(popup.contentItem, "period-customTo").date = yearFrom.substring(0, 4) + "-04-20";
        verify(apply.enabled);
        mouseClick(apply);
        tryVerify(() => !popup.visible);
        compare(page.overview.periodKind, "custom");
        tryCompare(page.overview, "from", yearFrom.substring(0, 4) + "-03-10");
        compare(page.overview.to, yearFrom.substring(0, 4) + "-04-20");
        verify(findChild(page, "period-custom").checked);
        verify(!findChild(page, "period-year").checked);
        // Back to the year.
        mouseClick(findChild(page, "period-year"));
        tryCompare(page.overview, "from", yearFrom);
        // A reversed period is refused by the model too, and nothing changes.
        verify(!page.overview.setCustomPeriod("2026-05-01", "2026-04-01"));
        compare(page.overview.periodKind, "year");
    }

    function test_inspectorsListTheirWorkload() {
        const page = createTemporaryObject(inspectorsComponent, testCase);
        tryVerify(() => page.overview.inspectors.length > 0, 5000, "the demo's finished inspection");
        const list = findChild(page, "inspectorList");
        tryVerify(() => list.count === page.overview.inspectors.length);
        const first = page.overview.inspectors[0];
        tryVerify(() => findChild(list, "inspector-0") !== null);
        const row = findChild(list, "inspector-0");
        verify(findText(row, first.name));
        verify(findText(row, "检查 %1 次 · 发现隐患 %2 条".arg(first.inspections).arg(first.hazards)));
    }

    // In English the counts take their plural forms: "1 inspection", "1 hazard", not "1 … s".
    function test_inspectorCountsArePluralFormsInEnglish() {
        const page = createTemporaryObject(inspectorsComponent, testCase);
        tryVerify(() => page.overview.inspectors.length > 0, 5000, "the demo's finished inspection");
        const first = page.overview.inspectors[0];
        verify(first.inspections === 1, "the demo's one finished inspection: " + first.inspections);
        const list = findChild(page, "inspectorList");
        tryVerify(() => findChild(list, "inspector-0") !== null);
        const row = findChild(list, "inspector-0");
        verify(Localization.setLanguage("en"));
        try {
            const hazards = first.hazards === 1 ? "1 hazard (" : first.hazards + " hazards (";
            tryVerify(() => findText(row, "1 inspection · " + hazards) !== null, 2000, "1 inspection · " + hazards);
        } finally {
            Localization.setLanguage("zh_CN");
        }
    }

    function test_devicesSayWhenNothingIsKnownYet() {
        const page = createTemporaryObject(devicesComponent, testCase);
        wait(100);
        compare(page.devices.count, 0);
        verify(findText(page, "还没有设备信息"));
    }

    function mapPage() {
        const page = createTemporaryObject(mapComponent, testCase);
        const map = page.map;
        tryVerify(() => map.coveredCount + map.notCoveredCount + map.openMajorCount > 0, 5000);
        return page;
    }

    function test_mapShowsEveryEnterpriseWithTheOverviewsCoverage() {
        // The same figures as the overview of the same period: every registered enterprise
        // with coordinates is on the map, the covered ones as covered unless a major hazard is open.
        const overview = overviewPage();
        const f = overview.figures;
        overview.visible = false;
        const page = mapPage();
        const map = page.map;
        compare(map.coveredCount + map.notCoveredCount + map.openMajorCount + map.unlocatedCount, f.enterprises);
        verify(map.coveredCount <= f.covered);
        // The legend says what each marker counts.
        compare(findChild(page, "legendCovered").text, "已检查 %1".arg(map.coveredCount));
        compare(findChild(page, "legendNotCovered").text, "未检查 %1".arg(map.notCoveredCount));
        compare(findChild(page, "legendOpenMajor").text, "有重大隐患未销号 %1".arg(map.openMajorCount));
        // Each street is named on the map.
        verify(map.streetLabels.length >= 1);
        verify(findText(page, map.streetLabels[0].name));
        // Markers are drawn in their colour where the map says they are.
        const image = grabImage(page);
        const first = firstMarker(map);
        verify(first.id.length > 0, "a marker on the map");
        const inPage = map.mapToItem(page, first.pos.x, first.pos.y);
        const colour = image.pixel(Math.round(inPage.x), Math.round(inPage.y));
        const expected = [map.coveredColor, map.notCoveredColor, map.openMajorColor][map.markerOf(first.id)];
        verify(Qt.colorEqual(colour, expected), colour + " vs " + expected);
    }

    /// The first enterprise the map shows, found through its hit test on a grid.
    function firstMarker(map) {
        for (let y = 0; y < map.height; y += 4) {
            for (let x = 0; x < map.width; x += 4) {
                const id = map.enterpriseAt(x, y);
                if (id.length > 0)
                    return {
                        "id": id,
                        "pos": map.positionOf(id)
                    };
            }
        }
        return {
            "id": "",
            "pos": Qt.point(-1, -1)
        };
    }

    function test_tapOnAMarkerOpensItsEnterpriseAndEmptyGroundNothing() {
        const page = mapPage();
        const map = page.map;
        const first = firstMarker(map);
        verify(first.id.length > 0);
        pageRequests.clear();
        mouseClick(map, first.pos.x, first.pos.y);
        tryCompare(pageRequests, "count", 1);
        compare(pageRequests.signalArguments[0][1].enterpriseId, first.id);
        // A corner of the map is empty ground (markers keep a margin): no page opens.
        mouseClick(map, 2, 2);
        wait(50);
        compare(pageRequests.count, 1);
    }

    function test_zoomAndDragMoveTheViewAndTheTapStillHits() {
        const page = mapPage();
        const map = page.map;
        const first = firstMarker(map);
        const before = map.positionOf(first.id);
        const cx = map.width / 2, cy = map.height / 2;
        // Zoom in about the centre: every marker moves away from it by the factor.
        mouseClick(findChild(page, "zoomIn"));
        compare(map.zoom, 1.5);
        let after = map.positionOf(first.id);
        fuzzyCompare(after.x, cx + (before.x - cx) * 1.5, 0.5);
        fuzzyCompare(after.y, cy + (before.y - cy) * 1.5, 0.5);
        verify(findChild(page, "zoomOut").enabled);
        // A drag moves the map with the finger.
        const start = Qt.point(cx, cy);
        mousePress(map, start.x, start.y);
        mouseMove(map, start.x + 20, start.y + 10);
        mouseMove(map, start.x + 40, start.y + 30);
        mouseRelease(map, start.x + 40, start.y + 30);
        const dragged = map.positionOf(first.id);
        fuzzyCompare(dragged.x - after.x, 40, 0.5);
        fuzzyCompare(dragged.y - after.y, 30, 0.5);
        // Zoomed and moved, a tap on the marker still opens its enterprise.
        pageRequests.clear();
        if (dragged.x > 0 && dragged.x < map.width && dragged.y > 0 && dragged.y < map.height) {
            mouseClick(map, dragged.x, dragged.y);
            tryCompare(pageRequests, "count", 1);
            compare(pageRequests.signalArguments[0][1].enterpriseId, first.id);
        }
        // 全区 shows the whole district again.
        mouseClick(findChild(page, "zoomReset"));
        compare(map.zoom, 1);
        after = map.positionOf(first.id);
        fuzzyCompare(after.x, before.x, 0.5);
        fuzzyCompare(after.y, before.y, 0.5);
        // The wheel zooms about the pointer: the point under it stays.
        mouseWheel(map, before.x, before.y, 0, 120);
        verify(map.zoom > 1);
        after = map.positionOf(first.id);
        fuzzyCompare(after.x, before.x, 0.5);
        fuzzyCompare(after.y, before.y, 0.5);
    }

    function test_mapPeriodButtonsChangeWhatCounts() {
        const page = mapPage();
        const map = page.map;
        compare(map.periodKind, "year");
        const yearCovered = map.coveredCount;
        mouseClick(findChild(page, "mapPeriod-month"));
        compare(map.periodKind, "month");
        // A month covers no more than its year.
        tryVerify(() => map.coveredCount <= yearCovered);
        const month = findChild(page, "mapPeriod-month");
        verify(month.checked);
        // The chosen period is filled, so it reads at a glance (also in offscreen pictures).
        const image = grabImage(page);
        const at = month.mapToItem(page, 4, month.height / 2);
        verify(Qt.colorEqual(image.pixel(at.x, at.y), Theme.primary), image.pixel(at.x, at.y));
        const year = findChild(page, "mapPeriod-year");
        const yearAt = year.mapToItem(page, 4, year.height / 2);
        verify(!Qt.colorEqual(image.pixel(yearAt.x, yearAt.y), Theme.primary));
    }
}
