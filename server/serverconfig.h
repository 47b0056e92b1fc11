#pragma once

#include "core/result.h"

#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>

namespace safeloop::server {

/// Server settings kept in the store (`server_meta`, keys prefixed `config.`), so that every
/// server process on one database sees the same values. Set with
/// `safeloop-server config set --data DIR KEY VALUE`.
namespace ServerConfig {

/// District time zone (IANA id): the local year of document numbers, local dates.
inline constexpr auto TimeZoneKey = "district.time_zone";
inline constexpr auto DefaultTimeZone = "Asia/Shanghai";

/// Blob housekeeping (whole seconds / bytes, see docs/operations.md): a partial upload untouched
/// this long is discarded; bytes one user may hold in uploads no record references; a complete
/// blob no record references is collected this long after it was stored.
inline constexpr auto PartialExpiryKey = "blobs.partial_expiry_seconds";
inline constexpr auto UserQuotaKey = "blobs.user_quota_bytes";
inline constexpr auto UnreferencedExpiryKey = "blobs.unreferenced_expiry_seconds";

/// `documents.prefix.<kind>`; `{year}` in the value is replaced by the block's year.
QString prefixKey(const QString& kind);

/// Every known key with its default, in a stable order.
QList<QPair<QString, QString>> defaults();

/// True for a key `set` accepts.
bool isKnownKey(const QString& key);

/// The stored value, or the default when unset. Unknown keys are refused.
core::Result<QString> get(QSqlDatabase& db, const QString& key);

/// Validates (known key; a valid IANA zone for the time zone; a non-empty prefix of at most
/// 64 characters) and stores the value. Changes nothing on refusal.
core::Result<void> set(QSqlDatabase& db, const QString& key, const QString& value);

} // namespace ServerConfig

} // namespace safeloop::server
