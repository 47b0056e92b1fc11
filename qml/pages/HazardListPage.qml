pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 隐患 tab: open hazards in scope, overdue first, then by deadline.
Page {
    id: root

    /// Filters: one enterprise (empty = all) and wire statuses (empty = everything not closed).
    property string enterpriseId
    property list<string> statuses
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
        EmptyState {
            Layout.fillWidth: true
            visible: hazardModel.count === 0
            title: qsTr("没有待处理的隐患")
            text: qsTr("检查中发现的隐患会按整改期限列在这里。")
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: availableWidth
            Column {
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    model: hazardModel
                    delegate: HazardRow {
                        width: parent ? parent.width : 0
                        onClicked: root.hazardChosen(hazardId)
                    }
                }
            }
        }
    }
}
