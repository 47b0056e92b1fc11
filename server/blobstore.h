#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace safeloop::server {

/// State of one blob on the server.
struct BlobState {
    enum class Kind { Unknown, Partial, Complete } kind = Kind::Unknown;
    qint64 size = 0; ///< Complete: file size; Partial: bytes received so far (Upload-Offset)
    qint64 total = 0; ///< Partial: the announced total
    /// Partial: when its last byte was written; Complete: when it was stored (UTC)
    QDateTime modified;
};

/// Outcome of one uploaded chunk.
struct ChunkOutcome {
    /// Completed: this upload stored the blob. AlreadyComplete: the uploaded bytes hash to the
    /// blob, which another upload had stored already (the uploader has proved it holds them).
    enum class Kind { Incomplete, Completed, AlreadyComplete } kind = Kind::Incomplete;
    qint64 offset = 0; ///< bytes held after this chunk
};

/// What finishing a whole partial upload (all bytes on disk, hash not yet checked) did.
enum class FinishOutcome {
    NotWhole, ///< no partial, or bytes still missing: nothing done
    Completed, ///< the bytes hash to the id: the blob is now complete
    AlreadyComplete, ///< the bytes hash to the id and the blob was complete already
    Discarded, ///< the bytes do not hash to the id: the partial was deleted
};

/// One partial upload on disk.
struct PartialUpload {
    QString sha256;
    QString owner; ///< user id of the uploader; empty for a partial of an older server
    qint64 size = 0;
    qint64 total = 0;
    QDateTime modified; ///< UTC
};

class DatabaseBlobs;

/// Where the blobs of one store live (server setting `blobs.store`, docs/operations.md).
enum class BlobBackend {
    Directory, ///< content-addressed files under the data directory (one host)
    Database, ///< chunked rows in the PostgreSQL store (every process on any host)
};

/// Content-addressed blobs, in one of two back ends chosen per store (`blobs.store`):
///
/// Directory: content-addressed files under `<root>/<first two hex>/<sha256>`; partial uploads
/// belong to their uploader and live in `<root>/partial/<sha256>-<owner>-<total>` until their last
/// byte arrives and the SHA-256 matches. Complete files are written through a temporary name,
/// fsynced and renamed. Error codes: `invalid_blob_id`, `blob_too_large`,
/// `upload_offset_mismatch`, `upload_total_mismatch`, `hash_mismatch`, `io_error`.
///
/// Database: chunks of at most 1 MiB in table `blob_chunks` of the PostgreSQL store, with
/// `blob_objects` (complete blobs) and `blob_partials` (uploads in progress, per uploader);
/// operations on one blob are serialised across processes by an advisory lock, the hash is
/// computed reading one chunk at a time, and a mismatch deletes the partial's chunks.
///
/// For fault tests, the environment variable `SAFELOOP_CRASH_AT=blob_before_hash` makes the
/// process SIGKILL itself after the last byte of an upload is on disk and before its hash is
/// checked.
class BlobStore {
public:
    static constexpr qint64 MaxBlob = 32LL * 1024 * 1024;
    static constexpr qint64 MaxChunk = 8LL * 1024 * 1024;

    /// Largest row of `blob_chunks` in the database back end.
    static constexpr qint64 DatabaseChunk = 1LL * 1024 * 1024;

    /// The blobs under `root`: the database back end while `attachDatabase` names this root,
    /// else the directory.
    explicit BlobStore(QString root);

    /// Keeps the blobs of `root` in the database reached through `connection` (the calling
    /// thread's connection of the store); an empty `connection` goes back to the directory.
    /// `ServerStore::open` calls this, so every BlobStore made from `blobDir()` follows it.
    static void attachDatabase(
        const QString& root, std::function<core::Result<QSqlDatabase>()> connection);

    BlobBackend backend() const;

    static bool isBlobId(const QString& sha256);
    /// The file of a complete blob (directory back end only).
    QString pathFor(const QString& sha256) const;

    /// Up to `maxLength` bytes (at most 1 MiB) of complete blob `sha256` from `offset`; empty
    /// at the end. `io_error` when the blob cannot be read.
    core::Result<QByteArray> read(const QString& sha256, qint64 offset, qint64 maxLength) const;

    /// Complete, else any uploader's partial (for the pending size of an attachment), else
    /// Unknown.
    BlobState state(const QString& sha256) const;
    /// The partial upload of `sha256` by `owner` (Unknown when it has none).
    BlobState partialState(const QString& sha256, const QString& owner) const;

    /// Writes `bytes` as bytes [first, first + size) of `owner`'s upload of a `total`-byte blob
    /// and fsyncs them. Bytes before the current offset (a resent chunk) are skipped; a chunk
    /// starting beyond it is refused with `upload_offset_mismatch` (the error message carries
    /// the offset). Another uploader's partial of the same blob is never touched.
    core::Result<ChunkOutcome> writeChunk(const QString& sha256, const QString& owner, qint64 first,
        qint64 size, qint64 total, const QByteArray& bytes);

    /// Finishes `owner`'s partial of `sha256` if all its bytes are on disk (a crash between the
    /// last chunk and the hash check leaves it so): complete when the hash matches, else deleted.
    FinishOutcome finishIfWhole(const QString& sha256, const QString& owner);

    /// Every partial upload on disk (including ones of an older server without an owner).
    QList<PartialUpload> partials() const;
    /// Deletes `owner`'s partial of `sha256` (an empty owner: the ownerless partial).
    void removePartial(const QString& sha256, const QString& owner);

    /// Ids of every complete blob.
    QStringList completeIds() const;
    /// Deletes complete blob `sha256`; false if it could not be deleted.
    bool removeComplete(const QString& sha256);

private:
    QString partialPath(const QString& sha256, const QString& owner, qint64 total) const;
    QString findPartial(const QString& sha256, const QString& owner, qint64* total) const;
    /// Moves the checked partial into place (or drops it if the blob exists already).
    core::Result<ChunkOutcome> complete(
        const QString& sha256, const QString& partial, qint64 total);

    /// The database back end attached to the root, or null for the directory.
    std::shared_ptr<const DatabaseBlobs> database() const;

    QString m_root;
};

} // namespace safeloop::server
