#include "server/auth.h"
#include "server/secrets.h"
#include "server/sqldialect.h"
#include "testbackend.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

class AuthServiceTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto location = test::storeLocation(m_dir);
        ASSERT_TRUE(server::ServerStore::initialize(location).ok());
        auto store = server::ServerStore::open(location);
        ASSERT_TRUE(store.ok());
        m_store = std::make_unique<server::ServerStore>(store.value());
        m_user = test::addUser(*m_store, u"wang.li"_s, u"inspector"_s);
    }
    server::LoginRequest request(const QString& password = u"correct horse 1"_s)
    {
        return { u"wang.li"_s, password, u"device-1"_s, u"Test phone"_s, u"10.0.0.7"_s };
    }
    /// Presenting the spent refresh token `spent` (with `deviceId`) is refused as reuse and
    /// revokes the whole device login: the access token of `latest` stops working.
    static void expectReuseRevokes(server::AuthService& auth, const QString& spent,
        const server::TokenPair& latest, const QString& deviceId = u"device-1"_s)
    {
        auto r = auth.refresh(spent, deviceId);
        ASSERT_FALSE(r.ok()) << "a spent refresh token must be refused";
        EXPECT_EQ(r.error().code, u"refresh_token_reused"_s);
        EXPECT_EQ(auth.authenticate(latest.accessToken).error().code, u"invalid_token"_s)
            << "reuse revokes every token of the device login";
    }

    QTemporaryDir m_dir;
    std::unique_ptr<server::ServerStore> m_store;
    server::UserRecord m_user;
};

} // namespace

TEST_F(AuthServiceTest, LoginIssuesRandomTokensAndStoresOnlyTheirHashes)
{
    server::AuthService auth(*m_store);
    auto pair = auth.login(request(), nullptr);
    ASSERT_TRUE(pair.ok()) << pair.error().message.toStdString();
    EXPECT_EQ(pair->accessToken.size(), 43) << "256 bits, base64url";
    EXPECT_NE(pair->accessToken, pair->refreshToken);
    EXPECT_EQ(pair->expiresInSeconds, 900);
    EXPECT_EQ(pair->user.id, m_user.id);

    auto db = m_store->connection();
    ASSERT_TRUE(db.ok());
    QSqlQuery q(db.value());
    ASSERT_TRUE(q.exec(u"SELECT token_hash FROM auth_tokens"_s));
    QStringList stored;
    while (q.next())
        stored << q.value(0).toString();
    ASSERT_EQ(stored.size(), 2);
    EXPECT_FALSE(stored.contains(pair->accessToken));
    EXPECT_FALSE(stored.contains(pair->refreshToken));
    EXPECT_TRUE(stored.contains(server::secrets::sha256Hex(pair->accessToken.toLatin1())));
}

TEST_F(AuthServiceTest, AuthenticateDerivesTheCallerFromTheToken)
{
    server::AuthService auth(*m_store);
    auto pair = auth.login(request(), nullptr);
    ASSERT_TRUE(pair.ok());
    auto caller = auth.authenticate(pair->accessToken);
    ASSERT_TRUE(caller.ok()) << caller.error().message.toStdString();
    EXPECT_EQ(caller->userId, m_user.id);
    EXPECT_EQ(caller->role, server::Role::Inspector);
    EXPECT_FALSE(caller->deviceLoginId.isEmpty());
    EXPECT_EQ(auth.authenticate(pair->refreshToken).error().code, u"invalid_token"_s)
        << "a refresh token is no access token";
    EXPECT_EQ(auth.authenticate(u"forged"_s).error().code, u"invalid_token"_s);
    EXPECT_EQ(auth.authenticate({}).error().code, u"unauthenticated"_s);
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserGiveTheSameAnswer)
{
    server::AuthService auth(*m_store);
    auto wrong = auth.login(request(u"wrong password"_s), nullptr);
    auto unknown = auth.login(
        { u"nobody"_s, u"wrong password"_s, u"device-1"_s, u"phone"_s, u"10.0.0.7"_s }, nullptr);
    ASSERT_FALSE(wrong.ok());
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(wrong.error(), unknown.error());
    EXPECT_EQ(wrong.error().code, u"invalid_credentials"_s);
}

TEST_F(AuthServiceTest, AccessTokensExpire)
{
    server::AuthPolicy policy;
    policy.accessTtlMs = 1;
    server::AuthService auth(*m_store, policy);
    auto pair = auth.login(request(), nullptr);
    ASSERT_TRUE(pair.ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(auth.authenticate(pair->accessToken).error().code, u"token_expired"_s);
}

TEST_F(AuthServiceTest, RefreshRotatesAndReuseRevokesTheDeviceLogin)
{
    server::AuthService auth(*m_store);
    auto first = auth.login(request(), nullptr);
    ASSERT_TRUE(first.ok());
    auto second = auth.refresh(first->refreshToken);
    ASSERT_TRUE(second.ok()) << second.error().message.toStdString();
    EXPECT_NE(second->refreshToken, first->refreshToken);
    EXPECT_TRUE(auth.authenticate(second->accessToken).ok());
    EXPECT_FALSE(auth.authenticate(first->accessToken).ok()) << "the old access token is replaced";

    expectReuseRevokes(auth, first->refreshToken, *second, {});
    EXPECT_FALSE(auth.refresh(second->refreshToken).ok());
}

TEST_F(AuthServiceTest, RefreshTokensExpireWhenIdle)
{
    server::AuthPolicy policy;
    policy.refreshIdleMs = 1;
    server::AuthService auth(*m_store, policy);
    auto pair = auth.login(request(), nullptr);
    ASSERT_TRUE(pair.ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(auth.refresh(pair->refreshToken).error().code, u"token_expired"_s);
}

TEST_F(AuthServiceTest, LogoutRevokesOnlyThatDeviceLogin)
{
    server::AuthService auth(*m_store);
    auto phone = auth.login(request(), nullptr);
    auto tablet = auth.login(
        { u"wang.li"_s, u"correct horse 1"_s, u"device-2"_s, u"Tablet"_s, u"10.0.0.7"_s }, nullptr);
    ASSERT_TRUE(phone.ok() && tablet.ok());
    auto caller = auth.authenticate(phone->accessToken);
    ASSERT_TRUE(caller.ok());
    ASSERT_TRUE(auth.logout(caller.value()).ok());
    EXPECT_FALSE(auth.authenticate(phone->accessToken).ok());
    EXPECT_FALSE(auth.refresh(phone->refreshToken).ok());
    EXPECT_TRUE(auth.authenticate(tablet->accessToken).ok());
}

TEST_F(AuthServiceTest, DisablingAUserStopsItsTokensAtOnce)
{
    server::AuthService auth(*m_store);
    auto pair = auth.login(request(), nullptr);
    ASSERT_TRUE(pair.ok());
    auto db = m_store->connection();
    ASSERT_TRUE(server::UserRepository::setDisabled(db.value(), u"wang.li"_s, true).ok());
    EXPECT_EQ(auth.authenticate(pair->accessToken).error().code, u"account_disabled"_s);
    EXPECT_EQ(auth.refresh(pair->refreshToken).error().code, u"account_disabled"_s);
    EXPECT_EQ(auth.login(request(), nullptr).error().code, u"account_disabled"_s);
}

TEST_F(AuthServiceTest, RepeatedFailuresThrottleTheAccount)
{
    server::AuthPolicy policy;
    policy.maxFailuresPerAccount = 3;
    server::AuthService auth(*m_store, policy);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(auth.login(request(u"wrong password"_s), nullptr).error().code,
            u"invalid_credentials"_s);
    qint64 retryAfter = 0;
    auto blocked = auth.login(request(), &retryAfter);
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.error().code, u"rate_limited"_s) << "even the right password waits";
    EXPECT_GT(retryAfter, 0);
    EXPECT_LE(retryAfter, 15 * 60);
}

TEST_F(AuthServiceTest, RepeatedFailuresThrottleTheAddressAcrossAccounts)
{
    server::AuthPolicy policy;
    policy.maxFailuresPerAddress = 4;
    server::AuthService auth(*m_store, policy);
    for (int i = 0; i < 4; ++i) {
        const server::LoginRequest guess { u"user%1"_s.arg(i), u"guess"_s, u"d"_s, u"d"_s,
            u"10.0.0.9"_s };
        EXPECT_EQ(auth.login(guess, nullptr).error().code, u"invalid_credentials"_s);
    }
    auto fromThere = auth.login(
        { u"wang.li"_s, u"correct horse 1"_s, u"d"_s, u"d"_s, u"10.0.0.9"_s }, nullptr);
    EXPECT_EQ(fromThere.error().code, u"rate_limited"_s);
    EXPECT_TRUE(auth.login(request(), nullptr).ok()) << "another address is not affected";
}

TEST_F(AuthServiceTest, RefreshRetryInsideTheGraceWindowGetsAWorkingPairWithoutRevoking)
{
    server::AuthService auth(*m_store);
    auto first = auth.login(request(), nullptr);
    ASSERT_TRUE(first.ok());
    auto lost = auth.refresh(first->refreshToken, u"device-1"_s); // the answer never arrives
    ASSERT_TRUE(lost.ok());
    auto retry = auth.refresh(first->refreshToken, u"device-1"_s);
    ASSERT_TRUE(retry.ok()) << retry.error().code.toStdString();
    EXPECT_NE(retry->refreshToken, lost->refreshToken);
    EXPECT_NE(retry->refreshToken, first->refreshToken);
    EXPECT_TRUE(auth.authenticate(retry->accessToken).ok()) << "the device stays signed in";
    EXPECT_FALSE(auth.authenticate(lost->accessToken).ok()) << "the lost pair is withdrawn";

    auto db = m_store->connection();
    ASSERT_TRUE(db.ok());
    QSqlQuery q(db.value());
    ASSERT_TRUE(q.exec(u"SELECT COUNT(*) FROM device_logins WHERE revoked_at IS NOT NULL"_s));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 0) << "no revocation";
    ASSERT_TRUE(q.exec(u"SELECT token_hash, replaced_by FROM auth_tokens"_s));
    while (q.next())
        for (const QString& token :
            { first->refreshToken, lost->refreshToken, retry->refreshToken, retry->accessToken })
            EXPECT_FALSE(q.value(0).toString() == token || q.value(1).toString() == token)
                << "only hashes are stored";

    auto next = auth.refresh(retry->refreshToken, u"device-1"_s);
    ASSERT_TRUE(next.ok()) << "the retried pair rotates as usual";
    EXPECT_TRUE(auth.authenticate(next->accessToken).ok());
}

TEST_F(AuthServiceTest, RepeatedRetriesKeepTheWindowOfTheFirstRotation)
{
    server::AuthPolicy policy;
    policy.refreshGraceMs = 1500;
    server::AuthService auth(*m_store, policy);
    auto first = auth.login(request(), nullptr);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(auth.refresh(first->refreshToken, u"device-1"_s).ok());
    ASSERT_TRUE(auth.refresh(first->refreshToken, u"device-1"_s).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(900));
    auto third = auth.refresh(first->refreshToken, u"device-1"_s);
    ASSERT_TRUE(third.ok()) << "still inside the window of the first rotation";
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    auto late = auth.refresh(first->refreshToken, u"device-1"_s);
    ASSERT_FALSE(late.ok()) << "retries do not extend the window";
    EXPECT_EQ(late.error().code, u"refresh_token_reused"_s);
    EXPECT_FALSE(auth.authenticate(third->accessToken).ok());
}

TEST_F(AuthServiceTest, RefreshRetryAfterTheGraceWindowRevokesTheDeviceLogin)
{
    server::AuthPolicy policy;
    policy.refreshGraceMs = 50;
    server::AuthService auth(*m_store, policy);
    auto first = auth.login(request(), nullptr);
    ASSERT_TRUE(first.ok());
    auto second = auth.refresh(first->refreshToken, u"device-1"_s);
    ASSERT_TRUE(second.ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(80));
    expectReuseRevokes(auth, first->refreshToken, *second);
    EXPECT_FALSE(auth.refresh(second->refreshToken, u"device-1"_s).ok());
}

TEST_F(AuthServiceTest, AnOlderRefreshTokenRevokesEvenInsideTheGraceWindow)
{
    server::AuthService auth(*m_store);
    auto first = auth.login(request(), nullptr);
    ASSERT_TRUE(first.ok());
    auto second = auth.refresh(first->refreshToken, u"device-1"_s);
    ASSERT_TRUE(second.ok());
    auto third = auth.refresh(second->refreshToken, u"device-1"_s);
    ASSERT_TRUE(third.ok());
    expectReuseRevokes(auth, first->refreshToken, *third);
    EXPECT_FALSE(auth.refresh(third->refreshToken, u"device-1"_s).ok());
}

TEST_F(AuthServiceTest, TheWithdrawnPairOfAGraceRetryIsATheftSignal)
{
    server::AuthService auth(*m_store);
    auto first = auth.login(request(), nullptr);
    ASSERT_TRUE(first.ok());
    auto lost = auth.refresh(first->refreshToken, u"device-1"_s);
    ASSERT_TRUE(lost.ok());
    auto retry = auth.refresh(first->refreshToken, u"device-1"_s);
    ASSERT_TRUE(retry.ok());
    expectReuseRevokes(auth, lost->refreshToken, *retry);
}

TEST_F(AuthServiceTest, ARetryWithoutTheLoginsDeviceIdIsReuseAsInSyncMd)
{
    server::AuthService auth(*m_store);
    for (const QString& deviceId : { QString(), u"device-2"_s }) {
        auto first = auth.login(request(), nullptr);
        ASSERT_TRUE(first.ok());
        auto second = auth.refresh(first->refreshToken, u"device-1"_s);
        ASSERT_TRUE(second.ok());
        expectReuseRevokes(auth, first->refreshToken, *second, deviceId);
    }
}

TEST_F(AuthServiceTest, AZeroGraceWindowTurnsTheGraceOff)
{
    server::AuthPolicy policy;
    policy.refreshGraceMs = 0;
    server::AuthService auth(*m_store, policy);
    auto first = auth.login(request(), nullptr);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(auth.refresh(first->refreshToken, u"device-1"_s).ok());
    EXPECT_EQ(
        auth.refresh(first->refreshToken, u"device-1"_s).error().code, u"refresh_token_reused"_s);
}
