// The supervisor's overview on a synthetic district: 2,000 enterprises (the reference
// district) and 20,000, each with a year of inspections, hazards and rectification events.
// Prints one JSON line per measurement; figures go to docs/performance.md.
//
//   bench_metrics [enterprises…]     (default: 2000 20000)
#include "core/database.h"
#include "core/localstore.h"
#include "core/metrics.h"
#include "tests/support/fileconnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

QString at(qint64 ms)
{
    return formatTimestamp(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

void line(const QJsonObject& o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

struct Counts {
    int enterprises = 0;
    int inspections = 0;
    int hazards = 0;
    int events = 0;
};

/// Writes a year (1 Jan – 2 Dec 2026) of district data per 2,000 enterprises: 200 inspectors,
/// 8,000 finished inspections (two inspectors each), 50,000 hazards (5 % major), ~75 % of them
/// submitted after 1–20 days and of those 85 % verified 1–15 days later, the rest rejected;
/// ten plans listing every enterprise once. Deterministic (SplitMix64, seed 1).
Result<Counts> seed(const QString& path, int n)
{
    metrics::SplitMix64 rng(1);
    auto pick = [&rng](int bound) { return int(rng.below(std::uint64_t(bound))); };
    // Seeded through a connection of its own (the store keeps its connection to itself).
    safeloop::test::FileConnection file(path);
    QSqlDatabase& db = file.db();
    auto writer = std::make_unique<RecordWriter>(db);
    db.transaction();
    Counts c;
    const QStringList streets { u"东城"_s, u"西城"_s, u"南湖"_s, u"北湖"_s, u"开发区"_s,
        u"高新区"_s, u"汽车城"_s, u"绿园"_s, u"宽城"_s, u"朝阳"_s, u"二道"_s, u"双阳"_s };
    const QStringList grades { u"red"_s, u"orange"_s, u"yellow"_s, u"blue"_s };
    const QString created = u"2026-01-01T00:00:00.000Z"_s;
    auto put = [&](const QString& entity, const QString& id, const QJsonObject& f) {
        return writer->store({ entity, id, f, {}, false });
    };
    QStringList ids;
    for (int i = 0; i < n; ++i) {
        const QString id = u"9122%1"_s.arg(i, 14, 10, QChar(u'0'));
        ids << id;
        const int g = pick(100);
        const QString grade = grades.at(g < 5 ? 0 : g < 20 ? 1 : g < 50 ? 2 : 3);
        QJsonObject f { { u"uscc"_s, id }, { u"name"_s, u"企业%1"_s.arg(i) },
            { u"street"_s, streets.at(pick(int(streets.size()))) },
            { u"industry_code"_s, u"C%1"_s.arg(3300 + pick(20) * 10) }, { u"risk_grade"_s, grade },
            { u"lat"_s, 43.8 + pick(1000) / 10000.0 }, { u"lon"_s, 125.3 + pick(1000) / 10000.0 },
            { u"created_at"_s, created }, { u"updated_at"_s, created } };
        if (g < 20)
            f.insert(u"leader"_s, u"领导%1"_s.arg(pick(12) + 1));
        if (auto r = put(u"enterprise"_s, id, f); !r)
            return r.error();
        ++c.enterprises;
    }
    const int inspectors = std::max(2, n / 10);
    for (int i = 0; i < inspectors; ++i)
        if (auto r = put(u"user"_s, u"insp-%1"_s.arg(i),
                { { u"id"_s, u"insp-%1"_s.arg(i) }, { u"name"_s, u"检查员%1"_s.arg(i) },
                    { u"role"_s, u"inspector"_s }, { u"badge"_s, u"B-%1"_s.arg(i) },
                    { u"created_at"_s, created }, { u"updated_at"_s, created } });
            !r)
            return r.error();
    const qint64 yearStart = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 day = 86'400'000;
    const int inspections = 4 * n;
    const int hazardTarget = 25 * n;
    for (int k = 0; k < inspections; ++k) {
        const QString id = u"ins-%1"_s.arg(k);
        const qint64 start = yearStart + pick(335) * day + (1 + pick(8)) * 3'600'000;
        const int a = pick(inspectors);
        const int b = (a + 1 + pick(inspectors - 1)) % inspectors;
        QJsonObject f { { u"id"_s, id }, { u"enterprise_id"_s, ids.at(pick(n)) },
            { u"kind"_s, u"plan"_s }, { u"mode"_s, u"enforcement"_s },
            { u"inspector_ids"_s, QJsonArray { u"insp-%1"_s.arg(a), u"insp-%1"_s.arg(b) } },
            { u"template_refs"_s, QJsonArray { u"ST@1"_s } }, { u"started_at"_s, at(start) },
            { u"finished_at"_s, at(start + 5'400'000) }, { u"status"_s, u"finished"_s },
            { u"signatures"_s, pick(10) == 0 ? QJsonArray {} : QJsonArray { QString(64, u'a') } },
            { u"created_at"_s, at(start) }, { u"updated_at"_s, at(start + 5'400'000) } };
        if (auto r = put(u"inspection"_s, id, f); !r)
            return r.error();
        ++c.inspections;
        // Hazards of this inspection: the remaining target spread over the remaining visits.
        const int left = hazardTarget - c.hazards;
        const int mean = left / (inspections - k);
        const int count = k == inspections - 1 ? left : pick(2 * mean + 1);
        for (int h = 0; h < count; ++h) {
            const QString hid = u"hz-%1-%2"_s.arg(k).arg(h);
            const qint64 found = start + (h + 1) * 60'000;
            const bool major = pick(100) < 5;
            const QDate foundDay = QDateTime::fromMSecsSinceEpoch(found, Qt::UTC).date();
            QString status = u"open"_s;
            QList<std::pair<QString, qint64>> events { { u"order"_s, found } };
            if (pick(100) < 75) {
                const qint64 submitted = found + (1 + pick(20)) * day;
                events.append({ u"submit"_s, submitted });
                status = u"submitted"_s;
                if (pick(100) < 85) {
                    events.append({ u"verify"_s, submitted + (1 + pick(15)) * day });
                    status = u"verified"_s;
                } else {
                    events.append({ u"reject"_s, submitted + (1 + pick(15)) * day });
                    status = u"rejected"_s;
                }
            }
            const qint64 last = events.last().second;
            const QJsonObject hf { { u"id"_s, hid }, { u"enterprise_id"_s, f[u"enterprise_id"_s] },
                { u"inspection_id"_s, id }, { u"item_code"_s, u"ST-%1"_s.arg(h % 14) },
                { u"description"_s, u"隐患描述 %1"_s.arg(hid) }, { u"place"_s, u"车间"_s },
                { u"level"_s, major ? u"major"_s : u"general"_s },
                { u"category"_s, u"machinery"_s },
                { u"basis"_s, pick(50) == 0 ? QString() : u"GB 27607"_s },
                { u"measure"_s, u"整改"_s },
                { u"deadline"_s, foundDay.addDays(major ? 60 : 15).toString(Qt::ISODate) },
                { u"status"_s, status }, { u"created_at"_s, at(found) },
                { u"updated_at"_s, at(last) } };
            if (auto r = put(u"hazard"_s, hid, hf); !r)
                return r.error();
            ++c.hazards;
            for (const auto& [kind, when] : events) {
                const QString eid = hid + u'-' + kind;
                if (auto r = put(u"rectification_event"_s, eid,
                        { { u"id"_s, eid }, { u"hazard_id"_s, hid }, { u"kind"_s, kind },
                            { u"actor_id"_s, u"insp-%1"_s.arg(a) }, { u"created_at"_s, at(when) },
                            { u"updated_at"_s, at(when) } });
                    !r)
                    return r.error();
                ++c.events;
            }
        }
    }
    for (int p = 0; p < 10; ++p) {
        QJsonArray planned;
        for (int i = p; i < n; i += 10)
            planned.append(ids.at(i));
        const QString id = u"plan-%1"_s.arg(p);
        if (auto r = put(u"plan"_s, id,
                { { u"id"_s, id }, { u"year"_s, 2026 }, { u"title"_s, u"年度计划 %1"_s.arg(p) },
                    { u"enterprise_ids"_s, planned }, { u"inspector_ids"_s, QJsonArray {} },
                    { u"kind"_s, u"routine"_s }, { u"created_at"_s, created },
                    { u"updated_at"_s, created } });
            !r)
            return r.error();
    }
    writer.reset();
    if (!db.commit())
        return makeError(u"sql_error"_s, u"commit failed"_s);
    return c;
}

int runOne(int n)
{
    QTemporaryDir dir(QDir::currentPath() + u"/bench-tmp-XXXXXX"_s);
    // SAFELOOP_BENCH_KEEP=1 keeps the database for EXPLAIN QUERY PLAN (path on stderr).
    if (qEnvironmentVariableIsSet("SAFELOOP_BENCH_KEEP")) {
        dir.setAutoRemove(false);
        std::fprintf(stderr, "safeloop: keeping %s\n", qPrintable(dir.path()));
    }
    auto opened = LocalStore::open({ dir.filePath(u"m.db"_s), dir.filePath(u"blobs"_s), u"bench"_s,
        [] { return QDateTime(QDate(2026, 12, 3), QTime(2, 0), Qt::UTC); } });
    if (!opened) {
        std::fprintf(stderr, "safeloop: open failed: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    LocalStore& store = **opened;
    const auto t0 = Clock::now();
    auto counts = seed(dir.filePath(u"m.db"_s), n);
    if (!counts) {
        std::fprintf(stderr, "safeloop: seeding failed: %s\n", qPrintable(counts.error().message));
        return 1;
    }
    const double seedMs = msSince(t0);
    // ANALYZE as a device would have run it after a large pull (SQLite's planner statistics).
    {
        safeloop::test::FileConnection file(dir.filePath(u"m.db"_s));
        exec(file.db(), u"ANALYZE"_s).ok();
    }

    const QDate today(2026, 12, 3);
    const auto year = metrics::Period::yearOf(today);
    const auto month = metrics::Period::monthOf(today).previous();
    const double target = n <= 2000 ? 200 : 1000;
    for (const auto& [name, period] :
        { std::pair { u"year"_s, year }, std::pair { u"month"_s, month } }) {
        std::vector<double> ms;
        metrics::Overview o;
        for (int run = 0; run < 7; ++run) {
            const auto t = Clock::now();
            auto r = store.overview(period, today);
            ms.push_back(msSince(t));
            if (!r) {
                std::fprintf(
                    stderr, "safeloop: overview failed: %s\n", qPrintable(r.error().message));
                return 1;
            }
            o = *r;
        }
        const double first = ms.front();
        std::sort(ms.begin(), ms.end());
        line({ { u"bench"_s, u"metrics_overview"_s }, { u"period"_s, name },
            { u"enterprises"_s, counts->enterprises }, { u"inspections"_s, counts->inspections },
            { u"hazards"_s, counts->hazards }, { u"events"_s, counts->events },
            { u"seed_s"_s, seedMs / 1000 }, { u"first_ms"_s, first },
            { u"median_ms"_s, ms[ms.size() / 2] }, { u"worst_ms"_s, ms.back() },
            { u"target_ms"_s, target }, { u"coverage"_s, o.coverage.overall.rate() },
            { u"found"_s, o.hazards.found }, { u"rectified"_s, o.hazards.rectified.rate() } });
    }
    // One drill-down: the hazards behind the year's overdue figure.
    const auto t = Clock::now();
    auto overdue = store.hazardsFor(metrics::HazardSet::Overdue, year, {}, today);
    line({ { u"bench"_s, u"metrics_drilldown"_s }, { u"enterprises"_s, n },
        { u"set"_s, u"overdue"_s }, { u"rows"_s, overdue ? int(overdue->size()) : -1 },
        { u"ms"_s, msSince(t) } });
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QList<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes << QString::fromLocal8Bit(argv[i]).toInt();
    if (sizes.isEmpty())
        sizes = { 2000, 20000 };
    for (int n : sizes)
        if (int rc = runOne(n); rc != 0)
            return rc;
    return 0;
}
