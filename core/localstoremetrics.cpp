// LocalStore's supervisor read model: the overview of a period and the sets behind its figures
// (docs/metrics.md). Every figure is an SQL aggregate over one named predicate, and the
// drill-down of that figure selects the ids that satisfy the same predicate, so a number and
// its list cannot disagree.
#include "localstore.h"

#include "database.h"

#include <QMap>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

using namespace metrics;

/// The values a metrics query reads, bound once per query as the one-row table `p` and
/// written in the SQL below as `:name`.
struct Params {
    QString from; ///< first instant of the period (UTC, RFC 3339 text)
    QString to; ///< first instant after the period
    QString asof; ///< first instant after the as-of day
    QString asofday; ///< the as-of day, ISO date
    QString offset; ///< the zone's UTC offset as an SQLite date modifier ('+28800 seconds')
    double dayshift = 0; ///< the same offset in days (1/3 for +08:00)
    int fromyear = 0;
    int toyear = 0;
    QString key; ///< the breakdown key
};

const QStringList& paramNames()
{
    static const QStringList names { u"from"_s, u"to"_s, u"asof"_s, u"asofday"_s, u"offset"_s,
        u"dayshift"_s, u"fromyear"_s, u"toyear"_s, u"key"_s };
    return names;
}

QString firstInstant(QDate day, const QTimeZone& zone)
{
    return formatTimestamp(QDateTime(day, QTime(0, 0), zone).toUTC());
}

Params paramsFor(const Period& period, QDate today, const QTimeZone& zone, const QString& key)
{
    const QDate asOf = std::min(period.to, today);
    const int offset = zone.offsetFromUtc(QDateTime(asOf, QTime(12, 0), zone));
    return { firstInstant(period.from, zone), firstInstant(period.to.addDays(1), zone),
        firstInstant(asOf.addDays(1), zone), asOf.toString(Qt::ISODate),
        u"%1%2 seconds"_s.arg(offset < 0 ? u"-"_s : u"+"_s).arg(std::abs(offset)), offset / 86400.0,
        period.from.year(), period.to.year(), key };
}

// The building blocks, as common table expressions. `ent`: the live register with the
// breakdown columns. `fin`: live inspections finished in the period (through the device-only
// expression index `inspections_by_finish`). `fi`: who took part in them. `fq`: each one's hazards
// and whether its record is complete. `hz`: live hazards with what they are on the as-of day. `re`:
// re-inspections in the period and whether each came within 10 days of the submission it answers.
// `pd`: planned inspections. An enterprise's self-check is none of these (`sc` counts them).
const QString Ent = uR"(ent AS (SELECT id, COALESCE(street, '') AS street,
    COALESCE(json_extract(doc, '$.industry_code'), '') AS industry,
    COALESCE(risk_grade, '') AS grade, COALESCE(json_extract(doc, '$.leader'), '') AS leader,
    COALESCE(risk_grade IN ('red', 'orange'), 0) AS is_key
  FROM enterprises WHERE deleted = 0))"_s;
const QString Fin = uR"(fin AS (SELECT id, enterprise_id, doc FROM inspections
  WHERE status = 'finished' AND deleted = 0
    AND json_extract(doc, '$.finished_at') >= :from AND json_extract(doc, '$.finished_at') < :to
    AND json_extract(doc, '$.kind') IS NOT 'self_check'))"_s;
/// `sc`: enterprises' own self-checks (企业自查) finished in the period — not inspections.
const QString Sc = uR"(sc AS (SELECT id, enterprise_id FROM inspections
  WHERE status = 'finished' AND deleted = 0
    AND json_extract(doc, '$.finished_at') >= :from AND json_extract(doc, '$.finished_at') < :to
    AND json_extract(doc, '$.kind') = 'self_check'))"_s;
const QString Fi = uR"(fi AS (SELECT DISTINCT f.id AS inspection_id, j.value AS inspector
  FROM fin f, json_each(f.doc, '$.inspector_ids') j))"_s;
const QString Fq = uR"(fq AS MATERIALIZED (SELECT f.id, f.enterprise_id,
    (SELECT COUNT(*) FROM hazards h WHERE h.inspection_id = f.id AND h.deleted = 0) AS hazards,
    (SELECT COUNT(DISTINCT j.value) FROM json_each(f.doc, '$.inspector_ids') j) >= 2
    AND (COALESCE(json_array_length(f.doc, '$.signatures'), 0) > 0
      OR trim(COALESCE(json_extract(f.doc, '$.refusal_note'), '')) <> '')
    AND f.id NOT IN (SELECT inspection_id FROM hazards WHERE deleted = 0
      AND trim(COALESCE(json_extract(doc, '$.basis'), '')) = ''
      AND inspection_id IS NOT NULL) AS complete
  FROM fin f))"_s;
const QString Covered = uR"(cov AS (SELECT DISTINCT enterprise_id AS id FROM fin),
e2 AS (SELECT ent.*, ent.id IN (SELECT id FROM cov) AS covered FROM ent))"_s;
const QString Hz = uR"(hz AS (SELECT h.id, h.enterprise_id, h.inspection_id, h.level,
    h.deadline, h.created_at, h.updated_at,
    h.created_at >= :from AND h.created_at < :to AS found,
    COALESCE(h.status = 'verified' AND h.updated_at < :asof, 0) AS closed
  FROM hazards h WHERE h.deleted = 0))"_s;
/// The local date of the instant `expr` (RFC 3339 text) as a day number (the Julian day number
/// of the local date), from one julianday() call.
QString localDay(const QString& expr)
{
    return u"CAST(julianday(%1) + 0.5 + :dayshift AS INTEGER)"_s.arg(expr);
}

const QString Re = u"re AS (SELECT r.hazard_id, COALESCE("_s + localDay(u"r.created_at"_s)
    + u" - "_s
    + localDay(u"(SELECT MAX(s.created_at) FROM rectification_events s "
               u"WHERE s.hazard_id = r.hazard_id AND s.kind = 'submit' "
               u"AND s.created_at <= r.created_at)"_s)
    + uR"( <= 10, 0) AS ontime
  FROM rectification_events r JOIN hazards h ON h.id = r.hazard_id AND h.deleted = 0
    AND json_extract(h.doc, '$.source') IS NOT 'self_check'
  WHERE r.kind IN ('verify', 'reject') AND r.created_at >= :from AND r.created_at < :to))"_s;
const QString Pd = uR"(pe AS (SELECT DISTINCT p.year AS year, j.value AS enterprise_id
  FROM plans p, json_each(p.doc, '$.enterprise_ids') j
  WHERE p.deleted = 0 AND p.year BETWEEN :fromyear AND :toyear
    AND j.value IN (SELECT id FROM ent)),
pd AS (SELECT pe.year, pe.enterprise_id,
    CASE WHEN EXISTS (SELECT 1 FROM inspections i WHERE i.enterprise_id = pe.enterprise_id
        AND i.status = 'finished' AND i.deleted = 0 AND i.started_at < :asof
        AND json_extract(i.doc, '$.kind') IS NOT 'self_check'
        AND json_extract(i.doc, '$.finished_at') < :asof
        AND substr(date(json_extract(i.doc, '$.finished_at'), :offset), 1, 4)
          = CAST(pe.year AS TEXT)) THEN 'done'
      WHEN :asofday > CAST(pe.year AS TEXT) || '-12-31' THEN 'overdue'
      ELSE 'due' END AS state
  FROM pe))"_s;

/// Predicates over `e2` (one row per live enterprise).
QString enterprisePredicate(EnterpriseSet set)
{
    switch (set) {
    case EnterpriseSet::Registered:
        return u"1"_s;
    case EnterpriseSet::Covered:
        return u"covered"_s;
    case EnterpriseSet::NotCovered:
        return u"NOT covered"_s;
    case EnterpriseSet::Key:
        return u"is_key"_s;
    case EnterpriseSet::KeyCovered:
        return u"is_key AND covered"_s;
    case EnterpriseSet::KeyNotCovered:
        return u"is_key AND NOT covered"_s;
    case EnterpriseSet::PlannedDone:
        return u"id IN (SELECT enterprise_id FROM pd WHERE state = 'done')"_s;
    case EnterpriseSet::PlannedDue:
        return u"id IN (SELECT enterprise_id FROM pd WHERE state = 'due')"_s;
    case EnterpriseSet::PlannedOverdue:
        return u"id IN (SELECT enterprise_id FROM pd WHERE state = 'overdue')"_s;
    }
    return u"0"_s;
}

// Predicates over `hz` (one row per live hazard).
const QString Open = u"(created_at < :asof AND NOT closed)"_s;
const QString PastDeadline = u"deadline < :asofday"_s;

QString hazardPredicate(HazardSet set)
{
    switch (set) {
    case HazardSet::Found:
        return u"found"_s;
    case HazardSet::FoundMajor:
        return u"found AND level = 'major'"_s;
    case HazardSet::Rectified:
        return u"found AND closed"_s;
    case HazardSet::MajorRectified:
        return u"found AND closed AND level = 'major'"_s;
    case HazardSet::Overdue:
        return u"found AND NOT closed AND "_s + PastDeadline;
    case HazardSet::Reinspected:
        return u"id IN (SELECT hazard_id FROM re)"_s;
    case HazardSet::ReinspectedLate:
        return u"id IN (SELECT hazard_id FROM re WHERE NOT ontime)"_s;
    case HazardSet::OpenMajor:
        return u"level = 'major' AND "_s + Open;
    case HazardSet::OverdueRectification:
        return Open + u" AND "_s + PastDeadline;
    case HazardSet::Recorded:
        return u"inspection_id IN (SELECT id FROM fin)"_s;
    }
    return u"0"_s;
}

QString inspectionPredicate(InspectionSet set)
{
    switch (set) {
    case InspectionSet::Finished:
        return u"1"_s;
    case InspectionSet::Complete:
        return u"complete"_s;
    case InspectionSet::Incomplete:
        return u"NOT complete"_s;
    }
    return u"0"_s;
}

/// The condition on an enterprise row `alias` (of `ent`/`e2`) that puts it in the breakdown.
QString enterpriseInBreakdown(By by, const QString& alias)
{
    switch (by) {
    case By::All:
        return u"1"_s;
    case By::Street:
        return alias + u".street = :key"_s;
    case By::Industry:
        return alias + u".industry = :key"_s;
    case By::RiskGrade:
        return alias + u".grade = :key"_s;
    case By::Leader:
        return alias + u".leader = :key"_s;
    case By::Inspector:
        return alias
            + u".id IN (SELECT f.enterprise_id FROM fin f JOIN fi ON fi.inspection_id = f.id "
              u"WHERE fi.inspector = :key)"_s;
    }
    return u"0"_s;
}

/// Runs one metrics query: `WITH p(…) AS (VALUES …), <ctes> <body>`, with `:name` read from
/// `p`. The caller reads the rows.
Result<QSqlQuery> run(
    QSqlDatabase& db, const Params& params, const QStringList& ctes, const QString& body)
{
    QStringList columns;
    for (const auto& n : paramNames())
        columns << u"p_"_s + n;
    QString sql
        = u"WITH p(%1) AS (VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)), "_s.arg(columns.join(u", "_s))
        + ctes.join(u",\n"_s) + u"\n"_s + body;
    static const QRegularExpression name(u":([a-z]+)\\b"_s);
    QString expanded;
    qsizetype last = 0;
    for (auto it = name.globalMatch(sql); it.hasNext();) {
        const auto m = it.next();
        if (!paramNames().contains(m.captured(1)))
            continue;
        expanded += QStringView(sql).mid(last, m.capturedStart() - last);
        expanded += u"(SELECT p_%1 FROM p)"_s.arg(m.captured(1));
        last = m.capturedEnd();
    }
    expanded += QStringView(sql).mid(last);

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(expanded))
        return sqlError(q);
    for (const QVariant& v : { QVariant(params.from), QVariant(params.to), QVariant(params.asof),
             QVariant(params.asofday), QVariant(params.offset), QVariant(params.dayshift),
             QVariant(params.fromyear), QVariant(params.toyear), QVariant(params.key) })
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(q);
    return q;
}

Result<QStringList> ids(Result<QSqlQuery> q)
{
    if (!q)
        return q.error();
    QStringList out;
    while (q.value().next())
        out << q.value().value(0).toString();
    return out;
}

Result<void> checkPeriod(const Period& period, QDate today)
{
    if (!period.isValid() || !today.isValid())
        return makeError(u"invalid_period"_s,
            u"a period needs valid from ≤ to days and a valid today (got %1 … %2, today %3)"_s.arg(
                period.from.toString(Qt::ISODate), period.to.toString(Qt::ISODate),
                today.toString(Qt::ISODate)));
    return {};
}

QList<CoverageGroup> sortedGrades(QList<CoverageGroup> groups)
{
    static const QStringList order { u"red"_s, u"orange"_s, u"yellow"_s, u"blue"_s };
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
        const auto ia = order.indexOf(a.key), ib = order.indexOf(b.key);
        return (ia < 0 ? order.size() : ia) < (ib < 0 ? order.size() : ib);
    });
    return groups;
}

} // namespace

Result<QStringList> LocalStore::enterprisesFor(
    EnterpriseSet set, const Period& period, const Breakdown& breakdown, QDate today)
{
    if (auto r = checkPeriod(period, today); !r)
        return r.error();
    return ids(run(m_db, paramsFor(period, today, m_options.zone, breakdown.key),
        { Ent, Fin, Fi, Covered, Pd },
        u"SELECT e2.id FROM e2 WHERE (%1) AND (%2) ORDER BY e2.id"_s.arg(
            enterprisePredicate(set), enterpriseInBreakdown(breakdown.by, u"e2"_s))));
}

Result<QList<MapPoint>> LocalStore::coverageMap(const Period& period, QDate today)
{
    if (auto r = checkPeriod(period, today); !r)
        return r.error();
    auto q = run(m_db, paramsFor(period, today, m_options.zone, {}), { Ent, Fin, Covered, Hz },
        u"SELECT e2.id, json_extract(e.doc, '$.name'), e2.street, e2.grade, "
        u"json_extract(e.doc, '$.lat'), json_extract(e.doc, '$.lon'), e2.covered, "
        u"e2.id IN (SELECT enterprise_id FROM hz WHERE %1) "
        u"FROM e2 JOIN enterprises e ON e.id = e2.id ORDER BY e2.id"_s.arg(
            hazardPredicate(HazardSet::OpenMajor)));
    if (!q)
        return q.error();
    QList<MapPoint> points;
    while (q.value().next()) {
        const auto& row = q.value();
        MapPoint p;
        p.enterpriseId = row.value(0).toString();
        p.name = row.value(1).toString();
        p.street = row.value(2).toString();
        if (auto grade = parseRiskGrade(row.value(3).toString()))
            p.riskGrade = *grade;
        p.lat = row.value(4).toDouble();
        p.lon = row.value(5).toDouble();
        // The register writes 0, 0 for an address it could not place.
        p.located = !row.value(4).isNull() && !row.value(5).isNull() && (p.lat != 0 || p.lon != 0)
            && std::abs(p.lat) <= 90 && std::abs(p.lon) <= 180;
        p.covered = row.value(6).toBool();
        p.openMajor = row.value(7).toBool();
        points.append(p);
    }
    return points;
}

Result<QStringList> LocalStore::hazardsFor(
    HazardSet set, const Period& period, const Breakdown& breakdown, QDate today)
{
    if (auto r = checkPeriod(period, today); !r)
        return r.error();
    QString inBreakdown = u"1"_s;
    if (breakdown.by == By::Inspector)
        inBreakdown
            = u"hz.inspection_id IN (SELECT inspection_id FROM fi WHERE inspector = :key)"_s;
    else if (breakdown.by != By::All)
        inBreakdown = u"hz.enterprise_id IN (SELECT ent.id FROM ent WHERE %1)"_s.arg(
            enterpriseInBreakdown(breakdown.by, u"ent"_s));
    return ids(
        run(m_db, paramsFor(period, today, m_options.zone, breakdown.key), { Ent, Fin, Fi, Hz, Re },
            u"SELECT hz.id FROM hz WHERE (%1) AND (%2) ORDER BY hz.id"_s.arg(
                hazardPredicate(set), inBreakdown)));
}

Result<QStringList> LocalStore::inspectionsFor(
    InspectionSet set, const Period& period, const Breakdown& breakdown, QDate today)
{
    if (auto r = checkPeriod(period, today); !r)
        return r.error();
    QString inBreakdown = u"1"_s;
    if (breakdown.by == By::Inspector)
        inBreakdown = u"fq.id IN (SELECT inspection_id FROM fi WHERE inspector = :key)"_s;
    else if (breakdown.by != By::All)
        inBreakdown = u"fq.enterprise_id IN (SELECT ent.id FROM ent WHERE %1)"_s.arg(
            enterpriseInBreakdown(breakdown.by, u"ent"_s));
    return ids(
        run(m_db, paramsFor(period, today, m_options.zone, breakdown.key), { Ent, Fin, Fi, Fq },
            u"SELECT fq.id FROM fq WHERE (%1) AND (%2) ORDER BY fq.id"_s.arg(
                inspectionPredicate(set), inBreakdown)));
}

Result<Overview> LocalStore::overview(const Period& period, QDate today)
{
    if (auto r = checkPeriod(period, today); !r)
        return r.error();
    const Params params = paramsFor(period, today, m_options.zone, {});
    Overview o;
    o.period = period;
    o.asOf = std::min(period.to, today);

    // Coverage, overall and by street, industry, risk grade and leader, from one pass.
    {
        const auto sums = u"COUNT(*), SUM(%1), SUM(%2), SUM(%3)"_s.arg(
            enterprisePredicate(EnterpriseSet::Covered), enterprisePredicate(EnterpriseSet::Key),
            enterprisePredicate(EnterpriseSet::KeyCovered));
        auto q = run(m_db, params, { Ent, Fin, Covered },
            u"SELECT 0, '', %1 FROM e2 "
            u"UNION ALL SELECT 1, street, %1 FROM e2 GROUP BY street "
            u"UNION ALL SELECT 2, industry, %1 FROM e2 GROUP BY industry "
            u"UNION ALL SELECT 3, grade, %1 FROM e2 GROUP BY grade "
            u"UNION ALL SELECT 4, leader, %1 FROM e2 GROUP BY leader ORDER BY 1, 2"_s.arg(sums));
        if (!q)
            return q.error();
        while (q.value().next()) {
            const int dim = q.value().value(0).toInt();
            const QString key = q.value().value(1).toString();
            const int n = q.value().value(2).toInt(), covered = q.value().value(3).toInt();
            const int keyN = q.value().value(4).toInt(), keyCovered = q.value().value(5).toInt();
            const CoverageGroup group { key, { covered, n } };
            switch (dim) {
            case 0:
                o.enterprises = n;
                o.coverage.overall = { covered, n };
                break;
            case 1:
                o.coverage.byStreet << group;
                break;
            case 2:
                o.coverage.byIndustry << group;
                break;
            case 3:
                o.coverage.byRiskGrade << group;
                break;
            default:
                o.leaders.append({ key, n, keyN, { covered, n }, { keyCovered, keyN }, 0, 0 });
            }
        }
        o.coverage.byRiskGrade = sortedGrades(o.coverage.byRiskGrade);
    }
    auto keyNotCovered = enterprisesFor(EnterpriseSet::KeyNotCovered, period, {}, today);
    if (!keyNotCovered)
        return keyNotCovered.error();
    o.coverage.keyNotCovered = *keyNotCovered;

    // Plan progress.
    {
        auto q = run(m_db, params, { Ent, Pd },
            u"SELECT COUNT(*), SUM(state = 'done'), SUM(state = 'due'), SUM(state = 'overdue') "
            u"FROM pd"_s);
        if (!q)
            return q.error();
        if (q.value().next())
            o.plans = { q.value().value(0).toInt(), q.value().value(1).toInt(),
                q.value().value(2).toInt(), q.value().value(3).toInt() };
    }

    // Hazards found in the period and what became of them, in one pass: grouped by the days a
    // rectified hazard took to close (NULL for the others), which is also the histogram the
    // median is read from.
    {
        QStringList sums;
        for (auto set : { HazardSet::FoundMajor, HazardSet::Rectified, HazardSet::MajorRectified,
                 HazardSet::Overdue })
            sums << u"SUM(%1)"_s.arg(hazardPredicate(set));
        auto q = run(m_db, params, { Hz },
            u"SELECT d, COUNT(*), %1 FROM (SELECT hz.*, CASE WHEN %2 THEN %3 - %4 END AS d "
            u"FROM hz WHERE %5) GROUP BY d ORDER BY d"_s.arg(sums.join(u", "_s),
                hazardPredicate(HazardSet::Rectified), localDay(u"hz.updated_at"_s),
                localDay(u"hz.created_at"_s), hazardPredicate(HazardSet::Found)));
        if (!q)
            return q.error();
        auto& h = o.hazards;
        int major = 0, rectified = 0, majorRectified = 0, overdue = 0;
        QList<std::pair<int, int>> histogram; // days to close → hazards
        while (q.value().next()) {
            const QSqlQuery& row = q.value();
            h.found += row.value(1).toInt();
            major += row.value(2).toInt();
            rectified += row.value(3).toInt();
            majorRectified += row.value(4).toInt();
            overdue += row.value(5).toInt();
            if (!row.value(0).isNull())
                histogram.append({ row.value(0).toInt(), row.value(1).toInt() });
        }
        h.foundMajor = major;
        h.rectified = { rectified, h.found };
        h.majorRectified = { majorRectified, major };
        h.overdue = { overdue, h.found };
        if (rectified > 0) {
            auto at = [&histogram](int index) {
                for (const auto& [days, n] : histogram) {
                    if (index < n)
                        return days;
                    index -= n;
                }
                return histogram.last().first;
            };
            h.medianDaysToClose = (at((rectified - 1) / 2) + at(rectified / 2)) / 2.0;
        }
    }
    {
        auto q = run(m_db, params, { Re }, u"SELECT COUNT(*), SUM(ontime) FROM re"_s);
        if (!q)
            return q.error();
        if (q.value().next())
            o.hazards.reinspectionsOnTime
                = { q.value().value(1).toInt(), q.value().value(0).toInt() };
    }

    // Enterprises' self-checks finished in the period, and how many enterprises ran one.
    {
        auto q = run(
            m_db, params, { Sc }, u"SELECT COUNT(*), COUNT(DISTINCT enterprise_id) FROM sc"_s);
        if (!q)
            return q.error();
        if (q.value().next()) {
            o.selfChecks = q.value().value(0).toInt();
            o.selfCheckEnterprises = q.value().value(1).toInt();
        }
    }

    // Per leader: open major hazards and overdue rectifications on the as-of day.
    {
        auto q = run(m_db, params, { Ent, Hz },
            u"SELECT ent.leader, SUM(%1), SUM(%2) FROM hz JOIN ent ON ent.id = hz.enterprise_id "
            u"WHERE %3 GROUP BY ent.leader"_s.arg(hazardPredicate(HazardSet::OpenMajor),
                hazardPredicate(HazardSet::OverdueRectification), Open));
        if (!q)
            return q.error();
        while (q.value().next())
            for (auto& row : o.leaders)
                if (row.leader == q.value().value(0).toString()) {
                    row.openMajorHazards = q.value().value(1).toInt();
                    row.overdueRectifications = q.value().value(2).toInt();
                }
    }

    // Per inspector: every inspector in the user register, and anyone else who took part.
    {
        auto q = run(m_db, params, { Fin, Fi, Fq },
            u"SELECT fi.inspector, COUNT(*), SUM(fq.hazards), SUM(1 + (fq.hazards > 0)), "
            u"SUM(fq.complete) FROM fi JOIN fq ON fq.id = fi.inspection_id "
            u"GROUP BY fi.inspector"_s);
        if (!q)
            return q.error();
        QMap<QString, InspectorRow> rows;
        while (q.value().next()) {
            InspectorRow r;
            r.inspectorId = q.value().value(0).toString();
            r.inspections = q.value().value(1).toInt();
            r.hazards = q.value().value(2).toInt();
            r.documents = q.value().value(3).toInt();
            r.completeDocuments = { q.value().value(4).toInt(), r.inspections };
            r.hazardsPerInspection = r.inspections > 0 ? double(r.hazards) / r.inspections : 0;
            rows.insert(r.inspectorId, r);
        }
        QSqlQuery users(m_db);
        users.setForwardOnly(true);
        if (!users.exec(u"SELECT id, json_extract(doc, '$.name') FROM users "
                        u"WHERE deleted = 0 AND role = 'inspector'"_s))
            return sqlError(users);
        while (users.next()) {
            auto& r = rows[users.value(0).toString()];
            r.inspectorId = users.value(0).toString();
            r.name = users.value(1).toString();
        }
        o.inspectors = rows.values();
    }
    return o;
}

} // namespace safeloop::core
