#include "app/photostore.h"

#include "core/blobstore.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;

namespace {

/// A synthetic camera frame: a gradient with a diagonal, so scaling and encoding have work.
QImage syntheticShot(int width, int height, QImage::Format format = QImage::Format_RGB32)
{
    QImage image(width, height, format);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixelColor(x, y,
                QColor((x * 255) / width, (y * 255) / height, (x == y) ? 255 : 40,
                    format == QImage::Format_ARGB32 ? 128 : 255));
    return image;
}

QSize jpegSize(const QByteArray& bytes, QByteArray* format = nullptr)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    if (format)
        *format = reader.format();
    return reader.size();
}

class PhotoStoreTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        core::LocalStore::Options o;
        o.databasePath = dir.filePath(u"device.sqlite"_s);
        o.blobRoot = dir.filePath(u"blobs"_s);
        o.deviceId = u"device-photo"_s;
        auto opened = core::LocalStore::open(o);
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
        store = std::move(opened).value();
    }

    qsizetype blobCount() const
    {
        qsizetype n = 0;
        const QDir root(dir.filePath(u"blobs"_s));
        for (const auto& sub : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            n += QDir(root.filePath(sub)).entryList(QDir::Files).size();
        return n;
    }

    QTemporaryDir dir;
    std::unique_ptr<core::LocalStore> store;
};

} // namespace

TEST_F(PhotoStoreTest, LargeCameraShotIsScaledToTheMaxEdgeKeepingItsAspect)
{
    auto bytes = encodeCameraPhoto(syntheticShot(4000, 3000));
    ASSERT_TRUE(bytes.ok()) << bytes.error().message.toStdString();
    QByteArray format;
    EXPECT_EQ(jpegSize(*bytes, &format), QSize(2560, 1920));
    EXPECT_EQ(format, "jpeg");

    auto portrait = encodeCameraPhoto(syntheticShot(900, 3000), 1000);
    ASSERT_TRUE(portrait.ok());
    EXPECT_EQ(jpegSize(*portrait), QSize(300, 1000));
}

TEST_F(PhotoStoreTest, SmallShotKeepsItsSizeAndTheSamePixelsGiveTheSameSha)
{
    const QImage shot = syntheticShot(640, 480);
    auto first = encodeCameraPhoto(shot);
    auto second = encodeCameraPhoto(shot.copy());
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(jpegSize(*first), QSize(640, 480)) << "never scaled up";
    EXPECT_EQ(core::BlobStore::sha256Hex(*first), core::BlobStore::sha256Hex(*second));
    auto other = encodeCameraPhoto(syntheticShot(641, 480));
    ASSERT_TRUE(other.ok());
    EXPECT_NE(core::BlobStore::sha256Hex(*first), core::BlobStore::sha256Hex(*other));
}

TEST_F(PhotoStoreTest, TransparentShotIsFlattenedOntoWhite)
{
    QImage clear(64, 64, QImage::Format_ARGB32);
    clear.fill(Qt::transparent);
    auto bytes = encodeCameraPhoto(clear);
    ASSERT_TRUE(bytes.ok());
    const QImage decoded = QImage::fromData(*bytes, "JPEG");
    ASSERT_FALSE(decoded.isNull());
    EXPECT_GT(decoded.pixelColor(32, 32).lightness(), 240) << "transparent is white, not black";
}

TEST_F(PhotoStoreTest, NullImageOrZeroEdgeIsRefused)
{
    auto none = encodeCameraPhoto(QImage());
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, u"photo_invalid"_s);
    auto zero = encodeCameraPhoto(syntheticShot(10, 10), 0);
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().code, u"photo_invalid"_s);
}

TEST_F(PhotoStoreTest, StoredPhotoIsContentAddressedWithTimeAndLocationMetadata)
{
    auto bytes = encodeCameraPhoto(syntheticShot(800, 600));
    ASSERT_TRUE(bytes.ok());
    PhotoInput photo;
    photo.bytes = *bytes;
    photo.mime = u"image/jpeg"_s;
    photo.capturedAt = QDateTime(
        QDate(2026, 11, 25), QTime(9, 30), QTimeZone(QByteArrayLiteral("Asia/Shanghai")));
    photo.location = locationFromMap({ { u"lat"_s, 43.889 }, { u"lon"_s, 125.255 },
        { u"accuracyM"_s, 12.0 }, { u"source"_s, u"nmea"_s }, { u"lowAccuracy"_s, false } });
    auto stored = storePhoto(*store, photo);
    ASSERT_TRUE(stored.ok()) << stored.error().message.toStdString();
    EXPECT_EQ(stored->id, core::BlobStore::sha256Hex(*bytes));
    EXPECT_EQ(stored->mime, u"image/jpeg"_s);
    EXPECT_EQ(stored->size, bytes->size());
    EXPECT_EQ(stored->capturedAt, u"2026-11-25T01:30:00.000Z"_s) << "UTC on the wire";
    ASSERT_TRUE(stored->location.has_value());
    EXPECT_DOUBLE_EQ(stored->location->lat, 43.889);
    EXPECT_EQ(stored->location->accuracyM, 12.0);
    auto back = store->blobs().get(stored->id);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, *bytes);

    const QVariantMap map = attachmentToMap(*stored, QUrl::fromLocalFile(u"/x.jpg"_s));
    EXPECT_EQ(map.value(u"url"_s).toUrl(), QUrl::fromLocalFile(u"/x.jpg"_s));
    auto parsed = attachmentFromMap(map);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message.toStdString();
    EXPECT_EQ(*parsed, *stored);
}

TEST_F(PhotoStoreTest, EmptyPhotoOrBadMetadataIsRefusedAndStoresNothing)
{
    auto empty = storePhoto(*store, PhotoInput { {}, u"image/jpeg"_s, {}, std::nullopt });
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, u"photo_unreadable"_s);
    auto badMime = storePhoto(*store, PhotoInput { "jpeg bytes", u"no mime"_s, {}, std::nullopt });
    ASSERT_FALSE(badMime.ok());
    EXPECT_EQ(badMime.error().code, u"invalid_mime"_s);
    EXPECT_EQ(blobCount(), 0);
    auto forged = attachmentFromMap({ { u"id"_s, u"not-a-sha"_s } });
    EXPECT_FALSE(forged.ok());
}

TEST_F(PhotoStoreTest, PickedFileKeepsItsBytesAndGetsTheMimeOfItsContent)
{
    const QString png = dir.filePath(u"evidence.jpg"_s); // the suffix lies: content decides
    ASSERT_TRUE(syntheticShot(50, 40).save(png, "PNG"));
    auto read = readPhotoFile(QUrl::fromLocalFile(png));
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    EXPECT_EQ(read->mime, u"image/png"_s);
    QFile f(png);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(read->bytes, f.readAll()) << "picked files are stored unchanged";

    const QString text = dir.filePath(u"notes.txt"_s);
    QFile t(text);
    ASSERT_TRUE(t.open(QIODevice::WriteOnly));
    t.write("not an image");
    t.close();
    auto notImage = readPhotoFile(QUrl::fromLocalFile(text));
    ASSERT_FALSE(notImage.ok());
    EXPECT_EQ(notImage.error().code, u"photo_unreadable"_s);
    auto missing = storePhotoFile(
        *store, QUrl::fromLocalFile(dir.filePath(u"absent.jpg"_s)), {}, std::nullopt);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, u"photo_unreadable"_s);
    EXPECT_EQ(blobCount(), 0);
}
