#include "httpapi.h"
#include "blobledger.h"
#include "serverconfig.h"

#include "sqldialect.h"

#include "core/validation.h"

#include <brotli/encode.h>
#include <httplib.h>

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
#include <optional>
#include <string_view>
#include <thread>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

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

/// Reads and throws away whatever body the client still sends, so the connection stays usable
/// after an early refusal. httplib itself stops at the request size limit.
void drain(const httplib::ContentReader& reader)
{
    reader([](const char*, size_t) { return true; });
}

/// Whether a Content-Length value is 1*DIGIT (RFC 9110 §8.6) of a size a qint64 holds.
bool validContentLength(const std::string& value)
{
    if (value.empty() || value.size() > 18)
        return false;
    return std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
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

/// Deepest nesting of objects and arrays in JSON text (the outermost value is level 1), counted
/// by a byte scan outside strings before the text is parsed: QJsonDocument accepts up to 1024
/// levels, which a device's Qt then cannot read back inside a pull page. Stops counting once
/// past `stopAbove`.
int jsonDepth(QByteArrayView text, int stopAbove)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > stopAbove)
                return deepest;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
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

/// The one JSON decoder of request bodies: at most `MaxJsonDepth` levels (`json_too_deep`, 400),
/// valid JSON (`malformed_json`, 400), an object (400), and every string in it, member names
/// included, free of control characters and within its field's length (`invalid_text` and
/// `field_too_long`, 422, the message naming the field path). Members listed in `checkedLater`
/// are left to the service, which judges them one by one (a push's mutations: one bad mutation is
/// that mutation's rejection, not the batch's). On refusal the response is written.
std::optional<QJsonObject> decodeJsonObject(
    QByteArrayView text, httplib::Response& res, const QStringList& checkedLater = {})
{
    const int depth = jsonDepth(text, core::validation::MaxJsonDepth);
    if (depth > core::validation::MaxJsonDepth) {
        sendError(res, 400, u"json_too_deep"_s,
            u"the body nests objects and arrays more than %1 levels deep"_s.arg(
                core::validation::MaxJsonDepth),
            QJsonObject { { u"max_depth"_s, core::validation::MaxJsonDepth } });
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc
        = QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        sendError(res, 400, u"malformed_json"_s,
            parseError.error != QJsonParseError::NoError
                ? u"the body is not valid JSON: %1 at offset %2"_s.arg(parseError.errorString())
                      .arg(parseError.offset)
                : u"the body must be a JSON object"_s);
        return std::nullopt;
    }
    const QJsonObject body = doc.object();
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        auto checked = core::validation::text(it.key(), u"key"_s, u"a member name in the body"_s);
        if (checked && !checkedLater.contains(it.key()))
            checked = core::validation::texts(it.value(), it.key(), it.key());
        if (!checked) {
            sendError(res, 422, checked.error().code, checked.error().message);
            return std::nullopt;
        }
    }
    return body;
}

/// Reads a JSON object body within the 1 MiB limit and decodes it with decodeJsonObject(). On
/// refusal the response is already written (415, 413, 400 or 422) and the rest of the body has
/// been discarded, never buffered.
std::optional<QJsonObject> readJsonBody(const httplib::Request& req, httplib::Response& res,
    const httplib::ContentReader& reader, std::size_t limit, bool allowEmpty = false,
    const QStringList& checkedLater = {})
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

/// Parses `bytes a-b/total`.
bool parseContentRange(const std::string& header, qint64& first, qint64& last, qint64& total)
{
    static const QRegularExpression pattern(u"^bytes (\\d{1,15})-(\\d{1,15})/(\\d{1,15})$"_s);
    const auto m = pattern.match(QString::fromStdString(header).trimmed());
    if (!m.hasMatch())
        return false;
    first = m.captured(1).toLongLong();
    last = m.captured(2).toLongLong();
    total = m.captured(3).toLongLong();
    return first <= last && last < total;
}

/// A JSON number that is a whole number (JSON has only doubles), or nothing.
std::optional<qint64> wholeNumber(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9007199254740991.0)
        return std::nullopt;
    return static_cast<qint64>(d);
}

QJsonArray numberArray(const QList<qint64>& numbers)
{
    QJsonArray a;
    for (const qint64 n : numbers)
        a.append(n);
    return a;
}

} // namespace

void sendJson(httplib::Response& res, int status, const QJsonObject& body)
{
    res.status = status;
    res.set_content(toStd(QJsonDocument(body).toJson(QJsonDocument::Compact)), "application/json");
}

/// A pull page: compressed here with Brotli at a fast quality when the client accepts it
/// (httplib's own Brotli runs at the slowest, densest quality 11, which made a 5,000-record page
/// take seconds of server CPU). The charset parameter keeps httplib from compressing it again;
/// small pages (the no-op cycle) go out as they are. Clients without Brotli get httplib's gzip.
/// Big pages (a first sync's) use quality 3: on a 2.2 MB page of 5,000 enterprises it took
/// 5 ms instead of quality 5's 33 ms for 89 KB instead of 61 KB (docs/performance.md).
void sendPage(const httplib::Request& req, httplib::Response& res, const QByteArray& json)
{
    res.status = 200;
    constexpr qsizetype MinCompressed = 1024;
    constexpr qsizetype BigPage = 256 * 1024;
    const int Quality = json.size() >= BigPage ? 3 : 5;
    res.set_header("Vary", "Accept-Encoding");
    if (req.get_header_value("Accept-Encoding").find("br") == std::string::npos) {
        // No Brotli: plain `application/json`, which httplib gzips when the client accepts it.
        res.set_content(toStd(json), "application/json");
        return;
    }
    if (json.size() >= MinCompressed) {
        const auto size = static_cast<std::size_t>(json.size());
        std::string out(BrotliEncoderMaxCompressedSize(size), '\0');
        std::size_t outSize = out.size();
        if (BrotliEncoderCompress(Quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, size,
                reinterpret_cast<const std::uint8_t*>(json.constData()), &outSize,
                reinterpret_cast<std::uint8_t*>(out.data()))
            == BROTLI_TRUE) {
            out.resize(outSize);
            res.set_header("Content-Encoding", "br");
            res.set_content(out, "application/json; charset=utf-8");
            return;
        }
    }
    res.set_content(toStd(json), "application/json; charset=utf-8");
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
    , m_http(std::make_unique<httplib::Server>())
{
    const std::size_t threads = m_limits.threads;
    m_http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    m_http->set_payload_max_length(m_limits.maxRequestBody);
    m_http->set_keep_alive_timeout(m_limits.keepAliveTimeoutSeconds);
    // httplib writes a response's headers and body in separate sends; with Nagle on, the body
    // waits for the client's delayed ACK (~40 ms on Linux) on every kept-alive request.
    m_http->set_tcp_nodelay(true);
    m_http->set_read_timeout(m_limits.readTimeoutSeconds, 0);
    m_http->set_write_timeout(m_limits.writeTimeoutSeconds, 0);
    m_http->set_keep_alive_max_count(m_limits.keepAliveMaxCount);
    installRoutes();
}

HttpApi::~HttpApi() = default;

void HttpApi::installRoutes()
{
    auto& http = *m_http;

    http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        t_requestStarted = std::chrono::steady_clock::now();
        res.set_header(
            "X-Request-Id", QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
        // API answers are data for the app, never pages for a browser to guess at or keep.
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Cache-Control", "no-store");
        // Refused before any body is read: a length that is not 1*DIGIT (e.g. -1, which the
        // parser would take for 2^64 - 1) cannot frame a body.
        if (req.has_header("Content-Length")
            && !validContentLength(req.get_header_value("Content-Length"))) {
            res.set_header("Connection", "close");
            sendError(res, 400, u"invalid_content_length"_s,
                u"Content-Length must be a whole number of bytes (digits only)"_s);
            return httplib::Server::HandlerResponse::Handled;
        }
        // Query parameters reach SQL as bound values; PostgreSQL refuses a NUL in text.
        for (const auto& [name, value] : req.params) {
            const QString key = QString::fromStdString(name);
            auto r = core::validation::text(key, u"key"_s, u"a query parameter name"_s);
            if (r)
                r = core::validation::text(QString::fromStdString(value), key, key);
            if (!r) {
                sendError(res, 422, r.error().code, r.error().message);
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        logAccess(req, res, clientAddress(req));
    });

    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        // Only fill in bodies the handlers left empty (e.g. unknown routes, 413 from the parser).
        if (!res.body.empty())
            return;
        switch (res.status) {
        case 404:
            sendError(res, 404, u"not_found"_s, u"no such resource"_s);
            break;
        case 413:
            sendError(res, 413, u"payload_too_large"_s, u"request body is too large"_s);
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

    installAuthRoutes();
    installBlobRoutes();
    installDocumentRoutes();
    installSyncRoutes();
}

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

void HttpApi::installBlobRoutes()
{
    auto& http = *m_http;
    static const char* BlobPattern = R"(/api/v1/blobs/([^/]+))";

    http.Get(BlobPattern, [this](const httplib::Request& req, httplib::Response& res) {
        auto caller = authenticate(req, res);
        if (!caller)
            return;
        const QString id = QString::fromStdString(req.matches[1]);
        if (!BlobStore::isBlobId(id)) {
            sendError(res, 400, u"invalid_blob_id"_s, u"a blob id is 64 lower-case hex digits"_s);
            return;
        }
        const bool head = req.method == "HEAD";
        if (head) {
            // The caller's own upload in progress: its offset, so the upload resumes. One whose
            // bytes are all here but whose hash was never checked (the server died in between)
            // is finished now: complete if the hash matches, else gone (404, upload again).
            auto conn = m_store.connection();
            if (!conn) {
                sendServiceError(res, conn.error());
                return;
            }
            auto policy = BlobPolicy::load(conn.value());
            if (!policy) {
                sendServiceError(res, policy.error());
                return;
            }
            const BlobState own = m_blobs.partialState(id, caller->userId);
            if (own.kind == BlobState::Kind::Partial) {
                if (own.modified.msecsTo(QDateTime::currentDateTimeUtc())
                    > policy->partialExpiryMs) {
                    m_blobs.removePartial(id, caller->userId);
                } else if (own.size < own.total) {
                    res.status = 308;
                    res.set_header("Upload-Offset", std::to_string(own.size));
                    res.set_header("Upload-Length", std::to_string(own.total));
                    return;
                } else {
                    const FinishOutcome finished = m_blobs.finishIfWhole(id, caller->userId);
                    if (finished == FinishOutcome::Completed
                        || finished == FinishOutcome::AlreadyComplete) {
                        if (auto r = recordBlobUpload(conn.value(), id, caller->userId, own.total);
                            !r) {
                            sendServiceError(res, r.error());
                            return;
                        }
                        if (finished == FinishOutcome::Completed)
                            if (auto r = m_sync.blobCompleted(id); !r) {
                                sendServiceError(res, r.error());
                                return;
                            }
                    }
                }
            }
        }
        // Only a blob attached to a record in the caller's scope (HEAD: or uploaded by the
        // caller); anything else is a 404 so as not to reveal what exists.
        const BlobState state = m_blobs.state(id);
        auto access = m_sync.blobAccess(*caller, id);
        if (!access) {
            sendServiceError(res, access.error());
            return;
        }
        const bool allowed = access->visible || (head && access->uploader);
        if (!allowed || state.kind != BlobState::Kind::Complete) {
            sendError(res, 404, u"not_found"_s, u"no such blob"_s);
            return;
        }
        if (head) {
            res.status = 200;
            res.set_header("Content-Length", std::to_string(state.size));
            return;
        }
        const QString path = m_blobs.pathFor(id);
        // Blob bytes never change under their hash: the one answer a cache may keep.
        res.headers.erase("Cache-Control");
        res.set_header("Cache-Control", "private, max-age=31536000, immutable");
        res.set_content_provider(static_cast<size_t>(state.size), "application/octet-stream",
            [path](size_t offset, size_t length, httplib::DataSink& sink) {
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly) || !f.seek(static_cast<qint64>(offset)))
                    return false;
                const QByteArray bytes
                    = f.read(static_cast<qint64>(std::min<size_t>(length, 1 << 20)));
                if (bytes.isEmpty())
                    return false;
                return sink.write(bytes.constData(), static_cast<size_t>(bytes.size()));
            });
    });

    http.Put(BlobPattern,
        [this](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            auto caller = authenticate(req, res);
            if (!caller) {
                drain(reader);
                return;
            }
            const QString id = QString::fromStdString(req.matches[1]);
            if (!BlobStore::isBlobId(id)) {
                drain(reader);
                sendError(
                    res, 400, u"invalid_blob_id"_s, u"a blob id is 64 lower-case hex digits"_s);
                return;
            }
            auto conn = m_store.connection();
            if (!conn) {
                drain(reader);
                sendServiceError(res, conn.error());
                return;
            }
            QSqlDatabase db = conn.value();
            if (m_blobs.state(id).kind == BlobState::Kind::Complete) {
                // A no-op for whoever uploaded it or sees it; anyone else proves it holds the
                // bytes by uploading them (and learns nothing about what exists meanwhile).
                auto access = m_sync.blobAccess(*caller, id);
                if (!access) {
                    drain(reader);
                    sendServiceError(res, access.error());
                    return;
                }
                if (access->visible || access->uploader) {
                    drain(reader);
                    sendJson(
                        res, 200, QJsonObject { { u"sha256"_s, id }, { u"complete"_s, true } });
                    return;
                }
            }
            const qint64 length = contentLength(req);
            if (length < 0) {
                drain(reader);
                sendError(res, 411, u"length_required"_s, u"a chunk needs Content-Length"_s);
                return;
            }
            qint64 first = 0;
            qint64 last = length - 1;
            qint64 total = length;
            if (req.has_header("Content-Range")) {
                if (!parseContentRange(req.get_header_value("Content-Range"), first, last, total)) {
                    drain(reader);
                    sendError(res, 400, u"invalid_content_range"_s,
                        u"Content-Range must read \"bytes FIRST-LAST/TOTAL\""_s);
                    return;
                }
            }
            if (total > BlobStore::MaxBlob) {
                drain(reader);
                sendError(res, 413, u"blob_too_large"_s, u"a blob may hold at most 32 MiB"_s);
                return;
            }
            if (length > BlobStore::MaxChunk) {
                drain(reader);
                sendError(res, 413, u"chunk_too_large"_s, u"one chunk may hold at most 8 MiB"_s);
                return;
            }
            if (length == 0 || last - first + 1 != length) {
                drain(reader);
                sendError(res, 400, u"invalid_content_range"_s,
                    u"Content-Range must cover exactly the Content-Length bytes sent"_s);
                return;
            }
            auto policy = BlobPolicy::load(db);
            if (!policy) {
                drain(reader);
                sendServiceError(res, policy.error());
                return;
            }
            // Partial uploads belong to their uploader and expire when left untouched.
            const QDateTime now = QDateTime::currentDateTimeUtc();
            BlobState own = m_blobs.partialState(id, caller->userId);
            if (own.kind == BlobState::Kind::Partial
                && own.modified.msecsTo(now) > policy->partialExpiryMs) {
                m_blobs.removePartial(id, caller->userId);
                own = {};
            }
            if (own.kind != BlobState::Kind::Partial) {
                // A new upload of bytes no record names counts against the uploader's quota.
                auto referenced = blobReferenced(db, id);
                if (!referenced) {
                    drain(reader);
                    sendServiceError(res, referenced.error());
                    return;
                }
                if (!referenced.value()) {
                    auto used = unreferencedUploadBytes(db, m_blobs, caller->userId, *policy, now);
                    if (!used) {
                        drain(reader);
                        sendServiceError(res, used.error());
                        return;
                    }
                    if (used.value() + total > policy->userQuotaBytes) {
                        drain(reader);
                        sendError(res, 413, u"blob_quota_exceeded"_s,
                            u"you hold %1 bytes of uploads no record references yet; %2 more "
                            u"would pass the quota of %3 bytes — sync the records that use them "
                            u"first"_s.arg(used.value())
                                .arg(total)
                                .arg(policy->userQuotaBytes),
                            QJsonObject { { u"used"_s, used.value() },
                                { u"quota"_s, policy->userQuotaBytes } });
                        return;
                    }
                }
            }
            QByteArray bytes;
            bytes.reserve(static_cast<qsizetype>(length));
            bool overflow = false;
            reader([&](const char* data, size_t n) {
                if (bytes.size() + static_cast<qsizetype>(n) > length)
                    overflow = true;
                else
                    bytes.append(data, static_cast<qsizetype>(n));
                return true;
            });
            if (overflow || bytes.size() != length) {
                sendError(
                    res, 400, u"incomplete_body"_s, u"the body does not match Content-Length"_s);
                return;
            }
            auto outcome = m_blobs.writeChunk(id, caller->userId, first, length, total, bytes);
            if (!outcome) {
                if (outcome.error().code == u"upload_offset_mismatch"_s) {
                    const QString offset = outcome.error().message;
                    res.set_header("Upload-Offset", offset.toStdString());
                    sendError(res, 409, u"upload_offset_mismatch"_s,
                        u"the upload continues at byte %1"_s.arg(offset),
                        QJsonObject { { u"expected"_s, offset.toLongLong() } });
                    return;
                }
                sendServiceError(res, outcome.error());
                return;
            }
            switch (outcome->kind) {
            case ChunkOutcome::Kind::Incomplete:
                res.status = 308;
                res.set_header("Upload-Offset", std::to_string(outcome->offset));
                res.set_header("Range", "bytes=0-" + std::to_string(outcome->offset - 1));
                return;
            case ChunkOutcome::Kind::Completed:
            case ChunkOutcome::Kind::AlreadyComplete:
                if (auto r = recordBlobUpload(db, id, caller->userId, total); !r) {
                    sendServiceError(res, r.error());
                    return;
                }
                if (outcome->kind == ChunkOutcome::Kind::AlreadyComplete) {
                    sendJson(
                        res, 200, QJsonObject { { u"sha256"_s, id }, { u"complete"_s, true } });
                    return;
                }
                // Attachments waiting for this blob stop being pending.
                if (auto announced = m_sync.blobCompleted(id); !announced) {
                    sendServiceError(res, announced.error());
                    return;
                }
                sendJson(res, 201, QJsonObject { { u"sha256"_s, id }, { u"complete"_s, true } });
                return;
            }
        });
}

void HttpApi::installDocumentRoutes()
{
    auto& http = *m_http;
    const std::size_t limit = m_limits.maxJsonBody;

    // The district's names for documents (any signed-in user; an addition to SYNC.md).
    http.Get("/api/v1/district", [this](const httplib::Request& req, httplib::Response& res) {
        if (!authenticate(req, res))
            return;
        auto conn = m_store.connection();
        if (!conn) {
            sendServiceError(res, conn.error());
            return;
        }
        auto profile = ServerConfig::districtProfile(conn.value());
        if (!profile) {
            sendServiceError(res, profile.error());
            return;
        }
        sendJson(res, 200, *profile);
    });

    http.Post("/api/v1/documents/numbers",
        [this, limit](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            auto caller = authenticate(req, res);
            if (!caller) {
                drain(reader);
                return;
            }
            if (caller->role != Role::Inspector) {
                drain(reader);
                sendError(res, 403, u"forbidden"_s, u"only inspectors reserve document numbers"_s);
                return;
            }
            const auto body = readJsonBody(req, res, reader, limit);
            if (!body)
                return;
            const QJsonValue kind = (*body)[u"kind"_s];
            if (!kind.isString() || !isDocumentKind(kind.toString())) {
                sendError(res, 400, u"invalid_document_kind"_s,
                    u"kind must be one of %1"_s.arg(documentKinds().join(u", "_s)));
                return;
            }
            const auto count = wholeNumber((*body)[u"count"_s]);
            if (!count) {
                sendError(res, 400, u"invalid_count"_s,
                    u"count must be a whole number from 1 to %1"_s.arg(DocumentService::MaxBlock));
                return;
            }
            auto block = m_documents.reserve(*caller, kind.toString(), *count);
            if (!block) {
                sendServiceError(res, block.error());
                return;
            }
            sendJson(res, 200,
                QJsonObject {
                    { u"kind"_s, block->kind },
                    { u"year"_s, block->year },
                    { u"prefix"_s, block->prefix },
                    { u"from"_s, block->from },
                    { u"to"_s, block->to },
                    { u"block_id"_s, block->id },
                });
        });

    http.Post("/api/v1/documents/void",
        [this, limit](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            auto caller = authenticate(req, res);
            if (!caller) {
                drain(reader);
                return;
            }
            if (caller->role != Role::Inspector) {
                drain(reader);
                sendError(
                    res, 403, u"forbidden"_s, u"only inspectors report void document numbers"_s);
                return;
            }
            const auto body = readJsonBody(req, res, reader, limit);
            if (!body)
                return;
            const QJsonValue kind = (*body)[u"kind"_s];
            if (!kind.isString() || !isDocumentKind(kind.toString())) {
                sendError(res, 400, u"invalid_document_kind"_s,
                    u"kind must be one of %1"_s.arg(documentKinds().join(u", "_s)));
                return;
            }
            const auto year = wholeNumber((*body)[u"year"_s]);
            if (!year || *year < 2000 || *year > 9999) {
                sendError(res, 400, u"invalid_year"_s, u"year must be a four-digit year"_s);
                return;
            }
            const QJsonValue list = (*body)[u"numbers"_s];
            QList<qint64> numbers;
            bool valid = list.isArray() && !list.toArray().isEmpty()
                && list.toArray().size() <= DocumentService::MaxVoidNumbers;
            if (valid) {
                for (const QJsonValue v : list.toArray()) {
                    const auto n = wholeNumber(v);
                    if (!n || *n < 1) {
                        valid = false;
                        break;
                    }
                    numbers << *n;
                }
            }
            if (!valid) {
                sendError(res, 400, u"invalid_numbers"_s,
                    u"numbers must be a list of 1 to %1 document numbers (whole numbers ≥ 1)"_s.arg(
                        DocumentService::MaxVoidNumbers));
                return;
            }
            auto outcome = m_documents.voidNumbers(
                *caller, kind.toString(), static_cast<int>(*year), numbers);
            if (!outcome) {
                sendServiceError(res, outcome.error());
                return;
            }
            sendJson(res, 200,
                QJsonObject {
                    { u"kind"_s, outcome->kind },
                    { u"year"_s, outcome->year },
                    { u"voided"_s, numberArray(outcome->voided) },
                    { u"already_void"_s, numberArray(outcome->alreadyVoid) },
                });
        });

    http.Get(
        "/api/v1/documents/blocks", [this](const httplib::Request& req, httplib::Response& res) {
            auto caller = authenticate(req, res);
            if (!caller)
                return;
            if (caller->role != Role::Supervisor && caller->role != Role::Admin) {
                sendError(res, 403, u"forbidden"_s,
                    u"only supervisors and administrators audit document numbers"_s);
                return;
            }
            int year = 0;
            if (req.has_param("year")) {
                bool ok = false;
                const QString text = QString::fromStdString(req.get_param_value("year"));
                year = text.toInt(&ok);
                if (!ok || text.size() != 4) {
                    sendError(res, 400, u"invalid_year"_s, u"year must be a four-digit year"_s);
                    return;
                }
            } else {
                auto current = m_documents.currentYear();
                if (!current) {
                    sendServiceError(res, current.error());
                    return;
                }
                year = current.value();
            }
            const QString kind = QString::fromStdString(req.get_param_value("kind"));
            auto blocks = m_documents.blocks(*caller, year, kind);
            if (!blocks) {
                sendServiceError(res, blocks.error());
                return;
            }
            QJsonArray list;
            for (const NumberBlock& b : blocks.value()) {
                list.append(QJsonObject {
                    { u"id"_s, b.id },
                    { u"kind"_s, b.kind },
                    { u"year"_s, b.year },
                    { u"prefix"_s, b.prefix },
                    { u"from"_s, b.from },
                    { u"to"_s, b.to },
                    { u"user_id"_s, b.userId },
                    { u"username"_s, b.username },
                    { u"device_login_id"_s, b.deviceLoginId },
                    { u"device_name"_s, b.deviceName },
                    { u"issued_at"_s, rfc3339(b.issuedAtMs) },
                    { u"void"_s, numberArray(b.voids) },
                });
            }
            sendJson(res, 200, QJsonObject { { u"year"_s, year }, { u"blocks"_s, list } });
        });
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
    if (port == 0)
        return m_http->bind_to_any_port(host);
    return m_http->bind_to_port(host, port) ? port : -1;
}

bool HttpApi::listen()
{
    return m_http->listen_after_bind();
}

bool HttpApi::isRunning() const
{
    return m_http->is_running();
}

bool HttpApi::waitUntilRunning(int timeoutMs) const
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!m_http->is_running()) {
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

void HttpApi::installSyncRoutes()
{
    auto& http = *m_http;
    http.Post("/api/v1/sync/push",
        [this](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            auto caller = authenticate(req, res);
            if (!caller) {
                drain(reader);
                return;
            }
            // Mutations are judged one by one by the service (a bad one is its own rejection).
            auto body
                = readJsonBody(req, res, reader, m_limits.maxJsonBody, false, { u"mutations"_s });
            if (!body)
                return;
            auto result = m_sync.push(*caller, *body);
            if (!result) {
                const core::Error& e = result.error();
                if (e.code == u"mutation_gap"_s) {
                    sendError(res, 409, e.code, e.message,
                        QJsonObject { { u"expected"_s, SyncService::expectedOf(e) } });
                    return;
                }
                sendServiceError(res, e);
                return;
            }
            sendJson(res, 200, toJson(result.value()));
        });

    http.Get("/api/v1/sync/pull", [this](const httplib::Request& req, httplib::Response& res) {
        auto caller = authenticate(req, res);
        if (!caller)
            return;
        int limit = SyncService::DefaultPullLimit;
        if (req.has_param("limit")) {
            bool ok = false;
            limit = QString::fromStdString(req.get_param_value("limit")).toInt(&ok);
            if (!ok || limit < 1) {
                sendError(res, 400, u"invalid_limit"_s,
                    u"limit must be a whole number from 1 to %1"_s.arg(SyncService::MaxPullLimit));
                return;
            }
        }
        auto page = m_sync.pullPage(
            *caller, QString::fromStdString(req.get_param_value("cursor")), limit);
        if (!page) {
            sendServiceError(res, page.error());
            return;
        }
        sendPage(req, res, page.value());
    });
}

} // namespace safeloop::server
