pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 检查员: each inspector's workload this year, quarter or month — finished inspections, hazards
/// found and per inspection, documents issued and how many records are complete (two
/// inspectors, signatures or a recorded refusal, legal basis per finding; docs/metrics.md).
ShellPage {
    id: root

    readonly property SupervisorOverview overview: model

    objectName: "inspectorsPage"
    pageTitle: qsTr("检查员")

    SupervisorOverview {
        id: model
        store: DeviceStore
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing / 2
            Repeater {
                model: [["year", qsTr("本年")], ["quarter", qsTr("本季度")], ["month", qsTr("本月")]]
                delegate: Button {
                    id: periodButton
                    required property var modelData
                    objectName: "inspectorsPeriod-" + periodButton.modelData[0]
                    implicitHeight: Theme.touchTarget
                    checkable: true
                    checked: model.periodKind === periodButton.modelData[0]
                    highlighted: periodButton.checked
                    text: periodButton.modelData[1]
                    onClicked: model.periodKind = periodButton.modelData[0]
                }
            }
        }
        ExportButton {
            id: exportInspectors
            name: "exportInspectors"
            fileTitle: qsTr("检查员工作量")
            Layout.fillWidth: true
            visible: model.inspectors.length > 0
            onExportRequested: path => exportInspectors.finished(model.exportCsv("inspectors", path))
        }
        EmptyState {
            Layout.fillWidth: true
            visible: model.inspectors.length === 0
            title: qsTr("本期还没有完成的检查")
            text: qsTr("检查员完成检查并同步后，这里列出每人的检查次数、发现隐患和文书完整率。")
        }
        ListView {
            id: list
            objectName: "inspectorList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: model.inspectors
            delegate: Rectangle {
                id: inspector
                required property var modelData
                required property int index
                objectName: "inspector-" + inspector.index
                width: list.width
                implicitHeight: inspectorColumn.implicitHeight + Theme.spacing * 2
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius
                ColumnLayout {
                    id: inspectorColumn
                    x: Theme.spacing
                    y: Theme.spacing
                    width: parent.width - 2 * Theme.spacing
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: inspector.modelData.name
                        font.bold: true
                        color: Theme.text
                    }
                    Label {
                        Layout.fillWidth: true
                        text: [qsTr("检查 %n 次", "", inspector.modelData.inspections), qsTr("发现隐患 %n 条（每次 %1）", "", inspector.modelData.hazards).arg(Number(inspector.modelData.perInspection).toLocaleString(Qt.locale(), "f", 1)), qsTr("文书 %n 份", "", inspector.modelData.documents), qsTr("记录完整率 %1%").arg(Math.round(inspector.modelData.complete * 100))].join(" · ")
                        color: inspector.modelData.complete < 1 ? Theme.warning : Theme.textMuted
                        wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }
}
