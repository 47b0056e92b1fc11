#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

namespace safeloop::sync {

/// What the sync bar shows: lives on the UI thread; the sync worker updates it through queued
/// calls to its setters, so QML never touches the worker's objects.
class SyncStatus : public QObject {
    Q_OBJECT
    /// Idle, Syncing, Offline, Error, NeedsLogin or UpdateRequired.
    Q_PROPERTY(State state READ state NOTIFY changed)
    /// The state as a word for QML: idle, syncing, offline, error, needs-login, update-required.
    Q_PROPERTY(QString stateName READ stateName NOTIFY changed)
    /// Local mutations not yet acknowledged by the server.
    Q_PROPERTY(int pendingMutations READ pendingMutations NOTIFY changed)
    /// Photos, signatures and documents not yet complete on the server.
    Q_PROPERTY(int pendingBlobs READ pendingBlobs NOTIFY changed)
    /// Bytes confirmed by the server in the running cycle, and the cycle's total.
    Q_PROPERTY(qint64 bytesDone READ bytesDone NOTIFY changed)
    Q_PROPERTY(qint64 bytesTotal READ bytesTotal NOTIFY changed)
    /// Items (mutations, pulled records) done in the running cycle, and the cycle's total.
    Q_PROPERTY(int itemsDone READ itemsDone NOTIFY changed)
    Q_PROPERTY(int itemsTotal READ itemsTotal NOTIFY changed)
    /// 0..1 over bytes when a cycle moves blobs, otherwise over items; -1 when unknown.
    Q_PROPERTY(double progress READ progress NOTIFY changed)
    /// When the last cycle completed without error (invalid if never).
    Q_PROPERTY(QDateTime lastSuccess READ lastSuccess NOTIFY changed)
    /// The last failure in plain words for the user ("服务器暂时不可用，5 分钟后重试").
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
    /// Why the last cycle failed, as a code the app turns into words in the user's language:
    /// "offline", "insecure_server", "certificate_untrusted", "certificate_wrong_host",
    /// "certificate_expired", "needs_login", "client_too_old", "busy", "renumbered",
    /// "pull_stuck", "database_unavailable" or "failed"; empty after a success.
    Q_PROPERTY(QString reason READ reason NOTIFY changed)
    /// The server's error code for "failed" (shown as it is), else empty.
    Q_PROPERTY(QString reasonDetail READ reasonDetail NOTIFY changed)
    /// Seconds until the next attempt for "busy", else 0.
    Q_PROPERTY(int retryAfterSeconds READ retryAfterSeconds NOTIFY changed)

public:
    /// NeedsLogin and UpdateRequired stop automatic syncing until the user acts.
    enum class State { Idle, Syncing, Offline, Error, NeedsLogin, UpdateRequired };
    Q_ENUM(State)

    explicit SyncStatus(QObject* parent = nullptr);

    State state() const { return m_state; }
    QString stateName() const;
    int pendingMutations() const { return m_pendingMutations; }
    int pendingBlobs() const { return m_pendingBlobs; }
    qint64 bytesDone() const { return m_bytesDone; }
    qint64 bytesTotal() const { return m_bytesTotal; }
    int itemsDone() const { return m_itemsDone; }
    int itemsTotal() const { return m_itemsTotal; }
    double progress() const;
    QDateTime lastSuccess() const { return m_lastSuccess; }
    QString lastError() const { return m_lastError; }
    QString reason() const { return m_reason; }
    QString reasonDetail() const { return m_reasonDetail; }
    int retryAfterSeconds() const { return m_retryAfterSeconds; }

public Q_SLOTS:
    void setPending(int mutations, int blobs);
    /// A cycle started: progress counters reset.
    void cycleStarted(qint64 bytesTotal, int itemsTotal);
    void setProgress(qint64 bytesDone, int itemsDone);
    /// A cycle ended well at `when`.
    void cycleSucceeded(const QDateTime& when);
    /// A cycle ended badly; `state` says what the user can do about it.
    void cycleFailed(safeloop::sync::SyncStatus::State state, const QString& plainError);
    /// cycleFailed() with the failure's reason code (see `reason`), the server's code for
    /// "failed" and the wait for "busy".
    void cycleFailedBecause(safeloop::sync::SyncStatus::State state, const QString& reason,
        const QString& reasonDetail, int retryAfterSeconds, const QString& plainError);

Q_SIGNALS:
    void changed();

private:
    State m_state = State::Idle;
    int m_pendingMutations = 0;
    int m_pendingBlobs = 0;
    qint64 m_bytesDone = 0;
    qint64 m_bytesTotal = 0;
    int m_itemsDone = 0;
    int m_itemsTotal = 0;
    QDateTime m_lastSuccess;
    QString m_lastError;
    QString m_reason;
    QString m_reasonDetail;
    int m_retryAfterSeconds = 0;
};

} // namespace safeloop::sync
