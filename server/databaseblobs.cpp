#include "databaseblobs.h"

#include "sqldialect.h"

#include <QSqlError>
#include <QUuid>

#include <sodium.h>

#include <csignal>
#include <functional>
#include <optional>
#include <unistd.h>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

namespace detail {

void blobCrashPoint(const char* name)
{
    static const QByteArray at = qgetenv("SAFELOOP_CRASH_AT");
    if (!at.isEmpty() && at == name)
        ::kill(::getpid(), SIGKILL);
}

} // namespace detail

namespace {

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

/// Advisory lock class of blob operations (the second key is taken from the blob id).
constexpr int BlobLockClass = 0x5AFEB10B & 0x7FFFFFFF;

Result<void> lockBlob(QSqlDatabase& db, const QString& sha256)
{
    if (!isPostgres(db))
        return {}; // SQLite: the writer lock of the transaction serialises already
    const int key = static_cast<int>(sha256.left(7).toUInt(nullptr, 16));
    auto r = run(db, u"SELECT pg_advisory_xact_lock(?, ?)"_s, { BlobLockClass, key });
    if (!r)
        return r.error();
    r.value().finish();
    return {};
}

core::Error ioError(const core::Error& e)
{
    return { u"io_error"_s, u"the blob store in the database failed: %1"_s.arg(e.message) };
}

struct PartialRow {
    qint64 total = 0;
    qint64 size = 0;
    qint64 modified = 0;
    QString key;
};

Result<std::optional<PartialRow>> findPartial(
    QSqlDatabase& db, const QString& sha256, const QString& owner)
{
    auto q = run(db,
        u"SELECT total, size, modified_at, upload_key FROM blob_partials "
        u"WHERE sha256 = ? AND owner = ?"_s,
        { sha256, owner });
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<PartialRow> {};
    PartialRow p { q.value().value(0).toLongLong(), q.value().value(1).toLongLong(),
        q.value().value(2).toLongLong(), q.value().value(3).toString() };
    q.value().finish();
    return std::optional<PartialRow> { p };
}

/// One blob's critical section: a transaction on the calling thread's connection holding the
/// blob's advisory lock, and the uploader's partial as it stands under that lock. Rolled back
/// unless committed.
struct LockedBlob {
    explicit LockedBlob(QSqlDatabase connection)
        : db(std::move(connection))
        , tx(db)
    {
    }
    QSqlDatabase db;
    Transaction tx;
    std::optional<PartialRow> partial;
};

/// Opens `locked` for `owner`'s upload of `sha256` (the steps every change to a partial
/// starts with); `io_error` when the connection, transaction, lock or lookup fails.
Result<void> lockPartial(const std::function<Result<QSqlDatabase>()>& connection,
    std::optional<LockedBlob>& locked, const QString& sha256, const QString& owner)
{
    auto conn = connection();
    if (!conn)
        return ioError(conn.error());
    locked.emplace(conn.value());
    if (!locked->tx.ok())
        return makeError(u"io_error"_s, u"cannot begin a blob transaction"_s);
    if (auto r = lockBlob(locked->db, sha256); !r)
        return ioError(r.error());
    auto found = findPartial(locked->db, sha256, owner);
    if (!found)
        return ioError(found.error());
    locked->partial = found.value();
    return {};
}

Result<void> deleteChunks(QSqlDatabase& db, const QString& key)
{
    auto r = run(db, u"DELETE FROM blob_chunks WHERE blob_key = ?"_s, { key });
    if (!r)
        return r.error();
    return {};
}

Result<void> deletePartial(
    QSqlDatabase& db, const QString& sha256, const QString& owner, const QString& key)
{
    if (auto r = deleteChunks(db, key); !r)
        return r;
    auto r
        = run(db, u"DELETE FROM blob_partials WHERE sha256 = ? AND owner = ?"_s, { sha256, owner });
    if (!r)
        return r.error();
    return {};
}

/// The one chunk holding byte `offset` of `key` (at most 1 MiB): its first byte and bytes.
Result<std::optional<std::pair<qint64, QByteArray>>> chunkAt(
    QSqlDatabase& db, const QString& key, qint64 offset)
{
    // One row per query: QPSQL fetches a whole result set, so a query over every chunk would
    // hold the blob in memory.
    auto q = run(db,
        u"SELECT byte_offset, data FROM blob_chunks WHERE blob_key = ? AND byte_offset <= ? "
        u"ORDER BY byte_offset DESC LIMIT 1"_s,
        { key, offset });
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<std::pair<qint64, QByteArray>> {};
    std::pair<qint64, QByteArray> out { q.value().value(0).toLongLong(),
        q.value().value(1).toByteArray() };
    q.value().finish();
    return std::optional { std::move(out) };
}

/// SHA-256 of the `size` bytes stored under `key`, read one chunk at a time; empty if the
/// chunks do not cover exactly [0, size).
Result<QString> hashChunks(QSqlDatabase& db, const QString& key, qint64 size)
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    qint64 at = 0;
    while (at < size) {
        auto chunk = chunkAt(db, key, at);
        if (!chunk)
            return chunk.error();
        if (!chunk.value() || chunk.value()->first != at || chunk.value()->second.isEmpty())
            return QString();
        const QByteArray& bytes = chunk.value()->second;
        crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(bytes.constData()),
            static_cast<unsigned long long>(bytes.size()));
        at += bytes.size();
    }
    if (at != size)
        return QString();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), crypto_hash_sha256_BYTES).toHex());
}

} // namespace

DatabaseBlobs::DatabaseBlobs(std::function<Result<QSqlDatabase>()> connection)
    : m_connection(std::move(connection))
{
}

BlobState DatabaseBlobs::state(const QString& sha256) const
{
    BlobState s;
    auto db = m_connection();
    if (!db)
        return s;
    auto q = run(
        db.value(), u"SELECT size, stored_at FROM blob_objects WHERE sha256 = ?"_s, { sha256 });
    if (!q)
        return s;
    if (q.value().next()) {
        s.kind = BlobState::Kind::Complete;
        s.size = q.value().value(0).toLongLong();
        s.modified = utc(q.value().value(1).toLongLong());
        q.value().finish();
        return s;
    }
    auto p = run(db.value(),
        u"SELECT size, total, modified_at FROM blob_partials WHERE sha256 = ? "
        u"ORDER BY modified_at DESC LIMIT 1"_s,
        { sha256 });
    if (p && p.value().next()) {
        s.kind = BlobState::Kind::Partial;
        s.size = p.value().value(0).toLongLong();
        s.total = p.value().value(1).toLongLong();
        s.modified = utc(p.value().value(2).toLongLong());
        p.value().finish();
    }
    return s;
}

BlobState DatabaseBlobs::partialState(const QString& sha256, const QString& owner) const
{
    BlobState s;
    auto db = m_connection();
    if (!db)
        return s;
    auto found = findPartial(db.value(), sha256, owner);
    if (!found || !found.value())
        return s;
    s.kind = BlobState::Kind::Partial;
    s.size = found.value()->size;
    s.total = found.value()->total;
    s.modified = utc(found.value()->modified);
    return s;
}

Result<ChunkOutcome> DatabaseBlobs::writeChunk(const QString& sha256, const QString& owner,
    qint64 first, qint64 size, qint64 total, const QByteArray& bytes) const
{
    if (!BlobStore::isBlobId(sha256))
        return makeError(u"invalid_blob_id"_s, u"a blob id is 64 lower-case hex digits"_s);
    if (total > BlobStore::MaxBlob)
        return makeError(u"blob_too_large"_s, u"a blob may hold at most 32 MiB"_s);
    qint64 held = 0;
    {
        std::optional<LockedBlob> locked;
        if (auto r = lockPartial(m_connection, locked, sha256, owner); !r)
            return r.error();
        QSqlDatabase& db = locked->db;
        std::optional<PartialRow>& partial = locked->partial;
        if (partial && partial->total != total)
            return makeError(u"upload_total_mismatch"_s,
                u"this upload was started with a total of %1 bytes"_s.arg(partial->total));
        if (!partial) {
            if (first > 0) // nothing held: leave nothing behind
                return makeError(u"upload_offset_mismatch"_s, u"0"_s);
            partial = PartialRow { total, 0, nowMs(),
                u"partial-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces) };
            auto r = run(db,
                u"INSERT INTO blob_partials (sha256, owner, total, size, modified_at, "
                u"upload_key) VALUES (?, ?, ?, 0, ?, ?)"_s,
                { sha256, owner, total, partial->modified, partial->key });
            if (!r)
                return ioError(r.error());
        }
        const qint64 offset = partial->size;
        if (first > offset)
            return makeError(u"upload_offset_mismatch"_s, QString::number(offset));
        held = offset;
        for (qint64 at = offset - first; at < size; at += BlobStore::DatabaseChunk) {
            const qint64 length = std::min(BlobStore::DatabaseChunk, size - at);
            auto r = run(db,
                u"INSERT INTO blob_chunks (blob_key, byte_offset, data) VALUES (?, ?, ?)"_s,
                { partial->key, held,
                    bytes.mid(static_cast<qsizetype>(at), static_cast<qsizetype>(length)) });
            if (!r)
                return ioError(r.error());
            held += length;
        }
        if (held != offset) {
            auto r = run(db,
                u"UPDATE blob_partials SET size = ?, modified_at = ? WHERE sha256 = ? AND "
                u"owner = ?"_s,
                { held, nowMs(), sha256, owner });
            if (!r)
                return ioError(r.error());
        }
        if (auto r = locked->tx.commit(); !r)
            return ioError(r.error());
    }
    if (held < total)
        return ChunkOutcome { ChunkOutcome::Kind::Incomplete, held };
    detail::blobCrashPoint("blob_before_hash");
    return finish(sha256, owner);
}

Result<ChunkOutcome> DatabaseBlobs::finish(const QString& sha256, const QString& owner) const
{
    std::optional<LockedBlob> locked;
    if (auto r = lockPartial(m_connection, locked, sha256, owner); !r)
        return r.error();
    QSqlDatabase& db = locked->db;
    Transaction& tx = locked->tx;
    if (!locked->partial || locked->partial->size < locked->partial->total)
        return makeError(u"upload_offset_mismatch"_s,
            QString::number(locked->partial ? locked->partial->size : 0));
    const PartialRow partial = *locked->partial;
    auto hash = hashChunks(db, partial.key, partial.total);
    if (!hash)
        return ioError(hash.error());
    if (partial.size != partial.total || hash.value() != sha256) {
        if (auto r = deletePartial(db, sha256, owner, partial.key); !r)
            return ioError(r.error());
        if (auto r = tx.commit(); !r)
            return ioError(r.error());
        return makeError(u"hash_mismatch"_s,
            u"the uploaded bytes do not hash to %1; the partial upload was discarded"_s.arg(
                sha256));
    }
    auto exists = run(db, u"SELECT 1 FROM blob_objects WHERE sha256 = ?"_s, { sha256 });
    if (!exists)
        return ioError(exists.error());
    const bool already = exists.value().next();
    exists.value().finish();
    if (already) {
        // Another upload stored the same bytes first; this one only proved it holds them.
        if (auto r = deletePartial(db, sha256, owner, partial.key); !r)
            return ioError(r.error());
    } else {
        for (const auto& [sql, values] : std::initializer_list<std::pair<QString, QVariantList>> {
                 { u"UPDATE blob_chunks SET blob_key = ? WHERE blob_key = ?"_s,
                     { sha256, partial.key } },
                 { u"DELETE FROM blob_partials WHERE sha256 = ? AND owner = ?"_s,
                     { sha256, owner } },
                 { u"INSERT INTO blob_objects (sha256, size, stored_at) VALUES (?, ?, ?)"_s,
                     { sha256, partial.total, nowMs() } },
             }) {
            QSqlQuery q(db);
            if (!q.prepare(sql))
                return makeError(u"io_error"_s, q.lastError().text());
            for (const QVariant& v : values)
                q.addBindValue(v);
            if (!q.exec())
                return makeError(u"io_error"_s, q.lastError().text());
        }
    }
    if (auto r = tx.commit(); !r)
        return ioError(r.error());
    return ChunkOutcome {
        already ? ChunkOutcome::Kind::AlreadyComplete : ChunkOutcome::Kind::Completed, partial.total
    };
}

FinishOutcome DatabaseBlobs::finishIfWhole(const QString& sha256, const QString& owner) const
{
    const BlobState own = partialState(sha256, owner);
    if (own.kind != BlobState::Kind::Partial || own.size < own.total)
        return FinishOutcome::NotWhole;
    auto done = finish(sha256, owner);
    if (!done)
        return done.error().code == u"hash_mismatch"_s ? FinishOutcome::Discarded
                                                       : FinishOutcome::NotWhole;
    return done->kind == ChunkOutcome::Kind::Completed ? FinishOutcome::Completed
                                                       : FinishOutcome::AlreadyComplete;
}

QList<PartialUpload> DatabaseBlobs::partials() const
{
    QList<PartialUpload> out;
    auto db = m_connection();
    if (!db)
        return out;
    auto q
        = run(db.value(), u"SELECT sha256, owner, size, total, modified_at FROM blob_partials"_s);
    if (!q)
        return out;
    while (q.value().next()) {
        PartialUpload p;
        p.sha256 = q.value().value(0).toString();
        p.owner = q.value().value(1).toString();
        p.size = q.value().value(2).toLongLong();
        p.total = q.value().value(3).toLongLong();
        p.modified = utc(q.value().value(4).toLongLong());
        out.append(p);
    }
    return out;
}

void DatabaseBlobs::removePartial(const QString& sha256, const QString& owner) const
{
    std::optional<LockedBlob> locked;
    if (!lockPartial(m_connection, locked, sha256, owner) || !locked->partial)
        return;
    if (deletePartial(locked->db, sha256, owner, locked->partial->key))
        (void)locked->tx.commit();
}

QStringList DatabaseBlobs::completeIds() const
{
    QStringList ids;
    auto db = m_connection();
    if (!db)
        return ids;
    auto q = run(db.value(), u"SELECT sha256 FROM blob_objects ORDER BY sha256"_s);
    if (!q)
        return ids;
    while (q.value().next())
        ids << q.value().value(0).toString();
    return ids;
}

bool DatabaseBlobs::removeComplete(const QString& sha256) const
{
    auto conn = m_connection();
    if (!conn)
        return false;
    QSqlDatabase db = conn.value();
    Transaction tx(db);
    if (!tx.ok() || !lockBlob(db, sha256) || !deleteChunks(db, sha256))
        return false;
    auto r = run(db, u"DELETE FROM blob_objects WHERE sha256 = ?"_s, { sha256 });
    if (!r || r.value().numRowsAffected() != 1)
        return false;
    return tx.commit().ok();
}

Result<QByteArray> DatabaseBlobs::read(const QString& sha256, qint64 offset, qint64 maxLength) const
{
    auto conn = m_connection();
    if (!conn)
        return ioError(conn.error());
    auto chunk = chunkAt(conn.value(), sha256, offset);
    if (!chunk)
        return ioError(chunk.error());
    if (!chunk.value())
        return QByteArray();
    const auto& [start, bytes] = *chunk.value();
    const qint64 skip = offset - start;
    if (skip >= bytes.size())
        return QByteArray();
    return bytes.mid(static_cast<qsizetype>(skip),
        static_cast<qsizetype>(
            std::min({ maxLength, BlobStore::DatabaseChunk, bytes.size() - skip })));
}

} // namespace safeloop::server
