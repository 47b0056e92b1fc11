pragma Singleton

import QtQuick

/// Opens pages over the role shell. Later workflow pages register a key here (one line) so
/// `safeloop --tour` and deep links can reach them by name.
QtObject {
    id: root

    /// Pages reachable by key beyond the role's tabs: key → QML file URL.
    readonly property var pages: ({})

    /// A page asked to open `url` with `properties` on top of the shell.
    signal pageRequested(url url, var properties)
    /// A page asked to close itself and go back.
    signal backRequested()

    function open(url: url, properties: var) {
        root.pageRequested(url, properties)
    }

    function back() {
        root.backRequested()
    }
}
