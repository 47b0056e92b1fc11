#pragma once

#include "core/domain.h"
#include "core/localstore.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QImage>
#include <QUrl>
#include <QVariantMap>

#include <optional>

namespace safeloop::app {

/// One photo on its way into the blob store: the bytes exactly as they will be stored, and the
/// metadata SafeLoop stamps itself (no EXIF is read or written).
struct PhotoInput {
    QByteArray bytes;
    QString mime; ///< e.g. image/jpeg
    QDateTime capturedAt; ///< when the photo entered SafeLoop (UTC)
    std::optional<core::Location> location; ///< the device's fix at that moment, if any
};

/// The longest edge a camera shot keeps; larger shots are scaled down before JPEG encoding.
inline constexpr int DefaultPhotoMaxEdge = 2560;
/// JPEG quality of camera shots.
inline constexpr int PhotoJpegQuality = 88;

/// Stores the bytes as a content-addressed blob and returns the attachment metadata every
/// photo carries into its mutation (id = SHA-256, mime, size, captured_at, location). Both
/// photos picked from files and camera shots go through here. Refuses empty bytes
/// (`photo_unreadable`) and changes nothing then.
core::Result<core::Attachment> storePhoto(core::LocalStore& store, const PhotoInput& photo);

/// Reads a picked file (URL or path) into a PhotoInput; the mime follows the image format
/// Qt reads from the content (`photo_unreadable` when the file is missing, empty or no image).
core::Result<PhotoInput> readPhotoFile(const QUrl& file);

/// readPhotoFile() then storePhoto() with this capture time and location: a picked file's path.
core::Result<core::Attachment> storePhotoFile(core::LocalStore& store, const QUrl& file,
    const QDateTime& capturedAt, const std::optional<core::Location>& location);

/// Scales `image` so its longest edge is at most `maxEdge` (never up) and encodes it as JPEG.
/// The same pixels always give the same bytes. `photo_invalid` for a null image or maxEdge < 1.
core::Result<QByteArray> encodeCameraPhoto(const QImage& image, int maxEdge = DefaultPhotoMaxEdge);

/// The position map QML passes ({lat, lon, accuracyM (NaN = unknown), fixTime, source,
/// lowAccuracy, farFromEnterprise, distanceM}) as a core Location; nullopt without lat.
std::optional<core::Location> locationFromMap(const QVariantMap& map);

/// Attachment metadata as QML sees it: {id, mime, size, captured_at, location (wire object as
/// a map, absent when unknown), url (the blob's file URL)}.
QVariantMap attachmentToMap(const core::Attachment& a, const QUrl& url);
/// The inverse of attachmentToMap (url ignored); refuses a map that is no valid attachment.
core::Result<core::Attachment> attachmentFromMap(const QVariantMap& map);
/// The attachment object a mutation's `attachments` list carries (SYNC.md).
QJsonObject attachmentReference(const core::Attachment& a);

} // namespace safeloop::app
