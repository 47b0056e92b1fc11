pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 今日: what needs the inspector today — this year's planned enterprises not yet inspected
/// (今日计划), re-inspections waiting (evidence submitted), overdue hazards, unfinished
/// inspections (drafts) — each one tap from its page; and a way to start a new inspection.
ShellPage {
    id: root

    readonly property PlannedInspectionModel planned: plannedModel
    readonly property HazardListModel reinspections: submittedModel
    readonly property InspectionListModel drafts: draftModel
    readonly property HazardListModel openHazards: openModel
    /// Overdue hazards still waiting for the enterprise.
    readonly property int overdueCount: {
        let n = 0
        for (let i = 0; i < openModel.count; ++i)
            if (Object.assign({}, openModel.get(i)).overdue === true)
                ++n
        return openModel.count >= 0 ? n : 0
    }

    /// Submitted hazards whose re-inspection is past its 10 days: the inspector's backlog.
    readonly property int lateReinspectionCount: {
        let n = 0
        for (let i = 0; i < submittedModel.count; ++i)
            if (Object.assign({}, submittedModel.get(i)).reinspectionOverdue === true)
                ++n
        return submittedModel.count >= 0 ? n : 0
    }

    pageTitle: qsTr("今日")

    PlannedInspectionModel {
        id: plannedModel
        store: DeviceStore
    }
    HazardListModel {
        id: submittedModel
        store: DeviceStore
        statuses: [HazardStatus.Submitted]
        // Enterprises close their own self-found hazards: no re-inspection is waiting for them.
        source: HazardSource.Inspection
    }
    HazardListModel {
        id: openModel
        store: DeviceStore
        statuses: [HazardStatus.Open, HazardStatus.Rejected, HazardStatus.Escalated]
        source: HazardSource.Inspection
    }
    InspectionListModel {
        id: draftModel
        store: DeviceStore
        status: InspectionStatus.InProgress
    }

    /// A section's title; a tap folds the section away or opens it again (its count stays in
    /// the title, so a folded section still says how much waits in it).
    component SectionTitle: ItemDelegate {
        id: sectionTitle
        property bool collapsed: false
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacing
        implicitHeight: Math.max(Theme.touchTarget, sectionTitle.implicitContentHeight + sectionTitle.topPadding + sectionTitle.bottomPadding)
        leftPadding: 0
        rightPadding: 0
        font.pixelSize: Theme.fontBody
        font.bold: true
        Accessible.role: Accessible.Button
        Accessible.name: sectionTitle.text + (sectionTitle.collapsed ? qsTr("（已收起）") : "")
        onClicked: sectionTitle.collapsed = !sectionTitle.collapsed
        contentItem: RowLayout {
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: sectionTitle.text
                font: sectionTitle.font
                color: Theme.primary
                wrapMode: Text.WordWrap
            }
            Label {
                objectName: "sectionToggle"
                text: sectionTitle.collapsed ? qsTr("展开") : qsTr("收起")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }
    }
    component Hint: Label {
        Layout.fillWidth: true
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WordWrap
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + Theme.margin * 2
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            x: Math.max(Theme.margin, (flick.width - 760) / 2)
            y: Theme.spacing
            width: Math.min(flick.width - Theme.margin * 2, 760)
            spacing: Theme.spacing

            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                text: qsTr("%1，%2").arg(Localization.formatDate(new Date())).arg(DeviceStore.userName)
                color: Theme.text
                font.pixelSize: Theme.fontBody
                elide: Text.ElideRight
            }
            ActionButton {
                objectName: "newInspectionButton"
                Layout.fillWidth: true
                implicitHeight: Theme.largeTarget
                text: qsTr("开始新的检查")
                onClicked: Navigator.showTab("enterprises")
            }

            SectionTitle {
                id: plannedSection
                objectName: "plannedSection"
                text: qsTr("今日计划（%1）").arg(plannedModel.count)
            }
            Hint {
                visible: !plannedSection.collapsed
                text: plannedModel.count === 0
                      ? qsTr("今年的检查计划里没有待您检查的企业。监管人员下达的计划会在同步后列在这里。")
                      : qsTr("今年计划中尚未检查的企业，风险高的在前。")
            }
            Repeater {
                model: plannedModel
                delegate: ItemDelegate {
                    id: planRow
                    required property string enterpriseId
                    required property string name
                    required property string street
                    required property string riskGrade
                    required property string planTitle
                    required property string inspectionKind
                    required property string lastInspection
                    required property bool hasDraft
                    required property string draftId
                    objectName: "plannedRow-" + planRow.enterpriseId
                    visible: !plannedSection.collapsed
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.largeTarget, planRow.implicitContentHeight + planRow.topPadding + planRow.bottomPadding)
                    onClicked: Navigator.openPage("enterprise", { enterpriseId: planRow.enterpriseId })
                    contentItem: RowLayout {
                        spacing: Theme.spacing
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            RowLayout {
                                Layout.fillWidth: true
                                spacing: Theme.spacing
                                RiskGradeBadge { grade: planRow.riskGrade }
                                Label {
                                    Layout.fillWidth: true
                                    text: planRow.name
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    color: Theme.text
                                    wrapMode: Text.WordWrap
                                }
                            }
                            Label {
                                Layout.fillWidth: true
                                text: planRow.planTitle + " · " + planRow.street
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.WordWrap
                            }
                            Label {
                                Layout.fillWidth: true
                                text: (planRow.lastInspection.length > 0
                                       ? qsTr("上次检查 %1").arg(Localization.formatDate(new Date(planRow.lastInspection + "T12:00:00")))
                                       : qsTr("从未检查"))
                                      + (planRow.hasDraft ? " · " + qsTr("有未完成的检查") : "")
                                color: planRow.hasDraft ? Theme.primary : Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.WordWrap
                            }
                        }
                        ActionButton {
                            objectName: "plannedStart-" + planRow.enterpriseId
                            Layout.alignment: Qt.AlignVCenter
                            // Narrower than a footer button, so the enterprise name keeps the room.
                            Layout.preferredWidth: Math.max(Theme.touchTarget * 1.5, implicitContentWidth + Theme.margin)
                            implicitHeight: Theme.touchTarget
                            text: planRow.hasDraft ? qsTr("继续") : qsTr("开始")
                            onClicked: {
                                if (planRow.hasDraft)
                                    Navigator.openPage("inspection", { inspectionId: planRow.draftId })
                                else
                                    Navigator.openPage("inspection", { enterpriseId: planRow.enterpriseId, presetKind: planRow.inspectionKind, planTitle: planRow.planTitle })
                            }
                        }
                    }
                }
            }

            SectionTitle {
                id: reinspectionSection
                objectName: "reinspectionSection"
                text: root.lateReinspectionCount > 0
                      ? qsTr("待复查（%1，其中 %2 项已超过 10 天）").arg(submittedModel.count).arg(root.lateReinspectionCount)
                      : qsTr("待复查（%1）").arg(submittedModel.count)
            }
            Hint {
                visible: submittedModel.count === 0 && !reinspectionSection.collapsed
                text: qsTr("企业提交整改后，待复查的隐患会出现在这里。")
            }
            Repeater {
                model: submittedModel
                delegate: HazardRow {
                    id: reinspectRow
                    visible: !reinspectionSection.collapsed
                    Layout.fillWidth: true
                    onClicked: Navigator.openPage("reinspection", { hazardId: reinspectRow.hazardId })
                }
            }

            SectionTitle {
                id: overdueSection
                objectName: "overdueSection"
                text: qsTr("已逾期未整改（%1）").arg(root.overdueCount)
            }
            Hint {
                visible: root.overdueCount === 0 && !overdueSection.collapsed
                text: qsTr("没有逾期的隐患。")
            }
            Repeater {
                model: openModel
                delegate: HazardRow {
                    id: overdueRow
                    Layout.fillWidth: true
                    visible: overdueRow.overdue && !overdueSection.collapsed
                    onClicked: Navigator.openPage("hazard", { hazardId: overdueRow.hazardId })
                }
            }

            SectionTitle {
                id: draftSection
                objectName: "draftSection"
                text: qsTr("未完成的检查（%1）").arg(draftModel.count)
            }
            Hint {
                visible: draftModel.count === 0 && !draftSection.collapsed
                text: qsTr("离开检查页时，已作答的内容会保存为草稿，列在这里。")
            }
            Repeater {
                model: draftModel
                delegate: ItemDelegate {
                    id: draftRow
                    required property string inspectionId
                    required property string enterpriseName
                    required property var startedAt
                    required property int hazardCount
                    objectName: "draftRow-" + draftRow.inspectionId
                    visible: !draftSection.collapsed
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.largeTarget, draftRow.implicitContentHeight + draftRow.topPadding + draftRow.bottomPadding)
                    onClicked: Navigator.openPage("inspection", { inspectionId: draftRow.inspectionId })
                    contentItem: ColumnLayout {
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: draftRow.enterpriseName
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1 开始 · 隐患 %n 条 · 点此继续", "", draftRow.hazardCount).arg(Localization.formatDate(draftRow.startedAt))
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.WordWrap
                        }
                    }
                }
            }
        }
    }
}
