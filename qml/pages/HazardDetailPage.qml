pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 隐患详情: one hazard as the device knows it — status, the deadline with days left (overdue in
/// red), level, place, basis and measure, photos before and after, the GPS fix with its warnings,
/// the enterprise and the inspection it came from, the rectification order (number, PDF), the
/// legal history as a timeline, comments and sync states. Actions by status: 整改复查 once the
/// enterprise has submitted evidence, 延期 while it is not verified. Opened over the shell, or in
/// the 隐患 tab's detail pane on a tablet.
Page {
    id: root

    property string hazardId
    /// True inside the 隐患 tab's detail pane (no back button, no second sync bar).
    property bool embedded: false
    readonly property RectificationController controller: ctrl
    /// The signed-in user is the enterprise: its task view (submit, no inspector actions).
    readonly property bool forEnterprise: DeviceStore.userRole === "enterprise"
    /// The hazard record (plain map of wire fields plus enterprise_name).
    readonly property var hazard: ctrl.hazard
    /// Plain maps of the controller (see HazardDetail): enterprise, inspection.
    readonly property var enterprise: ctrl.enterprise
    readonly property var inspection: ctrl.inspection
    /// Where the hazard was found (a positionFix; not `valid` without one).
    readonly property positionFix location: ctrl.location
    readonly property string deadlineText: root.hazard.deadline
        ? Localization.formatDate(new Date(root.hazard.deadline + "T12:00:00")) : ""
    /// Wide enough for the history beside the finding (full-screen tablet).
    readonly property bool twoColumns: flick.width >= 1000
    /// Shows the three deadline choices.
    property bool extending: false
    /// Said after the deadline was extended (empty before).
    property string notice
    /// The finding's fields are being edited (draft inspection only).
    property bool editing: false

    /// Opens the editor with the hazard's current fields.
    function startEditing() {
        root.notice = ""
        root.extending = false
        ctrl.clearError()
        editDescription.text = root.hazard.description ?? ""
        editPlace.text = root.hazard.place ?? ""
        editCategory.text = root.hazard.category ?? ""
        editMeasure.text = root.hazard.measure ?? ""
        editMajor.checked = ctrl.major
        root.editing = true
    }

    objectName: "hazardDetailPage"

    /// The non-empty parts joined by `separator`.
    function joined(parts: var, separator: string): string {
        const out = []
        for (let i = 0; i < parts.length; ++i)
            if (String(parts[i]).length > 0)
                out.push(String(parts[i]))
        return out.join(separator)
    }
    function kindText(kind: int): string {
        switch (kind) {
        case HazardEventKind.Found: return qsTr("发现隐患")
        case HazardEventKind.Order: return qsTr("下达整改指令")
        case HazardEventKind.Submit: return qsTr("企业提交整改")
        case HazardEventKind.Reject: return qsTr("复查不合格，退回整改")
        case HazardEventKind.Verify: return qsTr("复查合格，销号")
        case HazardEventKind.Escalate: return qsTr("上报处理")
        }
        return ""
    }
    function kindColor(kind: int): color {
        switch (kind) {
        case HazardEventKind.Found: return Theme.statusOpen
        case HazardEventKind.Order: return Theme.primary
        case HazardEventKind.Submit: return Theme.statusSubmitted
        case HazardEventKind.Reject: return Theme.statusRejected
        case HazardEventKind.Verify: return Theme.statusVerified
        case HazardEventKind.Escalate: return Theme.statusEscalated
        }
        return Theme.textMuted
    }
    function inspectionKindText(kind: string): string {
        return Labels.inspectionKindText(kind)
    }
    function submissionText(state: int): string {
        switch (state) {
        case SubmissionState.OnDevice: return qsTr("◷ 整改材料仅在本设备上，下次同步时发送给检查人员。")
        case SubmissionState.Sent: return qsTr("✓ 整改材料已送达服务器，检查人员同步后复查。")
        case SubmissionState.Rejected: return qsTr("检查人员已复查：不合格，请按退回原因重新整改后再提交。")
        case SubmissionState.Verified: return qsTr("检查人员已复查合格，隐患已销号。")
        }
        return ""
    }
    function costText(cost: real): string {
        return cost >= 0 ? qsTr("整改资金 %1 元").arg(Number(cost).toLocaleString(Qt.locale(), "f", 2)) : ""
    }
    function syncText(state: int): string {
        switch (state) {
        case RecordSyncState.Pending: return qsTr("◷ 待上传")
        case RecordSyncState.Conflict: return qsTr("⚠ 合并时有冲突，请核对内容")
        }
        return qsTr("✓ 已同步")
    }
    function deadlineLine(): string {
        if (root.deadlineText.length === 0)
            return ""
        if (ctrl.status === HazardStatus.Verified)
            return qsTr("整改期限：%1 · 已销号").arg(root.deadlineText)
        if (ctrl.overdue)
            return qsTr("整改期限：%1 · 已逾期 %n 天", "", -ctrl.daysLeft).arg(root.deadlineText)
        if (ctrl.daysLeft === 0)
            return qsTr("整改期限：%1 · 今天到期").arg(root.deadlineText)
        return qsTr("整改期限：%1 · 剩 %n 天", "", ctrl.daysLeft).arg(root.deadlineText)
    }
    function locationLine(): string {
        const l = root.location
        if (!l.valid)
            return qsTr("没有 GPS 定位。")
        let s = qsTr("GPS：%1, %2").arg(l.latitude.toFixed(5)).arg(l.longitude.toFixed(5))
        if (l.accuracyKnown && l.accuracyM >= 0)
            s += " · " + qsTr("精度 ±%1 米").arg(Math.round(l.accuracyM))
        else
            s += " · " + qsTr("精度未知")
        if (l.distanceKnown && l.distanceToEnterpriseM >= 0)
            s += " · " + qsTr("距企业 %1 米").arg(Math.round(l.distanceToEnterpriseM))
        return s
    }

    RectificationController {
        id: ctrl
        store: DeviceStore
        hazardId: root.hazardId
        onDetailsUpdated: {
            root.editing = false
            root.notice = qsTr("隐患已修改。完成检查并同步后，企业看到修改后的内容。")
        }
        onDeadlineExtended: deadline => {
            root.extending = false
            root.notice = qsTr("期限已延至 %1。企业在下次同步后看到新期限。")
                .arg(Localization.formatDate(new Date(deadline + "T12:00:00")))
        }
    }

    background: Rectangle { color: Theme.background }

    header: NavHeader {
        visible: !root.embedded
        title: qsTr("隐患详情")
        onBackClicked: Navigator.back()
    }

    footer: Rectangle {
        visible: (ctrl.canReinspect || ctrl.canEdit || ctrl.canSubmit) && !root.editing
        implicitHeight: visible ? actions.implicitHeight + Theme.spacing * 2 : 0
        color: Theme.surface
        ColumnLayout {
            id: actions
            x: (parent.width - actions.width) / 2
            y: Theme.spacing
            width: Math.min(parent.width - Theme.spacing * 2, 760)
            spacing: Theme.spacing
            RowLayout {
                objectName: "extendChoices"
                Layout.fillWidth: true
                visible: root.extending
                spacing: Theme.spacing
                Repeater {
                    model: [7, 15, 30]
                    delegate: ActionButton {
                        id: choice
                        required property int modelData
                        objectName: "extendBy" + choice.modelData
                        Layout.fillWidth: true
                        implicitHeight: Theme.largeTarget
                        text: qsTr("+%n 天", "", choice.modelData)
                        fillColor: Theme.surface
                        labelColor: Theme.primary
                        outlineColor: Theme.primary
                        enabled: !ctrl.busy
                        onClicked: ctrl.extendDeadline(ctrl.deadlinePlus(choice.modelData))
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                ActionButton {
                    objectName: "editHazardButton"
                    Layout.fillWidth: true
                    implicitHeight: Theme.largeTarget
                    visible: ctrl.canEditDetails
                    text: qsTr("修改隐患")
                    fillColor: Theme.surface
                    labelColor: Theme.primary
                    outlineColor: Theme.primary
                    onClicked: root.startEditing()
                }
                ActionButton {
                    objectName: "extendDeadlineButton"
                    Layout.fillWidth: true
                    implicitHeight: Theme.largeTarget
                    visible: ctrl.canEdit
                    text: root.extending ? qsTr("取消延期") : qsTr("延长期限")
                    fillColor: ctrl.canReinspect ? Theme.surface : Theme.primary
                    labelColor: ctrl.canReinspect ? Theme.primary : Theme.onColor
                    outlineColor: Theme.primary
                    onClicked: {
                        root.notice = ""
                        ctrl.clearError()
                        root.extending = !root.extending
                    }
                }
                ActionButton {
                    objectName: "submitTaskButton"
                    Layout.fillWidth: true
                    implicitHeight: Theme.largeTarget
                    visible: ctrl.canSubmit
                    text: ctrl.status === HazardStatus.Rejected ? qsTr("重新提交整改") : qsTr("提交整改")
                    onClicked: Navigator.openPage("rectification", {
                        hazardId: root.hazardId
                    })
                }
                ActionButton {
                    objectName: "reinspectButton"
                    Layout.fillWidth: true
                    implicitHeight: Theme.largeTarget
                    visible: ctrl.canReinspect
                    text: qsTr("整改复查")
                    onClicked: Navigator.openPage("reinspection", { hazardId: root.hazardId })
                }
            }
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: grid.implicitHeight + Theme.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        GridLayout {
            id: grid
            x: (flick.width - grid.width) / 2
            width: Math.min(flick.width - Theme.margin * 2, root.twoColumns ? 1200 : 760)
            columns: root.twoColumns ? 2 : 1
            columnSpacing: Theme.margin * 2
            rowSpacing: Theme.spacing

            ColumnLayout {
                id: column
                Layout.fillWidth: true
                Layout.fillHeight: false
                Layout.preferredWidth: root.twoColumns ? grid.width * 0.56 : grid.width
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacing

                EmptyState {
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.margin
                    visible: !ctrl.found
                    title: qsTr("正在读取隐患…")
                    text: qsTr("这条隐患不在本设备上时，同步后会显示。")
                }

                // ---- the finding ----
                Label {
                    objectName: "hazardDescription"
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.margin
                    visible: ctrl.found
                    text: root.hazard.description ?? ""
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    wrapMode: Text.WordWrap
                    color: Theme.text
                }
                Flow {
                    Layout.fillWidth: true
                    visible: ctrl.found
                    spacing: Theme.spacing
                    StatusChip {
                        objectName: "hazardStatus"
                        status: ctrl.status
                        overdue: ctrl.overdue
                        enterpriseWords: root.forEnterprise
                    }
                    Rectangle {
                        objectName: "levelBadge"
                        implicitWidth: levelText.implicitWidth + 2 * Theme.margin
                        implicitHeight: 32
                        radius: 16
                        color: ctrl.major ? Theme.danger : Theme.neutralSurface
                        border.width: ctrl.major ? 0 : 1
                        border.color: Theme.border
                        Text {
                            id: levelText
                            anchors.centerIn: parent
                            text: ctrl.major ? qsTr("重大隐患") : qsTr("一般隐患")
                            color: ctrl.major ? Theme.onColor : Theme.text
                            font.pixelSize: Theme.fontSmall
                            font.bold: true
                        }
                    }
                    Label {
                        objectName: "recordSyncState"
                        height: 32
                        verticalAlignment: Text.AlignVCenter
                        text: root.syncText(ctrl.syncState)
                        color: ctrl.syncState === RecordSyncState.Conflict ? Theme.warning : Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                }
                Label {
                    objectName: "deadlineLabel"
                    Layout.fillWidth: true
                    visible: ctrl.found
                    text: root.deadlineLine()
                    color: ctrl.overdue ? Theme.danger : Theme.text
                    font.bold: ctrl.overdue
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.WordWrap
                }
                Rectangle {
                    objectName: "rejectionReason"
                    Layout.fillWidth: true
                    visible: ctrl.rejectionReason.length > 0
                    implicitHeight: rejectionText.implicitHeight + Theme.spacing * 2
                    radius: Theme.radius
                    color: Theme.warningSurface
                    border.color: Theme.statusRejected
                    Label {
                        id: rejectionText
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        text: qsTr("复查不合格，退回原因：%1").arg(ctrl.rejectionReason)
                        color: Theme.text
                        wrapMode: Text.WordWrap
                    }
                }
                Label {
                    objectName: "submissionState"
                    Layout.fillWidth: true
                    visible: root.forEnterprise && ctrl.submissionState !== SubmissionState.None
                    text: root.submissionText(ctrl.submissionState)
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Label {
                    objectName: "noticeLabel"
                    Layout.fillWidth: true
                    visible: root.notice.length > 0
                    text: root.notice
                    color: Theme.success
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                ErrorBanner {
                    Layout.fillWidth: true
                    visible: ctrl.errorMessage.length > 0
                    text: ctrl.errorMessage
                }
                ColumnLayout {
                    objectName: "detailsEditor"
                    Layout.fillWidth: true
                    visible: root.editing
                    spacing: 4
                    Label { text: qsTr("隐患描述"); color: Theme.textMuted }
                    TextField {
                        id: editDescription
                        objectName: "editDescription"
                        Layout.fillWidth: true
                        Layout.minimumHeight: Theme.touchTarget
                    }
                    Label { text: qsTr("部位"); color: Theme.textMuted }
                    TextField {
                        id: editPlace
                        objectName: "editPlace"
                        Layout.fillWidth: true
                        Layout.minimumHeight: Theme.touchTarget
                    }
                    Label { text: qsTr("类别"); color: Theme.textMuted }
                    TextField {
                        id: editCategory
                        objectName: "editCategory"
                        Layout.fillWidth: true
                        Layout.minimumHeight: Theme.touchTarget
                    }
                    Label { text: qsTr("整改措施"); color: Theme.textMuted }
                    TextField {
                        id: editMeasure
                        objectName: "editMeasure"
                        Layout.fillWidth: true
                        Layout.minimumHeight: Theme.touchTarget
                    }
                    CheckBox {
                        id: editMajor
                        objectName: "editMajor"
                        Layout.minimumHeight: Theme.touchTarget
                        text: qsTr("重大事故隐患")
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        ActionButton {
                            objectName: "cancelEditButton"
                            Layout.fillWidth: true
                            implicitHeight: Theme.largeTarget
                            text: qsTr("取消")
                            fillColor: Theme.surface
                            labelColor: Theme.primary
                            outlineColor: Theme.primary
                            onClicked: {
                                ctrl.clearError()
                                root.editing = false
                            }
                        }
                        ActionButton {
                            objectName: "saveDetailsButton"
                            Layout.fillWidth: true
                            implicitHeight: Theme.largeTarget
                            text: qsTr("保存修改")
                            enabled: !ctrl.busy
                            onClicked: ctrl.updateDetails({
                                description: editDescription.text,
                                place: editPlace.text,
                                category: editCategory.text,
                                measure: editMeasure.text,
                                level: editMajor.checked ? "major" : "general"
                            })
                        }
                    }
                }

                Repeater {
                    model: [
                        [qsTr("类别"), root.hazard.category || qsTr("未分类")],
                        [qsTr("部位"), root.hazard.place ?? ""],
                        [qsTr("依据"), root.hazard.basis ?? ""],
                        [qsTr("整改措施"), root.hazard.measure ?? ""],
                        [qsTr("检查项"), root.hazard.item_checklist ? qsTr("%1：%2").arg(root.hazard.item_checklist).arg(root.hazard.item_text ?? "") : (root.hazard.item_code ?? "")]
                    ]
                    delegate: RowLayout {
                        id: infoRow
                        required property var modelData
                        readonly property string value: String(infoRow.modelData[1] ?? "")
                        Layout.fillWidth: true
                        visible: ctrl.found && !root.editing && infoRow.value.length > 0
                        spacing: Theme.spacing
                        Label {
                            Layout.preferredWidth: Math.min(110, column.width * 0.3)
                            Layout.alignment: Qt.AlignTop
                            text: infoRow.modelData[0]
                            color: Theme.textMuted
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            Layout.fillWidth: true
                            text: infoRow.value
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                    }
                }

                // ---- enterprise, inspection, order ----
                ItemDelegate {
                    objectName: "hazardEnterprise"
                    Layout.fillWidth: true
                    visible: ctrl.found
                    implicitHeight: Math.max(Theme.largeTarget, implicitContentHeight + topPadding + bottomPadding)
                    leftPadding: 0
                    enabled: root.enterprise.id !== undefined && !root.forEnterprise
                    onClicked: Navigator.openPage("enterprise", { enterpriseId: root.enterprise.id })
                    contentItem: RowLayout {
                        spacing: Theme.spacing
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Label {
                                text: qsTr("所属企业")
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                            }
                            Label {
                                Layout.fillWidth: true
                                text: root.enterprise.name ?? qsTr("企业不在本设备上")
                                color: Theme.text
                                font.bold: true
                                wrapMode: Text.WordWrap
                            }
                        }
                        RiskGradeBadge {
                            visible: (root.enterprise.riskGrade ?? "").length > 0
                            grade: root.enterprise.riskGrade ?? ""
                        }
                        Label {
                            text: "›"
                            font.pixelSize: Theme.fontTitle
                            color: Theme.textMuted
                        }
                    }
                }
                ItemDelegate {
                    objectName: "hazardInspection"
                    Layout.fillWidth: true
                    visible: ctrl.found
                    implicitHeight: Math.max(Theme.largeTarget, implicitContentHeight + topPadding + bottomPadding)
                    leftPadding: 0
                    enabled: root.inspection.id !== undefined && !root.forEnterprise
                    onClicked: Navigator.openPage("inspection", { inspectionId: root.inspection.id })
                    contentItem: ColumnLayout {
                        spacing: 2
                        Label {
                            text: qsTr("来源检查")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                        }
                        Label {
                            Layout.fillWidth: true
                            text: root.inspection.id === undefined
                                  ? ((root.hazard.inspection_id ?? "").length > 0 ? qsTr("检查记录不在本设备上") : qsTr("不是在检查中发现的"))
                                  : qsTr("%1 · %2 · %3").arg(Localization.formatDate(root.inspection.startedAt))
                                        .arg(root.inspectionKindText(root.inspection.kind))
                                        .arg(root.inspection.status === InspectionStatus.Finished ? qsTr("已完成") : qsTr("草稿"))
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: ctrl.found
                    spacing: Theme.spacing
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            text: root.inspection.mode === "guidance" ? qsTr("安全检查指导意见") : qsTr("责令限期整改指令书")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                        }
                        Label {
                            objectName: "orderNumber"
                            Layout.fillWidth: true
                            text: ctrl.orderNumber.length > 0 ? ctrl.orderNumber
                              // The order reaches the enterprise with a sync (document.issue).
                              : root.forEnterprise ? qsTr("本设备尚未收到指令书")
                              : root.inspection.mode === "guidance" ? qsTr("指导服务不下达指令书，指导意见不编号")
                              : root.inspection.status === InspectionStatus.Finished ? qsTr("已在检查时出具，本设备没有副本")
                              // An enterprise's device never holds the inspection record.
                              : root.inspection.id === undefined ? qsTr("由检查人员出具，本设备没有副本")
                              : qsTr("检查完成签名后出具")
                            color: ctrl.orderNumber.length > 0 ? Theme.text : Theme.textMuted
                            wrapMode: Text.WrapAnywhere
                        }
                        Label {
                            objectName: "orderPdfPending"
                            Layout.fillWidth: true
                            visible: ctrl.orderPdfPending
                            text: qsTr("指令书文件尚未下载，联网同步后可在此查看")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.WordWrap
                        }
                    }
                    ActionButton {
                        objectName: "openOrderButton"
                        visible: ctrl.orderPdf.length > 0
                        implicitHeight: Theme.touchTarget
                        text: qsTr("查看指令书")
                        fillColor: Theme.surface
                        labelColor: Theme.primary
                        outlineColor: Theme.primary
                        onClicked: Navigator.openPage("document", {
                            source: ctrl.orderPdf,
                            title: qsTr("责令限期整改指令书 %1").arg(ctrl.orderNumber)
                        })
                    }
                    ActionButton {
                        objectName: "openGuidanceButton"
                        visible: ctrl.guidancePdf.length > 0
                        implicitHeight: Theme.touchTarget
                        text: qsTr("查看指导意见")
                        fillColor: Theme.surface
                        labelColor: Theme.primary
                        outlineColor: Theme.primary
                        onClicked: Navigator.openPage("document", {
                            source: ctrl.guidancePdf,
                            title: qsTr("安全检查指导意见")
                        })
                    }
                    ActionButton {
                        objectName: "openOpinionButton"
                        visible: ctrl.opinionPdf.length > 0
                        implicitHeight: Theme.touchTarget
                        text: qsTr("查看复查意见书")
                        fillColor: Theme.surface
                        labelColor: Theme.primary
                        outlineColor: Theme.primary
                        onClicked: Navigator.openPage("document", {
                            source: ctrl.opinionPdf,
                            title: qsTr("整改复查意见书 %1").arg(ctrl.opinionNumber)
                        })
                    }
                }

                // ---- GPS ----
                Label {
                    Layout.topMargin: Theme.spacing
                    visible: ctrl.found
                    text: qsTr("现场定位")
                    font.bold: true
                    color: Theme.text
                }
                Label {
                    objectName: "locationLabel"
                    Layout.fillWidth: true
                    visible: ctrl.found
                    text: root.locationLine()
                    color: Theme.textMuted
                    wrapMode: Text.WordWrap
                }
                Rectangle {
                    objectName: "locationWarning"
                    Layout.fillWidth: true
                    visible: ctrl.found && (root.location.lowAccuracy || root.location.farFromEnterprise)
                    implicitHeight: warningText.implicitHeight + Theme.spacing * 2
                    radius: Theme.radius
                    color: Theme.warningSurface
                    border.color: Theme.warning
                    Label {
                        id: warningText
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        text: root.joined([root.location.lowAccuracy ? qsTr("⚠ 定位精度差于 %1 米，位置仅供参考。").arg(ctrl.maxAccuracyM) : "",
                                           root.location.farFromEnterprise ? qsTr("⚠ 定位距企业登记地址超过 %1 米，请核实现场。").arg(ctrl.maxDistanceM) : ""], "\n")
                        color: Theme.warning
                        wrapMode: Text.WordWrap
                    }
                }

                // ---- photos ----
                Label {
                    Layout.topMargin: Theme.spacing
                    visible: ctrl.found
                    text: qsTr("整改前（%n 张）", "", ctrl.beforePhotos.length)
                    font.bold: true
                    color: Theme.text
                }
                PhotoStrip {
                    objectName: "beforePhotos"
                    Layout.fillWidth: true
                    visible: ctrl.found && ctrl.beforePhotos.length > 0
                    canAdd: false
                    model: ctrl.beforePhotos
                    onPhotoClicked: index => viewer.show(ctrl.beforePhotos, index)
                }
                Label {
                    visible: ctrl.found
                    text: ctrl.afterPhotos.length > 0 || ctrl.submissionNote.length > 0
                          ? qsTr("整改后（企业提交，%n 张）", "", ctrl.afterPhotos.length)
                          : qsTr("整改后：企业尚未提交整改。")
                    font.bold: ctrl.afterPhotos.length > 0
                    color: ctrl.afterPhotos.length > 0 ? Theme.text : Theme.textMuted
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                }
                PhotoStrip {
                    objectName: "afterPhotos"
                    Layout.fillWidth: true
                    visible: ctrl.afterPhotos.length > 0
                    canAdd: false
                    model: ctrl.afterPhotos
                    onPhotoClicked: index => viewer.show(ctrl.afterPhotos, index)
                }
                Label {
                    Layout.fillWidth: true
                    visible: ctrl.submissionNote.length > 0
                    text: qsTr("企业说明：%1").arg(ctrl.submissionNote)
                    wrapMode: Text.WordWrap
                    color: Theme.text
                }

            }
            ColumnLayout {
                id: history
                Layout.fillWidth: true
                Layout.fillHeight: false
                Layout.preferredWidth: root.twoColumns ? grid.width * 0.44 : grid.width
                Layout.alignment: Qt.AlignTop
                Layout.topMargin: root.twoColumns ? Theme.margin : 0
                spacing: Theme.spacing

                // ---- the legal history ----
                Label {
                    Layout.topMargin: Theme.spacing
                    visible: ctrl.found
                    text: qsTr("整改过程")
                    font.bold: true
                    color: Theme.text
                }
                Repeater {
                    model: ctrl.events
                    delegate: RowLayout {
                        id: step
                        required property int index
                        required property int kind
                        required property string actorName
                        required property var at
                        required property string note
                        required property var photos
                        required property string documentNumber
                        required property int syncState
                        required property string completedOn
                        required property string responsible
                        required property real cost
                        objectName: "timelineStep_" + step.index
                        Layout.fillWidth: true
                        // The rail fills the step's height; the step itself keeps its own.
                        Layout.fillHeight: false
                        spacing: Theme.spacing
                        Item {
                            Layout.preferredWidth: 20
                            Layout.fillHeight: true
                            Rectangle {
                                x: 9
                                y: 14
                                width: 2
                                height: parent.height - 14
                                visible: step.index < ctrl.events.count - 1
                                color: Theme.border
                            }
                            Rectangle {
                                x: 2
                                y: 2
                                width: 16
                                height: 16
                                radius: 8
                                color: root.kindColor(step.kind)
                            }
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            Layout.bottomMargin: Theme.spacing
                            spacing: 2
                            Label {
                                Layout.fillWidth: true
                                text: root.kindText(step.kind)
                                font.bold: true
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            Label {
                                Layout.fillWidth: true
                                text: root.joined([step.actorName, Localization.formatDateTime(step.at), root.syncText(step.syncState)], " · ")
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.WordWrap
                            }
                            Label {
                                Layout.fillWidth: true
                                visible: step.documentNumber.length > 0
                                text: qsTr("指令书 %1").arg(step.documentNumber)
                                color: Theme.text
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.WrapAnywhere
                            }
                            Label {
                                Layout.fillWidth: true
                                visible: step.note.length > 0 && step.kind !== HazardEventKind.Found
                                text: step.kind === HazardEventKind.Reject ? qsTr("退回原因：%1").arg(step.note) : step.note
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            Label {
                                Layout.fillWidth: true
                                visible: text.length > 0
                                text: root.joined([step.completedOn.length > 0 ? qsTr("完成于 %1").arg(Localization.formatDate(new Date(step.completedOn + "T12:00:00"))) : "",
                                                   step.responsible.length > 0 ? qsTr("责任人 %1").arg(step.responsible) : "",
                                                   root.costText(step.cost)], " · ")
                                color: Theme.text
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.WordWrap
                            }
                            Label {
                                Layout.fillWidth: true
                                visible: step.photos.length > 0
                                text: qsTr("%n 张照片", "", step.photos.length)
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                            }
                        }
                    }
                }

                // ---- comments ----
                Label {
                    Layout.topMargin: Theme.spacing
                    visible: ctrl.found
                    text: qsTr("评论（%1）").arg(ctrl.comments.length)
                    font.bold: true
                    color: Theme.text
                }
                Label {
                    visible: ctrl.found && ctrl.comments.length === 0
                    text: qsTr("没有评论。")
                    color: Theme.textMuted
                }
                Repeater {
                    model: ctrl.comments
                    delegate: ColumnLayout {
                        id: comment
                        required property var modelData
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: root.joined([comment.modelData.authorName, Localization.formatDateTime(comment.modelData.at),
                                               root.syncText(comment.modelData.syncState)], " · ")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            Layout.fillWidth: true
                            text: comment.modelData.text
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                    }
                }
                Item { Layout.preferredHeight: Theme.margin }
            }
        }
    }

    PhotoViewer {
        id: viewer
    }
}
