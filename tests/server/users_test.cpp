#include "server/users.h"
#include "testbackend.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

class UsersTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto location = test::storeLocation(m_dir);
        ASSERT_TRUE(server::ServerStore::initialize(location).ok());
        auto store = server::ServerStore::open(location);
        ASSERT_TRUE(store.ok());
        m_store = std::make_unique<server::ServerStore>(store.value());
        auto db = m_store->connection();
        ASSERT_TRUE(db.ok());
        m_db = db.value();
    }
    server::NewUser inspector()
    {
        server::NewUser u;
        u.username = u"wang.li"_s;
        u.role = u"inspector"_s;
        u.badge = u"32010001"_s;
        u.name = u"王立"_s;
        u.streets = { u"东风街道"_s, u"西湖街道"_s };
        u.password = u"correct horse 1"_s;
        return u;
    }
    QTemporaryDir m_dir;
    std::unique_ptr<server::ServerStore> m_store;
    QSqlDatabase m_db;
};

} // namespace

TEST_F(UsersTest, AddStoresTheAccountWithAnArgon2idHash)
{
    auto added = server::UserService::add(m_db, inspector());
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_TRUE(QRegularExpression(u"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-"_s)
                    .match(added->id)
                    .hasMatch())
        << "ids are UUID v7: " << added->id.toStdString();

    auto found = server::UserRepository::findByUsername(m_db, u"wang.li"_s);
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found.value().has_value());
    const auto& u = *found.value();
    EXPECT_EQ(u.name, u"王立"_s);
    EXPECT_EQ(u.role, server::Role::Inspector);
    EXPECT_EQ(u.badge, u"32010001"_s);
    EXPECT_EQ(u.streets, (QStringList { u"东风街道"_s, u"西湖街道"_s }));
    EXPECT_FALSE(u.disabled);
    EXPECT_TRUE(u.passwordHash.startsWith(u"$argon2id$"_s)) << u.passwordHash.toStdString();
    EXPECT_FALSE(u.passwordHash.contains(u"correct horse"_s));
}

TEST_F(UsersTest, EnterpriseUserKeepsTheCreditCode)
{
    server::NewUser u;
    u.username = u"acme-safety"_s;
    u.role = u"enterprise"_s;
    u.enterpriseUscc = u"91350100M000100Y43"_s;
    u.password = u"correct horse 1"_s;
    auto added = server::UserService::add(m_db, u);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    auto found = server::UserRepository::findById(m_db, added->id);
    ASSERT_TRUE(found.ok() && found.value());
    EXPECT_EQ(found.value()->enterpriseUscc, u"91350100M000100Y43"_s);
    EXPECT_TRUE(found.value()->enterpriseId.isEmpty()) << "filled once enterprises exist";
}

TEST_F(UsersTest, RefusesBadInputAndChangesNothing)
{
    struct Case {
        std::function<void(server::NewUser&)> change;
        QString code;
    };
    const std::vector<Case> cases {
        { [](auto& u) { u.role = u"boss"_s; }, u"invalid_role"_s },
        { [](auto& u) { u.username = u"a b"_s; }, u"invalid_username"_s },
        { [](auto& u) { u.password = u"short"_s; }, u"weak_password"_s },
        { [](auto& u) { u.badge.clear(); }, u"badge_required"_s },
        { [](auto& u) { u.enterpriseUscc = u"91350100M000100Y43"_s; },
            u"enterprise_not_allowed"_s },
        { [](auto& u) {
             u.role = u"enterprise"_s;
             u.badge.clear();
             u.streets.clear();
             u.enterpriseUscc = u"91350100M000100Y44"_s;
         },
            u"uscc_check"_s },
        { [](auto& u) {
             u.role = u"enterprise"_s;
             u.badge.clear();
             u.streets.clear();
         },
            u"enterprise_required"_s },
        { [](auto& u) { u.role = u"supervisor"_s; }, u"badge_not_allowed"_s },
    };
    for (const auto& c : cases) {
        auto u = inspector();
        c.change(u);
        auto added = server::UserService::add(m_db, u);
        ASSERT_FALSE(added.ok()) << c.code.toStdString();
        EXPECT_EQ(added.error().code, c.code);
    }
    auto found = server::UserRepository::findByUsername(m_db, u"wang.li"_s);
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(found.value().has_value());
}

TEST_F(UsersTest, RefusesADuplicateUsername)
{
    ASSERT_TRUE(server::UserService::add(m_db, inspector()).ok());
    auto again = server::UserService::add(m_db, inspector());
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, u"username_taken"_s);
}

TEST_F(UsersTest, DisableFlagsTheAccount)
{
    ASSERT_TRUE(server::UserService::add(m_db, inspector()).ok());
    auto changed = server::UserRepository::setDisabled(m_db, u"wang.li"_s, true);
    ASSERT_TRUE(changed.ok());
    EXPECT_TRUE(changed.value());
    EXPECT_TRUE(server::UserRepository::findByUsername(m_db, u"wang.li"_s).value()->disabled);
    EXPECT_FALSE(server::UserRepository::setDisabled(m_db, u"nobody"_s, true).value());
}
