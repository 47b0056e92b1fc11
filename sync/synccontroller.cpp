#include "synccontroller.h"

#include "httptransport.h"

#include <QMetaObject>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

QString plainFailure(const ApiFailure& failure)
{
    switch (failure.kind) {
    case ApiFailure::Kind::Network:
        if (!failure.code.isEmpty()) {
            const QString reason = refusalText(failure.code);
            if (!reason.isEmpty())
                return u"Not synced: %1. Changes are kept on this device; ask the administrator."_s
                    .arg(reason);
        }
        return u"No connection to the server; changes are kept on this device."_s;
    case ApiFailure::Kind::NeedsLogin:
        return u"Please sign in again to sync; nothing on this device is lost."_s;
    case ApiFailure::Kind::ClientTooOld:
        return u"This app version is too old to sync; please update it."_s;
    case ApiFailure::Kind::Busy: {
        const qint64 s = failure.retryAfter
            ? std::chrono::duration_cast<std::chrono::seconds>(*failure.retryAfter).count()
            : 60;
        return u"The server is busy; retrying in %1 s."_s.arg(s);
    }
    case ApiFailure::Kind::MutationGap:
        return u"Sync numbering was repaired; retrying."_s;
    case ApiFailure::Kind::Refused:
        if (failure.code == u"pull_stuck"_s)
            return u"Changes from the server cannot be applied on this device, so it no longer "
                   u"receives them (your own changes are still sent and the supervisor sees this "
                   u"device's error). Please update the app. Details: %1"_s.arg(failure.message);
        break;
    }
    return u"Sync failed (%1); retrying later."_s.arg(failure.code);
}

QString failureReason(const ApiFailure& failure)
{
    switch (failure.kind) {
    case ApiFailure::Kind::Network:
        return !failure.code.isEmpty() && !refusalText(failure.code).isEmpty() ? failure.code
                                                                               : u"offline"_s;
    case ApiFailure::Kind::NeedsLogin:
        return u"needs_login"_s;
    case ApiFailure::Kind::ClientTooOld:
        return u"client_too_old"_s;
    case ApiFailure::Kind::Busy:
        return u"busy"_s;
    case ApiFailure::Kind::MutationGap:
        return u"renumbered"_s;
    case ApiFailure::Kind::Refused:
        if (failure.code == u"pull_stuck"_s)
            return failure.code;
        break;
    }
    return u"failed"_s;
}

bool isBlocking(ApiFailure::Kind kind)
{
    return kind == ApiFailure::Kind::NeedsLogin || kind == ApiFailure::Kind::ClientTooOld;
}

SyncStatus::State stateFor(const ApiFailure& failure)
{
    switch (failure.kind) {
    case ApiFailure::Kind::Network:
        // A refused certificate or plain-http address is not fixed by waiting for the network.
        return failure.code.isEmpty() ? SyncStatus::State::Offline : SyncStatus::State::Error;
    case ApiFailure::Kind::NeedsLogin:
        return SyncStatus::State::NeedsLogin;
    case ApiFailure::Kind::ClientTooOld:
        return SyncStatus::State::UpdateRequired;
    default:
        return SyncStatus::State::Error;
    }
}

SyncWorker::SyncWorker(SyncEngine::Options options, QPointer<SyncStatus> status)
    : m_options(std::move(options))
    , m_status(std::move(status))
{
}

SyncWorker::~SyncWorker() = default;

bool SyncWorker::ensureEngine()
{
    if (m_engine)
        return true;
    auto engine = SyncEngine::open(m_options);
    if (!engine)
        return false;
    m_engine = std::move(engine.value());
    return true;
}

void SyncWorker::publishPending()
{
    if (!m_status || !m_engine)
        return;
    QMetaObject::invokeMethod(m_status.data(), "setPending", Qt::QueuedConnection,
        Q_ARG(int, m_engine->pendingMutations()), Q_ARG(int, m_engine->pendingBlobs()));
}

void SyncWorker::runCycle()
{
    if (!ensureEngine()) {
        if (m_status)
            QMetaObject::invokeMethod(m_status.data(), "cycleFailedBecause", Qt::QueuedConnection,
                Q_ARG(safeloop::sync::SyncStatus::State, SyncStatus::State::Error),
                Q_ARG(QString, u"database_unavailable"_s), Q_ARG(QString, QString()), Q_ARG(int, 0),
                Q_ARG(QString, u"The device database could not be opened."_s));
        Q_EMIT cycleDone(false, static_cast<int>(ApiFailure::Kind::Refused), -1);
        return;
    }
    publishPending();
    if (m_status)
        QMetaObject::invokeMethod(m_status.data(), "cycleStarted", Qt::QueuedConnection,
            Q_ARG(qint64, 0), Q_ARG(int, m_engine->pendingMutations()));
    QPointer<SyncStatus> status = m_status;
    const CycleResult result
        = m_engine->runCycle([status](qint64 bytesDone, qint64, int itemsDone, int) {
              if (status)
                  QMetaObject::invokeMethod(status.data(), "setProgress", Qt::QueuedConnection,
                      Q_ARG(qint64, bytesDone), Q_ARG(int, itemsDone));
          });
    if (result.ok && m_options.afterCycle)
        m_options.afterCycle(*m_engine);
    publishPending();
    if (result.ok) {
        if (m_status)
            QMetaObject::invokeMethod(m_status.data(), "cycleSucceeded", Qt::QueuedConnection,
                Q_ARG(QDateTime, QDateTime::currentDateTimeUtc()));
        Q_EMIT cycleDone(true, -1, -1);
        return;
    }
    const ApiFailure f = *result.failure;
    if (cancelled()) {
        // Stopped on purpose (logout): no failure for the sync bar.
        if (m_status)
            QMetaObject::invokeMethod(m_status.data(), "cycleFailed", Qt::QueuedConnection,
                Q_ARG(safeloop::sync::SyncStatus::State, SyncStatus::State::Idle),
                Q_ARG(QString, QString()));
        Q_EMIT cycleDone(false, static_cast<int>(ApiFailure::Kind::Network), -1);
        return;
    }
    if (m_status) {
        const QString reason = failureReason(f);
        const int wait = f.kind == ApiFailure::Kind::Busy
            ? static_cast<int>(f.retryAfter ? (f.retryAfter->count() + 999) / 1000 : 60)
            : 0;
        QMetaObject::invokeMethod(m_status.data(), "cycleFailedBecause", Qt::QueuedConnection,
            Q_ARG(safeloop::sync::SyncStatus::State, stateFor(f)), Q_ARG(QString, reason),
            Q_ARG(QString, reason == u"failed"_s ? f.code : QString()), Q_ARG(int, wait),
            Q_ARG(QString, plainFailure(f)));
    }
    Q_EMIT cycleDone(false, static_cast<int>(f.kind), f.retryAfter ? f.retryAfter->count() : -1);
}

void SyncWorker::login(const QString& username, const QString& password)
{
    if (!ensureEngine()) {
        Q_EMIT loginFinished(false, u"database_unavailable"_s);
        return;
    }
    auto user = m_engine->login(username, password);
    Q_EMIT loginFinished(user.ok(), user.ok() ? QString() : user.error().code);
}

SyncController::SyncController(SyncEngine::Options options, SyncScheduler::Settings settings,
    SyncStatus* status, QObject* parent)
    : QObject(parent)
    , m_scheduler(settings)
    , m_cancel(options.cancel ? options.cancel : std::make_shared<std::atomic<bool>>(false))
{
    options.cancel = m_cancel;
    m_worker = new SyncWorker(std::move(options), QPointer<SyncStatus>(status));
    qRegisterMetaType<safeloop::sync::SyncStatus::State>();
    m_thread.setObjectName(u"safeloop-sync"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(&m_scheduler, &SyncScheduler::cycleRequested, m_worker, &SyncWorker::runCycle,
        Qt::QueuedConnection);
    connect(
        m_worker, &SyncWorker::cycleDone, this,
        [this](bool ok, int failureKind, qint64 retryAfterMs) {
            ++m_cycles;
            if (!ok && isBlocking(static_cast<ApiFailure::Kind>(failureKind))) {
                // Backing off forever would not help: wait for a new login or an app update.
                m_scheduler.cycleBlocked();
                Q_EMIT cycleFinished(false);
                return;
            }
            std::optional<std::chrono::milliseconds> retry;
            if (retryAfterMs >= 0)
                retry = std::chrono::milliseconds(retryAfterMs);
            m_scheduler.cycleFinished(ok, retry);
            Q_EMIT cycleFinished(ok);
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &SyncWorker::loginFinished, this,
        [this](bool ok, const QString& errorCode) {
            if (ok)
                m_scheduler.resume(); // a fresh login lifts a needs-login block
            Q_EMIT loginFinished(ok, errorCode);
        },
        Qt::QueuedConnection);
    m_thread.start();
}

SyncController::~SyncController()
{
    cancel();
    m_scheduler.stop();
    m_thread.quit();
    m_thread.wait();
}

void SyncController::cancel()
{
    m_cancel->store(true);
}

void SyncController::start()
{
    m_scheduler.start();
}

void SyncController::syncNow()
{
    m_scheduler.requestNow();
}

void SyncController::localChange()
{
    m_scheduler.notifyLocalChange();
}

void SyncController::login(const QString& username, const QString& password)
{
    QMetaObject::invokeMethod(m_worker, "login", Qt::QueuedConnection, Q_ARG(QString, username),
        Q_ARG(QString, password));
}

} // namespace safeloop::sync
