#include "rectificationcontroller.h"

#include "core/uuid.h"
#include "core/validation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace safeloop::app {

RectificationController::RectificationController(QObject* parent)
    : EvidenceController(parent)
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
    if (event.note.isEmpty() && !hasDraftPhotos())
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
    performWithEvidence(u"rectification.submit"_s, event.id, args, [this] { Q_EMIT submitted(); });
}

} // namespace safeloop::app
