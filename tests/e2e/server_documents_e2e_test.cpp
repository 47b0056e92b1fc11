// The real safeloop-server binary: `config` settings for document numbers and `serve
// --trusted-proxy`, as an administrator sets them up.
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
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

void addInspector(const QString& dir)
{
    const auto added
        = runServerCommand({ u"user"_s, u"add"_s, u"--data"_s, dir, u"--username"_s, u"wang"_s,
                               u"--role"_s, u"inspector"_s, u"--badge"_s, u"32010001"_s },
            "inspector pass 1\n");
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
}

std::string login(httplib::Client& cli)
{
    auto r = cli.Post("/api/v1/auth/login",
        R"({"username":"wang","password":"inspector pass 1","device_id":"d1","device_name":"n"})",
        "application/json");
    EXPECT_TRUE(r);
    if (!r)
        return {};
    EXPECT_EQ(r->status, 200) << r->body;
    return json(r)[u"access_token"_s].toString().toStdString();
}

/// The "remote" field of the access-log line for `path`.
QString loggedRemote(const QString& log, const QString& path)
{
    for (const QString& line : log.split(u'\n')) {
        const QJsonObject entry = QJsonDocument::fromJson(line.toUtf8()).object();
        if (entry[u"path"_s].toString() == path)
            return entry[u"remote"_s].toString();
    }
    return {};
}

} // namespace

TEST(ServerDocumentsE2eTest, ConfigSetChangesTheDocumentPrefixAndRefusesUnknownKeys)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    const auto set = runServerCommand({ u"config"_s, u"set"_s, u"--data"_s, tmp.path(),
        u"documents.prefix.rectification_order"_s, u"(青)安监责改〔{year}〕"_s });
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    const auto get = runServerCommand({ u"config"_s, u"get"_s, u"--data"_s, tmp.path(),
        u"documents.prefix.rectification_order"_s });
    EXPECT_EQ(get.out.trimmed(), u"(青)安监责改〔{year}〕"_s);
    const auto list = runServerCommand({ u"config"_s, u"list"_s, u"--data"_s, tmp.path() });
    EXPECT_TRUE(list.out.contains(u"district.time_zone = Asia/Shanghai"_s))
        << list.out.toStdString();

    const auto unknown = runServerCommand(
        { u"config"_s, u"set"_s, u"--data"_s, tmp.path(), u"district.zone"_s, u"UTC"_s });
    EXPECT_NE(unknown.exitCode, 0);
    EXPECT_EQ(unknown.err.count(u'\n'), 1) << unknown.err.toStdString();
    EXPECT_TRUE(unknown.err.contains(u"district.zone"_s));
    const auto badZone = runServerCommand({ u"config"_s, u"set"_s, u"--data"_s, tmp.path(),
        u"district.time_zone"_s, u"Asia/Atlantis"_s });
    EXPECT_NE(badZone.exitCode, 0);

    addInspector(tmp.path());
    ServerProcess server;
    ASSERT_TRUE(server.start(tmp.path())) << server.errorOutput().toStdString();
    httplib::Client cli("127.0.0.1", server.port());
    const std::string token = login(cli);
    auto r = cli.Post("/api/v1/documents/numbers", { { "Authorization", "Bearer " + token } },
        R"({"kind":"rectification_order","count":25})", "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonObject block = json(r);
    EXPECT_TRUE(QRegularExpression(u"^\\(青\\)安监责改〔20\\d\\d〕$"_s)
                    .match(block[u"prefix"_s].toString())
                    .hasMatch())
        << block[u"prefix"_s].toString().toStdString();
    EXPECT_EQ(block[u"from"_s].toInteger(), 1);
    EXPECT_EQ(block[u"to"_s].toInteger(), 25);
    EXPECT_EQ(server.stop(), 0);
}

TEST(ServerDocumentsE2eTest, TheAccessLogNamesTheForwardedClientOnlyBehindATrustedProxy)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);

    ServerProcess direct;
    ASSERT_TRUE(direct.start(tmp.path())) << direct.errorOutput().toStdString();
    {
        httplib::Client cli("127.0.0.1", direct.port());
        ASSERT_TRUE(cli.Get("/api/v1/health", { { "X-Forwarded-For", "203.0.113.66" } }));
    }
    EXPECT_EQ(direct.stop(), 0);
    EXPECT_EQ(loggedRemote(direct.errorOutput(), u"/api/v1/health"_s), u"127.0.0.1"_s)
        << "a forged header from an untrusted peer is ignored";

    ServerProcess proxied;
    ASSERT_TRUE(proxied.start(tmp.path(), { u"--trusted-proxy"_s, u"127.0.0.1,10.0.0.0/8"_s }))
        << proxied.errorOutput().toStdString();
    {
        httplib::Client cli("127.0.0.1", proxied.port());
        ASSERT_TRUE(cli.Get("/api/v1/health", { { "X-Forwarded-For", "1.2.3.4, 198.51.100.7" } }));
    }
    EXPECT_EQ(proxied.stop(), 0);
    EXPECT_EQ(loggedRemote(proxied.errorOutput(), u"/api/v1/health"_s), u"198.51.100.7"_s);

    const auto bad = runServerCommand({ u"serve"_s, u"--data"_s, tmp.path(), u"--listen"_s,
        u"127.0.0.1:0"_s, u"--trusted-proxy"_s, u"proxy.example"_s });
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_TRUE(bad.err.contains(u"proxy.example"_s)) << bad.err.toStdString();
}

TEST(ServerHttpSettingsE2eTest, HttpSettingsTakeEffectWhenServeStarts)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    const auto refused = runServerCommand(
        { u"config"_s, u"set"_s, u"--data"_s, tmp.path(), u"http.max_header_count"_s, u"2"_s });
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_TRUE(refused.err.contains(u"http.max_header_count"_s)) << refused.err.toStdString();
    const auto set = runServerCommand(
        { u"config"_s, u"set"_s, u"--data"_s, tmp.path(), u"http.max_header_count"_s, u"10"_s });
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();

    ServerProcess server;
    ASSERT_TRUE(server.start(tmp.path())) << server.errorOutput().toStdString();
    httplib::Client cli("127.0.0.1", server.port());
    httplib::Headers few { { "X-A", "1" } };
    auto ok = cli.Get("/api/v1/health", few);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    httplib::Headers many;
    for (int i = 0; i < 12; ++i)
        many.emplace("X-Field-" + std::to_string(i), "1");
    auto capped = cli.Get("/api/v1/health", many);
    ASSERT_TRUE(capped);
    EXPECT_EQ(capped->status, 431) << capped->body;
    EXPECT_EQ(json(capped)[u"error"_s].toObject()[u"code"_s].toString(), u"too_many_headers"_s);
    EXPECT_EQ(server.stop(), 0);
}
