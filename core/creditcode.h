#pragma once

#include "result.h"

#include <QChar>
#include <QString>
#include <QStringView>

#include <optional>

namespace safeloop::core {

/// Unified social credit code (统一社会信用代码) rules of GB 32100-2015.
namespace CreditCode {

/// The 31 characters a code may contain: digits and capitals without I, O, S, V, Z.
inline constexpr char16_t Alphabet[] = u"0123456789ABCDEFGHJKLMNPQRTUWXY";
inline constexpr int Length = 18;

/// The check character for the first 17 characters, or nothing if they are not 17
/// characters of the code alphabet.
std::optional<QChar> checkCharacter(QStringView first17);

/// Validates a full 18-character code; the error says exactly what is wrong
/// (`uscc_length`, `uscc_character`, `uscc_region`, `uscc_check`).
Result<void> validate(QStringView code);

} // namespace CreditCode

} // namespace safeloop::core
