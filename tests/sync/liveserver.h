// Shared set-up for sync tests that run several real SyncEngines against one real
// safeloop-server on 127.0.0.1: users, enterprises in streets, device options.
#pragma once

#include "sync/syncengine.h"

#include "core/creditcode.h"
#include "core/uuid.h"

#include "tests/support/serverprocess.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace safeloop::test {

inline const QByteArray LivePassword = "Anquan-2026-jiancha";

/// The credit code of demo enterprise `n` (valid check character).
inline QString enterpriseCode(int n)
{
    using namespace Qt::StringLiterals;
    const QString first17 = u"9122010100000%1"_s.arg(n, 4, 10, QChar(u'0'));
    return first17 + *core::CreditCode::checkCharacter(first17);
}

inline QJsonObject enterpriseArgs(int n, const QString& street)
{
    using namespace Qt::StringLiterals;
    return { { u"name"_s, u"Greenfield Stamping %1"_s.arg(n) },
        { u"address"_s, u"%1 Riverside Road"_s.arg(n) }, { u"street"_s, street },
        { u"industry_code"_s, u"C33"_s }, { u"risk_grade"_s, u"orange"_s },
        { u"lat"_s, 31.2 + n * 0.001 }, { u"lon"_s, 121.4 + n * 0.001 } };
}

inline QJsonObject hazardArgs(
    int enterprise, const QString& description, const QJsonArray& photos = {})
{
    using namespace Qt::StringLiterals;
    return { { u"enterprise_id"_s, enterpriseCode(enterprise) }, { u"description"_s, description },
        { u"place"_s, u"Press line 2"_s }, { u"level"_s, u"general"_s },
        { u"category"_s, u"machinery"_s }, { u"basis"_s, u"GB 27607"_s },
        { u"measure"_s, u"Restore the light curtain"_s }, { u"deadline"_s, u"2027-06-30"_s },
        { u"attachments"_s, photos } };
}

inline int countRows(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

/// A temporary server data directory, the real server process and helpers to add accounts and
/// open device engines against it.
class LiveServerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        using namespace Qt::StringLiterals;
        ASSERT_TRUE(m_dir.isValid());
        ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, serverDir() }).exitCode, 0);
    }

    QString serverDir() const { return m_dir.filePath(QStringLiteral("server")); }

    void startServer()
    {
        ASSERT_TRUE(m_server.start(serverDir())) << m_server.errorOutput().toStdString();
    }

    void addUser(const QString& name, const QString& role, const QStringList& extra = {})
    {
        using namespace Qt::StringLiterals;
        const auto r
            = runServerCommand(QStringList { u"user"_s, u"add"_s, u"--data"_s, serverDir(),
                                   u"--username"_s, name, u"--role"_s, role, u"--name"_s, name }
                    + extra,
                LivePassword + "\n");
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    }

    sync::SyncEngine::Options options(const QString& device)
    {
        using namespace Qt::StringLiterals;
        sync::SyncEngine::Options o;
        o.serverUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.port()));
        o.databasePath = m_dir.filePath(device + u".db"_s);
        o.blobRoot = m_dir.filePath(device + u"-blobs"_s);
        o.deviceId = u"0193a000-0000-7000-8000-%1"_s.arg(
            qHash(device) % 1000000000000, 12, 10, QChar(u'0'));
        o.deviceName = device;
        return o;
    }

    static std::unique_ptr<sync::SyncEngine> openEngine(
        const sync::SyncEngine::Options& o, const QString& user = {})
    {
        auto engine = sync::SyncEngine::open(o);
        EXPECT_TRUE(engine.ok()) << engine.error().message.toStdString();
        if (!engine.ok())
            return {};
        if (!user.isEmpty()) {
            auto u = engine.value()->login(user, QString::fromUtf8(LivePassword));
            EXPECT_TRUE(u.ok()) << u.error().message.toStdString();
        }
        return std::move(engine.value());
    }

    std::unique_ptr<sync::SyncEngine> device(const QString& name, const QString& user = {})
    {
        return openEngine(options(name), user);
    }

    static void syncOk(sync::SyncEngine& e)
    {
        const auto r = e.runCycle();
        ASSERT_TRUE(r.ok) << (r.failure
                ? (r.failure->code + QStringLiteral(": ") + r.failure->message).toStdString()
                : std::string());
    }

    /// The supervisor registers enterprise `n` in `street` through a push.
    static void registerEnterprise(sync::SyncEngine& supervisor, int n, const QString& street)
    {
        auto r = supervisor.store().perform(supervisor.actor(), QStringLiteral("enterprise.upsert"),
            enterpriseCode(n), enterpriseArgs(n, street));
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        syncOk(supervisor);
    }

    QTemporaryDir m_dir;
    ServerProcess m_server;
};

} // namespace safeloop::test
