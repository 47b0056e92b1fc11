// Conflicts of interest (回避) over push and pull: only a supervisor records or withdraws one;
// every inspector and supervisor receives them (the random draw on any device keeps the pair
// apart), no enterprise ever does (SQLite and PostgreSQL, see synctestsupport.h).
#include "synctestsupport.h"

namespace {

QString resultCode(const httplib::Result& r, int index = 0)
{
    const QJsonObject res = bodyJson(r)[u"results"_s][index].toObject();
    return res[u"status"_s].toString() == u"rejected"_s ? res[u"error"_s][u"code"_s].toString()
                                                        : res[u"status"_s].toString();
}

} // namespace

class RecusalSyncTest : public SyncApiTest {
protected:
    QJsonObject recusal(const QString& inspectorId, const QString& enterprise,
        const QString& reason, bool withdrawn = false)
    {
        return { { u"inspector_id"_s, inspectorId }, { u"enterprise_id"_s, enterprise },
            { u"reason"_s, reason }, { u"withdrawn"_s, withdrawn } };
    }

    qint64 recusals() { return count(u"SELECT COUNT(*) FROM recusals"_s); }
};

TEST_F(RecusalSyncTest, ASupervisorsRecusalReachesEveryInspectorAndNoEnterprise)
{
    const QString id = uuid();
    auto r = push(u"sup"_s, u"dev-sup2"_s,
        { mutation(1, u"recusal.upsert"_s, id,
            recusal(userIdOf(u"north"_s), entA, u"Spouse is Acme's safety manager"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    ASSERT_EQ(resultCode(r), u"applied"_s) << r->body;

    for (const auto& user : { u"sup"_s, u"insp"_s, u"north"_s, u"south"_s }) {
        const QJsonObject seen = find(pullAll(user), u"recusal"_s, id);
        ASSERT_FALSE(seen.isEmpty()) << user.toStdString();
        EXPECT_EQ(seen[u"fields"_s][u"enterprise_id"_s].toString(), entA);
        EXPECT_EQ(seen[u"fields"_s][u"reason"_s].toString(), u"Spouse is Acme's safety manager"_s);
        EXPECT_FALSE(seen[u"fields"_s][u"withdrawn"_s].toBool());
    }
    // Not even the enterprise it names receives it.
    for (const auto& user : { u"enta"_s, u"entb"_s }) {
        const QJsonArray changes = pullAll(user);
        for (const auto& c : changes)
            EXPECT_NE(c[u"entity"_s].toString(), u"recusal"_s) << user.toStdString();
    }
}

TEST_F(RecusalSyncTest, OnlyASupervisorRecordsOneAndARefusalWritesNothing)
{
    const QJsonObject args = recusal(userIdOf(u"insp"_s), entA, u"Former employer"_s);
    auto byInspector
        = push(u"insp"_s, u"dev-insp"_s, { mutation(1, u"recusal.upsert"_s, uuid(), args) });
    ASSERT_EQ(byInspector->status, 200) << byInspector->body;
    EXPECT_EQ(resultCode(byInspector), u"not_allowed"_s) << byInspector->body;
    auto byEnterprise
        = push(u"enta"_s, u"dev-enta"_s, { mutation(1, u"recusal.upsert"_s, uuid(), args) });
    EXPECT_EQ(resultCode(byEnterprise), u"not_allowed"_s) << byEnterprise->body;
    EXPECT_EQ(recusals(), 0);
}

TEST_F(RecusalSyncTest, BadRecusalsAreRefusedWithTheirReason)
{
    const QString insp = userIdOf(u"insp"_s);
    auto r = push(u"sup"_s, u"dev-sup2"_s,
        { mutation(1, u"recusal.upsert"_s, uuid(), recusal(insp, entA, u"   "_s)),
            mutation(2, u"recusal.upsert"_s, uuid(), recusal(insp, entA, QString(201, u'x'))),
            // A supervisor is not an inspector; an enterprise that is not registered.
            mutation(3, u"recusal.upsert"_s, uuid(),
                recusal(userIdOf(u"sup"_s), entA, u"Former employer"_s)),
            mutation(
                4, u"recusal.upsert"_s, uuid(), recusal(insp, uscc(3), u"Former employer"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(resultCode(r, 0), u"missing_field"_s) << r->body;
    EXPECT_EQ(resultCode(r, 1), u"field_too_long"_s) << r->body;
    EXPECT_EQ(resultCode(r, 2), u"not_found"_s) << r->body;
    EXPECT_EQ(resultCode(r, 3), u"not_found"_s) << r->body;
    EXPECT_EQ(recusals(), 0);
}

TEST_F(RecusalSyncTest, AWithdrawnRecusalStaysOnRecordAndKeepsItsPair)
{
    const QString id = uuid();
    const QString insp = userIdOf(u"insp"_s);
    auto r = push(u"sup"_s, u"dev-sup2"_s,
        { mutation(1, u"recusal.upsert"_s, id, recusal(insp, entA, u"Former employer"_s)),
            mutation(2, u"recusal.upsert"_s, id, recusal(insp, entA, u"Former employer"_s, true)),
            mutation(3, u"recusal.upsert"_s, id,
                recusal(userIdOf(u"north"_s), entA, u"Former employer"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(resultCode(r, 0), u"applied"_s) << r->body;
    EXPECT_EQ(resultCode(r, 1), u"applied"_s) << r->body;
    EXPECT_EQ(resultCode(r, 2), u"reference_mismatch"_s) << r->body;
    const QJsonObject seen = find(pullAll(u"insp"_s), u"recusal"_s, id);
    EXPECT_TRUE(seen[u"fields"_s][u"withdrawn"_s].toBool());
    EXPECT_EQ(seen[u"fields"_s][u"inspector_id"_s].toString(), insp);
    EXPECT_EQ(recusals(), 1);
}
