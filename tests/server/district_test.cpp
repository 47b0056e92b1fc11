// The district's names for documents: server settings, GET /api/v1/district, seed-demo's values.
#include "server/seeddemo.h"
#include "server/serverconfig.h"
#include "testbackend.h"

using namespace Qt::StringLiterals;
using namespace safeloop;
using test::bearer;
using test::bodyJson;
using test::errorCode;

TEST(DistrictTest, TheRouteAnswersTheConfiguredNamesAndEmptyOnesUntilTheyAreSet)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    test::addUser(srv.store(), u"acme"_s, u"enterprise"_s);
    auto cli = srv.client();

    auto before = cli.Get("/api/v1/district", bearer(srv.accessToken(u"wang"_s)));
    ASSERT_TRUE(before);
    ASSERT_EQ(before->status, 200);
    EXPECT_EQ(bodyJson(before),
        (QJsonObject { { u"authority"_s, u""_s }, { u"review_authority"_s, u""_s },
            { u"court"_s, u""_s }, { u"enterprise_signer_role"_s, u"企业负责人"_s } }))
        << "no district name is guessed: unset ones are empty";

    auto db = srv.store().connection();
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(
        server::ServerConfig::set(db.value(), u"district.authority"_s, u"松原区应急管理局"_s));
    ASSERT_TRUE(server::ServerConfig::set(db.value(), u"district.court"_s, u"松原区人民法院"_s));
    ASSERT_TRUE(
        server::ServerConfig::set(db.value(), u"district.review_authority"_s, u"松原区人民政府"_s));
    ASSERT_TRUE(server::ServerConfig::set(
        db.value(), u"district.enterprise_signer_role"_s, u"主要负责人"_s));
    for (const QString& user : { u"wang"_s, u"acme"_s }) {
        auto after = cli.Get("/api/v1/district", bearer(srv.accessToken(user)));
        ASSERT_TRUE(after);
        ASSERT_EQ(after->status, 200);
        EXPECT_EQ(bodyJson(after),
            (QJsonObject { { u"authority"_s, u"松原区应急管理局"_s },
                { u"review_authority"_s, u"松原区人民政府"_s }, { u"court"_s, u"松原区人民法院"_s },
                { u"enterprise_signer_role"_s, u"主要负责人"_s } }));
    }

    auto anonymous = cli.Get("/api/v1/district");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
}

TEST(DistrictTest, DistrictNamesAreValidatedAndARefusedValueChangesNothing)
{
    QTemporaryDir dir;
    const auto location = test::storeLocation(dir);
    ASSERT_TRUE(server::ServerStore::initialize(location).ok());
    auto store = server::ServerStore::open(location);
    ASSERT_TRUE(store.ok());
    auto db = store.value().connection();
    ASSERT_TRUE(db.ok());
    QSqlDatabase& conn = db.value();

    ASSERT_TRUE(server::ServerConfig::set(conn, u"district.court"_s, u"青禾区人民法院"_s));
    for (const QString& bad :
        { u""_s, u" 青禾区人民法院"_s, u"青禾区\n人民法院"_s, QString(65, u'法') }) {
        auto r = server::ServerConfig::set(conn, u"district.court"_s, bad);
        ASSERT_FALSE(r) << bad.toStdString();
        EXPECT_EQ(r.error().code, u"invalid_setting"_s);
        EXPECT_TRUE(r.error().message.contains(u"district.court"_s)) << "names the setting";
    }
    EXPECT_EQ(server::ServerConfig::get(conn, u"district.court"_s).value(), u"青禾区人民法院"_s);
    EXPECT_EQ(server::ServerConfig::districtProfile(conn).value().value(u"court"_s).toString(),
        u"青禾区人民法院"_s);
}

TEST(DistrictTest, SeedDemoConfiguresTheDemoDistrictsNames)
{
    QTemporaryDir dir;
    const auto location = test::storeLocation(dir);
    ASSERT_TRUE(server::ServerStore::initialize(location).ok());
    auto store = server::ServerStore::open(location);
    ASSERT_TRUE(store.ok());
    auto db = store.value().connection();
    ASSERT_TRUE(db.ok());
    server::SeedOptions small;
    small.today = QDate(2026, 11, 25);
    small.enterprises = 220;
    small.inspections = 150;
    ASSERT_TRUE(server::seedDemo(db.value(), store.value().blobDir(), small));

    const auto profile = server::ServerConfig::districtProfile(db.value());
    ASSERT_TRUE(profile);
    EXPECT_EQ(profile->value(u"authority"_s).toString(), u"青禾区应急管理局"_s);
    EXPECT_EQ(
        profile->value(u"review_authority"_s).toString(), u"青禾区人民政府或上一级应急管理部门"_s);
    EXPECT_EQ(profile->value(u"court"_s).toString(), u"青禾区人民法院"_s);
    EXPECT_EQ(profile->value(u"enterprise_signer_role"_s).toString(), u"企业负责人"_s);
}
