import QtQuick
import QtTest
import SafeLoop.App
import SafeLoop.Ui
import SafeLoop.TestFixtures

/// DocumentViewer with a real PDF rendered by the app (the `DocumentFixtures` singleton): what
/// the user sees — the page count, pages that finished rendering with ink on them, zoom by
/// button and by pinch, the page indicator while scrolling, 关闭 — and the plain words shown
/// for a missing or corrupt file.
TestCase {
    id: testCase
    name: "DocumentViewer"
    width: 400
    height: 800
    visible: true
    when: windowShown

    Component {
        id: viewerComponent
        DocumentViewer {
            width: testCase.width
            height: testCase.height
        }
    }
    Component {
        id: pageComponent
        DocumentPage {
            width: testCase.width
            height: testCase.height
        }
    }
    Component {
        id: spyComponent
        SignalSpy {
        }
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
        return null;
    }

    /// A viewer on `source` that has finished reading it.
    function openViewer(source, properties) {
        const viewer = createTemporaryObject(viewerComponent, testCase, Object.assign({
                    "source": source
                }, properties || {}));
        verify(viewer !== null);
        tryVerify(() => viewer.status !== PdfDocumentInfo.Loading, 10000);
        // Laid out: the list has made its first page and the bars have their size.
        if (viewer.status === PdfDocumentInfo.Ready)
            tryVerify(() => findChild(viewer, "documentPaper-0") !== null && findChild(viewer, "zoomInButton").width > 0);
        waitForRendering(viewer);
        return viewer;
    }

    /// Share of sampled pixels of `item` on screen that are dark (text and lines).
    function inkShare(item) {
        const image = grabImage(item);
        let dark = 0;
        let all = 0;
        for (let y = 2; y < item.height - 2; y += 3) {
            for (let x = 2; x < item.width - 2; x += 3) {
                const c = image.pixel(x, y);
                if ((c.r + c.g + c.b) / 3 < 0.6)
                    ++dark;
                ++all;
            }
        }
        return dark / all;
    }

    function test_realPdfShowsEveryPageFitToWidthWithThePageCount() {
        verify(DocumentFixtures.pdf.length > 0, "the app could not render the fixture");
        verify(DocumentFixtures.pages >= 3);
        const viewer = openViewer(DocumentFixtures.pdf, {
                "title": "现场检查记录"
            });
        compare(viewer.status, PdfDocumentInfo.Ready);
        compare(viewer.pageCount, DocumentFixtures.pages);
        compare(viewer.errorText, "");
        verify(findText(viewer, "现场检查记录") !== null);
        const indicator = findChild(viewer, "pageIndicator");
        tryCompare(indicator, "text", "第 1 / " + DocumentFixtures.pages + " 页");
        verify(indicator.visible);
        const image = findChild(viewer, "documentPageImage-0");
        tryCompare(image, "status", Image.Ready, 10000);
        // Rendered as wide as the page is shown, with the page's A4 shape, and not blank.
        const paper = findChild(viewer, "documentPaper-0");
        const pages = findChild(viewer, "documentPages");
        fuzzyCompare(paper.width, pages.width - 16, 1);
        fuzzyCompare(paper.height / paper.width, 297 / 210, 0.01);
        fuzzyCompare(image.implicitHeight / image.implicitWidth, 297 / 210, 0.01);
        const ink = inkShare(image);
        verify(ink > 0.005 && ink < 0.5, "ink share " + ink);
        verify(!findChild(viewer, "documentError").visible);
    }

    function test_tabletShowsAReadablePageCentred() {
        const viewer = openViewer(DocumentFixtures.pdf);
        viewer.width = 1280;
        const paper = findChild(viewer, "documentPaper-0");
        tryCompare(paper, "width", Theme.documentPageWidth);
        fuzzyCompare(paper.mapToItem(viewer, 0, 0).x, (1280 - Theme.documentPageWidth) / 2, 1);
        const pages = findChild(viewer, "documentPages");
        compare(pages.contentWidth, pages.width); // nothing to pan sideways at zoom 1
        viewer.zoomIn(); // its button lies beyond the 400 px test window
        tryCompare(findChild(viewer, "documentPaper-0"), "width", Theme.documentPageWidth * 1.5);
        verify(pages.contentWidth > pages.width);
    }

    function test_scrollingMovesThePageIndicator() {
        const viewer = openViewer(DocumentFixtures.pdf);
        const pages = findChild(viewer, "documentPages");
        const indicator = findChild(viewer, "pageIndicator");
        tryCompare(indicator, "text", "第 1 / " + viewer.pageCount + " 页");
        pages.positionViewAtIndex(1, ListView.Center);
        tryCompare(indicator, "text", "第 2 / " + viewer.pageCount + " 页");
        compare(viewer.currentPage, 2);
        pages.positionViewAtEnd();
        tryCompare(indicator, "text", "第 %1 / %1 页".arg(viewer.pageCount));
        const last = findChild(viewer, "documentPageImage-" + (viewer.pageCount - 1));
        tryCompare(last, "status", Image.Ready, 10000);
    }

    function test_zoomButtonsChangeThePageWidth() {
        const viewer = openViewer(DocumentFixtures.pdf);
        const zoomIn = findChild(viewer, "zoomInButton");
        const zoomOut = findChild(viewer, "zoomOutButton");
        const fit = findChild(viewer, "fitWidthButton");
        for (const button of [zoomIn, zoomOut, fit])
            verify(button.height >= 48 && button.width >= 48, button.objectName);
        verify(!zoomOut.enabled); // already the whole width
        const fitted = findChild(viewer, "documentPaper-0").width;
        mouseClick(zoomIn);
        tryVerify(() => Math.abs(findChild(viewer, "documentPaper-0").width - fitted * 1.5) < 1);
        compare(viewer.zoom, 1.5);
        verify(zoomOut.enabled);
        verify(fit.text.indexOf("150%") >= 0);
        // Wider than the view: it pans sideways, and a sharper copy is rendered.
        const pages = findChild(viewer, "documentPages");
        verify(pages.contentWidth > pages.width);
        const detail = findChild(viewer, "documentPageDetail-0");
        tryCompare(detail, "status", Image.Ready, 10000);
        verify(detail.implicitWidth > findChild(viewer, "documentPageImage-0").implicitWidth);
        mouseClick(zoomIn);
        mouseClick(zoomIn);
        mouseClick(zoomIn);
        compare(viewer.zoom, viewer.maximumZoom);
        verify(!zoomIn.enabled);
        fuzzyCompare(findChild(viewer, "documentPaper-0").width, fitted * viewer.maximumZoom, 1);
        mouseClick(fit);
        compare(viewer.zoom, 1);
        tryVerify(() => Math.abs(findChild(viewer, "documentPaper-0").width - fitted) < 1);
        verify(!zoomOut.enabled);
    }

    function test_pinchZooms() {
        const viewer = openViewer(DocumentFixtures.pdf);
        const pages = findChild(viewer, "documentPages");
        const fitted = findChild(viewer, "documentPaper-0").width;
        const y = pages.height / 2;
        const touch = touchEvent(pages);
        touch.press(0, pages, 150, y).press(1, pages, 250, y).commit();
        for (let d = 10; d <= 100; d += 10) {
            touch.move(0, pages, 150 - d, y).move(1, pages, 250 + d, y).commit();
            wait(20);
        }
        touch.release(0, pages, 50, y).release(1, pages, 350, y).commit();
        tryVerify(() => viewer.zoom > 1.5, 2000, "zoom " + viewer.zoom);
        tryVerify(() => findChild(viewer, "documentPaper-0").width > fitted * 1.5);
    }

    function test_missingFileSaysSoInWords() {
        const viewer = openViewer(DocumentFixtures.missing);
        compare(viewer.status, PdfDocumentInfo.Error);
        compare(viewer.pageCount, 0);
        const error = findChild(viewer, "documentError");
        verify(error.visible);
        verify(findText(viewer, "无法显示这份文书") !== null);
        verify(findText(viewer, "找不到这份文书的文件") !== null);
        verify(!findChild(viewer, "pageIndicator").visible);
        verify(!findChild(viewer, "zoomInButton").visible);
    }

    function test_corruptFileSaysSoAndRetryReadsItAgain() {
        const viewer = openViewer(DocumentFixtures.corrupt);
        compare(viewer.status, PdfDocumentInfo.Error);
        verify(findText(viewer, "已损坏或不是 PDF") !== null);
        const retry = findChild(findChild(viewer, "documentError"), "actionButton");
        verify(retry.visible);
        mouseClick(retry);
        tryVerify(() => viewer.status === PdfDocumentInfo.Error, 10000);
        verify(findText(viewer, "已损坏或不是 PDF") !== null);
    }

    function test_closeEmitsClosed() {
        const viewer = openViewer(DocumentFixtures.pdf);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": viewer,
                "signalName": "closed"
            });
        const close = findChild(viewer, "closeDocumentButton");
        verify(close.visible && close.height >= 48);
        mouseClick(close);
        compare(spy.count, 1);
        viewer.closable = false;
        verify(!close.visible);
    }

    function test_documentPageShowsTheViewerUnderItsTitleAndGoesBack() {
        const page = createTemporaryObject(pageComponent, testCase, {
                "source": DocumentFixtures.pdf,
                "title": "责令限期整改指令书 12号"
            });
        verify(findText(page, "责令限期整改指令书 12号") !== null);
        tryCompare(page.viewer, "status", PdfDocumentInfo.Ready, 10000);
        verify(!findChild(page, "closeDocumentButton").visible); // 返回 is in the header
        tryCompare(findChild(page, "documentPageImage-0"), "status", Image.Ready, 10000);
        const spy = createTemporaryObject(spyComponent, testCase, {
                "target": Navigator,
                "signalName": "backRequested"
            });
        mouseClick(findChild(page, "backButton"));
        compare(spy.count, 1);
    }
}
