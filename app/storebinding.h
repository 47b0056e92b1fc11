// What every object showing device data does with its store: follow the one QML gave it (or
// the process-wide one), and read again whenever that store changes or opens.
#pragma once

#include "devicestore.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QPointer>
#include <QStringList>

namespace safeloop::app {

/// The store an object reads from: the one it was given, else the process-wide one.
inline DeviceStore* boundStore(const QPointer<DeviceStore>& given)
{
    return given ? given.data() : DeviceStore::shared();
}

/// Calls `reload` on `owner` after every change of the store (a sync pull, another page's
/// mutation) and when it opens or closes.
template <typename Owner>
void followStore(Owner* owner, const QPointer<DeviceStore>& given, void (Owner::*reload)())
{
    QObject::connect(boundStore(given), &DeviceStore::changed, owner, reload);
    QObject::connect(boundStore(given), &DeviceStore::readyChanged, owner, reload);
}

/// Moves `owner` from its current store to `next`. False (nothing done) when it is the same.
template <typename Owner>
bool rebindStore(
    Owner* owner, QPointer<DeviceStore>& given, DeviceStore* next, void (Owner::*reload)())
{
    if (given == next)
        return false;
    QObject::disconnect(boundStore(given), nullptr, owner, nullptr);
    given = next;
    followStore(owner, given, reload);
    return true;
}

/// The strings of a JSON array of ids (inspector_ids, enterprise_ids, template_refs, …).
inline QStringList jsonStrings(const QJsonValue& v)
{
    QStringList out;
    for (const auto& x : v.toArray())
        out.append(x.toString());
    return out;
}

} // namespace safeloop::app
