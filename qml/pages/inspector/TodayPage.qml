import QtQuick
import SafeLoop.Ui

/// 今日: content arrives with the workflow phase; until then it says so.
ShellPage {
    id: root

    pageTitle: qsTr("今日")

    EmptyState {
        anchors.fill: parent
        title: qsTr("今日计划将在下一版本显示")
        text: qsTr("检查计划、逾期复查和未完成的草稿会列在这里。这一版本还不能开始检查；可先在“我的”确认账号、服务器和同步状态。")
    }
}
