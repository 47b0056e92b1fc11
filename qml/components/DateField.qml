pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// A date chosen by tapping, not typed: shows the date in words with how far it is from today,
/// and opens a month calendar with quick choices ("15 天后"). `date` is an ISO day
/// ("yyyy-MM-dd", "" for none); days outside minimumDate..maximumDate cannot be chosen.
Item {
    id: root

    /// The chosen day, "yyyy-MM-dd" ("" when none).
    property string date
    /// Earliest and latest day that may be chosen, "yyyy-MM-dd" ("" = no limit).
    property string minimumDate
    property string maximumDate
    /// Quick choices in days from today, e.g. [7, 15, 30, 60] for a deadline.
    property var quickDays: []
    /// The calendar popup (tests).
    readonly property alias popup: picker
    /// The month the calendar shows.
    property int shownYear: new Date().getFullYear()
    property int shownMonth: new Date().getMonth()

    /// The 42 days (ISO) the calendar shows: whole weeks from Monday around the shown month.
    readonly property list<string> monthCells: {
        const first = new Date(root.shownYear, root.shownMonth, 1, 12);
        const start = new Date(first);
        start.setDate(1 - (first.getDay() + 6) % 7);
        const out = [];
        for (let i = 0; i < 42; ++i) {
            const d = new Date(start);
            d.setDate(start.getDate() + i);
            out.push(root.isoOf(d));
        }
        return out;
    }

    /// The user chose a day.
    signal picked(string date)

    /// A local Date for an ISO day (noon, so no time zone moves it to the day before).
    function dayOf(iso: string): date {
        return new Date(iso + "T12:00:00");
    }
    function isoOf(d: date): string {
        return Qt.formatDate(d, "yyyy-MM-dd");
    }
    /// Whole days from today to `iso` (negative before today).
    function daysFromToday(iso: string): int {
        const today = new Date();
        today.setHours(12, 0, 0, 0);
        return Math.round((root.dayOf(iso).getTime() - today.getTime()) / 86400000);
    }
    function allowed(iso: string): bool {
        return (root.minimumDate.length === 0 || iso >= root.minimumDate) && (root.maximumDate.length === 0 || iso <= root.maximumDate);
    }
    /// Chooses `iso` when allowed; true when it was.
    function choose(iso: string): bool {
        if (!root.allowed(iso))
            return false;
        root.date = iso;
        root.picked(iso);
        picker.close();
        return true;
    }
    function openPicker() {
        const shown = root.date.length > 0 ? root.dayOf(root.date) : new Date();
        root.shownYear = shown.getFullYear();
        root.shownMonth = shown.getMonth();
        picker.open();
    }
    function relativeText(days: int): string {
        if (days === 0)
            return qsTr("今天");
        return days > 0 ? qsTr("%n 天后", "", days) : qsTr("%n 天前", "", -days);
    }

    implicitWidth: 240
    implicitHeight: Theme.touchTarget

    Button {
        id: field
        objectName: "dateFieldButton"
        anchors.fill: parent
        flat: true
        leftPadding: Theme.spacing
        rightPadding: Theme.spacing
        Accessible.name: field.text
        text: root.date.length === 0 ? qsTr("选择日期") : qsTr("%1（%2）").arg(Localization.formatDate(root.dayOf(root.date))).arg(root.relativeText(root.daysFromToday(root.date)))
        onClicked: root.openPicker()
        background: Rectangle {
            color: Theme.surface
            border.color: field.activeFocus ? Theme.primary : Theme.border
            radius: Theme.radius
        }
        contentItem: RowLayout {
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                text: field.text
                color: root.date.length === 0 ? Theme.textMuted : Theme.text
                font.pixelSize: Theme.fontBody
                elide: Text.ElideRight
            }
            Label {
                text: "📅"
                font.pixelSize: Theme.fontBody
                Accessible.ignored: true
            }
        }
    }

    Popup {
        id: picker
        objectName: "datePicker"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(360, (parent?.width ?? 360) - 2 * Theme.margin)
        modal: true
        padding: Theme.spacing

        ColumnLayout {
            width: picker.availableWidth
            spacing: Theme.spacing

            Flow {
                Layout.fillWidth: true
                visible: root.quickDays.length > 0
                spacing: Theme.spacing
                Repeater {
                    model: root.quickDays
                    delegate: Button {
                        id: quick
                        required property int modelData
                        readonly property string iso: {
                            const d = new Date();
                            d.setHours(12, 0, 0, 0);
                            d.setDate(d.getDate() + quick.modelData);
                            return root.isoOf(d);
                        }
                        objectName: "quickDays" + quick.modelData
                        implicitHeight: Theme.touchTarget
                        enabled: root.allowed(quick.iso)
                        highlighted: quick.iso === root.date
                        text: qsTr("%n 天后", "", quick.modelData)
                        onClicked: root.choose(quick.iso)
                    }
                }
            }

            RowLayout {
                Layout.fillWidth: true
                ToolButton {
                    objectName: "previousMonth"
                    implicitWidth: Theme.touchTarget
                    implicitHeight: Theme.touchTarget
                    text: "‹"
                    font.pixelSize: Theme.fontTitle
                    Accessible.name: qsTr("上个月")
                    onClicked: {
                        if (root.shownMonth === 0) {
                            root.shownMonth = 11;
                            --root.shownYear;
                        } else {
                            --root.shownMonth;
                        }
                    }
                }
                Label {
                    objectName: "shownMonth"
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    text: qsTr("%1年%2月").arg(root.shownYear).arg(root.shownMonth + 1)
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: Theme.text
                }
                ToolButton {
                    objectName: "nextMonth"
                    implicitWidth: Theme.touchTarget
                    implicitHeight: Theme.touchTarget
                    text: "›"
                    font.pixelSize: Theme.fontTitle
                    Accessible.name: qsTr("下个月")
                    onClicked: {
                        if (root.shownMonth === 11) {
                            root.shownMonth = 0;
                            ++root.shownYear;
                        } else {
                            ++root.shownMonth;
                        }
                    }
                }
            }

            GridLayout {
                objectName: "monthGrid"
                Layout.fillWidth: true
                columns: 7
                columnSpacing: 0
                rowSpacing: 0
                Repeater {
                    model: [qsTr("一"), qsTr("二"), qsTr("三"), qsTr("四"), qsTr("五"), qsTr("六"), qsTr("日")]
                    delegate: Label {
                        required property string modelData
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignHCenter
                        text: modelData
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                }
                Repeater {
                    model: root.monthCells
                    delegate: ItemDelegate {
                        id: dayCell
                        required property string modelData
                        readonly property bool inMonth: Number(dayCell.modelData.slice(5, 7)) === root.shownMonth + 1
                        readonly property bool choosable: dayCell.inMonth && root.allowed(dayCell.modelData)
                        readonly property bool chosen: dayCell.modelData === root.date
                        objectName: "day-" + dayCell.modelData
                        Layout.fillWidth: true
                        implicitHeight: Theme.touchTarget
                        enabled: dayCell.choosable
                        onClicked: root.choose(dayCell.modelData)
                        background: Rectangle {
                            visible: dayCell.chosen || dayCell.modelData === root.isoOf(new Date())
                            color: dayCell.chosen ? Theme.primary : "transparent"
                            border.color: Theme.primary
                            radius: height / 2
                        }
                        contentItem: Label {
                            text: Number(dayCell.modelData.slice(8, 10))
                            horizontalAlignment: Text.AlignHCenter
                            verticalAlignment: Text.AlignVCenter
                            font.pixelSize: Theme.fontBody
                            font.bold: dayCell.chosen
                            opacity: dayCell.choosable ? 1 : 0.3
                            color: dayCell.chosen ? Theme.onColor : Theme.text
                        }
                    }
                }
            }
        }
    }
}
