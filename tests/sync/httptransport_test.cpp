#include "sync/httptransport.h"

#include "tests/support/faultproxy.h"
#include "tests/support/serverprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace safeloop;

namespace {

class HttpTransportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(test::runServerCommand({ u"init"_s, u"--data"_s, m_dir.path() }).exitCode, 0);
        ASSERT_TRUE(m_server.start(m_dir.path()));
    }
    QUrl url(int port) const { return QUrl(u"http://127.0.0.1:%1"_s.arg(port)); }

    QTemporaryDir m_dir;
    test::ServerProcess m_server;
};

} // namespace

TEST_F(HttpTransportTest, GetsAJsonAnswerFromTheRealServer)
{
    sync::HttpTransport transport(url(m_server.port()));
    const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s));
    ASSERT_EQ(res.status, 200) << res.networkError.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(res.body).object()[u"status"_s].toString(), u"ok"_s);
    EXPECT_FALSE(res.header("x-request-id").isEmpty()) << "headers are matched case-insensitively";
}

TEST_F(HttpTransportTest, ReportsHttpErrorsWithTheirStatusAndBody)
{
    sync::HttpTransport transport(url(m_server.port()));
    const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/nothing-here"_s));
    EXPECT_EQ(res.status, 404);
    EXPECT_TRUE(res.body.contains("not_found"));
}

TEST_F(HttpTransportTest, AServerThatNeverAnswersTimesOut)
{
    test::FaultProxy proxy(m_server.port());
    ASSERT_TRUE(proxy.start());
    proxy.setMode(test::FaultProxy::Mode::Blackhole);
    sync::HttpTransport transport(url(proxy.port()));
    const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 300ms));
    EXPECT_EQ(res.status, 0);
    EXPECT_TRUE(res.timedOut);
    EXPECT_FALSE(res.networkError.isEmpty());
}

TEST_F(HttpTransportTest, ACutConnectionIsANetworkErrorNotAResponse)
{
    test::FaultProxy proxy(m_server.port());
    ASSERT_TRUE(proxy.start());
    proxy.setMode(test::FaultProxy::Mode::CutAfterBytes, 30);
    sync::HttpTransport transport(url(proxy.port()));
    const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 3s));
    EXPECT_EQ(res.status, 0);
    EXPECT_FALSE(res.timedOut);
}

TEST_F(HttpTransportTest, NothingListeningIsANetworkError)
{
    test::FaultProxy probe(m_server.port());
    ASSERT_TRUE(probe.start());
    const int closedPort = probe.port();
    probe.stop();
    sync::HttpTransport transport(url(closedPort));
    const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 3s));
    EXPECT_EQ(res.status, 0);
    EXPECT_FALSE(res.networkError.isEmpty());
}

TEST(HttpResponseTest, ParsesRetryAfterSeconds)
{
    sync::HttpResponse res;
    res.headers = { { "retry-after", "17" } };
    ASSERT_TRUE(res.retryAfter().has_value());
    EXPECT_EQ(*res.retryAfter(), 17000ms);
    res.headers = { { "Retry-After", "soon" } };
    EXPECT_FALSE(res.retryAfter().has_value());
}
