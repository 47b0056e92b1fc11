pragma Singleton
import QtQuick

/// Opens pages over the role shell. Workflow pages are registered here by key so the shell,
/// `safeloop --tour` and deep links reach them by name.
QtObject {
    id: root

    /// Pages reachable by key beyond the role's tabs: key → QML file URL.
    readonly property var pages: ({
            "enterprise": Qt.resolvedUrl("pages/EnterprisePage.qml"),
            "inspection": Qt.resolvedUrl("pages/InspectionPage.qml"),
            "hazard": Qt.resolvedUrl("pages/HazardDetailPage.qml"),
            "reinspection": Qt.resolvedUrl("pages/ReinspectionPage.qml"),
            "rectification": Qt.resolvedUrl("pages/RectificationPage.qml"),
            "document": Qt.resolvedUrl("pages/DocumentPage.qml"),
            "selfCheck": Qt.resolvedUrl("pages/enterprise/SelfCheckPage.qml"),
            "selfCheckHazard": Qt.resolvedUrl("pages/enterprise/SelfCheckHazardPage.qml")
        })

    /// Numbers shown on the role shell's tabs, by tab key (e.g. open tasks on 整改任务).
    property var badges: ({})

    /// Shows `count` on the tab `key` (0 hides it).
    function setBadge(key: string, count: int) {
        const next = Object.assign({}, root.badges);
        next[key] = count;
        root.badges = next;
    }

    /// A tab's label (`tab`: {key, title}) with its badge count, if any.
    function tabLabel(tab: var): string {
        const badge = Number(root.badges[tab.key] ?? 0);
        return badge > 0 ? qsTr("%1 (%2)").arg(tab.title).arg(badge) : tab.title;
    }

    /// A page asked to open `url` with `properties` on top of the shell.
    signal pageRequested(url url, var properties)
    /// A page asked to close itself and go back.
    signal backRequested
    /// A page asked the role shell to switch to the tab `key` (e.g. 今日 → 企业).
    signal tabRequested(string key)

    function open(url: url, properties: var) {
        root.pageRequested(url, properties);
    }

    /// Opens the page registered as `key` (see `pages`).
    function openPage(key: string, properties: var) {
        const url = root.pages[key];
        if (url !== undefined)
            root.pageRequested(url, properties);
    }

    /// Switches the role shell to the tab `key`, closing pages opened over it.
    function showTab(key: string) {
        root.tabRequested(key);
    }

    function back() {
        root.backRequested();
    }
}
