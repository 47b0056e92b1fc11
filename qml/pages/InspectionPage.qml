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
    property int current: 0
    readonly property InspectionController controller: ctrl
    /// "setup", "run", "hazard", "finish" or "documents".
    property string stage: "setup"
    property string hazardItem

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

    property int revision: 0
    readonly property var item: root.revision >= 0 && ctrl.checklist.count > 0 ? ctrl.checklist.get(Math.min(root.current, ctrl.checklist.count - 1)) : ({})
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
        Label {
            Layout.fillWidth: true
            text: ctrl.enterprise.name || qsTr("现场检查")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            padding: Theme.margin
            bottomPadding: 0
            color: Theme.text
            elide: Text.ElideRight
        }
        Label {
            Layout.fillWidth: true
            visible: root.stage === "run"
            leftPadding: Theme.margin
            text: qsTr("已答 %1 / %2 项 · 隐患 %3 条").arg(ctrl.answeredCount).arg(ctrl.totalCount).arg(ctrl.hazardCount)
            color: Theme.textMuted
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

    // ---- setup ----
    ScrollView {
        anchors.fill: parent
        visible: root.stage === "setup"
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            x: Theme.margin
            width: parent.width - Theme.margin * 2
            spacing: Theme.spacing
            Label { text: qsTr("检查类型"); color: Theme.textMuted }
            ComboBox {
                id: kind
                objectName: "kindBox"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                textRole: "text"
                valueRole: "value"
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
                    fillColor: checked ? Theme.primary : Theme.neutralSurface
                    labelColor: checked ? Theme.onColor : Theme.text
                }
                ActionButton {
                    id: enforcement
                    objectName: "modeEnforcement"
                    Layout.fillWidth: true
                    checkable: true
                    autoExclusive: true
                    text: qsTr("执法检查")
                    fillColor: checked ? Theme.primary : Theme.neutralSurface
                    labelColor: checked ? Theme.onColor : Theme.text
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
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.touchTarget
                    visible: modelData.id !== DeviceStore.userId
                    text: modelData.badge ? qsTr("%1（执法证 %2）").arg(modelData.name).arg(modelData.badge)
                                          : qsTr("%1（无执法证号）").arg(modelData.name)
                    onToggled: {
                        const l = templatePicks.inspectors.filter(i => i !== modelData.id)
                        if (checked)
                            l.push(modelData.id)
                        templatePicks.inspectors = l
                    }
                }
            }
            Label { text: qsTr("检查表（已按行业推荐）"); color: Theme.textMuted }
            Repeater {
                model: ctrl.templateOptions
                delegate: CheckBox {
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.touchTarget
                    text: qsTr("%1 · %2 项").arg(modelData.title).arg(modelData.itemCount)
                    checked: templatePicks.refs.indexOf(modelData.ref) >= 0
                    onToggled: {
                        const l = templatePicks.refs.filter(r => r !== modelData.ref)
                        if (checked)
                            l.push(modelData.ref)
                        templatePicks.refs = l
                    }
                }
            }
            ActionButton {
                objectName: "startInspectionButton"
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.margin
                text: qsTr("开始检查")
                enabled: !ctrl.busy
                onClicked: ctrl.start(root.enterpriseId, kind.currentValue,
                                      enforcement.checked ? "enforcement" : "guidance",
                                      templatePicks.inspectors, templatePicks.refs)
            }
        }
    }

    // ---- run: one item at a time ----
    ScrollView {
        anchors.fill: parent
        visible: root.stage === "run"
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            x: Theme.margin
            width: parent.width - Theme.margin * 2
            spacing: Theme.spacing
            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Repeater {
                    model: ctrl.progress
                    delegate: ActionButton {
                        required property var modelData
                        text: qsTr("%1 %2/%3").arg(modelData.title).arg(modelData.answered).arg(modelData.total)
                        fillColor: Theme.neutralSurface
                        labelColor: Theme.text
                        onClicked: root.current = modelData.firstIndex
                    }
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("第 %1 / %2 项 · %3").arg(root.current + 1).arg(ctrl.totalCount).arg(root.item.code || "")
                color: Theme.textMuted
            }
            Label {
                objectName: "itemText"
                Layout.fillWidth: true
                text: root.item.text || ""
                font.pixelSize: Theme.fontBody
                font.bold: true
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("依据：%1").arg(root.item.basis || "")
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
                value: root.item.result || ""
                onChosen: answer => ctrl.answer(root.item.code, answer)
            }
            TextField {
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                placeholderText: qsTr("备注（可不填）")
                text: root.item.note || ""
                onEditingFinished: if (text !== (root.item.note || "")) ctrl.setNote(root.item.code, text)
            }
            PhotoStrip {
                Layout.fillWidth: true
                model: root.item.photos || []
                onAddPhotoRequested: photoDialog.open()
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
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                ActionButton {
                    Layout.fillWidth: true
                    text: qsTr("上一项")
                    enabled: root.current > 0
                    fillColor: Theme.neutralSurface
                    labelColor: Theme.text
                    onClicked: root.current = root.current - 1
                }
                ActionButton {
                    Layout.fillWidth: true
                    text: root.current + 1 < ctrl.totalCount ? qsTr("下一项") : qsTr("去签名")
                    onClicked: {
                        if (root.current + 1 < ctrl.totalCount)
                            root.current = root.current + 1
                        else
                            root.stage = "finish"
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

    Loader {
        anchors.fill: parent
        active: root.stage === "hazard"
        sourceComponent: HazardSheet {
            controller: ctrl
            itemCode: root.hazardItem
            onSaved: root.stage = "run"
            onCancelled: root.stage = "run"
        }
    }

    // ---- finish: signatures or refusal ----
    ScrollView {
        anchors.fill: parent
        visible: root.stage === "finish"
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            x: Theme.margin
            width: parent.width - Theme.margin * 2
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("已答 %1 / %2 项，发现隐患 %3 条。").arg(ctrl.answeredCount).arg(ctrl.totalCount).arg(ctrl.hazardCount)
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            SignatureBox {
                id: enterpriseSignature
                Layout.fillWidth: true
                Layout.preferredHeight: 220
                signerLabel: qsTr("企业负责人签名：%1").arg(ctrl.enterprise.leader || "")
                targetPath: DeviceStore.documentsPath + "/" + ctrl.inspectionId + "-enterprise.png"
            }
            SignatureBox {
                id: inspectorSignature
                Layout.fillWidth: true
                Layout.preferredHeight: 220
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
                objectName: "finishButton"
                Layout.fillWidth: true
                text: qsTr("完成检查，生成文书")
                enabled: !ctrl.busy
                fillColor: Theme.success
                onClicked: {
                    const signatures = []
                    if (!enterpriseSignature.isEmpty && enterpriseSignature.pad.savePng(enterpriseSignature.targetPath).ok)
                        signatures.push({ signer: ctrl.enterprise.leader || "", role: "企业负责人", path: enterpriseSignature.targetPath })
                    if (!inspectorSignature.isEmpty && inspectorSignature.pad.savePng(inspectorSignature.targetPath).ok)
                        signatures.push({ signer: DeviceStore.userName, role: "检查人员", path: inspectorSignature.targetPath })
                    ctrl.finish(signatures, refusal.text)
                }
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
    ScrollView {
        anchors.fill: parent
        visible: root.stage === "documents"
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            x: Theme.margin
            width: parent.width - Theme.margin * 2
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("检查已完成。文书会在下次同步后上传，企业在同步后能看到整改要求。")
                wrapMode: Text.WordWrap
                color: Theme.success
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("现场检查记录 %1").arg(ctrl.recordNumber)
                font.bold: true
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            Image {
                Layout.fillWidth: true
                Layout.preferredHeight: width * 1.414
                visible: ctrl.recordPreview.toString().length > 0
                source: ctrl.recordPreview
                fillMode: Image.PreserveAspectFit
                cache: false
            }
            ActionButton {
                Layout.fillWidth: true
                text: qsTr("打开或分享检查记录")
                enabled: ctrl.recordPdf.length > 0
                onClicked: ctrl.openDocument(ctrl.recordPdf)
            }
            Label {
                Layout.fillWidth: true
                visible: ctrl.orderPdf.length > 0
                text: qsTr("责令限期整改指令书 %1").arg(ctrl.orderNumber)
                font.bold: true
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            Image {
                Layout.fillWidth: true
                Layout.preferredHeight: width * 1.414
                visible: ctrl.orderPreview.toString().length > 0
                source: ctrl.orderPreview
                fillMode: Image.PreserveAspectFit
                cache: false
            }
            ActionButton {
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.margin
                visible: ctrl.orderPdf.length > 0
                text: qsTr("打开或分享整改指令书")
                onClicked: ctrl.openDocument(ctrl.orderPdf)
            }
        }
    }
}
