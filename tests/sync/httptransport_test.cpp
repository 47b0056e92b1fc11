#include "sync/httptransport.h"

#include "tests/support/faultproxy.h"
#include "tests/support/serverprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>
#include <thread>

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
    /// Puts a fault proxy (`m_proxy`, reached at proxyUrl()) in front of the server, in `mode`.
    bool startProxy(test::FaultProxy::Mode mode = test::FaultProxy::Mode::Pass,
        std::size_t limit = 0, std::chrono::milliseconds delay = 0ms)
    {
        m_proxy = std::make_unique<test::FaultProxy>(m_server.port());
        if (!m_proxy->start())
            return false;
        m_proxy->setMode(mode, limit, delay);
        return true;
    }
    QUrl proxyUrl() const { return url(m_proxy->port()); }

    QTemporaryDir m_dir;
    test::ServerProcess m_server;
    std::unique_ptr<test::FaultProxy> m_proxy;
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
    ASSERT_TRUE(startProxy(test::FaultProxy::Mode::Blackhole));
    sync::HttpTransport transport(proxyUrl());
    const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 300ms));
    EXPECT_EQ(res.status, 0);
    EXPECT_TRUE(res.timedOut);
    EXPECT_FALSE(res.networkError.isEmpty());
}

TEST_F(HttpTransportTest, ACutConnectionIsANetworkErrorNotAResponse)
{
    ASSERT_TRUE(startProxy(test::FaultProxy::Mode::CutAfterBytes, 30));
    sync::HttpTransport transport(proxyUrl());
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

TEST_F(HttpTransportTest, ASilentConnectionIsGivenUpAfterTheIdleTimeoutNotTheOverallOne)
{
    ASSERT_TRUE(startProxy(test::FaultProxy::Mode::Blackhole));
    sync::HttpTransport transport(proxyUrl());
    transport.setIdleTimeout(400ms);
    QElapsedTimer timer;
    timer.start();
    const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 60s));
    EXPECT_LT(timer.elapsed(), 5000);
    EXPECT_EQ(res.status, 0);
    EXPECT_TRUE(res.timedOut);
    EXPECT_TRUE(res.networkError.contains(u"silent"_s)) << res.networkError.toStdString();
}

TEST_F(HttpTransportTest, ASlowButAnsweringServerIsNotGivenUpByTheIdleTimeout)
{
    ASSERT_TRUE(startProxy(test::FaultProxy::Mode::Latency, 0, 300ms));
    sync::HttpTransport transport(proxyUrl());
    transport.setIdleTimeout(1500ms);
    const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 10s));
    EXPECT_EQ(res.status, 200) << res.networkError.toStdString();
}

TEST_F(HttpTransportTest, AnAnswerCutAfterAnyByteIsANetworkErrorNeverATruncatedBody)
{
    ASSERT_TRUE(startProxy());
    const auto full
        = sync::HttpTransport(proxyUrl()).send(sync::HttpRequest::get(u"/api/v1/health"_s, 5s));
    ASSERT_EQ(full.status, 200);
    const std::size_t exchange = m_proxy->bytesForwarded();
    ASSERT_GT(exchange, static_cast<std::size_t>(full.body.size()));
    int cutAnswers = 0;
    // About 40 cuts spread over the whole exchange, request and answer.
    const std::size_t step = std::max<std::size_t>(1, exchange / 40);
    for (std::size_t cut = 1; cut < exchange; cut += step) {
        m_proxy->setMode(test::FaultProxy::Mode::CutAfterBytes, cut);
        sync::HttpTransport transport(proxyUrl());
        const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 5s));
        if (res.status == 0) {
            ++cutAnswers;
            EXPECT_FALSE(res.networkError.isEmpty()) << cut;
        } else {
            // Only an answer that arrived whole may be handed on.
            EXPECT_EQ(res.status, 200) << cut;
            EXPECT_EQ(res.body, full.body) << cut;
        }
    }
    EXPECT_GT(cutAnswers, 0);
}

TEST_F(HttpTransportTest, AHeadAnswerIsCompleteWithItsHeadersAndDoesNotWaitForABody)
{
    sync::HttpTransport transport(url(m_server.port()));
    sync::HttpRequest head = sync::HttpRequest::get(u"/api/v1/health"_s, 10s);
    head.method = "HEAD";
    // Uncompressed, so the answer names its length.
    head.headers.append(qMakePair(QByteArray("Accept-Encoding"), QByteArray("identity")));
    QElapsedTimer timer;
    timer.start();
    const auto res = transport.send(head);
    EXPECT_EQ(res.status, 200) << res.networkError.toStdString();
    EXPECT_GT(res.header("Content-Length").toLongLong(), 0);
    EXPECT_TRUE(res.body.isEmpty());
    // The server keeps an idle connection 5 s; waiting for body bytes would take that long.
    EXPECT_LT(timer.elapsed(), 3000);
}

TEST_F(HttpTransportTest, AStartedRequestLeavesAtOnceAndIsReadLater)
{
    // The device asks for the next pull page and then works (applies the current page) without
    // running an event loop: the request must be on its way during that work, not when the
    // answer is read.
    ASSERT_TRUE(startProxy());
    sync::HttpTransport transport(proxyUrl());
    auto pending = transport.start(sync::HttpRequest::get(u"/api/v1/health"_s, 10s));
    QElapsedTimer busy;
    busy.start();
    while (m_proxy->bytesForwarded() == 0 && busy.elapsed() < 5000)
        std::this_thread::sleep_for(10ms); // busy elsewhere: no Qt event is processed here
    EXPECT_GT(m_proxy->bytesForwarded(), 0u) << "the request waited for the caller to read it";
    const auto res = transport.finish(std::move(pending));
    ASSERT_EQ(res.status, 200) << res.networkError.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(res.body).object()[u"status"_s].toString(), u"ok"_s);
}

TEST_F(HttpTransportTest, AStartedRequestDroppedUnreadIsGivenUpAndTheTransportGoesOn)
{
    ASSERT_TRUE(startProxy(test::FaultProxy::Mode::Blackhole));
    sync::HttpTransport transport(proxyUrl());
    transport.start(sync::HttpRequest::get(u"/api/v1/health"_s, 60s)).reset();
    m_proxy->setMode(test::FaultProxy::Mode::Pass);
    QElapsedTimer timer;
    timer.start();
    const auto res = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 10s));
    EXPECT_EQ(res.status, 200) << res.networkError.toStdString();
    EXPECT_LT(timer.elapsed(), 5000) << "the dropped request must not hold the connection";
}

TEST_F(HttpTransportTest, AStartedRequestKeepsItsOverallDeadlineFromWhenItWasSent)
{
    ASSERT_TRUE(startProxy(test::FaultProxy::Mode::Blackhole));
    sync::HttpTransport transport(proxyUrl());
    auto pending = transport.start(sync::HttpRequest::get(u"/api/v1/health"_s, 600ms));
    std::this_thread::sleep_for(400ms);
    QElapsedTimer timer;
    timer.start();
    const auto res = transport.finish(std::move(pending));
    EXPECT_EQ(res.status, 0);
    EXPECT_TRUE(res.timedOut);
    EXPECT_LT(timer.elapsed(), 450) << "the 600 ms began when the request was sent";
}

TEST_F(HttpTransportTest, AfterAFailedRequestTheNextOneDoesNotReuseKeptAliveConnections)
{
    // The device keeps connections alive between requests. When it changes networks, those
    // die silently; one request finding that out (the idle timeout) is enough: the next must
    // not try the other dead ones first, and a broken exchange must not leave Qt's connection
    // state behind for the next cycle either.
    ASSERT_TRUE(startProxy());
    sync::HttpTransport transport(proxyUrl());
    transport.setIdleTimeout(400ms);
    // Two requests at once: two kept-alive connections.
    auto a = transport.start(sync::HttpRequest::get(u"/api/v1/health"_s, 10s));
    auto b = transport.start(sync::HttpRequest::get(u"/api/v1/health"_s, 10s));
    ASSERT_EQ(transport.finish(std::move(a)).status, 200);
    ASSERT_EQ(transport.finish(std::move(b)).status, 200);
    ASSERT_EQ(m_proxy->connections(), 2);

    m_proxy->setMode(test::FaultProxy::Mode::BlackholeExisting);
    const auto lost = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 10s));
    EXPECT_EQ(lost.status, 0);
    EXPECT_TRUE(lost.networkError.contains(u"silent"_s)) << lost.networkError.toStdString();
    const auto next = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 10s));
    EXPECT_EQ(next.status, 200) << next.networkError.toStdString();
    EXPECT_EQ(m_proxy->connections(), 3) << "the next request opens one fresh connection";
    // Answered requests keep using the connection they opened.
    EXPECT_EQ(transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 10s)).status, 200);
    EXPECT_EQ(m_proxy->connections(), 3);
}

TEST_F(HttpTransportTest, ARequestStartedBeforeAFailureIsReportedAsANetworkFailureNotAStop)
{
    ASSERT_TRUE(startProxy(test::FaultProxy::Mode::Blackhole));
    sync::HttpTransport transport(proxyUrl());
    transport.setIdleTimeout(300ms);
    auto early = transport.start(sync::HttpRequest::get(u"/api/v1/health"_s, 10s));
    EXPECT_EQ(transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 10s)).status, 0);
    m_proxy->setMode(test::FaultProxy::Mode::Pass);
    // This one starts on new connections; the early request's old ones are let go.
    EXPECT_EQ(transport.send(sync::HttpRequest::get(u"/api/v1/health"_s, 10s)).status, 200);
    const auto res = transport.finish(std::move(early));
    EXPECT_EQ(res.status, 0);
    EXPECT_FALSE(res.cancelled) << "nobody stopped sync: the network failed";
    EXPECT_FALSE(res.networkError.isEmpty());
}
