// SyncService::pullPage: GET /api/v1/sync/pull, one page of the change log as JSON text.
// The steps: cursor codec, user records brought up to date, the change filter of the caller,
// the page's change rows, the page's records read in bulk (pagereader.cpp), the page writer.
// On SQLite the change rows, and for a caller who sees every record the stored text of each
// record, are read through SQLite's own handle (NativePage): no QVariant, hash or copy per record.

#include "syncservice.h"

#include "blobstore.h"
#include "pagereader_p.h"
#include "sqldialect.h"
#include "syncservice_p.h"

#include "core/nativesqlite.h"
#include "core/rules.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

using namespace detail;

namespace {

// The cursor codec is decodePullCursor() / encodePullCursor() (requestdecoders.h).

// ---------------------------------------------------------------- before the snapshot

/// Accounts added or linked since the last write become `user` changes first (a write
/// transaction of its own, only when there is something to bring up to date).
Result<void> refreshStaleUsers(QSqlDatabase& db)
{
    auto q = run(db,
        u"SELECT COUNT(*) FROM users WHERE doc_at IS NULL OR doc_at <> updated_at OR "
        u"(enterprise_id IS NULL AND enterprise_uscc IN (SELECT id FROM enterprises))"_s);
    if (!q)
        return q.error();
    if (!q.value().next() || q.value().value(0).toLongLong() == 0)
        return {};
    q.value().finish();
    WriteTransaction tx(db);
    if (auto r = tx.begin(); !r)
        return r;
    if (auto r = refreshUserRecords(db); !r)
        return r;
    return tx.commit();
}

// ---------------------------------------------------------------- the change filter

struct Counter {
    qint64 lastSeq = 0; ///< committed changes go up to here
    qint64 trimmedBelow = 0; ///< retention dropped changes below this
};

/// Only changes up to the committed counter: appends hold the counter row lock to commit, so
/// every change at or below it is visible and none can still arrive below it.
Result<Counter> readCounter(QSqlDatabase& db)
{
    auto q = run(db, u"SELECT last_seq, trimmed_below FROM change_counter WHERE id = 1"_s);
    if (!q)
        return q.error();
    Counter c;
    if (q.value().next()) {
        c.lastSeq = q.value().value(0).toLongLong();
        c.trimmedBelow = q.value().value(1).toLongLong();
    }
    return c;
}

/// The entities a caller starts again from the beginning after retention dropped changes it
/// has not seen (the log keeps the latest change of every record).
QJsonArray resetsFor(const Caller& caller)
{
    QJsonArray resets;
    if (caller.role == Role::Enterprise)
        resets = QJsonArray { u"enterprise"_s, u"inspection"_s, u"answer"_s, u"hazard"_s,
            u"rectification_event"_s, u"comment"_s, u"attachment"_s, u"template"_s, u"user"_s,
            u"document"_s };
    else
        resets = QJsonArray { u"enterprise"_s, u"user"_s, u"template"_s, u"inspection"_s,
            u"answer"_s, u"hazard"_s, u"rectification_event"_s, u"comment"_s, u"attachment"_s,
            u"plan"_s, u"conflict"_s, u"recusal"_s, u"document"_s };
    if (caller.role == Role::Supervisor || caller.role == Role::Admin)
        resets.append(u"device"_s);
    return resets;
}

/// The part of the change-log query that narrows it to what a caller may receive, with its
/// bound values (after the sequence bounds).
struct ChangeFilter {
    QString sql;
    QList<QVariant> binds;
};

ChangeFilter changeFilter(const Caller& caller)
{
    ChangeFilter f;
    if (caller.role == Role::Enterprise) {
        f.sql = u" AND (entity = 'template' OR (entity = 'user' AND (record_id = ? OR "
                u"record_id IN (SELECT id FROM users WHERE role = 'inspector'))) OR "
                u"enterprise_id = ?)"_s;
        f.binds << caller.userId << callerEnterprise(caller);
    } else if (caller.role == Role::Inspector) {
        f.sql = u" AND entity <> 'device'"_s;
        if (isStreetScoped(caller)) {
            QStringList marks;
            for (qsizetype i = 0; i < caller.streets.size(); ++i)
                marks << u"?"_s;
            f.sql
                += u" AND (entity IN ('template', 'plan', 'user', 'recusal') OR street IN (%1) OR "
                   u"prev_street IN (%1))"_s.arg(marks.join(u", "_s));
            for (const auto& s : caller.streets)
                f.binds << s;
            for (const auto& s : caller.streets)
                f.binds << s;
        }
    }
    return f;
}

struct ChangeRow {
    qint64 seq;
    QString entity;
    QString id;
};

/// The change rows after `after` up to `upTo` the filter lets through, in sequence order, at
/// most `limit` + 1 (the extra row says there is more).
Result<QList<ChangeRow>> readChanges(
    QSqlDatabase& db, const ChangeFilter& filter, qint64 after, qint64 upTo, int limit)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT seq, entity, record_id FROM change_log WHERE seq > ? AND seq <= ?%1 "
              u"ORDER BY seq LIMIT %2"_s.arg(filter.sql)
                  .arg(limit + 1));
    q.addBindValue(after);
    q.addBindValue(upTo);
    for (const auto& b : filter.binds)
        q.addBindValue(b);
    if (!q.exec())
        return makeError(u"sql_error"_s, q.lastQuery());
    QList<ChangeRow> rows;
    while (q.next())
        rows.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString() });
    q.finish();
    return rows;
}

// ---------------------------------------------------------------- SQLite's own handle

/// A column's text as SQLite holds it (UTF-8), valid until the statement steps or resets.
QByteArrayView columnText(sqlite3_stmt* statement, int column)
{
    // sqlite3_column_bytes() after sqlite3_column_text(): the size of the UTF-8 form.
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return { text, sqlite3_column_bytes(statement, column) };
}

/// `s` as UTF-8 in `out`, reusing its buffer (ids are ASCII: no allocation per record).
void utf8Into(QByteArray& out, QStringView s)
{
    out.resize(s.size());
    char* to = out.data();
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (c >= 0x80) {
            out = s.toUtf8();
            return;
        }
        to[i] = static_cast<char>(c);
    }
}

/// The statements of one pull page on SQLite's own handle (core::detail::NativeStatements),
/// finalized with the page, before the snapshot ends.
class NativePage {
public:
    explicit NativePage(sqlite3* handle)
        : m_handle(handle)
    {
    }

    /// readChanges() through the handle.
    Result<QList<ChangeRow>> readChanges(
        const ChangeFilter& filter, qint64 after, qint64 upTo, int limit)
    {
        QString error;
        sqlite3_stmt* q = m_statements.statement(
            m_handle, u" changes"_s,
            [&filter] {
                return u"SELECT seq, entity, record_id FROM change_log "
                       u"WHERE seq > ? AND seq <= ?%1 ORDER BY seq LIMIT ?"_s.arg(filter.sql);
            },
            &error);
        if (!q)
            return makeError(u"sql_error"_s, error);
        int i = 1;
        int rc = sqlite3_bind_int64(q, i++, after);
        rc = rc == SQLITE_OK ? sqlite3_bind_int64(q, i++, upTo) : rc;
        for (const auto& b : filter.binds) {
            const QByteArray text = b.toString().toUtf8();
            rc = rc == SQLITE_OK ? sqlite3_bind_text(
                     q, i++, text.constData(), static_cast<int>(text.size()), SQLITE_TRANSIENT)
                                 : rc;
        }
        rc = rc == SQLITE_OK ? sqlite3_bind_int64(q, i++, qint64(limit) + 1) : rc;
        QList<ChangeRow> rows;
        rows.reserve(limit + 1);
        // One QString per entity name, shared by its rows.
        QByteArray entityText;
        QString entity;
        while (rc == SQLITE_OK || rc == SQLITE_ROW) {
            rc = sqlite3_step(q);
            if (rc != SQLITE_ROW)
                break;
            const QByteArrayView e = columnText(q, 1);
            if (e != entityText) {
                entityText = e.toByteArray();
                entity = QString::fromUtf8(e);
            }
            rows.append(
                { sqlite3_column_int64(q, 0), entity, QString::fromUtf8(columnText(q, 2)) });
        }
        return finish(q, rc, std::move(rows));
    }

    /// The row of a record whose page carries its stored text (PageReader::shipsStoredText()):
    /// calls `found(doc, versions, deleted)` with the stored text while the row is current, or
    /// returns false when the table has no such record.
    template <typename Found>
    Result<bool> storedText(const QString& entity, const QString& id, Found&& found)
    {
        QString error;
        sqlite3_stmt* q = m_statements.statement(
            m_handle, entity,
            [&entity] {
                return u"SELECT doc, versions, deleted FROM %1 WHERE id = ?"_s.arg(
                    core::tableOf(entity));
            },
            &error);
        if (!q)
            return makeError(u"sql_error"_s, error);
        utf8Into(m_id, id);
        // The id's bytes outlive the step that reads them.
        int rc = sqlite3_bind_text(
            q, 1, m_id.constData(), static_cast<int>(m_id.size()), SQLITE_STATIC);
        rc = rc == SQLITE_OK ? sqlite3_step(q) : rc;
        const bool exists = rc == SQLITE_ROW;
        if (exists) {
            found(columnText(q, 0), columnText(q, 1), sqlite3_column_int(q, 2) != 0);
            rc = SQLITE_DONE;
        }
        return finish(q, rc, exists);
    }

private:
    /// The statement reset for its next use; `value`, or SQLite's message when `rc` is no
    /// success.
    template <typename T>
    Result<T> finish(sqlite3_stmt* q, int rc, T value)
    {
        const QString error
            = rc == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(m_handle));
        sqlite3_reset(q);
        sqlite3_clear_bindings(q);
        if (rc != SQLITE_DONE)
            return makeError(u"sql_error"_s, error);
        return value;
    }

    sqlite3* m_handle;
    core::detail::NativeStatements m_statements;
    QByteArray m_id;
};

/// The rows that stand for their record: the latest change of a record within the page stands
/// for the earlier ones. In page order.
QList<ChangeRow> latestPerRecord(const QList<ChangeRow>& rows)
{
    // Keyed by (entity, id) as they are: no joined string built per row.
    QHash<std::pair<QString, QString>, qint64> lastSeq;
    lastSeq.reserve(rows.size());
    for (const auto& r : rows)
        lastSeq.insert({ r.entity, r.id }, r.seq);
    if (lastSeq.size() == rows.size())
        return rows; // every record once (a first sync's pages)
    QList<ChangeRow> latest;
    latest.reserve(lastSeq.size());
    for (const auto& r : rows)
        if (lastSeq.value({ r.entity, r.id }) == r.seq)
            latest.append(r);
    return latest;
}

QHash<QString, QStringList> idsByEntity(const QList<ChangeRow>& rows)
{
    QHash<QString, QStringList> ids;
    for (const auto& r : rows)
        ids[r.entity] << r.id;
    return ids;
}

// ---------------------------------------------------------------- the page writer

/// Appends `s` as a JSON string in UTF-8, escaped as QJsonDocument escapes it.
void appendJsonString(QByteArray& out, const QString& s)
{
    out += '"';
    // Entity names and ids are plain ASCII: copied as they are, no UTF-8 copy built.
    bool plain = true;
    for (const QChar c : s)
        plain = plain && c.unicode() >= 0x20 && c.unicode() < 0x80 && c != u'"' && c != u'\\';
    if (plain) {
        const qsizetype at = out.size();
        out.resize(at + s.size());
        char* to = out.data() + at;
        for (const QChar c : s)
            *to++ = static_cast<char>(c.unicode());
        out += '"';
        return;
    }
    const QByteArray utf8 = s.toUtf8();
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            switch (c) {
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += "0123456789abcdef"[c >> 4];
                out += "0123456789abcdef"[c & 0xf];
            }
        } else {
            out += ch;
        }
    }
    out += '"';
}

/// A stored `doc`/`versions` text as a page carries it: the text itself when it is a JSON
/// object (what the store writes), else `{}` as parsing it would give.
QByteArrayView storedObject(QByteArrayView text)
{
    const QByteArrayView t = text.trimmed();
    if (t.size() >= 2 && t.front() == '{' && t.back() == '}')
        return t;
    return QByteArrayView("{}");
}

QByteArray compactBytes(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// Writes the page as JSON text directly: a record's stored `doc` and `versions` are already
/// compact JSON objects and go into the page as they are (no parse and re-serialise per
/// record). Keys in the order QJsonDocument writes them (sorted).
class PageWriter {
public:
    explicit PageWriter(qsizetype changes)
    {
        m_body.reserve(256 + changes * 640);
        m_body += "{\"changes\":[";
    }

    void put(const ChangeRow& r, QByteArrayView fields, QByteArrayView versions)
    {
        begin(r);
        m_body += ",\"fields\":";
        m_body += fields;
        end(r, "put");
        m_body += ",\"versions\":";
        m_body += versions;
        m_body += '}';
    }

    void remove(const ChangeRow& r)
    {
        begin(r);
        end(r, "remove");
        m_body += '}';
    }

    QByteArray finish(qint64 nextCursor, bool hasMore, const QJsonArray& resets)
    {
        m_body += "],\"cursor\":\"";
        m_body += encodePullCursor(nextCursor);
        m_body += "\",\"has_more\":";
        m_body += hasMore ? "true" : "false";
        m_body += ",\"resets\":";
        m_body += QJsonDocument(resets).toJson(QJsonDocument::Compact);
        m_body += '}';
        return std::move(m_body);
    }

private:
    void begin(const ChangeRow& r)
    {
        if (!m_first)
            m_body += ',';
        m_first = false;
        m_body += "{\"entity\":";
        appendJsonString(m_body, r.entity);
    }

    void end(const ChangeRow& r, const char* op)
    {
        m_body += ",\"id\":";
        appendJsonString(m_body, r.id);
        m_body += ",\"op\":\"";
        m_body += op;
        m_body += "\",\"seq\":";
        m_body += QByteArray::number(r.seq);
    }

    QByteArray m_body;
    bool m_first = true;
};

// ---------------------------------------------------------------- one change

/// A stored device doc as pages carry it: the typed fields only (rows written before device
/// status was typed may hold anything under `last_success`).
QJsonObject deviceFields(const QJsonObject& stored)
{
    QJsonObject out;
    for (const auto& key : { u"id"_s, u"client_id"_s, u"user_id"_s, u"app_version"_s,
             u"last_success"_s, u"last_push_at"_s, u"last_error"_s, u"last_error_code"_s }) {
        const QJsonValue v = stored.value(key);
        if (v.isString())
            out.insert(key, v.toString().left(500));
    }
    for (const auto& key : { u"pending_mutations"_s, u"pending_blobs"_s, u"clock_skew_ms"_s }) {
        const QJsonValue v = stored.value(key);
        if (v.isDouble())
            out.insert(key, v.toDouble());
    }
    if (!out.contains(u"client_id"_s))
        out.insert(u"client_id"_s, out.value(u"id"_s));
    return out;
}

/// A record's fields and versions as a page carries them.
struct Put {
    QJsonObject fields;
    QJsonObject versions;
};

/// Writes each of the page's changes: a `remove` for what the caller may not see, the stored
/// text for loaded records, and the fields built from their tables for the others.
class ChangeWriter {
public:
    ChangeWriter(QSqlDatabase& db, const Caller& caller, PageReader& reader, const BlobStore& blobs,
        QDate today, PageWriter& page)
        : m_db(db)
        , m_caller(caller)
        , m_reader(reader)
        , m_blobs(blobs)
        , m_today(today)
        , m_page(page)
    {
    }

    Result<void> write(const ChangeRow& r)
    {
        auto sight = sightOf(r);
        if (!sight)
            return sight.error();
        if (!sight->visible) {
            // An enterprise user only ever saw its own records; skip what it never had.
            if (m_caller.role == Role::Enterprise && !sight->mayHaveHeld)
                return {};
            m_page.remove(r);
            return {};
        }
        if (r.entity != u"hazard"_s && m_reader.text(r.entity, r.id, m_docText, m_versionsText)) {
            // Every loaded table but hazards ships its stored text unchanged (a hazard gets its
            // derived `overdue`, judged today, in record()).
            m_page.put(r, storedObject(m_docText), storedObject(m_versionsText));
            return {};
        }
        auto put = fieldsOf(r);
        if (!put)
            return put.error();
        if (put->has_value())
            m_page.put(r, compactBytes((*put)->fields), compactBytes((*put)->versions));
        return {};
    }

private:
    /// Whether the caller sees the record now, and whether it may have held it before (a
    /// blob's sight, or a record's in the same terms).
    Result<BlobSight> sightOf(const ChangeRow& r)
    {
        if (r.entity == u"attachment"_s) {
            // A blob is visible through any of the records that reference it, not only the first.
            return blobSight(m_db, m_caller, r.id);
        }
        auto scope = m_reader.scope(r.entity, r.id);
        if (!scope)
            return scope.error();
        return BlobSight { scope->exists && !scope->deleted
                && visible(m_caller, r.entity, r.id, *scope),
            scope->deleted };
    }

    /// The fields of a record the reader did not load as text; nothing when the record is gone.
    Result<std::optional<Put>> fieldsOf(const ChangeRow& r)
    {
        if (r.entity == u"user"_s)
            return user(r.id);
        if (r.entity == u"device"_s)
            return device(r.id);
        if (r.entity == u"conflict"_s)
            return conflict(r.id);
        if (r.entity == u"attachment"_s)
            return attachment(r.id);
        if (auto loaded = m_reader.record(r.entity, r.id))
            return std::optional<Put> { Put { loaded->fields, loaded->versions } };
        auto rec = core::loadRecord(m_db, r.entity, r.id, m_today);
        if (!rec)
            return rec.error();
        if (!rec->has_value())
            return std::optional<Put> {};
        return std::optional<Put> { Put { (*rec)->fields, (*rec)->versions } };
    }

    Result<std::optional<Put>> user(const QString& id)
    {
        auto u = run(m_db, u"SELECT doc FROM users WHERE id = ?"_s, { id });
        if (!u)
            return u.error();
        Put out;
        if (u.value().next())
            out.fields = parseObject(u.value().value(0).toString());
        return std::optional<Put> { out };
    }

    Result<std::optional<Put>> device(const QString& id)
    {
        auto d
            = run(m_db, u"SELECT doc, created_at, updated_at FROM devices WHERE id = ?"_s, { id });
        if (!d)
            return d.error();
        Put out;
        if (d.value().next()) {
            out.fields = deviceFields(parseObject(d.value().value(0).toString()));
            out.fields.insert(u"created_at"_s, d.value().value(1).toString());
            out.fields.insert(u"updated_at"_s, d.value().value(2).toString());
        }
        return std::optional<Put> { out };
    }

    Result<std::optional<Put>> conflict(const QString& id)
    {
        auto c = run(m_db,
            u"SELECT entity, record_id, field, user_id, kept_value, lost_value, kept_hlc, "
            u"lost_hlc, reason, created_at FROM conflicts WHERE id = ?"_s,
            { id });
        if (!c)
            return c.error();
        Put out;
        if (c.value().next()) {
            const auto text = [&c](int column) { return c.value().value(column).toString(); };
            out.fields = QJsonObject { { u"id"_s, id }, { u"entity"_s, text(0) },
                { u"record_id"_s, text(1) }, { u"field"_s, text(2) }, { u"user_id"_s, text(3) },
                { u"kept_value"_s, parseObject(text(4)).value(u"v"_s) },
                { u"lost_value"_s, parseObject(text(5)).value(u"v"_s) }, { u"kept_hlc"_s, text(6) },
                { u"lost_hlc"_s, text(7) }, { u"reason"_s, text(8) }, { u"created_at"_s, text(9) },
                { u"updated_at"_s, text(9) } };
        }
        return std::optional<Put> { out };
    }

    /// The metadata row (mime, size, capture time and place, owner) when a mutation wrote one,
    /// plus the upload state of the bytes.
    Result<std::optional<Put>> attachment(const QString& sha256)
    {
        auto rec = core::loadRecord(m_db, u"attachment"_s, sha256, m_today);
        if (!rec)
            return rec.error();
        Put out;
        if (rec->has_value())
            out = { (*rec)->fields, (*rec)->versions };
        const BlobState st = m_blobs.state(sha256);
        const bool complete = st.kind == BlobState::Kind::Complete;
        out.fields.insert(u"id"_s, sha256);
        out.fields.insert(u"state"_s, complete ? u"complete"_s : u"pending"_s);
        if (!out.fields.contains(u"size"_s) || complete)
            out.fields.insert(u"size"_s, complete ? st.size : st.total);
        return std::optional<Put> { out };
    }

    QSqlDatabase& m_db;
    const Caller& m_caller;
    PageReader& m_reader;
    const BlobStore& m_blobs;
    QDate m_today;
    PageWriter& m_page;
    QByteArray m_docText;
    QByteArray m_versionsText;
};

} // namespace

Result<QByteArray> SyncService::pullPage(const Caller& caller, const QString& cursor, int limit)
{
    if (limit <= 0)
        limit = DefaultPullLimit;
    limit = std::min(limit, MaxPullLimit);
    auto after = decodePullCursor(cursor);
    if (!after)
        return after.error();
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    if (auto r = refreshStaleUsers(db); !r)
        return r.error();

    const ReadTransaction snapshot(db);
    // SQLite's own handle, when Qt's driver runs on the SQLite this binary links; PostgreSQL
    // keeps to QSqlQuery.
    std::optional<NativePage> native;
    if (sqlite3* handle = core::detail::nativeHandle(db))
        native.emplace(handle);
    auto counter = readCounter(db);
    if (!counter)
        return counter.error();
    qint64 from = after.value();
    QJsonArray resets;
    if (!cursor.isEmpty() && from < counter->trimmedBelow) {
        from = 0;
        resets = resetsFor(caller);
    }
    const ChangeFilter filter = changeFilter(caller);
    auto read = native ? native->readChanges(filter, from, counter->lastSeq, limit)
                       : readChanges(db, filter, from, counter->lastSeq, limit);
    if (!read)
        return read.error();
    QList<ChangeRow> rows = read.value();
    const bool hasMore = rows.size() > limit;
    if (hasMore)
        rows.resize(limit);
    const qint64 nextCursor = hasMore ? rows.last().seq : std::max(from, counter->lastSeq);

    const QList<ChangeRow> latest = latestPerRecord(rows);
    // A caller who sees every record of the tables the reader loads (a supervisor, an admin, an
    // inspector not limited to streets) receives each such record as its stored text, or as a
    // remove once it is deleted, whatever its scope (visible()). On SQLite that text is read per
    // record through the handle and copied into the page once; everything else goes through
    // the reader and the change writer, as for every caller on PostgreSQL.
    const bool seesAll = caller.role == Role::Supervisor || caller.role == Role::Admin
        || (caller.role == Role::Inspector && !isStreetScoped(caller));
    const auto direct = [&native, seesAll](const ChangeRow& r) {
        return native && seesAll && PageReader::shipsStoredText(r.entity);
    };
    QList<ChangeRow> others;
    for (const auto& r : latest)
        if (!direct(r))
            others.append(r);
    const QDate today = core::rules::localDate(QDateTime::currentDateTimeUtc(), m_zone);
    PageReader reader(db, today);
    if (auto loaded = reader.load(idsByEntity(others)); !loaded)
        return loaded.error();
    const BlobStore blobs(m_store.blobDir());
    PageWriter page(rows.size());
    ChangeWriter changes(db, caller, reader, blobs, today, page);
    for (const auto& r : latest) {
        if (direct(r)) {
            auto stored = native->storedText(r.entity, r.id,
                [&page, &r](QByteArrayView doc, QByteArrayView versions, bool deleted) {
                    if (deleted)
                        page.remove(r);
                    else
                        page.put(r, storedObject(doc), storedObject(versions));
                });
            if (!stored)
                return stored.error();
            if (stored.value())
                continue; // else gone from its table: the change writer says what the caller gets
        }
        if (auto w = changes.write(r); !w)
            return w.error();
    }
    return page.finish(nextCursor, hasMore, resets);
}

} // namespace safeloop::server
