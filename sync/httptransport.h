#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QSslCertificate;
class QNetworkRequest;

namespace safeloop::sync {

/// One HTTP exchange as the sync engine sees it.
struct HttpRequest {
    QByteArray method = "GET";
    QString path; ///< below the base URL, e.g. "/api/v1/sync/pull?cursor=…"
    QByteArray body;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    std::chrono::milliseconds timeout { 30000 };
    /// False when the caller reads a successful JSON answer itself, as a stream (a pull page):
    /// the transport then leaves `json` null and checks only the declared length; a text the
    /// caller cannot read is cut unless the answer was whole by its length (see readPullPage).
    bool parseJson = true;

    /// A GET of `path` with the given timeout.
    static HttpRequest get(
        const QString& path, std::chrono::milliseconds timeout = std::chrono::milliseconds(30000))
    {
        HttpRequest r;
        r.path = path;
        r.timeout = timeout;
        return r;
    }
};

struct HttpResponse {
    /// HTTP status, or 0 when no response arrived (network error, timeout).
    int status = 0;
    QByteArray body;
    /// The parsed body of a JSON answer (checked complete by the transport); null otherwise.
    QJsonDocument json;
    QList<QPair<QByteArray, QByteArray>> headers;
    /// Plain-language description when status is 0.
    QString networkError;
    bool timedOut = false; ///< the overall or the idle timeout gave the request up
    bool cancelled = false; ///< the owner cancelled it (HttpTransport::setCancelFlag)
    /// Set when a JSON answer arrived whole (its declared length, or nested past what the
    /// parser reads, which no cut produces) and still does not parse: asking again gets the same
    /// bytes. The parser's complaint; `json` stays null.
    QString malformedJson;
    /// Why the request never reached the server when this device refused the connection
    /// itself (status 0): "insecure_server" (plain http:// to a host other than this device),
    /// "certificate_untrusted", "certificate_wrong_host" or "certificate_expired". Empty
    /// otherwise.
    QString refusal;

    QByteArray header(const QByteArray& name) const;
    /// Retry-After in seconds (the only form the SafeLoop server sends), if present.
    std::optional<std::chrono::milliseconds> retryAfter() const;
};

/// The plain-words reason `url` must not carry a login or records (plain http:// to a host other
/// than this device: tokens and passwords would cross the network readable), or empty.
QString insecureUrlError(const QUrl& url);
/// Trusts the CA certificates in the PEM file `path` (the operator's pinned CA) for every HTTPS
/// request of this process, besides the system's. Returns a plain-words error, or empty.
QString pinCaCertificates(const QString& path);
/// Makes `certificates` the pinned CAs of this process (replacing any pinned before): every
/// HTTPS request trusts them besides the system's CAs. An empty list trusts the system's only.
void setPinnedCaCertificates(const QList<QSslCertificate>& certificates);
/// The plain words for a refusal code of HttpResponse::refusal.
QString refusalText(const QString& code);

/// The QNetworkRequest for `request` below `baseUrl` (HTTP/1.1, the request's headers).
QNetworkRequest networkRequest(const QUrl& baseUrl, const HttpRequest& request);
/// Starts `request` on `network` without waiting (HEAD through head(), see send()).
QNetworkReply* startRequest(
    QNetworkAccessManager& network, const QUrl& baseUrl, const HttpRequest& request);
/// Reads a finished (or aborted) reply with send()'s completeness checks: a cut body, a JSON
/// answer that does not parse or an error after the status line is a network failure.
/// `gaveUp` (non-empty) is the plain-words reason when the caller aborted it.
HttpResponse readReply(QNetworkReply* reply, const QByteArray& method, const QString& gaveUp = {});
/// readReply() of a request whose successful JSON answer the caller reads itself when
/// `parseJson` is false (HttpRequest::parseJson).
HttpResponse readReply(
    QNetworkReply* reply, const QByteArray& method, bool parseJson, const QString& gaveUp);

/// A request on its way, from HttpTransport::start() until HttpTransport::finish() reads it. Qt
/// moves its bytes on its own network thread meanwhile, so the caller can do other work (apply
/// one pull page while the server builds the next). Dropping it unread gives the request up.
class PendingHttp {
public:
    PendingHttp() = default;
    ~PendingHttp();
    PendingHttp(const PendingHttp&) = delete;
    PendingHttp& operator=(const PendingHttp&) = delete;

private:
    friend class HttpTransport;
    QPointer<QNetworkReply> m_reply; ///< null when the request was refused before it started
    bool m_sent = false; ///< started on the network (its reply may since have been dropped)
    QString m_refusal; ///< why it was refused before it started (insecureUrlError)
    QByteArray m_method;
    bool m_parseJson = true;
    std::chrono::milliseconds m_timeout { 30000 };
    QDeadlineTimer m_deadline;
};

/// Blocking HTTP on the calling thread (the sync worker), built on QNetworkAccessManager with a
/// local event loop and a per-request timeout. Must be created and used on one thread.
class HttpTransport {
public:
    explicit HttpTransport(QUrl baseUrl);
    ~HttpTransport();
    HttpTransport(const HttpTransport&) = delete;
    HttpTransport& operator=(const HttpTransport&) = delete;

    const QUrl& baseUrl() const { return m_baseUrl; }
    /// start() then finish(): the request and its answer, waiting for it.
    HttpResponse send(const HttpRequest& request);
    /// Sends `request` without waiting for the answer. Its overall `timeout` counts from now.
    /// After a request failed at the network level (cut, reset, silent, unreachable) the next
    /// one starts on new connections: kept-alive ones may be dead after a change of network,
    /// and Qt's state for a broken exchange is not carried into the next cycle.
    std::unique_ptr<PendingHttp> start(const HttpRequest& request);
    /// Waits for a started request's answer, with send()'s timeouts, cancellation and
    /// completeness checks (the idle clock starts here: bytes that arrived while the caller
    /// was busy count as movement).
    HttpResponse finish(std::unique_ptr<PendingHttp> pending);

    /// Gives a request up when no byte moved in either direction for this long (connecting
    /// included), whatever its overall `timeout`: a dead or swallowing network fails fast while
    /// a slow but moving upload keeps going. Default 30 s.
    void setIdleTimeout(std::chrono::milliseconds idle) { m_idleTimeout = idle; }
    std::chrono::milliseconds idleTimeout() const { return m_idleTimeout; }

    /// Another thread may set `flag` to give up the running request at once (within ~25 ms)
    /// and fail every later one without network: sync stops at logout without waiting for a
    /// timeout. A cancelled request answers status 0 with `cancelled` set.
    void setCancelFlag(std::shared_ptr<std::atomic<bool>> flag) { m_cancel = std::move(flag); }

private:
    QUrl m_baseUrl;
    std::chrono::milliseconds m_idleTimeout { 30000 };
    /// Replaced after a request failed at the network level (see start()).
    std::unique_ptr<QNetworkAccessManager> m_network;
    bool m_renewNetwork = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace safeloop::sync
