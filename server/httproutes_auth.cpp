// /api/v1/auth/login, refresh, logout and /api/v1/me.

#include "httpapi.h"
#include "httpapi_p.h"

#include <QJsonArray>

#include <httplib.h>

using namespace Qt::StringLiterals;
using safeloop::core::Result;

namespace safeloop::server {

using namespace detail;

namespace {

QJsonObject tokenPairJson(const TokenPair& pair)
{
    QJsonObject user {
        { u"id"_s, pair.user.id },
        { u"name"_s, pair.user.name },
        { u"role"_s, core::toString(pair.user.role) },
    };
    if (pair.user.role == Role::Enterprise)
        user.insert(u"enterprise_id"_s,
            pair.user.enterpriseId.isEmpty() ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(pair.user.enterpriseId));
    return QJsonObject {
        { u"access_token"_s, pair.accessToken },
        { u"refresh_token"_s, pair.refreshToken },
        { u"expires_in"_s, pair.expiresInSeconds },
        { u"token_type"_s, u"Bearer"_s },
        { u"user"_s, user },
    };
}

} // namespace

void HttpApi::installAuthRoutes()
{
    auto& http = *m_http;
    const std::size_t limit = m_limits.maxJsonBody;

    http.Post("/api/v1/auth/login",
        [this, limit](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            const auto body = readJsonBody(req, res, reader, limit);
            if (!body)
                return;
            LoginRequest login {
                (*body)[u"username"_s].toString(),
                (*body)[u"password"_s].toString(),
                (*body)[u"device_id"_s].toString(),
                (*body)[u"device_name"_s].toString(),
                clientAddress(req),
            };
            qint64 retryAfter = 0;
            auto pair = m_auth.login(login, &retryAfter);
            if (!pair) {
                if (pair.error().code == u"rate_limited"_s)
                    res.set_header("Retry-After", std::to_string(retryAfter));
                if (pair.error().code == u"account_disabled"_s) {
                    sendError(res, 403, pair.error().code, pair.error().message);
                    return;
                }
                sendServiceError(res, pair.error());
                return;
            }
            sendJson(res, 200, tokenPairJson(pair.value()));
        });

    http.Post("/api/v1/auth/refresh",
        [this, limit](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            const auto body = readJsonBody(req, res, reader, limit);
            if (!body)
                return;
            // `device_id` (optional, an addition to SYNC.md) opts into the refresh grace window.
            auto pair = m_auth.refresh(
                (*body)[u"refresh_token"_s].toString(), (*body)[u"device_id"_s].toString());
            if (!pair) {
                sendServiceError(res, pair.error());
                return;
            }
            sendJson(res, 200, tokenPairJson(pair.value()));
        });

    http.Post("/api/v1/auth/logout",
        [this, limit](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            auto caller = authenticate(req, res);
            if (!caller) {
                drain(reader);
                return;
            }
            if (!readJsonBody(req, res, reader, limit, true))
                return;
            if (auto r = m_auth.logout(*caller); !r) {
                sendServiceError(res, r.error());
                return;
            }
            res.status = 204;
        });

    http.Get("/api/v1/me", [this](const httplib::Request& req, httplib::Response& res) {
        auto caller = authenticate(req, res);
        if (!caller)
            return;
        QJsonArray streets;
        for (const QString& s : caller->streets)
            streets.append(s);
        QJsonObject body {
            { u"id"_s, caller->userId },
            { u"role"_s, core::toString(caller->role) },
            { u"streets"_s, streets },
        };
        if (caller->role == Role::Enterprise) {
            body.insert(u"enterprise_id"_s,
                caller->enterpriseId.isEmpty() ? QJsonValue(QJsonValue::Null)
                                               : QJsonValue(caller->enterpriseId));
            body.insert(u"enterprise_uscc"_s, caller->enterpriseUscc);
        }
        sendJson(res, 200, body);
    });
}

} // namespace safeloop::server
