#include "creditcode.h"

#include <array>

using namespace Qt::StringLiterals;

namespace safeloop::core::CreditCode {

namespace {

// Position weights 3^(i) mod 31 for the first 17 characters (GB 32100-2015, 5.3).
constexpr std::array<int, 17> Weights { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30,
    28 };

int alphabetIndex(QChar c)
{
    const QStringView alphabet(Alphabet);
    return static_cast<int>(alphabet.indexOf(c));
}

} // namespace

std::optional<QChar> checkCharacter(QStringView first17)
{
    if (first17.size() != 17)
        return std::nullopt;
    int sum = 0;
    for (qsizetype i = 0; i < 17; ++i) {
        const int value = alphabetIndex(first17[i]);
        if (value < 0)
            return std::nullopt;
        sum += value * Weights[static_cast<size_t>(i)];
    }
    const int check = (31 - sum % 31) % 31;
    return QChar(Alphabet[check]);
}

Result<void> validate(QStringView code)
{
    if (code.size() != Length) {
        return makeError(
            u"uscc_length"_s, u"统一社会信用代码应为 18 位，实际为 %1 位"_s.arg(code.size()));
    }
    for (qsizetype i = 0; i < code.size(); ++i) {
        if (alphabetIndex(code[i]) < 0) {
            return makeError(u"uscc_character"_s,
                u"统一社会信用代码第 %1 位字符“%2”不在允许的字符集中"_s.arg(i + 1).arg(code[i]));
        }
    }
    // Characters 3–8 are the administrative division code and are always digits.
    for (qsizetype i = 2; i < 8; ++i) {
        if (!code[i].isDigit()) {
            return makeError(
                u"uscc_region"_s, u"统一社会信用代码第 %1 位应为行政区划代码数字"_s.arg(i + 1));
        }
    }
    const auto expected = checkCharacter(code.first(17));
    if (!expected || *expected != code[17]) {
        return makeError(u"uscc_check"_s,
            u"统一社会信用代码校验位错误：应为“%1”，实际为“%2”"_s.arg(expected.value_or(u'?'))
                .arg(code[17]));
    }
    return {};
}

} // namespace safeloop::core::CreditCode
