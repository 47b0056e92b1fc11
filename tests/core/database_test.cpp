#include "core/database.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

namespace {

class DatabaseTest : public ::testing::Test {
protected:
    void TearDown() override { closeDatabase(u"dbtest"_s); }
    QString path() const { return m_dir.filePath(u"test.db"_s); }
    QTemporaryDir m_dir;
};

QString pragma(QSqlDatabase& db, const QString& name)
{
    QSqlQuery q(db);
    q.exec(u"PRAGMA "_s + name);
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace

TEST_F(DatabaseTest, OpensWithDurableSettings)
{
    auto db = openSqlite(path(), u"dbtest"_s);
    ASSERT_TRUE(db.ok()) << db.error().message.toStdString();
    EXPECT_EQ(pragma(db.value(), u"journal_mode"_s), u"wal"_s);
    EXPECT_EQ(pragma(db.value(), u"synchronous"_s), u"2"_s); // FULL
    EXPECT_EQ(pragma(db.value(), u"foreign_keys"_s), u"1"_s);
    EXPECT_EQ(pragma(db.value(), u"busy_timeout"_s), u"5000"_s);
}

TEST_F(DatabaseTest, MigratesStepByStepAndRecordsTheVersion)
{
    auto db = openSqlite(path(), u"dbtest"_s);
    ASSERT_TRUE(db.ok());
    const std::vector<Migration> steps {
        { 1, [](QSqlDatabase& d) { return exec(d, u"CREATE TABLE a (x INTEGER)"_s); } },
        { 2, [](QSqlDatabase& d) { return exec(d, u"ALTER TABLE a ADD COLUMN y TEXT"_s); } },
    };
    auto first = migrate(db.value(), { steps[0] });
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first.value(), 1);
    auto second = migrate(db.value(), steps);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second.value(), 2);
    EXPECT_EQ(userVersion(db.value()), 2);
    QSqlQuery q(db.value());
    EXPECT_TRUE(q.exec(u"INSERT INTO a (x, y) VALUES (1, 'b')"_s));
}

TEST_F(DatabaseTest, FailedMigrationRollsBackAndKeepsTheVersion)
{
    auto db = openSqlite(path(), u"dbtest"_s);
    ASSERT_TRUE(db.ok());
    const std::vector<Migration> steps {
        { 1, [](QSqlDatabase& d) { return exec(d, u"CREATE TABLE a (x INTEGER)"_s); } },
        { 2,
            [](QSqlDatabase& d) -> Result<void> {
                if (auto r = exec(d, u"CREATE TABLE b (x INTEGER)"_s); !r)
                    return r;
                return exec(d, u"THIS IS NOT SQL"_s);
            } },
    };
    auto r = migrate(db.value(), steps);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"migration_failed"_s);
    EXPECT_EQ(userVersion(db.value()), 1);
    QSqlQuery q(db.value());
    EXPECT_FALSE(q.exec(u"SELECT * FROM b"_s)) << "table b of the failed step must not exist";
}

TEST_F(DatabaseTest, RefusesAFileThatIsNotADatabase)
{
    QFile junk(path());
    ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(8192, 'x'));
    junk.close();
    auto db = openSqlite(path(), u"dbtest"_s);
    ASSERT_FALSE(db.ok());
}
