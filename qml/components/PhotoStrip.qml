pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtMultimedia
import SafeLoop.App
import SafeLoop.Ui

/// A row of photo thumbnails, each with capture time, GPS accuracy and sync state
/// (◷ pending, ↑ uploading, ✓ on server), after a large "add photo" button. With a camera the
/// button offers 拍照 / 从相册选择 (takePhotoRequested / addPhotoRequested); without one it asks
/// for the file picker directly (addPhotoRequested).
/// Model roles: source (url), syncState ("pending" | "uploading" | "uploaded"),
/// capturedAt (date), accuracyM (metres; NaN or negative = unknown).
Item {
    id: root

    /// The photos: a ListModel or C++ list model with the roles above, or an array of objects
    /// with those keys (the controllers' QVariantList entries).
    property var model
    /// Number of photos shown.
    readonly property int count: repeater.count
    /// Hide the add button (read-only views).
    property bool canAdd: true

    /// True when the device has a camera (tests may set it).
    property bool cameraAvailable: root.canAdd && devices.videoInputs.length > 0

    /// Pick a photo from files (the add button without a camera, or 从相册选择).
    signal addPhotoRequested()
    /// Take a photo with the camera (拍照).
    signal takePhotoRequested()
    /// A thumbnail was tapped.
    signal photoClicked(int index)

    function syncSymbol(syncState: string): string {
        switch (syncState) {
        case "uploading": return "↑"
        case "uploaded": return "✓"
        }
        // U+25F7 clock face stands for UX.md's ⏳: the emoji is missing from ordinary text
        // fonts (DejaVu, Noto CJK) and would render as an empty box.
        return "◷"
    }
    function syncWord(syncState: string): string {
        switch (syncState) {
        case "uploading": return qsTr("上传中")
        case "uploaded": return qsTr("已上传")
        }
        return qsTr("待上传")
    }
    function accuracyText(accuracy: real): string {
        if (isNaN(accuracy) || accuracy < 0)
            return qsTr("精度未知")
        return qsTr("±%1 米").arg(Math.round(accuracy))
    }

    /// True when `model` is an array (or a C++ QVariantList) rather than an item model.
    readonly property bool modelIsArray: root.model !== null && root.model !== undefined
        && root.model.length !== undefined

    /// Copies an array of photo objects into `entries` with every role present and typed.
    function refreshEntries() {
        entries.clear()
        if (!root.modelIsArray)
            return
        for (let i = 0; i < root.model.length; ++i) {
            const photo = Object.assign({}, root.model[i])
            const taken = photo.capturedAt instanceof Date ? photo.capturedAt : new Date(photo.capturedAt ?? NaN)
            entries.append({
                source: String(photo.source ?? ""),
                syncState: String(photo.syncState ?? "pending"),
                capturedAt: isNaN(taken.getTime()) ? "" : taken.toISOString(),
                accuracyM: typeof photo.accuracyM === "number" ? photo.accuracyM : -1
            })
        }
    }

    implicitWidth: 400
    implicitHeight: Theme.thumbnail + 2 * Theme.spacing

    onModelChanged: root.refreshEntries()
    Component.onCompleted: root.refreshEntries()

    /// The add button: a choice with a camera, the picker straight away without.
    function requestPhoto() {
        if (root.cameraAvailable)
            sourceMenu.popup(addButton, 0, addButton.height)
        else
            root.addPhotoRequested()
    }

    ListModel {
        id: entries
    }
    MediaDevices {
        id: devices
    }
    Menu {
        id: sourceMenu
        objectName: "photoSourceMenu"
        MenuItem {
            objectName: "takePhotoItem"
            text: qsTr("拍照")
            onTriggered: root.takePhotoRequested()
        }
        MenuItem {
            objectName: "pickPhotoItem"
            text: qsTr("从相册选择")
            onTriggered: root.addPhotoRequested()
        }
    }

    Label {
        objectName: "noPhotos"
        anchors.verticalCenter: parent.verticalCenter
        visible: !root.canAdd && root.count === 0
        text: qsTr("无照片")
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
    }

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: Theme.spacing
        contentWidth: row.implicitWidth
        contentHeight: height
        flickableDirection: Flickable.HorizontalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        Row {
            id: row
            spacing: Theme.spacing

            ActionButton {
                id: addButton
                objectName: "addPhotoButton"
                visible: root.canAdd
                width: Theme.thumbnail
                height: Theme.thumbnail
                text: root.cameraAvailable ? qsTr("＋ 拍照") : qsTr("＋ 照片")
                fillColor: Theme.surface
                labelColor: Theme.primary
                outlineColor: Theme.primary
                onClicked: root.requestPhoto()
            }

            Repeater {
                id: repeater
                model: root.modelIsArray ? entries : root.model
                delegate: Rectangle {
                    id: tile
                    objectName: "photoTile_" + tile.index
                    required property int index
                    required property url source
                    required property string syncState
                    required property var capturedAt
                    required property real accuracyM

                    width: Theme.thumbnail
                    height: Theme.thumbnail
                    color: Theme.neutralSurface
                    radius: Theme.radius
                    clip: true
                    Accessible.role: Accessible.Graphic
                    Accessible.name: root.syncWord(tile.syncState) + " " + root.accuracyText(tile.accuracyM)

                    Image {
                        anchors.fill: parent
                        source: tile.source
                        fillMode: Image.PreserveAspectCrop
                        sourceSize.width: Theme.thumbnail * 2
                        asynchronous: true
                    }
                    Rectangle {
                        objectName: "syncBadge"
                        anchors.top: parent.top
                        anchors.right: parent.right
                        anchors.margins: 4
                        width: badgeText.implicitWidth + 8
                        height: badgeText.implicitHeight + 2
                        radius: Theme.radius
                        color: tile.syncState === "uploaded" ? Theme.success : Theme.text
                        Text {
                            id: badgeText
                            anchors.centerIn: parent
                            text: root.syncSymbol(tile.syncState) + " " + root.syncWord(tile.syncState)
                            color: Theme.onColor
                            font.pixelSize: 11
                        }
                    }
                    Rectangle {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.bottom: parent.bottom
                        height: infoColumn.implicitHeight + 4
                        color: Qt.rgba(0, 0, 0, 0.7)
                        Column {
                            id: infoColumn
                            anchors.centerIn: parent
                            Text {
                                anchors.horizontalCenter: parent.horizontalCenter
                                visible: String(tile.capturedAt).length > 0
                                text: Localization.formatTime(new Date(tile.capturedAt))
                                color: Theme.onColor
                                font.pixelSize: 11
                            }
                            Text {
                                anchors.horizontalCenter: parent.horizontalCenter
                                text: root.accuracyText(tile.accuracyM)
                                // Worse than 50 m is flagged (recorded, not blocking).
                                color: tile.accuracyM > 50 ? Theme.gradeYellow : Theme.onColor
                                font.bold: tile.accuracyM > 50
                                font.pixelSize: 11
                            }
                        }
                    }
                    function tap() {
                        root.photoClicked(tile.index)
                    }

                    TapHandler {
                        onTapped: tile.tap()
                    }
                }
            }
        }
    }
}
