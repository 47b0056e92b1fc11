// Records as stored: the row codec the mutations share (readRow, writeRow, freshRow),
// loadRecord(), storeRecord() and RecordWriter.

#include "mutation.h"

#include "entities.h"
#include "mutationapplier_p.h"
#include "rules.h"
#include "statementcache.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace detail {

namespace {

/// Promoted columns of each table, computed from the record's wire fields.
QList<std::pair<QString, QVariant>> promoted(const QString& entity, const FieldLookup& field)
{
    struct {
        const FieldLookup& f;
        QJsonValue value(const QString& key) const { return f(key); }
    } d { field };
    auto s
        = [&d](const char16_t* k) { return QVariant(d.value(QString::fromUtf16(k)).toString()); };
    if (entity == u"enterprise"_s)
        return { { u"street"_s, s(u"street") }, { u"risk_grade"_s, s(u"risk_grade") } };
    if (entity == u"user"_s)
        return { { u"role"_s, s(u"role") }, { u"enterprise_id"_s, s(u"enterprise_id") } };
    if (entity == u"template"_s)
        return { { u"code"_s, s(u"code") }, { u"version"_s, d.value(u"version"_s).toInt(1) } };
    if (entity == u"inspection"_s)
        return { { u"enterprise_id"_s, s(u"enterprise_id") }, { u"started_at"_s, s(u"started_at") },
            { u"status"_s, s(u"status") } };
    if (entity == u"answer"_s)
        return { { u"inspection_id"_s, s(u"inspection_id") }, { u"item_code"_s, s(u"item_code") } };
    if (entity == u"hazard"_s) {
        const QString inspection = d.value(u"inspection_id"_s).toString();
        return { { u"enterprise_id"_s, s(u"enterprise_id") },
            { u"inspection_id"_s, inspection.isEmpty() ? QVariant() : QVariant(inspection) },
            { u"status"_s, s(u"status") }, { u"level"_s, s(u"level") },
            { u"deadline"_s, s(u"deadline") } };
    }
    if (entity == u"rectification_event"_s)
        return { { u"hazard_id"_s, s(u"hazard_id") }, { u"kind"_s, s(u"kind") } };
    if (entity == u"comment"_s)
        return { { u"record_id"_s, s(u"record_id") } };
    if (entity == u"attachment"_s)
        return { { u"mime"_s, s(u"mime") },
            { u"size"_s, static_cast<qint64>(d.value(u"size"_s).toDouble()) } };
    if (entity == u"plan"_s)
        return { { u"year"_s, d.value(u"year"_s).toInt() } };
    if (entity == u"recusal"_s)
        return { { u"inspector_id"_s, s(u"inspector_id") },
            { u"enterprise_id"_s, s(u"enterprise_id") } };
    if (entity == u"document"_s) {
        const QString inspection = d.value(u"inspection_id"_s).toString();
        return { { u"enterprise_id"_s, s(u"enterprise_id") },
            { u"inspection_id"_s, inspection.isEmpty() ? QVariant() : QVariant(inspection) },
            { u"kind"_s, s(u"kind") } };
    }
    return {};
}

/// A promoted column that promoted() fills from the field of the same name as a string: "" when
/// the field is missing or not a string, or NULL then and for "" when `nullIfEmpty`.
struct TextColumn {
    QLatin1StringView name;
    bool nullIfEmpty = false;
};

/// The promoted columns of `entity`, in promoted()'s order, when every one is a TextColumn; null
/// for the entities with whole-number columns (template, attachment, plan) and unknown names.
const QList<TextColumn>* textColumns(const QString& entity)
{
    static const QHash<QString, QList<TextColumn>> columns {
        { u"enterprise"_s, { { "street"_L1 }, { "risk_grade"_L1 } } },
        { u"user"_s, { { "role"_L1 }, { "enterprise_id"_L1 } } },
        { u"inspection"_s, { { "enterprise_id"_L1 }, { "started_at"_L1 }, { "status"_L1 } } },
        { u"answer"_s, { { "inspection_id"_L1 }, { "item_code"_L1 } } },
        { u"hazard"_s,
            { { "enterprise_id"_L1 }, { "inspection_id"_L1, true }, { "status"_L1 }, { "level"_L1 },
                { "deadline"_L1 } } },
        { u"rectification_event"_s, { { "hazard_id"_L1 }, { "kind"_L1 } } },
        { u"comment"_s, { { "record_id"_L1 } } },
        { u"recusal"_s, { { "inspector_id"_L1 }, { "enterprise_id"_L1 } } },
        { u"document"_s, { { "enterprise_id"_L1 }, { "inspection_id"_L1, true }, { "kind"_L1 } } },
    };
    const auto it = columns.constFind(entity);
    return it == columns.constEnd() ? nullptr : &it.value();
}

QList<std::pair<QString, QVariant>> promoted(const QString& entity, const QJsonObject& d)
{
    return promoted(entity, [&d](const QString& key) { return d.value(key); });
}

/// The upsert statement of each record table: id, the promoted columns (in promoted()'s order),
/// doc, versions, hlcs, created_at, updated_at, deleted; created_at never changes on update.
const QString& upsertSql(const QString& entity)
{
    static const QHash<QString, QString> statements = [] {
        QHash<QString, QString> out;
        for (const auto& e : { u"enterprise"_s, u"user"_s, u"template"_s, u"inspection"_s,
                 u"answer"_s, u"hazard"_s, u"rectification_event"_s, u"comment"_s, u"attachment"_s,
                 u"plan"_s, u"recusal"_s, u"document"_s }) {
            QStringList names { u"id"_s };
            for (const auto& c : promoted(e, QJsonObject {}))
                names << c.first;
            names << u"doc"_s << u"versions"_s << u"hlcs"_s << u"created_at"_s << u"updated_at"_s
                  << u"deleted"_s;
            QStringList marks, updates;
            for (const auto& n : names) {
                marks << u"?"_s;
                if (n != u"id"_s && n != u"created_at"_s)
                    updates << u"%1 = excluded.%1"_s.arg(n);
            }
            out.insert(e,
                u"INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (id) DO UPDATE SET %4"_s.arg(
                    tableOf(e), names.join(u", "_s), marks.join(u", "_s), updates.join(u", "_s)));
        }
        return out;
    }();
    static const QString none;
    const auto it = statements.constFind(entity);
    return it == statements.constEnd() ? none : it.value();
}

/// Binds a row to a prepared upsertSql() statement and runs it.
Result<void> bindAndWrite(QSqlQuery& q, const QString& entity, const QString& id, const Row& row,
    const QString& updatedAt)
{
    bindRow(q, 0, entity, id, row, storedDoc(row, updatedAt), updatedAt);
    if (!q.exec())
        return sqlError(q);
    return {};
}

/// The row storeRecord() writes for a pulled record, and its updated_at.
std::pair<Row, QString> pulledRow(const StoredRecord& record)
{
    Row row;
    row.doc = record.fields;
    row.doc.remove(u"overdue"_s);
    row.versions = record.versions;
    row.createdAt = record.fields.value(u"created_at"_s).toString();
    if (row.createdAt.isEmpty())
        row.createdAt = formatTimestamp(QDateTime::currentDateTimeUtc());
    row.deleted = record.deleted;
    QString updated = record.fields.value(u"updated_at"_s).toString();
    if (updated.isEmpty())
        updated = row.createdAt;
    return { row, updated };
}

} // namespace

QStringList upsertColumns(const QString& entity)
{
    QStringList names { u"id"_s };
    for (const auto& c : promoted(entity, QJsonObject {}))
        names << c.first;
    names << u"doc"_s << u"versions"_s << u"hlcs"_s << u"created_at"_s << u"updated_at"_s
          << u"deleted"_s;
    return names;
}

QJsonObject storedDoc(const Row& row, const QString& updatedAt)
{
    QJsonObject doc = row.doc;
    // Pulled records already carry both stamps; inserting equal values would only copy the doc.
    if (doc.value(u"created_at"_s).toString() != row.createdAt)
        doc.insert(u"created_at"_s, row.createdAt);
    if (doc.value(u"updated_at"_s).toString() != updatedAt)
        doc.insert(u"updated_at"_s, updatedAt);
    return doc;
}

int bindRow(QSqlQuery& q, int first, const QString& entity, const QString& id, const Row& row,
    const QJsonObject& doc, const QString& updatedAt)
{
    const auto cols = promoted(entity, row.doc);
    int i = first;
    q.bindValue(i++, id);
    for (const auto& c : cols)
        q.bindValue(i++, c.second);
    q.bindValue(i++, compact(doc));
    q.bindValue(i++, compact(row.versions));
    q.bindValue(i++, row.hlcs.isEmpty() ? u"{}"_s : compact(row.hlcs));
    q.bindValue(i++, row.createdAt);
    q.bindValue(i++, updatedAt);
    q.bindValue(i++, row.deleted ? 1 : 0);
    return i;
}

Row rowFromColumns(const QSqlQuery& q, int first)
{
    return Row { parseObject(q.value(first).toString()), parseObject(q.value(first + 1).toString()),
        parseObject(q.value(first + 2).toString()), q.value(first + 3).toString(),
        q.value(first + 4).toInt() != 0 };
}

Result<std::optional<Row>> readStoredRow(QSqlDatabase& db, const QString& entity, const QString& id)
{
    auto statement = preparedDirect(db,
        u"SELECT doc, versions, hlcs, created_at, deleted FROM %1 WHERE id = ?"_s.arg(
            tableOf(entity)));
    if (!statement)
        return statement.error();
    QSqlQuery q = std::move(statement.value());
    q.bindValue(0, id);
    if (!q.exec())
        return sqlError(q);
    if (!q.next())
        return std::optional<Row> {};
    return std::optional<Row> { rowFromColumns(q, 0) };
}

Result<void> writeStoredRow(QSqlDatabase& db, const QString& entity, const QString& id,
    const Row& row, const QString& updatedAt)
{
    auto statement = preparedDirect(db, upsertSql(entity));
    if (!statement)
        return statement.error();
    return bindAndWrite(statement.value(), entity, id, row, updatedAt);
}

Result<std::optional<Row>> readRow(QSqlDatabase& db, const QString& entity, const QString& id)
{
    if (auto held = cachedRead(db, entity, id))
        return std::move(*held);
    return readStoredRow(db, entity, id);
}

Result<void> writeRow(QSqlDatabase& db, const QString& entity, const QString& id, const Row& row,
    const QString& updatedAt)
{
    if (auto queued = cachedWrite(db, entity, id, row, updatedAt))
        return std::move(*queued);
    return writeStoredRow(db, entity, id, row, updatedAt);
}

Row freshRow(const QJsonObject& doc, const QString& hlcKey, const QString& createdAt)
{
    Row r;
    r.doc = doc;
    r.doc.remove(u"created_at"_s);
    r.doc.remove(u"updated_at"_s);
    for (auto it = r.doc.constBegin(); it != r.doc.constEnd(); ++it) {
        r.versions.insert(it.key(), 1);
        r.hlcs.insert(it.key(), hlcKey);
    }
    r.createdAt = createdAt;
    return r;
}

} // namespace detail

QString tableOf(const QString& entity)
{
    const EntityInfo* e = entityInfo(entity);
    return e ? e->table : QString();
}

StoredRecord recordFromRow(const QString& entity, const QString& id, const QString& doc,
    const QString& versions, bool deleted, QDate today)
{
    StoredRecord r { entity, id, detail::parseObject(doc), detail::parseObject(versions), deleted };
    if (entity == u"hazard"_s) {
        const QDate deadline
            = QDate::fromString(r.fields.value(u"deadline"_s).toString(), Qt::ISODate);
        const auto status = parseHazardStatus(r.fields.value(u"status"_s).toString());
        const QDate day
            = today.isValid() ? today : rules::localDate(QDateTime::currentDateTimeUtc());
        r.fields.insert(
            u"overdue"_s, status.ok() && rules::isOverdue(deadline, status.value(), day));
    }
    return r;
}

Result<std::optional<StoredRecord>> loadRecord(
    QSqlDatabase& db, const QString& entity, const QString& id, QDate today)
{
    if (tableOf(entity).isEmpty())
        return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(entity));
    auto statement = prepared(
        db, u"SELECT doc, versions, deleted FROM %1 WHERE id = ?"_s.arg(tableOf(entity)));
    if (!statement)
        return statement.error();
    QSqlQuery q = std::move(statement.value());
    q.bindValue(0, id);
    if (!q.exec())
        return sqlError(q);
    if (!q.next())
        return std::optional<StoredRecord> {};
    return std::optional<StoredRecord> { recordFromRow(
        entity, id, q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() != 0, today) };
}

Result<void> storeRecord(QSqlDatabase& db, const StoredRecord& record)
{
    if (tableOf(record.entity).isEmpty())
        return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(record.entity));
    const auto [row, updated] = detail::pulledRow(record);
    return detail::writeRow(db, record.entity, record.id, row, updated);
}

namespace detail {

/// The `sqlite3*` of a Qt SQLite connection, when Qt's driver runs on the same SQLite library
/// this binary links (same version reported by both); null otherwise, and the caller keeps to
/// QSqlQuery.
sqlite3* nativeHandle(QSqlDatabase& db)
{
    if (db.driverName() != u"QSQLITE"_s || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    QSqlQuery version(db);
    if (!version.exec(u"SELECT sqlite_version()"_s) || !version.next()
        || version.value(0).toString() != QString::fromLatin1(sqlite3_libversion()))
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

QList<std::pair<QString, QVariant>> promotedColumns(const QString& entity, const QJsonObject& doc)
{
    return promoted(entity, doc);
}

/// Binds a promoted column's value (text, whole number or NULL) at `index`.
int bindVariant(sqlite3_stmt* statement, int index, const QVariant& value)
{
    if (value.isNull())
        return sqlite3_bind_null(statement, index);
    if (value.typeId() == QMetaType::Int || value.typeId() == QMetaType::LongLong)
        return sqlite3_bind_int64(statement, index, value.toLongLong());
    const QByteArray text = value.toString().toUtf8();
    return sqlite3_bind_text(
        statement, index, text.constData(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

NativeStatements::~NativeStatements()
{
    for (sqlite3_stmt* statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
}

sqlite3_stmt* NativeStatements::prepare(
    sqlite3* handle, const QString& key, const QString& sql, QString* error)
{
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(handle, text.constData(), static_cast<int>(text.size()),
            SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
        != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(handle));
        sqlite3_finalize(statement);
        return nullptr;
    }
    m_statements.insert(key, statement);
    return statement;
}

namespace {

/// SQLite's WAL hook while a commit leaves the checkpoint to someone else: notes the log's size.
int noteWalFrames(void* frames, sqlite3*, const char*, int pages)
{
    *static_cast<int*>(frames) = pages;
    return SQLITE_OK;
}

} // namespace

Result<void> commitLeavingCheckpoint(QSqlDatabase& db, int* walFrames)
{
    *walFrames = 0;
    sqlite3* handle = nativeHandle(db);
    if (!handle)
        return exec(db, u"COMMIT"_s);
    // The hook replaces the auto-checkpoint for this one commit, and the auto-checkpoint
    // replaces the hook again after it, whether the commit worked or not.
    sqlite3_wal_hook(handle, noteWalFrames, walFrames);
    auto committed = exec(db, u"COMMIT"_s);
    sqlite3_wal_autocheckpoint(handle, AutoCheckpointFrames);
    return committed;
}

Result<WalCheckpoint> checkpoint(QSqlDatabase& db, CheckpointMode mode, int busyMs)
{
    sqlite3* handle = nativeHandle(db);
    if (!handle)
        return WalCheckpoint {};
    WalCheckpoint out;
    const bool restart = mode == CheckpointMode::Restart;
    // core::openSqlite's connections wait up to 5 s for a lock; a restarting checkpoint holds
    // the write lock while it waits, so it waits only as long as asked.
    if (restart)
        sqlite3_busy_timeout(handle, busyMs);
    const int rc = sqlite3_wal_checkpoint_v2(handle, nullptr,
        restart ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE, &out.logFrames,
        &out.copiedFrames);
    if (restart)
        sqlite3_busy_timeout(handle, BusyTimeoutMs);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        return makeError(u"sql_error"_s,
            u"WAL checkpoint failed: %1"_s.arg(QString::fromUtf8(sqlite3_errmsg(handle))));
    out.busy = rc == SQLITE_BUSY;
    // Not in WAL mode: -1 for both.
    out.logFrames = std::max(0, out.logFrames);
    out.copiedFrames = std::max(0, out.copiedFrames);
    return out;
}

} // namespace detail

namespace {

int bindUtf8(sqlite3_stmt* statement, int index, QByteArrayView text)
{
    // The caller's text outlives the step that reads it (bound and stepped in one call).
    return sqlite3_bind_text(
        statement, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

} // namespace

struct RecordWriter::Statements {
    QHash<QString, QSqlQuery> upserts;
    QHash<QString, QSqlQuery> lookups;
    sqlite3* handle = nullptr;
    detail::NativeStatements native;

    /// The prepared upsertSql() of `entity` on the native handle (null on failure).
    sqlite3_stmt* nativeStatement(const QString& entity)
    {
        return native.statement(handle, entity, [&entity] { return detail::upsertSql(entity); });
    }
};

RecordWriter::RecordWriter(QSqlDatabase& db)
    : m_db(db)
    , m_statements(std::make_unique<Statements>())
{
    m_statements->handle = detail::nativeHandle(m_db);
}

RecordWriter::~RecordWriter() = default;

bool RecordWriter::holds(const QString& entity, const QString& id)
{
    auto it = m_statements->lookups.find(entity);
    if (it == m_statements->lookups.end()) {
        const QString table = tableOf(entity);
        if (table.isEmpty())
            return false;
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(u"SELECT 1 FROM %1 WHERE id = ?"_s.arg(table)))
            return false;
        it = m_statements->lookups.insert(entity, q);
    }
    it->bindValue(0, id);
    const bool found = it->exec() && it->next();
    it->finish();
    return found;
}

Result<void> RecordWriter::remove(const QString& entity, const QString& id)
{
    const QString table = tableOf(entity);
    if (table.isEmpty())
        return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(entity));
    QSqlQuery q(m_db);
    for (const EntityInfo& child : foreignKeyChildren(entity)) {
        q.prepare(u"DELETE FROM %1 WHERE %2 = ?"_s.arg(child.table, child.parentField));
        q.addBindValue(id);
        if (!q.exec())
            return sqlError(q);
    }
    q.prepare(u"DELETE FROM %1 WHERE id = ?"_s.arg(table));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(q);
    return {};
}

Result<QSqlQuery*> RecordWriter::statement(const QString& entity)
{
    auto it = m_statements->upserts.find(entity);
    if (it == m_statements->upserts.end()) {
        if (tableOf(entity).isEmpty())
            return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(entity));
        QSqlQuery q(m_db);
        if (!q.prepare(detail::upsertSql(entity)))
            return sqlError(q);
        it = m_statements->upserts.insert(entity, q);
    }
    return &it.value();
}

Result<void> RecordWriter::store(const StoredRecord& record)
{
    auto q = statement(record.entity);
    if (!q)
        return q.error();
    const auto [row, updated] = detail::pulledRow(record);
    return detail::bindAndWrite(**q, record.entity, record.id, row, updated);
}

bool RecordWriter::bindsText(const FieldLookup& field)
{
    // The row pulledRow() builds has doc == fields exactly when fields carry both stamps and
    // no derived `overdue`; then the page's text of fields is the doc's text.
    const QJsonValue created = field(u"created_at"_s);
    const QJsonValue updated = field(u"updated_at"_s);
    return created.isString() && !created.toString().isEmpty() && updated.isString()
        && !updated.toString().isEmpty() && field(u"overdue"_s).isUndefined();
}

Result<void> RecordWriter::store(
    const StoredRecord& record, QByteArrayView fieldsText, QByteArrayView versionsText)
{
    // The record's own flag answers for `deleted` (a caller may set it without the field).
    const FieldLookup field = [&record](const QString& key) {
        return key == u"deleted"_s ? QJsonValue(record.deleted) : record.fields.value(key);
    };
    if (fieldsText.isEmpty() || versionsText.isEmpty() || !bindsText(field))
        return store(record);
    return storeText(record.entity, record.id, field, fieldsText, versionsText);
}

bool RecordWriter::bindsText(const FieldTextLookup& text)
{
    // As bindsText(FieldLookup): a string is empty exactly when its UTF-8 is.
    QByteArray scratch;
    const FieldText created = text("created_at"_L1, scratch);
    if (!created.isString || created.utf8.isEmpty())
        return false;
    const FieldText updated = text("updated_at"_L1, scratch);
    return updated.isString && !updated.utf8.isEmpty() && !text("overdue"_L1, scratch).present;
}

Result<void> RecordWriter::storeText(const QString& entity, const QString& id,
    const FieldLookup& field, const FieldTextLookup& text, QByteArrayView fieldsText,
    QByteArrayView versionsText)
{
    const QList<detail::TextColumn>* columns = detail::textColumns(entity);
    if (!columns || !m_statements->handle || columns->size() > 6)
        return storeText(entity, id, field, fieldsText, versionsText);
    sqlite3_stmt* statement = m_statements->nativeStatement(entity);
    if (!statement)
        return makeError(u"sql_error"_s, QString::fromUtf8(sqlite3_errmsg(m_statements->handle)));
    // Strings written with escapes are decoded into these; every view stays valid until the
    // step below. An id is short ASCII as a rule: no allocation for it then.
    std::array<QByteArray, 8> scratch;
    std::array<char, 64> idBuffer {};
    QByteArray idFallback;
    QByteArrayView idText;
    if (id.size() <= qsizetype(idBuffer.size())) {
        qsizetype n = 0;
        for (const QChar ch : id) {
            if (ch.unicode() >= 0x80)
                break;
            idBuffer[size_t(n++)] = static_cast<char>(ch.unicode());
        }
        if (n == id.size())
            idText = QByteArrayView(idBuffer.data(), n);
    }
    if (idText.isNull()) {
        idFallback = id.toUtf8();
        idText = idFallback;
    }
    const FieldText created = text("created_at"_L1, scratch[6]);
    const FieldText updated = text("updated_at"_L1, scratch[7]);
    const bool deleted = text("deleted"_L1, scratch[0]).json == "true";
    // A bound text must not be a null pointer (SQLite would store NULL).
    auto bind = [statement](int index, QByteArrayView utf8) {
        return sqlite3_bind_text(statement, index, utf8.data() ? utf8.data() : "",
            static_cast<int>(utf8.size()), SQLITE_STATIC);
    };
    int i = 1;
    int rc = bind(i++, idText);
    for (qsizetype c = 0; c < columns->size(); ++c) {
        const detail::TextColumn& column = columns->at(c);
        const FieldText value = text(column.name, scratch[size_t(c)]);
        const QByteArrayView utf8 = value.isString ? value.utf8 : QByteArrayView("");
        if (rc == SQLITE_OK)
            rc = column.nullIfEmpty && utf8.isEmpty() ? sqlite3_bind_null(statement, i)
                                                      : bind(i, utf8);
        ++i;
    }
    for (const QByteArrayView t :
        { fieldsText, versionsText, QByteArrayView("{}"), created.utf8, updated.utf8 })
        rc = rc == SQLITE_OK ? bind(i++, t) : rc;
    rc = rc == SQLITE_OK ? sqlite3_bind_int(statement, i++, deleted ? 1 : 0) : rc;
    if (rc == SQLITE_OK)
        rc = sqlite3_step(statement);
    const QString error
        = rc == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(m_statements->handle));
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (rc != SQLITE_DONE)
        return makeError(u"sql_error"_s, error);
    return {};
}

Result<void> RecordWriter::storeText(const QString& entity, const QString& id,
    const FieldLookup& field, QByteArrayView fieldsText, QByteArrayView versionsText)
{
    const StoredRecord record { entity, id, {}, {}, field(u"deleted"_s).toBool() };
    const QJsonValue created = field(u"created_at"_s);
    const QJsonValue updated = field(u"updated_at"_s);
    if (tableOf(record.entity).isEmpty())
        return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(record.entity));
    const auto columns = detail::promoted(record.entity, field);
    if (m_statements->handle) {
        sqlite3_stmt* statement = m_statements->nativeStatement(record.entity);
        if (!statement)
            return makeError(
                u"sql_error"_s, QString::fromUtf8(sqlite3_errmsg(m_statements->handle)));
        const QByteArray idText = record.id.toUtf8();
        int i = 1;
        int rc = bindUtf8(statement, i++, idText);
        for (const auto& c : columns)
            rc = rc == SQLITE_OK ? detail::bindVariant(statement, i++, c.second) : rc;
        const QByteArray createdText = created.toString().toUtf8();
        const QByteArray updatedText = updated.toString().toUtf8();
        for (const QByteArrayView text : { fieldsText, versionsText, QByteArrayView("{}"),
                 QByteArrayView(createdText), QByteArrayView(updatedText) })
            rc = rc == SQLITE_OK ? bindUtf8(statement, i++, text) : rc;
        rc = rc == SQLITE_OK ? sqlite3_bind_int(statement, i++, record.deleted ? 1 : 0) : rc;
        if (rc == SQLITE_OK)
            rc = sqlite3_step(statement);
        const QString error = rc == SQLITE_DONE
            ? QString()
            : QString::fromUtf8(sqlite3_errmsg(m_statements->handle));
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        if (rc != SQLITE_DONE)
            return makeError(u"sql_error"_s, error);
        return {};
    }
    auto statementOf = statement(record.entity);
    if (!statementOf)
        return statementOf.error();
    QSqlQuery& q = **statementOf;
    int i = 0;
    q.bindValue(i++, record.id);
    for (const auto& c : columns)
        q.bindValue(i++, c.second);
    q.bindValue(i++, QString::fromUtf8(fieldsText));
    q.bindValue(i++, QString::fromUtf8(versionsText));
    q.bindValue(i++, u"{}"_s);
    q.bindValue(i++, created.toString());
    q.bindValue(i++, updated.toString());
    q.bindValue(i++, record.deleted ? 1 : 0);
    if (!q.exec())
        return sqlError(q);
    return {};
}

} // namespace safeloop::core
