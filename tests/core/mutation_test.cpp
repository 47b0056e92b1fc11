#include "storefixture.h"

#include "core/uuid.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop::core;
using namespace safeloop::core::testing;

namespace {

/// Server-side apply: mutations from two devices arrive with their own base and HLC.
class ServerMergeTest : public StoreFixture {
protected:
    void SetUp() override
    {
        StoreFixture::SetUp();
        ASSERT_TRUE(
            apply(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs(), {}, u"0192f3a4b5c60000"_s)
                .ok());
    }
    Result<MutationOutcome> apply(Actor a, const QString& name, const QString& id,
        const QJsonObject& args, const QJsonObject& base, const QString& hlc,
        const QString& device = u"dev-a"_s)
    {
        a.deviceId = device;
        ApplyContext ctx { clock, QTimeZone(QByteArrayLiteral("Asia/Shanghai")), true };
        return applyMutation(store->database(), a, { 1, name, id, hlc, base, args }, ctx);
    }
    QJsonObject hazard() { return (*loadRecord(store->database(), u"hazard"_s, u"h-1"_s))->fields; }
};

} // namespace

TEST_F(ServerMergeTest, MatchingBaseApplies)
{
    auto r = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 3"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5c70000"_s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Applied);
    EXPECT_EQ(hazard().value(u"place"_s).toString(), u"Line 3"_s);
}

TEST_F(ServerMergeTest, StaleBaseLaterHlcWinsAndTheLoserIsKept)
{
    ASSERT_TRUE(apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 3"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5d00000"_s, u"dev-b"_s)
                    .ok());
    // Device A edited offline from version 1 with an earlier clock: it loses.
    auto lose = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 4"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5c80000"_s);
    ASSERT_TRUE(lose.ok());
    EXPECT_EQ(lose->status, OutcomeStatus::Conflict);
    EXPECT_EQ(hazard().value(u"place"_s).toString(), u"Line 3"_s);
    ASSERT_EQ(lose->conflicts.size(), 1);
    EXPECT_EQ(lose->conflicts[0].lostValue.toString(), u"Line 4"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM conflicts WHERE field = 'place'"_s), 1);
    // A later clock wins over the stored value, which is kept as the loser.
    auto win = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 5"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5e00000"_s);
    ASSERT_TRUE(win.ok());
    EXPECT_EQ(win->status, OutcomeStatus::Merged);
    EXPECT_EQ(hazard().value(u"place"_s).toString(), u"Line 5"_s);
    EXPECT_EQ(win->conflicts[0].lostValue.toString(), u"Line 3"_s);
    EXPECT_TRUE(win->touched.contains(TouchedRecord { u"conflict"_s, win->conflicts[0].id }));
}

TEST_F(ServerMergeTest, EqualHlcsAreBrokenByTheClientId)
{
    ASSERT_TRUE(apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"B"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5d00000"_s, u"dev-b"_s)
                    .ok());
    auto r = apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"A"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5d00000"_s, u"dev-a"_s);
    EXPECT_EQ(r->status, OutcomeStatus::Conflict);
    EXPECT_EQ(hazard().value(u"place"_s).toString(), u"B"_s);
}

TEST_F(ServerMergeTest, TheMoreSevereLevelWinsWhateverTheClock)
{
    ASSERT_TRUE(apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"level"_s, u"major"_s } },
        { { u"level"_s, 1 } }, u"0192f3a4b5c70000"_s, u"dev-b"_s)
                    .ok());
    auto r = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"level"_s, u"general"_s } },
        { { u"level"_s, 1 } }, u"0192f3a4ffff0000"_s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Conflict);
    EXPECT_EQ(hazard().value(u"level"_s).toString(), u"major"_s);
    EXPECT_EQ(r->conflicts[0].reason, u"level_more_severe"_s);
}

TEST_F(ServerMergeTest, VerifyAfterAnotherDeviceVerifiedIsRejectedWithAConflictRecord)
{
    const QJsonObject ev { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"done"_s } };
    ASSERT_EQ(
        apply(enterpriseUser, u"rectification.submit"_s, uuidv7(), ev, {}, u"0192f3a4b5c70000"_s)
            ->status,
        OutcomeStatus::Applied);
    ASSERT_EQ(apply(inspector, u"rectification.verify"_s, uuidv7(), ev, {}, u"0192f3a4b5c80000"_s)
                  ->status,
        OutcomeStatus::Applied);
    auto late = apply(
        inspector2, u"rectification.verify"_s, uuidv7(), ev, {}, u"0192f3a4b5c90000"_s, u"dev-b"_s);
    ASSERT_TRUE(late.ok());
    EXPECT_EQ(late->status, OutcomeStatus::Rejected);
    EXPECT_EQ(late->error->code, u"illegal_transition"_s);
    ASSERT_EQ(late->conflicts.size(), 1);
    EXPECT_EQ(late->conflicts[0].reason, u"illegal_transition"_s);
    ASSERT_TRUE(recordConflicts(store->database(), late->conflicts).ok());
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM conflicts WHERE reason = 'illegal_transition'"_s), 1);
}

TEST_F(ServerMergeTest, HazardMadeOfflineAWeekEarlierIsJudgedByItsOwnTime)
{
    ApplyContext ctx { QDateTime(QDate(2026, 11, 20), QTime(2, 0), Qt::UTC),
        QTimeZone(QByteArrayLiteral("Asia/Shanghai")), true };
    auto r = applyMutation(store->database(), inspector,
        { 2, u"hazard.create"_s, u"h-2"_s, u"0192f3a4b5c60000"_s, {}, hazardArgs(u"2026-11-22"_s) },
        ctx);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Applied);
}

TEST_F(ServerMergeTest, RejectedMutationNamesTheRule)
{
    auto r = apply(enterpriseUser, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"X"_s } }, {},
        u"0192f3a4b5c70000"_s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Rejected);
    EXPECT_EQ(r->error->code, u"not_allowed"_s);
    EXPECT_TRUE(r->touched.isEmpty());
}
