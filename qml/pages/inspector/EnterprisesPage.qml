import QtQuick
import SafeLoop.Ui

/// 企业: search (nearest first with a GPS fix) and the enterprise page. Phone: a tap opens the
/// enterprise over the shell; tablet (≥ 900 px): list and enterprise side by side, like
/// ListDetailLayout (its panes are plain items here, so they can bind to this page).
ShellPage {
    id: root

    /// The enterprise in the detail pane (tablet).
    property string selectedId
    /// Width from which list and detail sit side by side.
    readonly property bool wide: root.width >= Theme.wideBreakpoint
    /// The search list pane (tests, tour).
    readonly property EnterpriseSearchPage searchPage: search

    /// Shows `enterpriseId`: beside the list on a tablet, over the shell on a phone.
    function choose(enterpriseId: string) {
        root.selectedId = enterpriseId;
        if (!root.wide)
            Navigator.openPage("enterprise", {
                    "enterpriseId": enterpriseId
                });
    }
    /// Tablet: show the first (nearest) enterprise rather than an empty pane.
    function autoSelect() {
        if (root.wide && root.selectedId.length === 0 && search.model.count > 0)
            root.selectedId = String(Object.assign({}, search.model.get(0)).uscc);
    }

    pageTitle: qsTr("企业")
    onWideChanged: root.autoSelect()

    EnterpriseSearchPage {
        id: search
        width: root.wide ? Math.round(Math.max(360, root.width * 0.38)) : parent.width
        height: parent.height
        selectedId: root.wide ? root.selectedId : ""
        onEnterpriseChosen: id => root.choose(id)
    }
    Connections {
        target: search.model
        function onCountChanged() {
            root.autoSelect();
        }
    }
    Rectangle {
        visible: root.wide
        x: search.width
        width: 1
        height: parent.height
        color: Theme.border
    }
    Item {
        objectName: "detailPane"
        visible: root.wide
        x: search.width + 1
        width: parent.width - search.width - 1
        height: parent.height
        EnterprisePage {
            anchors.fill: parent
            visible: root.selectedId.length > 0
            embedded: true
            enterpriseId: root.wide ? root.selectedId : ""
        }
        EmptyState {
            anchors.fill: parent
            visible: root.selectedId.length === 0
            title: qsTr("选择企业查看详情")
            text: qsTr("选择一家企业后，这里显示它的信息、未销号隐患和检查记录，并可开始检查。")
        }
    }
}
