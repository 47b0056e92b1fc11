#pragma once

#include "core/ledger.h"
#include "core/localstore.h"
#include "core/result.h"
#include "core/walcheckpointer.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace safeloop::sync {

/// A value that lost a merge, listed for review (who, which field, both values).
struct ConflictView {
    QString id;
    QString entity;
    QString recordId;
    QString field;
    QString userId;
    QJsonValue keptValue;
    QJsonValue lostValue;
    QString reason;
    QString createdAt;
};

/// A pushed mutation the server refused (permission, domain rule, validation).
struct RejectedMutation {
    qint64 id = 0;
    QString name;
    QString entityId;
    QString code;
    QString message;
};

/// A pulled child held back until its parent arrives (`sync_orphans`).
struct HeldChange {
    QString id;
    QJsonObject change; ///< the change as the page carried it
};

/// sync's ledger in the device database: `sync_state` (session, cursor, last success, pull
/// errors), `sync_blobs`, `sync_rejected`, `sync_conflicts_resolved`, `sync_devices`,
/// `sync_orphans`, and on the device `conflicts`. The only sync code that runs SQL: it holds the
/// store's connection, which core hands out for a core::LedgerKey that only this class can make,
/// and answers everyone else with typed calls. Its tables are created by schema(), which
/// SyncEngine::open registers with core's migration runner.
class Ledger {
public:
    /// The ledger on `store`'s connection (the thread that owns `store`).
    explicit Ledger(core::LocalStore& store);

    /// The schema steps of sync's tables, registered in core::LocalStore::Options::ledgers.
    static core::LedgerSchema schema();

    // ---- one transaction over the ledger and core's tables (the store's connection)
    core::Result<void> begin();
    /// Commits leaving SQLite's WAL checkpoint to the ledger's checkpointer thread (a first sync
    /// commits a page of thousands of records after another: the copies into the database file
    /// run beside the next page's apply instead of before it).
    core::Result<void> commit();
    void rollback();
    /// What the checkpointer did so far (all zero for a database that is not a file).
    core::WalCheckpointer::Stats walCheckpoints() const;
    /// Within the open transaction, foreign keys are checked at commit (a pull page's children
    /// may come before their parents).
    void deferForeignKeys();

    // ---- sync_state: one value per key; an empty value is no entry
    QString value(const QString& key);
    core::Result<void> setValue(const QString& key, const QString& value);
    /// setValue() whose commit does not wait for the disk (an advisory stamp: synchronous=NORMAL
    /// in WAL may lose it at a power cut, never corrupt the file).
    core::Result<void> setValueLazily(const QString& key, const QString& value);
    void clear(const QString& key);

    // ---- sync_blobs: upload state of this device's photos and the download cache
    /// `pending`, `uploading`, `deferred`, `confirmed`, or empty when unknown.
    QString blobState(const QString& sha256);
    void setBlobState(const QString& sha256, const QString& state);
    /// Photos waiting for upload whose mutations went first (`deferred`) or whose upload a
    /// crash interrupted (`uploading`), by id.
    QStringList blobsWaiting();
    /// Marks a blob the server holds as used now (downloaded: a cached copy of `size` bytes).
    void touchBlob(const QString& sha256, bool downloaded, qint64 size);
    /// Downloaded copies, most recently used first, with their sizes.
    QList<std::pair<QString, qint64>> downloadedBlobs();
    void forgetBlob(const QString& sha256);

    // ---- sync_rejected
    void recordRejected(const RejectedMutation& rejected);
    QList<RejectedMutation> rejected();

    // ---- conflicts (pulled) and sync_conflicts_resolved
    bool hasOpenConflict(const QString& recordId);
    /// Unresolved conflicts, of one record or (`recordId` null) of all, oldest first.
    QList<ConflictView> openConflicts(const QString& recordId);
    /// The record a conflict names, if the device holds the conflict.
    std::optional<QString> conflictRecord(const QString& conflictId);
    core::Result<void> markResolved(const QString& conflictId);
    core::Result<void> putConflict(const QString& id, const QJsonObject& fields);
    core::Result<void> removeConflict(const QString& id);

    // ---- sync_devices: the supervisors' device health
    core::Result<void> putDevice(const QString& id, const QJsonObject& doc);
    core::Result<void> removeDevice(const QString& id);
    /// Every device row (id, doc), by id; empty when no engine ever opened this store.
    QList<std::pair<QString, QJsonObject>> devices();

    // ---- sync_orphans
    core::Result<void> hold(const QString& id, const QString& parent, const QJsonObject& change);
    /// Forgets the held change `id` and those held for parent `id`.
    core::Result<void> dropHeld(const QString& id);
    core::Result<QList<HeldChange>> held();
    core::Result<void> forgetHeld(const QString& id);

private:
    QSqlDatabase& m_db;
    /// Off-thread checkpoints of the device file's log; none for an in-memory database.
    std::unique_ptr<core::WalCheckpointer> m_checkpointer;
};

} // namespace safeloop::sync
