pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 已完成: the enterprise's closed (销号) hazards, latest closure first, each with the day it was
/// verified and the inspector who verified it. A tap opens the task's history.
ShellPage {
    id: root

    readonly property HazardListModel completed: doneModel

    objectName: "completedPage"
    pageTitle: qsTr("已完成")

    HazardListModel {
        id: doneModel
        store: DeviceStore
        enterpriseId: DeviceStore.userEnterpriseId
        // Closed tasks only; closed self-found hazards are on 自查.
        source: HazardSource.Inspection
        statuses: [HazardStatus.Verified]
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            visible: doneModel.count > 0
            text: qsTr("%n 项隐患已整改销号", "", doneModel.count)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
        EmptyState {
            Layout.fillWidth: true
            visible: doneModel.count === 0
            title: qsTr("还没有销号的隐患")
            text: qsTr("检查人员复查合格后，任务会移到这里，并注明销号日期和复查人员。")
        }
        ListView {
            id: list
            objectName: "completedList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: doneModel
            delegate: ItemDelegate {
                id: row
                required property string hazardId
                required property string description
                required property string level
                required property var closedAt
                required property string closedBy
                objectName: "completed-" + row.hazardId
                width: list.width
                implicitHeight: Math.max(Theme.largeTarget, row.implicitContentHeight + row.topPadding + row.bottomPadding)
                onClicked: Navigator.openPage("hazard", {
                    "hazardId": row.hazardId
                })
                contentItem: ColumnLayout {
                    spacing: 4
                    Label {
                        Layout.fillWidth: true
                        text: row.level === "major" ? qsTr("【重大】%1").arg(row.description) : row.description
                        color: Theme.text
                        wrapMode: Text.WordWrap
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        StatusChip {
                            status: HazardStatus.Verified
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.closedAt && !isNaN(row.closedAt) ? qsTr("%1 由 %2 复查销号").arg(Localization.formatDate(row.closedAt)).arg(row.closedBy) : qsTr("已销号")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.WordWrap
                        }
                    }
                }
            }
        }
    }
}
