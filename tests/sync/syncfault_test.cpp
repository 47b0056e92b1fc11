// Fault tolerance of sync: a real SyncEngine behind the FaultProxy in front of the real
// safeloop-server on 127.0.0.1. Connections are cut or reset after N bytes (N swept), delayed,
// blackholed, and the server is SIGKILLed mid-push and mid-upload; after each fault one clean
// cycle must leave device and server in agreement, nothing lost and nothing applied twice.
#include "sync/syncengine.h"
#include "tests/support/fileconnection.h"

#include "core/blobstore.h"
#include "core/creditcode.h"
#include "core/uuid.h"

#include "tests/support/faultproxy.h"
#include "tests/support/serverprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <functional>
#include <signal.h>
#include <sys/types.h>
#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace safeloop;
using test::FaultProxy;

namespace {

const QByteArray Password = "Anquan-2026-jiancha";
constexpr qint64 PhotoBytes = 5LL * 1024 * 1024;
constexpr qint64 Chunk = 1024 * 1024; ///< SyncEngine::Options::blobChunk
/// Headers, HEAD probes and the small push/pull exchanges around an upload.
constexpr qint64 Overhead = 64 * 1024;

/// Sweep points per target: SAFELOOP_FAULT_POINTS when set, else `fallback`.
int faultPoints(int fallback)
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("SAFELOOP_FAULT_POINTS", &ok);
    return ok && n > 0 ? n : fallback;
}

/// `points` cut positions spread over [1, span], each jittered inside its slot (seeded, so a
/// failure names a reproducible byte).
std::vector<std::size_t> sweep(std::size_t span, int points, quint32 seed)
{
    QRandomGenerator gen(seed);
    std::vector<std::size_t> cuts;
    for (int i = 0; i < points; ++i) {
        const double at = (i + gen.generateDouble()) * static_cast<double>(span) / points;
        cuts.push_back(std::max<std::size_t>(1, static_cast<std::size_t>(at)));
    }
    return cuts;
}

/// Waits up to `limit` for `done`.
bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = 3s)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > limit.count())
            return false;
        QThread::msleep(10);
    }
    return true;
}

QString enterpriseCode(int n)
{
    const QString first17 = u"9122010100000%1"_s.arg(n, 4, 10, QChar(u'0'));
    return first17 + *core::CreditCode::checkCharacter(first17);
}

QJsonObject hazardArgs(const QString& description, const QJsonArray& photos = {})
{
    return { { u"enterprise_id"_s, enterpriseCode(1) }, { u"description"_s, description },
        { u"place"_s, u"Press line 2"_s }, { u"level"_s, u"general"_s },
        { u"category"_s, u"machinery"_s }, { u"basis"_s, u"GB 27607"_s },
        { u"measure"_s, u"Restore the light curtain"_s }, { u"deadline"_s, u"2026-12-10"_s },
        { u"attachments"_s, photos } };
}

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    gen.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
    return bytes;
}

QStringList ids(QSqlDatabase db, const QString& table)
{
    QStringList list;
    QSqlQuery q(db);
    if (q.exec(u"SELECT id FROM %1 ORDER BY id"_s.arg(table)))
        while (q.next())
            list << q.value(0).toString();
    return list;
}

std::string failureText(const sync::CycleResult& r)
{
    return r.failure ? (r.failure->code + u": "_s + r.failure->message).toStdString()
                     : std::string();
}

class SyncFaultTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(test::runServerCommand({ u"init"_s, u"--data"_s, serverDir() }).exitCode, 0);
        addUser(u"li.inspector"_s, u"inspector"_s, { u"--badge"_s, u"22010007"_s });
        addUser(u"wang.inspector"_s, u"inspector"_s, { u"--badge"_s, u"22010008"_s });
        addUser(u"zhao.lead"_s, u"supervisor"_s, {});
        ASSERT_TRUE(m_server.start(serverDir())) << m_server.errorOutput().toStdString();
        m_proxy = std::make_unique<FaultProxy>(m_server.port());
        ASSERT_TRUE(m_proxy->start());
        // The supervisor's device talks to the server directly: the reference copy.
        m_lead = device(u"lead"_s, u"zhao.lead"_s, m_server.port());
        ASSERT_TRUE(m_lead);
        const QJsonObject enterprise { { u"name"_s, u"Greenfield Stamping 1"_s },
            { u"address"_s, u"1 Riverside Road"_s }, { u"street"_s, u"North"_s },
            { u"industry_code"_s, u"C33"_s }, { u"risk_grade"_s, u"orange"_s },
            { u"lat"_s, 31.201 }, { u"lon"_s, 121.401 } };
        ASSERT_TRUE(
            m_lead->store()
                .perform(m_lead->actor(), u"enterprise.upsert"_s, enterpriseCode(1), enterprise)
                .ok());
        syncOk(*m_lead);
        // The inspector's device goes through the fault proxy.
        m_li = device(u"li"_s, u"li.inspector"_s, m_proxy->port());
        ASSERT_TRUE(m_li);
        syncOk(*m_li);
    }

    void TearDown() override
    {
        m_li.reset();
        if (m_proxy)
            m_proxy->stop();
    }

    QString serverDir() const { return m_dir.filePath(u"server"_s); }

    void addUser(const QString& name, const QString& role, const QStringList& extra)
    {
        const auto r = test::runServerCommand(
            QStringList { u"user"_s, u"add"_s, u"--data"_s, serverDir(), u"--username"_s, name,
                u"--role"_s, role, u"--name"_s, name }
                + extra,
            Password + "\n");
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    }

    sync::SyncEngine::Options options(const QString& name, int port)
    {
        sync::SyncEngine::Options o;
        o.serverUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
        o.databasePath = m_dir.filePath(name + u".db"_s);
        o.blobRoot = m_dir.filePath(name + u"-blobs"_s);
        o.deviceId
            = u"0193a000-0000-7000-8000-%1"_s.arg(qHash(name) % 1000000000000, 12, 10, QChar(u'0'));
        o.deviceName = name;
        return o;
    }

    std::unique_ptr<sync::SyncEngine> device(const QString& name, const QString& user, int port,
        const std::function<void(sync::SyncEngine::Options&)>& tune = {})
    {
        auto o = options(name, port);
        if (tune)
            tune(o);
        auto engine = sync::SyncEngine::open(o);
        EXPECT_TRUE(engine.ok()) << engine.error().message.toStdString();
        if (!engine.ok())
            return {};
        if (!user.isEmpty()) {
            auto u = engine.value()->login(user, QString::fromUtf8(Password));
            EXPECT_TRUE(u.ok()) << u.error().message.toStdString();
        }
        return std::move(engine.value());
    }

    /// Re-opens the inspector's device (same database) with other options.
    void reopenInspector(const std::function<void(sync::SyncEngine::Options&)>& tune)
    {
        m_li.reset();
        m_li = device(u"li"_s, {}, m_proxy->port(), tune);
        ASSERT_TRUE(m_li && m_li->hasSession());
    }

    static void syncOk(sync::SyncEngine& e)
    {
        const auto r = e.runCycle();
        ASSERT_TRUE(r.ok) << failureText(r);
    }

    /// Restarts the server on its old port and data directory (the proxy and the supervisor's
    /// device keep pointing at it).
    void restartServer(int port)
    {
        ASSERT_TRUE(m_server.start(serverDir(), { u"--listen"_s, u"127.0.0.1:%1"_s.arg(port) }))
            << m_server.errorOutput().toStdString();
        ASSERT_EQ(m_server.port(), port);
    }

    /// Runs `sql` on the server's own SQLite file (read-only, beside the running server).
    QStringList serverColumn(const QString& sql)
    {
        const QString name = u"server-view-%1"_s.arg(++m_views);
        QStringList values;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(serverDir() + u"/safeloop.db"_s);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
            EXPECT_TRUE(db.open());
            QSqlQuery q(db);
            EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
            while (q.next())
                values << q.value(0).toString();
        }
        QSqlDatabase::removeDatabase(name);
        return values;
    }
    qint64 serverValue(const QString& sql)
    {
        const QStringList v = serverColumn(sql);
        return v.isEmpty() ? -1 : v.first().toLongLong();
    }
    QString inspectorId() { return options(u"li"_s, 0).deviceId; }
    /// The last mutation id the server committed for the inspector's device.
    qint64 serverLastMutation()
    {
        return std::max<qint64>(0,
            serverValue(u"SELECT last_mutation_id FROM push_clients WHERE client_id = '%1'"_s.arg(
                inspectorId())));
    }

    /// Bytes of blob `sha` the server holds: the complete file, else its partial upload.
    qint64 serverBlobBytes(const QString& sha)
    {
        const QFileInfo complete(serverDir() + u"/blobs/%1/%2"_s.arg(sha.left(2), sha));
        if (complete.isFile())
            return complete.size();
        const auto partial
            = QDir(serverDir() + u"/blobs/partial"_s).entryInfoList({ sha + u"-*"_s }, QDir::Files);
        return partial.isEmpty() ? 0 : partial.first().size();
    }
    /// The server's bytes of `sha` once no chunk is being written any more.
    qint64 settledServerBlobBytes(const QString& sha)
    {
        qint64 last = serverBlobBytes(sha);
        for (int i = 0; i < 100; ++i) {
            QThread::msleep(30);
            const qint64 now = serverBlobBytes(sha);
            if (now == last)
                return now;
            last = now;
        }
        return last;
    }
    /// SHA-256 of the complete blob as the server stores it (empty if it is not complete).
    QString serverBlobHash(const QString& sha)
    {
        QFile f(serverDir() + u"/blobs/%1/%2"_s.arg(sha.left(2), sha));
        return f.open(QIODevice::ReadOnly) ? core::BlobStore::sha256Hex(f.readAll()) : QString();
    }

    void perform(const QString& name, const QString& id, const QJsonObject& args)
    {
        auto r = m_li->store().perform(m_li->actor(), name, id, args);
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        ++m_mutations;
    }

    /// One push batch of the inspector: new hazards, an edit of each of two hazards of the
    /// previous batch (applied twice, an edit would leave a conflict behind), a comment.
    void inspectorBatch()
    {
        const int round = m_round++;
        for (int i = 0; i < 3; ++i) {
            m_hazards << core::uuidv7();
            perform(u"hazard.create"_s, m_hazards.last(),
                hazardArgs(u"Batch %1 hazard %2: guard rail missing beside the press line, oil "
                           u"on the walkway"_s.arg(round, 5, 10, QChar(u'0'))
                               .arg(i)));
        }
        if (m_hazards.size() >= 6) {
            for (int i = 4; i <= 5; ++i)
                perform(u"hazard.update"_s, m_hazards.at(m_hazards.size() - i),
                    { { u"description"_s,
                        u"Batch %1: edited after the walk-through"_s.arg(
                            round, 5, 10, QChar(u'0')) } });
        }
        perform(u"comment.add"_s, core::uuidv7(),
            { { u"record_id"_s, m_hazards.last() },
                { u"text"_s, u"Photographed from the north door"_s },
                { u"attachments"_s, QJsonArray {} } });
    }

    /// A new hazard of the inspector with a fresh 5 MB photo; returns the photo's id.
    QString hazardWithPhoto(quint32 seed)
    {
        auto sha = m_li->store().blobs().put(randomBytes(PhotoBytes, seed));
        EXPECT_TRUE(sha.ok());
        m_hazards << core::uuidv7();
        perform(u"hazard.create"_s, m_hazards.last(),
            hazardArgs(u"Cracked weld on the crane hook"_s, QJsonArray { *sha }));
        return *sha;
    }

    /// After a clean cycle: nothing pending, every mutation stored exactly once on the server
    /// (one stored result each, no conflict — an edit applied twice would leave one), and the
    /// device, the server and the supervisor's device agree on every record, field and version.
    void expectConverged(const std::string& where)
    {
        SCOPED_TRACE(where);
        EXPECT_EQ(m_li->pendingMutations(), 0);
        EXPECT_EQ(m_li->pendingBlobs(), 0);
        EXPECT_EQ(serverLastMutation(), m_mutations);
        EXPECT_EQ(serverValue(
                      u"SELECT COUNT(*) FROM push_results r JOIN push_clients c ON "
                      u"c.client_key = r.client_key WHERE c.client_id = '%1'"_s.arg(inspectorId())),
            m_mutations);
        EXPECT_EQ(serverValue(u"SELECT COUNT(*) FROM conflicts"_s), 0);
        syncOk(*m_lead);
        for (const auto& [entity, table] : { std::pair { u"hazard"_s, u"hazards"_s },
                 std::pair { u"comment"_s, u"comments"_s } }) {
            const QStringList onServer
                = serverColumn(u"SELECT id FROM %1 ORDER BY id"_s.arg(table));
            EXPECT_EQ(ids(test::FileConnection(m_li->options().databasePath).db(), table), onServer)
                << table.toStdString();
            EXPECT_EQ(
                ids(test::FileConnection(m_lead->options().databasePath).db(), table), onServer)
                << table.toStdString();
            for (const auto& id : onServer) {
                auto mine = m_li->store().record(entity, id);
                auto reference = m_lead->store().record(entity, id);
                ASSERT_TRUE(
                    mine.ok() && mine->has_value() && reference.ok() && reference->has_value())
                    << id.toStdString();
                EXPECT_EQ((*mine)->fields, (*reference)->fields) << id.toStdString();
                EXPECT_EQ((*mine)->versions, (*reference)->versions) << id.toStdString();
            }
        }
        EXPECT_EQ(serverValue(u"SELECT COUNT(*) FROM hazards"_s), m_hazards.size());
    }

    QTemporaryDir m_dir;
    test::ServerProcess m_server;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<sync::SyncEngine> m_lead;
    std::unique_ptr<sync::SyncEngine> m_li;
    QStringList m_hazards; ///< created by the inspector
    qint64 m_mutations = 0; ///< performed by the inspector
    int m_round = 0;
    std::atomic<int> m_views { 0 };
};

} // namespace

TEST_F(SyncFaultTest, APushCutAfterAnyByteLosesNoMutationAndAppliesNoneTwice)
{
    // Calibrate: the bytes one cycle (push of a batch, pull of its echo) moves.
    inspectorBatch();
    syncOk(*m_li);
    inspectorBatch();
    std::size_t before = m_proxy->bytesForwarded();
    syncOk(*m_li);
    const std::size_t span = m_proxy->bytesForwarded() - before;
    expectConverged("calibration");

    auto cutCycle = [&](std::size_t cut, FaultProxy::Mode mode = FaultProxy::Mode::CutAfterBytes) {
        inspectorBatch();
        m_proxy->setMode(mode, cut);
        const auto broken = m_li->runCycle();
        m_proxy->setMode(FaultProxy::Mode::Pass);
        if (!broken.ok) {
            EXPECT_EQ(broken.failure->kind, sync::ApiFailure::Kind::Network)
                << cut << " " << failureText(broken);
        }
        return broken;
    };

    const int points = faultPoints(12);
    int cutInPush = 0;
    for (const std::size_t cut : sweep(span, points, 0x5afe01)) {
        cutCycle(cut);
        if (m_li->pendingMutations() > 0)
            ++cutInPush;
        syncOk(*m_li);
        expectConverged("cut after " + std::to_string(cut) + " of " + std::to_string(span));
        if (HasFailure())
            return;
    }
    EXPECT_GE(cutInPush, points / 4) << "the sweep must hit the push exchange itself";

    // Bisect the first cut that lets the acknowledgement through; cutting just before it leaves
    // the server with the batch committed while the device never heard: the dangerous case.
    std::size_t lo = 1;
    std::size_t hi = span;
    while (hi - lo > 1) {
        const std::size_t mid = lo + (hi - lo) / 2;
        cutCycle(mid);
        (m_li->pendingMutations() == 0 ? hi : lo) = mid;
        syncOk(*m_li);
        expectConverged("bisect at " + std::to_string(mid));
        if (HasFailure())
            return;
    }
    int committedUnheard = 0;
    for (const std::size_t back : { 1UL, 2UL, 16UL, 64UL, 128UL }) {
        const std::size_t cut = hi > back ? hi - back : 1;
        cutCycle(cut);
        // The server answers only after its commit; let it finish the one it is doing.
        const bool committed = waitFor([&] { return serverLastMutation() == m_mutations; }, 1s);
        if (committed && m_li->pendingMutations() > 0)
            ++committedUnheard;
        syncOk(*m_li);
        expectConverged("cut " + std::to_string(back) + " bytes before the acknowledgement");
    }
    EXPECT_GE(committedUnheard, 3) << "the replay of a committed batch must have been exercised";
}

TEST_F(SyncFaultTest, APullCutAfterAnyByteNeitherLosesNorRepeatsAPage)
{
    // Small pages, so one cycle applies several pages and a cut can fall between two.
    reopenInspector([](sync::SyncEngine::Options& o) { o.pullLimit = 4; });
    auto wang = device(u"wang"_s, u"wang.inspector"_s, m_server.port());
    ASSERT_TRUE(wang);
    int round = 0;
    auto othersWork = [&] {
        ++round;
        for (int i = 0; i < 8; ++i) {
            const QString hazard = core::uuidv7();
            ASSERT_TRUE(wang->store()
                            .perform(wang->actor(), u"hazard.create"_s, hazard,
                                hazardArgs(u"Round %1 item %2: extinguisher missing at the "
                                           u"loading bay, pressure gauge in the red"_s.arg(round)
                                               .arg(i)))
                            .ok());
            m_hazards << hazard;
            if (i % 2 == 1)
                continue;
            ASSERT_TRUE(wang->store()
                            .perform(wang->actor(), u"comment.add"_s, core::uuidv7(),
                                { { u"record_id"_s, hazard },
                                    { u"text"_s, u"Seen again on the second walk"_s } })
                            .ok());
        }
        syncOk(*wang);
    };

    othersWork();
    std::size_t before = m_proxy->bytesForwarded();
    const auto calibration = m_li->runCycle();
    ASSERT_TRUE(calibration.ok) << failureText(calibration);
    const std::size_t span = m_proxy->bytesForwarded() - before;
    const int changesPerRound = calibration.pulled;
    ASSERT_GT(changesPerRound, 8);
    expectConverged("calibration");

    for (const std::size_t cut : sweep(span, faultPoints(12), 0x9a11)) {
        othersWork();
        const QString cursorBefore = m_li->cursor();
        m_proxy->setMode(FaultProxy::Mode::CutAfterBytes, cut);
        const auto broken = m_li->runCycle();
        m_proxy->setMode(FaultProxy::Mode::Pass);
        const std::string where
            = "cut after " + std::to_string(cut) + " of " + std::to_string(span);
        if (!broken.ok) {
            EXPECT_EQ(broken.failure->kind, sync::ApiFailure::Kind::Network) << where;
        }
        // A cut page is never half-applied and never resets the cursor.
        EXPECT_FALSE(m_li->cursor().isEmpty()) << where;
        if (broken.pulled == 0) {
            EXPECT_EQ(m_li->cursor(), cursorBefore) << where;
        }
        const auto clean = m_li->runCycle();
        ASSERT_TRUE(clean.ok) << where << " " << failureText(clean);
        // Every change of the round arrives exactly once over the two cycles.
        EXPECT_EQ(broken.pulled + clean.pulled, changesPerRound) << where;
        expectConverged(where);
        if (HasFailure())
            return;
    }
}

TEST_F(SyncFaultTest, APhotoUploadCutAfterAnyByteResumesFromTheServersOffset)
{
    // Calibrate: one clean cycle sends the photo exactly once (plus small exchanges).
    hazardWithPhoto(1);
    std::size_t before = m_proxy->bytesForwarded();
    syncOk(*m_li);
    const auto span = static_cast<qint64>(m_proxy->bytesForwarded() - before);
    EXPECT_GE(span, PhotoBytes);
    EXPECT_LE(span, PhotoBytes + Overhead);
    expectConverged("calibration");

    const int points = faultPoints(4);
    int resumedMidway = 0;
    quint32 seed = 100;
    for (const std::size_t cut : sweep(static_cast<std::size_t>(span), points, 0xf070)) {
        const std::string where
            = "cut after " + std::to_string(cut) + " of " + std::to_string(span);
        const QString sha = hazardWithPhoto(++seed);
        m_proxy->setMode(FaultProxy::Mode::CutAfterBytes, cut);
        const auto broken = m_li->runCycle();
        m_proxy->setMode(FaultProxy::Mode::Pass);
        if (!broken.ok) {
            EXPECT_EQ(broken.failure->kind, sync::ApiFailure::Kind::Network) << where;
        }
        // The server keeps every whole chunk it received: at most one chunk is lost to the cut.
        const qint64 held = settledServerBlobBytes(sha);
        const auto passed = static_cast<qint64>(cut);
        EXPECT_GE(held, std::min(PhotoBytes, passed - Chunk - Overhead)) << where;
        if (held > 0 && held < PhotoBytes)
            ++resumedMidway;

        before = m_proxy->bytesForwarded();
        syncOk(*m_li);
        const auto resent = static_cast<qint64>(m_proxy->bytesForwarded() - before);
        // Only what the server lacked crosses the network again, never the whole photo.
        EXPECT_GE(resent, PhotoBytes - held) << where;
        EXPECT_LE(resent, PhotoBytes - held + Overhead) << where;
        EXPECT_EQ(serverBlobHash(sha), sha) << where;
        EXPECT_EQ(m_li->attachmentState(sha), sync::AttachmentSyncState::Confirmed) << where;
        expectConverged(where);
        if (HasFailure())
            return;
    }
    EXPECT_GE(resumedMidway, points / 2) << "most cuts must land inside the upload";
}

TEST_F(SyncFaultTest, AConnectionResetMidPushOrMidUploadIsRepairedByTheNextCycle)
{
    // A push reset just after its request went out (the server commits, the device never hears)
    // and a photo reset mid-chunk.
    for (const std::size_t reset : { 300UL, 2400UL }) {
        inspectorBatch();
        m_proxy->setMode(FaultProxy::Mode::ResetAfterBytes, reset);
        const auto broken = m_li->runCycle();
        m_proxy->setMode(FaultProxy::Mode::Pass);
        ASSERT_FALSE(broken.ok) << reset;
        EXPECT_EQ(broken.failure->kind, sync::ApiFailure::Kind::Network);
        syncOk(*m_li);
        expectConverged("push reset after " + std::to_string(reset));
    }
    quint32 seed = 500;
    for (const qint64 reset : { 2 * Chunk + 4096, PhotoBytes - 4096 }) {
        const QString sha = hazardWithPhoto(++seed);
        m_proxy->setMode(FaultProxy::Mode::ResetAfterBytes, static_cast<std::size_t>(reset));
        const auto broken = m_li->runCycle();
        m_proxy->setMode(FaultProxy::Mode::Pass);
        ASSERT_FALSE(broken.ok) << reset;
        EXPECT_EQ(broken.failure->kind, sync::ApiFailure::Kind::Network);
        const qint64 held = settledServerBlobBytes(sha);
        EXPECT_GE(held, reset - Chunk - Overhead);
        EXPECT_LT(held, PhotoBytes);
        const std::size_t before = m_proxy->bytesForwarded();
        syncOk(*m_li);
        const auto resent = static_cast<qint64>(m_proxy->bytesForwarded() - before);
        EXPECT_LE(resent, PhotoBytes - held + Overhead) << reset;
        EXPECT_EQ(serverBlobHash(sha), sha);
        expectConverged("photo reset after " + std::to_string(reset));
    }
}

TEST_F(SyncFaultTest, TwoSecondsOfLatencySlowACycleButItCompletesWithinItsTimeouts)
{
    // A tighter idle timeout than the default still tolerates a slow but answering network.
    reopenInspector([](sync::SyncEngine::Options& o) { o.idleTimeout = 10s; });
    inspectorBatch();
    inspectorBatch();
    m_proxy->setMode(FaultProxy::Mode::Latency, 0, 2s);
    QElapsedTimer timer;
    timer.start();
    const auto r = m_li->runCycle();
    const qint64 elapsed = timer.elapsed();
    m_proxy->setMode(FaultProxy::Mode::Pass);
    ASSERT_TRUE(r.ok) << failureText(r);
    EXPECT_GE(elapsed, 4000) << "a request and its answer were each held 2 s";
    EXPECT_EQ(r.pushed, m_mutations);
    expectConverged("latency");
}

TEST_F(SyncFaultTest, ABlackholedNetworkFailsTheCycleInPlainWordsAndLosesNothing)
{
    reopenInspector([](sync::SyncEngine::Options& o) { o.idleTimeout = 1s; });
    inspectorBatch();
    const int pending = m_li->pendingMutations();
    m_proxy->setMode(FaultProxy::Mode::Blackhole);
    QElapsedTimer timer;
    timer.start();
    const auto r = m_li->runCycle();
    const qint64 elapsed = timer.elapsed();
    m_proxy->setMode(FaultProxy::Mode::Pass);
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.failure->kind, sync::ApiFailure::Kind::Network);
    EXPECT_TRUE(r.failure->message.contains(u"server"_s)) << r.failure->message.toStdString();
    EXPECT_LT(elapsed, 10000) << "a silent network must not hang the cycle";
    EXPECT_EQ(m_li->pendingMutations(), pending);
    syncOk(*m_li);
    expectConverged("after the blackhole");
}

TEST_F(SyncFaultTest, ARefreshAnswerCutAfterTheServerRotatedKeepsTheDeviceSignedIn)
{
    // The device's access token has run out, so the next cycle starts with a refresh.
    auto expire = [this] {
        sync::Session s = m_li->api().session();
        s.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        m_li->api().setSession(s);
    };
    const QString login
        = serverColumn(u"SELECT id FROM device_logins WHERE device_id = '%1'"_s.arg(inspectorId()))
              .value(0);
    ASSERT_FALSE(login.isEmpty());
    auto spentRefreshTokens = [&] {
        return serverValue(u"SELECT COUNT(*) FROM auth_tokens WHERE device_login_id = '%1' AND "
                           u"kind = 'refresh' AND spent_at IS NOT NULL"_s.arg(login));
    };
    // Bytes of one refresh exchange through the proxy: /me with an expired token (refresh,
    // then /me) minus /me alone.
    auto bytesOf = [this](const std::function<void()>& call) {
        const std::size_t before = m_proxy->bytesForwarded();
        call();
        return m_proxy->bytesForwarded() - before;
    };
    auto me = [this] {
        const auto reply = m_li->api().call("GET", u"/api/v1/me"_s);
        ASSERT_TRUE(std::holds_alternative<sync::ApiReply>(reply));
    };
    const std::size_t plain = bytesOf(me);
    expire();
    const std::size_t withRefresh = bytesOf(me);
    ASSERT_GT(withRefresh, plain + 200);
    const std::size_t exchange = withRefresh - plain;

    // Cuts a little before the exchange's end: inside the answer, after the server rotated.
    // (Header lengths vary by a byte or two — keep-alive counters — so a cut that happens to
    // let the whole answer through is counted apart; tokens are compared, never printed.)
    int lostAnswers = 0;
    for (const std::size_t shortBy :
        { std::size_t { 1 }, std::size_t { 40 }, std::size_t { 120 }, std::size_t { 200 } }) {
        SCOPED_TRACE("answer cut " + std::to_string(shortBy) + " bytes before its end");
        inspectorBatch();
        const int pending = m_li->pendingMutations();
        const QString heldToken = m_li->api().session().refreshToken;
        const qint64 spentBefore = spentRefreshTokens();
        expire();
        m_proxy->setMode(FaultProxy::Mode::CutAfterBytes, exchange - shortBy);
        const auto cut = m_li->runCycle();
        m_proxy->setMode(FaultProxy::Mode::Pass);
        const bool rotated = spentRefreshTokens() == spentBefore + 1;
        const bool stillHeld = m_li->api().session().refreshToken == heldToken;
        if (!cut.ok && rotated && stillHeld) {
            // The scenario: the server spent the token, the device never saw the new pair.
            ++lostAnswers;
            EXPECT_EQ(cut.failure->kind, sync::ApiFailure::Kind::Network) << failureText(cut);
            EXPECT_EQ(m_li->pendingMutations(), pending);
        }
        if (!cut.ok)
            syncOk(*m_li); // the retry of the spent token falls into the grace window
        EXPECT_TRUE(m_li->hasSession());
        EXPECT_TRUE(m_li->api().session().refreshToken != heldToken);
        EXPECT_EQ(serverValue(u"SELECT COUNT(*) FROM device_logins WHERE id = '%1' AND "
                              u"revoked_at IS NOT NULL"_s.arg(login)),
            0)
            << "no theft signal, the device stays signed in";
        expectConverged("after the cut refresh answer");
    }
    EXPECT_GE(lostAnswers, 3) << "the cuts must hit the refresh answer";
}

TEST_F(SyncFaultTest, ACancelledCycleStopsAtOnceAndLeavesTheOutboxIntact)
{
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    reopenInspector([&](sync::SyncEngine::Options& o) { o.cancel = cancel; }); // 30 s idle
    inspectorBatch();
    const int pending = m_li->pendingMutations();
    ASSERT_GT(pending, 0);
    m_proxy->setMode(FaultProxy::Mode::Blackhole);
    std::thread stopper([&] {
        std::this_thread::sleep_for(500ms); // the push is waiting for the silent network
        cancel->store(true); // what SyncController does at logout, from the UI thread
    });
    QElapsedTimer timer;
    timer.start();
    const auto r = m_li->runCycle();
    const qint64 elapsed = timer.elapsed();
    stopper.join();
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.failure->kind, sync::ApiFailure::Kind::Network) << failureText(r);
    EXPECT_GE(elapsed, 450);
    EXPECT_LT(elapsed, 3000) << "cancelling must not wait for the 30 s idle timeout";
    EXPECT_EQ(m_li->pendingMutations(), pending) << "the outbox is intact";
    EXPECT_TRUE(m_li->hasSession()) << "a cancelled cycle is no reason to sign out";

    // Once cancelled, no request leaves the device any more.
    const int connections = m_proxy->connections();
    m_proxy->setMode(FaultProxy::Mode::Pass);
    timer.restart();
    EXPECT_FALSE(m_li->runCycle().ok);
    EXPECT_LT(timer.elapsed(), 1000);
    EXPECT_EQ(m_proxy->connections(), connections);

    reopenInspector({});
    syncOk(*m_li);
    expectConverged("after the cancelled cycle");
}

/// SIGKILLs `pid` from a helper thread as soon as `when` holds (polled every 2 ms).
class Killer {
public:
    Killer(pid_t pid, std::function<bool()> when)
        : m_thread([this, pid, when = std::move(when)] {
            while (!m_stop) {
                if (when()) {
                    ::kill(pid, SIGKILL);
                    m_killed = true;
                    return;
                }
                std::this_thread::sleep_for(2ms);
            }
        })
    {
    }
    ~Killer() { join(); }
    bool join()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        return m_killed;
    }

private:
    std::atomic<bool> m_stop { false };
    std::atomic<bool> m_killed { false };
    std::thread m_thread;
};

TEST_F(SyncFaultTest, AServerKilledMidPushAppliesEveryMutationExactlyOnceAfterRestart)
{
    const int port = m_server.port();
    // Every chunk is held 150 ms in the proxy, so the batch is still on its way when the first
    // kill lands, and the answer is still on its way back when the second one does.
    enum class When { BeforeTheBatchArrives, RightAfterTheCommit };
    for (const When when : { When::BeforeTheBatchArrives, When::RightAfterTheCommit,
             When::BeforeTheBatchArrives, When::RightAfterTheCommit }) {
        const bool early = when == When::BeforeTheBatchArrives;
        const std::string where = early ? "killed before the batch arrived" : "killed after commit";
        for (int i = 0; i < 6; ++i)
            inspectorBatch();
        const qint64 batchEnd = m_mutations;
        m_proxy->setMode(FaultProxy::Mode::Latency, 0, 150ms);
        const auto pid = static_cast<pid_t>(m_server.pid());
        ASSERT_GT(pid, 0);
        Killer killer(
            pid, [&, early, batchEnd] { return early || serverLastMutation() >= batchEnd; });
        const auto broken = m_li->runCycle();
        const bool killed = killer.join();
        m_server.kill(); // reaps the killed process
        m_proxy->setMode(FaultProxy::Mode::Pass);
        ASSERT_TRUE(killed) << where;
        EXPECT_FALSE(broken.ok) << where;
        restartServer(port);
        if (HasFatalFailure())
            return;
        // Acknowledged data is never lost: what the device dropped from its outbox survived.
        const qint64 durable = serverLastMutation();
        EXPECT_GE(durable, m_mutations - m_li->pendingMutations()) << where;
        if (early) {
            EXPECT_GT(m_li->pendingMutations(), 0) << where;
        } else {
            EXPECT_EQ(durable, batchEnd) << "a committed batch survives the crash";
        }
        syncOk(*m_li);
        expectConverged(where);
        if (HasFailure())
            return;
    }
}

TEST_F(SyncFaultTest, AServerKilledMidUploadResumesThePhotoFromItsStoredOffset)
{
    const int port = m_server.port();
    quint32 seed = 900;
    // The photo trickles through the proxy (16 KiB per 2 ms); the server dies once it holds
    // at least the given number of bytes.
    for (const qint64 killAt : { Chunk, 3 * Chunk }) {
        const std::string where = "killed holding " + std::to_string(killAt) + " bytes";
        const QString sha = hazardWithPhoto(++seed);
        m_proxy->setMode(FaultProxy::Mode::Latency, 0, 2ms);
        const auto pid = static_cast<pid_t>(m_server.pid());
        ASSERT_GT(pid, 0);
        Killer killer(pid, [&, killAt] { return serverBlobBytes(sha) >= killAt; });
        const auto broken = m_li->runCycle();
        const bool killed = killer.join();
        m_server.kill();
        m_proxy->setMode(FaultProxy::Mode::Pass);
        ASSERT_TRUE(killed) << where;
        EXPECT_FALSE(broken.ok) << where;
        restartServer(port);
        if (HasFatalFailure())
            return;
        // Chunks are fsynced before the server acknowledges them, so the partial upload
        // survives the crash and the photo continues from there.
        const qint64 held = serverBlobBytes(sha);
        EXPECT_GE(held, killAt) << where;
        EXPECT_LT(held, PhotoBytes) << where;
        const std::size_t before = m_proxy->bytesForwarded();
        syncOk(*m_li);
        const auto resent = static_cast<qint64>(m_proxy->bytesForwarded() - before);
        EXPECT_GE(resent, PhotoBytes - held) << where;
        EXPECT_LE(resent, PhotoBytes - held + Overhead) << where;
        EXPECT_EQ(serverBlobHash(sha), sha) << where;
        expectConverged(where);
        if (HasFailure())
            return;
    }
}

TEST_F(SyncFaultTest, AServerKilledBetweenTheLastChunkAndTheHashCheckFinishesTheUploadOnRestart)
{
    const int port = m_server.port();
    addUser(u"ent.one"_s, u"enterprise"_s, { u"--enterprise"_s, enterpriseCode(1) });
    const QString hazard = core::uuidv7();
    perform(u"hazard.create"_s, hazard, hazardArgs(u"Guard rail missing at the press"_s));
    syncOk(*m_li);
    auto ent = device(u"ent"_s, u"ent.one"_s, port);
    ASSERT_TRUE(ent);
    syncOk(*ent);
    // The enterprise submits its rectification with a photo as evidence.
    auto sha = ent->store().blobs().put(randomBytes(PhotoBytes, 4242));
    ASSERT_TRUE(sha.ok());
    ASSERT_TRUE(ent->store()
                    .perform(ent->actor(), u"rectification.submit"_s, core::uuidv7(),
                        { { u"hazard_id"_s, hazard }, { u"note"_s, u"Rail welded back"_s },
                            { u"attachments"_s, QJsonArray { *sha } } })
                    .ok());

    // The server kills itself after the photo's last byte is on disk, before the hash check.
    ASSERT_EQ(m_server.stop(), 0);
    qputenv("SAFELOOP_CRASH_AT", "blob_before_hash");
    restartServer(port);
    qunsetenv("SAFELOOP_CRASH_AT");
    if (HasFatalFailure())
        return;
    const auto broken = ent->runCycle();
    m_server.kill(); // reaps the killed process
    ASSERT_FALSE(broken.ok);
    EXPECT_EQ(broken.failure->kind, sync::ApiFailure::Kind::Network) << failureText(broken);
    EXPECT_EQ(serverBlobBytes(*sha), PhotoBytes) << "every byte reached the disk";
    EXPECT_TRUE(serverBlobHash(*sha).isEmpty()) << "the hash was never checked";

    // Start-up checks the whole partial: the photo is complete before anyone asks.
    restartServer(port);
    if (HasFatalFailure())
        return;
    EXPECT_EQ(serverBlobHash(*sha), *sha);
    syncOk(*ent);
    EXPECT_EQ(ent->pendingBlobs(), 0);
    EXPECT_EQ(ent->pendingMutations(), 0);

    // The inspector's verification is not refused with evidence_pending.
    syncOk(*m_li);
    perform(u"rectification.verify"_s, core::uuidv7(),
        { { u"hazard_id"_s, hazard }, { u"note"_s, u"Checked on site"_s } });
    syncOk(*m_li);
    EXPECT_TRUE(m_li->rejectedMutations().isEmpty())
        << m_li->rejectedMutations().first().code.toStdString();
    const QStringList doc = serverColumn(u"SELECT doc FROM hazards WHERE id = '%1'"_s.arg(hazard));
    ASSERT_EQ(doc.size(), 1);
    EXPECT_EQ(QJsonDocument::fromJson(doc.first().toUtf8()).object()[u"status"_s].toString(),
        u"verified"_s);
}
