pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// A PDF shown inside the app (Qt PDF; no other program): every page in a vertical list,
/// fit to the width (at most Theme.documentPageWidth, centred), zoomed by pinching or with 缩小 / 适合宽度 / 放大, "第 2 / 3 页" while
/// scrolling, and a plain sentence when the file is missing or cannot be read.
/// Use: `DocumentViewer { source: "/abs/path.pdf"; onClosed: … }`.
Item {
    id: root

    /// The PDF: an absolute path or a file URL.
    property string source
    /// Title in the viewer's own top bar; with closable false and no title there is no top bar.
    property string title
    /// Show 关闭 in the top bar; pressing it emits closed().
    property bool closable: true
    /// Zoom factor: 1 shows a page as wide as the viewer.
    property real zoom: 1
    /// Smallest zoom: the whole width of a page.
    readonly property real minimumZoom: 1
    /// Largest zoom.
    readonly property real maximumZoom: 4
    /// Status of the file: PdfDocumentInfo.Null, Loading, Ready or Error.
    readonly property int status: doc.status
    /// Number of pages (0 until the file is read).
    readonly property int pageCount: doc.pageCount
    /// The page in the middle of the view, from 1 (0 when nothing is shown).
    readonly property int currentPage: {
        if (doc.status !== PdfDocumentInfo.Ready || view.count === 0)
            return 0;
        const i = view.indexAt(view.contentX + view.width / 2, view.contentY + view.height / 2);
        return i >= 0 ? i + 1 : (view.contentY <= view.originY + view.height / 2 ? 1 : view.count);
    }
    /// Why the file cannot be shown, in plain words ("" while it can).
    readonly property string errorText: doc.errorMessage
    /// The file as read (page sizes, page image URLs).
    readonly property PdfDocumentInfo document: doc

    /// 关闭 was pressed.
    signal closed

    /// Sets the zoom (clamped to minimumZoom…maximumZoom), keeping the middle of the view where
    /// it was.
    function setZoom(value: real) {
        const z = Math.max(root.minimumZoom, Math.min(root.maximumZoom, value));
        if (Math.abs(z - root.zoom) < 0.001)
            return;
        const height = Math.max(1, view.contentHeight);
        const yRatio = (view.contentY - view.originY + view.height / 2) / height;
        const xMiddle = (view.contentX + view.width / 2) * z / root.zoom;
        root.zoom = z;
        view.forceLayout();
        view.contentY = view.originY + Math.max(0, Math.min(view.contentHeight - view.height, yRatio * view.contentHeight - view.height / 2));
        view.contentX = Math.max(0, Math.min(view.contentWidth - view.width, xMiddle - view.width / 2));
    }
    /// One step closer (×1.5).
    function zoomIn() {
        root.setZoom(root.zoom * 1.5);
    }
    /// One step back (÷1.5).
    function zoomOut() {
        root.setZoom(root.zoom / 1.5);
    }
    /// Pages as wide as the viewer again.
    function fitWidth() {
        root.setZoom(root.minimumZoom);
    }

    onSourceChanged: root.zoom = root.minimumZoom
    implicitWidth: 400
    implicitHeight: 600
    clip: true

    PdfDocumentInfo {
        id: doc
        source: root.source
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.neutralSurface
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // ---- top bar: title and 关闭 ----
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.largeTarget
            visible: root.closable || root.title.length > 0
            color: Theme.primary
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.spacing / 2
                spacing: Theme.spacing
                Label {
                    objectName: "documentTitle"
                    Layout.fillWidth: true
                    text: root.title
                    color: Theme.onColor
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    elide: Text.ElideRight
                }
                ActionButton {
                    objectName: "closeDocumentButton"
                    visible: root.closable
                    text: qsTr("关闭")
                    fillColor: Theme.primary
                    labelColor: Theme.onColor
                    onClicked: root.closed()
                }
            }
        }

        // ---- the pages ----
        Item {
            id: pagesArea
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: view

                /// Page width at zoom 1: the view less a margin on each side, at most
                /// Theme.documentPageWidth (centred on a tablet).
                readonly property real fitWidth: Math.max(1, Math.min(view.width - 2 * Theme.spacing, Theme.documentPageWidth))
                /// Page width at the current zoom.
                readonly property real pageWidth: view.fitWidth * root.zoom
                /// Width, in pixels, of the sharp copy rendered when zoomed in: 2× or 4× the
                /// fitted page, in steps so a pinch does not render every frame, and capped.
                readonly property int detailWidth: Math.min(3000, Math.round(view.fitWidth * Screen.devicePixelRatio * (root.zoom <= 2 ? 2 : 4)))

                objectName: "documentPages"
                anchors.fill: parent
                visible: doc.status === PdfDocumentInfo.Ready
                model: doc.status === PdfDocumentInfo.Ready ? doc.pageCount : 0
                contentWidth: Math.max(view.width, view.pageWidth + 2 * Theme.spacing)
                flickableDirection: Flickable.HorizontalAndVerticalFlick
                boundsBehavior: Flickable.StopAtBounds
                topMargin: Theme.spacing
                bottomMargin: Theme.spacing
                delegate: Item {
                    id: pageItem

                    required property int index

                    objectName: "documentPage-" + pageItem.index
                    width: view.contentWidth
                    height: paper.height + Theme.spacing

                    Rectangle {
                        id: paper
                        objectName: "documentPaper-" + pageItem.index
                        x: Math.max(Theme.spacing, (view.contentWidth - view.pageWidth) / 2)
                        width: view.pageWidth
                        // Delegates exist only while Ready (the model is 0 otherwise), so these
                        // calls to doc see the file as read.
                        height: Math.round(view.pageWidth * doc.pageAspect(pageItem.index))
                        color: Theme.surface
                        border.color: Theme.border
                        border.width: 1

                        Image {
                            id: fitted
                            objectName: "documentPageImage-" + pageItem.index
                            anchors.fill: parent
                            anchors.margins: 1
                            source: doc.pageSource(pageItem.index)
                            sourceSize.width: Math.round(view.fitWidth * Screen.devicePixelRatio)
                            asynchronous: true
                            smooth: true
                            fillMode: Image.Stretch
                        }
                        // A sharper copy on top when zoomed in; the fitted one shows meanwhile.
                        Image {
                            id: detail
                            objectName: "documentPageDetail-" + pageItem.index
                            anchors.fill: parent
                            anchors.margins: 1
                            source: root.zoom > 1.01 ? doc.pageSource(pageItem.index) : ""
                            sourceSize.width: view.detailWidth
                            visible: root.zoom > 1.01 && detail.status === Image.Ready
                            asynchronous: true
                            smooth: true
                            fillMode: Image.Stretch
                        }
                        Label {
                            anchors.centerIn: parent
                            visible: fitted.status !== Image.Ready
                            text: fitted.status === Image.Error ? qsTr("第 %1 页无法显示").arg(pageItem.index + 1) : qsTr("正在显示第 %1 页…").arg(pageItem.index + 1)
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                        }
                    }
                }
            }

            PinchHandler {
                id: pinch

                /// Zoom when the pinch began.
                property real startZoom: 1

                target: null
                minimumPointCount: 2
                maximumPointCount: 2
                onActiveChanged: {
                    if (pinch.active)
                        pinch.startZoom = root.zoom;
                }
                onActiveScaleChanged: {
                    if (pinch.active)
                        root.setZoom(pinch.startZoom * pinch.activeScale);
                }
            }
            // Desktop: Ctrl + wheel zooms.
            WheelHandler {
                acceptedModifiers: Qt.ControlModifier
                target: null
                onWheel: event => {
                    if (event.angleDelta.y > 0)
                        root.zoomIn();
                    else if (event.angleDelta.y < 0)
                        root.zoomOut();
                }
            }

            // The page indicator floats over the top of the pages.
            Rectangle {
                anchors.top: parent.top
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.topMargin: Theme.spacing
                visible: root.currentPage > 0
                width: indicator.implicitWidth + 2 * Theme.margin
                height: indicator.implicitHeight + Theme.spacing
                radius: height / 2
                color: Theme.text
                opacity: 0.85
                Label {
                    id: indicator
                    objectName: "pageIndicator"
                    anchors.centerIn: parent
                    text: qsTr("第 %1 / %2 页").arg(root.currentPage).arg(root.pageCount)
                    color: Theme.onColor
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                }
            }

            ColumnLayout {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.margin
                visible: doc.status === PdfDocumentInfo.Loading
                spacing: Theme.spacing
                BusyIndicator {
                    Layout.alignment: Qt.AlignHCenter
                    running: parent.visible
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("正在打开文书…")
                    horizontalAlignment: Text.AlignHCenter
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }
            }

            EmptyState {
                objectName: "documentError"
                anchors.centerIn: parent
                width: parent.width
                visible: doc.status === PdfDocumentInfo.Error || doc.status === PdfDocumentInfo.Null
                title: doc.status === PdfDocumentInfo.Null ? qsTr("没有要显示的文书") : qsTr("无法显示这份文书")
                text: doc.errorMessage
                actionText: doc.status === PdfDocumentInfo.Error ? qsTr("重试") : ""
                onActionTriggered: doc.reload()
            }
        }

        // ---- bottom bar: zoom, within reach of a thumb ----
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget + 2 * Theme.spacing
            visible: doc.status === PdfDocumentInfo.Ready
            color: Theme.surface
            border.color: Theme.border
            RowLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacing
                spacing: Theme.spacing
                ActionButton {
                    objectName: "zoomOutButton"
                    Layout.fillWidth: true
                    text: qsTr("缩小")
                    enabled: root.zoom > root.minimumZoom + 0.001
                    fillColor: Theme.surface
                    labelColor: Theme.primary
                    outlineColor: Theme.primary
                    onClicked: root.zoomOut()
                }
                ActionButton {
                    objectName: "fitWidthButton"
                    Layout.fillWidth: true
                    text: root.zoom > root.minimumZoom + 0.001 ? qsTr("适合宽度 (%1%)").arg(Math.round(root.zoom * 100)) : qsTr("适合宽度")
                    enabled: root.zoom > root.minimumZoom + 0.001
                    fillColor: Theme.surface
                    labelColor: Theme.primary
                    outlineColor: Theme.primary
                    onClicked: root.fitWidth()
                }
                ActionButton {
                    objectName: "zoomInButton"
                    Layout.fillWidth: true
                    text: qsTr("放大")
                    enabled: root.zoom < root.maximumZoom - 0.001
                    fillColor: Theme.surface
                    labelColor: Theme.primary
                    outlineColor: Theme.primary
                    onClicked: root.zoomIn()
                }
            }
        }
    }
}
