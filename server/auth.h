#pragma once

#include "core/result.h"
#include "serverstore.h"
#include "users.h"

#include <QString>
#include <QStringList>

namespace safeloop::server {

/// Who is calling, derived from the access token only (never from request parameters).
/// Push/pull and every scoped endpoint take this.
struct Caller {
    QString userId;
    Role role = Role::Inspector;
    QString enterpriseId; ///< enterprise users only; empty until enterprises exist on the server
    QString enterpriseUscc; ///< enterprise users only: the credit code given at `user add`
    QStringList streets; ///< inspectors: empty means the whole district
    QString deviceLoginId; ///< the device login the token belongs to
};

/// Token lifetimes and login throttling.
struct AuthPolicy {
    qint64 accessTtlMs = 15LL * 60 * 1000; ///< SYNC.md: 15 minutes
    qint64 refreshIdleMs = 30LL * 24 * 60 * 60 * 1000; ///< SYNC.md: 30 days idle
    int maxFailuresPerAccount = 5; ///< failed logins per user name per window
    int maxFailuresPerAddress = 20; ///< failed logins per client address per window
    qint64 failureWindowMs = 15LL * 60 * 1000;
    /// Refresh grace window: the immediately previous refresh token of a device login, presented
    /// again with that login's `device_id` within this long after its rotation, is answered with
    /// a fresh pair instead of revoking the login (the answer was lost on its way to the device).
    /// 0 disables the grace.
    qint64 refreshGraceMs = 60LL * 1000;
};

/// What login and refresh hand out.
struct TokenPair {
    QString accessToken;
    QString refreshToken;
    qint64 expiresInSeconds = 0;
    UserRecord user;
};

struct LoginRequest {
    QString username;
    QString password;
    QString deviceId;
    QString deviceName;
    QString remoteAddress;
};

/// Login, refresh rotation, logout and token checks. Tokens are 256-bit random strings; only
/// their SHA-256 is stored. Error codes: `invalid_credentials`, `rate_limited`,
/// `account_disabled`, `invalid_token`, `token_expired`, `refresh_token_reused`.
class AuthService {
public:
    explicit AuthService(ServerStore store, AuthPolicy policy = {});

    /// `retryAfterSeconds` is set when the answer is `rate_limited`.
    core::Result<TokenPair> login(const LoginRequest& request, qint64* retryAfterSeconds);
    /// Spends `refreshToken` and issues a new pair for the same device login. A spent token
    /// presented again revokes the whole device login — except a retry inside the grace window:
    /// `deviceId` names the device login's device, the token is the one rotated last, not more
    /// than `refreshGraceMs` ago, and the pair that rotation issued was never used. Then the
    /// unused pair is withdrawn and a fresh one issued (only hashes are stored, so the lost pair
    /// cannot be sent again); the window still counts from the first rotation.
    core::Result<TokenPair> refresh(const QString& refreshToken, const QString& deviceId = {});
    /// Revokes the caller's device login and every token of it.
    core::Result<void> logout(const Caller& caller);
    /// The caller behind a bearer access token; fails for unknown, expired or revoked tokens and
    /// for disabled users.
    core::Result<Caller> authenticate(const QString& accessToken) const;

    const AuthPolicy& policy() const { return m_policy; }

private:
    core::Result<TokenPair> issue(
        QSqlDatabase& db, const QString& deviceLoginId, const UserRecord& user, qint64 now);

    ServerStore m_store;
    AuthPolicy m_policy;
};

} // namespace safeloop::server
