#include "syncscheduler.h"

#include <QLoggingCategory>
#include <QNetworkInformation>

Q_LOGGING_CATEGORY(lcScheduler, "safeloop.sync.scheduler")

namespace safeloop::sync {

SyncScheduler::SyncScheduler(QObject* parent)
    : SyncScheduler(Settings {}, parent)
{
}

SyncScheduler::SyncScheduler(Settings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    m_debounceTimer.setSingleShot(true);
    m_debounceTimer.setInterval(m_settings.debounce);
    connect(&m_debounceTimer, &QTimer::timeout, this, [this] { trigger(Reason::LocalChange); });

    m_periodicTimer.setInterval(m_settings.period);
    connect(&m_periodicTimer, &QTimer::timeout, this, [this] { trigger(Reason::Periodic); });

    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        m_waitingForRetry = false;
        trigger(Reason::Retry);
    });
}

void SyncScheduler::start()
{
    m_periodicTimer.start();
    if (!m_settings.useReachability)
        return;
    // Headless Linux has no reachability backend; the periodic timer then does the job alone.
    m_hasReachability = QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance()
        && QNetworkInformation::instance()->supports(QNetworkInformation::Feature::Reachability);
    if (!m_hasReachability) {
        qCInfo(lcScheduler) << "no reachability backend; syncing on the timer";
        return;
    }
    connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
        [this](QNetworkInformation::Reachability r) {
            onReachabilityChanged(r == QNetworkInformation::Reachability::Online
                || r == QNetworkInformation::Reachability::Site);
        });
}

void SyncScheduler::stop()
{
    m_debounceTimer.stop();
    m_periodicTimer.stop();
    m_retryTimer.stop();
    m_waitingForRetry = false;
}

void SyncScheduler::requestNow()
{
    // A person asking is worth more than the backoff; Retry-After from the server is honoured
    // inside trigger() only through the retry timer, so an explicit request goes through.
    m_retryTimer.stop();
    m_waitingForRetry = false;
    trigger(Reason::Manual);
}

void SyncScheduler::notifyLocalChange()
{
    m_debounceTimer.start();
}

void SyncScheduler::onReachabilityChanged(bool online)
{
    if (!online)
        return;
    m_retryTimer.stop();
    m_waitingForRetry = false;
    trigger(Reason::Reachable);
}

void SyncScheduler::trigger(Reason reason)
{
    if (m_blocked)
        return; // waiting for a new login or an app update; retrying cannot help
    if (m_running) {
        m_pending = true;
        m_pendingReason = reason;
        return;
    }
    if (m_waitingForRetry && reason != Reason::Retry) {
        // A failure is backing off; the retry timer will run the cycle.
        return;
    }
    m_running = true;
    m_debounceTimer.stop();
    Q_EMIT cycleRequested(reason);
}

void SyncScheduler::cycleFinished(bool success, std::optional<std::chrono::milliseconds> retryAfter)
{
    m_running = false;
    if (success) {
        m_settings.backoff.reset();
        if (m_pending) {
            m_pending = false;
            trigger(m_pendingReason);
        }
        return;
    }
    m_pending = false;
    const auto delay = m_settings.backoff.nextDelay(retryAfter);
    qCInfo(lcScheduler) << "sync failed; retrying in" << delay.count() << "ms";
    m_waitingForRetry = true;
    m_retryTimer.start(delay);
}

void SyncScheduler::cycleBlocked()
{
    m_running = false;
    m_pending = false;
    m_blocked = true;
    m_waitingForRetry = false;
    m_retryTimer.stop();
    m_debounceTimer.stop();
    qCInfo(lcScheduler) << "sync blocked until the user signs in again or updates the app";
}

void SyncScheduler::resume()
{
    if (!m_blocked)
        return;
    m_blocked = false;
    m_settings.backoff.reset();
    trigger(Reason::Manual);
}

int SyncScheduler::retryInMs() const
{
    return m_retryTimer.isActive() ? m_retryTimer.remainingTime() : -1;
}

} // namespace safeloop::sync
