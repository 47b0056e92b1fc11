pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.Ui

/// 本年 / 本季度 / 本月 / 自定义: the period a supervisor's page shows. The chosen one is filled in
/// the primary colour with white text, the others outlined, so the choice reads at a glance.
/// 自定义 opens two calendars (first and last day, none after today) and gives the days.
RowLayout {
    id: root

    /// "year", "quarter", "month" or "custom".
    property string kind: "year"
    /// The shown period's first and last day (ISO), the custom calendars' starting days.
    property string from
    property string to
    /// Prefix of each button's objectName ("period-" → "period-year", …, "period-custom").
    property string namePrefix: "period-"
    /// The custom period's popup (tests).
    readonly property alias customPopup: custom

    signal chosen(string kind)
    signal customChosen(string from, string to)

    spacing: Theme.spacing / 2

    Repeater {
        model: [["year", qsTr("本年")], ["quarter", qsTr("本季度")], ["month", qsTr("本月")], ["custom", qsTr("自定义")]]
        delegate: Button {
            id: periodButton
            required property var modelData
            objectName: root.namePrefix + periodButton.modelData[0]
            implicitHeight: Theme.touchTarget
            checkable: true
            checked: root.kind === periodButton.modelData[0]
            text: periodButton.modelData[1]
            Material.foreground: periodButton.checked ? Theme.onColor : Theme.text
            onClicked: {
                // A click toggles a checkable button; the choice is the page's to make.
                periodButton.checked = Qt.binding(() => root.kind === periodButton.modelData[0]);
                if (periodButton.modelData[0] === "custom")
                    custom.open();
                else
                    root.chosen(periodButton.modelData[0]);
            }

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

    Popup {
        id: custom
        objectName: root.namePrefix + "customPopup"
        modal: true
        padding: Theme.margin
        x: 0
        y: root.height
        width: Math.min(360, root.Window.width - Theme.margin * 2)
        onAboutToShow: {
            fromField.date = root.from;
            toField.date = root.to;
        }

        ColumnLayout {
            anchors.left: parent.left
            anchors.right: parent.right
            spacing: Theme.spacing
            Label {
                text: qsTr("第一天")
                color: Theme.textMuted
            }
            DateField {
                id: fromField
                objectName: root.namePrefix + "customFrom"
                Layout.fillWidth: true
                maximumDate: toField.date.length > 0 ? toField.date : Qt.formatDate(new Date(), "yyyy-MM-dd")
            }
            Label {
                text: qsTr("最后一天")
                color: Theme.textMuted
            }
            DateField {
                id: toField
                objectName: root.namePrefix + "customTo"
                Layout.fillWidth: true
                minimumDate: fromField.date
                maximumDate: Qt.formatDate(new Date(), "yyyy-MM-dd")
            }
            RowLayout {
                Layout.fillWidth: true
                Item {
                    Layout.fillWidth: true
                }
                Button {
                    text: qsTr("取消")
                    flat: true
                    onClicked: custom.close()
                }
                Button {
                    objectName: root.namePrefix + "customApply"
                    text: qsTr("查看")
                    enabled: fromField.date.length > 0 && toField.date.length > 0 && fromField.date <= toField.date
                    onClicked: {
                        custom.close();
                        root.customChosen(fromField.date, toField.date);
                    }
                }
            }
        }
    }
}
