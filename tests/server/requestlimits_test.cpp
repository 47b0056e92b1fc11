// The request decoder's limits (depth, control characters, text lengths, Content-Length), the
// Authorization scheme, the headers every API answer carries and the atomic login lock-out,
// through HTTP, on SQLite and (server_pg_tests) on PostgreSQL.
#include "server/sqldialect.h"
#include "testbackend.h"

#include <QJsonArray>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace safeloop;
using test::bearer;
using test::bodyJson;
using test::errorCode;

namespace {

/// `{"v":{"v":…1…}}` nesting `levels` objects inside one another.
std::string nested(int levels)
{
    std::string s;
    for (int i = 0; i < levels; ++i)
        s += R"({"v":)";
    s += "1";
    s += std::string(static_cast<size_t>(levels), '}');
    return s;
}

/// A login body whose member `extra` holds `value` (raw JSON).
std::string loginWith(const std::string& extra, const std::string& value,
    const std::string& password = "correct horse 1")
{
    return R"({"username":"wang","password":")" + password
        + R"(","device_id":"dev-1","device_name":"Phone",")" + extra + "\":" + value + "}";
}

QString errorMessage(const httplib::Result& r)
{
    return bodyJson(r)[u"error"_s].toObject()[u"message"_s].toString();
}

std::string json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

/// Sends `request` over a raw socket and returns what the server answered within 5 s.
std::string rawExchange(int port, const std::string& request)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return {};
    }
    timeval timeout { 5, 0 };
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::send(fd, request.data(), request.size(), 0);
    std::string answer;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        answer.append(buffer, static_cast<size_t>(n));
        if (answer.find("\r\n\r\n") != std::string::npos && answer.find('}') != std::string::npos)
            break;
    }
    ::close(fd);
    return answer;
}

} // namespace

TEST(RequestLimitsTest, ABodyNestedDeeperThan32LevelsIs400AndOneOf32IsDecoded)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    auto cli = srv.client();
    // The body is level 1, so its member may nest 31 more levels.
    auto ok = cli.Post("/api/v1/auth/login", loginWith("extra", nested(31)), "application/json");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200) << ok->body;
    auto deep = cli.Post("/api/v1/auth/login", loginWith("extra", nested(32)), "application/json");
    ASSERT_TRUE(deep);
    EXPECT_EQ(deep->status, 400);
    EXPECT_EQ(errorCode(deep), u"json_too_deep"_s);
    EXPECT_TRUE(errorMessage(deep).contains(u"32 levels"_s)) << deep->body;
    EXPECT_EQ(bodyJson(deep)[u"error"_s][u"max_depth"_s].toInt(), 32);
    // What the attack sent: 1,022 levels, which QJsonDocument alone would have accepted.
    auto attack
        = cli.Post("/api/v1/auth/login", loginWith("extra", nested(1022)), "application/json");
    ASSERT_TRUE(attack);
    EXPECT_EQ(attack->status, 400);
    EXPECT_EQ(errorCode(attack), u"json_too_deep"_s);
    // Brackets inside strings are text, not nesting.
    auto text = cli.Post("/api/v1/auth/login",
        loginWith("extra", "\"" + std::string(100, '[') + "\""), "application/json");
    ASSERT_TRUE(text);
    EXPECT_EQ(text->status, 200) << text->body;
}

TEST(RequestLimitsTest, ControlCharactersInLoginFieldsAre422NamingTheField)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    auto cli = srv.client();
    for (const auto& field : { u"username"_s, u"device_id"_s, u"device_name"_s }) {
        for (const auto& bad : { u"wa\x00ng"_s, u"wang\x07"_s, u"wa\nng"_s, u"\x9bwang"_s }) {
            QJsonObject body { { u"username"_s, u"wang"_s },
                { u"password"_s, u"correct horse 1"_s }, { u"device_id"_s, u"dev-1"_s },
                { u"device_name"_s, u"Phone"_s } };
            body.insert(field, bad);
            auto res = cli.Post("/api/v1/auth/login", json(body), "application/json");
            ASSERT_TRUE(res);
            EXPECT_EQ(res->status, 422) << field.toStdString() << ": " << res->body;
            EXPECT_EQ(errorCode(res), u"invalid_text"_s);
            EXPECT_TRUE(errorMessage(res).startsWith(field + u" contains a control character"_s))
                << res->body;
            EXPECT_FALSE(errorMessage(res).contains(QChar(u'\0'))) << "the value is not echoed";
        }
    }
    // Nothing was counted against the account: the right password still works.
    EXPECT_EQ(srv.login(u"wang"_s)[u"user"_s][u"role"_s].toString(), u"inspector"_s);
}

TEST(RequestLimitsTest, TooLongLoginFieldsAre422NamingTheField)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    QJsonObject body { { u"username"_s, QString(201, u'w') },
        { u"password"_s, u"correct horse 1"_s }, { u"device_id"_s, u"dev-1"_s } };
    auto res = srv.client().Post("/api/v1/auth/login", json(body), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422);
    EXPECT_EQ(errorCode(res), u"field_too_long"_s);
    EXPECT_EQ(errorMessage(res), u"username has 201 characters; at most 200 are allowed"_s);
}

TEST(RequestLimitsTest, AControlCharacterInAQueryParameterIs422)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"zhao"_s, u"supervisor"_s);
    const std::string token = srv.accessToken(u"zhao"_s);
    auto res = srv.client().Get("/api/v1/documents/blocks?kind=a%00b", bearer(token));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << res->body;
    EXPECT_EQ(errorCode(res), u"invalid_text"_s);
    EXPECT_TRUE(errorMessage(res).startsWith(u"kind contains a control character"_s));
}

TEST(RequestLimitsTest, ANegativeContentLengthIsRefusedAtOnce)
{
    test::InProcessServer srv;
    auto probe = srv.client().Get("/api/v1/health"); // the server is up
    ASSERT_TRUE(probe);
    const std::string answer = rawExchange(srv.port(),
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}");
    ASSERT_FALSE(answer.empty()) << "no answer within 5 s";
    EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 400") << answer;
    EXPECT_NE(answer.find("invalid_content_length"), std::string::npos) << answer;
    // Other lengths that are not digits are refused the same way.
    const std::string plus = rawExchange(srv.port(),
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: +2\r\n\r\n{}");
    EXPECT_EQ(plus.substr(0, 12), "HTTP/1.1 400") << plus;
}

TEST(RequestLimitsTest, TheBearerSchemeIsCaseInsensitive)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    for (const char* scheme : { "Bearer ", "bearer ", "BEARER ", "bEaReR  " }) {
        auto res = srv.client().Get(
            "/api/v1/me", httplib::Headers { { "Authorization", scheme + token } });
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 200) << scheme << res->body;
    }
    for (const char* scheme : { "Basic ", "Bearer", "Bearertoken" }) {
        auto res = srv.client().Get(
            "/api/v1/me", httplib::Headers { { "Authorization", scheme + token } });
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 401) << scheme;
    }
}

TEST(RequestLimitsTest, ApiAnswersCarryNosniffAndNoStore)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    auto cli = srv.client();
    std::vector<httplib::Result> answers;
    answers.push_back(cli.Get("/api/v1/health"));
    answers.push_back(cli.Get("/api/v1/me", bearer(token)));
    answers.push_back(cli.Get("/api/v1/me"));
    answers.push_back(cli.Get("/api/v1/sync/pull", bearer(token)));
    answers.push_back(cli.Post("/api/v1/auth/login",
        R"({"username":"wang","password":"correct horse 1","device_id":"d"})", "application/json"));
    answers.push_back(cli.Post("/api/v1/auth/login", "{", "application/json"));
    for (const auto& res : answers) {
        ASSERT_TRUE(res);
        EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << res->status;
        EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store") << res->status;
        EXPECT_EQ(res->get_header_value_count("Cache-Control"), 1u) << res->status;
    }
}

TEST(RequestLimitsTest, FortyConcurrentWrongPasswordsVerifyAtMostTheLimit)
{
    server::AuthPolicy policy;
    policy.maxFailuresPerAccount = 5;
    policy.maxFailuresPerAddress = 1000; // all from 127.0.0.1: only the account limit is tested
    server::HttpLimits limits;
    limits.threads = 40;
    test::InProcessServer srv(policy, limits);
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    std::atomic<int> refused { 0 };
    std::atomic<int> limited { 0 };
    std::atomic<int> other { 0 };
    std::atomic<bool> go { false };
    std::vector<std::thread> threads;
    for (int i = 0; i < 40; ++i)
        threads.emplace_back([&, i] {
            auto cli = srv.client();
            const std::string body = R"({"username":"wang","password":"wrong )" + std::to_string(i)
                + R"(","device_id":"dev-1","device_name":"Phone"})";
            while (!go.load()) { }
            // A connection the listener's backlog dropped never reached the server: try again.
            auto res = cli.Post("/api/v1/auth/login", body, "application/json");
            for (int retry = 0; !res && retry < 10; ++retry)
                res = cli.Post("/api/v1/auth/login", body, "application/json");
            if (res && res->status == 401)
                ++refused;
            else if (res && res->status == 429)
                ++limited;
            else
                ++other;
        });
    go = true;
    for (auto& t : threads)
        t.join();
    // A 401 is an attempt whose password was verified; the rest were refused before.
    EXPECT_EQ(refused.load(), 5);
    EXPECT_EQ(limited.load(), 35);
    EXPECT_EQ(other.load(), 0);
    // The account stays locked for the window, even for the right password.
    auto right = srv.client().Post("/api/v1/auth/login",
        R"({"username":"wang","password":"correct horse 1","device_id":"dev-1","device_name":"Phone"})",
        "application/json");
    ASSERT_TRUE(right);
    EXPECT_EQ(right->status, 429);
}

TEST(RequestLimitsTest, ASuccessfulLoginDoesNotCountAgainstItsAddress)
{
    server::AuthPolicy policy;
    policy.maxFailuresPerAddress = 3;
    test::InProcessServer srv(policy);
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    // Attempts are counted before the password is verified; good ones are taken back.
    for (int i = 0; i < 6; ++i)
        EXPECT_FALSE(srv.accessToken(u"wang"_s).empty()) << i;
}
