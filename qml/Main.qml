import QtQuick
import QtQuick.Controls.Material
import SafeLoop.App
import SafeLoop.Ui

/// The one window of SafeLoop: the login form, or the signed-in role's shell with pages
/// opened over it through Navigator.
ApplicationWindow {
    id: root

    /// The shell to show: "" (login), "inspector", "enterprise" or "supervisor".
    readonly property string shellRole: !SessionController.signedIn ? ""
        : SessionController.role === "admin" ? "supervisor" : SessionController.role

    /// Shows the page named `key` (a tab of the current role, a Navigator page, or "login").
    /// Used by `safeloop --tour`; returns false when the key cannot be shown now.
    function tourShow(key: string): bool {
        stack.pop(null, StackView.Immediate)
        if (key === "login")
            return root.shellRole === ""
        const shell = shellLoader.item as RoleShell
        if (shell && shell.showTab(key))
            return true
        const url = Navigator.pages[key]
        if (url === undefined)
            return false
        stack.push(url, {}, StackView.Immediate)
        return true
    }
    /// Switches the language (tour).
    function tourSetLanguage(language: string): bool {
        return Localization.setLanguage(language)
    }

    width: 400
    height: 800
    visible: true
    title: qsTr("SafeLoop 安全巡检")

    Material.theme: Material.Light
    Material.primary: Theme.primary
    Material.accent: Theme.accent

    Connections {
        target: Navigator
        function onPageRequested(url: url, properties: var) {
            stack.push(url, properties)
        }
        function onBackRequested() {
            if (stack.depth > 1)
                stack.pop()
        }
    }

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: Loader {
            id: shellLoader
            sourceComponent: root.shellRole === "" ? loginComponent : shellComponent
        }
    }

    Component {
        id: loginComponent
        LoginPage {}
    }
    Component {
        id: shellComponent
        RoleShell {
            role: SessionController.role === "admin" ? "supervisor" : SessionController.role
        }
    }
}
