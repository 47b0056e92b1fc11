#include "enterprisecontroller.h"

#include "documentrenderer.h"
#include "inspectioncontroller.h"
#include "reinspectionopinion.h"

#include "core/rules.h"
#include "core/uuid.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

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

QVariantList EnterpriseController::readReceivedDocuments(
    core::LocalStore& st, const QString& enterpriseId)
{
    auto documents = st.records(u"document"_s, core::LocalStore::Link::Enterprise, enterpriseId);
    if (!documents)
        return {};
    static const QStringList kindOrder { u"inspection_record"_s, u"rectification_order"_s,
        u"reinspection_opinion"_s };
    QList<QJsonObject> sorted = *documents;
    std::sort(sorted.begin(), sorted.end(), [](const QJsonObject& a, const QJsonObject& b) {
        const auto ka = kindOrder.indexOf(a.value(u"kind"_s).toString());
        const auto kb = kindOrder.indexOf(b.value(u"kind"_s).toString());
        if (ka != kb)
            return ka < kb;
        return a.value(u"issued_at"_s).toString() < b.value(u"issued_at"_s).toString();
    });
    // One group per inspection (a document without one stands alone), dated by its first
    // document: the record, issued when the inspection finished.
    struct Group {
        QString inspectionId;
        QString firstIssued;
        QVariantList documents;
    };
    QList<Group> groups;
    QHash<QString, qsizetype> byInspection;
    for (const auto& d : std::as_const(sorted)) {
        const QString inspectionId = d.value(u"inspection_id"_s).toString();
        const QString key = inspectionId.isEmpty() ? d.value(u"id"_s).toString() : inspectionId;
        if (!byInspection.contains(key)) {
            byInspection.insert(key, groups.size());
            groups.append({ inspectionId, d.value(u"issued_at"_s).toString(), {} });
        }
        Group& g = groups[byInspection.value(key)];
        const QString issuedAt = d.value(u"issued_at"_s).toString();
        g.firstIssued = std::min(g.firstIssued, issuedAt);
        const QString sha = d.value(u"pdf"_s).toString();
        const bool held = !sha.isEmpty() && st.blobs().contains(sha);
        const auto at = core::parseTimestamp(issuedAt);
        g.documents.append(QVariantMap { { u"id"_s, d.value(u"id"_s).toString() },
            { u"kind"_s, d.value(u"kind"_s).toString() },
            { u"number"_s, d.value(u"number"_s).toString() },
            { u"issuedOn"_s, at ? core::rules::localDate(*at) : QDate() },
            { u"pdf"_s, held ? st.blobs().path(sha) : QString() }, { u"pdfPending"_s, !held } });
    }
    std::sort(groups.begin(), groups.end(),
        [](const Group& a, const Group& b) { return a.firstIssued > b.firstIssued; });
    QVariantList out;
    for (const Group& g : std::as_const(groups)) {
        const auto at = core::parseTimestamp(g.firstIssued);
        out.append(QVariantMap { { u"inspectionId"_s, g.inspectionId },
            { u"issuedOn"_s, at ? core::rules::localDate(*at) : QDate() },
            { u"documents"_s, g.documents } });
    }
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
        QVariantList receivedDocuments;
    };
    s->run<Out>(
        this,
        [id](core::LocalStore& st) {
            QVariantMap details;
            if (auto es = st.records(u"enterprise"_s, core::LocalStore::Link::Id, id);
                es && !es->isEmpty())
                details = es->first().toVariantMap();
            return Out { details, readHistory(st, id), readSelfChecks(st, id),
                readSelfCheckHazards(st, id), readReceivedDocuments(st, id) };
        },
        [this, id](const Out& out) {
            if (id != m_enterpriseId)
                return;
            m_details = out.details;
            m_history = out.history;
            m_selfChecks = out.selfChecks;
            m_selfCheckHazards = out.selfCheckHazards;
            m_receivedDocuments = out.receivedDocuments;
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

void ReinspectionController::reject(const QString& reason, const QString& newDeadline)
{
    if (reason.trimmed().isEmpty())
        return fail(core::makeError(u"reason_required"_s, u"a rejection needs a reason"_s));
    if (!newDeadline.isEmpty()) {
        const QDate d = QDate::fromString(newDeadline, Qt::ISODate);
        if (!d.isValid() || d <= store()->today())
            return fail(core::makeError(u"invalid_deadline"_s,
                u"the new deadline %1 is no date after today"_s.arg(newDeadline)));
    }
    decide(u"rectification.reject"_s, reason, HazardStatus::Rejected, newDeadline);
}

namespace {

/// What the decision's store job read for the opinion, or why it could not.
struct OpinionRead {
    core::Result<ReinspectionOpinionInput> input = core::makeError(u"not_read"_s, QString());
};

/// Renders the opinion on a pool thread, then records it on the store; `done` gets the
/// recorded entry (or the error) on the store's thread of affinity.
void produceOpinion(DeviceStore* s, const ReinspectionOpinionData& data, const QString& hazardId,
    const QString& eventId, const QString& result,
    std::function<void(const core::Result<QJsonObject>&)> done)
{
    const QString pdf
        = s->documentsDirectory() + u'/' + hazardId + u"-reinspection-"_s + eventId + u".pdf"_s;
    auto* watcher = new QFutureWatcher<core::Result<void>>(s);
    const core::Actor actor = s->actor();
    QObject::connect(watcher, &QFutureWatcherBase::finished, s,
        [s, watcher, hazardId, eventId, result, pdf, data, done, actor] {
            watcher->deleteLater();
            const core::Result<void> rendered = watcher->result();
            if (!rendered)
                return done(rendered.error());
            const QJsonObject entry { { u"event_id"_s, eventId }, { u"result"_s, result },
                { u"opinion_number"_s, data.documentNumber }, { u"opinion_pdf"_s, pdf } };
            const bool queued = s->run<core::Result<void>>(
                s,
                [hazardId, entry, actor, year = data.issuedOn.year()](core::LocalStore& st) {
                    if (auto r = recordReinspectionOpinion(st, hazardId, entry); !r)
                        return r;
                    // The opinion reaches the enterprise with the next sync (document.issue).
                    return issueReinspectionOpinion(st, actor, hazardId, entry, year);
                },
                [s, entry, done](const core::Result<void>& r) {
                    if (!r)
                        return done(r.error());
                    s->notifyChanged();
                    done(entry);
                });
            if (!queued)
                done(core::makeError(u"not_open"_s, u"the store is closed"_s));
        });
    DocumentRenderer::cjkFontFamily(); // registered on this (the GUI) thread
    watcher->setFuture(QtConcurrent::run(s->renderPool(),
        [data, pdf] { return DocumentRenderer::renderReinspectionOpinion(data, pdf); }));
}

} // namespace

void ReinspectionController::decide(const QString& mutation, const QString& note,
    HazardStatus::Value outcome, const QString& newDeadline)
{
    DeviceStore* s = store();
    if (!s->ready() || hazardId().isEmpty())
        return fail(core::makeError(u"not_found"_s, tr("找不到这条隐患。")));
    const QString id = hazardId();
    const QDateTime now = s->now();
    const QString eventId = core::uuidv7(now);
    const int year = core::rules::localDate(now).year();
    const core::Actor actor = s->actor();
    const QDate previousDeadline
        = QDate::fromString(hazard().value(u"deadline"_s).toString(), Qt::ISODate);
    const QJsonObject args { { u"hazard_id"_s, id }, { u"note"_s, note.trimmed() } };
    // Checked in the decision's own job: without a number the decision waits for a sync, as
    // finishing an inspection does (docs/inspector-workflow.md).
    StoreStep before = [year, newDeadline, id, actor, now](core::LocalStore& st) {
        auto left = DeviceStore::documentNumbersLeft(st, u"reinspection_opinion"_s, year);
        if (!left)
            return core::Result<void>(left.error());
        if (*left < 1)
            return core::Result<void>(core::makeError(u"no_document_numbers"_s,
                u"no reinspection_opinion number for %1 is left on this device"_s.arg(year)));
        if (newDeadline.isEmpty())
            return core::Result<void>();
        auto updated = st.perform(
            actor, u"hazard.update"_s, id, QJsonObject { { u"deadline"_s, newDeadline } });
        return updated ? core::Result<void>() : core::Result<void>(updated.error());
    };
    auto read = std::make_shared<OpinionRead>();
    StoreStep after = [read, id, eventId, actor, now, previousDeadline](core::LocalStore& st) {
        read->input = readReinspectionOpinionInput(st, id, eventId, actor.userId, now);
        if (read->input)
            read->input.value().previousDeadline = previousDeadline;
        return core::Result<void>(); // the decision stands; a missing opinion is reported
    };
    const QString result = outcome == HazardStatus::Verified ? u"verify"_s : u"reject"_s;
    const QPointer<ReinspectionController> self(this);
    performWithEvidence(
        mutation, eventId, args,
        [this, s, self, read, id, eventId, result, outcome] {
            Q_EMIT decided(outcome);
            if (!read->input)
                return fail(read->input.error());
            setBusy(true);
            produceOpinion(s, buildReinspectionOpinion(*read->input), id, eventId, result,
                [self](const core::Result<QJsonObject>& recorded) {
                    if (!self)
                        return;
                    self->setBusy(false);
                    if (!recorded)
                        return self->fail(recorded.error());
                    Q_EMIT self->opinionReady(recorded->value(u"opinion_number"_s).toString(),
                        recorded->value(u"opinion_pdf"_s).toString());
                });
        },
        before, after);
}

} // namespace safeloop::app
