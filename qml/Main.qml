import QtQuick
import QtQuick.Controls.Material

/// The one window of SafeLoop; pages are pushed onto the stack by role.
ApplicationWindow {
    id: root

    width: 400
    height: 800
    visible: true
    title: qsTr("SafeLoop 安全巡检")

    Material.theme: Material.Light
    Material.primary: Theme.primary
    Material.accent: Theme.accent

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: WelcomePage {}
    }
}
