#include "server/serverstore.h"
#include "server/sqldialect.h"
#include "testbackend.h"

#include "core/database.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

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

namespace {

/// The server-store connections this process holds (ServerStore::connection() names them).
int storeConnections()
{
    int n = 0;
    for (const QString& name : QSqlDatabase::connectionNames())
        if (name.startsWith(u"safeloop-server-"_s))
            ++n;
    return n;
}

/// On PostgreSQL, the sessions other than this query's own on the database of `location`,
/// after they had up to five seconds to end; 0 on SQLite.
int otherSessions(const server::StoreLocation& location)
{
    if (location.databaseUrl.isEmpty())
        return 0;
    const QString name = u"sessions-check"_s;
    int n = -1;
    {
        auto db = server::openLocation(location, name);
        EXPECT_TRUE(db.ok());
        if (!db)
            return -1;
        for (int attempt = 0; attempt < 50; ++attempt) {
            QSqlQuery q(db.value());
            if (!q.exec(u"SELECT COUNT(*) FROM pg_stat_activity WHERE datname = "
                        u"current_database() AND pid <> pg_backend_pid()"_s)
                || !q.next())
                break;
            n = q.value(0).toInt();
            if (n == 0)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    core::closeDatabase(name);
    return n;
}

} // namespace

TEST(ServerStoreTest, AThreadsConnectionClosesWhenTheThreadEndsAndTheStoresWithItsLastCopy)
{
    const int before = storeConnections();
    QTemporaryDir tmp;
    const auto location = test::storeLocation(tmp);
    ASSERT_TRUE(server::ServerStore::initialize(location).ok());
    QString mine, theirs;
    {
        auto store = server::ServerStore::open(location);
        ASSERT_TRUE(store.ok());
        std::thread worker([&] {
            auto db = store.value().connection();
            if (db)
                theirs = db.value().connectionName();
            EXPECT_TRUE(QSqlDatabase::contains(theirs));
        });
        worker.join();
        ASSERT_FALSE(theirs.isEmpty());
        EXPECT_FALSE(QSqlDatabase::contains(theirs)) << "closed when its thread ended";
        const server::ServerStore copy = store.value();
        {
            auto db = copy.connection();
            ASSERT_TRUE(db.ok());
            mine = db.value().connectionName();
        }
        EXPECT_EQ(store.value().connection().value().connectionName(), mine); // shared
    }
    EXPECT_FALSE(QSqlDatabase::contains(mine)) << "closed with the store's last copy";
    EXPECT_EQ(storeConnections(), before);
    EXPECT_EQ(otherSessions(location), 0);
}

TEST(ServerStoreTest, AServerThatStoppedLeavesNoConnectionOpen)
{
    // A process that runs one server after another (the test suites) must not pile up one
    // connection per worker thread per server.
    const int before = storeConnections();
    server::StoreLocation location;
    {
        test::InProcessServer srv;
        location = srv.store().location();
        test::addUser(srv.store(), u"insp"_s, u"inspector"_s);
        const std::string token = srv.accessToken(u"insp"_s);
        ASSERT_FALSE(token.empty());
        std::vector<std::thread> clients;
        std::atomic<int> answered { 0 };
        for (int i = 0; i < 8; ++i)
            clients.emplace_back([&] {
                for (int j = 0; j < 4; ++j) {
                    auto res = srv.client().Get("/api/v1/me", test::bearer(token));
                    if (res && res->status == 200)
                        ++answered;
                }
            });
        for (auto& c : clients)
            c.join();
        EXPECT_EQ(answered.load(), 32);
        EXPECT_GT(storeConnections(), before + 1) << "the workers opened their own";
    }
    EXPECT_EQ(storeConnections(), before);
    EXPECT_EQ(otherSessions(location), 0);
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
