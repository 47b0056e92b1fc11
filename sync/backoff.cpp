#include "backoff.h"

#include <algorithm>

namespace safeloop::sync {

Backoff::Backoff(Duration base, Duration cap, std::uint32_t seed)
    : m_base(base)
    , m_cap(cap)
    , m_random(seed)
{
}

Backoff::Duration Backoff::nextDelay(std::optional<Duration> retryAfter)
{
    ++m_failures;
    // base · 2^(failures-1), computed without overflow: stop doubling once past the cap.
    Duration ceiling = m_base;
    for (int i = 1; i < m_failures && ceiling < m_cap; ++i)
        ceiling *= 2;
    ceiling = std::min(ceiling, m_cap);
    // Half fixed, half random: spreads devices that failed together without ever retrying at once.
    const auto half = ceiling.count() / 2;
    std::uniform_int_distribution<Duration::rep> jitter(0, ceiling.count() - half);
    Duration delay(half + jitter(m_random));
    if (retryAfter && *retryAfter > delay)
        delay = *retryAfter;
    return delay;
}

} // namespace safeloop::sync
