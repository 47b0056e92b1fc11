#include "app/pdfimageprovider.h"
#include "sampledocuments.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace safeloop::app;

namespace {

/// A4 portrait: height ÷ width.
constexpr double A4Aspect = 297.0 / 210.0;

/// Share of pixels that are clearly not white (text, lines, signature ink).
double inkShare(const QImage& image)
{
    qint64 ink = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qGray(image.pixel(x, y)) < 160)
                ++ink;
        }
    }
    return static_cast<double>(ink) / (static_cast<double>(image.width()) * image.height());
}

class PdfImageProviderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(DocumentRenderer::renderInspectionRecord(
            safeloop::app::testing::sampleRecord(30), longPdf)
                        .ok());
        ASSERT_TRUE(DocumentRenderer::renderInspectionRecord(
            safeloop::app::testing::sampleRecord(1), shortPdf)
                        .ok());
    }

    /// The id an Image hands the provider: the URL after "image://pdf/".
    static QString idOf(const QUrl& url) { return url.toString().mid(u"image://pdf/"_s.size()); }

    QTemporaryDir dir;
    const QString longPdf = dir.filePath(u"记录 long.pdf"_s);
    const QString shortPdf = dir.filePath(u"short.pdf"_s);
};

TEST_F(PdfImageProviderTest, ReadsThePageCountAndA4PagesOfTheAppsOwnDocuments)
{
    const auto longInfo = readPdf(longPdf);
    ASSERT_TRUE(longInfo) << longInfo.error().message.toStdString();
    EXPECT_GE(longInfo->pageCount, 3);
    ASSERT_EQ(longInfo->pageSizes.size(), longInfo->pageCount);
    for (const QSizeF& s : longInfo->pageSizes)
        EXPECT_NEAR(s.height() / s.width(), A4Aspect, 0.01);

    const auto shortInfo = readPdf(shortPdf);
    ASSERT_TRUE(shortInfo);
    EXPECT_EQ(shortInfo->pageCount, 1);
}

TEST_F(PdfImageProviderTest, RendersAPageWithInkAtTheAskedWidthAndThePagesAspectRatio)
{
    const auto image = renderPdfPage(longPdf, 0, 600);
    ASSERT_TRUE(image) << image.error().message.toStdString();
    EXPECT_EQ(image->width(), 600);
    EXPECT_NEAR(static_cast<double>(image->height()) / image->width(), A4Aspect, 0.01);
    // Text on white paper: some ink, mostly paper (a blank or black page fails both ways).
    const double ink = inkShare(*image);
    EXPECT_GT(ink, 0.005);
    EXPECT_LT(ink, 0.5);
    EXPECT_EQ(image->pixelColor(2, 2), QColor(Qt::white)); // the margin is paper, not transparent

    const auto last = renderPdfPage(longPdf, readPdf(longPdf)->pageCount - 1, 300);
    ASSERT_TRUE(last);
    EXPECT_EQ(last->width(), 300);
    EXPECT_GT(inkShare(*last), 0.001);
}

TEST_F(PdfImageProviderTest, ProviderRendersThePageOfItsUrlAtTheImagesSourceSize)
{
    PdfImageProvider provider;
    EXPECT_EQ(provider.imageType(), QQuickImageProvider::Image);
    EXPECT_TRUE(provider.flags() & QQmlImageProviderBase::ForceAsynchronousImageLoading);

    const QUrl url = PdfImageProvider::pageUrl(longPdf, 1, 42);
    EXPECT_EQ(url.scheme(), u"image"_s);
    EXPECT_EQ(url.host(), u"pdf"_s);
    QSize size;
    const QImage byWidth = provider.requestImage(idOf(url), &size, QSize(400, 0));
    ASSERT_FALSE(byWidth.isNull());
    EXPECT_EQ(byWidth.width(), 400);
    EXPECT_EQ(size, byWidth.size());
    EXPECT_GT(inkShare(byWidth), 0.001);

    // Only a height asked for: the width follows the page.
    const QImage byHeight = provider.requestImage(idOf(url), &size, QSize(0, 566));
    ASSERT_FALSE(byHeight.isNull());
    EXPECT_NEAR(byHeight.height(), 566, 2);

    const QImage byDefault = provider.requestImage(idOf(url), &size, QSize());
    EXPECT_EQ(byDefault.width(), PdfImageProvider::DefaultWidth);
}

TEST_F(PdfImageProviderTest, MissingFileIsRefusedAsNotFoundAndGivesNoImage)
{
    const QString missing = dir.filePath(u"nowhere.pdf"_s);
    const auto info = readPdf(missing);
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, u"pdf_not_found"_s);
    const auto image = renderPdfPage(missing, 0, 300);
    ASSERT_FALSE(image);
    EXPECT_EQ(image.error().code, u"pdf_not_found"_s);

    PdfImageProvider provider;
    QSize size;
    EXPECT_TRUE(
        provider.requestImage(idOf(PdfImageProvider::pageUrl(missing, 0)), &size, QSize(300, 0))
            .isNull());
    EXPECT_TRUE(provider.requestImage(u"not/an id"_s, &size, QSize(300, 0)).isNull());
}

TEST_F(PdfImageProviderTest, CorruptOrTruncatedFileIsRefusedAsUnreadable)
{
    const QString garbage = dir.filePath(u"garbage.pdf"_s);
    QFile g(garbage);
    ASSERT_TRUE(g.open(QIODevice::WriteOnly));
    g.write("%PDF-1.4\nthis is not really a PDF\n");
    g.close();
    const auto a = readPdf(garbage);
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().code, u"pdf_unreadable"_s);

    QFile whole(shortPdf);
    ASSERT_TRUE(whole.open(QIODevice::ReadOnly));
    const QByteArray head = whole.read(whole.size() / 3);
    const QString truncated = dir.filePath(u"truncated.pdf"_s);
    QFile t(truncated);
    ASSERT_TRUE(t.open(QIODevice::WriteOnly));
    t.write(head);
    t.close();
    const auto b = renderPdfPage(truncated, 0, 300);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().code, u"pdf_unreadable"_s);

    const auto dirAsPdf = readPdf(dir.path());
    ASSERT_FALSE(dirAsPdf);
    EXPECT_EQ(dirAsPdf.error().code, u"pdf_not_found"_s);
}

TEST_F(PdfImageProviderTest, PageOutOfRangeIsRefused)
{
    const auto image = renderPdfPage(shortPdf, 1, 300);
    ASSERT_FALSE(image);
    EXPECT_EQ(image.error().code, u"pdf_no_page"_s);
    EXPECT_FALSE(renderPdfPage(shortPdf, -1, 300));
}

} // namespace
