#include "serverconfig.h"

#include "sqldialect.h"

#include <QHash>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server::ServerConfig {

namespace {

QString storedKey(const QString& key)
{
    return u"config."_s + key;
}

/// `blobs.store`: a known back end, the database one only on PostgreSQL, and no switch once
/// the store knows of any blob (its bytes would stay behind in the other back end).
Result<void> checkBlobStoreChange(QSqlDatabase& db, const QString& value)
{
    const QString directory = QString::fromLatin1(BlobStoreDirectory);
    const QString database = QString::fromLatin1(BlobStoreDatabase);
    if (value != directory && value != database)
        return makeError(u"invalid_setting"_s,
            u"blobs.store is \"directory\" or \"database\", got %1"_s.arg(value));
    if (value == database && !isPostgres(db))
        return makeError(u"invalid_setting"_s,
            u"blobs.store = database needs a PostgreSQL store (--database postgresql://…); "
            u"an SQLite store keeps its blobs in the data directory"_s);
    auto current = get(db, QString::fromLatin1(BlobStoreKey));
    if (!current)
        return current.error();
    if (current.value() == value)
        return {};
    for (const char* table : { "blob_uploads", "blob_refs", "blob_objects", "blob_partials" }) {
        auto q = run(db, u"SELECT 1 FROM %1 LIMIT 1"_s.arg(QString::fromLatin1(table)));
        if (!q)
            return q.error();
        const bool any = q.value().next();
        q.value().finish();
        if (any)
            return makeError(u"blob_store_in_use"_s,
                u"this store already holds blobs in the %1 back end; blobs.store can only change "
                u"on a store without blobs"_s.arg(current.value()));
    }
    return {};
}

} // namespace

QString prefixKey(const QString& kind)
{
    return u"documents.prefix."_s + kind;
}

QList<QPair<QString, QString>> defaults()
{
    return {
        { QString::fromLatin1(TimeZoneKey), QString::fromLatin1(DefaultTimeZone) },
        { prefixKey(u"inspection_record"_s), u"(青)应急检记〔{year}〕"_s },
        { prefixKey(u"rectification_order"_s), u"(青)应急责改〔{year}〕"_s },
        { prefixKey(u"reinspection_opinion"_s), u"(青)应急复查〔{year}〕"_s },
        { QString::fromLatin1(DistrictAuthorityKey), QString() },
        { QString::fromLatin1(DistrictReviewAuthorityKey), QString() },
        { QString::fromLatin1(DistrictCourtKey), QString() },
        { QString::fromLatin1(EnterpriseSignerRoleKey), u"企业负责人"_s },
        { QString::fromLatin1(PartialExpiryKey), u"86400"_s },
        { QString::fromLatin1(UserQuotaKey), u"536870912"_s },
        { QString::fromLatin1(UnreferencedExpiryKey), u"604800"_s },
        { QString::fromLatin1(BlobStoreKey), QString::fromLatin1(BlobStoreDirectory) },
        { QString::fromLatin1(HttpWorkerThreadsKey), u"8"_s },
        { QString::fromLatin1(HttpIoThreadsKey), u"2"_s },
        { QString::fromLatin1(HttpHeaderTimeoutKey), u"10000"_s },
        { QString::fromLatin1(HttpIdleTimeoutKey), u"65000"_s },
        { QString::fromLatin1(HttpBodyTimeoutKey), u"120000"_s },
        { QString::fromLatin1(HttpWriteTimeoutKey), u"30000"_s },
        { QString::fromLatin1(HttpMaxHeaderCountKey), u"64"_s },
        { QString::fromLatin1(HttpMaxHeaderBytesKey), u"16384"_s },
        { QString::fromLatin1(HttpKeepAliveRequestsKey), u"1000"_s },
    };
}

bool isKnownKey(const QString& key)
{
    for (const auto& [k, v] : defaults()) {
        if (k == key)
            return true;
    }
    return false;
}

Result<QString> get(QSqlDatabase& db, const QString& key)
{
    QString fallback;
    bool known = false;
    for (const auto& [k, v] : defaults()) {
        if (k == key) {
            fallback = v;
            known = true;
        }
    }
    if (!known)
        return makeError(u"unknown_setting"_s, u"there is no server setting %1"_s.arg(key));
    auto q = run(db, u"SELECT value FROM server_meta WHERE key = ?"_s, { storedKey(key) });
    if (!q)
        return q.error();
    if (q.value().next())
        return q.value().value(0).toString();
    return fallback;
}

Result<void> validate(QSqlDatabase& db, const QString& key, const QString& value)
{
    if (!isKnownKey(key)) {
        QStringList keys;
        for (const auto& [k, v] : defaults())
            keys << k;
        return makeError(u"unknown_setting"_s,
            u"there is no server setting %1 (known: %2)"_s.arg(key, keys.join(u", "_s)));
    }
    if (key == QString::fromLatin1(TimeZoneKey)) {
        if (!QTimeZone(value.toUtf8()).isValid())
            return makeError(u"invalid_setting"_s,
                u"%1 is not a known IANA time zone (e.g. Asia/Shanghai)"_s.arg(value));
    } else if (key == QString::fromLatin1(BlobStoreKey)) {
        if (auto r = checkBlobStoreChange(db, value); !r)
            return r;
    } else if (key.startsWith(u"blobs."_s)) {
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        if (!ok || n < 0 || value != QString::number(n))
            return makeError(u"invalid_setting"_s,
                u"%1 is a whole number of %2 from 0 up, got %3"_s.arg(
                    key, key.endsWith(u"_bytes"_s) ? u"bytes"_s : u"seconds"_s, value));
    } else if (key.startsWith(u"http."_s)) {
        // Bounds that keep the server usable: a 0 ms deadline or 0 threads would stop it.
        static const QHash<QString, std::pair<qint64, qint64>> ranges {
            { QString::fromLatin1(HttpWorkerThreadsKey), { 1, 256 } },
            { QString::fromLatin1(HttpIoThreadsKey), { 1, 64 } },
            { QString::fromLatin1(HttpHeaderTimeoutKey), { 100, 600000 } },
            { QString::fromLatin1(HttpIdleTimeoutKey), { 100, 3600000 } },
            { QString::fromLatin1(HttpBodyTimeoutKey), { 100, 3600000 } },
            { QString::fromLatin1(HttpWriteTimeoutKey), { 100, 3600000 } },
            { QString::fromLatin1(HttpMaxHeaderCountKey), { 8, 1000 } },
            { QString::fromLatin1(HttpMaxHeaderBytesKey), { 1024, 1048576 } },
            { QString::fromLatin1(HttpKeepAliveRequestsKey), { 1, 1000000 } },
        };
        const auto [low, high] = ranges.value(key);
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        if (!ok || n < low || n > high || value != QString::number(n))
            return makeError(u"invalid_setting"_s,
                u"%1 is a whole number from %2 to %3, got %4"_s.arg(key).arg(low).arg(high).arg(
                    value));
    } else if (key.startsWith(u"district."_s)) {
        const QString trimmed = value.trimmed();
        const bool control = std::any_of(value.cbegin(), value.cend(),
            [](QChar c) { return c.category() == QChar::Other_Control; });
        if (trimmed.isEmpty() || trimmed.size() > 64 || trimmed != value || control)
            return makeError(u"invalid_setting"_s,
                u"%1 is a name of 1–64 characters without surrounding spaces or control "
                "characters"_s.arg(key));
    } else {
        const QString trimmed = value.trimmed();
        if (trimmed.isEmpty() || trimmed.size() > 64 || trimmed != value)
            return makeError(u"invalid_setting"_s,
                u"a document number prefix is 1–64 characters without surrounding spaces"_s);
    }
    return {};
}

Result<void> set(QSqlDatabase& db, const QString& key, const QString& value)
{
    if (auto r = validate(db, key, value); !r)
        return r;
    auto q = run(db,
        u"INSERT INTO server_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
        { storedKey(key), value });
    if (!q)
        return q.error();
    return {};
}

Result<QJsonObject> districtProfile(QSqlDatabase& db)
{
    const std::pair<const char*, QString> fields[] = {
        { DistrictAuthorityKey, u"authority"_s },
        { DistrictReviewAuthorityKey, u"review_authority"_s },
        { DistrictCourtKey, u"court"_s },
        { EnterpriseSignerRoleKey, u"enterprise_signer_role"_s },
    };
    QJsonObject out;
    for (const auto& [key, name] : fields) {
        auto value = get(db, QString::fromLatin1(key));
        if (!value)
            return value.error();
        out.insert(name, *value);
    }
    return out;
}

} // namespace safeloop::server::ServerConfig
