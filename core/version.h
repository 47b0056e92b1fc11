#pragma once

namespace safeloop::core {

/// Version of the wire contract in SYNC.md that this build speaks.
inline constexpr int WireSchemaVersion = 1;

} // namespace safeloop::core
