import QtQuick
import SafeLoop.App
import SafeLoop.Ui

/// The SyncBar bound to the app's real sync status; every page shows one at the top.
SyncBar {
    id: root

    objectName: "syncBar"
    syncState: SyncCenter.syncState
    pendingCount: SyncCenter.pendingCount
    progress: SyncCenter.progress
    lastSyncTime: SyncCenter.lastSuccess
    // The reason in the user's language (the engine's lastError is English, for logs).
    errorText: Labels.syncReasonText(SyncCenter.errorReason, SyncCenter.errorDetail, SyncCenter.retryAfterSeconds)

    onSyncRequested: SyncCenter.requestSync()
    // The device login is gone: sign out (local work stays) so the login form appears.
    onLoginRequested: SessionController.logout()
}
