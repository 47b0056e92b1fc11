import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.Ui

/// Shown instead of a blank list: says why it is empty and what to do next, with one action.
Item {
    id: root

    /// Short headline, e.g. "今天没有检查计划".
    property string title
    /// What to do next, in one or two sentences.
    property string text
    /// Label of the one action; no button when empty.
    property string actionText

    /// The action button was pressed.
    signal actionTriggered

    implicitWidth: 360
    implicitHeight: column.implicitHeight + 2 * Theme.margin

    ColumnLayout {
        id: column
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: Theme.spacing * 1.5

        Label {
            Layout.fillWidth: true
            text: root.title
            visible: root.title.length > 0
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Label {
            Layout.fillWidth: true
            text: root.text
            visible: root.text.length > 0
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        ActionButton {
            id: actionButton
            objectName: "actionButton"
            Layout.alignment: Qt.AlignHCenter
            visible: root.actionText.length > 0
            text: root.actionText
            onClicked: root.actionTriggered()
        }
    }
}
