// District load against a real safeloop-server (issue 17 #2, docs/performance.md). Seeds a
// district (init and enterprise import through the server's command line, the accounts through
// server::UserRepository as seed-demo writes its own), starts `serve` on 127.0.0.1, logs every
// device in and gives it its first sync (the warm-up, not measured), then for DURATION seconds runs
// every device on one event-driven thread (Boost.Asio/Beast):
//   inspectors   every ~INSPECTION_EVERY s: upload PHOTOS photos (PUT /blobs), push an inspection
//                (create, three answers, a hazard with the photos, finish), pull
//   enterprises  every SYNC_EVERY s: push the device status (every 4th sync also a self-check
//                finding), pull
//   supervisors  every SUPERVISOR_EVERY s: pull
// Afterwards a supervisor pulls everything from the start and every applied mutation must be
// there. Prints JSON lines (district_load_seed, district_load_warmup, district_load,
// district_load_check); exits 1 when any request failed or a mutation is missing.
//
// With --url https://HOST:PORT the devices go through TLS to the proxy there (nginx of
// scripts/tls-stack.sh, its certificate checked against --ca) instead of a server started here;
// the store of --data/--database is the one the servers behind it run on (already initialised),
// --server-pids names them for their memory and CPU, --nginx-pid-file nginx for its CPU.
//
//   bench_district --server BIN --data DIR [--database URL] [--inspectors 40]
//       [--enterprises 2000] [--supervisors 5] [--duration 600] [--inspection-every 180]
//       [--sync-every 300] [--supervisor-every 60] [--photos 2] [--photo-bytes 2000000]
//       [--login-jobs 2] [--url https://HOST:PORT --ca FILE [--server-pids 'PID...']
//       [--nginx-pid-file FILE]] [--postgres-pid-file DATADIR/postmaster.pid]
#include "core/creditcode.h"
#include "core/database.h"
#include "server/changelog.h"
#include "server/secrets.h"
#include "server/serverstore.h"
#include "server/users.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QUrl>
#include <QUuid>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <sodium.h>
#include <zlib.h>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;

namespace core = safeloop::core;
namespace server = safeloop::server;

namespace {

using Clock = std::chrono::steady_clock;
const QString Password = u"district-load-pass-1"_s;
const QStringList Streets { u"东风街道"_s, u"西湖街道"_s, u"南岭街道"_s, u"北湖街道"_s };

struct Options {
    QString server;
    QString dataDir;
    QString database;
    int inspectors = 40;
    int enterprises = 2000;
    int supervisors = 5;
    int duration = 600;
    int inspectionEvery = 180;
    int syncEvery = 300;
    int supervisorEvery = 60;
    int photos = 2;
    int photoBytes = 2000000;
    int loginJobs = 2;
    /// Through a proxy: the devices talk to this https URL (the servers behind it run on the
    /// store of --data/--database, already initialised) instead of a server started here.
    QString url;
    QString ca; ///< the CA the proxy's certificate must chain to (with --url)
    QString serverPids; ///< the server processes behind --url, for their memory and CPU
    QString nginxPidFile; ///< nginx's pid file, for the CPU of nginx and its workers
    /// PostgreSQL's postmaster.pid, for the CPU of the cluster (the postmaster and its backends)
    QString postgresPidFile;
};

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

QString statusLine(int pid, const char* key)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(key, 0) == 0)
            return QString::fromStdString(line.substr(std::char_traits<char>::length(key)));
    }
    return {};
}

double memMiB(int pid, const char* key)
{
    const QString v = statusLine(pid, key).trimmed().section(u' ', 0, 0);
    return v.isEmpty() ? -1 : v.toDouble() / 1024.0;
}

/// CPU seconds (user + system) the process has used so far; `reaped`: with its children that
/// have exited and been waited for.
double cpuSeconds(int pid, bool reaped = false)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string all((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Fields after the command name (which may hold spaces) end with ')'.
    const std::size_t name = all.rfind(')');
    if (name == std::string::npos || name + 2 > all.size())
        return 0; // the process is gone
    std::istringstream rest(all.substr(name + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 17 && rest >> field; ++i) {
        if (i == 14 || i == 15 || (reaped && (i == 16 || i == 17)))
            ticks += std::atof(field.c_str());
    }
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double largest(const std::vector<double>& v)
{
    return v.empty() ? -1 : *std::max_element(v.begin(), v.end());
}

/// `pid` and the processes whose parent it is (nginx's master and its workers).
std::vector<int> withChildren(int pid)
{
    std::vector<int> out { pid };
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool ok = false;
        const int child = entry.toInt(&ok);
        if (!ok)
            continue;
        std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
        std::string all((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        const std::size_t close = all.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream rest(all.substr(close + 2));
        std::string state;
        int parent = 0;
        if (rest >> state >> parent && parent == pid)
            out.push_back(child);
    }
    return out;
}

std::string gunzip(const std::string& in, bool& ok)
{
    z_stream z {};
    ok = inflateInit2(&z, 16 + MAX_WBITS) == Z_OK;
    std::string out;
    if (!ok)
        return out;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    char chunk[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - z.avail_out);
    }
    inflateEnd(&z);
    ok = rc == Z_STREAM_END;
    return out;
}

/// One answer: the status (0 when the transport failed, `error` says how) and the body.
struct Reply {
    int status = 0;
    std::string error;
    std::string body;
    double ms = 0;
    QJsonObject json() const
    {
        return QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
    }
};

/// Latencies and error counts, by request kind.
struct Stats {
    std::map<std::string, std::vector<double>> ms;
    std::map<std::string, int> errors;
    long requests = 0;
    bool recording = false;

    void add(const std::string& kind, const Reply& r)
    {
        if (!recording)
            return;
        ++requests;
        ms[kind].push_back(r.ms);
    }
    void error(const std::string& kind)
    {
        if (recording)
            ++errors[kind];
    }
    int errorTotal() const
    {
        int n = 0;
        for (const auto& [k, v] : errors)
            n += v;
        return n;
    }
    QJsonObject errorsJson() const
    {
        QJsonObject o;
        for (const auto& [k, v] : errors)
            o.insert(QString::fromStdString(k), v);
        return o;
    }
    QJsonObject latency(const std::string& kind, std::initializer_list<double> ps) const
    {
        QJsonObject o;
        const auto it = ms.find(kind);
        const std::vector<double> v = it == ms.end() ? std::vector<double> {} : it->second;
        o.insert(u"n"_s, static_cast<qint64>(v.size()));
        for (const double p : ps)
            o.insert(u"p%1_ms"_s.arg(qRound(p * 100)), std::round(percentile(v, p) * 10) / 10);
        o.insert(u"max_ms"_s,
            v.empty() ? -1 : std::round(*std::max_element(v.begin(), v.end()) * 10) / 10);
        return o;
    }
};

enum class Role { Inspector, Enterprise, Supervisor };

/// A simulated device: its account, tokens, mutation counter and pull cursor.
struct Device {
    Role role = Role::Enterprise;
    QString username;
    QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::string token;
    QString userId;
    QString enterpriseId;
    qint64 nextMutation = 1;
    QString cursor;
    quint64 lastHlc = 0;
    int cycles = 0;
    int phase = 0; ///< an enterprise reports a self-check finding when (cycles + phase) % 4 == 0

    QString hlc()
    {
        const auto now = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()) << 16;
        lastHlc = std::max(now, lastHlc + 1);
        return u"%1"_s.arg(lastHlc, 16, 16, QChar(u'0'));
    }
};

/// A pushed mutation the final pull must show: the record (entity, id) and, for a hazard, its
/// description.
struct Expected {
    QString entity;
    QString id;
    QString description;
};

/// A device's connection: plain TCP to the server, or TLS (verified against the CA of
/// `--ca`, for `--url https://...`) to the proxy in front of it. Reopened after a close.
class Conn {
public:
    Conn(asio::io_context& io, asio::ssl::context* tls)
        : m_io(io)
        , m_tls(tls)
    {
        reset();
    }

    bool open = false;

    beast::tcp_stream& tcp() { return m_secure ? beast::get_lowest_layer(*m_secure) : *m_plain; }

    /// Connects (and, over TLS, shakes hands checking the certificate names `host`); the
    /// error kind, empty on success.
    awaitable<std::string> connect(const asio::ip::tcp::endpoint& to, const std::string& host)
    {
        reset();
        beast::error_code ec;
        tcp().expires_after(std::chrono::seconds(30));
        co_await tcp().async_connect(to, asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return "connect";
        if (m_secure) {
            if (!SSL_set_tlsext_host_name(m_secure->native_handle(), host.c_str()))
                co_return "tls";
            m_secure->set_verify_callback(asio::ssl::host_name_verification(host));
            co_await m_secure->async_handshake(
                asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                close();
                co_return ec == beast::error::timeout ? "timeout" : "tls";
            }
        }
        open = true;
        co_return std::string {};
    }

    awaitable<beast::error_code> write(http::request<http::string_body>& req)
    {
        beast::error_code ec;
        if (m_secure)
            co_await http::async_write(
                *m_secure, req, asio::redirect_error(asio::use_awaitable, ec));
        else
            co_await http::async_write(
                *m_plain, req, asio::redirect_error(asio::use_awaitable, ec));
        co_return ec;
    }

    awaitable<beast::error_code> read(
        beast::flat_buffer& buffer, http::response_parser<http::string_body>& parser)
    {
        beast::error_code ec;
        if (m_secure)
            co_await http::async_read(
                *m_secure, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        else
            co_await http::async_read(
                *m_plain, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        co_return ec;
    }

    /// Closes the socket (a phone going to sleep does not say goodbye either).
    void close()
    {
        beast::error_code ec;
        tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
        tcp().socket().close(ec);
        open = false;
    }

private:
    void reset()
    {
        if (m_tls)
            m_secure.emplace(m_io, *m_tls);
        else
            m_plain.emplace(m_io);
        open = false;
    }

    asio::io_context& m_io;
    asio::ssl::context* m_tls;
    std::optional<beast::tcp_stream> m_plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> m_secure;
};

class Load {
public:
    /// Devices talk to 127.0.0.1:`port`, through TLS naming `host` when `tls` is set; the
    /// memory of `pids` (the server processes) is sampled.
    Load(asio::io_context& io, const Options& o, int port, std::string host,
        asio::ssl::context* tls, std::vector<int> pids)
        : m_io(io)
        , m_o(o)
        , m_endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port))
        , m_host(std::move(host))
        , m_hostHeader(m_host + ":" + std::to_string(port))
        , m_tls(tls)
        , m_pids(std::move(pids))
    {
        rssMaxMiB.assign(m_pids.size(), 0.0);
    }

    std::vector<Device> devices;
    std::vector<QString> enterpriseIds;
    std::vector<Expected> expected;
    Stats stats;
    std::vector<double> rssMaxMiB; ///< by process, in the order of the pids
    int busy = 0;
    bool stopping = false;

    /// One request on the device's keep-alive connection `c` (opened when needed).
    awaitable<Reply> send(Conn& c, http::verb verb, const std::string& target,
        const std::string& token, std::string body,
        const std::string& contentType = "application/json",
        const std::vector<std::pair<std::string, std::string>>& extra = {})
    {
        Reply r;
        const auto t0 = Clock::now();
        beast::error_code ec;
        if (!c.open) {
            r.error = co_await c.connect(m_endpoint, m_host);
            if (!r.error.empty()) {
                r.ms = msSince(t0);
                co_return r;
            }
        }
        http::request<http::string_body> req { verb, target, 11 };
        req.set(http::field::host, m_hostHeader);
        req.set(http::field::accept_encoding, "gzip");
        if (!token.empty())
            req.set(http::field::authorization, "Bearer " + token);
        if (!body.empty() || verb == http::verb::post || verb == http::verb::put) {
            req.set(http::field::content_type, contentType);
            req.body() = std::move(body);
        }
        for (const auto& [k, v] : extra)
            req.set(k, v);
        req.keep_alive(true);
        req.prepare_payload();
        c.tcp().expires_after(std::chrono::seconds(30));
        ec = co_await c.write(req);
        if (!ec) {
            beast::flat_buffer buffer;
            http::response_parser<http::string_body> parser;
            parser.body_limit(256 * 1024 * 1024);
            ec = co_await c.read(buffer, parser);
            if (!ec) {
                auto& res = parser.get();
                r.status = static_cast<int>(res.result_int());
                r.body = std::move(res.body());
                if (res[http::field::content_encoding] == "gzip") {
                    bool ok = false;
                    r.body = gunzip(r.body, ok);
                    if (!ok)
                        r.error = "gzip";
                }
                if (!res.keep_alive())
                    c.close();
            }
        }
        if (ec) {
            r.error = ec == beast::error::timeout ? "timeout" : "io";
            c.close();
        }
        r.ms = msSince(t0);
        co_return r;
    }

    /// Records `r` under `kind`; false (and an error by kind) unless its status is `want`.
    bool check(const std::string& kind, const Reply& r, std::initializer_list<int> want)
    {
        stats.add(kind, r);
        if (!r.error.empty()) {
            stats.error(kind + ":" + r.error);
            return false;
        }
        if (std::find(want.begin(), want.end(), r.status) == want.end()) {
            const QString code = r.json()[u"error"_s][u"code"_s].toString();
            stats.error(kind + ":" + std::to_string(r.status)
                + (code.isEmpty() ? std::string {} : ":" + code.toStdString()));
            return false;
        }
        return true;
    }

    awaitable<bool> login(Device& d, Conn& s)
    {
        const QJsonObject body { { u"username"_s, d.username }, { u"password"_s, Password },
            { u"device_id"_s, d.clientId }, { u"device_name"_s, u"load device"_s } };
        const Reply r = co_await send(s, http::verb::post, "/api/v1/auth/login", {},
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString());
        if (!check(d.role == Role::Enterprise ? "login_enterprise" : "login", r, { 200 }))
            co_return false;
        const QJsonObject o = r.json();
        d.token = o[u"access_token"_s].toString().toStdString();
        d.userId = o[u"user"_s][u"id"_s].toString();
        d.enterpriseId = o[u"user"_s][u"enterprise_id"_s].toString();
        co_return !d.token.empty();
    }

    /// Pulls from the device's cursor until has_more is false; the changes when `keep`.
    awaitable<bool> pullToEnd(Device& d, Conn& s, int limit, QJsonArray* keep = nullptr)
    {
        for (int page = 0; page < 10000; ++page) {
            std::string target = "/api/v1/sync/pull?limit=" + std::to_string(limit);
            if (!d.cursor.isEmpty())
                target += "&cursor=" + d.cursor.toStdString();
            const Reply r = co_await send(s, http::verb::get, target, d.token, {});
            if (!check("pull", r, { 200 }))
                co_return false;
            const QJsonObject o = r.json();
            if (!o.contains(u"cursor"_s)) {
                stats.error("pull:unreadable");
                co_return false;
            }
            d.cursor = o[u"cursor"_s].toString();
            if (keep) {
                for (const auto& c : o[u"changes"_s].toArray())
                    keep->append(c);
            }
            if (!o[u"has_more"_s].toBool())
                co_return true;
        }
        co_return false;
    }

    QJsonObject mutation(Device& d, const QString& name, const QString& entity, QJsonObject args)
    {
        return { { u"id"_s, d.nextMutation++ }, { u"name"_s, name }, { u"entity_id"_s, entity },
            { u"hlc"_s, d.hlc() }, { u"args"_s, std::move(args) } };
    }

    /// Pushes `mutations` with the device status; applied ones are remembered in `expected`.
    awaitable<bool> push(
        Device& d, Conn& s, const QJsonArray& mutations, const std::vector<Expected>& records)
    {
        const QJsonObject body { { u"client_id"_s, d.clientId }, { u"schema_version"_s, 1 },
            { u"mutations"_s, mutations },
            { u"device"_s,
                QJsonObject { { u"app_version"_s, u"1.0.0"_s }, { u"pending_mutations"_s, 0 },
                    { u"pending_blobs"_s, 0 } } } };
        const Reply r = co_await send(s, http::verb::post, "/api/v1/sync/push", d.token,
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString());
        if (!check("push", r, { 200 }))
            co_return false;
        if (mutations.size() > 1)
            stats.add("push_inspection", r); // an inspector's batch, beside every push
        else if (mutations.size() == 1)
            stats.add("push_self_check", r);
        const QJsonArray results = r.json()[u"results"_s].toArray();
        if (results.size() != mutations.size()) {
            stats.error("push:results_missing");
            co_return false;
        }
        bool all = true;
        for (qsizetype i = 0; i < results.size(); ++i) {
            const QString status = results[i][u"status"_s].toString();
            if (status == u"applied"_s) {
                if (stats.recording && i < static_cast<qsizetype>(records.size())
                    && !records[static_cast<std::size_t>(i)].id.isEmpty())
                    expected.push_back(records[static_cast<std::size_t>(i)]);
                continue;
            }
            all = false;
            stats.error("mutation:" + status.toStdString() + ":"
                + results[i][u"error"_s][u"code"_s].toString().toStdString());
        }
        co_return all;
    }

    std::string photo(std::mt19937_64& rng)
    {
        std::string bytes(static_cast<std::size_t>(m_o.photoBytes), '\0');
        for (std::size_t i = 0; i + 8 <= bytes.size(); i += 8) {
            const quint64 v = rng();
            std::memcpy(bytes.data() + i, &v, 8);
        }
        return bytes;
    }

    awaitable<void> inspectorCycle(Device& d, Conn& s, std::mt19937_64& rng)
    {
        QJsonArray shas;
        for (int p = 0; p < m_o.photos; ++p) {
            const std::string bytes = photo(rng);
            const QByteArray sha = QCryptographicHash::hash(
                QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size())),
                QCryptographicHash::Sha256)
                                       .toHex();
            const Reply r = co_await send(s, http::verb::put, "/api/v1/blobs/" + sha.toStdString(),
                d.token, bytes, "application/octet-stream");
            if (!check("blob", r, { 200, 201 }))
                co_return;
            shas.append(QJsonObject { { u"id"_s, QString::fromLatin1(sha) },
                { u"mime"_s, u"image/jpeg"_s }, { u"size"_s, m_o.photoBytes } });
        }
        const QString enterprise = enterpriseIds[rng() % enterpriseIds.size()];
        const QString inspection = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString hazard = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        const QString description = u"Guard of press %1 missing (%2)"_s.arg(rng() % 40).arg(hazard);
        const QJsonObject location { { u"lat"_s, 43.88 }, { u"lon"_s, 125.25 },
            { u"accuracy_m"_s, 8 }, { u"fix_time"_s, now }, { u"source"_s, u"gps"_s } };
        QJsonArray m;
        std::vector<Expected> records;
        m.append(mutation(d, u"inspection.create"_s, inspection,
            { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"plan"_s },
                { u"mode"_s, u"guidance"_s }, { u"inspector_ids"_s, QJsonArray { d.userId } },
                { u"template_refs"_s, QJsonArray { u"AP-STAMP@1"_s } }, { u"started_at"_s, now },
                { u"location"_s, location } }));
        records.push_back({ u"inspection"_s, inspection, {} });
        for (int item = 1; item <= 3; ++item) {
            const QString answer = QUuid::createUuid().toString(QUuid::WithoutBraces);
            QJsonObject args { { u"inspection_id"_s, inspection },
                { u"item_code"_s, u"AP-STAMP-%1"_s.arg(item, 2, 10, QChar(u'0')) },
                { u"result"_s, item == 3 ? u"fail"_s : u"pass"_s } };
            if (item == 3) {
                args.insert(u"note"_s, u"guard missing"_s);
                args.insert(u"attachments"_s, shas);
            }
            m.append(mutation(d, u"answer.set"_s, answer, args));
            records.push_back({ u"answer"_s, answer, {} });
        }
        m.append(mutation(d, u"hazard.create"_s, hazard,
            { { u"enterprise_id"_s, enterprise }, { u"inspection_id"_s, inspection },
                { u"item_code"_s, u"AP-STAMP-03"_s }, { u"description"_s, description },
                { u"place"_s, u"Press line 2"_s }, { u"level"_s, u"general"_s },
                { u"deadline"_s, QDate::currentDate().addDays(30).toString(Qt::ISODate) },
                { u"location"_s, location }, { u"attachments"_s, shas } }));
        records.push_back({ u"hazard"_s, hazard, description });
        m.append(mutation(d, u"inspection.finish"_s, inspection,
            { { u"finished_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
                { u"refusal_note"_s, u"representative away"_s } }));
        records.push_back({});
        if (co_await push(d, s, m, records))
            co_await pullToEnd(d, s, 1000);
    }

    awaitable<void> enterpriseCycle(Device& d, Conn& s)
    {
        QJsonArray m;
        std::vector<Expected> records;
        if ((d.cycles + d.phase) % 4 == 0) {
            const QString hazard = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const QString description = u"Fire exit blocked (%1)"_s.arg(hazard);
            m.append(mutation(d, u"hazard.create"_s, hazard,
                { { u"enterprise_id"_s, d.enterpriseId }, { u"source"_s, u"self_check"_s },
                    { u"description"_s, description }, { u"place"_s, u"Warehouse"_s },
                    { u"level"_s, u"general"_s },
                    { u"deadline"_s, QDate::currentDate().addDays(14).toString(Qt::ISODate) } }));
            records.push_back({ u"hazard"_s, hazard, description });
        }
        if (co_await push(d, s, m, records))
            co_await pullToEnd(d, s, 1000);
    }

    /// The device's life in the measured window: cycles at its period, the first at a random
    /// offset so that the devices spread over the period.
    awaitable<void> run(Device& d, Clock::time_point end, unsigned seed)
    {
        std::mt19937_64 rng(seed);
        const int period = d.role == Role::Inspector ? m_o.inspectionEvery
            : d.role == Role::Enterprise             ? m_o.syncEvery
                                                     : m_o.supervisorEvery;
        asio::steady_timer timer(m_io);
        auto next
            = Clock::now() + std::chrono::milliseconds(rng() % static_cast<quint64>(period * 1000));
        for (;;) {
            if (next >= end)
                co_return;
            timer.expires_at(next);
            co_await timer.async_wait(asio::use_awaitable);
            ++busy;
            Conn stream(m_io, m_tls);
            if (d.role == Role::Inspector)
                co_await inspectorCycle(d, stream, rng);
            else if (d.role == Role::Enterprise)
                co_await enterpriseCycle(d, stream);
            else
                co_await pullToEnd(d, stream, 1000);
            ++d.cycles;
            --busy;
            stream.close();
            // Inspectors vary ±50 % around their period ("every few minutes"), the rest ±10 %.
            const double spread = d.role == Role::Inspector ? 0.5 : 0.1;
            const double factor
                = 1.0 - spread + 2 * spread * static_cast<double>(rng() % 1000) / 1000.0;
            next += std::chrono::milliseconds(static_cast<qint64>(period * 1000 * factor));
        }
    }

    /// Warm-up worker: logs in and first-syncs devices until none is left.
    awaitable<void> warmUp(std::size_t& nextDevice, int& failed, int& workersLeft)
    {
        while (nextDevice < devices.size() && failed == 0) {
            Device& d = devices[nextDevice++];
            Conn stream(m_io, m_tls);
            bool ok = co_await login(d, stream);
            if (ok)
                ok = co_await pullToEnd(d, stream, 5000);
            if (!ok)
                ++failed;
        }
        --workersLeft;
    }

    /// A supervisor's first sync from the start, every change kept.
    awaitable<void> pullEverything(Device& d, QJsonArray& changes, bool& ok, bool& done)
    {
        Conn stream(m_io, m_tls);
        ok = co_await login(d, stream);
        if (ok)
            ok = co_await pullToEnd(d, stream, 5000, &changes);
        done = true;
    }

    /// Samples the server's resident memory every 500 ms for as long as the loop runs.
    awaitable<void> sampleRss()
    {
        asio::steady_timer timer(m_io);
        for (;;) {
            for (std::size_t i = 0; i < m_pids.size(); ++i)
                rssMaxMiB[i] = std::max(rssMaxMiB[i], memMiB(m_pids[i], "VmRSS:"));
            timer.expires_after(std::chrono::milliseconds(500));
            co_await timer.async_wait(asio::use_awaitable);
        }
    }

private:
    asio::io_context& m_io;
    const Options& m_o;
    asio::ip::tcp::endpoint m_endpoint;
    std::string m_host;
    std::string m_hostHeader;
    asio::ssl::context* m_tls;
    std::vector<int> m_pids;
};

void print(const QJsonObject& o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

bool parseOptions(const QStringList& args, Options& o, QString& error)
{
    // Each whole-number option and its smallest value.
    const std::map<QString, std::pair<int*, int>> ints {
        { u"--inspectors"_s, { &o.inspectors, 1 } }, { u"--enterprises"_s, { &o.enterprises, 1 } },
        { u"--supervisors"_s, { &o.supervisors, 1 } }, { u"--duration"_s, { &o.duration, 1 } },
        { u"--inspection-every"_s, { &o.inspectionEvery, 1 } },
        { u"--sync-every"_s, { &o.syncEvery, 1 } },
        { u"--supervisor-every"_s, { &o.supervisorEvery, 1 } }, { u"--photos"_s, { &o.photos, 0 } },
        { u"--photo-bytes"_s, { &o.photoBytes, 8 } }, { u"--login-jobs"_s, { &o.loginJobs, 1 } }
    };
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        if (i + 1 >= args.size()) {
            error = u"%1 needs a value"_s.arg(a);
            return false;
        }
        const QString value = args[++i];
        if (a == u"--server"_s)
            o.server = value;
        else if (a == u"--data"_s)
            o.dataDir = value;
        else if (a == u"--database"_s)
            o.database = value;
        else if (a == u"--url"_s)
            o.url = value;
        else if (a == u"--ca"_s)
            o.ca = value;
        else if (a == u"--server-pids"_s)
            o.serverPids = value;
        else if (a == u"--nginx-pid-file"_s)
            o.nginxPidFile = value;
        else if (a == u"--postgres-pid-file"_s)
            o.postgresPidFile = value;
        else if (auto it = ints.find(a); it != ints.end()) {
            bool ok = false;
            const auto [target, minimum] = it->second;
            *target = value.toInt(&ok);
            if (!ok || *target < minimum) {
                error = u"%1 wants a whole number ≥ %2, got %3"_s.arg(a).arg(minimum).arg(value);
                return false;
            }
        } else {
            error = u"unknown option %1"_s.arg(a);
            return false;
        }
    }
    if (o.server.isEmpty() || o.dataDir.isEmpty()) {
        error = u"--server BIN and --data DIR are required"_s;
        return false;
    }
    if (!o.url.isEmpty()) {
        const QUrl url(o.url);
        if (!url.isValid() || url.scheme() != u"https"_s || url.host().isEmpty() || url.port() <= 0
            || (url.path() != u""_s && url.path() != u"/"_s)) {
            error = u"--url wants https://HOST:PORT, got %1"_s.arg(o.url);
            return false;
        }
        if (o.ca.isEmpty() || !QFile::exists(o.ca)) {
            error = u"--url needs --ca FILE, the CA certificate the proxy's chains to"_s;
            return false;
        }
        for (const QString& pid : o.serverPids.split(u' ', Qt::SkipEmptyParts)) {
            bool ok = false;
            if (pid.toInt(&ok) <= 0 || !ok) {
                error = u"--server-pids wants process ids separated by spaces, got %1"_s.arg(
                    o.serverPids);
                return false;
            }
        }
    } else if (!o.ca.isEmpty() || !o.serverPids.isEmpty() || !o.nginxPidFile.isEmpty()) {
        error = u"--ca, --server-pids and --nginx-pid-file go with --url"_s;
        return false;
    }
    return true;
}

QStringList storeArgs(const Options& o)
{
    QStringList a { u"--data"_s, o.dataDir };
    if (!o.database.isEmpty())
        a << u"--database"_s << o.database;
    return a;
}

/// Runs one server command to completion; false (and the reason on stderr) when it fails.
bool runServer(const Options& o, const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(o.server, args + storeArgs(o));
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "bench_district: %s failed: %s\n", qPrintable(args.join(u' ')),
            p.readAllStandardError().constData());
        return false;
    }
    return true;
}

QString creditCode(int i)
{
    // 9 (enterprise) 1 (company) 220106 (region), then the running number in the code's
    // alphabet, then the check character.
    const QString alphabet = QString::fromUtf16(core::CreditCode::Alphabet);
    QString tail;
    for (int n = i, k = 0; k < 9; ++k, n /= 31)
        tail.prepend(alphabet.at(n % 31));
    const QString first17 = u"91220106"_s + tail;
    return first17 + *core::CreditCode::checkCharacter(first17);
}

/// init and the enterprises (CSV import) through the server's command line, then the accounts.
bool seed(const Options& o, std::vector<Device>& devices, std::vector<QString>& enterpriseIds)
{
    // Behind a proxy the servers run on the store already (they were started on it).
    if (o.url.isEmpty() && !runServer(o, { u"init"_s }))
        return false;
    const QString csvPath = o.dataDir + u"/load-enterprises.csv"_s;
    QFile csv(csvPath);
    if (!csv.open(QIODevice::WriteOnly))
        return false;
    csv.write("uscc,name,address,street,industry_code,risk_grade,lat,lon\n");
    const QStringList grades { u"red"_s, u"orange"_s, u"yellow"_s, u"blue"_s };
    for (int i = 0; i < o.enterprises; ++i) {
        const QString uscc = creditCode(i);
        enterpriseIds.push_back(uscc);
        csv.write(u"%1,负载企业%2,青禾区工业路%2号,%3,3670,%4,%5,%6\n"_s.arg(uscc)
                      .arg(i + 1)
                      .arg(Streets[i % Streets.size()], grades[i % grades.size()])
                      .arg(43.8 + (i % 100) * 0.001)
                      .arg(125.2 + (i / 100) * 0.001)
                      .toUtf8());
    }
    csv.close();
    if (!runServer(o, { u"enterprise"_s, u"import"_s, csvPath }))
        return false;

    for (int i = 0; i < o.inspectors; ++i) {
        Device d;
        d.role = Role::Inspector;
        d.username = u"load.insp.%1"_s.arg(i + 1, 3, 10, QChar(u'0'));
        devices.push_back(d);
    }
    for (int i = 0; i < o.supervisors; ++i) {
        Device d;
        d.role = Role::Supervisor;
        d.username = u"load.sup.%1"_s.arg(i + 1);
        devices.push_back(d);
    }
    for (int i = 0; i < o.enterprises; ++i) {
        Device d;
        d.role = Role::Enterprise;
        d.username = u"load.ent.%1"_s.arg(i + 1, 4, 10, QChar(u'0'));
        d.phase = i % 4;
        devices.push_back(d);
    }

    // The accounts go in as seed-demo writes its own (server::UserRepository, one Argon2id hash
    // of the shared password, one transaction, then the users' change-log records): one
    // `user add` process per account cost ~1 s each on the loaded build host.
    auto store = server::ServerStore::open({ o.dataDir, o.database });
    if (!store) {
        std::fprintf(stderr, "bench_district: %s\n", qPrintable(store.error().message));
        return false;
    }
    QString connectionName;
    bool ok = false;
    {
        auto db = store.value().connection();
        if (!db) {
            std::fprintf(stderr, "bench_district: %s\n", qPrintable(db.error().message));
            return false;
        }
        connectionName = db.value().connectionName();
        const auto hash = server::secrets::hashPassword(Password);
        // Enterprise accounts get libsodium's cheapest Argon2id parameters (the verifier reads
        // them from the stored string): 2,000 logins at the server's own cost (64 MiB, ~1 s
        // each on the loaded host) would make the warm-up longer than the run, and logins are
        // not part of the 5-minute sync load (a device logs in once a month). Inspectors and
        // supervisors keep the real cost, so the warm-up still measures real logins.
        const QByteArray utf8 = Password.toUtf8();
        char cheap[crypto_pwhash_STRBYTES];
        ok = hash.ok()
            && crypto_pwhash_str(cheap, utf8.constData(),
                   static_cast<unsigned long long>(utf8.size()), crypto_pwhash_OPSLIMIT_MIN,
                   crypto_pwhash_MEMLIMIT_MIN)
                == 0
            && db.value().transaction();
        const QString cheapHash = QString::fromLatin1(cheap);
        for (std::size_t i = 0; ok && i < devices.size(); ++i) {
            const Device& d = devices[i];
            server::UserRecord r;
            r.id = server::newUuidV7();
            r.username = d.username;
            r.name = d.username;
            r.role = d.role == Role::Inspector ? core::Role::Inspector
                : d.role == Role::Supervisor   ? core::Role::Supervisor
                                               : core::Role::Enterprise;
            if (d.role == Role::Inspector)
                r.badge = u"LD%1"_s.arg(i + 1, 5, 10, QChar(u'0'));
            if (d.role == Role::Enterprise)
                r.enterpriseUscc
                    = enterpriseIds[i - static_cast<std::size_t>(o.inspectors + o.supervisors)];
            r.passwordHash = d.role == Role::Enterprise ? cheapHash : hash.value();
            auto w = server::UserRepository::insert(db.value(), r);
            if (!w)
                std::fprintf(stderr, "bench_district: %s\n", qPrintable(w.error().message));
            ok = w.ok();
        }
        if (ok) {
            auto refreshed = server::refreshUserRecords(db.value());
            if (!refreshed)
                std::fprintf(stderr, "bench_district: %s\n", qPrintable(refreshed.error().message));
            ok = refreshed.ok() && db.value().commit();
        }
        if (!ok)
            db.value().rollback();
    }
    core::closeDatabase(connectionName);
    return ok;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    Options o;
    QString error;
    if (!parseOptions(QCoreApplication::arguments(), o, error)) {
        std::fprintf(stderr,
            "bench_district: %s\nusage: bench_district --server BIN --data DIR [--database URL] "
            "[--inspectors N] [--enterprises N] [--supervisors N] [--duration S] "
            "[--inspection-every S] [--sync-every S] [--supervisor-every S] [--photos N] "
            "[--photo-bytes N] [--login-jobs N] [--url https://HOST:PORT --ca FILE "
            "[--server-pids 'PID...'] [--nginx-pid-file FILE]] [--postgres-pid-file FILE]\n",
            qPrintable(error));
        return 2;
    }
    if (!QDir().mkpath(o.dataDir))
        return 2;
    const QString backend = o.database.isEmpty() ? u"sqlite"_s : u"postgresql"_s;

    std::vector<Device> devices;
    std::vector<QString> enterpriseIds;
    const auto seedStart = Clock::now();
    if (!seed(o, devices, enterpriseIds)) {
        std::fprintf(stderr, "bench_district: seeding %s failed\n", qPrintable(o.dataDir));
        return 1;
    }
    print({ { u"bench"_s, u"district_load_seed"_s }, { u"backend"_s, backend },
        { u"accounts"_s, static_cast<qint64>(devices.size()) }, { u"enterprises"_s, o.enterprises },
        { u"seconds"_s, msSince(seedStart) / 1000 } });

    // The server: one started here on 127.0.0.1, or the ones behind the proxy of --url.
    QProcess server;
    int port = 0;
    std::string host = "127.0.0.1";
    std::vector<int> pids;
    std::optional<asio::ssl::context> tls;
    if (o.url.isEmpty()) {
        server.setStandardErrorFile(o.dataDir + u"/server.log"_s);
        server.start(
            o.server, QStringList { u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s } + storeArgs(o));
        while (port == 0 && server.waitForReadyRead(30000)) {
            const QString line = QString::fromUtf8(server.readLine());
            if (line.startsWith(u"listening on http://"_s))
                port = line.trimmed().section(u':', -1).toInt();
        }
        if (port == 0) {
            std::fprintf(stderr, "bench_district: the server did not start (see %s/server.log)\n",
                qPrintable(o.dataDir));
            return 1;
        }
        pids.push_back(static_cast<int>(server.processId()));
    } else {
        const QUrl url(o.url);
        port = url.port();
        host = url.host().toStdString();
        for (const QString& pid : o.serverPids.split(u' ', Qt::SkipEmptyParts))
            pids.push_back(pid.toInt());
        tls.emplace(asio::ssl::context::tls_client);
        tls->set_verify_mode(asio::ssl::verify_peer);
        beast::error_code ec;
        tls->load_verify_file(o.ca.toStdString(), ec);
        if (ec) {
            std::fprintf(stderr, "bench_district: cannot read the CA %s: %s\n", qPrintable(o.ca),
                ec.message().c_str());
            return 2;
        }
    }
    // A pid file's first line: nginx's master, PostgreSQL's postmaster.
    const auto pidFrom = [](const QString& path) {
        QFile f(path);
        return !path.isEmpty() && f.open(QIODevice::ReadOnly) ? f.readLine().trimmed().toInt() : 0;
    };
    const int nginxPid = pidFrom(o.nginxPidFile);
    const int postgresPid = pidFrom(o.postgresPidFile);

    asio::io_context io;
    Load load(io, o, port, host, tls ? &*tls : nullptr, pids);
    load.devices = std::move(devices);
    load.enterpriseIds = std::move(enterpriseIds);

    // Warm-up: every device logs in and makes its first sync, loginJobs at a time.
    const auto warmStart = Clock::now();
    std::size_t nextDevice = 0;
    int warmFailed = 0;
    int workersLeft = o.loginJobs;
    load.stats.recording = true;
    for (int j = 0; j < o.loginJobs; ++j)
        asio::co_spawn(io, load.warmUp(nextDevice, warmFailed, workersLeft), asio::detached);
    asio::co_spawn(io, load.sampleRss(), asio::detached);
    while (workersLeft > 0 && io.run_one() > 0) { }
    print({ { u"bench"_s, u"district_load_warmup"_s }, { u"backend"_s, backend },
        { u"devices"_s, static_cast<qint64>(load.devices.size()) },
        { u"seconds"_s, msSince(warmStart) / 1000 },
        { u"login"_s, load.stats.latency("login", { 0.5, 0.95, 0.99 }) },
        { u"login_enterprise"_s, load.stats.latency("login_enterprise", { 0.5, 0.95, 0.99 }) },
        { u"first_pull"_s, load.stats.latency("pull", { 0.5, 0.95, 0.99 }) },
        { u"errors"_s, load.stats.errorsJson() },
        { u"server_rss_max_mib"_s, largest(load.rssMaxMiB) } });
    if (warmFailed > 0 || load.stats.errorTotal() > 0)
        return 1;

    // The measured window.
    load.stats = Stats {};
    load.stats.recording = true;
    load.rssMaxMiB.assign(pids.size(), 0.0);
    const auto start = Clock::now();
    std::vector<double> cpuStart;
    for (const int pid : pids)
        cpuStart.push_back(cpuSeconds(pid));
    const std::vector<int> nginx = nginxPid > 0 ? withChildren(nginxPid) : std::vector<int> {};
    double nginxCpuStart = 0;
    for (const int pid : nginx)
        nginxCpuStart += cpuSeconds(pid);
    // PostgreSQL: the postmaster with its backends that ended (it waits for them) and the
    // ones alive.
    const auto postgresCpu = [postgresPid] {
        double cpu = cpuSeconds(postgresPid, true);
        for (const int pid : withChildren(postgresPid))
            cpu += pid == postgresPid ? 0 : cpuSeconds(pid);
        return cpu;
    };
    const double postgresCpuStart = postgresPid > 0 ? postgresCpu() : 0;
    const auto end = start + std::chrono::seconds(o.duration);
    std::mt19937 seeds(20261204);
    for (Device& d : load.devices)
        asio::co_spawn(io, load.run(d, end, static_cast<unsigned>(seeds())), asio::detached);
    io.run_until(end);
    // In-flight cycles finish (at most a minute); none starts after the end.
    const auto drainUntil = Clock::now() + std::chrono::seconds(60);
    while (load.busy > 0 && Clock::now() < drainUntil)
        io.run_for(std::chrono::milliseconds(50));
    const double seconds = msSince(start) / 1000;
    // Each process's memory and CPU in the window; the server's figures are their sum (CPU)
    // and largest (memory).
    QJsonArray processes;
    double serverCpu = 0;
    for (std::size_t i = 0; i < pids.size(); ++i) {
        const double cpu = cpuSeconds(pids[i]) - cpuStart[i];
        serverCpu += cpu;
        processes.append(QJsonObject { { u"pid"_s, pids[i] },
            { u"rss_max_mib"_s, std::round(load.rssMaxMiB[i] * 10) / 10 },
            { u"vmhwm_mib"_s, std::round(memMiB(pids[i], "VmHWM:") * 10) / 10 },
            { u"cpu_s"_s, std::round(cpu * 10) / 10 } });
    }
    double nginxCpu = 0;
    for (const int pid : nginx)
        nginxCpu += cpuSeconds(pid);
    nginxCpu -= nginxCpuStart;
    const double databaseCpu = postgresPid > 0 ? postgresCpu() - postgresCpuStart : -1;
    const double rssMax = largest(load.rssMaxMiB);
    double vmhwm = 0;
    for (const int pid : pids)
        vmhwm = std::max(vmhwm, memMiB(pid, "VmHWM:"));
    Stats measured = load.stats;

    // Every applied mutation must reach a supervisor's first sync afterwards.
    load.stats = Stats {};
    load.stats.recording = true;
    Device checker;
    checker.role = Role::Supervisor;
    checker.username = u"load.sup.1"_s;
    QJsonArray changes;
    bool pulled = false;
    bool checked = false;
    asio::co_spawn(io, load.pullEverything(checker, changes, pulled, checked), asio::detached);
    while (!checked && io.run_one() > 0) { }
    QHash<QString, QJsonObject> seen;
    for (const auto& c : changes) {
        const QJsonObject change = c.toObject();
        const QString key = change[u"entity"_s].toString() + u':' + change[u"id"_s].toString();
        if (change[u"op"_s].toString() == u"put"_s)
            seen.insert(key, change[u"fields"_s].toObject());
        else
            seen.remove(key);
    }
    int missing = 0;
    for (const Expected& e : load.expected) {
        const auto it = seen.constFind(e.entity + u':' + e.id);
        if (it == seen.constEnd()
            || (!e.description.isEmpty()
                && it->value(u"description"_s).toString() != e.description))
            ++missing;
    }
    const long pushes = static_cast<long>(measured.ms["push"].size());
    print({ { u"bench"_s, u"district_load"_s }, { u"backend"_s, backend },
        { u"inspectors"_s, o.inspectors }, { u"enterprises"_s, o.enterprises },
        { u"supervisors"_s, o.supervisors }, { u"seconds"_s, std::round(seconds * 10) / 10 },
        { u"push"_s, measured.latency("push", { 0.5, 0.95, 0.99 }) },
        { u"pull"_s, measured.latency("pull", { 0.5, 0.95, 0.99 }) },
        { u"blob"_s, measured.latency("blob", { 0.5, 0.95, 0.99 }) },
        { u"push_inspection"_s, measured.latency("push_inspection", { 0.5, 0.95, 0.99 }) },
        { u"push_self_check"_s, measured.latency("push_self_check", { 0.5, 0.95, 0.99 }) },
        { u"pushes"_s, static_cast<qint64>(pushes) },
        { u"mutations_applied"_s, static_cast<qint64>(load.expected.size()) },
        { u"requests"_s, static_cast<qint64>(measured.requests) },
        { u"requests_per_s"_s,
            std::round(static_cast<double>(measured.requests) / seconds * 100) / 100 },
        { u"errors"_s, measured.errorsJson() }, { u"errors_total"_s, measured.errorTotal() },
        { u"server_cpu_s"_s, std::round(serverCpu * 10) / 10 },
        { u"server_cpu_ms_per_request"_s,
            measured.requests > 0
                ? std::round(serverCpu * 1000 / static_cast<double>(measured.requests) * 100) / 100
                : -1 },
        { u"server_rss_max_mib"_s, std::round(rssMax * 10) / 10 },
        { u"server_vmhwm_mib"_s, std::round(vmhwm * 10) / 10 }, { u"processes"_s, processes },
        { u"nginx_cpu_s"_s, nginx.empty() ? -1 : std::round(nginxCpu * 10) / 10 },
        { u"postgres_cpu_s"_s, std::round(databaseCpu * 10) / 10 } });
    print({ { u"bench"_s, u"district_load_check"_s }, { u"backend"_s, backend },
        { u"pulled"_s, pulled }, { u"changes"_s, static_cast<qint64>(changes.size()) },
        { u"expected"_s, static_cast<qint64>(load.expected.size()) }, { u"missing"_s, missing },
        { u"errors"_s, load.stats.errorsJson() } });

    if (o.url.isEmpty()) {
        ::kill(static_cast<pid_t>(pids.front()), SIGTERM);
        server.waitForFinished(30000);
    }
    return measured.errorTotal() == 0 && pulled && missing == 0 ? 0 : 1;
}
