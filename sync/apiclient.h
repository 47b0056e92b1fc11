#pragma once

#include "httptransport.h"

#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace safeloop::sync {

/// The signed-in account as the server describes it at login.
struct SessionUser {
    QString id;
    QString name;
    QString role; ///< inspector | enterprise | supervisor | admin
    QString enterpriseId; ///< only for role "enterprise"
};

/// Tokens of one device login. The refresh token rotates on every refresh.
struct Session {
    QString accessToken;
    QString refreshToken;
    QDateTime accessExpiresAt; ///< UTC
    SessionUser user;

    bool isValid() const { return !refreshToken.isEmpty(); }
};

/// How a call to the server ended, in the categories the sync engine acts on.
struct ApiFailure {
    enum class Kind {
        Network, ///< no answer: offline, cut, refused, timed out — try again later
        NeedsLogin, ///< the device login is gone (refresh refused): ask the user, keep all data
        ClientTooOld, ///< 426: the app must be updated before it may sync
        Busy, ///< 429 or 503: wait at least retryAfter
        MutationGap, ///< 409 mutation_gap: the server expects `expected` next
        Refused, ///< any other 4xx/5xx with the server's code and message
    };
    Kind kind = Kind::Network;
    int status = 0;
    QString code;
    QString message;
    std::optional<std::chrono::milliseconds> retryAfter;
    qint64 expected = 0;
};

/// Result of one API call: the decoded JSON body (empty for bodiless answers) and the status.
struct ApiReply {
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray& name) const;
};

/// Talks to `/api/v1` for one device: attaches the access token, refreshes it once when the
/// server answers 401, and hands every rotated session to `onSessionChanged` *before* using it,
/// so that a crash cannot leave the device holding a spent refresh token.
class ApiClient {
public:
    using SessionSink = std::function<void(const Session&)>;

    ApiClient(QUrl baseUrl, QString deviceId, QString deviceName);

    void setSession(Session session) { m_session = std::move(session); }
    const Session& session() const { return m_session; }
    /// Called with every new session (login, refresh) and with an empty one after logout.
    void setSessionSink(SessionSink sink) { m_sink = std::move(sink); }

    core::Result<Session> login(const QString& username, const QString& password);
    /// Revokes this device login on the server (best effort) and forgets the tokens locally.
    void logout();

    /// An authenticated JSON request; `body` is sent as JSON when not empty.
    std::variant<ApiReply, ApiFailure> call(const QByteArray& method, const QString& path,
        const QJsonObject& body = {}, std::chrono::milliseconds timeout = std::chrono::seconds(60));
    /// An authenticated raw request (blob chunks).
    std::variant<ApiReply, ApiFailure> callRaw(HttpRequest request);

    /// An authenticated request sent now and read later with finish(), so the caller can work
    /// while the server answers. callRaw() is start() then finish().
    class Pending {
    private:
        friend class ApiClient;
        HttpRequest m_request;
        std::unique_ptr<PendingHttp> m_reply;
        std::optional<ApiFailure> m_failure; ///< the token refresh before sending failed
    };
    Pending start(HttpRequest request);
    /// start() of a JSON request, as call() sends it.
    Pending start(const QByteArray& method, const QString& path, const QJsonObject& body = {},
        std::chrono::milliseconds timeout = std::chrono::seconds(60));
    /// The answer to a started request: a 401 refreshes the token once and sends it again.
    std::variant<ApiReply, ApiFailure> finish(Pending pending);

    HttpTransport& transport() { return m_transport; }

private:
    std::optional<ApiFailure> refresh();
    HttpRequest authorised(HttpRequest request) const;
    void adopt(const QJsonObject& body);
    static ApiFailure classify(const HttpResponse& response);

    HttpTransport m_transport;
    QString m_deviceId;
    QString m_deviceName;
    Session m_session;
    SessionSink m_sink;
};

} // namespace safeloop::sync
