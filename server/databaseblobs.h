#pragma once

// The database back end of BlobStore (see blobstore.h). Private to server/.

#include "blobstore.h"

namespace safeloop::server {

/// Blobs as rows of at most 1 MiB in `blob_chunks`, keyed by the blob's id once complete and by
/// a per-upload key while partial; `blob_objects` lists complete blobs, `blob_partials` the
/// uploads in progress (one per blob and uploader). Every change to one blob runs in a
/// transaction holding a PostgreSQL advisory lock on the blob's id, so processes on several
/// hosts never interleave on it.
class DatabaseBlobs {
public:
    explicit DatabaseBlobs(std::function<core::Result<QSqlDatabase>()> connection);

    BlobState state(const QString& sha256) const;
    BlobState partialState(const QString& sha256, const QString& owner) const;
    core::Result<ChunkOutcome> writeChunk(const QString& sha256, const QString& owner, qint64 first,
        qint64 size, qint64 total, const QByteArray& bytes) const;
    FinishOutcome finishIfWhole(const QString& sha256, const QString& owner) const;
    QList<PartialUpload> partials() const;
    void removePartial(const QString& sha256, const QString& owner) const;
    QStringList completeIds() const;
    bool removeComplete(const QString& sha256) const;
    core::Result<QByteArray> read(const QString& sha256, qint64 offset, qint64 maxLength) const;

private:
    /// The checked, whole partial of `owner` becomes the blob (or is dropped if the blob is
    /// complete already); a hash mismatch deletes it. Runs in its own locked transaction.
    core::Result<ChunkOutcome> finish(const QString& sha256, const QString& owner) const;

    std::function<core::Result<QSqlDatabase>()> m_connection;
};

namespace detail {
/// Test hook: SAFELOOP_CRASH_AT names a point at which the process SIGKILLs itself.
void blobCrashPoint(const char* name);
} // namespace detail

} // namespace safeloop::server
