pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// An enterprise: details, contacts, open hazards (overdue first) and inspection history.
Page {
    id: root

    property string enterpriseId
    readonly property EnterpriseController controller: ctrl

    signal startInspection(string enterpriseId)
    signal hazardChosen(string hazardId)
    signal inspectionChosen(string inspectionId)

    EnterpriseController {
        id: ctrl
        store: DeviceStore
        enterpriseId: root.enterpriseId
    }

    background: Rectangle { color: Theme.background }

    footer: ActionButton {
        objectName: "startInspectionFromEnterprise"
        text: qsTr("开始检查")
        onClicked: root.startInspection(root.enterpriseId)
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            x: Theme.margin
            width: parent.width - Theme.margin * 2
            spacing: Theme.spacing
            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
                spacing: Theme.spacing
                Label {
                    objectName: "enterpriseName"
                    Layout.fillWidth: true
                    text: ctrl.details.name || ""
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    wrapMode: Text.WordWrap
                    color: Theme.text
                }
                RiskGradeBadge {
                    visible: (ctrl.details.risk_grade || "").length > 0
                    grade: ctrl.details.risk_grade || "blue"
                }
            }
            Repeater {
                model: [
                    [qsTr("统一社会信用代码"), ctrl.details.uscc],
                    [qsTr("地址"), ctrl.details.address],
                    [qsTr("街道"), ctrl.details.street],
                    [qsTr("行业"), ctrl.details.industry_code],
                    [qsTr("主要负责人"), ctrl.details.leader],
                    [qsTr("联系人"), ctrl.details.contact],
                    [qsTr("电话"), ctrl.details.phone]
                ]
                delegate: RowLayout {
                    required property var modelData
                    Layout.fillWidth: true
                    visible: (modelData[1] || "").length > 0
                    spacing: Theme.spacing
                    Label {
                        Layout.preferredWidth: 120
                        text: modelData[0]
                        color: Theme.textMuted
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        Layout.fillWidth: true
                        text: modelData[1] || ""
                        color: Theme.text
                        wrapMode: Text.WrapAnywhere
                    }
                }
            }
            Label {
                Layout.topMargin: Theme.margin
                text: qsTr("未销号隐患（%1）").arg(ctrl.hazards.count)
                font.bold: true
                color: Theme.text
            }
            Label {
                visible: ctrl.hazards.count === 0
                text: qsTr("没有未销号的隐患。")
                color: Theme.textMuted
            }
            Repeater {
                model: ctrl.hazards
                delegate: HazardRow {
                    Layout.fillWidth: true
                    onClicked: root.hazardChosen(hazardId)
                }
            }
            Label {
                Layout.topMargin: Theme.margin
                text: qsTr("检查记录（%1）").arg(ctrl.history.length)
                font.bold: true
                color: Theme.text
            }
            Label {
                visible: ctrl.history.length === 0
                text: qsTr("还没有检查记录。")
                color: Theme.textMuted
            }
            Repeater {
                model: ctrl.history
                delegate: ItemDelegate {
                    id: historyRow
                    required property var modelData
                    Layout.fillWidth: true
                    implicitHeight: Theme.largeTarget
                    text: qsTr("%1 · %2 · 隐患 %3 条").arg(Localization.formatDate(historyRow.modelData.startedAt))
                          .arg(historyRow.modelData.status === "finished" ? qsTr("已完成") : qsTr("草稿"))
                          .arg(historyRow.modelData.hazardCount)
                    onClicked: root.inspectionChosen(historyRow.modelData.id)
                }
            }
            Item { Layout.preferredHeight: Theme.margin }
        }
    }
}
