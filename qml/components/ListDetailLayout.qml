import QtQuick
import SafeLoop.Ui

/// List and detail: side by side from `breakpoint` (900 px) up, one at a time below it
/// (the detail replaces the list while `detailShown`). Later pages put their list model view in
/// `list` and the selected record in `detail`.
Item {
    id: root

    /// The list pane.
    property Component list
    /// The detail pane.
    property Component detail
    /// On narrow screens: show the detail instead of the list (e.g. after a tap on a row).
    property bool detailShown: false
    /// Width from which both panes are shown.
    property int breakpoint: Theme.wideBreakpoint
    /// True when both panes are shown.
    readonly property bool wide: root.width >= root.breakpoint
    /// Width of the list pane in wide mode.
    readonly property real listWidth: Math.round(Math.max(360, root.width * 0.38))
    /// The created pane items (null until loaded).
    readonly property Item listItem: listLoader.item as Item
    readonly property Item detailItem: detailLoader.item as Item

    Loader {
        id: listLoader
        objectName: "listPane"
        visible: root.wide || !root.detailShown
        width: root.wide ? root.listWidth : root.width
        height: root.height
        sourceComponent: root.list
    }
    Rectangle {
        visible: root.wide
        x: root.listWidth
        width: 1
        height: root.height
        color: Theme.border
    }
    Loader {
        id: detailLoader
        objectName: "detailPane"
        visible: root.wide || root.detailShown
        x: root.wide ? root.listWidth + 1 : 0
        width: root.wide ? root.width - root.listWidth - 1 : root.width
        height: root.height
        sourceComponent: root.detail
    }
}
