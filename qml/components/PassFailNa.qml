pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import SafeLoop.Ui

/// Three large buttons for a checklist answer: 符合 / 不符合 / 不适用 (never a drop-down).
Item {
    id: root

    /// "pass", "fail", "na" or "" (not answered yet). Bind it to the item's stored result: the
    /// selector never assigns it itself, so the binding holds when the page moves to the next
    /// item (an assignment would break it and the next item would show this one's answer).
    property string value

    /// The user picked an answer; the owner stores it, and `value` follows through its binding.
    signal chosen(string answer)

    function choose(answer: string) {
        root.chosen(answer)
    }

    implicitWidth: 360
    implicitHeight: Theme.largeTarget

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Repeater {
            model: [
                { answer: "pass", label: qsTr("符合"), colour: Theme.success },
                { answer: "fail", label: qsTr("不符合"), colour: Theme.danger },
                { answer: "na", label: qsTr("不适用"), colour: Theme.textMuted }
            ]
            delegate: ActionButton {
                id: answerButton
                required property var modelData
                readonly property bool selected: root.value === answerButton.modelData.answer
                objectName: "answer_" + answerButton.modelData.answer
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.largeTarget
                text: (answerButton.selected ? "✓ " : "") + answerButton.modelData.label
                fillColor: answerButton.selected ? answerButton.modelData.colour : Theme.surface
                labelColor: answerButton.selected ? Theme.onColor : answerButton.modelData.colour
                outlineColor: answerButton.modelData.colour
                Accessible.checked: answerButton.selected
                onClicked: root.choose(answerButton.modelData.answer)
            }
        }
    }
}
