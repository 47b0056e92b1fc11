// The enterprise app's two first screens on a device holding 1,000 of the enterprise's hazards
// with their rectification events: the task list (HazardListModel with enterpriseId, the
// default statuses and the counts) and the home's attention list (dueWithinDays 3) with the
// change feed (ChangeFeedModel). Times reload() → loaded() through the real DeviceStore (store
// thread, queued answer), as the pages do. Prints one JSON line per measurement; figures go to
// docs/performance.md. Target: ≤ 100 ms.
//
//   bench_app [hazards] [runs]     (default: 1000 15)
#include "app/changefeedmodel.h"
#include "app/devicestore.h"
#include "app/workflowmodels.h"
#include "tests/support/fileconnection.h"

#include "core/localstore.h"
#include "core/mutation.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

using Clock = std::chrono::steady_clock;

/// The benchmark's today (the device clock is fixed to it).
const QDateTime Now(QDate(2026, 12, 3), QTime(2, 0), Qt::UTC);
const QString EnterpriseId = u"91220100MA0000001X"_s;

void line(const QJsonObject& o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

QString at(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

/// Deterministic pseudo-random numbers (SplitMix64, seed 1).
struct Rng {
    quint64 state = 1;
    int below(int bound)
    {
        quint64 z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return int((z ^ (z >> 31)) % quint64(bound));
    }
};

struct Seeded {
    int hazards = 0;
    int events = 0;
    int notVerified = 0;
    int recentEvents = 0;
};

/// A year of one enterprise's hazards as its device pulls them: 1,000 hazards over 250
/// inspections (found 1–365 days ago, 5 % major, deadline 15 or 60 days), each with its order
/// event; 75 % submitted after 1–20 days, of those 85 % verified and the rest rejected (half of
/// the rejected ones submitted again); the inspectors' user records are not on an enterprise's
/// device. Events dated after today are left out, so the recent ones are still open.
core::Result<Seeded> seed(const QString& path, int n)
{
    Rng rng;
    Seeded s;
    // Seeded through a connection of its own (the store keeps its connection to itself).
    test::FileConnection file(path);
    QSqlDatabase& db = file.db();
    db.transaction();
    auto writer = std::make_unique<core::RecordWriter>(db);
    auto put = [&](const QString& entity, const QString& id, const QJsonObject& f) {
        return writer->store({ entity, id, f, {}, false });
    };
    const QString created = at(Now.addDays(-400));
    if (auto r = put(u"enterprise"_s, EnterpriseId,
            { { u"uscc"_s, EnterpriseId }, { u"name"_s, u"青禾精密机械有限公司"_s },
                { u"street"_s, u"青松街道"_s }, { u"industry_code"_s, u"C3484"_s },
                { u"risk_grade"_s, u"orange"_s }, { u"lat"_s, 43.88 }, { u"lon"_s, 125.25 },
                { u"created_at"_s, created }, { u"updated_at"_s, created } });
        !r)
        return r.error();
    const int inspections = std::max(1, n / 4);
    for (int k = 0; k < inspections; ++k) {
        const QString inspectionId = u"ins-%1"_s.arg(k);
        const QDateTime started = Now.addDays(-1 - rng.below(365)).addSecs(-3600 * rng.below(8));
        const QString inspector = u"insp-%1"_s.arg(rng.below(5));
        if (auto r = put(u"inspection"_s, inspectionId,
                { { u"id"_s, inspectionId }, { u"enterprise_id"_s, EnterpriseId },
                    { u"kind"_s, u"plan"_s }, { u"mode"_s, u"enforcement"_s },
                    { u"inspector_ids"_s, QJsonArray { inspector, u"insp-9"_s } },
                    { u"template_refs"_s, QJsonArray { u"ST@1"_s } },
                    { u"started_at"_s, at(started) },
                    { u"finished_at"_s, at(started.addSecs(5400)) }, { u"status"_s, u"finished"_s },
                    { u"created_at"_s, at(started) },
                    { u"updated_at"_s, at(started.addSecs(5400)) } });
            !r)
            return r.error();
        const int count = k == inspections - 1 ? n - s.hazards : std::min(4, n - s.hazards);
        for (int h = 0; h < count; ++h) {
            const QString id = u"hz-%1-%2"_s.arg(k).arg(h);
            const QDateTime found = started.addSecs(5400 + 60 * h);
            const bool major = rng.below(100) < 5;
            QString status = u"open"_s;
            QList<std::pair<QString, QDateTime>> events { { u"order"_s, found } };
            auto add = [&](const QString& kind, const QDateTime& when, const QString& next) {
                if (when >= Now)
                    return false;
                events.append({ kind, when });
                status = next;
                return true;
            };
            if (rng.below(100) < 75
                && add(
                    u"submit"_s, events.last().second.addDays(1 + rng.below(20)), u"submitted"_s)) {
                const QDateTime review = events.last().second.addDays(1 + rng.below(15));
                if (rng.below(100) < 85)
                    add(u"verify"_s, review, u"verified"_s);
                else if (add(u"reject"_s, review, u"rejected"_s) && rng.below(2) == 0)
                    add(u"submit"_s, review.addDays(3), u"submitted"_s);
            }
            const QDate deadline = found.date().addDays(major ? 60 : 15);
            if (auto r = put(u"hazard"_s, id,
                    { { u"id"_s, id }, { u"enterprise_id"_s, EnterpriseId },
                        { u"inspection_id"_s, inspectionId }, { u"item_code"_s, u"ST-%1"_s.arg(h) },
                        { u"description"_s, u"配电箱未上锁，箱内有杂物（%1）"_s.arg(id) },
                        { u"place"_s, u"生产车间"_s },
                        { u"level"_s, major ? u"major"_s : u"general"_s },
                        { u"category"_s, u"用电安全"_s },
                        { u"basis"_s, u"GB 50054-2011 第3.1.4条"_s },
                        { u"measure"_s, u"按照依据立即整改，整改完成后上传照片"_s },
                        { u"deadline"_s, deadline.toString(Qt::ISODate) }, { u"status"_s, status },
                        { u"attachments"_s, QJsonArray { QString(64, u'a') } },
                        { u"created_at"_s, at(found) },
                        { u"updated_at"_s, at(events.last().second) } });
                !r)
                return r.error();
            ++s.hazards;
            if (status != u"verified"_s)
                ++s.notVerified;
            int index = 0;
            for (const auto& [kind, when] : events) {
                const QString eid = u"%1-e%2"_s.arg(id).arg(index++);
                const QString actor = kind == u"submit"_s ? u"ent-user"_s : inspector;
                if (auto r = put(u"rectification_event"_s, eid,
                        { { u"id"_s, eid }, { u"hazard_id"_s, id }, { u"kind"_s, kind },
                            { u"actor_id"_s, actor }, { u"note"_s, u"整改说明"_s },
                            { u"created_at"_s, at(when) }, { u"updated_at"_s, at(when) } });
                    !r)
                    return r.error();
                ++s.events;
                if (when > Now.addDays(-7) && kind != u"submit"_s)
                    ++s.recentEvents;
            }
        }
    }
    if (!db.commit())
        return core::makeError(u"storage_error"_s, db.lastError().text());
    return s;
}

/// Spins the event loop until `done` holds (at most 60 s).
bool spin(const std::function<bool()>& done)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    return done();
}

struct Figures {
    double warmup = 0;
    double median = 0;
    double p90 = 0;
    double max = 0;
};

/// Reloads `models` together `runs` times (after one warm-up load) and times each run from the
/// reload() calls to the last loaded() signal.
template <typename... Models>
Figures measure(int runs, Models*... models)
{
    std::vector<double> ms;
    for (int run = 0; run <= runs; ++run) {
        int pending = sizeof...(Models);
        std::vector<QMetaObject::Connection> connections;
        (connections.push_back(
             QObject::connect(models, &Models::loaded, models, [&pending] { --pending; })),
            ...);
        const auto t0 = Clock::now();
        (models->reload(), ...);
        if (!spin([&pending] { return pending <= 0; })) {
            std::fprintf(stderr, "bench_app: a model did not load within 60 s\n");
            std::exit(1);
        }
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        for (const auto& c : connections)
            QObject::disconnect(c);
    }
    Figures f;
    f.warmup = ms.front(); // not counted: the first reload of this set of models
    ms.erase(ms.begin());
    std::sort(ms.begin(), ms.end());
    f.median = ms.at(ms.size() / 2);
    f.p90 = ms.at(std::min(ms.size() - 1, ms.size() * 9 / 10));
    f.max = ms.back();
    return f;
}

QJsonObject figures(const Figures& f)
{
    return { { u"warmup_ms"_s, f.warmup }, { u"median_ms"_s, f.median }, { u"p90_ms"_s, f.p90 },
        { u"max_ms"_s, f.max } };
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 1000;
    const int runs = args.size() > 2 ? args.at(2).toInt() : 15;

    QTemporaryDir dir(QDir::currentPath() + u"/bench_app-XXXXXX"_s); // on disk, not tmpfs
    app::DeviceStore store(nullptr);
    app::DeviceStore::Options o;
    o.directory = dir.path();
    o.user.id = u"ent-user"_s;
    o.user.name = u"赵丽"_s;
    o.user.role = core::Role::Enterprise;
    o.user.enterpriseId = EnterpriseId;
    o.deviceId = u"bench-device"_s;
    o.clock = [] { return Now; };
    if (auto opened = store.open(o); !opened) {
        std::fprintf(stderr, "bench_app: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    const auto seedStart = Clock::now();
    const auto seeded = store.call<core::Result<Seeded>>(
        [n, path = dir.filePath(u"safeloop.db"_s)](core::LocalStore&) { return seed(path, n); });
    if (!seeded) {
        std::fprintf(stderr, "bench_app: seed failed: %s\n", qPrintable(seeded.error().message));
        return 1;
    }
    line({ { u"bench"_s, u"seed"_s }, { u"hazards"_s, seeded->hazards },
        { u"events"_s, seeded->events }, { u"not_verified"_s, seeded->notVerified },
        { u"events_last_7_days"_s, seeded->recentEvents },
        { u"ms"_s, std::chrono::duration<double, std::milli>(Clock::now() - seedStart).count() } });

    // 整改任务: every task not closed, overdue first, with the counts on the filters.
    app::HazardListModel tasks;
    tasks.setEnterpriseId(EnterpriseId);
    tasks.setStore(&store);
    // The home's top: overdue and due within 3 days, then what changed since the last look.
    app::HazardListModel attention;
    attention.setEnterpriseId(EnterpriseId);
    attention.setStatuses(
        { app::HazardStatus::Open, app::HazardStatus::Rejected, app::HazardStatus::Escalated });
    attention.setDueWithinDays(3);
    attention.setStore(&store);
    app::ChangeFeedModel feed;
    feed.setStore(&store);
    // 已完成: the verified ones with who closed them and when.
    app::HazardListModel completed;
    completed.setEnterpriseId(EnterpriseId);
    completed.setStatuses({ app::HazardStatus::Verified });
    completed.setStore(&store);
    // The construction and setStore() reloads still run on the store thread: let them finish.
    spin([&] { return tasks.rowCount() > 0 && completed.rowCount() > 0; });
    QEventLoop settle;
    QTimer::singleShot(500, &settle, &QEventLoop::quit);
    settle.exec();

    const QJsonObject base { { u"hazards"_s, seeded->hazards }, { u"events"_s, seeded->events },
        { u"runs"_s, runs }, { u"target_ms"_s, 100 } };
    auto report = [&](const QString& name, const Figures& f, const QJsonObject& rows) {
        QJsonObject out = base;
        out.insert(u"bench"_s, name);
        for (auto it = rows.begin(); it != rows.end(); ++it)
            out.insert(it.key(), it.value());
        const QJsonObject fig = figures(f);
        for (auto it = fig.begin(); it != fig.end(); ++it)
            out.insert(it.key(), it.value());
        line(out);
    };
    const Figures taskFigures = measure(runs, &tasks);
    report(u"enterprise_tasks"_s, taskFigures,
        { { u"rows"_s, tasks.rowCount() },
            { u"counts"_s, QJsonObject::fromVariantMap(tasks.counts()) } });
    const Figures homeFigures = measure(runs, &attention, &feed);
    report(u"enterprise_home"_s, homeFigures,
        { { u"attention_rows"_s, attention.rowCount() }, { u"feed_rows"_s, feed.rowCount() } });
    // The 整改任务 page as it opens: its three models at once (the store thread runs them in turn).
    const Figures pageFigures = measure(runs, &tasks, &attention, &feed);
    report(u"enterprise_tasks_page"_s, pageFigures, {});
    const Figures completedFigures = measure(runs, &completed);
    report(u"enterprise_completed"_s, completedFigures, { { u"rows"_s, completed.rowCount() } });
    return 0;
}
