#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace safeloop::sync {

/// Exponential backoff with full jitter for failed sync cycles: the n-th consecutive failure
/// waits a random time in [base·2ⁿ⁻¹ / 2, base·2ⁿ⁻¹], capped, and never less than what the
/// server asked for with Retry-After.
class Backoff {
public:
    using Duration = std::chrono::milliseconds;

    explicit Backoff(Duration base = std::chrono::seconds(2),
        Duration cap = std::chrono::minutes(10), std::uint32_t seed = std::random_device {}());

    /// Records one more failure and returns how long to wait before the next attempt.
    Duration nextDelay(std::optional<Duration> retryAfter = std::nullopt);
    /// A success: the next failure starts from the base again.
    void reset() { m_failures = 0; }
    /// Consecutive failures so far.
    int failures() const { return m_failures; }

private:
    Duration m_base;
    Duration m_cap;
    int m_failures = 0;
    std::mt19937 m_random;
};

} // namespace safeloop::sync
