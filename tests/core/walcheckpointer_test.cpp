// core::WalCheckpointer on a real SQLite file: what it does for each log size a writer reports.
// The writer here is idle while the checkpointer works, so each outcome is certain.
#include "core/database.h"
#include "core/nativesqlite.h"
#include "core/walcheckpointer.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

#include <chrono>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

class WalCheckpointerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_path = m_dir.filePath(u"device.db"_s);
        auto opened = core::openSqlite(m_path, u"writer"_s);
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
        m_db = opened.value();
        ASSERT_TRUE(core::exec(m_db, u"CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"_s).ok());
    }
    void TearDown() override
    {
        m_db = QSqlDatabase();
        core::closeDatabase(u"writer"_s);
    }

    /// Writes `rows` rows of ~4 KiB in one transaction, committed without SQLite's own
    /// checkpoint; returns the log's size in frames after the commit.
    int write(int rows)
    {
        EXPECT_TRUE(core::exec(m_db, u"BEGIN IMMEDIATE"_s).ok());
        QSqlQuery q(m_db);
        q.prepare(u"INSERT INTO t (v) VALUES (?)"_s);
        for (int i = 0; i < rows; ++i) {
            q.addBindValue(QString(4000, QChar(u'a' + i % 26)));
            EXPECT_TRUE(q.exec());
        }
        int frames = 0;
        EXPECT_TRUE(core::detail::commitLeavingCheckpoint(m_db, &frames).ok());
        return frames;
    }

    /// Waits (at most 20 s) until the checkpointer's thread has run `n` checkpoints.
    static core::WalCheckpointer::Stats waitFor(const core::WalCheckpointer& c, qint64 n)
    {
        using namespace std::chrono_literals;
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (c.stats().background + c.stats().failed < n
            && std::chrono::steady_clock::now() < deadline)
            QThread::msleep(5);
        return c.stats();
    }

    QTemporaryDir m_dir;
    QString m_path;
    QSqlDatabase m_db;
};

} // namespace

TEST_F(WalCheckpointerTest, ABigLogIsCopiedAndRestartedOnItsThreadAndTheNextWriteStartsItAgain)
{
    core::WalCheckpointer checkpointer(core::WalCheckpointer::fileConnection(m_path));
    const int frames = write(3200);
    ASSERT_GE(frames, core::WalCheckpointer::RestartFrames);
    ASSERT_LT(frames, core::WalCheckpointer::OverdueFrames);
    checkpointer.committed(m_db, frames);
    const auto stats = waitFor(checkpointer, 1);
    EXPECT_EQ(stats.background, 1);
    EXPECT_EQ(stats.restarts, 1) << "a log of RestartFrames or more is restarted";
    EXPECT_EQ(stats.inPlace, 0);
    EXPECT_EQ(stats.failed, 0);
    // Everything was copied into the database file: the next commit writes the log from its
    // beginning (a few frames), not after the 3,000 already there.
    EXPECT_LT(write(1), 10);
}

TEST_F(WalCheckpointerTest, ALogBelowTheDuePointIsLeftAndAnOverdueOneIsCopiedByTheWriter)
{
    core::WalCheckpointer checkpointer(core::WalCheckpointer::fileConnection(m_path));
    const int small = write(100);
    ASSERT_LT(small, core::WalCheckpointer::DueFrames);
    checkpointer.committed(m_db, small);
    // Overdue: the writer's own thread checkpoints before committed() returns.
    checkpointer.committed(m_db, core::WalCheckpointer::OverdueFrames);
    const auto stats = checkpointer.stats();
    EXPECT_EQ(stats.inPlace, 1);
    EXPECT_EQ(stats.background, 0) << "nothing was due for the thread";
    EXPECT_EQ(stats.failed, 0);
    EXPECT_LT(write(1), 10) << "the writer's checkpoint copied the log";
}

TEST_F(WalCheckpointerTest, ALogBetweenTheDueAndRestartPointsIsCopiedWithoutARestart)
{
    core::WalCheckpointer checkpointer(core::WalCheckpointer::fileConnection(m_path));
    const int frames = write(1200);
    ASSERT_GE(frames, core::WalCheckpointer::DueFrames);
    ASSERT_LT(frames, core::WalCheckpointer::RestartFrames);
    checkpointer.committed(m_db, frames);
    const auto stats = waitFor(checkpointer, 1);
    EXPECT_EQ(stats.background, 1);
    EXPECT_EQ(stats.restarts, 0);
    // The passive checkpoint copied every frame (no reader held the log), so the next writer
    // starts the log again as well.
    EXPECT_LT(write(1), 10);
}
