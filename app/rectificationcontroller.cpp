#include "rectificationcontroller.h"

#include "core/uuid.h"
#include "core/validation.h"

#include <QFileInfo>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace safeloop::app {

RectificationController::RectificationController(QObject* parent)
    : HazardDetail(parent)
{
}

bool RectificationController::canSubmit() const
{
    if (!found() || store()->user().role != core::Role::Enterprise)
        return false;
    const HazardStatus::Value s = status();
    return s == HazardStatus::Open || s == HazardStatus::Rejected || s == HazardStatus::Escalated;
}

SubmissionState::Value RectificationController::submissionState() const
{
    SubmissionState::Value state = SubmissionState::None;
    for (const auto& row : events()->rows()) {
        if (row.kind == HazardEventKind::Submit)
            state = row.syncState == RecordSyncState::Pending ? SubmissionState::OnDevice
                                                              : SubmissionState::Sent;
        else if (row.kind == HazardEventKind::Reject && state != SubmissionState::None)
            state = SubmissionState::Rejected;
        else if (row.kind == HazardEventKind::Verify)
            state = SubmissionState::Verified;
    }
    return state;
}

QString RectificationController::rejectionReason() const
{
    QString reason;
    for (const auto& row : events()->rows()) {
        if (row.kind == HazardEventKind::Reject)
            reason = row.note;
        else if (row.kind == HazardEventKind::Submit || row.kind == HazardEventKind::Verify)
            reason.clear();
    }
    return reason;
}

QVariantList RectificationController::draftPhotos() const
{
    QVariantList out;
    for (const auto& p : m_draft)
        out.append(QVariantMap { { u"source"_s, p.source }, { u"name"_s, p.name },
            { u"fromCamera"_s, p.stored.has_value() } });
    return out;
}

bool RectificationController::addPhotoFile(const QUrl& file, const PositionFix& location)
{
    const QString name
        = QFileInfo(file.isLocalFile() ? file.toLocalFile() : file.toString()).fileName();
    auto read = readPhotoFile(file);
    if (!read) {
        failWith(u"photo_unreadable"_s, tr("无法读取照片“%1”：文件不存在或不是图片。").arg(name));
        return false;
    }
    PhotoInput photo = *read;
    photo.capturedAt = store()->now().toUTC();
    photo.location = locationFromMap(location.toMap());
    m_draft.append({ name, file, photo, std::nullopt });
    clearErrorQuietly();
    Q_EMIT draftPhotosChanged();
    return true;
}

void RectificationController::addCameraPhoto(const QVariantMap& attachment)
{
    auto a = attachmentFromMap(attachment);
    if (!a)
        return fail(a.error());
    m_draft.append({ tr("现场拍摄"), attachment.value(u"url"_s).toUrl(), std::nullopt, *a });
    clearErrorQuietly();
    Q_EMIT draftPhotosChanged();
}

void RectificationController::removePhoto(int index)
{
    if (index < 0 || index >= m_draft.size())
        return;
    m_draft.removeAt(index);
    Q_EMIT draftPhotosChanged();
}

void RectificationController::discardDraft()
{
    if (m_draft.isEmpty())
        return;
    m_draft.clear();
    Q_EMIT draftPhotosChanged();
}

void RectificationController::submit(const QString& note, const QString& completedOn,
    const QString& responsible, const QString& cost)
{
    DeviceStore* s = store();
    if (!s->ready() || !found())
        return fail(core::makeError(u"not_found"_s, tr("找不到这项整改任务。")));
    if (!canSubmit())
        return fail(
            core::makeError(u"illegal_transition"_s, u"this task cannot be submitted now"_s));

    core::RectificationEvent event;
    event.id = core::uuidv7(s->now());
    event.hazardId = hazardId();
    event.kind = core::EventKind::Submit;
    event.note = note.trimmed();
    event.completedOn = completedOn.trimmed();
    event.responsible = responsible.trimmed();
    if (const QString c = cost.trimmed(); !c.isEmpty()) {
        bool ok = false;
        const double yuan = c.toDouble(&ok);
        if (!ok)
            return fail(core::makeError(u"invalid_cost"_s, u"cost %1 is no amount"_s.arg(c)));
        event.cost = yuan;
    }
    if (event.note.isEmpty() && m_draft.isEmpty())
        return fail(core::makeError(
            u"evidence_required"_s, u"a submission needs a note or evidence photos"_s));
    // Everything the store would refuse is checked before a single photo is written.
    if (auto r = core::validation::rectificationEvent(event, s->today()); !r)
        return fail(r.error());

    QJsonObject args { { u"hazard_id"_s, event.hazardId }, { u"note"_s, event.note } };
    if (!event.completedOn.isEmpty())
        args.insert(u"completed_on"_s, event.completedOn);
    if (!event.responsible.isEmpty())
        args.insert(u"responsible"_s, event.responsible);
    if (event.cost)
        args.insert(u"cost"_s, *event.cost);
    const QList<DraftPhoto> draft = m_draft;
    const core::Actor actor = s->actor();
    const QString eventId = event.id;
    setBusy(true);
    s->run<core::Result<core::MutationOutcome>>(
        this,
        [actor, eventId, args, draft](core::LocalStore& st) mutable {
            QJsonArray refs;
            for (const auto& p : draft) {
                auto a = p.stored ? core::Result<core::Attachment>(*p.stored)
                                  : storePhoto(st, *p.file);
                if (!a)
                    return core::Result<core::MutationOutcome>(a.error());
                refs.append(attachmentReference(*a));
            }
            args.insert(u"attachments"_s, refs);
            return st.perform(actor, u"rectification.submit"_s, eventId, args);
        },
        [this, s](const core::Result<core::MutationOutcome>& r) {
            setBusy(false);
            if (!r)
                return fail(r.error());
            clearErrorQuietly();
            m_draft.clear();
            Q_EMIT draftPhotosChanged();
            s->notifyChanged();
            Q_EMIT submitted();
        });
}

} // namespace safeloop::app
