#include "httptransport.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>

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

    QNetworkReply* reply = m_network->sendCustomRequest(netRequest, request.method, request.body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(request.timeout);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    timer.stop();

    HttpResponse response;
    response.timedOut = timedOut;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid() && !timedOut) {
        response.status = status.toInt();
        response.body = reply->readAll();
        response.headers = reply->rawHeaderPairs();
    } else {
        response.networkError = timedOut ? u"the server did not answer within %1 s"_s.arg(
                                    static_cast<double>(request.timeout.count()) / 1000.0)
                                         : reply->errorString();
    }
    reply->deleteLater();
    return response;
}

} // namespace safeloop::sync
