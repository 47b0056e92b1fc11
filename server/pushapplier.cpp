// SyncService::push: POST /api/v1/sync/push applied in one transaction. The steps: parse the
// batch (pushparser.cpp), read this client's ledger, refuse a gap, apply each mutation (or
// answer a replay with its stored result), save the ledger, record the device, append the
// change log.

#include "syncservice.h"

#include "blobledger.h"
#include "blobstore.h"
#include "nativeinsert.h"
#include "pgstatements.h"
#include "sqldialect.h"
#include "syncservice_p.h"

#include "core/rowcache.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QScopeGuard>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using safeloop::core::compact;
using safeloop::core::Error;
using safeloop::core::Result;

namespace safeloop::server {

using namespace detail;

namespace {

QString serverHlc(qint64 ms)
{
    return QString::number(ms, 16).rightJustified(12, u'0') + u"0000"_s;
}

// ---------------------------------------------------------------- the client's ledger

/// How far one client (a device under one account) has pushed: `push_clients`.
struct ClientLedger {
    QString key; ///< client id | user id
    qint64 last = 0; ///< the last mutation id processed
    qint64 maxSkew = 0; ///< the largest clock skew seen, in ms
    bool known = false; ///< the row exists
};

Result<ClientLedger> loadClient(QSqlDatabase& db, const QString& key)
{
    ClientLedger c;
    c.key = key;
    auto q = run(db,
        u"SELECT last_mutation_id, max_skew_ms FROM push_clients WHERE client_key = ?"_s, { key });
    if (!q)
        return q.error();
    if (q.value().next()) {
        c.known = true;
        c.last = q.value().value(0).toLongLong();
        c.maxSkew = q.value().value(1).toLongLong();
    }
    return c;
}

Result<void> saveClient(
    QSqlDatabase& db, const ClientLedger& c, const QString& clientId, const QString& userId)
{
    auto r = c.known
        ? run(db,
            u"UPDATE push_clients SET last_mutation_id = ?, max_skew_ms = ?, updated_at = ? "
            u"WHERE client_key = ?"_s,
            { c.last, c.maxSkew, nowMs(), c.key })
        : run(db,
            u"INSERT INTO push_clients (client_key, client_id, user_id, last_mutation_id, "
            u"max_skew_ms, updated_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
            { c.key, clientId, userId, c.last, c.maxSkew, nowMs() });
    if (!r)
        return r.error();
    return {};
}

/// A gap refuses the whole batch before anything is applied: every id above `last` must follow
/// the one before.
Result<void> refuseGap(const QList<core::Mutation>& mutations, qint64 last)
{
    qint64 next = last + 1;
    for (const auto& m : mutations) {
        if (m.id < next)
            continue;
        if (m.id != next)
            return Error { u"mutation_gap"_s,
                u"mutation %1 arrived before %2; the next expected id is %2"_s.arg(m.id).arg(
                    next) };
        ++next;
    }
    return {};
}

// ---------------------------------------------------------------- what a mutation touches

struct Change {
    QString entity;
    QString id;
};

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
    else if (m.name == u"document.issue"_s && !m.args.value(u"hazard_ids"_s).toArray().isEmpty())
        target = { u"hazard"_s, m.args.value(u"hazard_ids"_s).toArray().first().toString() };
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

/// The id of a device record: one per (user, client id), so that no account can write over
/// another's device row by sending its client id. A name-based UUID, the same on every server.
QString deviceRecordId(const QString& userId, const QString& clientId)
{
    static const QUuid space = QUuid::fromString(u"6f1d3c2e-8a41-4b7e-9a53-5d2c0e7f4b19"_s);
    return QUuid::createUuidV5(space, userId + u'\n' + clientId).toString(QUuid::WithoutBraces);
}

// ---------------------------------------------------------------- one batch

using Refusal = std::optional<Error>;

/// The answer of a push run without a savepoint per mutation when one of its mutations was
/// refused after it had written rows: the push is rolled back and run again with savepoints.
const QString NeedsSavepoints = u"push_needs_savepoints"_s;

Error needsSavepoints()
{
    return Error { NeedsSavepoints, u"a mutation was refused after writing"_s };
}

/// Applies one push batch inside the caller's transaction, one mutation at a time, and
/// collects the change-log entries and blob references to append at the end.
class PushApplier {
public:
    PushApplier(QSqlDatabase& db, const Caller& caller, const ParsedPush& parsed,
        const QString& blobDir, const QTimeZone& zone, ClientLedger& client, bool savepoints)
        : m_db(db)
        , m_caller(caller)
        , m_parsed(parsed)
        , m_actor { caller.userId, caller.role, callerEnterprise(caller), caller.streets,
            parsed.clientId }
        , m_blobs(blobDir)
        , m_zone(zone)
        , m_client(client)
        , m_savepoints(savepoints)
    {
        m_out.lastMutationId = client.last;
    }

    /// A mutation of the batch: applied if new, answered with its stored result if replayed.
    Result<void> take(const core::Mutation& incoming)
    {
        if (incoming.id <= m_client.last) {
            auto item = replayed(incoming.id);
            if (!item)
                return item.error();
            m_out.results.append(item.value());
            return {};
        }
        auto item = apply(incoming);
        if (!item)
            return item.error();
        if (auto r = recordResult(item.value()); !r)
            return r;
        m_done.insert(item->id, item.value());
        m_out.results.append(item.value());
        m_client.last = item->id;
        m_out.lastMutationId = item->id;
        return {};
    }

    /// The device status the push carries, as the device record of (user, client id).
    Result<void> recordDevice(const DeviceStatus& d)
    {
        const QString now = rfc3339(nowMs());
        const QString recordId = deviceRecordId(m_caller.userId, m_parsed.clientId);
        QJsonObject doc { { u"id"_s, recordId }, { u"client_id"_s, m_parsed.clientId },
            { u"user_id"_s, m_caller.userId }, { u"app_version"_s, d.appVersion },
            { u"pending_mutations"_s, d.pendingMutations }, { u"pending_blobs"_s, d.pendingBlobs },
            { u"last_success"_s,
                d.lastSuccess.isEmpty() ? QJsonValue(QJsonValue::Null)
                                        : QJsonValue(d.lastSuccess) },
            { u"last_push_at"_s, now }, { u"clock_skew_ms"_s, m_client.maxSkew } };
        if (!d.lastError.isEmpty())
            doc.insert(u"last_error"_s, d.lastError);
        if (!d.lastErrorCode.isEmpty())
            doc.insert(u"last_error_code"_s, d.lastErrorCode);
        auto existing = run(m_db, u"SELECT created_at FROM devices WHERE id = ?"_s, { recordId });
        if (!existing)
            return existing.error();
        const bool had = existing.value().next();
        existing.value().finish();
        auto w = had ? run(m_db,
                     u"UPDATE devices SET doc = ?, updated_at = ? WHERE id = ? AND user_id = ?"_s,
                     { compact(doc), now, recordId, m_caller.userId })
                     : run(m_db,
                         u"INSERT INTO devices (id, user_id, doc, created_at, updated_at) "
                         u"VALUES (?, ?, ?, ?, ?)"_s,
                         { recordId, m_caller.userId, compact(doc), now, now });
        if (!w)
            return w.error();
        m_changes.append({ u"device"_s, recordId });
        // A row this device wrote under its bare client id (before rows were keyed by user and
        // client id) gives way to the new one; devices that pulled it are told to remove it.
        auto legacy = run(m_db, u"DELETE FROM devices WHERE id = ? AND user_id = ?"_s,
            { m_parsed.clientId, m_caller.userId });
        if (!legacy)
            return legacy.error();
        if (legacy.value().numRowsAffected() > 0)
            m_changes.append({ u"device"_s, m_parsed.clientId });
        return {};
    }

    /// Appends the change log: each record touched once, then the blob references made. The
    /// records this push wrote lend their rows for their scopes.
    Result<void> appendChanges(AppendStats& stats)
    {
        return server::appendChanges(m_db, m_changes, m_references, m_written, m_fresh, &stats);
    }

    /// Writes the results kept for replays: on SQLite one INSERT stepped per row on SQLite's
    /// own handle, else in multi-row INSERTs.
    Result<void> writeResults(AppendStats& stats)
    {
        if (!isPostgres(m_db)) {
            NativeInsert insert(m_db,
                u"INSERT INTO push_results (client_key, mutation_id, status, error) "
                u"VALUES (?, ?, ?, ?)"_s);
            if (insert.usable()) {
                for (const PushResultItem& item : std::as_const(m_results))
                    if (auto r = insert.insert({ m_client.key, item.id, item.status,
                            item.error ? NativeInsert::Value(compact(errorJson(*item.error)))
                                       : NativeInsert::Value() });
                        !r)
                        return r;
                stats.nativeResultRows += insert.rows();
                m_results.clear();
                return {};
            }
        }
        constexpr qsizetype RowsPerStatement = 100;
        for (qsizetype from = 0; from < m_results.size(); from += RowsPerStatement) {
            const qsizetype rows = std::min(RowsPerStatement, m_results.size() - from);
            QVariantList values;
            values.reserve(rows * 4);
            for (qsizetype i = from; i < from + rows; ++i) {
                const PushResultItem& item = m_results.at(i);
                values << m_client.key << item.id << item.status
                       << (item.error ? QVariant(compact(errorJson(*item.error)))
                                      : QVariant(QMetaType::fromType<QString>()));
            }
            QStringList marks(rows, u"(?, ?, ?, ?)"_s);
            auto r = runInsert(m_db,
                u"INSERT INTO push_results (client_key, mutation_id, status, error) VALUES "_s
                    + marks.join(u", "_s),
                values);
            if (!r)
                return r.error();
        }
        m_results.clear();
        return {};
    }

    PushResult result() const { return m_out; }

private:
    /// The result a mutation processed before got: from this batch, else as stored.
    Result<PushResultItem> replayed(qint64 id)
    {
        if (const auto hit = m_done.constFind(id); hit != m_done.constEnd())
            return hit.value();
        auto q = run(m_db,
            u"SELECT status, error FROM push_results WHERE client_key = ? AND mutation_id = ?"_s,
            { m_client.key, id });
        if (!q)
            return q.error();
        PushResultItem item { id, u"applied"_s, std::nullopt };
        if (q.value().next()) {
            item.status = q.value().value(0).toString();
            if (!q.value().value(1).isNull()) {
                const QJsonObject e = parseObject(q.value().value(1).toString());
                item.error
                    = Error { e.value(u"code"_s).toString(), e.value(u"message"_s).toString() };
            }
        }
        return item;
    }

    /// A new mutation: admitted (text, clock, blobs, evidence), then applied in a savepoint. A
    /// refused one has the records it changed sent again.
    Result<PushResultItem> apply(core::Mutation m)
    {
        const qint64 now = nowMs();
        auto refusal = admit(m, now);
        if (!refusal)
            return refusal.error();
        if (refusal->has_value()) {
            if (!m_parsed.invalid.contains(m.id))
                if (auto r = resendChanged(m); !r)
                    return r.error();
            return PushResultItem { m.id, u"rejected"_s, **refusal };
        }
        auto item = applyInSavepoint(m, now);
        if (!item)
            return item;
        if (item->status == u"rejected"_s)
            if (auto r = resendChanged(m); !r)
                return r.error();
        return item;
    }

    /// Why the server refuses `m` before applying it, if it does. Restamps a mutation whose
    /// clock is beyond the skew cap with the server's (the server orders it by arrival).
    Result<Refusal> admit(core::Mutation& m, qint64 now)
    {
        if (const auto bad = m_parsed.invalid.constFind(m.id); bad != m_parsed.invalid.constEnd())
            return Refusal { bad.value() };
        const QDateTime hlcAt = core::hlcTime(m.hlc);
        if (!hlcAt.isValid() || m.hlc != m.hlc.toLower())
            return Refusal { Error {
                u"invalid_hlc"_s, u"hlc must be 16 lower-case hex digits"_s } };
        const qint64 skew = hlcAt.toMSecsSinceEpoch() - now;
        if (std::abs(skew) > std::abs(m_client.maxSkew))
            m_client.maxSkew = skew;
        if (std::abs(skew) > SyncService::MaxSkewMs)
            m.hlc = serverHlc(now);
        auto blobs = blobRefusal(m);
        if (!blobs || blobs->has_value() || m.name != u"rectification.verify"_s)
            return blobs;
        return evidenceRefusal(m);
    }

    /// An issued document's number must come from a block the server reserved for the
    /// caller, printed with that block's prefix, neither reported void nor used by another
    /// document (checked after core applied it, inside its savepoint). Sets m_issuedBlock for
    /// recordIssuedNumber().
    Result<Refusal> numberRefusal(const core::Mutation& m)
    {
        m_issuedBlock.clear();
        const QString kind = m.args.value(u"kind"_s).toString();
        const qint64 year = m.args.value(u"year"_s).toInteger(0);
        const qint64 serial = m.args.value(u"serial"_s).toInteger(0);
        const QString number = m.args.value(u"number"_s).toString().trimmed();
        if (m_caller.role != Role::Inspector || serial < 1)
            return Refusal {}; // core refuses these with their own reasons
        auto q = run(m_db,
            u"SELECT id, prefix FROM document_blocks WHERE user_id = ? AND kind = ? AND year = ? "
            u"AND first_number <= ? AND last_number >= ?"_s,
            { m_caller.userId, kind, year, serial, serial });
        if (!q)
            return q.error();
        if (!q.value().next())
            return Refusal { Error { u"number_not_reserved"_s,
                u"%1 %2 number %3 was not reserved for you"_s.arg(kind).arg(year).arg(serial) } };
        const QString blockId = q.value().value(0).toString();
        const QString prefix = q.value().value(1).toString();
        q.value().finish();
        if (number != u"%1%2号"_s.arg(prefix).arg(serial))
            return Refusal { Error { u"invalid_number"_s,
                u"number must read %1%2号 as its block prints it"_s.arg(prefix).arg(serial) } };
        auto v = run(m_db,
            u"SELECT 1 FROM document_voids WHERE kind = ? AND year = ? AND number = ?"_s,
            { kind, year, serial });
        if (!v)
            return v.error();
        const bool isVoid = v.value().next();
        v.value().finish();
        if (isVoid)
            return Refusal { Error { u"number_void"_s,
                u"number %1 was reported void and is never issued"_s.arg(number) } };
        auto used = run(m_db,
            u"SELECT document_id FROM issued_documents WHERE kind = ? AND year = ? AND number = ?"_s,
            { kind, year, serial });
        if (!used)
            return used.error();
        if (used.value().next() && used.value().value(0).toString() != m.entityId)
            return Refusal { Error { u"number_already_used"_s,
                u"number %1 was issued to another document"_s.arg(number) } };
        used.value().finish();
        m_issuedBlock = blockId;
        return Refusal {};
    }

    /// Keeps the number an applied document.issue used (numberRefusal() found its block).
    Result<void> recordIssuedNumber(const core::Mutation& m, qint64 now)
    {
        if (m.name != u"document.issue"_s || m_issuedBlock.isEmpty())
            return {};
        auto r = run(m_db,
            u"INSERT INTO issued_documents (kind, year, number, document_id, block_id, "
            u"recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, year, number) DO NOTHING"_s,
            { m.args.value(u"kind"_s).toString(), m.args.value(u"year"_s).toInteger(0),
                m.args.value(u"serial"_s).toInteger(0), m.entityId, m_issuedBlock, now });
        if (!r)
            return r.error();
        return {};
    }

    /// Attaching a blob that exists needs the caller to have uploaded it or to see it through a
    /// record already; knowing its hash is not enough. A blob not uploaded yet may be named (a
    /// device may push before its photos finish uploading). Someone else's upload in progress
    /// is not "not uploaded yet" for the caller.
    Result<Refusal> blobRefusal(const core::Mutation& m)
    {
        for (const auto& sha : core::referencedBlobIds(m.args)) {
            const BlobState::Kind kind = m_blobs.state(sha).kind;
            if (kind == BlobState::Kind::Unknown
                || (kind == BlobState::Kind::Partial
                    && m_blobs.partialState(sha, m_caller.userId).kind == BlobState::Kind::Partial))
                continue;
            auto uploaded = blobUploadedBy(m_db, sha, m_caller.userId);
            if (!uploaded)
                return uploaded.error();
            if (uploaded.value())
                continue;
            auto sight = blobSight(m_db, m_caller, sha);
            if (!sight)
                return sight.error();
            if (sight->visible)
                continue;
            return Refusal { Error { u"blob_not_allowed"_s,
                u"attachment %1 is neither uploaded by you nor attached to a record you "
                u"see; upload its bytes first"_s.arg(sha) } };
        }
        return Refusal {};
    }

    /// A verification waits until every evidence blob has finished uploading.
    Result<Refusal> evidenceRefusal(const core::Mutation& m)
    {
        auto evidence = evidenceBlobs(m_db, m);
        if (!evidence)
            return evidence.error();
        for (const auto& sha : evidence.value())
            if (m_blobs.state(sha).kind != BlobState::Kind::Complete)
                return Refusal { Error { u"evidence_pending"_s,
                    u"evidence %1 has not finished uploading; verify once it has"_s.arg(sha) } };
        return Refusal {};
    }

    /// core's rules applied, in a savepoint when the push runs with them: a rejection rolls back
    /// to it and keeps only the conflicts it recorded. Without savepoints (the first attempt of
    /// every push) a rejection that wrote nothing needs no rollback; one that wrote rows first
    /// answers NeedsSavepoints, and the caller runs the whole push again with them.
    Result<PushResultItem> applyInSavepoint(const core::Mutation& m, qint64 now)
    {
        core::ApplyContext ctx;
        ctx.now = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
        ctx.zone = m_zone;
        ctx.server = true;
        const QString savepoint = u"m%1"_s.arg(m.id);
        if (m_savepoints)
            if (auto r = core::exec(m_db, u"SAVEPOINT "_s + savepoint); !r)
                return r.error();
        auto outcome = core::applyMutation(m_db, m_actor, m, ctx);
        if (!outcome)
            return outcome.error();
        if (outcome->status == core::OutcomeStatus::Rejected) {
            if (!m_savepoints && outcome->wroteBeforeRejection)
                return needsSavepoints();
            if (m_savepoints) {
                if (auto r = core::exec(m_db, u"ROLLBACK TO SAVEPOINT "_s + savepoint); !r)
                    return r.error();
                if (auto r = core::exec(m_db, u"RELEASE SAVEPOINT "_s + savepoint); !r)
                    return r.error();
            }
            if (auto r = core::recordConflicts(m_db, outcome->conflicts); !r)
                return r.error();
            for (const auto& c : outcome->conflicts)
                m_changes.append({ u"conflict"_s, c.id });
            return PushResultItem { m.id, u"rejected"_s, outcome->error };
        }
        // An issued document's number is judged once core's role and scope checks passed, so
        // that nobody learns about numbers outside their sight.
        if (m.name == u"document.issue"_s) {
            auto refused = numberRefusal(m);
            if (!refused)
                return refused.error();
            if (refused->has_value()) {
                // Core wrote the document's rows already.
                if (!m_savepoints)
                    return needsSavepoints();
                if (auto r = core::exec(m_db, u"ROLLBACK TO SAVEPOINT "_s + savepoint); !r)
                    return r.error();
                if (auto r = core::exec(m_db, u"RELEASE SAVEPOINT "_s + savepoint); !r)
                    return r.error();
                return PushResultItem { m.id, u"rejected"_s, **refused };
            }
        }
        if (m_savepoints)
            if (auto r = core::exec(m_db, u"RELEASE SAVEPOINT "_s + savepoint); !r)
                return r.error();
        if (auto r = recordIssuedNumber(m, now); !r)
            return r.error();
        for (const auto& t : outcome->touched)
            m_changes.append({ t.entity, t.id });
        for (const auto& w : outcome->written)
            m_written.insert(w.entity + u'/' + w.id, { w.doc, w.deleted });
        for (const auto& f : outcome->fresh)
            m_fresh.insert(f.entity + u'/' + f.id);
        // The record the mutation created or changed comes first in `touched`.
        if (!outcome->touched.isEmpty())
            for (const auto& sha : core::referencedBlobIds(m.args))
                m_references.append(
                    { sha, outcome->touched.first().entity, outcome->touched.first().id });
        return PushResultItem { m.id, core::toString(outcome->status), std::nullopt };
    }

    /// The device applied the mutation when its user acted: send the records it changed again,
    /// so the device's next pull replaces its copies with the server's.
    Result<void> resendChanged(const core::Mutation& m)
    {
        auto resend = changedRecordOf(m_db, m);
        if (!resend)
            return resend.error();
        if (resend->has_value())
            m_changes.append({ (*resend)->entity, (*resend)->id });
        return {};
    }

    /// Keeps the result for replays of the same mutation id (written by writeResults()).
    Result<void> recordResult(const PushResultItem& item)
    {
        m_results.append(item);
        return {};
    }

    QSqlDatabase& m_db;
    const Caller& m_caller;
    QString m_issuedBlock; ///< the block of the document.issue being applied
    const ParsedPush& m_parsed;
    const core::Actor m_actor;
    const BlobStore m_blobs;
    const QTimeZone& m_zone;
    ClientLedger& m_client;
    PushResult m_out;
    const bool m_savepoints; ///< a savepoint around each mutation (see applyInSavepoint())
    QList<std::pair<QString, QString>> m_changes; ///< entity, id
    QList<ReferenceChange> m_references; ///< blob, record naming it
    WrittenRecords m_written; ///< the last row this push wrote of each record
    QSet<QString> m_fresh; ///< `entity/id` of records created under ids found free
    QList<PushResultItem> m_results; ///< not written yet
    QHash<qint64, PushResultItem> m_done;
};

/// One push inside the group's open transaction: this client's ledger, the gap check, each
/// mutation, the ledger saved, the device recorded, the change log appended.
Result<PushResult> applyPush(QSqlDatabase& db, const Caller& caller, const ParsedPush& parsed,
    const QString& blobDir, const QTimeZone& zone, bool savepoints, core::RowCache& rows,
    AppendStats& appendStats)
{
    auto client = loadClient(db, parsed.clientId + u'|' + caller.userId);
    if (!client)
        return client.error();
    if (auto r = refuseGap(parsed.mutations, client->last); !r)
        return r.error();
    // The records the new mutations read, in one SELECT per table (replays and mutations
    // refused before they apply read none).
    QList<core::Mutation> fresh;
    for (const auto& m : parsed.mutations)
        if (m.id > client->last && !parsed.invalid.contains(m.id))
            fresh.append(m);
    if (auto r = rows.prefetch(fresh); !r)
        return r.error();
    PushApplier applier(db, caller, parsed, blobDir, zone, client.value(), savepoints);
    for (const auto& incoming : std::as_const(parsed.mutations))
        if (auto r = applier.take(incoming); !r)
            return r.error();
    if (auto r = applier.writeResults(appendStats); !r)
        return r.error();
    if (auto r = saveClient(db, client.value(), parsed.clientId, caller.userId); !r)
        return r.error();
    if (parsed.device)
        if (auto r = applier.recordDevice(*parsed.device); !r)
            return r.error();
    if (auto r = applier.appendChanges(appendStats); !r)
        return r.error();
    return applier.result();
}

/// Writes a group of queued pushes in one transaction with one durable commit, and returns
/// their answers in order. Each push runs in its own savepoint: one that fails (a gap, an SQL
/// error) is rolled back alone and answered with its error; the others commit. A failed begin or
/// commit is every push's answer.
std::vector<Result<PushResult>> writeGroup(QSqlDatabase& db,
    const std::vector<PushQueue::Entry*>& group, const QString& blobDir, const QTimeZone& zone,
    qint64* paramStatements, AppendStats* appendStats, int* walFrames)
{
    const auto failAll = [&group](const Error& e) {
        return std::vector<Result<PushResult>>(group.size(), Result<PushResult>(e));
    };
    WriteTransaction tx(db);
    if (auto r = tx.begin(); !r)
        return failAll(r.error());
    // Pushes are serialised on the change-log counter row (see docs/api.md): per-client
    // bookkeeping and record merges read what the previous push committed. Other server
    // processes on the same PostgreSQL database queue here too.
    if (auto r = lockChangeLog(db); !r)
        return failAll(r.error());
    if (auto r = refreshUserRecords(db); !r)
        return failAll(r.error());
    const QString savepoint = u"push_in_group"_s;
    std::vector<Result<PushResult>> out;
    out.reserve(group.size());
    {
        // The group's statements are prepared once, not once per mutation; all of them are
        // finished before the commit. The group's record rows are held between mutations and
        // pushes, and their writes go out together (core::RowCache).
        StatementCache statements(db);
        core::RowCache rows(db);
        // On PostgreSQL the upserts and prefetches go out through libpq with their values as
        // parameters (PgStatements); the rest through QtSql.
        const std::unique_ptr<PgStatements> pg = PgStatements::open(db);
        rows.setParamStatements(pg.get());
        const auto countParams = qScopeGuard(
            [&rows, paramStatements] { *paramStatements += rows.stats().paramStatements; });
        const auto rollBack
            = [&db, &savepoint] { return core::exec(db, u"ROLLBACK TO SAVEPOINT "_s + savepoint); };
        for (const PushQueue::Entry* entry : group) {
            if (auto r = core::exec(db, u"SAVEPOINT "_s + savepoint); !r)
                return failAll(r.error());
            // First without a savepoint per mutation (on PostgreSQL each is two round trips);
            // if a mutation was refused after writing, again from the push's savepoint with them.
            const auto attempt = [&]() -> Result<PushResult> {
                auto applied = applyPush(
                    db, *entry->caller, *entry->parsed, blobDir, zone, false, rows, *appendStats);
                if (!applied && applied.error().code == NeedsSavepoints) {
                    if (auto r = rollBack(); !r)
                        return r.error();
                    applied = applyPush(db, *entry->caller, *entry->parsed, blobDir, zone, true,
                        rows, *appendStats);
                }
                if (applied)
                    if (auto r = rows.flush(); !r)
                        return r.error();
                return applied;
            };
            auto applied = attempt();
            // A queued write the database refused (a constraint) failed whichever statement
            // wrote the queue: the push is applied again writing each row at once, so that it
            // fails, or not, exactly where it would without the cache.
            if (!applied && rows.flushFailed()) {
                if (auto r = rollBack(); !r)
                    return failAll(r.error());
                rows.setEnabled(false);
                applied = attempt();
                rows.setEnabled(true);
            }
            if (!applied)
                if (auto r = rollBack(); !r)
                    return failAll(r.error());
            if (auto r = core::exec(db, u"RELEASE SAVEPOINT "_s + savepoint); !r)
                return failAll(r.error());
            out.push_back(std::move(applied));
        }
        if (auto r = rows.flush(); !r)
            return failAll(r.error());
    }
    if (auto r = tx.commitLeavingCheckpoint(walFrames); !r)
        return failAll(r.error());
    return out;
}

} // namespace

Result<PushResult> SyncService::push(const Caller& caller, const QJsonObject& body)
{
    auto parsed = parsePush(body);
    if (!parsed)
        return parsed.error();
    PushQueue::Entry mine { &caller, &parsed.value(), std::nullopt };
    PushQueue& queue = *m_queue;
    std::unique_lock lock(queue.mutex);
    queue.waiting.push_back(&mine);
    for (;;) {
        // Wait while another thread writes a group; it may take this push into it.
        queue.written.wait(lock, [&] { return mine.result.has_value() || !queue.writing; });
        if (mine.result)
            return std::move(*mine.result);
        // No one is writing and this push is still queued: this thread writes the pushes queued
        // so far, in arrival order, up to MaxGroupMutations (at least one), in one transaction.
        queue.writing = true;
        std::vector<PushQueue::Entry*> group;
        qsizetype mutations = 0;
        while (!queue.waiting.empty()
            && (group.empty()
                || mutations + queue.waiting.front()->parsed->mutations.size()
                    <= MaxGroupMutations)) {
            group.push_back(queue.waiting.front());
            mutations += group.back()->parsed->mutations.size();
            queue.waiting.pop_front();
        }
        lock.unlock();
        std::vector<Result<PushResult>> answers;
        qint64 paramStatements = 0;
        AppendStats appendStats;
        if (auto conn = m_store.connection(); !conn) {
            answers.assign(group.size(), Result<PushResult>(conn.error()));
        } else {
            QSqlDatabase db = conn.value();
            int walFrames = 0;
            answers = writeGroup(
                db, group, m_store.blobDir(), m_zone, &paramStatements, &appendStats, &walFrames);
            if (queue.checkpointer)
                queue.checkpointer->committed(db, walFrames);
        }
        lock.lock();
        queue.stats.paramStatements += paramStatements;
        queue.stats.lastEntryLookups += appendStats.lastLookups;
        queue.stats.nativeChangeRows += appendStats.nativeRows;
        queue.stats.nativeResultRows += appendStats.nativeResultRows;
        queue.stats.paramLookups += appendStats.paramLookups;
        for (std::size_t i = 0; i < group.size(); ++i)
            group[i]->result = std::move(answers[i]);
        queue.stats.pushes += static_cast<qint64>(group.size());
        ++queue.stats.groups;
        queue.writing = false;
        queue.written.notify_all();
    }
}

SyncService::PushStats SyncService::pushStats() const
{
    std::lock_guard lock(m_queue->mutex);
    PushStats stats = m_queue->stats;
    if (m_queue->checkpointer) {
        const auto wal = m_queue->checkpointer->stats();
        stats.walCheckpoints = wal.background;
        stats.walCheckpointsInPush = wal.inPlace;
    }
    return stats;
}

} // namespace safeloop::server
