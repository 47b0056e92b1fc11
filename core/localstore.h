#pragma once

#include "blobstore.h"
#include "mutation.h"
#include "result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QTimeZone>

#include <functional>
#include <memory>

namespace safeloop::core {

/// One row of the device's outbox, as pushed (SYNC.md).
struct OutboxRow {
    qint64 id = 0;
    QString name;
    QString entityId;
    QString hlc;
    QJsonObject base;
    QJsonObject args;
    QString createdAt;
};

/// The device's store: opens SQLite durably, migrates, and performs user actions as named
/// mutations — each one transaction holding the records, an audit entry and the outbox row.
class LocalStore {
public:
    struct Options {
        QString databasePath;
        QString blobRoot;
        QString deviceId;
        std::function<QDateTime()> clock = [] { return QDateTime::currentDateTimeUtc(); };
        QTimeZone zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    };

    static Result<std::unique_ptr<LocalStore>> open(Options options);
    ~LocalStore();
    LocalStore(const LocalStore&) = delete;
    LocalStore& operator=(const LocalStore&) = delete;

    /// Applies a mutation now. A refusal returns its Error and changes nothing.
    Result<MutationOutcome> perform(
        const Actor& actor, const QString& name, const QString& entityId, const QJsonObject& args);

    /// Outbox rows in id order (ids rise by one per mutation and never repeat).
    Result<QList<OutboxRow>> outbox();
    /// Deletes acknowledged rows up to and including `lastId`.
    Result<void> dropOutboxThrough(qint64 lastId);

    QSqlDatabase& database() { return m_db; }
    const BlobStore& blobs() const { return m_blobs; }
    QDateTime now() const { return m_options.clock(); }

private:
    LocalStore(Options options, QSqlDatabase db, QString connection);
    Result<QString> nextHlc();
    Result<qint64> nextOutboxId();

    Options m_options;
    QSqlDatabase m_db;
    QString m_connection;
    BlobStore m_blobs;
};

} // namespace safeloop::core
