#include "blobledger.h"

#include "serverconfig.h"
#include "serverstore.h"
#include "sqldialect.h"
#include "syncservice.h"

using namespace Qt::StringLiterals;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

Result<qint64> setting(QSqlDatabase& db, const char* key)
{
    auto value = ServerConfig::get(db, QString::fromLatin1(key));
    if (!value)
        return value.error();
    return value.value().toLongLong();
}

} // namespace

Result<BlobPolicy> BlobPolicy::load(QSqlDatabase& db)
{
    BlobPolicy p;
    auto partial = setting(db, ServerConfig::PartialExpiryKey);
    if (!partial)
        return partial.error();
    auto quota = setting(db, ServerConfig::UserQuotaKey);
    if (!quota)
        return quota.error();
    auto unreferenced = setting(db, ServerConfig::UnreferencedExpiryKey);
    if (!unreferenced)
        return unreferenced.error();
    p.partialExpiryMs = partial.value() * 1000;
    p.userQuotaBytes = quota.value();
    p.unreferencedExpiryMs = unreferenced.value() * 1000;
    return p;
}

Result<void> recordBlobUpload(
    QSqlDatabase& db, const QString& sha256, const QString& userId, qint64 size)
{
    auto r = run(db,
        u"INSERT INTO blob_uploads (sha256, user_id, size, completed_at) VALUES (?, ?, ?, ?) "
        u"ON CONFLICT (sha256, user_id) DO NOTHING"_s,
        { sha256, userId, size, nowMs() });
    if (!r)
        return r.error();
    return {};
}

Result<bool> blobUploadedBy(QSqlDatabase& db, const QString& sha256, const QString& userId)
{
    auto q = run(
        db, u"SELECT 1 FROM blob_uploads WHERE sha256 = ? AND user_id = ?"_s, { sha256, userId });
    if (!q)
        return q.error();
    const bool found = q.value().next();
    q.value().finish();
    return found;
}

Result<bool> blobReferenced(QSqlDatabase& db, const QString& sha256)
{
    auto q = run(db, u"SELECT 1 FROM blob_refs WHERE sha256 = ?"_s, { sha256 });
    if (!q)
        return q.error();
    const bool found = q.value().next();
    q.value().finish();
    return found;
}

Result<qint64> unreferencedUploadBytes(QSqlDatabase& db, const BlobStore& blobs,
    const QString& userId, const BlobPolicy& policy, const QDateTime& now)
{
    auto q = run(db,
        u"SELECT COALESCE(SUM(u.size), 0) FROM blob_uploads u WHERE u.user_id = ? "
        u"AND NOT EXISTS (SELECT 1 FROM blob_refs r WHERE r.sha256 = u.sha256)"_s,
        { userId });
    if (!q)
        return q.error();
    qint64 bytes = q.value().next() ? q.value().value(0).toLongLong() : 0;
    q.value().finish();
    for (const PartialUpload& p : blobs.partials()) {
        if (p.owner != userId || p.modified.msecsTo(now) > policy.partialExpiryMs)
            continue;
        auto referenced = blobReferenced(db, p.sha256);
        if (!referenced)
            return referenced.error();
        if (!referenced.value())
            bytes += p.total;
    }
    return bytes;
}

Result<BlobSweep> sweepBlobs(const ServerStore& store, SyncService& sync, const QDateTime& now)
{
    auto conn = store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    auto policy = BlobPolicy::load(db);
    if (!policy)
        return policy.error();
    BlobStore blobs(store.blobDir());
    BlobSweep out;
    for (const PartialUpload& p : blobs.partials()) {
        if (p.size >= p.total) {
            switch (blobs.finishIfWhole(p.sha256, p.owner)) {
            case FinishOutcome::Completed:
            case FinishOutcome::AlreadyComplete:
                ++out.finished;
                if (!p.owner.isEmpty())
                    if (auto r = recordBlobUpload(db, p.sha256, p.owner, p.total); !r)
                        return r.error();
                if (auto r = sync.blobCompleted(p.sha256); !r)
                    return r.error();
                break;
            case FinishOutcome::Discarded:
                ++out.discarded;
                break;
            case FinishOutcome::NotWhole:
                break;
            }
            continue;
        }
        // An ownerless partial of an older server cannot be resumed by anyone.
        if (p.owner.isEmpty() || p.modified.msecsTo(now) > policy->partialExpiryMs) {
            blobs.removePartial(p.sha256, p.owner);
            ++out.expired;
        }
    }
    for (const QString& sha : blobs.completeIds()) {
        const BlobState stored = blobs.state(sha);
        if (stored.kind != BlobState::Kind::Complete
            || stored.modified.msecsTo(now) <= policy->unreferencedExpiryMs)
            continue;
        auto referenced = blobReferenced(db, sha);
        if (!referenced)
            return referenced.error();
        if (referenced.value())
            continue;
        const qint64 size = stored.size;
        if (!blobs.removeComplete(sha))
            continue;
        if (auto r = run(db, u"DELETE FROM blob_uploads WHERE sha256 = ?"_s, { sha }); !r)
            return r.error();
        ++out.collected;
        out.collectedBytes += size;
    }
    return out;
}

} // namespace safeloop::server
