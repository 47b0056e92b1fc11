import QtQuick
import SafeLoop.Ui

/// 已完成: content arrives with the workflow phase; until then it says so.
ShellPage {
    id: root

    pageTitle: qsTr("已完成")

    EmptyState {
        anchors.fill: parent
        title: qsTr("已完成的整改尚未接入")
        text: qsTr("通过复查并销号的整改记录会在下一版本列在这里。")
    }
}
