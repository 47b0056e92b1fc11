// Push throughput (issue 17 #3, docs/performance.md): the real safeloop-server on 127.0.0.1, on
// SQLite and on a temporary PostgreSQL 15 cluster with durable commits (fsync and
// synchronous_commit on). One device pushes N hazards (`hazard.create`) in batches of B; then D
// devices push N hazards together, N/D each in batches of B/10, and every answer is checked (all
// applied, none refused, none failed). Prints one JSON line per run.
//
//   bench_push [sqlite|pg|both]   (default both)
//   SAFELOOP_BENCH_MUTATIONS (N, default 10000), SAFELOOP_BENCH_BATCH (B, default 500),
//   SAFELOOP_BENCH_DEVICES (D, default 50)
#include "core/creditcode.h"

#include "tests/support/pgcluster.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

const QByteArray Password = "Anquan-2026-jiancha";

int envInt(const char* name, int fallback)
{
    return qEnvironmentVariableIsSet(name) ? qEnvironmentVariableIntValue(name) : fallback;
}

void printLine(const QJsonObject& o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

QString enterpriseCode()
{
    const QString first17 = u"912201010000000%1"_s.arg(42, 2, 10, QChar(u'0'));
    return first17 + *core::CreditCode::checkCharacter(first17);
}

QString hlcNow(int counter)
{
    return QString::number(QDateTime::currentMSecsSinceEpoch(), 16).rightJustified(12, u'0')
        + QString::number(counter & 0xffff, 16).rightJustified(4, u'0');
}

QJsonObject mutation(
    qint64 id, const QString& name, const QString& entityId, const QJsonObject& args)
{
    return { { u"id"_s, id }, { u"name"_s, name }, { u"entity_id"_s, entityId },
        { u"hlc"_s, hlcNow(static_cast<int>(id)) }, { u"args"_s, args } };
}

QJsonObject hazard(const QString& enterprise, qint64 n)
{
    return { { u"enterprise_id"_s, enterprise },
        { u"description"_s, u"Guard rail missing at press %1"_s.arg(n) },
        { u"place"_s, u"Press line %1"_s.arg(n % 12) }, { u"level"_s, u"general"_s },
        { u"deadline"_s, u"2099-01-10"_s }, { u"attachments"_s, QJsonArray {} } };
}

std::string loginToken(int port, const QString& user, const QString& device)
{
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    const QJsonObject body { { u"username"_s, user },
        { u"password"_s, QString::fromUtf8(Password) }, { u"device_id"_s, device },
        { u"device_name"_s, u"bench"_s } };
    auto r = c.Post("/api/v1/auth/login",
        QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
    if (!r || r->status != 200)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromStdString(r->body))
        .object()
        .value(u"access_token"_s)
        .toString()
        .toStdString();
}

/// One push answer: HTTP status, how many results were `applied`, and the time it took.
struct Answer {
    int status = 0;
    int applied = 0;
    int results = 0;
    double ms = 0;
};

Answer push(httplib::Client& c, const std::string& token, const QString& client,
    const QJsonArray& mutations)
{
    const QJsonObject body { { u"client_id"_s, client }, { u"schema_version"_s, 1 },
        { u"mutations"_s, mutations } };
    const std::string text = QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString();
    QElapsedTimer t;
    t.start();
    auto r = c.Post(
        "/api/v1/sync/push", { { "Authorization", "Bearer " + token } }, text, "application/json");
    Answer a;
    a.ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
    if (!r)
        return a;
    a.status = r->status;
    const QJsonArray results
        = QJsonDocument::fromJson(QByteArray::fromStdString(r->body))[u"results"_s].toArray();
    a.results = static_cast<int>(results.size());
    for (const auto& item : results)
        if (item[u"status"_s].toString() == u"applied"_s)
            ++a.applied;
    return a;
}

/// CPU time the server process has used so far (user + system), in ms; its share of the two
/// shared cores varies with the machine's load, its CPU per mutation does not.
double serverCpuMs(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = f.readAll();
    // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    const double ticks = fields.at(11).toDouble() + fields.at(12).toDouble();
    return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

/// A server with a supervisor and an inspector, and one enterprise the hazards belong to.
struct Setup {
    test::ServerProcess server;
    std::string inspectorToken;
    QString enterprise;
};

bool setUp(Setup& s, const QString& data, const QString& databaseUrl)
{
    QStringList db;
    if (!databaseUrl.isEmpty())
        db = { u"--database"_s, databaseUrl };
    if (test::runServerCommand(QStringList { u"init"_s, u"--data"_s, data } + db).exitCode != 0)
        return false;
    for (const auto& [user, role] : { std::pair { u"zhao.lead"_s, u"supervisor"_s },
             std::pair { u"li.inspector"_s, u"inspector"_s } }) {
        QStringList add { u"user"_s, u"add"_s, u"--data"_s, data, u"--username"_s, user,
            u"--role"_s, role };
        if (role == u"inspector"_s)
            add << u"--badge"_s << u"22010042"_s;
        if (test::runServerCommand(add + db, Password + "\n").exitCode != 0)
            return false;
    }
    if (!s.server.start(data, db))
        return false;
    const std::string lead = loginToken(s.server.port(), u"zhao.lead"_s, u"bench-lead"_s);
    s.inspectorToken = loginToken(s.server.port(), u"li.inspector"_s, u"bench-inspector"_s);
    if (lead.empty() || s.inspectorToken.empty())
        return false;
    s.enterprise = enterpriseCode();
    httplib::Client c("127.0.0.1", s.server.port());
    c.set_read_timeout(60, 0);
    const QJsonObject args { { u"name"_s, u"Riverside Stamping"_s },
        { u"address"_s, u"1 Riverside Road"_s }, { u"street"_s, u"North"_s },
        { u"industry_code"_s, u"C3670"_s }, { u"risk_grade"_s, u"orange"_s }, { u"lat"_s, 43.88 },
        { u"lon"_s, 125.35 } };
    const Answer a = push(c, lead, u"bench-lead"_s,
        QJsonArray { mutation(1, u"enterprise.upsert"_s, s.enterprise, args) });
    return a.status == 200 && a.applied == 1;
}

/// One device, N mutations in batches of B, one after the other.
QJsonObject oneDevice(Setup& s, const QString& backend, int n, int batch)
{
    httplib::Client c("127.0.0.1", s.server.port());
    c.set_read_timeout(120, 0);
    c.set_keep_alive(true);
    std::vector<double> ms;
    int applied = 0;
    int failed = 0;
    const double cpu0 = serverCpuMs(s.server.pid());
    QElapsedTimer t;
    t.start();
    for (qint64 first = 1; first <= n; first += batch) {
        QJsonArray ms_;
        for (qint64 id = first; id < first + batch && id <= n; ++id)
            ms_.append(mutation(id, u"hazard.create"_s,
                QUuid::createUuid().toString(QUuid::WithoutBraces), hazard(s.enterprise, id)));
        const Answer a = push(c, s.inspectorToken, u"bench-one"_s, ms_);
        ms.push_back(a.ms);
        applied += a.applied;
        if (a.status != 200)
            ++failed;
    }
    const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
    const double cpuMs = serverCpuMs(s.server.pid()) - cpu0;
    return { { u"bench"_s, u"push_one_device"_s },
        { u"server_cpu_ms_per_1000"_s, cpuMs * 1000.0 / std::max(1, applied) },
        { u"backend"_s, backend }, { u"mutations"_s, n }, { u"batch"_s, batch },
        { u"applied"_s, applied }, { u"failed_requests"_s, failed }, { u"seconds"_s, seconds },
        { u"mutations_per_s"_s, static_cast<double>(applied) / seconds },
        { u"batch_p50_ms"_s, percentile(ms, 0.5) }, { u"batch_p95_ms"_s, percentile(ms, 0.95) },
        { u"batch_max_ms"_s, percentile(ms, 1.0) } };
}

/// D devices at once, N/D mutations each in batches of `batch`.
QJsonObject manyDevices(Setup& s, const QString& backend, int n, int devices, int batch)
{
    const int each = n / devices;
    std::vector<std::vector<double>> ms(static_cast<std::size_t>(devices));
    std::atomic<int> applied { 0 };
    std::atomic<int> errors { 0 };
    std::vector<std::thread> threads;
    const double cpu0 = serverCpuMs(s.server.pid());
    QElapsedTimer t;
    t.start();
    for (int d = 0; d < devices; ++d)
        threads.emplace_back([&, d] {
            httplib::Client c("127.0.0.1", s.server.port());
            c.set_read_timeout(120, 0);
            c.set_keep_alive(true);
            const QString client = u"bench-many-%1"_s.arg(d);
            for (qint64 first = 1; first <= each; first += batch) {
                QJsonArray list;
                for (qint64 id = first; id < first + batch && id <= each; ++id)
                    list.append(mutation(id, u"hazard.create"_s,
                        QUuid::createUuid().toString(QUuid::WithoutBraces),
                        hazard(s.enterprise, id)));
                const Answer a = push(c, s.inspectorToken, client, list);
                ms[static_cast<std::size_t>(d)].push_back(a.ms);
                applied += a.applied;
                if (a.status != 200 || a.applied != list.size())
                    ++errors;
            }
        });
    for (auto& th : threads)
        th.join();
    const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
    std::vector<double> all;
    for (const auto& v : ms)
        all.insert(all.end(), v.begin(), v.end());
    const double cpuMs = serverCpuMs(s.server.pid()) - cpu0;
    return { { u"bench"_s, u"push_many_devices"_s },
        { u"server_cpu_ms_per_1000"_s, cpuMs * 1000.0 / std::max(1, applied.load()) },
        { u"backend"_s, backend }, { u"devices"_s, devices }, { u"mutations"_s, each * devices },
        { u"batch"_s, batch }, { u"requests"_s, static_cast<int>(all.size()) },
        { u"applied"_s, applied.load() }, { u"errors"_s, errors.load() }, { u"seconds"_s, seconds },
        { u"mutations_per_s"_s, static_cast<double>(applied.load()) / seconds },
        { u"push_p50_ms"_s, percentile(all, 0.5) }, { u"push_p95_ms"_s, percentile(all, 0.95) },
        { u"push_p99_ms"_s, percentile(all, 0.99) }, { u"push_max_ms"_s, percentile(all, 1.0) } };
}

bool runBackend(const QString& backend, int n, int batch, int devices)
{
    QTemporaryDir dir(QDir::currentPath() + u"/push-bench-XXXXXX"_s);
    test::PgCluster cluster;
    QString url;
    if (backend == u"pg"_s) {
        cluster.setDurable(true);
        if (!cluster.start()) {
            std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(cluster.error()));
            return false;
        }
        url = cluster.createDatabase(u"safeloop_push_bench"_s);
        if (url.isEmpty())
            return false;
    }
    Setup s;
    if (!setUp(s, dir.filePath(u"server"_s), url)) {
        std::fprintf(stderr, "%s: server setup failed\n", qPrintable(backend));
        return false;
    }
    const QJsonObject one = oneDevice(s, backend, n, batch);
    printLine(one);
    const QJsonObject many = manyDevices(s, backend, n, devices, std::max(1, batch / 10));
    printLine(many);
    s.server.stop();
    return one[u"applied"_s].toInt() == n && many[u"errors"_s].toInt() == 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QString which = argc > 1 ? QString::fromLocal8Bit(argv[1]) : u"both"_s;
    const int n = envInt("SAFELOOP_BENCH_MUTATIONS", 10000);
    const int batch = envInt("SAFELOOP_BENCH_BATCH", 500);
    const int devices = envInt("SAFELOOP_BENCH_DEVICES", 50);
    if (n < 1 || batch < 1 || devices < 1
        || (which != u"sqlite"_s && which != u"pg"_s && which != u"both"_s)) {
        std::fprintf(stderr, "usage: bench_push [sqlite|pg|both]\n");
        return 2;
    }
    bool ok = true;
    if (which != u"pg"_s)
        ok = runBackend(u"sqlite"_s, n, batch, devices) && ok;
    if (which != u"sqlite"_s)
        ok = runBackend(u"pg"_s, n, batch, devices) && ok;
    return ok ? 0 : 1;
}
