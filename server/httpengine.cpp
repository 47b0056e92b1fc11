#include "httpengine_p.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <zlib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <regex>
#include <thread>
#include <vector>

namespace safeloop::server::detail {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;
using std::chrono::milliseconds;

namespace {

/// A fixed number of threads taking jobs in order; the only threads that run route handlers
/// (and so touch the database).
class WorkerPool {
public:
    explicit WorkerPool(std::size_t threads)
    {
        for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i)
            m_threads.emplace_back([this] { run(); });
    }
    ~WorkerPool()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        for (auto& t : m_threads)
            t.join();
    }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void post(std::function<void()> job)
    {
        {
            std::lock_guard lock(m_mutex);
            m_jobs.push_back(std::move(job));
        }
        m_wake.notify_one();
    }

private:
    void run()
    {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
                if (m_stopping)
                    return; // jobs left behind belong to connections that are going away
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            job();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
    HandlerWithReader withReader;
};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// Percent-decoding; `plusIsSpace` for query strings (form encoding).
std::string decodeUrl(std::string_view text, bool plusIsSpace)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            const int hi = hexValue(text[i + 1]);
            const int lo = hexValue(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(plusIsSpace && c == '+' ? ' ' : c);
    }
    return out;
}

void parseQuery(std::string_view query, httplib::Params& params)
{
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view {} : query.substr(amp + 1);
        if (pair.empty())
            continue;
        const std::size_t eq = pair.find('=');
        const std::string key = decodeUrl(pair.substr(0, eq), true);
        const std::string value
            = eq == std::string_view::npos ? std::string() : decodeUrl(pair.substr(eq + 1), true);
        params.emplace(key, value);
    }
}

/// A gzip member of `body` (RFC 1952), or nothing if zlib fails.
std::optional<std::string> gzip(const std::string& body)
{
    z_stream z {};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    std::string out(deflateBound(&z, static_cast<uLong>(body.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    z.avail_in = static_cast<uInt>(body.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        return std::nullopt;
    return out;
}

bool acceptsGzip(const httplib::Request& req)
{
    return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

/// The answer as it goes on the wire. HEAD answers keep their headers and drop the body.
std::string serialize(const httplib::Response& res, bool head, bool close)
{
    const auto status = static_cast<unsigned>(res.status);
    std::string out = "HTTP/1.1 " + std::to_string(status) + ' '
        + std::string(bhttp::obsolete_reason(bhttp::int_to_status(status))) + "\r\n";
    bool hasLength = false;
    for (const auto& [name, value] : res.headers) {
        if (beast::iequals(name, "Connection"))
            continue; // ours, below
        if (beast::iequals(name, "Content-Length"))
            hasLength = true;
        out += name + ": " + value + "\r\n";
    }
    const bool bodyless = status == 204 || status == 304 || status < 200;
    if (!hasLength && !bodyless)
        out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
    out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    if (!head && !bodyless)
        out += res.body;
    return out;
}

} // namespace

struct HttpEngine::Impl {
    explicit Impl(const HttpLimits& l)
        : limits(l)
        , workers(l.threads)
    {
    }

    HttpLimits limits;
    std::vector<Route> routes;
    EngineHooks hooks;
    std::atomic<std::size_t> open { 0 };
    /// The most bytes of one answer held for a write at once (a streamed body: one chunk).
    std::atomic<std::size_t> largestHeld { 0 };
    std::atomic<bool> running { false };
    std::atomic<bool> stopRequested { false };
    net::io_context ioc;
    tcp::acceptor acceptor { ioc };
    std::optional<net::steady_timer> acceptRetry;
    // Last: destroyed (joined) first, while everything a job touches still exists.
    WorkerPool workers;

    void accept();
};

namespace {

/// One request and its answer; lives until the answer is written.
struct Exchange {
    httplib::Request req;
    httplib::Response res;
    const Route* route = nullptr;
    bool head = false;
    /// A body from a content provider, sent a chunk at a time: bytes handed to the socket so
    /// far (the answer is done at res.content_length_).
    bool streaming = false;
    std::size_t streamed = 0;
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(HttpEngine::Impl* engine, tcp::socket socket)
        : m_engine(engine)
        , m_stream(std::move(socket))
    {
        ++m_engine->open;
    }
    ~Session() { --m_engine->open; }

    void start()
    {
        beast::error_code ec;
        const auto remote = m_stream.socket().remote_endpoint(ec);
        if (!ec) {
            m_remoteAddr = remote.address().to_string();
            m_remotePort = remote.port();
        }
        const auto local = m_stream.socket().local_endpoint(ec);
        if (!ec) {
            m_localAddr = local.address().to_string();
            m_localPort = local.port();
        }
        m_stream.socket().set_option(tcp::no_delay(true), ec);
        readHeader();
    }

private:
    HttpEngine::Impl& engine() { return *m_engine; }
    const HttpLimits& limits() { return m_engine->limits; }

    /// Between requests: no thread and no parser, only the idle deadline.
    void awaitNextRequest()
    {
        if (m_buffer.size() > 0) {
            readHeader();
            return;
        }
        m_buffer.shrink_to_fit();
        m_stream.expires_after(milliseconds(limits().idleTimeoutMs));
        m_stream.async_read_some(m_buffer.prepare(1024),
            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                if (ec)
                    return self->closeNow();
                self->m_buffer.commit(n);
                self->readHeader();
            });
    }

    void readHeader()
    {
        m_parser.emplace();
        m_parser->header_limit(static_cast<std::uint32_t>(limits().maxHeaderBytes));
        m_parser->body_limit(limits().maxRequestBody);
        m_stream.expires_after(milliseconds(limits().headerTimeoutMs));
        bhttp::async_read_header(m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
    }

    void onHeader(beast::error_code ec)
    {
        if (ec == bhttp::error::header_limit)
            return answerEarly(Refusal::HeadersTooLarge);
        if (ec == bhttp::error::body_limit)
            return answerEarly(Refusal::BodyTooLarge);
        if (ec == bhttp::error::bad_content_length)
            return answerEarly(Refusal::InvalidContentLength);
        if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream
            || ec == net::error::eof || ec == net::error::connection_reset
            || ec == net::error::operation_aborted)
            return closeNow();
        if (ec)
            return answerEarly(Refusal::BadRequest);

        const auto& message = m_parser->get();
        m_exchange = std::make_shared<Exchange>();
        Exchange& x = *m_exchange;
        x.req.method = std::string(message.method_string());
        x.req.version = message.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
        x.req.target = std::string(message.target());
        x.req.remote_addr = m_remoteAddr;
        x.req.remote_port = m_remotePort;
        x.req.local_addr = m_localAddr;
        x.req.local_port = m_localPort;
        std::size_t count = 0;
        for (const auto& field : message) {
            x.req.headers.emplace(std::string(field.name_string()), std::string(field.value()));
            ++count;
        }
        if (count > limits().maxHeaderCount)
            return answerEarly(Refusal::TooManyHeaders);
        const std::string_view target(message.target().data(), message.target().size());
        const std::size_t question = target.find('?');
        x.req.path = decodeUrl(target.substr(0, question), false);
        if (question != std::string_view::npos)
            parseQuery(target.substr(question + 1), x.req.params);
        x.head = x.req.method == "HEAD";
        const std::string& routeMethod = x.head ? std::string("GET") : x.req.method;
        for (const Route& route : engine().routes) {
            if (route.method == routeMethod
                && std::regex_match(x.req.path, x.req.matches, route.pattern)) {
                x.route = &route;
                break;
            }
        }
        m_keepAlive = message.keep_alive();

        const bool hasBody = m_parser->chunked()
            || (m_parser->content_length() && *m_parser->content_length() > 0);
        if (!hasBody)
            return dispatch();
        if (!x.route || !x.route->withReader)
            return dispatch(true); // the body is never read: answer, then close
        const std::size_t limit
            = engine().hooks.bodyLimit ? engine().hooks.bodyLimit(x.req) : limits().maxRequestBody;
        if (m_parser->content_length() && *m_parser->content_length() > limit)
            return answerEarly(Refusal::BodyTooLarge);
        m_bodyLimit = limit;
        if (!engine().hooks.beforeBody)
            return readBody();
        // The token check reaches the database: a worker's job, not the I/O thread's.
        engine().workers.post([self = shared_from_this()] {
            Exchange& ex = *self->m_exchange;
            ex.res = {};
            bool answered = false;
            try {
                answered = self->engine().hooks.beforeBody(ex.req, ex.res);
            } catch (...) {
                ex.res.status = 500;
                answered = true;
            }
            net::post(self->m_stream.get_executor(), [self, answered] {
                if (answered) {
                    self->finishAnswer(true);
                    return;
                }
                self->m_exchange->res = {};
                self->readBody();
            });
        });
    }

    void readBody()
    {
        if (beast::iequals(m_exchange->req.get_header_value("Expect"), "100-continue")) {
            m_interim = "HTTP/1.1 100 Continue\r\n\r\n";
            m_stream.expires_after(milliseconds(limits().writeTimeoutMs));
            net::async_write(m_stream, net::buffer(m_interim),
                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                    if (ec)
                        return self->closeNow();
                    self->readBodyNow();
                });
            return;
        }
        readBodyNow();
    }

    void readBodyNow()
    {
        m_parser->body_limit(m_bodyLimit);
        m_stream.expires_after(milliseconds(limits().bodyTimeoutMs));
        bhttp::async_read(m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                if (ec == bhttp::error::body_limit)
                    return self->answerEarly(Refusal::BodyTooLarge);
                // A stalled body (beast::error::timeout) closes the connection like a stalled
                // header: the stream's deadline has already closed the socket.
                if (ec)
                    return self->closeNow();
                self->m_exchange->req.body = std::move(self->m_parser->get().body());
                self->dispatch();
            });
    }

    /// An answer decided on the I/O thread from the headers alone (no handler, no database).
    /// Always closes: the rest of the request cannot be framed or is not wanted.
    void answerEarly(Refusal why)
    {
        m_parser.reset();
        if (!m_exchange)
            m_exchange = std::make_shared<Exchange>();
        Exchange& x = *m_exchange;
        x.req.remote_addr = m_remoteAddr;
        x.req.remote_port = m_remotePort;
        x.res = {};
        if (engine().hooks.decorate)
            engine().hooks.decorate(x.req, x.res);
        engine().hooks.refuse(why, x.res);
        if (engine().hooks.log)
            engine().hooks.log(x.req, x.res);
        write(serialize(x.res, x.head, true), true, true);
    }

    /// Sends what a worker wrote into the exchange's response (a refusal before the body).
    void finishAnswer(bool close)
    {
        Exchange& x = *m_exchange;
        if (x.res.status < 0)
            x.res.status = 500;
        if (engine().hooks.decorate)
            engine().hooks.decorate(x.req, x.res);
        if (x.res.status >= 400 && engine().hooks.errorBody)
            engine().hooks.errorBody(x.req, x.res);
        if (engine().hooks.log)
            engine().hooks.log(x.req, x.res);
        write(serialize(x.res, x.head, close), close, close);
    }

    /// Hands the complete request to a worker; `closeAfter` when a body stays unread.
    void dispatch(bool closeAfter = false)
    {
        m_parser.reset();
        engine().workers.post([self = shared_from_this(), closeAfter] {
            const bool close = closeAfter || !self->m_keepAlive
                || self->m_served + 1 >= self->limits().keepAliveMaxCount;
            std::string bytes = self->run(close);
            net::post(self->m_stream.get_executor(),
                [self, bytes = std::move(bytes), close, closeAfter]() mutable {
                    self->write(std::move(bytes), close, closeAfter);
                });
        });
    }

    /// On a worker: the hooks and the handler; the answer's bytes.
    std::string run(bool close)
    {
        Exchange& x = *m_exchange;
        EngineHooks& hooks = engine().hooks;
        x.res = {};
        if (hooks.decorate)
            hooks.decorate(x.req, x.res);
        try {
            const bool handled = hooks.preRouting && hooks.preRouting(x.req, x.res);
            if (!handled) {
                if (!x.route) {
                    x.res.status = 404;
                } else if (x.route->withReader) {
                    const std::string& body = x.req.body;
                    httplib::ContentReader reader(
                        [&body](const httplib::ContentReceiver& receiver) {
                            return body.empty() || receiver(body.data(), body.size());
                        },
                        [](const httplib::MultipartContentHeader&,
                            const httplib::ContentReceiver&) { return false; });
                    x.route->withReader(x.req, x.res, reader);
                } else {
                    x.route->handler(x.req, x.res);
                }
            }
        } catch (...) {
            x.res = {};
            if (hooks.decorate)
                hooks.decorate(x.req, x.res);
            x.res.status = 500;
        }
        if (x.res.status < 0)
            x.res.status = 200;
        std::string first;
        if (x.res.content_provider_ && !x.head)
            first = startStream(x);
        if (x.res.status >= 400 && hooks.errorBody)
            hooks.errorBody(x.req, x.res);
        if (!x.head && x.res.body.size() >= 1024
            && x.res.get_header_value("Content-Type") == "application/json"
            && !x.res.has_header("Content-Encoding") && acceptsGzip(x.req)) {
            if (auto packed = gzip(x.res.body)) {
                x.res.body = std::move(*packed);
                x.res.set_header("Content-Encoding", "gzip");
                x.res.set_header("Vary", "Accept-Encoding");
            }
        }
        if (hooks.log)
            hooks.log(x.req, x.res);
        return serialize(x.res, x.head, close) + first;
    }

    /// Up to one provider call's bytes of the body from `offset` (blobs: at most 1 MiB, one
    /// file read or one database chunk); nothing when the provider fails or gives nothing.
    static std::optional<std::string> nextChunk(httplib::Response& res, std::size_t offset)
    {
        std::string bytes;
        httplib::DataSink sink;
        sink.write = [&bytes](const char* data, std::size_t n) {
            bytes.append(data, n);
            return true;
        };
        sink.is_writable = [] { return true; };
        sink.done = [] {};
        bool ok = false;
        try {
            ok = res.content_provider_(offset, res.content_length_ - offset, sink);
        } catch (...) {
            ok = false;
        }
        if (!ok || bytes.empty())
            return std::nullopt;
        bytes.resize(std::min(bytes.size(), res.content_length_ - offset));
        return bytes;
    }

    /// On a worker: the first chunk of a provider's body, sent with the headers; the rest
    /// follows a chunk at a time as the socket drains (streamNext), so a download holds one
    /// chunk in memory, never the whole blob. A body that cannot be read at all is a 500.
    static std::string startStream(Exchange& x)
    {
        httplib::Response& res = x.res;
        std::optional<std::string> first;
        if (res.content_length_ > 0)
            first = nextChunk(res, 0);
        if (res.content_length_ > 0 && !first) {
            res.status = 500;
            res.body.clear();
            res.headers.erase("Content-Type");
            res.headers.erase("Cache-Control");
            res.set_header("Cache-Control", "no-store");
            res.content_provider_ = nullptr;
            res.content_length_ = 0;
            return {};
        }
        res.headers.erase("Content-Length");
        res.set_header("Content-Length", std::to_string(res.content_length_));
        x.streaming = true;
        x.streamed = first ? first->size() : 0;
        return first ? std::move(*first) : std::string {};
    }

    /// The next chunk of a streamed body, read on a worker once the previous one is written.
    /// A chunk that cannot be read closes the connection: the headers promised the length.
    void streamNext(bool close, bool linger)
    {
        engine().workers.post([self = shared_from_this(), close, linger] {
            Exchange& x = *self->m_exchange;
            std::optional<std::string> bytes = nextChunk(x.res, x.streamed);
            net::post(self->m_stream.get_executor(),
                [self, bytes = std::move(bytes), close, linger]() mutable {
                    if (!bytes)
                        return self->closeNow();
                    self->m_exchange->streamed += bytes->size();
                    self->write(std::move(*bytes), close, linger);
                });
        });
    }

    /// Writes an answer under the write deadline; then the next request, or a close. `linger`
    /// when the client may still be sending a body we did not read.
    void write(std::string bytes, bool close, bool linger)
    {
        m_out = std::move(bytes);
        std::size_t held = engine().largestHeld.load();
        while (m_out.size() > held
            && !engine().largestHeld.compare_exchange_weak(held, m_out.size())) { }
        m_stream.expires_after(milliseconds(limits().writeTimeoutMs));
        net::async_write(m_stream, net::buffer(m_out),
            [self = shared_from_this(), close, linger](beast::error_code ec, std::size_t) {
                self->m_out.clear();
                self->m_out.shrink_to_fit();
                if (ec)
                    return self->closeNow();
                if (self->m_exchange && self->m_exchange->streaming
                    && self->m_exchange->streamed < self->m_exchange->res.content_length_)
                    return self->streamNext(close, linger);
                self->m_exchange.reset();
                ++self->m_served;
                if (close) {
                    if (linger)
                        return self->lingerThenClose();
                    beast::error_code ignored;
                    self->m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
                    return self->closeNow();
                }
                self->awaitNextRequest();
            });
    }

    /// Sends our FIN and reads (and drops) what the client still sends for a moment, so the
    /// answer is not lost to a reset from unread bytes.
    void lingerThenClose()
    {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_buffer.clear();
        m_buffer.shrink_to_fit();
        m_lingerEnd = std::chrono::steady_clock::now() + milliseconds(limits().lingerTimeoutMs);
        lingerRead();
    }

    void lingerRead()
    {
        const auto left = m_lingerEnd - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero())
            return closeNow();
        m_stream.expires_after(left);
        m_stream.async_read_some(m_buffer.prepare(16 * 1024),
            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                self->m_buffer.clear();
                if (ec)
                    return self->closeNow();
                self->lingerRead();
            });
    }

    void closeNow()
    {
        beast::error_code ignored;
        m_stream.socket().close(ignored);
    }

    HttpEngine::Impl* m_engine; // outlives every session: see ~Impl's member order
    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<bhttp::request_parser<bhttp::string_body>> m_parser;
    std::shared_ptr<Exchange> m_exchange;
    std::string m_out;
    std::string m_interim;
    std::string m_remoteAddr;
    std::string m_localAddr;
    int m_remotePort = -1;
    int m_localPort = -1;
    std::size_t m_served = 0;
    std::size_t m_bodyLimit = 0;
    bool m_keepAlive = true;
    std::chrono::steady_clock::time_point m_lingerEnd;
};

} // namespace

void HttpEngine::Impl::accept()
{
    acceptor.async_accept(
        net::make_strand(ioc), [self = this](beast::error_code ec, tcp::socket socket) {
            if (self->stopRequested)
                return;
            if (ec) {
                if (!self->acceptor.is_open())
                    return;
                // Out of descriptors (or a connection gone before it was accepted): wait a
                // moment rather than spin.
                self->acceptRetry.emplace(self->ioc, milliseconds(50));
                self->acceptRetry->async_wait([self](beast::error_code) { self->accept(); });
                return;
            }
            std::make_shared<Session>(self, std::move(socket))->start();
            self->accept();
        });
}

HttpEngine::HttpEngine(const HttpLimits& limits)
    : d(std::make_unique<Impl>(limits))
{
}

HttpEngine::~HttpEngine()
{
    stop();
}

void HttpEngine::setHooks(EngineHooks hooks)
{
    d->hooks = std::move(hooks);
}

void HttpEngine::Get(const std::string& pattern, Handler handler)
{
    d->routes.push_back({ "GET", std::regex(pattern), std::move(handler), {} });
}

void HttpEngine::Post(const std::string& pattern, HandlerWithReader handler)
{
    d->routes.push_back({ "POST", std::regex(pattern), {}, std::move(handler) });
}

void HttpEngine::Put(const std::string& pattern, HandlerWithReader handler)
{
    d->routes.push_back({ "PUT", std::regex(pattern), {}, std::move(handler) });
}

int HttpEngine::bind(const std::string& host, int port)
{
    beast::error_code ec;
    const auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    if (ec)
        return -1;
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
    d->acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        d->acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        d->acceptor.bind(endpoint, ec);
    if (!ec)
        d->acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        beast::error_code ignored;
        d->acceptor.close(ignored);
        return -1;
    }
    return d->acceptor.local_endpoint().port();
}

bool HttpEngine::listen()
{
    if (!d->acceptor.is_open() || d->stopRequested)
        return false;
    auto guard = net::make_work_guard(d->ioc);
    d->accept();
    std::vector<std::thread> io;
    for (std::size_t i = 1; i < std::max<std::size_t>(d->limits.ioThreads, 1); ++i)
        io.emplace_back([this] { d->ioc.run(); });
    d->running = true;
    d->ioc.run();
    for (auto& t : io)
        t.join();
    d->running = false;
    return true;
}

bool HttpEngine::isRunning() const
{
    return d->running;
}

void HttpEngine::stop()
{
    if (d->stopRequested.exchange(true))
        return;
    net::dispatch(d->ioc, [impl = d.get()] {
        beast::error_code ignored;
        impl->acceptor.close(ignored);
    });
    d->ioc.stop();
}

std::size_t HttpEngine::openConnections() const
{
    return d->open;
}

std::size_t HttpEngine::largestHeldAnswer() const
{
    return d->largestHeld;
}

} // namespace safeloop::server::detail
