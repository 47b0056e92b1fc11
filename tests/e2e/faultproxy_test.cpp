// The fault proxy the sync fault tests rely on must itself do what it says.
#include "tests/support/faultproxy.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <thread>

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

TEST_F(FaultProxyTest, BytesAClientHasReceivedAreAlreadyCounted)
{
    // An echo server on 127.0.0.1 behind a proxy of its own: each round trip of a 64-byte message
    // is 128 bytes forwarded, and a client that has its echo must see all of them counted (the
    // fault tests measure an exchange by this count the moment their call returns).
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(listener, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(listener, 1), 0);
    ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
    std::thread echo([listener] {
        const int peer = ::accept(listener, nullptr, nullptr);
        std::array<char, 4096> buffer {};
        for (ssize_t n; peer >= 0 && (n = ::recv(peer, buffer.data(), buffer.size(), 0)) > 0;)
            if (::send(peer, buffer.data(), static_cast<std::size_t>(n), MSG_NOSIGNAL) != n)
                break;
        if (peer >= 0)
            ::close(peer);
    });
    FaultProxy proxy(ntohs(address.sin_port));
    ASSERT_TRUE(proxy.start());
    const int client = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in through {};
    through.sin_family = AF_INET;
    through.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    through.sin_port = htons(static_cast<quint16>(proxy.port()));
    ASSERT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&through), sizeof through), 0);
    constexpr std::size_t Message = 64;
    constexpr int Rounds = 2000;
    const std::array<char, Message> message {};
    int uncounted = 0;
    for (int round = 1; round <= Rounds; ++round) {
        ASSERT_EQ(::send(client, message.data(), Message, MSG_NOSIGNAL), ssize_t(Message));
        std::array<char, Message> answer {};
        std::size_t got = 0;
        while (got < Message) {
            const ssize_t n = ::recv(client, answer.data() + got, Message - got, 0);
            ASSERT_GT(n, 0) << "round " << round;
            got += static_cast<std::size_t>(n);
        }
        if (proxy.bytesForwarded() != 2 * Message * static_cast<std::size_t>(round))
            ++uncounted;
    }
    EXPECT_EQ(uncounted, 0) << "of " << Rounds << " echoes, some arrived before they were counted";
    ::close(client);
    proxy.stop();
    echo.join();
    ::close(listener);
}
