#include "syncservice.h"

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

SyncService::SyncService(const ServerStore& store, QTimeZone zone)
    : m_store(store)
    , m_zone(std::move(zone))
{
}

Result<PushResult> SyncService::push(const Caller&, const QJsonObject&)
{
    return makeError(u"not_implemented"_s, u"push is not available yet"_s);
}

Result<QJsonObject> SyncService::pull(const Caller&, const QString&, int)
{
    return makeError(u"not_implemented"_s, u"pull is not available yet"_s);
}

Result<bool> SyncService::blobVisible(const Caller&, const QString&)
{
    return false;
}

qint64 SyncService::expectedOf(const core::Error& gap)
{
    return gap.message.toLongLong();
}

QJsonObject toJson(const PushResult&)
{
    return {};
}

} // namespace safeloop::server
