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
    readonly property color warning: "#8d4b00"
    readonly property color warningSurface: "#fff3e0"
    readonly property color dangerSurface: "#ffebee"
    readonly property color successSurface: "#e8f5e9"
    readonly property color border: "#9e9e9e"
    readonly property color neutralSurface: "#eceff1"
    readonly property color onColor: "#ffffff"

    /// Hazard status colours; always shown with their word too (StatusChip).
    readonly property color statusOpen: "#c62828"
    readonly property color statusRectifying: "#ef6c00"
    readonly property color statusSubmitted: "#1565c0"
    readonly property color statusRejected: "#6a1b9a"
    readonly property color statusVerified: "#2e7d32"
    readonly property color statusEscalated: "#4e342e"

    /// Risk-grade colours (双重预防 four-colour scheme); always shown with their word too.
    readonly property color gradeRed: "#c62828"
    readonly property color gradeOrange: "#ef6c00"
    readonly property color gradeYellow: "#f9a825"
    readonly property color gradeBlue: "#1565c0"

    readonly property int spacing: 8
    readonly property int margin: 16
    readonly property int touchTarget: 48
    readonly property int radius: 6
    readonly property int largeTarget: 56
    readonly property int thumbnail: 96
    /// Window width from which list and detail sit side by side (UX.md: ≥ 900 px).
    readonly property int wideBreakpoint: 900
    /// Widest a document page is shown at zoom 1 (DocumentViewer): a tablet shows a readable
    /// page, centred, not a page as wide as the screen.
    readonly property int documentPageWidth: 860

    readonly property int fontSmall: 13
    readonly property int fontBody: 16
    readonly property int fontTitle: 20
    readonly property int fontHeadline: 26

    function gradeColor(grade: string): color {
        switch (grade) {
        case "red":
            return gradeRed;
        case "orange":
            return gradeOrange;
        case "yellow":
            return gradeYellow;
        case "blue":
            return gradeBlue;
        }
        return textMuted;
    }
}
