#include "httptransport.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

QByteArray HttpResponse::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

std::optional<std::chrono::milliseconds> HttpResponse::retryAfter() const
{
    const QByteArray value = header("Retry-After").trimmed();
    bool ok = false;
    const long long seconds = value.toLongLong(&ok);
    if (!ok || seconds < 0)
        return std::nullopt;
    return std::chrono::milliseconds(seconds * 1000);
}

namespace {

std::unique_ptr<QNetworkAccessManager> newNetwork()
{
    auto network = std::make_unique<QNetworkAccessManager>();
    // Redirects are never part of the API; following one could leak the Authorization header.
    network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    return network;
}

/// The refusal code for a failed certificate check; the most fundamental problem wins (a
/// self-signed certificate that has also expired is untrusted first).
QString refusalFor(const QList<QSslError>& errors)
{
    bool expired = false;
    bool wrongHost = false;
    for (const QSslError& error : errors) {
        switch (error.error()) {
        case QSslError::CertificateExpired:
        case QSslError::CertificateNotYetValid:
            expired = true;
            break;
        case QSslError::HostNameMismatch:
            wrongHost = true;
            break;
        default:
            return u"certificate_untrusted"_s;
        }
    }
    if (expired)
        return u"certificate_expired"_s;
    return wrongHost ? u"certificate_wrong_host"_s : u"certificate_untrusted"_s;
}

const char* const RefusalProperty = "safeloopRefusal";

} // namespace

QString insecureUrlError(const QUrl& url)
{
    if (url.scheme() != u"http"_s)
        return {};
    const QString host = url.host();
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0 || QHostAddress(host).isLoopback())
        return {};
    return refusalText(u"insecure_server"_s);
}

QString pinCaCertificates(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"cannot read the CA certificate file %1: %2"_s.arg(path, file.errorString());
    const QList<QSslCertificate> pinned = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (pinned.isEmpty())
        return u"%1 holds no PEM certificate"_s.arg(path);
    setPinnedCaCertificates(pinned);
    return {};
}

void setPinnedCaCertificates(const QList<QSslCertificate>& certificates)
{
    // Setting the list explicitly turns Qt's on-demand loading of the system's CAs off, so the
    // system's list is included by hand.
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslConfiguration::systemCaCertificates() + certificates);
    QSslConfiguration::setDefaultConfiguration(config);
}

QString refusalText(const QString& code)
{
    if (code == u"insecure_server"_s)
        return u"the server address must start with https:// (plain http:// is only allowed "
               u"for a server on this device)"_s;
    if (code == u"certificate_untrusted"_s)
        return u"the server's certificate is not trusted (not issued by a trusted or pinned "
               u"certificate authority)"_s;
    if (code == u"certificate_wrong_host"_s)
        return u"the server's certificate does not match the server address"_s;
    if (code == u"certificate_expired"_s)
        return u"the server's certificate has expired or is not yet valid"_s;
    return {};
}

HttpTransport::HttpTransport(QUrl baseUrl)
    : m_baseUrl(std::move(baseUrl))
    , m_network(newNetwork())
{
}

HttpTransport::~HttpTransport() = default;

QNetworkRequest networkRequest(const QUrl& baseUrl, const HttpRequest& request)
{
    QUrl url = baseUrl;
    const qsizetype query = request.path.indexOf(u'?');
    const QString basePath
        = baseUrl.path().endsWith(u'/') ? baseUrl.path().chopped(1) : baseUrl.path();
    url.setPath(basePath + (query < 0 ? request.path : request.path.left(query)));
    if (query >= 0)
        url.setQuery(request.path.mid(query + 1));

    QNetworkRequest netRequest(url);
    netRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!request.contentType.isEmpty())
        netRequest.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    for (const auto& [name, value] : request.headers)
        netRequest.setRawHeader(name, value);
    return netRequest;
}

QNetworkReply* startRequest(
    QNetworkAccessManager& network, const QUrl& baseUrl, const HttpRequest& request)
{
    const QNetworkRequest netRequest = networkRequest(baseUrl, request);
    // HEAD goes through head(): as a custom verb Qt would wait for the Content-Length bytes a
    // HEAD answer never carries, until the server closes the idle connection.
    QNetworkReply* reply = request.method == "HEAD"
        ? network.head(netRequest)
        : network.sendCustomRequest(netRequest, request.method, request.body);
    // Certificate errors are never ignored; they are remembered so the user is told which one.
    QObject::connect(
        reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError>& errors) {
            reply->setProperty(RefusalProperty, refusalFor(errors));
        });
    return reply;
}

HttpResponse readReply(QNetworkReply* reply, const QByteArray& method, const QString& gaveUp)
{
    return readReply(reply, method, true, gaveUp);
}

HttpResponse readReply(
    QNetworkReply* reply, const QByteArray& method, bool parseJson, const QString& gaveUp)
{
    const bool timedOut = !gaveUp.isEmpty();
    HttpResponse response;
    response.timedOut = timedOut;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // A connection that broke after the status line leaves a valid status with a truncated
    // body: that is a network failure, never an answer (a cut pull page would otherwise read
    // as an empty page, a cut push answer as "nothing acknowledged").
    const QNetworkReply::NetworkError error = reply->error();
    // A HEAD answer is complete with its headers.
    bool broken = error != QNetworkReply::NoError && method != "HEAD"
        && (error < QNetworkReply::ContentAccessDenied || error == QNetworkReply::ProtocolFailure);
    if (status.isValid() && !timedOut && !broken && reply->isFinished()) {
        response.status = status.toInt();
        response.body = reply->readAll();
        response.headers = reply->rawHeaderPairs();
        // Qt inflates gzip answers and reports no error when the compressed stream stops
        // early, so completeness is checked here: the declared length of an uncompressed body,
        // and for JSON (every API answer) that the document parses — any cut JSON text fails.
        const QByteArray length = response.header("Content-Length");
        if (method != "HEAD" && response.header("Content-Encoding").isEmpty() && !length.isEmpty()
            && length.toLongLong() != response.body.size())
            broken = true;
        const bool callerReads = !parseJson && response.status >= 200 && response.status < 300;
        if (!broken && method != "HEAD" && response.status != 204 && !callerReads
            && response.header("Content-Type").contains("json")) {
            QJsonParseError parseError;
            response.json = QJsonDocument::fromJson(response.body, &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                const bool whole
                    = (response.header("Content-Encoding").isEmpty() && !length.isEmpty())
                    || parseError.error == QJsonParseError::DeepNesting;
                if (whole)
                    response.malformedJson
                        = u"%1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset);
                else
                    broken = true;
            }
        }
        if (broken) {
            response = HttpResponse();
            response.networkError = u"the connection broke while the server was answering"_s;
        }
    } else {
        response.networkError = timedOut ? gaveUp : reply->errorString();
        const QString refusal = reply->property(RefusalProperty).toString();
        if (!timedOut && !refusal.isEmpty()) {
            response.refusal = refusal;
            response.networkError = refusalText(refusal);
        }
    }
    return response;
}

PendingHttp::~PendingHttp()
{
    if (m_reply) {
        // Given up unread (the caller failed before it needed the answer).
        m_reply->abort();
        m_reply->deleteLater();
    }
}

HttpResponse HttpTransport::send(const HttpRequest& request)
{
    return finish(start(request));
}

std::unique_ptr<PendingHttp> HttpTransport::start(const HttpRequest& request)
{
    auto pending = std::make_unique<PendingHttp>();
    pending->m_method = request.method;
    pending->m_parseJson = request.parseJson;
    pending->m_timeout = request.timeout;
    pending->m_deadline = QDeadlineTimer(request.timeout);
    pending->m_refusal = insecureUrlError(m_baseUrl).isEmpty() ? QString() : u"insecure_server"_s;
    if (pending->m_refusal.isEmpty() && !(m_cancel && m_cancel->load())) {
        if (std::exchange(m_renewNetwork, false)) {
            // Deleted from this thread's next event loop, with any reply of it still unread.
            m_network.release()->deleteLater();
            m_network = newNetwork();
        }
        pending->m_reply = startRequest(*m_network, m_baseUrl, request);
        pending->m_sent = true;
        // Qt starts a reply from this thread's event loop (a queued call on the reply); deliver
        // that one call now, so the request leaves while the caller works instead of when it
        // next waits. No other event of this thread runs here.
        QCoreApplication::sendPostedEvents(pending->m_reply.data(), QEvent::MetaCall);
    }
    return pending;
}

HttpResponse HttpTransport::finish(std::unique_ptr<PendingHttp> pending)
{
    QNetworkReply* reply = pending->m_reply.data();
    if (!reply || (m_cancel && m_cancel->load())) {
        HttpResponse response;
        if (!pending->m_refusal.isEmpty()) {
            response.refusal = pending->m_refusal;
            response.networkError = refusalText(pending->m_refusal);
        } else if (reply || !pending->m_sent) {
            response.cancelled = true;
            response.networkError = u"sync was stopped on this device"_s;
        } else {
            response.networkError = u"the request was given up after a network failure"_s;
        }
        return response; // pending's destructor gives a started request up
    }
    pending->m_reply.clear(); // read here from now on
    const std::chrono::milliseconds timeout = pending->m_timeout;
    QEventLoop loop;
    // Two clocks: the request's overall deadline, and an idle clock restarted whenever a byte
    // moves, so a blackholed connection (or a connect that never completes) is given up after
    // the idle timeout instead of hanging until the overall deadline.
    QTimer deadline;
    deadline.setSingleShot(true);
    QTimer idle;
    idle.setSingleShot(true);
    enum class GaveUp { No, Deadline, Idle, Cancelled } gaveUp = GaveUp::No;
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        gaveUp = GaveUp::Deadline;
        reply->abort();
    });
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
        gaveUp = GaveUp::Idle;
        reply->abort();
    });
    // The cancel flag is set from another thread: looked at a few times a second.
    QTimer cancelWatch;
    if (m_cancel) {
        QObject::connect(&cancelWatch, &QTimer::timeout, &loop, [&] {
            if (m_cancel->load() && gaveUp == GaveUp::No) {
                gaveUp = GaveUp::Cancelled;
                reply->abort();
            }
        });
        cancelWatch.start(25);
    }
    const std::chrono::milliseconds idleLimit = std::min(m_idleTimeout, timeout);
    auto moved = [&idle, idleLimit] { idle.start(idleLimit); };
    QObject::connect(reply, &QNetworkReply::uploadProgress, &loop, moved);
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, moved);
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &loop, moved);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(std::max(std::chrono::milliseconds(0),
        std::chrono::milliseconds(pending->m_deadline.remainingTime())));
    idle.start(idleLimit);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    deadline.stop();
    idle.stop();
    cancelWatch.stop();
    if (!reply->isFinished() && gaveUp == GaveUp::No) {
        // The thread is quitting (its event loops were told to exit): give the request up.
        gaveUp = GaveUp::Cancelled;
        reply->abort();
    }

    auto seconds
        = [](std::chrono::milliseconds ms) { return static_cast<double>(ms.count()) / 1000.0; };
    QString reason;
    switch (gaveUp) {
    case GaveUp::No:
        break;
    case GaveUp::Deadline:
        reason = u"the server did not answer within %1 s"_s.arg(seconds(timeout));
        break;
    case GaveUp::Idle:
        reason = u"the connection to the server went silent for %1 s and was given up"_s.arg(
            seconds(idleLimit));
        break;
    case GaveUp::Cancelled:
        reason = u"sync was stopped on this device"_s;
        break;
    }
    HttpResponse response = readReply(reply, pending->m_method, pending->m_parseJson, reason);
    response.cancelled = gaveUp == GaveUp::Cancelled;
    if (!response.networkError.isEmpty() && !response.cancelled)
        m_renewNetwork = true;
    reply->deleteLater();
    return response;
}

} // namespace safeloop::sync
