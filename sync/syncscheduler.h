#pragma once

#include "backoff.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <optional>

namespace safeloop::sync {

/// Decides when a sync cycle runs: when the network becomes reachable, shortly after local
/// changes (debounced), on a periodic timer, and on demand; after a failure it waits with
/// exponential backoff and jitter. It never starts a second cycle while one runs: a request
/// during a cycle is remembered and served once the cycle ends.
class SyncScheduler : public QObject {
    Q_OBJECT

public:
    /// Why a cycle was asked for (for logs and the status line).
    enum class Reason { Manual, LocalChange, Reachable, Periodic, Retry };
    Q_ENUM(Reason)

    struct Settings {
        std::chrono::milliseconds debounce { 2000 };
        std::chrono::milliseconds period { std::chrono::minutes(5) };
        Backoff backoff {};
        /// Whether to listen to QNetworkInformation; tests switch it off.
        bool useReachability = true;
    };

    explicit SyncScheduler(Settings settings, QObject* parent = nullptr);
    explicit SyncScheduler(QObject* parent = nullptr);

    /// Starts the periodic timer and reachability tracking.
    void start();
    /// Stops every timer; a running cycle still reports through cycleFinished().
    void stop();

    /// The user asked to sync now: runs at once unless a cycle runs or the server said wait.
    void requestNow();
    /// Local data changed: runs after the debounce interval (restarted by each change).
    void notifyLocalChange();
    /// The cycle started by cycleRequested() ended. `retryAfter` carries a server's Retry-After.
    void cycleFinished(bool success, std::optional<std::chrono::milliseconds> retryAfter = {});
    /// The cycle ended in a failure that retrying cannot fix — the device login is gone
    /// (refresh refused) or the server refuses this app version (426): no retry is scheduled and
    /// no trigger (timer, local change, reachability, "sync now") starts a cycle until resume().
    void cycleBlocked();
    /// Lifts cycleBlocked() (after a new login) and syncs at once.
    void resume();
    /// Whether cycles are blocked until resume().
    bool isBlocked() const { return m_blocked; }

    bool isRunning() const { return m_running; }
    /// Whether a reachability backend loaded; without one the periodic timer is the only trigger.
    bool hasReachability() const { return m_hasReachability; }
    /// Milliseconds until the retry after a failure, or -1 when none is scheduled.
    int retryInMs() const;

Q_SIGNALS:
    /// Run one sync cycle now, then call cycleFinished().
    void cycleRequested(safeloop::sync::SyncScheduler::Reason reason);

private:
    void trigger(Reason reason);
    void onReachabilityChanged(bool online);

    Settings m_settings;
    QTimer m_debounceTimer;
    QTimer m_periodicTimer;
    QTimer m_retryTimer;
    bool m_running = false;
    bool m_pending = false;
    Reason m_pendingReason = Reason::Manual;
    bool m_waitingForRetry = false;
    bool m_hasReachability = false;
    bool m_blocked = false;
};

} // namespace safeloop::sync
