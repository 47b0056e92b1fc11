// App upgrade: an older device database keeps its outbox and pushes it exactly once.
#include "tests/support/fileconnection.h"
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

namespace {

class AppUpgradeTest : public test::LiveServerTest {
protected:
    void SetUp() override
    {
        LiveServerTest::SetUp();
        addUser(u"li.inspector"_s, u"inspector"_s,
            { u"--badge"_s, u"22010007"_s, u"--streets"_s, u"North"_s });
        addUser(u"zhao.lead"_s, u"supervisor"_s);
        startServer();
    }
};

bool hasTable(QSqlDatabase& db, const QString& name)
{
    return test::countRows(db,
               u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'"_s.arg(
                   name))
        == 1;
}

} // namespace

TEST_F(AppUpgradeTest, AnOlderDeviceDatabaseKeepsItsOutboxAndPushesItExactlyOnce)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1, u"North"_s);
    QString inspectorId;
    {
        auto view
            = core::openSqlite(QDir(serverDir()).filePath(u"safeloop.db"_s), u"upgrade-view"_s);
        ASSERT_TRUE(view.ok());
        QSqlQuery q(view.value());
        ASSERT_TRUE(q.exec(u"SELECT id FROM users WHERE username = 'li.inspector'"_s) && q.next());
        inspectorId = q.value(0).toString();
    }
    core::closeDatabase(u"upgrade-view"_s);

    // The device file of an app from before the sync module: core's schema at its version and
    // an outbox of offline work, no sync tables, no stored login.
    const auto o = options(u"tablet"_s);
    QList<core::OutboxRow> before;
    QStringList hazards;
    {
        core::LocalStore::Options so;
        so.databasePath = o.databasePath;
        so.blobRoot = o.blobRoot;
        so.deviceId = o.deviceId;
        auto old = core::LocalStore::open(so);
        ASSERT_TRUE(old.ok()) << old.error().message.toStdString();
        const core::Actor me { inspectorId, core::Role::Inspector, {}, { u"North"_s }, o.deviceId };
        for (int i = 0; i < 3; ++i) {
            hazards << core::uuidv7();
            ASSERT_TRUE((*old)
                            ->perform(me, u"hazard.create"_s, hazards.last(),
                                test::hazardArgs(1, u"Found offline %1"_s.arg(i)))
                            .ok());
        }
        ASSERT_TRUE((*old)
                        ->perform(me, u"hazard.update"_s, hazards.first(),
                            { { u"description"_s, u"Found offline, corrected"_s } })
                        .ok());
        before = *(*old)->outbox();
        ASSERT_EQ(before.size(), 4);
        test::FileConnection oldFile(o.databasePath);
        EXPECT_EQ(core::userVersion(oldFile.db()), core::SchemaVersion);
        EXPECT_FALSE(hasTable(oldFile.db(), u"sync_state"_s));
    }

    auto upgraded = openEngine(o);
    ASSERT_TRUE(upgraded);
    test::FileConnection dbFile(upgraded->options().databasePath);
    auto& db = dbFile.db();
    EXPECT_EQ(core::userVersion(db), core::SchemaVersion);
    for (const auto& t : { u"sync_state"_s, u"sync_blobs"_s, u"sync_rejected"_s,
             u"sync_conflicts_resolved"_s, u"sync_devices"_s })
        EXPECT_TRUE(hasTable(db, t)) << t.toStdString();
    const auto kept = *upgraded->store().outbox();
    ASSERT_EQ(kept.size(), before.size());
    for (qsizetype i = 0; i < kept.size(); ++i) {
        EXPECT_EQ(kept[i].id, before[i].id);
        EXPECT_EQ(kept[i].hlc, before[i].hlc);
        EXPECT_EQ(kept[i].args, before[i].args);
        EXPECT_EQ(kept[i].base, before[i].base);
    }
    // No login was stored by the old app: the first cycle asks for one and keeps everything.
    const auto first = upgraded->runCycle();
    ASSERT_FALSE(first.ok);
    EXPECT_EQ(first.failure->kind, sync::ApiFailure::Kind::NeedsLogin);
    EXPECT_EQ(upgraded->pendingMutations(), 4);
    ASSERT_TRUE(upgraded->login(u"li.inspector"_s, QString::fromUtf8(test::LivePassword)).ok());
    const auto pushed = upgraded->runCycle();
    ASSERT_TRUE(pushed.ok) << pushed.failure->code.toStdString();
    EXPECT_EQ(pushed.pushed, 4);
    EXPECT_EQ(upgraded->pendingMutations(), 0);
    const auto again = upgraded->runCycle();
    ASSERT_TRUE(again.ok);
    EXPECT_EQ(again.pushed, 0);
    upgraded.reset();
    auto reopened = openEngine(o);
    syncOk(*reopened);

    syncOk(*lead);
    EXPECT_EQ(test::countRows(test::FileConnection(lead->options().databasePath).db(),
                  u"SELECT COUNT(*) FROM hazards"_s),
        3);
    auto first0 = lead->store().record(u"hazard"_s, hazards.first());
    ASSERT_TRUE(first0.ok() && first0->has_value());
    EXPECT_EQ((*first0)->fields.value(u"description"_s).toString(), u"Found offline, corrected"_s);
    EXPECT_EQ((*first0)->versions.value(u"description"_s).toInt(), 2);
    {
        auto view
            = core::openSqlite(QDir(serverDir()).filePath(u"safeloop.db"_s), u"upgrade-view"_s);
        ASSERT_TRUE(view.ok());
        EXPECT_EQ(test::countRows(view.value(),
                      u"SELECT COUNT(*) FROM push_results WHERE client_key = '%1|%2'"_s.arg(
                          o.deviceId, inspectorId)),
            4);
        EXPECT_EQ(test::countRows(view.value(),
                      u"SELECT COUNT(*) FROM push_results WHERE client_key = '%1|%2' AND "
                      u"status = 'applied'"_s.arg(o.deviceId, inspectorId)),
            4);
    }
    core::closeDatabase(u"upgrade-view"_s);
}
