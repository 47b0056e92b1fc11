#include "plannedinspectionmodel.h"

#include "storebinding.h"

#include "core/domain.h"
#include "core/rules.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

int gradeRank(const QString& grade)
{
    static const QStringList order { u"red"_s, u"orange"_s, u"yellow"_s, u"blue"_s };
    const auto i = order.indexOf(grade);
    return i < 0 ? static_cast<int>(order.size()) : static_cast<int>(i);
}

} // namespace

PlannedInspectionModel::PlannedInspectionModel(QObject* parent)
    : StoreBoundListModel(parent)
{
    reload();
}

int PlannedInspectionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant PlannedInspectionModel::data(const QModelIndex& index, int role) const
{
    const int row = rowOf(index);
    if (row < 0)
        return {};
    const PlannedInspectionRow& r = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case EnterpriseIdRole:
        return r.enterpriseId;
    case StreetRole:
        return r.street;
    case RiskGradeRole:
        return r.riskGrade;
    case PlanIdRole:
        return r.planId;
    case PlanTitleRole:
        return r.planTitle;
    case PlanKindRole:
        return r.planKind;
    case InspectionKindRole:
        return r.inspectionKind;
    case LastInspectionRole:
        return r.lastInspection;
    case HasDraftRole:
        return r.hasDraft();
    case DraftIdRole:
        return r.draftId;
    }
    return {};
}

QHash<int, QByteArray> PlannedInspectionModel::roleNames() const
{
    return { { EnterpriseIdRole, "enterpriseId" }, { NameRole, "name" }, { StreetRole, "street" },
        { RiskGradeRole, "riskGrade" }, { PlanIdRole, "planId" }, { PlanTitleRole, "planTitle" },
        { PlanKindRole, "planKind" }, { InspectionKindRole, "inspectionKind" },
        { LastInspectionRole, "lastInspection" }, { HasDraftRole, "hasDraft" },
        { DraftIdRole, "draftId" } };
}

void PlannedInspectionModel::setInspectorId(const QString& v)
{
    if (v == m_inspectorId)
        return;
    m_inspectorId = v;
    Q_EMIT filterChanged();
    reload();
}

void PlannedInspectionModel::setYear(int v)
{
    if (v == m_year)
        return;
    m_year = v;
    Q_EMIT filterChanged();
    reload();
}

void PlannedInspectionModel::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QString inspector = m_inspectorId.isEmpty() ? s->userId() : m_inspectorId;
    const int year = m_year > 0 ? m_year : s->today().year();
    s->run<QList<PlannedInspectionRow>>(
        this, [inspector, year](core::LocalStore& st) { return read(st, inspector, year); },
        [this](const QList<PlannedInspectionRow>& rows) {
            if (rows != m_rows)
                replaceRows(m_rows, rows);
            Q_EMIT loaded();
        });
}

QList<PlannedInspectionRow> PlannedInspectionModel::read(
    core::LocalStore& st, const QString& inspectorId, int year)
{
    QList<PlannedInspectionRow> rows;
    if (inspectorId.isEmpty())
        return rows;
    auto plans = st.records(u"plan"_s);
    if (!plans || plans->isEmpty())
        return rows;
    QList<QJsonObject> mine;
    for (const auto& p : std::as_const(*plans))
        if (p.value(u"year"_s).toInt() == year
            && jsonStrings(p.value(u"inspector_ids"_s)).contains(inspectorId))
            mine.append(p);
    if (mine.isEmpty())
        return rows;
    std::stable_sort(mine.begin(), mine.end(), [](const QJsonObject& a, const QJsonObject& b) {
        const QString ta = a.value(u"title"_s).toString();
        const QString tb = b.value(u"title"_s).toString();
        return ta != tb ? ta.localeAwareCompare(tb) < 0
                        : a.value(u"id"_s).toString() < b.value(u"id"_s).toString();
    });

    QHash<QString, QJsonObject> enterprises;
    if (auto es = st.records(u"enterprise"_s))
        for (const auto& e : std::as_const(*es))
            enterprises.insert(e.value(u"uscc"_s).toString(), e);

    // Per enterprise: who finished an inspection of it this year, its latest finished
    // inspection (any year, anyone) and the inspector's own open draft.
    struct History {
        QSet<QString> finishedBy;
        QString lastFinished; // ISO timestamp
        QString draftId;
        QString draftStarted;
    };
    QHash<QString, History> history;
    if (auto inspections = st.records(u"inspection"_s)) {
        for (const auto& i : std::as_const(*inspections)) {
            const QString enterprise = i.value(u"enterprise_id"_s).toString();
            if (!enterprises.contains(enterprise))
                continue;
            History& h = history[enterprise];
            const QStringList team = jsonStrings(i.value(u"inspector_ids"_s));
            const QString started = i.value(u"started_at"_s).toString();
            if (InspectionStatus::fromStored(i.value(u"status"_s).toString())
                == InspectionStatus::Finished) {
                QString finished = i.value(u"finished_at"_s).toString();
                if (finished.isEmpty())
                    finished = started;
                if (finished > h.lastFinished)
                    h.lastFinished = finished;
                const auto at = core::parseTimestamp(started);
                if (at && core::rules::localDate(*at).year() == year)
                    for (const auto& who : team)
                        h.finishedBy.insert(who);
            } else if (team.contains(inspectorId) && started > h.draftStarted) {
                h.draftId = i.value(u"id"_s).toString();
                h.draftStarted = started;
            }
        }
    }

    QSet<QString> listed;
    for (const auto& plan : std::as_const(mine)) {
        const QStringList team = jsonStrings(plan.value(u"inspector_ids"_s));
        const QString kind = plan.value(u"kind"_s).toString();
        for (const auto& enterpriseId : jsonStrings(plan.value(u"enterprise_ids"_s))) {
            if (listed.contains(enterpriseId) || !enterprises.contains(enterpriseId))
                continue;
            const History h = history.value(enterpriseId);
            const bool done = std::any_of(team.cbegin(), team.cend(),
                [&](const QString& who) { return h.finishedBy.contains(who); });
            if (done)
                continue;
            listed.insert(enterpriseId);
            const QJsonObject& e = enterprises[enterpriseId];
            QString last;
            if (auto at = core::parseTimestamp(h.lastFinished))
                last = core::rules::localDate(*at).toString(Qt::ISODate);
            // A 双随机 plan (plan kind "random") starts a random inspection; any other a
            // planned one.
            const core::InspectionKind start
                = kind == u"random"_s ? core::InspectionKind::Random : core::InspectionKind::Plan;
            rows.append({ enterpriseId, e.value(u"name"_s).toString(),
                e.value(u"street"_s).toString(), e.value(u"risk_grade"_s).toString(),
                plan.value(u"id"_s).toString(), plan.value(u"title"_s).toString(), kind,
                core::toString(start), last, h.draftId });
        }
    }
    std::stable_sort(
        rows.begin(), rows.end(), [](const PlannedInspectionRow& a, const PlannedInspectionRow& b) {
            const int ga = gradeRank(a.riskGrade);
            const int gb = gradeRank(b.riskGrade);
            if (ga != gb)
                return ga < gb;
            return a.name.localeAwareCompare(b.name) < 0;
        });
    return rows;
}

} // namespace safeloop::app
