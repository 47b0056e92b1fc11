#include "sync/backoff.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using safeloop::sync::Backoff;

TEST(BackoffTest, DelayDoublesWithinJitterBoundsUntilTheCap)
{
    Backoff backoff(1000ms, 16000ms, 7);
    const long long ceilings[] = { 1000, 2000, 4000, 8000, 16000, 16000, 16000 };
    for (const long long ceiling : ceilings) {
        const auto delay = backoff.nextDelay().count();
        EXPECT_GE(delay, ceiling / 2);
        EXPECT_LE(delay, ceiling);
    }
    EXPECT_EQ(backoff.failures(), 7);
}

TEST(BackoffTest, ResetStartsFromTheBaseAgain)
{
    Backoff backoff(1000ms, 60000ms, 7);
    for (int i = 0; i < 5; ++i)
        backoff.nextDelay();
    backoff.reset();
    EXPECT_LE(backoff.nextDelay().count(), 1000);
}

TEST(BackoffTest, RetryAfterIsAFloor)
{
    Backoff backoff(1000ms, 60000ms, 7);
    EXPECT_EQ(backoff.nextDelay(30000ms), 30000ms);
}

TEST(BackoffTest, JitterSpreadsDevicesThatFailedTogether)
{
    // Two devices with different seeds should not retry at the same instant every time.
    Backoff a(1000ms, 600000ms, 1);
    Backoff b(1000ms, 600000ms, 2);
    int equal = 0;
    for (int i = 0; i < 8; ++i)
        equal += a.nextDelay() == b.nextDelay() ? 1 : 0;
    EXPECT_LT(equal, 8);
}

TEST(BackoffTest, SurvivesManyFailuresWithoutOverflow)
{
    Backoff backoff(2000ms, 600000ms, 3);
    for (int i = 0; i < 200; ++i) {
        const auto delay = backoff.nextDelay();
        ASSERT_GT(delay.count(), 0);
        ASSERT_LE(delay, 600000ms);
    }
}
