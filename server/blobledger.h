#pragma once

#include "blobstore.h"
#include "core/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

namespace safeloop::server {

class ServerStore;
class SyncService;

/// Limits on uploads nobody references yet, read from the server settings (`blobs.*`, see
/// docs/operations.md).
struct BlobPolicy {
    /// A partial upload untouched this long is discarded (`blobs.partial_expiry_seconds`).
    qint64 partialExpiryMs = 24LL * 3600 * 1000;
    /// Bytes one user may hold in partial uploads and complete blobs that no record references
    /// (`blobs.user_quota_bytes`).
    qint64 userQuotaBytes = 512LL * 1024 * 1024;
    /// A complete blob no record references is collected this long after it was stored
    /// (`blobs.unreferenced_expiry_seconds`).
    qint64 unreferencedExpiryMs = 7LL * 24 * 3600 * 1000;

    static core::Result<BlobPolicy> load(QSqlDatabase& db);
};

/// Records that `userId` uploaded blob `sha256` (`size` bytes) completely or proved it holds the
/// bytes; the first such user is its first uploader. Idempotent.
core::Result<void> recordBlobUpload(
    QSqlDatabase& db, const QString& sha256, const QString& userId, qint64 size);

/// True if `userId` uploaded blob `sha256` (or proved it holds the bytes).
core::Result<bool> blobUploadedBy(QSqlDatabase& db, const QString& sha256, const QString& userId);

/// True if a record references blob `sha256`.
core::Result<bool> blobReferenced(QSqlDatabase& db, const QString& sha256);

/// Bytes `userId` holds that no record references: complete blobs it uploaded plus the totals
/// of its live partial uploads in `blobs`.
core::Result<qint64> unreferencedUploadBytes(QSqlDatabase& db, const BlobStore& blobs,
    const QString& userId, const BlobPolicy& policy, const QDateTime& now);

/// What one sweep of the blob directory did.
struct BlobSweep {
    int finished = 0; ///< whole partials whose hash matched, now complete
    int discarded = 0; ///< whole partials whose hash did not match, deleted
    int expired = 0; ///< partials untouched for longer than the policy allows, deleted
    int collected = 0; ///< unreferenced complete blobs older than the policy allows, deleted
    qint64 collectedBytes = 0;
};

/// Finishes or discards partial uploads whose bytes are all on disk (a crash between the last
/// chunk and the hash check), deletes expired partials (and ownerless ones of an older server
/// that are not whole), and collects unreferenced complete blobs older than the policy allows.
/// Run at `serve` start-up and by `safeloop-server gc`.
core::Result<BlobSweep> sweepBlobs(
    const ServerStore& store, SyncService& sync, const QDateTime& now);

} // namespace safeloop::server
