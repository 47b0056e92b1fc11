import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 整改复查: the finding and its photos next to the enterprise's evidence; verify (销号) or
/// reject with a reason the enterprise will see.
Page {
    id: root

    property string hazardId
    readonly property ReinspectionController controller: ctrl

    signal done(string status)

    ReinspectionController {
        id: ctrl
        store: DeviceStore
        hazardId: root.hazardId
        onDecided: status => root.done(status)
    }

    background: Rectangle { color: Theme.background }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            x: Theme.margin
            width: parent.width - Theme.margin * 2
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
                text: ctrl.hazard.description || ""
                font.pixelSize: Theme.fontTitle
                font.bold: true
                wrapMode: Text.WordWrap
                color: Theme.text
            }
            RowLayout {
                spacing: Theme.spacing
                StatusChip {
                    status: ctrl.status
                    overdue: ctrl.hazard.overdue === true
                }
                Label {
                    text: ctrl.hazard.enterprise_name || ""
                    color: Theme.textMuted
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("部位：%1 · 期限：%2").arg(ctrl.hazard.place || "").arg(ctrl.hazard.deadline || "")
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
            TextField {
                id: note
                objectName: "reinspectionNote"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                placeholderText: qsTr("复查意见；退回时必须写明原因")
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.margin
                spacing: Theme.spacing
                ActionButton {
                    objectName: "rejectButton"
                    Layout.fillWidth: true
                    text: qsTr("退回整改")
                    enabled: ctrl.canDecide && !ctrl.busy
                    fillColor: Theme.danger
                    onClicked: ctrl.reject(note.text)
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
