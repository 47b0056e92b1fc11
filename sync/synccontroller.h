#pragma once

#include "syncengine.h"
#include "syncscheduler.h"
#include "syncstatus.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>

namespace safeloop::sync {

/// Lives on the sync worker thread and owns the SyncEngine there (its database connection and
/// HTTP transport belong to that thread). Only reached through queued calls.
class SyncWorker : public QObject {
    Q_OBJECT

public:
    SyncWorker(SyncEngine::Options options, QPointer<SyncStatus> status);
    ~SyncWorker() override;

public Q_SLOTS:
    /// Opens the engine on the worker thread (first call) and runs one cycle.
    void runCycle();
    /// Signs in on the worker thread; answers through loginFinished().
    void login(const QString& username, const QString& password);

Q_SIGNALS:
    void cycleDone(bool ok, int failureKind, qint64 retryAfterMs);
    void loginFinished(bool ok, const QString& errorCode);

private:
    bool ensureEngine();
    void publishPending();

    SyncEngine::Options m_options;
    QPointer<SyncStatus> m_status;
    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }
    std::unique_ptr<SyncEngine> m_engine;
};

/// The app's handle on sync for a logged-in user: starts the worker thread, connects the
/// SyncScheduler (UI thread) to it, and keeps the SyncStatus (UI thread) up to date through
/// queued calls. Never runs two cycles at once: the scheduler only asks again after
/// cycleFinished().
class SyncController : public QObject {
    Q_OBJECT

public:
    SyncController(SyncEngine::Options options, SyncScheduler::Settings settings,
        SyncStatus* status, QObject* parent = nullptr);
    /// Stops without waiting for the network: cancels the running cycle (its request is
    /// aborted; the outbox stays) and joins the worker.
    ~SyncController() override;

    void start();
    /// Cancels the running cycle and every later one (thread-safe, returns at once); the
    /// destructor does this too.
    void cancel();
    /// "Sync now" in the UI.
    void syncNow();
    /// Call after every local mutation: a cycle follows after the debounce interval.
    void localChange();
    void login(const QString& username, const QString& password);

    SyncScheduler& scheduler() { return m_scheduler; }
    int cyclesCompleted() const { return m_cycles; }

Q_SIGNALS:
    void cycleFinished(bool ok);
    void loginFinished(bool ok, const QString& errorCode);

private:
    SyncScheduler m_scheduler;
    QThread m_thread;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    SyncWorker* m_worker = nullptr;
    int m_cycles = 0;
};

/// Plain words for the sync bar (English; the app shows failureReason() in the user's language).
QString plainFailure(const ApiFailure& failure);
/// The reason code of SyncStatus::reason for a failure.
QString failureReason(const ApiFailure& failure);
/// Whether a failure of this kind stops automatic syncing (needs login, update required).
bool isBlocking(ApiFailure::Kind kind);
/// The SyncStatus state a failure leaves the bar in.
SyncStatus::State stateFor(const ApiFailure& failure);

} // namespace safeloop::sync
