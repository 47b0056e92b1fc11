import QtQuick
import SafeLoop.Ui

/// 概览: content arrives with the workflow phase; until then it says so.
ShellPage {
    id: root

    pageTitle: qsTr("概览")

    EmptyState {
        anchors.fill: parent
        title: qsTr("概览尚未接入")
        text: qsTr("检查覆盖率、整改率和逾期数量的统计卡片将在下一版本显示，每张卡片都可查看明细。")
    }
}
