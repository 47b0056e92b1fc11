import QtQuick
import SafeLoop.Ui

/// A hazard's status as colour and word; overdue adds "已逾期" (colour is never the only signal).
Rectangle {
    id: root

    /// One of "open", "rectifying", "submitted", "rejected", "verified" ("closed"), "escalated".
    property string status
    /// The deadline has passed without verification.
    property bool overdue: false
    /// Words as the enterprise reads its tasks (已提交待复查, 被退回) rather than the inspector's.
    property bool enterpriseWords: false

    readonly property string statusText: {
        switch (root.status) {
        case "open":
            return qsTr("待整改");
        case "rectifying":
            return qsTr("整改中");
        case "submitted":
            return root.enterpriseWords ? qsTr("已提交待复查") : qsTr("待复查");
        case "rejected":
            return root.enterpriseWords ? qsTr("被退回") : qsTr("已退回");
        case "verified":
        case "closed":
            return qsTr("已销号");
        case "escalated":
            return qsTr("已上报");
        }
        return qsTr("未知状态");
    }
    readonly property string label: root.overdue ? qsTr("%1 · 已逾期").arg(root.statusText) : root.statusText
    readonly property color statusColor: {
        switch (root.status) {
        case "open":
            return Theme.statusOpen;
        case "rectifying":
            return Theme.statusRectifying;
        case "submitted":
            return Theme.statusSubmitted;
        case "rejected":
            return Theme.statusRejected;
        case "verified":
        case "closed":
            return Theme.statusVerified;
        case "escalated":
            return Theme.statusEscalated;
        }
        return Theme.textMuted;
    }

    implicitWidth: chipText.implicitWidth + 2 * Theme.margin
    implicitHeight: Math.max(32, chipText.implicitHeight + Theme.spacing)
    radius: height / 2
    color: root.statusColor
    border.width: root.overdue ? 3 : 0
    border.color: Theme.danger

    Accessible.role: Accessible.StaticText
    Accessible.name: root.label

    Text {
        id: chipText
        anchors.centerIn: parent
        text: root.label
        color: Theme.onColor
        font.pixelSize: Theme.fontSmall
        font.bold: true
    }
}
