import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// First page: what SafeLoop is, before the login form is wired to a server.
Page {
    id: root

    background: Rectangle {
        color: Theme.background
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing * 2

        Item {
            Layout.fillHeight: true
        }

        Label {
            Layout.fillWidth: true
            text: qsTr("安全巡检")
            font.pixelSize: Theme.fontHeadline
            font.bold: true
            color: Theme.primary
            horizontalAlignment: Text.AlignHCenter
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("现场检查 · 隐患整改 · 离线可用")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: Theme.spacing
            Repeater {
                model: ["red", "orange", "yellow", "blue"]
                delegate: RiskGradeBadge {
                    required property string modelData
                    grade: modelData
                }
            }
        }

        Item {
            Layout.fillHeight: true
        }

        Label {
            Layout.fillWidth: true
            text: qsTr("版本 %1").arg(AppInfo.version)
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
