import QtQuick
import SafeLoop.Ui

/// 隐患: list and detail (side by side on wide screens); content arrives with the workflow phase.
ShellPage {
    id: root

    pageTitle: qsTr("隐患")

    ListDetailLayout {
        anchors.fill: parent
        list: EmptyState {
            title: qsTr("隐患列表尚未接入")
            text: qsTr("辖区内未销号的隐患将在下一版本按整改期限排在这里，逾期的在最前。")
        }
        detail: EmptyState {
            title: qsTr("选择隐患查看详情")
            text: qsTr("选择一条隐患后，这里显示照片、依据和整改进度。")
        }
    }
}
