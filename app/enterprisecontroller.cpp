#include "enterprisecontroller.h"

#include "inspectioncontroller.h"

#include "core/uuid.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace safeloop::app {

EnterpriseController::EnterpriseController(QObject* parent)
    : QObject(parent)
    , m_hazards(new HazardListModel(this))
{
    connect(store(), &DeviceStore::changed, this, &EnterpriseController::reload);
}

DeviceStore* EnterpriseController::store() const
{
    return m_store ? m_store.data() : DeviceStore::shared();
}

void EnterpriseController::setStore(DeviceStore* s)
{
    if (m_store == s)
        return;
    disconnect(store(), nullptr, this, nullptr);
    m_store = s;
    connect(store(), &DeviceStore::changed, this, &EnterpriseController::reload);
    m_hazards->setStore(s);
    Q_EMIT storeChanged();
    reload();
}

void EnterpriseController::setEnterpriseId(const QString& id)
{
    if (id == m_enterpriseId)
        return;
    m_enterpriseId = id;
    m_hazards->setEnterpriseId(id.isEmpty() ? u"-"_s : id);
    Q_EMIT enterpriseIdChanged();
    reload();
}

QVariantList EnterpriseController::drafts() const
{
    QVariantList out;
    for (const auto& h : m_history)
        if (h.toMap().value(u"status"_s).toInt() == InspectionStatus::InProgress)
            out.append(h);
    return out;
}

QVariantList EnterpriseController::readHistory(core::LocalStore& st, const QString& enterpriseId)
{
    QVariantList out;
    for (const auto& row : InspectionRow::read(st, enterpriseId))
        out.append(row.toMap());
    return out;
}

QVariantList EnterpriseController::readSelfChecks(core::LocalStore& st, const QString& enterpriseId)
{
    QHash<QString, int> open;
    if (auto hs = st.records(u"hazard"_s, core::LocalStore::Link::Enterprise, enterpriseId))
        for (const auto& h : *hs)
            if (h.value(u"status"_s).toString() != core::toString(core::HazardStatus::Verified))
                ++open[h.value(u"inspection_id"_s).toString()];
    QVariantList out;
    for (const auto& row : InspectionRow::read(st, enterpriseId, InspectionRow::Of::SelfChecks)) {
        QVariantMap m = row.toMap();
        m.insert(u"openHazards"_s, open.value(row.id));
        out.append(m);
    }
    return out;
}

QVariantList EnterpriseController::readSelfCheckHazards(
    core::LocalStore& st, const QString& enterpriseId)
{
    QList<QJsonObject> found;
    if (auto hs = st.records(u"hazard"_s, core::LocalStore::Link::Enterprise, enterpriseId))
        for (const auto& h : *hs)
            if (h.value(u"source"_s).toString() == core::toString(core::HazardSource::SelfCheck))
                found.append(h);
    const QString verified = core::toString(core::HazardStatus::Verified);
    std::sort(found.begin(), found.end(), [&verified](const QJsonObject& a, const QJsonObject& b) {
        const bool aOpen = a.value(u"status"_s).toString() != verified;
        const bool bOpen = b.value(u"status"_s).toString() != verified;
        if (aOpen != bOpen)
            return aOpen;
        return a.value(u"deadline"_s).toString() < b.value(u"deadline"_s).toString();
    });
    QVariantList out;
    for (const auto& h : std::as_const(found))
        out.append(QVariantMap { { u"id"_s, h.value(u"id"_s).toString() },
            { u"description"_s, h.value(u"description"_s).toString() },
            { u"deadline"_s, h.value(u"deadline"_s).toString() },
            { u"status"_s, HazardStatus::fromStored(h.value(u"status"_s).toString()) },
            { u"inspectionId"_s, h.value(u"inspection_id"_s).toString() } });
    return out;
}

void EnterpriseController::reload()
{
    DeviceStore* s = store();
    if (!s->ready() || m_enterpriseId.isEmpty())
        return;
    const QString id = m_enterpriseId;
    struct Out {
        QVariantMap details;
        QVariantList history;
        QVariantList selfChecks;
        QVariantList selfCheckHazards;
    };
    s->run<Out>(
        this,
        [id](core::LocalStore& st) {
            QVariantMap details;
            if (auto es = st.records(u"enterprise"_s, core::LocalStore::Link::Id, id);
                es && !es->isEmpty())
                details = es->first().toVariantMap();
            return Out { details, readHistory(st, id), readSelfChecks(st, id),
                readSelfCheckHazards(st, id) };
        },
        [this, id](const Out& out) {
            if (id != m_enterpriseId)
                return;
            m_details = out.details;
            m_history = out.history;
            m_selfChecks = out.selfChecks;
            m_selfCheckHazards = out.selfCheckHazards;
            Q_EMIT loaded();
        });
}

// ---- ReinspectionController ----

ReinspectionController::ReinspectionController(QObject* parent)
    : EvidenceController(parent)
{
}

void ReinspectionController::verify(const QString& note)
{
    // Closing a hazard on nothing but the enterprise's word needs the inspector's own account.
    if (afterPhotos().isEmpty() && !hasDraftPhotos() && note.trimmed().isEmpty())
        return fail(core::makeError(u"evidence_note_required"_s,
            tr("企业这次提交没有整改后照片。销号前请拍摄复查照片，或写明复查时核实的情况。")));
    decide(u"rectification.verify"_s, note, HazardStatus::Verified);
}

void ReinspectionController::reject(const QString& reason)
{
    if (reason.trimmed().isEmpty())
        return fail(core::makeError(u"reason_required"_s, u"a rejection needs a reason"_s));
    decide(u"rectification.reject"_s, reason, HazardStatus::Rejected);
}

void ReinspectionController::decide(
    const QString& mutation, const QString& note, HazardStatus::Value outcome)
{
    DeviceStore* s = store();
    if (!s->ready() || hazardId().isEmpty())
        return fail(core::makeError(u"not_found"_s, tr("找不到这条隐患。")));
    const QJsonObject args { { u"hazard_id"_s, hazardId() }, { u"note"_s, note.trimmed() } };
    performWithEvidence(
        mutation, core::uuidv7(s->now()), args, [this, outcome] { Q_EMIT decided(outcome); });
}

} // namespace safeloop::app
