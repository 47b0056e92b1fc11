// Push from many devices at once (SQLite and PostgreSQL): every push is answered, every mutation
// applied exactly once, replays still answered from the stored results, and pushes that arrive
// together share one group commit.
#include "synctestsupport.h"

#include <latch>

namespace {

/// `count` hazard.create mutations of enterprise `enterprise`, ids first … first + count - 1.
QJsonArray hazardBatch(qint64 first, int count, const QString& enterprise)
{
    QJsonArray out;
    for (qint64 id = first; id < first + count; ++id)
        out.append(mutation(
            id, u"hazard.create"_s, uuid(), hazardArgs(enterprise, u"Guard missing %1"_s.arg(id))));
    return out;
}

} // namespace

TEST_F(SyncApiTest, ConcurrentPushersAreAllAppliedExactlyOnceAndReplaysStillAnswer)
{
    constexpr int Devices = 16;
    constexpr int Batches = 3;
    constexpr int PerBatch = 25;
    std::vector<std::array<QJsonArray, Batches>> sent(Devices);
    for (int d = 0; d < Devices; ++d)
        for (int b = 0; b < Batches; ++b)
            sent[static_cast<std::size_t>(d)][static_cast<std::size_t>(b)]
                = hazardBatch(1 + b * PerBatch, PerBatch, entA);
    std::atomic<int> answered { 0 };
    std::atomic<int> applied { 0 };
    std::vector<std::string> failures(Devices);
    std::latch start(Devices);
    std::vector<std::thread> threads;
    for (int d = 0; d < Devices; ++d)
        threads.emplace_back([&, d] {
            start.arrive_and_wait();
            for (const QJsonArray& batch : sent[static_cast<std::size_t>(d)]) {
                auto r = push(u"insp"_s, u"conc-%1"_s.arg(d), batch);
                if (!r || r->status != 200) {
                    failures[static_cast<std::size_t>(d)]
                        = r ? std::to_string(r->status) + " " + r->body : "no answer";
                    return;
                }
                ++answered;
                for (const auto& item : bodyJson(r)[u"results"_s].toArray())
                    if (item[u"status"_s].toString() == u"applied"_s)
                        ++applied;
            }
        });
    for (auto& t : threads)
        t.join();
    for (const auto& f : failures)
        EXPECT_EQ(f, std::string());
    EXPECT_EQ(answered.load(), Devices * Batches);
    EXPECT_EQ(applied.load(), Devices * Batches * PerBatch);

    // Nothing lost, nothing twice: each hazard stored once, logged once, its result kept once.
    const qint64 total = Devices * Batches * PerBatch;
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), total);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'hazard'"_s), total);
    EXPECT_EQ(count(u"SELECT COUNT(DISTINCT record_id) FROM change_log WHERE entity = 'hazard'"_s),
        total);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_results WHERE client_key LIKE 'conc-%'"_s), total);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_clients WHERE client_key LIKE 'conc-%' AND "
                    u"last_mutation_id = %1"_s.arg(Batches * PerBatch)),
        Devices);
    // Change-log sequence numbers have no holes and no repeats.
    EXPECT_EQ(count(u"SELECT COUNT(DISTINCT seq) FROM change_log"_s),
        count(u"SELECT MAX(seq) FROM change_log"_s));

    // Every device sends its second batch again, all at once: the stored answers, no new rows.
    const qint64 logBefore = count(u"SELECT COUNT(*) FROM change_log"_s);
    std::latch again(Devices);
    threads.clear();
    std::atomic<int> replayedApplied { 0 };
    for (int d = 0; d < Devices; ++d)
        threads.emplace_back([&, d] {
            again.arrive_and_wait();
            auto r = push(u"insp"_s, u"conc-%1"_s.arg(d), sent[static_cast<std::size_t>(d)][1]);
            if (!r || r->status != 200)
                return;
            for (const auto& item : bodyJson(r)[u"results"_s].toArray())
                if (item[u"status"_s].toString() == u"applied"_s)
                    ++replayedApplied;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(replayedApplied.load(), Devices * PerBatch);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), total);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log"_s), logBefore);
}

TEST_F(SyncApiTest, PushesArrivingTogetherShareAGroupCommitAndAFailureStaysItsOwn)
{
    server::SyncService sync(srv.store());
    server::Caller caller;
    caller.userId = userIdOf(u"insp"_s);
    caller.role = server::Role::Inspector;
    constexpr int Pushers = 24;
    std::latch start(Pushers);
    std::vector<std::optional<core::Result<server::PushResult>>> results(Pushers);
    std::vector<std::thread> threads;
    for (int p = 0; p < Pushers; ++p)
        threads.emplace_back([&, p] {
            // Pusher 0 skips ahead: its gap refuses its push alone.
            const QJsonObject body { { u"client_id"_s, u"group-%1"_s.arg(p) },
                { u"schema_version"_s, 1 },
                { u"mutations"_s, hazardBatch(p == 0 ? 5 : 1, 10, entA) } };
            start.arrive_and_wait();
            results[static_cast<std::size_t>(p)] = sync.push(caller, body);
        });
    for (auto& t : threads)
        t.join();
    ASSERT_TRUE(results[0].has_value());
    ASSERT_FALSE(results[0]->ok());
    EXPECT_EQ(results[0]->error().code, u"mutation_gap"_s);
    for (int p = 1; p < Pushers; ++p) {
        const auto& r = results[static_cast<std::size_t>(p)];
        ASSERT_TRUE(r.has_value() && r->ok()) << p;
        ASSERT_EQ(r->value().results.size(), 10);
        for (const auto& item : r->value().results)
            EXPECT_EQ(item.status, u"applied"_s);
        EXPECT_EQ(r->value().lastMutationId, 10);
    }
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), (Pushers - 1) * 10);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_clients WHERE client_id = 'group-0'"_s), 0);
    const auto stats = sync.pushStats();
    EXPECT_EQ(stats.pushes, Pushers);
    EXPECT_LT(stats.groups, stats.pushes);
}
