// SyncCenter with the real controllers against the real safeloop-server: login opens the user's
// store and syncs it, one token store survives refreshes and restarts, an expired login keeps the
// outbox and resumes after a new login, and document number blocks come from the server per kind.
#include "appsynctestsupport.h"

#include "app/inspectioncontroller.h"
#include "core/rules.h"
#include "tests/support/faultproxy.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <QQmlComponent>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(SafeLoop_AppPlugin)

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using namespace safeloop::app::testing;

namespace {

class SyncCenterTest : public ServerFixture {
protected:
    /// Presents `token` to POST /api/v1/auth/refresh as another client would: the status and,
    /// on 200, the new refresh token.
    std::pair<int, QString> refreshAtServer(const QString& token)
    {
        const auto answer = test::refreshAt(server.port(), token);
        return { answer.status, answer.refreshToken };
    }

    int numbersLeft(AppInstance& app, const QString& kind)
    {
        const int year = core::rules::localDate(QDateTime::currentDateTimeUtc()).year();
        return app.store.call<int>([&](core::LocalStore& st) {
            auto left = DeviceStore::documentNumbersLeft(st, kind, year);
            return left ? *left : -1;
        });
    }

    QString takeNumber(AppInstance& app, const QString& kind)
    {
        const int year = core::rules::localDate(QDateTime::currentDateTimeUtc()).year();
        return app.store.call<QString>([&](core::LocalStore& st) {
            auto n = DeviceStore::takeDocumentNumber(st, kind, year);
            return n ? *n : n.error().code;
        });
    }

    qsizetype outboxSize(AppInstance& app)
    {
        return app.store.call<qsizetype>([](core::LocalStore& st) {
            auto rows = st.outbox();
            return rows ? rows->size() : qsizetype(-1);
        });
    }

    /// Starts a guidance inspection of the district's enterprise (one local mutation).
    QString startInspection(AppInstance& app)
    {
        InspectionController ctrl;
        ctrl.setStore(&app.store);
        ctrl.loadOptions(enterpriseUscc());
        if (!waitUntil([&] { return !ctrl.templateOptions().isEmpty(); }))
            return {};
        const QString ref = ctrl.templateOptions().first().toMap().value(u"ref"_s).toString();
        bool done = false;
        QObject::connect(&ctrl, &InspectionController::started, &ctrl, [&] { done = true; });
        QObject::connect(&ctrl, &InspectionController::failed, &ctrl, [&] { done = true; });
        ctrl.start(enterpriseUscc(), u"plan"_s, u"guidance"_s, { app.session.userId() }, { ref });
        waitUntil([&] { return done; });
        EXPECT_TRUE(ctrl.errorCode().isEmpty()) << ctrl.errorMessage().toStdString();
        return ctrl.inspectionId();
    }

    /// Outbox rows in a user's device database, read from the file (the store may be closed).
    qint64 outboxRowsOnDisk(const QString& userId)
    {
        const QString name = u"outbox-view-%1"_s.arg(++m_views);
        qint64 rows = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(
                SyncCenter::userDirectory(appDir.path(), userId) + u"/safeloop.db"_s);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(u"SELECT COUNT(*) FROM outbox"_s) && q.next())
                    rows = q.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return rows;
    }

    /// The app behind a fault proxy, signed in as li.qiang, with one inspection started while
    /// the network swallows everything: a cycle is stuck in its push when this returns.
    QString signedInWithACycleStuckInFlight(AppInstance& app, test::FaultProxy& proxy)
    {
        if (!app.login(u"li.qiang"_s))
            return {};
        proxy.setMode(test::FaultProxy::Mode::Blackhole);
        const int connectionsBefore = proxy.connections();
        const qsizetype bytesBefore = static_cast<qsizetype>(proxy.bytesForwarded());
        if (startInspection(app).isEmpty())
            return {};
        // The debounced cycle starts and its request reaches the (silent) network.
        if (!waitUntil([&] { return app.center.syncState() == SyncState::Syncing; }, 10000))
            return {};
        waitUntil([&] { return proxy.connections() > connectionsBefore; }, 1000);
        QTest::qWait(300);
        EXPECT_EQ(static_cast<qsizetype>(proxy.bytesForwarded()), bytesBefore)
            << "nothing got through";
        return app.session.userId();
    }

    int m_views = 0;

    /// Marks the stored access token as expired so the next request refreshes first.
    void expireAccessToken()
    {
        auto stored = SessionStore::load(appDir.path());
        ASSERT_TRUE(stored.session.isValid());
        stored.session.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        ASSERT_TRUE(SessionStore::save(appDir.path(), stored));
    }
};

TEST_F(SyncCenterTest, QmlSeesTheProcessWideSyncCenterAndDeviceStore)
{
    QQmlEngine engine;
    engine.addImportPath(u"qrc:/qt/qml"_s);
    QQmlComponent component(&engine);
    component.setData("import QtQml\nimport SafeLoop.App\n"
                      "QtObject { property QtObject sync: SyncCenter; "
                      "property QtObject store: DeviceStore }",
        QUrl(u"qrc:/appsync-test.qml"_s));
    std::unique_ptr<QObject> root(component.create());
    ASSERT_TRUE(root) << component.errorString().toStdString();
    EXPECT_EQ(root->property("sync").value<QObject*>(), SyncCenter::instance());
    EXPECT_EQ(root->property("store").value<QObject*>(), DeviceStore::shared());
}

TEST_F(SyncCenterTest, LoginOpensTheUsersStoreAndTheFirstCyclePullsTheDistrict)
{
    AppInstance app(appDir.path(), url());
    EXPECT_FALSE(app.store.ready());
    QSignalSpy cycles(&app.center, &SyncCenter::cycleFinished);
    ASSERT_TRUE(app.login(u"li.qiang"_s));
    ASSERT_TRUE(app.store.ready());
    EXPECT_EQ(
        app.store.directory(), SyncCenter::userDirectory(appDir.path(), app.session.userId()));
    ASSERT_TRUE(waitUntil([&] { return !cycles.isEmpty(); }, 60000));
    EXPECT_TRUE(cycles.first().first().toBool());
    EXPECT_EQ(app.center.syncState(), SyncState::Idle);
    EXPECT_TRUE(app.center.lastSuccess().isValid());
    const auto enterprises = app.store.call<qsizetype>([](core::LocalStore& st) {
        auto docs = st.records(u"enterprise"_s);
        return docs ? docs->size() : qsizetype(-1);
    });
    EXPECT_EQ(enterprises, 1);
    // The pulled user record brings the badge the login answer lacks.
    ASSERT_TRUE(waitUntil([&] { return app.store.user().badge == u"22010042"_s; }));

    // A local mutation schedules a debounced cycle on its own; the counts follow the outbox.
    ASSERT_FALSE(startInspection(app).isEmpty());
    EXPECT_EQ(outboxSize(app), 1);
    const auto before = cycles.size();
    ASSERT_TRUE(waitUntil([&] { return cycles.size() > before; }, 60000));
    EXPECT_TRUE(cycles.last().first().toBool());
    EXPECT_EQ(outboxSize(app), 0);
    EXPECT_EQ(app.center.pendingMutations(), 0);

    // Logout stops sync and closes the store.
    ASSERT_TRUE(app.logout());
    EXPECT_EQ(app.center.controller(), nullptr);
    EXPECT_FALSE(app.store.ready());
}

TEST_F(SyncCenterTest, FetchesANumberBlockPerKindWithTheServersPrefixAndKeepsItAcrossRestarts)
{
    const QString year
        = QString::number(core::rules::localDate(QDateTime::currentDateTimeUtc()).year());
    {
        AppInstance app(appDir.path(), url());
        ASSERT_TRUE(app.login(u"li.qiang"_s));
        ASSERT_TRUE(app.syncOnce());
        for (const QString& kind : DeviceStore::documentKinds())
            EXPECT_EQ(numbersLeft(app, kind), 20) << kind.toStdString();
        EXPECT_EQ(takeNumber(app, u"inspection_record"_s), u"(青)应急检记〔%1〕1号"_s.arg(year));
        EXPECT_EQ(takeNumber(app, u"rectification_order"_s), u"(青)应急责改〔%1〕1号"_s.arg(year));
        for (int i = 2; i <= 11; ++i)
            EXPECT_EQ(takeNumber(app, u"inspection_record"_s),
                u"(青)应急检记〔%1〕%2号"_s.arg(year).arg(i));
        EXPECT_EQ(numbersLeft(app, u"inspection_record"_s), 9);
        // Fewer than 10 left: the next cycle reserves another block of that kind only.
        ASSERT_TRUE(app.syncOnce());
        EXPECT_EQ(numbersLeft(app, u"inspection_record"_s), 29);
        EXPECT_EQ(numbersLeft(app, u"rectification_order"_s), 19);
    }
    // A restart keeps the unused numbers and never hands one out twice.
    AppInstance again(appDir.path(), url());
    ASSERT_TRUE(again.session.signedIn());
    ASSERT_TRUE(again.store.ready());
    EXPECT_EQ(numbersLeft(again, u"inspection_record"_s), 29);
    EXPECT_EQ(takeNumber(again, u"inspection_record"_s), u"(青)应急检记〔%1〕12号"_s.arg(year));
    for (int i = 13; i <= 20; ++i)
        takeNumber(again, u"inspection_record"_s);
    // The second block follows the first on the server (21–40) and is used after it.
    EXPECT_EQ(takeNumber(again, u"inspection_record"_s), u"(青)应急检记〔%1〕21号"_s.arg(year));
}

TEST_F(SyncCenterTest, TheDistrictsNamesForDocumentsArriveWithASyncAndFollowTheServersSettings)
{
    auto profile = [](AppInstance& app) {
        return app.store.call<core::DistrictProfile>([](core::LocalStore& st) {
            auto p = st.districtProfile();
            return p ? *p : core::DistrictProfile {};
        });
    };
    auto setting = [this](const QString& key, const QString& value) {
        const auto r = test::runServerCommand(
            { u"config"_s, u"set"_s, u"--data"_s, serverDir.path(), key, value });
        return r.exitCode == 0;
    };
    AppInstance app(appDir.path(), url());
    ASSERT_TRUE(app.login(u"li.qiang"_s));
    ASSERT_TRUE(app.syncOnce());
    // Nothing configured yet: no authority is guessed.
    EXPECT_TRUE(profile(app).authority.isEmpty());
    EXPECT_TRUE(profile(app).court.isEmpty());
    EXPECT_EQ(profile(app).enterpriseSignerRole, u"企业负责人"_s);

    ASSERT_TRUE(setting(u"district.authority"_s, u"松原区应急管理局"_s));
    ASSERT_TRUE(setting(u"district.court"_s, u"松原区人民法院"_s));
    ASSERT_TRUE(app.syncOnce());
    EXPECT_EQ(profile(app).authority, u"松原区应急管理局"_s);
    EXPECT_EQ(profile(app).court, u"松原区人民法院"_s);

    ASSERT_TRUE(setting(u"district.authority"_s, u"松原区应急管理局（新）"_s));
    ASSERT_TRUE(app.syncOnce());
    EXPECT_EQ(profile(app).authority, u"松原区应急管理局（新）"_s);
}

TEST_F(SyncCenterTest, AfterAnEngineRefreshARestartedAppStillSyncs)
{
    QString firstRefresh;
    {
        AppInstance app(appDir.path(), url());
        ASSERT_TRUE(app.login(u"li.qiang"_s));
        ASSERT_TRUE(app.syncOnce());
        firstRefresh = SessionStore::load(appDir.path()).session.refreshToken;
        expireAccessToken();
        // The engine refreshes (the refresh token rotates) and writes the one session store.
        ASSERT_TRUE(app.syncOnce());
        const auto stored = SessionStore::load(appDir.path());
        EXPECT_NE(stored.session.refreshToken, firstRefresh);
        EXPECT_EQ(stored.session.user.role, u"inspector"_s);
        EXPECT_EQ(app.center.syncState(), SyncState::Idle);
    }
    // Restart: the app reads the rotated token, not a stale copy, so the server sees no reuse.
    AppInstance again(appDir.path(), url());
    ASSERT_TRUE(again.session.signedIn());
    EXPECT_EQ(again.session.userName(), u"李强"_s);
    expireAccessToken();
    ASSERT_TRUE(again.syncOnce());
    EXPECT_EQ(again.center.syncState(), SyncState::Idle);
    ASSERT_TRUE(again.syncOnce());
    // Logout revokes with the newest token: the stored login is gone and the server refuses it.
    const QString last = SessionStore::load(appDir.path()).session.refreshToken;
    ASSERT_TRUE(again.logout());
    EXPECT_FALSE(SessionStore::load(appDir.path()).session.isValid());
    EXPECT_EQ(refreshAtServer(last).first, 401);
}

TEST_F(SyncCenterTest, ARefusedRefreshShowsNeedsLoginKeepsTheOutboxAndANewLoginResumes)
{
    AppInstance app(appDir.path(), url());
    ASSERT_TRUE(app.login(u"li.qiang"_s));
    ASSERT_TRUE(app.syncOnce());
    // Another party spends the refresh token: the device's next refresh is refused.
    const QString refresh = SessionStore::load(appDir.path()).session.refreshToken;
    const auto [status, next] = refreshAtServer(refresh);
    ASSERT_EQ(status, 200);
    // ... and rotates once more, so the device's token is no longer the one rotated last (a
    // retry of that one would fall into the server's grace window for lost answers).
    ASSERT_EQ(refreshAtServer(next).first, 200);
    expireAccessToken();

    app.center.stopSync(); // no cycle may run between the mutation and the check below
    const QString inspectionId = startInspection(app);
    ASSERT_FALSE(inspectionId.isEmpty());
    app.center.startSync(
        &app.store, url(), appDir.path(), app.session.deviceId(), app.session.deviceName());
    QSignalSpy cycles(&app.center, &SyncCenter::cycleFinished);
    ASSERT_TRUE(waitUntil([&] { return !cycles.isEmpty(); }, 60000));
    EXPECT_FALSE(cycles.first().first().toBool());
    EXPECT_EQ(app.center.syncState(), SyncState::NeedsLogin);
    EXPECT_EQ(app.center.pendingMutations(), 1);
    EXPECT_EQ(app.center.pendingCount(), 1);
    EXPECT_EQ(outboxSize(app), 1);

    // The sync bar's button signs out; the outbox stays in the user's database.
    ASSERT_TRUE(app.logout());
    EXPECT_FALSE(app.store.ready());
    // The same user's database (and its outbox) opens again; the first cycle uploads.
    ASSERT_TRUE(app.login(u"li.qiang"_s));
    ASSERT_TRUE(app.store.ready());
    ASSERT_TRUE(app.syncOnce());
    EXPECT_EQ(outboxSize(app), 0);
    EXPECT_EQ(app.center.pendingCount(), 0);
    EXPECT_EQ(app.center.syncState(), SyncState::Idle);
    const auto changes = pullAll(tokenFor(u"wu.fang"_s));
    bool found = false;
    for (const auto& change : changes.values(u"inspection"_s))
        found = found || change.value(u"id"_s).toString() == inspectionId;
    EXPECT_TRUE(found);
}

} // namespace

TEST_F(SyncCenterTest, LogoutDuringARunningCycleReturnsPromptlyAndKeepsTheOutbox)
{
    test::FaultProxy proxy(server.port());
    ASSERT_TRUE(proxy.start());
    AppInstance app(appDir.path(), u"http://127.0.0.1:%1"_s.arg(proxy.port()));
    const QString userId = signedInWithACycleStuckInFlight(app, proxy);
    ASSERT_FALSE(userId.isEmpty());
    ASSERT_EQ(outboxSize(app), 1);

    QElapsedTimer timer;
    timer.start();
    app.session.logout(); // stops sync: the stuck request is cancelled, not waited for
    const qint64 elapsed = timer.elapsed();
    EXPECT_LT(elapsed, 2000) << "the UI thread must not wait for the network's 30 s timeout";
    EXPECT_FALSE(app.session.signedIn());
    EXPECT_EQ(app.center.controller(), nullptr);
    EXPECT_TRUE(waitUntil([&] { return app.center.syncState() == SyncState::Idle; }, 2000))
        << "a cancelled cycle is no failure: " << app.center.syncState();
    EXPECT_EQ(outboxRowsOnDisk(userId), 1) << "the unsynced inspection stays on the device";

    // Back online, a new login pushes it.
    proxy.setMode(test::FaultProxy::Mode::Pass);
    ASSERT_TRUE(app.login(u"li.qiang"_s));
    ASSERT_TRUE(app.syncOnce());
    EXPECT_EQ(outboxSize(app), 0);
    EXPECT_EQ(pullAll(tokenFor(u"wu.fang"_s)).values(u"inspection"_s).size(), 1);
}

TEST_F(SyncCenterTest, ChangingTheServerAddressWhileSignedInStopsSyncAndKeepsUnsyncedWork)
{
    test::FaultProxy proxy(server.port());
    ASSERT_TRUE(proxy.start());
    const QString oldAddress = u"http://127.0.0.1:%1"_s.arg(proxy.port());
    AppInstance app(appDir.path(), oldAddress);
    const QString userId = signedInWithACycleStuckInFlight(app, proxy);
    ASSERT_FALSE(userId.isEmpty());
    const QString oldRefresh = SessionStore::load(appDir.path()).session.refreshToken;
    ASSERT_FALSE(oldRefresh.isEmpty());

    // The same server under a new address (e.g. the district moved it): settings change it.
    QSignalSpy revoked(&app.session, &SessionController::logoutFinished);
    QElapsedTimer timer;
    timer.start();
    app.session.setServerUrl(url());
    EXPECT_LT(timer.elapsed(), 2000);
    EXPECT_EQ(app.session.serverUrl(), url());
    EXPECT_FALSE(app.session.signedIn()) << "a login is never used with another server";
    EXPECT_EQ(app.session.errorCode(), u"server_changed"_s);
    EXPECT_EQ(app.center.controller(), nullptr) << "no more syncing to the old address";
    EXPECT_FALSE(SessionStore::load(appDir.path()).session.isValid());
    EXPECT_EQ(outboxRowsOnDisk(userId), 1) << "unsynced work is kept";

    // The old address is asked to revoke the login once it answers again.
    proxy.setMode(test::FaultProxy::Mode::Pass);
    ASSERT_TRUE(revoked.wait(30000));
    EXPECT_EQ(refreshAtServer(oldRefresh).first, 401);

    // Signing in at the new address syncs the kept work there.
    ASSERT_TRUE(app.login(u"li.qiang"_s));
    EXPECT_TRUE(app.session.errorCode().isEmpty());
    ASSERT_TRUE(app.syncOnce());
    EXPECT_EQ(outboxSize(app), 0);
    EXPECT_EQ(pullAll(tokenFor(u"wu.fang"_s)).values(u"inspection"_s).size(), 1);
}
