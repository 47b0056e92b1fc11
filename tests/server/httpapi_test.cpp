#include "server/httpapi.h"
#include "server/secrets.h"
#include "testbackend.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop;
using test::bearer;
using test::bodyJson;
using test::errorCode;

namespace {

std::string loginBody(const char* user, const char* password)
{
    return std::string(R"({"username":")") + user + R"(","password":")" + password
        + R"(","device_id":"dev-1","device_name":"Phone"})";
}

std::string blobPath(const QString& sha)
{
    return "/api/v1/blobs/" + sha.toStdString();
}

QByteArray sample(qsizetype n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        b[i] = static_cast<char>((i * 17 + 3) % 253);
    return b;
}

httplib::Result putChunk(httplib::Client& cli, const std::string& token, const QString& sha,
    const QByteArray& all, qint64 first, qint64 size)
{
    httplib::Headers h = bearer(token);
    h.emplace("Content-Range",
        "bytes " + std::to_string(first) + "-" + std::to_string(first + size - 1) + "/"
            + std::to_string(all.size()));
    return cli.Put(
        blobPath(sha).c_str(), h, all.mid(first, size).toStdString(), "application/octet-stream");
}

} // namespace

TEST(HttpApiTest, HealthAnswersOkWithTheSchemaVersion)
{
    test::InProcessServer srv;
    auto res = srv.client().Get("/api/v1/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(bodyJson(res)[u"status"_s].toString(), u"ok"_s);
    EXPECT_EQ(bodyJson(res)[u"schema_version"_s].toInt(), server::ServerStore::schemaVersion());
}

TEST(HttpApiTest, UnknownRouteIsA404WithTheErrorShape)
{
    test::InProcessServer srv;
    auto res = srv.client().Get("/api/v1/no-such-thing");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404);
    EXPECT_EQ(errorCode(res), u"not_found"_s);
}

TEST(HttpApiTest, EveryResponseCarriesARequestId)
{
    test::InProcessServer srv;
    auto cli = srv.client();
    auto a = cli.Get("/api/v1/health");
    auto b = cli.Get("/api/v1/health");
    ASSERT_TRUE(a && b);
    EXPECT_FALSE(a->get_header_value("X-Request-Id").empty());
    EXPECT_NE(a->get_header_value("X-Request-Id"), b->get_header_value("X-Request-Id"));
}

TEST(HttpApiTest, LoginAnswersTokensAndTheUser)
{
    test::InProcessServer srv;
    const auto user = test::addUser(srv.store(), u"acme"_s, u"enterprise"_s);
    const QJsonObject body = srv.login(u"acme"_s);
    EXPECT_EQ(body[u"access_token"_s].toString().size(), 43);
    EXPECT_EQ(body[u"refresh_token"_s].toString().size(), 43);
    EXPECT_EQ(body[u"expires_in"_s].toInt(), 900);
    const QJsonObject u = body[u"user"_s].toObject();
    EXPECT_EQ(u[u"id"_s].toString(), user.id);
    EXPECT_EQ(u[u"name"_s].toString(), u"acme"_s);
    EXPECT_EQ(u[u"role"_s].toString(), u"enterprise"_s);
    EXPECT_TRUE(u.contains(u"enterprise_id"_s)) << "enterprise users carry enterprise_id";

    test::addUser(srv.store(), u"zhao"_s, u"supervisor"_s);
    EXPECT_FALSE(srv.login(u"zhao"_s)[u"user"_s].toObject().contains(u"enterprise_id"_s));
}

TEST(HttpApiTest, WrongPasswordAndUnknownUserAreTheSame401)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    auto cli = srv.client();
    auto wrong = cli.Post("/api/v1/auth/login", loginBody("wang", "nope"), "application/json");
    auto unknown = cli.Post("/api/v1/auth/login", loginBody("ghost", "nope"), "application/json");
    ASSERT_TRUE(wrong && unknown);
    EXPECT_EQ(wrong->status, 401);
    EXPECT_EQ(unknown->status, 401);
    EXPECT_EQ(errorCode(wrong), u"invalid_credentials"_s);
    EXPECT_EQ(wrong->body, unknown->body);
}

TEST(HttpApiTest, LoginWithoutRequiredFieldsIs400)
{
    test::InProcessServer srv;
    auto res
        = srv.client().Post("/api/v1/auth/login", R"({"username":"wang"})", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_EQ(errorCode(res), u"invalid_request"_s);
}

TEST(HttpApiTest, LoginWithoutADeviceNameIs400AndCreatesNoDeviceLogin)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    for (const std::string& body :
        { std::string(R"({"username":"wang","password":"correct horse 1","device_id":"d"})"),
            std::string(
                R"({"username":"wang","password":"correct horse 1","device_id":"d","device_name":" "})") }) {
        auto res = srv.client().Post("/api/v1/auth/login", body, "application/json");
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 400) << res->body;
        EXPECT_EQ(errorCode(res), u"missing_field"_s);
        EXPECT_TRUE(bodyJson(res)[u"error"_s].toObject()[u"message"_s].toString().startsWith(
            u"device_name is required"_s));
    }
    auto db = srv.store().connection();
    ASSERT_TRUE(db);
    QSqlQuery q(db.value());
    ASSERT_TRUE(q.exec(u"SELECT COUNT(*) FROM device_logins"_s));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 0);
    // Nothing was counted against the account either: the same login with a name works.
    EXPECT_EQ(srv.login(u"wang"_s)[u"user"_s][u"role"_s].toString(), u"inspector"_s);
}

TEST(HttpApiTest, TooManyFailedLoginsAnswer429WithRetryAfter)
{
    server::AuthPolicy policy;
    policy.maxFailuresPerAccount = 2;
    test::InProcessServer srv(policy);
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    auto cli = srv.client();
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ(
            cli.Post("/api/v1/auth/login", loginBody("wang", "nope"), "application/json")->status,
            401);
    auto res
        = cli.Post("/api/v1/auth/login", loginBody("wang", "correct horse 1"), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 429);
    EXPECT_EQ(errorCode(res), u"rate_limited"_s);
    EXPECT_GT(std::stoi(res->get_header_value("Retry-After")), 0);
}

TEST(HttpApiTest, RefreshRotatesAndASpentTokenRevokesTheLogin)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const QJsonObject first = srv.login(u"wang"_s);
    auto cli = srv.client();
    const std::string refresh1
        = R"({"refresh_token":")" + first[u"refresh_token"_s].toString().toStdString() + R"("})";
    auto second = cli.Post("/api/v1/auth/refresh", refresh1, "application/json");
    ASSERT_TRUE(second);
    ASSERT_EQ(second->status, 200) << second->body;
    const std::string access2 = bodyJson(second)[u"access_token"_s].toString().toStdString();
    EXPECT_EQ(cli.Get("/api/v1/me", bearer(access2))->status, 200);

    auto replay = cli.Post("/api/v1/auth/refresh", refresh1, "application/json");
    ASSERT_TRUE(replay);
    EXPECT_EQ(replay->status, 401);
    EXPECT_EQ(errorCode(replay), u"refresh_token_reused"_s);
    EXPECT_EQ(cli.Get("/api/v1/me", bearer(access2))->status, 401)
        << "the whole device login is revoked";

    auto garbage = cli.Post("/api/v1/auth/refresh", R"({"refresh_token":"x"})", "application/json");
    EXPECT_EQ(garbage->status, 401);
    EXPECT_EQ(errorCode(garbage), u"invalid_token"_s);
}

TEST(HttpApiTest, ARefreshRetryWithTheDeviceIdInsideTheGraceWindowKeepsTheLogin)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const QJsonObject first = srv.login(u"wang"_s);
    auto cli = srv.client();
    const std::string retryBody = R"({"refresh_token":")"
        + first[u"refresh_token"_s].toString().toStdString() + R"(","device_id":"device-1"})";
    auto lost = cli.Post("/api/v1/auth/refresh", retryBody, "application/json");
    ASSERT_TRUE(lost);
    ASSERT_EQ(lost->status, 200) << lost->body;
    auto retry = cli.Post("/api/v1/auth/refresh", retryBody, "application/json");
    ASSERT_TRUE(retry);
    ASSERT_EQ(retry->status, 200) << retry->body;
    EXPECT_EQ(retry->get_header_value("Cache-Control"), "no-store");
    const std::string access = bodyJson(retry)[u"access_token"_s].toString().toStdString();
    EXPECT_EQ(cli.Get("/api/v1/me", bearer(access))->status, 200);
    const std::string lostAccess = bodyJson(lost)[u"access_token"_s].toString().toStdString();
    EXPECT_EQ(cli.Get("/api/v1/me", bearer(lostAccess))->status, 401);
}

TEST(HttpApiTest, LogoutRevokesTheDeviceLogin)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const QJsonObject session = srv.login(u"wang"_s);
    const std::string token = session[u"access_token"_s].toString().toStdString();
    auto cli = srv.client();
    auto res = cli.Post("/api/v1/auth/logout", bearer(token), "", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 204);
    EXPECT_EQ(cli.Get("/api/v1/me", bearer(token))->status, 401);
    const std::string refresh
        = R"({"refresh_token":")" + session[u"refresh_token"_s].toString().toStdString() + R"("})";
    EXPECT_EQ(cli.Post("/api/v1/auth/refresh", refresh, "application/json")->status, 401);
}

TEST(HttpApiTest, ProtectedEndpointsAnswer401WithoutAValidToken)
{
    test::InProcessServer srv;
    auto cli = srv.client();
    const std::string blob = blobPath(QString(64, u'a'));
    for (const auto& headers : { httplib::Headers {}, bearer("not-a-token") }) {
        auto me = cli.Get("/api/v1/me", headers);
        auto logout = cli.Post("/api/v1/auth/logout", headers, "", "application/json");
        auto get = cli.Get(blob.c_str(), headers);
        auto head = cli.Head(blob.c_str(), headers);
        auto put = cli.Put(blob.c_str(), headers, "abc", "application/octet-stream");
        for (const auto* r : { &me, &logout, &get, &head, &put }) {
            ASSERT_TRUE(*r);
            EXPECT_EQ((*r)->status, 401);
            EXPECT_EQ((*r)->get_header_value("WWW-Authenticate"), "Bearer");
        }
        EXPECT_TRUE(errorCode(me) == u"unauthenticated"_s || errorCode(me) == u"invalid_token"_s);
    }
}

TEST(HttpApiTest, MeReportsTheCallerFromTheToken)
{
    test::InProcessServer srv;
    auto db = srv.store().connection();
    server::NewUser u { u"li.na"_s, u"Li"_s, u"inspector"_s, u"3201"_s, {}, { u"东风街道"_s },
        u"correct horse 1"_s };
    auto added = server::UserService::add(db.value(), u);
    ASSERT_TRUE(added.ok());
    auto res = srv.client().Get("/api/v1/me", bearer(srv.accessToken(u"li.na"_s)));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(bodyJson(res)[u"id"_s].toString(), added->id);
    EXPECT_EQ(bodyJson(res)[u"role"_s].toString(), u"inspector"_s);
    EXPECT_EQ(bodyJson(res)[u"streets"_s].toArray().first().toString(), u"东风街道"_s);
}

TEST(HttpApiTest, DisabledUsersTokensStopWorkingAtOnce)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    auto cli = srv.client();
    ASSERT_EQ(cli.Get("/api/v1/me", bearer(token))->status, 200);
    auto db = srv.store().connection();
    ASSERT_TRUE(server::UserRepository::setDisabled(db.value(), u"wang"_s, true).ok());
    auto res = cli.Get("/api/v1/me", bearer(token));
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(errorCode(res), u"account_disabled"_s);
    auto relogin
        = cli.Post("/api/v1/auth/login", loginBody("wang", "correct horse 1"), "application/json");
    EXPECT_EQ(relogin->status, 403);
    EXPECT_EQ(errorCode(relogin), u"account_disabled"_s);
}

TEST(HttpApiTest, JsonRoutesRefuseOtherMediaTypes)
{
    test::InProcessServer srv;
    auto res = srv.client().Post("/api/v1/auth/login", loginBody("a", "b"), "text/plain");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 415);
    EXPECT_EQ(errorCode(res), u"unsupported_media_type"_s);
}

TEST(HttpApiTest, MalformedJsonIs400WithASpecificCode)
{
    test::InProcessServer srv;
    auto cli = srv.client();
    auto broken = cli.Post("/api/v1/auth/login", R"({"username":)", "application/json");
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->status, 400);
    EXPECT_EQ(errorCode(broken), u"malformed_json"_s);
    auto array = cli.Post("/api/v1/auth/refresh", "[1,2]", "application/json; charset=utf-8");
    ASSERT_TRUE(array);
    EXPECT_EQ(array->status, 400);
    EXPECT_EQ(errorCode(array), u"malformed_json"_s);
}

TEST(HttpApiTest, JsonBodiesOverOneMebibyteAre413)
{
    test::InProcessServer srv;
    auto cli = srv.client();
    const std::string big = R"({"username":")" + std::string(1024 * 1024 + 10, 'x') + R"("})";
    auto res = cli.Post("/api/v1/auth/login", big, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(errorCode(res), u"payload_too_large"_s);
    // The connection was drained cleanly: the server keeps answering.
    EXPECT_EQ(cli.Get("/api/v1/health")->status, 200);
}

TEST(HttpApiTest, ChunkedJsonBodiesOverTheLimitAre413)
{
    server::HttpLimits limits;
    limits.maxJsonBody = 1000;
    test::InProcessServer srv({}, limits);
    auto cli = srv.client();
    const std::string big(5000, ' ');
    auto res = cli.Post(
        "/api/v1/auth/login", big.size(),
        [&big](size_t offset, size_t length, httplib::DataSink& sink) {
            sink.write(big.data() + offset, std::min<size_t>(length, 700));
            return true;
        },
        "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
}

TEST(HttpApiTest, BlobUploadsInChunksAndCompletes)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    test::addUser(srv.store(), u"zhao"_s, u"supervisor"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    auto cli = srv.client();
    const QByteArray data = sample(100000);
    const QString sha = server::secrets::sha256Hex(data);

    EXPECT_EQ(cli.Head(blobPath(sha).c_str(), bearer(token))->status, 404);

    auto first = putChunk(cli, token, sha, data, 0, 40000);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 308);
    EXPECT_EQ(first->get_header_value("Upload-Offset"), "40000");

    auto head = cli.Head(blobPath(sha).c_str(), bearer(token));
    EXPECT_EQ(head->status, 308);
    EXPECT_EQ(head->get_header_value("Upload-Offset"), "40000");

    auto gap = putChunk(cli, token, sha, data, 60000, 40000);
    EXPECT_EQ(gap->status, 409);
    EXPECT_EQ(errorCode(gap), u"upload_offset_mismatch"_s);
    EXPECT_EQ(gap->get_header_value("Upload-Offset"), "40000");

    auto last = putChunk(cli, token, sha, data, 40000, 60000);
    ASSERT_TRUE(last);
    EXPECT_EQ(last->status, 201) << last->body;

    head = cli.Head(blobPath(sha).c_str(), bearer(token));
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->get_header_value("Content-Length"), "100000");

    auto again = putChunk(cli, token, sha, data, 0, 100000);
    EXPECT_EQ(again->status, 200) << "an existing blob is a no-op";

    QFile onDisk(srv.dir().path() + u"/blobs/"_s + sha.left(2) + u"/"_s + sha);
    ASSERT_TRUE(onDisk.open(QIODevice::ReadOnly));
    EXPECT_EQ(onDisk.readAll(), data);

    // GET needs the blob attached to a record in scope (covered in sync_test.cpp): a blob no
    // record references is a 404 for every role.
    auto supervisorGet = cli.Get(blobPath(sha).c_str(), bearer(srv.accessToken(u"zhao"_s)));
    ASSERT_TRUE(supervisorGet);
    EXPECT_EQ(supervisorGet->status, 404);

    auto inspectorGet = cli.Get(blobPath(sha).c_str(), bearer(token));
    EXPECT_EQ(inspectorGet->status, 404);
}

TEST(HttpApiTest, BlobWithTheWrongHashIs422AndTheUploadStartsOver)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    auto cli = srv.client();
    const QByteArray data = sample(5000);
    const QString claimed = server::secrets::sha256Hex("another photo");
    ASSERT_EQ(putChunk(cli, token, claimed, data, 0, 3000)->status, 308);
    auto res = putChunk(cli, token, claimed, data, 3000, 2000);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422);
    EXPECT_EQ(errorCode(res), u"hash_mismatch"_s);
    EXPECT_EQ(cli.Head(blobPath(claimed).c_str(), bearer(token))->status, 404);
}

TEST(HttpApiTest, BlobLimitsAndMalformedRequestsAreRefused)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    auto cli = srv.client();
    const QString sha = server::secrets::sha256Hex("x");

    auto badId = cli.Put("/api/v1/blobs/XYZ", bearer(token), "x", "application/octet-stream");
    EXPECT_EQ(badId->status, 400);
    EXPECT_EQ(errorCode(badId), u"invalid_blob_id"_s);

    httplib::Headers tooBig = bearer(token);
    tooBig.emplace("Content-Range", "bytes 0-0/" + std::to_string(32 * 1024 * 1024 + 1));
    auto blobTooBig = cli.Put(blobPath(sha).c_str(), tooBig, "x", "application/octet-stream");
    EXPECT_EQ(blobTooBig->status, 413);
    EXPECT_EQ(errorCode(blobTooBig), u"blob_too_large"_s);

    const std::string chunk(8 * 1024 * 1024 + 1, 'y');
    httplib::Headers bigChunk = bearer(token);
    bigChunk.emplace("Content-Range",
        "bytes 0-" + std::to_string(chunk.size() - 1) + "/" + std::to_string(20000000));
    auto chunkTooBig = cli.Put(blobPath(sha).c_str(), bigChunk, chunk, "application/octet-stream");
    ASSERT_TRUE(chunkTooBig);
    EXPECT_EQ(chunkTooBig->status, 413);
    EXPECT_EQ(errorCode(chunkTooBig), u"chunk_too_large"_s);

    httplib::Headers badRange = bearer(token);
    badRange.emplace("Content-Range", "bytes 5-1/10");
    auto range = cli.Put(blobPath(sha).c_str(), badRange, "x", "application/octet-stream");
    EXPECT_EQ(range->status, 400);
    EXPECT_EQ(errorCode(range), u"invalid_content_range"_s);
}

TEST(HttpApiTest, AWholeBlobWithoutContentRangeIsOneChunk)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const std::string token = srv.accessToken(u"wang"_s);
    const QByteArray data = sample(2048);
    const QString sha = server::secrets::sha256Hex(data);
    auto res
        = srv.client().Put(blobPath(sha).c_str(), bearer(token), data.toStdString(), "image/jpeg");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 201);
}

namespace {

/// Fails a login for `user` (any account: the address limit counts across accounts).
int failLogin(httplib::Client& cli, const char* user, const std::string& forwardedFor)
{
    httplib::Headers h;
    if (!forwardedFor.empty())
        h.emplace("X-Forwarded-For", forwardedFor);
    auto r = cli.Post("/api/v1/auth/login", h, loginBody(user, "nope"), "application/json");
    return r ? r->status : -1;
}

httplib::Request requestFrom(const std::string& peer, std::vector<std::string> forwardedFor)
{
    httplib::Request req;
    req.remote_addr = peer;
    for (auto& value : forwardedFor)
        req.headers.emplace("X-Forwarded-For", std::move(value));
    return req;
}

} // namespace

TEST(HttpApiTest, ForwardedForFromAnUntrustedPeerIsIgnored)
{
    server::AuthPolicy policy;
    policy.maxFailuresPerAddress = 2;
    test::InProcessServer srv(policy);
    auto cli = srv.client();
    // A client forging a new X-Forwarded-For on every attempt still counts as 127.0.0.1.
    EXPECT_EQ(failLogin(cli, "a1", "203.0.113.1"), 401);
    EXPECT_EQ(failLogin(cli, "a2", "203.0.113.2"), 401);
    EXPECT_EQ(failLogin(cli, "a3", "203.0.113.3"), 429);
    EXPECT_EQ(srv.api().clientAddress(requestFrom("127.0.0.1", { "203.0.113.9" })), u"127.0.0.1"_s);
}

TEST(HttpApiTest, BehindATrustedProxyTheClientIsTheLastUntrustedForwardedEntry)
{
    server::AuthPolicy policy;
    policy.maxFailuresPerAddress = 2;
    test::InProcessServer srv(policy, {}, [](server::HttpApi& api) {
        EXPECT_TRUE(api.setTrustedProxies({ u"127.0.0.1"_s, u"10.0.0.0/8"_s }).ok());
    });
    auto cli = srv.client();
    EXPECT_EQ(failLogin(cli, "b1", "198.51.100.7"), 401);
    // A forged entry on the left does not change who the proxy saw.
    EXPECT_EQ(failLogin(cli, "b2", "6.6.6.6, 198.51.100.7"), 401);
    EXPECT_EQ(failLogin(cli, "b3", "198.51.100.7"), 429) << "198.51.100.7 reached its limit";
    EXPECT_EQ(failLogin(cli, "b4", "198.51.100.8"), 401) << "another client is not throttled";

    auto& api = srv.api();
    EXPECT_EQ(api.clientAddress(requestFrom("127.0.0.1", { "198.51.100.7, 10.1.2.3" })),
        u"198.51.100.7"_s)
        << "trusted hops on the right are skipped";
    EXPECT_EQ(api.clientAddress(requestFrom("127.0.0.1", { "6.6.6.6", "198.51.100.9" })),
        u"198.51.100.9"_s)
        << "several headers read as one list";
    EXPECT_EQ(api.clientAddress(requestFrom("127.0.0.1", {})), u"127.0.0.1"_s);
    EXPECT_EQ(api.clientAddress(requestFrom("127.0.0.1", { "not-an-address" })), u"127.0.0.1"_s);
    EXPECT_EQ(api.clientAddress(requestFrom("192.0.2.5", { "198.51.100.7" })), u"192.0.2.5"_s)
        << "an untrusted peer's header is ignored";
    EXPECT_EQ(api.setTrustedProxies({ u"127.0.0.1"_s, u"proxy.example"_s }).error().code,
        u"invalid_trusted_proxy"_s);
    EXPECT_EQ(api.clientAddress(requestFrom("127.0.0.1", { "198.51.100.7" })), u"198.51.100.7"_s)
        << "a refused list changes nothing";
}
