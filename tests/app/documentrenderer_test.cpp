#include "app/documentfont.h"
#include "app/documentrenderer.h"
#include "sampledocuments.h"
#include "tests/support/pdftext.h"

#include <QFile>
#include <QFuture>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRawFont>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace safeloop::app;

using safeloop::test::pdfPages;

namespace {

QString squash(QString s)
{
    s = s.normalized(QString::NormalizationForm_KC);
    s.remove(QRegularExpression(u"\\s+"_s));
    return s;
}

using safeloop::app::testing::inkSignature;

DocFinding finding(int n)
{
    return safeloop::app::testing::sampleFinding(n);
}

/// The sample record, signed by the inspector, with the enterprise's refusal recorded.
InspectionRecordData record(int findings)
{
    InspectionRecordData d = safeloop::app::testing::sampleRecord(findings);
    d.signatures.append({ u"赵厂长"_s, u"企业负责人"_s, {},
        u"企业负责人拒绝签字，已由两名检查人员在场见证"_s, {} });
    return d;
}

RectificationOrderData order()
{
    RectificationOrderData d;
    d.documentNumber = u"(青)应急责改〔2026〕12号"_s;
    d.issuingAuthority = u"青禾区应急管理局"_s;
    d.enterpriseName = u"长春青松汽车零部件有限公司"_s;
    d.creditCode = u"91220106MA0Y3K5X2P"_s;
    d.address = u"长春市青禾区示例路88号"_s;
    d.inspectionTime = QDateTime(QDate(2026, 11, 25), QTime(1, 30), Qt::UTC);
    d.place = u"冲压车间"_s;
    d.findings = { finding(1), finding(2) };
    d.deadline = QDate(2026, 12, 15);
    d.interimMeasures = u"停用失效压力机并设置警示标志"_s;
    d.reviewAuthority = u"长春市青禾区人民政府"_s;
    d.court = u"长春市青禾区人民法院"_s;
    d.inspectors = { { u"张明"_s, u"22010012345"_s }, { u"李华"_s, u"22010067890"_s } };
    d.signatures = { { u"张明"_s, u"执法人员"_s, inkSignature(), {}, {} } };
    d.receipt.receiverName = u"王安全"_s;
    d.receipt.receivedAt = QDateTime(QDate(2026, 11, 25), QTime(3, 10), Qt::UTC);
    d.receipt.signature = { u"王安全"_s, u"签收人"_s, inkSignature(), {}, {} };
    d.issuedOn = QDate(2026, 11, 25);
    return d;
}

} // namespace

TEST(DocumentRendererTest, FindsACjkFont)
{
    EXPECT_EQ(DocumentRenderer::cjkFontFamily(), u"SafeLoop Document Sans"_s);
}

TEST(DocumentRendererTest, OrderTextIsSearchableExactlyAsWritten)
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"order.pdf"_s);
    ASSERT_TRUE(DocumentRenderer::renderRectificationOrder(order(), pdf).ok());
    // No normalisation: what a search for the district or the enterprise finds.
    const QString text = safeloop::test::pdfRawText(pdf);
    ASSERT_FALSE(text.isEmpty());
    for (const QString& expected :
        { u"青禾区应急管理局"_s, u"长春青松汽车零部件有限公司"_s, u"长春市青禾区人民法院"_s,
            u"责令限期整改指令书"_s, u"停用失效压力机并设置警示标志"_s })
        EXPECT_TRUE(text.contains(expected)) << expected.toStdString();
    for (const QChar c : text)
        EXPECT_FALSE(c.unicode() >= 0x2E80 && c.unicode() <= 0x2FDF)
            << "radical U+" << QString::number(c.unicode(), 16).toStdString() << " in the text";
}

TEST(DocumentRendererTest, ViolatedProvisionPrintsOnlyTheLegalBasis)
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"order.pdf"_s);
    RectificationOrderData d = order();
    d.findings[0].provisionViolated
        = u"应急管理部令第10号 有限空间专项(一)（台账与警示标志均缺失时判重大）；应急管理部令第13号"_s;
    ASSERT_TRUE(DocumentRenderer::renderRectificationOrder(d, pdf).ok());
    const QString text = safeloop::test::pdfText(pdf);
    EXPECT_TRUE(
        text.contains(squash(u"违反：应急管理部令第10号有限空间专项(一)；应急管理部令第13号"_s)))
        << text.toStdString();
    EXPECT_FALSE(text.contains(squash(u"判重大"_s)));
}

TEST(DocumentFontTest, DropsRadicalsThatShareAnIdeographsGlyphAndKeepsEverythingElse)
{
    QFile file(u"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"_s);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << "fonts-noto-cjk is installed by setup.sh";
    const QByteArray original = file.readAll();
    auto derived = DocumentFont::derive(original, u" SC"_s, u"Test Document Sans"_s, u"Regular"_s);
    ASSERT_TRUE(derived.ok()) << derived.error().message.toStdString();
    QFont system(u"Noto Sans CJK SC"_s);
    system.setPixelSize(12);
    const QRawFont before = QRawFont::fromFont(system);
    const QRawFont after(derived.value(), 12);
    ASSERT_TRUE(before.isValid());
    ASSERT_EQ(before.familyName(), u"Noto Sans CJK SC"_s);
    ASSERT_TRUE(after.isValid());
    EXPECT_EQ(after.familyName(), u"Test Document Sans"_s);
    // The system font draws ⻘ (U+2ED8) and ⽲ (U+2F72) with 青's and 禾's glyphs.
    const auto glyphs
        = [](const QRawFont& f, const QString& s) { return f.glyphIndexesForString(s); };
    ASSERT_EQ(glyphs(before, u"⻘"_s), glyphs(before, u"青"_s));
    ASSERT_EQ(glyphs(before, u"⽲"_s), glyphs(before, u"禾"_s));
    EXPECT_EQ(glyphs(after, u"⻘⽲"_s), (QList<quint32> { 0, 0 }));
    const QString text = u"青禾区 Safety 安全生产法 第三十六条（２０２６）"_s;
    EXPECT_EQ(glyphs(after, text), glyphs(before, text));
}

TEST(DocumentFontTest, RefusesWhatIsNotAFont)
{
    auto derived = DocumentFont::derive("not a font at all", u" SC"_s, u"X"_s, u"Regular"_s);
    ASSERT_FALSE(derived.ok());
    EXPECT_EQ(derived.error().code, u"font_unreadable"_s);
    QByteArray cut("ttcf\0\1\0\0\0\0\0\1\0\0\0\x10", 16);
    EXPECT_FALSE(DocumentFont::derive(cut, u" SC"_s, u"X"_s, u"Regular"_s).ok());
}

TEST(DocumentRendererTest, InspectionRecordCarriesEveryField)
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"record.pdf"_s);
    dir.setAutoRemove(qEnvironmentVariableIsEmpty("SAFELOOP_KEEP_PDF"));
    const auto result = DocumentRenderer::renderInspectionRecord(record(2), pdf);
    ASSERT_TRUE(result.ok()) << result.error().message.toStdString();
    const QString text = safeloop::test::pdfText(pdf);
    ASSERT_FALSE(text.isEmpty());
    for (const QString& expected :
        { u"现场检查记录"_s, u"(青)应急检记〔2026〕7号"_s, u"长春青松汽车零部件有限公司"_s,
            u"91220106MA0Y3K5X2P"_s, u"长春市青禾区示例路88号"_s, u"冲压、焊装车间及危化品库"_s,
            // 01:30 UTC is 09:30 in Changchun.
            u"2026年11月25日09:30至2026年11月25日11:05"_s, u"张明(执法证号:22010012345)"_s,
            u"李华(执法证号:22010067890)"_s, u"记录人:李华"_s, u"王安全(安全员)"_s,
            u"已向被检查单位出示行政执法证件"_s, u"冲压车间第1号压力机光电保护装置失效"_s,
            u"【重大事故隐患】"_s, u"违反:《中华人民共和国安全生产法》第三十六条"_s,
            u"照片3fa2c9"_s, u"企业负责人拒绝签字"_s }) {
        EXPECT_TRUE(text.contains(squash(expected))) << expected.toStdString();
    }
    EXPECT_EQ(pdfPages(pdf), 1);
}

TEST(DocumentRendererTest, ManyFindingsFlowOntoMorePages)
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"long.pdf"_s);
    ASSERT_TRUE(DocumentRenderer::renderInspectionRecord(record(30), pdf).ok());
    EXPECT_GE(pdfPages(pdf), 3);
    const QString text = safeloop::test::pdfText(pdf);
    EXPECT_TRUE(text.contains(squash(u"冲压车间第30号压力机光电保护装置失效"_s)));
    EXPECT_TRUE(text.contains(squash(u"第 3 页"_s)));
}

TEST(DocumentRendererTest, RectificationOrderCarriesDeadlineRightsAndReceipt)
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"order.pdf"_s);
    const auto result = DocumentRenderer::renderRectificationOrder(order(), pdf);
    ASSERT_TRUE(result.ok()) << result.error().message.toStdString();
    const QString text = safeloop::test::pdfText(pdf);
    for (const QString& expected :
        { u"责令限期整改指令书"_s, u"(青)应急责改〔2026〕12号"_s, u"长春青松汽车零部件有限公司:"_s,
            u"91220106MA0Y3K5X2P"_s, u"责令整改依据:《中华人民共和国安全生产法》第六十五条"_s,
            u"于2026年12月15日前整改完毕"_s, u"停用失效压力机并设置警示标志"_s,
            u"书面报告整改情况"_s, u"60日内向长春市青禾区人民政府申请行政复议"_s,
            u"6个月内依法向长春市青禾区人民法院提起行政诉讼"_s, u"张明(执法证号:22010012345)"_s,
            u"青禾区应急管理局(印章)"_s, u"送达回执"_s, u"签收人:王安全"_s,
            u"2026年11月25日11:10"_s }) {
        EXPECT_TRUE(text.contains(squash(expected))) << expected.toStdString();
    }
}

TEST(DocumentRendererTest, GuidanceOpinionStatesTheFindingsButNoOrderNoticeOrNumber)
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"guidance.pdf"_s);
    GuidanceOpinionData d;
    d.title = u"安全检查指导意见"_s;
    d.issuingAuthority = u"青禾区应急管理局"_s;
    d.enterpriseName = u"长春青松汽车零部件有限公司"_s;
    d.creditCode = u"91220106MA0Y3K5X2P"_s;
    d.address = u"长春市青禾区示例路88号"_s;
    d.inspectionTime = QDateTime(QDate(2026, 11, 25), QTime(1, 30), Qt::UTC);
    d.recordNumber = u"(青)应急检记〔2026〕7号"_s;
    DocFinding f = finding(1);
    f.legalBasisForOrder.clear();
    f.disposition = u"建议于2026年12月10日前整改完毕"_s;
    d.findings = { f };
    d.suggestedMeasures = u"停用失效压力机"_s;
    d.inspectors = { { u"张明"_s, u"22010012345"_s } };
    d.signatures = { { u"张明"_s, u"检查人员"_s, inkSignature(), {}, {} } };
    d.issuedOn = QDate(2026, 11, 25);
    const auto result = DocumentRenderer::renderGuidanceOpinion(d, pdf);
    ASSERT_TRUE(result.ok()) << result.error().message.toStdString();
    const QString raw = safeloop::test::pdfRawText(pdf);
    EXPECT_TRUE(raw.contains(u"长春青松汽车零部件有限公司"_s)) << raw.toStdString();
    const QString text = safeloop::test::pdfText(pdf);
    for (const QString& expected :
        { u"安全检查指导意见"_s, u"冲压车间第1号压力机光电保护装置失效"_s,
            u"违反:《中华人民共和国安全生产法》第三十六条"_s, u"建议于2026年12月10日前整改完毕"_s,
            u"现场检查记录编号:(青)应急检记〔2026〕7号"_s, u"张明(执法证号:22010012345)"_s })
        EXPECT_TRUE(text.contains(squash(expected))) << expected.toStdString();
    for (const QString& absent :
        { u"行政复议"_s, u"行政诉讼"_s, u"责令"_s, u"指令书"_s, u"应急责改"_s, u"印章"_s })
        EXPECT_FALSE(text.contains(absent)) << absent.toStdString();
}

TEST(DocumentRendererTest, RendersFromAWorkerThread)
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"worker.pdf"_s);
    std::atomic<bool> ok = false;
    QThread* worker = QThread::create(
        [&] { ok = DocumentRenderer::renderRectificationOrder(order(), pdf).ok(); });
    worker->start();
    ASSERT_TRUE(worker->wait(60000));
    delete worker;
    EXPECT_TRUE(ok.load());
    EXPECT_TRUE(safeloop::test::pdfText(pdf).contains(squash(u"责令限期整改指令书"_s)));
}

TEST(DocumentRendererTest, UnwritablePathIsARefusal)
{
    const auto result
        = DocumentRenderer::renderInspectionRecord(record(1), u"/proc/safeloop/x.pdf"_s);
    ASSERT_FALSE(result.ok());
    EXPECT_FALSE(result.error().code.isEmpty());
}
