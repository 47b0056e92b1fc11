#include "sync/hlc.h"

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::sync::HlcTimestamp;
using safeloop::sync::HybridLogicalClock;

TEST(HybridLogicalClockTest, WireFormatIsSixteenLowerCaseHexDigits)
{
    const HlcTimestamp t { 0x0192f3a4b5c6ULL, 1 };
    EXPECT_EQ(t.toString(), u"0192f3a4b5c60001"_s);
    const auto parsed = HlcTimestamp::parse(u"0192f3a4b5c60001"_s);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, t);
}

TEST(HybridLogicalClockTest, RefusesMalformedText)
{
    EXPECT_FALSE(HlcTimestamp::parse(u"0192F3A4B5C60001"_s).has_value());
    EXPECT_FALSE(HlcTimestamp::parse(u"0192f3a4b5c6000"_s).has_value());
    EXPECT_FALSE(HlcTimestamp::parse(u"0192f3a4b5c6000g"_s).has_value());
}

TEST(HybridLogicalClockTest, FollowsTheWallClockWhenItAdvances)
{
    std::uint64_t wall = 1000;
    HybridLogicalClock clock([&] { return wall; });
    EXPECT_EQ(clock.now(), (HlcTimestamp { 1000, 0 }));
    wall = 1005;
    EXPECT_EQ(clock.now(), (HlcTimestamp { 1005, 0 }));
}

TEST(HybridLogicalClockTest, NeverGoesBackwardsWhenTheWallClockSteppsBack)
{
    std::uint64_t wall = 5000;
    HybridLogicalClock clock([&] { return wall; });
    const auto a = clock.now();
    wall = 1000; // the device clock is set back
    const auto b = clock.now();
    const auto c = clock.now();
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_EQ(b.millis, 5000u);
}

TEST(HybridLogicalClockTest, ReceivingALaterRemoteTimestampMovesPastIt)
{
    std::uint64_t wall = 1000;
    HybridLogicalClock clock([&] { return wall; });
    clock.now();
    const HlcTimestamp remote { 9000, 7 };
    const auto after = clock.receive(remote);
    EXPECT_GT(after, remote);
    EXPECT_GT(clock.now(), after);
}

TEST(HybridLogicalClockTest, CounterOverflowBorrowsTheNextMillisecond)
{
    HybridLogicalClock clock([] { return std::uint64_t { 42 }; });
    clock.restore({ 42, 0xffff });
    const auto t = clock.now();
    EXPECT_EQ(t, (HlcTimestamp { 43, 0 }));
}
