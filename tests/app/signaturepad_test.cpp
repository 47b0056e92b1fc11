#include "app/signaturepad.h"

#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::app::SignaturePad;

namespace {

int inkPixels(const QImage& image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() > 128 && c.lightness() < 100)
                ++count;
        }
    }
    return count;
}

QVariantList line(QPointF from, QPointF to)
{
    QVariantList points;
    for (int i = 0; i <= 10; ++i)
        points << QVariant::fromValue(from + (to - from) * (i / 10.0));
    return points;
}

} // namespace

TEST(SignaturePadTest, StartsEmptyAndExportsNothing)
{
    SignaturePad pad;
    pad.setSize({ 300, 150 });
    EXPECT_TRUE(pad.isEmpty());
    EXPECT_TRUE(pad.toPng().isEmpty());
    QTemporaryDir dir;
    const QVariantMap result = pad.savePng(dir.filePath(u"sig.png"_s));
    EXPECT_FALSE(result.value(u"ok"_s).toBool());
    EXPECT_FALSE(QFile::exists(dir.filePath(u"sig.png"_s)));
}

TEST(SignaturePadTest, StrokesExportAPngWithBlackInkOnWhite)
{
    SignaturePad pad;
    pad.setSize({ 300, 150 });
    pad.addStroke(line({ 20, 20 }, { 280, 130 }));
    pad.addStroke(line({ 20, 130 }, { 280, 20 }));
    EXPECT_FALSE(pad.isEmpty());
    EXPECT_EQ(pad.strokeCount(), 2);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"signatures/sig.png"_s);
    const QVariantMap result = pad.savePng(path);
    ASSERT_TRUE(result.value(u"ok"_s).toBool())
        << result.value(u"error"_s).toString().toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_EQ(result.value(u"sha256"_s).toString(),
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    EXPECT_EQ(result.value(u"size"_s).toLongLong(), bytes.size());

    QImage image;
    ASSERT_TRUE(image.loadFromData(bytes, "PNG"));
    EXPECT_EQ(image.size(), QSize(300, 150));
    EXPECT_GT(inkPixels(image), 300);
    EXPECT_EQ(image.pixelColor(290, 75), QColor(Qt::white)); // untouched corner stays paper white
}

TEST(SignaturePadTest, TransparentBackgroundKeepsUntouchedPixelsClear)
{
    SignaturePad pad;
    pad.setSize({ 100, 50 });
    pad.setTransparentBackground(true);
    pad.addStroke(line({ 10, 25 }, { 90, 25 }));
    QImage image;
    ASSERT_TRUE(image.loadFromData(pad.toPng(), "PNG"));
    EXPECT_EQ(image.pixelColor(5, 5).alpha(), 0);
    EXPECT_GT(inkPixels(image), 50);
}

TEST(SignaturePadTest, ClearMakesItEmptyAgain)
{
    SignaturePad pad;
    pad.setSize({ 100, 50 });
    pad.addStroke(line({ 10, 10 }, { 90, 40 }));
    ASSERT_FALSE(pad.isEmpty());
    pad.clear();
    EXPECT_TRUE(pad.isEmpty());
    EXPECT_EQ(pad.strokeCount(), 0);
    EXPECT_TRUE(pad.toPng().isEmpty());
    EXPECT_EQ(inkPixels(pad.toImage()), 0);
}

TEST(SignaturePadTest, MouseDragDrawsAStroke)
{
    QQuickWindow window;
    window.resize(320, 200);
    SignaturePad pad(window.contentItem());
    pad.setSize({ 300, 180 });
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    QTest::mousePress(&window, Qt::LeftButton, {}, QPoint(30, 30));
    for (int i = 1; i <= 10; ++i)
        QTest::mouseMove(&window, QPoint(30 + i * 20, 30 + i * 10));
    QTest::mouseRelease(&window, Qt::LeftButton, {}, QPoint(230, 130));

    EXPECT_EQ(pad.strokeCount(), 1);
    EXPECT_GT(inkPixels(pad.toImage()), 200);
}
