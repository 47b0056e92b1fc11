#pragma once

#include "evidencecontroller.h"

#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// The enterprise's side of one rectification task (整改任务): the HazardDetail (finding, order,
/// history) plus the submission form — what was done, when, who was responsible, what it cost,
/// and after-photos from the camera or from files (EvidenceController). submit() validates
/// everything on the device first and then, in one job on the store thread, stores the picked
/// photos and performs rectification.submit; a refusal stores nothing. The enterprise can never
/// verify, reject, extend or edit: this type offers no such action.
class RectificationController : public safeloop::app::EvidenceController {
    Q_OBJECT
    QML_ELEMENT
    /// The signed-in enterprise user may submit now: the hazard is theirs and open, rejected
    /// (被退回) or escalated (督办).
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY loaded)
    /// Where the latest submission stands (SubmissionState).
    Q_PROPERTY(
        safeloop::app::SubmissionState::Value submissionState READ submissionState NOTIFY loaded)
    /// The reason of the latest rejection (empty when none).
    Q_PROPERTY(QString rejectionReason READ rejectionReason NOTIFY loaded)

public:
    explicit RectificationController(QObject* parent = nullptr);

    bool canSubmit() const;
    SubmissionState::Value submissionState() const;
    QString rejectionReason() const;

    /// rectification.submit with `note` (what was done), `completedOn` (ISO date or empty),
    /// `responsible`, `cost` (yuan as typed, empty = not given). Refuses on the device, with the
    /// reason and nothing stored: no note and no photo (`evidence_required`), a cost that is no
    /// amount (`invalid_cost`), a completion date after today (`completed_in_future`), a task
    /// that cannot be submitted now (`illegal_transition`). Emits submitted() or failed().
    Q_INVOKABLE void submit(const QString& note, const QString& completedOn,
        const QString& responsible, const QString& cost);

Q_SIGNALS:
    void submitted();
};

} // namespace safeloop::app
