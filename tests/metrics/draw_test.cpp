// The 双随机 draw (docs/metrics.md): reproducible from its seed, filters, conflicts of interest
// and forced-in enterprises respected, clear refusals.
#include "core/metrics.h"

#include <QSet>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core;
using namespace safeloop::core::metrics;

namespace {

/// Ten register rows E1 … E10 (credit codes 9122010100000000nn + check character), sorted by
/// code in the order of their numbers.
const QStringList Codes { u"912201010000000010"_s, u"912201010000000023"_s, u"912201010000000036"_s,
    u"912201010000000049"_s, u"91220101000000005C"_s, u"91220101000000006F"_s,
    u"91220101000000007J"_s, u"91220101000000008M"_s, u"91220101000000009Q"_s,
    u"91220101000000010X"_s };

QString e(int n)
{
    return Codes.at(n - 1);
}

QList<Enterprise> registerRows()
{
    // Odd numbers North, even South; E1–E4 industry C3670, E5–E7 C3391, E8–E10 E4700;
    // grades cycle red, orange, yellow, blue.
    static const QList<RiskGrade> grades { RiskGrade::Red, RiskGrade::Orange, RiskGrade::Yellow,
        RiskGrade::Blue };
    QList<Enterprise> rows;
    // Listed in reverse: the draw must not depend on the order of the register rows.
    for (int n = 10; n >= 1; --n) {
        Enterprise x;
        x.uscc = e(n);
        x.name = u"企业%1"_s.arg(n);
        x.street = n % 2 ? u"North"_s : u"South"_s;
        x.industryCode = n <= 4 ? u"C3670"_s : n <= 7 ? u"C3391"_s : u"E4700"_s;
        x.riskGrade = grades.at((n - 1) % 4);
        rows << x;
    }
    return rows;
}

DrawRequest baseRequest(std::uint64_t seed)
{
    DrawRequest r;
    r.enterprises = registerRows();
    r.count = 3;
    r.inspectorIds = { u"insp-d"_s, u"insp-b"_s, u"insp-c"_s, u"insp-a"_s };
    r.seed = seed;
    return r;
}

} // namespace

TEST(DrawTest, SplitMix64MatchesTheReferenceOutputs)
{
    SplitMix64 g(0);
    EXPECT_EQ(g.next(), 0xE220A8397B1DCDAFULL);
    EXPECT_EQ(g.next(), 0x6E789E6AA1B965F4ULL);
    EXPECT_EQ(g.next(), 0x06C45D188009454FULL);
}

TEST(DrawTest, ASeedGivesTheResultComputedByHand)
{
    // Seed 20261203. SplitMix64 outputs, each reduced modulo its bound (none is rejected: a
    // rejection needs an output below 2^64 mod bound, at most 9):
    //   0xa07a441190194c1b % 10 = 9 → swap 0 and 9: E10 first
    //   0xfdef87ad46f02cd5 % 9  = 5 → swap 1 and 6: E7 second
    //   0x92c6a0fcef4b3c8d % 8  = 5 → swap 2 and 7: E8 third
    // Inspectors sorted a, b, c, d:
    //   E10: 0x6a23440f15c37ddf % 4 = 3 → d; 0x5bbdbb33b5095457 % 3 = 0 → a (of a, b, c)
    //   E7:  0x9af66ffafc09a6e7 % 4 = 3 → d; 0x3d3405657a8d7d9c % 3 = 1 → b
    //   E8:  0x43b4651d7469d0e2 % 4 = 2 → c; 0x21d3cdac438e6e5f % 3 = 0 → a (of a, b, d)
    auto r = draw(baseRequest(20261203));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->seed, 20261203u);
    EXPECT_EQ(r->pool, Codes);
    EXPECT_EQ(r->picks,
        (QList<DrawPick> { { e(10), u"insp-d"_s, u"insp-a"_s, false },
            { e(7), u"insp-d"_s, u"insp-b"_s, false },
            { e(8), u"insp-c"_s, u"insp-a"_s, false } }));
}

TEST(DrawTest, TheSameSeedGivesTheSameDrawAndOthersDiffer)
{
    auto a = draw(baseRequest(42));
    auto b = draw(baseRequest(42));
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b);
    int different = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        auto c = draw(baseRequest(seed));
        ASSERT_TRUE(c.ok());
        different += c->picks != a->picks ? 1 : 0;
    }
    EXPECT_GE(different, 15);
}

TEST(DrawTest, FiltersNarrowThePool)
{
    DrawRequest r = baseRequest(7);
    r.streets = { u"North"_s };
    r.industries = { u"C3"_s }; // a prefix: C3670 and C3391
    r.grades = { RiskGrade::Red, RiskGrade::Yellow, RiskGrade::Blue };
    r.count.reset();
    r.percent = 100;
    // North: 1, 3, 5, 7, 9; C3…: 1–7; grades red (1, 5, 9), yellow (3, 7), blue (4, 8).
    auto d = draw(r);
    ASSERT_TRUE(d.ok()) << d.error().message.toStdString();
    EXPECT_EQ(d->pool, (QStringList { e(1), e(3), e(5), e(7) }));
    QStringList drawn;
    for (const auto& p : d->picks)
        drawn << p.enterpriseId;
    drawn.sort();
    EXPECT_EQ(drawn, d->pool);
}

TEST(DrawTest, APercentageIsRoundedUp)
{
    DrawRequest r = baseRequest(3);
    r.count.reset();
    r.percent = 25; // 2.5 of 10 → 3
    auto d = draw(r);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->picks.size(), 3);
}

TEST(DrawTest, ConflictsOfInterestAreNeverDrawnAndInspectorsAreDistinct)
{
    DrawRequest r = baseRequest(0);
    r.count = 10;
    for (int n = 1; n <= 10; ++n) {
        r.conflicts.append({ u"insp-a"_s, e(n) });
        if (n % 2 == 0)
            r.conflicts.append({ u"insp-b"_s, e(n) });
    }
    for (std::uint64_t seed = 0; seed < 100; ++seed) {
        r.seed = seed;
        auto d = draw(r);
        ASSERT_TRUE(d.ok()) << d.error().message.toStdString();
        ASSERT_EQ(d->picks.size(), 10);
        for (const auto& p : d->picks) {
            EXPECT_NE(p.inspectorA, p.inspectorB);
            EXPECT_FALSE(r.conflicts.contains(std::pair { p.inspectorA, p.enterpriseId }));
            EXPECT_FALSE(r.conflicts.contains(std::pair { p.inspectorB, p.enterpriseId }));
        }
    }
}

TEST(DrawTest, ForcedInEnterprisesAreAlwaysDrawnFirst)
{
    DrawRequest r = baseRequest(0);
    r.streets = { u"South"_s };
    r.count = 2;
    r.forcedIn = { e(9), e(1), e(9) }; // North: outside the filter, drawn anyway, once each
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        r.seed = seed;
        auto d = draw(r);
        ASSERT_TRUE(d.ok()) << d.error().message.toStdString();
        ASSERT_EQ(d->picks.size(), 4);
        EXPECT_EQ(d->picks[0].enterpriseId, e(1));
        EXPECT_EQ(d->picks[1].enterpriseId, e(9));
        EXPECT_TRUE(d->picks[0].forced && d->picks[1].forced);
        EXPECT_FALSE(d->picks[2].forced || d->picks[3].forced);
        EXPECT_FALSE(d->pool.contains(e(1)) || d->pool.contains(e(9)));
        EXPECT_TRUE(d->pool.contains(d->picks[2].enterpriseId));
        EXPECT_NE(d->picks[2].enterpriseId, d->picks[3].enterpriseId);
    }
}

TEST(DrawTest, TooFewFreeInspectorsIsAClearError)
{
    DrawRequest r = baseRequest(1);
    r.inspectorIds = { u"insp-a"_s, u"insp-b"_s, u"insp-c"_s };
    r.forcedIn = { e(4) };
    r.conflicts = { { u"insp-a"_s, e(4) }, { u"insp-c"_s, e(4) } };
    auto d = draw(r);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, u"too_few_inspectors"_s);
    EXPECT_TRUE(d.error().message.contains(e(4)));
}

TEST(DrawTest, BadRequestsAreRefused)
{
    DrawRequest unknown = baseRequest(1);
    unknown.forcedIn = { u"911111111111111111"_s };
    EXPECT_EQ(draw(unknown).error().code, u"unknown_enterprise"_s);
    DrawRequest tooMany = baseRequest(1);
    tooMany.count = 11;
    EXPECT_EQ(draw(tooMany).error().code, u"too_few_candidates"_s);
    DrawRequest negative = baseRequest(1);
    negative.count = -1;
    EXPECT_EQ(draw(negative).error().code, u"invalid_draw"_s);
}
