// Blobs in PostgreSQL (`blobs.store` = database): two real server processes with separate data
// directories on one database each serve the blobs the other received.
#include "tests/support/pgcluster.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

namespace {

const QString Enterprise = u"91350100M000100Y43"_s;

QString sha(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray photo(qsizetype n, int seed)
{
    QByteArray b(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        b[i] = static_cast<char>((i * 17 + seed + i / 1000) % 251);
    return b;
}

QString hlc(int counter)
{
    return QString::number(QDateTime::currentMSecsSinceEpoch(), 16).rightJustified(12, u'0')
        + QString::number(counter, 16).rightJustified(4, u'0');
}

QStringList filesUnder(const QString& dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

class TwoProcesses {
public:
    bool setUp()
    {
        m_db = { u"--database"_s, safeloop::test::freshPgDatabaseUrl() };
        const QStringList dataA { u"--data"_s, m_a.path() };
        auto ok = [](const safeloop::test::CommandResult& r) {
            EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
            return r.exitCode == 0;
        };
        return ok(runServerCommand(QStringList { u"init"_s } + dataA + m_db))
            && ok(runServerCommand(QStringList { u"config"_s, u"set"_s } + dataA + m_db
                + QStringList { u"blobs.store"_s, u"database"_s }))
            && ok(runServerCommand(QStringList { u"user"_s, u"add"_s } + dataA + m_db
                    + QStringList { u"--username"_s, u"zhao"_s, u"--role"_s, u"supervisor"_s },
                "supervisor pass 1\n"))
            && ok(runServerCommand(QStringList { u"user"_s, u"add"_s } + dataA + m_db
                    + QStringList { u"--username"_s, u"wang"_s, u"--role"_s, u"inspector"_s,
                        u"--badge"_s, u"32010001"_s },
                "inspector pass 1\n"))
            && a.start(m_a.path(), m_db) && b.start(m_b.path(), m_db);
    }

    std::string token(const char* user, const char* password)
    {
        httplib::Client c("127.0.0.1", a.port());
        auto r = c.Post("/api/v1/auth/login",
            std::string(R"({"username":")") + user + R"(","password":")" + password
                + R"(","device_id":"d-)" + user + R"(","device_name":"n"})",
            "application/json");
        EXPECT_TRUE(r && r->status == 200);
        return r ? QJsonDocument::fromJson(QByteArray::fromStdString(r->body))
                       .object()[u"access_token"_s]
                       .toString()
                       .toStdString()
                 : std::string();
    }

    httplib::Result push(ServerProcess& to, const std::string& token, const QString& client,
        const QJsonObject& mutation)
    {
        const QJsonObject body { { u"client_id"_s, client }, { u"schema_version"_s, 1 },
            { u"mutations"_s, QJsonArray { mutation } } };
        httplib::Client c("127.0.0.1", to.port());
        return c.Post("/api/v1/sync/push", { { "Authorization", "Bearer " + token } },
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
    }

    const QStringList& databaseArgs() const { return m_db; }
    const QTemporaryDir& dirA() const { return m_a; }
    const QTemporaryDir& dirB() const { return m_b; }

    ServerProcess a;
    ServerProcess b;

private:
    QTemporaryDir m_a;
    QTemporaryDir m_b;
    QStringList m_db;
};

httplib::Result putRange(ServerProcess& to, const std::string& token, const QByteArray& bytes,
    qint64 first, qint64 length)
{
    httplib::Client c("127.0.0.1", to.port());
    httplib::Headers h { { "Authorization", "Bearer " + token },
        { "Content-Range",
            "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/"
                + std::to_string(bytes.size()) } };
    return c.Put("/api/v1/blobs/" + sha(bytes).toStdString(), h,
        bytes.mid(first, length).toStdString(), "application/octet-stream");
}

httplib::Result get(ServerProcess& from, const std::string& token, const QString& id)
{
    httplib::Client c("127.0.0.1", from.port());
    return c.Get("/api/v1/blobs/" + id.toStdString(), { { "Authorization", "Bearer " + token } });
}

} // namespace

TEST(BlobsPgE2eTest, TwoProcessesOnOneDatabaseEachServeTheBlobsTheOtherReceived)
{
    TwoProcesses s;
    ASSERT_TRUE(s.setUp()) << s.a.errorOutput().toStdString() << s.b.errorOutput().toStdString();
    const std::string sup = s.token("zhao", "supervisor pass 1");
    const std::string insp = s.token("wang", "inspector pass 1");

    auto registered = s.push(s.a, sup, u"dev-sup"_s,
        { { u"id"_s, 1 }, { u"name"_s, u"enterprise.upsert"_s }, { u"entity_id"_s, Enterprise },
            { u"hlc"_s, hlc(1) },
            { u"args"_s,
                QJsonObject { { u"name"_s, u"Acme Stamping"_s },
                    { u"address"_s, u"1 Factory Road"_s }, { u"street"_s, u"North"_s },
                    { u"industry_code"_s, u"C3670"_s }, { u"risk_grade"_s, u"orange"_s },
                    { u"lat"_s, 43.88 }, { u"lon"_s, 125.35 } } } });
    ASSERT_EQ(registered->status, 200) << registered->body;

    // One photo uploaded half to A and finished on B; another whole to B.
    const QByteArray first = photo(2 * 1024 * 1024 + 4321, 1);
    const QByteArray second = photo(700 * 1024, 2);
    auto half = putRange(s.a, insp, first, 0, 1024 * 1024 + 10);
    ASSERT_EQ(half->status, 308) << half->body;
    auto rest = putRange(s.b, insp, first, 1024 * 1024 + 10, first.size() - 1024 * 1024 - 10);
    ASSERT_EQ(rest->status, 201) << rest->body;
    auto whole = putRange(s.b, insp, second, 0, second.size());
    ASSERT_EQ(whole->status, 201) << whole->body;

    auto hazard = s.push(s.a, insp, u"dev-insp"_s,
        { { u"id"_s, 1 }, { u"name"_s, u"hazard.create"_s },
            { u"entity_id"_s, u"0193a000-0000-7000-8000-0000000000e1"_s }, { u"hlc"_s, hlc(1) },
            { u"args"_s,
                QJsonObject { { u"enterprise_id"_s, Enterprise },
                    { u"description"_s, u"Guard missing"_s }, { u"place"_s, u"Press line 2"_s },
                    { u"level"_s, u"general"_s }, { u"deadline"_s, u"2099-01-10"_s },
                    { u"attachments"_s, QJsonArray { sha(first), sha(second) } } } } });
    ASSERT_EQ(hazard->status, 200) << hazard->body;
    ASSERT_TRUE(hazard->body.find("\"applied\"") != std::string::npos) << hazard->body;

    for (ServerProcess* p : { &s.a, &s.b }) {
        for (const QByteArray* bytes : { &first, &second }) {
            auto got = get(*p, sup, sha(*bytes));
            ASSERT_TRUE(got);
            EXPECT_EQ(got->status, 200) << "port " << p->port();
            EXPECT_TRUE(QByteArray::fromStdString(got->body) == *bytes)
                << "port " << p->port() << ": " << got->body.size() << " bytes";
        }
    }
    EXPECT_TRUE(filesUnder(s.dirA().path()).filter(u"/blobs/"_s).isEmpty());
    EXPECT_TRUE(filesUnder(s.dirB().path()).filter(u"/blobs/"_s).isEmpty());

    // The store both share passes a full check.
    const auto checked = runServerCommand(
        QStringList { u"check"_s, u"--data"_s, s.dirB().path(), u"--all-blobs"_s }
        + s.databaseArgs());
    EXPECT_EQ(checked.exitCode, 0) << checked.err.toStdString();
    EXPECT_TRUE(checked.out.contains(u"2 referenced blob(s): 2 hashed (all)"_s))
        << checked.out.toStdString();
    EXPECT_EQ(s.a.stop(), 0);
    EXPECT_EQ(s.b.stop(), 0);
}
