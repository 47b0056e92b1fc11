#include "server/httpapi.h"

#include <httplib.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <thread>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

/// The HTTP API served in-process on a free loopback port.
class HttpApiTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(server::ServerStore::initialize({ m_dir.path(), {} }).ok());
        auto store = server::ServerStore::open({ m_dir.path(), {} });
        ASSERT_TRUE(store.ok());
        m_api = std::make_unique<server::HttpApi>(std::move(store).value());
        m_port = m_api->bind("127.0.0.1", 0);
        ASSERT_GT(m_port, 0);
        m_thread = std::thread([this] { m_api->listen(); });
    }
    void TearDown() override
    {
        if (m_api)
            m_api->stop();
        if (m_thread.joinable())
            m_thread.join();
    }
    httplib::Client client() const { return httplib::Client("127.0.0.1", m_port); }

    static QJsonObject json(const httplib::Result& r)
    {
        return QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<server::HttpApi> m_api;
    std::thread m_thread;
    int m_port = 0;
};

} // namespace

TEST_F(HttpApiTest, HealthAnswersOkWithTheSchemaVersion)
{
    auto cli = client();
    auto res = cli.Get("/api/v1/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    const auto body = json(res);
    EXPECT_EQ(body[u"status"_s].toString(), u"ok"_s);
    EXPECT_EQ(body[u"schema_version"_s].toInt(), server::ServerStore::schemaVersion());
}

TEST_F(HttpApiTest, UnknownRouteIsA404WithTheErrorShape)
{
    auto cli = client();
    auto res = cli.Get("/api/v1/no-such-thing");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404);
    EXPECT_EQ(json(res)[u"error"_s].toObject()[u"code"_s].toString(), u"not_found"_s);
}

TEST_F(HttpApiTest, EveryResponseCarriesARequestId)
{
    auto cli = client();
    auto a = cli.Get("/api/v1/health");
    auto b = cli.Get("/api/v1/health");
    ASSERT_TRUE(a && b);
    EXPECT_FALSE(a->get_header_value("X-Request-Id").empty());
    EXPECT_NE(a->get_header_value("X-Request-Id"), b->get_header_value("X-Request-Id"));
}
