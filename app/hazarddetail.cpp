#include "hazarddetail.h"

#include "inspectioncontroller.h"
#include "reinspectionopinion.h"
#include "storebinding.h"

#include "core/geo.h"
#include "sync/syncengine.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

QDateTime timestamp(const QJsonValue& v)
{
    return core::parseTimestamp(v.toString()).value_or(QDateTime());
}

/// Order of kinds that share a timestamp (hazard.create writes the hazard and its order at once).
int kindRank(HazardEventKind::Value kind)
{
    switch (kind) {
    case HazardEventKind::Found:
        return 0;
    case HazardEventKind::Order:
        return 1;
    case HazardEventKind::Submit:
        return 2;
    case HazardEventKind::Reject:
        return 3;
    case HazardEventKind::Verify:
        return 4;
    case HazardEventKind::Escalate:
        return 5;
    case HazardEventKind::Unknown:
        break;
    }
    return 6;
}

} // namespace

HazardEventModel::HazardEventModel(QObject* parent)
    : RowListModel(parent)
{
}

int HazardEventModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant HazardEventModel::data(const QModelIndex& index, int role) const
{
    const int row = rowOf(index);
    if (row < 0)
        return {};
    const HazardEventRow& r = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case NoteRole:
        return r.note;
    case IdRole:
        return r.id;
    case KindRole:
        return static_cast<int>(r.kind);
    case ActorIdRole:
        return r.actorId;
    case ActorNameRole:
        return r.actorName;
    case AtRole:
        return r.at;
    case PhotosRole:
        return r.photos;
    case DocumentNumberRole:
        return r.documentNumber;
    case SyncStateRole:
        return static_cast<int>(r.syncState);
    case CompletedOnRole:
        return r.completedOn;
    case ResponsibleRole:
        return r.responsible;
    case CostRole:
        return r.cost;
    }
    return {};
}

QHash<int, QByteArray> HazardEventModel::roleNames() const
{
    return { { IdRole, "id" }, { KindRole, "kind" }, { ActorIdRole, "actorId" },
        { ActorNameRole, "actorName" }, { AtRole, "at" }, { NoteRole, "note" },
        { PhotosRole, "photos" }, { DocumentNumberRole, "documentNumber" },
        { SyncStateRole, "syncState" }, { CompletedOnRole, "completedOn" },
        { ResponsibleRole, "responsible" }, { CostRole, "cost" } };
}

struct HazardDetail::Snapshot {
    QVariantMap hazard;
    HazardStatus::Value status = HazardStatus::Unknown;
    int daysLeft = 0;
    QVariantMap enterprise, inspection;
    PositionFix location;
    QVariantList before, after, comments;
    QString note, orderNumber, orderPdf, guidancePdf, opinionNumber, opinionPdf;
    bool orderPdfPending = false;
    RecordSyncState::Value syncState = RecordSyncState::Confirmed;
    QList<HazardEventRow> events;
};

HazardDetail::HazardDetail(QObject* parent)
    : QObject(parent)
    , m_events(new HazardEventModel(this))
{
    followStore(this, m_store, &HazardDetail::reload);
}

DeviceStore* HazardDetail::store() const
{
    return boundStore(m_store);
}

void HazardDetail::setStore(DeviceStore* s)
{
    // A sync pull or another page's mutation changes the store: show the hazard as it is now.
    if (!rebindStore(this, m_store, s, &HazardDetail::reload))
        return;
    Q_EMIT storeChanged();
    reload();
}

void HazardDetail::setHazardId(const QString& id)
{
    if (id == m_hazardId)
        return;
    m_hazardId = id;
    apply({});
    Q_EMIT hazardIdChanged();
    reload();
}

bool HazardDetail::overdue() const
{
    return m_hazard.value(u"overdue"_s).toBool();
}

bool HazardDetail::major() const
{
    return m_hazard.value(u"level"_s).toString() == u"major"_s;
}

bool HazardDetail::selfCheck() const
{
    return m_hazard.value(u"source"_s).toString() == core::toString(core::HazardSource::SelfCheck);
}

bool HazardDetail::canReinspect() const
{
    const auto role = store()->user().role;
    return status() == HazardStatus::Submitted && !selfCheck()
        && (role == core::Role::Inspector || role == core::Role::Supervisor
            || role == core::Role::Admin);
}

bool HazardDetail::canEdit() const
{
    const auto role = store()->user().role;
    return found() && status() != HazardStatus::Verified && !selfCheck()
        && (role == core::Role::Inspector || role == core::Role::Supervisor);
}

bool HazardDetail::canEditDetails() const
{
    if (!canEdit())
        return false;
    if (!m_inspection.isEmpty())
        return m_inspection.value(u"status"_s).toInt() == InspectionStatus::InProgress;
    return m_hazard.value(u"inspection_id"_s).toString().isEmpty()
        && m_syncState == RecordSyncState::Pending;
}

void HazardDetail::fail(const core::Error& e)
{
    failWith(e.code, describeError(e));
}

void HazardDetail::failWith(const QString& code, const QString& message)
{
    m_errorCode = code;
    m_errorMessage = message;
    Q_EMIT errorChanged();
    Q_EMIT failed(m_errorCode, m_errorMessage);
}

void HazardDetail::clearErrorQuietly()
{
    if (m_errorCode.isEmpty() && m_errorMessage.isEmpty())
        return;
    m_errorCode.clear();
    m_errorMessage.clear();
    Q_EMIT errorChanged();
}

void HazardDetail::clearError()
{
    clearErrorQuietly();
}

void HazardDetail::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void HazardDetail::apply(const Snapshot& s)
{
    m_hazard = s.hazard;
    m_status = s.status;
    m_daysLeft = s.daysLeft;
    m_enterprise = s.enterprise;
    m_inspection = s.inspection;
    m_location = s.location;
    m_before = s.before;
    m_after = s.after;
    m_comments = s.comments;
    m_note = s.note;
    m_orderNumber = s.orderNumber;
    m_orderPdf = s.orderPdf;
    m_orderPdfPending = s.orderPdfPending;
    m_guidancePdf = s.guidancePdf;
    m_opinionNumber = s.opinionNumber;
    m_opinionPdf = s.opinionPdf;
    m_syncState = s.syncState;
    m_events->reset(s.events);
    Q_EMIT loaded();
}

void HazardDetail::reload()
{
    DeviceStore* s = store();
    if (!s->ready() || m_hazardId.isEmpty())
        return;
    const QString id = m_hazardId;
    const QDate today = s->today();
    s->run<Snapshot>(
        this,
        [id, today](core::LocalStore& st) {
            Snapshot out;
            auto rec = st.record(u"hazard"_s, id, today);
            if (!rec || !rec->has_value() || (*rec)->deleted)
                return out;
            const QJsonObject h = (*rec)->fields;
            out.hazard = h.toVariantMap();
            out.hazard.insert(u"id"_s, id);
            out.status = HazardStatus::fromStored(h.value(u"status"_s).toString());
            const QDate deadline
                = QDate::fromString(h.value(u"deadline"_s).toString(), Qt::ISODate);
            out.daysLeft = deadline.isValid() ? static_cast<int>(today.daysTo(deadline)) : 0;

            QHash<QString, QString> names;
            if (auto us = st.records(u"user"_s))
                for (const auto& u : *us)
                    names.insert(u.value(u"id"_s).toString(), u.value(u"name"_s).toString());

            const QString enterpriseId = h.value(u"enterprise_id"_s).toString();
            QJsonObject enterprise;
            if (auto es = st.records(u"enterprise"_s, core::LocalStore::Link::Id, enterpriseId);
                es && !es->isEmpty()) {
                enterprise = es->first();
                out.enterprise = QVariantMap { { u"id"_s, enterpriseId },
                    { u"name"_s, enterprise.value(u"name"_s).toString() },
                    { u"address"_s, enterprise.value(u"address"_s).toString() },
                    { u"street"_s, enterprise.value(u"street"_s).toString() },
                    { u"riskGrade"_s, enterprise.value(u"risk_grade"_s).toString() } };
                out.hazard.insert(u"enterprise_name"_s, enterprise.value(u"name"_s).toString());
            }

            const QString inspectionId = h.value(u"inspection_id"_s).toString();
            if (!inspectionId.isEmpty()) {
                if (auto is = st.records(u"inspection"_s, core::LocalStore::Link::Id, inspectionId);
                    is && !is->isEmpty()) {
                    const QJsonObject i = is->first();
                    out.inspection = QVariantMap { { u"id"_s, inspectionId },
                        { u"kind"_s, i.value(u"kind"_s).toString() },
                        { u"mode"_s, i.value(u"mode"_s).toString() },
                        { u"status"_s,
                            InspectionStatus::fromStored(i.value(u"status"_s).toString()) },
                        { u"startedAt"_s, timestamp(i.value(u"started_at"_s)) },
                        { u"finishedAt"_s, timestamp(i.value(u"finished_at"_s)) } };
                    // The checklist item by its checklist's name and text, not its code.
                    const QString itemCode = h.value(u"item_code"_s).toString();
                    for (const auto& ref : i.value(u"template_refs"_s).toArray()) {
                        auto t = st.record(u"template"_s, ref.toString());
                        if (!itemCode.isEmpty() && t && t->has_value())
                            if (auto tpl = core::ChecklistTemplate::fromJson((*t)->fields))
                                if (const core::ChecklistItem* item = tpl->item(itemCode)) {
                                    out.hazard.insert(u"item_checklist"_s, tpl->titleZh);
                                    out.hazard.insert(u"item_text"_s, item->textZh);
                                    break;
                                }
                    }
                }
                const QJsonObject docs = inspectionDocuments(st, inspectionId);
                out.orderNumber = docs.value(u"order_number"_s).toString();
                const QString pdf = docs.value(u"order_pdf"_s).toString();
                if (!pdf.isEmpty() && QFileInfo::exists(pdf))
                    out.orderPdf = pdf;
                // An order issued on another device arrives on the hazard (document.issue);
                // its PDF once the sync has downloaded it.
                const QJsonObject issued = h.value(u"order"_s).toObject();
                if (out.orderNumber.isEmpty())
                    out.orderNumber = issued.value(u"number"_s).toString();
                const QString issuedPdf = issued.value(u"pdf"_s).toString();
                if (out.orderPdf.isEmpty() && !issuedPdf.isEmpty()) {
                    if (st.blobs().contains(issuedPdf))
                        out.orderPdf = st.blobs().path(issuedPdf);
                    else
                        out.orderPdfPending = true;
                }
                const QString guidance = docs.value(u"guidance_pdf"_s).toString();
                if (!guidance.isEmpty() && QFileInfo::exists(guidance))
                    out.guidancePdf = guidance;
            }

            if (const QJsonValue loc = h.value(u"location"_s); loc.isObject()) {
                if (auto l = core::Location::fromJson(loc.toObject())) {
                    const bool registered = enterprise.value(u"lat"_s).toDouble() != 0.0
                        || enterprise.value(u"lon"_s).toDouble() != 0.0;
                    out.location = PositionFix::fromLocation(*l,
                        registered ? enterprise.value(u"lat"_s).toDouble() : qQNaN(),
                        registered ? enterprise.value(u"lon"_s).toDouble() : qQNaN());
                }
            }

            out.before = photoEntries(st, jsonStrings(h.value(u"attachments"_s)));

            // Unsent mutations: the event ids they create, and whether hazard.create waits.
            QSet<QString> pendingIds;
            if (auto rows = st.outbox())
                for (const auto& row : *rows)
                    pendingIds.insert(row.entityId);
            auto syncOf = [&pendingIds](const QString& recordId) {
                return pendingIds.contains(recordId) ? RecordSyncState::Pending
                                                     : RecordSyncState::Confirmed;
            };
            out.syncState = RecordSyncState::fromSync(sync::recordSyncState(st, id));

            // The re-inspection opinions this device produced, by decision event.
            QHash<QString, QString> opinionNumbers;
            for (const auto& o : reinspectionOpinions(st, id)) {
                opinionNumbers.insert(
                    o.value(u"event_id"_s).toString(), o.value(u"opinion_number"_s).toString());
                const QString pdf = o.value(u"opinion_pdf"_s).toString();
                if (!pdf.isEmpty() && QFileInfo::exists(pdf)) {
                    out.opinionNumber = o.value(u"opinion_number"_s).toString();
                    out.opinionPdf = pdf;
                }
            }

            QList<QJsonObject> events;
            if (auto evs = st.records(u"rectification_event"_s, core::LocalStore::Link::Hazard, id))
                events = *evs;
            QString finder;
            for (const auto& e : std::as_const(events))
                if (HazardEventKind::fromStored(e.value(u"kind"_s).toString())
                    == HazardEventKind::Order)
                    finder = e.value(u"actor_id"_s).toString();
            HazardEventRow found;
            found.id = id;
            found.kind = HazardEventKind::Found;
            found.actorId = finder;
            found.actorName = actorDisplayName(names, finder, HazardEventKind::Found, {});
            found.at = timestamp(h.value(u"created_at"_s));
            found.note = h.value(u"place"_s).toString();
            found.syncState = syncOf(id);
            out.events.append(found);
            std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
                const QString ta = a.value(u"created_at"_s).toString();
                const QString tb = b.value(u"created_at"_s).toString();
                if (ta != tb)
                    return ta < tb;
                const int ra = kindRank(HazardEventKind::fromStored(a.value(u"kind"_s).toString()));
                const int rb = kindRank(HazardEventKind::fromStored(b.value(u"kind"_s).toString()));
                if (ra != rb)
                    return ra < rb;
                return a.value(u"id"_s).toString() < b.value(u"id"_s).toString();
            });
            for (const auto& e : std::as_const(events)) {
                HazardEventRow row;
                row.kind = HazardEventKind::fromStored(e.value(u"kind"_s).toString());
                row.id = e.value(u"id"_s).toString();
                row.actorId = e.value(u"actor_id"_s).toString();
                row.actorName = actorDisplayName(
                    names, row.actorId, row.kind, enterprise.value(u"name"_s).toString());
                row.at = timestamp(e.value(u"created_at"_s));
                row.note = e.value(u"note"_s).toString();
                row.photos = photoEntries(st, jsonStrings(e.value(u"attachments"_s)));
                const bool order = row.kind == HazardEventKind::Order;
                row.documentNumber = order ? out.orderNumber : opinionNumbers.value(row.id);
                // The order is written by hazard.create, so it waits with the hazard.
                row.syncState = syncOf(order ? id : row.id);
                row.completedOn = e.value(u"completed_on"_s).toString();
                row.responsible = e.value(u"responsible"_s).toString();
                // -1 = not given (a submission's 整改资金 in yuan).
                row.cost = e.value(u"cost"_s).toDouble(-1);
                if (row.kind == HazardEventKind::Submit) {
                    out.after = row.photos;
                    out.note = row.note;
                }
                out.events.append(std::move(row));
            }

            if (auto cs = st.records(u"comment"_s, core::LocalStore::Link::Record, id)) {
                QList<QJsonObject> comments = *cs;
                std::stable_sort(
                    comments.begin(), comments.end(), [](const auto& a, const auto& b) {
                        return a.value(u"created_at"_s).toString()
                            < b.value(u"created_at"_s).toString();
                    });
                for (const auto& c : std::as_const(comments)) {
                    const QString author = c.value(u"author_id"_s).toString();
                    out.comments.append(QVariantMap { { u"id"_s, c.value(u"id"_s).toString() },
                        { u"authorName"_s, names.value(author, author) },
                        { u"text"_s, c.value(u"text"_s).toString() },
                        { u"at"_s, timestamp(c.value(u"created_at"_s)) },
                        { u"syncState"_s, syncOf(c.value(u"id"_s).toString()) } });
                }
            }
            return out;
        },
        [this, id](const Snapshot& out) {
            if (id != m_hazardId)
                return;
            apply(out);
        });
}

QString HazardDetail::deadlinePlus(int days) const
{
    const QDate today = store()->today();
    QDate from = QDate::fromString(m_hazard.value(u"deadline"_s).toString(), Qt::ISODate);
    if (!from.isValid() || from < today)
        from = today;
    return from.addDays(days).toString(Qt::ISODate);
}

void HazardDetail::extendDeadline(const QString& isoDate)
{
    DeviceStore* s = store();
    if (!s->ready() || !found())
        return fail(core::makeError(u"not_found"_s, tr("找不到这条隐患。")));
    const QDate wanted = QDate::fromString(isoDate, Qt::ISODate);
    const QDate current = QDate::fromString(m_hazard.value(u"deadline"_s).toString(), Qt::ISODate);
    if (!wanted.isValid())
        return fail(core::makeError(u"invalid_date"_s, tr("请选择新的整改期限。")));
    if (current.isValid() && wanted <= current)
        return fail(core::makeError(u"deadline_not_later"_s,
            tr("延期后的期限必须晚于原期限 %1。").arg(current.toString(Qt::ISODate))));
    const core::Actor actor = s->actor();
    const QString id = m_hazardId;
    const QJsonObject args { { u"deadline"_s, wanted.toString(Qt::ISODate) } };
    setBusy(true);
    s->run<core::Result<core::MutationOutcome>>(
        this,
        [actor, id, args](
            core::LocalStore& st) { return st.perform(actor, u"hazard.update"_s, id, args); },
        [this, s, isoDate](const core::Result<core::MutationOutcome>& r) {
            setBusy(false);
            if (!r)
                return fail(r.error());
            clearErrorQuietly();
            s->notifyChanged();
            Q_EMIT deadlineExtended(isoDate);
        });
}

void HazardDetail::updateDetails(const QVariantMap& fields)
{
    DeviceStore* s = store();
    if (!s->ready() || !found())
        return fail(core::makeError(u"not_found"_s, tr("找不到这条隐患。")));
    if (!canEditDetails())
        return fail(core::makeError(u"order_issued"_s,
            tr("整改指令书已出具，隐患内容不能再修改；可以延长期限，或在复查意见中说明。")));
    QJsonObject args;
    for (const auto& key :
        { u"description"_s, u"place"_s, u"category"_s, u"measure"_s, u"level"_s }) {
        if (!fields.contains(key))
            continue;
        const QString value = fields.value(key).toString().trimmed();
        if (value != m_hazard.value(key).toString())
            args.insert(key, value);
    }
    if (args.contains(u"description"_s) && args.value(u"description"_s).toString().isEmpty())
        return fail(core::makeError(u"missing_field"_s, tr("隐患描述不能为空。")));
    if (args.contains(u"level"_s) && args.value(u"level"_s) != u"general"_s
        && args.value(u"level"_s) != u"major"_s)
        return fail(core::makeError(u"invalid_enum"_s, tr("隐患等级只能是一般或重大。")));
    if (args.isEmpty()) {
        clearErrorQuietly();
        Q_EMIT detailsUpdated();
        return;
    }
    const core::Actor actor = s->actor();
    const QString id = m_hazardId;
    setBusy(true);
    s->run<core::Result<core::MutationOutcome>>(
        this,
        [actor, id, args](
            core::LocalStore& st) { return st.perform(actor, u"hazard.update"_s, id, args); },
        [this, s](const core::Result<core::MutationOutcome>& r) {
            setBusy(false);
            if (!r)
                return fail(r.error());
            clearErrorQuietly();
            s->notifyChanged();
            Q_EMIT detailsUpdated();
        });
}

} // namespace safeloop::app
