#include "sync/syncstatus.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::sync::SyncStatus;

TEST(SyncStatusTest, ProgressFollowsBytesWhenACycleMovesBlobs)
{
    SyncStatus status;
    status.cycleStarted(1000, 4);
    status.setProgress(250, 1);
    EXPECT_DOUBLE_EQ(status.progress(), 0.25);
}

TEST(SyncStatusTest, ProgressFollowsItemsWithoutBlobs)
{
    SyncStatus status;
    status.cycleStarted(0, 8);
    status.setProgress(0, 6);
    EXPECT_DOUBLE_EQ(status.progress(), 0.75);
}

TEST(SyncStatusTest, ProgressIsUnknownOutsideACycle)
{
    SyncStatus status;
    EXPECT_EQ(status.progress(), -1);
    status.cycleStarted(10, 1);
    status.cycleSucceeded(QDateTime::currentDateTimeUtc());
    EXPECT_EQ(status.progress(), -1);
}

TEST(SyncStatusTest, SuccessClearsTheErrorAndRecordsTheTime)
{
    SyncStatus status;
    status.cycleFailed(SyncStatus::State::Offline, u"没有网络连接"_s);
    EXPECT_EQ(status.state(), SyncStatus::State::Offline);
    EXPECT_EQ(status.lastError(), u"没有网络连接"_s);
    const auto when = QDateTime(QDate(2026, 11, 25), QTime(2, 42), Qt::UTC);
    status.cycleSucceeded(when);
    EXPECT_EQ(status.state(), SyncStatus::State::Idle);
    EXPECT_TRUE(status.lastError().isEmpty());
    EXPECT_EQ(status.lastSuccess(), when);
}

TEST(SyncStatusTest, PendingCountsNotifyOnlyOnChange)
{
    SyncStatus status;
    QSignalSpy changed(&status, &SyncStatus::changed);
    status.setPending(3, 1);
    status.setPending(3, 1);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(status.pendingMutations(), 3);
    EXPECT_EQ(status.pendingBlobs(), 1);
}

TEST(SyncStatusTest, TheStateHasAWordForEveryStateTheBarShows)
{
    SyncStatus status;
    EXPECT_EQ(status.stateName(), u"idle"_s);
    status.cycleStarted(0, 1);
    EXPECT_EQ(status.stateName(), u"syncing"_s);
    status.cycleFailed(SyncStatus::State::NeedsLogin, u"Please sign in again"_s);
    EXPECT_EQ(status.stateName(), u"needs-login"_s);
    status.cycleFailed(SyncStatus::State::UpdateRequired, u"Please update the app"_s);
    EXPECT_EQ(status.stateName(), u"update-required"_s);
    status.cycleFailed(SyncStatus::State::Offline, u"offline"_s);
    EXPECT_EQ(status.stateName(), u"offline"_s);
}
