import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.Ui

/// A problem in plain words with one way out (retry, log in, open settings).
Rectangle {
    id: root

    /// What went wrong and what it means for the user, in plain words.
    property string text
    /// Label of the one action; no button when empty.
    property string actionText

    /// The action button was pressed.
    signal actionTriggered

    implicitWidth: 400
    implicitHeight: Math.max(Theme.touchTarget + Theme.spacing, row.implicitHeight + 2 * Theme.spacing)
    color: Theme.dangerSurface
    border.color: Theme.danger
    border.width: 1
    radius: Theme.radius

    Accessible.role: Accessible.AlertMessage
    Accessible.name: root.text

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            text: root.text
            color: Theme.danger
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
        }
        ActionButton {
            objectName: "actionButton"
            visible: root.actionText.length > 0
            text: root.actionText
            fillColor: Theme.danger
            onClicked: root.actionTriggered()
        }
    }
}
