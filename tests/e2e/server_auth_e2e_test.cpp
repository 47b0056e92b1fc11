// Accounts, login, blobs and backups through the real safeloop-server binary on 127.0.0.1.
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

namespace {

const QByteArray Password = "Tr1cky pass phrase!";

QJsonObject json(const httplib::Result& r)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object();
}

httplib::Result login(int port, const char* user, const QByteArray& password)
{
    httplib::Client cli("127.0.0.1", port);
    const QJsonObject body { { u"username"_s, QString::fromUtf8(user) },
        { u"password"_s, QString::fromUtf8(password) }, { u"device_id"_s, u"e2e-device"_s },
        { u"device_name"_s, u"E2E phone"_s } };
    return cli.Post(
        "/api/v1/auth/login", QJsonDocument(body).toJson().toStdString(), "application/json");
}

httplib::Headers bearer(const std::string& token)
{
    return { { "Authorization", "Bearer " + token } };
}

} // namespace

TEST(ServerAuthE2eTest, UserAddReadsThePasswordFromStdinAndTheUserCanLogIn)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    const auto added = runServerCommand(
        { u"user"_s, u"add"_s, u"--data"_s, tmp.path(), u"--username"_s, u"wang.li"_s, u"--role"_s,
            u"inspector"_s, u"--badge"_s, u"32010001"_s, u"--name"_s, u"王立"_s, u"--streets"_s,
            u"东风街道,西湖街道"_s },
        Password + "\n");
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    EXPECT_TRUE(added.out.startsWith(u"added inspector wang.li"_s)) << added.out.toStdString();

    ServerProcess server;
    ASSERT_TRUE(server.start(tmp.path())) << server.errorOutput().toStdString();
    auto res = login(server.port(), "wang.li", Password);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const QJsonObject user = json(res)[u"user"_s].toObject();
    EXPECT_EQ(user[u"name"_s].toString(), u"王立"_s);
    EXPECT_EQ(user[u"role"_s].toString(), u"inspector"_s);

    httplib::Client cli("127.0.0.1", server.port());
    auto me = cli.Get("/api/v1/me", bearer(json(res)[u"access_token"_s].toString().toStdString()));
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 200);
    EXPECT_EQ(json(me)[u"streets"_s].toVariant().toStringList(),
        (QStringList { u"东风街道"_s, u"西湖街道"_s }));
    EXPECT_EQ(server.stop(), 0);
}

TEST(ServerAuthE2eTest, UserAddRefusesBadInputWithOneLineAndNonZeroExit)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    const QStringList base { u"user"_s, u"add"_s, u"--data"_s, tmp.path(), u"--username"_s,
        u"someone"_s };
    const std::vector<std::pair<QStringList, QString>> cases {
        { { u"--role"_s, u"boss"_s }, u"role"_s },
        { { u"--role"_s, u"enterprise"_s, u"--enterprise"_s, u"91350100M000100Y44"_s },
            u"91350100M000100Y44"_s },
        { { u"--role"_s, u"enterprise"_s }, u"--enterprise"_s },
        { { u"--role"_s, u"inspector"_s }, u"--badge"_s },
        { { u"--role"_s, u"admin"_s, u"--colour"_s, u"red"_s }, u"--colour"_s },
    };
    for (const auto& [extra, mention] : cases) {
        const auto r = runServerCommand(base + extra, Password + "\n");
        EXPECT_NE(r.exitCode, 0) << extra.join(u' ').toStdString();
        EXPECT_TRUE(r.err.startsWith(u"safeloop-server: "_s)) << r.err.toStdString();
        EXPECT_TRUE(r.err.contains(mention)) << r.err.toStdString();
    }
    const auto noPassword
        = runServerCommand(base + QStringList { u"--role"_s, u"admin"_s }, QByteArray());
    EXPECT_NE(noPassword.exitCode, 0);
    EXPECT_EQ(noPassword.err.count(u'\n'), 1) << noPassword.err.toStdString();
    EXPECT_TRUE(noPassword.err.contains(u"standard input"_s));

    ASSERT_EQ(
        runServerCommand(base + QStringList { u"--role"_s, u"admin"_s }, Password + "\n").exitCode,
        0);
    const auto duplicate
        = runServerCommand(base + QStringList { u"--role"_s, u"admin"_s }, Password + "\n");
    EXPECT_NE(duplicate.exitCode, 0);
    EXPECT_EQ(duplicate.err.count(u'\n'), 1);
    EXPECT_TRUE(duplicate.err.contains(u"already exists"_s));
}

TEST(ServerAuthE2eTest, EnterpriseUserCarriesTheCreditCode)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    const auto added = runServerCommand(
        { u"user"_s, u"add"_s, u"--data"_s, tmp.path(), u"--username"_s, u"acme"_s, u"--role"_s,
            u"enterprise"_s, u"--enterprise"_s, u"91350100M000100Y43"_s },
        Password + "\n");
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    ServerProcess server;
    ASSERT_TRUE(server.start(tmp.path()));
    auto res = login(server.port(), "acme", Password);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_TRUE(json(res)[u"user"_s].toObject().contains(u"enterprise_id"_s));
    httplib::Client cli("127.0.0.1", server.port());
    auto me = cli.Get("/api/v1/me", bearer(json(res)[u"access_token"_s].toString().toStdString()));
    EXPECT_EQ(json(me)[u"enterprise_uscc"_s].toString(), u"91350100M000100Y43"_s);
}

TEST(ServerAuthE2eTest, AccessLogNeverContainsTokensOrPasswords)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    ASSERT_EQ(runServerCommand({ u"user"_s, u"add"_s, u"--data"_s, tmp.path(), u"--username"_s,
                                   u"zhao"_s, u"--role"_s, u"supervisor"_s },
                  Password + "\n")
                  .exitCode,
        0);
    ServerProcess server;
    ASSERT_TRUE(server.start(tmp.path()));
    auto res = login(server.port(), "zhao", Password);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    const std::string access = json(res)[u"access_token"_s].toString().toStdString();
    const std::string refresh = json(res)[u"refresh_token"_s].toString().toStdString();
    httplib::Client cli("127.0.0.1", server.port());
    EXPECT_EQ(cli.Get("/api/v1/me", bearer(access))->status, 200);
    EXPECT_EQ(login(server.port(), "zhao", "wrong " + Password)->status, 401);
    EXPECT_EQ(cli.Post("/api/v1/auth/refresh", R"({"refresh_token":")" + refresh + R"("})",
                     "application/json")
                  ->status,
        200);
    EXPECT_EQ(server.stop(), 0);

    const QString log = server.errorOutput();
    EXPECT_TRUE(log.contains(u"\"path\":\"/api/v1/me\""_s)) << "the log is there to be searched";
    EXPECT_FALSE(log.contains(QString::fromStdString(access)));
    EXPECT_FALSE(log.contains(QString::fromStdString(refresh)));
    EXPECT_FALSE(log.contains(QString::fromUtf8(Password)));
    EXPECT_FALSE(log.contains(u"Bearer"_s));
}

TEST(ServerAuthE2eTest, DisablingAUserWhileServingStopsItsTokens)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    ASSERT_EQ(runServerCommand({ u"user"_s, u"add"_s, u"--data"_s, tmp.path(), u"--username"_s,
                                   u"zhao"_s, u"--role"_s, u"supervisor"_s },
                  Password + "\n")
                  .exitCode,
        0);
    ServerProcess server;
    ASSERT_TRUE(server.start(tmp.path()));
    auto res = login(server.port(), "zhao", Password);
    ASSERT_EQ(res->status, 200);
    const std::string token = json(res)[u"access_token"_s].toString().toStdString();
    httplib::Client cli("127.0.0.1", server.port());
    EXPECT_EQ(cli.Get("/api/v1/me", bearer(token))->status, 200);

    const auto disabled = runServerCommand(
        { u"user"_s, u"disable"_s, u"--data"_s, tmp.path(), u"--username"_s, u"zhao"_s });
    ASSERT_EQ(disabled.exitCode, 0) << disabled.err.toStdString();
    EXPECT_EQ(cli.Get("/api/v1/me", bearer(token))->status, 401);

    ASSERT_EQ(runServerCommand(
                  { u"user"_s, u"enable"_s, u"--data"_s, tmp.path(), u"--username"_s, u"zhao"_s })
                  .exitCode,
        0);
    EXPECT_EQ(cli.Get("/api/v1/me", bearer(token))->status, 200);
    EXPECT_NE(runServerCommand({ u"user"_s, u"disable"_s, u"--data"_s, tmp.path(), u"--username"_s,
                                   u"nobody"_s })
                  .exitCode,
        0);
}

TEST(ServerAuthE2eTest, BlobUploadResumesAcrossRequests)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    ASSERT_EQ(runServerCommand({ u"user"_s, u"add"_s, u"--data"_s, tmp.path(), u"--username"_s,
                                   u"zhao"_s, u"--role"_s, u"supervisor"_s },
                  Password + "\n")
                  .exitCode,
        0);
    ServerProcess server;
    ASSERT_TRUE(server.start(tmp.path()));
    const std::string token
        = json(login(server.port(), "zhao", Password))[u"access_token"_s].toString().toStdString();
    QByteArray photo(300000, 'p');
    for (qsizetype i = 0; i < photo.size(); ++i)
        photo[i] = static_cast<char>(i % 241);
    const std::string sha
        = QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex().toStdString();
    const std::string path = "/api/v1/blobs/" + sha;
    httplib::Client cli("127.0.0.1", server.port());

    httplib::Headers h = bearer(token);
    h.emplace("Content-Range", "bytes 0-99999/300000");
    auto first = cli.Put(path.c_str(), h, photo.left(100000).toStdString(), "image/jpeg");
    ASSERT_EQ(first->status, 308);
    EXPECT_EQ(first->get_header_value("Upload-Offset"), "100000");

    // The server restarts between chunks: the partial survives.
    EXPECT_EQ(server.stop(), 0);
    ASSERT_TRUE(server.start(tmp.path()));
    httplib::Client again("127.0.0.1", server.port());
    auto head = again.Head(path.c_str(), bearer(token));
    ASSERT_EQ(head->status, 308);
    ASSERT_EQ(head->get_header_value("Upload-Offset"), "100000");

    httplib::Headers h2 = bearer(token);
    h2.emplace("Content-Range", "bytes 100000-299999/300000");
    auto last = again.Put(path.c_str(), h2, photo.mid(100000).toStdString(), "image/jpeg");
    ASSERT_EQ(last->status, 201) << last->body;
    // Complete on the server; GET stays 404 until a record in scope references the blob.
    auto done = again.Head(path.c_str(), bearer(token));
    ASSERT_EQ(done->status, 200);
    EXPECT_EQ(done->get_header_value("Content-Length"), std::to_string(photo.size()));
    auto get = again.Get(path.c_str(), bearer(token));
    EXPECT_EQ(get->status, 404) << "an unreferenced blob is outside every scope";
    EXPECT_TRUE(QFile::exists(tmp.path() + u"/blobs/"_s + QString::fromStdString(sha.substr(0, 2))
        + u"/"_s + QString::fromStdString(sha)));
}

TEST(ServerAuthE2eTest, GcCollectsUnreferencedBlobsPastTheirExpiry)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    ASSERT_EQ(runServerCommand({ u"user"_s, u"add"_s, u"--data"_s, tmp.path(), u"--username"_s,
                                   u"zhao"_s, u"--role"_s, u"supervisor"_s },
                  Password + "\n")
                  .exitCode,
        0);
    const QByteArray stray("a photo whose record never arrived");
    const std::string sha
        = QCryptographicHash::hash(stray, QCryptographicHash::Sha256).toHex().toStdString();
    const QString file = tmp.path() + u"/blobs/"_s + QString::fromStdString(sha.substr(0, 2))
        + u"/"_s + QString::fromStdString(sha);
    {
        ServerProcess server;
        ASSERT_TRUE(server.start(tmp.path())) << server.errorOutput().toStdString();
        const std::string token = json(login(server.port(), "zhao", Password))[u"access_token"_s]
                                      .toString()
                                      .toStdString();
        httplib::Client cli("127.0.0.1", server.port());
        ASSERT_EQ(cli.Put(("/api/v1/blobs/" + sha).c_str(), bearer(token), stray.toStdString(),
                         "image/jpeg")
                      ->status,
            201);
        EXPECT_EQ(server.stop(), 0);
    }
    ASSERT_TRUE(QFile::exists(file));
    const auto young = runServerCommand({ u"gc"_s, u"--data"_s, tmp.path() });
    ASSERT_EQ(young.exitCode, 0) << young.err.toStdString();
    EXPECT_TRUE(young.out.contains(u"collected 0 unreferenced blob(s)"_s))
        << young.out.toStdString();
    EXPECT_TRUE(QFile::exists(file)) << "younger than 7 days";

    ASSERT_EQ(runServerCommand({ u"config"_s, u"set"_s, u"--data"_s, tmp.path(),
                                   u"blobs.unreferenced_expiry_seconds"_s, u"0"_s })
                  .exitCode,
        0);
    const auto bad = runServerCommand(
        { u"config"_s, u"set"_s, u"--data"_s, tmp.path(), u"blobs.user_quota_bytes"_s, u"lots"_s });
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_TRUE(bad.err.contains(u"blobs.user_quota_bytes"_s)) << bad.err.toStdString();
    QThread::msleep(20);
    const auto old = runServerCommand({ u"gc"_s, u"--data"_s, tmp.path() });
    ASSERT_EQ(old.exitCode, 0) << old.err.toStdString();
    EXPECT_TRUE(old.out.contains(u"collected 1 unreferenced blob(s)"_s)) << old.out.toStdString();
    EXPECT_FALSE(QFile::exists(file));
}

TEST(ServerAuthE2eTest, BackupRestoresIntoANewDataDirectory)
{
    QTemporaryDir tmp;
    const QString data = tmp.filePath(u"data"_s);
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, data }).exitCode, 0);
    ASSERT_EQ(runServerCommand({ u"user"_s, u"add"_s, u"--data"_s, data, u"--username"_s,
                                   u"admin"_s, u"--role"_s, u"admin"_s },
                  Password + "\n")
                  .exitCode,
        0);
    ServerProcess running;
    ASSERT_TRUE(running.start(data)) << "backups are taken while the server serves";
    const QString out = tmp.filePath(u"safeloop-backup.db"_s);
    const auto backup = runServerCommand({ u"backup"_s, u"--data"_s, data, out });
    ASSERT_EQ(backup.exitCode, 0) << backup.err.toStdString();
    EXPECT_EQ(running.stop(), 0);
    EXPECT_NE(runServerCommand({ u"backup"_s, u"--data"_s, data, out }).exitCode, 0)
        << "a backup never overwrites";

    // Wipe the original, restore by copying the backup into a new data directory.
    ASSERT_TRUE(QDir(data).removeRecursively());
    const QString restored = tmp.filePath(u"restored"_s);
    ASSERT_TRUE(QDir().mkpath(restored));
    ASSERT_TRUE(QFile::copy(out, restored + u"/safeloop.db"_s));

    ServerProcess server;
    ASSERT_TRUE(server.start(restored)) << server.errorOutput().toStdString();
    auto res = login(server.port(), "admin", Password);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
}

TEST(ServerAuthE2eTest, BackupOfAPostgresStorePointsToPgDump)
{
    QTemporaryDir tmp;
    const auto r = runServerCommand({ u"backup"_s, u"--data"_s, tmp.path(), u"--database"_s,
        u"postgresql://safeloop@127.0.0.1:5432/safeloop"_s, tmp.filePath(u"out"_s) });
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains(u"pg_dump"_s)) << r.err.toStdString();
    EXPECT_EQ(r.err.count(u'\n'), 1);
}

TEST(ServerAuthE2eTest, BackupWithoutAnOutputFileIsRefused)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    const auto r = runServerCommand({ u"backup"_s, u"--data"_s, tmp.path() });
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains(u"OUT"_s)) << r.err.toStdString();
}
