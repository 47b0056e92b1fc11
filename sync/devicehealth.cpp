#include "devicehealth.h"

#include "ledger.h"

#include "core/domain.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

QList<DeviceHealth> deviceHealth(core::LocalStore& store)
{
    QList<DeviceHealth> out;
    // A store no engine ever opened has no sync tables: no devices.
    for (const auto& [id, d] : Ledger(store).devices()) {
        DeviceHealth h;
        h.id = id;
        h.clientId = d.value(u"client_id"_s).toString(h.id);
        h.userId = d.value(u"user_id"_s).toString();
        h.appVersion = d.value(u"app_version"_s).toString();
        h.lastSuccess
            = core::parseTimestamp(d.value(u"last_success"_s).toString()).value_or(QDateTime());
        h.lastPushAt
            = core::parseTimestamp(d.value(u"last_push_at"_s).toString()).value_or(QDateTime());
        h.pendingMutations = d.value(u"pending_mutations"_s).toInt();
        h.pendingBlobs = d.value(u"pending_blobs"_s).toInt();
        h.clockSkewMs = static_cast<qint64>(d.value(u"clock_skew_ms"_s).toDouble());
        h.lastError = d.value(u"last_error"_s).toString();
        h.lastErrorCode = d.value(u"last_error_code"_s).toString();
        out.append(h);
    }
    return out;
}

} // namespace safeloop::sync
