pragma Singleton

import QtQuick

/// Colours, spacing and type for every SafeLoop page: high contrast for sunlight.
QtObject {
    id: root

    readonly property color primary: "#0d47a1"
    readonly property color accent: "#e65100"
    readonly property color background: "#fafafa"
    readonly property color surface: "#ffffff"
    readonly property color text: "#1a1a1a"
    readonly property color textMuted: "#4a4a4a"
    readonly property color danger: "#b71c1c"
    readonly property color success: "#1b5e20"

    /// Risk-grade colours (双重预防 four-colour scheme); always shown with their word too.
    readonly property color gradeRed: "#c62828"
    readonly property color gradeOrange: "#ef6c00"
    readonly property color gradeYellow: "#f9a825"
    readonly property color gradeBlue: "#1565c0"

    readonly property int spacing: 8
    readonly property int margin: 16
    readonly property int touchTarget: 48
    readonly property int radius: 6

    readonly property int fontSmall: 13
    readonly property int fontBody: 16
    readonly property int fontTitle: 20
    readonly property int fontHeadline: 26

    function gradeColor(grade: string): color {
        switch (grade) {
        case "red": return gradeRed
        case "orange": return gradeOrange
        case "yellow": return gradeYellow
        case "blue": return gradeBlue
        }
        return textMuted
    }
}
