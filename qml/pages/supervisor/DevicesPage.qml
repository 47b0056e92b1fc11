pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 设备: every device of the district as the server last heard it — who uses it, app version,
/// last successful sync, what it still has to send. Devices silent for more than 3 days come
/// first, marked in red with the words, so the supervisor can call the person. A device's sync
/// error is worded in the supervisor's language from the reason code it reports (the words its
/// own user sees, Labels.syncReasonText), the device's raw detail below it in small type.
ShellPage {
    id: root

    readonly property DeviceHealthModel devices: health

    objectName: "devicesPage"
    pageTitle: qsTr("设备")

    DeviceHealthModel {
        id: health
        store: DeviceStore
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        Label {
            objectName: "devicesSummary"
            Layout.fillWidth: true
            visible: health.count > 0
            text: qsTr("共 %n 台设备，", "", health.count) + qsTr("%n 台超过 3 天未同步", "", health.silentCount)
            color: health.silentCount > 0 ? Theme.danger : Theme.textMuted
            font.bold: health.silentCount > 0
            wrapMode: Text.WordWrap
        }
        ExportButton {
            id: exportDevices
            name: "exportDevices"
            fileTitle: qsTr("设备列表")
            Layout.fillWidth: true
            onExportRequested: path => exportDevices.finished(health.exportCsv(path))
        }
        EmptyState {
            Layout.fillWidth: true
            visible: health.count === 0
            title: qsTr("还没有设备信息")
            text: qsTr("同步后，这里列出全区每台设备的最近同步时间和待上传数量。")
        }
        ListView {
            id: list
            objectName: "deviceList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: health
            delegate: Rectangle {
                id: device
                required property int index
                required property string userName
                required property string appVersion
                required property var lastSuccess
                required property int daysSilent
                required property bool silent
                required property int pendingMutations
                required property int pendingBlobs
                required property string lastError
                required property string lastErrorCode
                /// The raw detail shown in full (tapped) rather than cut to two lines.
                property bool detailExpanded: false
                objectName: "device-" + device.index
                width: list.width
                implicitHeight: deviceColumn.implicitHeight + Theme.spacing * 2
                color: device.silent ? Theme.dangerSurface : Theme.surface
                border.color: device.silent ? Theme.danger : Theme.border
                radius: Theme.radius
                ColumnLayout {
                    id: deviceColumn
                    x: Theme.spacing
                    y: Theme.spacing
                    width: parent.width - 2 * Theme.spacing
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 · 版本 %2").arg(device.userName).arg(device.appVersion.length > 0 ? device.appVersion : qsTr("未知"))
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    Label {
                        objectName: "lastSync"
                        Layout.fillWidth: true
                        text: device.daysSilent < 0 ? qsTr("⚠ 从未成功同步") : device.silent ? qsTr("⚠ %n 天未同步（最近一次 %1）", "", device.daysSilent).arg(Localization.formatDateTime(device.lastSuccess)) : qsTr("最近同步 %1").arg(Localization.formatDateTime(device.lastSuccess))
                        color: device.silent ? Theme.danger : Theme.text
                        font.bold: device.silent
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("待上传：%n 条记录，", "", device.pendingMutations) + qsTr("%n 张照片", "", device.pendingBlobs)
                        color: device.pendingMutations + device.pendingBlobs > 0 ? Theme.warning : Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                    Label {
                        objectName: "syncError"
                        Layout.fillWidth: true
                        visible: device.lastError.length > 0 || device.lastErrorCode.length > 0
                        // Apps that report no code: the fact, and the detail below as sent.
                        text: device.lastErrorCode.length > 0 ? qsTr("⚠ 同步出错，该设备提示：“%1”").arg(Labels.syncReasonText(device.lastErrorCode, "", 0)) : qsTr("⚠ 同步出错（该设备的应用版本未说明原因，详情见下）")
                        color: Theme.danger
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        objectName: "syncErrorDetail"
                        Layout.fillWidth: true
                        visible: device.lastError.length > 0
                        text: qsTr("详情：%1").arg(device.lastError)
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.WrapAnywhere
                        maximumLineCount: device.detailExpanded ? 1000 : 2
                        elide: Text.ElideRight
                        TapHandler {
                            onTapped: device.detailExpanded = !device.detailExpanded
                        }
                    }
                }
            }
        }
    }
}
