#include "workflowmodels.h"

#include "core/rules.h"

#include <QCoreApplication>

#include "enterprisecontroller.h"
#include "storebinding.h"

#include "core/geo.h"
#include "core/queries.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace safeloop::app {

RowListModel::RowListModel(QStringList roles, QObject* parent)
    : QAbstractListModel(parent)
    , m_roles(std::move(roles))
{
}

int RowListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant RowListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int r = role - Qt::UserRole - 1;
    if (role == Qt::DisplayRole)
        return m_rows.at(index.row()).value(m_roles.value(0));
    if (r < 0 || r >= m_roles.size())
        return {};
    return m_rows.at(index.row()).value(m_roles.at(r));
}

QHash<int, QByteArray> RowListModel::roleNames() const
{
    QHash<int, QByteArray> names;
    for (int i = 0; i < m_roles.size(); ++i)
        names.insert(Qt::UserRole + 1 + i, m_roles.at(i).toUtf8());
    return names;
}

QVariantMap RowListModel::get(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QVariantMap {};
}

void RowListModel::setRows(QList<QVariantMap> rows)
{
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

void RowListModel::updateRow(int row, const QVariantMap& values)
{
    if (row < 0 || row >= m_rows.size())
        return;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        m_rows[row].insert(it.key(), it.value());
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
}

// ---- StoreBoundListModel ----

StoreBoundListModel::StoreBoundListModel(QStringList roles, QObject* parent)
    : RowListModel(std::move(roles), parent)
{
    followStore(this, m_store, &StoreBoundListModel::reload);
}

DeviceStore* StoreBoundListModel::store() const
{
    return boundStore(m_store);
}

void StoreBoundListModel::setStore(DeviceStore* s)
{
    if (!rebindStore(this, m_store, s, &StoreBoundListModel::reload))
        return;
    Q_EMIT storeChanged();
    reload();
}

// ---- EnterpriseSearchModel ----

EnterpriseSearchModel::EnterpriseSearchModel(QObject* parent)
    : StoreBoundListModel({ u"uscc"_s, u"name"_s, u"street"_s, u"address"_s, u"industryCode"_s,
                              u"riskGrade"_s, u"distanceM"_s },
        parent)
{
    reload();
}

void EnterpriseSearchModel::setQuery(const QString& q)
{
    if (q == m_query)
        return;
    m_query = q;
    Q_EMIT queryChanged();
    refilter();
}

void EnterpriseSearchModel::setHasFix(bool v)
{
    if (v == m_hasFix)
        return;
    m_hasFix = v;
    Q_EMIT positionChanged();
    refilter();
}

void EnterpriseSearchModel::setLatitude(double v)
{
    if (qFuzzyCompare(v, m_lat))
        return;
    m_lat = v;
    Q_EMIT positionChanged();
    refilter();
}

void EnterpriseSearchModel::setLongitude(double v)
{
    if (qFuzzyCompare(v, m_lon))
        return;
    m_lon = v;
    Q_EMIT positionChanged();
    refilter();
}

void EnterpriseSearchModel::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    m_loading = true;
    Q_EMIT loadingChanged();
    s->run<QList<QJsonObject>>(
        this,
        [](core::LocalStore& st) {
            auto r = st.records(u"enterprise"_s);
            return r ? *r : QList<QJsonObject> {};
        },
        [this](const QList<QJsonObject>& all) {
            m_all = all;
            m_loading = false;
            Q_EMIT loadingChanged();
            refilter();
        });
}

void EnterpriseSearchModel::refilter()
{
    const QString q = m_query.trimmed();
    QList<QVariantMap> rows;
    for (const auto& e : std::as_const(m_all)) {
        const QString name = e.value(u"name"_s).toString();
        const QString uscc = e.value(u"uscc"_s).toString();
        const QString street = e.value(u"street"_s).toString();
        if (!q.isEmpty() && !name.contains(q, Qt::CaseInsensitive)
            && !uscc.contains(q, Qt::CaseInsensitive) && !street.contains(q, Qt::CaseInsensitive))
            continue;
        double distance = -1;
        const double lat = e.value(u"lat"_s).toDouble();
        const double lon = e.value(u"lon"_s).toDouble();
        if (m_hasFix && (lat != 0.0 || lon != 0.0))
            distance = core::distanceMeters(m_lat, m_lon, lat, lon);
        rows.append(QVariantMap { { u"uscc"_s, uscc }, { u"name"_s, name }, { u"street"_s, street },
            { u"address"_s, e.value(u"address"_s).toString() },
            { u"industryCode"_s, e.value(u"industry_code"_s).toString() },
            { u"riskGrade"_s, e.value(u"risk_grade"_s).toString() },
            { u"distanceM"_s, distance } });
    }
    std::stable_sort(rows.begin(), rows.end(), [](const QVariantMap& a, const QVariantMap& b) {
        const double da = a.value(u"distanceM"_s).toDouble();
        const double db = b.value(u"distanceM"_s).toDouble();
        if ((da >= 0) != (db >= 0))
            return da >= 0;
        if (da >= 0 && db >= 0 && da != db)
            return da < db;
        return a.value(u"name"_s).toString().localeAwareCompare(b.value(u"name"_s).toString()) < 0;
    });
    setRows(std::move(rows));
}

QString actorDisplayName(const QHash<QString, QString>& userNames, const QString& id,
    const QString& eventKind, const QString& enterpriseName)
{
    if (const auto it = userNames.constFind(id); it != userNames.cend() && !it->isEmpty())
        return *it;
    if (eventKind == u"submit"_s && !enterpriseName.isEmpty())
        return enterpriseName;
    return QCoreApplication::translate("HazardDetail", "检查人员");
}

// ---- HazardListModel ----

HazardListModel::HazardListModel(QObject* parent)
    : StoreBoundListModel(
        { u"id"_s, u"hazardId"_s, u"enterpriseId"_s, u"enterpriseName"_s, u"inspectionId"_s,
            u"itemCode"_s, u"description"_s, u"place"_s, u"level"_s, u"category"_s, u"basis"_s,
            u"measure"_s, u"deadline"_s, u"status"_s, u"overdue"_s, u"daysLeft"_s, u"photoCount"_s,
            u"closedAt"_s, u"closedBy"_s, u"submittedDays"_s, u"reinspectionOverdue"_s },
        parent)
{
    reload();
}

void HazardListModel::setOverdueOnly(bool v)
{
    if (v == m_overdueOnly)
        return;
    m_overdueOnly = v;
    Q_EMIT filterChanged();
    reload();
}

void HazardListModel::setDueWithinDays(int v)
{
    if (v == m_dueWithinDays)
        return;
    m_dueWithinDays = v;
    Q_EMIT filterChanged();
    reload();
}

void HazardListModel::setEnterpriseId(const QString& v)
{
    if (v == m_enterpriseId)
        return;
    m_enterpriseId = v;
    Q_EMIT filterChanged();
    reload();
}

void HazardListModel::setStatuses(const QStringList& v)
{
    if (v == m_statuses)
        return;
    m_statuses = v;
    Q_EMIT filterChanged();
    reload();
}

void HazardListModel::setInspectionId(const QString& v)
{
    if (v == m_inspectionId)
        return;
    m_inspectionId = v;
    Q_EMIT filterChanged();
    reload();
}

void HazardListModel::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    core::HazardFilter f;
    f.enterpriseId = m_enterpriseId;
    f.statuses = m_statuses.isEmpty()
        ? QStringList { u"open"_s, u"submitted"_s, u"rejected"_s, u"escalated"_s }
        : m_statuses;
    f.limit = 2000;
    const QDate today = s->today();
    if (m_overdueOnly)
        f.deadlineBefore = today;
    else if (m_dueWithinDays >= 0)
        f.deadlineBefore = today.addDays(m_dueWithinDays + 1);
    const QString inspectionId = m_inspectionId;
    const QString enterpriseId = m_enterpriseId;
    using Out = std::pair<QList<QVariantMap>, QVariantMap>;
    s->run<Out>(
        this,
        [f, today, inspectionId, enterpriseId](core::LocalStore& st) {
            Out out;
            QList<QVariantMap>& rows = out.first;
            if (auto c = st.hazardCounts(enterpriseId, today, DueSoonDays)) {
                const auto n = [&c](const QString& k) { return c->byStatus.value(k); };
                out.second = QVariantMap { { u"all"_s, c->notVerified() },
                    { u"open"_s, n(u"open"_s) + n(u"escalated"_s) },
                    { u"submitted"_s, n(u"submitted"_s) }, { u"rejected"_s, n(u"rejected"_s) },
                    { u"verified"_s, n(u"verified"_s) }, { u"overdue"_s, c->overdue },
                    { u"dueSoon"_s, c->dueSoon } };
            }
            auto list = st.hazards(f, today);
            if (!list)
                return out;
            QHash<QString, QString> names;
            if (auto es = st.records(u"enterprise"_s))
                for (const auto& e : *es)
                    names.insert(e.value(u"uscc"_s).toString(), e.value(u"name"_s).toString());
            // The 销号 of verified hazards: when, and by whom.
            QHash<QString, std::pair<QString, QString>> closures;
            if (f.statuses.contains(u"verified"_s)) {
                QHash<QString, QString> users;
                if (auto us = st.records(u"user"_s))
                    for (const auto& u : *us)
                        users.insert(u.value(u"id"_s).toString(), u.value(u"name"_s).toString());
                for (const auto& rec : *list)
                    if (auto evs = st.records(
                            u"rectification_event"_s, core::LocalStore::Link::Hazard, rec.id))
                        for (const auto& e : *evs)
                            if (e.value(u"kind"_s).toString() == u"verify"_s) {
                                const QString at = e.value(u"created_at"_s).toString();
                                if (at >= closures.value(rec.id).first) {
                                    const QString actor = e.value(u"actor_id"_s).toString();
                                    closures.insert(rec.id,
                                        { at, actorDisplayName(users, actor, u"verify"_s, {}) });
                                }
                            }
            }
            for (const auto& rec : *list) {
                const auto& h = rec.fields;
                if (!inspectionId.isEmpty()
                    && h.value(u"inspection_id"_s).toString() != inspectionId)
                    continue;
                const QDate deadline
                    = QDate::fromString(h.value(u"deadline"_s).toString(), Qt::ISODate);
                const auto closure = closures.value(rec.id);
                // A submitted hazard waits for the inspector: how long it has waited, and
                // whether the re-inspection is past its 10 days (rules::reinspectionDue).
                const QString status = h.value(u"status"_s).toString();
                const QDate submittedOn
                    = QDate::fromString(h.value(u"submitted_on"_s).toString(), Qt::ISODate);
                const bool waiting = status == u"submitted"_s && submittedOn.isValid();
                const auto parsedStatus = core::parseHazardStatus(status);
                rows.append(QVariantMap { { u"id"_s, rec.id }, { u"hazardId"_s, rec.id },
                    { u"enterpriseId"_s, h.value(u"enterprise_id"_s).toString() },
                    { u"enterpriseName"_s, names.value(h.value(u"enterprise_id"_s).toString()) },
                    { u"inspectionId"_s, h.value(u"inspection_id"_s).toString() },
                    { u"itemCode"_s, h.value(u"item_code"_s).toString() },
                    { u"description"_s, h.value(u"description"_s).toString() },
                    { u"place"_s, h.value(u"place"_s).toString() },
                    { u"level"_s, h.value(u"level"_s).toString() },
                    { u"category"_s, h.value(u"category"_s).toString() },
                    { u"basis"_s, h.value(u"basis"_s).toString() },
                    { u"measure"_s, h.value(u"measure"_s).toString() },
                    { u"deadline"_s, deadline.toString(Qt::ISODate) },
                    { u"status"_s, h.value(u"status"_s).toString() },
                    { u"overdue"_s, h.value(u"overdue"_s).toBool() },
                    { u"daysLeft"_s, static_cast<int>(today.daysTo(deadline)) },
                    { u"photoCount"_s,
                        static_cast<int>(h.value(u"attachments"_s).toArray().size()) },
                    { u"closedAt"_s, core::parseTimestamp(closure.first).value_or(QDateTime()) },
                    { u"closedBy"_s, closure.second },
                    { u"submittedDays"_s,
                        waiting ? static_cast<int>(submittedOn.daysTo(today)) : -1 },
                    { u"reinspectionOverdue"_s,
                        waiting && parsedStatus
                            && core::rules::isReinspectionOverdue(
                                submittedOn, parsedStatus.value(), today) } });
            }
            std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
                const QDateTime ca = a.value(u"closedAt"_s).toDateTime();
                const QDateTime cb = b.value(u"closedAt"_s).toDateTime();
                if (ca != cb)
                    return ca > cb;
                const bool oa = a.value(u"overdue"_s).toBool();
                const bool ob = b.value(u"overdue"_s).toBool();
                if (oa != ob)
                    return oa;
                return a.value(u"deadline"_s).toString() < b.value(u"deadline"_s).toString();
            });
            return out;
        },
        [this](const Out& out) {
            m_counts = out.second;
            setRows(out.first);
            Q_EMIT loaded();
        });
}

// ---- InspectionListModel ----

InspectionListModel::InspectionListModel(QObject* parent)
    : StoreBoundListModel(
        { u"id"_s, u"inspectionId"_s, u"enterpriseId"_s, u"enterpriseName"_s, u"kind"_s, u"mode"_s,
            u"status"_s, u"startedAt"_s, u"finishedAt"_s, u"hazardCount"_s },
        parent)
{
    reload();
}

void InspectionListModel::setStatus(const QString& v)
{
    if (v == m_status)
        return;
    m_status = v;
    Q_EMIT statusChanged();
    reload();
}

void InspectionListModel::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QString status = m_status;
    s->run<QList<QVariantMap>>(
        this,
        [status](core::LocalStore& st) {
            QList<QVariantMap> rows;
            for (const QVariant& v : EnterpriseController::readHistory(st, {})) {
                QVariantMap row = v.toMap();
                row.insert(u"inspectionId"_s, row.value(u"id"_s));
                if (status.isEmpty() || row.value(u"status"_s).toString() == status)
                    rows.append(std::move(row));
            }
            return rows;
        },
        [this](const QList<QVariantMap>& rows) { setRows(rows); });
}

// ---- ChecklistModel ----

ChecklistModel::ChecklistModel(QObject* parent)
    : RowListModel(
        { u"templateRef"_s, u"templateTitle"_s, u"code"_s, u"text"_s, u"basis"_s, u"major"_s,
            u"result"_s, u"note"_s, u"photos"_s, u"photoIds"_s, u"hazardId"_s, u"index"_s },
        parent)
{
}

int ChecklistModel::indexOf(const QString& code) const
{
    for (int i = 0; i < rows().size(); ++i)
        if (rows().at(i).value(u"code"_s).toString() == code)
            return i;
    return -1;
}

} // namespace safeloop::app
