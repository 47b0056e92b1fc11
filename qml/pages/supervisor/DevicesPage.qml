import QtQuick
import SafeLoop.Ui

/// 设备: content arrives with the workflow phase; until then it says so.
ShellPage {
    id: root

    pageTitle: qsTr("设备")

    EmptyState {
        anchors.fill: parent
        title: qsTr("设备同步状态尚未接入")
        text: qsTr("各台设备的最近同步时间和待上传数量会在下一版本列在这里。")
    }
}
