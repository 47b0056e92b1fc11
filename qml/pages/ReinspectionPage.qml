pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 整改复查: the finding and its photos next to the enterprise's evidence; the inspector's own
/// re-check photos (camera or file, stamped with time and GPS); verify (销号) or reject with a
/// reason the enterprise will see. Opened over the shell, or in the 隐患 tab's
/// detail pane on a tablet.
Page {
    id: root

    property string hazardId
    /// True inside the 隐患 tab's detail pane (no back button, no second sync bar).
    property bool embedded: false
    readonly property ReinspectionController controller: ctrl
    /// The hazard record (plain map: description, place, deadline, enterprise_name, …).
    readonly property var hazard: ctrl.hazard

    /// The decision just taken here (HazardStatus.Verified or Rejected; Unknown before).
    property int decision: HazardStatus.Unknown
    /// The positioning source for re-check photos; started while a decision is open.
    property PositionProvider position: PositionProvider {}

    /// The decision was stored: the hazard's status now (a HazardStatus).
    signal done(int status)

    ReinspectionController {
        id: ctrl
        store: DeviceStore
        hazardId: root.hazardId
        onDecided: status => {
            root.decision = status
            root.done(status)
        }
    }

    Component.onCompleted: root.position.start()
    Component.onDestruction: ctrl.discardDraft()

    FileDialog {
        id: photoDialog
        title: qsTr("选择复查照片")
        nameFilters: [qsTr("图片 (*.jpg *.jpeg *.png)")]
        onAccepted: ctrl.addPhotoFile(photoDialog.selectedFile, root.position.fix)
    }
    Loader {
        id: cameraLoader
        objectName: "reinspectionCameraLoader"
        anchors.fill: parent
        z: 2
        function open() {
            cameraLoader.setSource(Qt.resolvedUrl("../components/CameraCapture.qml"), { position: root.position })
        }
        function close() { cameraLoader.source = "" }
    }
    Connections {
        target: cameraLoader.item as CameraCapture
        function onPhotoUsed(attachment: var) {
            ctrl.addCameraPhoto(attachment)
            cameraLoader.close()
        }
        function onPickFileRequested() {
            cameraLoader.close()
            photoDialog.open()
        }
        function onCancelled() { cameraLoader.close() }
    }

    background: Rectangle { color: Theme.background }

    header: NavHeader {
        visible: !root.embedded
        title: ctrl.canDecide ? qsTr("整改复查") : qsTr("隐患详情")
        onBackClicked: Navigator.back()
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + Theme.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            id: column
            x: Theme.margin
            width: flick.width - Theme.margin * 2
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
                text: root.hazard.description ?? ""
                font.pixelSize: Theme.fontTitle
                font.bold: true
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                StatusChip {
                    status: ctrl.status
                    overdue: root.hazard.overdue === true
                }
                Label {
                    Layout.fillWidth: true
                    text: root.hazard.enterprise_name ?? ""
                    color: Theme.textMuted
                    elide: Text.ElideRight
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("部位：%1 · 期限：%2").arg(root.hazard.place ?? "").arg(root.hazard.deadline ? Localization.formatDate(new Date(root.hazard.deadline + "T12:00:00")) : "")
                wrapMode: Text.WordWrap
                color: Theme.textMuted
            }
            ErrorBanner {
                Layout.fillWidth: true
                visible: ctrl.errorMessage.length > 0
                text: ctrl.errorMessage
            }
            Label { text: qsTr("整改前"); font.bold: true; color: Theme.text }
            PhotoStrip {
                Layout.fillWidth: true
                canAdd: false
                model: ctrl.beforePhotos
            }
            Label { text: qsTr("整改后（企业提交）"); font.bold: true; color: Theme.text }
            PhotoStrip {
                Layout.fillWidth: true
                canAdd: false
                model: ctrl.afterPhotos
            }
            Label {
                Layout.fillWidth: true
                text: ctrl.submissionNote.length > 0 ? qsTr("企业说明：%1").arg(ctrl.submissionNote) : qsTr("企业没有填写说明。")
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            Label {
                objectName: "decisionMessage"
                Layout.fillWidth: true
                visible: root.decision !== HazardStatus.Unknown
                text: root.decision === HazardStatus.Verified
                      ? qsTr("已销号。企业和监管人员在下次同步后看到复查结果。")
                      : qsTr("已退回整改。企业在下次同步后看到退回原因。")
                wrapMode: Text.WordWrap
                color: Theme.success
                font.bold: true
            }
            DocumentCard {
                id: opinionCard
                objectName: "opinionDocument"
                Layout.fillWidth: true
                visible: ctrl.opinionPdf.length > 0
                title: qsTr("整改复查意见书 %1").arg(ctrl.opinionNumber)
                source: ctrl.opinionPdf
                openText: qsTr("查看复查意见书")
                onOpenRequested: Navigator.openPage("document", {
                    source: ctrl.opinionPdf,
                    title: opinionCard.title
                })
            }
            Label {
                Layout.fillWidth: true
                visible: !ctrl.canDecide && root.decision === HazardStatus.Unknown
                text: qsTr("企业提交整改后才能复查。")
                wrapMode: Text.WordWrap
                color: Theme.textMuted
            }
            Label {
                visible: ctrl.canDecide
                text: qsTr("复查照片")
                font.bold: true
                color: Theme.text
            }
            PhotoStrip {
                objectName: "recheckPhotos"
                visible: ctrl.canDecide
                Layout.fillWidth: true
                model: ctrl.draftPhotos
                onAddPhotoRequested: photoDialog.open()
                onTakePhotoRequested: cameraLoader.open()
            }
            Label {
                objectName: "recheckHint"
                Layout.fillWidth: true
                visible: ctrl.canDecide && ctrl.afterPhotos.length === 0 && ctrl.draftPhotos.length === 0
                text: qsTr("企业没有提交整改后照片：销号前请拍摄复查照片，或在复查意见中写明核实的情况。")
                wrapMode: Text.WordWrap
                color: Theme.warning
                font.pixelSize: Theme.fontSmall
            }
            Label {
                visible: ctrl.canDecide
                text: qsTr("退回时的新整改期限（可不选，沿用原期限）")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
            DateField {
                id: newDeadline
                objectName: "newDeadline"
                visible: ctrl.canDecide
                Layout.fillWidth: true
                minimumDate: ctrl.deadlinePlus(1)
                quickDays: [7, 15, 30]
            }
            TextField {
                id: note
                visible: ctrl.canDecide
                objectName: "reinspectionNote"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                placeholderText: qsTr("复查意见；退回时必须写明原因")
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.margin
                visible: ctrl.canDecide
                spacing: Theme.spacing
                ActionButton {
                    objectName: "rejectButton"
                    Layout.fillWidth: true
                    text: qsTr("退回整改")
                    enabled: ctrl.canDecide && !ctrl.busy
                    fillColor: Theme.danger
                    onClicked: ctrl.reject(note.text, newDeadline.date)
                }
                ActionButton {
                    objectName: "verifyButton"
                    Layout.fillWidth: true
                    text: qsTr("复查合格，销号")
                    enabled: ctrl.canDecide && !ctrl.busy
                    fillColor: Theme.success
                    onClicked: ctrl.verify(note.text)
                }
            }
        }
    }
}
