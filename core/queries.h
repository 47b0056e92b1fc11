#pragma once

#include "mutation.h"
#include "result.h"

#include <QDate>
#include <QSqlDatabase>

namespace safeloop::core {

/// Filters of the hazard list (all optional); ordered by deadline, then id.
struct HazardFilter {
    QString enterpriseId;
    QStringList statuses; ///< wire status values
    QDate deadlineBefore; ///< deadline < this day (e.g. today for overdue)
    int limit = 100;
    int offset = 0;
};

/// Lists hazards with their wire fields (incl. derived overdue judged on `today`).
Result<QList<StoredRecord>> listHazards(QSqlDatabase& db, const HazardFilter& filter, QDate today);

} // namespace safeloop::core
