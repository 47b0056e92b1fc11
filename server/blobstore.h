#pragma once

#include "core/result.h"

#include <QString>

#include <functional>

namespace safeloop::server {

/// State of one blob on the server.
struct BlobState {
    enum class Kind { Unknown, Partial, Complete } kind = Kind::Unknown;
    qint64 size = 0; ///< Complete: file size; Partial: bytes received so far (Upload-Offset)
    qint64 total = 0; ///< Partial: the announced total
};

/// Outcome of one uploaded chunk.
struct ChunkOutcome {
    enum class Kind { Incomplete, Completed, AlreadyComplete } kind = Kind::Incomplete;
    qint64 offset = 0; ///< bytes held after this chunk
};

/// Content-addressed files under `<root>/<first two hex>/<sha256>`; partial uploads live in
/// `<root>/partial/<sha256>-<total>` until their last byte arrives and the SHA-256 matches.
/// Complete files are written through a temporary name, fsynced and renamed. Error codes:
/// `invalid_blob_id`, `blob_too_large`, `upload_offset_mismatch`, `upload_total_mismatch`,
/// `hash_mismatch`, `io_error`.
class BlobStore {
public:
    static constexpr qint64 MaxBlob = 32LL * 1024 * 1024;
    static constexpr qint64 MaxChunk = 8LL * 1024 * 1024;

    explicit BlobStore(QString root);

    static bool isBlobId(const QString& sha256);
    QString pathFor(const QString& sha256) const;

    BlobState state(const QString& sha256) const;

    /// Writes `bytes` as bytes [first, first + size) of a `total`-byte blob and fsyncs them.
    /// Bytes before the current offset (a resent chunk) are skipped; a chunk starting beyond
    /// it is refused with `upload_offset_mismatch` (the error message carries the offset).
    core::Result<ChunkOutcome> writeChunk(
        const QString& sha256, qint64 first, qint64 size, qint64 total, const QByteArray& bytes);

private:
    QString partialPath(const QString& sha256, qint64 total) const;
    QString findPartial(const QString& sha256, qint64* total) const;

    QString m_root;
};

} // namespace safeloop::server
