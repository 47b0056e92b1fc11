// The connection layer from outside, over raw sockets: idle keep-alive connections cost no
// worker, deadlines for slow headers and idle connections, header caps (431), a refusal before
// an unread body (401, 413), keep-alive reuse and pipelining, and the `http.*` settings. On
// SQLite and (server_pg_tests) on PostgreSQL.
#include "server/serverconfig.h"
#include "testbackend.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;
using namespace safeloop;
using Clock = std::chrono::steady_clock;

namespace {

/// A connected loopback socket, closed on destruction.
class Socket {
public:
    explicit Socket(int port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~Socket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    Socket(Socket&& other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {
    }

    bool ok() const { return m_fd >= 0; }

    bool send(const std::string& bytes)
    {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

    /// One whole answer (headers and a Content-Length body), or what came before `timeoutMs`
    /// or the close.
    std::string readAnswer(int timeoutMs = 5000)
    {
        const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
        for (;;) {
            const std::size_t end = m_pending.find("\r\n\r\n");
            if (end != std::string::npos) {
                const std::size_t length = contentLength(m_pending.substr(0, end));
                if (m_pending.size() >= end + 4 + length) {
                    std::string answer = m_pending.substr(0, end + 4 + length);
                    m_pending.erase(0, end + 4 + length);
                    return answer;
                }
            }
            if (!waitReadable(deadline))
                return std::exchange(m_pending, {});
            char buffer[8192];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                return std::exchange(m_pending, {});
            m_pending.append(buffer, static_cast<std::size_t>(n));
        }
    }

    /// True once the server closed the connection (end of stream or reset) within
    /// `timeoutMs`; what it sent before is dropped.
    bool closedWithin(int timeoutMs)
    {
        const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
        for (;;) {
            if (!waitReadable(deadline))
                return false;
            char buffer[8192];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                return true;
        }
    }

private:
    bool waitReadable(Clock::time_point deadline)
    {
        const auto left
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p { m_fd, POLLIN, 0 };
        return ::poll(&p, 1, static_cast<int>(left.count())) > 0;
    }

    static std::size_t contentLength(const std::string& head)
    {
        const std::string lower = QString::fromStdString(head).toLower().toStdString();
        const std::size_t at = lower.find("\r\ncontent-length:");
        if (at == std::string::npos)
            return 0;
        return static_cast<std::size_t>(std::stoul(lower.substr(at + 17)));
    }

    int m_fd = -1;
    std::string m_pending;
};

int statusOf(const std::string& answer)
{
    if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12)
        return -1;
    return std::stoi(answer.substr(9, 3));
}

bool hasHeader(const std::string& answer, const std::string& line)
{
    return QString::fromStdString(answer).contains(
        QString::fromStdString("\r\n" + line + "\r\n"), Qt::CaseInsensitive);
}

const std::string Health = "GET /api/v1/health HTTP/1.1\r\nHost: test\r\n\r\n";

} // namespace

TEST(ConnectionsTest, TwoThousandIdleKeepAliveConnectionsLeaveHealthAnswering)
{
    rlimit files {};
    ::getrlimit(RLIMIT_NOFILE, &files);
    ASSERT_GE(files.rlim_max, 4200u) << "both ends of 2,000 connections live in this process";
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);

    server::HttpLimits limits;
    limits.threads = 2; // far fewer workers than connections
    test::InProcessServer srv({}, limits);
    std::vector<Socket> idle;
    idle.reserve(2000);
    for (int i = 0; i < 2000; ++i) {
        Socket s(srv.port());
        ASSERT_TRUE(s.ok()) << "connection " << i;
        ASSERT_TRUE(s.send(Health));
        ASSERT_EQ(statusOf(s.readAnswer()), 200) << "connection " << i;
        idle.push_back(std::move(s));
    }
    EXPECT_GE(srv.api().openConnections(), 2000u);

    // A new client is answered at once, and so is an idle one that speaks again.
    for (int i = 0; i < 20; ++i) {
        const auto started = Clock::now();
        Socket fresh(srv.port());
        ASSERT_TRUE(fresh.send(Health));
        const std::string answer = fresh.readAnswer(2000);
        EXPECT_EQ(statusOf(answer), 200) << answer;
        EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(1000));
    }
    ASSERT_TRUE(idle[1234].send(Health));
    EXPECT_EQ(statusOf(idle[1234].readAnswer(2000)), 200);
    EXPECT_GE(srv.api().openConnections(), 2000u);
}

TEST(ConnectionsTest, SlowHeadersAreClosedAfterTheHeaderDeadline)
{
    server::HttpLimits limits;
    limits.headerTimeoutMs = 400;
    test::InProcessServer srv({}, limits);
    Socket slow(srv.port());
    const auto started = Clock::now();
    ASSERT_TRUE(slow.send("GET /api/v1/health HTTP/1.1\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    ASSERT_TRUE(slow.send("Host: test\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    ASSERT_TRUE(slow.send("X-Slow: 1\r\n")); // still no blank line
    EXPECT_TRUE(slow.closedWithin(2000));
    const auto elapsed = Clock::now() - started;
    EXPECT_GE(elapsed, std::chrono::milliseconds(350)) << "not before the deadline";
    EXPECT_LT(elapsed, std::chrono::milliseconds(1500));

    // A new connection that sends nothing at all is closed too; a prompt one is answered.
    Socket silent(srv.port());
    EXPECT_TRUE(silent.closedWithin(2000));
    Socket prompt(srv.port());
    ASSERT_TRUE(prompt.send(Health));
    EXPECT_EQ(statusOf(prompt.readAnswer()), 200);
}

TEST(ConnectionsTest, AnIdleKeepAliveConnectionIsClosedAfterTheIdleDeadline)
{
    server::HttpLimits limits;
    limits.idleTimeoutMs = 300;
    limits.headerTimeoutMs = 5000;
    test::InProcessServer srv({}, limits);
    Socket s(srv.port());
    ASSERT_TRUE(s.send(Health));
    ASSERT_EQ(statusOf(s.readAnswer()), 200);
    const auto answered = Clock::now();
    EXPECT_TRUE(s.closedWithin(2000));
    EXPECT_GE(Clock::now() - answered, std::chrono::milliseconds(250));
}

TEST(ConnectionsTest, AStalledBodyIsClosedAfterTheBodyDeadline)
{
    server::HttpLimits limits;
    limits.bodyTimeoutMs = 400;
    test::InProcessServer srv({}, limits);
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    Socket s(srv.port());
    const auto started = Clock::now();
    ASSERT_TRUE(s.send("POST /api/v1/sync/push HTTP/1.1\r\nHost: test\r\n"
                       "Content-Type: application/json\r\nContent-Length: 100\r\n"
                       "Authorization: Bearer "
        + token + "\r\n\r\n{\"client_id\":"));
    EXPECT_TRUE(s.closedWithin(3000));
    const auto elapsed = Clock::now() - started;
    EXPECT_GE(elapsed, std::chrono::milliseconds(350)) << "not before the deadline";
    EXPECT_LT(elapsed, std::chrono::milliseconds(2000));
}

TEST(ConnectionsTest, AClientThatDoesNotReadItsAnswersIsClosedAfterTheWriteDeadline)
{
    server::HttpLimits limits;
    limits.writeTimeoutMs = 300;
    limits.keepAliveMaxCount = 1000000; // the deadline closes it, not the request count
    test::InProcessServer srv({}, limits);
    Socket s(srv.port());
    ASSERT_TRUE(s.ok());
    // Far more answers than the socket buffers hold, and none of them read.
    std::string pipelined;
    for (int i = 0; i < 800; ++i)
        pipelined += Health;
    // The server stops reading once it cannot write, so a send here may block until the
    // deadline closes the connection (and then fail): that is the point.
    for (int round = 0; round < 200; ++round) {
        if (!s.send(pipelined))
            break;
    }
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (srv.api().openConnections() > 0 && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(srv.api().openConnections(), 0u);
    Socket fresh(srv.port());
    ASSERT_TRUE(fresh.send(Health));
    EXPECT_EQ(statusOf(fresh.readAnswer()), 200);
}

TEST(ConnectionsTest, TooManyOrTooLargeHeadersAre431)
{
    server::HttpLimits limits;
    limits.maxHeaderCount = 20;
    limits.maxHeaderBytes = 4096;
    test::InProcessServer srv({}, limits);

    std::string many = "GET /api/v1/health HTTP/1.1\r\nHost: test\r\n";
    for (int i = 0; i < 20; ++i)
        many += "X-Field-" + std::to_string(i) + ": 1\r\n";
    Socket a(srv.port());
    ASSERT_TRUE(a.send(many + "\r\n"));
    const std::string countAnswer = a.readAnswer();
    EXPECT_EQ(statusOf(countAnswer), 431) << countAnswer;
    EXPECT_NE(countAnswer.find("too_many_headers"), std::string::npos) << countAnswer;
    EXPECT_TRUE(hasHeader(countAnswer, "Connection: close"));
    EXPECT_TRUE(a.closedWithin(3000));

    // One header over the byte cap: refused without waiting for the end of the headers.
    Socket b(srv.port());
    ASSERT_TRUE(b.send(
        "GET /api/v1/health HTTP/1.1\r\nHost: test\r\nX-Big: " + std::string(5000, 'x') + "\r\n"));
    const std::string bytesAnswer = b.readAnswer();
    EXPECT_EQ(statusOf(bytesAnswer), 431) << bytesAnswer;
    EXPECT_NE(bytesAnswer.find("headers_too_large"), std::string::npos) << bytesAnswer;

    // Just under both caps is served.
    std::string fine = "GET /api/v1/health HTTP/1.1\r\nHost: test\r\n";
    for (int i = 0; i < 18; ++i)
        fine += "X-Field-" + std::to_string(i) + ": 1\r\n";
    Socket c(srv.port());
    ASSERT_TRUE(c.send(fine + "\r\n"));
    EXPECT_EQ(statusOf(c.readAnswer()), 200);
}

TEST(ConnectionsTest, APushWithoutAValidTokenIs401BeforeItsBodyIsSent)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    const std::string head = "POST /api/v1/sync/push HTTP/1.1\r\nHost: test\r\n"
                             "Content-Type: application/json\r\nContent-Length: 900000\r\n";

    for (const std::string& auth :
        { std::string(), std::string("Authorization: Bearer nope\r\n") }) {
        Socket s(srv.port());
        ASSERT_TRUE(s.send(head + auth + "\r\n")); // and not one byte of the body
        const std::string answer = s.readAnswer(3000);
        EXPECT_EQ(statusOf(answer), 401) << answer;
        EXPECT_TRUE(hasHeader(answer, "WWW-Authenticate: Bearer")) << answer;
        EXPECT_TRUE(hasHeader(answer, "Connection: close")) << answer;
        EXPECT_TRUE(s.closedWithin(5000));
    }

    // With a valid token the server waits for the body instead of answering.
    Socket valid(srv.port());
    ASSERT_TRUE(valid.send(head + "Authorization: Bearer " + token + "\r\n\r\n"));
    EXPECT_EQ(valid.readAnswer(500), "");
}

TEST(ConnectionsTest, AnnouncedBodiesOverTheLimitAre413BeforeReading)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    Socket s(srv.port());
    ASSERT_TRUE(s.send("POST /api/v1/sync/push HTTP/1.1\r\nHost: test\r\n"
                       "Content-Type: application/json\r\nContent-Length: 2000000\r\n"
                       "Authorization: Bearer "
        + token + "\r\n\r\n"));
    const std::string answer = s.readAnswer(3000);
    EXPECT_EQ(statusOf(answer), 413) << answer;
    EXPECT_NE(answer.find("payload_too_large"), std::string::npos);
    EXPECT_TRUE(s.closedWithin(5000));
}

TEST(ConnectionsTest, KeepAliveConnectionsServeRequestsInTurnAndPipelined)
{
    test::InProcessServer srv;
    Socket s(srv.port());
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(s.send(Health));
        const std::string answer = s.readAnswer();
        EXPECT_EQ(statusOf(answer), 200) << answer;
        EXPECT_TRUE(hasHeader(answer, "Connection: keep-alive")) << answer;
    }
    ASSERT_TRUE(s.send(Health + "GET /api/v1/nothing HTTP/1.1\r\nHost: test\r\n\r\n" + Health));
    EXPECT_EQ(statusOf(s.readAnswer()), 200);
    EXPECT_EQ(statusOf(s.readAnswer()), 404);
    EXPECT_EQ(statusOf(s.readAnswer()), 200);

    ASSERT_TRUE(s.send("GET /api/v1/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"));
    const std::string last = s.readAnswer();
    EXPECT_EQ(statusOf(last), 200);
    EXPECT_TRUE(hasHeader(last, "Connection: close"));
    EXPECT_TRUE(s.closedWithin(2000));
}

TEST(ConnectionsTest, HttpSettingsAreValidatedAndBecomeTheLimits)
{
    test::InProcessServer srv;
    auto db = srv.store().connection();
    ASSERT_TRUE(db);
    auto defaults = server::loadHttpLimits(db.value());
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->headerTimeoutMs, 10000);
    EXPECT_EQ(defaults->maxHeaderCount, 64u);

    for (const auto& [key, bad] : { std::pair { u"http.worker_threads"_s, u"0"_s },
             std::pair { u"http.header_timeout_ms"_s, u"5"_s },
             std::pair { u"http.max_header_bytes"_s, u"lots"_s },
             std::pair { u"http.idle_timeout_ms"_s, u"-1"_s } }) {
        auto r = server::ServerConfig::set(db.value(), key, bad);
        ASSERT_FALSE(r) << key.toStdString();
        EXPECT_EQ(r.error().code, u"invalid_setting"_s);
    }
    auto unchanged = server::loadHttpLimits(db.value());
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->threads, 8u);

    ASSERT_TRUE(server::ServerConfig::set(db.value(), u"http.header_timeout_ms"_s, u"2500"_s));
    ASSERT_TRUE(server::ServerConfig::set(db.value(), u"http.max_header_count"_s, u"32"_s));
    ASSERT_TRUE(server::ServerConfig::set(db.value(), u"http.worker_threads"_s, u"12"_s));
    auto set = server::loadHttpLimits(db.value());
    ASSERT_TRUE(set);
    EXPECT_EQ(set->headerTimeoutMs, 2500);
    EXPECT_EQ(set->maxHeaderCount, 32u);
    EXPECT_EQ(set->threads, 12u);
}
