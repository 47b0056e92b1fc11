// The real safeloop-server binary against PostgreSQL (`--database postgresql://…`).
#include "tests/support/pgcluster.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

namespace {

QJsonObject json(const httplib::Result& r)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object();
}

} // namespace

TEST(ServerPgE2eTest, TwoServerProcessesShareOnePostgresStore)
{
    const QString url = safeloop::test::freshPgDatabaseUrl();
    ASSERT_FALSE(url.isEmpty());
    QTemporaryDir tmp;
    const QStringList db { u"--database"_s, url };
    const auto init = runServerCommand(QStringList { u"init"_s, u"--data"_s, tmp.path() } + db);
    ASSERT_EQ(init.exitCode, 0) << init.err.toStdString();
    const auto added
        = runServerCommand(QStringList { u"user"_s, u"add"_s, u"--data"_s, tmp.path(),
                               u"--username"_s, u"zhao"_s, u"--role"_s, u"supervisor"_s }
                + db,
            "pg pass phrase\n");
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();

    ServerProcess a;
    ServerProcess b;
    ASSERT_TRUE(a.start(tmp.path(), db)) << a.errorOutput().toStdString();
    ASSERT_TRUE(b.start(tmp.path(), db)) << b.errorOutput().toStdString();

    httplib::Client ca("127.0.0.1", a.port());
    auto login = ca.Post("/api/v1/auth/login",
        R"({"username":"zhao","password":"pg pass phrase","device_id":"d","device_name":"n"})",
        "application/json");
    ASSERT_TRUE(login);
    ASSERT_EQ(login->status, 200) << login->body;
    const std::string token = json(login)[u"access_token"_s].toString().toStdString();

    httplib::Client cb("127.0.0.1", b.port());
    auto me = cb.Get("/api/v1/me", { { "Authorization", "Bearer " + token } });
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 200) << "a token issued by one process works on the other";
    EXPECT_EQ(json(me)[u"role"_s].toString(), u"supervisor"_s);

    auto health = cb.Get("/api/v1/health");
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(a.stop(), 0);
    EXPECT_EQ(b.stop(), 0);
}

TEST(ServerPgE2eTest, ServeRefusesAnUninitialisedPostgresDatabase)
{
    const QString url = safeloop::test::freshPgDatabaseUrl();
    ASSERT_FALSE(url.isEmpty());
    QTemporaryDir tmp;
    const auto r = runServerCommand({ u"serve"_s, u"--data"_s, tmp.path(), u"--database"_s, url,
        u"--listen"_s, u"127.0.0.1:0"_s });
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains(u"init"_s)) << r.err.toStdString();
}

TEST(ServerPgE2eTest, AnUnreachableDatabaseIsAOneLineError)
{
    QTemporaryDir tmp;
    const auto r = runServerCommand({ u"init"_s, u"--data"_s, tmp.path(), u"--database"_s,
        u"postgresql://nobody@127.0.0.1:1/none"_s });
    EXPECT_NE(r.exitCode, 0);
    EXPECT_EQ(r.err.count(u'\n'), 1) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(u"PostgreSQL"_s));
}

TEST(ServerPgE2eTest, TwoServerProcessesIssueDisjointContiguousDocumentNumberBlocks)
{
    const QString url = safeloop::test::freshPgDatabaseUrl();
    ASSERT_FALSE(url.isEmpty());
    QTemporaryDir tmp;
    const QStringList db { u"--database"_s, url };
    ASSERT_EQ(
        runServerCommand(QStringList { u"init"_s, u"--data"_s, tmp.path() } + db).exitCode, 0);
    const auto added = runServerCommand(
        QStringList { u"user"_s, u"add"_s, u"--data"_s, tmp.path(), u"--username"_s, u"wang"_s,
            u"--role"_s, u"inspector"_s, u"--badge"_s, u"32010001"_s }
            + db,
        "inspector pass 1\n");
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();

    ServerProcess a;
    ServerProcess b;
    ASSERT_TRUE(a.start(tmp.path(), db)) << a.errorOutput().toStdString();
    ASSERT_TRUE(b.start(tmp.path(), db)) << b.errorOutput().toStdString();
    const std::vector<int> ports { a.port(), b.port() };

    httplib::Client login("127.0.0.1", a.port());
    auto r = login.Post("/api/v1/auth/login",
        R"({"username":"wang","password":"inspector pass 1","device_id":"d","device_name":"n"})",
        "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const std::string token = json(r)[u"access_token"_s].toString().toStdString();

    // Four threads per process, twenty requests each, all on one counter row.
    constexpr int ThreadsPerServer = 4;
    constexpr int Requests = 20;
    std::mutex lock;
    std::vector<std::pair<qint64, qint64>> blocks;
    std::atomic<qint64> requested { 0 };
    std::atomic<int> failures { 0 };
    std::vector<std::thread> threads;
    for (int t = 0; t < 2 * ThreadsPerServer; ++t) {
        threads.emplace_back([&, t] {
            httplib::Client cli("127.0.0.1", ports[static_cast<std::size_t>(t % 2)]);
            for (int i = 0; i < Requests; ++i) {
                const qint64 count = 1 + (t + i) % 9;
                auto res = cli.Post("/api/v1/documents/numbers",
                    { { "Authorization", "Bearer " + token } },
                    R"({"kind":"rectification_order","count":)" + std::to_string(count) + "}",
                    "application/json");
                if (!res || res->status != 200) {
                    ++failures;
                    continue;
                }
                const QJsonObject body = json(res);
                const qint64 from = body[u"from"_s].toInteger();
                const qint64 to = body[u"to"_s].toInteger();
                if (to - from + 1 != count)
                    ++failures;
                requested += count;
                std::lock_guard guard(lock);
                blocks.emplace_back(from, to);
            }
        });
    }
    for (auto& th : threads)
        th.join();
    EXPECT_EQ(failures.load(), 0);
    ASSERT_EQ(blocks.size(), static_cast<std::size_t>(2 * ThreadsPerServer * Requests));
    std::sort(blocks.begin(), blocks.end());
    qint64 next = 1;
    for (const auto& [from, to] : blocks) {
        ASSERT_EQ(from, next) << "blocks overlap or leave a gap";
        next = to + 1;
    }
    EXPECT_EQ(next - 1, requested.load());
    EXPECT_EQ(a.stop(), 0);
    EXPECT_EQ(b.stop(), 0);
}
