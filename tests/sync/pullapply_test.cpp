// Applying pull pages on a device (the page text bound as each record's doc) against the
// records the server stores, written one by one with core::storeRecord: the same rows, with
// children that arrive before their parent and records that leave the device's scope.
#include "liveserver.h"
#include "tests/support/fileconnection.h"

#include "core/database.h"
#include "core/mutation.h"
#include "core/schema.h"
#include "core/uuid.h"

#include <QDir>
#include <QSqlRecord>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

const QList<std::pair<QString, QString>> RecordTables { { u"enterprise"_s, u"enterprises"_s },
    { u"inspection"_s, u"inspections"_s }, { u"answer"_s, u"answers"_s },
    { u"hazard"_s, u"hazards"_s }, { u"rectification_event"_s, u"rectification_events"_s },
    { u"comment"_s, u"comments"_s }, { u"plan"_s, u"plans"_s } };

class PullApplyTest : public test::LiveServerTest {
protected:
    void TearDown() override
    {
        for (const auto& n : std::as_const(m_connections))
            core::closeDatabase(n);
    }

    QSqlDatabase open(const QString& path, const QString& name)
    {
        auto db = core::openSqlite(path, name);
        EXPECT_TRUE(db.ok());
        m_connections << name;
        return db.value();
    }

    /// Every row of the record tables, column by column.
    static QStringList dump(QSqlDatabase& db)
    {
        QStringList out;
        for (const auto& [entity, table] : RecordTables) {
            QSqlQuery q(db);
            EXPECT_TRUE(q.exec(u"SELECT * FROM %1 ORDER BY id"_s.arg(table)));
            while (q.next()) {
                QStringList row { table };
                for (int c = 0; c < q.record().count(); ++c)
                    row << q.record().fieldName(c) + u'='
                            + (q.value(c).isNull() ? u"NULL"_s : q.value(c).toString());
                out << row.join(u" | "_s);
            }
        }
        return out;
    }

    /// The rows core::storeRecord writes for the server's current copy of every record the
    /// device holds, in a fresh database with the device's schema.
    QStringList reference(QSqlDatabase& device, const QString& name)
    {
        QSqlDatabase server = open(QDir(serverDir()).filePath(u"safeloop.db"_s), name + u"-srv"_s);
        QSqlDatabase ref = open(m_dir.filePath(name + u"-ref.db"_s), name + u"-ref"_s);
        EXPECT_TRUE(core::migrateSchema(ref).ok());
        EXPECT_TRUE(ref.transaction());
        QSqlQuery defer(ref);
        defer.exec(u"PRAGMA defer_foreign_keys = ON"_s);
        for (const auto& [entity, table] : RecordTables) {
            QSqlQuery ids(device);
            EXPECT_TRUE(ids.exec(u"SELECT id FROM %1"_s.arg(table)));
            while (ids.next()) {
                auto stored = core::loadRecord(server, entity, ids.value(0).toString());
                EXPECT_TRUE(stored.ok() && stored->has_value()) << entity.toStdString();
                if (stored.ok() && stored->has_value()) {
                    EXPECT_TRUE(core::storeRecord(ref, **stored).ok());
                }
            }
        }
        EXPECT_TRUE(ref.commit());
        return dump(ref);
    }

    QStringList m_connections;
};

} // namespace

TEST_F(PullApplyTest, PagesOfOneGiveTheServersRowsWithChildrenBeforeParentsAndScopeRemovals)
{
    addUser(u"lead"_s, u"supervisor"_s);
    addUser(u"wang"_s, u"inspector"_s, { u"--badge"_s, u"22010011"_s });
    addUser(
        u"north"_s, u"inspector"_s, { u"--badge"_s, u"22010012"_s, u"--streets"_s, u"North"_s });
    startServer();
    auto lead = device(u"lead"_s, u"lead"_s);
    ASSERT_TRUE(lead);
    registerEnterprise(*lead, 1, u"North"_s);
    registerEnterprise(*lead, 2, u"South"_s);
    auto wang = device(u"wang"_s, u"wang"_s);
    ASSERT_TRUE(wang);
    syncOk(*wang);
    QStringList hazards;
    for (int n : { 1, 2, 1 }) {
        const QString id = core::uuidv7();
        auto r = wang->store().perform(wang->actor(), u"hazard.create"_s, id,
            test::hazardArgs(n, u"Light curtain bypassed on press %1"_s.arg(hazards.size())));
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        hazards << id;
    }
    syncOk(*wang);
    // The first hazard changes after its order event was logged.
    auto edit = wang->store().perform(wang->actor(), u"hazard.update"_s, hazards.at(0),
        { { u"description"_s, u"Light curtain bypassed; \"key\" left in the switch"_s } });
    ASSERT_TRUE(edit.ok()) << edit.error().message.toStdString();
    syncOk(*wang);

    // Retention keeps only every record's latest change: the order event of the edited hazard
    // now comes before any change of the hazard itself, so a device paging one change at a time
    // receives the child first and must hold it until the parent arrives.
    {
        QSqlDatabase log = open(QDir(serverDir()).filePath(u"safeloop.db"_s), u"log"_s);
        QSqlQuery trim(log);
        ASSERT_TRUE(trim.exec(u"DELETE FROM change_log WHERE seq NOT IN (SELECT MAX(seq) FROM "
                              u"change_log GROUP BY entity, record_id)"_s));
        QSqlQuery order(log);
        order.prepare(u"SELECT (SELECT MIN(c.seq) FROM change_log c JOIN rectification_events e "
                      u"ON e.id = c.record_id WHERE e.hazard_id = ?) < (SELECT MIN(seq) FROM "
                      u"change_log WHERE record_id = ?)"_s);
        order.addBindValue(hazards.at(0));
        order.addBindValue(hazards.at(0));
        ASSERT_TRUE(order.exec() && order.next());
        ASSERT_TRUE(order.value(0).toBool()) << "the event must precede its hazard in the log";
    }

    for (const auto& user : { u"lead"_s, u"north"_s }) {
        SCOPED_TRACE(user.toStdString());
        auto o = options(u"paged-"_s + user);
        o.pullLimit = 1;
        o.firstSyncPullLimit = 1;
        auto paged = openEngine(o, user);
        ASSERT_TRUE(paged);
        syncOk(*paged);
        test::FileConnection dbFile(paged->options().databasePath);
        QSqlDatabase& db = dbFile.db();
        EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM sync_orphans"_s), 0);
        EXPECT_EQ(
            test::countRows(db, u"SELECT COUNT(*) FROM hazards"_s), user == u"lead"_s ? 3 : 2);
        EXPECT_GE(test::countRows(db, u"SELECT COUNT(*) FROM rectification_events"_s),
            user == u"lead"_s ? 3 : 2);
        const QStringList rows = dump(db);
        EXPECT_EQ(rows.join(u'\n').toStdString(), reference(db, user).join(u'\n').toStdString());
        EXPECT_FALSE(rows.join(u'\n').contains(u"overdue"_s));
    }

    // Enterprise 1 leaves the North: the North inspector's device drops it and what hangs on it.
    auto moved = lead->store().perform(lead->actor(), u"enterprise.upsert"_s,
        test::enterpriseCode(1), test::enterpriseArgs(1, u"South"_s));
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    syncOk(*lead);
    // (In pages of the usual size: the enterprise and its records leave in one page.)
    auto north = openEngine(options(u"paged-north"_s));
    ASSERT_TRUE(north);
    syncOk(*north);
    test::FileConnection dbFile(north->options().databasePath);
    QSqlDatabase& db = dbFile.db();
    EXPECT_EQ(test::countRows(db,
                  u"SELECT COUNT(*) FROM enterprises WHERE deleted = 0 AND id = '%1'"_s.arg(
                      test::enterpriseCode(1))),
        0);
    EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM hazards WHERE deleted = 0"_s), 0);
    EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM rectification_events"_s), 0);
    EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM sync_orphans"_s), 0);
}

TEST_F(PullApplyTest, AHazardDeletedOnTheServerLeavesTheDeviceWithItsEventsAndLaterPagesApply)
{
    addUser(u"lead"_s, u"supervisor"_s);
    addUser(u"wang"_s, u"inspector"_s, { u"--badge"_s, u"22010011"_s });
    startServer();
    auto lead = device(u"lead"_s, u"lead"_s);
    ASSERT_TRUE(lead);
    registerEnterprise(*lead, 1, u"North"_s);
    auto wang = device(u"wang"_s, u"wang"_s);
    ASSERT_TRUE(wang);
    syncOk(*wang);
    const QString doomed = core::uuidv7();
    const QString kept = core::uuidv7();
    for (const auto& id : { doomed, kept }) {
        auto r = wang->store().perform(
            wang->actor(), u"hazard.create"_s, id, test::hazardArgs(1, u"Guard rail missing"_s));
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    }
    syncOk(*wang);
    test::FileConnection dbFile(wang->options().databasePath);
    QSqlDatabase& db = dbFile.db();
    ASSERT_GE(
        test::countRows(
            db, u"SELECT COUNT(*) FROM rectification_events WHERE hazard_id = '%1'"_s.arg(doomed)),
        1);

    // A supervisor deletes the hazard (its order event stays on the server): the device gets a
    // remove for the hazard alone, and must still be able to commit that page and the next.
    syncOk(*lead);
    auto del = lead->store().perform(lead->actor(), u"hazard.delete"_s, doomed, {});
    ASSERT_TRUE(del.ok()) << del.error().message.toStdString();
    syncOk(*lead);
    syncOk(*wang);
    EXPECT_EQ(
        test::countRows(db, u"SELECT COUNT(*) FROM hazards WHERE id = '%1'"_s.arg(doomed)), 0);
    EXPECT_EQ(
        test::countRows(
            db, u"SELECT COUNT(*) FROM rectification_events WHERE hazard_id = '%1'"_s.arg(doomed)),
        0);
    EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM hazards WHERE id = '%1'"_s.arg(kept)), 1);
    EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM pragma_foreign_key_check"_s), 0);

    // The sync goes on: a later edit of the other hazard reaches the device.
    auto edit = lead->store().perform(lead->actor(), u"hazard.update"_s, kept,
        { { u"description"_s, u"Guard rail missing at the loading bay"_s } });
    ASSERT_TRUE(edit.ok()) << edit.error().message.toStdString();
    syncOk(*lead);
    syncOk(*wang);
    QSqlQuery q(db);
    ASSERT_TRUE(q.exec(
        u"SELECT json_extract(doc, '$.description') FROM hazards WHERE id = '%1'"_s.arg(kept)));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), u"Guard rail missing at the loading bay"_s);
}

TEST_F(PullApplyTest, AnEnterpriseLeavingTheStreetInPagesOfOneTakesItsHazardsAndEventsAlong)
{
    addUser(u"lead"_s, u"supervisor"_s);
    addUser(
        u"north"_s, u"inspector"_s, { u"--badge"_s, u"22010012"_s, u"--streets"_s, u"North"_s });
    startServer();
    auto lead = device(u"lead"_s, u"lead"_s);
    ASSERT_TRUE(lead);
    registerEnterprise(*lead, 1, u"North"_s);
    registerEnterprise(*lead, 2, u"North"_s);
    auto o = options(u"north-paged"_s);
    o.pullLimit = 1;
    o.firstSyncPullLimit = 1;
    auto north = openEngine(o, u"north"_s);
    ASSERT_TRUE(north);
    syncOk(*north);
    for (int n : { 1, 1, 2 }) {
        auto r = north->store().perform(north->actor(), u"hazard.create"_s, core::uuidv7(),
            test::hazardArgs(n, u"Extinguisher expired"_s));
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    }
    syncOk(*north);
    test::FileConnection dbFile(north->options().databasePath);
    QSqlDatabase& db = dbFile.db();
    ASSERT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM hazards"_s), 3);

    syncOk(*lead);
    auto moved = lead->store().perform(lead->actor(), u"enterprise.upsert"_s,
        test::enterpriseCode(1), test::enterpriseArgs(1, u"South"_s));
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    syncOk(*lead);
    // One change per page: the enterprise, its hazards and their events leave in separate pages.
    syncOk(*north);
    EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM hazards"_s), 1);
    EXPECT_EQ(test::countRows(db,
                  u"SELECT COUNT(*) FROM rectification_events e WHERE NOT EXISTS (SELECT 1 FROM "
                  u"hazards h WHERE h.id = e.hazard_id)"_s),
        0);
    EXPECT_EQ(test::countRows(db, u"SELECT COUNT(*) FROM sync_orphans"_s), 0);
    syncOk(*north); // and the next cycle is a clean no-op
}
