import QtQuick
import SafeLoop.Ui

/// 企业: list and detail (side by side on wide screens); content arrives with the workflow phase.
ShellPage {
    id: root

    pageTitle: qsTr("企业")

    ListDetailLayout {
        anchors.fill: parent
        list: EmptyState {
            title: qsTr("企业名录尚未接入")
            text: qsTr("下一版本会在这里按名称或信用代码搜索企业，并列出附近的企业。")
        }
        detail: EmptyState {
            title: qsTr("选择企业查看详情")
            text: qsTr("选择一家企业后，这里显示它的信息和检查记录。")
        }
    }
}
