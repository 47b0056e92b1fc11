pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// The inspection page's "run" stage: one checklist item at a time (answer, hazard, note,
/// photos) and the checklists' progress to jump by. Every answer is saved at once.
Flickable {
    id: root

    required property InspectionController controller
    /// Index of the item on screen.
    required property int current
    /// The item on screen (plain map: code, templateTitle, text, basis, major, result, note,
    /// photos, hazardId).
    required property var item
    /// The last button's words (an enterprise's self-check has nothing to sign).
    property string finishText: qsTr("完成检查并签名")

    /// The item at `index` should be shown.
    signal jumpRequested(int index)
    /// A hazard should be recorded for the failed item `itemCode`.
    signal hazardRequested(string itemCode)
    /// The next unanswered item should be shown.
    signal nextUnansweredRequested
    /// The signatures should be collected.
    signal finishRequested
    /// A photo should be picked from a file / taken with the camera for the item on screen.
    signal addPhotoRequested
    signal takePhotoRequested

    contentHeight: runColumn.implicitHeight + Theme.margin * 2
    clip: true
    boundsBehavior: Flickable.StopAtBounds

    ColumnLayout {
        id: runColumn
        x: Theme.margin
        y: Theme.margin
        width: root.width - Theme.margin * 2
        spacing: Theme.spacing
        Label {
            objectName: "itemPosition"
            Layout.fillWidth: true
            // The checklist's name, not the item's code ("CS-04" means nothing to an enterprise).
            text: qsTr("第 %1 / %2 项 · %3").arg(root.current + 1).arg(root.controller.totalCount).arg(root.item.templateTitle ?? "")
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
            onChosen: answer => root.controller.answer(root.item.code, answer)
        }
        ActionButton {
            objectName: "recordHazardButton"
            Layout.fillWidth: true
            visible: root.item.result === "fail"
            text: root.item.hazardId ? qsTr("已记录隐患") : qsTr("记录隐患")
            enabled: !root.item.hazardId
            fillColor: Theme.danger
            onClicked: root.hazardRequested(root.item.code)
        }
        TextField {
            id: noteField
            Layout.fillWidth: true
            Layout.minimumHeight: Theme.touchTarget
            placeholderText: qsTr("备注（可不填）")
            text: root.item.note ?? ""
            onEditingFinished: if (noteField.text !== (root.item.note ?? ""))
                root.controller.setNote(root.item.code, noteField.text)
        }
        PhotoStrip {
            objectName: "itemPhotoStrip"
            Layout.fillWidth: true
            model: root.item.photos ?? []
            onAddPhotoRequested: root.addPhotoRequested()
            onTakePhotoRequested: root.takePhotoRequested()
        }
        Label {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacing
            text: qsTr("检查表进度（点击跳转）")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
        ActionButton {
            objectName: "runNextUnansweredButton"
            Layout.fillWidth: true
            visible: root.controller.answeredCount < root.controller.totalCount
            text: qsTr("下一个未答项")
            fillColor: Theme.neutralSurface
            labelColor: Theme.text
            onClicked: root.nextUnansweredRequested()
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Repeater {
                model: root.controller.progress
                delegate: ActionButton {
                    id: jumpButton
                    required property var modelData
                    text: qsTr("%1 %2/%3").arg(jumpButton.modelData.title).arg(jumpButton.modelData.answered).arg(jumpButton.modelData.total)
                    fillColor: Theme.neutralSurface
                    labelColor: Theme.text
                    onClicked: root.jumpRequested(jumpButton.modelData.firstIndex)
                }
            }
        }
        ActionButton {
            Layout.fillWidth: true
            Layout.bottomMargin: Theme.margin
            text: root.finishText
            fillColor: Theme.success
            onClicked: root.finishRequested()
        }
    }
}
