// LocalStore's typed reads and the device-only tables it owns (generated documents, document
// number blocks). Callers name what they want with types; the SQL stays here.
#include "localstore.h"

#include "storemeta_p.h"

#include "database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

/// The column behind a link for an entity, or empty if that entity has no such column. A fixed
/// table: no caller's string ever reaches the SQL text.
QString linkColumn(const QString& entity, LocalStore::Link link)
{
    using Link = LocalStore::Link;
    switch (link) {
    case Link::None:
        return {};
    case Link::Id:
        return u"id"_s;
    case Link::Enterprise:
        return entity == u"inspection"_s || entity == u"hazard"_s || entity == u"user"_s
                || entity == u"document"_s
            ? u"enterprise_id"_s
            : QString();
    case Link::Inspection:
        return entity == u"answer"_s || entity == u"hazard"_s || entity == u"document"_s
            ? u"inspection_id"_s
            : QString();
    case Link::Hazard:
        return entity == u"rectification_event"_s ? u"hazard_id"_s : QString();
    case Link::Record:
        return entity == u"comment"_s ? u"record_id"_s : QString();
    }
    return {};
}

QString documentsKey(const QString& inspectionId)
{
    return u"documents/"_s + inspectionId;
}

} // namespace

Result<void> LocalStore::createDeviceTables()
{
    // Device-only tables beside core's record schema (which the server shares), created
    // idempotently: a device that made them before core owned them keeps its rows.
    QSqlQuery q(m_db);
    if (!q.exec(u"CREATE TABLE IF NOT EXISTS document_number_blocks ("
                u"kind TEXT NOT NULL, year INTEGER NOT NULL, prefix TEXT NOT NULL, "
                u"first_number INTEGER NOT NULL, next_number INTEGER NOT NULL, "
                u"last_number INTEGER NOT NULL, received_at TEXT NOT NULL, "
                u"PRIMARY KEY (kind, year, first_number))"_s))
        return sqlError(q);
    // Indexes of the supervisor's figures on fields inside `doc` (docs/metrics.md): SQLite
    // expression indexes, so device-only like the table above (core's numbered schema is
    // portable SQL shared with the server). The expressions are written exactly as the
    // queries in localstoremetrics.cpp write them, or SQLite does not use the index.
    for (const QString& sql : {
             u"CREATE INDEX IF NOT EXISTS inspections_by_finish ON inspections "
             u"(json_extract(doc, '$.finished_at'), enterprise_id) "
             u"WHERE status = 'finished' AND deleted = 0"_s,
             u"CREATE INDEX IF NOT EXISTS hazards_without_basis ON hazards (inspection_id) "
             u"WHERE deleted = 0 AND trim(COALESCE(json_extract(doc, '$.basis'), '')) = ''"_s,
         })
        if (!q.exec(sql))
            return sqlError(q);
    return {};
}

Result<int> LocalStore::outboxCount()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT COUNT(*) FROM outbox"_s) || !q.next())
        return sqlError(q);
    return q.value(0).toInt();
}

Result<bool> LocalStore::outboxNamesBlob(const QString& sha256)
{
    // A blob id is 64 hex digits: a plain substring test on the stored args cannot match
    // anything else.
    QSqlQuery q(m_db);
    q.prepare(u"SELECT 1 FROM outbox WHERE instr(args, ?) > 0 LIMIT 1"_s);
    q.addBindValue(sha256);
    if (!q.exec())
        return sqlError(q);
    return q.next();
}

Result<QList<QJsonObject>> LocalStore::records(
    const QString& entity, Link link, const QString& value)
{
    const QString table = tableOf(entity);
    if (table.isEmpty())
        return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(entity));
    const QString column = linkColumn(entity, link);
    if (link != Link::None && column.isEmpty())
        return makeError(
            u"invalid_link"_s, u"%1 records cannot be narrowed that way"_s.arg(entity));
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QString sql = u"SELECT doc FROM %1 WHERE deleted = 0"_s.arg(table);
    if (!column.isEmpty())
        sql += u" AND %1 = ?"_s.arg(column);
    q.prepare(sql);
    if (!column.isEmpty())
        q.addBindValue(value);
    if (!q.exec())
        return sqlError(q);
    QList<QJsonObject> out;
    while (q.next())
        out.append(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    return out;
}

Result<QList<Recusal>> LocalStore::recusals()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT doc FROM recusals WHERE deleted = 0 ORDER BY created_at, id"_s))
        return sqlError(q);
    QList<Recusal> out;
    while (q.next()) {
        auto r
            = Recusal::fromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
        if (!r)
            return r.error();
        if (!r->withdrawn)
            out.append(*r);
    }
    return out;
}

Result<std::optional<StoredRecord>> LocalStore::record(
    const QString& entity, const QString& id, QDate today)
{
    return loadRecord(m_db, entity, id, today);
}

Result<QList<StoredRecord>> LocalStore::hazards(const HazardFilter& filter, QDate today)
{
    return listHazards(m_db, filter, today);
}

Result<HazardPickLists> LocalStore::hazardPickLists(const QString& enterpriseId, int limit)
{
    return core::hazardPickLists(m_db, enterpriseId, limit);
}

Result<HazardCounts> LocalStore::hazardCounts(
    const QString& enterpriseId, QDate today, int soonDays, std::optional<HazardSource> source)
{
    return countHazards(m_db, enterpriseId, today, soonDays, source);
}

Result<QList<ChecklistTemplate>> LocalStore::latestChecklists()
{
    return checklists::latest(m_db);
}

Result<QStringList> LocalStore::importChecklists(const QList<ChecklistTemplate>& templates)
{
    if (!m_db.transaction())
        return makeError(u"sql_error"_s, m_db.lastError().text());
    auto imported = checklists::import(m_db, templates, now());
    if (!imported) {
        m_db.rollback();
        return imported.error();
    }
    if (!m_db.commit())
        return makeError(u"sql_error"_s, m_db.lastError().text());
    return imported;
}

Result<void> LocalStore::storeRecord(const StoredRecord& record)
{
    return core::storeRecord(m_db, record);
}

Result<QJsonObject> LocalStore::inspectionDocuments(const QString& inspectionId)
{
    auto value = metaValue(m_db, documentsKey(inspectionId));
    if (!value)
        return value.error();
    return QJsonDocument::fromJson(value->toUtf8()).object();
}

Result<void> LocalStore::setInspectionDocuments(
    const QString& inspectionId, const QJsonObject& documents)
{
    return setMeta(m_db, documentsKey(inspectionId), compact(documents));
}

Result<DistrictProfile> LocalStore::districtProfile()
{
    auto value = metaValue(m_db, u"district_profile"_s);
    if (!value)
        return value.error();
    return DistrictProfile::fromJson(QJsonDocument::fromJson(value->toUtf8()).object());
}

Result<void> LocalStore::setDistrictProfile(const DistrictProfile& profile)
{
    return setMeta(m_db, u"district_profile"_s, compact(profile.toJson()));
}

Result<QDateTime> LocalStore::changesSeenAt()
{
    auto value = metaValue(m_db, u"changes_seen_at"_s);
    if (!value)
        return value.error();
    return parseTimestamp(*value).value_or(QDateTime());
}

Result<void> LocalStore::markChangesSeen(const QDateTime& at)
{
    return setMeta(m_db, u"changes_seen_at"_s, formatTimestamp(at.toUTC()));
}

Result<QList<QJsonObject>> LocalStore::rectificationEventsSince(
    const QDateTime& since, const QString& notBy)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT doc, created_at, updated_at FROM rectification_events "
              u"WHERE deleted = 0 AND updated_at > ? ORDER BY updated_at DESC, id LIMIT 200"_s);
    q.addBindValue(formatTimestamp(since.toUTC()));
    if (!q.exec())
        return sqlError(q);
    QList<QJsonObject> out;
    while (q.next()) {
        QJsonObject e = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        e.insert(u"created_at"_s, q.value(1).toString());
        e.insert(u"updated_at"_s, q.value(2).toString());
        if (e.value(u"actor_id"_s).toString() != notBy)
            out.append(e);
    }
    return out;
}

QStringList LocalStore::documentKinds()
{
    return { u"inspection_record"_s, u"rectification_order"_s, u"reinspection_opinion"_s };
}

Result<void> LocalStore::storeNumberBlock(
    const QString& kind, int year, const QString& prefix, qint64 first, qint64 last)
{
    if (!documentKinds().contains(kind))
        return makeError(u"invalid_document_kind"_s, u"unknown document kind %1"_s.arg(kind));
    if (year < 2000 || first < 1 || last < first || prefix.trimmed().isEmpty())
        return makeError(u"invalid_number_block"_s,
            u"a number block needs a year, a prefix and first ≤ last (got %1, %2–%3)"_s.arg(year)
                .arg(first)
                .arg(last));
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO document_number_blocks (kind, year, prefix, first_number, "
              u"next_number, last_number, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
              u"ON CONFLICT (kind, year, first_number) DO NOTHING"_s);
    q.addBindValue(kind);
    q.addBindValue(year);
    q.addBindValue(prefix);
    q.addBindValue(first);
    q.addBindValue(first);
    q.addBindValue(last);
    q.addBindValue(now().toString(Qt::ISODateWithMs));
    if (!q.exec())
        return sqlError(q, u"storage_error"_s);
    return {};
}

Result<void> LocalStore::discardNumberBlocks(const QString& kind)
{
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM document_number_blocks WHERE kind = ?"_s);
    q.addBindValue(kind);
    if (!q.exec())
        return sqlError(q, u"storage_error"_s);
    return {};
}

Result<int> LocalStore::documentNumbersLeft(const QString& kind, int year)
{
    QSqlQuery q(m_db);
    q.prepare(
        u"SELECT COALESCE(SUM(last_number - next_number + 1), 0) FROM "
        u"document_number_blocks WHERE kind = ? AND year = ? AND next_number <= last_number"_s);
    q.addBindValue(kind);
    q.addBindValue(year);
    if (!q.exec() || !q.next())
        return sqlError(q, u"storage_error"_s);
    return q.value(0).toInt();
}

Result<QString> LocalStore::takeDocumentNumber(const QString& kind, int year)
{
    QSqlQuery q(m_db);
    // One statement: SQLite runs it atomically, so concurrent takers never share a number.
    q.prepare(
        u"UPDATE document_number_blocks SET next_number = next_number + 1 "
        u"WHERE rowid = (SELECT rowid FROM document_number_blocks WHERE kind = ? AND year = ? "
        u"AND next_number <= last_number ORDER BY first_number LIMIT 1) "
        u"RETURNING prefix, next_number - 1"_s);
    q.addBindValue(kind);
    q.addBindValue(year);
    if (!q.exec())
        return sqlError(q, u"storage_error"_s);
    if (!q.next())
        return makeError(u"no_document_numbers"_s,
            u"this device has no %1 numbers for %2 left; sync to receive a new block"_s.arg(kind)
                .arg(year));
    const QString number = u"%1%2号"_s.arg(q.value(0).toString()).arg(q.value(1).toLongLong());
    q.finish();
    return number;
}

} // namespace safeloop::core
