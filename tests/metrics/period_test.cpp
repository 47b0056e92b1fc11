// Reporting periods (docs/metrics.md): calendar year, quarter and month, and the previous
// period of equal length.
#include "core/metrics.h"

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core::metrics;

TEST(PeriodTest, CalendarPeriodsHoldTheirDay)
{
    const QDate day(2026, 11, 17);
    EXPECT_EQ(Period::yearOf(day), (Period { QDate(2026, 1, 1), QDate(2026, 12, 31) }));
    EXPECT_EQ(Period::quarterOf(day), (Period { QDate(2026, 10, 1), QDate(2026, 12, 31) }));
    EXPECT_EQ(Period::monthOf(day), (Period { QDate(2026, 11, 1), QDate(2026, 11, 30) }));
    EXPECT_EQ(
        Period::monthOf(QDate(2028, 2, 10)), (Period { QDate(2028, 2, 1), QDate(2028, 2, 29) }));
    EXPECT_EQ(
        Period::quarterOf(QDate(2026, 3, 31)), (Period { QDate(2026, 1, 1), QDate(2026, 3, 31) }));
}

TEST(PeriodTest, NamedPeriodsAreTheCalendarPeriodsAndTheYearByDefault)
{
    const QDate day(2026, 11, 17);
    EXPECT_EQ(Period::named(u"month", day), Period::monthOf(day));
    EXPECT_EQ(Period::named(u"quarter", day), Period::quarterOf(day));
    EXPECT_EQ(Period::named(u"year", day), Period::yearOf(day));
    EXPECT_EQ(Period::named(u"", day), Period::yearOf(day));
}

TEST(PeriodTest, ThePreviousPeriodHasEqualLengthAndEndsTheDayBefore)
{
    const Period q4 = Period::quarterOf(QDate(2026, 11, 17));
    EXPECT_EQ(q4.days(), 92);
    EXPECT_EQ(q4.previous(), (Period { QDate(2026, 7, 1), QDate(2026, 9, 30) }));
    EXPECT_EQ(Period::monthOf(QDate(2026, 3, 5)).previous(),
        (Period { QDate(2026, 1, 29), QDate(2026, 2, 28) }));
    EXPECT_EQ(Period::yearOf(QDate(2025, 6, 1)).previous(),
        (Period { QDate(2024, 1, 2), QDate(2024, 12, 31) }));
    EXPECT_FALSE((Period { QDate(2026, 2, 1), QDate(2026, 1, 1) }).isValid());
    EXPECT_EQ((Period { QDate(2026, 2, 1), QDate(2026, 1, 1) }).previous(), Period {});
}

TEST(PeriodTest, ACustomPeriodNeedsTwoDatesInOrder)
{
    EXPECT_EQ(Period::custom(u"2026-03-05"_s, u"2026-04-20"_s),
        (Period { QDate(2026, 3, 5), QDate(2026, 4, 20) }));
    EXPECT_EQ(Period::custom(u"2026-03-05"_s, u"2026-03-05"_s)->days(), 1);
    EXPECT_FALSE(Period::custom(u"2026-04-20"_s, u"2026-03-05"_s));
    EXPECT_FALSE(Period::custom(u"2026-02-30"_s, u"2026-03-05"_s));
    EXPECT_FALSE(Period::custom({}, u"2026-03-05"_s));
}

TEST(PeriodTest, AChoiceIsACalendarKindOrCustomDaysAndSaysWhenItsKindChanged)
{
    const QDate today(2026, 11, 17);
    PeriodChoice choice;
    EXPECT_EQ(choice.kind(), u"year"_s);
    EXPECT_EQ(choice.periodFor(today), Period::yearOf(today));
    EXPECT_FALSE(choice.setKind(u"year"_s));
    EXPECT_TRUE(choice.setKind(u"month"_s));
    EXPECT_EQ(choice.periodFor(today), Period::monthOf(today));
    // Custom days: the kind changes once, the days every time; bad days change nothing.
    EXPECT_EQ(choice.setCustom(u"2026-03-01"_s, u"2026-03-31"_s), std::optional<bool>(true));
    EXPECT_EQ(choice.setCustom(u"2026-04-01"_s, u"2026-04-30"_s), std::optional<bool>(false));
    EXPECT_EQ(choice.kind(), u"custom"_s);
    EXPECT_EQ(choice.periodFor(today), (Period { QDate(2026, 4, 1), QDate(2026, 4, 30) }));
    EXPECT_FALSE(choice.setCustom(u"2026-05-02"_s, u"2026-05-01"_s).has_value());
    EXPECT_EQ(choice.periodFor(today), (Period { QDate(2026, 4, 1), QDate(2026, 4, 30) }));
    EXPECT_TRUE(choice.setKind(u"quarter"_s));
    EXPECT_EQ(choice.periodFor(today), Period::quarterOf(today));
}
