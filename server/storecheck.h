#pragma once

#include "serverstore.h"

#include <QList>
#include <QString>

namespace safeloop::server {

/// How thoroughly `checkStore` reads blobs.
struct CheckOptions {
    bool allBlobs = false; ///< hash every referenced blob, not a sample
    int sample = 50; ///< referenced blobs hashed without `allBlobs` (chosen at random)
};

/// One line of a check: passed, or failed with a stable code.
struct CheckFinding {
    bool ok = true;
    QString code; ///< failures only: data_dir_missing, not_initialised, database_unreachable, …
    QString message;
};

/// What `safeloop-server check` found.
struct CheckReport {
    QList<CheckFinding> findings;
    bool passed() const;
};

/// Validates a store without changing it (no migration, no sweep): the data directory, that the
/// database is reachable and at this server's schema version, every stored setting, the blob
/// store the settings choose, and that the blobs records reference exist with their uploaded
/// size and SHA-256 (a random sample, or all). Codes: data_dir_missing, not_initialised,
/// database_unreachable, schema_outdated, schema_newer, unknown_setting, invalid_setting,
/// blob_dir_unusable, blob_store_unreadable, blob_missing, blob_size_mismatch, blob_corrupt.
CheckReport checkStore(const StoreLocation& location, const CheckOptions& options);

} // namespace safeloop::server
