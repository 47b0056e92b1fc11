#include "ledger.h"

#include "core/database.h"
#include "core/domain.h"
#include "core/nativesqlite.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

using core::sqlError;

namespace {

QString compactValue(const QJsonValue& v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
}

QJsonValue parseValue(const QString& text)
{
    if (text.isEmpty())
        return {};
    const QJsonArray a = QJsonDocument::fromJson(text.toUtf8()).array();
    return a.isEmpty() ? QJsonValue() : a.first();
}

QJsonObject parseObject(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

/// Version 1: the tables as SyncEngine created them before they were registered with core's
/// runner, idempotently (a device that made them then keeps its rows).
core::Result<void> v1(QSqlDatabase& db)
{
    for (const QString& sql : {
             u"CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
             u"CREATE TABLE IF NOT EXISTS sync_blobs (sha256 TEXT PRIMARY KEY, state TEXT NOT "
             u"NULL, downloaded INTEGER NOT NULL DEFAULT 0, size BIGINT NOT NULL DEFAULT 0, "
             u"last_used TEXT)"_s,
             u"CREATE TABLE IF NOT EXISTS sync_rejected (id BIGINT PRIMARY KEY, name TEXT NOT "
             u"NULL, entity_id TEXT NOT NULL, code TEXT, message TEXT, at TEXT NOT NULL)"_s,
             u"CREATE TABLE IF NOT EXISTS sync_conflicts_resolved (id TEXT PRIMARY KEY)"_s,
             u"CREATE TABLE IF NOT EXISTS sync_devices (id TEXT PRIMARY KEY, doc TEXT NOT NULL)"_s,
             u"CREATE TABLE IF NOT EXISTS sync_orphans (id TEXT PRIMARY KEY, parent TEXT NOT NULL, "
             u"change TEXT NOT NULL)"_s,
         }) {
        QSqlQuery q(db);
        if (!q.exec(sql))
            return sqlError(q);
    }
    return {};
}

/// Runs a prepared statement with its values bound in order.
core::Result<void> write(QSqlDatabase& db, const QString& sql, const QVariantList& values)
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const auto& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(q);
    return {};
}

} // namespace

Ledger::Ledger(core::LocalStore& store)
    : m_db(store.ledgerConnection(core::LedgerKey {}))
{
    const QString file = m_db.databaseName();
    if (!file.isEmpty() && file != u":memory:"_s && !file.startsWith(u"file:"_s))
        m_checkpointer
            = std::make_unique<core::WalCheckpointer>(core::WalCheckpointer::fileConnection(file));
}

core::LedgerSchema Ledger::schema()
{
    return { u"sync"_s, { { 1, &v1 } } };
}

core::Result<void> Ledger::begin()
{
    if (!m_db.transaction())
        return core::makeError(u"sql_error"_s, m_db.lastError().text());
    return {};
}

core::Result<void> Ledger::commit()
{
    if (!m_checkpointer) {
        if (!m_db.commit())
            return core::makeError(u"sql_error"_s, m_db.lastError().text());
        return {};
    }
    int frames = 0;
    if (auto r = core::detail::commitLeavingCheckpoint(m_db, &frames); !r)
        return r;
    m_checkpointer->committed(m_db, frames);
    return {};
}

core::WalCheckpointer::Stats Ledger::walCheckpoints() const
{
    return m_checkpointer ? m_checkpointer->stats() : core::WalCheckpointer::Stats {};
}

void Ledger::rollback()
{
    m_db.rollback();
}

void Ledger::deferForeignKeys()
{
    QSqlQuery defer(m_db);
    defer.exec(u"PRAGMA defer_foreign_keys = ON"_s);
}

// ---------------------------------------------------------------- sync_state

QString Ledger::value(const QString& key)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT value FROM sync_state WHERE key = ?"_s);
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

core::Result<void> Ledger::setValue(const QString& key, const QString& value)
{
    return write(m_db,
        u"INSERT INTO sync_state (key, value) VALUES (?, ?) "
        u"ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
        { key, value });
}

core::Result<void> Ledger::setValueLazily(const QString& key, const QString& value)
{
    QSqlQuery relax(m_db);
    relax.exec(u"PRAGMA synchronous=NORMAL"_s);
    auto stored = setValue(key, value);
    relax.exec(u"PRAGMA synchronous=FULL"_s);
    return stored;
}

void Ledger::clear(const QString& key)
{
    static_cast<void>(write(m_db, u"DELETE FROM sync_state WHERE key = ?"_s, { key }));
}

// ---------------------------------------------------------------- sync_blobs

QString Ledger::blobState(const QString& sha256)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT state FROM sync_blobs WHERE sha256 = ?"_s);
    q.addBindValue(sha256);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

void Ledger::setBlobState(const QString& sha256, const QString& state)
{
    static_cast<void>(write(m_db,
        u"INSERT INTO sync_blobs (sha256, state) VALUES (?, ?) "
        u"ON CONFLICT (sha256) DO UPDATE SET state = excluded.state"_s,
        { sha256, state }));
}

QStringList Ledger::blobsWaiting()
{
    QStringList ids;
    QSqlQuery q(m_db);
    if (q.exec(u"SELECT sha256 FROM sync_blobs WHERE state IN ('deferred', 'uploading') "
               u"ORDER BY sha256"_s))
        while (q.next())
            ids << q.value(0).toString();
    return ids;
}

void Ledger::touchBlob(const QString& sha256, bool downloaded, qint64 size)
{
    static_cast<void>(write(m_db,
        u"INSERT INTO sync_blobs (sha256, state, downloaded, size, last_used) "
        u"VALUES (?, 'confirmed', ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET "
        u"last_used = excluded.last_used"_s,
        { sha256, downloaded ? 1 : 0, size,
            core::formatTimestamp(QDateTime::currentDateTimeUtc()) }));
}

QList<std::pair<QString, qint64>> Ledger::downloadedBlobs()
{
    QList<std::pair<QString, qint64>> out;
    QSqlQuery q(m_db);
    q.exec(u"SELECT sha256, size FROM sync_blobs WHERE downloaded = 1 ORDER BY last_used DESC"_s);
    while (q.next())
        out.append({ q.value(0).toString(), q.value(1).toLongLong() });
    return out;
}

void Ledger::forgetBlob(const QString& sha256)
{
    static_cast<void>(write(m_db, u"DELETE FROM sync_blobs WHERE sha256 = ?"_s, { sha256 }));
}

// ---------------------------------------------------------------- sync_rejected

void Ledger::recordRejected(const RejectedMutation& r)
{
    static_cast<void>(write(m_db,
        u"INSERT OR REPLACE INTO sync_rejected (id, name, entity_id, code, message, at) "
        u"VALUES (?, ?, ?, ?, ?, ?)"_s,
        { r.id, r.name, r.entityId, r.code, r.message,
            core::formatTimestamp(QDateTime::currentDateTimeUtc()) }));
}

QList<RejectedMutation> Ledger::rejected()
{
    QList<RejectedMutation> list;
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT id, name, entity_id, code, message FROM sync_rejected ORDER BY id"_s))
        return list;
    while (q.next())
        list.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString() });
    return list;
}

// ---------------------------------------------------------------- conflicts

bool Ledger::hasOpenConflict(const QString& recordId)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT 1 FROM conflicts c WHERE c.record_id = ? AND NOT EXISTS "
              u"(SELECT 1 FROM sync_conflicts_resolved r WHERE r.id = c.id) LIMIT 1"_s);
    q.addBindValue(recordId);
    return q.exec() && q.next();
}

QList<ConflictView> Ledger::openConflicts(const QString& recordId)
{
    QList<ConflictView> list;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id, entity, record_id, field, user_id, kept_value, lost_value, reason, "
              u"created_at FROM conflicts c WHERE (? = '' OR record_id = ?) AND NOT EXISTS "
              u"(SELECT 1 FROM sync_conflicts_resolved r WHERE r.id = c.id) "
              u"ORDER BY created_at, id"_s);
    q.addBindValue(recordId.isNull() ? QString(u""_s) : recordId);
    q.addBindValue(recordId.isNull() ? QString(u""_s) : recordId);
    if (!q.exec())
        return list;
    while (q.next())
        list.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), parseValue(q.value(5).toString()),
            parseValue(q.value(6).toString()), q.value(7).toString(), q.value(8).toString() });
    return list;
}

std::optional<QString> Ledger::conflictRecord(const QString& conflictId)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT record_id FROM conflicts WHERE id = ?"_s);
    q.addBindValue(conflictId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toString();
}

core::Result<void> Ledger::markResolved(const QString& conflictId)
{
    return write(
        m_db, u"INSERT OR IGNORE INTO sync_conflicts_resolved (id) VALUES (?)"_s, { conflictId });
}

core::Result<void> Ledger::putConflict(const QString& id, const QJsonObject& fields)
{
    return write(m_db,
        u"INSERT OR REPLACE INTO conflicts (id, entity, record_id, field, user_id, kept_value, "
        u"lost_value, kept_hlc, lost_hlc, reason, created_at) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        { id, fields.value(u"entity"_s).toString(), fields.value(u"record_id"_s).toString(),
            fields.value(u"field"_s).toString(), fields.value(u"user_id"_s).toString(),
            compactValue(fields.value(u"kept_value"_s)),
            compactValue(fields.value(u"lost_value"_s)), fields.value(u"kept_hlc"_s).toString(),
            fields.value(u"lost_hlc"_s).toString(),
            fields.value(u"reason"_s).toString(u"concurrent_edit"_s),
            fields.value(u"created_at"_s).toString() });
}

core::Result<void> Ledger::removeConflict(const QString& id)
{
    return write(m_db, u"DELETE FROM conflicts WHERE id = ?"_s, { id });
}

// ---------------------------------------------------------------- sync_devices

core::Result<void> Ledger::putDevice(const QString& id, const QJsonObject& doc)
{
    return write(m_db, u"INSERT OR REPLACE INTO sync_devices (id, doc) VALUES (?, ?)"_s,
        { id, core::compact(doc) });
}

core::Result<void> Ledger::removeDevice(const QString& id)
{
    return write(m_db, u"DELETE FROM sync_devices WHERE id = ?"_s, { id });
}

QList<std::pair<QString, QJsonObject>> Ledger::devices()
{
    QList<std::pair<QString, QJsonObject>> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, doc FROM sync_devices ORDER BY id"_s))
        return out;
    while (q.next())
        out.append({ q.value(0).toString(), parseObject(q.value(1).toString()) });
    return out;
}

// ---------------------------------------------------------------- sync_orphans

core::Result<void> Ledger::hold(const QString& id, const QString& parent, const QJsonObject& change)
{
    return write(m_db,
        u"INSERT OR REPLACE INTO sync_orphans (id, parent, change) VALUES (?, ?, ?)"_s,
        { id, parent, core::compact(change) });
}

core::Result<void> Ledger::dropHeld(const QString& id)
{
    return write(m_db, u"DELETE FROM sync_orphans WHERE id = ? OR parent = ?"_s, { id, id });
}

core::Result<QList<HeldChange>> Ledger::held()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT id, change FROM sync_orphans"_s))
        return sqlError(q);
    QList<HeldChange> out;
    while (q.next())
        out.append({ q.value(0).toString(), parseObject(q.value(1).toString()) });
    return out;
}

core::Result<void> Ledger::forgetHeld(const QString& id)
{
    return write(m_db, u"DELETE FROM sync_orphans WHERE id = ?"_s, { id });
}

} // namespace safeloop::sync
