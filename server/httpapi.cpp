#include "httpapi.h"
#include "httpapi_p.h"
#include "requestdecoders.h"

#include "serverconfig.h"
#include "sqldialect.h"

#include "core/validation.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>
#include <string_view>
#include <thread>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

Q_LOGGING_CATEGORY(lcHttp, "safeloop.server.http")

namespace safeloop::server {

namespace {

// The engine runs the hooks, the handler and the logger of one answer on one thread.
thread_local std::chrono::steady_clock::time_point t_requestStarted;

/// Access log line: request id, method, path without query (it may carry cursors, never
/// tokens, but paths are all we need), status, duration and client address. Headers are never
/// logged.
void logAccess(const httplib::Request& req, const httplib::Response& res, const QString& remote)
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
        { u"remote"_s, remote },
    };
    const QByteArray json = QJsonDocument(line).toJson(QJsonDocument::Compact);
    std::fprintf(stderr, "%s\n", json.constData());
}

/// Whether a Content-Length value is 1*DIGIT (RFC 9110 §8.6) of a size a qint64 holds.
bool validContentLength(const std::string& value)
{
    if (value.empty() || value.size() > 18)
        return false;
    return std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

namespace detail {

std::string toStd(const QByteArray& bytes)
{
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

/// Reads and throws away whatever body the client still sends, so the connection stays usable
/// after an early refusal. httplib itself stops at the request size limit.
void drain(const httplib::ContentReader& reader)
{
    reader([](const char*, size_t) { return true; });
}

/// The Content-Length header, or -1 if absent or unreadable.
qint64 contentLength(const httplib::Request& req)
{
    if (!req.has_header("Content-Length"))
        return -1;
    const std::string value = req.get_header_value("Content-Length");
    if (!validContentLength(value))
        return -1;
    return QByteArray::fromStdString(value).toLongLong();
}

/// HTTP status for a service error code.
int statusFor(const QString& code)
{
    static const QHash<QString, int> statuses {
        { u"invalid_request"_s, 400 },
        { u"invalid_credentials"_s, 401 },
        { u"unauthenticated"_s, 401 },
        { u"invalid_token"_s, 401 },
        { u"token_expired"_s, 401 },
        { u"refresh_token_reused"_s, 401 },
        { u"account_disabled"_s, 401 },
        { u"rate_limited"_s, 429 },
        { u"invalid_blob_id"_s, 400 },
        { u"blob_too_large"_s, 413 },
        { u"blob_quota_exceeded"_s, 413 },
        { u"upload_offset_mismatch"_s, 409 },
        { u"upload_total_mismatch"_s, 409 },
        { u"hash_mismatch"_s, 422 },
        { u"forbidden"_s, 403 },
        { u"invalid_document_kind"_s, 400 },
        { u"invalid_count"_s, 400 },
        { u"count_out_of_range"_s, 422 },
        { u"invalid_year"_s, 400 },
        { u"invalid_numbers"_s, 400 },
        { u"number_not_reserved"_s, 422 },
        { u"missing_field"_s, 400 },
        { u"invalid_cursor"_s, 400 },
        { u"invalid_limit"_s, 400 },
        { u"too_many_mutations"_s, 413 },
        { u"client_too_old"_s, 426 },
        { u"mutation_gap"_s, 409 },
        { u"invalid_text"_s, 422 },
        { u"field_too_long"_s, 422 },
        { u"invalid_device"_s, 422 },
    };
    return statuses.value(code, 500);
}

void sendServiceError(httplib::Response& res, const core::Error& error)
{
    const int status = statusFor(error.code);
    if (status == 500) {
        // Driver and file-system details stay in the server log, not on the wire.
        std::fprintf(stderr, "%s\n",
            QJsonDocument(QJsonObject { { u"level"_s, u"error"_s }, { u"code"_s, error.code },
                              { u"message"_s, error.message } })
                .toJson(QJsonDocument::Compact)
                .constData());
        sendError(res, 500, u"internal"_s, u"internal server error"_s);
        return;
    }
    sendError(res, status, error.code, error.message);
}

/// A request body decoded by decodeJsonBody() (requestdecoders.h); on refusal writes the
/// response: `json_too_deep` and `malformed_json` 400, bad text 422.
std::optional<QJsonObject> decodeJsonObject(
    QByteArrayView text, httplib::Response& res, const QStringList& checkedLater)
{
    auto body = decodeJsonBody(text, checkedLater);
    if (body)
        return std::move(body).value();
    const core::Error& e = body.error();
    if (e.code == u"json_too_deep"_s)
        sendError(res, 400, e.code, e.message,
            QJsonObject { { u"max_depth"_s, core::validation::MaxJsonDepth } });
    else
        sendError(res, e.code == u"malformed_json"_s ? 400 : 422, e.code, e.message);
    return std::nullopt;
}

/// Reads a JSON object body within the 1 MiB limit and decodes it with decodeJsonObject(). On
/// refusal the response is already written (415, 413, 400 or 422) and the rest of the body has
/// been discarded, never buffered.
std::optional<QJsonObject> readJsonBody(const httplib::Request& req, httplib::Response& res,
    const httplib::ContentReader& reader, std::size_t limit, bool allowEmpty,
    const QStringList& checkedLater)
{
    const std::string type = req.get_header_value("Content-Type");
    const bool hasBody = req.has_header("Content-Length") ? contentLength(req) != 0
                                                          : req.has_header("Transfer-Encoding");
    if (!hasBody && allowEmpty) {
        drain(reader);
        return QJsonObject {};
    }
    const std::string mediaType = type.substr(0, type.find(';'));
    if (QString::fromStdString(mediaType).trimmed().toLower() != u"application/json"_s) {
        drain(reader);
        sendError(res, 415, u"unsupported_media_type"_s,
            u"this endpoint takes Content-Type: application/json"_s);
        return std::nullopt;
    }
    if (contentLength(req) > static_cast<qint64>(limit)) {
        drain(reader);
        sendError(res, 413, u"payload_too_large"_s, u"JSON bodies may hold at most 1 MiB"_s);
        return std::nullopt;
    }
    std::string body;
    bool tooLarge = false;
    reader([&](const char* data, size_t length) {
        if (body.size() + length > limit)
            tooLarge = true; // keep reading, but stop keeping
        else if (!tooLarge)
            body.append(data, length);
        return true;
    });
    if (tooLarge) {
        sendError(res, 413, u"payload_too_large"_s, u"JSON bodies may hold at most 1 MiB"_s);
        return std::nullopt;
    }
    return decodeJsonObject(
        QByteArrayView(body.data(), static_cast<qsizetype>(body.size())), res, checkedLater);
}

/// The credentials of an `Authorization: Bearer …` header; the scheme name is
/// case-insensitive (RFC 7235 §2.1) and may be followed by more than one space.
QString bearerToken(const httplib::Request& req)
{
    const QString header = QString::fromStdString(req.get_header_value("Authorization"));
    const qsizetype space = header.indexOf(u' ');
    if (space < 0 || header.left(space).compare(u"Bearer"_s, Qt::CaseInsensitive) != 0)
        return {};
    return header.mid(space + 1).trimmed();
}

} // namespace detail

using namespace detail;

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

HttpApi::HttpApi(ServerStore store, HttpLimits limits, AuthPolicy policy)
    : m_store(std::move(store))
    , m_limits(limits)
    , m_auth(m_store, policy)
    , m_blobs(m_store.blobDir())
    , m_documents(m_store)
    , m_sync(m_store)
    , m_http(std::make_unique<HttpEngine>(m_limits))
{
    installRoutes();
}

HttpApi::~HttpApi() = default;

namespace {

/// Routes that answer without a bearer token: their bodies are read without asking for one.
bool isPublicRoute(const httplib::Request& req)
{
    return req.path == "/api/v1/auth/login" || req.path == "/api/v1/auth/refresh"
        || req.path == "/api/v1/health";
}

void refuse(Refusal why, httplib::Response& res)
{
    switch (why) {
    case Refusal::BadRequest:
        sendError(
            res, 400, u"bad_request"_s, u"the request is not HTTP/1.1 as this server reads it"_s);
        break;
    case Refusal::InvalidContentLength:
        // A length that is not 1*DIGIT (e.g. -1, which a parser might take for 2^64 - 1)
        // cannot frame a body.
        sendError(res, 400, u"invalid_content_length"_s,
            u"Content-Length must be a whole number of bytes (digits only)"_s);
        break;
    case Refusal::HeadersTooLarge:
        sendError(res, 431, u"headers_too_large"_s,
            u"the request line and headers take more bytes than this server accepts"_s);
        break;
    case Refusal::TooManyHeaders:
        sendError(res, 431, u"too_many_headers"_s,
            u"the request has more header fields than this server accepts"_s);
        break;
    case Refusal::BodyTooLarge:
        sendError(res, 413, u"payload_too_large"_s, u"request body is too large"_s);
        break;
    }
}

} // namespace

void HttpApi::installRoutes()
{
    auto& http = *m_http;

    EngineHooks hooks;
    hooks.decorate = [](const httplib::Request&, httplib::Response& res) {
        t_requestStarted = std::chrono::steady_clock::now();
        res.set_header(
            "X-Request-Id", QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
        // API answers are data for the app, never pages for a browser to guess at or keep.
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Cache-Control", "no-store");
    };
    hooks.preRouting = [](const httplib::Request& req, httplib::Response& res) {
        // Query parameters reach SQL as bound values; PostgreSQL refuses a NUL in text.
        for (const auto& [name, value] : req.params) {
            const QString key = QString::fromStdString(name);
            auto r = core::validation::text(key, u"key"_s, u"a query parameter name"_s);
            if (r)
                r = core::validation::text(QString::fromStdString(value), key, key);
            if (!r) {
                sendError(res, 422, r.error().code, r.error().message);
                return true;
            }
        }
        return false;
    };
    // A body is read only for a caller the server knows: anyone may announce megabytes.
    hooks.beforeBody = [this](const httplib::Request& req, httplib::Response& res) {
        if (isPublicRoute(req))
            return false;
        return !authenticate(req, res).has_value();
    };
    hooks.bodyLimit = [this](const httplib::Request& req) {
        return req.method == "PUT" && req.path.rfind("/api/v1/blobs/", 0) == 0
            ? m_limits.maxRequestBody
            : m_limits.maxJsonBody;
    };
    hooks.refuse = refuse;
    hooks.errorBody = [](const httplib::Request&, httplib::Response& res) {
        // Only fill in bodies the handlers left empty (e.g. unknown routes).
        if (!res.body.empty())
            return;
        switch (res.status) {
        case 404:
            sendError(res, 404, u"not_found"_s, u"no such resource"_s);
            break;
        case 500:
            sendError(res, 500, u"internal"_s, u"internal server error"_s);
            break;
        default:
            sendError(res, res.status, u"http_error"_s, u"request failed"_s);
        }
    };
    hooks.log = [this](const httplib::Request& req, const httplib::Response& res) {
        logAccess(req, res, clientAddress(req));
    };
    http.setHooks(std::move(hooks));

    http.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        sendJson(res, 200,
            QJsonObject {
                { u"status"_s, u"ok"_s }, { u"schema_version"_s, ServerStore::schemaVersion() } });
    });

    installAuthRoutes();
    installBlobRoutes();
    installDocumentRoutes();
    installSyncRoutes();
}

std::optional<Caller> HttpApi::authenticate(const httplib::Request& req, httplib::Response& res)
{
    auto caller = m_auth.authenticate(bearerToken(req));
    if (!caller) {
        if (statusFor(caller.error().code) == 401)
            res.set_header("WWW-Authenticate", "Bearer");
        sendServiceError(res, caller.error());
        return std::nullopt;
    }
    return caller.value();
}

Result<void> HttpApi::setTrustedProxies(const QStringList& entries)
{
    std::vector<std::pair<QHostAddress, int>> parsed;
    for (const QString& raw : entries) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        if (entry.contains(u'/')) {
            const auto subnet = QHostAddress::parseSubnet(entry);
            if (subnet.first.isNull() || subnet.second < 0)
                return makeError(u"invalid_trusted_proxy"_s,
                    u"--trusted-proxy: %1 is not an address or subnet"_s.arg(entry));
            parsed.push_back(subnet);
            continue;
        }
        QHostAddress address;
        if (!address.setAddress(entry))
            return makeError(u"invalid_trusted_proxy"_s,
                u"--trusted-proxy: %1 is not an address or subnet"_s.arg(entry));
        parsed.emplace_back(
            address, address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32);
    }
    m_trustedProxies = std::move(parsed);
    return {};
}

void HttpApi::setClock(Clock clock)
{
    m_documents.setClock(std::move(clock));
}

bool HttpApi::isTrustedProxy(const QHostAddress& address) const
{
    bool ok = false;
    const QHostAddress v4(address.toIPv4Address(&ok)); // ::ffff:a.b.c.d counts as a.b.c.d
    const QHostAddress& plain = ok ? v4 : address;
    for (const auto& subnet : m_trustedProxies) {
        if (plain.isInSubnet(subnet))
            return true;
    }
    return false;
}

QString HttpApi::clientAddress(const httplib::Request& req) const
{
    const QString peer = QString::fromStdString(req.remote_addr);
    if (m_trustedProxies.empty() || !isTrustedProxy(QHostAddress(peer)))
        return peer;
    // Every X-Forwarded-For header, in order, as one list; the right end was written by the
    // nearest proxy. Walk leftwards over trusted proxies: the first other entry is the client.
    QStringList hops;
    const auto range = req.headers.equal_range("X-Forwarded-For");
    for (auto it = range.first; it != range.second; ++it)
        hops += QString::fromStdString(it->second).split(u',');
    QString client = peer;
    for (qsizetype i = hops.size() - 1; i >= 0; --i) {
        const QString hop = hops[i].trimmed();
        QHostAddress address;
        if (!address.setAddress(hop))
            break; // a trusted proxy never writes this: keep the last address we could believe
        client = address.toString();
        if (!isTrustedProxy(address))
            break;
    }
    return client;
}

int HttpApi::bind(const std::string& host, int port)
{
    return m_http->bind(host, port);
}

bool HttpApi::listen()
{
    return m_http->listen();
}

bool HttpApi::isRunning() const
{
    return m_http->isRunning();
}

bool HttpApi::waitUntilRunning(int timeoutMs) const
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!m_http->isRunning()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

void HttpApi::stop()
{
    m_http->stop();
}

std::size_t HttpApi::openConnections() const
{
    return m_http->openConnections();
}

std::size_t HttpApi::largestHeldAnswer() const
{
    return m_http->largestHeldAnswer();
}

Result<HttpLimits> loadHttpLimits(QSqlDatabase& db)
{
    HttpLimits limits;
    const std::pair<const char*, std::function<void(qint64)>> fields[] = {
        { ServerConfig::HttpWorkerThreadsKey,
            [&](qint64 v) { limits.threads = static_cast<std::size_t>(v); } },
        { ServerConfig::HttpIoThreadsKey,
            [&](qint64 v) { limits.ioThreads = static_cast<std::size_t>(v); } },
        { ServerConfig::HttpHeaderTimeoutKey,
            [&](qint64 v) { limits.headerTimeoutMs = static_cast<int>(v); } },
        { ServerConfig::HttpIdleTimeoutKey,
            [&](qint64 v) { limits.idleTimeoutMs = static_cast<int>(v); } },
        { ServerConfig::HttpBodyTimeoutKey,
            [&](qint64 v) { limits.bodyTimeoutMs = static_cast<int>(v); } },
        { ServerConfig::HttpWriteTimeoutKey,
            [&](qint64 v) { limits.writeTimeoutMs = static_cast<int>(v); } },
        { ServerConfig::HttpMaxHeaderCountKey,
            [&](qint64 v) { limits.maxHeaderCount = static_cast<std::size_t>(v); } },
        { ServerConfig::HttpMaxHeaderBytesKey,
            [&](qint64 v) { limits.maxHeaderBytes = static_cast<std::size_t>(v); } },
        { ServerConfig::HttpKeepAliveRequestsKey,
            [&](qint64 v) { limits.keepAliveMaxCount = static_cast<std::size_t>(v); } },
    };
    for (const auto& [key, apply] : fields) {
        auto value = ServerConfig::get(db, QString::fromLatin1(key));
        if (!value)
            return value.error();
        apply(value->toLongLong());
    }
    return limits;
}

} // namespace safeloop::server
