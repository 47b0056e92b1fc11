import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// One hazard in a list: description, enterprise, deadline with days left, status chip.
ItemDelegate {
    id: root

    required property string hazardId
    required property string description
    required property string enterpriseName
    required property string deadline
    /// A HazardStatus value.
    required property int status
    required property bool overdue
    required property int daysLeft
    required property string level
    /// Days since the enterprise submitted (-1: not submitted).
    required property int submittedDays
    /// The re-inspection of a submission is past its 10 days.
    required property bool reinspectionOverdue
    /// A submitted hazard waits for the inspector: its deadline no longer says anything about
    /// the enterprise, so the row says how long it has waited instead.
    readonly property bool waitingForReinspection: root.status === HazardStatus.Submitted && root.submittedDays >= 0

    readonly property string deadlineText: Localization.formatDate(new Date(root.deadline + "T12:00:00"))

    objectName: "hazardRow-" + root.hazardId
    implicitHeight: Math.max(Theme.largeTarget, root.implicitContentHeight + root.topPadding + root.bottomPadding)

    contentItem: ColumnLayout {
        spacing: 4
        Label {
            Layout.fillWidth: true
            text: root.level === "major" ? qsTr("【重大】%1").arg(root.description) : root.description
            font.pixelSize: Theme.fontBody
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            StatusChip {
                status: root.status
                overdue: root.overdue && !root.waitingForReinspection
                enterpriseWords: DeviceStore.userRole === "enterprise"
            }
            Label {
                Layout.fillWidth: true
                objectName: "hazardRowTiming"
                text: root.waitingForReinspection
                      ? (DeviceStore.userRole === "enterprise"
                         ? qsTr("已提交 %n 天，等待复查", "", root.submittedDays)
                         : root.reinspectionOverdue
                           ? qsTr("待复查 · 企业已提交 %n 天 · 复查已超期", "", root.submittedDays)
                           : qsTr("待复查 · 企业已提交 %n 天", "", root.submittedDays))
                      : root.overdue
                        ? qsTr("期限 %1 · 已逾期 %n 天", "", -root.daysLeft).arg(root.deadlineText)
                        : qsTr("期限 %1 · 剩 %n 天", "", root.daysLeft).arg(root.deadlineText)
                color: root.waitingForReinspection
                       ? (root.reinspectionOverdue && DeviceStore.userRole !== "enterprise" ? Theme.warning : Theme.textMuted)
                       : root.overdue ? Theme.danger : Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
            }
        }
        Label {
            Layout.fillWidth: true
            visible: root.enterpriseName.length > 0
            text: root.enterpriseName
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
    }
}
