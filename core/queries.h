#pragma once

#include "mutation.h"
#include "result.h"

#include <QDate>
#include <QSqlDatabase>

#include <optional>

namespace safeloop::core {

/// Filters of the hazard list (all optional); ordered by deadline, then id.
struct HazardFilter {
    QString enterpriseId;
    QStringList statuses; ///< wire status values
    QDate deadlineBefore; ///< deadline < this day (e.g. today for overdue)
    int limit = 100;
    int offset = 0;
    /// Only hazards of this source (an inspection's, or the enterprise's self-check); unset:
    /// both. An enterprise's rectification tasks are the inspection hazards.
    std::optional<HazardSource> source;
};

/// How many live hazards there are by status, and of those not verified how many are overdue
/// (deadline before `today`) and how many fall due within `soonDays` days (today included).
struct HazardCounts {
    QHash<QString, int> byStatus; ///< wire status → count
    int overdue = 0;
    int dueSoon = 0;
    int notVerified() const;
};

/// Counts hazards (of one enterprise when `enterpriseId` is set; of one source when `source`
/// is set) with one aggregate query.
Result<HazardCounts> countHazards(QSqlDatabase& db, const QString& enterpriseId, QDate today,
    int soonDays, std::optional<HazardSource> source = std::nullopt);

/// The places and categories an enterprise's hazards were recorded with, most recent first,
/// each once (the hazard sheet's pick lists, remembered per enterprise).
struct HazardPickLists {
    QStringList places;
    QStringList categories;
};

/// Reads the pick lists of `enterpriseId` from its live hazards, at most `limit` of each.
Result<HazardPickLists> hazardPickLists(QSqlDatabase& db, const QString& enterpriseId, int limit);

/// Lists hazards with their wire fields (incl. derived overdue judged on `today`).
Result<QList<StoredRecord>> listHazards(QSqlDatabase& db, const HazardFilter& filter, QDate today);

} // namespace safeloop::core
