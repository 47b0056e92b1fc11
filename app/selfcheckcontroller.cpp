#include "selfcheckcontroller.h"

#include "core/uuid.h"

using namespace Qt::StringLiterals;

namespace safeloop::app {

SelfCheckHazardController::SelfCheckHazardController(QObject* parent)
    : EvidenceController(parent)
{
}

bool SelfCheckHazardController::canRectify() const
{
    return selfCheck() && store()->user().role == core::Role::Enterprise
        && (status() == HazardStatus::Open || status() == HazardStatus::Rejected);
}

bool SelfCheckHazardController::canClose() const
{
    return selfCheck() && store()->user().role == core::Role::Enterprise
        && status() == HazardStatus::Submitted;
}

void SelfCheckHazardController::rectify(const QString& note)
{
    perform(u"rectification.submit"_s, canRectify(), note, HazardStatus::Submitted);
}

void SelfCheckHazardController::close(const QString& note)
{
    perform(u"rectification.verify"_s, canClose(), note, HazardStatus::Verified);
}

void SelfCheckHazardController::perform(
    const QString& mutation, bool allowed, const QString& note, HazardStatus::Value outcome)
{
    DeviceStore* s = store();
    if (!s->ready() || hazardId().isEmpty() || !found())
        return failWith(u"not_found"_s, tr("找不到这条隐患。"));
    if (!allowed)
        return failWith(u"not_allowed"_s, tr("这条隐患现在不能这样处理。"));
    if (note.trimmed().isEmpty() && !hasDraftPhotos())
        return failWith(u"evidence_required"_s, tr("请写明整改情况或拍摄整改后照片。"));
    const QJsonObject args { { u"hazard_id"_s, hazardId() }, { u"note"_s, note.trimmed() } };
    performWithEvidence(
        mutation, core::uuidv7(s->now()), args, [this, outcome] { Q_EMIT done(outcome); });
}

} // namespace safeloop::app
