#pragma once

#include "qmlenums.h"

#include "sync/synccontroller.h"
#include "sync/syncstatus.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QJSEngine;
class QQmlEngine;

namespace safeloop::app {

class DeviceStore;
class ServerTrust;
class SessionController;

/// The app's sync: owns the signed-in user's sync::SyncController (worker thread running the
/// SyncEngine on the same SQLite file the DeviceStore uses — WAL, busy timeout) and the one
/// sync::SyncStatus every page's sync bar shows. attach() follows the SessionController: a login
/// (or a stored login at start) opens the user's DeviceStore and starts sync; logout stops sync
/// before the tokens go and closes the store. Local mutations (DeviceStore::changed) trigger a
/// debounced cycle; after each successful cycle the engine tops up the document number blocks
/// and the store's models reload.
class SyncCenter : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// The SyncBar state.
    Q_PROPERTY(safeloop::app::SyncState::Value syncState READ syncState NOTIFY changed)
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
    /// The last failure in plain words (English, for logs; the sync bar words `errorReason`).
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
    /// Why the last cycle failed, a code of sync::SyncStatus::reason ("" after a success): the
    /// sync bar says it in the user's language.
    Q_PROPERTY(QString errorReason READ errorReason NOTIFY changed)
    /// The server's error code when errorReason is "failed".
    Q_PROPERTY(QString errorDetail READ errorDetail NOTIFY changed)
    /// Seconds until the next attempt when errorReason is "busy".
    Q_PROPERTY(int retryAfterSeconds READ retryAfterSeconds NOTIFY changed)

public:
    /// No default argument on purpose: Qt 6.4 builds a QML singleton with the default constructor
    /// when there is one and ignores create(); without it QML shares instance().
    explicit SyncCenter(QObject* parent);
    ~SyncCenter() override;

    /// How sync runs for a session (tests shorten the debounce and switch reachability off).
    struct Settings {
        sync::SyncScheduler::Settings scheduler {};
        /// Numbers asked for per kind when fewer than `numbersLowWater` are left.
        int numbersPerBlock = 20;
        int numbersLowWater = 10;
    };

    /// The process-wide instance (created on first use, owned by the application object).
    static SyncCenter* instance();
    /// QML singleton factory: every engine shares instance().
    static SyncCenter* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    /// The status object the sync engine reports to (lives on the UI thread).
    sync::SyncStatus* status() { return &m_status; }

    SyncState::Value syncState() const { return SyncState::fromSync(m_status.state()); }
    int pendingCount() const;
    int pendingMutations() const { return m_status.pendingMutations(); }
    int pendingBlobs() const { return m_status.pendingBlobs(); }
    double progress() const;
    QDateTime lastSuccess() const { return m_status.lastSuccess(); }
    QString lastError() const { return m_status.lastError(); }
    QString errorReason() const { return m_status.reason(); }
    QString errorDetail() const { return m_status.reasonDetail(); }
    int retryAfterSeconds() const { return m_status.retryAfterSeconds(); }

    /// Follows `session`: signed in → opens `store` for the user under
    /// <dataDir>/users/<user id>/ and starts sync; signed out → stops sync and closes the store.
    void attach(SessionController* session, DeviceStore* store, Settings settings);
    void attach(SessionController* session, DeviceStore* store) { attach(session, store, {}); }
    /// Follows the pinned CA: when `trust` changes, the login form's and the running sync's
    /// open connections are dropped (sync restarts), so the next request is checked against
    /// the new trust instead of riding a connection made under the old one.
    void followTrust(ServerTrust* trust);
    /// Starts sync of `store`'s database against `serverUrl` with the tokens in `dataDir`'s
    /// session store (replaces a running sync).
    void startSync(DeviceStore* store, const QString& serverUrl, const QString& dataDir,
        const QString& deviceId, const QString& deviceName);
    /// Stops sync; waits for a running cycle to end. Pending work stays in the outbox.
    void stopSync();
    /// The running sync (null when signed out).
    sync::SyncController* controller() { return m_controller.get(); }
    /// Directory of a user's device data under the app data directory.
    static QString userDirectory(const QString& dataDir, const QString& userId);

    /// The user asked to sync now (sync bar "重试"); the sync engine listens to syncRequested().
    Q_INVOKABLE void requestSync();
    /// Sets the pending counts (the sync engine's outbox watcher; tests and the tour).
    Q_INVOKABLE void setPending(int mutations, int blobs);

Q_SIGNALS:
    void changed();
    /// Run a sync cycle as soon as possible.
    void syncRequested();

    /// A sync cycle ended (ok or not); emitted after the store's models were told to reload.
    void cycleFinished(bool ok);

private:
    void followSession();
    void cycleDone(bool ok);
    void refreshUser();
    void refreshPending();

    sync::SyncStatus m_status;
    Settings m_settings;
    QPointer<SessionController> m_session;
    QPointer<DeviceStore> m_store;
    std::unique_ptr<sync::SyncController> m_controller;
    QString m_openUserId;
    bool m_reloading = false;
};

} // namespace safeloop::app
