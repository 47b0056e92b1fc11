#include "supervisoroverview.h"

#include "storebinding.h"

#include "sync/devicehealth.h"

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace metrics = core::metrics;

namespace {

QVariantList groups(const QList<metrics::CoverageGroup>& list)
{
    QVariantList out;
    for (const auto& g : list)
        out.append(QVariantMap { { u"key"_s, g.key }, { u"covered"_s, g.coverage.numerator },
            { u"registered"_s, g.coverage.denominator }, { u"rate"_s, g.coverage.rate() } });
    return out;
}

struct Loaded {
    metrics::Period period;
    QVariantMap figures, previous;
    QVariantList byStreet, byGrade, leaders, inspectors;
};

std::optional<metrics::EnterpriseSet> enterpriseSet(const QString& figure)
{
    static const QHash<QString, metrics::EnterpriseSet> sets {
        { u"registered"_s, metrics::EnterpriseSet::Registered },
        { u"covered"_s, metrics::EnterpriseSet::Covered },
        { u"notCovered"_s, metrics::EnterpriseSet::NotCovered },
        { u"keyNotCovered"_s, metrics::EnterpriseSet::KeyNotCovered },
        { u"plansDone"_s, metrics::EnterpriseSet::PlannedDone },
        { u"plansDue"_s, metrics::EnterpriseSet::PlannedDue },
        { u"plansOverdue"_s, metrics::EnterpriseSet::PlannedOverdue },
    };
    const auto it = sets.constFind(figure);
    return it == sets.cend() ? std::nullopt : std::optional(*it);
}

std::optional<metrics::HazardSet> hazardSet(const QString& figure)
{
    static const QHash<QString, metrics::HazardSet> sets {
        { u"found"_s, metrics::HazardSet::Found },
        { u"foundMajor"_s, metrics::HazardSet::FoundMajor },
        { u"rectified"_s, metrics::HazardSet::Rectified },
        { u"majorRectified"_s, metrics::HazardSet::MajorRectified },
        { u"overdue"_s, metrics::HazardSet::Overdue },
    };
    const auto it = sets.constFind(figure);
    return it == sets.cend() ? std::nullopt : std::optional(*it);
}

} // namespace

SupervisorOverview::SupervisorOverview(QObject* parent)
    : QObject(parent)
{
    followStore(this, m_store, &SupervisorOverview::reload);
    reload();
}

DeviceStore* SupervisorOverview::store() const
{
    return boundStore(m_store);
}

void SupervisorOverview::setStore(DeviceStore* s)
{
    if (!rebindStore(this, m_store, s, &SupervisorOverview::reload))
        return;
    Q_EMIT storeChanged();
    reload();
}

void SupervisorOverview::setPeriodKind(const QString& kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    Q_EMIT periodKindChanged();
    reload();
}

metrics::Period SupervisorOverview::periodFor(QDate today) const
{
    if (m_kind == u"month"_s)
        return metrics::Period::monthOf(today);
    if (m_kind == u"quarter"_s)
        return metrics::Period::quarterOf(today);
    return metrics::Period::yearOf(today);
}

QVariantMap SupervisorOverview::figuresOf(const metrics::Overview& o)
{
    const auto& h = o.hazards;
    return { { u"enterprises"_s, o.enterprises }, { u"covered"_s, o.coverage.overall.numerator },
        { u"coverageRate"_s, o.coverage.overall.rate() },
        { u"keyNotCovered"_s, static_cast<int>(o.coverage.keyNotCovered.size()) },
        { u"plansPlanned"_s, o.plans.planned }, { u"plansDone"_s, o.plans.done },
        { u"plansDue"_s, o.plans.due }, { u"plansOverdue"_s, o.plans.overdue },
        { u"found"_s, h.found }, { u"foundMajor"_s, h.foundMajor },
        { u"rectified"_s, h.rectified.numerator }, { u"rectifiedRate"_s, h.rectified.rate() },
        { u"majorRectified"_s, h.majorRectified.numerator },
        { u"majorRectifiedRate"_s, h.majorRectified.rate() }, { u"overdue"_s, h.overdue.numerator },
        { u"overdueRate"_s, h.overdue.rate() },
        { u"medianDaysToClose"_s, h.medianDaysToClose.value_or(-1.0) },
        { u"reinspections"_s, h.reinspectionsOnTime.denominator },
        { u"reinspectionsOnTime"_s, h.reinspectionsOnTime.numerator },
        { u"reinspectionsOnTimeRate"_s, h.reinspectionsOnTime.rate() } };
}

void SupervisorOverview::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QDate today = s->today();
    const metrics::Period period = periodFor(today);
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged();
    }
    s->run<std::optional<Loaded>>(
        this,
        [period, today](core::LocalStore& st) -> std::optional<Loaded> {
            auto now = st.overview(period, today);
            auto before = st.overview(period.previous(), today);
            if (!now || !before)
                return std::nullopt;
            Loaded out;
            out.period = period;
            out.figures = figuresOf(*now);
            out.previous = figuresOf(*before);
            out.byStreet = groups(now->coverage.byStreet);
            out.byGrade = groups(now->coverage.byRiskGrade);
            for (const auto& l : now->leaders)
                out.leaders.append(QVariantMap { { u"leader"_s, l.leader },
                    { u"enterprises"_s, l.enterprises }, { u"keyEnterprises"_s, l.keyEnterprises },
                    { u"covered"_s, l.coverage.numerator },
                    { u"keyCovered"_s, l.keyCoverage.numerator },
                    { u"openMajor"_s, l.openMajorHazards },
                    { u"overdue"_s, l.overdueRectifications } });
            for (const auto& i : now->inspectors)
                out.inspectors.append(QVariantMap { { u"id"_s, i.inspectorId },
                    { u"name"_s, i.name.isEmpty() ? i.inspectorId : i.name },
                    { u"inspections"_s, i.inspections }, { u"hazards"_s, i.hazards },
                    { u"perInspection"_s, i.hazardsPerInspection }, { u"documents"_s, i.documents },
                    { u"complete"_s, i.completeDocuments.rate() } });
            return out;
        },
        [this](const std::optional<Loaded>& out) {
            m_loading = false;
            Q_EMIT loadingChanged();
            if (!out)
                return;
            m_period = out->period;
            m_figures = out->figures;
            m_previous = out->previous;
            m_byStreet = out->byStreet;
            m_byGrade = out->byGrade;
            m_leaders = out->leaders;
            m_inspectors = out->inspectors;
            Q_EMIT loaded();
        });
}

void SupervisorOverview::drillDown(const QString& figure, const QString& by, const QString& key)
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QDate today = s->today();
    const metrics::Period period = periodFor(today);
    metrics::Breakdown breakdown;
    if (by == u"street"_s)
        breakdown = { metrics::By::Street, key };
    else if (by == u"riskGrade"_s)
        breakdown = { metrics::By::RiskGrade, key };
    const auto eSet = enterpriseSet(figure);
    const auto hSet = hazardSet(figure);
    using Out = std::pair<QString, QVariantList>;
    s->run<Out>(
        this,
        [period, today, breakdown, eSet, hSet](core::LocalStore& st) {
            Out out;
            QHash<QString, QJsonObject> enterprises;
            if (auto es = st.records(u"enterprise"_s))
                for (const auto& e : *es)
                    enterprises.insert(e.value(u"uscc"_s).toString(), e);
            if (eSet) {
                out.first = u"enterprise"_s;
                if (auto ids = st.enterprisesFor(*eSet, period, breakdown, today))
                    for (const auto& id : *ids) {
                        const QJsonObject e = enterprises.value(id);
                        out.second.append(QVariantMap { { u"id"_s, id },
                            { u"name"_s, e.value(u"name"_s).toString() },
                            { u"street"_s, e.value(u"street"_s).toString() },
                            { u"riskGrade"_s, e.value(u"risk_grade"_s).toString() } });
                    }
            } else if (hSet) {
                out.first = u"hazard"_s;
                if (auto ids = st.hazardsFor(*hSet, period, breakdown, today))
                    for (const auto& id : *ids) {
                        auto rec = st.record(u"hazard"_s, id, today);
                        if (!rec || !rec->has_value())
                            continue;
                        const QJsonObject h = (*rec)->fields;
                        out.second.append(QVariantMap { { u"id"_s, id },
                            { u"description"_s, h.value(u"description"_s).toString() },
                            { u"enterpriseName"_s,
                                enterprises.value(h.value(u"enterprise_id"_s).toString())
                                    .value(u"name"_s)
                                    .toString() },
                            { u"status"_s, h.value(u"status"_s).toString() },
                            { u"overdue"_s, h.value(u"overdue"_s).toBool() },
                            { u"deadline"_s, h.value(u"deadline"_s).toString() },
                            { u"level"_s, h.value(u"level"_s).toString() } });
                    }
            }
            return out;
        },
        [this](const Out& out) {
            m_drillKind = out.first;
            m_drill = out.second;
            Q_EMIT drillChanged();
        });
}

} // namespace safeloop::app

namespace safeloop::app {

DeviceHealthModel::DeviceHealthModel(QObject* parent)
    : StoreBoundListModel(
        { u"id"_s, u"userName"_s, u"appVersion"_s, u"lastSuccess"_s, u"daysSilent"_s, u"silent"_s,
            u"pendingMutations"_s, u"pendingBlobs"_s, u"clockSkewMs"_s },
        parent)
{
    reload();
}

void DeviceHealthModel::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QDateTime now = s->now();
    s->run<QList<QVariantMap>>(
        this,
        [now](core::LocalStore& st) {
            QHash<QString, QString> names;
            if (auto us = st.records(u"user"_s))
                for (const auto& u : *us)
                    names.insert(u.value(u"id"_s).toString(), u.value(u"name"_s).toString());
            QList<QVariantMap> rows;
            for (const auto& d : sync::deviceHealth(st)) {
                const qint64 days
                    = d.lastSuccess.isValid() ? d.lastSuccess.secsTo(now) / 86400 : -1;
                rows.append(QVariantMap { { u"id"_s, d.id },
                    { u"userName"_s, names.value(d.userId, d.userId) },
                    { u"appVersion"_s, d.appVersion }, { u"lastSuccess"_s, d.lastSuccess },
                    { u"daysSilent"_s, days },
                    { u"silent"_s, days < 0 || days > DeviceHealthModel::SilentDays },
                    { u"pendingMutations"_s, d.pendingMutations },
                    { u"pendingBlobs"_s, d.pendingBlobs }, { u"clockSkewMs"_s, d.clockSkewMs } });
            }
            std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
                const bool sa = a.value(u"silent"_s).toBool();
                const bool sb = b.value(u"silent"_s).toBool();
                if (sa != sb)
                    return sa;
                const QDateTime la = a.value(u"lastSuccess"_s).toDateTime();
                const QDateTime lb = b.value(u"lastSuccess"_s).toDateTime();
                if (sa && la != lb)
                    return !la.isValid() || (lb.isValid() && la < lb);
                return a.value(u"userName"_s)
                           .toString()
                           .localeAwareCompare(b.value(u"userName"_s).toString())
                    < 0;
            });
            return rows;
        },
        [this](const QList<QVariantMap>& rows) {
            int silent = 0;
            for (const auto& r : rows)
                silent += r.value(u"silent"_s).toBool() ? 1 : 0;
            m_silent = silent;
            setRows(rows);
            Q_EMIT loaded();
        });
}

} // namespace safeloop::app
