#include "httptransport.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>

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

HttpTransport::HttpTransport(QUrl baseUrl)
    : m_baseUrl(std::move(baseUrl))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    // Redirects are never part of the API; following one could leak the Authorization header.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpTransport::~HttpTransport() = default;

HttpResponse HttpTransport::send(const HttpRequest& request)
{
    QUrl url = m_baseUrl;
    const qsizetype query = request.path.indexOf(u'?');
    const QString basePath
        = m_baseUrl.path().endsWith(u'/') ? m_baseUrl.path().chopped(1) : m_baseUrl.path();
    url.setPath(basePath + (query < 0 ? request.path : request.path.left(query)));
    if (query >= 0)
        url.setQuery(request.path.mid(query + 1));

    QNetworkRequest netRequest(url);
    netRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!request.contentType.isEmpty())
        netRequest.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    for (const auto& [name, value] : request.headers)
        netRequest.setRawHeader(name, value);

    // HEAD goes through head(): as a custom verb Qt would wait for the Content-Length bytes a
    // HEAD answer never carries, until the server closes the idle connection.
    QNetworkReply* reply = request.method == "HEAD"
        ? m_network->head(netRequest)
        : m_network->sendCustomRequest(netRequest, request.method, request.body);
    QEventLoop loop;
    // Two clocks: the request's overall deadline, and an idle clock restarted whenever a byte
    // moves, so a blackholed connection (or a connect that never completes) is given up after
    // the idle timeout instead of hanging until the overall deadline.
    QTimer deadline;
    deadline.setSingleShot(true);
    QTimer idle;
    idle.setSingleShot(true);
    enum class GaveUp { No, Deadline, Idle } gaveUp = GaveUp::No;
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        gaveUp = GaveUp::Deadline;
        reply->abort();
    });
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
        gaveUp = GaveUp::Idle;
        reply->abort();
    });
    const std::chrono::milliseconds idleLimit = std::min(m_idleTimeout, request.timeout);
    auto moved = [&idle, idleLimit] { idle.start(idleLimit); };
    QObject::connect(reply, &QNetworkReply::uploadProgress, &loop, moved);
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, moved);
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &loop, moved);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(request.timeout);
    idle.start(idleLimit);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    deadline.stop();
    idle.stop();
    const bool timedOut = gaveUp != GaveUp::No;

    HttpResponse response;
    response.timedOut = timedOut;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // A connection that broke after the status line leaves a valid status with a truncated
    // body: that is a network failure, never an answer (a cut pull page would otherwise read
    // as an empty page, a cut push answer as "nothing acknowledged").
    const QNetworkReply::NetworkError error = reply->error();
    // A HEAD answer is complete with its headers.
    bool broken = error != QNetworkReply::NoError && request.method != "HEAD"
        && (error < QNetworkReply::ContentAccessDenied || error == QNetworkReply::ProtocolFailure);
    if (status.isValid() && !timedOut && !broken) {
        response.status = status.toInt();
        response.body = reply->readAll();
        response.headers = reply->rawHeaderPairs();
        // Qt inflates gzip answers and reports no error when the compressed stream stops
        // early, so completeness is checked here: the declared length of an uncompressed body,
        // and for JSON (every API answer) that the document parses — any cut JSON text fails.
        const QByteArray length = response.header("Content-Length");
        if (request.method != "HEAD" && response.header("Content-Encoding").isEmpty()
            && !length.isEmpty() && length.toLongLong() != response.body.size())
            broken = true;
        if (!broken && request.method != "HEAD" && response.status != 204
            && response.header("Content-Type").contains("json")) {
            QJsonParseError parseError;
            response.json = QJsonDocument::fromJson(response.body, &parseError);
            broken = parseError.error != QJsonParseError::NoError;
        }
        if (broken) {
            response = HttpResponse();
            response.networkError = u"the connection broke while the server was answering"_s;
        }
    } else {
        auto seconds
            = [](std::chrono::milliseconds ms) { return static_cast<double>(ms.count()) / 1000.0; };
        if (gaveUp == GaveUp::Deadline)
            response.networkError
                = u"the server did not answer within %1 s"_s.arg(seconds(request.timeout));
        else if (gaveUp == GaveUp::Idle)
            response.networkError
                = u"the connection to the server went silent for %1 s and was given up"_s.arg(
                    seconds(idleLimit));
        else
            response.networkError = reply->errorString();
    }
    reply->deleteLater();
    return response;
}

} // namespace safeloop::sync
