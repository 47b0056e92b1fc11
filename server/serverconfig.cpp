#include "serverconfig.h"

#include "sqldialect.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server::ServerConfig {

namespace {

QString storedKey(const QString& key)
{
    return u"config."_s + key;
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

Result<void> set(QSqlDatabase& db, const QString& key, const QString& value)
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
    } else {
        const QString trimmed = value.trimmed();
        if (trimmed.isEmpty() || trimmed.size() > 64 || trimmed != value)
            return makeError(u"invalid_setting"_s,
                u"a document number prefix is 1–64 characters without surrounding spaces"_s);
    }
    auto q = run(db,
        u"INSERT INTO server_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
        { storedKey(key), value });
    if (!q)
        return q.error();
    return {};
}

} // namespace safeloop::server::ServerConfig
