// ApiClient and BlobUploader against the real safeloop-server on 127.0.0.1.
#include "sync/apiclient.h"
#include "sync/blobuploader.h"

#include "tests/support/faultproxy.h"
#include "tests/support/serverprocess.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <httplib.h>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

const QByteArray Password = "Anquan-2026-jiancha";

class ApiClientTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(test::runServerCommand({ u"init"_s, u"--data"_s, m_dir.path() }).exitCode, 0);
        addUser(u"li.inspector"_s, u"inspector"_s, { u"--badge"_s, u"22010007"_s });
        addUser(u"zhao.lead"_s, u"supervisor"_s, {});
        ASSERT_TRUE(m_server.start(m_dir.path())) << m_server.errorOutput().toStdString();
    }

    void addUser(const QString& name, const QString& role, const QStringList& extra)
    {
        const auto r = test::runServerCommand(
            QStringList { u"user"_s, u"add"_s, u"--data"_s, m_dir.path(), u"--username"_s, name,
                u"--role"_s, role, u"--name"_s, name }
                + extra,
            Password + "\n");
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    }

    QUrl url(int port) const { return QUrl(u"http://127.0.0.1:%1"_s.arg(port)); }

    std::unique_ptr<sync::ApiClient> loggedIn(const QString& user, int port = 0)
    {
        auto client = std::make_unique<sync::ApiClient>(
            url(port ? port : m_server.port()), u"device-%1"_s.arg(user), u"test tablet"_s);
        auto session = client->login(user, QString::fromUtf8(Password));
        EXPECT_TRUE(session.ok()) << session.error().message.toStdString();
        return client;
    }

    QString writeRandomFile(const QString& name, qsizetype size, QString* sha)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator generator(42);
        for (auto& b : bytes)
            b = static_cast<char>(generator.bounded(256));
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        *sha = QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        return path;
    }

    QTemporaryDir m_dir;
    test::ServerProcess m_server;
};

} // namespace

TEST_F(ApiClientTest, LoginReturnsTheUserAndHandsTheSessionToTheSink)
{
    sync::ApiClient client(url(m_server.port()), u"device-1"_s, u"tablet"_s);
    int sunk = 0;
    client.setSessionSink([&](const sync::Session& s) {
        ++sunk;
        EXPECT_FALSE(s.refreshToken.isEmpty());
    });
    auto session = client.login(u"li.inspector"_s, QString::fromUtf8(Password));
    ASSERT_TRUE(session.ok()) << session.error().message.toStdString();
    EXPECT_EQ(session->user.role, u"inspector"_s);
    EXPECT_EQ(sunk, 1);
    auto me = client.call("GET", u"/api/v1/me"_s);
    ASSERT_TRUE(std::holds_alternative<sync::ApiReply>(me));
    EXPECT_EQ(std::get<sync::ApiReply>(me).status, 200);
}

TEST_F(ApiClientTest, AWrongPasswordIsRefusedWithTheServersCode)
{
    sync::ApiClient client(url(m_server.port()), u"device-1"_s, u"tablet"_s);
    auto session = client.login(u"li.inspector"_s, u"not-the-password"_s);
    ASSERT_FALSE(session.ok());
    EXPECT_EQ(session.error().code, u"invalid_credentials"_s);
}

TEST_F(ApiClientTest, AnUnusableAccessTokenIsRefreshedOnceTransparently)
{
    auto client = loggedIn(u"li.inspector"_s);
    sync::Session stale = client->session();
    const QString firstRefresh = stale.refreshToken;
    stale.accessToken = u"0000000000000000000000000000000000000000000000000000000000000000"_s;
    client->setSession(stale);
    QString sunkRefresh;
    client->setSessionSink([&](const sync::Session& s) { sunkRefresh = s.refreshToken; });

    auto me = client->call("GET", u"/api/v1/me"_s);
    ASSERT_TRUE(std::holds_alternative<sync::ApiReply>(me));
    EXPECT_EQ(std::get<sync::ApiReply>(me).status, 200);
    EXPECT_FALSE(sunkRefresh.isEmpty()) << "the rotated session reaches the sink";
    EXPECT_NE(sunkRefresh, firstRefresh) << "refresh tokens rotate";
}

TEST_F(ApiClientTest, ASpentRefreshTokenEndsTheLoginWithNeedsLogin)
{
    auto client = loggedIn(u"li.inspector"_s);
    const sync::Session original = client->session();
    // Force one rotation, then present the spent token again (what a stolen copy would do).
    sync::Session expired = original;
    expired.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    client->setSession(expired);
    ASSERT_TRUE(std::holds_alternative<sync::ApiReply>(client->call("GET", u"/api/v1/me"_s)));

    sync::ApiClient thief(url(m_server.port()), u"device-x"_s, u"other"_s);
    thief.setSession(expired);
    auto stolen = thief.call("GET", u"/api/v1/me"_s);
    ASSERT_TRUE(std::holds_alternative<sync::ApiFailure>(stolen));
    EXPECT_EQ(std::get<sync::ApiFailure>(stolen).kind, sync::ApiFailure::Kind::NeedsLogin);

    // Reuse detection revoked the whole device login: the legitimate device must log in again.
    sync::Session current = client->session();
    current.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    client->setSession(current);
    auto after = client->call("GET", u"/api/v1/me"_s);
    ASSERT_TRUE(std::holds_alternative<sync::ApiFailure>(after));
    EXPECT_EQ(std::get<sync::ApiFailure>(after).kind, sync::ApiFailure::Kind::NeedsLogin);
}

TEST_F(ApiClientTest, AStoppedServerIsANetworkFailureNotALogout)
{
    auto client = loggedIn(u"li.inspector"_s);
    const sync::Session before = client->session();
    ASSERT_EQ(m_server.stop(), 0);
    auto me = client->call("GET", u"/api/v1/me"_s, {}, std::chrono::seconds(3));
    ASSERT_TRUE(std::holds_alternative<sync::ApiFailure>(me));
    EXPECT_EQ(std::get<sync::ApiFailure>(me).kind, sync::ApiFailure::Kind::Network);
    EXPECT_EQ(client->session().refreshToken, before.refreshToken) << "offline keeps the login";
}

TEST_F(ApiClientTest, BlobUploadResumesFromTheServersOffsetAfterACut)
{
    QString sha;
    const qsizetype size = 5 * 1024 * 1024 + 123;
    const QString path = writeRandomFile(u"photo.jpg"_s, size, &sha);

    test::FaultProxy proxy(m_server.port());
    ASSERT_TRUE(proxy.start());
    auto client = loggedIn(u"li.inspector"_s, proxy.port());
    // Cut the connection in the middle of the third 1 MiB chunk.
    proxy.setMode(test::FaultProxy::Mode::CutAfterBytes, 2 * 1024 * 1024 + 512 * 1024);

    sync::BlobUploader first(*client);
    auto failure = first.upload(path, sha);
    ASSERT_TRUE(failure.has_value()) << "the cut must surface as a failure";
    EXPECT_EQ(failure->kind, sync::ApiFailure::Kind::Network);

    proxy.setMode(test::FaultProxy::Mode::Pass);
    sync::BlobUploader second(*client);
    qint64 firstProgress = -1;
    auto done = second.upload(path, sha, [&](qint64 confirmed, qint64) {
        if (firstProgress < 0)
            firstProgress = confirmed;
    });
    ASSERT_FALSE(done.has_value()) << done->message.toStdString();
    EXPECT_GE(firstProgress, 1024 * 1024) << "the second attempt starts at the server's offset";
    EXPECT_LE(second.bytesSent(), size - firstProgress) << "nothing confirmed is sent again";

    // The server holds the complete, verified file (GET serves only blobs attached to a record
    // in the caller's scope, so HEAD checks it here; SyncEngineTest downloads attached photos).
    sync::HttpRequest head;
    head.method = "HEAD";
    head.path = u"/api/v1/blobs/"_s + sha;
    auto got = client->callRaw(head);
    ASSERT_TRUE(std::holds_alternative<sync::ApiReply>(got));
    EXPECT_EQ(std::get<sync::ApiReply>(got).status, 200);
    EXPECT_EQ(std::get<sync::ApiReply>(got).header("Content-Length").toLongLong(), size);
}

TEST_F(ApiClientTest, UploadingACompleteBlobAgainSendsNothing)
{
    QString sha;
    const QString path = writeRandomFile(u"sig.png"_s, 40000, &sha);
    auto client = loggedIn(u"li.inspector"_s);
    sync::BlobUploader first(*client);
    ASSERT_FALSE(first.upload(path, sha).has_value());
    sync::BlobUploader again(*client);
    ASSERT_FALSE(again.upload(path, sha).has_value());
    EXPECT_EQ(again.bytesSent(), 0);
}

TEST_F(ApiClientTest, ALocalFileThatDoesNotMatchItsHashIsNeverUploaded)
{
    QString sha;
    const QString path = writeRandomFile(u"edited.jpg"_s, 1000, &sha);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::Append));
    file.write("tampered");
    file.close();
    auto client = loggedIn(u"li.inspector"_s);
    sync::BlobUploader uploader(*client);
    auto failure = uploader.upload(path, sha);
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->code, u"hash_mismatch"_s);
    EXPECT_EQ(uploader.bytesSent(), 0);
}

namespace {

/// Stands in for a server that a crash left with every byte of an upload on disk and its hash
/// never checked: HEAD answers 308 with Upload-Offset == Upload-Length. A PUT completes the
/// blob (201) when `confirm` is set, else it answers 308 at the total again.
class StuckUploadServer {
public:
    explicit StuckUploadServer(qint64 total, bool confirm)
    {
        m_http.Get(R"(/api/v1/blobs/([0-9a-f]+))",
            [this, total](const httplib::Request&, httplib::Response& res) {
                if (m_completed) {
                    res.status = 200;
                    res.set_header("Content-Length", std::to_string(total));
                    return;
                }
                res.status = 308;
                res.set_header("Upload-Offset", std::to_string(total));
                res.set_header("Upload-Length", std::to_string(total));
            });
        m_http.Put(R"(/api/v1/blobs/([0-9a-f]+))",
            [this, total, confirm](const httplib::Request& req, httplib::Response& res) {
                ++m_puts;
                m_lastRange = req.get_header_value("Content-Range");
                if (confirm) {
                    m_completed = true;
                    res.status = 201;
                    res.set_content(R"({"complete":true})", "application/json");
                    return;
                }
                res.status = 308;
                res.set_header("Upload-Offset", std::to_string(total));
            });
        m_port = m_http.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_http.listen_after_bind(); });
        while (!m_http.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~StuckUploadServer()
    {
        m_http.stop();
        m_thread.join();
    }
    int port() const { return m_port; }
    int puts() const { return m_puts; }
    std::string lastRange() const { return m_lastRange; }

private:
    httplib::Server m_http;
    std::thread m_thread;
    int m_port = 0;
    std::atomic<int> m_puts { 0 };
    std::atomic<bool> m_completed { false };
    std::string m_lastRange;
};

sync::Session someSession()
{
    sync::Session s;
    s.accessToken = u"access"_s;
    s.refreshToken = u"refresh"_s;
    s.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    return s;
}

} // namespace

TEST_F(ApiClientTest, A308WithEveryByteOnTheServerIsNotTakenAsDone)
{
    QString sha;
    const qsizetype size = 2500000;
    const QString path = writeRandomFile(u"stuck.jpg"_s, size, &sha);
    {
        StuckUploadServer stuck(size, true);
        sync::ApiClient client(url(stuck.port()), u"device-1"_s, u"test tablet"_s);
        client.setSession(someSession());
        sync::BlobUploader uploader(client, 1024 * 1024);
        auto done = uploader.upload(path, sha);
        EXPECT_FALSE(done.has_value()) << done->message.toStdString();
        // The last chunk went again, so the server checked the hash and confirmed.
        EXPECT_EQ(stuck.puts(), 1);
        EXPECT_EQ(stuck.lastRange(), "bytes 1451424-2499999/2500000");
    }
    {
        StuckUploadServer neverConfirms(size, false);
        sync::ApiClient client(url(neverConfirms.port()), u"device-1"_s, u"test tablet"_s);
        client.setSession(someSession());
        sync::BlobUploader uploader(client, 1024 * 1024);
        auto failure = uploader.upload(path, sha);
        ASSERT_TRUE(failure.has_value()) << "308 is never a confirmation";
        EXPECT_EQ(failure->code, u"incomplete"_s);
        EXPECT_EQ(neverConfirms.puts(), 2);
    }
}
