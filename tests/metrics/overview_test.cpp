// The supervisor's overview against a small district whose every figure was computed by hand
// (the comments next to each record say which figures it is meant to hit). Definitions:
// docs/metrics.md. Period: November 2026 (local days in Asia/Shanghai, UTC+8), judged on
// 2026-12-03, so the as-of day is 2026-11-30 and its end is 2026-11-30T16:00:00Z.
#include "core/creditcode.h"
#include "core/localstore.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core;
using namespace safeloop::core::metrics;

namespace {

QString ent(int n)
{
    const QString first17 = u"9122010100000%1"_s.arg(n, 4, 10, QChar(u'0'));
    return first17 + *CreditCode::checkCharacter(first17);
}

const QString Sig = QString(64, u'5');

class OverviewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto s = LocalStore::open(
            { m_dir.filePath(u"local.db"_s), m_dir.filePath(u"blobs"_s), u"device-1"_s,
                [this] { return m_clock; }, QTimeZone(QByteArrayLiteral("Asia/Shanghai")) });
        ASSERT_TRUE(s.ok()) << s.error().message.toStdString();
        store = std::move(s.value());
        seedDistrict();
    }

    void put(const QString& entity, const QString& id, QJsonObject fields, bool deleted = false)
    {
        if (!fields.contains(u"created_at"_s))
            fields.insert(u"created_at"_s, u"2026-01-01T00:00:00.000Z"_s);
        auto r = store->storeRecord({ entity, id, fields, {}, deleted });
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    }

    void enterprise(int n, const QString& street, const QString& industry, const QString& grade,
        const QString& leader, bool deleted = false)
    {
        QJsonObject f { { u"uscc"_s, ent(n) }, { u"name"_s, u"企业%1"_s.arg(n) },
            { u"street"_s, street }, { u"industry_code"_s, industry }, { u"risk_grade"_s, grade } };
        if (!leader.isEmpty())
            f.insert(u"leader"_s, leader);
        put(u"enterprise"_s, ent(n), f, deleted);
    }

    void inspection(const QString& id, int enterprise, const QString& started,
        const QString& finished, const QStringList& inspectors, const QStringList& signatures,
        const QString& refusal = {}, bool deleted = false)
    {
        QJsonObject f { { u"id"_s, id }, { u"enterprise_id"_s, ent(enterprise) },
            { u"kind"_s, u"plan"_s }, { u"mode"_s, u"enforcement"_s },
            { u"inspector_ids"_s, QJsonArray::fromStringList(inspectors) },
            { u"template_refs"_s, QJsonArray { u"ST@1"_s } }, { u"started_at"_s, started },
            { u"status"_s, finished.isEmpty() ? u"in_progress"_s : u"finished"_s },
            { u"signatures"_s, QJsonArray::fromStringList(signatures) },
            { u"created_at"_s, started } };
        if (!finished.isEmpty())
            f.insert(u"finished_at"_s, finished);
        if (!refusal.isEmpty())
            f.insert(u"refusal_note"_s, refusal);
        put(u"inspection"_s, id, f, deleted);
    }

    void hazard(const QString& id, int enterprise, const QString& inspectionId,
        const QString& created, const QString& level, const QString& deadline,
        const QString& status, const QString& basis, bool deleted = false)
    {
        QJsonObject f { { u"id"_s, id }, { u"enterprise_id"_s, ent(enterprise) },
            { u"description"_s, u"隐患 "_s + id }, { u"level"_s, level },
            { u"deadline"_s, deadline }, { u"status"_s, status }, { u"basis"_s, basis },
            { u"created_at"_s, created } };
        if (!inspectionId.isEmpty())
            f.insert(u"inspection_id"_s, inspectionId);
        put(u"hazard"_s, id, f, deleted);
        m_hazards.insert(id, f);
        event(id + u"-order"_s, id, u"order"_s, created);
    }

    /// The verify event, and the hazard's updated_at: rectification.verify writes both with
    /// the mutation's time, and nothing changes a verified hazard afterwards.
    void verify(const QString& hazardId, const QString& at)
    {
        event(hazardId + u"-v"_s, hazardId, u"verify"_s, at);
        QJsonObject f = m_hazards.value(hazardId);
        f.insert(u"updated_at"_s, at);
        put(u"hazard"_s, hazardId, f);
    }

    void event(const QString& id, const QString& hazardId, const QString& kind, const QString& at)
    {
        put(u"rectification_event"_s, id,
            { { u"id"_s, id }, { u"hazard_id"_s, hazardId }, { u"kind"_s, kind },
                { u"actor_id"_s, u"insp-1"_s }, { u"created_at"_s, at } });
    }

    void user(const QString& id, const QString& name)
    {
        put(u"user"_s, id,
            { { u"id"_s, id }, { u"name"_s, name }, { u"role"_s, u"inspector"_s },
                { u"badge"_s, u"B-"_s + id } });
    }

    void plan(const QString& id, int year, const QList<int>& enterprises, bool deleted = false)
    {
        QJsonArray ids;
        for (int n : enterprises)
            ids.append(ent(n));
        put(u"plan"_s, id,
            { { u"id"_s, id }, { u"year"_s, year }, { u"title"_s, u"计划 "_s + id },
                { u"enterprise_ids"_s, ids }, { u"inspector_ids"_s, QJsonArray {} },
                { u"kind"_s, u"routine"_s } },
            deleted);
    }

    void seedDistrict()
    {
        // Register: E1–E5 and E7 live (6), E6 deleted.
        enterprise(1, u"North"_s, u"C3670"_s, u"red"_s, u"张伟"_s);
        enterprise(2, u"North"_s, u"C3670"_s, u"orange"_s, u"张伟"_s);
        enterprise(3, u"South"_s, u"C3391"_s, u"yellow"_s, u"李娜"_s);
        enterprise(4, u"South"_s, u"E4700"_s, u"red"_s, u"李娜"_s);
        enterprise(5, u"East"_s, u"C3391"_s, u"blue"_s, {});
        enterprise(6, u"East"_s, u"C3670"_s, u"orange"_s, u"李娜"_s, true);
        enterprise(7, u"North"_s, u"E4700"_s, u"blue"_s, u"张伟"_s);

        user(u"insp-1"_s, u"王强"_s);
        user(u"insp-2"_s, u"刘洋"_s);
        user(u"insp-3"_s, u"陈静"_s);
        user(u"insp-4"_s, u"赵敏"_s); // no inspection: a row of zeros

        // I1: E1, local 5 Nov, two inspectors, signed → complete; hazards H1, H2.
        inspection(u"I1"_s, 1, u"2026-11-05T01:00:00.000Z"_s, u"2026-11-05T02:00:00.000Z"_s,
            { u"insp-1"_s, u"insp-2"_s }, { Sig });
        // I2: E3, finished at the last instant of 30 Nov local; one inspector → incomplete.
        inspection(u"I2"_s, 3, u"2026-11-30T15:00:00.000Z"_s, u"2026-11-30T15:59:59.999Z"_s,
            { u"insp-1"_s }, {}, u"拒绝签字"_s);
        // I3: E4, finished at 00:00 on 1 Dec local: outside November.
        inspection(u"I3"_s, 4, u"2026-11-30T15:30:00.000Z"_s, u"2026-11-30T16:00:00.000Z"_s,
            { u"insp-1"_s, u"insp-2"_s }, { Sig });
        // I4: E7, October only (the previous period).
        inspection(u"I4"_s, 7, u"2026-10-20T02:00:00.000Z"_s, u"2026-10-20T03:00:00.000Z"_s,
            { u"insp-2"_s, u"insp-3"_s }, { Sig });
        // I5: E2, still in progress.
        inspection(u"I5"_s, 2, u"2026-11-10T01:00:00.000Z"_s, {}, { u"insp-2"_s, u"insp-3"_s }, {});
        // I6: E5, finished in November but deleted.
        inspection(u"I6"_s, 5, u"2026-11-12T00:00:00.000Z"_s, u"2026-11-12T01:00:00.000Z"_s,
            { u"insp-1"_s, u"insp-2"_s }, { Sig }, {}, true);
        // I7: E1 again (covered once), neither signature nor refusal → incomplete; hazard H6.
        inspection(u"I7"_s, 1, u"2026-11-20T05:00:00.000Z"_s, u"2026-11-20T06:00:00.000Z"_s,
            { u"insp-2"_s, u"insp-3"_s }, {});
        // I8: E6 (deleted from the register): counts for its inspectors, not for coverage.
        inspection(u"I8"_s, 6, u"2026-11-15T01:00:00.000Z"_s, u"2026-11-15T02:00:00.000Z"_s,
            { u"insp-3"_s, u"insp-1"_s }, { Sig });

        // H1: found 5 Nov, submitted 14 Nov, verified 18 Nov (13 days to close; re-inspected
        // 4 days after the submission).
        hazard(u"H1"_s, 1, u"I1"_s, u"2026-11-05T02:10:00.000Z"_s, u"general"_s, u"2026-11-20"_s,
            u"verified"_s, u"GB 1"_s);
        event(u"H1-s"_s, u"H1"_s, u"submit"_s, u"2026-11-14T01:00:00.000Z"_s);
        verify(u"H1"_s, u"2026-11-18T02:00:00.000Z"_s);
        // H2: major, reopened: submitted 10 Nov, rejected 25 Nov (15 days: late), submitted
        // again 26 Nov; deadline next year.
        hazard(u"H2"_s, 1, u"I1"_s, u"2026-11-05T02:20:00.000Z"_s, u"major"_s, u"2027-01-04"_s,
            u"submitted"_s, u"GB 2"_s);
        event(u"H2-s1"_s, u"H2"_s, u"submit"_s, u"2026-11-10T01:00:00.000Z"_s);
        event(u"H2-r"_s, u"H2"_s, u"reject"_s, u"2026-11-25T01:00:00.000Z"_s);
        event(u"H2-s2"_s, u"H2"_s, u"submit"_s, u"2026-11-26T01:00:00.000Z"_s);
        // H3: found at 23:50 on 30 Nov local (the period's last day), no legal basis.
        hazard(u"H3"_s, 3, u"I2"_s, u"2026-11-30T15:50:00.000Z"_s, u"general"_s, u"2026-12-15"_s,
            u"open"_s, {});
        // H4: found at 00:05 on 1 Dec local: outside November, and not yet open on 30 Nov.
        hazard(u"H4"_s, 4, u"I3"_s, u"2026-11-30T16:05:00.000Z"_s, u"general"_s, u"2026-12-16"_s,
            u"open"_s, u"GB 4"_s);
        // H5: no inspection, deadline 23 Nov passed: overdue.
        hazard(u"H5"_s, 2, {}, u"2026-11-08T03:00:00.000Z"_s, u"general"_s, u"2026-11-23"_s,
            u"open"_s, u"GB 5"_s);
        // H6: major, escalated, deadline 29 Nov: overdue on 30 Nov.
        hazard(u"H6"_s, 1, u"I7"_s, u"2026-11-20T06:10:00.000Z"_s, u"major"_s, u"2026-11-29"_s,
            u"escalated"_s, u"GB 6"_s);
        event(u"H6-e"_s, u"H6"_s, u"escalate"_s, u"2026-11-29T03:00:00.000Z"_s);
        // H7: deleted (with a submission and a rejection in November): counts nowhere.
        hazard(u"H7"_s, 3, u"I2"_s, u"2026-11-10T01:00:00.000Z"_s, u"major"_s, u"2026-11-12"_s,
            u"rejected"_s, {}, true);
        event(u"H7-s"_s, u"H7"_s, u"submit"_s, u"2026-11-11T01:00:00.000Z"_s);
        event(u"H7-r"_s, u"H7"_s, u"reject"_s, u"2026-11-12T01:00:00.000Z"_s);
        // H8: found in October, verified 3 Nov, 14 days after its submission (late).
        hazard(u"H8"_s, 7, u"I4"_s, u"2026-10-10T02:00:00.000Z"_s, u"general"_s, u"2026-10-25"_s,
            u"verified"_s, u"GB 8"_s);
        event(u"H8-s"_s, u"H8"_s, u"submit"_s, u"2026-10-20T02:00:00.000Z"_s);
        verify(u"H8"_s, u"2026-11-03T02:00:00.000Z"_s);
        // H9: major, found in October, open, deadline 10 Nov: open major and overdue (李娜).
        hazard(u"H9"_s, 4, {}, u"2026-10-15T02:00:00.000Z"_s, u"major"_s, u"2026-11-10"_s,
            u"open"_s, u"GB 9"_s);
        // H10: found 01:00 on 30 Nov local, verified at 00:30 on 1 Dec local: not rectified by
        // the end of November, and its re-inspection is not November's.
        hazard(u"H10"_s, 5, {}, u"2026-11-29T17:00:00.000Z"_s, u"general"_s, u"2026-12-14"_s,
            u"verified"_s, u"GB 10"_s);
        event(u"H10-s"_s, u"H10"_s, u"submit"_s, u"2026-11-30T10:00:00.000Z"_s);
        verify(u"H10"_s, u"2026-11-30T16:30:00.000Z"_s);
        // H11: found at 00:00:00.000 on 1 Nov local (the first instant), submitted 5 Nov,
        // verified 15 Nov: exactly 10 days (on time), 14 days to close.
        hazard(u"H11"_s, 2, {}, u"2026-10-31T16:00:00.000Z"_s, u"general"_s, u"2026-11-16"_s,
            u"verified"_s, u"GB 11"_s);
        event(u"H11-s"_s, u"H11"_s, u"submit"_s, u"2026-11-05T02:00:00.000Z"_s);
        verify(u"H11"_s, u"2026-11-15T02:00:00.000Z"_s);
        // H12: found one second before November (23:59:59 on 31 Oct local), open, deadline
        // 5 Nov: overdue on 30 Nov (张伟), not found in November.
        hazard(u"H12"_s, 2, {}, u"2026-10-31T15:59:59.000Z"_s, u"general"_s, u"2026-11-05"_s,
            u"open"_s, u"GB 12"_s);

        // H13: deadline on the as-of day itself: not overdue (the deadline day is not overdue).
        hazard(u"H13"_s, 3, {}, u"2026-11-15T02:00:00.000Z"_s, u"general"_s, u"2026-11-30"_s,
            u"open"_s, u"GB 13"_s);

        // Plans: P1 and P2 (2026) plan E1 twice, E2, E3, E4 and the deleted E6; P3 plans E5
        // for 2025; P4 is deleted.
        plan(u"P1"_s, 2026, { 1, 2, 4, 6 });
        plan(u"P2"_s, 2026, { 1, 3 });
        plan(u"P3"_s, 2025, { 5 });
        plan(u"P4"_s, 2026, { 5 }, true);
    }

    QStringList hazards(HazardSet set, Breakdown b = {}) const
    {
        auto r = store->hazardsFor(set, November, b, Today);
        EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
        return r.ok() ? *r : QStringList {};
    }
    QStringList enterprises(EnterpriseSet set, Breakdown b = {}) const
    {
        auto r = store->enterprisesFor(set, November, b, Today);
        EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
        return r.ok() ? *r : QStringList {};
    }
    QStringList inspections(InspectionSet set, Breakdown b = {}) const
    {
        auto r = store->inspectionsFor(set, November, b, Today);
        EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
        return r.ok() ? *r : QStringList {};
    }
    Overview overview() const { return overview(November); }
    Overview overview(const Period& p) const
    {
        auto r = store->overview(p, Today);
        EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
        return r.ok() ? *r : Overview {};
    }

    const Period November { QDate(2026, 11, 1), QDate(2026, 11, 30) };
    const QDate Today { 2026, 12, 3 };
    QTemporaryDir m_dir;
    std::unique_ptr<LocalStore> store;
    QHash<QString, QJsonObject> m_hazards;
    QDateTime m_clock { QDate(2026, 12, 3), QTime(2, 0), Qt::UTC };
};

} // namespace

TEST_F(OverviewTest, CoverageCountsLiveEnterprisesWithAFinishedInspectionInThePeriod)
{
    const Overview o = overview();
    EXPECT_EQ(o.asOf, QDate(2026, 11, 30));
    EXPECT_EQ(o.enterprises, 6);
    // E1 (I1, I7) and E3 (I2, last instant); not E4 (I3 is 1 Dec), E7 (October), E2 (in
    // progress), E5 (deleted inspection), E6 (deleted enterprise).
    EXPECT_EQ(o.coverage.overall, (Share { 2, 6 }));
    EXPECT_EQ(enterprises(EnterpriseSet::Covered), (QStringList { ent(1), ent(3) }));
    EXPECT_EQ(
        enterprises(EnterpriseSet::NotCovered), (QStringList { ent(2), ent(4), ent(5), ent(7) }));
    EXPECT_EQ(o.coverage.byStreet,
        (QList<CoverageGroup> {
            { u"East"_s, { 0, 1 } }, { u"North"_s, { 1, 3 } }, { u"South"_s, { 1, 2 } } }));
    EXPECT_EQ(o.coverage.byIndustry,
        (QList<CoverageGroup> {
            { u"C3391"_s, { 1, 2 } }, { u"C3670"_s, { 1, 2 } }, { u"E4700"_s, { 0, 2 } } }));
    EXPECT_EQ(o.coverage.byRiskGrade,
        (QList<CoverageGroup> { { u"red"_s, { 1, 2 } }, { u"orange"_s, { 0, 1 } },
            { u"yellow"_s, { 1, 1 } }, { u"blue"_s, { 0, 2 } } }));
    EXPECT_EQ(o.coverage.keyNotCovered, (QStringList { ent(2), ent(4) }));
    EXPECT_EQ(
        enterprises(EnterpriseSet::Covered, { By::Street, u"North"_s }), QStringList { ent(1) });
    EXPECT_EQ(enterprises(EnterpriseSet::Registered, { By::Industry, u"E4700"_s }),
        (QStringList { ent(4), ent(7) }));
    EXPECT_EQ(enterprises(EnterpriseSet::NotCovered, { By::RiskGrade, u"blue"_s }),
        (QStringList { ent(5), ent(7) }));
}

TEST_F(OverviewTest, ThePreviousPeriodHasItsOwnCoverageAndHazards)
{
    EXPECT_EQ(November.previous(), (Period { QDate(2026, 10, 2), QDate(2026, 10, 31) }));
    const Overview o = overview(November.previous());
    EXPECT_EQ(o.asOf, QDate(2026, 10, 31));
    EXPECT_EQ(o.coverage.overall, (Share { 1, 6 })); // E7 only
    // H8 (10 Oct), H9 (15 Oct), H12 (23:59:59 on 31 Oct).
    EXPECT_EQ(o.hazards.found, 3);
    EXPECT_EQ(o.hazards.foundMajor, 1);
    // On 31 Oct: H8 not yet verified (3 Nov), deadline 25 Oct passed: overdue; H9 and H12 not.
    EXPECT_EQ(o.hazards.rectified, (Share { 0, 3 }));
    EXPECT_EQ(o.hazards.overdue, (Share { 1, 3 }));
}

TEST_F(OverviewTest, PlanProgressCountsDistinctPlannedEnterprisesPerYear)
{
    // 2026: E1 (twice), E2, E3, E4 (E6 deleted; P4 deleted; P3 is 2025).
    const Overview o = overview();
    EXPECT_EQ(o.plans, (PlanProgress { 4, 2, 2, 0 }));
    EXPECT_EQ(enterprises(EnterpriseSet::PlannedDone), (QStringList { ent(1), ent(3) }));
    EXPECT_EQ(enterprises(EnterpriseSet::PlannedDue), (QStringList { ent(2), ent(4) }));

    // December 2025 – January 2026, as of 31 Jan: P3's E5 was never inspected in 2025 and its
    // year is over; nothing of 2026's plans is done by 31 Jan.
    const Period winter { QDate(2025, 12, 1), QDate(2026, 1, 31) };
    auto w = store->overview(winter, Today);
    ASSERT_TRUE(w.ok());
    EXPECT_EQ(w->plans, (PlanProgress { 5, 0, 4, 1 }));
    auto overdue = store->enterprisesFor(EnterpriseSet::PlannedOverdue, winter, {}, Today);
    ASSERT_TRUE(overdue.ok());
    EXPECT_EQ(*overdue, QStringList { ent(5) });
}

TEST_F(OverviewTest, HazardFiguresFollowTheirDefinitions)
{
    const HazardFigures h = overview().hazards;
    EXPECT_EQ(h.found, 8);
    EXPECT_EQ(hazards(HazardSet::Found),
        (QStringList {
            u"H1"_s, u"H10"_s, u"H11"_s, u"H13"_s, u"H2"_s, u"H3"_s, u"H5"_s, u"H6"_s }));
    EXPECT_EQ(h.foundMajor, 2);
    EXPECT_EQ(hazards(HazardSet::FoundMajor), (QStringList { u"H2"_s, u"H6"_s }));
    EXPECT_EQ(h.rectified, (Share { 2, 8 }));
    EXPECT_EQ(hazards(HazardSet::Rectified), (QStringList { u"H1"_s, u"H11"_s }));
    EXPECT_EQ(h.majorRectified, (Share { 0, 2 }));
    EXPECT_EQ(h.overdue, (Share { 2, 8 })); // not H13 (deadline 30 Nov)
    EXPECT_EQ(hazards(HazardSet::Overdue), (QStringList { u"H5"_s, u"H6"_s }));
    // H1: 5 → 18 Nov = 13 days; H11: 1 → 15 Nov = 14 days.
    ASSERT_TRUE(h.medianDaysToClose.has_value());
    EXPECT_DOUBLE_EQ(*h.medianDaysToClose, 13.5);
    // Re-inspections in November: H1 verify (4 days), H2 reject (15), H8 verify (14), H11
    // verify (exactly 10); not H7's reject (deleted), not H10's verify (1 Dec).
    EXPECT_EQ(h.reinspectionsOnTime, (Share { 2, 4 }));
    EXPECT_EQ(
        hazards(HazardSet::Reinspected), (QStringList { u"H1"_s, u"H11"_s, u"H2"_s, u"H8"_s }));
    EXPECT_EQ(hazards(HazardSet::ReinspectedLate), (QStringList { u"H2"_s, u"H8"_s }));
}

TEST_F(OverviewTest, LeadersSeeTheirEnterprisesAndStandingHazards)
{
    const Overview o = overview();
    ASSERT_EQ(o.leaders.size(), 3);
    EXPECT_EQ(o.leaders[0], (LeaderRow { {}, 1, 0, { 0, 1 }, { 0, 0 }, 0, 0 }));
    // 张伟: E1, E2, E7; key E1, E2; open major H2, H6; overdue H5, H6, H12.
    EXPECT_EQ(o.leaders[1], (LeaderRow { u"张伟"_s, 3, 2, { 1, 3 }, { 1, 2 }, 2, 3 }));
    // 李娜: E3, E4 (E6 deleted); key E4; open major H9; overdue H9 (H3: 15 Dec; H13: 30 Nov, the
    // as-of day).
    EXPECT_EQ(o.leaders[2], (LeaderRow { u"李娜"_s, 2, 1, { 1, 2 }, { 0, 1 }, 1, 1 }));
    EXPECT_EQ(hazards(HazardSet::OpenMajor, { By::Leader, u"张伟"_s }),
        (QStringList { u"H2"_s, u"H6"_s }));
    EXPECT_EQ(hazards(HazardSet::OverdueRectification, { By::Leader, u"张伟"_s }),
        (QStringList { u"H12"_s, u"H5"_s, u"H6"_s }));
    EXPECT_EQ(hazards(HazardSet::OverdueRectification, { By::Leader, u"李娜"_s }),
        QStringList { u"H9"_s });
    EXPECT_EQ(enterprises(EnterpriseSet::KeyNotCovered, { By::Leader, u"张伟"_s }),
        QStringList { ent(2) });
}

TEST_F(OverviewTest, InspectorsAreCountedPerFinishedInspection)
{
    const Overview o = overview();
    ASSERT_EQ(o.inspectors.size(), 4);
    // insp-1: I1 (2 hazards, complete), I2 (H3 only, one inspector), I8 (none, complete).
    EXPECT_EQ(o.inspectors[0], (InspectorRow { u"insp-1"_s, u"王强"_s, 3, 3, 1.0, 5, { 2, 3 } }));
    // insp-2: I1, I7 (H6; no signature nor refusal).
    EXPECT_EQ(o.inspectors[1], (InspectorRow { u"insp-2"_s, u"刘洋"_s, 2, 3, 1.5, 4, { 1, 2 } }));
    // insp-3: I7, I8.
    EXPECT_EQ(o.inspectors[2], (InspectorRow { u"insp-3"_s, u"陈静"_s, 2, 1, 0.5, 3, { 1, 2 } }));
    EXPECT_EQ(o.inspectors[3], (InspectorRow { u"insp-4"_s, u"赵敏"_s, 0, 0, 0.0, 0, { 0, 0 } }));
    EXPECT_EQ(inspections(InspectionSet::Finished, { By::Inspector, u"insp-1"_s }),
        (QStringList { u"I1"_s, u"I2"_s, u"I8"_s }));
    EXPECT_EQ(inspections(InspectionSet::Incomplete), (QStringList { u"I2"_s, u"I7"_s }));
    EXPECT_EQ(hazards(HazardSet::Recorded, { By::Inspector, u"insp-2"_s }),
        (QStringList { u"H1"_s, u"H2"_s, u"H6"_s }));
    EXPECT_EQ(enterprises(EnterpriseSet::Covered, { By::Inspector, u"insp-3"_s }),
        QStringList { ent(1) });
}

TEST_F(OverviewTest, EveryFigureEqualsTheSizeOfItsDrillDown)
{
    const Overview o = overview();
    EXPECT_EQ(enterprises(EnterpriseSet::Registered).size(), o.coverage.overall.denominator);
    EXPECT_EQ(enterprises(EnterpriseSet::Covered).size(), o.coverage.overall.numerator);
    for (const auto& g : o.coverage.byStreet) {
        EXPECT_EQ(enterprises(EnterpriseSet::Covered, { By::Street, g.key }).size(),
            g.coverage.numerator);
        EXPECT_EQ(enterprises(EnterpriseSet::Registered, { By::Street, g.key }).size(),
            g.coverage.denominator);
    }
    for (const auto& l : o.leaders) {
        EXPECT_EQ(
            enterprises(EnterpriseSet::Key, { By::Leader, l.leader }).size(), l.keyEnterprises);
        EXPECT_EQ(enterprises(EnterpriseSet::KeyCovered, { By::Leader, l.leader }).size(),
            l.keyCoverage.numerator);
        EXPECT_EQ(
            hazards(HazardSet::OpenMajor, { By::Leader, l.leader }).size(), l.openMajorHazards);
    }
    for (const auto& i : o.inspectors) {
        EXPECT_EQ(inspections(InspectionSet::Finished, { By::Inspector, i.inspectorId }).size(),
            i.inspections);
        EXPECT_EQ(inspections(InspectionSet::Complete, { By::Inspector, i.inspectorId }).size(),
            i.completeDocuments.numerator);
        EXPECT_EQ(hazards(HazardSet::Recorded, { By::Inspector, i.inspectorId }).size(), i.hazards);
    }
    EXPECT_EQ(hazards(HazardSet::MajorRectified).size(), o.hazards.majorRectified.numerator);
}

TEST_F(OverviewTest, DeletingAHazardRemovesItFromEveryFigure)
{
    auto deleted = store->perform(
        { u"sup-1"_s, Role::Supervisor, {}, {}, {} }, u"hazard.delete"_s, u"H5"_s, {});
    ASSERT_TRUE(deleted.ok()) << deleted.error().message.toStdString();
    const Overview o = overview();
    EXPECT_EQ(o.hazards.found, 7);
    EXPECT_EQ(o.hazards.overdue, (Share { 1, 7 }));
    EXPECT_EQ(o.leaders[1].overdueRectifications, 2);
}

TEST_F(OverviewTest, AnInvalidPeriodIsRefused)
{
    auto r = store->overview({ QDate(2026, 11, 30), QDate(2026, 11, 1) }, Today);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"invalid_period"_s);
}

TEST_F(OverviewTest, AHazardVerifiedThroughMutationsCountsAsRectifiedOnItsVerifyDay)
{
    const Actor inspector { u"insp-1"_s, Role::Inspector, {}, {}, {} };
    const Actor owner { u"ent-1"_s, Role::Enterprise, ent(1), {}, {} };
    m_clock = QDateTime(QDate(2026, 12, 1), QTime(2, 0), Qt::UTC); // 10:00 on 1 Dec local
    auto created = store->perform(inspector, u"hazard.create"_s, u"HX"_s,
        { { u"enterprise_id"_s, ent(1) }, { u"description"_s, u"护栏缺失"_s },
            { u"place"_s, u"冲压车间"_s }, { u"level"_s, u"general"_s },
            { u"category"_s, u"machinery"_s }, { u"basis"_s, u"GB 27607"_s },
            { u"measure"_s, u"加装护栏"_s }, { u"deadline"_s, u"2026-12-16"_s },
            { u"attachments"_s, QJsonArray { QString(64, u'a') } } });
    ASSERT_TRUE(created.ok() && !created->error) << "hazard.create refused";
    m_clock = QDateTime(QDate(2026, 12, 2), QTime(3, 0), Qt::UTC);
    auto submitted = store->perform(owner, u"rectification.submit"_s, u"HX-s"_s,
        { { u"hazard_id"_s, u"HX"_s }, { u"note"_s, u"已加装"_s } });
    ASSERT_TRUE(submitted.ok() && !submitted->error) << "rectification.submit refused";
    m_clock = QDateTime(QDate(2026, 12, 3), QTime(1, 0), Qt::UTC); // 09:00 on 3 Dec local
    auto verified = store->perform(inspector, u"rectification.verify"_s, u"HX-v"_s,
        { { u"hazard_id"_s, u"HX"_s }, { u"note"_s, u"复查合格"_s } });
    ASSERT_TRUE(verified.ok() && !verified->error) << "rectification.verify refused";

    // The invariant the definition rests on: the verified hazard's updated_at is its verify
    // event's time.
    auto hazard = store->record(u"hazard"_s, u"HX"_s);
    auto event = store->record(u"rectification_event"_s, u"HX-v"_s);
    ASSERT_TRUE(hazard.ok() && hazard->has_value() && event.ok() && event->has_value());
    EXPECT_EQ((*hazard)->fields.value(u"updated_at"_s), (*event)->fields.value(u"created_at"_s));

    // December so far: H4 (00:05 on 1 Dec, open) and HX (verified after 2 days).
    const Period december { QDate(2026, 12, 1), QDate(2026, 12, 31) };
    auto o = store->overview(december, Today);
    ASSERT_TRUE(o.ok()) << o.error().message.toStdString();
    EXPECT_EQ(o->asOf, Today);
    EXPECT_EQ(o->hazards.rectified, (Share { 1, 2 }));
    EXPECT_EQ(o->hazards.medianDaysToClose, std::optional<double>(2.0));
    // Re-inspections: HX's verify (1 day after its submission) and H10's at 00:30 on 1 Dec.
    EXPECT_EQ(o->hazards.reinspectionsOnTime, (Share { 2, 2 }));
    auto rectified = store->hazardsFor(HazardSet::Rectified, december, {}, Today);
    ASSERT_TRUE(rectified.ok());
    EXPECT_EQ(*rectified, QStringList { u"HX"_s });
}

TEST_F(OverviewTest, CoverageMapPlacesEveryLiveEnterpriseWithWhatItsMarkerShows)
{
    // E1 and E3 get coordinates; E2 is placed at 0, 0 (an address the register could not place).
    const auto place = [this](int n, const QString& street, double lat, double lon) {
        put(u"enterprise"_s, ent(n),
            { { u"uscc"_s, ent(n) }, { u"name"_s, u"企业%1"_s.arg(n) }, { u"street"_s, street },
                { u"industry_code"_s, u"C3670"_s }, { u"risk_grade"_s, u"red"_s },
                { u"lat"_s, lat }, { u"lon"_s, lon } });
    };
    place(1, u"North"_s, 30.25, 120.5);
    place(2, u"North"_s, 0, 0);
    place(3, u"South"_s, 30.2, 120.45);

    auto r = store->coverageMap(November, Today);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    QMap<QString, MapPoint> byId;
    for (const auto& p : *r)
        byId.insert(p.enterpriseId, p);
    // The six live enterprises; E6 (deleted) is not on the map.
    EXPECT_EQ(byId.keys(), (QStringList { ent(1), ent(2), ent(3), ent(4), ent(5), ent(7) }));
    // Covered in November: E1 (I1, I7) and E3 (I2) — the same set as the coverage figure.
    QStringList covered, openMajor, located;
    for (const auto& p : *r) {
        if (p.covered)
            covered << p.enterpriseId;
        if (p.openMajor)
            openMajor << p.enterpriseId;
        if (p.located)
            located << p.enterpriseId;
    }
    EXPECT_EQ(covered, enterprises(EnterpriseSet::Covered));
    EXPECT_EQ(covered, (QStringList { ent(1), ent(3) }));
    // Open major hazards on 30 Nov: H2 and H6 (E1), H9 (E4); H7 is deleted.
    EXPECT_EQ(openMajor, (QStringList { ent(1), ent(4) }));
    EXPECT_EQ(located, (QStringList { ent(1), ent(3) }));
    EXPECT_EQ(byId.value(ent(1)).name, u"企业1"_s);
    EXPECT_EQ(byId.value(ent(1)).street, u"North"_s);
    EXPECT_DOUBLE_EQ(byId.value(ent(3)).lat, 30.2);
    EXPECT_DOUBLE_EQ(byId.value(ent(3)).lon, 120.45);
    EXPECT_EQ(byId.value(ent(3)).riskGrade, RiskGrade::Red);

    // A period without inspections covers nothing.
    auto before = store->coverageMap(Period::monthOf(QDate(2026, 9, 1)), Today);
    ASSERT_TRUE(before.ok());
    for (const auto& p : *before)
        EXPECT_FALSE(p.covered) << p.enterpriseId.toStdString();
    EXPECT_FALSE(store->coverageMap({}, Today).ok());
}
