// SessionController against the real safeloop-server on 127.0.0.1: login, errors, the session
// kept on disk for offline use, and logout.
#include "app/sessioncontroller.h"
#include "tests/support/faultproxy.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using namespace Qt::StringLiterals;
using safeloop::app::SessionController;
using safeloop::test::refreshAt;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

namespace {

const QString Password = u"Kontrol-2026!"_s;

/// A server data directory with one inspector, one enterprise user and one supervisor.
class SessionControllerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(serverDir.isValid() && appDir.isValid());
        ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, serverDir.path() }).exitCode, 0);
        addUser({ u"--username"_s, u"li.qiang"_s, u"--role"_s, u"inspector"_s, u"--badge"_s,
            u"22010042"_s, u"--name"_s, u"李强"_s });
        addUser({ u"--username"_s, u"zhou.min"_s, u"--role"_s, u"enterprise"_s, u"--enterprise"_s,
            u"91350100M000100Y43"_s, u"--name"_s, u"周敏"_s });
        ASSERT_TRUE(server.start(serverDir.path())) << server.errorOutput().toStdString();
    }

    void addUser(QStringList args)
    {
        args.prepend(serverDir.path());
        args.prepend(u"--data"_s);
        args.prepend(u"add"_s);
        args.prepend(u"user"_s);
        const auto r = runServerCommand(args, Password.toUtf8() + "\n");
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    }

    QString url() const { return u"http://127.0.0.1:%1"_s.arg(server.port()); }

    std::unique_ptr<SessionController> controller(const QString& serverUrl = {})
    {
        return std::make_unique<SessionController>(
            SessionController::Options { appDir.path(), serverUrl, {} });
    }

    static bool login(SessionController& c, const QString& user, const QString& password)
    {
        QSignalSpy finished(&c, &SessionController::loginFinished);
        c.login(user, password);
        EXPECT_TRUE(finished.wait(30000));
        return !finished.isEmpty() && finished.first().first().toBool();
    }

    /// Status of a refresh with `refreshToken` straight at the server (401 once revoked).
    int refreshStatus(const QString& refreshToken)
    {
        return refreshAt(server.port(), refreshToken).status;
    }

    QJsonObject sessionFile() const
    {
        QFile f(QDir(appDir.path()).filePath(u"session.json"_s));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    QTemporaryDir serverDir;
    QTemporaryDir appDir;
    ServerProcess server;
};

TEST_F(SessionControllerTest, LogsInAndExposesTheUsersRole)
{
    auto c = controller(url());
    EXPECT_FALSE(c->signedIn());
    ASSERT_TRUE(login(*c, u"li.qiang"_s, Password));
    EXPECT_TRUE(c->signedIn());
    EXPECT_EQ(c->role(), u"inspector"_s);
    EXPECT_EQ(c->userName(), u"李强"_s);
    EXPECT_EQ(c->lastUsername(), u"li.qiang"_s);
    EXPECT_TRUE(c->errorCode().isEmpty());
    EXPECT_FALSE(c->busy());
}

TEST_F(SessionControllerTest, EnterpriseUserGetsTheEnterpriseRole)
{
    auto c = controller(url());
    ASSERT_TRUE(login(*c, u"zhou.min"_s, Password));
    EXPECT_EQ(c->role(), u"enterprise"_s);
    EXPECT_EQ(c->userName(), u"周敏"_s);
    EXPECT_TRUE(c->badge().isEmpty());
}

TEST_F(SessionControllerTest, WrongPasswordIsReportedAndNothingIsStored)
{
    auto c = controller(url());
    EXPECT_FALSE(login(*c, u"li.qiang"_s, u"not-the-password"_s));
    EXPECT_FALSE(c->signedIn());
    EXPECT_EQ(c->errorCode(), u"invalid_credentials"_s);
    EXPECT_FALSE(QFile::exists(QDir(appDir.path()).filePath(u"session.json"_s)));
}

TEST_F(SessionControllerTest, TooManyAttemptsCarryTheServersWaitTime)
{
    auto c = controller(url());
    QString code;
    for (int i = 0; i < 8 && code != u"rate_limited"_s; ++i) {
        EXPECT_FALSE(login(*c, u"li.qiang"_s, u"guess-%1-wrong"_s.arg(i)));
        code = c->errorCode();
    }
    EXPECT_EQ(code, u"rate_limited"_s);
    EXPECT_GT(c->retryAfterSeconds(), 0);
}

TEST_F(SessionControllerTest, UnreachableServerIsOffline)
{
    const QString deadUrl = url();
    server.stop();
    auto c = controller(deadUrl);
    EXPECT_FALSE(login(*c, u"li.qiang"_s, Password));
    EXPECT_EQ(c->errorCode(), u"offline"_s);
    EXPECT_FALSE(c->signedIn());
}

TEST_F(SessionControllerTest, ServerWithoutTheLoginApiIsTooOld)
{
    // A base path under which the server has no /api/v1: what a pre-SafeLoop-1 server answers.
    auto c = controller(url() + u"/legacy"_s);
    EXPECT_FALSE(login(*c, u"li.qiang"_s, Password));
    EXPECT_EQ(c->errorCode(), u"server_too_old"_s);
}

TEST_F(SessionControllerTest, MissingServerAddressIsRefusedWithoutNetwork)
{
    auto c = controller();
    c->setServerUrl(QString());
    EXPECT_FALSE(login(*c, u"li.qiang"_s, Password));
    EXPECT_EQ(c->errorCode(), u"invalid_server"_s);
}

TEST_F(SessionControllerTest, PlainHttpToAnotherHostIsRefusedWithoutNetwork)
{
    // 192.0.2.1 answers nothing: a sent request would end "offline", not "insecure_server".
    auto c = controller(u"http://192.0.2.1:%1"_s.arg(server.port()));
    QElapsedTimer clock;
    clock.start();
    EXPECT_FALSE(login(*c, u"li.qiang"_s, Password));
    EXPECT_LT(clock.elapsed(), 2000);
    EXPECT_EQ(c->errorCode(), u"insecure_server"_s);
    EXPECT_FALSE(c->signedIn());
    EXPECT_FALSE(QFile::exists(QDir(appDir.path()).filePath(u"session.json"_s)));
}

TEST_F(SessionControllerTest, SessionIsRestoredAfterRestartWithoutNetwork)
{
    QString deviceId;
    {
        auto c = controller(url());
        deviceId = c->deviceId();
        ASSERT_TRUE(login(*c, u"li.qiang"_s, Password));
    }
    server.stop();
    // Owner-only: the file holds the device's refresh token.
    const QString path = QDir(appDir.path()).filePath(u"session.json"_s);
    const auto permissions = QFile::permissions(path);
    EXPECT_TRUE(permissions.testFlag(QFileDevice::ReadOwner));
    EXPECT_FALSE(permissions
        & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
            | QFileDevice::WriteOther));

    auto restarted = controller();
    EXPECT_TRUE(restarted->signedIn());
    EXPECT_EQ(restarted->role(), u"inspector"_s);
    EXPECT_EQ(restarted->userName(), u"李强"_s);
    EXPECT_EQ(restarted->deviceId(), deviceId);
    EXPECT_EQ(restarted->serverUrl(), url());
}

TEST_F(SessionControllerTest, LogoutWipesTokensRevokesOnServerAndKeepsTheDevice)
{
    auto c = controller(url());
    const QString deviceId = c->deviceId();
    ASSERT_TRUE(login(*c, u"li.qiang"_s, Password));
    const QString refresh = sessionFile()[u"refresh_token"_s].toString();
    ASSERT_FALSE(refresh.isEmpty());
    // Unsynced local work in the app directory must survive a logout.
    QFile outbox(QDir(appDir.path()).filePath(u"local.db"_s));
    ASSERT_TRUE(outbox.open(QIODevice::WriteOnly));
    outbox.write("unsynced");
    outbox.close();

    QSignalSpy done(c.get(), &SessionController::logoutFinished);
    c->logout();
    EXPECT_FALSE(c->signedIn()); // at once, before the server answers
    ASSERT_TRUE(done.wait(30000));

    QDirIterator it(appDir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        EXPECT_FALSE(f.readAll().contains(refresh.toUtf8())) << f.fileName().toStdString();
    }
    EXPECT_TRUE(QFile::exists(outbox.fileName()));

    // The server revoked the device login: the old refresh token is refused.
    httplib::Client cli("127.0.0.1", server.port());
    const QJsonObject body { { u"refresh_token"_s, refresh } };
    auto res = cli.Post(
        "/api/v1/auth/refresh", QJsonDocument(body).toJson().toStdString(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);

    auto restarted = controller();
    EXPECT_FALSE(restarted->signedIn());
    EXPECT_EQ(restarted->deviceId(), deviceId);
    EXPECT_EQ(restarted->lastUsername(), u"li.qiang"_s);
}

TEST_F(SessionControllerTest, LogoutOfflineStillWipesTokens)
{
    auto c = controller(url());
    ASSERT_TRUE(login(*c, u"li.qiang"_s, Password));
    server.stop();
    QSignalSpy done(c.get(), &SessionController::logoutFinished);
    c->logout();
    ASSERT_TRUE(done.wait(30000));
    EXPECT_FALSE(QFile::exists(QDir(appDir.path()).filePath(u"session.json"_s)));
    EXPECT_FALSE(controller()->signedIn());
}

TEST_F(SessionControllerTest, DestroyingTheControllerWhileALogoutIsInFlightIsHarmless)
{
    safeloop::test::FaultProxy proxy(server.port());
    ASSERT_TRUE(proxy.start());
    auto c = controller(u"http://127.0.0.1:%1"_s.arg(proxy.port()));
    ASSERT_TRUE(login(*c, u"li.qiang"_s, Password));
    const QString refresh = sessionFile()[u"refresh_token"_s].toString();
    proxy.setMode(safeloop::test::FaultProxy::Mode::Blackhole); // the server never answers

    int finished = 0;
    QObject::connect(c.get(), &SessionController::logoutFinished, [&finished] { ++finished; });
    QElapsedTimer timer;
    timer.start();
    c->logout();
    EXPECT_LT(timer.elapsed(), 1000) << "logout does not wait for the server";
    EXPECT_FALSE(c->signedIn());
    QTest::qWait(300); // the revoke request is on its way into the silent network
    EXPECT_EQ(finished, 0);

    timer.restart();
    c.reset(); // the request is aborted; its end is never delivered to the dead controller
    EXPECT_LT(timer.elapsed(), 1000);
    QTest::qWait(300);
    EXPECT_EQ(finished, 0);

    // The app keeps working: a new controller restores the device but no login.
    proxy.setMode(safeloop::test::FaultProxy::Mode::Pass);
    auto again = controller(url());
    EXPECT_FALSE(again->signedIn());
    EXPECT_EQ(refreshStatus(refresh), 200) << "the server was never told; the token still works";
}

TEST_F(SessionControllerTest, DestroyingTheControllerWhileALoginIsInFlightIsHarmless)
{
    safeloop::test::FaultProxy proxy(server.port());
    ASSERT_TRUE(proxy.start());
    proxy.setMode(safeloop::test::FaultProxy::Mode::Blackhole);
    auto c = controller(u"http://127.0.0.1:%1"_s.arg(proxy.port()));
    int finished = 0;
    QObject::connect(c.get(), &SessionController::loginFinished, [&finished] { ++finished; });
    c->login(u"li.qiang"_s, Password);
    EXPECT_TRUE(c->busy());
    QTest::qWait(300);
    c.reset();
    QTest::qWait(300);
    EXPECT_EQ(finished, 0);
    EXPECT_FALSE(QFile::exists(QDir(appDir.path()).filePath(u"session.json"_s)));
}

TEST_F(SessionControllerTest, ChangingTheServerAddressWhileSignedInSignsOutAndRevokesTheOldLogin)
{
    auto c = controller(url());
    ASSERT_TRUE(login(*c, u"li.qiang"_s, Password));
    const QString refresh = sessionFile()[u"refresh_token"_s].toString();
    QSignalSpy signingOut(c.get(), &SessionController::signingOut);
    QSignalSpy done(c.get(), &SessionController::logoutFinished);
    c->setServerUrl(u"http://127.0.0.1:9/"_s);
    EXPECT_EQ(c->serverUrl(), u"http://127.0.0.1:9"_s);
    EXPECT_EQ(signingOut.size(), 1) << "sync stops before the tokens go";
    EXPECT_FALSE(c->signedIn());
    EXPECT_EQ(c->errorCode(), u"server_changed"_s);
    EXPECT_FALSE(QFile::exists(QDir(appDir.path()).filePath(u"session.json"_s)));
    ASSERT_TRUE(done.wait(30000));
    EXPECT_EQ(refreshStatus(refresh), 401) << "the old server revoked the device login";

    // Setting the same address again while signed out changes nothing else.
    c->setServerUrl(u"http://127.0.0.1:9"_s);
    EXPECT_EQ(signingOut.size(), 1);
}

TEST_F(SessionControllerTest, StartingWithAnotherServerAddressDropsTheStoredLogin)
{
    QString refresh;
    {
        auto c = controller(url());
        ASSERT_TRUE(login(*c, u"li.qiang"_s, Password));
        refresh = sessionFile()[u"refresh_token"_s].toString();
    }
    auto same = controller(url());
    EXPECT_TRUE(same->signedIn()) << "the same --server keeps the login";
    same.reset();

    auto moved = controller(u"http://127.0.0.1:9"_s); // --server pointing elsewhere
    QSignalSpy done(moved.get(), &SessionController::logoutFinished);
    EXPECT_FALSE(moved->signedIn());
    EXPECT_EQ(moved->errorCode(), u"server_changed"_s);
    EXPECT_FALSE(QFile::exists(QDir(appDir.path()).filePath(u"session.json"_s)));
    ASSERT_TRUE(done.wait(30000));
    EXPECT_EQ(refreshStatus(refresh), 401) << "revoked at the server it was made with";
}

} // namespace
