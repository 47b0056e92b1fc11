#include "auth.h"

#include "secrets.h"
#include "sqldialect.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using safeloop::core::Error;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

Error invalidCredentials()
{
    return makeError(u"invalid_credentials"_s, u"user name or password is wrong"_s);
}

/// Counts one login attempt against `key` before the password is verified, in one statement
/// (an upsert that returns the new count), so that attempts arriving together cannot all read
/// the same old count: of N concurrent attempts exactly those numbered up to `max` in the window
/// go on to verification. Returns the seconds until the scope may try again, or 0 if this attempt
/// may proceed.
Result<qint64> reserveAttempt(
    QSqlDatabase& db, const QString& key, int max, qint64 window, qint64 now)
{
    auto q = run(db,
        u"INSERT INTO login_failures (scope_key, failures, window_start) VALUES (?, 1, ?) "
        "ON CONFLICT (scope_key) DO UPDATE SET "
        "failures = CASE WHEN login_failures.window_start + ? > ? "
        "THEN login_failures.failures + 1 ELSE 1 END, "
        "window_start = CASE WHEN login_failures.window_start + ? > ? "
        "THEN login_failures.window_start ELSE ? END "
        "RETURNING failures, window_start"_s,
        { key, now, window, now, window, now, now });
    if (!q)
        return q.error();
    if (!q.value().next())
        return makeError(u"sql_error"_s, u"the login attempt counter returned no row"_s);
    const int attempts = q.value().value(0).toInt();
    const qint64 start = q.value().value(1).toLongLong();
    q.value().finish();
    if (attempts <= max)
        return qint64 { 0 };
    return std::max<qint64>(1, (start + window - now + 999) / 1000);
}

/// Takes back an attempt reserved by reserveAttempt() that turned out not to be a failure.
Result<void> releaseAttempt(QSqlDatabase& db, const QString& key)
{
    auto q = run(db,
        u"UPDATE login_failures SET failures = failures - 1 WHERE scope_key = ? AND failures > 0"_s,
        { key });
    if (!q)
        return q.error();
    return {};
}

QString accountKey(const QString& username)
{
    return u"user:"_s + username.toLower();
}

} // namespace

AuthService::AuthService(ServerStore store, AuthPolicy policy)
    : m_store(std::move(store))
    , m_policy(policy)
{
}

Result<TokenPair> AuthService::issue(
    QSqlDatabase& db, const QString& deviceLoginId, const UserRecord& user, qint64 now)
{
    TokenPair pair;
    pair.accessToken = secrets::randomToken();
    pair.refreshToken = secrets::randomToken();
    pair.expiresInSeconds = m_policy.accessTtlMs / 1000;
    pair.user = user;
    const QString sql = u"INSERT INTO auth_tokens (token_hash, device_login_id, kind, expires_at) "
                        "VALUES (?, ?, ?, ?)"_s;
    if (auto q = run(db, sql,
            { secrets::sha256Hex(pair.accessToken.toLatin1()), deviceLoginId, u"access"_s,
                now + m_policy.accessTtlMs });
        !q)
        return q.error();
    if (auto q = run(db, sql,
            { secrets::sha256Hex(pair.refreshToken.toLatin1()), deviceLoginId, u"refresh"_s,
                now + m_policy.refreshIdleMs });
        !q)
        return q.error();
    return pair;
}

Result<TokenPair> AuthService::login(const LoginRequest& r, qint64* retryAfterSeconds)
{
    if (r.username.isEmpty() || r.password.isEmpty() || r.deviceId.isEmpty())
        return makeError(u"invalid_request"_s, u"username, password and device_id are required"_s);
    // The name is what the user's list of signed-in devices shows; judged before the password so
    // that a request which could never log in is not counted as an attempt.
    if (r.deviceName.trimmed().isEmpty())
        return makeError(u"missing_field"_s,
            u"device_name is required: the name of the device shown in the list of signed-in "
            "devices"_s);
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    const qint64 now = nowMs();
    const QString userKey = accountKey(r.username);
    const QString addressKey = u"addr:"_s + r.remoteAddress;

    // Every attempt is counted first and verified after (argon2id takes a while: a count read
    // before it and written after let concurrent guesses through); a good password takes its
    // attempt back below. The address first: guesses from a locked-out address do not count
    // against the accounts they name; an attempt refused for its account is taken back from the
    // address.
    QStringList reserved;
    for (const auto& [key, max] : { std::pair { addressKey, m_policy.maxFailuresPerAddress },
             std::pair { userKey, m_policy.maxFailuresPerAccount } }) {
        auto wait = reserveAttempt(db, key, max, m_policy.failureWindowMs, now);
        if (!wait)
            return wait.error();
        if (wait.value() > 0) {
            for (const QString& earlier : std::as_const(reserved))
                if (auto a = releaseAttempt(db, earlier); !a)
                    return a.error();
            if (retryAfterSeconds)
                *retryAfterSeconds = wait.value();
            return makeError(u"rate_limited"_s, u"too many failed logins; try again later"_s);
        }
        reserved << key;
    }

    auto found = UserRepository::findByUsername(db, r.username);
    if (!found)
        return found.error();
    const bool valid
        = found.value() && secrets::verifyPassword(found.value()->passwordHash, r.password);
    if (!found.value())
        secrets::burnVerification(r.password);
    if (!valid)
        return invalidCredentials(); // the attempt stays counted
    if (auto a = releaseAttempt(db, addressKey); !a)
        return a.error();
    const UserRecord& user = *found.value();
    if (user.disabled)
        return makeError(u"account_disabled"_s, u"this account is disabled"_s);

    Transaction tx(db);
    if (!tx.ok())
        return makeError(u"sql_error"_s, db.lastError().text());
    if (auto q = run(db, u"DELETE FROM login_failures WHERE scope_key = ?"_s, { userKey }); !q)
        return q.error();
    // Tokens whose time is long past are of no use, not even for reuse detection.
    if (auto q = run(db, u"DELETE FROM auth_tokens WHERE expires_at < ?"_s, { now }); !q)
        return q.error();
    const QString loginId = newUuidV7();
    if (auto q = run(db,
            u"INSERT INTO device_logins (id, user_id, device_id, device_name, created_at, "
            "last_used_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
            { loginId, user.id, r.deviceId, r.deviceName, now, now });
        !q)
        return q.error();
    auto pair = issue(db, loginId, user, now);
    if (!pair)
        return pair.error();
    if (auto c = tx.commit(); !c)
        return c.error();
    return pair;
}

Result<TokenPair> AuthService::refresh(const QString& refreshToken, const QString& deviceId)
{
    if (refreshToken.isEmpty())
        return makeError(u"invalid_request"_s, u"refresh_token is required"_s);
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    const qint64 now = nowMs();
    const QString hash = secrets::sha256Hex(refreshToken.toLatin1());

    Transaction tx(db);
    if (!tx.ok())
        return makeError(u"sql_error"_s, db.lastError().text());
    auto q = run(db,
        u"SELECT t.kind, t.expires_at, t.spent_at, d.id, d.revoked_at, d.user_id, t.replaced_by, "
        "d.device_id FROM auth_tokens t JOIN device_logins d ON d.id = t.device_login_id "
        "WHERE t.token_hash = ?"_s,
        { hash });
    if (!q)
        return q.error();
    QSqlQuery& row = q.value();
    if (!row.next() || row.value(0).toString() != u"refresh"_s)
        return makeError(u"invalid_token"_s, u"the refresh token is not valid"_s);
    const qint64 expiresAt = row.value(1).toLongLong();
    const bool spent = !row.value(2).isNull();
    const qint64 spentAt = row.value(2).toLongLong();
    const QString loginId = row.value(3).toString();
    const bool revoked = !row.value(4).isNull();
    const QString userId = row.value(5).toString();
    const QString successorHash = row.value(6).toString();
    const QString loginDeviceId = row.value(7).toString();
    row.finish();

    auto revokeLogin = [&](const QString& reason) -> Result<void> {
        if (auto u = run(db,
                u"UPDATE device_logins SET revoked_at = ?, revoked_reason = ? "
                "WHERE id = ? AND revoked_at IS NULL"_s,
                { now, reason, loginId });
            !u)
            return u.error();
        if (auto d
            = run(db, u"DELETE FROM auth_tokens WHERE device_login_id = ? AND kind = 'access'"_s,
                { loginId });
            !d)
            return d.error();
        // Refresh tokens stay, marked spent, so that later replays are recognised as well.
        if (auto s = run(db,
                u"UPDATE auth_tokens SET spent_at = ? WHERE device_login_id = ? AND spent_at IS NULL"_s,
                { now, loginId });
            !s)
            return s.error();
        return tx.commit();
    };
    auto reused = [&]() -> Result<TokenPair> {
        if (auto r = revokeLogin(u"refresh_token_reused"_s); !r)
            return r.error();
        return makeError(u"refresh_token_reused"_s,
            u"this refresh token was already used; the device login is revoked, log in again"_s);
    };

    if (revoked)
        return makeError(u"invalid_token"_s, u"this device login was revoked"_s);

    // A retry inside the grace window: the device names itself, the presented token is the one
    // rotated last (its successor was never used) and the rotation is recent.
    const bool graceRetry = spent && m_policy.refreshGraceMs > 0 && !deviceId.isEmpty()
        && deviceId == loginDeviceId && !successorHash.isEmpty()
        && now - spentAt <= m_policy.refreshGraceMs;
    if (spent && !graceRetry)
        return reused();
    if (!spent && expiresAt <= now)
        return makeError(u"token_expired"_s, u"the refresh token has expired; log in again"_s);

    auto user = UserRepository::findById(db, userId);
    if (!user)
        return user.error();
    if (!user.value() || user.value()->disabled)
        return makeError(u"account_disabled"_s, u"this account is disabled"_s);

    if (graceRetry) {
        // Withdraw the pair the lost answer carried; it must be unused (the immediately
        // previous token). Presenting it later is a replay like any other.
        auto withdraw = run(db,
            u"UPDATE auth_tokens SET spent_at = ? WHERE token_hash = ? AND kind = 'refresh' "
            "AND device_login_id = ? AND spent_at IS NULL"_s,
            { now, successorHash, loginId });
        if (!withdraw)
            return withdraw.error();
        if (withdraw.value().numRowsAffected() != 1)
            return reused(); // an older token, or the new pair was used already
    } else {
        auto spend = run(db,
            u"UPDATE auth_tokens SET spent_at = ? WHERE token_hash = ? AND spent_at IS NULL"_s,
            { now, hash });
        if (!spend)
            return spend.error();
        if (spend.value().numRowsAffected() != 1)
            return reused(); // another request spent it a moment ago: the same theft signal
    }
    if (auto d = run(db, u"DELETE FROM auth_tokens WHERE device_login_id = ? AND kind = 'access'"_s,
            { loginId });
        !d)
        return d.error();
    if (auto u
        = run(db, u"UPDATE device_logins SET last_used_at = ? WHERE id = ?"_s, { now, loginId });
        !u)
        return u.error();
    auto pair = issue(db, loginId, *user.value(), now);
    if (!pair)
        return pair.error();
    // The link to the successor (its hash) lets one retry of this token in the grace window
    // recognise that the successor is still unused. spent_at keeps the first rotation's time.
    if (auto l = run(db, u"UPDATE auth_tokens SET replaced_by = ? WHERE token_hash = ?"_s,
            { secrets::sha256Hex(pair.value().refreshToken.toLatin1()), hash });
        !l)
        return l.error();
    if (auto c = tx.commit(); !c)
        return c.error();
    return pair;
}

Result<void> AuthService::logout(const Caller& caller)
{
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    Transaction tx(db);
    if (!tx.ok())
        return makeError(u"sql_error"_s, db.lastError().text());
    if (auto u = run(db,
            u"UPDATE device_logins SET revoked_at = ?, revoked_reason = 'logout' "
            "WHERE id = ? AND revoked_at IS NULL"_s,
            { nowMs(), caller.deviceLoginId });
        !u)
        return u.error();
    if (auto d
        = run(db, u"DELETE FROM auth_tokens WHERE device_login_id = ?"_s, { caller.deviceLoginId });
        !d)
        return d.error();
    return tx.commit();
}

Result<Caller> AuthService::authenticate(const QString& accessToken) const
{
    if (accessToken.isEmpty())
        return makeError(u"unauthenticated"_s, u"this request needs a bearer access token"_s);
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    auto q = run(db,
        u"SELECT t.kind, t.expires_at, d.id, d.revoked_at, u.id, u.role, u.enterprise_id, "
        "u.enterprise_uscc, u.streets, u.disabled "
        "FROM auth_tokens t JOIN device_logins d ON d.id = t.device_login_id "
        "JOIN users u ON u.id = d.user_id WHERE t.token_hash = ?"_s,
        { secrets::sha256Hex(accessToken.toLatin1()) });
    if (!q)
        return q.error();
    QSqlQuery& row = q.value();
    if (!row.next() || row.value(0).toString() != u"access"_s || !row.value(3).isNull())
        return makeError(u"invalid_token"_s, u"the access token is not valid"_s);
    if (row.value(1).toLongLong() <= nowMs())
        return makeError(u"token_expired"_s, u"the access token has expired; refresh it"_s);
    if (row.value(9).toInt() != 0)
        return makeError(u"account_disabled"_s, u"this account is disabled"_s);
    Caller c;
    c.deviceLoginId = row.value(2).toString();
    c.userId = row.value(4).toString();
    const auto role = core::parseRole(row.value(5).toString());
    c.role = role ? *role : Role::Inspector;
    c.enterpriseId = row.value(6).toString();
    c.enterpriseUscc = row.value(7).toString();
    c.streets = decodeStreets(row.value(8).toString());
    return c;
}

} // namespace safeloop::server
