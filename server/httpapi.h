#pragma once

#include "auth.h"
#include "blobstore.h"
#include "documents.h"
#include "serverstore.h"
#include "syncservice.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace safeloop::server {

namespace detail {
class HttpEngine;
} // namespace detail

/// Limits the HTTP layer enforces before any handler runs. Every one is a server setting
/// (`http.*`, docs/operations.md); loadHttpLimits() reads them.
struct HttpLimits {
    std::size_t maxJsonBody = 1024 * 1024; ///< SYNC.md: JSON bodies ≤ 1 MiB
    /// Anything larger is refused before it is read: one blob chunk.
    std::size_t maxRequestBody = 8 * 1024 * 1024 + 64 * 1024;
    /// Threads that run route handlers (and so hold database connections).
    std::size_t threads = 8;
    /// Threads that accept, read, parse and write; they never wait on the database.
    std::size_t ioThreads = 2;
    /// From the first byte of a request (or a new connection) to the end of its headers.
    int headerTimeoutMs = 10000;
    /// How long a kept-alive connection may wait for its next request.
    int idleTimeoutMs = 65000;
    /// The whole body of a request, from the end of its headers.
    int bodyTimeoutMs = 120000;
    /// One answer, to a client that reads slowly.
    int writeTimeoutMs = 30000;
    /// After an answer that refuses an unread body: how long the rest is read and dropped.
    int lingerTimeoutMs = 2000;
    /// Header fields of one request (431 beyond).
    std::size_t maxHeaderCount = 64;
    /// Bytes of the request line and headers (431 beyond).
    std::size_t maxHeaderBytes = 16 * 1024;
    /// Requests on one connection before it is closed (clients reconnect).
    std::size_t keepAliveMaxCount = 1000;
};

/// The `http.*` settings of the store (defaults where unset) as limits.
core::Result<HttpLimits> loadHttpLimits(QSqlDatabase& db);

/// The `/api/v1` HTTP surface: routes stay thin and hand work to services.
class HttpApi {
public:
    explicit HttpApi(ServerStore store, HttpLimits limits = {}, AuthPolicy policy = {});
    ~HttpApi();
    HttpApi(const HttpApi&) = delete;
    HttpApi& operator=(const HttpApi&) = delete;

    /// Binds host:port (port 0 picks a free one) and returns the bound port, or -1.
    int bind(const std::string& host, int port);
    /// Serves until stop() is called; returns false if the listener failed.
    bool listen();
    /// True once listen() has started its accept loop (stop() before that would be lost).
    bool isRunning() const;
    /// Waits up to `timeoutMs` for listen() to start; false on timeout.
    bool waitUntilRunning(int timeoutMs = 10000) const;
    /// Stops a running listen() from any thread.
    void stop();
    /// Connections open right now, idle ones included.
    std::size_t openConnections() const;
    /// The most bytes of one answer held in memory for writing at once since start (a blob
    /// download streams: one chunk of at most 1 MiB, not the blob).
    std::size_t largestHeldAnswer() const;

    /// Socket peers (addresses or CIDR subnets, e.g. `127.0.0.1`, `10.0.0.0/8`) whose
    /// `X-Forwarded-For` is believed. Call before listen(); refuses an entry that is not an
    /// address or subnet and then changes nothing.
    core::Result<void> setTrustedProxies(const QStringList& entries);
    /// The clock of document numbers (tests cross year boundaries with it). Call before listen().
    void setClock(Clock clock);
    /// The client address used for the per-address login limit and the access log: the socket
    /// peer, or, when the peer is a trusted proxy, the last `X-Forwarded-For` entry that is not
    /// itself a trusted proxy. `X-Forwarded-For` from any other peer is ignored.
    QString clientAddress(const httplib::Request& req) const;

private:
    void installRoutes();
    void installAuthRoutes();
    void installBlobRoutes();
    void installDocumentRoutes();
    bool isTrustedProxy(const QHostAddress& address) const;
    void installSyncRoutes();
    /// The caller behind the request's bearer token, or nothing after writing the 401.
    std::optional<Caller> authenticate(const httplib::Request& req, httplib::Response& res);

    ServerStore m_store;
    HttpLimits m_limits;
    AuthService m_auth;
    BlobStore m_blobs;
    DocumentService m_documents;
    std::vector<std::pair<QHostAddress, int>> m_trustedProxies;
    SyncService m_sync;
    std::unique_ptr<detail::HttpEngine> m_http;
};

/// Writes `{"error":{"code","message"}}` with the given status.
void sendError(httplib::Response& res, int status, const QString& code, const QString& message,
    const QJsonObject& extra = {});
/// Writes a JSON body with the given status.
void sendJson(httplib::Response& res, int status, const QJsonObject& body);

} // namespace safeloop::server
