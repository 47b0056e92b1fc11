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

RowListModel::RowListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

QVariantMap RowListModel::get(int row) const
{
    QVariantMap out;
    if (row < 0 || row >= rowCount())
        return out;
    const QModelIndex i = index(row);
    const auto names = roleNames();
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        out.insert(QString::fromUtf8(it.value()), data(i, it.key()));
    return out;
}

void RowListModel::rowChanged(int row)
{
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
}

int RowListModel::rowOf(const QModelIndex& index) const
{
    return checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        ? index.row()
        : -1;
}

// ---- StoreBoundListModel ----

StoreBoundListModel::StoreBoundListModel(QObject* parent)
    : RowListModel(parent)
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
    : StoreBoundListModel(parent)
{
    reload();
}

int EnterpriseSearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant EnterpriseSearchModel::data(const QModelIndex& index, int role) const
{
    const int row = rowOf(index);
    if (row < 0)
        return {};
    const EnterpriseSearchRow& r = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case UsccRole:
        return r.uscc;
    case StreetRole:
        return r.street;
    case AddressRole:
        return r.address;
    case IndustryCodeRole:
        return r.industryCode;
    case RiskGradeRole:
        return r.riskGrade;
    case DistanceMRole:
        return r.distanceM;
    }
    return {};
}

QHash<int, QByteArray> EnterpriseSearchModel::roleNames() const
{
    return { { UsccRole, "uscc" }, { NameRole, "name" }, { StreetRole, "street" },
        { AddressRole, "address" }, { IndustryCodeRole, "industryCode" },
        { RiskGradeRole, "riskGrade" }, { DistanceMRole, "distanceM" } };
}

void EnterpriseSearchModel::setQuery(const QString& q)
{
    if (q == m_query)
        return;
    m_query = q;
    Q_EMIT queryChanged();
    refilter();
}

void EnterpriseSearchModel::setFix(const PositionFix& fix)
{
    // Only where the user is matters for the order, not the fix's time or warnings.
    const auto same = [](double a, double b) {
        return (std::isnan(a) && std::isnan(b)) || qFuzzyCompare(a, b);
    };
    if (same(fix.latitude, m_fix.latitude) && same(fix.longitude, m_fix.longitude))
        return;
    m_fix = fix;
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
    QList<EnterpriseSearchRow> rows;
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
        if (m_fix.isValid() && (lat != 0.0 || lon != 0.0))
            distance = core::distanceMeters(m_fix.latitude, m_fix.longitude, lat, lon);
        rows.append({ uscc, name, street, e.value(u"address"_s).toString(),
            e.value(u"industry_code"_s).toString(), e.value(u"risk_grade"_s).toString(),
            distance });
    }
    std::stable_sort(
        rows.begin(), rows.end(), [](const EnterpriseSearchRow& a, const EnterpriseSearchRow& b) {
            const double da = a.distanceM;
            const double db = b.distanceM;
            if ((da >= 0) != (db >= 0))
                return da >= 0;
            if (da >= 0 && db >= 0 && da != db)
                return da < db;
            return a.name.localeAwareCompare(b.name) < 0;
        });
    replaceRows(m_rows, std::move(rows));
}

QString actorDisplayName(const QHash<QString, QString>& userNames, const QString& id,
    HazardEventKind::Value eventKind, const QString& enterpriseName)
{
    if (const auto it = userNames.constFind(id); it != userNames.cend() && !it->isEmpty())
        return *it;
    if (eventKind == HazardEventKind::Submit && !enterpriseName.isEmpty())
        return enterpriseName;
    return QCoreApplication::translate("HazardDetail", "检查人员");
}

// ---- HazardListModel ----

HazardListModel::HazardListModel(QObject* parent)
    : StoreBoundListModel(parent)
{
    reload();
}

int HazardListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant HazardListModel::data(const QModelIndex& index, int role) const
{
    const int row = rowOf(index);
    if (row < 0)
        return {};
    const HazardListRow& r = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case DescriptionRole:
        return r.description;
    case IdRole:
    case HazardIdRole:
        return r.id;
    case EnterpriseIdRole:
        return r.enterpriseId;
    case EnterpriseNameRole:
        return r.enterpriseName;
    case InspectionIdRole:
        return r.inspectionId;
    case ItemCodeRole:
        return r.itemCode;
    case PlaceRole:
        return r.place;
    case LevelRole:
        return r.level;
    case CategoryRole:
        return r.category;
    case BasisRole:
        return r.basis;
    case MeasureRole:
        return r.measure;
    case DeadlineRole:
        return r.deadline.toString(Qt::ISODate);
    case StatusRole:
        return static_cast<int>(r.status);
    case OverdueRole:
        return r.overdue;
    case DaysLeftRole:
        return r.daysLeft;
    case PhotoCountRole:
        return r.photoCount;
    case ClosedAtRole:
        return r.closedAt;
    case ClosedByRole:
        return r.closedBy;
    case SubmittedDaysRole:
        return r.submittedDays;
    case ReinspectionOverdueRole:
        return r.reinspectionOverdue;
    }
    return {};
}

QHash<int, QByteArray> HazardListModel::roleNames() const
{
    return { { IdRole, "id" }, { HazardIdRole, "hazardId" }, { EnterpriseIdRole, "enterpriseId" },
        { EnterpriseNameRole, "enterpriseName" }, { InspectionIdRole, "inspectionId" },
        { ItemCodeRole, "itemCode" }, { DescriptionRole, "description" }, { PlaceRole, "place" },
        { LevelRole, "level" }, { CategoryRole, "category" }, { BasisRole, "basis" },
        { MeasureRole, "measure" }, { DeadlineRole, "deadline" }, { StatusRole, "status" },
        { OverdueRole, "overdue" }, { DaysLeftRole, "daysLeft" }, { PhotoCountRole, "photoCount" },
        { ClosedAtRole, "closedAt" }, { ClosedByRole, "closedBy" },
        { SubmittedDaysRole, "submittedDays" },
        { ReinspectionOverdueRole, "reinspectionOverdue" } };
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

void HazardListModel::setStatuses(const QList<int>& v)
{
    if (v == m_statuses)
        return;
    m_statuses = v;
    Q_EMIT filterChanged();
    reload();
}

void HazardListModel::setSource(int v)
{
    if (v != HazardSource::Any && v != HazardSource::Inspection && v != HazardSource::SelfCheck) {
        qWarning("HazardListModel: %d is no HazardSource; the filter is unchanged", v);
        return;
    }
    if (v == m_source)
        return;
    m_source = v;
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
    f.source = HazardSource::toCore(static_cast<HazardSource::Value>(m_source));
    if (m_statuses.isEmpty()) {
        f.statuses = QStringList { HazardStatus::toStored(HazardStatus::Open),
            HazardStatus::toStored(HazardStatus::Submitted),
            HazardStatus::toStored(HazardStatus::Rejected),
            HazardStatus::toStored(HazardStatus::Escalated) };
    } else {
        for (const int status : m_statuses)
            if (const QString word
                = HazardStatus::toStored(static_cast<HazardStatus::Value>(status));
                !word.isEmpty())
                f.statuses.append(word);
    }
    f.limit = 2000;
    const QDate today = s->today();
    if (m_overdueOnly)
        f.deadlineBefore = today;
    else if (m_dueWithinDays >= 0)
        f.deadlineBefore = today.addDays(m_dueWithinDays + 1);
    const QString inspectionId = m_inspectionId;
    const QString enterpriseId = m_enterpriseId;
    using Out = std::pair<QList<HazardListRow>, QVariantMap>;
    s->run<Out>(
        this,
        [f, today, inspectionId, enterpriseId](core::LocalStore& st) {
            Out out;
            QList<HazardListRow>& rows = out.first;
            if (auto c = st.hazardCounts(enterpriseId, today, DueSoonDays, f.source)) {
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
                            if (HazardEventKind::fromStored(e.value(u"kind"_s).toString())
                                == HazardEventKind::Verify) {
                                const QString at = e.value(u"created_at"_s).toString();
                                if (at >= closures.value(rec.id).first) {
                                    const QString actor = e.value(u"actor_id"_s).toString();
                                    closures.insert(rec.id,
                                        { at,
                                            actorDisplayName(
                                                users, actor, HazardEventKind::Verify, {}) });
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
                const HazardStatus::Value status
                    = HazardStatus::fromStored(h.value(u"status"_s).toString());
                const QDate submittedOn
                    = QDate::fromString(h.value(u"submitted_on"_s).toString(), Qt::ISODate);
                const bool waiting = status == HazardStatus::Submitted && submittedOn.isValid();
                HazardListRow row;
                row.id = rec.id;
                row.enterpriseId = h.value(u"enterprise_id"_s).toString();
                row.enterpriseName = names.value(row.enterpriseId);
                row.inspectionId = h.value(u"inspection_id"_s).toString();
                row.itemCode = h.value(u"item_code"_s).toString();
                row.description = h.value(u"description"_s).toString();
                row.place = h.value(u"place"_s).toString();
                row.level = h.value(u"level"_s).toString();
                row.category = h.value(u"category"_s).toString();
                row.basis = h.value(u"basis"_s).toString();
                row.measure = h.value(u"measure"_s).toString();
                row.deadline = deadline;
                row.status = status;
                row.overdue = h.value(u"overdue"_s).toBool();
                row.daysLeft = static_cast<int>(today.daysTo(deadline));
                row.photoCount = static_cast<int>(h.value(u"attachments"_s).toArray().size());
                row.closedAt = core::parseTimestamp(closure.first).value_or(QDateTime());
                row.closedBy = closure.second;
                row.submittedDays = waiting ? static_cast<int>(submittedOn.daysTo(today)) : -1;
                row.reinspectionOverdue = waiting
                    && core::rules::isReinspectionOverdue(
                        submittedOn, core::HazardStatus::Submitted, today);
                rows.append(std::move(row));
            }
            std::stable_sort(
                rows.begin(), rows.end(), [](const HazardListRow& a, const HazardListRow& b) {
                    if (a.closedAt != b.closedAt)
                        return a.closedAt > b.closedAt;
                    if (a.overdue != b.overdue)
                        return a.overdue;
                    return a.deadline.toString(Qt::ISODate) < b.deadline.toString(Qt::ISODate);
                });
            return out;
        },
        [this](const Out& out) {
            m_counts = out.second;
            replaceRows(m_rows, out.first);
            Q_EMIT loaded();
        });
}

// ---- InspectionListModel ----

QList<InspectionRow> InspectionRow::read(core::LocalStore& st, const QString& enterpriseId, Of of)
{
    QList<InspectionRow> out;
    auto list = enterpriseId.isEmpty()
        ? st.records(u"inspection"_s)
        : st.records(u"inspection"_s, core::LocalStore::Link::Enterprise, enterpriseId);
    if (!list)
        return out;
    QHash<QString, int> hazardCounts;
    if (auto hs = st.records(u"hazard"_s))
        for (const auto& h : *hs)
            ++hazardCounts[h.value(u"inspection_id"_s).toString()];
    QHash<QString, QString> names;
    if (auto es = st.records(u"enterprise"_s))
        for (const auto& e : *es)
            names.insert(e.value(u"uscc"_s).toString(), e.value(u"name"_s).toString());
    QList<QJsonObject> sorted = *list;
    std::sort(sorted.begin(), sorted.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return a.value(u"started_at"_s).toString() > b.value(u"started_at"_s).toString();
    });
    const QString selfCheck = core::toString(core::InspectionKind::SelfCheck);
    for (const auto& i : std::as_const(sorted)) {
        if ((i.value(u"kind"_s).toString() == selfCheck) != (of == Of::SelfChecks))
            continue;
        InspectionRow row;
        row.id = i.value(u"id"_s).toString();
        row.enterpriseId = i.value(u"enterprise_id"_s).toString();
        row.enterpriseName = names.value(row.enterpriseId);
        row.kind = i.value(u"kind"_s).toString();
        row.mode = i.value(u"mode"_s).toString();
        row.status = InspectionStatus::fromStored(i.value(u"status"_s).toString());
        row.startedAt
            = core::parseTimestamp(i.value(u"started_at"_s).toString()).value_or(QDateTime());
        row.finishedAt
            = core::parseTimestamp(i.value(u"finished_at"_s).toString()).value_or(QDateTime());
        row.hazardCount = hazardCounts.value(row.id);
        out.append(std::move(row));
    }
    return out;
}

QVariantMap InspectionRow::toMap() const
{
    QVariantMap out;
    const auto names = InspectionListModel::roleNameTable();
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        out.insert(QString::fromUtf8(it.value()), InspectionListModel::value(*this, it.key()));
    return out;
}

InspectionListModel::InspectionListModel(QObject* parent)
    : StoreBoundListModel(parent)
{
    reload();
}

void InspectionListModel::setStatus(InspectionStatus::Value v)
{
    if (v == m_status)
        return;
    m_status = v;
    Q_EMIT statusChanged();
    reload();
}

int InspectionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant InspectionListModel::value(const InspectionRow& r, int role)
{
    switch (role) {
    case Qt::DisplayRole:
    case IdRole:
    case InspectionIdRole:
        return r.id;
    case EnterpriseIdRole:
        return r.enterpriseId;
    case EnterpriseNameRole:
        return r.enterpriseName;
    case KindRole:
        return r.kind;
    case ModeRole:
        return r.mode;
    case StatusRole:
        return static_cast<int>(r.status);
    case StartedAtRole:
        return r.startedAt;
    case FinishedAtRole:
        return r.finishedAt;
    case HazardCountRole:
        return r.hazardCount;
    }
    return {};
}

QVariant InspectionListModel::data(const QModelIndex& index, int role) const
{
    const int row = rowOf(index);
    return row < 0 ? QVariant() : value(m_rows.at(row), role);
}

QHash<int, QByteArray> InspectionListModel::roleNames() const
{
    return roleNameTable();
}

QHash<int, QByteArray> InspectionListModel::roleNameTable()
{
    return { { IdRole, "id" }, { InspectionIdRole, "inspectionId" },
        { EnterpriseIdRole, "enterpriseId" }, { EnterpriseNameRole, "enterpriseName" },
        { KindRole, "kind" }, { ModeRole, "mode" }, { StatusRole, "status" },
        { StartedAtRole, "startedAt" }, { FinishedAtRole, "finishedAt" },
        { HazardCountRole, "hazardCount" } };
}

void InspectionListModel::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const InspectionStatus::Value status = m_status;
    s->run<QList<InspectionRow>>(
        this,
        [status](core::LocalStore& st) {
            QList<InspectionRow> rows = InspectionRow::read(st, {});
            if (status != InspectionStatus::Unknown)
                rows.removeIf([status](const InspectionRow& r) { return r.status != status; });
            return rows;
        },
        [this](const QList<InspectionRow>& rows) { replaceRows(m_rows, rows); });
}

// ---- ChecklistModel ----

ChecklistModel::ChecklistModel(QObject* parent)
    : RowListModel(parent)
{
}

int ChecklistModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ChecklistModel::data(const QModelIndex& index, int role) const
{
    const int row = rowOf(index);
    if (row < 0)
        return {};
    const ChecklistRow& r = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case TemplateRefRole:
        return r.templateRef;
    case TemplateTitleRole:
        return r.templateTitle;
    case CodeRole:
        return r.code;
    case BasisRole:
        return r.basis;
    case MajorRole:
        return r.major;
    case ResultRole:
        return r.result;
    case NoteRole:
        return r.note;
    case PhotosRole:
        return r.photos;
    case PhotoIdsRole:
        return r.photoIds;
    case HazardIdRole:
        return r.hazardId;
    case IndexRole:
        return r.index;
    case AnswerIdRole:
        return r.answerId;
    }
    return {};
}

QHash<int, QByteArray> ChecklistModel::roleNames() const
{
    return { { TemplateRefRole, "templateRef" }, { TemplateTitleRole, "templateTitle" },
        { CodeRole, "code" }, { TextRole, "text" }, { BasisRole, "basis" }, { MajorRole, "major" },
        { ResultRole, "result" }, { NoteRole, "note" }, { PhotosRole, "photos" },
        { PhotoIdsRole, "photoIds" }, { HazardIdRole, "hazardId" }, { IndexRole, "index" },
        { AnswerIdRole, "answerId" } };
}

void ChecklistModel::setItem(int row, const ChecklistRow& value)
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row) == value)
        return;
    m_rows[row] = value;
    rowChanged(row);
}

int ChecklistModel::indexOf(const QString& code) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).code == code)
            return i;
    return -1;
}

} // namespace safeloop::app
