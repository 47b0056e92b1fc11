pragma ComponentBehavior: Bound

import QtCharts
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 概览: the district's figures for this year, quarter or month from the data on this device —
/// coverage, key enterprises not covered, plan progress, hazards found, rectification, overdue,
/// days to close and timely re-inspection — each a tile with its trend against the period
/// before; coverage by street and risk grade; the 包保 leaders. Every number opens the list
/// behind it, and every row opens its enterprise or hazard. Charts (Qt Charts): where the found
/// hazards stand, and coverage by street; a tap on a slice or bar opens its list.
/// Definitions: docs/metrics.md.
ShellPage {
    id: root

    readonly property SupervisorOverview overview: model
    readonly property var figures: model.figures
    readonly property var previous: model.previous
    /// The charts' series (tests).
    readonly property alias rectificationSeries: rectificationSeries
    readonly property alias streetSeries: streetSeries

    function percent(rate: real): string {
        return qsTr("%1%").arg(Number(rate * 100).toLocaleString(Qt.locale(), "f", 1));
    }
    /// The change against the previous period: rates in percentage points, counts as numbers.
    function trend(key: string, isRate: bool, higherIsBetter: bool): string {
        const now = Number(root.figures[key] ?? 0);
        const before = Number(root.previous[key] ?? 0);
        const delta = now - before;
        if (Math.abs(delta) < (isRate ? 0.0005 : 0.5))
            return qsTr("与上期持平");
        const arrow = delta > 0 ? "↑" : "↓";
        const amount = isRate ? qsTr("%1 个百分点").arg(Number(Math.abs(delta) * 100).toLocaleString(Qt.locale(), "f", 1)) : String(Math.abs(Math.round(delta)));
        return qsTr("比上期 %1 %2%3").arg(arrow).arg(amount).arg((delta > 0) === higherIsBetter ? "" : qsTr("（变差）"));
    }
    function openDrill(figure: string, title: string, by: string, key: string) {
        drill.title = title;
        exportDrill.reset();
        model.drillDown(figure, by, key);
        drill.open();
    }
    /// Street names for the coverage chart, in the read model's order.
    readonly property var streetNames: (root.overview.byStreet ?? []).map(s => String(s.key).length > 0 ? String(s.key) : qsTr("未登记街道"))
    /// Found hazards still within their deadline (neither verified nor overdue).
    readonly property int inTime: Math.max(0, Number(root.figures.found ?? 0) - Number(root.figures.rectified ?? 0) - Number(root.figures.overdue ?? 0))

    function gradeText(grade: string): string {
        switch (grade) {
        case "red":
            return qsTr("重大风险");
        case "orange":
            return qsTr("较大风险");
        case "yellow":
            return qsTr("一般风险");
        case "blue":
            return qsTr("低风险");
        }
        return (grade ?? "").length > 0 ? grade : qsTr("未登记");
    }

    objectName: "overviewPage"
    pageTitle: qsTr("概览")

    SupervisorOverview {
        id: model
        store: DeviceStore
        onReportExported: path => {
            exportReport.finished(path);
            if (path.length > 0)
                Navigator.openPage("document", {
                    "source": path,
                    "title": qsTr("概览报告")
                });
        }
    }

    component Tile: ItemDelegate {
        id: tile
        property string figure
        property string title
        property string value
        property string detail
        property string trendText
        property bool alarming: false
        objectName: "tile-" + tile.figure
        width: tiles.tileWidth
        implicitHeight: Math.max(120, tile.implicitContentHeight + tile.topPadding + tile.bottomPadding)
        background: Rectangle {
            radius: Theme.radius
            color: Theme.surface
            border.color: tile.alarming ? Theme.danger : Theme.border
            border.width: tile.alarming ? 2 : 1
        }
        onClicked: root.openDrill(tile.figure, tile.title, "", "")
        contentItem: ColumnLayout {
            spacing: 2
            Label {
                Layout.fillWidth: true
                text: tile.title
                color: Theme.textMuted
                wrapMode: Text.WordWrap
            }
            Label {
                objectName: "tileValue"
                Layout.fillWidth: true
                text: tile.value
                font.pixelSize: Theme.fontTitle * 1.4
                font.bold: true
                color: tile.alarming ? Theme.danger : Theme.text
            }
            Label {
                Layout.fillWidth: true
                visible: tile.detail.length > 0
                text: tile.detail
                color: Theme.text
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
            }
            Label {
                objectName: "tileTrend"
                Layout.fillWidth: true
                visible: tile.trendText.length > 0
                text: tile.trendText
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
            }
        }
    }

    component CoverageBar: ItemDelegate {
        id: bar
        required property var modelData
        property string by
        property string label
        objectName: "coverage-" + bar.by + "-" + bar.modelData.key
        Layout.fillWidth: true
        implicitHeight: Theme.touchTarget
        leftPadding: 0
        rightPadding: 0
        onClicked: root.openDrill("notCovered", qsTr("%1：未覆盖的企业").arg(bar.label), bar.by, bar.modelData.key)
        contentItem: RowLayout {
            spacing: Theme.spacing
            Label {
                Layout.preferredWidth: Math.min(140, column.width * 0.3)
                text: bar.label
                elide: Text.ElideRight
                color: Theme.text
            }
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: 16
                radius: 3
                color: Theme.neutralSurface
                Rectangle {
                    width: parent.width * Number(bar.modelData.rate ?? 0)
                    height: parent.height
                    radius: 3
                    color: Theme.primary
                }
            }
            Label {
                Layout.preferredWidth: 120
                horizontalAlignment: Text.AlignRight
                text: qsTr("%1 / %2 · %3").arg(bar.modelData.covered).arg(bar.modelData.registered).arg(root.percent(bar.modelData.rate))
                color: Theme.text
                font.pixelSize: Theme.fontSmall
            }
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + Theme.margin * 2
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: flick.width - Theme.margin * 2
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                PeriodButtons {
                    kind: model.periodKind
                    from: model.from
                    to: model.to
                    onChosen: kind => model.periodKind = kind
                    onCustomChosen: (from, to) => model.setCustomPeriod(from, to)
                }
                Label {
                    objectName: "periodLabel"
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignRight
                    text: model.from.length > 0 ? qsTr("%1 至 %2").arg(Localization.formatDate(new Date(model.from + "T12:00:00"))).arg(Localization.formatDate(new Date(model.to + "T12:00:00"))) : ""
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WordWrap
                }
            }

            ExportButton {
                id: exportReport
                name: "exportReport"
                fileTitle: qsTr("概览报告")
                Layout.fillWidth: true
                text: qsTr("导出 PDF 报告")
                suffix: "pdf"
                enabled: model.from.length > 0
                onExportRequested: path => model.exportReport(path)
            }

            Flow {
                id: tiles
                objectName: "tiles"
                readonly property int perRow: Math.max(1, Math.floor((column.width + Theme.spacing) / 260))
                readonly property real tileWidth: (column.width - (tiles.perRow - 1) * Theme.spacing) / tiles.perRow
                Layout.fillWidth: true
                spacing: Theme.spacing

                Tile {
                    figure: "covered"
                    title: qsTr("检查覆盖率")
                    value: root.percent(root.figures.coverageRate ?? 0)
                    detail: qsTr("%1 / %2 家企业已检查").arg(root.figures.covered ?? 0).arg(root.figures.enterprises ?? 0)
                    trendText: root.trend("coverageRate", true, true)
                }
                Tile {
                    figure: "keyNotCovered"
                    title: qsTr("重点企业未覆盖")
                    value: String(root.figures.keyNotCovered ?? 0)
                    detail: qsTr("重大、较大风险企业本期尚未检查")
                    alarming: Number(root.figures.keyNotCovered ?? 0) > 0
                    trendText: root.trend("keyNotCovered", false, false)
                }
                Tile {
                    figure: "plansDone"
                    title: qsTr("计划检查完成")
                    value: qsTr("%1 / %2").arg(root.figures.plansDone ?? 0).arg(root.figures.plansPlanned ?? 0)
                    detail: qsTr("待完成 %1 · 逾期 %2").arg(root.figures.plansDue ?? 0).arg(root.figures.plansOverdue ?? 0)
                    alarming: Number(root.figures.plansOverdue ?? 0) > 0
                }
                Tile {
                    figure: "found"
                    title: qsTr("发现隐患")
                    value: String(root.figures.found ?? 0)
                    detail: qsTr("其中重大隐患 %1 条").arg(root.figures.foundMajor ?? 0)
                    trendText: root.trend("found", false, false)
                }
                Tile {
                    figure: "rectified"
                    title: qsTr("整改率")
                    value: root.percent(root.figures.rectifiedRate ?? 0)
                    detail: qsTr("%1 / %2 条已销号").arg(root.figures.rectified ?? 0).arg(root.figures.found ?? 0)
                    trendText: root.trend("rectifiedRate", true, true)
                }
                Tile {
                    figure: "majorRectified"
                    title: qsTr("重大隐患整改率")
                    value: root.percent(root.figures.majorRectifiedRate ?? 0)
                    detail: qsTr("%1 / %2 条已销号").arg(root.figures.majorRectified ?? 0).arg(root.figures.foundMajor ?? 0)
                    trendText: root.trend("majorRectifiedRate", true, true)
                }
                Tile {
                    figure: "overdue"
                    title: qsTr("逾期未整改")
                    value: String(root.figures.overdue ?? 0)
                    detail: qsTr("占发现隐患的 %1").arg(root.percent(root.figures.overdueRate ?? 0))
                    alarming: Number(root.figures.overdue ?? 0) > 0
                    trendText: root.trend("overdueRate", true, false)
                }
                Tile {
                    figure: "medianDays"
                    title: qsTr("整改用时中位数")
                    value: Number(root.figures.medianDaysToClose ?? -1) < 0 ? qsTr("—") : qsTr("%1 天").arg(Number(root.figures.medianDaysToClose).toLocaleString(Qt.locale(), "f", 1))
                    detail: qsTr("从发现到销号")
                    enabled: false
                }
                Tile {
                    figure: "reinspections"
                    title: qsTr("10 天内复查")
                    value: root.percent(root.figures.reinspectionsOnTimeRate ?? 0)
                    detail: qsTr("%1 / %2 次复查").arg(root.figures.reinspectionsOnTime ?? 0).arg(root.figures.reinspections ?? 0)
                    enabled: false
                }
                Tile {
                    figure: "selfChecks"
                    title: qsTr("企业自查")
                    value: qsTr("%1 次").arg(root.figures.selfChecks ?? 0)
                    detail: qsTr("%1 家企业完成自查").arg(root.figures.selfCheckEnterprises ?? 0)
                    enabled: false
                }
            }

            Label {
                Layout.topMargin: Theme.margin
                text: qsTr("本期发现的隐患现在怎样")
                font.bold: true
                color: Theme.text
            }
            ChartView {
                id: rectificationChart
                objectName: "rectificationChart"
                Layout.fillWidth: true
                Layout.preferredHeight: 260
                visible: Number(root.figures.found ?? 0) > 0
                antialiasing: true
                backgroundColor: Theme.surface
                legend.alignment: Qt.AlignRight
                legend.font.pixelSize: Theme.fontSmall
                PieSeries {
                    id: rectificationSeries
                    objectName: "rectificationSeries"
                    size: 0.85
                    PieSlice {
                        id: rectifiedSlice
                        label: qsTr("已整改销号 %1").arg(root.figures.rectified ?? 0)
                        value: Number(root.figures.rectified ?? 0)
                        color: Theme.success
                    }
                    PieSlice {
                        id: inTimeSlice
                        label: qsTr("整改期限内 %1").arg(root.inTime)
                        value: root.inTime
                        color: Theme.statusSubmitted
                    }
                    PieSlice {
                        id: overdueSlice
                        label: qsTr("逾期未整改 %1").arg(root.figures.overdue ?? 0)
                        value: Number(root.figures.overdue ?? 0)
                        color: Theme.danger
                    }
                    onClicked: slice => {
                        if (slice === rectifiedSlice)
                            root.openDrill("rectified", qsTr("已整改销号"), "", "");
                        else if (slice === overdueSlice)
                            root.openDrill("overdue", qsTr("逾期未整改"), "", "");
                        else
                            root.openDrill("found", qsTr("发现隐患"), "", "");
                    }
                }
            }

            Label {
                Layout.topMargin: Theme.margin
                text: qsTr("各街道覆盖率")
                font.bold: true
                color: Theme.text
            }
            ChartView {
                id: streetChart
                objectName: "streetCoverageChart"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(200, root.streetNames.length * 40 + 90)
                antialiasing: true
                backgroundColor: Theme.surface
                legend.alignment: Qt.AlignBottom
                legend.font.pixelSize: Theme.fontSmall
                HorizontalStackedBarSeries {
                    id: streetSeries
                    objectName: "streetSeries"
                    labelsVisible: true
                    axisY: BarCategoryAxis {
                        categories: root.streetNames
                        labelsFont.pixelSize: Theme.fontSmall
                    }
                    BarSet {
                        id: coveredSet
                        label: qsTr("已检查")
                        color: Theme.primary
                        labelColor: Theme.onColor
                        values: (root.overview.byStreet ?? []).map(s => Number(s.covered))
                    }
                    BarSet {
                        id: notCoveredSet
                        label: qsTr("未检查")
                        color: Theme.border
                        labelColor: Theme.text
                        values: (root.overview.byStreet ?? []).map(s => Number(s.registered) - Number(s.covered))
                    }
                    onClicked: (index, barset) => {
                        const street = root.overview.byStreet[index];
                        const covered = barset === coveredSet;
                        root.openDrill(covered ? "covered" : "notCovered", (covered ? qsTr("%1：已覆盖的企业") : qsTr("%1：未覆盖的企业")).arg(root.streetNames[index]), "street", street.key);
                    }
                }
            }
            ExportButton {
                id: exportStreets
                name: "exportStreets"
                fileTitle: qsTr("各街道覆盖率")
                Layout.fillWidth: true
                onExportRequested: path => exportStreets.finished(model.exportCsv("street", path))
            }
            Label {
                Layout.topMargin: Theme.margin
                text: qsTr("按风险等级")
                font.bold: true
                color: Theme.text
            }
            Repeater {
                model: model.byRiskGrade
                delegate: CoverageBar {
                    by: "riskGrade"
                    label: root.gradeText(modelData.key)
                }
            }
            ExportButton {
                id: exportGrades
                name: "exportGrades"
                fileTitle: qsTr("按风险等级覆盖率")
                Layout.fillWidth: true
                onExportRequested: path => exportGrades.finished(model.exportCsv("riskGrade", path))
            }
            Label {
                Layout.topMargin: Theme.margin
                text: qsTr("按行业")
                font.bold: true
                color: Theme.text
            }
            Repeater {
                model: model.byIndustry
                delegate: CoverageBar {
                    by: "industry"
                    label: modelData.key.length > 0 ? Localization.industryName(modelData.key) : qsTr("未登记行业")
                }
            }
            ExportButton {
                id: exportIndustries
                name: "exportIndustries"
                fileTitle: qsTr("按行业覆盖率")
                Layout.fillWidth: true
                onExportRequested: path => exportIndustries.finished(model.exportCsv("industry", path))
            }
            Label {
                Layout.topMargin: Theme.margin
                text: qsTr("领导包保")
                font.bold: true
                color: Theme.text
            }
            Repeater {
                model: model.leaders
                delegate: RowLayout {
                    id: leaderRow
                    required property var modelData
                    objectName: "leader-" + leaderRow.modelData.leader
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Label {
                        Layout.preferredWidth: Math.min(140, column.width * 0.3)
                        text: leaderRow.modelData.leader.length > 0 ? leaderRow.modelData.leader : qsTr("未分配")
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: [qsTr("%n 家（重点 %1）", "", leaderRow.modelData.enterprises).arg(leaderRow.modelData.keyEnterprises), qsTr("已检查 %1").arg(leaderRow.modelData.covered), qsTr("重大隐患未销号 %n", "", leaderRow.modelData.openMajor), qsTr("逾期 %1").arg(leaderRow.modelData.overdue)].join(" · ")
                        color: leaderRow.modelData.overdue > 0 ? Theme.danger : Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.WordWrap
                    }
                }
            }
            ExportButton {
                id: exportLeaders
                name: "exportLeaders"
                fileTitle: qsTr("领导包保")
                Layout.fillWidth: true
                visible: model.leaders.length > 0
                onExportRequested: path => exportLeaders.finished(model.exportCsv("leaders", path))
            }
            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
                text: qsTr("统计口径见《指标定义》（docs/metrics.md）；数据来自本设备上次同步的全区数据。")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
            }
        }
    }

    Drawer {
        id: drill
        objectName: "drillDrawer"
        property string title
        edge: Qt.RightEdge
        width: Math.min(root.width, 520)
        height: root.height
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing
            RowLayout {
                Layout.fillWidth: true
                Label {
                    objectName: "drillTitle"
                    Layout.fillWidth: true
                    text: qsTr("%1（%2）").arg(drill.title).arg(model.drill.length)
                    font.bold: true
                    wrapMode: Text.WordWrap
                    color: Theme.text
                }
                Button {
                    implicitHeight: Theme.touchTarget
                    text: qsTr("关闭")
                    onClicked: drill.close()
                }
            }
            ExportButton {
                id: exportDrill
                name: "exportDrill"
                fileTitle: drill.title
                Layout.fillWidth: true
                visible: model.drill.length > 0
                onExportRequested: path => exportDrill.finished(model.exportCsv("drill", path))
            }
            ListView {
                id: drillList
                objectName: "drillList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: model.drill
                delegate: ItemDelegate {
                    id: drillRow
                    required property var modelData
                    required property int index
                    objectName: "drillRow-" + drillRow.index
                    width: drillList.width
                    implicitHeight: Math.max(Theme.touchTarget, drillRow.implicitContentHeight + drillRow.topPadding + drillRow.bottomPadding)
                    text: model.drillKind === "enterprise" ? qsTr("%1 · %2 · %3").arg(drillRow.modelData.name).arg(drillRow.modelData.street).arg(root.gradeText(drillRow.modelData.riskGrade)) : qsTr("%1 · %2").arg(drillRow.modelData.description).arg(drillRow.modelData.enterpriseName)
                    onClicked: {
                        drill.close();
                        if (model.drillKind === "enterprise")
                            Navigator.openPage("enterprise", {
                                "enterpriseId": drillRow.modelData.id
                            });
                        else
                            Navigator.openPage("hazard", {
                                "hazardId": drillRow.modelData.id
                            });
                    }
                }
            }
        }
    }
}
