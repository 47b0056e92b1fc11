#include "storefixture.h"

#include "core/audit.h"
#include "core/uuid.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop::core;
using namespace safeloop::core::testing;

namespace {

class AuditChainTest : public StoreFixture {
protected:
    void SetUp() override
    {
        StoreFixture::SetUp();
        for (int i = 0; i < 4; ++i)
            ASSERT_TRUE(perform(inspector, u"hazard.create"_s, uuidv7(), hazardArgs()).ok());
    }
    void sql(const QString& statement)
    {
        QSqlQuery q(fileDb());
        ASSERT_TRUE(q.exec(statement));
    }
};

} // namespace

TEST_F(AuditChainTest, IntactChainVerifiesAndLinksEachEntryToThePrevious)
{
    EXPECT_EQ(audit::verify(fileDb()).value(), 4);
    QSqlQuery q(fileDb());
    ASSERT_TRUE(q.exec(u"SELECT prev_hash FROM audit_log WHERE seq = 1"_s) && q.next());
    EXPECT_EQ(q.value(0).toString(), audit::genesisHash());
}

TEST_F(AuditChainTest, EditedEntryIsDetected)
{
    sql(u"UPDATE audit_log SET user_id = 'someone-else' WHERE seq = 2"_s);
    auto r = audit::verify(fileDb());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"audit_chain_broken"_s);
    EXPECT_TRUE(r.error().message.contains(u"2"_s));
}

TEST_F(AuditChainTest, EditedEntryWithRecomputedHashBreaksTheNextLink)
{
    sql(u"UPDATE audit_log SET action = 'hazard.update' WHERE seq = 2"_s);
    QSqlQuery q(fileDb());
    ASSERT_TRUE(q.exec(u"SELECT seq, at, user_id, device_id, action, entity, entity_id, args, "
                       u"prev_hash FROM audit_log WHERE seq = 2"_s)
        && q.next());
    AuditEntry e { 2, q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
        q.value(4).toString(), q.value(5).toString(), q.value(6).toString(),
        QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object(), q.value(8).toString(),
        {} };
    sql(u"UPDATE audit_log SET hash = '%1' WHERE seq = 2"_s.arg(audit::entryHash(e)));
    auto r = audit::verify(fileDb());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"audit_chain_broken"_s);
    EXPECT_TRUE(r.error().message.contains(u"3"_s));
}

TEST_F(AuditChainTest, RemovedEntryIsDetected)
{
    sql(u"DELETE FROM audit_log WHERE seq = 3"_s);
    auto r = audit::verify(fileDb());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"audit_chain_broken"_s);
}

TEST_F(AuditChainTest, RemovedFirstEntryIsDetected)
{
    sql(u"DELETE FROM audit_log WHERE seq = 1"_s);
    EXPECT_FALSE(audit::verify(fileDb()).ok());
}
