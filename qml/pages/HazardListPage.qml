pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 隐患 tab list: open hazards in scope, overdue first, then by deadline.
Page {
    id: root

    /// Filters: one enterprise (empty = all) and HazardStatus values (empty = everything not
    /// closed).
    property string enterpriseId
    property var statuses: []
    /// The hazard shown as selected (tablet: the one in the detail pane).
    property string selectedId
    readonly property HazardListModel model: hazardModel

    signal hazardChosen(string hazardId)

    background: Rectangle { color: Theme.background }

    HazardListModel {
        id: hazardModel
        store: DeviceStore
        enterpriseId: root.enterpriseId
        statuses: root.statuses
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            visible: hazardModel.count > 0
            text: qsTr("%n 条未销号，逾期的在前", "", hazardModel.count)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
        EmptyState {
            Layout.fillWidth: true
            visible: hazardModel.count === 0
            title: qsTr("没有待处理的隐患")
            text: qsTr("检查中发现的隐患会按整改期限列在这里。")
        }
        ListView {
            id: list
            objectName: "hazardList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: hazardModel
            delegate: HazardRow {
                id: hazardRow
                width: list.width
                highlighted: hazardRow.hazardId === root.selectedId
                onClicked: root.hazardChosen(hazardRow.hazardId)
            }
        }
    }
}
