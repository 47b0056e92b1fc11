import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// Handwritten signature capture with 清除 / 确认: confirming writes the PNG to `targetPath`
/// and reports {ok, sha256, size, path} (or {ok: false, error}).
Item {
    id: root

    /// Who signs, shown above the pad, e.g. "企业负责人：王某".
    property string signerLabel
    /// Where the PNG is written on confirm.
    property string targetPath
    /// Nothing drawn yet.
    readonly property bool isEmpty: pad.isEmpty
    /// The drawing surface (for tests and replay).
    readonly property SignaturePad pad: pad

    /// The signature was saved; `result` is SignaturePad.savePng()'s map.
    signal confirmed(var result)
    /// Saving failed; `message` says why in plain words.
    signal failed(string message)

    function confirm() {
        // A plain JS object, so the map keys are read dynamically.
        const result = Object.assign({}, pad.savePng(root.targetPath));
        if (result.ok)
            root.confirmed(result);
        else
            root.failed(result.error);
    }

    implicitWidth: 400
    implicitHeight: 320

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            visible: root.signerLabel.length > 0
            text: root.signerLabel
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.text
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.surface
            border.color: Theme.border
            border.width: 2
            radius: Theme.radius

            Label {
                anchors.centerIn: parent
                visible: pad.isEmpty
                text: qsTr("请在此处手写签名")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
            }
            Rectangle {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: Theme.margin * 2
                height: 1
                color: Theme.border
            }
            SignaturePad {
                id: pad
                anchors.fill: parent
                anchors.margins: 2
                penWidth: 3
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            ActionButton {
                objectName: "clearButton"
                Layout.fillWidth: true
                text: qsTr("清除")
                fillColor: Theme.surface
                labelColor: Theme.primary
                outlineColor: Theme.primary
                enabled: !pad.isEmpty
                onClicked: pad.clear()
            }
            ActionButton {
                objectName: "confirmButton"
                Layout.fillWidth: true
                text: qsTr("确认签名")
                enabled: !pad.isEmpty
                onClicked: root.confirm()
            }
        }
    }
}
