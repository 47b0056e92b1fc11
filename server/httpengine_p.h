#pragma once

// The connection layer under HttpApi: event-driven sockets (Boost.Beast/Asio) on a few I/O
// threads, complete requests handed to a bounded pool of workers that run the route handlers.
// Private to server/.

#include "httpapi.h"

#include <httplib.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace safeloop::server::detail {

/// A handler that needs no body (GET, and HEAD through it).
using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
/// A handler that reads the request body through the reader.
using HandlerWithReader = std::function<void(
    const httplib::Request&, httplib::Response&, const httplib::ContentReader&)>;

/// Why a request was answered from its headers alone, on the I/O thread.
enum class Refusal {
    BadRequest, ///< 400: not HTTP/1.1 as we read it
    InvalidContentLength, ///< 400: a Content-Length that is not 1*DIGIT
    HeadersTooLarge, ///< 431: more header bytes than the cap
    TooManyHeaders, ///< 431: more header fields than the cap
    BodyTooLarge, ///< 413: announced (or, chunked, grown) past the route's limit
};

/// What HttpApi plugs into the engine. Every hook may run on any worker or I/O thread.
struct EngineHooks {
    /// Headers every answer carries (request id, caching); cheap, runs on the I/O thread too.
    Handler decorate;
    /// Checks before routing; returns true when it wrote the answer.
    std::function<bool(const httplib::Request&, httplib::Response&)> preRouting;
    /// Runs on a worker once the headers of a request with a body are in, before the body is
    /// read; returns true when it wrote the answer (a missing or invalid token), which is then
    /// sent and the connection closed without reading the body.
    std::function<bool(const httplib::Request&, httplib::Response&)> beforeBody;
    /// The body limit of a request (by route); larger announced bodies are 413 before reading.
    std::function<std::size_t(const httplib::Request&)> bodyLimit;
    /// Writes the status and body of a refusal (must be set).
    std::function<void(Refusal, httplib::Response&)> refuse;
    /// Fills an error answer whose body the handler left empty.
    Handler errorBody;
    /// The access log line of an answer.
    Handler log;
};

/// HTTP/1.1 server: routes by method and regular expression, keep-alive connections that hold
/// no thread while idle, deadlines and header caps from HttpLimits.
class HttpEngine {
public:
    explicit HttpEngine(const HttpLimits& limits);
    ~HttpEngine();
    HttpEngine(const HttpEngine&) = delete;
    HttpEngine& operator=(const HttpEngine&) = delete;

    void setHooks(EngineHooks hooks);
    void Get(const std::string& pattern, Handler handler);
    void Post(const std::string& pattern, HandlerWithReader handler);
    void Put(const std::string& pattern, HandlerWithReader handler);

    /// Binds host:port (0: any free port); the bound port or -1.
    int bind(const std::string& host, int port);
    /// Runs the I/O threads (this one among them) until stop(); false if not bound.
    bool listen();
    bool isRunning() const;
    void stop();
    /// Connections open right now.
    std::size_t openConnections() const;
    /// The most bytes of one answer held for writing at once since start: a streamed body
    /// (a blob download) counts one chunk and its headers, never the whole body.
    std::size_t largestHeldAnswer() const;

    struct Impl; ///< sockets, routes, workers (httpengine.cpp)

private:
    std::unique_ptr<Impl> d;
};

} // namespace safeloop::server::detail
