#include "inspectioncontroller.h"

#include "documentrenderer.h"
#include "inspectiondocuments.h"
#include "photostore.h"
#include "storebinding.h"

#include "core/checklists.h"
#include "core/rules.h"
#include "core/uuid.h"
#include "sync/syncengine.h"

#include <QFile>
#include <QFutureWatcher>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

QJsonArray toArray(const QStringList& l)
{
    QJsonArray a;
    for (const auto& s : l)
        a.append(s);
    return a;
}

} // namespace

QVariantList photoEntries(core::LocalStore& store, const QStringList& ids)
{
    QVariantList out;
    for (const auto& id : ids) {
        QString state;
        switch (sync::uploadState(store, id)) {
        case sync::UploadState::OnServer:
            state = u"uploaded"_s;
            break;
        case sync::UploadState::Uploading:
            state = u"uploading"_s;
            break;
        case sync::UploadState::Waiting:
            state = u"pending"_s;
            break;
        }
        QDateTime capturedAt;
        double accuracy = qQNaN();
        if (auto meta = store.records(u"attachment"_s, core::LocalStore::Link::Id, id);
            meta && !meta->isEmpty()) {
            const QJsonObject m = meta->first();
            capturedAt
                = core::parseTimestamp(m.value(u"captured_at"_s).toString()).value_or(QDateTime());
            const QJsonValue a = m.value(u"location"_s).toObject().value(u"accuracy_m"_s);
            if (a.isDouble())
                accuracy = a.toDouble();
        }
        out.append(QVariantMap { { u"source"_s, blobUrl(store, id) }, { u"syncState"_s, state },
            { u"capturedAt"_s, capturedAt }, { u"accuracyM"_s, accuracy }, { u"id"_s, id } });
    }
    return out;
}

QJsonObject inspectionDocuments(core::LocalStore& store, const QString& inspectionId)
{
    auto docs = store.inspectionDocuments(inspectionId);
    return docs ? *docs : QJsonObject {};
}

core::Result<QString> importFileToBlobs(core::LocalStore& store, const QUrl& file)
{
    auto stored = storePhotoFile(store, file, store.now(), std::nullopt);
    if (!stored)
        return stored.error();
    return stored->id;
}

QUrl blobUrl(const core::LocalStore& store, const QString& id)
{
    return QUrl::fromLocalFile(store.blobs().path(id));
}

struct InspectionController::Loaded {
    core::Error error;
    bool ok = true;
    core::Inspection inspection;
    QVariantMap enterprise;
    QList<core::ChecklistTemplate> templates;
    QList<ChecklistRow> rows;
    QStringList hazardIds;
    QJsonObject documents;
    QVariantList team;
};

InspectionController::InspectionController(QObject* parent)
    : QObject(parent)
    , m_checklist(new ChecklistModel(this))
{
    connect(m_checklist, &QAbstractItemModel::dataChanged, this,
        &InspectionController::progressChanged);
    connect(
        m_checklist, &QAbstractItemModel::modelReset, this, &InspectionController::progressChanged);
    m_undoTimer.setSingleShot(true);
    m_undoTimer.setInterval(5000);
    connect(&m_undoTimer, &QTimer::timeout, this, &InspectionController::storePendingSection);
}

InspectionController::~InspectionController()
{
    storePending(true);
}

void InspectionController::setUndoWindowMs(int ms)
{
    if (ms == m_undoTimer.interval() || ms < 0)
        return;
    m_undoTimer.setInterval(ms);
    Q_EMIT undoWindowMsChanged();
}

QVariantMap InspectionController::pendingSection() const
{
    if (m_pendingCodes.isEmpty())
        return {};
    QString title;
    for (const auto& t : m_templates)
        if (t.ref() == m_pendingRef)
            title = t.titleZh;
    return { { u"templateRef"_s, m_pendingRef }, { u"title"_s, title },
        { u"result"_s, m_pendingResult }, { u"count"_s, m_pendingCodes.size() },
        { u"codes"_s, m_pendingCodes } };
}

void InspectionController::answerSection(const QString& templateRef, const QString& result)
{
    if (m_inspection.id.isEmpty())
        return fail(core::makeError(u"not_found"_s, tr("请先开始一次检查。")));
    if (result != u"pass"_s && result != u"na"_s)
        return fail(core::makeError(u"section_result"_s,
            tr("整节只能答“符合”或“不适用”；不符合的项请逐项作答并记录隐患。")));
    QList<int> open;
    bool known = false;
    for (int i = 0; i < m_checklist->rowCount(); ++i) {
        const ChecklistRow& r = m_checklist->items().at(i);
        if (r.templateRef != templateRef)
            continue;
        known = true;
        if (r.result.isEmpty())
            open.append(i);
    }
    if (!known)
        return fail(core::makeError(u"not_found"_s, tr("找不到这张检查表。")));
    if (open.isEmpty())
        return fail(core::makeError(u"section_answered"_s, tr("本节各项都已作答。")));
    // One section answer in its undo window at a time: an earlier one is stored now.
    storePendingSection();
    clearError();
    m_pendingRef = templateRef;
    m_pendingResult = result;
    m_pendingCodes.clear();
    for (int i : open) {
        ChecklistRow r = m_checklist->items().at(i);
        r.result = result;
        m_pendingCodes.append(r.code);
        m_checklist->setItem(i, r);
    }
    m_undoTimer.start();
    Q_EMIT pendingSectionChanged();
}

void InspectionController::undoSectionAnswer()
{
    m_undoTimer.stop();
    if (m_pendingCodes.isEmpty())
        return;
    const QStringList codes = std::exchange(m_pendingCodes, {});
    for (const auto& code : codes) {
        const int row = m_checklist->indexOf(code);
        if (row < 0)
            continue;
        ChecklistRow r = m_checklist->items().at(row);
        r.result.clear();
        m_checklist->setItem(row, r);
    }
    Q_EMIT pendingSectionChanged();
}

void InspectionController::storePendingSection()
{
    storePending(false);
}

void InspectionController::storePending(bool detached)
{
    m_undoTimer.stop();
    if (m_pendingCodes.isEmpty())
        return;
    DeviceStore* s = store();
    const QStringList codes = std::exchange(m_pendingCodes, {});
    const QString result = m_pendingResult;
    struct Item {
        QString code;
        QString answerId;
        QJsonObject args;
    };
    QList<Item> items;
    for (const auto& code : codes) {
        const int row = m_checklist->indexOf(code);
        if (row < 0)
            continue;
        ChecklistRow r = m_checklist->items().at(row);
        if (r.answerId.isEmpty()) {
            // The id is the row's from now on, so a later change of this item updates the same
            // answer whether or not the batch has reached the store yet.
            r.answerId = core::uuidv7(s->now());
            if (!detached)
                m_checklist->setItem(row, r);
        }
        items.append({ code, r.answerId,
            QJsonObject { { u"inspection_id"_s, m_inspection.id }, { u"item_code"_s, code },
                { u"result"_s, result }, { u"note"_s, r.note },
                { u"attachments"_s, attachmentRefs(r.photoIds) } } });
    }
    struct Stored {
        int count = 0;
        bool ok = true;
        core::Error error;
    };
    const core::Actor actor = s->actor();
    auto job = [actor, items](core::LocalStore& st) {
        Stored out;
        for (const auto& item : items) {
            auto r = st.perform(actor, u"answer.set"_s, item.answerId, item.args);
            if (!r) {
                out.ok = false;
                out.error = r.error();
                break;
            }
            ++out.count;
        }
        return out;
    };
    if (detached) {
        // The page is gone: the answers are stored all the same, nobody waits for the result.
        s->run<Stored>(nullptr, job, [](const Stored&) {});
        return;
    }
    Q_EMIT pendingSectionChanged();
    beginJob();
    const bool queued = s->run<Stored>(this, job, [this, s, items, result](const Stored& out) {
        endJob();
        for (int i = 0; i < items.size(); ++i) {
            const int row = m_checklist->indexOf(items.at(i).code);
            if (row < 0)
                continue;
            if (i < out.count) {
                Q_EMIT answered(items.at(i).code);
                continue;
            }
            // Not stored: the item is unanswered again unless it was answered since.
            ChecklistRow r = m_checklist->items().at(row);
            if (r.result == result && r.answerId == items.at(i).answerId) {
                r.result.clear();
                r.answerId.clear();
                m_checklist->setItem(row, r);
            }
        }
        if (out.count > 0)
            s->notifyChanged();
        if (!out.ok)
            fail(out.error);
    });
    if (!queued)
        endJob();
}

int InspectionController::nextUnanswered(int from) const
{
    const auto& rows = m_checklist->items();
    const int n = static_cast<int>(rows.size());
    for (int step = 1; step <= n; ++step) {
        const int i = ((from + step) % n + n) % n;
        if (rows.at(i).result.isEmpty())
            return i;
    }
    return -1;
}

DeviceStore* InspectionController::store() const
{
    return m_store ? m_store.data() : DeviceStore::shared();
}

void InspectionController::setStore(DeviceStore* s)
{
    if (m_store == s)
        return;
    m_store = s;
    Q_EMIT storeChanged();
}

QString InspectionController::kind() const
{
    return m_inspection.id.isEmpty() ? QString() : core::toString(m_inspection.kind);
}

QString InspectionController::mode() const
{
    return m_inspection.id.isEmpty() ? QString() : core::toString(m_inspection.mode);
}

InspectionStatus::Value InspectionController::status() const
{
    return m_inspection.id.isEmpty() ? InspectionStatus::Unknown
                                     : InspectionStatus::fromCore(m_inspection.status);
}

QVariantList InspectionController::progress() const
{
    QVariantList out;
    const auto& rows = m_checklist->items();
    for (const auto& t : m_templates) {
        int answered = 0, total = 0, failCount = 0, first = -1;
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.at(i).templateRef != t.ref())
                continue;
            if (first < 0)
                first = i;
            ++total;
            const QString& r = rows.at(i).result;
            if (!r.isEmpty())
                ++answered;
            if (r == u"fail"_s)
                ++failCount;
        }
        out.append(QVariantMap { { u"ref"_s, t.ref() }, { u"title"_s, t.titleZh },
            { u"answered"_s, answered }, { u"total"_s, total }, { u"fail"_s, failCount },
            { u"firstIndex"_s, first } });
    }
    return out;
}

int InspectionController::answeredCount() const
{
    int n = 0;
    for (const auto& r : m_checklist->items())
        if (!r.result.isEmpty())
            ++n;
    return n;
}

int InspectionController::hazardCount() const
{
    return static_cast<int>(m_hazardIds.size());
}

void InspectionController::fail(const core::Error& e)
{
    m_errorCode = e.code;
    m_errorMessage = describeError(e);
    Q_EMIT errorChanged();
    Q_EMIT failed(m_errorCode, m_errorMessage);
}

void InspectionController::clearError()
{
    if (m_errorCode.isEmpty())
        return;
    m_errorCode.clear();
    m_errorMessage.clear();
    Q_EMIT errorChanged();
}

void InspectionController::beginJob()
{
    if (m_busy++ == 0)
        Q_EMIT busyChanged();
}

void InspectionController::endJob()
{
    if (--m_busy == 0)
        Q_EMIT busyChanged();
}

void InspectionController::loadOptions(const QString& enterpriseId)
{
    storePendingSection();
    DeviceStore* s = store();
    if (!s->ready())
        return fail(core::makeError(u"not_open"_s, tr("数据尚未就绪，请重新登录。")));
    beginJob();
    using Out = std::tuple<QVariantMap, QVariantList, QVariantList>;
    s->run<Out>(
        this,
        [enterpriseId](core::LocalStore& st) {
            QVariantMap enterprise;
            if (auto es = st.records(u"enterprise"_s, core::LocalStore::Link::Id, enterpriseId);
                es && !es->isEmpty())
                enterprise = es->first().toVariantMap();
            const QString industry = enterprise.value(u"industry_code"_s).toString();
            QVariantList templates, suggestedFirst;
            if (auto ts = st.latestChecklists()) {
                for (const auto& t : *ts) {
                    const bool general = t.industry.startsWith(u"工贸通用"_s)
                        || t.industry.startsWith(u"全行业"_s);
                    const bool suggested
                        = general || (!industry.isEmpty() && t.industry.contains(industry));
                    QVariantMap m { { u"ref"_s, t.ref() }, { u"title"_s, t.titleZh },
                        { u"itemCount"_s, static_cast<int>(t.items.size()) },
                        { u"suggested"_s, suggested } };
                    (suggested ? suggestedFirst : templates).append(m);
                }
            }
            QVariantList inspectors;
            if (auto us = st.records(u"user"_s))
                for (const auto& u : *us)
                    if (u.value(u"role"_s).toString() == u"inspector"_s)
                        inspectors.append(QVariantMap { { u"id"_s, u.value(u"id"_s) },
                            { u"name"_s, u.value(u"name"_s) },
                            { u"badge"_s, u.value(u"badge"_s) } });
            return Out { enterprise, suggestedFirst + templates, inspectors };
        },
        [this](const Out& out) {
            endJob();
            m_enterprise = std::get<0>(out);
            m_templateOptions = std::get<1>(out);
            m_inspectorOptions = std::get<2>(out);
            Q_EMIT optionsChanged();
            Q_EMIT stateChanged();
        });
}

namespace {

/// The inspection's inspectors in its order, {id, name, badge} from the synced users (store
/// thread); an inspector this device holds no user record for keeps the id as name.
QVariantList teamOf(core::LocalStore& st, const QStringList& inspectorIds)
{
    QVariantList team;
    for (const auto& uid : inspectorIds) {
        auto us = st.records(u"user"_s, core::LocalStore::Link::Id, uid);
        const bool known = us && !us->isEmpty();
        team.append(QVariantMap { { u"id"_s, uid },
            { u"name"_s, known ? us->first().value(u"name"_s).toString() : uid },
            { u"badge"_s, known ? us->first().value(u"badge"_s).toString() : QString() } });
    }
    return team;
}

/// Reads an inspection with everything the runner shows (store thread).
void loadInspection(core::LocalStore& st, const QString& id, std::nullptr_t, core::Inspection& insp,
    QVariantMap& enterprise, QList<core::ChecklistTemplate>& templates, QList<ChecklistRow>& rows,
    QStringList& hazardIds, core::Error& error, bool& ok)
{
    auto rec = st.record(u"inspection"_s, id);
    if (!rec || !rec->has_value()) {
        ok = false;
        error = rec ? core::makeError(u"not_found"_s, u"no inspection %1"_s.arg(id)) : rec.error();
        return;
    }
    auto parsed = core::Inspection::fromJson((*rec)->fields);
    if (!parsed) {
        ok = false;
        error = parsed.error();
        return;
    }
    insp = *parsed;
    if (auto es = st.records(u"enterprise"_s, core::LocalStore::Link::Id, insp.enterpriseId);
        es && !es->isEmpty())
        enterprise = es->first().toVariantMap();
    QHash<QString, QJsonObject> answers;
    if (auto as = st.records(u"answer"_s, core::LocalStore::Link::Inspection, id))
        for (const auto& a : *as)
            answers.insert(a.value(u"item_code"_s).toString(), a);
    QHash<QString, QString> hazardByItem;
    if (auto hs = st.records(u"hazard"_s, core::LocalStore::Link::Inspection, id))
        for (const auto& h : *hs) {
            hazardIds.append(h.value(u"id"_s).toString());
            hazardByItem.insert(h.value(u"item_code"_s).toString(), h.value(u"id"_s).toString());
        }
    for (const auto& ref : std::as_const(insp.templateRefs)) {
        auto t = st.record(u"template"_s, ref);
        if (!t || !t->has_value())
            continue;
        auto tpl = core::ChecklistTemplate::fromJson((*t)->fields);
        if (!tpl)
            continue;
        templates.append(*tpl);
        for (const auto& item : tpl->items) {
            const QJsonObject a = answers.value(item.code);
            const QStringList photoIds = jsonStrings(a.value(u"attachments"_s));
            ChecklistRow row;
            row.templateRef = tpl->ref();
            row.templateTitle = tpl->titleZh;
            row.code = item.code;
            row.text = item.textZh;
            row.basis = item.basis;
            row.major = item.majorHazardIfFailed;
            row.result = a.value(u"result"_s).toString();
            row.note = a.value(u"note"_s).toString();
            row.photos = photoEntries(st, photoIds);
            row.photoIds = photoIds;
            row.hazardId = hazardByItem.value(item.code);
            row.index = static_cast<int>(rows.size());
            row.answerId = a.value(u"id"_s).toString();
            rows.append(row);
        }
    }
}

} // namespace

void InspectionController::setLoaded(const Loaded& l)
{
    m_inspection = l.inspection;
    m_enterprise = l.enterprise;
    m_templates = l.templates;
    m_hazardIds = l.hazardIds;
    m_team = l.team;
    m_checklist->setItems(l.rows);
    m_recordPdf = l.documents.value(u"record_pdf"_s).toString();
    m_orderPdf = l.documents.value(u"order_pdf"_s).toString();
    m_guidancePdf = l.documents.value(u"guidance_pdf"_s).toString();
    m_recordNumber = l.documents.value(u"record_number"_s).toString();
    m_orderNumber = l.documents.value(u"order_number"_s).toString();
    Q_EMIT stateChanged();
    Q_EMIT progressChanged();
    Q_EMIT documentsChanged();
}

void InspectionController::start(const QString& enterpriseId, const QString& kind,
    const QString& mode, const QStringList& inspectorIds, const QStringList& templateRefs)
{
    storePendingSection();
    DeviceStore* s = store();
    if (!s->ready())
        return fail(core::makeError(u"not_open"_s, tr("数据尚未就绪，请重新登录。")));
    if (templateRefs.isEmpty())
        return fail(core::makeError(u"no_templates"_s, u"choose at least one checklist"_s));
    clearError();
    const core::Actor actor = s->actor();
    const QString id = core::uuidv7(s->now());
    // An enterprise's self-check has no inspectors.
    const bool selfCheck = kind == core::toString(core::InspectionKind::SelfCheck);
    QStringList inspectors = selfCheck ? QStringList() : inspectorIds;
    if (!selfCheck && !inspectors.contains(actor.userId))
        inspectors.prepend(actor.userId);
    const QJsonObject args { { u"enterprise_id"_s, enterpriseId }, { u"kind"_s, kind },
        { u"mode"_s, mode }, { u"inspector_ids"_s, toArray(inspectors) },
        { u"template_refs"_s, toArray(templateRefs) },
        { u"started_at"_s, core::formatTimestamp(s->now()) } };
    beginJob();
    s->run<Loaded>(
        this,
        [actor, id, args](core::LocalStore& st) {
            Loaded l;
            auto r = st.perform(actor, u"inspection.create"_s, id, args);
            if (!r) {
                l.ok = false;
                l.error = r.error();
                return l;
            }
            loadInspection(st, id, nullptr, l.inspection, l.enterprise, l.templates, l.rows,
                l.hazardIds, l.error, l.ok);
            l.team = teamOf(st, l.inspection.inspectorIds);
            return l;
        },
        [this, s](const Loaded& l) {
            endJob();
            if (!l.ok)
                return fail(l.error);
            setLoaded(l);
            s->notifyChanged();
            Q_EMIT started();
        });
}

void InspectionController::resume(const QString& inspectionId)
{
    storePendingSection();
    DeviceStore* s = store();
    if (!s->ready())
        return fail(core::makeError(u"not_open"_s, tr("数据尚未就绪，请重新登录。")));
    clearError();
    beginJob();
    s->run<Loaded>(
        this,
        [inspectionId](core::LocalStore& st) {
            Loaded l;
            loadInspection(st, inspectionId, nullptr, l.inspection, l.enterprise, l.templates,
                l.rows, l.hazardIds, l.error, l.ok);
            l.documents = inspectionDocuments(st, inspectionId);
            l.team = teamOf(st, l.inspection.inspectorIds);
            return l;
        },
        [this](const Loaded& l) {
            endJob();
            if (!l.ok)
                return fail(l.error);
            setLoaded(l);
            Q_EMIT started();
        });
}

void InspectionController::saveAnswer(
    int row, const QString& result, const QString& note, const QStringList& photos)
{
    DeviceStore* s = store();
    if (row < 0 || m_inspection.id.isEmpty())
        return fail(core::makeError(u"not_found"_s, tr("找不到这个检查项。")));
    auto parsed = core::parseAnswerResult(result);
    if (!parsed)
        return fail(parsed.error());
    const ChecklistRow& current = m_checklist->items().at(row);
    if (m_pendingCodes.removeAll(current.code) > 0) {
        // Answered one by one now: this item leaves the section answer in its undo window.
        if (m_pendingCodes.isEmpty())
            m_undoTimer.stop();
        Q_EMIT pendingSectionChanged();
    }
    QString answerId = current.answerId;
    if (answerId.isEmpty())
        answerId = core::uuidv7(s->now());
    const QString code = current.code;
    const QJsonObject args { { u"inspection_id"_s, m_inspection.id }, { u"item_code"_s, code },
        { u"result"_s, result }, { u"note"_s, note },
        { u"attachments"_s, attachmentRefs(photos) } };
    const core::Actor actor = s->actor();
    beginJob();
    using Out = std::pair<core::Result<core::MutationOutcome>, QVariantList>;
    s->run<Out>(
        this,
        [actor, answerId, args, photos](core::LocalStore& st) {
            auto r = st.perform(actor, u"answer.set"_s, answerId, args);
            return Out { r, photoEntries(st, photos) };
        },
        [this, s, row, result, note, photos, answerId, code](const Out& out) {
            endJob();
            if (!out.first)
                return fail(out.first.error());
            clearError();
            ChecklistRow updated = m_checklist->items().at(row);
            updated.result = result;
            updated.note = note;
            updated.photoIds = photos;
            updated.photos = out.second;
            updated.answerId = answerId;
            m_checklist->setItem(row, updated);
            s->notifyChanged();
            Q_EMIT answered(code);
        });
}

void InspectionController::answer(const QString& itemCode, const QString& result)
{
    const int row = m_checklist->indexOf(itemCode);
    if (row < 0)
        return fail(core::makeError(u"not_found"_s, tr("找不到这个检查项。")));
    const ChecklistRow& r = m_checklist->items().at(row);
    saveAnswer(row, result, r.note, r.photoIds);
}

void InspectionController::setNote(const QString& itemCode, const QString& note)
{
    const int row = m_checklist->indexOf(itemCode);
    if (row < 0)
        return fail(core::makeError(u"not_found"_s, tr("找不到这个检查项。")));
    ChecklistRow r = m_checklist->items().at(row);
    if (r.result.isEmpty()) {
        // A note before an answer waits in the row; it is saved with the answer.
        r.note = note;
        m_checklist->setItem(row, r);
        return;
    }
    saveAnswer(row, r.result, note, r.photoIds);
}

void InspectionController::addPhoto(
    const QString& itemCode, const QUrl& file, const PositionFix& location)
{
    DeviceStore* s = store();
    const int row = m_checklist->indexOf(itemCode);
    if (row < 0)
        return fail(core::makeError(u"not_found"_s, tr("找不到这个检查项。")));
    const QDateTime now = s->now();
    const std::optional<core::Location> loc = locationFromMap(location.toMap());
    beginJob();
    s->run<core::Result<core::Attachment>>(
        this, [file, now, loc](core::LocalStore& st) { return storePhotoFile(st, file, now, loc); },
        [this, row](const core::Result<core::Attachment>& stored) {
            endJob();
            if (!stored)
                return fail(stored.error());
            attachPhoto(row, *stored);
        });
}

void InspectionController::addCapturedPhoto(const QString& itemCode, const QVariantMap& attachment)
{
    const int row = m_checklist->indexOf(itemCode);
    if (row < 0)
        return fail(core::makeError(u"not_found"_s, tr("找不到这个检查项。")));
    auto photo = attachmentFromMap(attachment);
    if (!photo)
        return fail(photo.error());
    attachPhoto(row, *photo);
}

void InspectionController::attachPhoto(int row, const core::Attachment& photo)
{
    m_photoMeta.insert(photo.id, photo);
    ChecklistRow r = m_checklist->items().at(row);
    if (!r.photoIds.contains(photo.id))
        r.photoIds.append(photo.id);
    if (r.result.isEmpty()) {
        m_checklist->setItem(row, r);
        return;
    }
    saveAnswer(row, r.result, r.note, r.photoIds);
}

QJsonArray InspectionController::attachmentRefs(const QStringList& ids) const
{
    QJsonArray out;
    for (const auto& id : ids) {
        const auto meta = m_photoMeta.constFind(id);
        if (meta != m_photoMeta.cend())
            out.append(attachmentReference(*meta));
        else
            out.append(id);
    }
    return out;
}

void InspectionController::importPhoto(const QUrl& file, const PositionFix& location)
{
    DeviceStore* s = store();
    const QDateTime now = s->now();
    const std::optional<core::Location> loc = locationFromMap(location.toMap());
    beginJob();
    using Out = std::pair<core::Result<core::Attachment>, QUrl>;
    s->run<Out>(
        this,
        [file, now, loc](core::LocalStore& st) {
            auto stored = storePhotoFile(st, file, now, loc);
            return Out { stored, stored ? blobUrl(st, stored->id) : QUrl() };
        },
        [this](const Out& out) {
            endJob();
            if (!out.first)
                return fail(out.first.error());
            m_photoMeta.insert(out.first->id, *out.first);
            Q_EMIT photoImported(out.first->id, out.second);
        });
}

void InspectionController::importCapturedPhoto(const QVariantMap& attachment)
{
    auto photo = attachmentFromMap(attachment);
    if (!photo)
        return fail(photo.error());
    m_photoMeta.insert(photo->id, *photo);
    Q_EMIT photoImported(photo->id, attachment.value(u"url"_s).toUrl());
}

QString InspectionController::defaultDeadline(const QString& level) const
{
    auto l = core::parseHazardLevel(level);
    const QDate today = store()->today();
    return core::rules::defaultDeadline(l ? *l : core::HazardLevel::General, today)
        .toString(Qt::ISODate);
}

QVariantMap InspectionController::proposeHazard(const QString& itemCode) const
{
    const int row = m_checklist->indexOf(itemCode);
    if (row < 0)
        return {};
    const ChecklistRow& r = m_checklist->items().at(row);
    const core::ChecklistItem* item = nullptr;
    for (const auto& t : m_templates)
        if (t.ref() == r.templateRef)
            item = t.item(itemCode);
    if (!item)
        return {};
    core::Answer a;
    a.inspectionId = m_inspection.id;
    a.itemCode = itemCode;
    a.result = core::AnswerResult::Fail;
    a.note = r.note;
    a.attachments = r.photoIds;
    const core::Hazard h = core::rules::proposeHazard(m_inspection, *item, a, store()->today());
    return { { u"itemCode"_s, itemCode }, { u"description"_s, h.description },
        { u"place"_s, h.place }, { u"level"_s, core::toString(h.level) },
        { u"category"_s, h.category }, { u"basis"_s, h.basis }, { u"measure"_s, h.measure },
        { u"deadline"_s, h.deadline.toString(Qt::ISODate) }, { u"photoIds"_s, a.attachments },
        { u"defaultDeadlineGeneral"_s, defaultDeadline(u"general"_s) },
        { u"defaultDeadlineMajor"_s, defaultDeadline(u"major"_s) } };
}

void InspectionController::createHazard(const QVariantMap& fields)
{
    DeviceStore* s = store();
    if (m_inspection.id.isEmpty())
        return fail(core::makeError(u"not_found"_s, tr("请先开始一次检查。")));
    QJsonObject args { { u"enterprise_id"_s, m_inspection.enterpriseId },
        { u"inspection_id"_s, m_inspection.id },
        { u"item_code"_s, fields.value(u"itemCode"_s).toString() },
        { u"description"_s, fields.value(u"description"_s).toString().trimmed() },
        { u"place"_s, fields.value(u"place"_s).toString().trimmed() },
        { u"level"_s, fields.value(u"level"_s, u"general"_s).toString() },
        { u"category"_s, fields.value(u"category"_s).toString() },
        { u"basis"_s, fields.value(u"basis"_s).toString() },
        { u"measure"_s, fields.value(u"measure"_s).toString().trimmed() },
        { u"deadline"_s, fields.value(u"deadline"_s).toString() },
        { u"attachments"_s, attachmentRefs(fields.value(u"photoIds"_s).toStringList()) } };
    if (const auto location = locationFromMap(fields.value(u"location"_s).toMap()))
        args.insert(u"location"_s, location->toJson());
    if (m_inspection.kind == core::InspectionKind::SelfCheck)
        args.insert(u"source"_s, core::toString(core::HazardSource::SelfCheck));
    const core::Actor actor = s->actor();
    const QString id = core::uuidv7(s->now());
    const QString itemCode = fields.value(u"itemCode"_s).toString();
    beginJob();
    s->run<core::Result<core::MutationOutcome>>(
        this,
        [actor, id, args](
            core::LocalStore& st) { return st.perform(actor, u"hazard.create"_s, id, args); },
        [this, s, id, itemCode](const core::Result<core::MutationOutcome>& r) {
            endJob();
            if (!r)
                return fail(r.error());
            clearError();
            m_hazardIds.append(id);
            if (const int row = m_checklist->indexOf(itemCode); row >= 0) {
                ChecklistRow item = m_checklist->items().at(row);
                item.hazardId = id;
                m_checklist->setItem(row, item);
            }
            Q_EMIT progressChanged();
            s->notifyChanged();
            Q_EMIT hazardCreated(id);
        });
}

namespace {

/// What the store thread's part of finishing gives back: the documents' input, or why not.
struct FinishOut {
    bool ok = true;
    core::Error error;
    InspectionDocumentInput input;
};

/// Stores the drawn signatures as blobs; their images go on the documents. `role` is kept
/// as the page gave it ("enterprise", "inspector"; buildInspectionDocuments names them).
core::Result<std::pair<QStringList, QList<DocSignature>>> storeSignatures(
    core::LocalStore& st, const QVariantList& signatures, const QDateTime& now)
{
    QStringList ids;
    QList<DocSignature> docs;
    for (const auto& v : signatures) {
        const QVariantMap m = v.toMap();
        QFile f(m.value(u"path"_s).toString());
        if (!f.open(QIODevice::ReadOnly))
            return core::makeError(u"signature_unreadable"_s,
                u"cannot read the signature of %1"_s.arg(m.value(u"signer"_s).toString()));
        const QByteArray png = f.readAll();
        auto id = st.blobs().put(png);
        if (!id)
            return id.error();
        ids.append(*id);
        docs.append({ m.value(u"signer"_s).toString(), m.value(u"role"_s).toString(),
            QImage::fromData(png, "PNG"), {}, now });
    }
    return std::pair { ids, docs };
}

/// Refuses (changing nothing) unless a number of every kind the documents need is left:
/// numbers come from blocks the server handed out (per kind and year), so without one the
/// inspection stays a draft and finishing says that a sync must bring numbers first.
core::Result<void> requireDocumentNumbers(
    core::LocalStore& st, const QString& inspectionId, const QDateTime& now)
{
    auto hazards = st.records(u"hazard"_s, core::LocalStore::Link::Inspection, inspectionId);
    if (!hazards)
        return hazards.error();
    auto inspection = st.record(u"inspection"_s, inspectionId);
    if (!inspection)
        return inspection.error();
    // Only enforcement issues an order; a guidance opinion takes no number.
    const bool enforcement = inspection->has_value()
        && (*inspection)->fields.value(u"mode"_s).toString()
            == core::toString(core::InspectionMode::Enforcement);
    const int year = core::rules::localDate(now).year();
    QStringList kindsNeeded { u"inspection_record"_s };
    if (!hazards->isEmpty() && enforcement)
        kindsNeeded.append(u"rectification_order"_s);
    for (const QString& kind : std::as_const(kindsNeeded)) {
        auto left = DeviceStore::documentNumbersLeft(st, kind, year);
        if (!left)
            return left.error();
        if (*left < 1)
            return core::makeError(u"no_document_numbers"_s,
                u"no %1 number for %2 is left on this device"_s.arg(kind).arg(year));
    }
    return {};
}

/// The store thread's part of finishing: signatures, numbers, inspection.finish, then what
/// the documents need (numbers taken).
FinishOut finishOnStore(core::LocalStore& st, const core::Actor& actor, const QString& inspectionId,
    const QVariantList& signatures, const QString& refusalNote, const QDateTime& now)
{
    FinishOut out;
    auto refuse = [&out](const core::Error& e) {
        out.ok = false;
        out.error = e;
        return out;
    };
    auto stored = storeSignatures(st, signatures, now);
    if (!stored)
        return refuse(stored.error());
    if (auto r = requireDocumentNumbers(st, inspectionId, now); !r)
        return refuse(r.error());
    const QJsonObject args { { u"finished_at"_s, core::formatTimestamp(now) },
        { u"signatures"_s, toArray(stored->first) }, { u"refusal_note"_s, refusalNote.trimmed() } };
    if (auto done = st.perform(actor, u"inspection.finish"_s, inspectionId, args); !done)
        return refuse(done.error());
    auto input = readInspectionDocumentInput(st, inspectionId, stored->second, now);
    if (!input)
        return refuse(input.error());
    out.input = *input;
    return out;
}

} // namespace

void InspectionController::finish(const QVariantList& signatures, const QString& refusalNote)
{
    DeviceStore* s = store();
    if (m_inspection.id.isEmpty())
        return fail(core::makeError(u"not_found"_s, tr("请先开始一次检查。")));
    if (answeredCount() < totalCount())
        return fail(core::makeError(u"items_unanswered"_s,
            u"%1 of %2 items are unanswered"_s.arg(totalCount() - answeredCount())
                .arg(totalCount())));
    if (signatures.isEmpty() && refusalNote.trimmed().isEmpty())
        return fail(core::makeError(u"signature_required"_s, u"signature or refusal needed"_s));
    if (m_inspection.mode == core::InspectionMode::Enforcement) {
        // 执法检查 is done by two credentialed inspectors, and both sign what they issue.
        QSet<QString> signedBy;
        for (const auto& v : signatures) {
            const QVariantMap m = v.toMap();
            if (m.value(u"role"_s).toString() != u"inspector"_s)
                continue;
            const QString who = m.value(u"inspectorId"_s).toString();
            if (!m_inspection.inspectorIds.contains(who))
                return fail(core::makeError(u"signer_not_in_team"_s,
                    u"%1 is not an inspector of this inspection"_s.arg(
                        m.value(u"signer"_s).toString())));
            signedBy.insert(who);
        }
        if (signedBy.size() < 2)
            return fail(core::makeError(u"inspector_signatures_required"_s,
                u"an enforcement inspection needs the signatures of two of its inspectors, "
                u"%1 given"_s.arg(signedBy.size())));
    }
    const core::Actor actor = s->actor();
    const QString id = m_inspection.id;
    const QDateTime now = s->now();
    clearError();
    beginJob();
    // The store is the context of every step after this one: documents of a page closed
    // meanwhile are still rendered and recorded.
    const QPointer<InspectionController> self(this);
    // A section answer in its undo window is stored first (the store runs jobs in order).
    storePendingSection();
    s->run<FinishOut>(
        s,
        [=](core::LocalStore& st) {
            return finishOnStore(st, actor, id, signatures, refusalNote, now);
        },
        [s, self, id](const FinishOut& out) {
            if (!out.ok) {
                if (self) {
                    self->endJob();
                    self->fail(out.error);
                }
                return;
            }
            if (self) {
                self->m_inspection.status = core::InspectionStatus::Finished;
                Q_EMIT self->stateChanged();
            }
            s->notifyChanged();
            renderDocuments(s, self, buildInspectionDocuments(out.input), id);
        });
}

void InspectionController::finishSelfCheck()
{
    DeviceStore* s = store();
    if (m_inspection.id.isEmpty())
        return fail(core::makeError(u"not_found"_s, tr("请先开始一次检查。")));
    if (m_inspection.kind != core::InspectionKind::SelfCheck)
        return fail(core::makeError(u"not_a_self_check"_s, u"this is no self-check"_s));
    if (answeredCount() < totalCount())
        return fail(core::makeError(u"items_unanswered"_s,
            u"%1 of %2 items are unanswered"_s.arg(totalCount() - answeredCount())
                .arg(totalCount())));
    const core::Actor actor = s->actor();
    const QString id = m_inspection.id;
    const QJsonObject args { { u"finished_at"_s, core::formatTimestamp(s->now()) } };
    clearError();
    beginJob();
    s->run<core::Result<core::MutationOutcome>>(
        this,
        [actor, id, args](
            core::LocalStore& st) { return st.perform(actor, u"inspection.finish"_s, id, args); },
        [this, s](const core::Result<core::MutationOutcome>& r) {
            endJob();
            if (!r)
                return fail(r.error());
            m_inspection.status = core::InspectionStatus::Finished;
            Q_EMIT stateChanged();
            s->notifyChanged();
            Q_EMIT finished();
        });
}

void InspectionController::renderDocuments(DeviceStore* s,
    const QPointer<InspectionController>& self, const InspectionDocumentSet& documents,
    const QString& inspectionId)
{
    // Rendering lays out pages and embeds fonts for seconds on a phone: on a pool thread, so
    // that the store thread keeps serving other pages meanwhile. The watcher lives with the
    // store, so that documents of a page closed meanwhile are still recorded.
    struct Rendered {
        core::Error error; ///< code empty when it worked
        QJsonObject documents;
    };
    const QString directory = s->documentsDirectory();
    const core::Actor actor = s->actor();
    auto* watcher = new QFutureWatcher<Rendered>(s);
    connect(watcher, &QFutureWatcherBase::finished, s, [s, self, watcher, inspectionId, actor] {
        watcher->deleteLater();
        const Rendered rendered = watcher->result();
        if (!rendered.error.code.isEmpty()) {
            if (self)
                self->documentsRecorded(rendered.error, {});
            return;
        }
        const QJsonObject files = rendered.documents;
        const bool queued = s->run<core::Result<void>>(
            s,
            [inspectionId, files, actor](core::LocalStore& st) -> core::Result<void> {
                if (auto r = st.setInspectionDocuments(inspectionId, files); !r)
                    return r;
                // The record and the order reach the enterprise with the next sync
                // (document.issue).
                if (auto r = issueRecord(st, actor, inspectionId, files); !r)
                    return r;
                return issueOrder(st, actor, inspectionId, files);
            },
            [s, self, files](const core::Result<void>& r) {
                if (self)
                    self->documentsRecorded(r, files);
                else if (r)
                    s->notifyChanged();
            });
        if (!queued && self)
            self->documentsRecorded(
                core::makeError(u"not_open"_s, tr("数据尚未就绪，请重新登录。")), {});
    });
    DocumentRenderer::cjkFontFamily(); // registered on this (the GUI) thread
    watcher->setFuture(QtConcurrent::run(s->renderPool(), [documents, inspectionId, directory] {
        auto r = renderInspectionDocuments(documents, inspectionId, directory);
        return r ? Rendered { {}, *r } : Rendered { r.error(), {} };
    }));
}

void InspectionController::documentsRecorded(
    const core::Result<void>& recorded, const QJsonObject& documents)
{
    endJob();
    if (!recorded)
        return fail(recorded.error());
    m_recordPdf = documents.value(u"record_pdf"_s).toString();
    m_orderPdf = documents.value(u"order_pdf"_s).toString();
    m_guidancePdf = documents.value(u"guidance_pdf"_s).toString();
    m_recordNumber = documents.value(u"record_number"_s).toString();
    m_orderNumber = documents.value(u"order_number"_s).toString();
    Q_EMIT documentsChanged();
    store()->notifyChanged();
    Q_EMIT finished();
}

} // namespace safeloop::app
