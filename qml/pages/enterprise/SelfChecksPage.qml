pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 自查: the enterprise's own hazard screening (企业自查, 隐患排查治理). Start a self-check with a
/// shipped checklist, continue one in progress, and rectify and close the hazards it found —
/// on the device at once, synced later; inspectors see the record after the next sync.
ShellPage {
    id: root

    readonly property EnterpriseController controller: ctrl

    objectName: "selfChecksPage"
    pageTitle: qsTr("自查")

    EnterpriseController {
        id: ctrl
        store: DeviceStore
        enterpriseId: DeviceStore.userEnterpriseId
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + Theme.margin * 2
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: parent.width - Theme.margin * 2
            spacing: Theme.spacing

            ActionButton {
                objectName: "newSelfCheckButton"
                Layout.fillWidth: true
                text: qsTr("开始自查")
                enabled: DeviceStore.userEnterpriseId.length > 0
                onClicked: Navigator.openPage("selfCheck", {
                    "enterpriseId": DeviceStore.userEnterpriseId
                })
            }
            Label {
                objectName: "selfCheckHazardsHeader"
                Layout.topMargin: Theme.margin
                Layout.fillWidth: true
                text: qsTr("自查发现的隐患（%1）").arg(ctrl.selfCheckHazards.length)
                font.bold: true
                color: Theme.text
            }
            Label {
                visible: ctrl.selfCheckHazards.length === 0
                text: qsTr("自查还没有发现隐患。")
                color: Theme.textMuted
            }
            Repeater {
                model: ctrl.selfCheckHazards
                delegate: ItemDelegate {
                    id: hazardRow
                    required property var modelData
                    required property int index
                    objectName: "selfCheckHazard-" + hazardRow.index
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.largeTarget, hazardRow.implicitContentHeight + Theme.spacing)
                    contentItem: RowLayout {
                        spacing: Theme.spacing
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1 · 期限 %2").arg(hazardRow.modelData.description).arg(hazardRow.modelData.deadline)
                            wrapMode: Text.WordWrap
                            color: Theme.text
                        }
                        StatusChip {
                            status: hazardRow.modelData.status
                        }
                    }
                    onClicked: Navigator.openPage("selfCheckHazard", {
                        "hazardId": hazardRow.modelData.id
                    })
                }
            }
            Label {
                objectName: "selfChecksHeader"
                Layout.topMargin: Theme.margin
                Layout.fillWidth: true
                text: qsTr("自查记录（%1）").arg(ctrl.selfChecks.length)
                font.bold: true
                color: Theme.text
            }
            Label {
                visible: ctrl.selfChecks.length === 0
                text: qsTr("还没有自查记录。")
                color: Theme.textMuted
            }
            Repeater {
                model: ctrl.selfChecks
                delegate: ItemDelegate {
                    id: checkRow
                    required property var modelData
                    required property int index
                    readonly property bool finished: checkRow.modelData.status === InspectionStatus.Finished
                    objectName: "selfCheck-" + checkRow.index
                    Layout.fillWidth: true
                    implicitHeight: Theme.largeTarget
                    text: qsTr("%1 · %2 · 发现隐患 %3 条，未销号 %4 条").arg(Localization.formatDate(checkRow.modelData.startedAt)).arg(checkRow.finished ? qsTr("已完成") : qsTr("进行中，点此继续")).arg(checkRow.modelData.hazardCount).arg(checkRow.modelData.openHazards)
                    onClicked: Navigator.openPage("selfCheck", {
                        "inspectionId": checkRow.modelData.id
                    })
                }
            }
        }
    }
}
