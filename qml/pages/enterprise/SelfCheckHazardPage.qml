import QtQuick
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// A hazard the enterprise found in its own self-check: what was found, then the enterprise's
/// own rectification (整改) and closure (自查销号), each with a note or photos. Saved on the
/// device at once and synced later. An inspector's hazard never opens here.
Page {
    id: root

    /// The self-check hazard shown.
    property string hazardId
    readonly property SelfCheckHazardController controller: ctrl
    /// The hazard's wire fields (plain map: description, deadline, …).
    readonly property var hazard: ctrl.hazard
    /// The positioning source; the page starts it (photos carry the fix).
    property PositionProvider position: PositionProvider {
    }
    /// A short confirmation of the last save; empty when none.
    property string notice

    objectName: "selfCheckHazardPage"

    Component.onCompleted: root.position.start()

    SelfCheckHazardController {
        id: ctrl
        store: DeviceStore
        hazardId: root.hazardId
        onDone: status => {
            noteField.text = "";
            root.notice = status === HazardStatus.Verified ? qsTr("已自查销号，下次同步后检查人员可以看到。") : qsTr("整改情况已保存，复核无误后请销号。");
        }
    }

    FileDialog {
        id: photoDialog
        title: qsTr("选择照片")
        nameFilters: [qsTr("图片 (*.jpg *.jpeg *.png)")]
        onAccepted: ctrl.addPhotoFile(photoDialog.selectedFile, root.position.fix)
    }

    background: Rectangle {
        color: Theme.background
    }

    header: ColumnLayout {
        spacing: 0
        NavHeader {
            Layout.fillWidth: true
            title: qsTr("自查隐患")
            onBackClicked: Navigator.back()
        }
        ErrorBanner {
            objectName: "selfCheckHazardError"
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            visible: ctrl.errorMessage.length > 0
            text: ctrl.errorMessage
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + Theme.margin * 2
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: parent.width - Theme.margin * 2
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Label {
                    objectName: "selfCheckHazardDescription"
                    Layout.fillWidth: true
                    text: root.hazard.description ?? ""
                    font.bold: true
                    wrapMode: Text.WordWrap
                    color: Theme.text
                }
                StatusChip {
                    objectName: "selfCheckHazardStatus"
                    status: ctrl.status
                    overdue: ctrl.overdue
                    enterpriseWords: true
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("整改期限 %1 · 企业自查发现").arg(root.hazard.deadline ?? "")
                color: Theme.textMuted
            }
            Label {
                objectName: "selfCheckHazardNotice"
                Layout.fillWidth: true
                visible: root.notice.length > 0
                text: "✓ " + root.notice
                color: Theme.success
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Label {
                objectName: "selfCheckHazardClosed"
                Layout.fillWidth: true
                visible: ctrl.status === HazardStatus.Verified
                text: qsTr("这条自查隐患已销号。")
                color: Theme.textMuted
            }
            ColumnLayout {
                Layout.fillWidth: true
                visible: ctrl.canRectify || ctrl.canClose
                spacing: Theme.spacing
                Label {
                    Layout.fillWidth: true
                    text: ctrl.canClose ? qsTr("复核整改结果，写明复核情况或拍照后销号。") : qsTr("写明整改情况或拍摄整改后照片。")
                    wrapMode: Text.WordWrap
                    color: Theme.text
                }
                TextArea {
                    id: noteField
                    objectName: "selfCheckHazardNote"
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.largeTarget * 2
                    placeholderText: qsTr("整改或复核情况")
                    wrapMode: TextEdit.Wrap
                }
                PhotoStrip {
                    objectName: "selfCheckHazardPhotos"
                    Layout.fillWidth: true
                    model: ctrl.draftPhotos
                    onAddPhotoRequested: photoDialog.open()
                    onTakePhotoRequested: photoDialog.open()
                }
                ActionButton {
                    objectName: "rectifyButton"
                    Layout.fillWidth: true
                    visible: ctrl.canRectify
                    text: qsTr("保存整改情况")
                    enabled: !ctrl.busy
                    onClicked: ctrl.rectify(noteField.text)
                }
                ActionButton {
                    objectName: "closeButton"
                    Layout.fillWidth: true
                    visible: ctrl.canClose
                    text: qsTr("复核合格，销号")
                    enabled: !ctrl.busy
                    fillColor: Theme.success
                    onClicked: ctrl.close(noteField.text)
                }
            }
        }
    }
}
