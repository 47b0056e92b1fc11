#include "core/checklists.h"
#include "core/database.h"
#include "core/rules.h"
#include "core/schema.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

namespace {

QByteArray projectChecklists()
{
    QFile f(QStringLiteral(SAFELOOP_SOURCE_DIR "/data/checklists.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

class ChecklistImportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto db = openSqlite(m_dir.filePath(u"c.db"_s), u"checklists"_s);
        ASSERT_TRUE(db.ok());
        m_db = db.value();
        ASSERT_TRUE(migrateSchema(m_db).ok());
    }
    void TearDown() override
    {
        m_db = QSqlDatabase();
        closeDatabase(u"checklists"_s);
    }
    QTemporaryDir m_dir;
    QSqlDatabase m_db;
    QDateTime now { QDate(2026, 11, 25), QTime(1, 0), Qt::UTC };
};

} // namespace

TEST_F(ChecklistImportTest, ImportsTheProjectChecklistsWithTheirMajorHazardFlags)
{
    auto parsed = checklists::parse(projectChecklists());
    ASSERT_TRUE(parsed.ok()) << parsed.error().message.toStdString();
    EXPECT_EQ(parsed->size(), 12);
    int items = 0, major = 0;
    for (const auto& t : parsed.value())
        for (const auto& i : t.items) {
            ++items;
            major += i.majorHazardIfFailed ? 1 : 0;
        }
    EXPECT_EQ(items, 167);
    EXPECT_EQ(major, 50);
    auto published = checklists::import(m_db, parsed.value(), now);
    ASSERT_TRUE(published.ok());
    EXPECT_EQ(published->size(), 12);
    EXPECT_TRUE(published->contains(u"GM@1"_s));
    auto latest = checklists::latest(m_db);
    ASSERT_EQ(latest->size(), 12);
}

TEST_F(ChecklistImportTest, ReimportingUnchangedPublishesNothingAndAChangePublishesANewVersion)
{
    auto parsed = checklists::parse(projectChecklists()).value();
    ASSERT_TRUE(checklists::import(m_db, parsed, now).ok());
    EXPECT_TRUE(checklists::import(m_db, parsed, now)->isEmpty());
    parsed[0].items[0].textEn = u"Changed wording"_s;
    auto again = checklists::import(m_db, parsed, now);
    ASSERT_EQ(again->size(), 1);
    EXPECT_EQ(again->at(0), parsed[0].code + u"@2"_s);
    const auto latest = checklists::latest(m_db);
    ASSERT_TRUE(latest.ok());
    for (const auto& t : latest.value()) {
        if (t.code == parsed[0].code) {
            EXPECT_EQ(t.version, 2);
        }
    }
}

TEST_F(ChecklistImportTest, MalformedTemplatesAreRefusedWithTheReason)
{
    EXPECT_EQ(checklists::parse("{").error().code, u"invalid_json"_s);
    auto noItems = checklists::parse(R"([{"code":"XX","title_zh":"x","items":[]}])");
    EXPECT_EQ(noItems.error().code, u"missing_field"_s);
    auto dup = checklists::parse(R"([{"code":"XX","title_zh":"x","items":[
        {"code":"XX-1","text_zh":"a"},{"code":"XX-1","text_zh":"b"}]}])");
    EXPECT_EQ(dup.error().code, u"duplicate_item"_s);
}

TEST(ChecklistLegalBasisTest, EveryShippedItemKeepsACitationAndNoInspectorNote)
{
    auto parsed = checklists::parse(projectChecklists());
    ASSERT_TRUE(parsed.ok());
    int items = 0;
    for (const auto& t : parsed.value())
        for (const auto& i : t.items) {
            ++items;
            const QString basis = rules::legalBasis(i.basis);
            EXPECT_FALSE(basis.isEmpty()) << i.code.toStdString();
            for (const auto& note : { u"核对"_s, u"意译"_s, u"判重大"_s, u"属重大隐患"_s })
                EXPECT_FALSE(basis.contains(note))
                    << i.code.toStdString() << ": " << basis.toStdString();
        }
    EXPECT_EQ(items, 167);
}
