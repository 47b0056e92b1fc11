#include "changelog.h"

#include "core/database.h"
#include "core/mutation.h"
#include "core/schema.h"
#include "core/statementcache.h"
#include "nativeinsert.h"
#include "pgstatements.h"
#include "sqldialect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

QJsonObject parseObject(const QString& s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

/// The scope an attachment change takes from the record that references the blob: an enterprise
/// user receives the attachment only through records it receives itself.
RecordScope attachmentScope(const QString& referencingEntity, RecordScope scope)
{
    // Inspections and answers are in an enterprise's sight only when they are its self-checks.
    Q_UNUSED(referencingEntity);
    return scope;
}

/// What the change log reads of one record row.
struct RowFacts {
    bool exists = false;
    QString parentId; ///< the column naming its parent (enterprise, inspection, hazard, record)
    bool deleted = false;
    QJsonObject doc;
    bool fromPush = false; ///< taken from the row a push just wrote, not read back
};

/// The last change-log entry of a record (`exists` false: none yet).
struct LastEntry {
    bool exists = false;
    QVariant street;
    QVariant enterprise;
};

/// The column of each record table naming the record its scope comes from.
QString parentColumn(const QString& entity)
{
    if (entity == u"hazard"_s || entity == u"inspection"_s || entity == u"document"_s)
        return u"enterprise_id"_s;
    if (entity == u"answer"_s)
        return u"inspection_id"_s;
    if (entity == u"rectification_event"_s)
        return u"hazard_id"_s;
    if (entity == u"comment"_s)
        return u"record_id"_s;
    return {};
}

/// Most rows one multi-row INSERT carries, and most ids one lookup names.
constexpr int RowsPerStatement = 100;

QString placeholders(int columns, int rows)
{
    const QString row = u'(' + QStringList(columns, u"?"_s).join(u", "_s) + u')';
    return QStringList(rows, row).join(u", "_s);
}

/// One appendChange(), appendBlobReference() or appendChanges() call. It remembers the scopes it
/// derived (no record table is written while it appends), takes rows the push just wrote from
/// the push instead of reading them back, and collects its change-log rows to write them at the
/// end with one counter update and multi-row INSERTs (flush()); the last entry of each record
/// it appended is remembered, so nothing it holds back is missed by a later lookup.
class Appender {
public:
    Appender(QSqlDatabase& db, const WrittenRecords* written = nullptr,
        const QSet<QString>* fresh = nullptr)
        : m_db(db)
        , m_written(written)
        , m_fresh(fresh)
    {
    }

    Result<RecordScope> scope(const QString& entity, const QString& id);
    Result<void> append(const QString& entity, const QString& id, int depth);
    Result<void> appendReference(const QString& sha256, const QString& entity, const QString& id);
    Result<QList<BlobReference>> references(const QString& sha256);
    /// Looks up the last entries of many records at once (before appending them).
    Result<void> prefetchLast(const QList<std::pair<QString, QString>>& records);
    /// prefetchLast()'s lookup of `ids` of `entity` through libpq (PgStatements) with the ids as
    /// parameters; false when there is none ready (SQLite, or a connection busy reading): the
    /// caller asks through QtSql.
    Result<bool> lastThroughParams(const QString& entity, const QStringList& ids);
    /// Writes the collected rows.
    Result<void> flush();
    AppendStats stats() const { return m_stats; }

private:
    Result<RecordScope> enterpriseScope(const QString& enterpriseId);
    Result<RowFacts> facts(const QString& entity, const QString& id);
    /// scope() of a record through its parent column.
    Result<RecordScope> viaParent(const QString& entity, const QString& id,
        const std::function<Result<RecordScope>(const QString&)>& parent);
    Result<LastEntry> lastOf(const QString& entity, const QString& id);
    void insertRow(const QString& entity, const QString& id, const RecordScope& scope,
        const QVariant& prevStreet);
    Result<void> noteReference(const QString& sha256, const QString& entity, const QString& id,
        const RecordScope& scope, const QVariant& prevStreet, bool announce);
    Result<void> appendAttachment(const QString& sha256);
    /// flush()'s rows, numbered from `seq`, through SQLite's own handle; false when there is
    /// none (PostgreSQL, or a Qt driver on another SQLite library): QtSql writes them then.
    Result<bool> insertNative(qint64 seq);
    Result<void> cascade(const QString& enterpriseId, int depth);
    Result<void> revealHazards(const QString& inspectionId, int depth);

    struct Pending {
        QString entity;
        QString id;
        QVariant enterprise;
        QVariant street;
        QVariant prevStreet;
        qint64 at = 0;
    };

    QSqlDatabase& m_db;
    const WrittenRecords* m_written;
    const QSet<QString>* m_fresh;
    QHash<QString, RecordScope> m_scopes;
    QHash<QString, RowFacts> m_facts;
    QHash<QString, LastEntry> m_last;
    QList<Pending> m_pending;
    AppendStats m_stats;
    std::unique_ptr<PgStatements> m_params; ///< opened at the first lookup on PostgreSQL
    bool m_paramsOpened = false;
};

QString keyOf(const QString& entity, const QString& id)
{
    return entity + u'/' + id;
}

/// Enterprise id and street of an enterprise (empty street if the enterprise is unknown).
Result<RecordScope> Appender::enterpriseScope(const QString& enterpriseId)
{
    const QString key = keyOf(u"enterprise"_s, enterpriseId);
    if (const auto hit = m_scopes.constFind(key); hit != m_scopes.constEnd())
        return hit.value();
    RecordScope s;
    s.enterpriseId = enterpriseId;
    s.enterpriseVisible = true;
    const auto written = m_written ? m_written->constFind(key) : WrittenRecords::const_iterator {};
    if (m_written && written != m_written->constEnd()) {
        s.street = written->doc.value(u"street"_s).toString();
        s.exists = true;
        s.deleted = written->deleted;
    } else {
        auto q = run(
            m_db, u"SELECT street, deleted FROM enterprises WHERE id = ?"_s, { enterpriseId });
        if (!q)
            return q.error();
        if (q.value().next()) {
            s.street = q.value().value(0).toString();
            s.exists = true;
            s.deleted = q.value().value(1).toInt() != 0;
        }
        q.value().finish();
    }
    m_scopes.insert(key, s);
    return s;
}

Result<RowFacts> Appender::facts(const QString& entity, const QString& id)
{
    const QString key = keyOf(entity, id);
    if (const auto hit = m_facts.constFind(key); hit != m_facts.constEnd())
        return hit.value();
    const QString column = parentColumn(entity);
    RowFacts f;
    const auto written = m_written ? m_written->constFind(key) : WrittenRecords::const_iterator {};
    if (m_written && written != m_written->constEnd()) {
        // The promoted column is the wire field's text (core's row codec).
        f.exists = true;
        f.fromPush = true;
        f.doc = written->doc;
        f.parentId = f.doc.value(column).toString();
        f.deleted = written->deleted;
    } else {
        auto q = run(m_db,
            u"SELECT %1, deleted, doc FROM %2 WHERE id = ?"_s.arg(column, core::tableOf(entity)),
            { QVariant(id) });
        if (!q)
            return q.error();
        if (q.value().next()) {
            f.exists = true;
            f.parentId = q.value().value(0).toString();
            f.deleted = q.value().value(1).toInt() != 0;
            f.doc = parseObject(q.value().value(2).toString());
        }
        q.value().finish();
    }
    m_facts.insert(key, f);
    return f;
}

Result<RecordScope> Appender::viaParent(const QString& entity, const QString& id,
    const std::function<Result<RecordScope>(const QString&)>& parent)
{
    auto f = facts(entity, id);
    if (!f)
        return f.error();
    if (!f->exists)
        return RecordScope {};
    auto s = parent(f->parentId);
    if (!s)
        return s;
    RecordScope out = s.value();
    out.exists = true;
    out.deleted = f->deleted;
    return out;
}

Result<RecordScope> Appender::scope(const QString& entity, const QString& id)
{
    const QString key = keyOf(entity, id);
    if (const auto hit = m_scopes.constFind(key); hit != m_scopes.constEnd())
        return hit.value();
    Result<RecordScope> s = RecordScope {};
    const auto viaEnterprise = [this](const QString& e) { return enterpriseScope(e); };
    if (entity == u"enterprise"_s) {
        return enterpriseScope(id);
    } else if (entity == u"hazard"_s) {
        s = viaParent(entity, id, viaEnterprise);
        if (!s || !s->exists)
            return s;
        // A hazard the push wrote without an inspection (its inspection_id column NULL) is never
        // held back; any other asks the database.
        auto f = facts(entity, id);
        if (!f)
            return f.error();
        if (!f->fromPush || !f->doc.value(u"inspection_id"_s).toString().isEmpty()) {
            auto held = run(m_db,
                u"SELECT 1 FROM hazards h WHERE h.id = ? AND %1"_s.arg(hazardHeldBackSql(u"h"_s)),
                { id });
            if (!held)
                return held.error();
            if (held.value().next())
                s.value().enterpriseVisible = false;
            held.value().finish();
        }
    } else if (entity == u"inspection"_s) {
        s = viaParent(entity, id, viaEnterprise);
        if (!s || !s->exists)
            return s;
        // An enterprise sees its own self-checks (and their answers), never inspectors' work.
        auto f = facts(entity, id);
        if (!f)
            return f.error();
        s.value().enterpriseVisible = f->doc.value(u"kind"_s).toString() == u"self_check"_s;
    } else if (entity == u"document"_s) {
        // An issued document goes to its enterprise, like the hazards it concerns.
        s = viaParent(entity, id, viaEnterprise);
    } else if (entity == u"answer"_s) {
        s = viaParent(entity, id, [this](const QString& i) { return scope(u"inspection"_s, i); });
    } else if (entity == u"rectification_event"_s) {
        s = viaParent(entity, id, [this](const QString& h) { return scope(u"hazard"_s, h); });
    } else if (entity == u"comment"_s) {
        s = viaParent(entity, id, [this](const QString& r) {
            auto h = scope(u"hazard"_s, r);
            if (!h || h->exists)
                return h;
            return scope(u"inspection"_s, r);
        });
    } else if (entity == u"conflict"_s) {
        auto q = run(m_db, u"SELECT entity, record_id FROM conflicts WHERE id = ?"_s, { id });
        if (!q)
            return q.error();
        if (!q.value().next())
            return RecordScope {};
        const QString target = q.value().value(0).toString();
        const QString recordId = q.value().value(1).toString();
        q.value().finish();
        s = scope(target, recordId);
        if (!s)
            return s;
        s.value().exists = true;
        s.value().deleted = false;
        s.value().enterpriseVisible = false;
    } else if (entity == u"attachment"_s) {
        auto refs = references(id);
        if (!refs)
            return refs.error();
        if (refs->isEmpty())
            return RecordScope {};
        s = attachmentScope(refs->first().entity, refs->first().scope);
        s.value().exists = true;
        return s; // the references change as the push appends: not remembered
    } else {
        // template, plan, user, device, recusal: district-wide
        static const QStringList districtWide { u"template"_s, u"plan"_s, u"user"_s, u"device"_s,
            u"recusal"_s };
        if (!districtWide.contains(entity))
            return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(entity));
        const QString table = entity == u"device"_s ? u"devices"_s : core::tableOf(entity);
        // A user's role decides whether enterprises see the record: an inspector's name and
        // badge (printed on every document an enterprise receives anyway) name who issued,
        // rejected or verified its tasks.
        auto q = run(m_db,
            entity == u"device"_s     ? u"SELECT 0, '' FROM devices WHERE id = ?"_s
                : entity == u"user"_s ? u"SELECT deleted, role FROM users WHERE id = ?"_s
                                      : u"SELECT deleted, '' FROM %1 WHERE id = ?"_s.arg(table),
            { id });
        if (!q)
            return q.error();
        RecordScope d;
        QString role;
        if (q.value().next()) {
            d.exists = true;
            d.deleted = q.value().value(0).toInt() != 0;
            role = q.value().value(1).toString();
        }
        q.value().finish();
        d.enterpriseVisible = entity == u"template"_s || role == u"inspector"_s;
        s = d;
    }
    if (s)
        m_scopes.insert(key, s.value());
    return s;
}

Result<LastEntry> Appender::lastOf(const QString& entity, const QString& id)
{
    const QString key = keyOf(entity, id);
    if (const auto hit = m_last.constFind(key); hit != m_last.constEnd())
        return hit.value();
    auto q = run(m_db,
        u"SELECT street, enterprise_id FROM change_log WHERE entity = ? AND record_id = ? "
        u"ORDER BY seq DESC LIMIT 1"_s,
        { entity, id });
    if (!q)
        return q.error();
    ++m_stats.lastLookups;
    LastEntry last;
    if (q.value().next())
        last = { true, q.value().value(0), q.value().value(1) };
    q.value().finish();
    m_last.insert(key, last);
    return last;
}

Result<void> Appender::prefetchLast(const QList<std::pair<QString, QString>>& records)
{
    QHash<QString, QStringList> byEntity;
    QSet<QString> seen;
    for (const auto& [entity, id] : records) {
        const QString key = keyOf(entity, id);
        if (entity == u"attachment"_s || m_last.contains(key) || seen.contains(key))
            continue;
        seen.insert(key);
        // A record the push created under an id it found free has no change-log entry, because
        // the server never removes a record's row while keeping its entries:
        // - deletes of records are soft (`deleted` 1, the row kept): core's mutations never
        //   delete a row on the server (RecordWriter::remove() is the device's pull);
        // - nothing trims the change log or purges, restores or re-keys single rows of record
        //   tables; a backup (VACUUM INTO, pg_dump) holds both tables of one snapshot;
        // - the importers, the seeding and refreshUserRecords() insert or update rows and
        //   append their entries after writing them;
        // - the `safeloop-server` commands (init, imports, seed-demo, user add/disable/enable,
        //   backup, gc, check, config) delete no record row: gc removes unreferenced blobs;
        // - a schema step that renames a table keeps all of its rows;
        // - the one record row the server deletes is a device's under its bare client id
        //   (recordDevice() in pushapplier.cpp), and core never creates a device record, so no
        //   device id is ever fresh;
        // - a push that is rolled back takes its rows and its entries with it (one transaction,
        //   a savepoint per push), and an earlier push of the group appended its entries
        //   before this one started.
        // An id that is free now therefore never had an entry.
        if (m_fresh && m_fresh->contains(key)) {
            m_last.insert(key, LastEntry {});
            continue;
        }
        byEntity[entity].append(id);
    }
    for (auto it = byEntity.constBegin(); it != byEntity.constEnd(); ++it) {
        const QString& entity = it.key();
        for (qsizetype from = 0; from < it.value().size(); from += RowsPerStatement) {
            const QStringList ids = it.value().mid(from, RowsPerStatement);
            // Each id's last entry by three index lookups (entity, record_id, seq DESC).
            const QString last
                = u"(SELECT c.%1 FROM change_log c WHERE c.entity = ? AND c.record_id = "
                  u"v.column1 ORDER BY c.seq DESC LIMIT 1)"_s;
            const QString sql = u"SELECT v.column1, %1, %2, %3 FROM (VALUES %4) AS v"_s.arg(
                last.arg(u"seq"_s), last.arg(u"street"_s), last.arg(u"enterprise_id"_s),
                placeholders(1, static_cast<int>(ids.size())));
            QVariantList values { entity, entity, entity };
            for (const QString& id : ids)
                values.append(id);
            m_stats.lastLookups += ids.size();
            auto viaParams = lastThroughParams(entity, ids);
            if (!viaParams)
                return viaParams.error();
            if (viaParams.value())
                continue;
            auto q = runValues(m_db, sql, values);
            if (!q)
                return q.error();
            while (q.value().next()) {
                LastEntry e;
                if (!q.value().value(1).isNull())
                    e = { true, q.value().value(2), q.value().value(3) };
                m_last.insert(keyOf(entity, q.value().value(0).toString()), e);
            }
            q.value().finish();
        }
    }
    return {};
}

Result<bool> Appender::lastThroughParams(const QString& entity, const QStringList& ids)
{
    if (!m_paramsOpened) {
        m_paramsOpened = true;
        m_params = PgStatements::open(m_db);
    }
    if (!m_params || !m_params->ready())
        return false;
    // Padded to a few sizes (the last id repeated), so that a session prepares few statements.
    qsizetype rows = 4;
    while (rows < ids.size())
        rows = std::min<qsizetype>(rows * 5, RowsPerStatement);
    QStringList marks;
    QList<core::ParamStatements::Value> values { entity.toUtf8() };
    for (qsizetype i = 0; i < rows; ++i) {
        marks.append(u"($%1)"_s.arg(i + 2));
        values.append(ids.at(std::min(i, ids.size() - 1)).toUtf8());
    }
    // Each id's newest entry: one backward index scan of (entity, record_id, seq) per id,
    // stopped at its first row.
    const QString sql = u"SELECT v.id, c.seq, c.street, c.enterprise_id FROM (VALUES %1) AS v "
                        u"(id) LEFT JOIN LATERAL (SELECT m.seq, m.street, m.enterprise_id FROM "
                        u"change_log m WHERE m.entity = $1 AND m.record_id = v.id ORDER BY "
                        u"m.seq DESC LIMIT 1) AS c ON true"_s.arg(marks.join(u", "_s));
    if (auto r = core::detail::beforeStatement(m_db, sql); !r)
        return r.error();
    auto found = m_params->run(sql, values);
    if (!found)
        return found.error();
    const auto text = [](const core::ParamStatements::Value& v) {
        return v ? QVariant(QString::fromUtf8(*v)) : QVariant(QMetaType::fromType<QString>());
    };
    for (const auto& row : std::as_const(found.value())) {
        if (row.size() != 4 || !row.at(0))
            return makeError(u"sql_error"_s, u"unexpected change-log lookup row"_s);
        LastEntry e;
        if (row.at(1))
            e = { true, text(row.at(2)), text(row.at(3)) };
        m_last.insert(keyOf(entity, QString::fromUtf8(*row.at(0))), e);
    }
    ++m_stats.paramLookups;
    return true;
}

void Appender::insertRow(
    const QString& entity, const QString& id, const RecordScope& scope, const QVariant& prevStreet)
{
    const QVariant enterprise = scope.enterpriseVisible && !scope.enterpriseId.isEmpty()
        ? QVariant(scope.enterpriseId)
        : QVariant(QMetaType::fromType<QString>());
    const QVariant street = scope.street.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                   : QVariant(scope.street);
    m_pending.append({ entity, id, enterprise, street, prevStreet, nowMs() });
    m_last.insert(keyOf(entity, id), { true, street, enterprise });
}

Result<void> Appender::flush()
{
    if (m_pending.isEmpty())
        return {};
    // One counter update for all rows (SQLite ≥ 3.35 and PostgreSQL both have RETURNING), then
    // the rows in multi-row INSERTs: on PostgreSQL each statement is a round trip.
    const auto n = static_cast<qint64>(m_pending.size());
    auto cur = run(m_db,
        u"UPDATE change_counter SET last_seq = last_seq + ? WHERE id = 1 RETURNING last_seq"_s,
        { n });
    if (!cur)
        return cur.error();
    if (!cur.value().next())
        return makeError(u"sql_error"_s, u"change_counter row is missing"_s);
    qint64 seq = cur.value().value(0).toLongLong() - n + 1;
    cur.value().finish();
    auto native = insertNative(seq);
    if (!native)
        return native.error();
    if (native.value()) {
        m_stats.nativeRows += n;
        m_pending.clear();
        return {};
    }
    for (qsizetype from = 0; from < m_pending.size(); from += RowsPerStatement) {
        const qsizetype rows = std::min<qsizetype>(RowsPerStatement, m_pending.size() - from);
        QVariantList values;
        values.reserve(rows * 7);
        for (qsizetype i = from; i < from + rows; ++i) {
            const Pending& p = m_pending.at(i);
            values << seq++ << p.entity << p.id << p.enterprise << p.street << p.prevStreet << p.at;
        }
        auto ins = runInsert(m_db,
            u"INSERT INTO change_log (seq, entity, record_id, enterprise_id, street, prev_street, "
            u"at) VALUES "_s
                + placeholders(7, static_cast<int>(rows)),
            values);
        if (!ins)
            return ins.error();
    }
    m_pending.clear();
    return {};
}

Result<bool> Appender::insertNative(qint64 seq)
{
    if (isPostgres(m_db))
        return false;
    NativeInsert insert(m_db,
        u"INSERT INTO change_log (seq, entity, record_id, enterprise_id, street, prev_street, "
        u"at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    if (!insert.usable())
        return false;
    for (const Pending& p : std::as_const(m_pending))
        if (auto r = insert.insert({ seq++, p.entity, p.id, NativeInsert::text(p.enterprise),
                NativeInsert::text(p.street), NativeInsert::text(p.prevStreet), p.at });
            !r)
            return r.error();
    return true;
}

/// Records that `entity`/`id` references blob `sha256` and, when the reference is new (or
/// `announce`), appends an attachment change in that record's scope.
Result<void> Appender::noteReference(const QString& sha256, const QString& entity,
    const QString& id, const RecordScope& scope, const QVariant& prevStreet, bool announce)
{
    auto known
        = run(m_db, u"SELECT 1 FROM blob_refs WHERE sha256 = ? AND entity = ? AND record_id = ?"_s,
            { sha256, entity, id });
    if (!known)
        return known.error();
    const bool seen = known.value().next();
    known.value().finish();
    if (seen && !announce)
        return {};
    if (!seen)
        if (auto r
            = run(m_db, u"INSERT INTO blob_refs (sha256, entity, record_id) VALUES (?, ?, ?)"_s,
                { sha256, entity, id });
            !r)
            return r.error();
    insertRow(u"attachment"_s, sha256, attachmentScope(entity, scope), prevStreet);
    return {};
}

Result<QList<BlobReference>> Appender::references(const QString& sha256)
{
    QList<std::pair<QString, QString>> refs;
    {
        auto q = run(m_db,
            u"SELECT entity, record_id FROM blob_refs WHERE sha256 = ? "
            u"ORDER BY entity, record_id"_s,
            { sha256 });
        if (!q)
            return q.error();
        while (q.value().next())
            refs.append({ q.value().value(0).toString(), q.value().value(1).toString() });
    }
    QList<BlobReference> out;
    out.reserve(refs.size());
    for (const auto& [entity, recordId] : std::as_const(refs)) {
        auto s = scope(entity, recordId);
        if (!s)
            return s.error();
        out.append({ entity, recordId, s.value() });
    }
    return out;
}

/// An attachment's own change (its bytes completed): one change-log row in the scope of each
/// distinct place that references it, so every device that sees the blob hears of it.
Result<void> Appender::appendAttachment(const QString& sha256)
{
    auto refs = references(sha256);
    if (!refs)
        return refs.error();
    QSet<QString> written;
    for (const BlobReference& ref : std::as_const(refs.value())) {
        const RecordScope scope = attachmentScope(ref.entity, ref.scope);
        const QString key
            = (scope.enterpriseVisible ? scope.enterpriseId : QString()) + u'|' + scope.street;
        if (written.contains(key))
            continue;
        written.insert(key);
        insertRow(u"attachment"_s, sha256, scope, {});
    }
    return {};
}

/// Re-appends the records of an enterprise after it moved to another street.
Result<void> Appender::cascade(const QString& enterpriseId, int depth)
{
    const QList<std::pair<QString, QString>> queries {
        { u"inspection"_s, u"SELECT id FROM inspections WHERE enterprise_id = ?"_s },
        { u"hazard"_s, u"SELECT id FROM hazards WHERE enterprise_id = ?"_s },
        { u"answer"_s,
            u"SELECT a.id FROM answers a JOIN inspections i ON i.id = a.inspection_id "
            u"WHERE i.enterprise_id = ?"_s },
        { u"rectification_event"_s,
            u"SELECT e.id FROM rectification_events e JOIN hazards h ON h.id = e.hazard_id "
            u"WHERE h.enterprise_id = ?"_s },
        { u"comment"_s,
            u"SELECT c.id FROM comments c WHERE c.record_id IN (SELECT id FROM hazards WHERE "
            u"enterprise_id = ?) OR c.record_id IN (SELECT id FROM inspections WHERE "
            u"enterprise_id = ?)"_s },
        { u"document"_s, u"SELECT id FROM documents WHERE enterprise_id = ?"_s },
    };
    for (const auto& [entity, sql] : queries) {
        QStringList ids;
        {
            auto q = entity == u"comment"_s ? run(m_db, sql, { enterpriseId, enterpriseId })
                                            : run(m_db, sql, { enterpriseId });
            if (!q)
                return q.error();
            while (q.value().next())
                ids << q.value().value(0).toString();
        }
        for (const auto& rid : ids)
            if (auto r = append(entity, rid, depth + 1); !r)
                return r;
    }
    return {};
}

/// Appends the hazards of a finished inspection that its enterprise has not received yet, with
/// their events and comments, now in the enterprise's scope (hazardHeldBackSql()).
Result<void> Appender::revealHazards(const QString& inspectionId, int depth)
{
    // The query reads the change log: the rows collected so far are written first.
    if (auto r = flush(); !r)
        return r;
    QStringList hazards;
    {
        auto q = run(m_db,
            u"SELECT h.id FROM hazards h JOIN inspections i ON i.id = h.inspection_id "
            u"WHERE h.inspection_id = ? AND i.status = 'finished' AND NOT EXISTS (SELECT 1 FROM "
            u"change_log c WHERE c.entity = 'hazard' AND c.record_id = h.id "
            u"AND c.enterprise_id IS NOT NULL) ORDER BY h.id"_s,
            { inspectionId });
        if (!q)
            return q.error();
        while (q.value().next())
            hazards << q.value().value(0).toString();
    }
    const QList<std::pair<QString, QString>> children {
        { u"rectification_event"_s,
            u"SELECT id FROM rectification_events WHERE hazard_id = ? ORDER BY id"_s },
        { u"comment"_s, u"SELECT id FROM comments WHERE record_id = ? ORDER BY id"_s },
    };
    for (const auto& hazard : std::as_const(hazards)) {
        if (auto r = append(u"hazard"_s, hazard, depth + 1); !r)
            return r;
        for (const auto& [entity, sql] : children) {
            QStringList ids;
            {
                auto q = run(m_db, sql, { hazard });
                if (!q)
                    return q.error();
                while (q.value().next())
                    ids << q.value().value(0).toString();
            }
            for (const auto& rid : std::as_const(ids))
                if (auto r = append(entity, rid, depth + 1); !r)
                    return r;
        }
    }
    return {};
}

Result<void> Appender::append(const QString& entity, const QString& id, int depth)
{
    if (entity == u"attachment"_s)
        return appendAttachment(id);
    auto scope = this->scope(entity, id);
    if (!scope)
        return scope.error();
    // The street this record was last logged under: a different one means it moved. A record
    // last logged out of its enterprise's sight and now in it (a hazard of an inspection just
    // finished) is revealed: its photos are announced to the enterprise too.
    QVariant prevStreet(QMetaType::fromType<QString>());
    bool revealed = false;
    {
        auto last = lastOf(entity, id);
        if (!last)
            return last.error();
        if (last->exists) {
            if (!last->street.isNull() && last->street.toString() != scope->street)
                prevStreet = last->street.toString();
            revealed = last->enterprise.isNull() && scope->enterpriseVisible
                && !scope->enterpriseId.isEmpty();
        }
    }
    insertRow(entity, id, scope.value(), prevStreet);
    if (entity == u"enterprise"_s && !prevStreet.isNull() && depth == 0)
        if (auto r = cascade(id, depth); !r)
            return r;
    if (entity == u"inspection"_s && depth == 0)
        if (auto r = revealHazards(id, depth); !r)
            return r;
    if (parentColumn(entity).isEmpty())
        return {};
    // A record that now references a blob, or that was deleted or moved while it did, changes
    // where the blob is visible: the attachment gets a change in this record's scope, so the
    // devices that see (or saw) the blob through this record are told.
    const bool scopeChanged = scope->deleted || !prevStreet.isNull() || revealed;
    auto f = facts(entity, id);
    if (!f)
        return f.error();
    if (!f->exists)
        return {};
    for (const auto& sha : core::referencedBlobIds(f->doc))
        if (auto r = noteReference(sha, entity, id, scope.value(), prevStreet, scopeChanged); !r)
            return r;
    return {};
}

Result<void> Appender::appendReference(
    const QString& sha256, const QString& entity, const QString& id)
{
    auto s = scope(entity, id);
    if (!s)
        return s.error();
    if (!s->exists)
        return {};
    return noteReference(sha256, entity, id, s.value(), {}, false);
}

} // namespace

QString hazardHeldBackSql(const QString& hazardTable)
{
    // A self-check's hazards are the enterprise's own findings: never held back from it. The
    // stored doc is compact JSON, so its kind reads `"kind":"self_check"` exactly.
    return u"EXISTS (SELECT 1 FROM inspections held WHERE held.id = %1.inspection_id "
           u"AND held.status <> 'finished' AND held.doc NOT LIKE '%\"kind\":\"self_check\"%')"_s
               .arg(hazardTable);
}

bool isSelfCheckDoc(const QByteArray& doc)
{
    return QJsonDocument::fromJson(doc).object().value(u"kind"_s).toString() == u"self_check"_s;
}

Result<RecordScope> scopeOf(QSqlDatabase& db, const QString& entity, const QString& id)
{
    Appender a(db);
    return a.scope(entity, id);
}

Result<QList<BlobReference>> blobReferences(QSqlDatabase& db, const QString& sha256)
{
    Appender a(db);
    return a.references(sha256);
}

Result<void> appendBlobReference(
    QSqlDatabase& db, const QString& sha256, const QString& entity, const QString& id)
{
    Appender a(db);
    if (auto r = a.appendReference(sha256, entity, id); !r)
        return r;
    return a.flush();
}

Result<void> appendChange(QSqlDatabase& db, const QString& entity, const QString& id)
{
    Appender a(db);
    if (auto r = a.append(entity, id, 0); !r)
        return r;
    return a.flush();
}

Result<void> appendChanges(QSqlDatabase& db, const QList<std::pair<QString, QString>>& records,
    const QList<ReferenceChange>& references, const WrittenRecords& written,
    const QSet<QString>& fresh, AppendStats* stats)
{
    Appender a(db, &written, &fresh);
    if (auto r = a.prefetchLast(records); !r)
        return r;
    QSet<QString> appended;
    for (const auto& [entity, id] : records) {
        const QString key = keyOf(entity, id);
        if (appended.contains(key))
            continue;
        appended.insert(key);
        if (auto r = a.append(entity, id, 0); !r)
            return r;
    }
    for (const ReferenceChange& ref : references)
        if (auto r = a.appendReference(ref.sha256, ref.entity, ref.id); !r)
            return r;
    auto flushed = a.flush();
    if (flushed && stats) {
        stats->lastLookups += a.stats().lastLookups;
        stats->nativeRows += a.stats().nativeRows;
        stats->paramLookups += a.stats().paramLookups;
    }
    return flushed;
}

Result<qint64> lockChangeLog(QSqlDatabase& db)
{
    // A no-op update takes the row lock (PostgreSQL) or the write lock (SQLite) to commit.
    auto q = run(db, u"UPDATE change_counter SET last_seq = last_seq WHERE id = 1"_s);
    if (!q)
        return q.error();
    return qint64 { 0 };
}

Result<void> beginWrite(QSqlDatabase& db)
{
    return core::exec(db, isPostgres(db) ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s);
}

Result<void> refreshUserRecords(QSqlDatabase& db)
{
    const QString now = rfc3339(nowMs());
    if (auto r = run(db,
            u"UPDATE users SET enterprise_id = enterprise_uscc, updated_at = ? WHERE "
            u"enterprise_id IS NULL AND enterprise_uscc IS NOT NULL AND enterprise_uscc IN "
            u"(SELECT id FROM enterprises)"_s,
            { now });
        !r)
        return r.error();
    QList<std::pair<QString, QJsonObject>> stale;
    {
        auto q = run(db,
            u"SELECT id, name, role, badge, enterprise_id, streets, created_at, updated_at "
            u"FROM users WHERE doc_at IS NULL OR doc_at <> updated_at"_s);
        if (!q)
            return q.error();
        while (q.value().next()) {
            QJsonObject doc { { u"id"_s, q.value().value(0).toString() },
                { u"name"_s, q.value().value(1).toString() },
                { u"role"_s, q.value().value(2).toString() },
                { u"badge"_s, q.value().value(3).toString() },
                { u"enterprise_id"_s, q.value().value(4).toString() },
                { u"streets"_s,
                    QJsonDocument::fromJson(q.value().value(5).toString().toUtf8()).array() },
                { u"created_at"_s, q.value().value(6).toString() },
                { u"updated_at"_s, q.value().value(7).toString() } };
            stale.append({ q.value().value(0).toString(), doc });
        }
    }
    for (const auto& [id, doc] : stale) {
        if (auto r = run(db, u"UPDATE users SET doc = ?, doc_at = updated_at WHERE id = ?"_s,
                { core::compact(doc), id });
            !r)
            return r.error();
        if (auto r = appendChange(db, u"user"_s, id); !r)
            return r;
    }
    return {};
}

Result<void> migrateSyncSchema(QSqlDatabase& db)
{
    // Core's record tables include a `users` entity table; the server's `users` (accounts) take
    // that role instead, so core's steps run with the accounts table moved aside, and the
    // accounts table gains the entity columns core's rules read (doc, versions, hlcs, deleted).
    if (auto r = core::exec(db, u"ALTER TABLE users RENAME TO server_accounts_moving"_s); !r)
        return r;
    // Core's steps 1 and 2 only: later core steps are server steps of their own
    // (serverstore.cpp), so that a store created before them gains them too.
    for (const auto& step : core::schemaMigrations())
        if (step.version <= 2)
            if (auto r = step.apply(db); !r)
                return r;
    for (const QString& sql : {
             u"DROP TABLE users"_s,
             u"ALTER TABLE server_accounts_moving RENAME TO users"_s,
             u"ALTER TABLE users ADD COLUMN doc TEXT NOT NULL DEFAULT '{}'"_s,
             u"ALTER TABLE users ADD COLUMN versions TEXT NOT NULL DEFAULT '{}'"_s,
             u"ALTER TABLE users ADD COLUMN hlcs TEXT NOT NULL DEFAULT '{}'"_s,
             u"ALTER TABLE users ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0"_s,
             u"ALTER TABLE users ADD COLUMN doc_at TEXT"_s,
             u"CREATE TABLE change_log (seq BIGINT PRIMARY KEY, entity TEXT NOT NULL, "
             u"record_id TEXT NOT NULL, enterprise_id TEXT, street TEXT, prev_street TEXT, "
             u"at BIGINT NOT NULL)"_s,
             u"CREATE INDEX change_log_record ON change_log (entity, record_id, seq)"_s,
             u"CREATE INDEX change_log_enterprise ON change_log (enterprise_id, seq)"_s,
             u"CREATE TABLE change_counter (id INTEGER PRIMARY KEY, last_seq BIGINT NOT NULL, "
             u"trimmed_below BIGINT NOT NULL DEFAULT 0)"_s,
             u"INSERT INTO change_counter (id, last_seq, trimmed_below) VALUES (1, 0, 0)"_s,
             u"CREATE TABLE push_clients (client_key TEXT PRIMARY KEY, client_id TEXT NOT NULL, "
             u"user_id TEXT NOT NULL, last_mutation_id BIGINT NOT NULL, "
             u"max_skew_ms BIGINT NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL)"_s,
             u"CREATE TABLE push_results (client_key TEXT NOT NULL, mutation_id BIGINT NOT NULL, "
             u"status TEXT NOT NULL, error TEXT, PRIMARY KEY (client_key, mutation_id))"_s,
             u"CREATE TABLE devices (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, doc TEXT NOT "
             u"NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"_s,
             u"CREATE TABLE blob_refs (sha256 TEXT NOT NULL, entity TEXT NOT NULL, record_id "
             u"TEXT NOT NULL, PRIMARY KEY (sha256, entity, record_id))"_s,
         }) {
        if (auto r = core::exec(db, sql); !r)
            return r;
    }
    return {};
}

} // namespace safeloop::server
