// The documents of an inspection as pure data (buildInspectionDocuments): no store, no PDF.
#include "app/inspectiondocuments.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;

namespace {

QJsonObject hazard(const QString& item, const QString& basis, const QString& deadline,
    const QString& level = u"general"_s, const QString& measure = {})
{
    return { { u"item_code"_s, item }, { u"description"_s, u"描述 "_s + item },
        { u"place"_s, u"冲压二车间"_s }, { u"level"_s, level }, { u"basis"_s, basis },
        { u"deadline"_s, deadline }, { u"measure"_s, measure },
        { u"attachments"_s, QJsonArray { u"0123456789abcdef0123"_s } } };
}

/// An enforcement inspection of 恒泰 by two inspectors with two hazards and the demo
/// district's names.
InspectionDocumentInput sample()
{
    InspectionDocumentInput in;
    in.inspection.id = u"insp-1"_s;
    in.inspection.mode = core::InspectionMode::Enforcement;
    in.inspection.startedAt = u"2026-11-25T01:00:00.000Z"_s;
    in.inspection.finishedAt = u"2026-11-25T02:30:00.000Z"_s;
    in.enterprise = { { u"name"_s, u"青禾恒泰汽车零部件有限公司"_s },
        { u"uscc"_s, u"91220101MA0000010X"_s }, { u"address"_s, u"青禾区青松路88号"_s },
        { u"leader"_s, u"孙建国"_s }, { u"contact"_s, u"赵丽"_s } };
    in.inspectors = { { u"王明"_s, u"22010012"_s }, { u"李强"_s, u"22010031"_s } };
    in.templateTitles = { u"冲压作业"_s, u"工贸通用"_s };
    in.hazards = { hazard(u"ST-01"_s, u"《工贸企业粉尘防爆安全规定》第十条"_s, u"2026-12-10"_s),
        hazard(u"ST-04"_s, u"《冲压作业安全规程》第5.2条"_s, u"2027-01-24"_s, u"major"_s,
            u"停用二号冲床"_s) };
    in.answers = { { { u"item_code"_s, u"ST-01"_s }, { u"result"_s, u"fail"_s } },
        { { u"item_code"_s, u"ST-02"_s }, { u"result"_s, u"pass"_s } },
        { { u"item_code"_s, u"ST-03"_s }, { u"result"_s, u"fail"_s } },
        { { u"item_code"_s, u"ST-04"_s }, { u"result"_s, u"fail"_s } } };
    core::ChecklistItem st03;
    st03.code = u"ST-03"_s;
    st03.textZh = u"安全通道畅通"_s;
    st03.basis = u"《安全生产法》第四十二条"_s;
    in.items.insert(st03.code, st03);
    in.district.authority = u"青禾区应急管理局"_s;
    in.district.reviewAuthority = u"青禾区人民政府或上一级应急管理部门"_s;
    in.district.court = u"青禾区人民法院"_s;
    in.district.enterpriseSignerRole = u"企业负责人"_s;
    in.recordNumber = u"(青)应急检记〔2026〕3号"_s;
    in.orderNumber = u"(青)应急责改〔2026〕2号"_s;
    in.now = QDateTime(QDate(2026, 11, 25), QTime(2, 30), Qt::UTC);
    return in;
}

} // namespace

TEST(InspectionDocumentsTest, EachViolationStatesTheProvisionViolatedAndTheOrdersLegalBasis)
{
    const auto docs = buildInspectionDocuments(sample());
    ASSERT_TRUE(docs.order);
    ASSERT_EQ(docs.order->findings.size(), 2);
    EXPECT_EQ(
        docs.order->findings.at(0).provisionViolated, u"《工贸企业粉尘防爆安全规定》第十条"_s);
    EXPECT_EQ(docs.order->findings.at(1).provisionViolated, u"《冲压作业安全规程》第5.2条"_s);
    for (const auto& f : docs.order->findings) {
        EXPECT_EQ(
            f.legalBasisForOrder, u"《中华人民共和国安全生产法》第六十五条第一款第（三）项"_s);
        EXPECT_EQ(f.place, u"冲压二车间"_s);
        EXPECT_EQ(f.evidenceRefs, QStringList { u"0123456789ab"_s }) << "photo ids shortened";
    }
    EXPECT_TRUE(docs.order->findings.at(1).major);
    EXPECT_FALSE(docs.order->findings.at(0).major);
}

TEST(InspectionDocumentsTest, TheOrderListsEachHazardWithItsDeadlineAndRunsToTheLatest)
{
    const auto docs = buildInspectionDocuments(sample());
    ASSERT_TRUE(docs.order);
    EXPECT_EQ(docs.order->findings.at(0).disposition, u"责令限期整改，期限至2026年12月10日"_s);
    EXPECT_EQ(docs.order->findings.at(1).disposition, u"责令限期整改，期限至2027年1月24日"_s);
    EXPECT_EQ(docs.order->deadline, QDate(2027, 1, 24));
    EXPECT_EQ(docs.order->interimMeasures, u"停用二号冲床"_s) << "the measures hazards name";
    EXPECT_EQ(docs.order->documentNumber, u"(青)应急责改〔2026〕2号"_s);
    EXPECT_EQ(docs.order->issuedOn, QDate(2026, 11, 25));
    EXPECT_EQ(docs.order->inspectors.size(), 2);
}

TEST(InspectionDocumentsTest, TheRecordHoldsEveryFailedItemAndOneWithoutAHazardWasRectifiedOnSite)
{
    const auto docs = buildInspectionDocuments(sample());
    const auto& r = docs.record;
    EXPECT_EQ(r.documentNumber, u"(青)应急检记〔2026〕3号"_s);
    EXPECT_EQ(r.enterpriseName, u"青禾恒泰汽车零部件有限公司"_s);
    EXPECT_EQ(r.areaInspected, u"冲压作业、工贸通用"_s);
    EXPECT_EQ(r.recorder, u"王明"_s);
    EXPECT_EQ(r.enterpriseEscort, u"赵丽"_s);
    EXPECT_EQ(r.startTime, QDateTime(QDate(2026, 11, 25), QTime(1, 0), Qt::UTC));
    EXPECT_EQ(r.endTime, QDateTime(QDate(2026, 11, 25), QTime(2, 30), Qt::UTC));
    ASSERT_EQ(r.findings.size(), 3);
    EXPECT_EQ(r.findings.at(2).itemCode, u"ST-03"_s);
    EXPECT_EQ(r.findings.at(2).description, u"安全通道畅通"_s);
    EXPECT_EQ(r.findings.at(2).provisionViolated, u"《安全生产法》第四十二条"_s);
    EXPECT_EQ(r.findings.at(2).disposition, u"当场整改"_s);
    EXPECT_EQ(r.overallDisposition, u"发现事故隐患2项，已下达责令限期整改指令书"_s);
}

TEST(InspectionDocumentsTest, WithoutHazardsThereIsOnlyTheRecord)
{
    auto in = sample();
    in.hazards.clear();
    in.answers.clear();
    in.orderNumber.clear();
    const auto docs = buildInspectionDocuments(in);
    EXPECT_FALSE(docs.order);
    EXPECT_TRUE(docs.record.findings.isEmpty());
    EXPECT_EQ(docs.record.overallDisposition, u"未发现事故隐患"_s);
}

TEST(InspectionDocumentsTest, DistrictNamesComeFromTheProfile)
{
    auto in = sample();
    in.district.authority = u"松原区应急管理局"_s;
    in.district.court = u"松原区人民法院"_s;
    in.district.reviewAuthority = u"松原区人民政府"_s;
    const auto docs = buildInspectionDocuments(in);
    EXPECT_EQ(docs.record.issuingAuthority, u"松原区应急管理局"_s);
    ASSERT_TRUE(docs.order);
    EXPECT_EQ(docs.order->issuingAuthority, u"松原区应急管理局"_s);
    EXPECT_EQ(docs.order->court, u"松原区人民法院"_s);
    EXPECT_EQ(docs.order->reviewAuthority, u"松原区人民政府"_s);
}

TEST(InspectionDocumentsTest, ADeviceWithoutTheDistrictsNamesPrintsAPlaceholderNotAGuess)
{
    auto in = sample();
    in.district = {};
    const auto docs = buildInspectionDocuments(in);
    EXPECT_EQ(docs.record.issuingAuthority, districtPlaceholder(u"执法机关"_s));
    EXPECT_TRUE(docs.record.issuingAuthority.contains(u"未设置"_s));
    ASSERT_TRUE(docs.order);
    EXPECT_EQ(docs.order->court, districtPlaceholder(u"人民法院"_s));
    EXPECT_EQ(docs.order->reviewAuthority, districtPlaceholder(u"行政复议机关"_s));
    for (const QString& s :
        { docs.record.issuingAuthority, docs.order->court, docs.order->reviewAuthority })
        EXPECT_FALSE(s.contains(u"青禾"_s));
}

TEST(InspectionDocumentsTest, TheEnterprisesSignatureCarriesTheDistrictsTitle)
{
    auto in = sample();
    in.district.enterpriseSignerRole = u"主要负责人"_s;
    in.signatures
        = { { u"孙建国"_s, u"enterprise"_s, QImage(10, 10, QImage::Format_ARGB32), {}, in.now },
              { u"王明"_s, u"inspector"_s, QImage(10, 10, QImage::Format_ARGB32), {}, in.now } };
    const auto docs = buildInspectionDocuments(in);
    ASSERT_EQ(docs.record.signatures.size(), 2);
    EXPECT_EQ(docs.record.signatures.at(0).role, u"主要负责人"_s);
    EXPECT_EQ(docs.record.signatures.at(1).role, u"检查人员"_s);
    ASSERT_TRUE(docs.order);
    EXPECT_EQ(docs.order->receipt.receiverName, u"孙建国"_s);
    EXPECT_EQ(docs.order->receipt.signature.role, u"主要负责人"_s);
    EXPECT_FALSE(docs.order->receipt.signature.image.isNull());
}

TEST(InspectionDocumentsTest, ARefusalIsPrintedAsTheEnterprisesSignature)
{
    auto in = sample();
    in.inspection.refusalNote = u"拒绝签字，二人见证"_s;
    in.signatures
        = { { u"王明"_s, u"inspector"_s, QImage(10, 10, QImage::Format_ARGB32), {}, in.now } };
    const auto docs = buildInspectionDocuments(in);
    ASSERT_EQ(docs.record.signatures.size(), 2);
    EXPECT_EQ(docs.record.signatures.at(1).signerName, u"孙建国"_s);
    EXPECT_EQ(docs.record.signatures.at(1).role, u"企业负责人"_s);
    EXPECT_EQ(docs.record.signatures.at(1).refusalNote, u"拒绝签字，二人见证"_s);
    ASSERT_TRUE(docs.order);
    EXPECT_EQ(docs.order->receipt.signature.refusalNote, u"拒绝签字，二人见证"_s);
}

TEST(InspectionDocumentsTest, GuidanceIssuesAnUnnumberedOpinionWithoutOrderOrAppealNotice)
{
    auto in = sample();
    in.inspection.mode = core::InspectionMode::Guidance;
    in.orderNumber.clear(); // readInspectionDocumentInput takes no order number for guidance
    const auto docs = buildInspectionDocuments(in);
    EXPECT_FALSE(docs.order) << "guidance issues no 责令限期整改指令书";
    ASSERT_TRUE(docs.guidance);
    const GuidanceOpinionData& g = *docs.guidance;
    EXPECT_EQ(g.title, u"安全检查指导意见"_s);
    EXPECT_EQ(g.recordNumber, u"(青)应急检记〔2026〕3号"_s) << "it refers to the record";
    EXPECT_EQ(g.enterpriseName, u"青禾恒泰汽车零部件有限公司"_s);
    EXPECT_EQ(g.issuingAuthority, u"青禾区应急管理局"_s);
    EXPECT_EQ(g.inspectors.size(), 2);
    EXPECT_EQ(g.suggestedMeasures, u"停用二号冲床"_s);
    ASSERT_EQ(g.findings.size(), 2);
    for (const auto& f : g.findings) {
        EXPECT_TRUE(f.legalBasisForOrder.isEmpty()) << "no 责令整改 basis";
        EXPECT_FALSE(f.disposition.contains(u"责令"_s)) << f.disposition.toStdString();
    }
    EXPECT_EQ(g.findings.at(0).disposition, u"建议于2026年12月10日前整改完毕"_s);
    EXPECT_EQ(g.findings.at(0).provisionViolated, u"《工贸企业粉尘防爆安全规定》第十条"_s);
    EXPECT_EQ(docs.record.overallDisposition, u"发现事故隐患2项，已出具安全检查指导意见"_s);
    for (const auto& f : docs.record.findings)
        EXPECT_FALSE(f.disposition.contains(u"责令"_s)) << f.disposition.toStdString();
}

TEST(InspectionDocumentsTest, EnforcementIssuesTheOrderAndNoGuidanceOpinion)
{
    const auto docs = buildInspectionDocuments(sample());
    ASSERT_TRUE(docs.order);
    EXPECT_FALSE(docs.guidance);
    EXPECT_EQ(docs.order->court, u"青禾区人民法院"_s);
}

TEST(InspectionDocumentsTest, GuidanceWithoutHazardsIssuesOnlyTheRecord)
{
    auto in = sample();
    in.inspection.mode = core::InspectionMode::Guidance;
    in.hazards.clear();
    in.answers.clear();
    const auto docs = buildInspectionDocuments(in);
    EXPECT_FALSE(docs.order);
    EXPECT_FALSE(docs.guidance);
}
