import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

TestCase {
    id: testCase
    name: "DateField"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: fieldComponent
        DateField {
            width: 360
        }
    }

    function iso(days) {
        const d = new Date();
        d.setHours(12, 0, 0, 0);
        d.setDate(d.getDate() + days);
        return Qt.formatDate(d, "yyyy-MM-dd");
    }

    function findByName(item, name) {
        if (item.objectName === name)
            return item;
        const kids = item.children ?? [];
        for (let i = 0; i < kids.length; ++i) {
            const found = findByName(kids[i], name);
            if (found)
                return found;
        }
        if (item.contentItem && item.contentItem !== item) {
            const found = findByName(item.contentItem, name);
            if (found)
                return found;
        }
        return null;
    }

    function cleanup() {
        Localization.setLanguage("zh_CN");
    }

    function test_showsTheDateInWordsAndHowFarAway() {
        const field = createTemporaryObject(fieldComponent, testCase, {
                "date": iso(15)
            });
        const button = findByName(field, "dateFieldButton");
        verify(button.text.indexOf("（15 天后）") > 0, button.text);
        verify(button.text.indexOf("年") > 0, "the date in words: " + button.text);
        field.date = "";
        compare(button.text, "选择日期");
        verify(button.height >= Theme.touchTarget);
    }

    function test_aQuickChoiceAndADayOnTheCalendarSetTheDate() {
        const field = createTemporaryObject(fieldComponent, testCase, {
                "date": iso(15),
                "quickDays": [7, 15, 30, 60],
                "minimumDate": iso(0)
            });
        const picked = createTemporaryObject(spyComponent, testCase, {
                "target": field,
                "signalName": "picked"
            });
        mouseClick(findByName(field, "dateFieldButton"));
        tryVerify(() => field.popup.opened);
        const quick = findByName(field.popup.contentItem, "quickDays30");
        verify(quick && quick.visible);
        mouseClick(quick);
        compare(field.date, iso(30));
        compare(picked.count, 1);
        compare(picked.signalArguments[0][0], iso(30));
        tryVerify(() => !field.popup.visible);

        // A day of the shown month, tapped on the grid.
        mouseClick(findByName(field, "dateFieldButton"));
        tryVerify(() => field.popup.opened);
        const target = iso(31);
        const grid = findByName(field.popup.contentItem, "monthGrid");
        if (target.slice(0, 7) !== Qt.formatDate(new Date(field.shownYear, field.shownMonth, 1), "yyyy-MM"))
            mouseClick(findByName(field.popup.contentItem, "nextMonth"));
        let cell = null;
        tryVerify(() => (cell = findByName(grid, "day-" + target)) !== null);
        waitForRendering(grid);
        mouseClick(cell);
        compare(field.date, target);
        compare(picked.count, 2);
    }

    function test_aDayBeforeTheMinimumCannotBeChosen() {
        const field = createTemporaryObject(fieldComponent, testCase, {
                "date": iso(5),
                "minimumDate": iso(0),
                "quickDays": [7]
            });
        verify(!field.choose(iso(-1)));
        compare(field.date, iso(5));
        verify(field.choose(iso(0)));
        compare(field.date, iso(0));
        field.maximumDate = iso(3);
        mouseClick(findByName(field, "dateFieldButton"));
        tryVerify(() => field.popup.opened);
        verify(!findByName(field.popup.contentItem, "quickDays7").enabled, "7 days is past the maximum");
        field.popup.close();
    }

    function test_monthsPageBackAndForthAcrossTheYear() {
        const field = createTemporaryObject(fieldComponent, testCase, {
                "date": "2026-12-20"
            });
        mouseClick(findByName(field, "dateFieldButton"));
        tryVerify(() => field.popup.opened);
        compare(findByName(field.popup.contentItem, "shownMonth").text, "2026年12月");
        mouseClick(findByName(field.popup.contentItem, "nextMonth"));
        compare(findByName(field.popup.contentItem, "shownMonth").text, "2027年1月");
        mouseClick(findByName(field.popup.contentItem, "previousMonth"));
        mouseClick(findByName(field.popup.contentItem, "previousMonth"));
        compare(findByName(field.popup.contentItem, "shownMonth").text, "2026年11月");
        field.popup.close();
    }

    Component {
        id: spyComponent
        SignalSpy {
        }
    }
}
