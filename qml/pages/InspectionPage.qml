pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// One inspection: choose kind, mode, inspectors and templates; run the checklist item by item;
/// record hazards; sign or record a refusal; view and share the documents. Every answer is
/// saved at once, so leaving keeps a draft.
Page {
    id: root

    /// Start a new inspection of this enterprise …
    property string enterpriseId
    /// … or resume this one.
    property string inspectionId
    /// Inspection kind chosen in advance (wire value, e.g. "plan" or "random" from 今日计划).
    property string presetKind
    /// Title of the plan the new inspection carries out (shown in the setup), if any.
    property string planTitle
    /// Index of the checklist item on screen.
    property int current: 0
    readonly property InspectionController controller: ctrl
    /// "setup", "run", "hazard", "finish" or "documents".
    property string stage: "setup"
    /// Code of the failed item the hazard sheet is for.
    property string hazardItem
    /// The inspected enterprise (plain map: name, leader, lat, lon, …).
    readonly property var enterprise: ctrl.enterprise
    /// Rises whenever the checklist rows change, so `item` is read again.
    property int revision: 0
    /// The checklist row on screen (plain map: code, text, basis, major, result, note, photos,
    /// hazardId).
    readonly property var item: root.revision >= 0 && ctrl.checklist.count > 0
        ? Object.assign({}, ctrl.checklist.get(Math.min(root.current, ctrl.checklist.count - 1))) : ({})
    /// A short confirmation of the last save (UX.md "Say what happened"); empty when none.
    property string notice
    /// `safeloop --tour` only: the demo state to reach ("checklist", "hazard", "signature",
    /// "documents"); empty in normal use.
    property string tourScene
    /// True while the tour scene is still being set up.
    readonly property bool tourPending: root.tourScene.length > 0 && !tourDriver.done

    /// Back: from the hazard sheet or the signatures to the checklist, otherwise close the
    /// page. Every answer is already saved, so a started inspection stays as a draft.
    function goBack() {
        if (root.stage === "hazard" || root.stage === "finish")
            root.stage = "run"
        else
            Navigator.back()
    }

    /// Saves the drawn signatures and finishes the inspection (documents follow).
    function finishInspection() {
        const signatures = []
        if (root.saveSignature(enterpriseSignature))
            signatures.push({ signer: root.enterprise.leader ?? "", role: "企业负责人", path: enterpriseSignature.targetPath })
        if (root.saveSignature(inspectorSignature))
            signatures.push({ signer: DeviceStore.userName, role: "检查人员", path: inspectorSignature.targetPath })
        ctrl.finish(signatures, refusal.text)
    }

    /// Opens a document of this inspection full screen, inside the app.
    function showDocument(path: string, title: string) {
        Navigator.openPage("document", { source: path, title: title })
    }

    /// Writes a drawn signature to its PNG; false when nothing was drawn or saving failed.
    function saveSignature(box: SignatureBox): bool {
        if (box.isEmpty)
            return false
        const result = Object.assign({}, box.pad.savePng(box.targetPath))
        return result.ok === true
    }

    /// Starts the tour's demo state `scene` (see `tourScene`).
    function playTour(scene: string) {
        root.tourScene = scene
        tourDriver.done = false
        tourTimer.start()
    }

    /// One step of the tour's demo state: start, answer items one at a time, then show the
    /// scene's stage.
    function tourStep() {
        if (ctrl.busy)
            return
        if (root.stage === "setup") {
            if (ctrl.templateOptions.length > 0 && !tourDriver.startRequested) {
                tourDriver.startRequested = true
                ctrl.start(root.enterpriseId, "plan", "guidance", [], templatePicks.refs)
            }
            return
        }
        if (root.stage === "documents") {
            if (ctrl.recordPdf.length > 0)
                tourDriver.finishUp()
            return
        }
        const n = ctrl.checklist.count
        if (n === 0)
            return
        const failIndex = Math.min(3, n - 1)
        const all = root.tourScene === "signature" || root.tourScene === "documents"
        const wanted = all ? n : Math.min(4, n)
        for (let i = 0; i < wanted; ++i) {
            const row = Object.assign({}, ctrl.checklist.get(i))
            if ((row.result ?? "").length === 0) {
                ctrl.answer(row.code, i === failIndex ? "fail" : i === 2 ? "na" : "pass")
                return
            }
        }
        const failCode = String(Object.assign({}, ctrl.checklist.get(failIndex)).code)
        if (root.tourScene === "checklist") {
            root.current = failIndex
            tourDriver.finishUp()
        } else if (root.tourScene === "hazard") {
            root.current = failIndex
            root.hazardItem = failCode
            root.stage = "hazard"
            tourDriver.finishUp()
        } else if (ctrl.hazardCount === 0) {
            if (!tourDriver.hazardRequested) {
                tourDriver.hazardRequested = true
                const p = Object.assign({}, ctrl.proposeHazard(failCode))
                ctrl.createHazard({ itemCode: failCode, description: p.description ?? "",
                                    place: qsTr("冲压二车间"), level: p.level ?? "general",
                                    category: p.category ?? "", basis: p.basis ?? "",
                                    measure: p.measure ?? "",
                                    deadline: p.deadline ?? ctrl.defaultDeadline("general"),
                                    photoIds: [], location: {} })
            }
        } else {
            root.stage = "finish"
            if (enterpriseSignature.isEmpty) {
                enterpriseSignature.pad.addStroke([Qt.point(30, 120), Qt.point(70, 60), Qt.point(110, 130), Qt.point(150, 70), Qt.point(200, 110)])
                enterpriseSignature.pad.addStroke([Qt.point(60, 90), Qt.point(180, 95)])
            }
            if (inspectorSignature.isEmpty)
                inspectorSignature.pad.addStroke([Qt.point(40, 80), Qt.point(90, 130), Qt.point(120, 60), Qt.point(170, 125), Qt.point(230, 75)])
            if (root.tourScene === "signature")
                tourDriver.finishUp()
            else if (!tourDriver.finishRequested) {
                tourDriver.finishRequested = true
                root.finishInspection()
            }
        }
    }

    onCurrentChanged: root.notice = ""

    Component.onCompleted: {
        if (root.inspectionId.length > 0)
            ctrl.resume(root.inspectionId)
        else
            ctrl.loadOptions(root.enterpriseId)
    }

    InspectionController {
        id: ctrl
        store: DeviceStore
        onStarted: root.stage = ctrl.status === "finished" ? "documents" : "run"
        onFinished: root.stage = "documents"
        onOptionsChanged: {
            const picks = []
            for (const t of ctrl.templateOptions)
                if (t.suggested)
                    picks.push(t.ref)
            templatePicks.refs = picks
        }
    }
    QtObject {
        id: templatePicks
        property var refs: []
        property var inspectors: []
    }
    QtObject {
        id: tourDriver
        property bool done: false
        property bool startRequested: false
        property bool hazardRequested: false
        property bool finishRequested: false
        function finishUp() {
            tourDriver.done = true
            tourTimer.stop()
        }
    }
    Timer {
        id: tourTimer
        interval: 30
        repeat: true
        onTriggered: root.tourStep()
    }

    Connections {
        target: ctrl.checklist
        function onDataChanged() { root.revision = root.revision + 1 }
        function onModelReset() { root.revision = root.revision + 1 }
    }

    FileDialog {
        id: photoDialog
        title: qsTr("选择照片")
        nameFilters: [qsTr("图片 (*.jpg *.jpeg *.png)")]
        onAccepted: ctrl.addPhoto(root.item.code, photoDialog.selectedFile)
    }

    background: Rectangle { color: Theme.background }

    header: ColumnLayout {
        spacing: 0
        NavHeader {
            Layout.fillWidth: true
            title: root.enterprise.name ?? qsTr("现场检查")
            onBackClicked: root.goBack()
        }
        Label {
            objectName: "inspectionProgress"
            Layout.fillWidth: true
            visible: root.stage === "run" || root.stage === "finish"
            leftPadding: Theme.margin
            rightPadding: Theme.margin
            topPadding: Theme.spacing / 2
            text: qsTr("已答 %1 / %2 项 · 隐患 %3 条 · 每项已自动保存").arg(ctrl.answeredCount).arg(ctrl.totalCount).arg(ctrl.hazardCount)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
        }
        Label {
            objectName: "noticeLabel"
            Layout.fillWidth: true
            visible: root.notice.length > 0 && root.stage === "run"
            leftPadding: Theme.margin
            rightPadding: Theme.margin
            text: "✓ " + root.notice
            color: Theme.success
            font.pixelSize: Theme.fontSmall
            font.bold: true
            wrapMode: Text.WordWrap
        }
        ErrorBanner {
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            visible: ctrl.errorMessage.length > 0
            text: ctrl.errorMessage
            actionText: qsTr("知道了")
            onActionTriggered: ctrl.clearError()
        }
    }

    // The stage's primary actions sit at the bottom, in reach of a thumb.
    footer: Rectangle {
        visible: root.stage === "setup" || root.stage === "run" || root.stage === "finish"
        implicitHeight: Theme.largeTarget + Theme.spacing * 2
        color: Theme.surface
        Rectangle {
            width: parent.width
            height: 1
            color: Theme.border
        }
        RowLayout {
            anchors.fill: parent
            anchors.margins: Theme.spacing
            spacing: Theme.spacing
            ActionButton {
                objectName: "startInspectionButton"
                visible: root.stage === "setup"
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: qsTr("开始检查")
                enabled: !ctrl.busy
                onClicked: ctrl.start(root.enterpriseId, kind.currentValue,
                                      enforcement.checked ? "enforcement" : "guidance",
                                      templatePicks.inspectors, templatePicks.refs)
            }
            ActionButton {
                objectName: "previousButton"
                visible: root.stage === "run"
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: qsTr("上一项")
                enabled: root.current > 0
                fillColor: Theme.neutralSurface
                labelColor: Theme.text
                onClicked: root.current = root.current - 1
            }
            ActionButton {
                objectName: "nextButton"
                visible: root.stage === "run"
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: root.current + 1 < ctrl.totalCount ? qsTr("下一项") : qsTr("去签名")
                onClicked: {
                    if (root.current + 1 < ctrl.totalCount)
                        root.current = root.current + 1
                    else
                        root.stage = "finish"
                }
            }
            ActionButton {
                objectName: "finishButton"
                visible: root.stage === "finish"
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: qsTr("完成检查，生成文书")
                enabled: !ctrl.busy
                fillColor: Theme.success
                onClicked: root.finishInspection()
            }
        }
    }

    // ---- setup ----
    Flickable {
        id: setupFlick
        anchors.fill: parent
        visible: root.stage === "setup"
        contentHeight: setupColumn.implicitHeight + Theme.margin * 2
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            id: setupColumn
            x: Theme.margin
            y: Theme.margin
            width: setupFlick.width - Theme.margin * 2
            spacing: Theme.spacing
            Label {
                objectName: "planTitleLabel"
                Layout.fillWidth: true
                visible: root.planTitle.length > 0
                text: qsTr("执行计划：%1").arg(root.planTitle)
                color: Theme.primary
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Label { text: qsTr("检查类型"); color: Theme.textMuted }
            ComboBox {
                id: kind
                objectName: "kindBox"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                textRole: "text"
                valueRole: "value"
                Component.onCompleted: {
                    if (root.presetKind.length > 0 && kind.indexOfValue(root.presetKind) >= 0)
                        kind.currentIndex = kind.indexOfValue(root.presetKind)
                }
                model: [
                    { value: "plan", text: qsTr("计划检查") },
                    { value: "random", text: qsTr("双随机抽查") },
                    { value: "baobao", text: qsTr("包保走访") },
                    { value: "complaint", text: qsTr("举报投诉核查") },
                    { value: "campaign", text: qsTr("专项检查") },
                    { value: "reinspection", text: qsTr("整改复查") }
                ]
            }
            Label { text: qsTr("检查方式"); color: Theme.textMuted }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                ActionButton {
                    id: guidance
                    objectName: "modeGuidance"
                    Layout.fillWidth: true
                    checkable: true
                    checked: true
                    autoExclusive: true
                    text: qsTr("指导服务")
                    fillColor: guidance.checked ? Theme.primary : Theme.neutralSurface
                    labelColor: guidance.checked ? Theme.onColor : Theme.text
                }
                ActionButton {
                    id: enforcement
                    objectName: "modeEnforcement"
                    Layout.fillWidth: true
                    checkable: true
                    autoExclusive: true
                    text: qsTr("执法检查")
                    fillColor: enforcement.checked ? Theme.primary : Theme.neutralSurface
                    labelColor: enforcement.checked ? Theme.onColor : Theme.text
                }
            }
            Label {
                Layout.fillWidth: true
                visible: enforcement.checked
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                text: qsTr("执法检查需要至少两名持执法证的检查人员。")
            }
            Label { text: qsTr("同行检查人员"); color: Theme.textMuted }
            Repeater {
                model: ctrl.inspectorOptions
                delegate: CheckBox {
                    id: inspectorBox
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.touchTarget
                    visible: inspectorBox.modelData.id !== DeviceStore.userId
                    text: inspectorBox.modelData.badge
                          ? qsTr("%1（执法证 %2）").arg(inspectorBox.modelData.name).arg(inspectorBox.modelData.badge)
                          : qsTr("%1（无执法证号）").arg(inspectorBox.modelData.name)
                    onToggled: {
                        const l = templatePicks.inspectors.filter(i => i !== inspectorBox.modelData.id)
                        if (inspectorBox.checked)
                            l.push(inspectorBox.modelData.id)
                        templatePicks.inspectors = l
                    }
                }
            }
            Label { text: qsTr("检查表（已按行业推荐）"); color: Theme.textMuted }
            Repeater {
                model: ctrl.templateOptions
                delegate: CheckBox {
                    id: templateBox
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.touchTarget
                    text: qsTr("%1 · %n 项", "", templateBox.modelData.itemCount).arg(templateBox.modelData.title)
                    checked: templatePicks.refs.indexOf(templateBox.modelData.ref) >= 0
                    onToggled: {
                        const l = templatePicks.refs.filter(r => r !== templateBox.modelData.ref)
                        if (templateBox.checked)
                            l.push(templateBox.modelData.ref)
                        templatePicks.refs = l
                    }
                }
            }
        }
    }

    // ---- run: one item at a time ----
    Flickable {
        id: runFlick
        anchors.fill: parent
        visible: root.stage === "run"
        contentHeight: runColumn.implicitHeight + Theme.margin * 2
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            id: runColumn
            x: Theme.margin
            y: Theme.margin
            width: runFlick.width - Theme.margin * 2
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("第 %1 / %2 项 · %3").arg(root.current + 1).arg(ctrl.totalCount).arg(root.item.code ?? "")
                color: Theme.textMuted
            }
            Label {
                objectName: "itemText"
                Layout.fillWidth: true
                text: root.item.text ?? ""
                font.pixelSize: Theme.fontBody
                font.bold: true
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("依据：%1").arg(root.item.basis ?? "")
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
            Label {
                Layout.fillWidth: true
                visible: root.item.major === true
                text: qsTr("不符合即构成重大事故隐患")
                color: Theme.danger
                wrapMode: Text.WordWrap
            }
            PassFailNa {
                objectName: "answerButtons"
                Layout.fillWidth: true
                value: root.item.result ?? ""
                onChosen: answer => ctrl.answer(root.item.code, answer)
            }
            ActionButton {
                objectName: "recordHazardButton"
                Layout.fillWidth: true
                visible: root.item.result === "fail"
                text: root.item.hazardId ? qsTr("已记录隐患") : qsTr("记录隐患")
                enabled: !root.item.hazardId
                fillColor: Theme.danger
                onClicked: {
                    root.hazardItem = root.item.code
                    root.stage = "hazard"
                }
            }
            TextField {
                id: noteField
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                placeholderText: qsTr("备注（可不填）")
                text: root.item.note ?? ""
                onEditingFinished: if (noteField.text !== (root.item.note ?? "")) ctrl.setNote(root.item.code, noteField.text)
            }
            PhotoStrip {
                objectName: "itemPhotoStrip"
                Layout.fillWidth: true
                model: root.item.photos ?? []
                onAddPhotoRequested: photoDialog.open()
                onTakePhotoRequested: cameraLoader.open()
            }
            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                text: qsTr("检查表进度（点击跳转）")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Repeater {
                    model: ctrl.progress
                    delegate: ActionButton {
                        id: jumpButton
                        required property var modelData
                        text: qsTr("%1 %2/%3").arg(jumpButton.modelData.title).arg(jumpButton.modelData.answered).arg(jumpButton.modelData.total)
                        fillColor: Theme.neutralSurface
                        labelColor: Theme.text
                        onClicked: root.current = jumpButton.modelData.firstIndex
                    }
                }
            }
            ActionButton {
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.margin
                text: qsTr("完成检查并签名")
                fillColor: Theme.success
                onClicked: root.stage = "finish"
            }
        }
    }

    // The camera covers the page while it is open; a used shot joins the item on screen.
    Loader {
        id: cameraLoader
        objectName: "cameraLoader"
        anchors.fill: parent
        z: 2
        function open() {
            cameraLoader.setSource(Qt.resolvedUrl("../components/CameraCapture.qml"))
        }
        function close() { cameraLoader.source = "" }
    }
    Connections {
        target: cameraLoader.item as CameraCapture
        function onPhotoUsed(attachment: var) {
            ctrl.addCapturedPhoto(root.item.code, attachment)
            cameraLoader.close()
        }
        function onPickFileRequested() {
            cameraLoader.close()
            photoDialog.open()
        }
        function onCancelled() { cameraLoader.close() }
    }

    // The hazard sheet is created fresh for each hazard (pre-filled from the item, GPS started)
    // and destroyed when the stage changes.
    Loader {
        id: hazardLoader
        anchors.fill: parent
    }
    Connections {
        target: hazardLoader.item as HazardSheet
        function onSaved() {
            root.notice = qsTr("隐患已保存。完成检查并同步后，企业会看到整改要求。")
            root.stage = "run"
        }
        function onCancelled() { root.stage = "run" }
    }
    onStageChanged: {
        if (root.stage === "hazard")
            hazardLoader.setSource(Qt.resolvedUrl("HazardSheet.qml"),
                                   { controller: ctrl, itemCode: root.hazardItem })
        else
            hazardLoader.source = ""
    }

    // ---- finish: signatures or refusal ----
    Flickable {
        id: finishFlick
        anchors.fill: parent
        visible: root.stage === "finish"
        contentHeight: finishColumn.implicitHeight + Theme.margin * 2
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            id: finishColumn
            x: Theme.margin
            y: Theme.margin
            width: finishFlick.width - Theme.margin * 2
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("已答 %1 / %2 项，发现隐患 %3 条。").arg(ctrl.answeredCount).arg(ctrl.totalCount).arg(ctrl.hazardCount)
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            SignatureBox {
                id: enterpriseSignature
                objectName: "enterpriseSignature"
                Layout.fillWidth: true
                Layout.preferredHeight: 240
                signerLabel: qsTr("企业负责人签名：%1").arg(root.enterprise.leader ?? "")
                targetPath: DeviceStore.documentsPath + "/" + ctrl.inspectionId + "-enterprise.png"
            }
            SignatureBox {
                id: inspectorSignature
                objectName: "inspectorSignature"
                Layout.fillWidth: true
                Layout.preferredHeight: 240
                signerLabel: qsTr("检查人员签名：%1").arg(DeviceStore.userName)
                targetPath: DeviceStore.documentsPath + "/" + ctrl.inspectionId + "-inspector.png"
            }
            TextField {
                id: refusal
                objectName: "refusalNote"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                placeholderText: qsTr("企业负责人拒绝签名时，在此记录情况")
            }
            ActionButton {
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.margin
                text: qsTr("返回检查表")
                fillColor: Theme.neutralSurface
                labelColor: Theme.text
                onClicked: root.stage = "run"
            }
        }
    }

    // ---- documents ----
    Flickable {
        id: documentsFlick
        anchors.fill: parent
        visible: root.stage === "documents"
        contentHeight: documentsColumn.implicitHeight + Theme.margin * 2
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            id: documentsColumn
            x: Theme.margin
            y: Theme.margin
            width: documentsFlick.width - Theme.margin * 2
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("检查已完成。文书会在下次同步后上传，企业在同步后能看到整改要求。")
                wrapMode: Text.WordWrap
                color: Theme.success
            }
            DocumentCard {
                id: recordCard
                objectName: "recordDocument"
                Layout.fillWidth: true
                title: qsTr("现场检查记录 %1").arg(ctrl.recordNumber)
                source: ctrl.recordPdf
                openText: qsTr("查看检查记录")
                onOpenRequested: root.showDocument(ctrl.recordPdf, recordCard.title)
            }
            DocumentCard {
                id: orderCard
                objectName: "orderDocument"
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                Layout.bottomMargin: Theme.margin
                visible: ctrl.orderPdf.length > 0
                title: qsTr("责令限期整改指令书 %1").arg(ctrl.orderNumber)
                source: ctrl.orderPdf
                openText: qsTr("查看整改指令书")
                onOpenRequested: root.showDocument(ctrl.orderPdf, orderCard.title)
            }
        }
    }
}
