pragma Singleton
import QtQuick

/// Words for wire values that more than one page shows (inspection kinds and modes), kept in
/// one place so that every page says the same.
QtObject {
    id: root

    /// The inspection kinds an inspector can start, in the order the setup offers them:
    /// [{value (wire), text}].
    readonly property var inspectionKinds: [{
            "value": "plan",
            "text": qsTr("计划检查")
        }, {
            "value": "random",
            "text": qsTr("双随机抽查")
        }, {
            "value": "baobao",
            "text": qsTr("包保走访")
        }, {
            "value": "complaint",
            "text": qsTr("举报投诉核查")
        }, {
            "value": "campaign",
            "text": qsTr("专项检查")
        }, {
            "value": "reinspection",
            "text": qsTr("整改复查")
        }]

    /// The words for an inspection kind (wire value); the value itself when unknown.
    function inspectionKindText(kind: string): string {
        for (const k of root.inspectionKinds)
            if (k.value === kind)
                return k.text;
        return kind;
    }

    /// The words for an inspection mode: "guidance" (指导服务) or "enforcement" (执法检查).
    function inspectionModeText(mode: string): string {
        switch (mode) {
        case "guidance":
            return qsTr("指导服务");
        case "enforcement":
            return qsTr("执法检查");
        }
        return mode;
    }

    /// Why this device refused to talk to the server, with what to do: "insecure_server",
    /// "certificate_untrusted", "certificate_wrong_host" or "certificate_expired"; "" otherwise.
    function refusalText(code: string): string {
        switch (code) {
        case "insecure_server":
            return qsTr("服务器地址必须以 https:// 开头，不加密的 http:// 只能用于本机服务器。");
        case "certificate_untrusted":
            return qsTr("服务器证书不受信任，已拒绝连接。如果服务器使用本区自己的证书，请在“服务器证书”中选择 IT 部门提供的 CA 证书；否则请联系管理员。");
        case "certificate_wrong_host":
            return qsTr("证书与服务器地址不符，已拒绝连接。请检查服务器地址。");
        case "certificate_expired":
            return qsTr("服务器证书已过期，已拒绝连接。请联系管理员。");
        }
        return "";
    }

    /// Why a sync cycle failed (SyncCenter.errorReason) in plain words with what happens next;
    /// `detail` is the server's code for "failed", `wait` the seconds for "busy".
    function syncReasonText(reason: string, detail: string, wait: int): string {
        const refusal = root.refusalText(reason);
        if (refusal.length > 0)
            return refusal;
        switch (reason) {
        case "":
            return "";
        case "offline":
            return qsTr("连接不上服务器，记录已保存在本机，联网后自动同步。");
        case "needs_login":
            return qsTr("登录已过期，请重新登录。本机上的记录不会丢失。");
        case "client_too_old":
            return qsTr("应用版本太旧，请先更新应用再同步。");
        case "busy":
            return qsTr("服务器繁忙，%n 秒后自动重试。", "", wait);
        case "renumbered":
            return qsTr("同步编号已修复，正在重试。");
        case "pull_stuck":
            return qsTr("服务器的部分更新无法在本机应用，本机已暂停接收（本机的记录仍会上传）。请更新应用。");
        case "database_unavailable":
            return qsTr("无法打开本机数据库。请重启应用；仍不行请联系管理员。");
        }
        return qsTr("同步出错（%1），稍后自动重试。").arg(detail.length > 0 ? detail : reason);
    }
}
