#include "server/serverstore.h"
#include "server/sqldialect.h"
#include "testbackend.h"

#include "core/database.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;

TEST(ServerStoreTest, InitializeCreatesAPrivateDataDirectoryAndSchema)
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(u"data"_s);
    server::StoreLocation location = test::storeLocation(tmp);
    location.dataDir = dir;
    ASSERT_TRUE(server::ServerStore::initialize(location).ok());

    const QFileInfo info(dir);
    EXPECT_TRUE(info.isDir());
    const auto perms = info.permissions();
    EXPECT_TRUE(
        perms.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    const auto groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
        | QFileDevice::ExeOther;
    EXPECT_EQ(perms & groupOrOther, QFileDevice::Permissions {})
        << "group and others must have no access";

    {
        auto db = server::openLocation(location, u"check"_s);
        ASSERT_TRUE(db.ok());
        EXPECT_EQ(server::serverSchemaVersion(db.value()), server::ServerStore::schemaVersion());
        EXPECT_EQ(server::isPostgres(db.value()), test::UsingPostgres);
        QSqlQuery q(db.value());
        EXPECT_TRUE(q.exec(u"SELECT COUNT(*) FROM users"_s)) << "the users table exists";
    }
    core::closeDatabase(u"check"_s);
}

TEST(ServerStoreTest, InitializeTwiceIsHarmless)
{
    QTemporaryDir tmp;
    const auto location = test::storeLocation(tmp);
    ASSERT_TRUE(server::ServerStore::initialize(location).ok());
    EXPECT_TRUE(server::ServerStore::initialize(location).ok());
    EXPECT_TRUE(server::ServerStore::open(location).ok());
}

TEST(ServerStoreTest, OpenRefusesAnUninitialisedStore)
{
    QTemporaryDir tmp;
    auto location = test::storeLocation(tmp);
    location.dataDir = tmp.filePath(u"never-initialised"_s);
    auto store = server::ServerStore::open(location);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, u"not_initialised"_s);
}

TEST(ServerStoreTest, EachThreadGetsItsOwnConnection)
{
    QTemporaryDir tmp;
    const auto location = test::storeLocation(tmp);
    ASSERT_TRUE(server::ServerStore::initialize(location).ok());
    auto store = server::ServerStore::open(location);
    ASSERT_TRUE(store.ok());
    auto mine = store.value().connection();
    ASSERT_TRUE(mine.ok());
    QString other;
    std::thread worker([&] {
        auto theirs = store.value().connection();
        if (theirs)
            other = theirs.value().connectionName();
    });
    worker.join();
    EXPECT_FALSE(other.isEmpty());
    EXPECT_NE(other, mine.value().connectionName());
}

TEST(SqlDialectTest, ParsesAPostgresUrlIntoConnectionSettings)
{
    auto s = server::parsePostgresUrl(u"postgresql://safeloop:s3cret@db.example:6543/district"_s);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->user, u"safeloop"_s);
    EXPECT_EQ(s->password, u"s3cret"_s);
    EXPECT_EQ(s->host, u"db.example"_s);
    EXPECT_EQ(s->port, 6543);
    EXPECT_EQ(s->database, u"district"_s);

    auto defaults = server::parsePostgresUrl(u"postgresql://app@127.0.0.1/safeloop"_s);
    ASSERT_TRUE(defaults.ok());
    EXPECT_EQ(defaults->port, 5432);
}

TEST(SqlDialectTest, RefusesUrlsThatNameNoPostgresDatabase)
{
    EXPECT_EQ(server::parsePostgresUrl(u"mysql://a@b/c"_s).error().code, u"database_url"_s);
    EXPECT_EQ(server::parsePostgresUrl(u"postgresql://a@b"_s).error().code, u"database_url"_s);
    EXPECT_EQ(server::parsePostgresUrl(u"postgresql:///db"_s).error().code, u"database_url"_s);
}
