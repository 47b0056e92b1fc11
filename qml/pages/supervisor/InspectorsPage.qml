import QtQuick
import SafeLoop.Ui

/// 检查员: list and detail (side by side on wide screens); content arrives with the workflow phase.
ShellPage {
    id: root

    pageTitle: qsTr("检查员")

    ListDetailLayout {
        anchors.fill: parent
        list: EmptyState {
            title: qsTr("检查员工作量尚未接入")
            text: qsTr("每位检查员的检查次数和未结隐患将在下一版本列在这里。")
        }
        detail: EmptyState {
            title: qsTr("选择检查员查看详情")
            text: qsTr("选择一位检查员后，这里显示其检查记录。")
        }
    }
}
