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
    /// The run stage lists every item by section instead of one item per screen.
    property bool sectionView: false
    /// Tablet or desktop width: the finish button joins the bottom bar.
    readonly property bool wide: root.width >= Theme.wideBreakpoint

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
        ctrl.finish(finishStage.signatures(), finishStage.refusalNote)
    }

    /// Opens a document of this inspection full screen, inside the app.
    function showDocument(path: string, title: string) {
        Navigator.openPage("document", { source: path, title: title })
    }

    /// Moves to the next unanswered item after the current one (wrapping to the start).
    function jumpToUnanswered() {
        const next = ctrl.nextUnanswered(root.current)
        if (next < 0) {
            root.notice = qsTr("所有检查项都已作答，可以签名了。")
            return
        }
        root.current = next
        if (root.sectionView)
            sectionList.showItem(next)
    }

    /// Switches the run stage between one item per screen and the section list.
    function showSections(on: bool) {
        root.sectionView = on
        if (on)
            sectionList.showItem(root.current)
    }

    /// Opens the hazard sheet for the failed item `itemCode`.
    function recordHazard(itemCode: string) {
        root.hazardItem = itemCode
        root.stage = "hazard"
    }

    objectName: "inspectionPage"

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
        onStarted: root.stage = ctrl.status === InspectionStatus.Finished ? "documents" : "run"
        onFinished: root.stage = "documents"
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
            text: qsTr("已答 %1 / %2 项 · 隐患 %n 条 · 每项已自动保存", "", ctrl.hazardCount).arg(ctrl.answeredCount).arg(ctrl.totalCount)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
        }
        TabBar {
            objectName: "runViewTabs"
            Layout.fillWidth: true
            visible: root.stage === "run"
            currentIndex: root.sectionView ? 1 : 0
            TabButton {
                objectName: "oneByOneTab"
                text: qsTr("逐项")
                onClicked: root.showSections(false)
            }
            TabButton {
                objectName: "sectionListTab"
                text: qsTr("分节列表")
                onClicked: root.showSections(true)
            }
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
                onClicked: setupStage.start()
            }
            ActionButton {
                objectName: "previousButton"
                visible: root.stage === "run" && !root.sectionView
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
                visible: root.stage === "run" && !root.sectionView
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
                objectName: "nextUnansweredButton"
                visible: root.stage === "run" && root.sectionView
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: qsTr("下一个未答项")
                enabled: ctrl.answeredCount < ctrl.totalCount
                fillColor: Theme.neutralSurface
                labelColor: Theme.text
                onClicked: root.jumpToUnanswered()
            }
            // On a wide screen, and in the section list, signing is always one tap away.
            ActionButton {
                objectName: "barFinishButton"
                visible: root.stage === "run" && (root.wide || root.sectionView)
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: qsTr("完成检查并签名")
                fillColor: Theme.success
                onClicked: root.stage = "finish"
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

    // ---- the stages (the hazard sheet is loaded below) ----
    InspectionSetupStage {
        id: setupStage
        objectName: "setupStage"
        anchors.fill: parent
        visible: root.stage === "setup"
        controller: ctrl
        enterpriseId: root.enterpriseId
        presetKind: root.presetKind
        planTitle: root.planTitle
    }
    InspectionRunStage {
        objectName: "runStage"
        anchors.fill: parent
        visible: root.stage === "run" && !root.sectionView
        controller: ctrl
        current: root.current
        item: root.item
        onJumpRequested: index => root.current = index
        onNextUnansweredRequested: root.jumpToUnanswered()
        onHazardRequested: itemCode => root.recordHazard(itemCode)
        onFinishRequested: root.stage = "finish"
        onAddPhotoRequested: photoDialog.open()
        onTakePhotoRequested: cameraLoader.open()
    }
    InspectionSectionList {
        id: sectionList
        objectName: "sectionListStage"
        anchors.fill: parent
        visible: root.stage === "run" && root.sectionView
        controller: ctrl
        current: root.current
        onCurrentRequested: index => root.current = index
        onHazardRequested: itemCode => root.recordHazard(itemCode)
        onItemOpened: index => {
            root.current = index
            root.sectionView = false
        }
    }
    InspectionFinishStage {
        id: finishStage
        objectName: "finishStage"
        anchors.fill: parent
        visible: root.stage === "finish"
        controller: ctrl
        enterprise: root.enterprise
        onBackRequested: root.stage = "run"
    }
    InspectionDocumentsStage {
        objectName: "documentsStage"
        anchors.fill: parent
        visible: root.stage === "documents"
        controller: ctrl
        onOpenRequested: (path, title) => root.showDocument(path, title)
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
}
