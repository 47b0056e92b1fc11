#include "apiclient.h"

#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcApi, "safeloop.sync.api")

namespace safeloop::sync {

namespace {

QJsonObject parseObject(const QByteArray& bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

/// The answer's JSON object: parsed once by the transport (a JSON answer) or here.
QJsonObject bodyObject(const HttpResponse& response)
{
    return response.json.isNull() ? parseObject(response.body) : response.json.object();
}

/// `parse`: false when the caller reads the body itself (the reply's `body` stays empty).
ApiReply toReply(const HttpResponse& response, bool parse = true)
{
    return ApiReply { response.status, parse ? bodyObject(response) : QJsonObject(), response.body,
        response.headers };
}

HttpRequest jsonRequest(const QByteArray& method, const QString& path, const QJsonObject& body,
    std::chrono::milliseconds timeout)
{
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.timeout = timeout;
    if (!body.isEmpty()) {
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.contentType = "application/json";
    }
    return request;
}

} // namespace

QByteArray ApiReply::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiClient::ApiClient(QUrl baseUrl, QString deviceId, QString deviceName)
    : m_transport(std::move(baseUrl))
    , m_deviceId(std::move(deviceId))
    , m_deviceName(std::move(deviceName))
{
}

ApiFailure ApiClient::classify(const HttpResponse& response)
{
    ApiFailure failure;
    failure.status = response.status;
    if (response.status == 0) {
        failure.kind = ApiFailure::Kind::Network;
        failure.code = response.refusal; // the device refused the server (plain http, certificate)
        failure.message = response.networkError;
        return failure;
    }
    const QJsonObject error = bodyObject(response)[u"error"_s].toObject();
    failure.code = error[u"code"_s].toString();
    failure.message = error[u"message"_s].toString();
    failure.retryAfter = response.retryAfter();
    switch (response.status) {
    case 401:
        failure.kind = ApiFailure::Kind::NeedsLogin;
        break;
    case 426:
        failure.kind = ApiFailure::Kind::ClientTooOld;
        break;
    case 429:
    case 503:
        failure.kind = ApiFailure::Kind::Busy;
        break;
    case 409:
        if (failure.code == u"mutation_gap"_s) {
            failure.kind = ApiFailure::Kind::MutationGap;
            failure.expected = error[u"expected"_s].toInteger();
            break;
        }
        failure.kind = ApiFailure::Kind::Refused;
        break;
    default:
        // 502/504 from a proxy in front of the server mean "not reachable right now".
        failure.kind = (response.status == 502 || response.status == 504)
            ? ApiFailure::Kind::Network
            : ApiFailure::Kind::Refused;
    }
    if (failure.message.isEmpty())
        failure.message = u"the server answered %1"_s.arg(response.status);
    return failure;
}

void ApiClient::adopt(const QJsonObject& body)
{
    Session next;
    next.accessToken = body[u"access_token"_s].toString();
    next.refreshToken = body[u"refresh_token"_s].toString();
    next.accessExpiresAt
        = QDateTime::currentDateTimeUtc().addSecs(body[u"expires_in"_s].toInteger(900));
    const QJsonObject user = body[u"user"_s].toObject();
    next.user = user.isEmpty()
        ? m_session.user
        : SessionUser { user[u"id"_s].toString(), user[u"name"_s].toString(),
              user[u"role"_s].toString(), user[u"enterprise_id"_s].toString() };
    m_session = next;
    if (m_sink)
        m_sink(m_session);
}

core::Result<Session> ApiClient::login(const QString& username, const QString& password)
{
    const QJsonObject body { { u"username"_s, username }, { u"password"_s, password },
        { u"device_id"_s, m_deviceId }, { u"device_name"_s, m_deviceName } };
    const HttpResponse response = m_transport.send(
        jsonRequest("POST", u"/api/v1/auth/login"_s, body, std::chrono::seconds(30)));
    if (response.status != 200) {
        const ApiFailure failure = classify(response);
        const QString code = !failure.code.isEmpty()    ? failure.code
            : failure.kind == ApiFailure::Kind::Network ? u"offline"_s
                                                        : u"login_failed"_s;
        return core::makeError(code, failure.message);
    }
    const QJsonObject parsed = bodyObject(response);
    if (parsed[u"access_token"_s].toString().isEmpty()
        || parsed[u"refresh_token"_s].toString().isEmpty())
        return core::makeError(u"bad_response"_s, u"the server's login answer carries no tokens"_s);
    adopt(parsed);
    return m_session;
}

void ApiClient::logout()
{
    if (!m_session.accessToken.isEmpty()) {
        HttpRequest request
            = jsonRequest("POST", u"/api/v1/auth/logout"_s, {}, std::chrono::seconds(10));
        request.headers.append({ "Authorization", "Bearer " + m_session.accessToken.toUtf8() });
        m_transport.send(request);
    }
    m_session = {};
    if (m_sink)
        m_sink(m_session);
}

std::optional<ApiFailure> ApiClient::refresh()
{
    if (m_session.refreshToken.isEmpty()) {
        ApiFailure failure;
        failure.kind = ApiFailure::Kind::NeedsLogin;
        failure.code = u"not_logged_in"_s;
        failure.message = u"no device login"_s;
        return failure;
    }
    const HttpResponse response = m_transport.send(jsonRequest("POST", u"/api/v1/auth/refresh"_s,
        // device_id opts into the server's grace window: a retry after a lost answer is not
        // mistaken for a stolen token (docs/api.md).
        { { u"refresh_token"_s, m_session.refreshToken }, { u"device_id"_s, m_deviceId } },
        std::chrono::seconds(30)));
    if (response.status == 200) {
        const QJsonObject parsed = bodyObject(response);
        if (parsed[u"access_token"_s].toString().isEmpty()
            || parsed[u"refresh_token"_s].toString().isEmpty()) {
            // Never replace a stored login with an empty one.
            ApiFailure failure;
            failure.kind = ApiFailure::Kind::Network;
            failure.status = 200;
            failure.code = u"bad_response"_s;
            failure.message = u"the server's refresh answer carries no tokens"_s;
            return failure;
        }
        adopt(parsed);
        return std::nullopt;
    }
    ApiFailure failure = classify(response);
    // Any refusal of the refresh token (spent, expired, revoked, user disabled) ends the login.
    if (failure.kind == ApiFailure::Kind::Refused && response.status >= 400
        && response.status < 500)
        failure.kind = ApiFailure::Kind::NeedsLogin;
    return failure;
}

HttpRequest ApiClient::authorised(HttpRequest request) const
{
    request.headers.append({ "Authorization", "Bearer " + m_session.accessToken.toUtf8() });
    return request;
}

ApiClient::Pending ApiClient::start(HttpRequest request)
{
    Pending pending;
    pending.m_request = std::move(request);
    const bool expired = !m_session.accessExpiresAt.isValid()
        || m_session.accessExpiresAt <= QDateTime::currentDateTimeUtc().addSecs(30);
    if (m_session.accessToken.isEmpty() || expired) {
        if (auto failure = refresh()) {
            pending.m_failure = failure;
            return pending;
        }
    }
    pending.m_reply = m_transport.start(authorised(pending.m_request));
    return pending;
}

ApiClient::Pending ApiClient::start(const QByteArray& method, const QString& path,
    const QJsonObject& body, std::chrono::milliseconds timeout)
{
    return start(jsonRequest(method, path, body, timeout));
}

std::variant<ApiReply, ApiFailure> ApiClient::finish(Pending pending)
{
    if (pending.m_failure)
        return *pending.m_failure;
    HttpResponse response = m_transport.finish(std::move(pending.m_reply));
    if (response.status == 401) {
        // The access token may have been revoked or expired early: refresh once, then retry.
        if (auto failure = refresh())
            return *failure;
        response = m_transport.send(authorised(pending.m_request));
    }
    if (response.status >= 200 && response.status < 400 && !response.malformedJson.isEmpty()) {
        // Complete and unreadable: retrying cannot help (the caller decides what to give up).
        ApiFailure failure;
        failure.kind = ApiFailure::Kind::Refused;
        failure.status = response.status;
        failure.code = u"malformed_response"_s;
        failure.message = u"the server's answer is JSON this app cannot read (%1)"_s.arg(
            response.malformedJson);
        return failure;
    }
    if (response.status >= 200 && response.status < 400)
        return toReply(response, pending.m_request.parseJson || response.status >= 300);
    return classify(response);
}

std::variant<ApiReply, ApiFailure> ApiClient::callRaw(HttpRequest request)
{
    return finish(start(std::move(request)));
}

std::variant<ApiReply, ApiFailure> ApiClient::call(const QByteArray& method, const QString& path,
    const QJsonObject& body, std::chrono::milliseconds timeout)
{
    return finish(start(method, path, body, timeout));
}

} // namespace safeloop::sync
