import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// The login page's "服务器证书": the CA certificate this device trusts for the server besides
/// the system's. Pick the file the district's IT gave you, compare what is shown with what they
/// told you, remove it with a confirmation.
ColumnLayout {
    id: root

    /// Whether the details and buttons show (the title line always does).
    property bool expanded: false

    /// The refusal of the last pick in plain words ("" when none).
    readonly property string errorText: {
        switch (ServerTrust.errorCode) {
        case "":
            return "";
        case "unreadable":
            return qsTr("无法读取这个文件。请确认文件完整，再选一次。");
        case "not_certificate":
            return qsTr("这个文件不是证书。请选择 IT 部门提供的 CA 证书文件（.pem、.crt、.cer 或 .der）。");
        case "several_certificates":
            return qsTr("这个文件里有多个证书。请只选 IT 部门提供的那一个 CA 证书。");
        case "not_ca":
            return qsTr("这是服务器自己的证书，不是 CA 证书，不能用来固定。请选择颁发它的 CA 证书。");
        case "expired":
            return qsTr("这个 CA 证书已过期，不能使用。请向 IT 部门索取新的 CA 证书。");
        case "not_yet_valid":
            return qsTr("这个 CA 证书还没有生效。请检查本机日期和时间，或向 IT 部门确认。");
        case "remove_failed":
            return qsTr("无法移除证书：本机存储不可写。");
        }
        return qsTr("这个证书不能使用。");
    }
    /// The pinned CA's validity as one line.
    readonly property string validityText: ServerTrust.pinned ? qsTr("%1 至 %2").arg(Localization.formatDate(ServerTrust.validFrom)).arg(Localization.formatDate(ServerTrust.validUntil)) : ""
    /// Where the shown pin comes from, in plain words.
    readonly property string sourceText: {
        switch (ServerTrust.source) {
        case "app":
            return qsTr("已固定在本机，重启后仍然有效。请把指纹与 IT 部门提供的逐位核对。");
        case "command_line":
            return ServerTrust.moreCount > 0 ? qsTr("由启动参数 --ca-file 指定（另有 %n 个证书），只能由管理员更改。", "", ServerTrust.moreCount) : qsTr("由启动参数 --ca-file 指定，只能由管理员更改。");
        }
        return qsTr("未固定证书：只信任系统自带的证书。如果服务器使用本区自己的证书，请选择 IT 部门提供的 CA 证书文件。");
    }

    /// Pins the certificate in `file` (the file dialog's choice; tests call it directly).
    function pick(file: url) {
        ServerTrust.pin(file);
    }

    spacing: Theme.spacing

    FileDialog {
        id: fileDialog
        title: qsTr("选择 CA 证书文件")
        nameFilters: [qsTr("证书 (*.pem *.crt *.cer *.der)"), qsTr("所有文件 (*)")]
        onAccepted: root.pick(fileDialog.selectedFile)
    }

    // Folded to one line by default: most districts' servers need no pin.
    ActionButton {
        objectName: "certificateToggle"
        Layout.fillWidth: true
        text: (root.expanded ? "▾ " : "▸ ") + (ServerTrust.pinned ? qsTr("服务器证书：已固定") : qsTr("服务器证书：未固定"))
        fillColor: Theme.surface
        labelColor: Theme.primary
        outlineColor: Theme.border
        onClicked: root.expanded = !root.expanded
    }
    Label {
        objectName: "certificateSource"
        Layout.fillWidth: true
        visible: root.expanded
        text: root.sourceText
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WordWrap
    }
    GridLayout {
        objectName: "certificateDetails"
        Layout.fillWidth: true
        visible: root.expanded && ServerTrust.pinned
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacing / 2

        Label {
            text: qsTr("主题")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
        Label {
            objectName: "certificateSubject"
            Layout.fillWidth: true
            text: ServerTrust.subject
            color: Theme.text
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WrapAnywhere
        }
        Label {
            text: qsTr("颁发者")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
        Label {
            objectName: "certificateIssuer"
            Layout.fillWidth: true
            text: ServerTrust.issuer
            color: Theme.text
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WrapAnywhere
        }
        Label {
            text: qsTr("有效期")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
        Label {
            objectName: "certificateValidity"
            Layout.fillWidth: true
            text: root.validityText
            color: Theme.text
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
        }
        Label {
            text: qsTr("SHA-256 指纹")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
        Label {
            objectName: "certificateFingerprint"
            Layout.fillWidth: true
            text: ServerTrust.fingerprint
            color: Theme.text
            font.family: "monospace"
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WrapAnywhere
        }
    }
    ErrorBanner {
        objectName: "certificateError"
        Layout.fillWidth: true
        visible: root.expanded && root.errorText.length > 0
        text: root.errorText
    }
    RowLayout {
        Layout.fillWidth: true
        visible: root.expanded
        spacing: Theme.spacing
        ActionButton {
            objectName: "pickCertificateButton"
            Layout.fillWidth: true
            text: ServerTrust.source === "app" ? qsTr("更换证书") : qsTr("选择 CA 证书文件")
            fillColor: Theme.surface
            labelColor: Theme.primary
            outlineColor: Theme.primary
            onClicked: fileDialog.open()
        }
        ActionButton {
            objectName: "removeCertificateButton"
            Layout.fillWidth: true
            visible: ServerTrust.source === "app"
            text: qsTr("移除证书")
            fillColor: Theme.surface
            labelColor: Theme.danger
            outlineColor: Theme.danger
            onClicked: removeDialog.open()
        }
    }

    Dialog {
        id: removeDialog
        objectName: "removeCertificateDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min((parent ? parent.width : 400) - 2 * Theme.margin, 420)
        modal: true
        title: qsTr("移除服务器证书？")

        ColumnLayout {
            width: parent.width
            Label {
                Layout.fillWidth: true
                text: qsTr("移除后，本机不再信任这个 CA：使用它颁发的证书的服务器将无法登录和同步，直到重新选择证书。本机上的记录不受影响。")
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
                onClicked: removeDialog.reject()
            }
            ActionButton {
                objectName: "confirmRemoveCertificateButton"
                Layout.fillWidth: true
                Layout.margins: Theme.spacing
                text: qsTr("移除证书")
                fillColor: Theme.danger
                onClicked: {
                    removeDialog.accept();
                    ServerTrust.removePin();
                }
            }
        }
    }
}
