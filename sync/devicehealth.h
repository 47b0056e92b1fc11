#pragma once

#include "core/localstore.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace safeloop::sync {

/// One device's health as the server last heard it (entity `device`, shipped to supervisors
/// and administrators): who uses it, which app version, when it last synced successfully, what
/// it still has to send, and how far its clock is off.
struct DeviceHealth {
    QString id; ///< the device record's id: derived from (user, client id), see docs/api.md
    QString clientId; ///< the device's client id (one per app install)
    QString userId;
    QString appVersion;
    QDateTime lastSuccess; ///< invalid when the device never reported one
    QDateTime lastPushAt;
    int pendingMutations = 0;
    int pendingBlobs = 0;
    qint64 clockSkewMs = 0;
    QString lastError; ///< what stops the device's sync (e.g. a pull page it cannot apply)
    /// lastError's reason as a code (SyncStatus::reason's words, e.g. "pull_stuck"); empty when
    /// the device sent none (apps before the code was reported).
    QString lastErrorCode;
};

/// The devices this store has pulled, from sync's ledger (empty before the first sync or for a
/// role that receives none).
QList<DeviceHealth> deviceHealth(core::LocalStore& store);

} // namespace safeloop::sync
