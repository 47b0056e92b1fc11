import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// 我的: account, server, device, language, logout (asks once when records are unsynced), version.
ShellPage {
    id: root

    readonly property string roleLabel: {
        switch (SessionController.role) {
        case "inspector": return qsTr("检查人员")
        case "enterprise": return qsTr("企业安全员")
        case "supervisor": return qsTr("监管人员")
        case "admin": return qsTr("管理员")
        }
        return ""
    }
    /// The sentence of the logout confirmation, naming what stays on the device.
    readonly property string logoutQuestion: SyncCenter.pendingCount > 0
        ? qsTr("还有 %n 条未同步记录，退出后将保留在本机，下次登录继续上传", "", SyncCenter.pendingCount)
        : qsTr("退出后需要重新登录才能同步。本机保存的数据不会删除。")

    /// The logout confirmation (tests look at it).
    readonly property alias logoutDialog: confirmDialog

    function requestLogout() {
        confirmDialog.open()
    }

    pageTitle: qsTr("我的")

    component InfoRow: RowLayout {
        id: infoRow
        property string label
        property string value
        Layout.fillWidth: true
        Layout.minimumHeight: Theme.touchTarget
        spacing: Theme.margin
        // Both labels fill the row's height and centre their text, so a value that wrapped
        // while the page was still being laid out cannot sit higher than its label.
        Label {
            id: labelText
            text: infoRow.label
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            verticalAlignment: Text.AlignVCenter
            Layout.preferredWidth: Math.min(labelText.implicitWidth, 140)
            Layout.fillHeight: true
        }
        Label {
            text: infoRow.value
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignRight
            verticalAlignment: Text.AlignVCenter
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
    }

    component SectionTitle: Label {
        Layout.fillWidth: true
        Layout.topMargin: Theme.margin
        font.pixelSize: Theme.fontSmall + 1
        font.bold: true
        color: Theme.primary
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: Math.min(flick.width - 2 * Theme.margin, 640)
            spacing: 0

            SectionTitle { text: qsTr("账号") }
            InfoRow { objectName: "userNameRow"; label: qsTr("姓名"); value: SessionController.userName }
            InfoRow { label: qsTr("角色"); value: root.roleLabel }
            InfoRow {
                objectName: "badgeRow"
                visible: SessionController.role === "inspector" || DeviceStore.userRole === "inspector"
                label: qsTr("执法证号")
                value: DeviceStore.userBadge.length > 0 ? DeviceStore.userBadge : SessionController.badge.length > 0 ? SessionController.badge : qsTr("服务器未提供")
            }

            SectionTitle { text: qsTr("同步") }
            InfoRow { objectName: "serverRow"; label: qsTr("服务器"); value: SessionController.serverUrl }
            InfoRow { label: qsTr("本机名称"); value: SessionController.deviceName }
            InfoRow {
                label: qsTr("待上传")
                value: qsTr("%n 条", "", SyncCenter.pendingCount)
            }

            SectionTitle { text: qsTr("语言 / Language") }
            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                spacing: Theme.spacing
                Repeater {
                    model: [{ code: "zh_CN", name: "中文" }, { code: "en", name: "English" }]
                    delegate: ActionButton {
                        id: langButton
                        required property var modelData
                        readonly property bool current: Localization.language === langButton.modelData.code
                        objectName: "language-" + langButton.modelData.code
                        Layout.fillWidth: true
                        // The current language is marked by a tick and bold outline, not colour alone.
                        text: (langButton.current ? "✓ " : "") + langButton.modelData.name
                        fillColor: langButton.current ? Theme.primary : Theme.surface
                        labelColor: langButton.current ? Theme.onColor : Theme.primary
                        outlineColor: Theme.primary
                        onClicked: Localization.setLanguage(langButton.modelData.code)
                    }
                }
            }

            ActionButton {
                objectName: "logoutButton"
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin * 2
                text: qsTr("退出登录")
                fillColor: Theme.surface
                labelColor: Theme.danger
                outlineColor: Theme.danger
                onClicked: root.requestLogout()
            }
            // The server's certificate can change while signed in: the pin is reachable here too.
            ServerCertificatePanel {
                objectName: "serverCertificate"
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
            }

            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
                text: qsTr("SafeLoop 版本 %1").arg(AppInfo.version)
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }

    Dialog {
        id: confirmDialog
        objectName: "logoutDialog"
        anchors.centerIn: parent
        width: Math.min(root.width - 2 * Theme.margin, 420)
        modal: true
        title: qsTr("退出登录？")

        // The question wraps inside a layout: a wrapped Label sized straight from the dialog's
        // width feeds the dialog's implicitHeight while that is being computed (a binding loop).
        ColumnLayout {
            width: parent.width
            Label {
                objectName: "logoutQuestion"
                Layout.fillWidth: true
                text: root.logoutQuestion
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                color: Theme.text
            }
        }

        footer: RowLayout {
            spacing: Theme.spacing
            ActionButton {
                Layout.fillWidth: true
                Layout.margins: Theme.spacing
                text: qsTr("取消")
                fillColor: Theme.surface
                labelColor: Theme.primary
                outlineColor: Theme.primary
                onClicked: confirmDialog.reject()
            }
            ActionButton {
                objectName: "confirmLogoutButton"
                Layout.fillWidth: true
                Layout.margins: Theme.spacing
                text: qsTr("退出登录")
                fillColor: Theme.danger
                onClicked: {
                    confirmDialog.accept()
                    SessionController.logout()
                }
            }
        }
    }
}
