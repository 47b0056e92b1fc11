#pragma once

#include "hazarddetail.h"
#include "photostore.h"

#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// The enterprise's side of one rectification task (整改任务): the HazardDetail (finding, order,
/// history) plus the submission form — what was done, when, who was responsible, what it cost,
/// and after-photos from the camera or from files. submit() validates everything on the device
/// first and then, in one job on the store thread, stores the picked photos and performs
/// rectification.submit; a refusal stores nothing. The enterprise can never verify, reject,
/// extend or edit: this type offers no such action.
class RectificationController : public safeloop::app::HazardDetail {
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
    /// After-photos waiting for the submission: {source (url), name, fromCamera}.
    Q_PROPERTY(QVariantList draftPhotos READ draftPhotos NOTIFY draftPhotosChanged)

public:
    explicit RectificationController(QObject* parent = nullptr);

    bool canSubmit() const;
    SubmissionState::Value submissionState() const;
    QString rejectionReason() const;
    QVariantList draftPhotos() const;

    /// Adds a picked file as an after-photo, stamped with now and `location` (the position map
    /// QML passes; may be empty). A file that is missing, empty or no image is refused by its
    /// name (`photo_unreadable`) and not added.
    Q_INVOKABLE bool addPhotoFile(const QUrl& file, const safeloop::app::PositionFix& location);
    /// Adds a camera shot PhotoCapture has stored (its used(attachment) map).
    Q_INVOKABLE void addCameraPhoto(const QVariantMap& attachment);
    Q_INVOKABLE void removePhoto(int index);
    /// rectification.submit with `note` (what was done), `completedOn` (ISO date or empty),
    /// `responsible`, `cost` (yuan as typed, empty = not given). Refuses on the device, with the
    /// reason and nothing stored: no note and no photo (`evidence_required`), a cost that is no
    /// amount (`invalid_cost`), a completion date after today (`completed_in_future`), a task
    /// that cannot be submitted now (`illegal_transition`). Emits submitted() or failed().
    Q_INVOKABLE void submit(const QString& note, const QString& completedOn,
        const QString& responsible, const QString& cost);
    /// Drops the draft photos (the form was closed).
    Q_INVOKABLE void discardDraft();

Q_SIGNALS:
    void draftPhotosChanged();
    void submitted();

private:
    struct DraftPhoto {
        QString name;
        QUrl source;
        std::optional<PhotoInput> file; ///< picked: stored only when submitted
        std::optional<core::Attachment> stored; ///< camera: already in the blob store
    };
    QList<DraftPhoto> m_draft;
};

} // namespace safeloop::app
