#pragma once

#include "hazarddetail.h"
#include "photostore.h"
#include "positionprovider.h"

#include <QJsonObject>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>

namespace safeloop::app {

/// A HazardDetail with photos gathered for the next rectification event: the enterprise's
/// after-photos (RectificationController) or the inspector's re-check photos
/// (ReinspectionController). Picked files are read at once — an unreadable one is refused by
/// its name — but stored only when the event is performed, in the same job on the store thread:
/// a refused event stores nothing.
class EvidenceController : public safeloop::app::HazardDetail {
    Q_OBJECT
    QML_ANONYMOUS
    /// Photos waiting for the event: {source (url), name, fromCamera}.
    Q_PROPERTY(QVariantList draftPhotos READ draftPhotos NOTIFY draftPhotosChanged)

public:
    explicit EvidenceController(QObject* parent = nullptr);

    QVariantList draftPhotos() const;

    /// Adds a picked file, stamped with now and `location` (the position provider's fix; not
    /// `valid` without one). A file that is missing, empty or no image is refused by its name
    /// (`photo_unreadable`) and not added.
    Q_INVOKABLE bool addPhotoFile(const QUrl& file, const safeloop::app::PositionFix& location);
    /// Adds a camera shot PhotoCapture has stored (its used(attachment) map).
    Q_INVOKABLE void addCameraPhoto(const QVariantMap& attachment);
    Q_INVOKABLE void removePhoto(int index);
    /// Drops the draft photos (the form was closed).
    Q_INVOKABLE void discardDraft();

Q_SIGNALS:
    void draftPhotosChanged();

protected:
    /// A step of performWithEvidence's job on the store thread.
    using StoreStep = std::function<core::Result<void>(core::LocalStore&)>;

    bool hasDraftPhotos() const { return !m_draft.isEmpty(); }
    /// Performs `mutation` (id `eventId`) with `args` plus the draft photos as its `attachments`,
    /// storing the picked files first, all in one job on the store thread. `before` runs first
    /// in that job (its refusal stores nothing), `after` once the mutation is stored. On success
    /// the draft is cleared, the store notified and `done` called; on failure failed() says why.
    void performWithEvidence(const QString& mutation, const QString& eventId, QJsonObject args,
        std::function<void()> done, StoreStep before = {}, StoreStep after = {});

private:
    struct DraftPhoto {
        QString name;
        QUrl source;
        std::optional<PhotoInput> file; ///< picked: stored only when the event is performed
        std::optional<core::Attachment> stored; ///< camera: already in the blob store
    };
    QList<DraftPhoto> m_draft;
};

} // namespace safeloop::app
