#include "syncservice.h"

#include "blobledger.h"
#include "blobstore.h"
#include "core/database.h"
#include "core/mutation.h"
#include "core/rules.h"
#include "core/validation.h"
#include "requestdecoders.h"
#include "sqldialect.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>

#include <cmath>

using namespace Qt::StringLiterals;
using safeloop::core::compact;
using safeloop::core::Error;
using safeloop::core::makeError;
using safeloop::core::Result;
using safeloop::core::sqlError;

namespace safeloop::server {

namespace {

QJsonObject parseObject(const QString& s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

/// Appends `s` as a JSON string in UTF-8, escaped as QJsonDocument escapes it.
void appendJsonString(QByteArray& out, const QString& s)
{
    const QByteArray utf8 = s.toUtf8();
    out += '"';
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
QByteArrayView storedObject(const QByteArray& text)
{
    const QByteArrayView t = QByteArrayView(text).trimmed();
    if (t.size() >= 2 && t.front() == '{' && t.back() == '}')
        return t;
    return QByteArrayView("{}");
}

/// A read transaction for building one pull page: one snapshot and one lock on SQLite instead of
/// one per statement. Ends when it goes out of scope.
class ReadTransaction {
public:
    explicit ReadTransaction(QSqlDatabase& db)
        : m_db(db)
        , m_open(core::exec(db, u"BEGIN"_s).ok())
    {
    }
    ~ReadTransaction()
    {
        if (m_open)
            static_cast<void>(core::exec(m_db, u"COMMIT"_s));
    }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    QSqlDatabase& m_db;
    bool m_open;
};

/// Rolls back an open raw transaction unless committed.
class WriteTransaction {
public:
    explicit WriteTransaction(QSqlDatabase& db)
        : m_db(db)
    {
    }
    ~WriteTransaction()
    {
        if (m_open)
            static_cast<void>(core::exec(m_db, u"ROLLBACK"_s));
    }
    Result<void> begin()
    {
        auto r = beginWrite(m_db);
        m_open = r.ok();
        return r;
    }
    Result<void> commit()
    {
        m_open = false;
        return core::exec(m_db, u"COMMIT"_s);
    }

private:
    QSqlDatabase& m_db;
    bool m_open = false;
};

/// The enterprise an enterprise user belongs to: linked id, else the credit code given at
/// `user add` (an enterprise's id is its credit code).
QString callerEnterprise(const Caller& c)
{
    return c.enterpriseId.isEmpty() ? c.enterpriseUscc : c.enterpriseId;
}

QString serverHlc(qint64 ms)
{
    return QString::number(ms, 16).rightJustified(12, u'0') + u"0000"_s;
}

QJsonObject errorJson(const Error& e)
{
    return QJsonObject { { u"code"_s, e.code }, { u"message"_s, e.message } };
}

bool isStreetScoped(const Caller& c)
{
    return c.role == Role::Inspector && !c.streets.isEmpty();
}

/// Whether `caller` may see a record of `entity` with `scope` now.
bool visible(const Caller& caller, const QString& entity, const QString& id, const RecordScope& s)
{
    if (caller.role == Role::Supervisor || caller.role == Role::Admin)
        return true;
    if (entity == u"device"_s)
        return false;
    if (caller.role == Role::Enterprise) {
        if (entity == u"template"_s)
            return true;
        if (entity == u"user"_s)
            return id == caller.userId || s.enterpriseVisible; // itself and the inspectors
        return s.enterpriseVisible && !s.enterpriseId.isEmpty()
            && s.enterpriseId == callerEnterprise(caller);
    }
    // Inspector.
    if (entity == u"template"_s || entity == u"plan"_s || entity == u"user"_s)
        return true;
    if (!isStreetScoped(caller))
        return true;
    return caller.streets.contains(s.street);
}

/// How a caller stands to a blob: it sees the blob while one live record that references it is
/// visible to it; an enterprise may have held it if one of its own records referenced it.
struct BlobSight {
    bool visible = false;
    bool mayHaveHeld = false;
};

Result<BlobSight> blobSight(QSqlDatabase& db, const Caller& caller, const QString& sha256)
{
    auto refs = blobReferences(db, sha256);
    if (!refs)
        return refs.error();
    BlobSight out;
    for (const BlobReference& ref : std::as_const(refs.value())) {
        const RecordScope& s = ref.scope;
        if (s.exists && !s.deleted && visible(caller, ref.entity, ref.id, s))
            out.visible = true;
        if (!s.enterpriseId.isEmpty() && s.enterpriseId == callerEnterprise(caller)
            && ref.entity != u"answer"_s && ref.entity != u"inspection"_s)
            out.mayHaveHeld = true;
    }
    return out;
}

/// Reads the records of one pull page with one query per entity table (ids in chunks) instead
/// of one per record, and derives each record's scope from the loaded rows the way scopeOf()
/// does, falling back to scopeOf() for what the page did not load. Scopes are remembered for the
/// page, so a hundred hazards of one enterprise look that enterprise up once.
class PageReader {
public:
    PageReader(QSqlDatabase& db, QDate today)
        : m_db(db)
        , m_today(today)
    {
    }

    /// Loads the given ids of entity tables the reader knows; other entities are ignored.
    Result<void> load(const QHash<QString, QStringList>& idsByEntity)
    {
        for (auto it = idsByEntity.constBegin(); it != idsByEntity.constEnd(); ++it)
            if (auto r = loadRows(it.key(), it.value()); !r)
                return r;
        // The enterprises that loaded hazards and inspections belong to, for their scope.
        const QHash<QString, Row> enterprises = m_rows.value(u"enterprise"_s);
        QStringList parents;
        for (const auto& entity : { u"hazard"_s, u"inspection"_s }) {
            const QHash<QString, Row> children = m_rows.value(entity);
            for (const auto& row : children)
                if (!enterprises.contains(row.parent))
                    parents << row.parent;
        }
        parents.removeDuplicates();
        return loadRows(u"enterprise"_s, parents);
    }

    /// The record as loadRecord() returns it, if the page loaded it.
    std::optional<core::StoredRecord> record(const QString& entity, const QString& id) const
    {
        const auto table = m_rows.constFind(entity);
        if (table == m_rows.constEnd())
            return std::nullopt;
        const auto row = table->constFind(id);
        if (row == table->constEnd())
            return std::nullopt;
        return core::recordFromRow(entity, id, QString::fromUtf8(row->doc),
            QString::fromUtf8(row->versions), row->deleted, m_today);
    }

    /// The stored `doc` and `versions` text (UTF-8) of a loaded record, for copying straight
    /// into the page; false if the page did not load it.
    bool text(const QString& entity, const QString& id, QByteArray& doc, QByteArray& versions) const
    {
        const auto table = m_rows.constFind(entity);
        if (table == m_rows.constEnd())
            return false;
        const auto row = table->constFind(id);
        if (row == table->constEnd())
            return false;
        doc = row->doc;
        versions = row->versions;
        return true;
    }

    bool loaded(const QString& entity, const QString& id) const
    {
        const auto table = m_rows.constFind(entity);
        return table != m_rows.constEnd() && table->contains(id);
    }

    Result<RecordScope> scope(const QString& entity, const QString& id)
    {
        const QString key = entity + u'/' + id;
        if (const auto hit = m_scopes.constFind(key); hit != m_scopes.constEnd())
            return hit.value();
        auto s = compute(entity, id);
        if (s)
            m_scopes.insert(key, s.value());
        return s;
    }

private:
    struct Row {
        QByteArray doc;
        QByteArray versions;
        bool deleted = false;
        QString parent; ///< street (enterprise) or the parent record's id
        bool heldBack = false; ///< a hazard of an unfinished inspection (hazardHeldBackSql())
    };

    /// The column scope follows for each entity table the reader loads.
    static QString parentColumn(const QString& entity)
    {
        static const QHash<QString, QString> columns { { u"enterprise"_s, u"street"_s },
            { u"inspection"_s, u"enterprise_id"_s }, { u"hazard"_s, u"enterprise_id"_s },
            { u"answer"_s, u"inspection_id"_s }, { u"rectification_event"_s, u"hazard_id"_s },
            { u"comment"_s, u"record_id"_s }, { u"template"_s, u"NULL"_s },
            { u"plan"_s, u"NULL"_s } };
        return columns.value(entity);
    }

    Result<void> loadRows(const QString& entity, const QStringList& ids)
    {
        const QString column = parentColumn(entity);
        if (column.isEmpty() || ids.isEmpty())
            return {};
        auto& rows = m_rows[entity];
        rows.reserve(rows.size() + ids.size());
        // One statement for the page's ids of this table, passed as one JSON array (a list of
        // thousands of `?` costs the driver more than the rows).
        const QString members = isPostgres(m_db)
            ? u"SELECT json_array_elements_text(CAST(? AS json))"_s
            : u"SELECT value FROM json_each(?)"_s;
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        const QString table = core::tableOf(entity);
        const QString heldBack = entity == u"hazard"_s
            ? u"CASE WHEN %1 THEN 1 ELSE 0 END"_s.arg(hazardHeldBackSql(table))
            : u"0"_s;
        if (!q.prepare(u"SELECT id, doc, versions, deleted, %1, %2 FROM %3 WHERE id IN (%4)"_s.arg(
                column, heldBack, table, members))) {
            return sqlError(q);
        }
        q.addBindValue(QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact)));
        if (!q.exec())
            return sqlError(q);
        while (q.next())
            rows.insert(q.value(0).toString(),
                Row { q.value(1).toString().toUtf8(), q.value(2).toString().toUtf8(),
                    q.value(3).toInt() != 0, q.value(4).toString(), q.value(5).toInt() != 0 });
        return {};
    }

    /// scopeOf() for a loaded row; scopeOf() itself for anything else.
    Result<RecordScope> compute(const QString& entity, const QString& id)
    {
        const auto table = m_rows.constFind(entity);
        if (table == m_rows.constEnd() || !table->contains(id))
            return scopeOf(m_db, entity, id);
        const Row& row = table->value(id);
        if (entity == u"enterprise"_s) {
            RecordScope s;
            s.enterpriseId = id;
            s.enterpriseVisible = true;
            s.exists = true;
            s.street = row.parent;
            s.deleted = row.deleted;
            return s;
        }
        if (entity == u"template"_s || entity == u"plan"_s) {
            RecordScope s;
            s.exists = true;
            s.deleted = row.deleted;
            s.enterpriseVisible = entity == u"template"_s;
            return s;
        }
        Result<RecordScope> parent = RecordScope {};
        if (entity == u"hazard"_s || entity == u"inspection"_s)
            parent = scope(u"enterprise"_s, row.parent);
        else if (entity == u"answer"_s)
            parent = scope(u"inspection"_s, row.parent);
        else if (entity == u"rectification_event"_s)
            parent = scope(u"hazard"_s, row.parent);
        else if (entity == u"comment"_s) {
            parent = scope(u"hazard"_s, row.parent);
            if (parent && !parent->exists)
                parent = scope(u"inspection"_s, row.parent);
        }
        if (!parent)
            return parent;
        RecordScope out = parent.value();
        out.exists = true;
        out.deleted = row.deleted;
        if (entity == u"inspection"_s || row.heldBack)
            out.enterpriseVisible = false;
        return out;
    }

    QSqlDatabase& m_db;
    QDate m_today;
    QHash<QString, QHash<QString, Row>> m_rows;
    QHash<QString, RecordScope> m_scopes;
};

/// The id of a device record: one per (user, client id), so that no account can write over
/// another's device row by sending its client id. A name-based UUID, the same on every server.
QString deviceRecordId(const QString& userId, const QString& clientId)
{
    static const QUuid space = QUuid::fromString(u"6f1d3c2e-8a41-4b7e-9a53-5d2c0e7f4b19"_s);
    return QUuid::createUuidV5(space, userId + u'\n' + clientId).toString(QUuid::WithoutBraces);
}

/// A stored device doc as pages carry it: the typed fields only (rows written before device
/// status was typed may hold anything under `last_success`).
QJsonObject deviceFields(const QJsonObject& stored)
{
    QJsonObject out;
    for (const auto& key : { u"id"_s, u"client_id"_s, u"user_id"_s, u"app_version"_s,
             u"last_success"_s, u"last_push_at"_s, u"last_error"_s }) {
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

/// Evidence blob ids a verification relies on: its own attachments and the hazard's submissions.
Result<QStringList> evidenceBlobs(QSqlDatabase& db, const core::Mutation& m)
{
    QStringList out;
    // An element is a bare id or an object {"id", "mime", …} (docs/api.md).
    for (const auto& v : m.args.value(u"attachments"_s).toArray())
        out << (v.isObject() ? v.toObject().value(u"id"_s).toString() : v.toString());
    auto q
        = run(db, u"SELECT doc FROM rectification_events WHERE hazard_id = ? AND kind = 'submit'"_s,
            { m.args.value(u"hazard_id"_s).toString() });
    if (!q)
        return q.error();
    while (q.value().next())
        for (const auto& v :
            parseObject(q.value().value(0).toString()).value(u"attachments"_s).toArray())
            out << v.toString();
    return out;
}

struct Change {
    QString entity;
    QString id;
};

/// The existing record a mutation changes (not the one it creates), if the server holds it.
Result<std::optional<Change>> changedRecordOf(QSqlDatabase& db, const core::Mutation& m)
{
    Change target;
    if (m.name.startsWith(u"rectification."_s))
        target = { u"hazard"_s, m.args.value(u"hazard_id"_s).toString() };
    else if (m.name == u"hazard.update"_s)
        target = { u"hazard"_s, m.entityId };
    else if (m.name == u"inspection.update"_s || m.name == u"inspection.finish"_s)
        target = { u"inspection"_s, m.entityId };
    else if (m.name == u"answer.set"_s) // e.g. an edit that arrived after the finish
        target = { u"answer"_s, m.entityId };
    else
        return std::optional<Change> {};
    auto q = run(
        db, u"SELECT 1 FROM %1 WHERE id = ?"_s.arg(core::tableOf(target.entity)), { target.id });
    if (!q)
        return q.error();
    const bool exists = q.value().next();
    q.value().finish();
    return exists ? std::optional<Change> { target } : std::optional<Change> {};
}

} // namespace

SyncService::SyncService(const ServerStore& store, QTimeZone zone)
    : m_store(store)
    , m_zone(std::move(zone))
{
}

qint64 SyncService::expectedOf(const core::Error& gap)
{
    return gap.message.section(u' ', -1).toLongLong();
}

Result<PushResult> SyncService::push(const Caller& caller, const QJsonObject& body)
{
    auto parsed = parsePush(body);
    if (!parsed)
        return parsed.error();
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    const QString clientKey = parsed->clientId + u'|' + caller.userId;

    WriteTransaction tx(db);
    if (auto r = tx.begin(); !r)
        return r.error();
    // Pushes are serialised on the change-log counter row (see docs/api.md): per-client
    // bookkeeping and record merges read what the previous push committed.
    if (auto r = lockChangeLog(db); !r)
        return r.error();
    if (auto r = refreshUserRecords(db); !r)
        return r.error();

    qint64 last = 0;
    qint64 maxSkew = 0;
    bool known = false;
    {
        auto q = run(db,
            u"SELECT last_mutation_id, max_skew_ms FROM push_clients WHERE client_key = ?"_s,
            { clientKey });
        if (!q)
            return q.error();
        if (q.value().next()) {
            known = true;
            last = q.value().value(0).toLongLong();
            maxSkew = q.value().value(1).toLongLong();
        }
    }
    // A gap refuses the whole batch before anything is applied.
    {
        qint64 next = last + 1;
        for (const auto& m : std::as_const(parsed->mutations)) {
            if (m.id < next)
                continue;
            if (m.id != next)
                return Error { u"mutation_gap"_s,
                    u"mutation %1 arrived before %2; the next expected id is %2"_s.arg(m.id).arg(
                        next) };
            ++next;
        }
    }

    core::Actor actor { caller.userId, caller.role, callerEnterprise(caller), caller.streets,
        parsed->clientId };
    const BlobStore blobs(m_store.blobDir());
    PushResult out;
    QList<Change> changes;
    QList<std::pair<QString, core::TouchedRecord>> references; ///< blob, record naming it
    QHash<qint64, PushResultItem> done;
    qint64 processed = last;
    for (const auto& incoming : std::as_const(parsed->mutations)) {
        if (incoming.id <= processed) {
            if (done.contains(incoming.id)) {
                out.results.append(done.value(incoming.id));
                continue;
            }
            auto q = run(db,
                u"SELECT status, error FROM push_results WHERE client_key = ? AND mutation_id = ?"_s,
                { clientKey, incoming.id });
            if (!q)
                return q.error();
            PushResultItem item { incoming.id, u"applied"_s, std::nullopt };
            if (q.value().next()) {
                item.status = q.value().value(0).toString();
                if (!q.value().value(1).isNull()) {
                    const QJsonObject e = parseObject(q.value().value(1).toString());
                    item.error
                        = Error { e.value(u"code"_s).toString(), e.value(u"message"_s).toString() };
                }
            }
            out.results.append(item);
            continue;
        }
        core::Mutation m = incoming;
        const qint64 now = nowMs();
        core::ApplyContext ctx;
        ctx.now = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
        ctx.zone = m_zone;
        ctx.server = true;
        PushResultItem item { m.id, u"applied"_s, std::nullopt };
        const QDateTime hlcAt = core::hlcTime(m.hlc);
        bool refused = false;
        const bool invalidText = parsed->invalid.contains(m.id);
        if (invalidText) {
            item = { m.id, u"rejected"_s, parsed->invalid.value(m.id) };
            refused = true;
        } else if (!hlcAt.isValid() || m.hlc != m.hlc.toLower()) {
            item = { m.id, u"rejected"_s,
                Error { u"invalid_hlc"_s, u"hlc must be 16 lower-case hex digits"_s } };
            refused = true;
        } else {
            const qint64 skew = hlcAt.toMSecsSinceEpoch() - now;
            if (std::abs(skew) > std::abs(maxSkew))
                maxSkew = skew;
            if (std::abs(skew) > MaxSkewMs)
                m.hlc = serverHlc(now); // beyond the cap the server orders by arrival
        }
        if (!refused) {
            // Attaching a blob that exists needs the caller to have uploaded it or to see it
            // through a record already; knowing its hash is not enough. A blob not uploaded yet
            // may be named (a device may push before its photos finish uploading).
            // Someone else's upload in progress is not "not uploaded yet" for the caller.
            for (const auto& sha : core::referencedBlobIds(m.args)) {
                const BlobState::Kind kind = blobs.state(sha).kind;
                if (kind == BlobState::Kind::Unknown
                    || (kind == BlobState::Kind::Partial
                        && blobs.partialState(sha, caller.userId).kind == BlobState::Kind::Partial))
                    continue;
                auto uploaded = blobUploadedBy(db, sha, caller.userId);
                if (!uploaded)
                    return uploaded.error();
                if (uploaded.value())
                    continue;
                auto sight = blobSight(db, caller, sha);
                if (!sight)
                    return sight.error();
                if (sight->visible)
                    continue;
                item = { m.id, u"rejected"_s,
                    Error { u"blob_not_allowed"_s,
                        u"attachment %1 is neither uploaded by you nor attached to a record you "
                        u"see; upload its bytes first"_s.arg(sha) } };
                refused = true;
                break;
            }
        }
        if (!refused && m.name == u"rectification.verify"_s) {
            auto evidence = evidenceBlobs(db, m);
            if (!evidence)
                return evidence.error();
            for (const auto& sha : evidence.value())
                if (blobs.state(sha).kind != BlobState::Kind::Complete) {
                    item = { m.id, u"rejected"_s,
                        Error { u"evidence_pending"_s,
                            u"evidence %1 has not finished uploading; verify once it has"_s.arg(
                                sha) } };
                    refused = true;
                    break;
                }
        }
        if (!refused) {
            const QString savepoint = u"m%1"_s.arg(m.id);
            if (auto r = core::exec(db, u"SAVEPOINT "_s + savepoint); !r)
                return r.error();
            auto outcome = core::applyMutation(db, actor, m, ctx);
            if (!outcome)
                return outcome.error();
            if (outcome->status == core::OutcomeStatus::Rejected) {
                if (auto r = core::exec(db, u"ROLLBACK TO SAVEPOINT "_s + savepoint); !r)
                    return r.error();
                if (auto r = core::exec(db, u"RELEASE SAVEPOINT "_s + savepoint); !r)
                    return r.error();
                if (auto r = core::recordConflicts(db, outcome->conflicts); !r)
                    return r.error();
                for (const auto& c : outcome->conflicts)
                    changes.append({ u"conflict"_s, c.id });
                item = { m.id, u"rejected"_s, outcome->error };
                refused = true;
            } else {
                if (auto r = core::exec(db, u"RELEASE SAVEPOINT "_s + savepoint); !r)
                    return r.error();
                for (const auto& t : outcome->touched)
                    changes.append({ t.entity, t.id });
                // The record the mutation created or changed comes first in `touched`.
                if (!outcome->touched.isEmpty())
                    for (const auto& sha : core::referencedBlobIds(m.args))
                        references.append({ sha, outcome->touched.first() });
                item = { m.id, core::toString(outcome->status), std::nullopt };
            }
        }
        if (refused && !invalidText) {
            // The device applied the mutation when its user acted: send the records it changed
            // again, so the device's next pull replaces its copies with the server's.
            auto resend = changedRecordOf(db, m);
            if (!resend)
                return resend.error();
            if (resend->has_value())
                changes.append(**resend);
        }
        if (auto r = run(db,
                u"INSERT INTO push_results (client_key, mutation_id, status, error) "
                u"VALUES (?, ?, ?, ?)"_s,
                { clientKey, m.id, item.status,
                    item.error ? QVariant(compact(errorJson(*item.error)))
                               : QVariant(QMetaType::fromType<QString>()) });
            !r)
            return r.error();
        done.insert(m.id, item);
        out.results.append(item);
        processed = m.id;
    }
    out.lastMutationId = processed;
    {
        auto r = known
            ? run(db,
                u"UPDATE push_clients SET last_mutation_id = ?, max_skew_ms = ?, updated_at = ? "
                u"WHERE client_key = ?"_s,
                { processed, maxSkew, nowMs(), clientKey })
            : run(db,
                u"INSERT INTO push_clients (client_key, client_id, user_id, last_mutation_id, "
                u"max_skew_ms, updated_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
                { clientKey, parsed->clientId, caller.userId, processed, maxSkew, nowMs() });
        if (!r)
            return r.error();
    }
    if (parsed->device) {
        const DeviceStatus& d = *parsed->device;
        const QString now = rfc3339(nowMs());
        const QString recordId = deviceRecordId(caller.userId, parsed->clientId);
        QJsonObject doc { { u"id"_s, recordId }, { u"client_id"_s, parsed->clientId },
            { u"user_id"_s, caller.userId }, { u"app_version"_s, d.appVersion },
            { u"pending_mutations"_s, d.pendingMutations }, { u"pending_blobs"_s, d.pendingBlobs },
            { u"last_success"_s,
                d.lastSuccess.isEmpty() ? QJsonValue(QJsonValue::Null)
                                        : QJsonValue(d.lastSuccess) },
            { u"last_push_at"_s, now }, { u"clock_skew_ms"_s, maxSkew } };
        if (!d.lastError.isEmpty())
            doc.insert(u"last_error"_s, d.lastError);
        auto existing = run(db, u"SELECT created_at FROM devices WHERE id = ?"_s, { recordId });
        if (!existing)
            return existing.error();
        const bool had = existing.value().next();
        existing.value().finish();
        auto w = had
            ? run(db, u"UPDATE devices SET doc = ?, updated_at = ? WHERE id = ? AND user_id = ?"_s,
                { compact(doc), now, recordId, caller.userId })
            : run(db,
                u"INSERT INTO devices (id, user_id, doc, created_at, updated_at) "
                u"VALUES (?, ?, ?, ?, ?)"_s,
                { recordId, caller.userId, compact(doc), now, now });
        if (!w)
            return w.error();
        changes.append({ u"device"_s, recordId });
        // A row this device wrote under its bare client id (before rows were keyed by user and
        // client id) gives way to the new one; devices that pulled it are told to remove it.
        auto legacy = run(db, u"DELETE FROM devices WHERE id = ? AND user_id = ?"_s,
            { parsed->clientId, caller.userId });
        if (!legacy)
            return legacy.error();
        if (legacy.value().numRowsAffected() > 0)
            changes.append({ u"device"_s, parsed->clientId });
    }
    QSet<QString> appended;
    for (const auto& c : std::as_const(changes)) {
        const QString key = c.entity + u'/' + c.id;
        if (appended.contains(key))
            continue;
        appended.insert(key);
        if (auto r = appendChange(db, c.entity, c.id); !r)
            return r.error();
    }
    for (const auto& [sha, record] : std::as_const(references))
        if (auto r = appendBlobReference(db, sha, record.entity, record.id); !r)
            return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return out;
}

Result<QJsonObject> SyncService::pull(const Caller& caller, const QString& cursor, int limit)
{
    auto page = pullPage(caller, cursor, limit);
    if (!page)
        return page.error();
    return QJsonDocument::fromJson(page.value()).object();
}

Result<QByteArray> SyncService::pullPage(const Caller& caller, const QString& cursor, int limit)
{
    if (limit <= 0)
        limit = DefaultPullLimit;
    limit = std::min(limit, MaxPullLimit);
    const auto decodedCursor = decodePullCursor(cursor);
    if (!decodedCursor)
        return decodedCursor.error();
    qint64 after = decodedCursor.value();
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    // Accounts added or linked since the last write become `user` changes first.
    {
        auto q = run(db,
            u"SELECT COUNT(*) FROM users WHERE doc_at IS NULL OR doc_at <> updated_at OR "
            u"(enterprise_id IS NULL AND enterprise_uscc IN (SELECT id FROM enterprises))"_s);
        if (!q)
            return q.error();
        if (q.value().next() && q.value().value(0).toLongLong() > 0) {
            q.value().finish();
            WriteTransaction tx(db);
            if (auto r = tx.begin(); !r)
                return r.error();
            if (auto r = refreshUserRecords(db); !r)
                return r.error();
            if (auto r = tx.commit(); !r)
                return r.error();
        }
    }
    const ReadTransaction snapshot(db);
    // Only changes up to the committed counter: appends hold the counter row lock to commit,
    // so every change at or below it is visible and none can still arrive below it.
    qint64 upTo = 0;
    qint64 trimmedBelow = 0;
    {
        auto q = run(db, u"SELECT last_seq, trimmed_below FROM change_counter WHERE id = 1"_s);
        if (!q)
            return q.error();
        if (q.value().next()) {
            upTo = q.value().value(0).toLongLong();
            trimmedBelow = q.value().value(1).toLongLong();
        }
    }
    QJsonArray resets;
    if (!cursor.isEmpty() && after < trimmedBelow) {
        // Retention dropped changes this client has not seen: start again from the beginning
        // (the log keeps the latest change of every record).
        after = 0;
        if (caller.role == Role::Enterprise)
            resets = QJsonArray { u"enterprise"_s, u"hazard"_s, u"rectification_event"_s,
                u"comment"_s, u"attachment"_s, u"template"_s, u"user"_s };
        else
            resets = QJsonArray { u"enterprise"_s, u"user"_s, u"template"_s, u"inspection"_s,
                u"answer"_s, u"hazard"_s, u"rectification_event"_s, u"comment"_s, u"attachment"_s,
                u"plan"_s, u"conflict"_s };
        if (caller.role == Role::Supervisor || caller.role == Role::Admin)
            resets.append(u"device"_s);
    }

    QString filter;
    QList<QVariant> binds { after, upTo };
    if (caller.role == Role::Enterprise) {
        filter = u" AND (entity = 'template' OR (entity = 'user' AND (record_id = ? OR "
                 u"record_id IN (SELECT id FROM users WHERE role = 'inspector'))) OR "
                 u"enterprise_id = ?)"_s;
        binds << caller.userId << callerEnterprise(caller);
    } else if (caller.role == Role::Inspector) {
        filter = u" AND entity <> 'device'"_s;
        if (isStreetScoped(caller)) {
            QStringList marks;
            for (qsizetype i = 0; i < caller.streets.size(); ++i)
                marks << u"?"_s;
            filter += u" AND (entity IN ('template', 'plan', 'user') OR street IN (%1) OR "
                      u"prev_street IN (%1))"_s.arg(marks.join(u", "_s));
            for (const auto& s : caller.streets)
                binds << s;
            for (const auto& s : caller.streets)
                binds << s;
        }
    }
    QSqlQuery q(db);
    q.prepare(u"SELECT seq, entity, record_id FROM change_log WHERE seq > ? AND seq <= ?%1 "
              u"ORDER BY seq LIMIT %2"_s.arg(filter)
                  .arg(limit + 1));
    for (const auto& b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return makeError(u"sql_error"_s, q.lastQuery());
    struct Row {
        qint64 seq;
        QString entity;
        QString id;
    };
    QList<Row> rows;
    while (q.next())
        rows.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString() });
    q.finish();
    const bool hasMore = rows.size() > limit;
    if (hasMore)
        rows.resize(limit);
    const qint64 nextCursor = hasMore ? rows.last().seq : std::max(after, upTo);

    // The latest change of a record within the page stands for the earlier ones.
    QHash<QString, qint64> lastSeq;
    for (const auto& r : std::as_const(rows))
        lastSeq.insert(r.entity + u'/' + r.id, r.seq);
    const QDate today = core::rules::localDate(QDateTime::currentDateTimeUtc(), m_zone);
    const BlobStore blobs(m_store.blobDir());
    PageReader reader(db, today);
    {
        QHash<QString, QStringList> ids;
        for (const auto& r : std::as_const(rows))
            if (lastSeq.value(r.entity + u'/' + r.id) == r.seq)
                ids[r.entity] << r.id;
        if (auto loaded = reader.load(ids); !loaded)
            return loaded.error();
    }
    // The page is written as JSON text directly: a record's stored `doc` and `versions` are
    // already compact JSON objects and go into the page as they are (no parse and re-serialise
    // per record). Keys in the order QJsonDocument writes them (sorted).
    QByteArray body;
    body.reserve(256 + rows.size() * 640);
    body += "{\"changes\":[";
    bool firstChange = true;
    auto beginChange = [&](const Row& r) {
        if (!firstChange)
            body += ',';
        firstChange = false;
        body += "{\"entity\":";
        appendJsonString(body, r.entity);
    };
    auto endChange = [&](const Row& r, const char* op) {
        body += ",\"id\":";
        appendJsonString(body, r.id);
        body += ",\"op\":\"";
        body += op;
        body += "\",\"seq\":";
        body += QByteArray::number(r.seq);
    };
    auto put = [&](const Row& r, QByteArrayView fields, QByteArrayView versions) {
        beginChange(r);
        body += ",\"fields\":";
        body += fields;
        endChange(r, "put");
        body += ",\"versions\":";
        body += versions;
        body += '}';
    };
    auto compactBytes
        = [](const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    QByteArray docText;
    QByteArray versionsText;
    for (const auto& r : std::as_const(rows)) {
        if (lastSeq.value(r.entity + u'/' + r.id) != r.seq)
            continue;
        bool show = false;
        bool mayHaveHeld = true;
        if (r.entity == u"attachment"_s) {
            // A blob is visible through any of the records that reference it, not only the first.
            auto sight = blobSight(db, caller, r.id);
            if (!sight)
                return sight.error();
            show = sight->visible;
            mayHaveHeld = sight->mayHaveHeld;
        } else {
            auto scope = reader.scope(r.entity, r.id);
            if (!scope)
                return scope.error();
            show = scope->exists && !scope->deleted && visible(caller, r.entity, r.id, *scope);
            mayHaveHeld = scope->deleted;
        }
        if (!show) {
            // An enterprise user only ever saw its own records; skip what it never had.
            if (caller.role == Role::Enterprise && !mayHaveHeld)
                continue;
            beginChange(r);
            endChange(r, "remove");
            body += '}';
            continue;
        }
        if (r.entity != u"hazard"_s && reader.text(r.entity, r.id, docText, versionsText)) {
            // Every loaded table but hazards ships its stored text unchanged (a hazard gets its
            // derived `overdue`, judged today, below).
            put(r, storedObject(docText), storedObject(versionsText));
            continue;
        }
        QJsonObject fields;
        QJsonObject versions;
        if (r.entity == u"user"_s) {
            auto u = run(db, u"SELECT doc FROM users WHERE id = ?"_s, { r.id });
            if (!u)
                return u.error();
            if (u.value().next())
                fields = parseObject(u.value().value(0).toString());
        } else if (r.entity == u"device"_s) {
            auto d = run(
                db, u"SELECT doc, created_at, updated_at FROM devices WHERE id = ?"_s, { r.id });
            if (!d)
                return d.error();
            if (d.value().next()) {
                fields = deviceFields(parseObject(d.value().value(0).toString()));
                fields.insert(u"created_at"_s, d.value().value(1).toString());
                fields.insert(u"updated_at"_s, d.value().value(2).toString());
            }
        } else if (r.entity == u"conflict"_s) {
            auto c = run(db,
                u"SELECT entity, record_id, field, user_id, kept_value, lost_value, kept_hlc, "
                u"lost_hlc, reason, created_at FROM conflicts WHERE id = ?"_s,
                { r.id });
            if (!c)
                return c.error();
            if (c.value().next()) {
                fields = QJsonObject { { u"id"_s, r.id },
                    { u"entity"_s, c.value().value(0).toString() },
                    { u"record_id"_s, c.value().value(1).toString() },
                    { u"field"_s, c.value().value(2).toString() },
                    { u"user_id"_s, c.value().value(3).toString() },
                    { u"kept_value"_s, parseObject(c.value().value(4).toString()).value(u"v"_s) },
                    { u"lost_value"_s, parseObject(c.value().value(5).toString()).value(u"v"_s) },
                    { u"kept_hlc"_s, c.value().value(6).toString() },
                    { u"lost_hlc"_s, c.value().value(7).toString() },
                    { u"reason"_s, c.value().value(8).toString() },
                    { u"created_at"_s, c.value().value(9).toString() },
                    { u"updated_at"_s, c.value().value(9).toString() } };
            }
        } else if (r.entity == u"attachment"_s) {
            // The metadata row (mime, size, capture time and place, owner) when a mutation
            // wrote one, plus the upload state of the bytes.
            auto rec = core::loadRecord(db, r.entity, r.id, today);
            if (!rec)
                return rec.error();
            if (rec->has_value()) {
                fields = (*rec)->fields;
                versions = (*rec)->versions;
            }
            const BlobState st = blobs.state(r.id);
            const bool complete = st.kind == BlobState::Kind::Complete;
            fields.insert(u"id"_s, r.id);
            fields.insert(u"state"_s, complete ? u"complete"_s : u"pending"_s);
            if (!fields.contains(u"size"_s) || complete)
                fields.insert(u"size"_s, complete ? st.size : st.total);
        } else if (auto loaded = reader.record(r.entity, r.id)) {
            fields = loaded->fields;
            versions = loaded->versions;
        } else {
            auto rec = core::loadRecord(db, r.entity, r.id, today);
            if (!rec)
                return rec.error();
            if (!rec->has_value())
                continue;
            fields = (*rec)->fields;
            versions = (*rec)->versions;
        }
        put(r, compactBytes(fields), compactBytes(versions));
    }
    body += "],\"cursor\":\"";
    body += encodePullCursor(nextCursor);
    body += "\",\"has_more\":";
    body += hasMore ? "true" : "false";
    body += ",\"resets\":";
    body += QJsonDocument(resets).toJson(QJsonDocument::Compact);
    body += '}';
    return body;
}

Result<SyncService::BlobAccess> SyncService::blobAccess(const Caller& caller, const QString& sha256)
{
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    auto sight = blobSight(db, caller, sha256);
    if (!sight)
        return sight.error();
    auto uploaded = blobUploadedBy(db, sha256, caller.userId);
    if (!uploaded)
        return uploaded.error();
    return BlobAccess { sight->visible, uploaded.value() };
}

Result<void> SyncService::blobCompleted(const QString& sha256)
{
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    WriteTransaction tx(db);
    if (auto r = tx.begin(); !r)
        return r;
    auto known = run(db, u"SELECT 1 FROM blob_refs WHERE sha256 = ?"_s, { sha256 });
    if (!known)
        return known.error();
    const bool referenced = known.value().next();
    known.value().finish();
    if (!referenced)
        return {};
    if (auto r = appendChange(db, u"attachment"_s, sha256); !r)
        return r;
    return tx.commit();
}

QJsonObject toJson(const PushResult& result)
{
    QJsonArray items;
    for (const auto& i : result.results) {
        QJsonObject o { { u"id"_s, i.id }, { u"status"_s, i.status } };
        if (i.error)
            o.insert(u"error"_s, errorJson(*i.error));
        items.append(o);
    }
    return QJsonObject { { u"results"_s, items },
        { u"last_mutation_id"_s, result.lastMutationId } };
}

} // namespace safeloop::server
