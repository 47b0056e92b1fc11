// The blob store setting (`blobs.store`): two values, and `database` only on PostgreSQL (SQLite
// and PostgreSQL; the database back end itself: sync_blobdb_pg_test.cpp).
#include "synctestsupport.h"

#include "server/serverconfig.h"

using safeloop::test::UsingPostgres;

TEST_F(SyncApiTest, TheBlobStoreSettingTakesOnlyItsTwoValuesAndTheDatabaseOnlyOnPostgres)
{
    auto db = srv.store().connection();
    ASSERT_TRUE(db.ok());
    const QString key = QString::fromLatin1(server::ServerConfig::BlobStoreKey);
    auto bad = server::ServerConfig::set(db.value(), key, u"s3"_s);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, u"invalid_setting"_s);
    auto database = server::ServerConfig::set(db.value(), key, u"database"_s);
    if (UsingPostgres) {
        EXPECT_TRUE(database.ok()) << database.error().message.toStdString();
        EXPECT_TRUE(server::ServerConfig::set(db.value(), key, u"directory"_s).ok())
            << "no blob yet: switching back is allowed";
    } else {
        ASSERT_FALSE(database.ok());
        EXPECT_EQ(database.error().code, u"invalid_setting"_s);
        EXPECT_TRUE(database.error().message.contains(u"PostgreSQL"_s));
    }
    EXPECT_EQ(server::ServerConfig::get(db.value(), key).value(), u"directory"_s);
}
