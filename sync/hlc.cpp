#include "hlc.h"

#include <QDateTime>

#include <algorithm>

namespace safeloop::sync {

namespace {
constexpr std::uint64_t MillisMask = (std::uint64_t { 1 } << 48) - 1;
}

QString HlcTimestamp::toString() const
{
    const std::uint64_t packed = ((millis & MillisMask) << 16) | counter;
    return QStringLiteral("%1").arg(packed, 16, 16, QLatin1Char('0'));
}

std::optional<HlcTimestamp> HlcTimestamp::parse(QStringView text)
{
    if (text.size() != 16)
        return std::nullopt;
    for (const QChar c : text) {
        const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
        if (!hex)
            return std::nullopt;
    }
    bool ok = false;
    const qulonglong packed = text.toULongLong(&ok, 16);
    if (!ok)
        return std::nullopt;
    return HlcTimestamp { packed >> 16, static_cast<std::uint16_t>(packed & 0xffff) };
}

HybridLogicalClock::HybridLogicalClock(WallClock wallClock)
    : m_wallClock(std::move(wallClock))
{
}

std::uint64_t HybridLogicalClock::wallMillis() const
{
    if (m_wallClock)
        return m_wallClock() & MillisMask;
    return static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch()) & MillisMask;
}

HlcTimestamp HybridLogicalClock::now()
{
    const std::uint64_t wall = wallMillis();
    if (wall > m_last.millis) {
        m_last = { wall, 0 };
    } else if (m_last.counter == 0xffff) {
        // Counter exhausted within one millisecond: borrow the next millisecond.
        m_last = { m_last.millis + 1, 0 };
    } else {
        ++m_last.counter;
    }
    return m_last;
}

HlcTimestamp HybridLogicalClock::receive(HlcTimestamp remote)
{
    const std::uint64_t wall = wallMillis();
    const std::uint64_t top = std::max({ wall, m_last.millis, remote.millis });
    std::uint32_t counter = 0;
    if (top == m_last.millis && top == remote.millis)
        counter = std::uint32_t { std::max(m_last.counter, remote.counter) } + 1;
    else if (top == m_last.millis)
        counter = std::uint32_t { m_last.counter } + 1;
    else if (top == remote.millis)
        counter = std::uint32_t { remote.counter } + 1;
    if (counter > 0xffff)
        m_last = { top + 1, 0 };
    else
        m_last = { top, static_cast<std::uint16_t>(counter) };
    return m_last;
}

} // namespace safeloop::sync
