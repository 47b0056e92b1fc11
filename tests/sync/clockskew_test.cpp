// Clock skew: devices whose clocks are off, or step mid-run, detect the same conflicts against
// the real safeloop-server and end the same way as devices with true clocks.
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

/// What a scripted run leaves on the server, without what differs between any two runs
/// (server timestamps, user ids, ids the server or core make up).
struct ScriptOutcome {
    std::map<QString, QString> records;
    std::multiset<QString> conflicts; ///< record, field, reason, the two values unordered
    std::map<QString, qint64> maxSkewMs; ///< per device, as the server recorded it
    bool hlcsRise = true; ///< every device's mutations carried rising HLCs
};

class ClockSkewTest : public test::LiveServerTest {
protected:
    /// Device clocks as offsets from the true time (milliseconds), changeable mid-run.
    struct Clocks {
        qint64 inspector = 0;
        qint64 supervisor = 0;
        qint64 enterprise = 0;
        qint64 enterpriseStepBack = 0; ///< applied to the enterprise's clock half way through
    };

    ScriptOutcome runScript(const QString& tag, const Clocks& clocks)
    {
        ScriptOutcome out;
        const QString dir = m_dir.filePath(tag);
        const auto data = dir + u"/server"_s;
        EXPECT_TRUE(QDir().mkpath(dir));
        EXPECT_EQ(test::runServerCommand({ u"init"_s, u"--data"_s, data }).exitCode, 0);
        auto add = [&](const QString& name, const QString& role, const QStringList& extra) {
            const auto r = test::runServerCommand(
                QStringList { u"user"_s, u"add"_s, u"--data"_s, data, u"--username"_s, name,
                    u"--role"_s, role, u"--name"_s, name }
                    + extra,
                test::LivePassword + "\n");
            EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
        };
        add(u"li.inspector"_s, u"inspector"_s,
            { u"--badge"_s, u"22010007"_s, u"--streets"_s, u"North"_s });
        add(u"zhao.lead"_s, u"supervisor"_s, {});
        add(u"ent.one"_s, u"enterprise"_s, { u"--enterprise"_s, test::enterpriseCode(1) });
        test::ServerProcess server;
        if (!server.start(data)) {
            ADD_FAILURE() << "server did not start";
            return out;
        }
        auto offsets = std::make_shared<std::map<QString, qint64>>(
            std::map<QString, qint64> { { u"inspector"_s, clocks.inspector },
                { u"supervisor"_s, clocks.supervisor }, { u"enterprise"_s, clocks.enterprise } });
        std::map<QString, std::unique_ptr<sync::SyncEngine>> d;
        std::map<QString, QString> deviceIds;
        std::map<QString, QString> lastHlc;
        for (const auto& [name, user] : { std::pair { u"inspector"_s, u"li.inspector"_s },
                 std::pair { u"supervisor"_s, u"zhao.lead"_s },
                 std::pair { u"enterprise"_s, u"ent.one"_s } }) {
            sync::SyncEngine::Options o;
            o.serverUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(server.port()));
            o.databasePath = dir + u"/"_s + name + u".db"_s;
            o.blobRoot = dir + u"/"_s + name + u"-blobs"_s;
            o.deviceId = u"0193b000-0000-7000-8000-00000000000%1"_s.arg(d.size() + 1);
            o.deviceName = name;
            const QString who = name;
            o.clock = [offsets, who] {
                return QDateTime::currentDateTimeUtc().addMSecs(offsets->at(who));
            };
            deviceIds[name] = o.deviceId;
            d[name] = openEngine(o, user);
            if (!d[name])
                return out;
        }
        auto run = [&](const QString& who, const QString& name, const QString& id,
                       const QJsonObject& args) {
            auto r = d[who]->store().perform(d[who]->actor(), name, id, args);
            EXPECT_TRUE(r.ok()) << who.toStdString() << " " << name.toStdString() << ": "
                                << (r.ok() ? std::string() : r.error().message.toStdString());
        };
        auto syncs = [&](const QStringList& who) {
            for (const auto& w : who) {
                const auto rows = d[w]->store().outbox();
                EXPECT_TRUE(rows.ok());
                for (const auto& row : rows.ok() ? *rows : QList<core::OutboxRow> {}) {
                    if (row.hlc <= lastHlc[w])
                        out.hlcsRise = false;
                    lastHlc[w] = row.hlc;
                }
                const auto r = d[w]->runCycle();
                EXPECT_TRUE(r.ok) << w.toStdString() << ": "
                                  << (r.failure ? r.failure->code.toStdString() : std::string());
            }
        };
        auto id = [](int n) { return u"0193c000-0000-7000-8000-%1"_s.arg(n, 12, 10, QChar(u'0')); };
        const QString h1 = id(1), h2 = id(2);

        run(u"supervisor"_s, u"enterprise.upsert"_s, test::enterpriseCode(1),
            test::enterpriseArgs(1, u"North"_s));
        syncs({ u"supervisor"_s, u"inspector"_s, u"enterprise"_s });
        run(u"inspector"_s, u"hazard.create"_s, h1, test::hazardArgs(1, u"Leak"_s));
        run(u"inspector"_s, u"hazard.create"_s, h2, test::hazardArgs(1, u"Guard missing"_s));
        syncs({ u"inspector"_s, u"supervisor"_s, u"enterprise"_s });
        // Concurrent edits: the same field (a conflict) and different fields (none).
        run(u"inspector"_s, u"hazard.update"_s, h1, { { u"description"_s, u"Leak at valve 3"_s } });
        run(u"supervisor"_s, u"hazard.update"_s, h1,
            { { u"description"_s, u"Leak at the pump"_s } });
        run(u"inspector"_s, u"hazard.update"_s, h2, { { u"level"_s, u"major"_s } });
        run(u"supervisor"_s, u"hazard.update"_s, h2, { { u"place"_s, u"Line 4"_s } });
        syncs({ u"supervisor"_s, u"inspector"_s, u"supervisor"_s });
        (*offsets)[u"enterprise"_s] += clocks.enterpriseStepBack; // the clock jumps back
        run(u"enterprise"_s, u"rectification.submit"_s, id(10),
            { { u"hazard_id"_s, h1 }, { u"note"_s, u"Valve replaced"_s } });
        syncs({ u"enterprise"_s, u"inspector"_s, u"supervisor"_s });
        // Both officials judge the same submission offline: the later one is refused.
        run(u"inspector"_s, u"rectification.verify"_s, id(11),
            { { u"hazard_id"_s, h1 }, { u"note"_s, u"Checked on site"_s } });
        run(u"supervisor"_s, u"rectification.reject"_s, id(12),
            { { u"hazard_id"_s, h1 }, { u"note"_s, u"Photo unclear"_s } });
        syncs({ u"inspector"_s, u"supervisor"_s, u"inspector"_s, u"enterprise"_s });
        run(u"enterprise"_s, u"comment.add"_s, id(20),
            { { u"record_id"_s, h2 }, { u"text"_s, u"Guard ordered"_s } });
        run(u"inspector"_s, u"comment.add"_s, id(21),
            { { u"record_id"_s, h1 }, { u"text"_s, u"Closed"_s } });
        run(u"inspector"_s, u"hazard.update"_s, h2, { { u"measure"_s, u"Replace the guard"_s } });
        run(u"supervisor"_s, u"hazard.update"_s, h2, { { u"measure"_s, u"Stop the press"_s } });
        run(u"enterprise"_s, u"rectification.submit"_s, id(13),
            { { u"hazard_id"_s, h2 }, { u"note"_s, u"Guard fitted"_s } });
        for (int round = 0; round < 2; ++round)
            syncs({ u"enterprise"_s, u"inspector"_s, u"supervisor"_s });

        // What the server holds now.
        const QString connection = u"script-view-"_s + core::uuidv7();
        {
            auto opened = core::openSqlite(data + u"/safeloop.db"_s, connection);
            EXPECT_TRUE(opened.ok());
            if (opened.ok()) {
                QSqlDatabase db = opened.value();
                QSqlQuery q(db);
                EXPECT_TRUE(q.exec(u"SELECT id, doc, versions FROM hazards"_s));
                while (q.next()) {
                    QJsonObject doc = parseObject(q.value(1).toString());
                    for (const auto& k : { u"created_at"_s, u"updated_at"_s, u"submitted_on"_s })
                        doc.remove(k);
                    out.records[u"hazard/"_s + q.value(0).toString()]
                        = compact(doc) + q.value(2).toString();
                }
                EXPECT_TRUE(q.exec(u"SELECT hazard_id, kind, doc FROM rectification_events e "
                                   u"ORDER BY (SELECT MIN(seq) FROM change_log c WHERE "
                                   u"c.entity = 'rectification_event' AND c.record_id = e.id)"_s));
                while (q.next())
                    out.records[u"events/"_s + q.value(0).toString()] += q.value(1).toString()
                        + u":"_s + parseObject(q.value(2).toString()).value(u"note"_s).toString()
                        + u";"_s;
                EXPECT_TRUE(q.exec(u"SELECT id, record_id, doc FROM comments"_s));
                while (q.next())
                    out.records[u"comment/"_s + q.value(0).toString()] = q.value(1).toString()
                        + parseObject(q.value(2).toString()).value(u"text"_s).toString();
                EXPECT_TRUE(q.exec(u"SELECT record_id, field, reason, kept_value, lost_value "
                                   u"FROM conflicts"_s));
                while (q.next()) {
                    QStringList values { q.value(3).toString(), q.value(4).toString() };
                    values.sort();
                    out.conflicts.insert(QStringList { q.value(0).toString(), q.value(1).toString(),
                        q.value(2).toString(), values.join(u" / "_s) }
                                             .join(u" | "_s));
                }
                EXPECT_TRUE(q.exec(u"SELECT client_id, max_skew_ms FROM push_clients"_s));
                while (q.next())
                    for (const auto& [name, deviceId] : deviceIds)
                        if (deviceId == q.value(0).toString())
                            out.maxSkewMs[name] = q.value(1).toLongLong();
            }
        }
        core::closeDatabase(connection);
        // Every device agrees with the server on the hazards.
        for (const auto& [name, engine] : d) {
            test::FileConnection qFile(engine->options().databasePath);
            QSqlQuery q(qFile.db());
            EXPECT_TRUE(q.exec(u"SELECT id, doc, versions FROM hazards"_s));
            int n = 0;
            while (q.next()) {
                ++n;
                QJsonObject doc = parseObject(q.value(1).toString());
                for (const auto& k : { u"created_at"_s, u"updated_at"_s, u"submitted_on"_s })
                    doc.remove(k);
                EXPECT_EQ(out.records[u"hazard/"_s + q.value(0).toString()],
                    compact(doc) + q.value(2).toString())
                    << tag.toStdString() << " " << name.toStdString();
            }
            EXPECT_EQ(n, 2) << name.toStdString();
            EXPECT_EQ(engine->pendingMutations(), 0) << name.toStdString();
        }
        return out;
    }
};

} // namespace

TEST_F(ClockSkewTest, SkewedAndSteppingClocksDetectTheSameConflictsAndEndTheSameWay)
{
    constexpr qint64 Hour = 3600LL * 1000;
    const ScriptOutcome truth = runScript(u"true-clocks"_s, {});
    ASSERT_FALSE(HasFatalFailure());
    // The script makes two field conflicts and one refused judgement.
    EXPECT_EQ(truth.conflicts.size(), 3U);
    EXPECT_TRUE(truth.hlcsRise);

    const Clocks skewed { -2 * Hour, 72 * Hour, 0, -24 * Hour };
    const ScriptOutcome first = runScript(u"skewed-1"_s, skewed);
    const ScriptOutcome second = runScript(u"skewed-2"_s, skewed);
    ASSERT_FALSE(HasFatalFailure());
    EXPECT_EQ(first.conflicts, truth.conflicts)
        << "clocks must never decide whether there is a conflict";
    EXPECT_EQ(second.conflicts, truth.conflicts);
    EXPECT_EQ(first.records, second.records) << "the same script must end the same way";
    EXPECT_TRUE(first.hlcsRise) << "a clock stepping back never makes a device's HLC go back";
    EXPECT_TRUE(second.hlcsRise);
    // The server saw the skew (and ordered those devices by arrival).
    EXPECT_LT(first.maxSkewMs.at(u"inspector"_s), -Hour);
    EXPECT_GT(first.maxSkewMs.at(u"supervisor"_s), 48 * Hour);
    EXPECT_LT(std::abs(truth.maxSkewMs.at(u"supervisor"_s)), 60 * 1000);
}
