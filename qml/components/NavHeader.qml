import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.Ui

/// Header of a page opened over the role shell: a labelled back button (at least 48 px), the
/// title, and the sync bar underneath (UX.md: the sync bar is on every page).
Column {
    id: root

    /// Title shown next to the back button.
    property string title
    /// Show the back button (false when the page sits in a tablet's detail pane).
    property bool showBack: true

    /// The back button was pressed; the page decides what "back" means (e.g. leave the hazard
    /// sheet before leaving the inspection).
    signal backClicked

    objectName: "navHeader"

    Rectangle {
        width: root.width
        height: Theme.largeTarget
        color: Theme.primary

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: root.showBack ? Theme.spacing / 2 : Theme.margin
            anchors.rightMargin: Theme.margin
            spacing: Theme.spacing

            ActionButton {
                objectName: "backButton"
                visible: root.showBack
                Layout.preferredHeight: Theme.touchTarget
                Layout.minimumWidth: Theme.touchTarget * 2
                text: "‹ " + qsTr("返回")
                fillColor: Theme.primary
                labelColor: Theme.onColor
                Accessible.name: qsTr("返回")
                onClicked: root.backClicked()
            }
            Label {
                objectName: "navTitle"
                Layout.fillWidth: true
                text: root.title
                color: Theme.onColor
                font.pixelSize: Theme.fontTitle
                font.bold: true
                elide: Text.ElideRight
                verticalAlignment: Text.AlignVCenter
            }
        }
    }
    AppSyncBar {
        width: root.width
    }
}
