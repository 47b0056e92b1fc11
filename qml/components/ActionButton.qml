import QtQuick
import QtQuick.Controls.Material
import SafeLoop.Ui

/// A large labelled button with a flat, high-contrast background: readable in sunlight and
/// identical on every renderer (Material's shadow effects vanish in offscreen renders).
Button {
    id: root

    /// Background colour; use "transparent" with an outline for secondary actions.
    property color fillColor: Theme.primary
    /// Label colour.
    property color labelColor: Theme.onColor
    /// Outline colour; transparent means no outline.
    property color outlineColor: "transparent"

    implicitHeight: Theme.touchTarget
    implicitWidth: Math.max(Theme.touchTarget * 2, implicitContentWidth + 2 * Theme.margin)
    topInset: 0
    bottomInset: 0
    leftPadding: Theme.spacing
    rightPadding: Theme.spacing
    font.pixelSize: Theme.fontBody
    font.bold: true
    // Material upper-cases button text; SafeLoop keeps sentence case in every language.
    font.capitalization: Font.MixedCase

    contentItem: Text {
        text: root.text
        font: root.font
        color: root.enabled ? root.labelColor : Theme.textMuted
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: Theme.radius
        color: !root.enabled ? Theme.neutralSurface
            : root.down ? Qt.darker(root.fillColor, 1.25) : root.fillColor
        border.color: root.enabled ? root.outlineColor : Theme.border
        border.width: root.outlineColor.a > 0 ? 2 : 0
    }
}
