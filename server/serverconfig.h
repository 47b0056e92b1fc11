#pragma once

#include "core/result.h"

#include <QJsonObject>
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

/// The district's names that legal documents print (GET /api/v1/district sends them to the
/// devices): the issuing authority (执法机关), the body that hears an administrative review
/// (行政复议机关), the court (人民法院) and the enterprise signer's title. The first three have
/// no default: until set, the devices print a placeholder, never another district's name.
inline constexpr auto DistrictAuthorityKey = "district.authority";
inline constexpr auto DistrictReviewAuthorityKey = "district.review_authority";
inline constexpr auto DistrictCourtKey = "district.court";
inline constexpr auto EnterpriseSignerRoleKey = "district.enterprise_signer_role";

/// Blob housekeeping (whole seconds / bytes, see docs/operations.md): a partial upload untouched
/// this long is discarded; bytes one user may hold in uploads no record references; a complete
/// blob no record references is collected this long after it was stored.
inline constexpr auto PartialExpiryKey = "blobs.partial_expiry_seconds";
inline constexpr auto UserQuotaKey = "blobs.user_quota_bytes";
inline constexpr auto UnreferencedExpiryKey = "blobs.unreferenced_expiry_seconds";

/// Where blobs live: `directory` (files under DIR/blobs, one host) or `database` (chunked
/// rows in the PostgreSQL store, reachable from every server process). Read when a process opens
/// the store; only an empty store may switch.
inline constexpr auto BlobStoreKey = "blobs.store";
inline constexpr auto BlobStoreDirectory = "directory";
inline constexpr auto BlobStoreDatabase = "database";

/// The HTTP layer (docs/operations.md): worker and I/O threads; header, idle keep-alive, body
/// and write deadlines in milliseconds; header field count and bytes; requests per connection.
/// Read when the server starts.
inline constexpr auto HttpWorkerThreadsKey = "http.worker_threads";
inline constexpr auto HttpIoThreadsKey = "http.io_threads";
inline constexpr auto HttpHeaderTimeoutKey = "http.header_timeout_ms";
inline constexpr auto HttpIdleTimeoutKey = "http.idle_timeout_ms";
inline constexpr auto HttpBodyTimeoutKey = "http.body_timeout_ms";
inline constexpr auto HttpWriteTimeoutKey = "http.write_timeout_ms";
inline constexpr auto HttpMaxHeaderCountKey = "http.max_header_count";
inline constexpr auto HttpMaxHeaderBytesKey = "http.max_header_bytes";
inline constexpr auto HttpKeepAliveRequestsKey = "http.keep_alive_requests";

/// `documents.prefix.<kind>`; `{year}` in the value is replaced by the block's year.
QString prefixKey(const QString& kind);

/// Every known key with its default, in a stable order.
QList<QPair<QString, QString>> defaults();

/// True for a key `set` accepts.
bool isKnownKey(const QString& key);

/// The stored value, or the default when unset. Unknown keys are refused.
core::Result<QString> get(QSqlDatabase& db, const QString& key);

/// Whether `set` would accept `value` for `key` (`safeloop-server check` runs it over the
/// stored values).
core::Result<void> validate(QSqlDatabase& db, const QString& key, const QString& value);

/// Validates (known key; a valid IANA zone for the time zone; a non-empty prefix or district
/// name of at most 64 characters) and stores the value. Changes nothing on refusal.
core::Result<void> set(QSqlDatabase& db, const QString& key, const QString& value);

/// The district's document names as GET /api/v1/district answers them: authority,
/// review_authority, court, enterprise_signer_role ("" for one not set).
core::Result<QJsonObject> districtProfile(QSqlDatabase& db);

} // namespace ServerConfig

} // namespace safeloop::server
