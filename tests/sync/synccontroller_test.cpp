// SyncController against the real safeloop-server: failures that retrying cannot fix stop the
// scheduler and leave a state the sync bar can show.
#include "sync/synccontroller.h"

#include "tests/sync/liveserver.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace std::chrono_literals;

namespace {

class SyncControllerTest : public test::LiveServerTest {
protected:
    void SetUp() override
    {
        LiveServerTest::SetUp();
        addUser(u"zhao.lead"_s, u"supervisor"_s);
        startServer();
    }

    static sync::SyncScheduler::Settings fast()
    {
        sync::SyncScheduler::Settings s;
        s.useReachability = false;
        s.debounce = 30ms;
        s.period = 100ms; // a blocked controller must ignore this timer
        s.backoff = sync::Backoff(50ms, 100ms, 3);
        return s;
    }

    /// Processes events until `controller` finished `cycles` cycles or `ms` passed.
    static void waitForCycles(sync::SyncController& controller, int cycles, int ms)
    {
        QEventLoop loop;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(&controller, &sync::SyncController::cycleFinished, &loop, [&] {
            if (controller.cyclesCompleted() >= cycles)
                loop.quit();
        });
        deadline.start(ms);
        if (controller.cyclesCompleted() < cycles)
            loop.exec();
        QCoreApplication::processEvents(); // deliver the queued status updates
    }

    /// Stays in the event loop for `ms` (timers of a blocked scheduler would fire here).
    static void idle(int ms)
    {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
        QCoreApplication::processEvents();
    }
};

} // namespace

TEST_F(SyncControllerTest, ARevokedDeviceLoginStopsRetriesAndShowsNeedsLoginUntilSignedIn)
{
    {
        auto lead = device(u"lead"_s, u"zhao.lead"_s);
        ASSERT_TRUE(lead);
        syncOk(*lead);
        // The login is revoked on the server (signed out elsewhere, token theft signal).
        sync::ApiClient other(options(u"lead"_s).serverUrl, u"elsewhere"_s, u"elsewhere"_s);
        other.setSession(lead->api().session());
        other.logout();
    }
    sync::SyncStatus status;
    sync::SyncController controller(options(u"lead"_s), fast(), &status);
    controller.start();
    controller.syncNow();
    waitForCycles(controller, 1, 20000);
    ASSERT_EQ(controller.cyclesCompleted(), 1);
    EXPECT_EQ(status.state(), sync::SyncStatus::State::NeedsLogin);
    EXPECT_EQ(status.stateName(), u"needs-login"_s);
    EXPECT_TRUE(controller.scheduler().isBlocked());
    EXPECT_EQ(controller.scheduler().retryInMs(), -1);

    controller.localChange();
    controller.syncNow();
    idle(600); // periodic timer, debounce and backoff would each have started a cycle by now
    EXPECT_EQ(controller.cyclesCompleted(), 1) << "no retries while the login is gone";

    QEventLoop loggedIn;
    bool loginOk = false;
    QObject::connect(
        &controller, &sync::SyncController::loginFinished, &loggedIn, [&](bool ok, const QString&) {
            loginOk = ok;
            loggedIn.quit();
        });
    controller.login(u"zhao.lead"_s, QString::fromUtf8(test::LivePassword));
    QTimer::singleShot(20000, &loggedIn, &QEventLoop::quit);
    loggedIn.exec();
    ASSERT_TRUE(loginOk);
    waitForCycles(controller, 2, 20000);
    ASSERT_GE(controller.cyclesCompleted(), 2);
    EXPECT_FALSE(controller.scheduler().isBlocked());
    EXPECT_EQ(status.state(), sync::SyncStatus::State::Idle) << status.lastError().toStdString();
}

TEST_F(SyncControllerTest, AServerRefusingTheAppVersionStopsRetriesAndAsksForAnUpdate)
{
    auto o = options(u"old"_s);
    o.schemaVersion = 0; // older than the server accepts: push answers 426
    {
        auto old = openEngine(o, u"zhao.lead"_s);
        ASSERT_TRUE(old);
        ASSERT_TRUE(old->store()
                        .perform(old->actor(), u"enterprise.upsert"_s, test::enterpriseCode(1),
                            test::enterpriseArgs(1, u"North"_s))
                        .ok());
        const auto r = old->runCycle();
        ASSERT_FALSE(r.ok);
        EXPECT_EQ(r.failure->kind, sync::ApiFailure::Kind::ClientTooOld);
        EXPECT_EQ(r.failure->status, 426);
        EXPECT_EQ(old->pendingMutations(), 1) << "the outbox is kept for the updated app";
    }
    sync::SyncStatus status;
    sync::SyncController controller(o, fast(), &status);
    controller.start();
    controller.syncNow();
    waitForCycles(controller, 1, 20000);
    ASSERT_EQ(controller.cyclesCompleted(), 1);
    EXPECT_EQ(status.state(), sync::SyncStatus::State::UpdateRequired);
    EXPECT_EQ(status.stateName(), u"update-required"_s);
    EXPECT_EQ(status.pendingMutations(), 1);
    EXPECT_TRUE(controller.scheduler().isBlocked());
    controller.localChange();
    idle(600);
    EXPECT_EQ(controller.cyclesCompleted(), 1) << "no retries until the app is updated";
}

TEST_F(SyncControllerTest, AnOrdinaryNetworkFailureStillBacksOffAndRetries)
{
    {
        auto lead = device(u"lead"_s, u"zhao.lead"_s);
        ASSERT_TRUE(lead);
    }
    m_server.stop();
    sync::SyncStatus status;
    sync::SyncController controller(options(u"lead"_s), fast(), &status);
    controller.start();
    controller.syncNow();
    waitForCycles(controller, 3, 20000);
    EXPECT_GE(controller.cyclesCompleted(), 3);
    EXPECT_FALSE(controller.scheduler().isBlocked());
    EXPECT_EQ(status.state(), sync::SyncStatus::State::Offline);
}
