// The real safeloop-server binary against PostgreSQL (`--database postgresql://…`).
#include "tests/support/pgcluster.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

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
