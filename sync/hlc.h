#pragma once

#include <QString>
#include <QStringView>

#include <cstdint>
#include <functional>
#include <optional>

namespace safeloop::sync {

/// A hybrid logical clock timestamp: 48-bit wall milliseconds and a 16-bit counter.
struct HlcTimestamp {
    std::uint64_t millis = 0;
    std::uint16_t counter = 0;

    /// 16 lower-case hex digits, as carried in a mutation's `hlc` field.
    QString toString() const;
    /// Parses the wire form; nothing if it is not exactly 16 hex digits.
    static std::optional<HlcTimestamp> parse(QStringView text);

    auto operator<=>(const HlcTimestamp&) const = default;
};

/// Per-device hybrid logical clock (Kulkarni et al.), advanced on every send and receive so that
/// causally later mutations always carry a larger timestamp, whatever the device's wall clock does.
class HybridLogicalClock {
public:
    using WallClock = std::function<std::uint64_t()>;

    /// Uses the system clock (milliseconds since the Unix epoch) unless another is injected.
    explicit HybridLogicalClock(WallClock wallClock = {});

    /// Timestamp for a local event or an outgoing mutation.
    HlcTimestamp now();
    /// Merges a timestamp received from elsewhere and returns the local timestamp after it.
    HlcTimestamp receive(HlcTimestamp remote);
    /// The last timestamp handed out (persisted by the caller so restarts never go backwards).
    HlcTimestamp last() const { return m_last; }
    /// Restores the last persisted timestamp.
    void restore(HlcTimestamp last) { m_last = last; }

private:
    std::uint64_t wallMillis() const;

    WallClock m_wallClock;
    HlcTimestamp m_last;
};

} // namespace safeloop::sync
