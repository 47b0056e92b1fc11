import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui

/// The inspection runner's section list on a real device store with the demo data: rows with
/// their answers, 本节全部符合 / 本节不适用 for the unanswered items only, undo, 下一个未答项,
/// a failed row's hazard sheet, and the finish button on a tablet.
TestCase {
    id: testCase
    name: "InspectionSections"
    width: 1280
    height: 800
    visible: true
    when: windowShown

    Component {
        id: phoneComponent
        InspectionPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: tabletComponent
        InspectionPage {
            width: 1280
            height: 800
        }
    }

    function initTestCase() {
        verify(DeviceStore.openDemo(""), "openDemo: " + DeviceStore.lastError);
    }

    function startedInspection(component) {
        const search = createTemporaryObject(searchComponent, testCase);
        search.query = "恒泰";
        tryVerify(() => search.model.count === 1);
        const page = createTemporaryObject(component, testCase, {
                "enterpriseId": search.model.get(0).uscc
            });
        tryVerify(() => page.controller.templateOptions.length > 0);
        mouseClick(findChild(page, "startInspectionButton"));
        tryVerify(() => page.stage === "run", 10000);
        verify(page.controller.totalCount > 3);
        return page;
    }

    Component {
        id: enterpriseComponent
        EnterprisePage {
            width: 400
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

    function progressText(page) {
        return findChild(page, "inspectionProgress").text;
    }

    // The delegate of item `index`, scrolled into view.
    function row(page, index) {
        const list = findChild(page, "sectionList");
        list.positionViewAtIndex(index, ListView.Contain);
        waitForRendering(list);
        let found = null;
        tryVerify(() => (found = findChild(list, "sectionRow_" + index)) !== null);
        return found;
    }

    // The header of the checklist `ref` (above its first item), scrolled into view.
    function header(page, ref) {
        const list = findChild(page, "sectionList");
        const sections = page.controller.progress;
        for (let i = 0; i < sections.length; ++i)
            if (sections[i].ref === ref)
                list.positionViewAtIndex(sections[i].firstIndex, ListView.Beginning);
        waitForRendering(list);
        let found = null;
        tryVerify(() => (found = findChild(list, "sectionHeader_" + ref)) !== null && found.visible);
        return found;
    }

    // Whether `item` lies wholly inside the visible part of `view`.
    function onScreen(item, view) {
        const p = item.mapToItem(view, 0, 0);
        return p.y >= -1 && p.y + item.height <= view.height + 1;
    }

    function answeredMarks(rowItem) {
        const buttons = findChild(rowItem, "rowAnswerButtons");
        let marks = 0;
        for (const answer of ["pass", "fail", "na"])
            if (findChild(buttons, "answer_" + answer).text.indexOf("✓") >= 0)
                ++marks;
        return marks;
    }

    function test_1_sectionListAnswersUndoesAndJumps() {
        const page = startedInspection(phoneComponent);
        const ctrl = page.controller;
        ctrl.undoWindowMs = 60000;
        mouseClick(findChild(page, "sectionListTab"));
        const list = findChild(page, "sectionList");
        tryVerify(() => list.visible);
        verify(!findChild(page, "runStage").visible);
        compare(list.count, ctrl.totalCount);
        const sections = ctrl.progress;
        verify(sections.length >= 2, "two checklists to answer by section");
        const first = sections[0];
        const second = sections[1];

        // Rows show the item and no answer yet; the section header its count.
        const row0 = row(page, 0);
        verify(findChild(row0, "rowText").text.indexOf(ctrl.checklist.get(0).text) >= 0);
        compare(answeredMarks(row0), 0);
        const head = header(page, first.ref);
        verify(findChild(head, "sectionTitle").text.indexOf("0 / " + first.total) >= 0);

        // One item answered in its row.
        mouseClick(findChild(findChild(row0, "rowAnswerButtons"), "answer_pass"));
        tryVerify(() => ctrl.answeredCount === 1);
        tryVerify(() => findChild(findChild(row0, "rowAnswerButtons"), "answer_pass").selected);
        verify(progressText(page).indexOf("已答 1 / " + ctrl.totalCount) >= 0, progressText(page));
        verify(findChild(head, "sectionTitle").text.indexOf("1 / " + first.total) >= 0);

        // A failed row offers the hazard sheet, as on the one-item screen.
        const row1 = row(page, 1);
        mouseClick(findChild(findChild(row1, "rowAnswerButtons"), "answer_fail"));
        tryVerify(() => ctrl.answeredCount === 2);
        const hazardButton = findChild(row1, "rowHazardButton");
        tryVerify(() => hazardButton.visible);
        mouseClick(hazardButton);
        tryVerify(() => page.stage === "hazard");
        tryVerify(() => findChild(page, "hazardPlace") !== null);
        mouseClick(findChild(page, "backButton"));
        compare(page.stage, "run");
        tryVerify(() => list.visible);

        // 本节全部符合 answers only the unanswered items; the counter says so at once.
        mouseClick(findChild(header(page, first.ref), "sectionPassButton"));
        tryVerify(() => ctrl.answeredCount === first.total);
        verify(progressText(page).indexOf("已答 " + first.total + " / ") >= 0, progressText(page));
        compare(ctrl.checklist.get(1).result, "fail");
        compare(ctrl.checklist.get(2).result, "pass");
        const undoBar = findChild(page, "undoBar");
        tryVerify(() => undoBar.visible);
        verify(findChild(undoBar, "undoText").text.indexOf(String(first.total - 2)) >= 0, findChild(undoBar, "undoText").text);
        verify(findChild(row(page, 2), "rowAnswerButtons").value === "pass");

        // 撤销 restores: the items are unanswered again, the answered two keep their answers.
        mouseClick(findChild(undoBar, "undoButton"));
        tryVerify(() => !undoBar.visible);
        compare(ctrl.answeredCount, 2);
        verify(progressText(page).indexOf("已答 2 / ") >= 0, progressText(page));
        compare(answeredMarks(row(page, 2)), 0);
        compare(ctrl.checklist.get(1).result, "fail");
        compare(ctrl.checklist.get(0).result, "pass");

        // 下一个未答项 goes to the first unanswered item after the current one.
        page.current = 1;
        mouseClick(findChild(page, "nextUnansweredButton"));
        compare(page.current, 2);
        verify(onScreen(row(page, 2), list));

        // 本节不适用, left to its undo window, is stored.
        ctrl.undoWindowMs = 200;
        mouseClick(findChild(header(page, first.ref), "sectionNaButton"));
        tryVerify(() => ctrl.answeredCount === first.total);
        tryVerify(() => !undoBar.visible, 5000);
        compare(ctrl.answeredCount, first.total);
        compare(ctrl.checklist.get(2).result, "na");
        tryVerify(() => ctrl.checklist.get(2).answerId.length > 0);

        // Now the first unanswered item is the second checklist's first one, even from the top.
        page.current = 0;
        mouseClick(findChild(page, "nextUnansweredButton"));
        compare(page.current, second.firstIndex);
        const target = row(page, second.firstIndex);
        verify(onScreen(target, list));
        compare(answeredMarks(target), 0);
    }

    // A section with every item answered offers no section answer.
    function test_2_answeredSectionDisablesItsButtons() {
        const page = startedInspection(phoneComponent);
        const ctrl = page.controller;
        ctrl.undoWindowMs = 60000;
        mouseClick(findChild(page, "sectionListTab"));
        const ref = ctrl.progress[0].ref;
        const pass = findChild(header(page, ref), "sectionPassButton");
        verify(pass.enabled);
        mouseClick(pass);
        tryVerify(() => !findChild(header(page, ref), "sectionPassButton").enabled);
        verify(!findChild(header(page, ref), "sectionNaButton").enabled);
        // The one-item screen shows the section answer too.
        mouseClick(findChild(page, "oneByOneTab"));
        tryVerify(() => findChild(page, "runStage").visible);
        compare(findChild(page, "answerButtons").value, "pass");
    }

    // On a tablet the finish button is on screen beside 上一项 / 下一项, not under them.
    function test_3_tabletFinishButtonIsVisibleAndNotCovered() {
        const page = startedInspection(tabletComponent);
        tryVerify(() => !isPolishScheduled(page));
        waitForRendering(page);
        const finish = findChild(page, "barFinishButton");
        const previous = findChild(page, "previousButton");
        const next = findChild(page, "nextButton");
        verify(finish.visible);
        verify(finish.width > 0 && finish.height > 0);
        const f = finish.mapToItem(page, 0, 0);
        verify(f.x >= 0 && f.y >= 0 && f.x + finish.width <= page.width && f.y + finish.height <= page.height, "finish button inside the page");
        for (const other of [previous, next]) {
            verify(other.visible);
            const o = other.mapToItem(page, 0, 0);
            const apart = f.x + finish.width <= o.x || o.x + other.width <= f.x || f.y + finish.height <= o.y || o.y + other.height <= f.y;
            verify(apart, other.objectName + " overlaps the finish button");
        }
        mouseClick(finish);
        tryVerify(() => page.stage === "finish");
    }

    // Scrolls the Flickable holding `item` so that the item is on screen.
    function scrollIntoView(item) {
        let f = item.parent;
        while (f && f.contentY === undefined)
            f = f.parent;
        verify(f !== null, "no Flickable above the item");
        const y = item.mapToItem(f.contentItem, 0, 0).y;
        f.contentY = Math.max(0, Math.min(y - 8, f.contentHeight - f.height));
        waitForRendering(f);
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
        if (item.contentItem)
            return findText(item.contentItem, text);
        return null;
    }

    // On the one-item screen 下一个未答项 skips answered items too.
    function test_3b_oneItemScreenJumpsToTheNextUnanswered() {
        const page = startedInspection(phoneComponent);
        const ctrl = page.controller;
        ctrl.answer(ctrl.checklist.get(1).code, "pass");
        ctrl.answer(ctrl.checklist.get(2).code, "na");
        tryVerify(() => ctrl.answeredCount === 2);
        compare(page.current, 0);
        const jump = findChild(page, "runNextUnansweredButton");
        verify(jump.visible);
        scrollIntoView(jump);
        mouseClick(jump);
        compare(page.current, 3);
        tryVerify(() => findChild(page, "itemText").text === ctrl.checklist.get(3).text);
        compare(findChild(page, "answerButtons").value, "");
    }

    // The one-item screen names the item's checklist, not its code.
    function test_4_oneItemScreenNamesTheChecklist() {
        const page = startedInspection(phoneComponent);
        const item = page.controller.checklist.get(0);
        const position = findChild(page, "itemPosition");
        verify(position.text.indexOf(item.templateTitle) >= 0, position.text);
        verify(position.text.indexOf(item.code) < 0, position.text);
    }

    // 依据 on the hazard sheet starts at its beginning, elided at the end; a tap shows all of it.
    function test_5_hazardSheetBasisShowsItsBeginningAndOpensOnTap() {
        const page = startedInspection(phoneComponent);
        const ctrl = page.controller;
        let longest = 0;
        for (let i = 1; i < ctrl.totalCount; ++i)
            if (ctrl.checklist.get(i).basis.length > ctrl.checklist.get(longest).basis.length)
                longest = i;
        const code = ctrl.checklist.get(longest).code;
        ctrl.answer(code, "fail");
        tryVerify(() => ctrl.checklist.get(longest).result === "fail");
        page.recordHazard(code);
        let basis = null;
        tryVerify(() => (basis = findChild(page, "hazardBasis")) !== null);
        const proposed = ctrl.proposeHazard(code).basis;
        verify(proposed.length > 60, proposed);
        compare(basis.text, proposed);
        compare(basis.elide, Text.ElideRight);
        verify(basis.truncated, "a long basis is elided at the end");
        scrollIntoView(basis);
        const folded = basis.height;
        mouseClick(basis);
        tryVerify(() => !basis.truncated);
        tryVerify(() => basis.height > folded, 2000, "the whole basis takes more room: " + basis.height);
        mouseClick(basis);
        tryVerify(() => basis.truncated);
    }

    // 行业 names the industry, not its GB/T 4754 code.
    function test_6_enterpriseIndustryIsNamed() {
        const search = createTemporaryObject(searchComponent, testCase);
        search.query = "恒泰";
        tryVerify(() => search.model.count === 1);
        const page = createTemporaryObject(enterpriseComponent, testCase, {
                "enterpriseId": search.model.get(0).uscc
            });
        tryVerify(() => (page.details.industry_code ?? "").length > 0);
        compare(page.details.industry_code, "C3670");
        verify(findText(page, "汽车零部件及配件制造") !== null);
        verify(findText(page, "C3670") === null);
    }

    // In English a single hazard is "1 hazard" (plural forms), not "1 hazards".
    function test_7_oneHazardIsSingularInEnglish() {
        const page = startedInspection(phoneComponent);
        const ctrl = page.controller;
        const code = ctrl.checklist.get(0).code;
        ctrl.answer(code, "fail");
        tryVerify(() => ctrl.checklist.get(0).result === "fail");
        const fields = ctrl.proposeHazard(code);
        fields.place = "冲压车间";
        ctrl.createHazard(fields);
        tryVerify(() => ctrl.hazardCount === 1, 10000);
        verify(Localization.setLanguage("en"));
        const progress = findChild(page, "inspectionProgress");
        try {
            tryVerify(() => progress.text.indexOf("· 1 hazard ·") >= 0, 2000, progress.text);
            // The finishing summary and the hazard sheet's photo line count the same way.
            compare(qsTranslate("InspectionFinishStage", "已答 %1 / %2 项，发现隐患 %n 条。", "", 1).arg(3).arg(9), "3 / 9 answered, 1 hazard found.");
            compare(qsTranslate("InspectionFinishStage", "已答 %1 / %2 项，发现隐患 %n 条。", "", 2).arg(3).arg(9), "3 / 9 answered, 2 hazards found.");
            compare(qsTranslate("HazardSheet", "已带入检查项的 %n 张照片", "", 1), "1 photo from the checklist item");
            compare(qsTranslate("HazardSheet", "已带入检查项的 %n 张照片", "", 3), "3 photos from the checklist item");
        } finally {
            Localization.setLanguage("zh_CN");
        }
        verify(progress.text.indexOf("隐患 1 条") >= 0, progress.text);
    }
}
