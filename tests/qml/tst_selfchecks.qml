import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

/// Enterprises' self-checks (企业自查) as the inspector and the supervisor see them: the
/// enterprise page's 企业自查 section, apart from the inspections, and the overview's count.
TestCase {
    id: testCase
    name: "SelfChecks"
    width: 1000
    height: 800
    visible: true
    when: windowShown

    Component {
        id: enterpriseComponent
        EnterprisePage {
            width: 400
            height: 800
        }
    }
    Component {
        id: overviewComponent
        OverviewPage {
            width: 1000
            height: 800
        }
    }
    Component {
        id: searchComponent
        EnterpriseSearchPage {
            width: 400
            height: 800
        }
    }

    property string beichen

    function initTestCase() {
        verify(DeviceStore.openDemo(""), "openDemo: " + DeviceStore.lastError);
        const search = createTemporaryObject(searchComponent, testCase);
        search.query = "北辰";
        tryVerify(() => search.model.count === 1);
        testCase.beichen = search.model.get(0).uscc;
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

    function test_0_theEnterprisePageShowsTheSelfCheckRecordApartFromInspections() {
        const page = createTemporaryObject(enterpriseComponent, testCase, {
                "enterpriseId": testCase.beichen
            });
        tryVerify(() => page.details.name === "青禾北辰精密铸造厂");
        compare(findChild(page, "selfCheckHeader").text, "企业自查（0）");
        verify(findText(page, "企业还没有自查记录。") !== null);
        verify(findText(page, "检查记录（1）") !== null);
        verify(StoreFixtures.addSelfCheck(testCase.beichen, new Date().toISOString()));
        tryCompare(findChild(page, "selfCheckHeader"), "text", "企业自查（1）");
        verify(findText(page, "企业还没有自查记录。") === null);
        const row = findChild(page, "selfCheckRow");
        verify(row !== null);
        verify(row.text.indexOf("已完成 · 发现隐患 2 条，未销号 1 条") > 0, row.text);
        // The inspectors' record is unchanged: a self-check is not an inspection.
        verify(findText(page, "检查记录（1）") !== null);
    }

    function test_1_theOverviewCountsSelfChecksDoneInThePeriod() {
        const page = createTemporaryObject(overviewComponent, testCase);
        tryVerify(() => page.figures.enterprises !== undefined, 5000);
        tryVerify(() => page.figures.selfChecks === 1, 5000);
        const tile = findChild(page, "tile-selfChecks");
        verify(tile !== null);
        compare(findChild(tile, "tileValue").text, "1 次");
        verify(findText(tile, "1 家企业完成自查") !== null);
    }
}
