#include "core/creditcode.h"

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

// The worked example printed in GB 32100-2015 itself.
TEST(CreditCodeTest, AcceptsTheStandardsWorkedExample)
{
    EXPECT_TRUE(CreditCode::validate(u"91350100M000100Y43"_s).ok());
}

TEST(CreditCodeTest, ComputesTheCheckCharacterOfTheWorkedExample)
{
    EXPECT_EQ(CreditCode::checkCharacter(u"91350100M000100Y4"_s), QChar(u'3'));
}

TEST(CreditCodeTest, ComputedCheckCharacterMakesAValidCode)
{
    const QString body = u"91220101MA0Y5K3T1"_s;
    const auto check = CreditCode::checkCharacter(body);
    ASSERT_TRUE(check.has_value());
    EXPECT_TRUE(CreditCode::validate(body + *check).ok());
}

TEST(CreditCodeTest, RefusesAWrongCheckCharacter)
{
    const auto r = CreditCode::validate(u"91350100M000100Y44"_s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"uscc_check"_s);
    EXPECT_TRUE(r.error().message.contains(u"3"_s)) << r.error().message.toStdString();
}

TEST(CreditCodeTest, RefusesAWrongLength)
{
    const auto r = CreditCode::validate(u"91350100M000100Y4"_s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"uscc_length"_s);
}

TEST(CreditCodeTest, RefusesLettersOutsideTheAlphabet)
{
    for (const QString& bad : { u"91350100M0001I0Y43"_s, u"91350100M0001O0Y43"_s,
             u"91350100M0001S0Y43"_s, u"91350100m000100Y43"_s }) {
        const auto r = CreditCode::validate(bad);
        ASSERT_FALSE(r.ok()) << bad.toStdString();
        EXPECT_EQ(r.error().code, u"uscc_character"_s) << bad.toStdString();
    }
}

TEST(CreditCodeTest, RefusesALetterInTheRegionCode)
{
    QString code = u"9135A100M000100Y4"_s;
    code += *CreditCode::checkCharacter(code);
    const auto r = CreditCode::validate(code);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"uscc_region"_s);
}

TEST(CreditCodeTest, EverySingleCharacterChangeIsDetected)
{
    const QString good = u"91350100M000100Y43"_s;
    const QStringView alphabet(CreditCode::Alphabet);
    for (qsizetype pos = 0; pos < good.size(); ++pos) {
        for (const QChar c : alphabet) {
            if (c == good[pos])
                continue;
            QString changed = good;
            changed[pos] = c;
            EXPECT_FALSE(CreditCode::validate(changed).ok())
                << "undetected change at " << pos << ": " << changed.toStdString();
        }
    }
}
