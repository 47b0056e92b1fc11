#include "syncservice.h"

#include "blobledger.h"
#include "sqldialect.h"
#include "syncservice_p.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using safeloop::core::Error;
using safeloop::core::Result;

// Push is in pushparser.cpp and pushapplier.cpp, pull in pullreader.cpp and pagereader.cpp; this
// file holds who sees what (shared by both) and the blob questions of the HTTP layer.

namespace safeloop::server {

namespace detail {

QJsonObject parseObject(const QString& s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

QString callerEnterprise(const Caller& c)
{
    return c.enterpriseId.isEmpty() ? c.enterpriseUscc : c.enterpriseId;
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
    if (entity == u"template"_s || entity == u"plan"_s || entity == u"user"_s
        || entity == u"recusal"_s)
        return true;
    if (!isStreetScoped(caller))
        return true;
    return caller.streets.contains(s.street);
}

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

} // namespace detail

using namespace detail;

SyncService::SyncService(const ServerStore& store, QTimeZone zone)
    : m_store(store)
    , m_zone(std::move(zone))
    , m_queue(std::make_shared<PushQueue>())
{
    if (m_store.location().databaseUrl.isEmpty())
        m_queue->checkpointer
            = std::make_unique<core::WalCheckpointer>(core::WalCheckpointer::Connection {
                // ServerStore closes a thread's connections when the thread ends.
                [store = m_store] { return store.connection(); }, {} });
}

qint64 SyncService::expectedOf(const core::Error& gap)
{
    return gap.message.section(u' ', -1).toLongLong();
}

Result<QJsonObject> SyncService::pull(const Caller& caller, const QString& cursor, int limit)
{
    auto page = pullPage(caller, cursor, limit);
    if (!page)
        return page.error();
    return QJsonDocument::fromJson(page.value()).object();
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
