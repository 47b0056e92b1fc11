// Convergence of three real devices (inspector, enterprise user, supervisor) against the real
// safeloop-server: a seeded random mix of offline edits and partial syncs, clock skew, and an
// app upgrade with pending mutations.
//
// SAFELOOP_SYNC_STEPS (default 200) sets the number of random steps, SAFELOOP_SYNC_SEED the seed
// (printed on every run, so a failure can be replayed).
#include "tests/support/fileconnection.h"
#include "tests/sync/convergencesupport.h"
#include "tests/sync/liveserver.h"

#include "core/database.h"
#include "core/localstore.h"
#include "core/mutation.h"
#include "core/rules.h"
#include "core/schema.h"
#include "core/uuid.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlError>

#include <iostream>
#include <map>
#include <random>
#include <set>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::test::convergence;

namespace {

int envInt(const char* name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok ? v : fallback;
}

int severity(const QString& level)
{
    return level == u"major"_s ? 1 : 0;
}

/// One device in a run: its user, engine and the outbox rows it has pushed.
struct Client {
    QString name;
    QString user;
    std::unique_ptr<sync::SyncEngine> engine;
};

/// An outbox row as it was pushed, in the order the server received it.
struct Pushed {
    QString client;
    QString clientKey; ///< the server's per-client key: device id | user id
    core::OutboxRow row;
};

class ConvergenceTest : public test::LiveServerTest {
protected:
    void SetUp() override
    {
        LiveServerTest::SetUp();
        addUser(u"li.inspector"_s, u"inspector"_s,
            { u"--badge"_s, u"22010007"_s, u"--streets"_s, u"North"_s });
        addUser(u"zhao.lead"_s, u"supervisor"_s);
        addUser(u"ent.one"_s, u"enterprise"_s, { u"--enterprise"_s, test::enterpriseCode(1) });
        startServer();
    }

    void TearDown() override
    {
        if (m_serverDb.isValid()) {
            m_serverDb = QSqlDatabase();
            core::closeDatabase(m_serverConnection);
        }
    }

    /// The server's own SQLite store, read beside the running server (WAL allows it).
    QSqlDatabase& serverDb()
    {
        if (!m_serverDb.isValid()) {
            m_serverConnection = u"server-view-"_s + core::uuidv7();
            auto db = core::openSqlite(
                QDir(serverDir()).filePath(u"safeloop.db"_s), m_serverConnection);
            EXPECT_TRUE(db.ok());
            if (db.ok())
                m_serverDb = db.value();
        }
        return m_serverDb;
    }

    Client& client(const QString& name)
    {
        for (auto& c : m_clients)
            if (c.name == name)
                return c;
        ADD_FAILURE() << "no client " << name.toStdString();
        return m_clients.front();
    }

    void openClients(
        const std::function<void(const QString&, sync::SyncEngine::Options&)>& tweak = {})
    {
        for (const auto& [name, user] : { std::pair { u"inspector"_s, u"li.inspector"_s },
                 std::pair { u"supervisor"_s, u"zhao.lead"_s },
                 std::pair { u"enterprise"_s, u"ent.one"_s } }) {
            auto o = options(name);
            if (tweak)
                tweak(name, o);
            Client c { name, user, openEngine(o, user) };
            ASSERT_TRUE(c.engine);
            m_clients.push_back(std::move(c));
        }
    }

    /// One sync cycle of `c`, remembering the outbox rows it pushes (in server order).
    void sync(Client& c)
    {
        auto rows = c.engine->store().outbox();
        ASSERT_TRUE(rows.ok());
        const QString key = c.engine->api().session().user.id;
        for (const auto& r : *rows) {
            const QString id = c.name + u'#' + QString::number(r.id);
            if (m_seen.contains(id))
                continue;
            m_seen.insert(id);
            m_pushed.push_back({ c.name, options(c.name).deviceId + u'|' + key, r });
        }
        const auto result = c.engine->runCycle();
        ASSERT_TRUE(result.ok)
            << c.name.toStdString() << ": "
            << (result.failure
                       ? (result.failure->code + u": "_s + result.failure->message).toStdString()
                       : std::string());
        EXPECT_FALSE(result.resyncedNumbering);
    }

    /// Performs a mutation as the client's user; refusals (a domain rule on the device) are
    /// fine in a random mix and only counted.
    bool perform(Client& c, const QString& name, const QString& id, const QJsonObject& args)
    {
        auto r = c.engine->store().perform(c.engine->actor(), name, id, args);
        if (!r.ok()) {
            ++m_refusedLocally[r.error().code];
            return false;
        }
        ++m_performed[name];
        return true;
    }

    /// Server push result per pushed row (client key, mutation id).
    std::map<std::pair<QString, qint64>, std::pair<QString, QString>> serverResults()
    {
        std::map<std::pair<QString, qint64>, std::pair<QString, QString>> out;
        QSqlQuery q(serverDb());
        EXPECT_TRUE(q.exec(u"SELECT client_key, mutation_id, status, error FROM push_results"_s));
        while (q.next())
            out[{ q.value(0).toString(), q.value(1).toLongLong() }] = { q.value(2).toString(),
                parseObject(q.value(3).toString()).value(u"code"_s).toString() };
        return out;
    }

    /// Each device holds exactly what a fresh device of the same user pulls from scratch.
    void expectEachDeviceMatchesAFreshPull()
    {
        for (auto& c : m_clients) {
            auto fresh = device(c.name + u"-fresh"_s, c.user);
            ASSERT_TRUE(fresh);
            syncOk(*fresh);
            const auto mine = snapshot(test::FileConnection(c.engine->options().databasePath).db());
            const auto theirs = snapshot(test::FileConnection(fresh->options().databasePath).db());
            EXPECT_TRUE(mine == theirs) << c.name.toStdString() << " diverged from the server:\n"
                                        << diff(mine, theirs);
            EXPECT_GT(mine.size(), 3U);
            EXPECT_EQ(c.engine->pendingMutations(), 0) << c.name.toStdString();
        }
    }

    /// The supervisor (who sees everything) holds the server's records field for field.
    void expectSupervisorHoldsTheServersRecords()
    {
        test::FileConnection leadFile(client(u"supervisor"_s).engine->options().databasePath);
        auto& lead = leadFile.db();
        for (const auto& table : { u"inspections"_s, u"answers"_s, u"hazards"_s,
                 u"rectification_events"_s, u"comments"_s, u"enterprises"_s }) {
            std::map<QString, QJsonObject> server, device;
            QSqlQuery s(serverDb());
            ASSERT_TRUE(s.exec(u"SELECT id, doc FROM %1 WHERE deleted = 0"_s.arg(table)));
            while (s.next())
                server[s.value(0).toString()] = parseObject(s.value(1).toString());
            QSqlQuery d(lead);
            ASSERT_TRUE(d.exec(u"SELECT id, doc FROM %1 WHERE deleted = 0"_s.arg(table)));
            while (d.next())
                device[d.value(0).toString()] = parseObject(d.value(1).toString());
            EXPECT_EQ(server.size(), device.size()) << table.toStdString();
            for (const auto& [id, doc] : server)
                EXPECT_EQ(device[id], doc) << table.toStdString() << " " << id.toStdString();
        }
    }

    /// The enterprise user's device holds its own enterprise's records and nothing else.
    void expectEnterpriseHoldsOnlyItsOwn()
    {
        test::FileConnection dbFile(client(u"enterprise"_s).engine->options().databasePath);
        auto& db = dbFile.db();
        const QString mine = test::enterpriseCode(1);
        EXPECT_EQ(
            test::countRows(db, u"SELECT COUNT(*) FROM enterprises WHERE id <> '%1'"_s.arg(mine)),
            0);
        EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM enterprises"_s), 1);
        EXPECT_EQ(test::countRows(
                      db, u"SELECT COUNT(*) FROM hazards WHERE enterprise_id <> '%1'"_s.arg(mine)),
            0);
        EXPECT_GT(test::countRows(db, u"SELECT COUNT(*) FROM hazards"_s), 0);
        EXPECT_EQ(test::countRows(db,
                      u"SELECT COUNT(*) FROM rectification_events WHERE hazard_id NOT IN "
                      u"(SELECT id FROM hazards WHERE enterprise_id = '%1')"_s.arg(mine)),
            0);
        EXPECT_EQ(test::countRows(db,
                      u"SELECT COUNT(*) FROM comments WHERE record_id NOT IN "
                      u"(SELECT id FROM hazards WHERE enterprise_id = '%1')"_s.arg(mine)),
            0);
        for (const auto& none : { u"inspections"_s, u"answers"_s, u"conflicts"_s, u"plans"_s })
            EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM %1"_s.arg(none)), 0)
                << none.toStdString();
        // Users: itself and the inspectors (who act on its tasks), nobody else.
        EXPECT_EQ(
            test::countRows(db, u"SELECT COUNT(*) FROM users WHERE role <> 'inspector'"_s), 1);
        EXPECT_EQ(
            test::countRows(db, u"SELECT COUNT(*) FROM users WHERE role = 'enterprise'"_s), 1);
        // Its hazards, as the server has them, and no more.
        EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM hazards"_s),
            test::countRows(serverDb(),
                u"SELECT COUNT(*) FROM hazards WHERE enterprise_id = '%1'"_s.arg(mine)));
    }

    /// Every mutation reached the server exactly once and made exactly its records.
    void expectEveryMutationAppliedExactlyOnce()
    {
        const auto results = serverResults();
        std::map<QString, qint64> pushedPerClient;
        for (const auto& p : m_pushed)
            pushedPerClient[p.clientKey] = std::max(pushedPerClient[p.clientKey], p.row.id);
        for (auto& c : m_clients) {
            test::FileConnection metaFile(c.engine->options().databasePath);
            QSqlQuery meta(metaFile.db());
            ASSERT_TRUE(meta.exec(u"SELECT value FROM store_meta WHERE key = 'outbox_last_id'"_s));
            const qint64 last = meta.next() ? meta.value(0).toLongLong() : 0;
            const QString key = options(c.name).deviceId + u'|' + c.engine->user().id;
            EXPECT_EQ(pushedPerClient[key], last) << c.name.toStdString();
            QSqlQuery q(serverDb());
            q.prepare(u"SELECT last_mutation_id FROM push_clients WHERE client_key = ?"_s);
            q.addBindValue(key);
            ASSERT_TRUE(q.exec());
            if (last > 0) {
                ASSERT_TRUE(q.next()) << c.name.toStdString();
                EXPECT_EQ(q.value(0).toLongLong(), last) << c.name.toStdString();
            }
            EXPECT_EQ(test::countRows(serverDb(),
                          u"SELECT COUNT(*) FROM push_results WHERE client_key = '%1'"_s.arg(key)),
                last)
                << c.name.toStdString();
        }
        int hazards = 0, inspections = 0, comments = 0, events = 0;
        std::set<std::pair<QString, QString>> answered;
        for (const auto& p : m_pushed) {
            auto it = results.find({ p.clientKey, p.row.id });
            ASSERT_NE(it, results.end()) << p.client.toStdString() << " #" << p.row.id;
            if (it->second.first == u"rejected"_s)
                continue;
            const QString& n = p.row.name;
            const QString table = n == u"hazard.create"_s ? u"hazards"_s
                : n == u"inspection.create"_s             ? u"inspections"_s
                : n == u"comment.add"_s                   ? u"comments"_s
                : n.startsWith(u"rectification."_s)       ? u"rectification_events"_s
                                                          : QString();
            if (n == u"hazard.create"_s) {
                ++hazards;
                ++events; // its order
            } else if (n == u"inspection.create"_s) {
                ++inspections;
            } else if (n == u"comment.add"_s) {
                ++comments;
            } else if (n.startsWith(u"rectification."_s)) {
                ++events;
            } else if (n == u"answer.set"_s) {
                answered.insert({ p.row.args.value(u"inspection_id"_s).toString(),
                    p.row.args.value(u"item_code"_s).toString() });
            }
            if (!table.isEmpty()) {
                EXPECT_EQ(
                    test::countRows(serverDb(),
                        u"SELECT COUNT(*) FROM %1 WHERE id = '%2'"_s.arg(table, p.row.entityId)),
                    1)
                    << n.toStdString() << " " << p.row.entityId.toStdString();
            }
        }
        EXPECT_EQ(test::countRows(serverDb(), u"SELECT COUNT(*) FROM hazards"_s), hazards);
        EXPECT_EQ(test::countRows(serverDb(), u"SELECT COUNT(*) FROM inspections"_s), inspections);
        EXPECT_EQ(test::countRows(serverDb(), u"SELECT COUNT(*) FROM comments"_s), comments);
        EXPECT_EQ(
            test::countRows(serverDb(), u"SELECT COUNT(*) FROM rectification_events"_s), events);
        EXPECT_EQ(test::countRows(serverDb(), u"SELECT COUNT(*) FROM answers"_s),
            static_cast<int>(answered.size()));
    }

    /// Replays every pushed hazard.update (one field each) in server order on a model of field
    /// versions: a conflict exists exactly when the base differs from the current version, and
    /// then the server must report it (merged or conflict) and keep a conflict record; otherwise
    /// it must apply cleanly. The model's final values and versions must be the server's.
    void expectEveryOverwriteHasAConflictRecord()
    {
        const auto results = serverResults();
        struct Field {
            QJsonValue value;
            int version = 1;
            int conflicts = 0;
        };
        std::map<std::pair<QString, QString>, Field> model;
        const QStringList tracked { u"description"_s, u"place"_s, u"measure"_s, u"deadline"_s,
            u"level"_s };
        int predicted = 0;
        QSet<QString> closed; // hazards verified (销号) so far, in server order
        for (const auto& p : m_pushed) {
            const auto& r = p.row;
            const auto res = results.at({ p.clientKey, r.id });
            if (r.name == u"rectification.verify"_s && res.first != u"rejected"_s) {
                closed.insert(r.args.value(u"hazard_id"_s).toString());
                continue;
            }
            if (r.name == u"hazard.update"_s && closed.contains(r.entityId)) {
                // Edited offline while another device closed the hazard: refused by name.
                EXPECT_EQ(res.first, u"rejected"_s) << r.entityId.toStdString();
                EXPECT_EQ(res.second, u"hazard_closed"_s) << r.entityId.toStdString();
                continue;
            }
            if (r.name == u"hazard.create"_s && res.first != u"rejected"_s) {
                for (const auto& f : tracked)
                    model[{ r.entityId, f }] = { r.args.value(f), 1, 0 };
                continue;
            }
            if (r.name != u"hazard.update"_s)
                continue;
            ASSERT_EQ(r.args.size(), 1);
            const QString f = r.args.keys().first();
            const QJsonValue value = r.args.value(f);
            ASSERT_NE(model.count({ r.entityId, f }), 0U);
            auto& m = model[{ r.entityId, f }];
            EXPECT_NE(res.first, u"rejected"_s) << res.second.toStdString();
            if (res.first == u"rejected"_s)
                continue;
            const int base = r.base.value(f).toInt(m.version);
            const bool conflict = base != m.version && value != m.value;
            const std::string what = p.client.toStdString() + " #" + std::to_string(r.id) + " "
                + f.toStdString() + " base " + std::to_string(base) + " at "
                + std::to_string(m.version) + ": " + res.first.toStdString();
            if (conflict) {
                ++predicted;
                ++m.conflicts;
                EXPECT_TRUE(res.first == u"merged"_s || res.first == u"conflict"_s) << what;
                if (f == u"level"_s) {
                    EXPECT_EQ(res.first == u"merged"_s,
                        severity(value.toString()) > severity(m.value.toString()))
                        << what;
                }
                if (res.first == u"merged"_s) {
                    m.value = value;
                    ++m.version;
                }
            } else {
                EXPECT_EQ(res.first, u"applied"_s) << what;
                if (value != m.value) {
                    m.value = value;
                    ++m.version;
                }
            }
        }
        EXPECT_GT(predicted, 0) << "the mix made no concurrent edit";
        for (const auto& [key, m] : model) {
            auto rec = core::loadRecord(serverDb(), u"hazard"_s, key.first);
            ASSERT_TRUE(rec.ok() && rec->has_value());
            EXPECT_EQ((*rec)->fields.value(key.second), m.value)
                << key.first.toStdString() << " " << key.second.toStdString();
            EXPECT_EQ((*rec)->versions.value(key.second).toInt(), m.version)
                << key.first.toStdString() << " " << key.second.toStdString();
            EXPECT_EQ(
                test::countRows(serverDb(),
                    u"SELECT COUNT(*) FROM conflicts WHERE record_id = '%1' AND field = '%2'"_s.arg(
                        key.first, key.second)),
                m.conflicts)
                << key.first.toStdString() << " " << key.second.toStdString();
        }
        m_predictedConflicts = predicted;
    }

    /// Each hazard's events, in the order the server applied them, are a legal history ending
    /// in its status; every event refused as illegal left a conflict record.
    void expectLegalStatusHistories()
    {
        QSqlQuery h(serverDb());
        ASSERT_TRUE(h.exec(u"SELECT id, status FROM hazards"_s));
        int hazards = 0;
        while (h.next()) {
            ++hazards;
            QSqlQuery e(serverDb());
            e.prepare(u"SELECT e.kind, MIN(c.seq) AS first FROM rectification_events e "
                      u"JOIN change_log c ON c.entity = 'rectification_event' AND "
                      u"c.record_id = e.id WHERE e.hazard_id = ? GROUP BY e.id, e.kind "
                      u"ORDER BY first"_s);
            e.addBindValue(h.value(0).toString());
            ASSERT_TRUE(e.exec()) << e.lastError().text().toStdString();
            QList<core::EventKind> kinds;
            QStringList names;
            while (e.next()) {
                auto k = core::parseEventKind(e.value(0).toString());
                ASSERT_TRUE(k.ok());
                kinds << *k;
                names << e.value(0).toString();
            }
            ASSERT_FALSE(kinds.isEmpty());
            EXPECT_EQ(kinds.first(), core::EventKind::Order);
            auto status = core::rules::replay(kinds);
            ASSERT_TRUE(status.ok())
                << h.value(0).toString().toStdString() << ": " << names.join(u", "_s).toStdString();
            EXPECT_EQ(core::toString(*status), h.value(1).toString())
                << names.join(u", "_s).toStdString();
        }
        EXPECT_GT(hazards, 0);
        const auto results = serverResults();
        int illegal = 0;
        for (const auto& p : m_pushed) {
            const auto& res = results.at({ p.clientKey, p.row.id });
            if (res.first == u"rejected"_s && res.second == u"illegal_transition"_s)
                ++illegal;
        }
        EXPECT_EQ(test::countRows(serverDb(),
                      u"SELECT COUNT(*) FROM conflicts WHERE reason = 'illegal_transition'"_s),
            illegal);
        m_illegal = illegal;
    }

    /// Runs the seeded random mix of `steps` steps and checks every convergence property.
    void runMix(std::uint64_t seed, int steps);

    std::vector<Client> m_clients;
    QStringList m_inspections;
    std::vector<Pushed> m_pushed;
    QSet<QString> m_seen;
    std::map<QString, int> m_refusedLocally;
    std::map<QString, int> m_performed;
    int m_predictedConflicts = 0;
    int m_illegal = 0;
    QSqlDatabase m_serverDb;
    QString m_serverConnection;
};

/// Local view helpers on a device database.
QStringList hazardsWhere(sync::SyncEngine& e, const QString& where)
{
    QStringList ids;
    test::FileConnection qFile(e.options().databasePath);
    QSqlQuery q(qFile.db());
    if (q.exec(u"SELECT id FROM hazards WHERE deleted = 0 AND %1 ORDER BY id"_s.arg(where)))
        while (q.next())
            ids << q.value(0).toString();
    return ids;
}

void ConvergenceTest::runMix(std::uint64_t seed, int steps)
{
    std::cout << "convergence mix: SAFELOOP_SYNC_SEED=" << seed << " SAFELOOP_SYNC_STEPS=" << steps
              << std::endl;
    SCOPED_TRACE("SAFELOOP_SYNC_SEED=" + std::to_string(seed));
    RecordProperty("seed", static_cast<int>(seed));
    std::mt19937_64 rng(seed);
    auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    auto chance = [&pick](int percent) { return pick(100) < percent; };
    QElapsedTimer timer;
    timer.start();

    openClients();
    auto& inspector = client(u"inspector"_s);
    auto& lead = client(u"supervisor"_s);
    auto& ent = client(u"enterprise"_s);
    for (const auto& [n, street] :
        { std::pair { 1, u"North"_s }, std::pair { 2, u"North"_s }, std::pair { 3, u"South"_s } })
        ASSERT_TRUE(perform(lead, u"enterprise.upsert"_s, test::enterpriseCode(n),
            test::enterpriseArgs(n, street)));
    sync(lead);
    for (auto* c : { &inspector, &ent })
        sync(*c);

    auto photo = [&](Client& c) {
        QByteArray bytes(2048 + pick(4096), Qt::Uninitialized);
        for (auto& b : bytes)
            b = static_cast<char>(pick(256));
        auto sha = c.engine->store().blobs().put(bytes);
        EXPECT_TRUE(sha.ok());
        return QJsonArray { *sha };
    };
    auto anyOf
        = [&](const QStringList& list) { return list.at(pick(static_cast<int>(list.size()))); };
    const QStringList fields { u"description"_s, u"place"_s, u"measure"_s, u"deadline"_s,
        u"level"_s };
    auto valueFor = [&](const QString& field, const QString& who, int step) -> QJsonValue {
        if (field == u"level"_s)
            return chance(50) ? u"major"_s : u"general"_s;
        if (field == u"deadline"_s)
            return QDate(2027, 1 + pick(12), 1 + pick(28)).toString(Qt::ISODate);
        return u"%1 by %2 at step %3"_s.arg(field, who).arg(step);
    };
    std::map<QString, int> stepsOfKind;
    for (int step = 0; step < steps; ++step) {
        const int roll = pick(100);
        if (roll < 8) { // an inspection with its answers
            ++stepsOfKind[u"inspection"_s];
            const QString id = core::uuidv7();
            if (perform(inspector, u"inspection.create"_s, id,
                    { { u"enterprise_id"_s, test::enterpriseCode(1 + pick(2)) },
                        { u"kind"_s, u"random"_s }, { u"mode"_s, u"guidance"_s },
                        { u"inspector_ids"_s, QJsonArray { inspector.engine->user().id } },
                        { u"template_refs"_s, QJsonArray {} },
                        { u"started_at"_s, u"2026-11-20T02:00:00.000Z"_s } }))
                m_inspections << id;
        } else if (roll < 18) {
            ++stepsOfKind[u"answer"_s];
            if (m_inspections.isEmpty())
                continue;
            const QString insp = anyOf(m_inspections);
            QJsonObject args { { u"inspection_id"_s, insp },
                { u"item_code"_s, u"ITEM-%1"_s.arg(1 + pick(4)) },
                { u"result"_s, anyOf({ u"pass"_s, u"fail"_s, u"na"_s }) },
                { u"note"_s, u"answer at step %1"_s.arg(step) } };
            if (chance(20))
                args.insert(u"attachments"_s, photo(inspector));
            perform(inspector, u"answer.set"_s, core::uuidv7(), args);
        } else if (roll < 32) { // a new hazard, sometimes with a photo
            ++stepsOfKind[u"hazard.create"_s];
            Client& who = chance(60) ? inspector : lead;
            const int enterprise = &who == &lead ? 1 + pick(3) : 1 + pick(2);
            perform(who, u"hazard.create"_s, core::uuidv7(),
                test::hazardArgs(enterprise, u"hazard at step %1"_s.arg(step),
                    chance(30) ? photo(who) : QJsonArray {}));
        } else if (roll < 46) { // one device edits one field
            ++stepsOfKind[u"hazard.update"_s];
            Client& who = chance(50) ? inspector : lead;
            const QStringList mine = hazardsWhere(*who.engine, u"1 = 1"_s);
            if (mine.isEmpty())
                continue;
            const QString field = anyOf(fields);
            perform(who, u"hazard.update"_s, anyOf(mine),
                { { field, valueFor(field, who.name, step) } });
        } else if (roll < 54) { // inspector and supervisor edit the same field concurrently
            ++stepsOfKind[u"concurrent"_s];
            const QStringList both
                = hazardsWhere(*inspector.engine, u"id IN (SELECT id FROM hazards)"_s);
            QStringList shared;
            const QStringList leads = hazardsWhere(*lead.engine, u"1 = 1"_s);
            for (const auto& h : both)
                if (leads.contains(h))
                    shared << h;
            if (shared.isEmpty())
                continue;
            const QString hazard = anyOf(shared);
            const QString field = anyOf(fields);
            perform(inspector, u"hazard.update"_s, hazard,
                { { field, valueFor(field, u"inspector"_s, step) } });
            perform(lead, u"hazard.update"_s, hazard,
                { { field,
                    field == u"level"_s ? QJsonValue(u"major"_s)
                                        : valueFor(field, u"supervisor"_s, step) } });
        } else if (roll < 63) { // the enterprise submits its rectification
            ++stepsOfKind[u"submit"_s];
            const QStringList open
                = hazardsWhere(*ent.engine, u"status IN ('open', 'rejected', 'escalated')"_s);
            if (open.isEmpty())
                continue;
            QJsonObject args { { u"hazard_id"_s, anyOf(open) },
                { u"note"_s, u"fixed at step %1"_s.arg(step) } };
            if (chance(50))
                args.insert(u"attachments"_s, photo(ent));
            perform(ent, u"rectification.submit"_s, core::uuidv7(), args);
        } else if (roll < 73) { // an official verifies or rejects it, maybe both at once
            ++stepsOfKind[u"verify/reject"_s];
            Client& who = chance(50) ? inspector : lead;
            const QStringList submitted = hazardsWhere(*who.engine, u"status = 'submitted'"_s);
            if (submitted.isEmpty())
                continue;
            const QString hazard = anyOf(submitted);
            const bool verify = chance(60);
            perform(who, verify ? u"rectification.verify"_s : u"rectification.reject"_s,
                core::uuidv7(),
                { { u"hazard_id"_s, hazard }, { u"note"_s, u"checked at step %1"_s.arg(step) } });
            Client& other = &who == &inspector ? lead : inspector;
            if (chance(40)
                && hazardsWhere(*other.engine, u"status = 'submitted'"_s).contains(hazard))
                perform(other, chance(50) ? u"rectification.verify"_s : u"rectification.reject"_s,
                    core::uuidv7(),
                    { { u"hazard_id"_s, hazard },
                        { u"note"_s, u"also checked at step %1"_s.arg(step) } });
        } else if (roll < 76) {
            ++stepsOfKind[u"escalate"_s];
            Client& who = chance(50) ? inspector : lead;
            const QStringList open = hazardsWhere(*who.engine, u"status IN ('open', 'rejected')"_s);
            if (open.isEmpty())
                continue;
            perform(who, u"rectification.escalate"_s, core::uuidv7(),
                { { u"hazard_id"_s, anyOf(open) },
                    { u"note"_s, u"overdue at step %1"_s.arg(step) } });
        } else if (roll < 84) { // a comment, sometimes with a photo
            ++stepsOfKind[u"comment"_s];
            Client& who = m_clients[static_cast<std::size_t>(pick(3))];
            const QStringList visible = hazardsWhere(*who.engine, u"1 = 1"_s);
            if (visible.isEmpty())
                continue;
            QJsonObject args { { u"record_id"_s, anyOf(visible) },
                { u"text"_s, u"comment by %1 at step %2"_s.arg(who.name).arg(step) } };
            if (chance(25))
                args.insert(u"attachments"_s, photo(who));
            perform(who, u"comment.add"_s, core::uuidv7(), args);
        } else { // some devices come online and sync, in a random order
            ++stepsOfKind[u"sync"_s];
            std::vector<Client*> order { &inspector, &lead, &ent };
            std::shuffle(order.begin(), order.end(), rng);
            const int n = 1 + pick(3);
            for (int i = 0; i < n; ++i)
                ASSERT_NO_FATAL_FAILURE(sync(*order[static_cast<std::size_t>(i)]));
        }
    }
    for (int round = 0; round < 2; ++round)
        for (auto& c : m_clients)
            ASSERT_NO_FATAL_FAILURE(sync(c));
    const qint64 mixMs = timer.elapsed();

    expectEveryMutationAppliedExactlyOnce();
    expectEveryOverwriteHasAConflictRecord();
    expectLegalStatusHistories();
    expectEnterpriseHoldsOnlyItsOwn();
    expectSupervisorHoldsTheServersRecords();
    expectEachDeviceMatchesAFreshPull();

    std::cout << "convergence mix: " << m_pushed.size() << " mutations pushed, "
              << m_predictedConflicts << " field conflicts, " << m_illegal
              << " illegal transitions, in " << mixMs << " ms (checks " << timer.elapsed() - mixMs
              << " ms)" << std::endl;
    for (const auto& [code, n] : m_refusedLocally)
        std::cout << "  refused on the device: " << code.toStdString() << " x" << n << std::endl;
    for (const auto& [name, n] : m_performed)
        std::cout << "  performed " << name.toStdString() << " x" << n << std::endl;
    EXPECT_GE(m_performed[u"rectification.submit"_s], steps >= 200 ? 1 : 0);
    EXPECT_GE(static_cast<int>(m_pushed.size()), steps / 4);
}

/// Seeds whose mix once left a device holding what a fresh device of its user could not pull,
/// run as fixed cases beside the random one.
class ConvergenceRegressionTest : public ConvergenceTest,
                                  public ::testing::WithParamInterface<int> { };

} // namespace

TEST_F(ConvergenceTest, ThreeDevicesConvergeAfterASeededRandomMixOfOfflineEditsAndSyncs)
{
    runMix(static_cast<std::uint64_t>(envInt(
               "SAFELOOP_SYNC_SEED", static_cast<int>(std::random_device {}() & 0x7fffffff))),
        envInt("SAFELOOP_SYNC_STEPS", 200));
}

// Each of these seeds has two answer.set of one item in one push, the first with a photo the
// second replaced: the photo's metadata stayed on the inspector's device and nowhere else.
TEST_P(ConvergenceRegressionTest, AFormerlyDivergingSeedConverges)
{
    runMix(static_cast<std::uint64_t>(GetParam()), 200);
}

INSTANTIATE_TEST_SUITE_P(
    ReportedSeeds, ConvergenceRegressionTest, ::testing::Values(1600171474, 267749020, 695944094));
