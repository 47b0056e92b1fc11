import QtQuick
import SafeLoop.Ui

/// 双随机: content arrives with the workflow phase; until then it says so.
ShellPage {
    id: root

    pageTitle: qsTr("双随机")

    EmptyState {
        anchors.fill: parent
        title: qsTr("双随机抽取尚未接入")
        text: qsTr("下一版本可在这里随机抽取检查对象和检查人员，并保留抽取记录。")
    }
}
