import QtQuick
import SafeLoop.Ui

/// An enterprise's risk grade as colour and word (重大/较大/一般/低): colour is never the only signal.
Rectangle {
    id: root

    /// One of "red", "orange", "yellow", "blue".
    property string grade
    /// The word shown for the grade.
    readonly property string label: {
        switch (root.grade) {
        case "red":
            return qsTr("重大");
        case "orange":
            return qsTr("较大");
        case "yellow":
            return qsTr("一般");
        case "blue":
            return qsTr("低");
        }
        return qsTr("未评级");
    }

    implicitWidth: labelText.implicitWidth + 2 * Theme.spacing
    implicitHeight: labelText.implicitHeight + Theme.spacing
    radius: Theme.radius
    color: Theme.gradeColor(root.grade)

    Text {
        id: labelText
        anchors.centerIn: parent
        text: root.label
        // Yellow needs dark text to keep contrast in sunlight.
        color: root.grade === "yellow" ? Theme.text : "white"
        font.pixelSize: Theme.fontSmall
        font.bold: true
    }
}
