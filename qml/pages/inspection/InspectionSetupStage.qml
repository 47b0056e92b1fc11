pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// The inspection page's "setup" stage: kind, mode, fellow inspectors and checklists (the ones
/// suggested for the enterprise's industry picked in advance). start() begins the inspection.
Flickable {
    id: root

    required property InspectionController controller
    required property string enterpriseId
    /// Inspection kind chosen in advance (wire value, e.g. "plan" or "random" from 今日计划).
    property string presetKind
    /// Title of the plan the new inspection carries out, if any.
    property string planTitle
    /// The chosen kind (wire value).
    readonly property string kind: kindBox.currentValue ?? ""
    /// The chosen mode: "guidance" or "enforcement".
    readonly property string mode: enforcement.checked ? "enforcement" : "guidance"
    /// Ids of the fellow inspectors ticked.
    property var inspectorIds: []
    /// Refs of the checklists ticked.
    property var templateRefs: []

    /// Starts the inspection as chosen (the controller says started() or failed()).
    function start() {
        root.controller.start(root.enterpriseId, root.kind, root.mode, root.inspectorIds, root.templateRefs);
    }

    contentHeight: setupColumn.implicitHeight + Theme.margin * 2
    clip: true
    boundsBehavior: Flickable.StopAtBounds

    Connections {
        target: root.controller
        function onOptionsChanged() {
            const picks = [];
            for (const t of root.controller.templateOptions)
                if (t.suggested)
                    picks.push(t.ref);
            root.templateRefs = picks;
        }
    }

    ColumnLayout {
        id: setupColumn
        x: Theme.margin
        y: Theme.margin
        width: root.width - Theme.margin * 2
        spacing: Theme.spacing
        Label {
            objectName: "planTitleLabel"
            Layout.fillWidth: true
            visible: root.planTitle.length > 0
            text: qsTr("执行计划：%1").arg(root.planTitle)
            color: Theme.primary
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Label {
            text: qsTr("检查类型")
            color: Theme.textMuted
        }
        ComboBox {
            id: kindBox
            objectName: "kindBox"
            Layout.fillWidth: true
            Layout.minimumHeight: Theme.touchTarget
            textRole: "text"
            valueRole: "value"
            model: Labels.inspectionKinds
            Component.onCompleted: {
                if (root.presetKind.length > 0 && kindBox.indexOfValue(root.presetKind) >= 0)
                    kindBox.currentIndex = kindBox.indexOfValue(root.presetKind);
            }
        }
        Label {
            text: qsTr("检查方式")
            color: Theme.textMuted
        }
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
                text: Labels.inspectionModeText("guidance")
                fillColor: guidance.checked ? Theme.primary : Theme.neutralSurface
                labelColor: guidance.checked ? Theme.onColor : Theme.text
            }
            ActionButton {
                id: enforcement
                objectName: "modeEnforcement"
                Layout.fillWidth: true
                checkable: true
                autoExclusive: true
                text: Labels.inspectionModeText("enforcement")
                fillColor: enforcement.checked ? Theme.primary : Theme.neutralSurface
                labelColor: enforcement.checked ? Theme.onColor : Theme.text
            }
        }
        Label {
            Layout.fillWidth: true
            visible: enforcement.checked
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            text: qsTr("执法检查需要至少两名持执法证的检查人员。")
        }
        Label {
            text: qsTr("同行检查人员")
            color: Theme.textMuted
        }
        Repeater {
            model: root.controller.inspectorOptions
            delegate: CheckBox {
                id: inspectorBox
                required property var modelData
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                visible: inspectorBox.modelData.id !== DeviceStore.userId
                text: inspectorBox.modelData.badge ? qsTr("%1（执法证 %2）").arg(inspectorBox.modelData.name).arg(inspectorBox.modelData.badge) : qsTr("%1（无执法证号）").arg(inspectorBox.modelData.name)
                onToggled: {
                    const l = root.inspectorIds.filter(i => i !== inspectorBox.modelData.id);
                    if (inspectorBox.checked)
                        l.push(inspectorBox.modelData.id);
                    root.inspectorIds = l;
                }
            }
        }
        Label {
            text: qsTr("检查表（已按行业推荐）")
            color: Theme.textMuted
        }
        Repeater {
            model: root.controller.templateOptions
            delegate: CheckBox {
                id: templateBox
                required property var modelData
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                text: qsTr("%1 · %n 项", "", templateBox.modelData.itemCount).arg(templateBox.modelData.title)
                checked: root.templateRefs.indexOf(templateBox.modelData.ref) >= 0
                onToggled: {
                    const l = root.templateRefs.filter(r => r !== templateBox.modelData.ref);
                    if (templateBox.checked)
                        l.push(templateBox.modelData.ref);
                    root.templateRefs = l;
                }
            }
        }
    }
}
