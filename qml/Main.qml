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
        return root.tourShowPage(key, {})
    }
    /// Like tourShow, opening a Navigator page with `properties`. A key "page-scene" (e.g.
    /// "inspection-hazard") opens the page `page`; the tour then plays the scene on it by the
    /// page's objectNames (app/tourscenes.cpp). A tab key with a `hazardId` opens that task as a
    /// tap on its row would (over the shell on a phone, beside the list on a tablet).
    function tourShowPage(key: string, properties: var): bool {
        stack.pop(null, StackView.Immediate)
        if (key === "login")
            return root.shellRole === ""
        const shell = shellLoader.item as RoleShell
        if (shell && shell.showTab(key)) {
            const hazardId = String(properties.hazardId ?? "")
            if (hazardId.length === 0)
                return true
            const tasks = shell.pageFor(key) as TasksPage
            if (!tasks)
                return false
            tasks.choose(hazardId)
            return true
        }
        const dash = key.indexOf("-")
        const url = Navigator.pages[dash > 0 ? key.slice(0, dash) : key]
        if (url === undefined)
            return false
        return stack.push(url, properties, StackView.Immediate) !== null
    }
    /// The page on top of the stack (the tour plays its scenes on it).
    function tourCurrentPage(unused: string): var {
        return stack.currentItem
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
        function onTabRequested(key: string) {
            stack.pop(null)
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
