#include "devicehealth.h"

#include "core/domain.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

QList<DeviceHealth> deviceHealth(core::LocalStore& store)
{
    QList<DeviceHealth> out;
    QSqlQuery q(store.database());
    q.setForwardOnly(true);
    // The table is sync's own (SyncEngine::migrate); a store no engine ever opened has none.
    if (!q.exec(u"SELECT id, doc FROM sync_devices ORDER BY id"_s))
        return out;
    while (q.next()) {
        const QJsonObject d = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        DeviceHealth h;
        h.id = q.value(0).toString();
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
        out.append(h);
    }
    return out;
}

} // namespace safeloop::sync
