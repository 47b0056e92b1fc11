import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.Ui

/// A page of a role shell: title bar, the sync bar, then the page's own content.
Page {
    id: root

    /// Title shown in the bar at the top.
    property string pageTitle
    /// Children of the page body.
    default property alias content: body.data

    objectName: "shellPage"
    background: Rectangle {
        color: Theme.background
    }

    header: Column {
        Rectangle {
            width: parent.width
            height: Theme.largeTarget
            color: Theme.primary
            Label {
                objectName: "pageTitle"
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                verticalAlignment: Text.AlignVCenter
                text: root.pageTitle
                color: Theme.onColor
                font.pixelSize: Theme.fontTitle
                font.bold: true
                elide: Text.ElideRight
            }
        }
        AppSyncBar {
            width: parent.width
        }
    }

    Item {
        id: body
        anchors.fill: parent
    }
}
