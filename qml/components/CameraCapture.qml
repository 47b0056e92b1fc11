pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtMultimedia
import SafeLoop.App
import SafeLoop.Ui

/// Full-screen camera: viewfinder with one big shutter button and a camera switch, then the
/// shot with 重拍 (retake) / 使用 (use). The shot is scaled to at most 2560 px, stored as JPEG in
/// the blob store with the capture time and the position fix (PhotoCapture), and handed out by
/// photoUsed(). Without a camera it says so and offers the file picker instead.
Rectangle {
    id: root

    /// Where the fix stamped on the photo comes from; the page starts it while open.
    property PositionProvider position: PositionProvider {}
    /// The C++ half (encoding, preview, storing); tests drive it with synthetic images.
    readonly property PhotoCapture capture: photoCapture
    /// True when the device has at least one camera.
    readonly property bool available: devices.videoInputs.length > 0
    /// The live camera (null without a camera).
    readonly property CameraViewfinder viewfinder: viewfinderLoader.item as CameraViewfinder
    /// Index into the cameras (switch camera).
    property int cameraIndex: 0

    /// The shot was stored; `attachment` is PhotoCapture's map {id, mime, size, captured_at,
    /// location, url}.
    signal photoUsed(var attachment)
    /// The user chose the file picker instead (no camera, or 从相册选择).
    signal pickFileRequested()
    /// Closed without a photo.
    signal cancelled()

    function nextCamera() {
        if (devices.videoInputs.length > 1)
            root.cameraIndex = (root.cameraIndex + 1) % devices.videoInputs.length
    }

    color: "black"
    Component.onCompleted: root.position.start()

    MediaDevices {
        id: devices
    }
    PhotoCapture {
        id: photoCapture
        position: root.position
        onUsed: (attachment) => root.photoUsed(attachment)
    }
    // The capture pipeline exists only on a device with a camera: without one nothing of
    // Qt Multimedia's capture backend is started (headless runs, desktops without a webcam).
    Loader {
        id: viewfinderLoader
        anchors.fill: parent
        active: root.available
        visible: photoCapture.state === PhotoCapture.Empty
        source: "CameraViewfinder.qml"
    }
    Binding {
        target: viewfinderLoader.item as CameraViewfinder
        property: "capture"
        value: photoCapture
        when: viewfinderLoader.item !== null
    }
    Binding {
        target: viewfinderLoader.item as CameraViewfinder
        property: "cameraIndex"
        value: root.cameraIndex
        when: viewfinderLoader.item !== null
    }
    Binding {
        target: viewfinderLoader.item as CameraViewfinder
        property: "running"
        value: root.visible && photoCapture.state === PhotoCapture.Empty
        when: viewfinderLoader.item !== null
    }
    Image {
        id: preview
        objectName: "cameraPreview"
        anchors.fill: parent
        visible: photoCapture.state !== PhotoCapture.Empty
        source: photoCapture.previewUrl
        fillMode: Image.PreserveAspectFit
        asynchronous: true
    }

    // No camera: say so, offer the picker.
    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 420)
        visible: !root.available && photoCapture.state === PhotoCapture.Empty
        spacing: Theme.margin
        Label {
            objectName: "cameraUnavailable"
            Layout.fillWidth: true
            text: qsTr("这台设备没有可用的相机。可以从相册选择照片。")
            color: Theme.onColor
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.fontBody
        }
        ActionButton {
            objectName: "cameraPickFileButton"
            Layout.fillWidth: true
            text: qsTr("从相册选择")
            onClicked: root.pickFileRequested()
        }
    }

    ErrorBanner {
        objectName: "cameraError"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.margin
        readonly property string cameraError: root.viewfinder ? root.viewfinder.errorString : ""
        visible: photoCapture.errorMessage.length > 0 || cameraError.length > 0
        text: photoCapture.errorMessage.length > 0 ? photoCapture.errorMessage
            : qsTr("拍照失败：%1").arg(cameraError)
    }

    // Viewfinder controls: close, shutter, switch camera.
    RowLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        visible: photoCapture.state === PhotoCapture.Empty
        spacing: Theme.margin
        ActionButton {
            objectName: "cameraCloseButton"
            text: qsTr("取消")
            fillColor: "transparent"
            outlineColor: Theme.onColor
            onClicked: root.cancelled()
        }
        Item { Layout.fillWidth: true }
        RoundButton {
            objectName: "cameraShutterButton"
            visible: root.available
            enabled: root.viewfinder !== null && root.viewfinder.ready
            implicitWidth: Theme.largeTarget * 1.5
            implicitHeight: Theme.largeTarget * 1.5
            Accessible.name: qsTr("拍照")
            background: Rectangle {
                radius: width / 2
                color: Theme.onColor
                border.color: Theme.border
                border.width: 6
            }
            onClicked: root.viewfinder.shoot()
        }
        Item { Layout.fillWidth: true }
        ActionButton {
            objectName: "cameraSwitchButton"
            visible: devices.videoInputs.length > 1
            text: qsTr("切换相机")
            fillColor: "transparent"
            outlineColor: Theme.onColor
            onClicked: root.nextCamera()
        }
    }

    // The shot: retake or use.
    RowLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        visible: photoCapture.state !== PhotoCapture.Empty
        spacing: Theme.margin
        ActionButton {
            objectName: "cameraRetakeButton"
            Layout.fillWidth: true
            text: qsTr("重拍")
            enabled: photoCapture.state === PhotoCapture.Preview
            fillColor: Theme.neutralSurface
            labelColor: Theme.text
            onClicked: photoCapture.retake()
        }
        ActionButton {
            objectName: "cameraUseButton"
            Layout.fillWidth: true
            text: photoCapture.state === PhotoCapture.Saving ? qsTr("保存中…") : qsTr("使用")
            enabled: photoCapture.state === PhotoCapture.Preview
            onClicked: photoCapture.use()
        }
    }
}
