#include "changelog.h"

#include "core/database.h"
#include "core/mutation.h"
#include "core/schema.h"
#include "sqldialect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

QJsonObject parseObject(const QString& s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

/// Enterprise id and street of an enterprise (empty street if the enterprise is unknown).
Result<RecordScope> enterpriseScope(QSqlDatabase& db, const QString& enterpriseId)
{
    RecordScope s;
    s.enterpriseId = enterpriseId;
    s.enterpriseVisible = true;
    auto q = run(db, u"SELECT street, deleted FROM enterprises WHERE id = ?"_s, { enterpriseId });
    if (!q)
        return q.error();
    if (q.value().next()) {
        s.street = q.value().value(0).toString();
        s.exists = true;
        s.deleted = q.value().value(1).toInt() != 0;
    }
    return s;
}

/// Scope of a record through a column naming its parent.
Result<RecordScope> viaColumn(QSqlDatabase& db, const QString& table, const QString& column,
    const QString& id, const std::function<Result<RecordScope>(const QString&)>& parent)
{
    auto q = run(
        db, u"SELECT %1, deleted FROM %2 WHERE id = ?"_s.arg(column, table), { QVariant(id) });
    if (!q)
        return q.error();
    if (!q.value().next())
        return RecordScope {};
    const QString parentId = q.value().value(0).toString();
    const bool deleted = q.value().value(1).toInt() != 0;
    q.value().finish();
    auto s = parent(parentId);
    if (!s)
        return s;
    RecordScope out = s.value();
    out.exists = true;
    out.deleted = deleted;
    return out;
}

/// Blob ids a record's wire fields reference (`attachments`, `signatures`).
QStringList referencedBlobs(QSqlDatabase& db, const QString& table, const QString& id)
{
    auto q = run(db, u"SELECT doc FROM %1 WHERE id = ?"_s.arg(table), { QVariant(id) });
    if (!q || !q.value().next())
        return {};
    return core::referencedBlobIds(parseObject(q.value().value(0).toString()));
}

Result<void> insertRow(QSqlDatabase& db, const QString& entity, const QString& id,
    const RecordScope& scope, const QVariant& prevStreet)
{
    // One statement (SQLite ≥ 3.35 and PostgreSQL both have RETURNING): each is a round trip
    // on PostgreSQL.
    auto cur = run(
        db, u"UPDATE change_counter SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq"_s);
    if (!cur)
        return cur.error();
    if (!cur.value().next())
        return makeError(u"sql_error"_s, u"change_counter row is missing"_s);
    const qint64 next = cur.value().value(0).toLongLong();
    cur.value().finish();
    const QVariant enterprise = scope.enterpriseVisible && !scope.enterpriseId.isEmpty()
        ? QVariant(scope.enterpriseId)
        : QVariant(QMetaType::fromType<QString>());
    const QVariant street = scope.street.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                   : QVariant(scope.street);
    auto ins = run(db,
        u"INSERT INTO change_log (seq, entity, record_id, enterprise_id, street, prev_street, at) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
        { next, entity, id, enterprise, street, prevStreet, nowMs() });
    if (!ins)
        return ins.error();
    return {};
}

Result<void> appendInner(QSqlDatabase& db, const QString& entity, const QString& id, int depth);

/// The scope an attachment change takes from the record that references the blob: an enterprise
/// user receives the attachment only through records it receives itself.
RecordScope attachmentScope(const QString& referencingEntity, RecordScope scope)
{
    // Inspections and answers are in an enterprise's sight only when they are its self-checks.
    Q_UNUSED(referencingEntity);
    return scope;
}

/// Records that `entity`/`id` references blob `sha256` and, when the reference is new (or
/// `announce`), appends an attachment change in that record's scope.
Result<void> noteReference(QSqlDatabase& db, const QString& sha256, const QString& entity,
    const QString& id, const RecordScope& scope, const QVariant& prevStreet, bool announce)
{
    auto known
        = run(db, u"SELECT 1 FROM blob_refs WHERE sha256 = ? AND entity = ? AND record_id = ?"_s,
            { sha256, entity, id });
    if (!known)
        return known.error();
    const bool seen = known.value().next();
    known.value().finish();
    if (seen && !announce)
        return {};
    if (!seen)
        if (auto r
            = run(db, u"INSERT INTO blob_refs (sha256, entity, record_id) VALUES (?, ?, ?)"_s,
                { sha256, entity, id });
            !r)
            return r.error();
    return insertRow(db, u"attachment"_s, sha256, attachmentScope(entity, scope), prevStreet);
}

/// An attachment's own change (its bytes completed): one change-log row in the scope of each
/// distinct place that references it, so every device that sees the blob hears of it.
Result<void> appendAttachment(QSqlDatabase& db, const QString& sha256)
{
    auto refs = blobReferences(db, sha256);
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
        if (auto r = insertRow(db, u"attachment"_s, sha256, scope, {}); !r)
            return r;
    }
    return {};
}

/// Re-appends the records of an enterprise after it moved to another street.
Result<void> cascade(QSqlDatabase& db, const QString& enterpriseId, int depth)
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
            auto q = entity == u"comment"_s ? run(db, sql, { enterpriseId, enterpriseId })
                                            : run(db, sql, { enterpriseId });
            if (!q)
                return q.error();
            while (q.value().next())
                ids << q.value().value(0).toString();
        }
        for (const auto& rid : ids)
            if (auto r = appendInner(db, entity, rid, depth + 1); !r)
                return r;
    }
    return {};
}

/// Appends the hazards of a finished inspection that its enterprise has not received yet, with
/// their events and comments, now in the enterprise's scope (hazardHeldBackSql()).
Result<void> revealHazards(QSqlDatabase& db, const QString& inspectionId, int depth)
{
    QStringList hazards;
    {
        auto q = run(db,
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
        if (auto r = appendInner(db, u"hazard"_s, hazard, depth + 1); !r)
            return r;
        for (const auto& [entity, sql] : children) {
            QStringList ids;
            {
                auto q = run(db, sql, { hazard });
                if (!q)
                    return q.error();
                while (q.value().next())
                    ids << q.value().value(0).toString();
            }
            for (const auto& rid : std::as_const(ids))
                if (auto r = appendInner(db, entity, rid, depth + 1); !r)
                    return r;
        }
    }
    return {};
}

Result<void> appendInner(QSqlDatabase& db, const QString& entity, const QString& id, int depth)
{
    if (entity == u"attachment"_s)
        return appendAttachment(db, id);
    auto scope = scopeOf(db, entity, id);
    if (!scope)
        return scope.error();
    // The street this record was last logged under: a different one means it moved. A record
    // last logged out of its enterprise's sight and now in it (a hazard of an inspection just
    // finished) is revealed: its photos are announced to the enterprise too.
    QVariant prevStreet(QMetaType::fromType<QString>());
    bool revealed = false;
    {
        auto last = run(db,
            u"SELECT street, enterprise_id FROM change_log WHERE entity = ? AND record_id = ? "
            u"ORDER BY seq DESC LIMIT 1"_s,
            { entity, id });
        if (!last)
            return last.error();
        if (last.value().next()) {
            if (!last.value().value(0).isNull()
                && last.value().value(0).toString() != scope->street)
                prevStreet = last.value().value(0).toString();
            revealed = last.value().value(1).isNull() && scope->enterpriseVisible
                && !scope->enterpriseId.isEmpty();
        }
    }
    if (auto r = insertRow(db, entity, id, scope.value(), prevStreet); !r)
        return r;
    if (entity == u"enterprise"_s && !prevStreet.isNull() && depth == 0)
        if (auto r = cascade(db, id, depth); !r)
            return r;
    if (entity == u"inspection"_s && depth == 0)
        if (auto r = revealHazards(db, id, depth); !r)
            return r;
    static const QHash<QString, QString> owners { { u"hazard"_s, u"hazards"_s },
        { u"answer"_s, u"answers"_s }, { u"rectification_event"_s, u"rectification_events"_s },
        { u"comment"_s, u"comments"_s }, { u"inspection"_s, u"inspections"_s },
        { u"document"_s, u"documents"_s } };
    if (!owners.contains(entity))
        return {};
    // A record that now references a blob, or that was deleted or moved while it did, changes
    // where the blob is visible: the attachment gets a change in this record's scope, so the
    // devices that see (or saw) the blob through this record are told.
    const bool scopeChanged = scope->deleted || !prevStreet.isNull() || revealed;
    for (const auto& sha : referencedBlobs(db, owners.value(entity), id))
        if (auto r = noteReference(db, sha, entity, id, scope.value(), prevStreet, scopeChanged);
            !r)
            return r;
    return {};
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
    const auto viaEnterprise = [&db](const QString& e) { return enterpriseScope(db, e); };
    if (entity == u"enterprise"_s)
        return enterpriseScope(db, id);
    if (entity == u"hazard"_s) {
        auto s = viaColumn(db, u"hazards"_s, u"enterprise_id"_s, id, viaEnterprise);
        if (!s || !s->exists)
            return s;
        auto held = run(db,
            u"SELECT 1 FROM hazards h WHERE h.id = ? AND %1"_s.arg(hazardHeldBackSql(u"h"_s)),
            { id });
        if (!held)
            return held.error();
        if (held.value().next())
            s.value().enterpriseVisible = false;
        return s;
    }
    if (entity == u"inspection"_s) {
        auto s = viaColumn(db, u"inspections"_s, u"enterprise_id"_s, id, viaEnterprise);
        if (!s || !s->exists)
            return s;
        // An enterprise sees its own self-checks (and their answers), never inspectors' work.
        auto doc = run(db, u"SELECT doc FROM inspections WHERE id = ?"_s, { id });
        if (!doc)
            return doc.error();
        s.value().enterpriseVisible
            = doc.value().next() && isSelfCheckDoc(doc.value().value(0).toString().toUtf8());
        return s;
    }
    // An issued document goes to its enterprise, like the hazards it concerns.
    if (entity == u"document"_s)
        return viaColumn(db, u"documents"_s, u"enterprise_id"_s, id, viaEnterprise);
    if (entity == u"answer"_s)
        return viaColumn(db, u"answers"_s, u"inspection_id"_s, id,
            [&db](const QString& i) { return scopeOf(db, u"inspection"_s, i); });
    if (entity == u"rectification_event"_s)
        return viaColumn(db, u"rectification_events"_s, u"hazard_id"_s, id,
            [&db](const QString& h) { return scopeOf(db, u"hazard"_s, h); });
    if (entity == u"comment"_s)
        return viaColumn(db, u"comments"_s, u"record_id"_s, id, [&db](const QString& r) {
            auto h = scopeOf(db, u"hazard"_s, r);
            if (!h || h->exists)
                return h;
            return scopeOf(db, u"inspection"_s, r);
        });
    if (entity == u"conflict"_s) {
        auto q = run(db, u"SELECT entity, record_id FROM conflicts WHERE id = ?"_s, { id });
        if (!q)
            return q.error();
        if (!q.value().next())
            return RecordScope {};
        const QString target = q.value().value(0).toString();
        const QString recordId = q.value().value(1).toString();
        q.value().finish();
        auto s = scopeOf(db, target, recordId);
        if (!s)
            return s;
        RecordScope out = s.value();
        out.exists = true;
        out.deleted = false;
        out.enterpriseVisible = false;
        return out;
    }
    if (entity == u"attachment"_s) {
        auto refs = blobReferences(db, id);
        if (!refs)
            return refs.error();
        if (refs->isEmpty())
            return RecordScope {};
        RecordScope s = attachmentScope(refs->first().entity, refs->first().scope);
        s.exists = true;
        return s;
    }
    RecordScope s; // template, plan, user, device, recusal: district-wide
    static const QStringList districtWide { u"template"_s, u"plan"_s, u"user"_s, u"device"_s,
        u"recusal"_s };
    if (!districtWide.contains(entity))
        return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(entity));
    const QString table = entity == u"device"_s ? u"devices"_s : core::tableOf(entity);
    // A user's role decides whether enterprises see the record: an inspector's name and badge
    // (printed on every document an enterprise receives anyway) name who issued, rejected or
    // verified its tasks.
    auto q = run(db,
        entity == u"device"_s     ? u"SELECT 0, '' FROM devices WHERE id = ?"_s
            : entity == u"user"_s ? u"SELECT deleted, role FROM users WHERE id = ?"_s
                                  : u"SELECT deleted, '' FROM %1 WHERE id = ?"_s.arg(table),
        { id });
    if (!q)
        return q.error();
    QString role;
    if (q.value().next()) {
        s.exists = true;
        s.deleted = q.value().value(0).toInt() != 0;
        role = q.value().value(1).toString();
    }
    s.enterpriseVisible = entity == u"template"_s || role == u"inspector"_s;
    return s;
}

Result<QList<BlobReference>> blobReferences(QSqlDatabase& db, const QString& sha256)
{
    QList<std::pair<QString, QString>> refs;
    {
        auto q = run(db,
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
        auto s = scopeOf(db, entity, recordId);
        if (!s)
            return s.error();
        out.append({ entity, recordId, s.value() });
    }
    return out;
}

Result<void> appendBlobReference(
    QSqlDatabase& db, const QString& sha256, const QString& entity, const QString& id)
{
    auto scope = scopeOf(db, entity, id);
    if (!scope)
        return scope.error();
    if (!scope->exists)
        return {};
    return noteReference(db, sha256, entity, id, scope.value(), {}, false);
}

Result<void> appendChange(QSqlDatabase& db, const QString& entity, const QString& id)
{
    return appendInner(db, entity, id, 0);
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
