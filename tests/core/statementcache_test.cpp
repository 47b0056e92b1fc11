#include "storefixture.h"

#include "core/statementcache.h"

#include <QSqlQuery>

#include <utility>

using namespace Qt::StringLiterals;
using namespace safeloop::core;
using namespace safeloop::core::testing;

namespace {

/// Mutations applied the way the server applies a push group: under one StatementCache.
class StatementCacheTest : public StoreFixture {
protected:
    Result<MutationOutcome> apply(const Actor& a, const QString& name, const QString& id,
        const QJsonObject& args, const QJsonObject& base, const QString& hlc)
    {
        ApplyContext ctx { clock, QTimeZone(QByteArrayLiteral("Asia/Shanghai")), true };
        return applyMutation(fileDb(), a, { 1, name, id, hlc, base, args }, ctx);
    }
    QJsonObject hazard(const QString& id) { return (*store->record(u"hazard"_s, id))->fields; }
};

} // namespace

TEST_F(StatementCacheTest, RepeatedMutationsPrepareNoNewStatements)
{
    StatementCache statements(fileDb());
    ASSERT_TRUE(
        apply(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs(), {}, u"0192f3a4b5c60000"_s)
            .ok());
    const qsizetype afterFirst = statements.size();
    EXPECT_GT(afterFirst, 0); // core's record reads and writes went through the cache
    auto second
        = apply(inspector, u"hazard.create"_s, u"h-2"_s, hazardArgs(), {}, u"0192f3a4b5c70000"_s);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->status, OutcomeStatus::Applied);
    EXPECT_EQ(statements.size(), afterFirst);
    // Reused statements read and write the right rows.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE id IN ('h-1', 'h-2')"_s), 2);
    auto update = apply(supervisor, u"hazard.update"_s, u"h-2"_s, { { u"place"_s, u"Line 3"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5c80000"_s);
    ASSERT_TRUE(update.ok());
    EXPECT_EQ(update->status, OutcomeStatus::Applied);
    EXPECT_EQ(hazard(u"h-2"_s).value(u"place"_s).toString(), u"Line 3"_s);
    EXPECT_NE(hazard(u"h-1"_s).value(u"place"_s).toString(), u"Line 3"_s);
}

TEST_F(StatementCacheTest, ConflictsAreRecordedThroughReusedStatements)
{
    StatementCache statements(fileDb());
    ASSERT_TRUE(
        apply(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs(), {}, u"0192f3a4b5c60000"_s)
            .ok());
    ASSERT_TRUE(apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"B"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5d00000"_s)
                    .ok());
    // Two stale edits with earlier clocks: each loses and each loser is kept.
    for (const auto& [place, hlc] : { std::pair { u"C"_s, u"0192f3a4b5c80000"_s },
             std::pair { u"D"_s, u"0192f3a4b5c90000"_s } }) {
        auto lose = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, place } },
            { { u"place"_s, 1 } }, hlc);
        ASSERT_TRUE(lose.ok());
        EXPECT_EQ(lose->status, OutcomeStatus::Conflict);
    }
    EXPECT_EQ(hazard(u"h-1"_s).value(u"place"_s).toString(), u"B"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM conflicts WHERE field = 'place'"_s), 2);
}

TEST_F(StatementCacheTest, PreparedKeepsStatementsOnlyForItsConnection)
{
    QSqlDatabase& db = fileDb();
    auto fresh = prepared(db, u"SELECT 1"_s);
    ASSERT_TRUE(fresh.ok());
    {
        StatementCache statements(db);
        ASSERT_TRUE(prepared(db, u"SELECT 1"_s).ok());
        ASSERT_TRUE(prepared(db, u"SELECT 1"_s).ok());
        ASSERT_TRUE(prepared(db, u"SELECT 2"_s).ok());
        EXPECT_EQ(statements.size(), 2);
        auto bad = prepared(db, u"SELECT FROM nowhere WHERE"_s);
        ASSERT_FALSE(bad.ok());
        EXPECT_EQ(bad.error().code, u"sql_error"_s);
        EXPECT_EQ(statements.size(), 2);
    }
    // Once the cache is gone every call prepares its own statement again.
    auto a = prepared(db, u"SELECT 3"_s);
    ASSERT_TRUE(a.ok());
    QSqlQuery q = std::move(a.value());
    ASSERT_TRUE(q.exec());
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 3);
}
