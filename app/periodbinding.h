// What every supervisor page showing a period does with its choice: change it, and say so.
#pragma once

#include "core/metrics.h"

#include <QString>

namespace safeloop::app {

/// Sets the period kind of `owner` (a QObject with a periodKindChanged() signal): emits the
/// signal and calls `reload` when the kind changed.
template <typename Owner>
void choosePeriodKind(
    Owner* owner, core::metrics::PeriodChoice& choice, const QString& kind, void (Owner::*reload)())
{
    if (!choice.setKind(kind))
        return;
    Q_EMIT owner->periodKindChanged();
    (owner->*reload)();
}

/// Sets the custom days of `owner`'s period (see PeriodChoice::setCustom). False, and nothing
/// changes, when the days are not valid.
template <typename Owner>
bool chooseCustomPeriod(Owner* owner, core::metrics::PeriodChoice& choice, const QString& from,
    const QString& to, void (Owner::*reload)())
{
    const auto kindChanged = choice.setCustom(from, to);
    if (!kindChanged)
        return false;
    if (*kindChanged)
        Q_EMIT owner->periodKindChanged();
    (owner->*reload)();
    return true;
}

} // namespace safeloop::app
