#include "syncstatus.h"

namespace safeloop::sync {

SyncStatus::SyncStatus(QObject* parent)
    : QObject(parent)
{
}

QString SyncStatus::stateName() const
{
    switch (m_state) {
    case State::Idle:
        break;
    case State::Syncing:
        return QStringLiteral("syncing");
    case State::Offline:
        return QStringLiteral("offline");
    case State::Error:
        return QStringLiteral("error");
    case State::NeedsLogin:
        return QStringLiteral("needs-login");
    case State::UpdateRequired:
        return QStringLiteral("update-required");
    }
    return QStringLiteral("idle");
}

double SyncStatus::progress() const
{
    if (m_state != State::Syncing)
        return -1;
    if (m_bytesTotal > 0)
        return static_cast<double>(m_bytesDone) / static_cast<double>(m_bytesTotal);
    if (m_itemsTotal > 0)
        return static_cast<double>(m_itemsDone) / static_cast<double>(m_itemsTotal);
    return -1;
}

void SyncStatus::setPending(int mutations, int blobs)
{
    if (mutations == m_pendingMutations && blobs == m_pendingBlobs)
        return;
    m_pendingMutations = mutations;
    m_pendingBlobs = blobs;
    Q_EMIT changed();
}

void SyncStatus::cycleStarted(qint64 bytesTotal, int itemsTotal)
{
    m_state = State::Syncing;
    m_bytesDone = 0;
    m_itemsDone = 0;
    m_bytesTotal = bytesTotal;
    m_itemsTotal = itemsTotal;
    Q_EMIT changed();
}

void SyncStatus::setProgress(qint64 bytesDone, int itemsDone)
{
    m_bytesDone = bytesDone;
    m_itemsDone = itemsDone;
    Q_EMIT changed();
}

void SyncStatus::cycleSucceeded(const QDateTime& when)
{
    m_state = State::Idle;
    m_lastSuccess = when;
    m_lastError.clear();
    m_reason.clear();
    m_reasonDetail.clear();
    m_retryAfterSeconds = 0;
    Q_EMIT changed();
}

void SyncStatus::cycleFailed(State state, const QString& plainError)
{
    cycleFailedBecause(state, QString(), QString(), 0, plainError);
}

void SyncStatus::cycleFailedBecause(State state, const QString& reason, const QString& reasonDetail,
    int retryAfterSeconds, const QString& plainError)
{
    m_state = state;
    m_lastError = plainError;
    m_reason = reason;
    m_reasonDetail = reasonDetail;
    m_retryAfterSeconds = retryAfterSeconds;
    Q_EMIT changed();
}

} // namespace safeloop::sync
