// Sync benchmark (plain timed executable): first sync of N records to an empty device against the
// real safeloop-server on 127.0.0.1, next to a raw SQLite insert of the same rows, and a no-op
// cycle's round trips, bytes and time. N = SAFELOOP_BENCH_RECORDS (default 100000).
#include "sync/syncengine.h"

#include "core/creditcode.h"
#include "core/database.h"

#include "tests/support/serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

const QByteArray Password = "Anquan-2026-jiancha";

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
    test::ServerProcess server;
    if (!server.start(data))
        return 1;

    // Seed: one supervisor device pushes N enterprise.upsert mutations (outbox written directly).
    auto seeder = device(dir, u"seeder"_s, server.port());
    if (!seeder)
        return 1;
    {
        auto& db = seeder->store().database();
        db.transaction();
        QSqlQuery q(db);
        q.prepare(u"INSERT INTO outbox (id, name, entity_id, hlc, base, args, created_at) "
                  u"VALUES (?, 'enterprise.upsert', ?, ?, '{}', ?, '2026-11-25T10:00:00.000Z')"_s);
        for (int i = 1; i <= n; ++i) {
            q.addBindValue(i);
            q.addBindValue(code(i));
            q.addBindValue(
                u"%1"_s.arg(0x193a0000000ULL + static_cast<quint64>(i), 12, 16, QChar(u'0'))
                + u"0000"_s);
            q.addBindValue(
                QString::fromUtf8(QJsonDocument(args(i)).toJson(QJsonDocument::Compact)));
            q.exec();
        }
        QSqlQuery m(db);
        m.exec(u"INSERT INTO store_meta (key, value) VALUES ('outbox_last_id', '%1') "
               u"ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s.arg(n));
        db.commit();
    }
    QElapsedTimer t;
    t.start();
    const auto seeded = seeder->runCycle();
    std::printf("seed push: %d mutations in %.1f s (%s)\n", seeded.pushed,
        static_cast<double>(t.elapsed()) / 1000.0, seeded.ok ? "ok" : "FAILED");

    // First sync of an empty device.
    auto fresh = device(dir, u"fresh-device"_s, server.port());
    if (!fresh)
        return 1;
    t.restart();
    const auto first = fresh->runCycle();
    const double firstS = static_cast<double>(t.nsecsElapsed()) / 1e9;
    std::printf("first sync: %d records in %.2f s = %.0f records/s (%s, %d round trips)\n",
        first.pulled, firstS, first.pulled / firstS, first.ok ? "ok" : "FAILED", first.roundTrips);

    // Raw SQLite insert of the same rows, same machine, same run.
    {
        auto opened = core::openSqlite(dir.filePath(u"raw.db"_s), u"raw"_s);
        if (!opened.ok())
            return 1;
        QSqlDatabase rawDb = opened.value();
        QSqlDatabase* db = &rawDb;
        QSqlQuery c(*db);
        c.exec(u"CREATE TABLE enterprises (id TEXT PRIMARY KEY, street TEXT, risk_grade TEXT, "
               u"doc TEXT NOT NULL)"_s);
        t.restart();
        db->transaction();
        QSqlQuery q(*db);
        q.prepare(u"INSERT INTO enterprises (id, street, risk_grade, doc) VALUES (?, ?, ?, ?)"_s);
        for (int i = 1; i <= n; ++i) {
            q.addBindValue(code(i));
            q.addBindValue(u"North"_s);
            q.addBindValue(u"blue"_s);
            q.addBindValue(
                QString::fromUtf8(QJsonDocument(args(i)).toJson(QJsonDocument::Compact)));
            q.exec();
        }
        db->commit();
        const double rawS = static_cast<double>(t.nsecsElapsed()) / 1e9;
        std::printf("raw SQLite insert: %d rows in %.2f s = %.0f rows/s; sync = %.0f %% of raw\n",
            n, rawS, n / rawS, 100.0 * (first.pulled / firstS) / (n / rawS));
        rawDb = QSqlDatabase();
        opened = core::makeError(u"closed"_s, QString());
        core::closeDatabase(u"raw"_s);
    }

    // A no-op cycle.
    t.restart();
    const auto noop = fresh->runCycle();
    std::printf("no-op cycle: %d round trips, %lld bytes, %.1f ms (%s)\n", noop.roundTrips,
        static_cast<long long>(noop.bytesSent + noop.bytesReceived),
        static_cast<double>(t.nsecsElapsed()) / 1e6, noop.ok ? "ok" : "FAILED");
    return first.ok && noop.ok ? 0 : 1;
}
