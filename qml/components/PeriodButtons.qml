pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.Ui

/// 本年 / 本季度 / 本月: the calendar period a supervisor's page shows. The chosen one is filled
/// in the primary colour with white text, the others outlined, so the choice reads at a glance.
RowLayout {
    id: root

    /// "year", "quarter" or "month".
    property string kind: "year"
    /// Prefix of each button's objectName ("period-" → "period-year", …).
    property string namePrefix: "period-"

    signal chosen(string kind)

    spacing: Theme.spacing / 2

    Repeater {
        model: [["year", qsTr("本年")], ["quarter", qsTr("本季度")], ["month", qsTr("本月")]]
        delegate: Button {
            id: periodButton
            required property var modelData
            objectName: root.namePrefix + periodButton.modelData[0]
            implicitHeight: Theme.touchTarget
            checkable: true
            checked: root.kind === periodButton.modelData[0]
            text: periodButton.modelData[1]
            Material.foreground: periodButton.checked ? Theme.onColor : Theme.text
            onClicked: root.chosen(periodButton.modelData[0])

            // Drawn here rather than by the style: Material's raised background needs a GPU
            // effect, and the software scene graph (offscreen pictures) leaves it out.
            background: Rectangle {
                implicitWidth: 64
                radius: Theme.radius
                color: periodButton.checked ? Theme.primary : "transparent"
                border.color: periodButton.checked ? Theme.primary : Theme.border
            }
        }
    }
}
