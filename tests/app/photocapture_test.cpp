#include "app/inspectioncontroller.h"
#include "app/photocapture.h"
#include "app/photostore.h"
#include "workflowtestsupport.h"

#include "core/mutation.h"

#include <QFileInfo>
#include <QImageReader>
#include <QJsonDocument>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

namespace {

QImage syntheticShot(int width, int height, int seed)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb((x + seed) % 256, (y * 3) % 256, ((x ^ y) + seed) % 256));
    return image;
}

/// An inspection of 恒泰 with the ST template, item 0 failed and item 1 passed, and a GPS fix
/// from the site-walk replay (5 m range error, so the accuracy is known).
class PhotoCaptureTest : public safeloop::app::testing::WorkflowFixture {
protected:
    void SetUp() override
    {
        WorkflowFixture::SetUp();
        ctrl.setStore(&store);
        capture.setStore(&store);
        capture.setPosition(&position);
        ASSERT_TRUE(position.useNmeaReplay(
            QStringLiteral(SAFELOOP_SOURCE_DIR "/data/gps/site-walk.nmea"), 5.0));
        position.start();
        ASSERT_TRUE(waitFor([&] { return position.hasFix(); }, 10000));
        position.stop();

        const QString hengtai = DemoSeed::enterpriseIds().first();
        ctrl.loadOptions(hengtai);
        ASSERT_TRUE(waitFor([&] { return !ctrl.templateOptions().isEmpty(); }));
        QString stamping;
        for (const auto& v : ctrl.templateOptions())
            if (v.toMap().value(u"ref"_s).toString().startsWith(u"ST@"_s))
                stamping = v.toMap().value(u"ref"_s).toString();
        ctrl.start(
            hengtai, u"plan"_s, u"enforcement"_s, { u"insp-wang"_s, u"insp-li"_s }, { stamping });
        ASSERT_TRUE(waitFor([&] { return ctrl.checklist()->rowCount() > 1; }))
            << ctrl.errorMessage().toStdString();
        ctrl.answer(code(0), u"fail"_s);
        ctrl.answer(code(1), u"pass"_s);
        ASSERT_TRUE(waitFor([&] { return ctrl.answeredCount() == 2; }))
            << ctrl.errorMessage().toStdString();
    }

    QString code(int row) const { return ctrl.checklist()->get(row).value(u"code"_s).toString(); }
    QStringList photoIds(int row) const
    {
        return ctrl.checklist()->get(row).value(u"photoIds"_s).toStringList();
    }

    QJsonObject attachmentRow(const QString& id)
    {
        return store.call<QJsonObject>([&](core::LocalStore& st) {
            auto r = st.record(u"attachment"_s, id);
            return r && r->has_value() ? (*r)->fields : QJsonObject {};
        });
    }

    /// The map HazardSheet builds from its PositionProvider.
    /// Shoots, waits for the preview and uses the shot; returns the attachment map.
    QVariantMap shootAndUse(const QImage& shot)
    {
        QVariantMap attachment;
        QObject guard;
        QObject::connect(
            &capture, &PhotoCapture::used, &guard, [&](const QVariantMap& a) { attachment = a; });
        if (!capture.acceptImage(shot))
            return {};
        capture.use();
        waitFor([&] { return !attachment.isEmpty() || !capture.errorCode().isEmpty(); });
        return attachment;
    }

    InspectionController ctrl;
    PositionProvider position;
    PhotoCapture capture;
};

} // namespace

TEST_F(PhotoCaptureTest, LargeShotIsPreviewedDownsizedAndItsIdIsTheJpegSha)
{
    const QImage shot = syntheticShot(4032, 3024, 7);
    ASSERT_TRUE(capture.acceptImage(shot)) << capture.errorMessage().toStdString();
    EXPECT_EQ(capture.state(), PhotoCapture::Preview);
    EXPECT_EQ(capture.photoSize(), QSize(2560, 1920));
    ASSERT_TRUE(capture.previewUrl().isLocalFile());
    const QString previewPath = capture.previewUrl().toLocalFile();
    QImageReader reader(previewPath);
    EXPECT_EQ(reader.format(), "jpeg");
    EXPECT_EQ(reader.size(), QSize(2560, 1920));
    auto expected = encodeCameraPhoto(shot);
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ(capture.photoId(), core::BlobStore::sha256Hex(*expected));
    EXPECT_EQ(QFileInfo(previewPath).size(), expected->size());
    EXPECT_EQ(photoIds(0).size(), 0) << "nothing is stored before 使用";
    EXPECT_FALSE(QFileInfo::exists(store.call<QString>(
        [&](core::LocalStore& st) { return st.blobs().path(capture.photoId()); })));
}

TEST_F(PhotoCaptureTest, RetakeDropsTheShotAndTheNextShotReplacesIt)
{
    ASSERT_TRUE(capture.acceptImage(syntheticShot(300, 200, 1)));
    const QString first = capture.previewUrl().toLocalFile();
    const QString firstId = capture.photoId();
    ASSERT_TRUE(QFileInfo::exists(first));
    capture.retake();
    EXPECT_EQ(capture.state(), PhotoCapture::Empty);
    EXPECT_TRUE(capture.previewUrl().isEmpty());
    EXPECT_TRUE(capture.photoId().isEmpty());
    EXPECT_FALSE(QFileInfo::exists(first)) << "a retaken shot leaves no file behind";

    ASSERT_TRUE(capture.acceptImage(syntheticShot(300, 200, 2)));
    EXPECT_EQ(capture.state(), PhotoCapture::Preview);
    EXPECT_NE(capture.photoId(), firstId);
}

TEST_F(PhotoCaptureTest, UseWithoutAShotOrWithANullImageIsRefusedAndStoresNothing)
{
    QSignalSpy failed(&capture, &PhotoCapture::failed);
    capture.use();
    EXPECT_EQ(capture.errorCode(), u"no_photo"_s);
    EXPECT_FALSE(capture.acceptImage(QImage()));
    EXPECT_EQ(capture.errorCode(), u"photo_invalid"_s);
    EXPECT_EQ(capture.state(), PhotoCapture::Empty);
    EXPECT_EQ(failed.size(), 2);
    EXPECT_FALSE(capture.acceptFile(dir.filePath(u"absent.jpg"_s)));
    EXPECT_EQ(capture.errorCode(), u"photo_unreadable"_s);
}

TEST_F(PhotoCaptureTest, UsedShotJoinsTheItemWithCaptureTimeAndLocationOnItsAttachment)
{
    const QVariantMap attachment = shootAndUse(syntheticShot(3000, 4000, 3));
    ASSERT_FALSE(attachment.isEmpty()) << capture.errorMessage().toStdString();
    EXPECT_EQ(capture.state(), PhotoCapture::Used);
    const QString id = attachment.value(u"id"_s).toString();
    EXPECT_EQ(id.size(), 64);
    EXPECT_EQ(attachment.value(u"mime"_s).toString(), u"image/jpeg"_s);
    const QString blob = attachment.value(u"url"_s).toUrl().toLocalFile();
    EXPECT_EQ(QFileInfo(blob).size(), attachment.value(u"size"_s).toLongLong());
    EXPECT_EQ(QImageReader(blob).size(), QSize(1920, 2560));

    ctrl.addCapturedPhoto(code(0), attachment);
    ASSERT_TRUE(waitFor([&] { return photoIds(0) == QStringList { id }; }));
    ASSERT_TRUE(waitFor([&] { return !attachmentRow(id).isEmpty(); }));
    const QJsonObject row = attachmentRow(id);
    EXPECT_EQ(row.value(u"mime"_s).toString(), u"image/jpeg"_s);
    EXPECT_EQ(row.value(u"size"_s).toDouble(), attachment.value(u"size"_s).toDouble());
    EXPECT_EQ(row.value(u"captured_at"_s).toString(), core::formatTimestamp(now));
    EXPECT_EQ(row.value(u"owner_entity"_s).toString(), u"answer"_s);
    const QJsonObject location = row.value(u"location"_s).toObject();
    EXPECT_NEAR(location.value(u"lat"_s).toDouble(), 43.88, 0.01);
    EXPECT_NEAR(location.value(u"lon"_s).toDouble(), 125.25, 0.01);
    EXPECT_EQ(location.value(u"source"_s).toString(), u"nmea"_s);
    EXPECT_TRUE(location.value(u"accuracy_m"_s).isDouble());
    EXPECT_EQ(location.value(u"fix_time"_s).toString(),
        core::formatTimestamp(position.fixTime().toUTC()));
}

TEST_F(PhotoCaptureTest, CapturedAndPickedPhotosWriteTheSameAttachmentFields)
{
    // Camera path on item 0.
    const QVariantMap attachment = shootAndUse(syntheticShot(1200, 900, 11));
    ASSERT_FALSE(attachment.isEmpty()) << capture.errorMessage().toStdString();
    ctrl.addCapturedPhoto(code(0), attachment);
    const QString capturedId = attachment.value(u"id"_s).toString();
    ASSERT_TRUE(waitFor([&] { return !attachmentRow(capturedId).isEmpty(); }));

    // Picker path on item 1: a JPEG file with the fix the sheet would pass.
    auto jpeg = encodeCameraPhoto(syntheticShot(1200, 900, 12));
    ASSERT_TRUE(jpeg.ok());
    const QString file = dir.filePath(u"picked.jpg"_s);
    QFile f(file);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(*jpeg);
    f.close();
    ctrl.addPhoto(code(1), QUrl::fromLocalFile(file), position.fix());
    const QString pickedId = core::BlobStore::sha256Hex(*jpeg);
    ASSERT_TRUE(waitFor([&] { return !attachmentRow(pickedId).isEmpty(); }))
        << ctrl.errorMessage().toStdString();
    EXPECT_TRUE(waitFor([&] { return photoIds(1) == QStringList { pickedId }; }));

    QJsonObject captured = attachmentRow(capturedId);
    QJsonObject picked = attachmentRow(pickedId);
    for (const auto& key : { u"id"_s, u"size"_s, u"owner_id"_s }) {
        EXPECT_TRUE(captured.contains(key) && picked.contains(key)) << key.toStdString();
        captured.remove(key);
        picked.remove(key);
    }
    EXPECT_EQ(captured, picked) << QJsonDocument(captured).toJson().toStdString() << " vs "
                                << QJsonDocument(picked).toJson().toStdString();
    EXPECT_EQ(picked.value(u"captured_at"_s).toString(), core::formatTimestamp(now));
    EXPECT_TRUE(picked.value(u"location"_s).isObject());
}

TEST_F(PhotoCaptureTest, HazardSheetShotTravelsWithItsMetadataIntoTheHazard)
{
    QSignalSpy imported(&ctrl, &InspectionController::photoImported);
    const QVariantMap attachment = shootAndUse(syntheticShot(640, 480, 5));
    ASSERT_FALSE(attachment.isEmpty());
    ctrl.importCapturedPhoto(attachment);
    ASSERT_EQ(imported.size(), 1);
    const QString id = imported.first().at(0).toString();
    EXPECT_EQ(id, attachment.value(u"id"_s).toString());
    EXPECT_EQ(imported.first().at(1).toUrl(), attachment.value(u"url"_s).toUrl());

    QVariantMap hazard = ctrl.proposeHazard(code(0));
    hazard.insert(u"photoIds"_s, QStringList { id });
    hazard.insert(u"place"_s, u"冲压二车间"_s);
    QString hazardId;
    QObject::connect(&ctrl, &InspectionController::hazardCreated, &ctrl,
        [&](const QString& h) { hazardId = h; });
    ctrl.createHazard(hazard);
    ASSERT_TRUE(waitFor([&] { return !hazardId.isEmpty(); })) << ctrl.errorMessage().toStdString();
    const QJsonObject row = attachmentRow(id);
    EXPECT_EQ(row.value(u"owner_entity"_s).toString(), u"hazard"_s);
    EXPECT_EQ(row.value(u"owner_id"_s).toString(), hazardId);
    EXPECT_EQ(row.value(u"captured_at"_s).toString(), core::formatTimestamp(now));
    EXPECT_TRUE(row.value(u"location"_s).isObject());

    ctrl.importCapturedPhoto({ { u"id"_s, u"forged"_s } });
    EXPECT_EQ(imported.size(), 1) << "a map that is no attachment is refused";
    EXPECT_FALSE(ctrl.errorCode().isEmpty());
}
