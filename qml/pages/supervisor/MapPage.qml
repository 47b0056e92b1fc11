import QtQuick
import SafeLoop.Ui

/// 地图: content arrives with the workflow phase; until then it says so.
ShellPage {
    id: root

    pageTitle: qsTr("地图")

    EmptyState {
        anchors.fill: parent
        title: qsTr("检查覆盖地图尚未接入")
        text: qsTr("下一版本会在地图上标出已检查和未检查的企业。")
    }
}
