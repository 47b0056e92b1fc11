pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// Login: server address, user name, password and this device's name; errors in plain words.
Page {
    id: root

    /// The login error in plain words for SessionController.errorCode ("" when none).
    readonly property string errorText: {
        const wait = SessionController.retryAfterSeconds
        switch (SessionController.errorCode) {
        case "": return ""
        case "invalid_credentials": return qsTr("用户名或密码错误，请重新输入。")
        case "missing_credentials": return qsTr("请填写用户名和密码。")
        case "offline": return qsTr("连接不上服务器。请检查网络和服务器地址，稍后再试。")
        case "rate_limited":
            return wait >= 60
                ? qsTr("尝试次数过多，请 %n 分钟后再试。", "", Math.ceil(wait / 60))
                : qsTr("尝试次数过多，请 %n 秒后再试。", "", wait)
        case "busy": return qsTr("服务器繁忙，请 %n 秒后再试。", "", wait)
        case "account_disabled": return qsTr("这个账号已停用，请联系管理员。")
        case "server_too_old": return qsTr("服务器版本太旧，无法登录。请联系管理员升级服务器。")
        case "client_too_old": return qsTr("应用版本太旧，请先更新应用再登录。")
        case "invalid_server": return qsTr("请填写正确的服务器地址，例如 http://192.168.1.10:8470")
        case "insecure_server":
        case "certificate_untrusted":
        case "certificate_wrong_host":
        case "certificate_expired":
            return Labels.refusalText(SessionController.errorCode)
        case "server_changed":
            return qsTr("服务器地址已更改，请重新登录。尚未同步的记录仍保存在这台设备上，用同一账号登录后会继续同步。")
        }
        return qsTr("登录没有成功，请稍后再试。")
    }

    /// A role's name for a person choosing an account.
    function roleName(role: string): string {
        switch (role) {
        case "inspector": return qsTr("检查人员")
        case "enterprise": return qsTr("企业安全员")
        case "supervisor": return qsTr("监管人员")
        }
        return role
    }

    function submit() {
        SessionController.serverUrl = serverField.text
        SessionController.deviceName = deviceField.text
        SessionController.login(userField.text, passwordField.text)
    }

    objectName: "loginPage"
    background: Rectangle { color: Theme.background }
    // The user name first (the password when the name is remembered), not the server address.
    Component.onCompleted: (userField.text.length > 0 ? passwordField : userField).forceActiveFocus()

    Connections {
        target: SessionController
        function onLoginFinished(ok: bool) {
            if (ok)
                passwordField.clear()
            // The words point at the certificate part: open it.
            if (SessionController.errorCode === "certificate_untrusted")
                certificatePanel.expanded = true
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: Math.max(column.implicitHeight + 2 * Theme.margin, flick.height)
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            anchors.horizontalCenter: parent.horizontalCenter
            y: Math.max(Theme.margin, (flick.height - column.implicitHeight) / 3)
            width: Math.min(flick.width - 2 * Theme.margin, 440)
            spacing: Theme.spacing

            Label {
                Layout.fillWidth: true
                text: qsTr("安全巡检")
                font.pixelSize: Theme.fontHeadline
                font.bold: true
                color: Theme.primary
                horizontalAlignment: Text.AlignHCenter
            }
            Label {
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.margin
                text: qsTr("现场检查 · 隐患整改 · 离线可用")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }

            ErrorBanner {
                objectName: "loginError"
                Layout.fillWidth: true
                visible: root.errorText.length > 0
                text: root.errorText
            }

            Label { text: qsTr("用户名"); color: Theme.text; font.pixelSize: Theme.fontBody }
            TextField {
                id: userField
                objectName: "usernameField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.largeTarget
                text: SessionController.lastUsername
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                onTextEdited: SessionController.clearError()
            }
            Label { text: qsTr("密码"); color: Theme.text; font.pixelSize: Theme.fontBody }
            TextField {
                id: passwordField
                objectName: "passwordField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.largeTarget
                echoMode: TextInput.Password
                onTextEdited: SessionController.clearError()
                onAccepted: root.submit()
            }
            Label { text: qsTr("服务器地址"); color: Theme.text; font.pixelSize: Theme.fontBody }
            TextField {
                id: serverField
                objectName: "serverField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.largeTarget
                text: SessionController.serverUrl
                placeholderText: "http://192.168.1.10:8470"
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
            }
            Label { text: qsTr("本机名称"); color: Theme.text; font.pixelSize: Theme.fontBody }
            TextField {
                id: deviceField
                objectName: "deviceNameField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.largeTarget
                text: SessionController.deviceName
            }

            ActionButton {
                id: loginButton
                objectName: "loginButton"
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
                Layout.preferredHeight: Theme.largeTarget
                enabled: !SessionController.busy
                text: SessionController.busy ? qsTr("正在登录…") : qsTr("登录")
                onClicked: root.submit()
            }
            ColumnLayout {
                objectName: "demoAccounts"
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
                visible: SessionController.demoAccounts.length > 0
                spacing: Theme.spacing
                Label {
                    Layout.fillWidth: true
                    text: qsTr("演示账号：点一下填入用户名和密码")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WordWrap
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Repeater {
                        model: SessionController.demoAccounts
                        delegate: Button {
                            id: demoButton
                            required property var modelData
                            objectName: "demoAccount-" + demoButton.modelData.role
                            implicitHeight: Theme.touchTarget
                            flat: true
                            font.capitalization: Font.MixedCase
                            text: qsTr("%1 · %2").arg(root.roleName(demoButton.modelData.role)).arg(demoButton.modelData.username)
                            onClicked: {
                                userField.text = demoButton.modelData.username
                                passwordField.text = demoButton.modelData.password
                                SessionController.clearError()
                                loginButton.forceActiveFocus()
                            }
                        }
                    }
                }
            }
            ServerCertificatePanel {
                id: certificatePanel
                objectName: "serverCertificate"
                Layout.fillWidth: true
                Layout.topMargin: Theme.margin
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("首次登录后，本机会记住账号，没有网络也能继续工作。")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("版本 %1").arg(AppInfo.version)
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }
}
