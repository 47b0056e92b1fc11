import QtQuick
import SafeLoop.Ui

/// 企业信息: content arrives with the workflow phase; until then it says so.
ShellPage {
    id: root

    pageTitle: qsTr("企业信息")

    EmptyState {
        anchors.fill: parent
        title: qsTr("企业信息尚未接入")
        text: qsTr("下一版本会在这里显示本企业的名称、信用代码、地址和联系人。")
    }
}
