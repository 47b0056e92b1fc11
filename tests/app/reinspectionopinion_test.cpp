// The 整改复查意见书 as pure data (buildReinspectionOpinion): no store, no PDF.
#include "app/reinspectionopinion.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;

namespace {

/// 王明 re-inspects 北辰's pressure-gauge hazard after the enterprise's submission.
ReinspectionOpinionInput sample(const QString& decision, const QString& note)
{
    ReinspectionOpinionInput in;
    in.hazard = { { u"item_code"_s, u"FD-03"_s }, { u"description"_s, u"未安装压力表"_s },
        { u"place"_s, u"熔炼车间"_s }, { u"level"_s, u"major"_s },
        { u"basis"_s, u"《特种设备安全法》第三十九条"_s }, { u"deadline"_s, u"2026-12-20"_s } };
    in.enterprise = { { u"name"_s, u"青禾北辰精密铸造厂"_s },
        { u"uscc"_s, u"91220101MA0000020X"_s }, { u"address"_s, u"青禾区松江路6号"_s } };
    in.orderNumber = u"(青)应急责改〔2026〕4号"_s;
    in.submission = { { u"kind"_s, u"submit"_s }, { u"note"_s, u"已加装压力表"_s },
        { u"created_at"_s, u"2026-11-20T02:00:00.000Z"_s }, { u"completed_on"_s, u"2026-11-19"_s },
        { u"responsible"_s, u"周海"_s }, { u"attachments"_s, QJsonArray { u"aa"_s, u"bb"_s } } };
    in.decision = { { u"kind"_s, decision }, { u"note"_s, note },
        { u"attachments"_s, QJsonArray { u"cc"_s } } };
    in.previousDeadline = QDate(2026, 11, 30);
    in.inspectors = { { u"王明"_s, u"22010012"_s } };
    in.district.authority = u"青禾区应急管理局"_s;
    in.documentNumber = u"(青)应急复查〔2026〕3号"_s;
    in.now = QDateTime(QDate(2026, 11, 25), QTime(2, 0), Qt::UTC);
    return in;
}

} // namespace

TEST(ReinspectionOpinionTest, AVerifiedOpinionNamesTheOrderTheFindingWhatWasCheckedAndCloses)
{
    const auto d = buildReinspectionOpinion(sample(u"verify"_s, u"压力表已更换并校验"_s));
    EXPECT_EQ(d.documentNumber, u"(青)应急复查〔2026〕3号"_s);
    EXPECT_EQ(d.issuingAuthority, u"青禾区应急管理局"_s);
    EXPECT_EQ(d.enterpriseName, u"青禾北辰精密铸造厂"_s);
    EXPECT_EQ(d.creditCode, u"91220101MA0000020X"_s);
    EXPECT_EQ(d.orderNumber, u"(青)应急责改〔2026〕4号"_s);
    EXPECT_EQ(d.followsUp, u"原责令限期整改指令书"_s);
    EXPECT_EQ(d.finding.description, u"未安装压力表"_s);
    EXPECT_EQ(d.finding.place, u"熔炼车间"_s);
    EXPECT_TRUE(d.finding.major);
    EXPECT_EQ(d.finding.provisionViolated, u"《特种设备安全法》第三十九条"_s);
    EXPECT_TRUE(d.verified);
    EXPECT_TRUE(d.reason.isEmpty());
    EXPECT_FALSE(d.newDeadline.isValid());
    EXPECT_EQ(d.originalDeadline, QDate(2026, 11, 30));
    EXPECT_EQ(d.reported,
        u"2026年11月20日提交，说明“已加装压力表”，完成日期2026年11月19日，整改责任人周海，"
        u"整改后照片2张"_s);
    EXPECT_EQ(d.checked, u"现场拍摄复查照片1张；复查意见：压力表已更换并校验。"_s);
    ASSERT_EQ(d.inspectors.size(), 1);
    EXPECT_EQ(d.inspectors.first().badgeNumber, u"22010012"_s);
    EXPECT_EQ(d.reinspectedAt, QDateTime(QDate(2026, 11, 25), QTime(2, 0), Qt::UTC));
    EXPECT_EQ(d.issuedOn, QDate(2026, 11, 25));
}

TEST(ReinspectionOpinionTest, ARejectedOpinionGivesTheReasonAndTheDeadlineNowRunning)
{
    const auto d = buildReinspectionOpinion(sample(u"reject"_s, u"压力表未经校验"_s));
    EXPECT_FALSE(d.verified);
    EXPECT_EQ(d.reason, u"压力表未经校验"_s);
    EXPECT_EQ(d.newDeadline, QDate(2026, 12, 20));
    EXPECT_EQ(d.originalDeadline, QDate(2026, 11, 30));
    EXPECT_EQ(d.checked, u"现场拍摄复查照片1张。"_s) << "the reason is printed as the reason";
}

TEST(ReinspectionOpinionTest, AHazardFromGuidanceFollowsUpTheUnnumberedGuidanceOpinion)
{
    auto in = sample(u"verify"_s, {});
    in.orderNumber.clear();
    in.fromGuidance = true;
    in.submission = {};
    in.decision.insert(u"attachments"_s, QJsonArray {});
    in.district = {};
    const auto d = buildReinspectionOpinion(in);
    EXPECT_EQ(d.followsUp, u"原安全检查指导意见（指导服务，不编号）"_s);
    EXPECT_EQ(d.orderNumber, u"无"_s);
    EXPECT_EQ(d.reported, u"企业未提交整改情况"_s);
    EXPECT_EQ(d.checked, u"未拍摄复查照片。"_s);
    EXPECT_TRUE(d.issuingAuthority.contains(u"未设置"_s)) << "no guessed authority";
}
