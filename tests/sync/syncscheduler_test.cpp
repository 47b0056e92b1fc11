#include "sync/syncscheduler.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using safeloop::sync::Backoff;
using safeloop::sync::SyncScheduler;

namespace {

SyncScheduler::Settings fastSettings()
{
    SyncScheduler::Settings s;
    s.debounce = 80ms;
    s.period = 1h;
    s.backoff = Backoff(100ms, 400ms, 11);
    s.useReachability = false;
    return s;
}

SyncScheduler::Reason reasonAt(const QSignalSpy& spy, qsizetype i)
{
    return spy.at(i).at(0).value<SyncScheduler::Reason>();
}

} // namespace

TEST(SyncSchedulerTest, RequestNowStartsOneCycleAtOnce)
{
    SyncScheduler scheduler(fastSettings());
    QSignalSpy cycles(&scheduler, &SyncScheduler::cycleRequested);
    scheduler.requestNow();
    ASSERT_EQ(cycles.count(), 1);
    EXPECT_EQ(reasonAt(cycles, 0), SyncScheduler::Reason::Manual);
    EXPECT_TRUE(scheduler.isRunning());
}

TEST(SyncSchedulerTest, NeverRunsTwoCyclesAtOnceAndServesALateRequestAfterwards)
{
    SyncScheduler scheduler(fastSettings());
    QSignalSpy cycles(&scheduler, &SyncScheduler::cycleRequested);
    scheduler.requestNow();
    scheduler.requestNow();
    scheduler.requestNow();
    EXPECT_EQ(cycles.count(), 1) << "requests during a cycle must wait";
    scheduler.cycleFinished(true);
    EXPECT_EQ(cycles.count(), 2) << "the waiting requests are served by exactly one more cycle";
    scheduler.cycleFinished(true);
    EXPECT_EQ(cycles.count(), 2);
    EXPECT_FALSE(scheduler.isRunning());
}

TEST(SyncSchedulerTest, LocalChangesAreDebouncedIntoOneCycle)
{
    SyncScheduler scheduler(fastSettings());
    QSignalSpy cycles(&scheduler, &SyncScheduler::cycleRequested);
    scheduler.notifyLocalChange();
    scheduler.notifyLocalChange();
    scheduler.notifyLocalChange();
    EXPECT_EQ(cycles.count(), 0) << "nothing runs before the debounce interval";
    ASSERT_TRUE(cycles.wait(2000));
    EXPECT_EQ(cycles.count(), 1);
    EXPECT_EQ(reasonAt(cycles, 0), SyncScheduler::Reason::LocalChange);
    EXPECT_FALSE(cycles.wait(300)) << "three changes make one cycle";
}

TEST(SyncSchedulerTest, AFailureIsRetriedAfterBackoffAndBlocksOtherTriggers)
{
    SyncScheduler scheduler(fastSettings());
    QSignalSpy cycles(&scheduler, &SyncScheduler::cycleRequested);
    scheduler.requestNow();
    scheduler.cycleFinished(false);
    EXPECT_GE(scheduler.retryInMs(), 0);
    scheduler.notifyLocalChange(); // must not jump the queue while backing off
    ASSERT_TRUE(cycles.wait(2000));
    ASSERT_EQ(cycles.count(), 2);
    EXPECT_EQ(reasonAt(cycles, 1), SyncScheduler::Reason::Retry);
}

TEST(SyncSchedulerTest, RetryAfterFromTheServerIsHonoured)
{
    SyncScheduler scheduler(fastSettings());
    scheduler.requestNow();
    scheduler.cycleFinished(false, 5000ms);
    EXPECT_GT(scheduler.retryInMs(), 4000);
}

TEST(SyncSchedulerTest, AManualRequestOverridesTheBackoff)
{
    SyncScheduler scheduler(fastSettings());
    QSignalSpy cycles(&scheduler, &SyncScheduler::cycleRequested);
    scheduler.requestNow();
    scheduler.cycleFinished(false, 60000ms);
    scheduler.requestNow();
    EXPECT_EQ(cycles.count(), 2);
    EXPECT_EQ(scheduler.retryInMs(), -1);
}

TEST(SyncSchedulerTest, ThePeriodicTimerTriggersCycles)
{
    auto settings = fastSettings();
    settings.period = 60ms;
    SyncScheduler scheduler(settings);
    QSignalSpy cycles(&scheduler, &SyncScheduler::cycleRequested);
    scheduler.start();
    ASSERT_TRUE(cycles.wait(2000));
    EXPECT_EQ(reasonAt(cycles, 0), SyncScheduler::Reason::Periodic);
    scheduler.stop();
}

TEST(SyncSchedulerTest, WithoutAReachabilityBackendTheTimerStillRuns)
{
    auto settings = fastSettings();
    settings.useReachability = true;
    settings.period = 60ms;
    SyncScheduler scheduler(settings);
    QSignalSpy cycles(&scheduler, &SyncScheduler::cycleRequested);
    scheduler.start();
    // Whatever the machine offers, cycles must happen.
    ASSERT_TRUE(cycles.wait(2000));
    scheduler.stop();
}

TEST(SyncSchedulerTest, ABlockingFailureStopsRetriesAndEveryTriggerUntilResumed)
{
    auto settings = fastSettings();
    settings.period = 60ms;
    SyncScheduler scheduler(settings);
    QSignalSpy cycles(&scheduler, &SyncScheduler::cycleRequested);
    scheduler.start();
    scheduler.requestNow();
    ASSERT_EQ(cycles.count(), 1);
    scheduler.cycleBlocked();
    EXPECT_TRUE(scheduler.isBlocked());
    EXPECT_FALSE(scheduler.isRunning());
    EXPECT_EQ(scheduler.retryInMs(), -1) << "no backoff retry after needs-login / update-required";
    scheduler.notifyLocalChange();
    scheduler.requestNow();
    // The periodic timer (60 ms), the debounce (80 ms) and any retry would all have fired.
    EXPECT_FALSE(cycles.wait(400));
    EXPECT_EQ(cycles.count(), 1);
    scheduler.resume();
    EXPECT_FALSE(scheduler.isBlocked());
    ASSERT_EQ(cycles.count(), 2) << "a new login syncs at once";
    EXPECT_EQ(reasonAt(cycles, 1), SyncScheduler::Reason::Manual);
    scheduler.stop();
}
