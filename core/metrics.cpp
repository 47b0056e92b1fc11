#include "metrics.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace safeloop::core::metrics {

Period Period::previous() const
{
    if (!isValid())
        return {};
    const QDate end = from.addDays(-1);
    return { end.addDays(-(days() - 1)), end };
}

Period Period::yearOf(QDate day)
{
    return { QDate(day.year(), 1, 1), QDate(day.year(), 12, 31) };
}

Period Period::named(QStringView kind, QDate day)
{
    if (kind == u"month")
        return monthOf(day);
    if (kind == u"quarter")
        return quarterOf(day);
    return yearOf(day);
}

std::optional<Period> Period::custom(const QString& from, const QString& to)
{
    const Period p { QDate::fromString(from, Qt::ISODate), QDate::fromString(to, Qt::ISODate) };
    if (!p.isValid())
        return std::nullopt;
    return p;
}

bool PeriodChoice::setKind(const QString& kind)
{
    if (kind == m_kind)
        return false;
    m_kind = kind;
    return true;
}

std::optional<bool> PeriodChoice::setCustom(const QString& from, const QString& to)
{
    const auto period = Period::custom(from, to);
    if (!period)
        return std::nullopt;
    m_custom = *period;
    return setKind(u"custom"_s);
}

Period PeriodChoice::periodFor(QDate today) const
{
    return m_kind == u"custom"_s ? m_custom : Period::named(m_kind, today);
}

Period Period::quarterOf(QDate day)
{
    const int firstMonth = (day.month() - 1) / 3 * 3 + 1;
    const QDate from(day.year(), firstMonth, 1);
    return { from, from.addMonths(3).addDays(-1) };
}

Period Period::monthOf(QDate day)
{
    const QDate from(day.year(), day.month(), 1);
    return { from, from.addMonths(1).addDays(-1) };
}

std::uint64_t SplitMix64::next()
{
    m_state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = m_state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t SplitMix64::below(std::uint64_t bound)
{
    // 2^64 mod bound, computed in 64 bits: (2^64 - bound) mod bound.
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const std::uint64_t x = next();
        if (x >= threshold)
            return x % bound;
    }
}

Result<DrawResult> draw(const DrawRequest& request)
{
    if ((request.count && *request.count < 0) || request.percent < 0 || request.percent > 100)
        return makeError(
            u"invalid_draw"_s, u"a draw needs a count ≥ 0 or a percentage between 0 and 100"_s);

    QSet<QString> registered;
    for (const auto& e : request.enterprises)
        registered.insert(e.uscc);
    QStringList forced;
    for (const auto& id : request.forcedIn) {
        if (!registered.contains(id))
            return makeError(u"unknown_enterprise"_s,
                u"forced-in enterprise %1 is not in the register"_s.arg(id));
        if (!forced.contains(id))
            forced << id;
    }
    std::sort(forced.begin(), forced.end());

    // The pool: register rows passing every filter, forced-in ones left out, each id once,
    // sorted by credit code (QString's UTF-16 order; credit codes are ASCII).
    QStringList pool;
    QSet<QString> seen;
    for (const auto& e : request.enterprises) {
        if (forced.contains(e.uscc) || seen.contains(e.uscc))
            continue;
        if (!request.streets.isEmpty() && !request.streets.contains(e.street))
            continue;
        if (!request.industries.isEmpty()
            && std::none_of(request.industries.begin(), request.industries.end(),
                [&e](const QString& prefix) { return e.industryCode.startsWith(prefix); }))
            continue;
        if (!request.grades.isEmpty() && !request.grades.contains(e.riskGrade))
            continue;
        seen.insert(e.uscc);
        pool << e.uscc;
    }
    std::sort(pool.begin(), pool.end());

    const qsizetype n = request.count ? qsizetype(*request.count)
                                      : (qsizetype(request.percent) * pool.size() + 99) / 100;
    if (n > pool.size())
        return makeError(u"too_few_candidates"_s,
            u"cannot draw %1 enterprises from a pool of %2"_s.arg(n).arg(pool.size()));

    SplitMix64 rng(request.seed);
    // Partial Fisher–Yates on a copy of the sorted pool: step i swaps position i with
    // i + below(pool size − i); the first n positions are the draw, in the order drawn.
    QStringList shuffled = pool;
    for (qsizetype i = 0; i < n; ++i) {
        const auto j = i + qsizetype(rng.below(std::uint64_t(shuffled.size() - i)));
        shuffled.swapItemsAt(i, j);
    }

    QStringList inspectors;
    for (const auto& id : request.inspectorIds)
        if (!inspectors.contains(id))
            inspectors << id;
    std::sort(inspectors.begin(), inspectors.end());

    // Conflicts as one set of "inspector␟enterprise" keys: a lookup per inspector and enterprise.
    auto conflictKey = [](const QString& inspector, const QString& enterpriseId) {
        return inspector + QChar(0x1F) + enterpriseId;
    };
    QSet<QString> conflicts;
    for (const auto& [inspector, enterpriseId] : request.conflicts)
        conflicts.insert(conflictKey(inspector, enterpriseId));

    DrawResult result;
    result.seed = request.seed;
    result.pool = pool;
    auto pair = [&](const QString& enterpriseId, bool isForced) -> Result<void> {
        QStringList free;
        for (const auto& inspector : std::as_const(inspectors))
            if (!conflicts.contains(conflictKey(inspector, enterpriseId)))
                free << inspector;
        if (free.size() < 2)
            return makeError(u"too_few_inspectors"_s,
                u"enterprise %1 has %2 inspector(s) free of conflicts of interest; two are "
                u"needed"_s.arg(enterpriseId)
                    .arg(free.size()));
        const QString a = free.takeAt(qsizetype(rng.below(std::uint64_t(free.size()))));
        const QString b = free.at(qsizetype(rng.below(std::uint64_t(free.size()))));
        result.picks.append({ enterpriseId, a, b, isForced });
        return {};
    };
    for (const auto& id : std::as_const(forced))
        if (auto r = pair(id, true); !r)
            return r.error();
    for (qsizetype i = 0; i < n; ++i)
        if (auto r = pair(shuffled.at(i), false); !r)
            return r.error();
    return result;
}

} // namespace safeloop::core::metrics
