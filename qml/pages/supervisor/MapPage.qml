pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 地图: every enterprise of the district where it is — covered this period (circle), not
/// covered (square), an open major hazard (triangle) — drawn from the district data on the
/// device, with no map tiles, so it works offline. Street outlines are the hull of each
/// street's enterprises. Drag to pan, pinch, scroll or use the buttons to zoom; a tap on a
/// marker opens the enterprise.
ShellPage {
    id: root

    readonly property CoverageMap map: coverage

    objectName: "mapPage"
    pageTitle: qsTr("地图")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            PeriodButtons {
                namePrefix: "mapPeriod-"
                kind: coverage.periodKind
                onChosen: kind => coverage.periodKind = kind
                onCustomChosen: (from, to) => coverage.setCustomPeriod(from, to)
            }
            Item {
                Layout.fillWidth: true
            }
            ToolButton {
                objectName: "zoomIn"
                text: "+"
                font.pixelSize: Theme.fontTitle
                Accessible.name: qsTr("放大")
                onClicked: coverage.zoomAt(1.5, coverage.width / 2, coverage.height / 2)
            }
            ToolButton {
                objectName: "zoomOut"
                text: "−"
                font.pixelSize: Theme.fontTitle
                Accessible.name: qsTr("缩小")
                enabled: coverage.zoom > 1
                onClicked: coverage.zoomAt(1 / 1.5, coverage.width / 2, coverage.height / 2)
            }
            ToolButton {
                objectName: "zoomReset"
                text: qsTr("全区")
                enabled: coverage.zoom > 1
                onClicked: coverage.resetView()
            }
        }

        // The legend: shape and colour together, with the count of each.
        Flow {
            objectName: "mapLegend"
            Layout.fillWidth: true
            spacing: Theme.spacing * 2
            Row {
                spacing: 6
                Rectangle {
                    width: 12
                    height: 12
                    radius: 6
                    anchors.verticalCenter: parent.verticalCenter
                    color: coverage.coveredColor
                }
                Label {
                    objectName: "legendCovered"
                    text: qsTr("已检查 %1").arg(coverage.coveredCount)
                }
            }
            Row {
                spacing: 6
                Rectangle {
                    width: 12
                    height: 12
                    anchors.verticalCenter: parent.verticalCenter
                    color: coverage.notCoveredColor
                }
                Label {
                    objectName: "legendNotCovered"
                    text: qsTr("未检查 %1").arg(coverage.notCoveredCount)
                }
            }
            Row {
                spacing: 6
                Label {
                    text: "▲"
                    color: coverage.openMajorColor
                }
                Label {
                    objectName: "legendOpenMajor"
                    text: qsTr("有重大隐患未销号 %1").arg(coverage.openMajorCount)
                }
            }
            Label {
                objectName: "legendUnlocated"
                visible: coverage.unlocatedCount > 0
                text: qsTr("%n 家企业没有坐标，未在图上", "", coverage.unlocatedCount)
                color: Theme.warning
            }
        }

        ExportButton {
            id: exportMap
            name: "exportMap"
            fileTitle: qsTr("地图企业")
            Layout.fillWidth: true
            visible: coverage.coveredCount + coverage.notCoveredCount + coverage.openMajorCount > 0
            onExportRequested: path => exportMap.finished(coverage.exportCsv(path))
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.surface
            border.color: Theme.border
            clip: true

            CoverageMap {
                id: coverage
                objectName: "coverageMap"
                anchors.fill: parent
                store: DeviceStore
                markerSize: 11
                coveredColor: Theme.statusVerified
                notCoveredColor: Theme.textMuted
                openMajorColor: Theme.statusOpen
                outlineColor: Theme.border

                Repeater {
                    model: coverage.streetLabels
                    delegate: Label {
                        id: streetLabel
                        required property var modelData
                        x: streetLabel.modelData.x - streetLabel.width / 2
                        y: streetLabel.modelData.y - streetLabel.height / 2
                        text: streetLabel.modelData.name
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                }

                // Two fingers zoom; one finger (or the mouse) drags and taps; the wheel zooms.
                PinchArea {
                    anchors.fill: parent
                    onPinchUpdated: pinch => coverage.zoomAt(pinch.scale / pinch.previousScale, pinch.center.x, pinch.center.y)

                    MouseArea {
                        id: pointer
                        property point last
                        property bool dragged: false

                        anchors.fill: parent
                        onPressed: mouse => {
                            pointer.last = Qt.point(mouse.x, mouse.y);
                            pointer.dragged = false;
                        }
                        onPositionChanged: mouse => {
                            const dx = mouse.x - pointer.last.x, dy = mouse.y - pointer.last.y;
                            if (!pointer.dragged && Math.abs(dx) + Math.abs(dy) < 6)
                                return;
                            pointer.dragged = true;
                            coverage.panBy(dx, dy);
                            pointer.last = Qt.point(mouse.x, mouse.y);
                        }
                        onClicked: mouse => {
                            if (pointer.dragged)
                                return;
                            const id = coverage.enterpriseAt(mouse.x, mouse.y);
                            if (id.length > 0)
                                Navigator.openPage("enterprise", {
                                    "enterpriseId": id
                                });
                        }
                        onWheel: wheel => coverage.zoomAt(wheel.angleDelta.y > 0 ? 1.25 : 0.8, wheel.x, wheel.y)
                    }
                }
            }

            EmptyState {
                anchors.fill: parent
                visible: coverage.coveredCount + coverage.notCoveredCount + coverage.openMajorCount === 0
                title: qsTr("还没有可显示的企业")
                text: coverage.unlocatedCount > 0 ? qsTr("本机的企业都没有坐标。") : qsTr("同步后，辖区企业会显示在这里。")
            }
        }

        Label {
            Layout.fillWidth: true
            text: qsTr("点按企业标记查看企业；拖动平移，双指或滚轮缩放。街道轮廓为该街道企业所围范围。")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
        }
    }
}
