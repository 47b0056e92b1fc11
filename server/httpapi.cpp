#include "httpapi.h"

#include <httplib.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUuid>

#include <atomic>
#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "safeloop.server.http")

namespace safeloop::server {

namespace {

// httplib runs routing, the handler and the logger for one request on one worker thread.
thread_local std::chrono::steady_clock::time_point t_requestStarted;

std::string toStd(const QByteArray& bytes)
{
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

/// Access log line: request id, method, path without query (it may carry cursors, never
/// tokens, but paths are all we need), status and duration. Headers are never logged.
void logAccess(const httplib::Request& req, const httplib::Response& res)
{
    const double durationMs = std::chrono::duration<double, std::milli>(
        std::chrono::steady_clock::now() - t_requestStarted)
                                  .count();
    QJsonObject line {
        { u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
        { u"request_id"_s, QString::fromStdString(res.get_header_value("X-Request-Id")) },
        { u"method"_s, QString::fromStdString(req.method) },
        { u"path"_s, QString::fromStdString(req.path) },
        { u"status"_s, res.status },
        { u"duration_ms"_s, durationMs },
        { u"remote"_s, QString::fromStdString(req.remote_addr) },
    };
    const QByteArray json = QJsonDocument(line).toJson(QJsonDocument::Compact);
    std::fprintf(stderr, "%s\n", json.constData());
}

} // namespace

void sendJson(httplib::Response& res, int status, const QJsonObject& body)
{
    res.status = status;
    res.set_content(toStd(QJsonDocument(body).toJson(QJsonDocument::Compact)), "application/json");
}

void sendError(httplib::Response& res, int status, const QString& code, const QString& message,
    const QJsonObject& extra)
{
    QJsonObject error = extra;
    error.insert(u"code"_s, code);
    error.insert(u"message"_s, message);
    sendJson(res, status, QJsonObject { { u"error"_s, error } });
}

HttpApi::HttpApi(ServerStore store, HttpLimits limits)
    : m_store(std::move(store))
    , m_limits(limits)
    , m_http(std::make_unique<httplib::Server>())
{
    const std::size_t threads = m_limits.threads;
    m_http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    m_http->set_payload_max_length(m_limits.maxJsonBody);
    m_http->set_read_timeout(m_limits.readTimeoutSeconds, 0);
    m_http->set_write_timeout(m_limits.writeTimeoutSeconds, 0);
    m_http->set_keep_alive_max_count(m_limits.keepAliveMaxCount);
    installRoutes();
}

HttpApi::~HttpApi() = default;

void HttpApi::installRoutes()
{
    auto& http = *m_http;

    http.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
        t_requestStarted = std::chrono::steady_clock::now();
        res.set_header(
            "X-Request-Id", QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_logger(logAccess);

    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        // Only fill in bodies the handlers left empty (e.g. unknown routes, 413 from the parser).
        if (!res.body.empty())
            return;
        switch (res.status) {
        case 404:
            sendError(res, 404, u"not_found"_s, u"no such resource"_s);
            break;
        case 413:
            sendError(res, 413, u"payload_too_large"_s, u"request body exceeds 1 MiB"_s);
            break;
        default:
            sendError(res, res.status, u"http_error"_s, u"request failed"_s);
        }
    });

    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            sendError(res, 500, u"internal"_s, u"internal server error"_s);
        });

    http.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        sendJson(res, 200,
            QJsonObject {
                { u"status"_s, u"ok"_s }, { u"schema_version"_s, ServerStore::schemaVersion() } });
    });
}

int HttpApi::bind(const std::string& host, int port)
{
    if (port == 0)
        return m_http->bind_to_any_port(host);
    return m_http->bind_to_port(host, port) ? port : -1;
}

bool HttpApi::listen()
{
    return m_http->listen_after_bind();
}

void HttpApi::stop()
{
    m_http->stop();
}

} // namespace safeloop::server
