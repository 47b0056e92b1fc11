#include "sync/synccontroller.h"
#include "sync/syncstatus.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::sync::ApiFailure;
using safeloop::sync::failureReason;
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

TEST(SyncStatusTest, AFailureCarriesItsReasonUntilTheNextSuccess)
{
    SyncStatus status;
    status.cycleFailedBecause(SyncStatus::State::Error, u"busy"_s, QString(), 30, u"busy"_s);
    EXPECT_EQ(status.reason(), u"busy"_s);
    EXPECT_EQ(status.retryAfterSeconds(), 30);
    status.cycleFailedBecause(
        SyncStatus::State::Error, u"failed"_s, u"validation_failed"_s, 0, u"failed"_s);
    EXPECT_EQ(status.reason(), u"failed"_s);
    EXPECT_EQ(status.reasonDetail(), u"validation_failed"_s);
    EXPECT_EQ(status.retryAfterSeconds(), 0);
    status.cycleSucceeded(QDateTime::currentDateTimeUtc());
    EXPECT_TRUE(status.reason().isEmpty());
    EXPECT_TRUE(status.reasonDetail().isEmpty());
}

TEST(SyncStatusTest, EveryFailureKindHasAReasonTheAppWords)
{
    using Kind = ApiFailure::Kind;
    const auto reason = [](Kind kind, const QString& code = {}) {
        ApiFailure f;
        f.kind = kind;
        f.code = code;
        return failureReason(f);
    };
    EXPECT_EQ(reason(Kind::Network), u"offline"_s);
    EXPECT_EQ(reason(Kind::Network, u"certificate_untrusted"_s), u"certificate_untrusted"_s);
    EXPECT_EQ(reason(Kind::Network, u"certificate_wrong_host"_s), u"certificate_wrong_host"_s);
    EXPECT_EQ(reason(Kind::Network, u"certificate_expired"_s), u"certificate_expired"_s);
    EXPECT_EQ(reason(Kind::Network, u"insecure_server"_s), u"insecure_server"_s);
    EXPECT_EQ(reason(Kind::NeedsLogin), u"needs_login"_s);
    EXPECT_EQ(reason(Kind::ClientTooOld), u"client_too_old"_s);
    EXPECT_EQ(reason(Kind::Busy), u"busy"_s);
    EXPECT_EQ(reason(Kind::MutationGap), u"renumbered"_s);
    EXPECT_EQ(reason(Kind::Refused, u"pull_stuck"_s), u"pull_stuck"_s);
    EXPECT_EQ(reason(Kind::Refused, u"validation_failed"_s), u"failed"_s);
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
