pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// Photos full screen: swipe between them, pinch (or double-tap, or the ＋/－ buttons) to zoom,
/// drag a zoomed photo around. Each photo shows its capture time and GPS accuracy when known.
/// Entries as PhotoStrip's array model: {source, capturedAt, accuracyM, …}.
Popup {
    id: root

    /// The photos (array of entries).
    property var photos: []
    /// The photo shown.
    readonly property int currentIndex: swipe.currentIndex

    /// Opens the viewer on photo `index`.
    function show(entries: var, index: int) {
        root.photos = entries;
        root.open();
        swipe.setCurrentIndex(Math.max(0, Math.min(index, entries.length - 1)));
    }

    objectName: "photoViewer"
    parent: Overlay.overlay
    x: 0
    y: 0
    width: root.parent ? root.parent.width : 0
    height: root.parent ? root.parent.height : 0
    padding: 0
    modal: true
    closePolicy: Popup.CloseOnEscape
    background: Rectangle {
        color: "#101010"
    }

    SwipeView {
        id: swipe
        objectName: "photoSwipe"
        anchors.fill: parent
        // A zoomed photo pans instead of turning the page.
        interactive: swipe.currentItem === null || (swipe.currentItem as ZoomablePhoto).scaleFactor <= 1.01
        Repeater {
            model: root.photos
            delegate: ZoomablePhoto {
                required property var modelData
                source: String(modelData.source ?? "")
            }
        }
    }

    component ZoomablePhoto: Flickable {
        id: zoomable

        property alias source: image.source
        property real scaleFactor: 1

        function zoomTo(factor: real) {
            zoomable.scaleFactor = Math.max(1, Math.min(6, factor));
            zoomable.returnToBounds();
        }

        clip: true
        contentWidth: zoomable.width * zoomable.scaleFactor
        contentHeight: zoomable.height * zoomable.scaleFactor
        boundsBehavior: Flickable.StopAtBounds

        Image {
            id: image
            objectName: "viewerImage"
            width: zoomable.contentWidth
            height: zoomable.contentHeight
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            sourceSize.width: 2560
        }
        PinchArea {
            anchors.fill: parent
            property real startFactor: 1
            onPinchStarted: startFactor = zoomable.scaleFactor
            onPinchUpdated: pinch => zoomable.zoomTo(startFactor * pinch.scale)
            MouseArea {
                anchors.fill: parent
                onDoubleClicked: zoomable.zoomTo(zoomable.scaleFactor > 1.01 ? 1 : 2.5)
            }
        }
    }

    RowLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.spacing
        spacing: Theme.spacing
        Button {
            objectName: "closeViewerButton"
            implicitHeight: Theme.largeTarget
            text: qsTr("关闭")
            onClicked: root.close()
        }
        Label {
            objectName: "viewerPosition"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("第 %1 / %2 张").arg(root.currentIndex + 1).arg(root.photos.length)
            color: "white"
            font.pixelSize: Theme.fontBody
        }
        Button {
            objectName: "zoomOutButton"
            implicitWidth: Theme.largeTarget
            implicitHeight: Theme.largeTarget
            text: "－"
            onClicked: (swipe.currentItem as ZoomablePhoto).zoomTo((swipe.currentItem as ZoomablePhoto).scaleFactor / 1.5)
        }
        Button {
            objectName: "zoomInButton"
            implicitWidth: Theme.largeTarget
            implicitHeight: Theme.largeTarget
            text: "＋"
            onClicked: (swipe.currentItem as ZoomablePhoto).zoomTo((swipe.currentItem as ZoomablePhoto).scaleFactor * 1.5)
        }
    }
    Label {
        objectName: "viewerCaption"
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottomMargin: Theme.margin
        readonly property var entry: root.photos[root.currentIndex] ?? ({})
        visible: text.length > 0
        text: {
            const parts = [];
            if (entry.capturedAt)
                parts.push(qsTr("拍摄于 %1").arg(Localization.formatDateTime(entry.capturedAt)));
            if (entry.accuracyM !== undefined && !isNaN(entry.accuracyM) && entry.accuracyM >= 0)
                parts.push(qsTr("定位精度 ±%1 米").arg(Math.round(entry.accuracyM)));
            return parts.join(" · ");
        }
        color: "white"
    }
}
