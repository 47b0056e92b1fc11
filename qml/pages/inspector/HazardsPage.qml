import QtQuick
import SafeLoop.Ui

/// 隐患: open hazards in scope by deadline, overdue first. A tap opens the hazard's detail page
/// (整改复查 is one tap from there once the enterprise has submitted evidence): over the shell on
/// a phone, beside the list on a tablet (≥ 900 px).
ShellPage {
    id: root

    /// The hazard in the detail pane (tablet).
    property string selectedId
    /// Width from which list and detail sit side by side.
    readonly property bool wide: root.width >= Theme.wideBreakpoint
    /// The list pane (tests, tour).
    readonly property HazardListPage listPage: hazardList

    /// Shows `hazardId`: beside the list on a tablet, over the shell on a phone.
    function choose(hazardId: string) {
        root.selectedId = hazardId;
        if (!root.wide)
            Navigator.openPage("hazard", {
                    "hazardId": hazardId
                });
    }
    /// Tablet: show the first (most urgent) hazard rather than an empty pane.
    function autoSelect() {
        if (root.wide && root.selectedId.length === 0 && hazardList.model.count > 0)
            root.selectedId = String(Object.assign({}, hazardList.model.get(0)).id);
    }

    pageTitle: qsTr("隐患")
    onWideChanged: root.autoSelect()

    HazardListPage {
        id: hazardList
        width: root.wide ? Math.round(Math.max(360, root.width * 0.38)) : parent.width
        height: parent.height
        selectedId: root.wide ? root.selectedId : ""
        onHazardChosen: id => root.choose(id)
    }
    Connections {
        target: hazardList.model
        function onCountChanged() {
            root.autoSelect();
        }
    }
    Rectangle {
        visible: root.wide
        x: hazardList.width
        width: 1
        height: parent.height
        color: Theme.border
    }
    Item {
        objectName: "detailPane"
        visible: root.wide
        x: hazardList.width + 1
        width: parent.width - hazardList.width - 1
        height: parent.height
        HazardDetailPage {
            objectName: "hazardDetailPane"
            anchors.fill: parent
            visible: root.selectedId.length > 0
            embedded: true
            hazardId: root.wide ? root.selectedId : ""
        }
        EmptyState {
            anchors.fill: parent
            visible: root.selectedId.length === 0
            title: qsTr("选择隐患查看详情")
            text: qsTr("选择一条隐患后，这里显示照片、依据和整改过程；企业提交整改后可从这里复查。")
        }
    }
}
