// Kills a child that applies mutations at random moments (SIGKILL) and checks after each kill
// that the database is intact and every acknowledged mutation survived with its outbox row and
// its photo file.
#include "core/audit.h"
#include "core/blobstore.h"
#include "core/localstore.h"
#include "tests/support/fileconnection.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

#include <csignal>
#include <iostream>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

TEST(CrashDurability, EveryAcknowledgedMutationSurvivesSigkill)
{
    const quint32 seed = static_cast<quint32>(QDateTime::currentMSecsSinceEpoch() & 0xffffffff);
    std::cout << "crash test seed " << seed << std::endl;
    QRandomGenerator rng(seed);
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(u"crash.db"_s);
    const QString blobRoot = dir.filePath(u"blobs"_s);
    QList<std::pair<QString, QString>> acked;
    constexpr int Kills = 200;
    for (int round = 0; round < Kills; ++round) {
        QProcess child;
        child.setProgram(QStringLiteral(CRASH_CHILD_BIN));
        child.setArguments({ dbPath, blobRoot });
        child.start();
        ASSERT_TRUE(child.waitForStarted()) << "round " << round;
        // Every tenth kill waits for the child's first acknowledgement, so some kills land in
        // the middle of the work even where a loaded machine starts the child slowly.
        if (round % 10 == 0)
            child.waitForReadyRead(10000);
        QThread::msleep(20 + rng.bounded(60u));
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        ASSERT_TRUE(child.waitForFinished());
        const qsizetype before = acked.size();
        const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
        for (const auto& line : lines) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() == 3 && parts[0] == "ACK")
                acked.append({ QString::fromLatin1(parts[1]), QString::fromLatin1(parts[2]) });
        }
        const QByteArray err = child.readAllStandardError();
        ASSERT_TRUE(err.isEmpty()) << "round " << round << ": " << err.toStdString();

        auto store = LocalStore::open({ dbPath, blobRoot, u"checker"_s });
        ASSERT_TRUE(store.ok()) << "round " << round << ": " << store.error().message.toStdString();
        safeloop::test::FileConnection file(dbPath);
        QSqlDatabase& db = file.db();
        QSqlQuery q(db);
        ASSERT_TRUE(q.exec(u"PRAGMA integrity_check"_s) && q.next());
        ASSERT_EQ(q.value(0).toString(), u"ok"_s) << "round " << round;
        ASSERT_TRUE(q.exec(u"PRAGMA foreign_key_check"_s));
        ASSERT_FALSE(q.next()) << "foreign key violation after round " << round;
        ASSERT_TRUE(audit::verify(db).ok()) << "round " << round;
        // This round's acknowledgements in full; earlier ones by count (all in full at the end).
        const qsizetype from = round == Kills - 1 ? 0 : before;
        ASSERT_TRUE(q.exec(u"SELECT COUNT(*) FROM hazards"_s) && q.next());
        ASSERT_GE(q.value(0).toLongLong(), acked.size()) << "round " << round;
        for (qsizetype i = from; i < acked.size(); ++i) {
            const auto& [id, sha] = acked.at(i);
            QSqlQuery h(db);
            h.prepare(u"SELECT (SELECT COUNT(*) FROM hazards WHERE id = ?), "
                      u"(SELECT COUNT(*) FROM outbox WHERE entity_id = ?)"_s);
            h.addBindValue(id);
            h.addBindValue(id);
            ASSERT_TRUE(h.exec() && h.next());
            ASSERT_EQ(h.value(0).toInt(), 1)
                << "acknowledged hazard " << id.toStdString() << " lost";
            ASSERT_EQ(h.value(1).toInt(), 1) << "outbox row of " << id.toStdString() << " lost";
            ASSERT_TRUE((*store)->blobs().get(sha).ok()) << "photo " << sha.toStdString();
        }
    }
    std::cout << acked.size() << " acknowledged mutations checked over " << Kills << " kills"
              << std::endl;
    EXPECT_GT(acked.size(), 0);
}
