import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// The inspection page's "finish" stage: the enterprise's and the inspector's signatures, or
/// the enterprise's refusal to sign; in an enforcement inspection (执法检查) the second
/// inspector picks themself from the inspection's team and signs on the same device.
/// signatures() saves what was drawn for InspectionController.finish.
Flickable {
    id: root

    required property InspectionController controller
    /// The inspected enterprise (plain map: name, leader, …).
    required property var enterprise
    /// What the enterprise's refusal to sign was (empty when it signed).
    readonly property alias refusalNote: refusal.text

    /// True for an enforcement inspection: two inspectors sign.
    readonly property bool enforcement: root.controller.mode === "enforcement"
    /// The inspection's other inspectors ({id, name, badge}), one of whom signs second.
    readonly property var coInspectors: root.team.filter(t => t.id !== DeviceStore.userId)
    /// The inspection's inspectors ({id, name, badge}) as a JavaScript array.
    readonly property var team: root.controller.team
    /// The row of coInspectors the second inspector picked (-1 until they pick: nobody is
    /// preselected, they choose themself).
    property int coInspectorIndex: -1
    /// The second inspector as picked ({id, name, badge}; undefined until picked).
    readonly property var coInspector: root.coInspectorIndex >= 0 ? root.coInspectors[root.coInspectorIndex] : undefined

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
                    "inspectorId": DeviceStore.userId,
                    "path": inspectorSignature.targetPath
                });
        if (root.enforcement && root.coInspector !== undefined && root.saveSignature(coInspectorSignature))
            out.push({
                    "signer": root.coInspector.name,
                    "role": "inspector",
                    "inspectorId": root.coInspector.id,
                    "path": coInspectorSignature.targetPath
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
            text: qsTr("已答 %1 / %2 项，发现隐患 %n 条。", "", root.controller.hazardCount).arg(root.controller.answeredCount).arg(root.controller.totalCount)
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
        Label {
            visible: root.enforcement
            Layout.fillWidth: true
            text: qsTr("执法检查由两名检查人员签名。第二名检查人员请选择本人姓名后签名：")
            wrapMode: Text.WordWrap
            color: Theme.textMuted
        }
        ComboBox {
            id: coInspectorPicker
            objectName: "coInspectorPicker"
            visible: root.enforcement
            Layout.fillWidth: true
            Layout.minimumHeight: Theme.touchTarget
            model: root.coInspectors.map(t => t.badge ? qsTr("%1（执法证 %2）").arg(t.name).arg(t.badge) : t.name)
            displayText: root.coInspectorIndex < 0 ? qsTr("选择第二名检查人员（本人）") : coInspectorPicker.textAt(root.coInspectorIndex)
            onActivated: index => root.coInspectorIndex = index
        }
        SignatureBox {
            id: coInspectorSignature
            objectName: "coInspectorSignature"
            visible: root.enforcement
            enabled: root.coInspector !== undefined
            Layout.fillWidth: true
            Layout.preferredHeight: 240
            signerLabel: root.coInspector !== undefined ? qsTr("检查人员签名：%1（执法证 %2）").arg(root.coInspector.name).arg(root.coInspector.badge) : qsTr("检查人员签名：请先选择姓名")
            targetPath: DeviceStore.documentsPath + "/" + root.controller.inspectionId + "-inspector2.png"
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
