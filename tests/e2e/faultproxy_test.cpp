// The fault proxy the sync fault tests rely on must itself do what it says.
#include "tests/support/faultproxy.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::test::FaultProxy;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

namespace {

class FaultProxyTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, m_dir.path() }).exitCode, 0);
        ASSERT_TRUE(m_server.start(m_dir.path()));
        m_proxy = std::make_unique<FaultProxy>(m_server.port());
        ASSERT_TRUE(m_proxy->start());
    }
    httplib::Client client() const
    {
        httplib::Client cli("127.0.0.1", m_proxy->port());
        cli.set_connection_timeout(2);
        cli.set_read_timeout(2);
        return cli;
    }

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<FaultProxy> m_proxy;
};

} // namespace

TEST_F(FaultProxyTest, PassModeForwardsARequestUntouched)
{
    auto res = client().Get("/api/v1/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_NE(res->body.find("\"ok\""), std::string::npos);
    EXPECT_GT(m_proxy->bytesForwarded(), res->body.size());
}

TEST_F(FaultProxyTest, CutAfterBytesBreaksTheExchange)
{
    m_proxy->setMode(FaultProxy::Mode::CutAfterBytes, 20);
    auto res = client().Get("/api/v1/health");
    EXPECT_FALSE(res) << "a request cut after 20 bytes cannot get an answer";
    EXPECT_EQ(m_proxy->bytesForwarded(), 20u);
}

TEST_F(FaultProxyTest, ResetAfterBytesBreaksTheExchange)
{
    m_proxy->setMode(FaultProxy::Mode::ResetAfterBytes, 0);
    auto res = client().Get("/api/v1/health");
    EXPECT_FALSE(res);
}

TEST_F(FaultProxyTest, BlackholeNeverAnswers)
{
    m_proxy->setMode(FaultProxy::Mode::Blackhole);
    auto cli = client();
    cli.set_read_timeout(0, 300000);
    auto res = cli.Get("/api/v1/health");
    EXPECT_FALSE(res);
    EXPECT_EQ(res.error(), httplib::Error::Read);
}

TEST_F(FaultProxyTest, LatencyDelaysButDelivers)
{
    m_proxy->setMode(FaultProxy::Mode::Latency, 0, std::chrono::milliseconds(150));
    const auto begin = std::chrono::steady_clock::now();
    auto res = client().Get("/api/v1/health");
    const auto elapsed = std::chrono::steady_clock::now() - begin;
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_GE(elapsed, std::chrono::milliseconds(300)) << "request and response each held 150 ms";
}

TEST_F(FaultProxyTest, ANewModeAppliesToAnOpenKeepAliveConnection)
{
    auto cli = client();
    cli.set_keep_alive(true);
    auto first = cli.Get("/api/v1/health");
    ASSERT_TRUE(first);
    ASSERT_EQ(m_proxy->connections(), 1);
    m_proxy->setMode(FaultProxy::Mode::CutAfterBytes, 10);
    auto second = cli.Get("/api/v1/health");
    EXPECT_FALSE(second) << "the cut must hit the reused connection";
}

TEST_F(FaultProxyTest, AfterACutTheNetworkStaysDownUntilTheModeChanges)
{
    m_proxy->setMode(FaultProxy::Mode::CutAfterBytes, 10);
    EXPECT_FALSE(client().Get("/api/v1/health"));
    const int accepted = m_proxy->connections();
    auto retry = client().Get("/api/v1/health");
    EXPECT_FALSE(retry) << "a retry on a new connection fails too";
    EXPECT_EQ(retry.error(), httplib::Error::Connection) << "refused at once, not accepted";
    EXPECT_EQ(m_proxy->connections(), accepted);
    m_proxy->setMode(FaultProxy::Mode::Pass);
    auto res = client().Get("/api/v1/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
}

TEST_F(FaultProxyTest, BlackholeExistingSwallowsOpenConnectionsAndPassesNewOnes)
{
    auto kept = client();
    kept.set_keep_alive(true);
    kept.set_read_timeout(0, 300000);
    ASSERT_TRUE(kept.Get("/api/v1/health"));
    m_proxy->setMode(FaultProxy::Mode::BlackholeExisting);
    auto swallowed = kept.Get("/api/v1/health");
    EXPECT_FALSE(swallowed);
    EXPECT_EQ(swallowed.error(), httplib::Error::Read);
    auto fresh = client().Get("/api/v1/health");
    ASSERT_TRUE(fresh);
    EXPECT_EQ(fresh->status, 200);
}
