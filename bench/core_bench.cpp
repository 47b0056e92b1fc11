// Core micro-benchmarks (Google Benchmark). Figures go to docs/performance.md.
#include "core/creditcode.h"
#include "core/database.h"
#include "core/jsonwriter.h"
#include "core/localstore.h"
#include "core/queries.h"
#include "core/uuid.h"
#include "tests/support/fileconnection.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

static void BM_CreditCodeValidate(benchmark::State& state)
{
    const QString code = u"91350100M000100Y43"_s;
    for (auto _ : state)
        benchmark::DoNotOptimize(safeloop::core::CreditCode::validate(code).ok());
}
BENCHMARK(BM_CreditCodeValidate);

namespace {

QString benchDir()
{
    // On disk, not tmpfs: the build tree.
    return QDir::currentPath() + u"/bench-tmp-XXXXXX"_s;
}

QString uscc(int n)
{
    const QString first17 = u"9122010100000%1"_s.arg(n, 4, 10, QChar(u'0'));
    return first17 + *CreditCode::checkCharacter(first17);
}

} // namespace

/// answer.set through LocalStore: record, audit entry, outbox row, durable commit (fsync).
static void BM_AnswerSaveWithOutboxAndFsync(benchmark::State& state)
{
    QTemporaryDir dir(benchDir());
    auto store
        = LocalStore::open({ dir.filePath(u"b.db"_s), dir.filePath(u"blobs"_s), u"bench"_s });
    if (!store) {
        state.SkipWithError("open failed");
        return;
    }
    (*store)
        ->storeRecord({ u"enterprise"_s, uscc(1),
            { { u"uscc"_s, uscc(1) }, { u"name"_s, u"Bench Works"_s } }, {}, false })
        .ok();
    const Actor a { u"insp-1"_s, Role::Inspector, {}, {}, {} };
    (*store)
        ->perform(a, u"inspection.create"_s, u"i-1"_s,
            { { u"enterprise_id"_s, uscc(1) }, { u"kind"_s, u"plan"_s },
                { u"mode"_s, u"guidance"_s }, { u"inspector_ids"_s, QJsonArray { u"insp-1"_s } },
                { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } })
        .ok();
    std::vector<double> ms;
    int n = 0;
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        auto r = (*store)->perform(a, u"answer.set"_s, uuidv7(),
            { { u"inspection_id"_s, u"i-1"_s }, { u"item_code"_s, u"ST-%1"_s.arg(n % 14) },
                { u"result"_s, n % 3 == 0 ? u"fail"_s : u"pass"_s },
                { u"note"_s, u"n %1"_s.arg(n) } });
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
        if (!r)
            state.SkipWithError("perform failed");
        ++n;
    }
    std::sort(ms.begin(), ms.end());
    if (!ms.empty()) {
        state.counters["p50_ms"] = ms[ms.size() / 2];
        state.counters["p95_ms"] = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
    }
}
BENCHMARK(BM_AnswerSaveWithOutboxAndFsync)->Iterations(500)->Unit(benchmark::kMillisecond);

/// The floor under every save: one tiny row in one transaction with the same durable settings
/// (WAL, synchronous=FULL), so the answer save's p95 can be split into fsync and SafeLoop's work.
static void BM_BareDurableCommit(benchmark::State& state)
{
    QTemporaryDir dir(benchDir());
    {
        auto db = openSqlite(dir.filePath(u"bare.db"_s), u"bench-bare"_s);
        if (!db) {
            state.SkipWithError("open failed");
            return;
        }
        exec(db.value(), u"CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"_s).ok();
        std::vector<double> ms;
        int n = 0;
        for (auto _ : state) {
            const auto t0 = std::chrono::steady_clock::now();
            db.value().transaction();
            exec(db.value(), u"INSERT INTO t (v) VALUES ('n %1')"_s.arg(n++)).ok();
            if (!db.value().commit())
                state.SkipWithError("commit failed");
            ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count());
        }
        std::sort(ms.begin(), ms.end());
        if (!ms.empty()) {
            state.counters["p50_ms"] = ms[ms.size() / 2];
            state.counters["p95_ms"] = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
        }
    }
    closeDatabase(u"bench-bare"_s);
}
BENCHMARK(BM_BareDurableCommit)->Iterations(500)->Unit(benchmark::kMillisecond);

/// Filtered hazard list (enterprise + open/rejected, ordered by deadline, 100 rows) over 50,000.
static void BM_FilteredHazardList50k(benchmark::State& state)
{
    QTemporaryDir dir(benchDir());
    auto store
        = LocalStore::open({ dir.filePath(u"b.db"_s), dir.filePath(u"blobs"_s), u"bench"_s });
    if (!store) {
        state.SkipWithError("open failed");
        return;
    }
    // Seeded through a connection of its own (the store keeps its connection to itself).
    safeloop::test::FileConnection file(dir.filePath(u"b.db"_s));
    QSqlDatabase& db = file.db();
    db.transaction();
    const QStringList statuses { u"open"_s, u"submitted"_s, u"rejected"_s, u"verified"_s };
    for (int i = 0; i < 50000; ++i) {
        const QString id = uuidv7();
        const QJsonObject fields { { u"id"_s, id }, { u"enterprise_id"_s, uscc(i % 2000) },
            { u"description"_s, u"Hazard %1: guard missing on press line"_s.arg(i) },
            { u"place"_s, u"Workshop %1"_s.arg(i % 7) },
            { u"level"_s, i % 10 == 0 ? u"major"_s : u"general"_s },
            { u"status"_s, statuses[i % 4] },
            { u"deadline"_s, QDate(2026, 1, 1).addDays(i % 365).toString(Qt::ISODate) },
            { u"created_at"_s, u"2026-01-01T00:00:00.000Z"_s } };
        storeRecord(db, { u"hazard"_s, id, fields, { { u"description"_s, 1 } }, false }).ok();
    }
    db.commit();
    int n = 0;
    for (auto _ : state) {
        auto r = (*store)->hazards(
            { uscc(n % 2000), { u"open"_s, u"rejected"_s }, {}, 100, 0, {} }, QDate(2026, 6, 1));
        auto all = (*store)->hazards(
            { {}, { u"open"_s }, QDate(2026, 6, 1), 100, 0, {} }, QDate(2026, 6, 1));
        if (!r || !all || all->size() != 100)
            state.SkipWithError("list failed");
        ++n;
    }
}
BENCHMARK(BM_FilteredHazardList50k)->Unit(benchmark::kMillisecond);

// The three JSON columns of one stored hazard as a push writes them (doc, versions, hlcs):
// QJsonDocument's compact text against core::compactJson (the same bytes).
namespace {
struct StoredHazard {
    QJsonObject doc;
    QJsonObject versions;
    QJsonObject hlcs;
};

StoredHazard storedHazard()
{
    using namespace Qt::StringLiterals;
    StoredHazard h;
    h.doc = QJsonObject { { u"id"_s, u"0193a4b2-7c1d-7e5f-8a9b-0c1d2e3f4a5b"_s },
        { u"enterprise_id"_s, u"0193a4b2-0000-7000-8000-000000000042"_s },
        { u"inspection_id"_s, QString() }, { u"item_code"_s, QString() },
        { u"description"_s, u"Guard rail missing at press 4711 (冲压线护栏缺失)"_s },
        { u"place"_s, u"Press line 7"_s }, { u"level"_s, u"general"_s },
        { u"category"_s, QString() }, { u"legal_basis"_s, QString() }, { u"measure"_s, QString() },
        { u"deadline"_s, u"2099-01-10"_s }, { u"status"_s, u"open"_s },
        { u"attachments"_s, QJsonArray {} },
        { u"created_by"_s, u"0193a4b2-0000-7000-8000-000000000007"_s },
        { u"updated_at"_s, u"2026-12-05T06:30:00.123Z"_s } };
    for (auto it = h.doc.constBegin(); it != h.doc.constEnd(); ++it) {
        h.versions.insert(it.key(), 1);
        h.hlcs.insert(it.key(), u"0193a4b2c3d4-0001-bench-one"_s);
    }
    return h;
}
} // namespace

static void BM_StoredRowJsonQt(benchmark::State& state)
{
    const StoredHazard h = storedHazard();
    for (auto _ : state) {
        benchmark::DoNotOptimize(QJsonDocument(h.doc).toJson(QJsonDocument::Compact));
        benchmark::DoNotOptimize(QJsonDocument(h.versions).toJson(QJsonDocument::Compact));
        benchmark::DoNotOptimize(QJsonDocument(h.hlcs).toJson(QJsonDocument::Compact));
    }
}
BENCHMARK(BM_StoredRowJsonQt);

static void BM_StoredRowJsonWriter(benchmark::State& state)
{
    const StoredHazard h = storedHazard();
    for (auto _ : state) {
        benchmark::DoNotOptimize(safeloop::core::compactJson(h.doc));
        benchmark::DoNotOptimize(safeloop::core::compactJson(h.versions));
        benchmark::DoNotOptimize(safeloop::core::compactJson(h.hlcs));
    }
}
BENCHMARK(BM_StoredRowJsonWriter);

BENCHMARK_MAIN();
