// The SQLite store's write-ahead log is checkpointed by a thread of the server's own, not by the
// push writer in the middle of a push (core::WalCheckpointer); PostgreSQL has no such
// log and no checkpointer.
#include "synctestsupport.h"

#include "core/walcheckpointer.h"

#include <QFileInfo>

#include <chrono>

namespace {

QJsonObject pushBody(const QString& client, const QJsonArray& mutations)
{
    return { { u"client_id"_s, client }, { u"schema_version"_s, 1 },
        { u"mutations"_s, mutations } };
}

} // namespace

class WalCheckpointTest : public SyncApiTest {
protected:
    server::Caller inspector()
    {
        server::Caller caller;
        caller.userId = userIdOf(u"insp"_s);
        caller.role = server::Role::Inspector;
        return caller;
    }

    /// The log's size in frames of 4 KiB pages (0 when there is no log file).
    qint64 walFrames() const
    {
        const QFileInfo wal(QDir(srv.store().location().dataDir).filePath(u"safeloop.db-wal"_s));
        return wal.exists() ? wal.size() / 4096 : 0;
    }
};

TEST_F(WalCheckpointTest, TheLogIsCopiedIntoTheDatabaseOffThePushPathAndStaysBounded)
{
    using namespace std::chrono_literals;
    server::SyncService sync(srv.store());
    const server::Caller caller = inspector();
    // 30 pushes of 250 hazards: ~10,000 frames (4 KiB pages) of log without checkpoints, ten
    // times what SQLite lets a log grow to before a checkpoint is due (1,000 frames).
    constexpr int Pushes = 30;
    constexpr int PerPush = 250;
    const qint64 at = QDateTime::currentMSecsSinceEpoch();
    qint64 largestLog = 0;
    for (int p = 0; p < Pushes; ++p) {
        QJsonArray batch;
        for (int i = 1; i <= PerPush; ++i)
            batch.append(mutation(i, u"hazard.create"_s, uuid(),
                hazardArgs(entA, u"Guard rail missing at press %1-%2"_s.arg(p).arg(i)), {},
                hlcAt(at, p * PerPush + i)));
        auto answer = sync.push(caller, pushBody(u"wal-%1"_s.arg(p), batch));
        ASSERT_TRUE(answer.ok()) << answer.error().message.toStdString();
        ASSERT_EQ(answer.value().results.size(), PerPush);
        EXPECT_EQ(answer.value().results.last().status, u"applied"_s);
        largestLog = std::max(largestLog, walFrames());
    }
    // Every hazard is there, read through another connection.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), Pushes * PerPush);

    if (test::UsingPostgres) {
        EXPECT_EQ(sync.pushStats().walCheckpoints, 0);
        EXPECT_EQ(sync.pushStats().walCheckpointsInPush, 0);
        return;
    }
    // The checkpointer ran, and the log did not keep every push: it was started again from its
    // beginning once copied, at the latest when the writer's own limit (8,000 frames) made the
    // writer copy it — without any checkpoint the 30 pushes' ~10,000 frames would all be there.
    // How soon the checkpointer's thread copies depends on the scheduler (a push writer that
    // never pauses on two cores shared with other tests); what it does for each log size is
    // WalCheckpointerTest's (tests/core), with an idle writer.
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (sync.pushStats().walCheckpoints == 0 && std::chrono::steady_clock::now() < deadline)
        QThread::msleep(20);
    EXPECT_GE(sync.pushStats().walCheckpoints, 1);
    EXPECT_LT(largestLog, core::WalCheckpointer::OverdueFrames + 1000) << largestLog;
}
