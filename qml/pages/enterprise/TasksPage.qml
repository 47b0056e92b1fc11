pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 整改任务: the enterprise's home. What needs attention first (overdue, due within 3 days),
/// what changed since the user last looked (new tasks, rejections, verifications), then every
/// task not yet closed — overdue first, then by deadline — filtered by status, with the counts.
/// A tap opens the task: over the shell on a phone, beside the list on a tablet (≥ 900 px).
ShellPage {
    id: root

    /// The task in the detail pane (tablet).
    property string selectedId
    /// The chosen filter chip: "all", "open" (待整改), "submitted", "rejected" or "overdue".
    property string filter: "all"
    readonly property bool wide: root.width >= Theme.wideBreakpoint
    readonly property HazardListModel tasks: taskModel
    readonly property ChangeFeedModel changes: feed
    readonly property var counts: taskModel.counts

    /// Shows `hazardId`: beside the list on a tablet, over the shell on a phone.
    function choose(hazardId: string) {
        root.selectedId = hazardId;
        if (!root.wide)
            Navigator.openPage("hazard", {
                "hazardId": hazardId
            });
    }
    function autoSelect() {
        if (root.wide && root.selectedId.length === 0 && taskModel.count > 0)
            root.selectedId = String(Object.assign({}, taskModel.get(0)).id);
    }
    /// The HazardStatus values a filter chip lists (empty: all but verified).
    function statusesFor(filter: string): var {
        switch (filter) {
        case "open":
            return [HazardStatus.Open, HazardStatus.Escalated];
        case "submitted":
            return [HazardStatus.Submitted];
        case "rejected":
            return [HazardStatus.Rejected];
        }
        return [];
    }
    function changeText(kind: int): string {
        switch (kind) {
        case HazardEventKind.Order:
            return qsTr("新任务");
        case HazardEventKind.Reject:
            return qsTr("被退回");
        case HazardEventKind.Verify:
            return qsTr("已销号");
        case HazardEventKind.Escalate:
            return qsTr("挂牌督办");
        }
        return "";
    }

    objectName: "tasksPage"
    pageTitle: qsTr("整改任务")
    onWideChanged: root.autoSelect()
    onCountsChanged: Navigator.setBadge("tasks", Number(root.counts.all ?? 0))
    Component.onDestruction: Navigator.setBadge("tasks", 0)

    HazardListModel {
        id: taskModel
        store: DeviceStore
        enterpriseId: DeviceStore.userEnterpriseId
        // Tasks are what inspectors issued; self-found hazards are on 自查.
        source: HazardSource.Inspection
        statuses: root.statusesFor(root.filter)
        overdueOnly: root.filter === "overdue"
        onCountChanged: root.autoSelect()
    }
    HazardListModel {
        id: attention
        store: DeviceStore
        enterpriseId: DeviceStore.userEnterpriseId
        // Tasks are what inspectors issued; self-found hazards are on 自查.
        source: HazardSource.Inspection
        statuses: [HazardStatus.Open, HazardStatus.Rejected, HazardStatus.Escalated]
        dueWithinDays: 3
    }
    ChangeFeedModel {
        id: feed
        store: DeviceStore
    }

    Flickable {
        id: listPane
        width: root.wide ? Math.round(Math.max(380, root.width * 0.4)) : parent.width
        height: parent.height
        contentHeight: listColumn.implicitHeight + Theme.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: listColumn
            x: Theme.margin
            y: Theme.spacing
            width: listPane.width - 2 * Theme.margin
            spacing: Theme.spacing

            // ---- what needs attention ----
            Rectangle {
                objectName: "attentionBox"
                Layout.fillWidth: true
                visible: attention.count > 0
                implicitHeight: attentionColumn.implicitHeight + Theme.spacing * 2
                radius: Theme.radius
                color: Theme.dangerSurface
                border.color: Theme.danger
                ColumnLayout {
                    id: attentionColumn
                    x: Theme.spacing
                    y: Theme.spacing
                    width: parent.width - 2 * Theme.spacing
                    spacing: 2
                    Label {
                        objectName: "attentionTitle"
                        Layout.fillWidth: true
                        text: qsTr("需要尽快处理：%1 项已逾期，%2 项 3 天内到期").arg(Number(root.counts.overdue ?? 0)).arg(Number(root.counts.dueSoon ?? 0))
                        font.bold: true
                        color: Theme.danger
                        wrapMode: Text.WordWrap
                    }
                    Repeater {
                        model: attention
                        delegate: ItemDelegate {
                            id: urgent
                            required property string hazardId
                            required property string description
                            required property bool overdue
                            required property int daysLeft
                            objectName: "attention-" + urgent.hazardId
                            Layout.fillWidth: true
                            implicitHeight: Theme.touchTarget
                            leftPadding: 0
                            onClicked: root.choose(urgent.hazardId)
                            contentItem: Label {
                                text: (urgent.overdue ? qsTr("已逾期 %n 天", "", -urgent.daysLeft) : urgent.daysLeft === 0 ? qsTr("今天到期") : qsTr("剩 %n 天", "", urgent.daysLeft)) + " · " + urgent.description
                                color: urgent.overdue ? Theme.danger : Theme.text
                                elide: Text.ElideRight
                                verticalAlignment: Text.AlignVCenter
                            }
                        }
                    }
                }
            }

            // ---- what changed ----
            Rectangle {
                objectName: "changesBox"
                Layout.fillWidth: true
                visible: feed.count > 0
                implicitHeight: changesColumn.implicitHeight + Theme.spacing * 2
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.primary
                ColumnLayout {
                    id: changesColumn
                    x: Theme.spacing
                    y: Theme.spacing
                    width: parent.width - 2 * Theme.spacing
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            objectName: "changesTitle"
                            Layout.fillWidth: true
                            text: qsTr("新消息")
                            font.bold: true
                            color: Theme.text
                        }
                        Rectangle {
                            objectName: "changesBadge"
                            implicitWidth: Math.max(28, badgeText.implicitWidth + 12)
                            implicitHeight: 28
                            radius: 14
                            color: Theme.accent
                            Label {
                                id: badgeText
                                anchors.centerIn: parent
                                text: feed.count
                                color: Theme.onColor
                                font.bold: true
                            }
                        }
                        Button {
                            objectName: "markChangesSeen"
                            implicitHeight: Theme.touchTarget
                            flat: true
                            text: qsTr("知道了")
                            onClicked: feed.markSeen()
                        }
                    }
                    Repeater {
                        model: feed
                        delegate: ItemDelegate {
                            id: change
                            required property int index
                            required property string hazardId
                            /// A HazardEventKind value.
                            required property int kind
                            required property var at
                            required property string description
                            required property string note
                            objectName: "change-" + change.index
                            Layout.fillWidth: true
                            visible: change.index < 5
                            implicitHeight: visible ? Math.max(Theme.touchTarget, change.implicitContentHeight + 8) : 0
                            leftPadding: 0
                            onClicked: root.choose(change.hazardId)
                            contentItem: ColumnLayout {
                                spacing: 0
                                Label {
                                    Layout.fillWidth: true
                                    text: root.changeText(change.kind) + " · " + change.description
                                    font.bold: change.kind === HazardEventKind.Reject
                                    color: change.kind === HazardEventKind.Reject ? Theme.statusRejected : Theme.text
                                    elide: Text.ElideRight
                                }
                                Label {
                                    Layout.fillWidth: true
                                    visible: change.kind === HazardEventKind.Reject && change.note.length > 0
                                    text: qsTr("退回原因：%1").arg(change.note)
                                    color: Theme.textMuted
                                    font.pixelSize: Theme.fontSmall
                                    elide: Text.ElideRight
                                }
                            }
                        }
                    }
                }
            }

            // ---- filters with counts ----
            Flow {
                objectName: "taskFilters"
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                Repeater {
                    model: [
                        ["all", qsTr("全部"), root.counts.all],
                        ["open", qsTr("待整改"), root.counts.open],
                        ["submitted", qsTr("已提交待复查"), root.counts.submitted],
                        ["rejected", qsTr("被退回"), root.counts.rejected],
                        ["overdue", qsTr("已逾期"), root.counts.overdue]
                    ]
                    // A filled chip for the chosen filter (Material's highlighted flat button
                    // drew white text on the page's background: the chosen filter was invisible).
                    delegate: ActionButton {
                        id: chip
                        required property var modelData
                        objectName: "filter-" + chip.modelData[0]
                        implicitHeight: Theme.touchTarget
                        implicitWidth: chip.implicitContentWidth + 2 * Theme.spacing
                        checkable: true
                        checked: root.filter === chip.modelData[0]
                        font.bold: chip.checked
                        fillColor: chip.checked ? Theme.primary : Theme.neutralSurface
                        labelColor: chip.checked ? Theme.onColor : Theme.text
                        text: qsTr("%1 %2").arg(chip.modelData[1]).arg(Number(chip.modelData[2] ?? 0))
                        onClicked: root.filter = chip.modelData[0]
                    }
                }
            }

            EmptyState {
                objectName: "noTasks"
                Layout.fillWidth: true
                visible: taskModel.count === 0
                title: root.filter === "all" ? qsTr("没有待办的整改任务") : qsTr("没有符合条件的任务")
                text: root.filter === "all" ? qsTr("检查人员下达的整改任务会在同步后按期限列在这里。") : qsTr("换一个筛选条件看看。")
            }
            Repeater {
                id: taskList
                objectName: "taskList"
                model: taskModel
                delegate: HazardRow {
                    id: taskRow
                    Layout.fillWidth: true
                    highlighted: root.wide && taskRow.hazardId === root.selectedId
                    onClicked: root.choose(taskRow.hazardId)
                }
            }
        }
    }
    Rectangle {
        visible: root.wide
        x: listPane.width
        width: 1
        height: parent.height
        color: Theme.border
    }
    Item {
        objectName: "detailPane"
        visible: root.wide
        x: listPane.width + 1
        width: parent.width - listPane.width - 1
        height: parent.height
        HazardDetailPage {
            objectName: "taskDetailPane"
            anchors.fill: parent
            visible: root.selectedId.length > 0
            embedded: true
            hazardId: root.wide ? root.selectedId : ""
        }
        EmptyState {
            anchors.fill: parent
            visible: root.selectedId.length === 0
            title: qsTr("选择任务查看详情")
            text: qsTr("选择一项任务后，这里显示问题、依据、照片和整改过程，并可提交整改。")
        }
    }
}
