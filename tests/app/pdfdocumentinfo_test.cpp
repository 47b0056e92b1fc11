#include "app/pdfdocumentinfo.h"
#include "sampledocuments.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::app;

namespace {

class PdfDocumentInfoTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(
            DocumentRenderer::renderInspectionRecord(safeloop::app::testing::sampleRecord(30), pdf)
                .ok());
    }

    /// Waits until `doc` has read its file (Ready or Error).
    static bool settled(PdfDocumentInfo& doc)
    {
        QSignalSpy spy(&doc, &PdfDocumentInfo::statusChanged);
        for (int i = 0; i < 50; ++i) {
            if (doc.status() == PdfDocumentInfo::Status::Ready
                || doc.status() == PdfDocumentInfo::Status::Error)
                return true;
            spy.wait(200);
        }
        return false;
    }

    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"record.pdf"_s);
};

TEST_F(PdfDocumentInfoTest, ReadsPagesOffTheGuiThreadThenGivesEachPagesImageUrl)
{
    PdfDocumentInfo doc;
    EXPECT_EQ(doc.status(), PdfDocumentInfo::Status::Null);
    QSignalSpy failed(&doc, &PdfDocumentInfo::failed);
    doc.setSource(pdf);
    EXPECT_EQ(doc.status(), PdfDocumentInfo::Status::Loading); // not read on this thread
    EXPECT_TRUE(doc.pageSource(0).isEmpty());
    ASSERT_TRUE(settled(doc));
    ASSERT_EQ(doc.status(), PdfDocumentInfo::Status::Ready) << doc.errorCode().toStdString();
    EXPECT_GE(doc.pageCount(), 3);
    EXPECT_EQ(doc.pageSizes().size(), doc.pageCount());
    EXPECT_NEAR(doc.pageAspect(0), 297.0 / 210.0, 0.01);
    EXPECT_TRUE(doc.errorCode().isEmpty());
    EXPECT_EQ(failed.count(), 0);

    const QUrl first = doc.pageSource(0);
    EXPECT_EQ(first.scheme(), u"image"_s);
    EXPECT_EQ(first.host(), u"pdf"_s);
    EXPECT_NE(first, doc.pageSource(1));
    EXPECT_TRUE(doc.pageSource(doc.pageCount()).isEmpty());
    EXPECT_TRUE(doc.pageSource(-1).isEmpty());
}

TEST_F(PdfDocumentInfoTest, FileUrlIsTheSameFileAsItsPath)
{
    PdfDocumentInfo byPath;
    byPath.setSource(pdf);
    PdfDocumentInfo byUrl;
    byUrl.setSource(QUrl::fromLocalFile(pdf).toString());
    ASSERT_TRUE(settled(byPath));
    ASSERT_TRUE(settled(byUrl));
    ASSERT_EQ(byUrl.status(), PdfDocumentInfo::Status::Ready);
    EXPECT_EQ(byUrl.pageCount(), byPath.pageCount());
    EXPECT_EQ(byUrl.pageSource(0), byPath.pageSource(0));
}

TEST_F(PdfDocumentInfoTest, MissingFileIsAnErrorInPlainWords)
{
    PdfDocumentInfo doc;
    QSignalSpy failed(&doc, &PdfDocumentInfo::failed);
    doc.setSource(dir.filePath(u"gone.pdf"_s));
    ASSERT_TRUE(settled(doc));
    EXPECT_EQ(doc.status(), PdfDocumentInfo::Status::Error);
    EXPECT_EQ(doc.errorCode(), u"pdf_not_found"_s);
    EXPECT_TRUE(doc.errorMessage().contains(u"找不到"_s)) << doc.errorMessage().toStdString();
    EXPECT_FALSE(doc.errorMessage().contains(u"gone.pdf"_s)); // words, not the developer's text
    EXPECT_EQ(doc.pageCount(), 0);
    EXPECT_TRUE(doc.pageSource(0).isEmpty());
    ASSERT_EQ(failed.count(), 1);
    EXPECT_EQ(failed.first().at(0).toString(), u"pdf_not_found"_s);
}

TEST_F(PdfDocumentInfoTest, CorruptFileIsAnErrorAndReloadReadsItOnceRepaired)
{
    const QString broken = dir.filePath(u"broken.pdf"_s);
    {
        QFile f(broken);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("not a pdf at all");
    }
    PdfDocumentInfo doc;
    doc.setSource(broken);
    ASSERT_TRUE(settled(doc));
    EXPECT_EQ(doc.errorCode(), u"pdf_unreadable"_s);
    EXPECT_FALSE(doc.errorMessage().isEmpty());

    ASSERT_TRUE(QFile::remove(broken));
    ASSERT_TRUE(QFile::copy(pdf, broken));
    doc.reload();
    ASSERT_TRUE(settled(doc));
    EXPECT_EQ(doc.status(), PdfDocumentInfo::Status::Ready);
    EXPECT_TRUE(doc.errorMessage().isEmpty());
    EXPECT_GE(doc.pageCount(), 3);
}

TEST_F(PdfDocumentInfoTest, EmptySourceShowsNothingAndANewSourceDropsTheOldAnswer)
{
    PdfDocumentInfo doc;
    doc.setSource(dir.filePath(u"gone.pdf"_s));
    doc.setSource(pdf); // asked again before the first read answered
    ASSERT_TRUE(settled(doc));
    EXPECT_EQ(doc.status(), PdfDocumentInfo::Status::Ready);
    doc.setSource({});
    EXPECT_EQ(doc.status(), PdfDocumentInfo::Status::Null);
    EXPECT_EQ(doc.pageCount(), 0);
}

} // namespace
