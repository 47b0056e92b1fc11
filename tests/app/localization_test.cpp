#include "app/localization.h"

#include <QCoreApplication>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::app::Localization;

TEST(LocalizationTest, ChineseDatesUseYearMonthDayCharacters)
{
    EXPECT_EQ(Localization::formatDate(QDate(2026, 11, 25), u"zh_CN"_s), u"2026年11月25日"_s);
    EXPECT_EQ(Localization::formatDate(QDate(2026, 1, 5), u"zh_CN"_s), u"2026年1月5日"_s);
}

TEST(LocalizationTest, EnglishDatesAreIso)
{
    EXPECT_EQ(Localization::formatDate(QDate(2026, 1, 5), u"en"_s), u"2026-01-05"_s);
}

TEST(LocalizationTest, EnglishTranslationIsEmbeddedAndSwitchesBack)
{
    ASSERT_TRUE(Localization::apply(u"en"_s, nullptr));
    EXPECT_EQ(Localization::current(), u"en"_s);
    EXPECT_EQ(QCoreApplication::translate("PassFailNa", "不符合"), u"Fail"_s);
    EXPECT_EQ(
        QCoreApplication::translate("SyncBar", "%n 条待上传", nullptr, 3), u"3 records waiting"_s);
    ASSERT_TRUE(Localization::apply(u"zh_CN"_s, nullptr));
    EXPECT_EQ(QCoreApplication::translate("PassFailNa", "不符合"), u"不符合"_s);
}

TEST(LocalizationTest, UnsupportedLanguageChangesNothing)
{
    EXPECT_FALSE(Localization::apply(u"fr"_s, nullptr));
    EXPECT_EQ(Localization::current(), u"zh_CN"_s);
}

TEST(LocalizationTest, IndustryCodesAreShownAsNames)
{
    safeloop::app::Localization l;
    EXPECT_EQ(l.industryName(u"C3670"_s), u"汽车零部件及配件制造"_s);
    EXPECT_EQ(l.industryName(u"C3391"_s), u"黑色金属铸造"_s);
    // A class missing from the table is named by its division; an unknown code stays a code.
    EXPECT_EQ(l.industryName(u"G5960"_s), u"装卸搬运和仓储业"_s);
    EXPECT_EQ(l.industryName(u"E4700"_s), u"房屋建筑业"_s);
    EXPECT_EQ(l.industryName(u"X9999"_s), u"X9999"_s);
    EXPECT_EQ(l.industryName(QString()), QString());
}
