// RowCache: the rows a push group reads and writes, held between statements (rowcache.h), and
// the row codec's and statements' turns through it (detail::cachedRead, cachedWrite,
// beforeStatement).

#include "rowcache.h"

#include "entities.h"
#include "jsonwriter.h"
#include "mutationapplier_p.h"
#include "statementcache.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <array>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

/// How a held key stands.
enum class Kind {
    Absent, ///< the database holds no such record (and nothing was written to it since)
    Present, ///< `row` is the record as readRow() would read it now
    /// Written without knowing the stored record (its created_at column may be older than the
    /// written row's): a read writes the queue and reads the database.
    Written,
};

struct Held {
    Kind kind = Kind::Absent;
    detail::Row row;
};

/// A queued upsert: exactly what writeStoredRow() would bind.
struct Pending {
    detail::Row row;
    QJsonObject doc; ///< storedDoc(row, updatedAt)
    QString updatedAt;
};

struct Table {
    QHash<QString, Held> rows;
    QStringList queuedOrder; ///< ids in the order first queued
    QHash<QString, Pending> queued; ///< the last write of each id
};

/// Rows per multi-row upsert: well under SQLite's 32,766 and PostgreSQL's 65,535 bound values
/// for every record table (at most 14 columns). On SQLite the statements run in-process and
/// QtSql's binding costs grow with the square of a statement's placeholders, so it takes few
/// rows at a time; on PostgreSQL each statement is a round trip, so it takes many.
constexpr qsizetype MaxRowsPerUpsertPg = 250;
constexpr qsizetype MaxRowsPerUpsertSqlite = 16;
/// On SQLite through its C API (State::handle): values bind by position, so a statement's cost
/// grows only with its rows.
constexpr qsizetype MaxRowsPerUpsertNative = 128;
/// Through ParamStatements each distinct statement is parsed once per connection: a table's
/// queue goes out in statements of these sizes (largest first), so that few distinct ones exist.
constexpr std::array<qsizetype, 5> ParamUpsertSizes { 250, 64, 16, 4, 1 };
/// The sizes of a prefetch's `IN (…)` list: the ids are padded to one of them (repeating the
/// last), so that a group prepares at most four prefetch statements per table; SQLite stops at
/// the second, for the same reason as above.
constexpr std::array<qsizetype, 4> PrefetchSizes { 8, 32, 128, 512 };

bool onSqlite(const QSqlDatabase& db)
{
    return db.driverName() == u"QSQLITE"_s;
}

/// Whether `sql` starts with `word` (ASCII letters, case-insensitive) after leading blanks.
bool startsWithWord(const QString& sql, QLatin1String word)
{
    qsizetype i = 0;
    while (i < sql.size() && sql.at(i).isSpace())
        ++i;
    return QStringView(sql).mid(i).startsWith(word, Qt::CaseInsensitive);
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

/// Whether `sql` names `table` as a whole word.
bool namesTable(const QString& sql, const QString& table)
{
    for (qsizetype at = sql.indexOf(table, 0, Qt::CaseInsensitive); at >= 0;
         at = sql.indexOf(table, at + 1, Qt::CaseInsensitive)) {
        const qsizetype end = at + table.size();
        if ((at == 0 || !isNameChar(sql.at(at - 1)))
            && (end == sql.size() || !isNameChar(sql.at(end))))
            return true;
    }
    return false;
}

/// The entity of a mutation's own record (`entity_id`), or empty.
QString ownEntity(const QString& mutationName)
{
    const QString family = mutationName.section(u'.', 0, 0);
    const QString entity = family == u"rectification"_s ? u"rectification_event"_s : family;
    return entityInfo(entity) ? entity : QString();
}

/// The multi-row upsert of `rows` rows of `entity`: `?` placeholders, or `$1`, `$2`, … when
/// `numbered` (ParamStatements).
QString upsertStatement(const QString& entity, qsizetype rows, bool numbered = false)
{
    const QStringList names = detail::upsertColumns(entity);
    QStringList updates;
    for (const auto& n : names)
        if (n != u"id"_s && n != u"created_at"_s)
            updates << u"%1 = excluded.%1"_s.arg(n);
    QStringList values;
    values.reserve(rows);
    if (numbered) {
        qsizetype next = 1;
        for (qsizetype r = 0; r < rows; ++r) {
            QStringList marks;
            for (qsizetype c = 0; c < names.size(); ++c)
                marks << u"$"_s + QString::number(next++);
            values << u"("_s + marks.join(u", "_s) + u')';
        }
    } else {
        values = QStringList(rows, u"("_s + QStringList(names.size(), u"?"_s).join(u", "_s) + u')');
    }
    return u"INSERT INTO %1 (%2) VALUES %3 ON CONFLICT (id) DO UPDATE SET %4"_s.arg(
        tableOf(entity), names.join(u", "_s), values.join(u", "_s), updates.join(u", "_s));
}

/// `ids` as a PostgreSQL text array literal: each element double-quoted, `"` and `\` escaped.
QByteArray textArray(const QStringList& ids)
{
    QByteArray out("{");
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            out += ',';
        out += '"';
        for (const char c : ids.at(i).toUtf8()) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

thread_local RowCache* t_rows = nullptr;

} // namespace

struct RowCache::State {
    QSqlDatabase db;
    QString connection;
    RowCache* outer = nullptr;
    QHash<QString, Table> tables; ///< by entity
    qsizetype queuedRows = 0; ///< distinct ids queued, all tables
    bool enabled = true;
    bool failed = false;
    Stats stats;
    /// SQLite's own handle of the connection (detail::nativeHandle()), looked up at the first
    /// flush; null on PostgreSQL or when Qt's driver runs on another SQLite library.
    sqlite3* handle = nullptr;
    bool handleKnown = false;
    /// Multi-row upserts prepared on `handle`, by entity and rows ("entity/rows").
    detail::NativeStatements native;
    /// The connection's own client library (setParamStatements()), or null.
    ParamStatements* params = nullptr;
    /// The statements of `params`, built once: the upserts by entity and rows ("entity/rows"),
    /// runWithParams()' numbered statements by their text with `?`.
    QHash<QString, QString> paramSql;

    Result<void> writeNative(const QString& entity, const Table& t, qsizetype from, qsizetype rows);
    Result<void> writeQueue(const QString& entity, const Table& t);
    Result<void> writeParams(const QString& entity, const Table& t, qsizetype from, qsizetype rows);
    Result<void> prefetchParams(const QString& entity, Table& t, const QStringList& ids);
    bool paramsReady() const { return params && params->ready(); }
};

namespace {

QByteArray compactUtf8(const QJsonObject& o)
{
    return compactJson(o);
}

int bindText(sqlite3_stmt* statement, int index, const QByteArray& text)
{
    // `text` is held by the caller until the statement has stepped.
    return sqlite3_bind_text(
        statement, index, text.constData(), static_cast<int>(text.size()), SQLITE_STATIC);
}

} // namespace

/// Writes queued rows [from, from + rows) of `t` with one upsert bound through SQLite's C API:
/// the same statement text and values as the QtSql path (detail::bindRow()).
Result<void> RowCache::State::writeNative(
    const QString& entity, const Table& t, qsizetype from, qsizetype rows)
{
    QString refused;
    sqlite3_stmt* statement = native.statement(
        handle, entity + u'/' + QString::number(rows),
        [&] { return upsertStatement(entity, rows); }, &refused);
    if (!statement)
        return makeError(u"sql_error"_s, refused);
    QList<QByteArray> texts; // alive until the step
    texts.reserve(rows * 6);
    const auto text = [&texts](QByteArray value) -> const QByteArray& {
        texts.append(std::move(value));
        return texts.constLast();
    };
    int i = 1;
    int rc = SQLITE_OK;
    for (qsizetype r = from; r < from + rows && rc == SQLITE_OK; ++r) {
        const QString& id = t.queuedOrder.at(r);
        const Pending& p = *t.queued.constFind(id);
        rc = bindText(statement, i++, text(id.toUtf8()));
        for (const auto& c : detail::promotedColumns(entity, p.row.doc))
            rc = rc == SQLITE_OK ? detail::bindVariant(statement, i++, c.second) : rc;
        rc = rc == SQLITE_OK ? bindText(statement, i++, text(compactUtf8(p.doc))) : rc;
        rc = rc == SQLITE_OK ? bindText(statement, i++, text(compactUtf8(p.row.versions))) : rc;
        rc = rc == SQLITE_OK ? bindText(statement, i++,
                 text(p.row.hlcs.isEmpty() ? QByteArray("{}") : compactUtf8(p.row.hlcs)))
                             : rc;
        rc = rc == SQLITE_OK ? bindText(statement, i++, text(p.row.createdAt.toUtf8())) : rc;
        rc = rc == SQLITE_OK ? bindText(statement, i++, text(p.updatedAt.toUtf8())) : rc;
        rc = rc == SQLITE_OK ? sqlite3_bind_int(statement, i++, p.row.deleted ? 1 : 0) : rc;
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_step(statement);
    const QString error = rc == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(handle));
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (rc != SQLITE_DONE)
        return makeError(u"sql_error"_s, error);
    return {};
}

/// Writes queued rows [from, from + rows) of `t` with one upsert through `params`: the same
/// columns and values as the QtSql path (detail::bindRow()), NULL where it binds a null value.
Result<void> RowCache::State::writeParams(
    const QString& entity, const Table& t, qsizetype from, qsizetype rows)
{
    const QString key = entity + u'/' + QString::number(rows);
    auto sql = paramSql.constFind(key);
    if (sql == paramSql.constEnd())
        sql = paramSql.insert(key, upsertStatement(entity, rows, true));
    QList<ParamStatements::Value> values;
    values.reserve(rows * (detail::upsertColumns(entity).size()));
    for (qsizetype r = from; r < from + rows; ++r) {
        const QString& id = t.queuedOrder.at(r);
        const Pending& p = *t.queued.constFind(id);
        values.append(id.toUtf8());
        for (const auto& c : detail::promotedColumns(entity, p.row.doc)) {
            const QVariant& v = c.second;
            // As QtSql binds it: an invalid variant or a null string is NULL.
            if (v.isNull() || (v.typeId() == QMetaType::QString && v.toString().isNull()))
                values.append(std::nullopt);
            else if (v.typeId() == QMetaType::QString)
                values.append(v.toString().toUtf8());
            else
                values.append(QByteArray::number(v.toLongLong()));
        }
        values.append(compactUtf8(p.doc));
        values.append(compactUtf8(p.row.versions));
        values.append(p.row.hlcs.isEmpty() ? QByteArray("{}") : compactUtf8(p.row.hlcs));
        values.append(p.row.createdAt.toUtf8());
        values.append(p.updatedAt.toUtf8());
        values.append(QByteArray(p.row.deleted ? "1" : "0"));
    }
    auto done = params->run(*sql, values);
    if (!done)
        return done.error();
    ++stats.paramStatements;
    return {};
}

/// Loads the rows of `ids` (each once) into `t` with one statement through `params`; the ids
/// the table does not hold are held as absent.
Result<void> RowCache::State::prefetchParams(
    const QString& entity, Table& t, const QStringList& ids)
{
    auto rows = params->run(
        u"SELECT id, doc, versions, hlcs, created_at, deleted FROM %1 WHERE id = ANY($1::text[])"_s
            .arg(tableOf(entity)),
        { textArray(ids) });
    if (!rows)
        return rows.error();
    const auto object = [](const ParamStatements::Value& v) {
        return v ? QJsonDocument::fromJson(*v).object() : QJsonObject();
    };
    for (const auto& row : std::as_const(rows.value())) {
        if (row.size() != 6 || !row.at(0))
            return makeError(
                u"sql_error"_s, u"prefetch of %1 returned a malformed row"_s.arg(entity));
        const auto text
            = [](const ParamStatements::Value& v) { return v ? QString::fromUtf8(*v) : QString(); };
        t.rows.insert(text(row.at(0)),
            Held { Kind::Present,
                detail::Row { object(row.at(1)), object(row.at(2)), object(row.at(3)),
                    text(row.at(4)), row.at(5) && row.at(5)->toInt() != 0 } });
    }
    for (const QString& id : ids)
        if (!t.rows.contains(id))
            t.rows.insert(id, Held { Kind::Absent, {} });
    stats.prefetched += ids.size();
    ++stats.paramStatements;
    return {};
}

/// The private parts the row codec's turns need.
struct RowCacheAccess {
    static RowCache::State* current(const QSqlDatabase& db)
    {
        if (!t_rows)
            return nullptr;
        RowCache::State* s = t_rows->d.get();
        return s->enabled && s->connection == db.connectionName() ? s : nullptr;
    }
    static RowCache& owner() { return *t_rows; }
};

RowCache::RowCache(QSqlDatabase& db)
    : d(std::make_unique<State>())
{
    d->db = db;
    d->connection = db.connectionName();
    d->outer = t_rows;
    t_rows = this;
}

RowCache::~RowCache()
{
    t_rows = d->outer;
}

void RowCache::clear()
{
    d->tables.clear();
    d->queuedRows = 0;
}

void RowCache::setEnabled(bool on)
{
    clear();
    d->failed = false;
    d->enabled = on;
}

bool RowCache::enabled() const
{
    return d->enabled;
}

bool RowCache::flushFailed() const
{
    return d->failed;
}

void RowCache::setParamStatements(ParamStatements* statements)
{
    d->params = statements;
}

RowCache::Stats RowCache::stats() const
{
    return d->stats;
}

Result<void> RowCache::flush()
{
    if (d->queuedRows == 0)
        return {};
    // Parents' tables first: answers and rectification events reference their parents.
    for (const EntityInfo& entity : recordEntities()) {
        const auto t = d->tables.find(entity.name);
        if (t == d->tables.end() || t->queuedOrder.isEmpty())
            continue;
        if (auto written = d->writeQueue(entity.name, *t); !written) {
            d->failed = true;
            return written;
        }
        d->stats.flushedRows += t->queuedOrder.size();
        // A row written without knowing the stored one is read from the database next time.
        for (const QString& id : std::as_const(t->queuedOrder))
            if (const auto h = t->rows.find(id); h != t->rows.end() && h->kind == Kind::Written)
                t->rows.erase(h);
        t->queuedOrder.clear();
        t->queued.clear();
    }
    d->queuedRows = 0;
    return {};
}

/// Writes the whole queue of `t` with multi-row upserts: through ParamStatements when ready,
/// else through SQLite's C API (State::handle) or QtSql.
Result<void> RowCache::State::writeQueue(const QString& entity, const Table& t)
{
    const qsizetype total = t.queuedOrder.size();
    if (paramsReady()) {
        for (qsizetype from = 0; from < total;) {
            const qsizetype rows = *std::find_if(ParamUpsertSizes.begin(), ParamUpsertSizes.end(),
                [&](qsizetype s) { return s <= total - from; });
            if (auto written = writeParams(entity, t, from, rows); !written)
                return written;
            ++stats.flushStatements;
            from += rows;
        }
        return {};
    }
    if (!handleKnown) {
        handle = detail::nativeHandle(db);
        handleKnown = true;
    }
    const qsizetype perStatement = handle ? MaxRowsPerUpsertNative
        : onSqlite(db)                    ? MaxRowsPerUpsertSqlite
                                          : MaxRowsPerUpsertPg;
    for (qsizetype from = 0; from < total; from += perStatement) {
        const qsizetype rows = std::min(perStatement, total - from);
        if (handle) {
            if (auto written = writeNative(entity, t, from, rows); !written)
                return written;
            ++stats.flushStatements;
            continue;
        }
        auto statement = detail::preparedDirect(db, upsertStatement(entity, rows));
        if (!statement)
            return statement.error();
        QSqlQuery q = std::move(statement.value());
        int next = 0;
        for (qsizetype i = from; i < from + rows; ++i) {
            const QString& id = t.queuedOrder.at(i);
            const Pending& p = *t.queued.constFind(id);
            next = detail::bindRow(q, next, entity, id, p.row, p.doc, p.updatedAt);
        }
        if (!q.exec())
            return sqlError(q);
        ++stats.flushStatements;
    }
    return {};
}

Result<void> RowCache::prefetch(const QList<Mutation>& mutations)
{
    if (!d->enabled)
        return {};
    QHash<QString, QStringList> wanted; // entity → ids not held, each once
    QSet<QString> seen;
    const auto want = [&](const QString& entity, const QString& id) {
        // An id with a control character names no record; the mutation refuses it itself.
        if (id.isEmpty() || entity.isEmpty()
            || std::any_of(id.cbegin(), id.cend(), [](QChar c) { return c.unicode() < 0x20; }))
            return;
        const auto t = d->tables.constFind(entity);
        if (t != d->tables.constEnd() && t->rows.contains(id))
            return;
        const QString key = entity + u'/' + id;
        if (seen.contains(key))
            return;
        seen.insert(key);
        wanted[entity].append(id);
    };
    for (const Mutation& m : mutations) {
        want(ownEntity(m.name), m.entityId);
        for (const ReferenceRule& rule : referenceRules()) {
            if (rule.mutation != m.name)
                continue;
            const QStringList ids = referencedIds(rule, m);
            for (const QString& entity : rule.entities)
                for (const QString& id : ids)
                    want(entity, id);
        }
    }
    for (auto w = wanted.constBegin(); w != wanted.constEnd(); ++w) {
        const QString table = tableOf(w.key());
        Table& t = d->tables[w.key()];
        const QStringList& ids = w.value();
        if (d->paramsReady()) {
            if (auto r = d->prefetchParams(w.key(), t, ids); !r)
                return r;
            continue;
        }
        const qsizetype perStatement = onSqlite(d->db) ? PrefetchSizes[1] : PrefetchSizes.back();
        for (qsizetype from = 0; from < ids.size(); from += perStatement) {
            const qsizetype count = std::min(perStatement, ids.size() - from);
            const qsizetype size = *std::find_if(PrefetchSizes.begin(), PrefetchSizes.end(),
                [count](qsizetype s) { return s >= count; });
            auto statement = detail::preparedDirect(d->db,
                u"SELECT id, doc, versions, hlcs, created_at, deleted FROM %1 WHERE id IN (%2)"_s
                    .arg(table, QStringList(size, u"?"_s).join(u", "_s)));
            if (!statement)
                return statement.error();
            QSqlQuery q = std::move(statement.value());
            for (qsizetype i = 0; i < size; ++i)
                q.bindValue(static_cast<int>(i), ids.at(from + std::min(i, count - 1)));
            if (!q.exec())
                return sqlError(q);
            while (q.next())
                t.rows.insert(
                    q.value(0).toString(), Held { Kind::Present, detail::rowFromColumns(q, 1) });
            for (qsizetype i = from; i < from + count; ++i)
                if (!t.rows.contains(ids.at(i)))
                    t.rows.insert(ids.at(i), Held { Kind::Absent, {} });
            d->stats.prefetched += count;
        }
    }
    return {};
}

std::optional<Result<void>> RowCache::runWithParams(
    QSqlDatabase& db, const QString& sql, const QList<ParamStatements::Value>& values)
{
    auto* s = RowCacheAccess::current(db);
    if (!s || !s->paramsReady())
        return std::nullopt;
    if (auto r = detail::beforeStatement(db, sql); !r)
        return r;
    // beforeStatement() may have written the queue through `params`; it stays ready unless that
    // failed, which returned above.
    auto numbered = s->paramSql.constFind(sql);
    if (numbered == s->paramSql.constEnd()) {
        // `?` outside quoted text and names becomes $1, $2, …
        QString out;
        out.reserve(sql.size() + sql.size() / 4);
        int next = 1;
        QChar quote;
        for (const QChar c : sql) {
            if (!quote.isNull()) {
                quote = c == quote ? QChar() : quote;
                out += c;
            } else if (c == u'\'' || c == u'"') {
                quote = c;
                out += c;
            } else if (c == u'?') {
                out += u'$' + QString::number(next++);
            } else {
                out += c;
            }
        }
        if (next - 1 != values.size())
            return Result<void>(makeError(u"sql_error"_s,
                u"%1 placeholders for %2 values: %3"_s.arg(next - 1)
                    .arg(values.size())
                    .arg(sql.left(200))));
        numbered = s->paramSql.insert(sql, out);
    }
    auto done = s->params->run(*numbered, values);
    if (!done)
        return Result<void>(done.error());
    ++s->stats.paramStatements;
    return Result<void> {};
}

namespace detail {

std::optional<Result<std::optional<Row>>> cachedRead(
    QSqlDatabase& db, const QString& entity, const QString& id)
{
    auto* s = RowCacheAccess::current(db);
    if (!s || tableOf(entity).isEmpty())
        return std::nullopt;
    if (const auto t = s->tables.constFind(entity); t != s->tables.constEnd()) {
        if (const auto h = t->rows.constFind(id); h != t->rows.constEnd()) {
            if (h->kind == Kind::Present) {
                ++s->stats.hits;
                return Result<std::optional<Row>>(std::optional<Row>(h->row));
            }
            if (h->kind == Kind::Absent) {
                ++s->stats.hits;
                return Result<std::optional<Row>>(std::optional<Row>());
            }
            // Kind::Written: the queue goes out first; flush() forgets the held row.
            if (auto r = RowCacheAccess::owner().flush(); !r)
                return Result<std::optional<Row>>(r.error());
        }
    }
    ++s->stats.misses;
    auto stored = readStoredRow(db, entity, id);
    if (stored)
        s->tables[entity].rows.insert(
            id, stored->has_value() ? Held { Kind::Present, **stored } : Held { Kind::Absent, {} });
    return stored;
}

std::optional<Result<void>> cachedWrite(QSqlDatabase& db, const QString& entity, const QString& id,
    const Row& row, const QString& updatedAt)
{
    auto* s = RowCacheAccess::current(db);
    if (!s || tableOf(entity).isEmpty())
        return std::nullopt;
    Table& t = s->tables[entity];
    const QJsonObject doc = storedDoc(row, updatedAt);
    Held held { Kind::Written, Row { doc, row.versions, row.hlcs, row.createdAt, row.deleted } };
    if (const auto h = t.rows.constFind(id); h != t.rows.constEnd()) {
        if (h->kind == Kind::Present) {
            // An update keeps the stored created_at column (the upsert never changes it).
            held.kind = Kind::Present;
            held.row.createdAt = h->row.createdAt;
        } else if (h->kind == Kind::Absent) {
            held.kind = Kind::Present;
        }
    }
    t.rows.insert(id, held);
    if (!t.queued.contains(id)) {
        t.queuedOrder.append(id);
        ++s->queuedRows;
    }
    t.queued.insert(id, Pending { row, doc, updatedAt });
    ++s->stats.queued;
    return Result<void> {};
}

Result<void> beforeStatement(QSqlDatabase& db, const QString& sql)
{
    auto* s = RowCacheAccess::current(db);
    if (!s)
        return {};
    if (startsWithWord(sql, QLatin1String("ROLLBACK"))) {
        // Whatever was held or queued may be undone.
        RowCacheAccess::owner().clear();
        return {};
    }
    if (s->queuedRows > 0)
        if (auto r = RowCacheAccess::owner().flush(); !r)
            return r;
    if (startsWithWord(sql, QLatin1String("SELECT")))
        return {};
    for (auto t = s->tables.begin(); t != s->tables.end(); ++t)
        if (!t->rows.isEmpty() && namesTable(sql, tableOf(t.key())))
            t->rows.clear();
    return {};
}

} // namespace detail

} // namespace safeloop::core
