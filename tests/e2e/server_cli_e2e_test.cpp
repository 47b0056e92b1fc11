// Drives the real safeloop-server binary as an administrator would.
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

TEST(ServerCliE2eTest, InitCreatesAPrivateStore)
{
    QTemporaryDir tmp;
    const QString data = tmp.filePath(u"data"_s);
    const auto r = runServerCommand({ u"init"_s, u"--data"_s, data });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(QFileInfo::exists(data + u"/safeloop.db"_s));
    EXPECT_EQ(QFileInfo(data).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
}

TEST(ServerCliE2eTest, ServeOnPortZeroPrintsTheBoundAddressAndAnswersHealth)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    ServerProcess server;
    ASSERT_TRUE(server.start(tmp.path())) << server.errorOutput().toStdString();
    ASSERT_GT(server.port(), 0);

    httplib::Client cli("127.0.0.1", server.port());
    auto res = cli.Get("/api/v1/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    const auto body = QJsonDocument::fromJson(QByteArray::fromStdString(res->body)).object();
    EXPECT_EQ(body[u"status"_s].toString(), u"ok"_s);
    EXPECT_GE(body[u"schema_version"_s].toInt(), 1);

    EXPECT_EQ(server.stop(), 0) << "SIGTERM must stop the server cleanly";
    EXPECT_TRUE(server.errorOutput().contains(u"\"path\":\"/api/v1/health\""_s))
        << "the access log records the request";
}

TEST(ServerCliE2eTest, ServeRefusesAnUninitialisedDirectory)
{
    QTemporaryDir tmp;
    const auto r = runServerCommand(
        { u"serve"_s, u"--data"_s, tmp.path(), u"--listen"_s, u"127.0.0.1:0"_s });
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains(u"init"_s)) << r.err.toStdString();
}

TEST(ServerCliE2eTest, UnknownCommandExitsNonZeroWithOneLineReason)
{
    const auto r = runServerCommand({ u"frobnicate"_s, u"--data"_s, u"/tmp/x"_s });
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.startsWith(u"safeloop-server: unknown command frobnicate"_s))
        << r.err.toStdString();
}
