pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// One self-check (企业自查) by the enterprise on itself: choose a checklist, answer it item by
/// item (the inspector's runner, without signatures or documents), record a hazard on a failed
/// item, finish. Every answer is saved on the device at once and synced later.
Page {
    id: root

    /// Start a new self-check of this enterprise …
    property string enterpriseId
    /// … or resume this one.
    property string inspectionId
    /// Index of the checklist item on screen.
    property int current: 0
    /// "setup", "run", "hazard" or "done".
    property string stage: "setup"
    /// The checklist chosen in the setup (`code@version`).
    property string templateRef
    /// Code of the failed item the hazard sheet is for.
    property string hazardItem
    readonly property InspectionController controller: ctrl
    property int revision: 0
    /// The checklist row on screen (plain map: code, text, basis, major, result, note, photos,
    /// hazardId).
    readonly property var item: root.revision >= 0 && ctrl.checklist.count > 0 ? Object.assign({}, ctrl.checklist.get(Math.min(root.current, ctrl.checklist.count - 1))) : ({})
    /// A short confirmation of the last save; empty when none.
    property string notice

    function goBack() {
        if (root.stage === "hazard")
            root.stage = "run";
        else
            Navigator.back();
    }

    objectName: "selfCheckPage"

    Component.onCompleted: {
        if (root.inspectionId.length > 0)
            ctrl.resume(root.inspectionId);
        else
            ctrl.loadOptions(root.enterpriseId);
    }

    InspectionController {
        id: ctrl
        store: DeviceStore
        onStarted: root.stage = ctrl.status === InspectionStatus.Finished ? "done" : "run"
        onFinished: root.stage = "done"
    }

    Connections {
        target: ctrl.checklist
        function onDataChanged() {
            root.revision = root.revision + 1;
        }
        function onModelReset() {
            root.revision = root.revision + 1;
        }
    }

    FileDialog {
        id: photoDialog
        title: qsTr("选择照片")
        nameFilters: [qsTr("图片 (*.jpg *.jpeg *.png)")]
        onAccepted: ctrl.addPhoto(root.item.code, photoDialog.selectedFile)
    }

    background: Rectangle {
        color: Theme.background
    }

    header: ColumnLayout {
        spacing: 0
        NavHeader {
            Layout.fillWidth: true
            title: qsTr("企业自查")
            onBackClicked: root.goBack()
        }
        Label {
            objectName: "selfCheckProgress"
            Layout.fillWidth: true
            visible: root.stage === "run"
            leftPadding: Theme.margin
            rightPadding: Theme.margin
            topPadding: Theme.spacing / 2
            text: qsTr("已答 %1 / %2 项 · 发现隐患 %3 条 · 每项已保存在本机").arg(ctrl.answeredCount).arg(ctrl.totalCount).arg(ctrl.hazardCount)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
        }
        Label {
            objectName: "selfCheckNotice"
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
            objectName: "selfCheckError"
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            visible: ctrl.errorMessage.length > 0
            text: ctrl.errorMessage
            actionText: qsTr("知道了")
            onActionTriggered: ctrl.clearError()
        }
    }

    footer: Rectangle {
        visible: root.stage === "setup" || root.stage === "run"
        implicitHeight: visible ? Theme.largeTarget + Theme.spacing * 2 : 0
        color: Theme.surface
        RowLayout {
            anchors.fill: parent
            anchors.margins: Theme.spacing
            spacing: Theme.spacing
            ActionButton {
                objectName: "startSelfCheckButton"
                visible: root.stage === "setup"
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: qsTr("开始自查")
                enabled: !ctrl.busy && root.templateRef.length > 0
                onClicked: ctrl.start(root.enterpriseId, "self_check", "guidance", [], [root.templateRef])
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
                text: root.current + 1 < ctrl.totalCount ? qsTr("下一项") : qsTr("完成自查")
                enabled: !ctrl.busy
                onClicked: {
                    if (root.current + 1 < ctrl.totalCount)
                        root.current = root.current + 1;
                    else
                        ctrl.finishSelfCheck();
                }
            }
        }
    }

    // ---- setup: the shipped checklists, suggested ones (the enterprise's industry) first ----
    Flickable {
        anchors.fill: parent
        visible: root.stage === "setup"
        contentHeight: setupColumn.implicitHeight + Theme.margin * 2
        clip: true
        ColumnLayout {
            id: setupColumn
            x: Theme.margin
            y: Theme.margin
            width: parent.width - Theme.margin * 2
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: qsTr("选择自查用的检查表。自查发现的隐患由本企业整改、复核并销号，检查人员同步后可以看到自查记录。")
                wrapMode: Text.WordWrap
                color: Theme.textMuted
            }
            Repeater {
                model: ctrl.templateOptions
                delegate: RadioButton {
                    id: templateChoice
                    required property var modelData
                    objectName: "selfCheckTemplate-" + templateChoice.modelData.ref
                    Layout.fillWidth: true
                    text: qsTr("%1（%2 项）").arg(templateChoice.modelData.title).arg(templateChoice.modelData.itemCount)
                    checked: root.templateRef === templateChoice.modelData.ref
                    onClicked: root.templateRef = templateChoice.modelData.ref
                }
            }
        }
    }

    InspectionRunStage {
        objectName: "selfCheckRunStage"
        anchors.fill: parent
        visible: root.stage === "run"
        controller: ctrl
        current: root.current
        item: root.item
        finishText: qsTr("完成自查")
        onJumpRequested: index => root.current = index
        onHazardRequested: itemCode => {
            root.hazardItem = itemCode;
            root.stage = "hazard";
        }
        onFinishRequested: ctrl.finishSelfCheck()
        onAddPhotoRequested: photoDialog.open()
        onTakePhotoRequested: photoDialog.open()
    }

    ColumnLayout {
        objectName: "selfCheckDone"
        anchors.fill: parent
        anchors.margins: Theme.margin
        visible: root.stage === "done"
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: qsTr("自查已完成：%1 项，发现隐患 %2 条。").arg(ctrl.totalCount).arg(ctrl.hazardCount)
            font.bold: true
            wrapMode: Text.WordWrap
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("记录保存在本机，下次同步后检查人员可以看到。发现的隐患请在“自查”中整改并销号。")
            wrapMode: Text.WordWrap
            color: Theme.textMuted
        }
        ActionButton {
            objectName: "selfCheckDoneButton"
            Layout.fillWidth: true
            text: qsTr("返回")
            onClicked: Navigator.back()
        }
        Item {
            Layout.fillHeight: true
        }
    }

    // The hazard sheet is created fresh for each hazard (pre-filled from the item).
    Loader {
        id: hazardLoader
        anchors.fill: parent
    }
    Connections {
        target: hazardLoader.item as HazardSheet
        function onSaved() {
            root.notice = qsTr("隐患已记录为自查隐患，请按期整改。");
            root.stage = "run";
        }
        function onCancelled() {
            root.stage = "run";
        }
    }
    onStageChanged: {
        if (root.stage === "hazard")
            hazardLoader.setSource(Qt.resolvedUrl("../HazardSheet.qml"), {
                "controller": ctrl,
                "itemCode": root.hazardItem
            });
        else
            hazardLoader.source = "";
    }
}
