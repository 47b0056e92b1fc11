import QtQuick
import SafeLoop.Ui

/// 整改任务: list and detail (side by side on wide screens); content arrives with the workflow phase.
ShellPage {
    id: root

    pageTitle: qsTr("整改任务")

    ListDetailLayout {
        anchors.fill: parent
        list: EmptyState {
            title: qsTr("整改任务尚未接入")
            text: qsTr("检查人员下达的整改任务将在下一版本按期限列在这里，逾期的在最前，并可提交整改照片。")
        }
        detail: EmptyState {
            title: qsTr("选择任务查看详情")
            text: qsTr("选择一项任务后，这里显示问题、依据、照片和剩余天数。")
        }
    }
}
