#pragma once

#include <QDateTime>
#include <QString>

namespace safeloop::core {

/// A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, version 7, random rest; lower-case, hyphenated.
QString uuidv7(const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace safeloop::core
