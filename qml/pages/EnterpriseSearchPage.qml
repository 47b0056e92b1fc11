pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 企业 tab list: search by name, credit code or street; nearest first once there is a GPS fix.
Page {
    id: root

    /// The search text.
    property alias query: search.text
    /// The enterprise shown as selected (tablet: the one in the detail pane).
    property string selectedId
    readonly property EnterpriseSearchModel model: searchModel

    /// The inspector tapped an enterprise.
    signal enterpriseChosen(string enterpriseId)

    background: Rectangle { color: Theme.background }

    EnterpriseSearchModel {
        id: searchModel
        store: DeviceStore
        query: search.text
        fix: position.fix
    }
    PositionProvider {
        id: position
        Component.onCompleted: position.start()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        TextField {
            id: search
            objectName: "enterpriseSearchField"
            Layout.fillWidth: true
            Layout.minimumHeight: Theme.touchTarget
            placeholderText: qsTr("搜索企业名称、信用代码或街道")
            inputMethodHints: Qt.ImhNoPredictiveText
        }
        Label {
            Layout.fillWidth: true
            text: position.hasFix ? qsTr("按距离排序，最近的在前") : qsTr("未定位，按名称排序")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
        }
        EmptyState {
            Layout.fillWidth: true
            visible: searchModel.count === 0 && !searchModel.loading
            title: DeviceStore.ready ? qsTr("没有找到企业") : qsTr("本机还没有企业名录")
            text: DeviceStore.ready ? qsTr("换一个关键词试试，或同步后再搜索。")
                                    : qsTr("登录并同步后，辖区内的企业会出现在这里。")
        }
        ListView {
            id: list
            objectName: "enterpriseList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: searchModel
            delegate: ItemDelegate {
                id: row
                required property string uscc
                required property string name
                required property string street
                required property string riskGrade
                required property real distanceM
                objectName: "enterpriseRow-" + row.uscc
                width: list.width
                implicitHeight: Math.max(Theme.largeTarget, row.implicitContentHeight + row.topPadding + row.bottomPadding)
                highlighted: row.uscc === root.selectedId
                onClicked: root.enterpriseChosen(row.uscc)
                contentItem: RowLayout {
                    spacing: Theme.spacing
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: row.name
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.distanceM >= 0
                                  ? qsTr("%1 · %2 米").arg(row.street).arg(Math.round(row.distanceM))
                                  : row.street
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.WordWrap
                        }
                    }
                    RiskGradeBadge { grade: row.riskGrade }
                }
            }
        }
    }
}
