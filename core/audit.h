#pragma once

#include "domain.h"
#include "result.h"

#include <QSqlDatabase>

namespace safeloop::core::audit {

/// The hash before the first entry: 64 zeros.
QString genesisHash();

/// SHA-256 (hex) over the previous hash and the entry's canonical JSON (all fields but `hash`).
QString entryHash(const AuditEntry& entry);

/// Appends an entry (seq = last + 1, prev_hash = last hash) inside the caller's transaction.
Result<AuditEntry> append(QSqlDatabase& db, AuditEntry entry);

/// Walks the chain from the first entry; an edited, removed or reordered entry is reported as
/// `audit_chain_broken` naming the first bad sequence number. Returns the number of entries.
Result<qint64> verify(QSqlDatabase& db);

} // namespace safeloop::core::audit
