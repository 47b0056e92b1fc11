pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 双随机: draw enterprises from the register (street filter, how many, key enterprises forced
/// in) and pair each with two badged inspectors, from a seed shown on the page so anyone can
/// re-run the draw and get the same result (docs/metrics.md). The result exports as CSV for
/// publication (一公开) and is issued as planned inspections to the drawn inspectors. Below the
/// draw, the conflicts of interest (回避) the supervisor records and withdraws: the draw never
/// pairs an inspector with an enterprise recorded here.
ShellPage {
    id: root

    readonly property RandomDraw draw: drawModel
    readonly property Recusals recusals: recusalModel
    /// Streets ticked (empty = every street).
    property var chosenStreets: []

    objectName: "drawsPage"
    pageTitle: qsTr("双随机")

    RandomDraw {
        id: drawModel
        store: DeviceStore
    }

    Recusals {
        id: recusalModel
        store: DeviceStore
        onRecorded: ok => {
            if (ok)
                recusalDialog.close();
        }
    }

    Dialog {
        id: recusalDialog
        objectName: "recusalDialog"
        /// The enterprise chosen from the search ({id, name, street}; empty: none yet).
        property var chosen: ({})

        function begin() {
            recusalDialog.chosen = {};
            enterpriseSearch.text = "";
            recusalReason.text = "";
            recusalInspector.currentIndex = -1;
            recusalDialog.open();
        }

        anchors.centerIn: parent
        width: Math.min(root.width - Theme.margin * 2, 520)
        modal: true
        title: qsTr("登记回避")

        ColumnLayout {
            width: recusalDialog.availableWidth
            spacing: Theme.spacing / 2
            Label {
                text: qsTr("检查人员")
                color: Theme.textMuted
            }
            ComboBox {
                id: recusalInspector
                objectName: "recusalInspector"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                model: recusalModel.inspectors
                textRole: "name"
                valueRole: "id"
                displayText: currentIndex < 0 ? qsTr("请选择") : currentText
            }
            Label {
                text: qsTr("企业（名称或统一社会信用代码）")
                color: Theme.textMuted
            }
            TextField {
                id: enterpriseSearch
                objectName: "recusalEnterpriseSearch"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                placeholderText: qsTr("输入企业名称查找")
                onTextEdited: recusalDialog.chosen = {}
            }
            ListView {
                id: matches
                objectName: "recusalMatches"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(contentHeight, Theme.touchTarget * 4)
                visible: matches.count > 0 && recusalDialog.chosen.id === undefined
                clip: true
                model: recusalModel.enterprisesMatching(enterpriseSearch.text, 20)
                delegate: ItemDelegate {
                    id: match
                    required property var modelData
                    required property int index
                    objectName: "recusalMatch-" + match.index
                    width: matches.width
                    text: qsTr("%1（%2）").arg(match.modelData.name).arg(match.modelData.street)
                    onClicked: {
                        recusalDialog.chosen = match.modelData;
                        enterpriseSearch.text = match.modelData.name;
                    }
                }
            }
            Label {
                text: qsTr("回避原因")
                color: Theme.textMuted
            }
            TextField {
                id: recusalReason
                objectName: "recusalReason"
                Layout.fillWidth: true
                Layout.minimumHeight: Theme.touchTarget
                maximumLength: 200
                placeholderText: qsTr("如：近亲属在该企业任职")
            }
            ErrorBanner {
                objectName: "recusalError"
                Layout.fillWidth: true
                visible: recusalModel.errorMessage.length > 0 && recusalDialog.opened
                text: recusalModel.errorMessage
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                ActionButton {
                    objectName: "recusalCancel"
                    Layout.fillWidth: true
                    text: qsTr("取消")
                    fillColor: Theme.surface
                    labelColor: Theme.primary
                    outlineColor: Theme.primary
                    onClicked: recusalDialog.close()
                }
                ActionButton {
                    objectName: "recusalSave"
                    Layout.fillWidth: true
                    text: qsTr("登记")
                    onClicked: recusalModel.record(recusalInspector.currentIndex < 0 ? "" : recusalInspector.currentValue, recusalDialog.chosen.id === undefined ? "" : recusalDialog.chosen.id, recusalReason.text)
                }
            }
        }
    }

    Dialog {
        id: withdrawDialog
        objectName: "withdrawRecusalDialog"
        property var row: ({})

        anchors.centerIn: parent
        width: Math.min(root.width - Theme.margin * 2, 480)
        modal: true
        title: qsTr("撤销回避")
        standardButtons: Dialog.Ok | Dialog.Cancel
        onAccepted: recusalModel.withdraw(withdrawDialog.row.id)

        // A wrapped label's height follows its width: inside a layout it is measured when the
        // layout polishes, not while the dialog's own height is being worked out (a label sized
        // directly to availableWidth was a binding loop on implicitHeight whenever the page's
        // width changed).
        ColumnLayout {
            width: withdrawDialog.availableWidth
            Label {
                objectName: "withdrawRecusalText"
                Layout.fillWidth: true
                text: qsTr("撤销后，%1 可以再被抽中检查 %2。撤销记录保留在服务器上。").arg(withdrawDialog.row.inspector || "").arg(withdrawDialog.row.enterprise || "")
                wrapMode: Text.WordWrap
            }
        }
    }

    Dialog {
        id: issueDialog
        objectName: "issueDialog"
        anchors.centerIn: parent
        width: Math.min(root.width - Theme.margin * 2, 480)
        modal: true
        title: qsTr("下达检查计划")
        standardButtons: Dialog.Ok | Dialog.Cancel
        onAccepted: drawModel.issuePlans()

        ColumnLayout {
            width: issueDialog.availableWidth
            Label {
                objectName: "issueText"
                Layout.fillWidth: true
                text: qsTr("将为抽中的 %n 家企业各下达一项检查计划，派给抽中的两名检查人员。他们的设备同步后，在“今日”的计划检查中看到。", "", drawModel.picks.length)
                wrapMode: Text.WordWrap
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
            width: Math.min(flick.width - Theme.margin * 2, 900)
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Label {
                    objectName: "recusalHeading"
                    Layout.fillWidth: true
                    text: qsTr("回避（%n 条）", "", recusalModel.rows.length)
                    font.bold: true
                    color: Theme.text
                }
                ActionButton {
                    objectName: "addRecusalButton"
                    text: qsTr("登记回避")
                    fillColor: Theme.surface
                    labelColor: Theme.primary
                    outlineColor: Theme.primary
                    onClicked: recusalDialog.begin()
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("与企业有利害关系的检查人员不会被抽中检查该企业。")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
            }
            Repeater {
                model: recusalModel.rows
                delegate: RowLayout {
                    id: recusalRow
                    required property var modelData
                    required property int index
                    objectName: "recusal-" + recusalRow.index
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1 回避 %2").arg(recusalRow.modelData.inspector).arg(recusalRow.modelData.enterprise)
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1 · 登记于 %2").arg(recusalRow.modelData.reason).arg(recusalRow.modelData.recordedOn)
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            elide: Text.ElideRight
                        }
                    }
                    ActionButton {
                        objectName: "withdrawRecusal-" + recusalRow.index
                        text: qsTr("撤销回避")
                        fillColor: Theme.surface
                        labelColor: Theme.danger
                        outlineColor: Theme.danger
                        onClicked: {
                            withdrawDialog.row = recusalRow.modelData;
                            withdrawDialog.open();
                        }
                    }
                }
            }
            Label {
                Layout.topMargin: Theme.margin
                text: qsTr("抽查范围（不选即全部街道）")
                color: Theme.textMuted
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                Repeater {
                    model: drawModel.streets
                    delegate: CheckBox {
                        id: streetBox
                        required property string modelData
                        objectName: "street-" + streetBox.modelData
                        text: streetBox.modelData
                        onToggled: {
                            const s = root.chosenStreets.filter(x => x !== streetBox.modelData);
                            if (streetBox.checked)
                                s.push(streetBox.modelData);
                            root.chosenStreets = s;
                        }
                    }
                }
            }
            GridLayout {
                Layout.fillWidth: true
                columns: column.width >= 600 ? 3 : 1
                columnSpacing: Theme.spacing
                ColumnLayout {
                    Label {
                        text: qsTr("抽取企业数")
                        color: Theme.textMuted
                    }
                    SpinBox {
                        id: count
                        objectName: "drawCount"
                        from: 1
                        to: 500
                        value: 10
                        editable: true
                    }
                }
                CheckBox {
                    id: forceKey
                    objectName: "forceKey"
                    text: qsTr("重大、较大风险企业必查")
                    checked: true
                }
                ColumnLayout {
                    Label {
                        text: qsTr("随机种子（公开，可复核）")
                        color: Theme.textMuted
                    }
                    TextField {
                        id: seed
                        objectName: "drawSeed"
                        Layout.fillWidth: true
                        Layout.minimumHeight: Theme.touchTarget
                        text: drawModel.newSeed()
                        inputMethodHints: Qt.ImhDigitsOnly
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                ActionButton {
                    objectName: "runDrawButton"
                    Layout.fillWidth: true
                    implicitHeight: Theme.largeTarget
                    text: qsTr("开始抽取")
                    onClicked: {
                        exported.text = "";
                        drawModel.run(root.chosenStreets, [], count.value, 0, forceKey.checked, seed.text);
                    }
                }
                ActionButton {
                    objectName: "exportDrawButton"
                    Layout.fillWidth: true
                    implicitHeight: Theme.largeTarget
                    enabled: drawModel.picks.length > 0
                    text: qsTr("导出 CSV")
                    fillColor: Theme.surface
                    labelColor: Theme.primary
                    outlineColor: Theme.primary
                    onClicked: {
                        const path = drawModel.exportCsv(ExportFolder.pathFor(qsTr("双随机抽查结果"), "csv"));
                        exported.text = path.length > 0 ? qsTr("已导出到 %1").arg(path) : qsTr("导出失败：无法写入 %1").arg(ExportFolder.folder);
                    }
                }
            }
            ActionButton {
                objectName: "issuePlansButton"
                Layout.fillWidth: true
                implicitHeight: Theme.largeTarget
                visible: drawModel.picks.length > 0
                enabled: drawModel.issuedCount === 0
                text: drawModel.issuedCount > 0 ? qsTr("已下达检查计划") : qsTr("下达检查计划")
                onClicked: issueDialog.open()
            }
            ErrorBanner {
                Layout.fillWidth: true
                visible: drawModel.errorMessage.length > 0
                text: drawModel.errorMessage
            }
            ErrorBanner {
                objectName: "issueError"
                Layout.fillWidth: true
                visible: drawModel.issueError.length > 0
                text: qsTr("有计划未能下达：%1").arg(drawModel.issueError)
            }
            Label {
                objectName: "issuedSummary"
                Layout.fillWidth: true
                visible: drawModel.issuedCount > 0
                text: qsTr("已下达 %n 项检查计划，检查人员同步后可见。", "", drawModel.issuedCount)
                color: Theme.success
                wrapMode: Text.WordWrap
            }
            Label {
                id: exported
                objectName: "exportMessage"
                Layout.fillWidth: true
                visible: text.length > 0
                color: Theme.success
            }
            Label {
                objectName: "drawSummary"
                Layout.fillWidth: true
                visible: drawModel.picks.length > 0
                text: qsTr("种子 %1：从 %2 家企业中抽取，共 %3 家（含必查）").arg(drawModel.seed).arg(drawModel.poolSize).arg(drawModel.picks.length)
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Repeater {
                model: drawModel.picks
                delegate: ItemDelegate {
                    id: pick
                    required property var modelData
                    required property int index
                    objectName: "pick-" + pick.index
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.touchTarget, pick.implicitContentHeight + pick.topPadding + pick.bottomPadding)
                    onClicked: Navigator.openPage("enterprise", {
                        "enterpriseId": pick.modelData.enterpriseId
                    })
                    contentItem: ColumnLayout {
                        spacing: 0
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1. %2%3").arg(pick.index + 1).arg(pick.modelData.name).arg(pick.modelData.forced ? qsTr("（必查）") : "")
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1 · 检查人员：%2、%3").arg(pick.modelData.street).arg(pick.modelData.inspectorA).arg(pick.modelData.inspectorB)
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            elide: Text.ElideRight
                        }
                    }
                }
            }
            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
                text: qsTr("抽取结果请导出后按程序公示。")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
            }
        }
    }
}
