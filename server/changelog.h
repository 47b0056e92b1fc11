#pragma once

#include "core/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace safeloop::server {

/// Where a record lives for scoping pull and blob reads.
struct RecordScope {
    bool exists = false;
    bool deleted = false;
    QString enterpriseId; ///< the enterprise the record belongs to (empty: none)
    QString street; ///< that enterprise's street
    /// False for records an enterprise user never receives (inspectors' inspections, their
    /// answers, conflicts, comments on such inspections, plans); an enterprise's own
    /// self-checks and their answers are in its sight.
    bool enterpriseVisible = false;
};

/// SQL condition, on a row of `hazards` named `hazardTable`, that holds the hazard back from its
/// enterprise: it was recorded in an inspection (not a self-check) that is not finished yet.
/// Such a hazard is the inspectors' draft; the enterprise receives it, its events, comments and
/// photos once the inspection is finished (SYNC.md). scopeOf() and the pull page reader both use
/// it.
QString hazardHeldBackSql(const QString& hazardTable);
/// Whether an inspection's stored doc is an enterprise's self-check (`kind` self_check).
bool isSelfCheckDoc(const QByteArray& doc);

/// The current scope of a record (`entity` is a wire entity name). An attachment has no scope of
/// its own: it is where the records that reference it are (blobReferences()); scopeOf() answers
/// for an attachment with the scope of its first reference only.
core::Result<RecordScope> scopeOf(QSqlDatabase& db, const QString& entity, const QString& id);

/// A record that references a blob in its `attachments` or `signatures`, with its current scope.
struct BlobReference {
    QString entity;
    QString id;
    RecordScope scope;
};

/// Every record that references blob `sha256`, in the order the references were made. A photo
/// used twice (an answer and a hazard, two enterprises' comments) is visible wherever one of its
/// live references is.
core::Result<QList<BlobReference>> blobReferences(QSqlDatabase& db, const QString& sha256);

/// Appends a change-log entry for a record written outside push (imports, seeding) or by push
/// itself, inside the caller's open transaction. The record must already be written: its scope
/// (enterprise, street) is read from it. The first append of a transaction updates the one-row
/// `change_counter` table and so holds its row lock until commit (PostgreSQL): change-log
/// sequence order is commit order, and a pull cursor never skips a change that commits late.
/// An enterprise that moved to another street re-appends its dependent records, so inspectors
/// of the old street receive them as `remove`. Records that reference blobs also append their
/// `attachment` entries.
core::Result<void> appendChange(QSqlDatabase& db, const QString& entity, const QString& id);

/// A record row a push just wrote, as core wrote it: the change log takes the record's scope
/// from it instead of reading it back.
struct WrittenRecord {
    QJsonObject doc; ///< the wire fields
    bool deleted = false;
};
/// Rows a push wrote, keyed `entity/id`; the last write of each record.
using WrittenRecords = QHash<QString, WrittenRecord>;
/// A blob reference a mutation made (appendBlobReference()).
struct ReferenceChange {
    QString sha256;
    QString entity;
    QString id;
};

/// What one appendChanges() call did, for the push statistics.
struct AppendStats {
    /// Records whose last change-log entry was looked up in the database (a fresh record's is
    /// not: it has none).
    qint64 lastLookups = 0;
    /// Change-log rows written through SQLite's own handle (core/nativesqlite.h), not QtSql.
    qint64 nativeRows = 0;
    /// Push results written through SQLite's own handle (the push's caller counts them here).
    qint64 nativeResultRows = 0;
    /// Last-entry lookups sent through libpq with their ids as parameters (PostgreSQL).
    qint64 paramLookups = 0;
};

/// appendChange() for each of `records` in order (each record once), then appendBlobReference()
/// for each of `references`, as one push needs them: a record in `written` has its scope taken
/// from that row, the last entries of all records are looked up together, and the rows are
/// written at the end with one counter update and multi-row INSERTs (on SQLite, one prepared
/// INSERT stepped per row on SQLite's own handle). A record in `fresh` (keyed `entity/id`: the
/// push found no row under its id before creating it) has no earlier change-log entry and is
/// not looked up. `stats`, when given, has this call's figures added.
core::Result<void> appendChanges(QSqlDatabase& db,
    const QList<std::pair<QString, QString>>& records, const QList<ReferenceChange>& references,
    const WrittenRecords& written, const QSet<QString>& fresh = {}, AppendStats* stats = nullptr);

/// Records that a mutation made record `entity`/`id` reference blob `sha256`, and appends an
/// attachment change in that record's scope if the reference is new. Push calls it for every
/// blob a mutation names: a later mutation of the same batch may replace the record's
/// `attachments`, and a reference made and replaced between two change-log appends would
/// otherwise leave the blob's metadata on the device that made it and nowhere else.
core::Result<void> appendBlobReference(
    QSqlDatabase& db, const QString& sha256, const QString& entity, const QString& id);

/// Brings the `user` entity view of the `users` table up to date (`doc` for core's rules,
/// `enterprise_id` linked by credit code once the enterprise record exists) and appends a change
/// for every user it touched. Call inside a transaction after importing enterprises or users.
core::Result<void> refreshUserRecords(QSqlDatabase& db);

/// The server schema step that adds core's record tables, the change log and push bookkeeping.
core::Result<void> migrateSyncSchema(QSqlDatabase& db);

/// Begins a write transaction: `BEGIN IMMEDIATE` on SQLite, `BEGIN` on PostgreSQL.
core::Result<void> beginWrite(QSqlDatabase& db);
/// Takes the change-log counter row lock now (held to commit): serialises writers that append.
core::Result<qint64> lockChangeLog(QSqlDatabase& db);

} // namespace safeloop::server
