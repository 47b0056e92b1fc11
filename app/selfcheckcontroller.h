#pragma once

#include "evidencecontroller.h"

#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// A hazard the enterprise found in its own self-check (企业自查), on the enterprise's device:
/// the HazardDetail plus evidence photos (EvidenceController), rectified (rectification.submit)
/// and then closed (rectification.verify, 自查销号) by the enterprise itself, each with a note or
/// a photo. Offers nothing on an inspector's hazard: those the enterprise only submits, through
/// RectificationController.
class SelfCheckHazardController : public safeloop::app::EvidenceController {
    Q_OBJECT
    QML_ELEMENT
    /// The signed-in enterprise user may record its rectification now (open or 被退回).
    Q_PROPERTY(bool canRectify READ canRectify NOTIFY loaded)
    /// The signed-in enterprise user may close it now (rectified, not yet closed).
    Q_PROPERTY(bool canClose READ canClose NOTIFY loaded)

public:
    explicit SelfCheckHazardController(QObject* parent = nullptr);

    bool canRectify() const;
    bool canClose() const;

    /// rectification.submit with `note` and the draft photos. Refused on the device, nothing
    /// stored: neither a note nor a photo (`evidence_required`), not a self-check finding of the
    /// user's enterprise or not open (`not_allowed`). Emits done(HazardStatus.Submitted).
    Q_INVOKABLE void rectify(const QString& note);
    /// rectification.verify (自查销号) with `note` and the draft photos; the same refusals.
    /// Emits done(HazardStatus.Verified).
    Q_INVOKABLE void close(const QString& note);

Q_SIGNALS:
    /// The event was stored on the device: the hazard's status now.
    void done(safeloop::app::HazardStatus::Value status);

private:
    void perform(
        const QString& mutation, bool allowed, const QString& note, HazardStatus::Value outcome);
};

} // namespace safeloop::app
