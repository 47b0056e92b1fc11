import QtQuick
import SafeLoop.App
import SafeLoop.Ui

/// A hazard's status as colour and word; overdue adds "已逾期" (colour is never the only signal).
Rectangle {
    id: root

    /// The hazard's status (a HazardStatus value).
    property int status: HazardStatus.Unknown
    /// The deadline has passed without verification.
    property bool overdue: false
    /// Words as the enterprise reads its tasks (已提交待复查, 被退回) rather than the inspector's.
    property bool enterpriseWords: false

    readonly property string statusText: {
        switch (root.status) {
        case HazardStatus.Open:
            return qsTr("待整改");
        case HazardStatus.Submitted:
            return root.enterpriseWords ? qsTr("已提交待复查") : qsTr("待复查");
        case HazardStatus.Rejected:
            return root.enterpriseWords ? qsTr("被退回") : qsTr("已退回");
        case HazardStatus.Verified:
            return qsTr("已销号");
        case HazardStatus.Escalated:
            return qsTr("已上报");
        }
        return qsTr("未知状态");
    }
    readonly property string label: root.overdue ? qsTr("%1 · 已逾期").arg(root.statusText) : root.statusText
    readonly property color statusColor: {
        switch (root.status) {
        case HazardStatus.Open:
            return Theme.statusOpen;
        case HazardStatus.Submitted:
            return Theme.statusSubmitted;
        case HazardStatus.Rejected:
            return Theme.statusRejected;
        case HazardStatus.Verified:
            return Theme.statusVerified;
        case HazardStatus.Escalated:
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
