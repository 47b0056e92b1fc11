import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// The inspection page's "finish" stage: the enterprise's and the inspector's signatures, or
/// the enterprise's refusal to sign. signatures() saves what was drawn for
/// InspectionController.finish.
Flickable {
    id: root

    required property InspectionController controller
    /// The inspected enterprise (plain map: name, leader, …).
    required property var enterprise
    /// What the enterprise's refusal to sign was (empty when it signed).
    readonly property alias refusalNote: refusal.text

    /// Back to the checklist.
    signal backRequested

    /// Saves the drawn signatures to PNG files: [{signer, role ("enterprise" | "inspector"),
    /// path}] for InspectionController.finish; an empty box is left out.
    function signatures(): var {
        const out = [];
        if (root.saveSignature(enterpriseSignature))
            out.push({
                    "signer": root.enterprise.leader ?? "",
                    "role": "enterprise",
                    "path": enterpriseSignature.targetPath
                });
        if (root.saveSignature(inspectorSignature))
            out.push({
                    "signer": DeviceStore.userName,
                    "role": "inspector",
                    "path": inspectorSignature.targetPath
                });
        return out;
    }

    /// Writes a drawn signature to its PNG; false when nothing was drawn or saving failed.
    function saveSignature(box: SignatureBox): bool {
        if (box.isEmpty)
            return false;
        const result = Object.assign({}, box.pad.savePng(box.targetPath));
        return result.ok === true;
    }

    contentHeight: finishColumn.implicitHeight + Theme.margin * 2
    clip: true
    boundsBehavior: Flickable.StopAtBounds

    ColumnLayout {
        id: finishColumn
        x: Theme.margin
        y: Theme.margin
        width: root.width - Theme.margin * 2
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: qsTr("已答 %1 / %2 项，发现隐患 %3 条。").arg(root.controller.answeredCount).arg(root.controller.totalCount).arg(root.controller.hazardCount)
            wrapMode: Text.WordWrap
            color: Theme.text
        }
        SignatureBox {
            id: enterpriseSignature
            objectName: "enterpriseSignature"
            Layout.fillWidth: true
            Layout.preferredHeight: 240
            signerLabel: qsTr("企业负责人签名：%1").arg(root.enterprise.leader ?? "")
            targetPath: DeviceStore.documentsPath + "/" + root.controller.inspectionId + "-enterprise.png"
        }
        SignatureBox {
            id: inspectorSignature
            objectName: "inspectorSignature"
            Layout.fillWidth: true
            Layout.preferredHeight: 240
            signerLabel: qsTr("检查人员签名：%1").arg(DeviceStore.userName)
            targetPath: DeviceStore.documentsPath + "/" + root.controller.inspectionId + "-inspector.png"
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
            onClicked: root.backRequested()
        }
    }
}
