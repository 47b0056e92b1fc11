pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 提交整改: the enterprise answers a task with what was done, the completion date, who was
/// responsible, the cost (optional) and after-photos (camera or file, stamped with time and
/// GPS). Saved on the device at once and sent at the next sync; asks once before submitting and
/// then says who sees it and when.
Page {
    id: root

    property string hazardId
    readonly property RectificationController controller: ctrl
    /// The task's hazard record (plain map of wire fields).
    readonly property var hazard: ctrl.hazard
    /// The positioning source; the page starts it.
    property PositionProvider position: PositionProvider {}
    /// Set once the submission is saved on the device.
    property bool done: false

    function requestSubmit() {
        ctrl.clearError();
        confirm.open();
    }
    function submitNow() {
        ctrl.submit(note.text, completedOn.text, responsible.text, cost.text);
    }

    objectName: "rectificationPage"

    Component.onCompleted: root.position.start()
    Component.onDestruction: ctrl.discardDraft()

    RectificationController {
        id: ctrl
        store: DeviceStore
        hazardId: root.hazardId
        onSubmitted: root.done = true
    }

    FileDialog {
        id: photoDialog
        title: qsTr("选择整改后照片")
        nameFilters: [qsTr("图片 (*.jpg *.jpeg *.png)")]
        onAccepted: ctrl.addPhotoFile(photoDialog.selectedFile, root.position.fix)
    }
    Loader {
        id: cameraLoader
        objectName: "rectificationCameraLoader"
        anchors.fill: parent
        z: 2
        function open() {
            cameraLoader.setSource(Qt.resolvedUrl("../components/CameraCapture.qml"), {
                "position": root.position
            });
        }
        function close() {
            cameraLoader.source = "";
        }
    }
    Connections {
        target: cameraLoader.item as CameraCapture
        function onPhotoUsed(attachment: var) {
            ctrl.addCameraPhoto(attachment);
            cameraLoader.close();
        }
        function onPickFileRequested() {
            cameraLoader.close();
            photoDialog.open();
        }
        function onCancelled() {
            cameraLoader.close();
        }
    }

    Dialog {
        id: confirm
        objectName: "confirmSubmitDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(confirm.parent ? confirm.parent.width - 2 * Theme.margin : 400, 480)
        modal: true
        title: qsTr("提交整改？")
        standardButtons: Dialog.Cancel | Dialog.Ok
        Label {
            width: parent.width
            text: qsTr("提交后不能修改。检查人员复查时会看到整改说明和 %n 张照片。", "", ctrl.draftPhotos.length)
            wrapMode: Text.WordWrap
        }
        onAccepted: root.submitNow()
    }

    background: Rectangle {
        color: Theme.background
    }

    header: NavHeader {
        title: qsTr("提交整改")
        onBackClicked: Navigator.back()
    }

    footer: Rectangle {
        implicitHeight: footerRow.implicitHeight + Theme.spacing * 2
        color: Theme.surface
        RowLayout {
            id: footerRow
            x: (parent.width - footerRow.width) / 2
            y: Theme.spacing
            width: Math.min(parent.width - Theme.spacing * 2, 760)
            ActionButton {
                objectName: "submitRectificationButton"
                Layout.fillWidth: true
                implicitHeight: Theme.largeTarget
                visible: !root.done
                text: ctrl.busy ? qsTr("正在保存…") : qsTr("提交整改")
                enabled: ctrl.canSubmit && !ctrl.busy
                onClicked: root.requestSubmit()
            }
            ActionButton {
                objectName: "doneButton"
                Layout.fillWidth: true
                implicitHeight: Theme.largeTarget
                visible: root.done
                text: qsTr("返回任务")
                onClicked: Navigator.back()
            }
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: form.implicitHeight + Theme.margin * 2
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ColumnLayout {
            id: form
            x: (flick.width - form.width) / 2
            y: Theme.margin
            width: Math.min(flick.width - Theme.margin * 2, 760)
            spacing: Theme.spacing

            Label {
                objectName: "taskDescription"
                Layout.fillWidth: true
                text: root.hazard.description ?? ""
                font.pixelSize: Theme.fontTitle
                font.bold: true
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                visible: (root.hazard.measure ?? "").length > 0
                text: qsTr("要求：%1").arg(root.hazard.measure ?? "")
                wrapMode: Text.WordWrap
                color: Theme.textMuted
            }
            Rectangle {
                objectName: "rejectionBanner"
                Layout.fillWidth: true
                visible: ctrl.rejectionReason.length > 0 && !root.done
                implicitHeight: rejection.implicitHeight + Theme.spacing * 2
                radius: Theme.radius
                color: Theme.warningSurface
                border.color: Theme.statusRejected
                Label {
                    id: rejection
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    text: qsTr("上次提交被退回：%1").arg(ctrl.rejectionReason)
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
            }
            Rectangle {
                objectName: "submittedNotice"
                Layout.fillWidth: true
                visible: root.done
                implicitHeight: doneText.implicitHeight + Theme.spacing * 2
                radius: Theme.radius
                color: Theme.successSurface
                border.color: Theme.success
                Label {
                    id: doneText
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    text: qsTr("已保存在本设备上。下次同步时发送；检查人员同步后即可看到并复查，复查结果会在您的下一次同步后显示。")
                    color: Theme.text
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
            }
            ErrorBanner {
                objectName: "rectificationError"
                Layout.fillWidth: true
                visible: ctrl.errorMessage.length > 0
                text: ctrl.errorMessage
            }

            ColumnLayout {
                Layout.fillWidth: true
                visible: !root.done
                spacing: Theme.spacing
                Label {
                    text: qsTr("整改情况")
                    color: Theme.textMuted
                }
                TextArea {
                    id: note
                    objectName: "rectificationNote"
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.largeTarget * 2
                    placeholderText: qsTr("做了什么、怎样整改的")
                    wrapMode: TextEdit.Wrap
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: form.width >= 600 ? 3 : 1
                    columnSpacing: Theme.spacing
                    rowSpacing: Theme.spacing
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label {
                            text: qsTr("完成日期")
                            color: Theme.textMuted
                        }
                        TextField {
                            id: completedOn
                            objectName: "completedOn"
                            Layout.fillWidth: true
                            Layout.minimumHeight: Theme.touchTarget
                            text: Qt.formatDate(new Date(), "yyyy-MM-dd")
                            inputMethodHints: Qt.ImhDate
                            placeholderText: qsTr("年-月-日")
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label {
                            text: qsTr("整改责任人")
                            color: Theme.textMuted
                        }
                        TextField {
                            id: responsible
                            objectName: "responsible"
                            Layout.fillWidth: true
                            Layout.minimumHeight: Theme.touchTarget
                            text: DeviceStore.userName
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label {
                            text: qsTr("整改资金（元，可不填）")
                            color: Theme.textMuted
                        }
                        TextField {
                            id: cost
                            objectName: "cost"
                            Layout.fillWidth: true
                            Layout.minimumHeight: Theme.touchTarget
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                        }
                    }
                }
                Label {
                    Layout.topMargin: Theme.spacing
                    text: qsTr("整改后照片（%n 张）", "", ctrl.draftPhotos.length)
                    font.bold: true
                    color: Theme.text
                }
                PhotoStrip {
                    objectName: "draftPhotos"
                    Layout.fillWidth: true
                    model: ctrl.draftPhotos
                    onAddPhotoRequested: photoDialog.open()
                    onTakePhotoRequested: cameraLoader.open()
                    onPhotoClicked: index => viewer.show(ctrl.draftPhotos, index)
                }
                Repeater {
                    model: ctrl.draftPhotos
                    delegate: RowLayout {
                        id: draftRow
                        required property int index
                        required property var modelData
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: draftRow.modelData.name
                            elide: Text.ElideMiddle
                            color: Theme.textMuted
                        }
                        Button {
                            objectName: "removePhoto" + draftRow.index
                            implicitHeight: Theme.touchTarget
                            text: qsTr("移除")
                            flat: true
                            onClicked: ctrl.removePhoto(draftRow.index)
                        }
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: root.position.hasFix ? qsTr("照片会记录拍摄时间和定位（精度 ±%1 米）。").arg(Math.round(root.position.fix.accuracyM)) : qsTr("照片会记录拍摄时间；当前没有定位。")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WordWrap
                }
            }
        }
    }

    PhotoViewer {
        id: viewer
    }
}
