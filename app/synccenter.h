#pragma once

#include "sync/syncstatus.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;

namespace safeloop::app {

/// The app's one sync::SyncStatus, seen by every page's sync bar. The sync engine updates
/// `status()` (queued calls from its worker); QML reads the forwarded properties.
class SyncCenter : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// The SyncBar state: "idle", "syncing", "offline", "error" or "needs-login".
    Q_PROPERTY(QString syncState READ syncState NOTIFY changed)
    /// Local records and files not yet on the server (mutations + blobs).
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY changed)
    /// Local mutations not yet acknowledged by the server.
    Q_PROPERTY(int pendingMutations READ pendingMutations NOTIFY changed)
    /// Photos, signatures and documents not yet complete on the server.
    Q_PROPERTY(int pendingBlobs READ pendingBlobs NOTIFY changed)
    /// Progress of the running cycle, 0..1 (0 when unknown or idle).
    Q_PROPERTY(double progress READ progress NOTIFY changed)
    /// When the last cycle succeeded (invalid if never).
    Q_PROPERTY(QDateTime lastSuccess READ lastSuccess NOTIFY changed)
    /// The last failure in plain words.
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)

public:
    explicit SyncCenter(QObject* parent = nullptr);

    /// The process-wide instance (created on first use, owned by the application object).
    static SyncCenter* instance();
    /// QML singleton factory: every engine shares instance().
    static SyncCenter* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    /// The status object the sync engine reports to (lives on the UI thread).
    sync::SyncStatus* status() { return &m_status; }

    QString syncState() const;
    int pendingCount() const;
    int pendingMutations() const { return m_status.pendingMutations(); }
    int pendingBlobs() const { return m_status.pendingBlobs(); }
    double progress() const;
    QDateTime lastSuccess() const { return m_status.lastSuccess(); }
    QString lastError() const { return m_status.lastError(); }

    /// The user asked to sync now (sync bar "重试"); the sync engine listens to syncRequested().
    Q_INVOKABLE void requestSync();
    /// Sets the pending counts (the sync engine's outbox watcher; tests and the tour).
    Q_INVOKABLE void setPending(int mutations, int blobs);

Q_SIGNALS:
    void changed();
    /// Run a sync cycle as soon as possible.
    void syncRequested();

private:
    sync::SyncStatus m_status;
};

} // namespace safeloop::app
