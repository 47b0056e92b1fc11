#include "photostore.h"

#include "core/validation.h"

#include <QBuffer>
#include <QFile>
#include <QImageReader>
#include <QImageWriter>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

#include <cmath>

using namespace Qt::StringLiterals;

namespace safeloop::app {

core::Result<core::Attachment> storePhoto(core::LocalStore& store, const PhotoInput& photo)
{
    if (photo.bytes.isEmpty())
        return core::makeError(u"photo_unreadable"_s, u"the photo has no bytes"_s);
    core::Attachment a;
    a.id = core::BlobStore::sha256Hex(photo.bytes);
    a.mime = photo.mime;
    a.size = photo.bytes.size();
    if (photo.capturedAt.isValid())
        a.capturedAt = core::formatTimestamp(photo.capturedAt.toUTC());
    a.location = photo.location;
    // Checked before the blob is written, so a refused photo leaves nothing behind.
    if (auto valid = core::validation::attachmentReference(a); !valid)
        return valid.error();
    auto id = store.blobs().put(photo.bytes);
    if (!id)
        return id.error();
    return a;
}

core::Result<PhotoInput> readPhotoFile(const QUrl& file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return core::makeError(u"photo_unreadable"_s, u"cannot read %1"_s.arg(path));
    PhotoInput photo;
    photo.bytes = f.readAll();
    if (photo.bytes.isEmpty())
        return core::makeError(u"photo_unreadable"_s, u"%1 is empty"_s.arg(path));
    QBuffer buffer(&photo.bytes);
    buffer.open(QIODevice::ReadOnly);
    const QByteArray format = QImageReader::imageFormat(&buffer).toLower();
    if (format.isEmpty())
        return core::makeError(u"photo_unreadable"_s, u"%1 is not an image"_s.arg(path));
    photo.mime = u"image/"_s + QString::fromLatin1(format == "jpg" ? QByteArray("jpeg") : format);
    return photo;
}

core::Result<core::Attachment> storePhotoFile(core::LocalStore& store, const QUrl& file,
    const QDateTime& capturedAt, const std::optional<core::Location>& location)
{
    auto read = readPhotoFile(file);
    if (!read)
        return read.error();
    PhotoInput photo = *read;
    photo.capturedAt = capturedAt;
    photo.location = location;
    return storePhoto(store, photo);
}

core::Result<QByteArray> encodeCameraPhoto(const QImage& image, int maxEdge)
{
    if (image.isNull())
        return core::makeError(u"photo_invalid"_s, u"the camera delivered no image"_s);
    if (maxEdge < 1)
        return core::makeError(u"photo_invalid"_s, u"the longest edge must be at least 1 px"_s);
    QImage scaled = image;
    if (std::max(image.width(), image.height()) > maxEdge)
        scaled = image.scaled(maxEdge, maxEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // JPEG has no alpha: flatten onto white so transparent pixels do not turn black.
    if (scaled.hasAlphaChannel()) {
        QImage flat(scaled.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter(&flat).drawImage(0, 0, scaled);
        scaled = flat;
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(PhotoJpegQuality);
    if (!writer.write(scaled))
        return core::makeError(u"photo_invalid"_s, writer.errorString());
    return bytes;
}

std::optional<core::Location> locationFromMap(const QVariantMap& map)
{
    if (map.isEmpty() || !map.contains(u"lat"_s))
        return std::nullopt;
    // Unknown accuracy travels as null; the position warnings travel as location flags.
    core::Location location;
    location.lat = map.value(u"lat"_s).toDouble();
    location.lon = map.value(u"lon"_s).toDouble();
    const double acc = map.value(u"accuracyM"_s).toDouble();
    if (std::isfinite(acc))
        location.accuracyM = acc;
    const QDateTime fixTime = map.value(u"fixTime"_s).toDateTime();
    if (fixTime.isValid())
        location.fixTime = core::formatTimestamp(fixTime.toUTC());
    location.source = map.value(u"source"_s).toString();
    if (map.value(u"lowAccuracy"_s).toBool())
        location.flags.append(u"accuracy_worse_than_50m"_s);
    if (map.value(u"farFromEnterprise"_s).toBool()) {
        location.flags.append(u"far_from_enterprise"_s);
        const double distance = map.value(u"distanceM"_s).toDouble();
        if (std::isfinite(distance) && distance >= 0)
            location.distanceM = std::round(distance);
    }
    return location;
}

QJsonObject attachmentReference(const core::Attachment& a)
{
    QJsonObject o { { u"id"_s, a.id } };
    if (!a.mime.isEmpty())
        o.insert(u"mime"_s, a.mime);
    if (a.size >= 0)
        o.insert(u"size"_s, static_cast<double>(a.size));
    if (!a.capturedAt.isEmpty())
        o.insert(u"captured_at"_s, a.capturedAt);
    if (a.location)
        o.insert(u"location"_s, a.location->toJson());
    return o;
}

QVariantMap attachmentToMap(const core::Attachment& a, const QUrl& url)
{
    QVariantMap m = attachmentReference(a).toVariantMap();
    m.insert(u"url"_s, url);
    return m;
}

core::Result<core::Attachment> attachmentFromMap(const QVariantMap& map)
{
    QVariantMap wire = map;
    wire.remove(u"url"_s);
    auto a = core::Attachment::fromJson(QJsonObject::fromVariantMap(wire));
    if (!a)
        return a.error();
    if (auto valid = core::validation::attachmentReference(*a); !valid)
        return valid.error();
    return a;
}

} // namespace safeloop::app
