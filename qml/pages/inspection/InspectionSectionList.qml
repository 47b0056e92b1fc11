pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// The inspection page's "run" stage as one scrolling list: every checklist item with its three
/// answer buttons in the row, grouped by checklist, each section with 本节全部符合 / 本节不适用
/// for its still-unanswered items. A section answer can be undone for a few seconds (the bar at
/// the bottom); the controller stores it when that time is up.
Item {
    id: root

    required property InspectionController controller
    /// Index of the highlighted item (the page's current item).
    required property int current

    /// The item at `index` is the page's current item now.
    signal currentRequested(int index)
    /// A hazard should be recorded for the failed item `itemCode`.
    signal hazardRequested(string itemCode)
    /// The item at `index` should be shown on its own screen (note, photos).
    signal itemOpened(int index)

    /// Scrolls to the item at `index` and highlights it.
    function showItem(index: int) {
        list.positionViewAtIndex(index, ListView.Beginning)
    }

    /// The progress entry of the checklist `ref` ({title, answered, total, …}), or an empty map.
    function sectionProgress(ref: string): var {
        const all = root.controller.progress
        for (let i = 0; i < all.length; ++i) {
            if (all[i].ref === ref)
                return all[i]
        }
        return ({})
    }

    ListView {
        id: list
        objectName: "sectionList"
        anchors.fill: parent
        anchors.bottomMargin: undoBar.visible ? undoBar.height : 0
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        model: root.controller.checklist
        // Each checklist's first item carries the section header (its name, count and section
        // answers) above its row.
        delegate: Column {
            id: row
            required property int index
            required property string templateRef
            required property string code
            required property string text
            required property string result
            required property string hazardId
            required property bool major
            readonly property var progress: root.sectionProgress(row.templateRef)
            objectName: "sectionRow_" + row.index
            width: ListView.view.width

            Rectangle {
                id: sectionHeader
                readonly property int open: (row.progress.total ?? 0) - (row.progress.answered ?? 0)
                objectName: "sectionHeader_" + row.templateRef
                visible: row.index === row.progress.firstIndex
                width: parent.width
                height: sectionHeader.visible ? headerColumn.implicitHeight + Theme.spacing * 2 : 0
                color: Theme.neutralSurface
                ColumnLayout {
                    id: headerColumn
                    x: Theme.margin
                    y: Theme.spacing
                    width: parent.width - Theme.margin * 2
                    spacing: Theme.spacing / 2
                    Label {
                        objectName: "sectionTitle"
                        Layout.fillWidth: true
                        text: qsTr("%1 · 已答 %2 / %3").arg(row.progress.title ?? "").arg(row.progress.answered ?? 0).arg(row.progress.total ?? 0)
                        font.bold: true
                        color: Theme.text
                        wrapMode: Text.WordWrap
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        ActionButton {
                            objectName: "sectionPassButton"
                            Layout.fillWidth: true
                            text: qsTr("本节全部符合")
                            enabled: sectionHeader.open > 0
                            fillColor: Theme.surface
                            labelColor: Theme.success
                            outlineColor: Theme.success
                            onClicked: root.controller.answerSection(row.templateRef, "pass")
                        }
                        ActionButton {
                            objectName: "sectionNaButton"
                            Layout.fillWidth: true
                            text: qsTr("本节不适用")
                            enabled: sectionHeader.open > 0
                            fillColor: Theme.surface
                            labelColor: Theme.textMuted
                            outlineColor: Theme.textMuted
                            onClicked: root.controller.answerSection(row.templateRef, "na")
                        }
                    }
                }
            }

            Rectangle {
                objectName: "itemRow"
                width: parent.width
                height: rowColumn.implicitHeight + Theme.spacing * 2
                color: row.index === root.current ? Theme.warningSurface : Theme.surface
                Rectangle {
                    width: parent.width
                    height: 1
                    anchors.bottom: parent.bottom
                    color: Theme.neutralSurface
                }
                ColumnLayout {
                    id: rowColumn
                    x: Theme.margin
                    y: Theme.spacing
                    width: parent.width - Theme.margin * 2
                    spacing: Theme.spacing / 2
                    Label {
                        objectName: "rowText"
                        Layout.fillWidth: true
                        text: qsTr("%1. %2").arg(row.index + 1).arg(row.text)
                        color: Theme.text
                        wrapMode: Text.WordWrap
                        TapHandler {
                            onTapped: root.itemOpened(row.index)
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: row.major
                        text: qsTr("不符合即构成重大事故隐患")
                        color: Theme.danger
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.WordWrap
                    }
                    PassFailNa {
                        objectName: "rowAnswerButtons"
                        Layout.fillWidth: true
                        value: row.result
                        onChosen: answer => {
                            root.currentRequested(row.index)
                            root.controller.answer(row.code, answer)
                        }
                    }
                    ActionButton {
                        objectName: "rowHazardButton"
                        Layout.fillWidth: true
                        visible: row.result === "fail"
                        text: row.hazardId.length > 0 ? qsTr("已记录隐患") : qsTr("记录隐患")
                        enabled: row.hazardId.length === 0
                        fillColor: Theme.danger
                        onClicked: {
                            root.currentRequested(row.index)
                            root.hazardRequested(row.code)
                        }
                    }
                }
            }
        }
    }

    // The section answer in its undo window: what was answered, and 撤销.
    Rectangle {
        id: undoBar
        objectName: "undoBar"
        readonly property var pending: root.controller.pendingSection
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: (undoBar.pending.count ?? 0) > 0
        implicitHeight: Theme.touchTarget + Theme.spacing * 2
        color: Theme.text
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.spacing
            spacing: Theme.spacing
            Label {
                objectName: "undoText"
                Layout.fillWidth: true
                text: undoBar.pending.result === "na"
                    ? qsTr("%1：%n 项已标为不适用", "", undoBar.pending.count ?? 0).arg(undoBar.pending.title ?? "")
                    : qsTr("%1：%n 项已标为符合", "", undoBar.pending.count ?? 0).arg(undoBar.pending.title ?? "")
                color: Theme.onColor
                wrapMode: Text.WordWrap
            }
            ActionButton {
                objectName: "undoButton"
                text: qsTr("撤销")
                fillColor: "transparent"
                labelColor: Theme.onColor
                outlineColor: Theme.onColor
                onClicked: root.controller.undoSectionAnswer()
            }
        }
    }
}
