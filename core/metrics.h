#pragma once

#include "domain.h"
#include "result.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>

/// The supervisor's read model: reporting periods, the typed overview figures and the sets
/// behind them (computed by `LocalStore::overview`, `enterprisesFor`, `hazardsFor`,
/// `inspectionsFor` in core/localstoremetrics.cpp), and the 双随机 draw. Every definition is in
/// docs/metrics.md.
namespace safeloop::core::metrics {

/// A reporting period: the local calendar days `from` … `to`, both included, in the district's
/// zone (Asia/Shanghai).
struct Period {
    QDate from;
    QDate to;

    /// Both days valid and `from` ≤ `to`.
    bool isValid() const { return from.isValid() && to.isValid() && from <= to; }
    /// Number of days, both ends included (0 when invalid).
    qint64 days() const { return isValid() ? from.daysTo(to) + 1 : 0; }
    /// The period of equal length that ends the day before `from`.
    Period previous() const;

    /// The calendar year, quarter or month that holds `day`.
    static Period yearOf(QDate day);
    static Period quarterOf(QDate day);
    static Period monthOf(QDate day);
    /// The calendar period holding `day` named by `kind`: "month", "quarter", else the year.
    static Period named(QStringView kind, QDate day);
    /// The days `from` … `to` (ISO dates); nothing when either is not a date or from > to.
    static std::optional<Period> custom(const QString& from, const QString& to);

    bool operator==(const Period&) const = default;
};

/// The period a supervisor's page shows: the calendar period of a kind ("year", "quarter",
/// "month") holding today, or the days set as "custom". The overview and the map keep one each.
class PeriodChoice {
public:
    const QString& kind() const { return m_kind; }
    /// False when `kind` is the current one (nothing changes).
    bool setKind(const QString& kind);
    /// Switches to the days `from` … `to` (ISO dates). Nothing when either is not a date or
    /// `from` is after `to`; else whether the kind changed (it becomes "custom").
    std::optional<bool> setCustom(const QString& from, const QString& to);
    Period periodFor(QDate today) const;

private:
    QString m_kind = QStringLiteral("year");
    Period m_custom;
};

/// A rate as its two counts, so that a tile can show "12 / 40" and the drill-down can list
/// both sets. `rate()` is 0 when the denominator is 0.
struct Share {
    int numerator = 0;
    int denominator = 0;
    double rate() const { return denominator > 0 ? double(numerator) / denominator : 0.0; }
    bool operator==(const Share&) const = default;
};

/// One row of a breakdown: the group's key (street name, industry code, risk grade wire name,
/// leader name; empty = not recorded) and its coverage.
struct CoverageGroup {
    QString key;
    Share coverage;
    bool operator==(const CoverageGroup&) const = default;
};

/// Enterprises with ≥ 1 finished inspection in the period ÷ live enterprises in the register.
struct Coverage {
    Share overall;
    QList<CoverageGroup> byStreet; ///< ordered by key
    QList<CoverageGroup> byIndustry; ///< ordered by key
    QList<CoverageGroup> byRiskGrade; ///< red, orange, yellow, blue (grades with enterprises)
    QStringList keyNotCovered; ///< key (red/orange) enterprises not covered, by id
    bool operator==(const Coverage&) const = default;
};

/// Planned inspections (distinct plan year × enterprise of the live plans whose year overlaps
/// the period): done, still due, overdue (the plan year ended before the as-of day).
struct PlanProgress {
    int planned = 0;
    int done = 0;
    int due = 0;
    int overdue = 0;
    bool operator==(const PlanProgress&) const = default;
};

/// Hazards found in the period (live hazards created in it) and what became of them by the
/// as-of day.
struct HazardFigures {
    int found = 0;
    int foundMajor = 0;
    Share rectified; ///< verified by the as-of day ÷ found
    Share majorRectified; ///< major hazards verified ÷ major hazards found
    Share overdue; ///< not verified and past their deadline on the as-of day ÷ found
    /// Median of (local verify day − local day found) over the rectified hazards; empty when
    /// none is rectified.
    std::optional<double> medianDaysToClose;
    /// Re-inspections (verify or reject events in the period) within 10 days of the submission
    /// they answer ÷ re-inspections.
    Share reinspectionsOnTime;
    bool operator==(const HazardFigures&) const = default;
};

/// One 包保 leader (the register's `leader`; empty = enterprises without one).
struct LeaderRow {
    QString leader;
    int enterprises = 0;
    int keyEnterprises = 0;
    Share coverage; ///< of the leader's enterprises
    Share keyCoverage; ///< of the leader's key enterprises
    int openMajorHazards = 0; ///< major hazards not verified on the as-of day (any found day)
    int overdueRectifications = 0; ///< hazards overdue on the as-of day (any found day)
    bool operator==(const LeaderRow&) const = default;
};

/// One inspector's finished inspections in the period.
struct InspectorRow {
    QString inspectorId;
    QString name; ///< from the user register (empty when unknown)
    int inspections = 0;
    int hazards = 0; ///< live hazards recorded in those inspections
    double hazardsPerInspection = 0;
    int documents = 0; ///< an inspection record each, plus a rectification order with hazards
    Share completeDocuments; ///< inspections whose record is complete ÷ inspections
    bool operator==(const InspectorRow&) const = default;
};

/// The supervisor's overview of one period.
struct Overview {
    Period period;
    QDate asOf; ///< the earlier of period.to and today: states are judged at its end
    int enterprises = 0; ///< live enterprises in the register
    Coverage coverage;
    PlanProgress plans;
    HazardFigures hazards;
    QList<LeaderRow> leaders; ///< ordered by leader
    QList<InspectorRow> inspectors; ///< ordered by inspector id
    /// Enterprises' own self-checks (企业自查) finished in the period, and the enterprises that
    /// ran them; self-checks count in none of the inspection figures above.
    int selfChecks = 0;
    int selfCheckEnterprises = 0;
    bool operator==(const Overview&) const = default;
};

/// What a breakdown row is keyed by; `All` is the whole district.
enum class By { All, Street, Industry, RiskGrade, Leader, Inspector };

/// The group a drill-down is narrowed to: `key` is the row's key (see CoverageGroup, LeaderRow,
/// InspectorRow).
struct Breakdown {
    By by = By::All;
    QString key;
};

/// Enterprise sets behind the figures. Inspector breakdown: enterprises the inspector covered.
enum class EnterpriseSet {
    Registered, ///< live enterprises (coverage denominator)
    Covered, ///< coverage numerator
    NotCovered,
    Key, ///< red/orange enterprises
    KeyCovered,
    KeyNotCovered,
    PlannedDone,
    PlannedDue,
    PlannedOverdue,
};

/// Hazard sets behind the figures. Inspector breakdown: hazards recorded in the inspector's
/// inspections finished in the period (within the set).
enum class HazardSet {
    Found, ///< found in the period
    FoundMajor,
    Rectified, ///< found in the period and verified by the as-of day
    MajorRectified,
    Overdue, ///< found in the period, overdue on the as-of day
    Reinspected, ///< hazards with a verify/reject event in the period
    ReinspectedLate, ///< … whose re-inspection came more than 10 days after the submission
    OpenMajor, ///< any found day: major, not verified on the as-of day (leader column)
    OverdueRectification, ///< any found day: overdue on the as-of day (leader column)
    Recorded, ///< recorded in inspections finished in the period (inspector column)
};

/// One enterprise of the register on the coverage map.
struct MapPoint {
    QString enterpriseId;
    QString name;
    QString street;
    RiskGrade riskGrade = RiskGrade::Blue;
    /// WGS-84 degrees; `located` is false when the register has no coordinates for it.
    double lat = 0;
    double lon = 0;
    bool located = false;
    bool covered = false; ///< a finished inspection in the period (EnterpriseSet::Covered)
    bool openMajor = false; ///< a major hazard open on the as-of day (HazardSet::OpenMajor)
    bool operator==(const MapPoint&) const = default;
};

/// Inspection sets (per-inspector columns).
enum class InspectionSet {
    Finished, ///< finished in the period
    Complete, ///< … with a complete record
    Incomplete,
};

// ---- 双随机 draw -------------------------------------------------------------------------

/// SplitMix64 (Steele, Lea, Flood 2014): the generator of the draw, fully specified so that
/// anyone can re-run a draw from its seed.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed)
        : m_state(seed)
    {
    }
    std::uint64_t next();
    /// A uniform integer in [0, bound) by rejection (bound ≥ 1): outputs below 2^64 mod bound
    /// are drawn again, the rest reduced modulo bound.
    std::uint64_t below(std::uint64_t bound);

private:
    std::uint64_t m_state;
};

/// What to draw from the register.
struct DrawRequest {
    QList<Enterprise> enterprises; ///< the register rows to draw from
    QStringList streets; ///< empty = every street; else exact street names
    QStringList industries; ///< empty = every industry; else GB/T 4754 code prefixes
    QList<RiskGrade> grades; ///< empty = every grade
    QStringList forcedIn; ///< enterprise ids always drawn (in addition, filters not applied)
    /// How many to draw at random from the filtered pool (forced-in ones excluded): `count`
    /// when set, else ⌈percent × pool / 100⌉.
    std::optional<int> count;
    int percent = 0;
    QStringList inspectorIds;
    /// Conflicts of interest: (inspector id, enterprise id) pairs never drawn together.
    QList<std::pair<QString, QString>> conflicts;
    std::uint64_t seed = 0;
};

/// One drawn enterprise with its two inspectors (in the order drawn).
struct DrawPick {
    QString enterpriseId;
    QString inspectorA;
    QString inspectorB;
    bool forced = false;
    bool operator==(const DrawPick&) const = default;
};

/// A draw: its seed, the candidate pool it drew from (sorted, as published) and the picks
/// (forced-in ones first, by id, then the random ones in the order drawn).
struct DrawResult {
    std::uint64_t seed = 0;
    QStringList pool;
    QList<DrawPick> picks;
    bool operator==(const DrawResult&) const = default;
};

/// The draw of docs/metrics.md. Errors: `unknown_enterprise` (a forced-in id not in the
/// register), `invalid_draw` (negative count, percent outside 0–100), `too_few_candidates`
/// (count above the pool), `too_few_inspectors` (fewer than two inspectors free of conflicts
/// for an enterprise, named in the message).
Result<DrawResult> draw(const DrawRequest& request);

} // namespace safeloop::core::metrics
