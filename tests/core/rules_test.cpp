#include "core/rules.h"

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core;
using namespace safeloop::core::rules;

namespace {
const EventActor inspector { Role::Inspector, {} };
const EventActor supervisor { Role::Supervisor, {} };
const EventActor ownEnterprise { Role::Enterprise, u"E1"_s };
const EventActor otherEnterprise { Role::Enterprise, u"E2"_s };
const EventActor admin { Role::Admin, {} };
} // namespace

TEST(HazardStateMachine, FullLifeOrderSubmitRejectResubmitVerify)
{
    auto s = transition(HazardStatus::Open, EventKind::Submit, ownEnterprise, u"E1"_s);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s.value(), HazardStatus::Submitted);
    s = transition(s.value(), EventKind::Reject, inspector, u"E1"_s);
    EXPECT_EQ(s.value(), HazardStatus::Rejected);
    s = transition(s.value(), EventKind::Submit, ownEnterprise, u"E1"_s);
    EXPECT_EQ(s.value(), HazardStatus::Submitted);
    s = transition(s.value(), EventKind::Verify, supervisor, u"E1"_s);
    EXPECT_EQ(s.value(), HazardStatus::Verified);
}

TEST(HazardStateMachine, OnlyTheHazardsOwnEnterpriseSubmits)
{
    for (const auto& actor : { otherEnterprise, inspector, supervisor, admin }) {
        auto r = transition(HazardStatus::Open, EventKind::Submit, actor, u"E1"_s);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, u"not_allowed"_s);
    }
}

TEST(HazardStateMachine, OnlyInspectorsAndSupervisorsVerifyRejectOrEscalate)
{
    for (auto kind :
        { EventKind::Verify, EventKind::Reject, EventKind::Escalate, EventKind::Order })
        for (const auto& actor : { ownEnterprise, admin })
            EXPECT_EQ(transition(HazardStatus::Submitted, kind, actor, u"E1"_s).error().code,
                u"not_allowed"_s);
}

TEST(HazardStateMachine, IllegalTransitionsAreRefusedByName)
{
    const auto code = [](HazardStatus from, EventKind kind, const EventActor& a) {
        auto r = transition(from, kind, a, u"E1"_s);
        return r.ok() ? QString() : r.error().code;
    };
    EXPECT_EQ(code(HazardStatus::Open, EventKind::Verify, inspector), u"illegal_transition"_s);
    EXPECT_EQ(code(HazardStatus::Open, EventKind::Reject, inspector), u"illegal_transition"_s);
    EXPECT_EQ(code(HazardStatus::Rejected, EventKind::Verify, inspector), u"illegal_transition"_s);
    EXPECT_EQ(code(HazardStatus::Verified, EventKind::Verify, inspector), u"illegal_transition"_s);
    EXPECT_EQ(
        code(HazardStatus::Verified, EventKind::Submit, ownEnterprise), u"illegal_transition"_s);
    EXPECT_EQ(
        code(HazardStatus::Verified, EventKind::Escalate, inspector), u"illegal_transition"_s);
    EXPECT_EQ(
        code(HazardStatus::Submitted, EventKind::Submit, ownEnterprise), u"illegal_transition"_s);
    EXPECT_EQ(
        code(HazardStatus::Escalated, EventKind::Escalate, inspector), u"illegal_transition"_s);
    EXPECT_EQ(code(HazardStatus::Submitted, EventKind::Order, inspector), u"illegal_transition"_s);
}

TEST(HazardStateMachine, EscalatedHazardCanStillBeRectified)
{
    auto s = transition(HazardStatus::Open, EventKind::Escalate, inspector, u"E1"_s);
    EXPECT_EQ(s.value(), HazardStatus::Escalated);
    EXPECT_EQ(transition(s.value(), EventKind::Submit, ownEnterprise, u"E1"_s).value(),
        HazardStatus::Submitted);
}

TEST(HazardStateMachine, ReplayFoldsEventsAndStopsAtTheFirstIllegalOne)
{
    EXPECT_EQ(replay({ EventKind::Order, EventKind::Submit, EventKind::Verify }).value(),
        HazardStatus::Verified);
    EXPECT_EQ(replay({ EventKind::Order, EventKind::Submit, EventKind::Verify, EventKind::Verify })
                  .error()
                  .code,
        u"illegal_transition"_s);
}

TEST(Overdue, TheDeadlineDayItselfIsNotOverdue)
{
    const QDate deadline(2026, 12, 15);
    EXPECT_FALSE(isOverdue(deadline, HazardStatus::Open, QDate(2026, 12, 15)));
    EXPECT_TRUE(isOverdue(deadline, HazardStatus::Open, QDate(2026, 12, 16)));
    EXPECT_TRUE(isOverdue(deadline, HazardStatus::Submitted, QDate(2026, 12, 16)));
    EXPECT_FALSE(isOverdue(deadline, HazardStatus::Verified, QDate(2027, 1, 1)));
}

TEST(Overdue, TodayIsTheLocalDateInShanghaiNotTheUtcDate)
{
    // 16:30 UTC on 15 Dec is 00:30 on 16 Dec in Changchun.
    const QDateTime instant(QDate(2026, 12, 15), QTime(16, 30), Qt::UTC);
    EXPECT_EQ(localDate(instant), QDate(2026, 12, 16));
    EXPECT_TRUE(isOverdue(QDate(2026, 12, 15), HazardStatus::Open, localDate(instant)));
    EXPECT_EQ(localDate(instant, QTimeZone::utc()), QDate(2026, 12, 15));
}

TEST(Reinspection, IsDueWithinTenDaysOfASubmission)
{
    const QDate submitted(2026, 12, 1);
    EXPECT_EQ(reinspectionDue(submitted), QDate(2026, 12, 11));
    EXPECT_FALSE(isReinspectionOverdue(submitted, HazardStatus::Submitted, QDate(2026, 12, 11)));
    EXPECT_TRUE(isReinspectionOverdue(submitted, HazardStatus::Submitted, QDate(2026, 12, 12)));
    EXPECT_FALSE(isReinspectionOverdue(submitted, HazardStatus::Verified, QDate(2026, 12, 12)));
}

TEST(Inspectors, EnforcementNeedsTwoInspectorsWithBadges)
{
    Inspection i;
    i.mode = InspectionMode::Enforcement;
    i.inspectorIds = { u"u1"_s };
    QMap<QString, QString> badges { { u"u1"_s, u"B1"_s }, { u"u2"_s, u"B2"_s } };
    EXPECT_EQ(checkInspectors(i, badges).error().code, u"too_few_inspectors"_s);
    i.inspectorIds = { u"u1"_s, u"u1"_s };
    EXPECT_EQ(checkInspectors(i, badges).error().code, u"too_few_inspectors"_s);
    i.inspectorIds = { u"u1"_s, u"u3"_s };
    EXPECT_EQ(checkInspectors(i, badges).error().code, u"missing_badge"_s);
    i.inspectorIds = { u"u1"_s, u"u2"_s };
    EXPECT_TRUE(checkInspectors(i, badges).ok());
    i.mode = InspectionMode::Guidance;
    i.inspectorIds = { u"u9"_s };
    EXPECT_TRUE(checkInspectors(i, badges).ok());
}

TEST(Finish, NeedsASignatureOrARefusalNote)
{
    Inspection i;
    i.startedAt = u"2026-11-25T08:00:00.000Z"_s;
    i.finishedAt = u"2026-11-25T09:00:00.000Z"_s;
    EXPECT_EQ(checkFinish(i).error().code, u"signature_required"_s);
    i.refusalNote = u"Representative refused to sign"_s;
    EXPECT_TRUE(checkFinish(i).ok());
    i.refusalNote.clear();
    i.signatures = { QString(64, u'a') };
    EXPECT_TRUE(checkFinish(i).ok());
    i.finishedAt = u"2026-11-25T07:00:00.000Z"_s;
    EXPECT_EQ(checkFinish(i).error().code, u"invalid_timestamp"_s);
}

TEST(ProposedHazard, IsPrefilledFromTheFailedItemWithDefaultDeadlines)
{
    Inspection i;
    i.id = u"i1"_s;
    i.enterpriseId = u"E1"_s;
    ChecklistItem general { u"ST-01"_s, u"光幕有效"_s, u"Light curtain works"_s, u"GB 27607"_s,
        false, {} };
    ChecklistItem major { u"FD-02"_s, u"地坑干燥"_s, u"Dry pits"_s, u"令第10号 第7条"_s, true, {} };
    Answer a;
    a.note = u"bypassed"_s;
    a.attachments = { QString(64, u'e') };
    const QDate today(2026, 11, 25);
    Hazard h = proposeHazard(i, general, a, today);
    EXPECT_EQ(h.level, HazardLevel::General);
    EXPECT_EQ(h.deadline, today.addDays(15));
    EXPECT_EQ(h.basis, u"GB 27607"_s);
    // The finding states the violation, not the rule; the inspector's note follows it.
    EXPECT_EQ(h.description, u"未做到：光幕有效；bypassed"_s);
    EXPECT_EQ(h.itemCode, u"ST-01"_s);
    EXPECT_EQ(h.enterpriseId, u"E1"_s);
    EXPECT_EQ(h.attachments, a.attachments);
    Hazard m = proposeHazard(i, major, a, today);
    EXPECT_EQ(m.level, HazardLevel::Major);
    EXPECT_EQ(m.deadline, today.addDays(60));
}

TEST(ProposedHazard, StatesTheItemsFindingTemplateWhenItHasOne)
{
    ChecklistItem item { u"LS-03"_s, u"有限空间作业场所设置明显的安全警示标志"_s, u"Signs"_s,
        u"《安全生产法》第35条"_s, false, {} };
    EXPECT_EQ(finding(item), u"未做到：有限空间作业场所设置明显的安全警示标志"_s);
    item.findingZh = u"未在有限空间作业场所设置明显的安全警示标志"_s;
    EXPECT_EQ(finding(item), item.findingZh);
    Answer noNote;
    const Hazard h = proposeHazard({}, item, noNote, QDate(2026, 11, 25));
    EXPECT_EQ(h.description, item.findingZh);

    // The template carries it through JSON, and a template without one stays as it was.
    const auto back = ChecklistItem::fromJson(item.toJson());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value(), item);
    item.findingZh.clear();
    EXPECT_FALSE(item.toJson().contains(u"finding_zh"_s));
}

TEST(ChecklistSummary, CountsPassFailNaAndMajorHazardsPerTemplate)
{
    ChecklistTemplate t { u"FD"_s, 1, u"铸造"_s, u"Foundry"_s, {},
        { { u"FD-01"_s, u"a"_s, {}, {}, false, {} }, { u"FD-02"_s, u"b"_s, {}, {}, true, {} },
            { u"FD-03"_s, u"c"_s, {}, {}, true, {} }, { u"FD-04"_s, u"d"_s, {}, {}, false, {} } },
        {} };
    QList<Answer> answers;
    auto ans = [](const char16_t* code, AnswerResult r) {
        Answer a;
        a.itemCode = QString::fromUtf16(code);
        a.result = r;
        return a;
    };
    answers << ans(u"FD-01", AnswerResult::Pass) << ans(u"FD-02", AnswerResult::Fail)
            << ans(u"FD-03", AnswerResult::NotApplicable);
    const auto summary = summarize({ t }, answers);
    ASSERT_TRUE(summary.contains(u"FD@1"_s));
    EXPECT_EQ(summary.value(u"FD@1"_s), (ChecklistCounts { 1, 1, 1, 1, 1 }));
}

TEST(LegalBasis, KeepsCitationsAndDropsTheInspectorsNotes)
{
    const QList<std::pair<QString, QString>> cases {
        { u"应急管理部令第10号 有限空间专项(一)（台账与警示标志均缺失时判重大）；应急管理部令第13号"_s,
            u"应急管理部令第10号 有限空间专项(一)；应急管理部令第13号"_s },
        { u"应急管理部令第10号 第七条(三)（条文为意译，核对原文）"_s,
            u"应急管理部令第10号 第七条(三)"_s },
        { u"《安全生产法》第27条；金属冶炼企业未考核合格属重大隐患（应急管理部令第10号 第三条(三)）"_s,
            u"《安全生产法》第27条；应急管理部令第10号 第三条(三)"_s },
        { u"有色企业缺少应急水源属重大隐患（10号令 第五条）；机械铸造按高风险一般隐患管理"_s,
            u"10号令 第五条"_s },
        { u"GB 8176-2012（第7章强制）；GB 5091-2011；GB 27607-2011（机械压力机）/GB "
          u"28241-2012（液压机）；"
          u"GB 17120-2025自2026-05-01施行"_s,
            u"GB 8176-2012（第7章强制）；GB 5091-2011；GB 27607-2011（机械压力机）/GB "
            u"28241-2012（液压机）；GB 17120-2025"_s },
        { u"AQ 7011-2018；TSG 51-2023（核对）；限制器/急停缺失失效见GB 45067-2024 5.7"_s,
            u"AQ 7011-2018；TSG 51-2023；GB 45067-2024 5.7"_s },
        { u"《安全生产法》第41条、第101条；原安监总局令第16号"_s,
            u"《安全生产法》第41条、第101条；原安监总局令第16号"_s },
        { {}, {} },
    };
    for (const auto& [basis, expected] : cases)
        EXPECT_EQ(legalBasis(basis), expected) << basis.toStdString();
}

TEST(HazardStateMachine, ASelfCheckHazardIsRectifiedAndClosedByItsOwnEnterprise)
{
    const auto self = HazardSource::SelfCheck;
    auto s = transition(HazardStatus::Open, EventKind::Submit, ownEnterprise, u"E1"_s, self);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s.value(), HazardStatus::Submitted);
    s = transition(s.value(), EventKind::Verify, ownEnterprise, u"E1"_s, self);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s.value(), HazardStatus::Verified);
    EXPECT_EQ(transition(HazardStatus::Open, EventKind::Verify, ownEnterprise, u"E1"_s, self)
                  .error()
                  .code,
        u"illegal_transition"_s);
    EXPECT_EQ(transition(HazardStatus::Verified, EventKind::Submit, ownEnterprise, u"E1"_s, self)
                  .error()
                  .code,
        u"illegal_transition"_s);
    for (auto kind : { EventKind::Reject, EventKind::Escalate })
        EXPECT_EQ(
            transition(HazardStatus::Submitted, kind, ownEnterprise, u"E1"_s, self).error().code,
            u"not_allowed"_s);
}

TEST(HazardStateMachine, NoOfficialAndNoOtherEnterpriseActsOnASelfCheckHazard)
{
    const auto self = HazardSource::SelfCheck;
    for (auto kind :
        { EventKind::Submit, EventKind::Verify, EventKind::Reject, EventKind::Escalate })
        for (const auto& actor : { inspector, supervisor, admin })
            EXPECT_EQ(transition(HazardStatus::Submitted, kind, actor, u"E1"_s, self).error().code,
                u"self_check_hazard"_s);
    for (auto kind : { EventKind::Submit, EventKind::Verify })
        EXPECT_EQ(
            transition(HazardStatus::Submitted, kind, otherEnterprise, u"E1"_s, self).error().code,
            u"not_allowed"_s);
}

TEST(HazardStateMachine, AnEnterpriseStillNeverVerifiesAnInspectorsHazard)
{
    EXPECT_EQ(transition(HazardStatus::Submitted, EventKind::Verify, ownEnterprise, u"E1"_s,
                  HazardSource::Inspection)
                  .error()
                  .code,
        u"not_allowed"_s);
}

TEST(InspectionRules, ASelfCheckFinishesWithoutSignatures)
{
    Inspection i;
    i.kind = InspectionKind::SelfCheck;
    i.startedAt = u"2026-11-25T01:00:00.000Z"_s;
    i.finishedAt = u"2026-11-25T02:00:00.000Z"_s;
    EXPECT_TRUE(checkFinish(i).ok());
    i.kind = InspectionKind::Plan;
    EXPECT_EQ(checkFinish(i).error().code, u"signature_required"_s);
}
