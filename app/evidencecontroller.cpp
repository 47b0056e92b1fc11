#include "evidencecontroller.h"

#include <QFileInfo>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace safeloop::app {

EvidenceController::EvidenceController(QObject* parent)
    : HazardDetail(parent)
{
}

QVariantList EvidenceController::draftPhotos() const
{
    QVariantList out;
    for (const auto& p : m_draft)
        out.append(QVariantMap { { u"source"_s, p.source }, { u"name"_s, p.name },
            { u"fromCamera"_s, p.stored.has_value() } });
    return out;
}

bool EvidenceController::addPhotoFile(const QUrl& file, const PositionFix& location)
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

void EvidenceController::addCameraPhoto(const QVariantMap& attachment)
{
    auto a = attachmentFromMap(attachment);
    if (!a)
        return fail(a.error());
    m_draft.append({ tr("现场拍摄"), attachment.value(u"url"_s).toUrl(), std::nullopt, *a });
    clearErrorQuietly();
    Q_EMIT draftPhotosChanged();
}

void EvidenceController::removePhoto(int index)
{
    if (index < 0 || index >= m_draft.size())
        return;
    m_draft.removeAt(index);
    Q_EMIT draftPhotosChanged();
}

void EvidenceController::discardDraft()
{
    if (m_draft.isEmpty())
        return;
    m_draft.clear();
    Q_EMIT draftPhotosChanged();
}

void EvidenceController::performWithEvidence(const QString& mutation, const QString& eventId,
    QJsonObject args, std::function<void()> done, StoreStep before, StoreStep after)
{
    DeviceStore* s = store();
    const QList<DraftPhoto> draft = m_draft;
    const core::Actor actor = s->actor();
    setBusy(true);
    s->run<core::Result<core::MutationOutcome>>(
        this,
        [actor, mutation, eventId, args, draft, before, after](core::LocalStore& st) mutable {
            if (before)
                if (auto r = before(st); !r)
                    return core::Result<core::MutationOutcome>(r.error());
            QJsonArray refs;
            for (const auto& p : draft) {
                auto a = p.stored ? core::Result<core::Attachment>(*p.stored)
                                  : storePhoto(st, *p.file);
                if (!a)
                    return core::Result<core::MutationOutcome>(a.error());
                refs.append(attachmentReference(*a));
            }
            args.insert(u"attachments"_s, refs);
            auto outcome = st.perform(actor, mutation, eventId, args);
            if (outcome && after)
                if (auto r = after(st); !r)
                    return core::Result<core::MutationOutcome>(r.error());
            return outcome;
        },
        [this, s, done = std::move(done)](const core::Result<core::MutationOutcome>& r) {
            setBusy(false);
            if (!r)
                return fail(r.error());
            clearErrorQuietly();
            m_draft.clear();
            Q_EMIT draftPhotosChanged();
            // notifyChanged() reloads every view of the store, this one included.
            s->notifyChanged();
            done();
        });
}

} // namespace safeloop::app
