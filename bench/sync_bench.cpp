// Sync benchmark (plain timed executable): first sync of N records to an empty device against the
// real safeloop-server on 127.0.0.1 (its store seeded directly with N enterprises), next to a raw
// SQLite insert of the same rows, and a no-op cycle's round trips, bytes and time.
// N = SAFELOOP_BENCH_RECORDS (default 100000).
#include "sync/syncengine.h"
#include "tests/support/fileconnection.h"

#include "core/creditcode.h"
#include "core/database.h"
#include "core/domain.h"

#include "tests/support/serverprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <brotli/encode.h>
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <vector>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

const QByteArray Password = "Anquan-2026-jiancha";

/// CLOCK_MONOTONIC in seconds (what `perf record -k CLOCK_MONOTONIC` stamps samples with).
double monotonicSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// CPU seconds this process has used (all its threads).
double ownCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// CPU seconds (user + system, all threads) process `pid` has used, from /proc; -1 if unknown.
double processCpuSeconds(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (f.size() < 13)
        return -1;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (f.at(11).toDouble() + f.at(12).toDouble()) / ticks;
}

QString code(int n)
{
    const QString first17 = u"91220101%1"_s.arg(n, 9, 10, QChar(u'0'));
    return first17 + *core::CreditCode::checkCharacter(first17);
}

QJsonObject args(int n)
{
    return { { u"name"_s, u"Riverside Works %1"_s.arg(n) },
        { u"address"_s, u"%1 Riverside Road"_s.arg(n) }, { u"street"_s, u"North"_s },
        { u"industry_code"_s, u"C33"_s }, { u"risk_grade"_s, u"blue"_s },
        { u"lat"_s, 31.2 + (n % 1000) * 0.0001 }, { u"lon"_s, 121.4 + (n % 1000) * 0.0001 } };
}

/// Writes N enterprises straight into the (stopped) server's SQLite store as
/// `enterprise.upsert` would, each with its change-log entry, in one transaction.
bool seedServer(const QString& dataDir, int n)
{
    auto opened = core::openSqlite(QDir(dataDir).filePath(u"safeloop.db"_s), u"seed"_s);
    if (!opened.ok())
        return false;
    bool ok = true;
    {
        QSqlDatabase db = opened.value();
        db.transaction();
        QSqlQuery counter(db);
        counter.exec(u"SELECT last_seq FROM change_counter WHERE id = 1"_s);
        qint64 seq = counter.next() ? counter.value(0).toLongLong() : 0;
        counter.finish();
        QSqlQuery rec(db);
        ok = rec.prepare(u"INSERT INTO enterprises (id, street, risk_grade, doc, versions, hlcs, "
                         u"created_at, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)"_s);
        QSqlQuery log(db);
        ok = ok
            && log.prepare(
                u"INSERT INTO change_log (seq, entity, record_id, enterprise_id, street, "
                u"prev_street, at) VALUES (?, 'enterprise', ?, ?, ?, NULL, ?)"_s);
        const QString at = u"2026-11-25T10:00:00.000Z"_s;
        for (int i = 1; ok && i <= n; ++i) {
            QJsonObject a = args(i);
            a.insert(u"uscc"_s, code(i));
            auto e = core::Enterprise::fromJson(a);
            if (!e.ok())
                return false;
            QJsonObject doc = e.value().toJson();
            doc.remove(u"created_at"_s);
            doc.remove(u"updated_at"_s);
            const QString hlc
                = u"%1"_s.arg(0x193a0000000ULL + static_cast<quint64>(i), 12, 16, QChar(u'0'))
                + u"0000"_s;
            QJsonObject versions, hlcs;
            for (auto it = doc.constBegin(); it != doc.constEnd(); ++it) {
                versions.insert(it.key(), 1);
                hlcs.insert(it.key(), hlc);
            }
            doc.insert(u"created_at"_s, at);
            doc.insert(u"updated_at"_s, at);
            const QVariantList values { code(i), u"North"_s, u"blue"_s,
                QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)),
                QString::fromUtf8(QJsonDocument(versions).toJson(QJsonDocument::Compact)),
                QString::fromUtf8(QJsonDocument(hlcs).toJson(QJsonDocument::Compact)), at, at };
            for (int c = 0; c < values.size(); ++c)
                rec.bindValue(c, values.at(c));
            const QVariantList entry { ++seq, code(i), code(i), u"North"_s,
                QVariant(static_cast<qint64>(1764064800000)) };
            for (int c = 0; c < entry.size(); ++c)
                log.bindValue(c, entry.at(c));
            ok = rec.exec() && log.exec();
        }
        QSqlQuery bump(db);
        bump.prepare(u"UPDATE change_counter SET last_seq = ? WHERE id = 1"_s);
        bump.addBindValue(seq);
        ok = ok && bump.exec() && db.commit();
    }
    opened = core::makeError(u"closed"_s, QString());
    core::closeDatabase(u"seed"_s);
    return ok;
}

std::unique_ptr<sync::SyncEngine> device(const QTemporaryDir& dir, const QString& name, int port)
{
    sync::SyncEngine::Options o;
    o.serverUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    o.databasePath = dir.filePath(name + u".db"_s);
    o.blobRoot = dir.filePath(name + u"-blobs"_s);
    o.deviceId = u"0193a000-0000-7000-8000-0000000000%1"_s.arg(name.size(), 2, 10, QChar(u'0'));
    o.deviceName = name;
    o.pullLimit = 5000;
    auto e = sync::SyncEngine::open(o);
    if (!e.ok() || !e.value()->login(u"zhao.lead"_s, QString::fromUtf8(Password)).ok())
        return {};
    return std::move(e.value());
}

constexpr int RawColumns = 8;
const QString RawTable
    = u"CREATE TABLE enterprises (id TEXT PRIMARY KEY, street TEXT, risk_grade TEXT, doc TEXT "
      u"NOT NULL, versions TEXT NOT NULL, hlcs TEXT NOT NULL, created_at TEXT NOT NULL, "
      u"updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0)"_s;
const QString RawInsert = u"INSERT INTO enterprises (id, street, risk_grade, doc, versions, hlcs, "
                          u"created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s;

/// Rows per second inserting `rows` through QtSql into a new database at `path` (the pragmas
/// of core::openSqlite: WAL, synchronous=FULL); 0 on failure.
double rawInsertQtSql(const QString& path, const QList<QVariantList>& rows)
{
    double rate = 0;
    auto opened = core::openSqlite(path, u"raw"_s);
    if (!opened.ok())
        return 0;
    {
        QSqlDatabase db = opened.value();
        QSqlQuery create(db);
        if (!create.exec(RawTable))
            return 0;
        QElapsedTimer t;
        t.start();
        db.transaction();
        QSqlQuery q(db);
        q.prepare(RawInsert);
        bool ok = true;
        for (const auto& row : rows) {
            for (int c = 0; c < RawColumns; ++c)
                q.bindValue(c, row.at(c));
            ok = q.exec() && ok;
        }
        ok = db.commit() && ok;
        if (ok)
            rate = static_cast<double>(rows.size()) / (static_cast<double>(t.nsecsElapsed()) / 1e9);
    }
    opened = core::makeError(u"closed"_s, QString());
    core::closeDatabase(u"raw"_s);
    return rate;
}

/// The same through SQLite's C API: the UTF-8 text prepared before the clock starts, bound
/// without copies. 0 on failure.
double rawInsertCApi(const QString& path, const QList<QVariantList>& rows)
{
    std::vector<std::array<QByteArray, RawColumns>> text;
    text.reserve(static_cast<std::size_t>(rows.size()));
    for (const auto& row : rows) {
        std::array<QByteArray, RawColumns> t;
        for (int c = 0; c < RawColumns; ++c)
            t[static_cast<std::size_t>(c)] = row.at(c).toString().toUtf8();
        text.push_back(std::move(t));
    }
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return 0;
    }
    auto exec = [db](const QString& sql) {
        return sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    };
    double rate = 0;
    sqlite3_stmt* insert = nullptr;
    if (exec(u"PRAGMA journal_mode = WAL"_s) && exec(u"PRAGMA synchronous = FULL"_s)
        && exec(RawTable)
        && sqlite3_prepare_v2(db, RawInsert.toUtf8().constData(), -1, &insert, nullptr)
            == SQLITE_OK) {
        QElapsedTimer t;
        t.start();
        bool ok = exec(u"BEGIN"_s);
        for (const auto& row : text) {
            for (int c = 0; ok && c < RawColumns; ++c) {
                const QByteArray& v = row[static_cast<std::size_t>(c)];
                ok = sqlite3_bind_text(
                         insert, c + 1, v.constData(), static_cast<int>(v.size()), SQLITE_STATIC)
                    == SQLITE_OK;
            }
            ok = ok && sqlite3_step(insert) == SQLITE_DONE;
            sqlite3_reset(insert);
        }
        ok = exec(u"COMMIT"_s) && ok;
        if (ok)
            rate = static_cast<double>(text.size()) / (static_cast<double>(t.nsecsElapsed()) / 1e9);
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return rate;
}

struct CycleResultSummary {
    bool ok = false;
    int roundTrips = 0;
    long long bytes = 0;
};

/// The first 5,000-record pull page as the server writes it (uncompressed), or empty.
QByteArray firstPage(int port)
{
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    const QJsonObject login { { u"username"_s, u"zhao.lead"_s },
        { u"password"_s, QString::fromUtf8(Password) },
        { u"device_id"_s, u"0193a000-0000-7000-8000-000000000099"_s },
        { u"device_name"_s, u"brotli-bench"_s } };
    auto r = c.Post("/api/v1/auth/login",
        QJsonDocument(login).toJson(QJsonDocument::Compact).toStdString(), "application/json");
    if (!r || r->status != 200)
        return {};
    const std::string token = QJsonDocument::fromJson(QByteArray::fromStdString(r->body))
                                  .object()
                                  .value(u"access_token"_s)
                                  .toString()
                                  .toStdString();
    c.set_decompress(false);
    auto page = c.Get("/api/v1/sync/pull?limit=5000",
        { { "Authorization", "Bearer " + token }, { "Accept-Encoding", "identity" } });
    if (!page || page->status != 200 || page->has_header("Content-Encoding"))
        return {};
    return QByteArray::fromStdString(page->body);
}

/// Brotli qualities 1..5 on one pull page, as the server compresses it (text mode, default
/// window): the median CPU time of 9 runs each and the compressed size.
void measureBrotli(const QByteArray& page)
{
    std::printf("Brotli on one %lld-byte pull page (the first 5,000 records):\n",
        static_cast<long long>(page.size()));
    const auto size = static_cast<std::size_t>(page.size());
    std::string out(BrotliEncoderMaxCompressedSize(size), '\0');
    for (int quality = 1; quality <= 5; ++quality) {
        std::vector<double> ms;
        std::size_t outSize = 0;
        for (int run = 0; run < 9; ++run) {
            outSize = out.size();
            const double cpu0 = ownCpuSeconds();
            const bool ok = BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                                size, reinterpret_cast<const std::uint8_t*>(page.constData()),
                                &outSize, reinterpret_cast<std::uint8_t*>(out.data()))
                == BROTLI_TRUE;
            ms.push_back(ok ? 1e3 * (ownCpuSeconds() - cpu0) : -1);
        }
        std::sort(ms.begin(), ms.end());
        std::printf("  quality %d: %.1f ms CPU (median of 9), %zu bytes (%.1f %% of the page)\n",
            quality, ms.at(4), outSize,
            100.0 * static_cast<double>(outSize) / static_cast<double>(page.size()));
    }
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int n = qEnvironmentVariableIsSet("SAFELOOP_BENCH_RECORDS")
        ? qEnvironmentVariableIntValue("SAFELOOP_BENCH_RECORDS")
        : 100000;
    QTemporaryDir dir(QDir::currentPath() + u"/sync-bench-XXXXXX"_s);
    const QString data = dir.filePath(u"server"_s);
    if (test::runServerCommand({ u"init"_s, u"--data"_s, data }).exitCode != 0
        || test::runServerCommand({ u"user"_s, u"add"_s, u"--data"_s, data, u"--username"_s,
                                      u"zhao.lead"_s, u"--role"_s, u"supervisor"_s },
               Password + "\n")
                .exitCode
            != 0) {
        std::fprintf(stderr, "server setup failed\n");
        return 1;
    }
    QElapsedTimer t;
    t.start();
    if (!seedServer(data, n)) {
        std::fprintf(stderr, "seeding the server store failed\n");
        return 1;
    }
    std::printf("seeded the server store with %d enterprises in %.1f s\n", n,
        static_cast<double>(t.elapsed()) / 1000.0);
    test::ServerProcess server;
    if (!server.start(data))
        return 1;

    // First sync of an empty device.
    auto fresh = device(dir, u"fresh-device"_s, server.port());
    if (!fresh)
        return 1;
    const double deviceCpu0 = ownCpuSeconds();
    const double serverCpu0 = processCpuSeconds(server.pid());
    const double window0 = monotonicSeconds();
    t.restart();
    const auto first = fresh->runCycle();
    const double firstS = static_cast<double>(t.nsecsElapsed()) / 1e9;
    const double window1 = monotonicSeconds();
    const double deviceCpu = ownCpuSeconds() - deviceCpu0;
    const double serverCpu = processCpuSeconds(server.pid()) - serverCpu0;
    std::printf("first sync: %d records in %.2f s = %.0f records/s (%s, %d round trips)\n",
        first.pulled, firstS, first.pulled / firstS, first.ok ? "ok" : "FAILED", first.roundTrips);
    // CPU time holds up on a shared machine where the wall clock does not.
    std::printf("  CPU during the first sync: device %.2f s (%.1f us/record), server %.2f s "
                "(%.1f us/record)\n",
        deviceCpu, 1e6 * deviceCpu / std::max(1, first.pulled), serverCpu,
        1e6 * serverCpu / std::max(1, first.pulled));
    std::printf(
        "  first sync window (CLOCK_MONOTONIC, for perf --time): %.6f,%.6f\n", window0, window1);
    {
        // The server's share: its access log times each request from routing to the response.
        double serverMs = 0;
        int pages = 0;
        for (const auto& line : server.errorOutput().split(u'\n')) {
            const QJsonObject entry = QJsonDocument::fromJson(line.toUtf8()).object();
            if (entry.value(u"path"_s).toString() == u"/api/v1/sync/pull"_s) {
                serverMs += entry.value(u"duration_ms"_s).toDouble();
                ++pages;
            }
        }
        // The device applies page n while the server builds page n + 1, so the two overlap.
        std::printf("  server time building %d pull pages: %.2f s (overlapping the device's "
                    "work)\n",
            pages, serverMs / 1000.0);
    }

    // Raw SQLite insert of the same rows (read back from the device, so the bytes match), into
    // a table of the same shape with the same pragmas: one prepared statement, one transaction.
    // Twice: through QtSql, as the device writes, and through SQLite's C API binding UTF-8
    // (no QVariant, no UTF-16); the sync is compared with the faster of the two.
    int stored = 0;
    double rawRate = 0;
    {
        QList<QVariantList> rows;
        test::FileConnection rFile(fresh->options().databasePath);
        QSqlQuery r(rFile.db());
        r.exec(u"SELECT id, street, risk_grade, doc, versions, hlcs, created_at, updated_at "
               u"FROM enterprises"_s);
        while (r.next()) {
            QVariantList row;
            for (int c = 0; c < RawColumns; ++c)
                row << r.value(c);
            rows << row;
        }
        stored = static_cast<int>(rows.size());
        const double qtSql = rawInsertQtSql(dir.filePath(u"raw-qtsql.db"_s), rows);
        const double cApi = rawInsertCApi(dir.filePath(u"raw-capi.db"_s), rows);
        if (qtSql <= 0 || cApi <= 0) {
            std::fprintf(stderr, "the raw insert failed\n");
            return 1;
        }
        rawRate = std::max(qtSql, cApi);
        std::printf("raw SQLite insert of the same %lld rows: %.0f rows/s through QtSql, %.0f "
                    "rows/s through the C API; sync = %.0f %% of the faster\n",
            static_cast<long long>(rows.size()), qtSql, cApi,
            100.0 * (first.pulled / firstS) / rawRate);
    }
    if (stored != n)
        std::printf("the device holds %d enterprises, expected %d: FAILED\n", stored, n);

    // No-op cycles: the median and worst of 21 (the machine is shared; one sample is noise).
    QList<double> noopMs;
    CycleResultSummary noop;
    for (int i = 0; i < 21; ++i) {
        t.restart();
        const auto r = fresh->runCycle();
        noopMs << static_cast<double>(t.nsecsElapsed()) / 1e6;
        noop.ok = (i == 0 || noop.ok) && r.ok;
        noop.roundTrips = std::max(noop.roundTrips, r.roundTrips);
        noop.bytes = std::max(noop.bytes, static_cast<long long>(r.bytesSent + r.bytesReceived));
    }
    std::sort(noopMs.begin(), noopMs.end());
    std::printf("no-op cycle: %d round trip(s), %lld bytes, median %.1f ms, worst %.1f ms of 21 "
                "(%s)\n",
        noop.roundTrips, noop.bytes, noopMs.at(10), noopMs.last(), noop.ok ? "ok" : "FAILED");

    // What each Brotli quality costs and saves on a big page (server/httproutes_sync.cpp).
    const QByteArray page = firstPage(server.port());
    if (page.isEmpty())
        std::printf("reading one uncompressed pull page failed\n");
    else
        measureBrotli(page);
    return first.ok && noop.ok && stored == n ? 0 : 1;
}
