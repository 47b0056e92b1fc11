#include "supervisoroverview.h"

#include "periodbinding.h"
#include "storebinding.h"

#include "sync/devicehealth.h"

#include "core/rules.h"
#include "core/uuid.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>

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
    QVariantList byStreet, byGrade, byIndustry, leaders, inspectors;
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
    choosePeriodKind(this, m_choice, kind, &SupervisorOverview::reload);
}

bool SupervisorOverview::setCustomPeriod(const QString& from, const QString& to)
{
    return chooseCustomPeriod(this, m_choice, from, to, &SupervisorOverview::reload);
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
        { u"reinspectionsOnTimeRate"_s, h.reinspectionsOnTime.rate() },
        { u"selfChecks"_s, o.selfChecks }, { u"selfCheckEnterprises"_s, o.selfCheckEnterprises } };
}

void SupervisorOverview::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QDate today = s->today();
    const metrics::Period period = m_choice.periodFor(today);
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
            out.byIndustry = groups(now->coverage.byIndustry);
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
            m_byIndustry = out->byIndustry;
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
    const metrics::Period period = m_choice.periodFor(today);
    metrics::Breakdown breakdown;
    if (by == u"street"_s)
        breakdown = { metrics::By::Street, key };
    else if (by == u"riskGrade"_s)
        breakdown = { metrics::By::RiskGrade, key };
    else if (by == u"industry"_s)
        breakdown = { metrics::By::Industry, key };
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
                            { u"status"_s,
                                HazardStatus::fromStored(h.value(u"status"_s).toString()) },
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
    : StoreBoundListModel(parent)
{
    reload();
}

int DeviceHealthModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant DeviceHealthModel::data(const QModelIndex& index, int role) const
{
    const int row = rowOf(index);
    if (row < 0)
        return {};
    const DeviceHealthRow& r = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case UserNameRole:
        return r.userName;
    case IdRole:
        return r.id;
    case AppVersionRole:
        return r.appVersion;
    case LastSuccessRole:
        return r.lastSuccess;
    case DaysSilentRole:
        return r.daysSilent;
    case SilentRole:
        return r.silent;
    case PendingMutationsRole:
        return r.pendingMutations;
    case PendingBlobsRole:
        return r.pendingBlobs;
    case ClockSkewMsRole:
        return r.clockSkewMs;
    case LastErrorRole:
        return r.lastError;
    case LastErrorCodeRole:
        return r.lastErrorCode;
    }
    return {};
}

QHash<int, QByteArray> DeviceHealthModel::roleNames() const
{
    return { { IdRole, "id" }, { UserNameRole, "userName" }, { AppVersionRole, "appVersion" },
        { LastSuccessRole, "lastSuccess" }, { DaysSilentRole, "daysSilent" },
        { SilentRole, "silent" }, { PendingMutationsRole, "pendingMutations" },
        { PendingBlobsRole, "pendingBlobs" }, { ClockSkewMsRole, "clockSkewMs" },
        { LastErrorRole, "lastError" }, { LastErrorCodeRole, "lastErrorCode" } };
}

void DeviceHealthModel::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QDateTime now = s->now();
    s->run<QList<DeviceHealthRow>>(
        this,
        [now](core::LocalStore& st) {
            QHash<QString, QString> names;
            if (auto us = st.records(u"user"_s))
                for (const auto& u : *us)
                    names.insert(u.value(u"id"_s).toString(), u.value(u"name"_s).toString());
            QList<DeviceHealthRow> rows;
            for (const auto& d : sync::deviceHealth(st)) {
                const qint64 days
                    = d.lastSuccess.isValid() ? d.lastSuccess.secsTo(now) / 86400 : -1;
                rows.append({ d.id, names.value(d.userId, d.userId), d.appVersion, d.lastSuccess,
                    days, days < 0 || days > DeviceHealthModel::SilentDays, d.pendingMutations,
                    d.pendingBlobs, d.clockSkewMs, d.lastError, d.lastErrorCode });
            }
            std::stable_sort(
                rows.begin(), rows.end(), [](const DeviceHealthRow& a, const DeviceHealthRow& b) {
                    if (a.silent != b.silent)
                        return a.silent;
                    if (a.silent && a.lastSuccess != b.lastSuccess)
                        return !a.lastSuccess.isValid()
                            || (b.lastSuccess.isValid() && a.lastSuccess < b.lastSuccess);
                    return a.userName.localeAwareCompare(b.userName) < 0;
                });
            return rows;
        },
        [this](const QList<DeviceHealthRow>& rows) {
            int silent = 0;
            for (const auto& r : rows)
                silent += r.silent ? 1 : 0;
            m_silent = silent;
            replaceRows(m_rows, rows);
            Q_EMIT loaded();
        });
}

} // namespace safeloop::app

namespace safeloop::app {

RandomDraw::RandomDraw(QObject* parent)
    : QObject(parent)
{
    followStore(this, m_store, &RandomDraw::loadOptions);
    loadOptions();
}

DeviceStore* RandomDraw::store() const
{
    return boundStore(m_store);
}

void RandomDraw::setStore(DeviceStore* s)
{
    if (!rebindStore(this, m_store, s, &RandomDraw::loadOptions))
        return;
    Q_EMIT storeChanged();
    loadOptions();
}

void RandomDraw::loadOptions()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    s->run<QStringList>(
        this,
        [](core::LocalStore& st) {
            QSet<QString> streets;
            if (auto es = st.records(u"enterprise"_s))
                for (const auto& e : *es)
                    if (const QString street = e.value(u"street"_s).toString(); !street.isEmpty())
                        streets.insert(street);
            QStringList out(streets.begin(), streets.end());
            std::sort(out.begin(), out.end());
            return out;
        },
        [this](const QStringList& streets) {
            m_streets = streets;
            Q_EMIT optionsChanged();
        });
}

QString RandomDraw::newSeed() const
{
    return QString::number(QRandomGenerator::system()->generate64());
}

void RandomDraw::run(const QStringList& streets, const QStringList& grades, int count, int percent,
    bool forceKey, const QString& seed)
{
    DeviceStore* s = store();
    bool ok = false;
    const quint64 seedValue = seed.trimmed().toULongLong(&ok);
    if (!s->ready() || !ok) {
        m_error = tr("随机种子须是一个非负整数。");
        m_picks.clear();
        Q_EMIT drawn();
        return;
    }
    struct Out {
        QVariantList picks;
        int pool = 0;
        QString error;
    };
    s->run<Out>(
        this,
        [streets, grades, count, percent, forceKey, seedValue](core::LocalStore& st) {
            Out out;
            metrics::DrawRequest request;
            QHash<QString, core::Enterprise> byId;
            if (auto es = st.records(u"enterprise"_s))
                for (const auto& e : *es)
                    if (auto parsed = core::Enterprise::fromJson(e)) {
                        request.enterprises.append(*parsed);
                        byId.insert(parsed->uscc, *parsed);
                    }
            request.streets = streets;
            for (const auto& g : grades)
                if (auto grade = core::parseRiskGrade(g))
                    request.grades.append(*grade);
            if (forceKey)
                for (const auto& e : std::as_const(request.enterprises))
                    if ((e.riskGrade == core::RiskGrade::Red
                            || e.riskGrade == core::RiskGrade::Orange)
                        && (streets.isEmpty() || streets.contains(e.street)))
                        request.forcedIn.append(e.uscc);
            if (count > 0)
                request.count = count;
            request.percent = percent;
            QHash<QString, QString> names;
            if (auto us = st.records(u"user"_s))
                for (const auto& u : *us) {
                    const QString id = u.value(u"id"_s).toString();
                    names.insert(id, u.value(u"name"_s).toString());
                    if (u.value(u"role"_s).toString() == u"inspector"_s
                        && !u.value(u"badge"_s).toString().isEmpty())
                        request.inspectorIds.append(id);
                }
            std::sort(request.inspectorIds.begin(), request.inspectorIds.end());
            if (auto rs = st.recusals())
                for (const auto& r : *rs)
                    request.conflicts.append({ r.inspectorId, r.enterpriseId });
            request.seed = seedValue;
            auto result = metrics::draw(request);
            if (!result) {
                out.error = describeError(result.error());
                return out;
            }
            out.pool = static_cast<int>(result->pool.size());
            for (const auto& p : result->picks) {
                const core::Enterprise e = byId.value(p.enterpriseId);
                out.picks.append(
                    QVariantMap { { u"enterpriseId"_s, p.enterpriseId }, { u"name"_s, e.name },
                        { u"street"_s, e.street }, { u"riskGrade"_s, core::toString(e.riskGrade) },
                        { u"inspectorA"_s, names.value(p.inspectorA, p.inspectorA) },
                        { u"inspectorB"_s, names.value(p.inspectorB, p.inspectorB) },
                        { u"inspectorAId"_s, p.inspectorA }, { u"inspectorBId"_s, p.inspectorB },
                        { u"forced"_s, p.forced } });
            }
            return out;
        },
        [this, seedValue](const Out& out) {
            m_seed = QString::number(seedValue);
            m_picks = out.picks;
            m_poolSize = out.pool;
            m_error = out.error;
            m_issued = 0;
            m_issueError.clear();
            Q_EMIT drawn();
            Q_EMIT issuedChanged();
        });
}

void RandomDraw::issuePlans()
{
    DeviceStore* s = store();
    if (!s->ready() || m_picks.isEmpty() || m_issued > 0 || m_issuing)
        return;
    m_issuing = true;
    const core::Actor actor = s->actor();
    const QDateTime now = s->now();
    const int year = core::rules::localDate(now).year();
    const QString title = tr("%1年双随机抽查（种子 %2）").arg(year).arg(m_seed);
    const QVariantList picks = m_picks;
    struct Out {
        int issued = 0;
        QString error;
    };
    s->run<Out>(
        this,
        [picks, actor, now, year, title](core::LocalStore& st) {
            Out out;
            for (const auto& v : picks) {
                const QVariantMap p = v.toMap();
                const QJsonObject args { { u"year"_s, year }, { u"title"_s, title },
                    { u"kind"_s, u"random"_s },
                    { u"enterprise_ids"_s, QJsonArray { p.value(u"enterpriseId"_s).toString() } },
                    { u"inspector_ids"_s,
                        QJsonArray { p.value(u"inspectorAId"_s).toString(),
                            p.value(u"inspectorBId"_s).toString() } } };
                auto done = st.perform(actor, u"plan.upsert"_s, core::uuidv7(now), args);
                if (!done) {
                    out.error = tr("%1：%2").arg(
                        p.value(u"name"_s).toString(), describeError(done.error()));
                    break;
                }
                ++out.issued;
            }
            return out;
        },
        [this, s](const Out& out) {
            m_issuing = false;
            m_issued = out.issued;
            m_issueError = out.error;
            if (out.issued > 0)
                s->notifyChanged();
            Q_EMIT issuedChanged();
        });
}

} // namespace safeloop::app
