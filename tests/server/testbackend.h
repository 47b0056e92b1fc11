#pragma once

// The server suites are compiled twice: `server_tests` against SQLite and `server_pg_tests`
// (SAFELOOP_TEST_PG) against a throwaway PostgreSQL cluster. Tests ask this header for a store.
#include "server/httpapi.h"
#include "server/serverstore.h"
#include "server/users.h"
#include "tests/support/pgcluster.h"

#include <httplib.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <thread>

namespace safeloop::test {

constexpr bool UsingPostgres =
#ifdef SAFELOOP_TEST_PG
    true;
#else
    false;
#endif

/// A store location for this test: SQLite in `dir`, or a fresh PostgreSQL database.
inline server::StoreLocation storeLocation(const QTemporaryDir& dir)
{
    server::StoreLocation location { dir.path(), {} };
    if (UsingPostgres)
        location.databaseUrl = freshPgDatabaseUrl();
    return location;
}

/// Adds an account straight through the user service.
inline server::UserRecord addUser(const server::ServerStore& store, const QString& username,
    const QString& role, const QString& password = QStringLiteral("correct horse 1"))
{
    auto db = store.connection();
    EXPECT_TRUE(db.ok());
    server::NewUser u;
    u.username = username;
    u.role = role;
    u.password = password;
    u.name = username;
    if (role == QLatin1String("inspector"))
        u.badge = QStringLiteral("32010001");
    if (role == QLatin1String("enterprise"))
        u.enterpriseUscc = QStringLiteral("91350100M000100Y43");
    auto added = server::UserService::add(db.value(), u);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message.toStdString());
    return added.ok() ? added.value() : server::UserRecord {};
}

/// The HTTP API served in-process on a free loopback port.
class InProcessServer {
public:
    /// `configure` runs on the API before it starts listening (trusted proxies, clock).
    explicit InProcessServer(server::AuthPolicy policy = {}, server::HttpLimits limits = {},
        const std::function<void(server::HttpApi&)>& configure = {})
    {
        start(storeLocation(m_dir), policy, limits, configure);
    }
    /// Serves an existing location (initialised, or an older store that it brings up to date).
    explicit InProcessServer(const server::StoreLocation& location) { start(location, {}, {}, {}); }
    ~InProcessServer()
    {
        if (m_api)
            m_api->stop();
        if (m_thread.joinable())
            m_thread.join();
    }

    httplib::Client client() const
    {
        httplib::Client c("127.0.0.1", m_port);
        c.set_read_timeout(30, 0);
        return c;
    }
    const server::ServerStore& store() const { return *m_store; }
    int port() const { return m_port; }
    const QTemporaryDir& dir() const { return m_dir; }
    server::HttpApi& api() { return *m_api; }

    /// Logs in and returns the whole answer.
    QJsonObject login(const QString& username,
        const QString& password = QStringLiteral("correct horse 1"),
        const QString& device = QStringLiteral("device-1"))
    {
        const QJsonObject body { { QStringLiteral("username"), username },
            { QStringLiteral("password"), password }, { QStringLiteral("device_id"), device },
            { QStringLiteral("device_name"), QStringLiteral("Test phone") } };
        auto res = client().Post("/api/v1/auth/login",
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
        EXPECT_TRUE(res);
        if (!res)
            return {};
        EXPECT_EQ(res->status, 200) << res->body;
        return QJsonDocument::fromJson(QByteArray::fromStdString(res->body)).object();
    }
    std::string accessToken(const QString& username)
    {
        return login(username)[QStringLiteral("access_token")].toString().toStdString();
    }

private:
    void start(server::StoreLocation location, server::AuthPolicy policy, server::HttpLimits limits,
        const std::function<void(server::HttpApi&)>& configure)
    {
        m_location = std::move(location);
        auto init = server::ServerStore::initialize(m_location);
        EXPECT_TRUE(init.ok()) << (init.ok() ? "" : init.error().message.toStdString());
        auto store = server::ServerStore::open(m_location);
        EXPECT_TRUE(store.ok());
        if (!store)
            return;
        m_store = std::make_unique<server::ServerStore>(store.value());
        m_api = std::make_unique<server::HttpApi>(store.value(), limits, policy);
        if (configure)
            configure(*m_api);
        m_port = m_api->bind("127.0.0.1", 0);
        EXPECT_GT(m_port, 0);
        m_thread = std::thread([this] { m_api->listen(); });
        EXPECT_TRUE(m_api->waitUntilRunning());
    }

    QTemporaryDir m_dir;
    server::StoreLocation m_location;
    std::unique_ptr<server::ServerStore> m_store;
    std::unique_ptr<server::HttpApi> m_api;
    std::thread m_thread;
    int m_port = 0;
};

inline QJsonObject bodyJson(const httplib::Result& r)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object();
}

inline QString errorCode(const httplib::Result& r)
{
    return bodyJson(r)[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString();
}

inline httplib::Headers bearer(const std::string& token)
{
    return { { "Authorization", "Bearer " + token } };
}

} // namespace safeloop::test
