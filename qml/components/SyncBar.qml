import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import SafeLoop.App
import SafeLoop.Ui

/// Calm one-line sync status shown on every page; never blocks. When the user must act
/// (login expired, sync failed) it becomes one plain sentence with one action.
Rectangle {
    id: root

    /// A SyncState value (SyncCenter.syncState).
    property int syncState: SyncState.Idle
    /// Local changes not yet on the server.
    property int pendingCount: 0
    /// Progress of the running sync, 0..1.
    property real progress: 0
    /// Time of the last successful sync; an invalid date means "never".
    property date lastSyncTime
    /// Plain-words reason shown in the "error" state.
    property string errorText

    /// The bar itself was tapped (open sync details).
    signal clicked()
    /// The user asked to sync now (retry).
    signal syncRequested()
    /// The user asked to log in again.
    signal loginRequested()

    readonly property bool hasLastSync: !isNaN(root.lastSyncTime.getTime())
    readonly property bool needsAction: root.syncState === SyncState.Error || root.syncState === SyncState.NeedsLogin
    readonly property string lastSyncText: root.hasLastSync
        ? qsTr("上次同步 %1").arg(Localization.formatTime(root.lastSyncTime))
        : qsTr("尚未同步")
    readonly property string message: {
        switch (root.syncState) {
        case SyncState.Syncing:
            return qsTr("正在同步… %1%").arg(Math.round(root.progress * 100))
        case SyncState.Offline:
            return root.pendingCount > 0
                ? qsTr("离线 · %n 条待上传，联网后自动同步", "", root.pendingCount)
                : qsTr("离线 · 数据已保存在本机")
        case SyncState.Error:
            return qsTr("同步未完成：%1").arg(root.errorText.length > 0 ? root.errorText : qsTr("请稍后重试"))
        case SyncState.NeedsLogin:
            return qsTr("登录已过期，请重新登录以上传 %n 条记录", "", root.pendingCount)
        case SyncState.UpdateRequired:
            return qsTr("应用版本太旧，请先更新应用再同步。")
        }
        return root.pendingCount > 0
            ? qsTr("%n 条待上传", "", root.pendingCount) + " · " + root.lastSyncText
            : qsTr("已全部同步") + " · " + root.lastSyncText
    }
    readonly property string actionText: {
        switch (root.syncState) {
        case SyncState.Error: return qsTr("重试")
        case SyncState.NeedsLogin: return qsTr("重新登录")
        }
        return ""
    }

    function triggerAction() {
        if (root.syncState === SyncState.NeedsLogin)
            root.loginRequested()
        else
            root.syncRequested()
    }

    implicitWidth: 400
    implicitHeight: Math.max(Theme.touchTarget, content.implicitHeight + Theme.spacing)
    color: root.needsAction ? Theme.warningSurface : Theme.neutralSurface

    TapHandler {
        onTapped: root.clicked()
    }

    RowLayout {
        id: content
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing

        Label {
            id: messageLabel
            objectName: "syncMessage"
            Layout.fillWidth: true
            text: root.message
            color: root.needsAction ? Theme.warning : Theme.text
            font.pixelSize: Theme.fontSmall + 1
            font.bold: root.needsAction
            wrapMode: Text.WordWrap
            // A reason the user must act on is read whole (what happened and what to do).
            maximumLineCount: root.needsAction ? 5 : 2
            elide: Text.ElideRight
        }
        ActionButton {
            id: actionButton
            objectName: "actionButton"
            visible: root.actionText.length > 0
            text: root.actionText
            fillColor: Theme.primary
            onClicked: root.triggerAction()
        }
    }

    Rectangle {
        visible: root.syncState === SyncState.Syncing
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        height: 3
        width: parent.width * Math.max(0, Math.min(1, root.progress))
        color: Theme.primary
    }
}
