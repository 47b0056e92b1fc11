import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

/// The enterprise's pages on a real device store holding 恒泰's demo tasks (signed in as 赵丽),
/// driven by taps and keystrokes and checked by what the user sees: the task list's order,
/// counts and filters, the "新消息" list, a task's detail with no inspector action, submitting
/// with and without evidence, a rejected task's reason and resubmission, 已完成 and 企业信息;
/// the enterprise's own self-found hazards stay out of the tasks, their counts and reminders.
TestCase {
    id: testCase
    name: "EnterprisePages"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: tasksComponent
        TasksPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: detailComponent
        HazardDetailPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: submitComponent
        RectificationPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: completedComponent
        CompletedPage {
            width: 400
            height: 800
        }
    }
    Component {
        id: selfFoundComponent
        HazardListModel {
            store: DeviceStore
            enterpriseId: DeviceStore.userEnterpriseId
            source: HazardSource.SelfCheck
            statuses: [HazardStatus.Open, HazardStatus.Verified]
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
    }
    Component {
        id: infoComponent
        EnterpriseInfoPage {
            width: 400
            height: 800
        }
    }

    function initTestCase() {
        verify(DeviceStore.openDemoAs("enterprise", ""), "openDemoAs: " + DeviceStore.lastError);
        compare(DeviceStore.userRole, "enterprise");
    }

    function cleanupTestCase() {
        // The store is shared by the test files: take test_8's self-check away again.
        verify(StoreFixtures.removeSelfCheck(DeviceStore.userEnterpriseId));
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

    function tasksPage() {
        const page = createTemporaryObject(tasksComponent, testCase);
        tryVerify(() => page.tasks.count === 3, 5000, "three open tasks");
        return page;
    }

    function taskId(page, description) {
        for (let i = 0; i < page.tasks.count; ++i)
            if (page.tasks.get(i).description === description)
                return page.tasks.get(i).id;
        return "";
    }

    function rowTexts(page) {
        const out = [];
        for (let i = 0; i < page.tasks.count; ++i)
            out.push(page.tasks.get(i).description);
        return out;
    }

    function test_1_tasksComeOverdueFirstWithCountsAndFilters() {
        const page = tasksPage();
        compare(rowTexts(page), ["二号冲床光电保护装置被短接", "消防通道堆放成品，宽度不足", "配电箱门缺失，带电部位裸露"]);
        // What the user reads on the rows: the major mark, overdue in words, the status words.
        verify(findText(page, "【重大】二号冲床光电保护装置被短接"));
        verify(findText(page, "已逾期 6\u00a0天"));
        verify(findText(page, "被退回 · 已逾期"));
        verify(findText(page, "剩 2\u00a0天"));
        // The filters carry their counts.
        compare(findChild(page, "filter-all").text, "全部 3");
        compare(findChild(page, "filter-open").text, "待整改 2");
        compare(findChild(page, "filter-submitted").text, "已提交待复查 0");
        compare(findChild(page, "filter-rejected").text, "被退回 1");
        compare(findChild(page, "filter-overdue").text, "已逾期 2");
        compare(Navigator.badges["tasks"], 3);
        verify(findText(page, "需要尽快处理：2 项已逾期，1 项 3 天内到期"));
        mouseClick(findChild(page, "filter-rejected"));
        tryVerify(() => page.tasks.count === 1);
        compare(rowTexts(page), ["消防通道堆放成品，宽度不足"]);
        mouseClick(findChild(page, "filter-overdue"));
        tryVerify(() => page.tasks.count === 2);
        mouseClick(findChild(page, "filter-submitted"));
        tryVerify(() => page.tasks.count === 0);
        verify(findText(page, "没有符合条件的任务"));
        mouseClick(findChild(page, "filter-all"));
        tryVerify(() => page.tasks.count === 3);
    }

    function test_2_newsListsTheRejectionAndTheVerificationUntilSeen() {
        const page = tasksPage();
        tryVerify(() => page.changes.count === 2);
        const box = findChild(page, "changesBox");
        verify(box.visible);
        verify(findText(box, "被退回 · 消防通道堆放成品，宽度不足"));
        verify(findText(box, "退回原因：通道仍有两处堆放"));
        verify(findText(box, "已销号 · 灭火器压力不足"));
        mouseClick(findChild(page, "markChangesSeen"));
        tryVerify(() => page.changes.count === 0);
        verify(!box.visible);
        // Seen stays seen: a new page reads the same mark.
        const again = tasksPage();
        wait(200);
        compare(again.changes.count, 0);
    }

    function test_3_aTaskShowsItsOrderAndNoInspectorAction() {
        const id = taskId(tasksPage(), "配电箱门缺失，带电部位裸露");
        const detail = createTemporaryObject(detailComponent, testCase, {
                "hazardId": id
            });
        tryVerify(() => detail.controller.found);
        compare(findChild(detail, "hazardDescription").text, "配电箱门缺失，带电部位裸露");
        compare(findChild(detail, "hazardStatus").label, "待整改");
        verify(findText(detail, "加装配电箱门并上锁"));
        verify(findText(detail, "《安全生产法》第三十六条"));
        verify(findText(detail, "下达整改指令"));
        // The order the inspector issued: its number, and its PDF to open in the app.
        const number = findChild(detail, "orderNumber");
        verify(/^\(青\)应急责改〔\d{4}〕8号$/.test(number.text), number.text);
        const open = findChild(detail, "openOrderButton");
        tryVerify(() => open.visible);
        compare(open.text, "查看指令书");
        verify(!findChild(detail, "orderPdfPending").visible);
        verify(!findChild(detail, "reinspectButton").visible);
        verify(!findChild(detail, "extendDeadlineButton").visible);
        verify(!findChild(detail, "editHazardButton").visible);
        const submit = findChild(detail, "submitTaskButton");
        verify(submit.visible);
        compare(submit.text, "提交整改");
    }

    function test_3b_anOrderNotYetReceivedSaysSoAndOffersNoPdf() {
        const id = taskId(tasksPage(), "配电箱门缺失，带电部位裸露");
        // Before the sync brings it: no order on the hazard at all.
        const issued = StoreFixtures.swapHazardOrder(id, {});
        verify(issued.number !== undefined, "the demo task carries its order");
        let detail = createTemporaryObject(detailComponent, testCase, {
                "hazardId": id
            });
        tryVerify(() => detail.controller.found);
        compare(findChild(detail, "orderNumber").text, "本设备尚未收到指令书");
        verify(!findChild(detail, "openOrderButton").visible);
        detail.destroy();
        // The number arrived, its PDF not yet.
        const pending = Object.assign({}, issued);
        pending.pdf = "0".repeat(64);
        StoreFixtures.swapHazardOrder(id, pending);
        detail = createTemporaryObject(detailComponent, testCase, {
                "hazardId": id
            });
        tryVerify(() => detail.controller.found);
        compare(findChild(detail, "orderNumber").text, issued.number);
        verify(!findChild(detail, "openOrderButton").visible);
        const waiting = findChild(detail, "orderPdfPending");
        verify(waiting.visible);
        compare(waiting.text, "指令书文件尚未下载，联网同步后可在此查看");
        StoreFixtures.swapHazardOrder(id, issued);
    }

    function test_4_submittingWithoutEvidenceIsRefusedThenANoteIsSaved() {
        const id = taskId(tasksPage(), "配电箱门缺失，带电部位裸露");
        const form = createTemporaryObject(submitComponent, testCase, {
                "hazardId": id
            });
        tryVerify(() => form.controller.canSubmit);
        compare(findChild(form, "taskDescription").text, "配电箱门缺失，带电部位裸露");
        // No note, no photo: asked once, then refused with the reason; nothing saved.
        mouseClick(findChild(form, "submitRectificationButton"));
        const confirm = findChild(form, "confirmSubmitDialog");
        tryVerify(() => confirm.opened);
        confirm.accept();
        tryVerify(() => !confirm.visible);
        const error = findChild(form, "rectificationError");
        tryVerify(() => error.visible);
        verify(error.text.indexOf("至少一张整改后照片或一段整改说明") >= 0, error.text);
        compare(form.controller.status, HazardStatus.Open);
        const note = findChild(form, "rectificationNote");
        mouseClick(note);
        keyClick(Qt.Key_A);
        note.text = "已加装配电箱门并上锁";
        findChild(form, "cost").text = "650";
        mouseClick(findChild(form, "submitRectificationButton"));
        tryVerify(() => confirm.opened);
        confirm.accept();
        const notice = findChild(form, "submittedNotice");
        tryVerify(() => notice.visible, 5000);
        verify(findText(form, "检查人员同步后即可看到"));
        verify(findChild(form, "doneButton").visible);
        const detail = createTemporaryObject(detailComponent, testCase, {
                "hazardId": id
            });
        tryVerify(() => detail.controller.status === HazardStatus.Submitted);
        compare(findChild(detail, "hazardStatus").label, "已提交待复查");
        verify(findChild(detail, "submissionState").text.indexOf("仅在本设备上") >= 0);
        verify(!findChild(detail, "submitTaskButton").visible);
        verify(findText(detail, "整改资金 650.00 元"));
    }

    function test_5_aRejectedTaskShowsTheReasonAndCanBeSubmittedAgain() {
        const id = taskId(tasksPage(), "消防通道堆放成品，宽度不足");
        const detail = createTemporaryObject(detailComponent, testCase, {
                "hazardId": id
            });
        tryVerify(() => detail.controller.found);
        compare(findChild(detail, "hazardStatus").label, "被退回 · 已逾期");
        const reason = findChild(detail, "rejectionReason");
        verify(reason.visible);
        verify(findText(reason, "通道仍有两处堆放，标线未划"));
        compare(findChild(detail, "submitTaskButton").text, "重新提交整改");
        // The earlier submission stays in the history with its report.
        verify(findText(detail, "企业提交整改"));
        verify(findText(detail, "责任人 赵丽"));
        const form = createTemporaryObject(submitComponent, testCase, {
                "hazardId": id
            });
        tryVerify(() => form.controller.canSubmit);
        verify(findChild(form, "rejectionBanner").visible);
        findChild(form, "rectificationNote").text = "通道已全部清空并划线";
        mouseClick(findChild(form, "submitRectificationButton"));
        const confirm = findChild(form, "confirmSubmitDialog");
        tryVerify(() => confirm.opened);
        confirm.accept();
        tryVerify(() => form.controller.status === HazardStatus.Submitted, 5000);
        verify(!findChild(form, "rejectionBanner").visible);
        let submits = 0;
        for (let i = 0; i < form.controller.events.count; ++i)
            if (form.controller.events.get(i).kind === HazardEventKind.Submit)
                ++submits;
        compare(submits, 2);
    }

    function test_6_completedShowsWhenAndByWhomATaskWasClosed() {
        const page = createTemporaryObject(completedComponent, testCase);
        tryVerify(() => page.completed.count === 1);
        verify(findText(page, "灭火器压力不足"));
        verify(findText(page, "由 王明 复查销号"));
        verify(findText(page, "已销号"));
    }

    function test_7_enterpriseInfoShowsTheRegisterAndNoInspectionAction() {
        const page = createTemporaryObject(infoComponent, testCase);
        tryVerify(() => (page.details.details.name ?? "").length > 0);
        verify(findText(page, "恒泰"));
        verify(findText(page, "统一社会信用代码"));
        verify(!findChild(page, "startInspectionFromEnterprise").visible);
        verify(findText(page, "检查记录（1）"));
    }

    /// Scrolls the page's Flickable so that `item` is inside its viewport, and returns once it
    /// stays there: the page's other sections (the inspection history, hazards) load on their
    /// own and lay out after the scroll; a scroll set before they did is clamped short of the
    /// item (which then stays put, below the window), so the check is the viewport, every time.
    function scrollTo(item) {
        let flick = item.parent;
        while (flick && flick.contentY === undefined)
            flick = flick.parent;
        verify(flick, "the page scrolls");
        let last = NaN;
        tryVerify(() => {
                const y = item.mapToItem(flick.contentItem, 0, 0).y;
                const wanted = Math.max(0, Math.min(y - flick.height / 2, flick.contentHeight - flick.height));
                if (flick.contentY !== wanted)
                    flick.contentY = wanted;
                const top = item.mapToItem(flick, 0, 0).y;
                const inView = top >= 0 && top + item.height <= flick.height;
                const onScreen = item.mapToItem(null, 0, 0).y;
                const settled = inView && onScreen === last;
                last = onScreen;
                return settled;
            }, 5000, "the item is scrolled into view and stays there");
    }

    function rows0Text(page) {
        const group = findChild(page, "receivedInspection");
        for (let i = 0; i < group.children.length; ++i)
            if (group.children[i].objectName === "receivedDocument")
                return group.children[i].text;
        return "";
    }

    /// The document rows of the page's first inspection, as they stand now.
    function documentRows(page) {
        const rows = [];
        const group = findChild(page, "receivedInspection");
        for (let i = 0; group && i < group.children.length; ++i)
            if (group.children[i].objectName === "receivedDocument")
                rows.push(group.children[i]);
        return rows;
    }

    function test_7b_enterpriseInfoListsTheDocumentsOfEachInspection() {
        const page = createTemporaryObject(infoComponent, testCase);
        tryVerify(() => findChild(page, "receivedInspection") !== null, 5000, "the demo inspection's documents");
        compare(findChild(page, "historyHeader").text, "检查记录（1）");
        verify(!findChild(page, "noHistory").visible);
        // The demo's numbers, of the year its inspection finished.
        const year = /〔(\d{4})〕/.exec(rows0Text(page))[1];
        // The record first, then the order, each with its number and the day it was issued.
        const rows = documentRows(page);
        const group = findChild(page, "receivedInspection");
        compare(rows.length, 2);
        const issuedOn = findChild(group, "receivedInspectionDate").text.replace(" 检查", "");
        verify(issuedOn.length > 0);
        compare(rows[0].text, "现场检查记录 · (青)应急检记〔" + year + "〕15号 · " + issuedOn);
        compare(rows[1].text, "责令限期整改指令书 · (青)应急责改〔" + year + "〕8号 · " + issuedOn);
        verify(rows[0].enabled && rows[1].enabled);
        // Each opens inside the app, in the document viewer.
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        const record = rows[0];
        scrollTo(record);
        mouseClick(record);
        compare(spy.count, 1, "a tap on the record opens it");
        compare(spy.signalArguments[0][1].title, "现场检查记录 (青)应急检记〔" + year + "〕15号");
        verify(String(spy.signalArguments[0][1].source).length > 0);

        // Before its PDF has arrived the record says so and opens nothing.
        const held = StoreFixtures.swapDocumentPdf(DeviceStore.userEnterpriseId, "inspection_record", "0".repeat(64));
        verify(held.length === 64);
        tryVerify(() => {
                const g = findChild(page, "receivedInspection");
                return g !== null && findText(g, "文件尚未下载，联网同步后可在此查看") !== null;
            });
        const waiting = findText(findChild(page, "receivedInspection"), "文件尚未下载");
        compare(waiting.text, "现场检查记录 · (青)应急检记〔" + year + "〕15号 · " + issuedOn + "\n文件尚未下载，联网同步后可在此查看");
        verify(!waiting.enabled);
        scrollTo(waiting);
        mouseClick(waiting);
        compare(spy.count, 1, "a document without its PDF opens nothing");
        StoreFixtures.swapDocumentPdf(DeviceStore.userEnterpriseId, "inspection_record", held);
    }

    function test_7c_aStoreChangeBetweenPressAndReleaseStillOpensTheDocument() {
        const page = createTemporaryObject(infoComponent, testCase);
        tryVerify(() => documentRows(page).length === 2, 5000, "the record and the order");
        const reloads = createTemporaryObject(spyComponent, testCase, {
                "target": page.details.controller,
                "signalName": "loaded"
            });
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "pageRequested"
            });
        const order = documentRows(page)[1];
        scrollTo(order);
        // The finger goes down on the order; a sync that brought nothing for this page tells
        // the store's views to reload before it lifts again, at the same point of the screen.
        const at = order.mapToItem(testCase, order.width / 2, order.height / 2);
        mousePress(order);
        verify(order.pressed);
        verify(StoreFixtures.notifyStoreChanged());
        reloads.wait(5000);
        compare(documentRows(page)[1], order, "the row under the finger is still the order's row");
        verify(order.pressed);
        mouseRelease(testCase, at.x, at.y);
        compare(spy.count, 1, "the tap opens the order");
        compare(spy.signalArguments[0][1].title.indexOf("责令限期整改指令书 (青)应急责改〔"), 0);
        verify(String(spy.signalArguments[0][1].source).length > 0);
    }

    function test_8_selfFoundHazardsAreNoTasks() {
        const page = tasksPage();
        const chips = ["filter-all", "filter-open", "filter-submitted", "filter-rejected", "filter-overdue"];
        const seen = () => chips.map(chip => findChild(page, chip).text).concat([findChild(page, "attentionTitle").text, String(Navigator.badges["tasks"])]);
        const before = seen();
        const overdueTasks = Number(page.counts.overdue);
        // The enterprise's own self-check: an overdue open finding and a closed one.
        const overdue = new Date(Date.now() - 5 * 86400000).toISOString().slice(0, 10);
        verify(StoreFixtures.addSelfCheck(DeviceStore.userEnterpriseId, new Date().toISOString(), overdue));
        wait(500); // the store's change reloads the models
        compare(page.tasks.count, 3);
        compare(seen(), before);
        verify(!findText(page, "自查发现"));
        mouseClick(findChild(page, "filter-overdue"));
        tryVerify(() => page.tasks.count === overdueTasks);
        wait(200);
        compare(page.tasks.count, overdueTasks);
        verify(!findText(page, "自查发现"));
        // 已完成 holds the closed task only, not the closed self-found hazard.
        const done = createTemporaryObject(completedComponent, testCase);
        tryVerify(() => done.completed.count === 1);
        wait(200);
        compare(done.completed.count, 1);
        verify(findText(done, "灭火器压力不足"));
        verify(!findText(done, "自查发现"));
        // The same store lists them for 自查 (a model of the other source).
        const own = createTemporaryObject(selfFoundComponent, testCase);
        tryVerify(() => own.count === 2);
    }
}
