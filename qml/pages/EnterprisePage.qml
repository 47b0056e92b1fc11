pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// An enterprise: details, contacts, open hazards (overdue first), drafts, inspection history
/// and the inspections' documents (InspectionDocumentList); "开始检查" at the bottom. Opened over the shell, or in the tablet's detail pane.
Page {
    id: root

    /// The enterprise's credit code.
    property string enterpriseId
    /// True inside the 企业 tab's detail pane (no back button, no second sync bar).
    property bool embedded: false
    /// The enterprise's own view (企业信息): no 开始检查, inspections are read-only history.
    property bool ownEnterprise: false
    readonly property EnterpriseController controller: ctrl
    /// The enterprise record (plain map; keys as stored: name, uscc, address, …).
    readonly property var details: ctrl.details

    signal startInspection(string enterpriseId)
    signal hazardChosen(string hazardId)
    signal inspectionChosen(string inspectionId)

    onStartInspection: id => Navigator.openPage("inspection", { enterpriseId: id })
    onHazardChosen: id => Navigator.openPage("hazard", { hazardId: id })
    onInspectionChosen: id => Navigator.openPage("inspection", { inspectionId: id })

    EnterpriseController {
        id: ctrl
        store: DeviceStore
        enterpriseId: root.enterpriseId
    }

    background: Rectangle { color: Theme.background }

    header: NavHeader {
        visible: !root.embedded
        title: qsTr("企业详情")
        onBackClicked: Navigator.back()
    }

    footer: Rectangle {
        visible: !root.ownEnterprise
        implicitHeight: visible ? startButton.implicitHeight + Theme.spacing * 2 : 0
        color: Theme.surface
        ActionButton {
            id: startButton
            objectName: "startInspectionFromEnterprise"
            anchors.fill: parent
            anchors.margins: Theme.spacing
            implicitHeight: Theme.largeTarget
            text: qsTr("开始检查")
            enabled: root.enterpriseId.length > 0
            onClicked: root.startInspection(root.enterpriseId)
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
                spacing: Theme.spacing
                Label {
                    objectName: "enterpriseName"
                    Layout.fillWidth: true
                    text: root.details.name ?? ""
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    wrapMode: Text.WordWrap
                    color: Theme.text
                }
                RiskGradeBadge {
                    visible: String(root.details.risk_grade ?? "").length > 0
                    grade: root.details.risk_grade ?? "blue"
                }
            }
            Repeater {
                model: [
                    [qsTr("统一社会信用代码"), root.details.uscc],
                    [qsTr("地址"), root.details.address],
                    [qsTr("街道"), root.details.street],
                    [qsTr("行业"), Localization.industryName(root.details.industry_code ?? "")],
                    [qsTr("主要负责人"), root.details.leader],
                    [qsTr("联系人"), root.details.contact],
                    [qsTr("电话"), root.details.phone]
                ]
                delegate: RowLayout {
                    id: infoRow
                    required property var modelData
                    readonly property string value: String(infoRow.modelData[1] ?? "")
                    Layout.fillWidth: true
                    visible: infoRow.value.length > 0
                    spacing: Theme.spacing
                    Label {
                        Layout.preferredWidth: Math.min(150, column.width * 0.38)
                        text: infoRow.modelData[0]
                        color: Theme.textMuted
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        Layout.fillWidth: true
                        text: infoRow.value
                        color: Theme.text
                        wrapMode: Text.WrapAnywhere
                    }
                }
            }
            Label {
                Layout.topMargin: Theme.margin
                Layout.fillWidth: true
                text: qsTr("未销号隐患（%1）").arg(ctrl.hazards.count)
                font.bold: true
                color: Theme.text
            }
            Label {
                visible: ctrl.hazards.count === 0
                text: qsTr("没有未销号的隐患。")
                color: Theme.textMuted
            }
            Repeater {
                model: ctrl.hazards
                delegate: HazardRow {
                    id: hazardRow
                    Layout.fillWidth: true
                    onClicked: root.hazardChosen(hazardRow.hazardId)
                }
            }
            Label {
                objectName: "selfCheckHeader"
                Layout.topMargin: Theme.margin
                Layout.fillWidth: true
                text: qsTr("企业自查（%1）").arg(ctrl.selfChecks.length)
                font.bold: true
                color: Theme.text
            }
            Label {
                objectName: "noSelfChecks"
                visible: ctrl.selfChecks.length === 0
                text: qsTr("企业还没有自查记录。")
                color: Theme.textMuted
            }
            Repeater {
                model: ctrl.selfChecks
                delegate: Label {
                    id: selfCheckRow
                    required property var modelData
                    readonly property bool finished: selfCheckRow.modelData.status === InspectionStatus.Finished
                    objectName: "selfCheckRow"
                    Layout.fillWidth: true
                    topPadding: Theme.spacing / 2
                    bottomPadding: Theme.spacing / 2
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    text: qsTr("%1 · %2 · 发现隐患 %3 条，未销号 %4 条").arg(Localization.formatDate(selfCheckRow.modelData.startedAt))
                          .arg(selfCheckRow.finished ? qsTr("已完成") : qsTr("进行中"))
                          .arg(selfCheckRow.modelData.hazardCount)
                          .arg(selfCheckRow.modelData.openHazards)
                }
            }
            Label {
                objectName: "historyHeader"
                Layout.topMargin: Theme.margin
                Layout.fillWidth: true
                // An enterprise's device holds no inspector's inspection: its history is the
                // documents it received, by inspection.
                text: qsTr("检查记录（%1）").arg(root.ownEnterprise ? ctrl.receivedDocuments.length : ctrl.history.length)
                font.bold: true
                color: Theme.text
            }
            Label {
                objectName: "noHistory"
                visible: (root.ownEnterprise ? ctrl.receivedDocuments.length : ctrl.history.length) === 0
                text: root.ownEnterprise ? qsTr("还没有收到检查文书，检查结束并同步后显示在这里。") : qsTr("还没有检查记录。")
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Repeater {
                model: root.ownEnterprise ? [] : ctrl.history
                delegate: ItemDelegate {
                    id: historyRow
                    required property var modelData
                    readonly property bool draft: historyRow.modelData.status !== InspectionStatus.Finished
                    Layout.fillWidth: true
                    implicitHeight: Theme.largeTarget
                    text: qsTr("%1 · %2 · 隐患 %n 条", "", historyRow.modelData.hazardCount).arg(Localization.formatDate(historyRow.modelData.startedAt))
                          .arg(historyRow.draft ? qsTr("草稿，点此继续") : qsTr("已完成"))
                    onClicked: {
                        if (!root.ownEnterprise)
                            root.inspectionChosen(historyRow.modelData.id);
                    }
                }
            }
            Label {
                objectName: "documentsHeader"
                Layout.topMargin: Theme.margin
                Layout.fillWidth: true
                // The enterprise's own page lists its documents as its inspection history.
                visible: !root.ownEnterprise
                text: qsTr("检查文书（%1）").arg(documents.documentCount)
                font.bold: true
                color: Theme.text
            }
            Label {
                objectName: "noDocuments"
                visible: !root.ownEnterprise && documents.documentCount === 0
                text: qsTr("本机还没有这家企业的检查文书，检查结束并同步后显示在这里。")
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            InspectionDocumentList {
                id: documents
                objectName: "enterpriseDocuments"
                Layout.fillWidth: true
                groups: ctrl.receivedDocuments
            }
            Item { Layout.preferredHeight: Theme.margin }
        }
    }
}
