pragma Singleton
import QtQuick

/// Words for wire values that more than one page shows (inspection kinds and modes), kept in
/// one place so that every page says the same.
QtObject {
    id: root

    /// The inspection kinds an inspector can start, in the order the setup offers them:
    /// [{value (wire), text}].
    readonly property var inspectionKinds: [{
            "value": "plan",
            "text": qsTr("计划检查")
        }, {
            "value": "random",
            "text": qsTr("双随机抽查")
        }, {
            "value": "baobao",
            "text": qsTr("包保走访")
        }, {
            "value": "complaint",
            "text": qsTr("举报投诉核查")
        }, {
            "value": "campaign",
            "text": qsTr("专项检查")
        }, {
            "value": "reinspection",
            "text": qsTr("整改复查")
        }]

    /// The words for an inspection kind (wire value); the value itself when unknown.
    function inspectionKindText(kind: string): string {
        for (const k of root.inspectionKinds)
            if (k.value === kind)
                return k.text;
        return kind;
    }

    /// The words for an inspection mode: "guidance" (指导服务) or "enforcement" (执法检查).
    function inspectionModeText(mode: string): string {
        switch (mode) {
        case "guidance":
            return qsTr("指导服务");
        case "enforcement":
            return qsTr("执法检查");
        }
        return mode;
    }
}
