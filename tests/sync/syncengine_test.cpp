// SyncEngine and SyncController against the real safeloop-server on 127.0.0.1.
#include "sync/devicehealth.h"
#include "sync/synccontroller.h"
#include "sync/syncengine.h"
#include "tests/support/fileconnection.h"
#include "tests/support/localstoretestaccess.h"

#include "core/creditcode.h"
#include "core/uuid.h"

#include "tests/support/faultproxy.h"
#include "tests/support/serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

const QByteArray Password = "Anquan-2026-jiancha";

QString enterpriseCode(int n)
{
    const QString first17 = u"9122010100000%1"_s.arg(n, 4, 10, QChar(u'0'));
    return first17 + *core::CreditCode::checkCharacter(first17);
}

QJsonObject enterpriseArgs(int n)
{
    return { { u"name"_s, u"Greenfield Stamping %1"_s.arg(n) },
        { u"address"_s, u"%1 Riverside Road"_s.arg(n) }, { u"street"_s, u"North"_s },
        { u"industry_code"_s, u"C33"_s }, { u"risk_grade"_s, u"orange"_s },
        { u"lat"_s, 31.2 + n * 0.001 }, { u"lon"_s, 121.4 + n * 0.001 } };
}

QJsonObject hazardArgs(int enterprise, const QString& description, const QJsonArray& photos = {})
{
    return { { u"enterprise_id"_s, enterpriseCode(enterprise) }, { u"description"_s, description },
        { u"place"_s, u"Press line 2"_s }, { u"level"_s, u"general"_s },
        { u"category"_s, u"machinery"_s }, { u"basis"_s, u"GB 27607"_s },
        { u"measure"_s, u"Restore the light curtain"_s }, { u"deadline"_s, u"2026-12-10"_s },
        { u"attachments"_s, photos } };
}

/// Asks the engine's own connection (total_changes() and PRAGMA synchronous are per connection).
int count(sync::SyncEngine& engine, const QString& sql)
{
    QSqlQuery q(core::LocalStoreTestAccess::connection(engine.store()));
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

/// A front for the real server that passes every request through but answers pulls with a
/// page the device's JSON parser refuses (nested past Qt's 1,024 levels, what a server without
/// a depth limit once sent supervisors), counting the pulls it answered.
class UnreadablePullFront {
public:
    /// `page`: the pull answer to give instead (default: the unreadable one).
    explicit UnreadablePullFront(int serverPort, std::string page = {})
        : m_serverPort(serverPort)
    {
        if (page.empty()) {
            const std::string deep = std::string(1100, '[') + std::string(1100, ']');
            page = R"({"changes":[{"entity":"device","id":"x","op":"put","fields":{"v":)" + deep
                + R"(}}],"cursor":"c2wxOjk5","has_more":false,"resets":[]})";
        }
        const auto forward = [this](const httplib::Request& req, httplib::Response& res) {
            httplib::Client upstream("127.0.0.1", m_serverPort);
            httplib::Headers headers;
            if (req.has_header("Authorization"))
                headers.emplace("Authorization", req.get_header_value("Authorization"));
            const std::string& target = req.target; // path and query as sent
            const auto r = req.method == "POST"
                ? upstream.Post(target, headers, req.body, req.get_header_value("Content-Type"))
                : req.method == "PUT"
                ? upstream.Put(target, headers, req.body, req.get_header_value("Content-Type"))
                : upstream.Get(target, headers);
            if (!r) {
                res.status = 502;
                return;
            }
            res.status = r->status;
            res.set_content(r->body, r->get_header_value("Content-Type"));
        };
        m_http.Get(
            "/api/v1/sync/pull", [this, page](const httplib::Request&, httplib::Response& res) {
                ++m_pulls;
                res.set_content(page, "application/json");
            });
        m_http.Get(R"(/api/v1/.*)", forward);
        m_http.Post(R"(/api/v1/.*)", forward);
        m_http.Put(R"(/api/v1/.*)", forward);
        m_port = m_http.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_http.listen_after_bind(); });
        for (int i = 0; i < 500 && !m_http.is_running(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ~UnreadablePullFront()
    {
        m_http.stop();
        m_thread.join();
    }
    int port() const { return m_port; }
    int pulls() const { return m_pulls.load(); }

private:
    int m_serverPort;
    int m_port = 0;
    std::atomic<int> m_pulls { 0 };
    httplib::Server m_http;
    std::thread m_thread;
};

class SyncEngineTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(test::runServerCommand({ u"init"_s, u"--data"_s, m_dir.filePath(u"server"_s) })
                      .exitCode,
            0);
        addUser(u"li.inspector"_s, u"inspector"_s, { u"--badge"_s, u"22010007"_s });
        addUser(u"wang.inspector"_s, u"inspector"_s, { u"--badge"_s, u"22010008"_s });
        addUser(u"zhao.lead"_s, u"supervisor"_s, {});
        ASSERT_TRUE(m_server.start(m_dir.filePath(u"server"_s)))
            << m_server.errorOutput().toStdString();
    }

    void addUser(const QString& name, const QString& role, const QStringList& extra)
    {
        const auto r = test::runServerCommand(
            QStringList { u"user"_s, u"add"_s, u"--data"_s, m_dir.filePath(u"server"_s),
                u"--username"_s, name, u"--role"_s, role, u"--name"_s, name }
                + extra,
            Password + "\n");
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    }

    sync::SyncEngine::Options options(const QString& device, int port = 0)
    {
        sync::SyncEngine::Options o;
        o.serverUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port ? port : m_server.port()));
        o.databasePath = m_dir.filePath(device + u".db"_s);
        o.blobRoot = m_dir.filePath(device + u"-blobs"_s);
        o.deviceId = u"0193a000-0000-7000-8000-%1"_s.arg(
            qHash(device) % 1000000000000, 12, 10, QChar(u'0'));
        o.deviceName = device;
        return o;
    }

    std::unique_ptr<sync::SyncEngine> device(
        const QString& name, const QString& user = {}, int port = 0)
    {
        auto engine = sync::SyncEngine::open(options(name, port));
        EXPECT_TRUE(engine.ok()) << engine.error().message.toStdString();
        if (!engine.ok())
            return {};
        if (!user.isEmpty()) {
            auto u = engine.value()->login(user, QString::fromUtf8(Password));
            EXPECT_TRUE(u.ok()) << u.error().message.toStdString();
        }
        return std::move(engine.value());
    }

    static void syncOk(sync::SyncEngine& e)
    {
        const auto r = e.runCycle();
        ASSERT_TRUE(r.ok) << (r.failure
                ? (r.failure->code + u": "_s + r.failure->message).toStdString()
                : std::string());
    }

    /// The supervisor registers enterprise `n` on the server through a push.
    void registerEnterprise(sync::SyncEngine& supervisor, int n)
    {
        auto r = supervisor.store().perform(
            supervisor.actor(), u"enterprise.upsert"_s, enterpriseCode(n), enterpriseArgs(n));
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        syncOk(supervisor);
    }

    QTemporaryDir m_dir;
    test::ServerProcess m_server;
};

} // namespace

TEST_F(SyncEngineTest, WithoutLoginACycleAsksForLoginAndTheLoginSurvivesARestart)
{
    {
        auto e = device(u"tablet"_s);
        const auto r = e->runCycle();
        ASSERT_FALSE(r.ok);
        EXPECT_EQ(r.failure->kind, sync::ApiFailure::Kind::NeedsLogin);
        EXPECT_EQ(r.roundTrips, 0);
        ASSERT_TRUE(e->login(u"li.inspector"_s, QString::fromUtf8(Password)).ok());
    }
    auto again = device(u"tablet"_s);
    ASSERT_TRUE(again->hasSession());
    EXPECT_EQ(again->user().role, u"inspector"_s);
    EXPECT_EQ(again->actor().role, core::Role::Inspector);
}

TEST_F(SyncEngineTest, AHazardCreatedOfflineReachesTheSupervisorAndTheOutboxEmpties)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    auto li = device(u"li"_s, u"li.inspector"_s);
    syncOk(*li);
    EXPECT_EQ(count(*li, u"SELECT COUNT(*) FROM enterprises"_s), 1);

    const QString hazard = core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, hazard,
                        hazardArgs(1, u"Light curtain bypassed"_s))
                    .ok());
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Pending);
    EXPECT_EQ(li->pendingMutations(), 1);
    syncOk(*li);
    EXPECT_EQ(li->pendingMutations(), 0);
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Synced);

    syncOk(*lead);
    auto loaded = lead->store().record(u"hazard"_s, hazard);
    ASSERT_TRUE(loaded.ok() && loaded->has_value());
    EXPECT_EQ((*loaded)->fields.value(u"description"_s).toString(), u"Light curtain bypassed"_s);
    EXPECT_EQ((*loaded)->fields.value(u"status"_s).toString(), u"open"_s);
    EXPECT_FALSE(lead->cursor().isEmpty());
}

TEST_F(SyncEngineTest, ANoOpCycleIsOneSmallRoundTrip)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    syncOk(*lead);
    QElapsedTimer timer;
    timer.start();
    const auto r = lead->runCycle();
    const qint64 ms = timer.elapsed();
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.roundTrips, 1);
    EXPECT_LE(r.bytesSent + r.bytesReceived, 1024);
    EXPECT_EQ(r.pushed, 0);
    EXPECT_LT(ms, 500);
}

TEST_F(SyncEngineTest, ANoOpCycleWritesOnlyItsLastSuccessStampAndKeepsCommitsDurable)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    syncOk(*lead);
    const QString cursor = lead->cursor();
    const QDateTime before = lead->lastSuccess();
    // Rows this connection changed so far: the no-op cycle may add only its stamp.
    const int changes = count(*lead, u"SELECT total_changes()"_s);
    ASSERT_GE(changes, 0);
    syncOk(*lead);
    EXPECT_EQ(count(*lead, u"SELECT total_changes()"_s), changes + 1);
    EXPECT_EQ(lead->cursor(), cursor);
    EXPECT_GE(lead->lastSuccess(), before);
    EXPECT_EQ(count(*lead, u"PRAGMA synchronous"_s), 2); // FULL again for real commits
}

TEST_F(SyncEngineTest, AFirstSyncPullsTheLargestPagesAndLaterCyclesTheConfiguredOnes)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    for (int n = 1; n <= 3; ++n)
        registerEnterprise(*lead, n);
    auto o = options(u"li"_s);
    o.pullLimit = 1;
    auto opened = sync::SyncEngine::open(o);
    ASSERT_TRUE(opened.ok());
    auto li = std::move(opened.value());
    ASSERT_TRUE(li->login(u"li.inspector"_s, QString::fromUtf8(Password)).ok());

    const auto first = li->runCycle();
    ASSERT_TRUE(first.ok);
    EXPECT_EQ(first.roundTrips, 1); // nothing to push, one page of up to 5000
    EXPECT_GE(first.pulled, 3);
    EXPECT_EQ(count(*li, u"SELECT COUNT(*) FROM enterprises"_s), 3);

    registerEnterprise(*lead, 4);
    registerEnterprise(*lead, 5);
    const auto next = li->runCycle();
    ASSERT_TRUE(next.ok);
    EXPECT_EQ(next.pulled, 2);
    EXPECT_EQ(next.roundTrips, 2); // one change per page, as configured
    EXPECT_EQ(count(*li, u"SELECT COUNT(*) FROM enterprises"_s), 5);
}

TEST_F(SyncEngineTest, AFirstSyncOfManyPagesLeavesTheWalCheckpointsToItsOwnThread)
{
    // Enough enterprises that a page of 5,000 grows the device's log past SQLite's 1,000-frame
    // checkpoint point, imported as an administrator would.
    const int n = 8000;
    QString csv = u"uscc,name,address,street,industry_code,risk_grade,lat,lon\n"_s;
    for (int i = 1; i <= n; ++i)
        csv += u"%1,Greenfield Stamping %2,%2 Riverside Road,North,C33,orange,31.2,121.4\n"_s
                   .arg(enterpriseCode(i))
                   .arg(i);
    const QString file = m_dir.filePath(u"enterprises.csv"_s);
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(csv.toUtf8());
    }
    const auto imported = test::runServerCommand(
        { u"enterprise"_s, u"import"_s, u"--data"_s, m_dir.filePath(u"server"_s), file });
    ASSERT_EQ(imported.exitCode, 0) << imported.err.toStdString();

    {
        auto lead = device(u"lead"_s, u"zhao.lead"_s);
        ASSERT_TRUE(lead);
        EXPECT_EQ(lead->walCheckpoints().background, 0);
        const auto first = lead->runCycle();
        ASSERT_TRUE(first.ok) << first.failure->message.toStdString();
        EXPECT_GE(first.pulled, n);
        EXPECT_EQ(count(*lead, u"SELECT COUNT(*) FROM enterprises"_s), n);
        // The thread counts a checkpoint once it is done, which may be after the cycle.
        using namespace std::chrono_literals;
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (
            lead->walCheckpoints().background == 0 && std::chrono::steady_clock::now() < deadline)
            QThread::msleep(10);
        const auto wal = lead->walCheckpoints();
        EXPECT_GE(wal.background, 1) << "the pages' commits left the checkpoint to the thread";
        EXPECT_EQ(wal.inPlace, 0);
        EXPECT_EQ(wal.failed, 0);
    }
    // The engine is gone (its checkpointer thread joined): the file is whole and opens again.
    test::FileConnection checkFile(options(u"lead"_s).databasePath);
    QSqlQuery check(checkFile.db());
    ASSERT_TRUE(check.exec(u"PRAGMA integrity_check"_s) && check.next());
    EXPECT_EQ(check.value(0).toString(), u"ok"_s);
    ASSERT_TRUE(check.exec(u"SELECT COUNT(*) FROM enterprises"_s) && check.next());
    EXPECT_EQ(check.value(0).toInt(), n);
    auto again = device(u"lead"_s);
    ASSERT_TRUE(again);
    const auto next = again->runCycle();
    ASSERT_TRUE(next.ok);
    EXPECT_EQ(next.pulled, 0);
}

TEST_F(SyncEngineTest, AMutationGapRenumbersTheOutboxWithoutLosingOrRepeatingMutations)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    auto li = device(u"li"_s, u"li.inspector"_s);
    syncOk(*li);
    // The device believes the server already has mutations up to 40 (e.g. the server's data
    // was restored from an older backup): its next ids start at 41 and the server expects 1.
    test::FileConnection qFile(li->options().databasePath);
    QSqlQuery q(qFile.db());
    ASSERT_TRUE(q.exec(u"INSERT INTO store_meta (key, value) VALUES ('outbox_last_id', '40') "
                       u"ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s));
    QStringList hazards;
    for (int i = 0; i < 3; ++i) {
        hazards << core::uuidv7();
        ASSERT_TRUE(li->store()
                        .perform(li->actor(), u"hazard.create"_s, hazards.last(),
                            hazardArgs(1, u"Guard missing %1"_s.arg(i)))
                        .ok());
    }
    ASSERT_EQ(li->store().outbox()->first().id, 41);
    const auto r = li->runCycle();
    ASSERT_TRUE(r.ok) << r.failure->code.toStdString();
    EXPECT_TRUE(r.resyncedNumbering);
    EXPECT_EQ(r.pushed, 3);
    EXPECT_EQ(li->pendingMutations(), 0);
    // New mutations continue after the renumbered ones and push without another gap.
    hazards << core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, hazards.last(),
                        hazardArgs(1, u"Guard missing 3"_s))
                    .ok());
    EXPECT_EQ(li->store().outbox()->first().id, 4);
    const auto again = li->runCycle();
    ASSERT_TRUE(again.ok);
    EXPECT_FALSE(again.resyncedNumbering);

    syncOk(*lead);
    EXPECT_EQ(count(*lead, u"SELECT COUNT(*) FROM hazards"_s), 4);
    for (const auto& h : hazards) {
        auto loaded = lead->store().record(u"hazard"_s, h);
        EXPECT_TRUE(loaded.ok() && loaded->has_value()) << h.toStdString();
    }
}

TEST_F(SyncEngineTest, OfflineTheOutboxIsKeptAndTheNextCycleDeliversIt)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    auto li = device(u"li"_s, u"li.inspector"_s);
    syncOk(*li);
    m_server.stop();
    const QString hazard = core::uuidv7();
    ASSERT_TRUE(
        li->store()
            .perform(li->actor(), u"hazard.create"_s, hazard, hazardArgs(1, u"Blocked exit"_s))
            .ok());
    const auto offline = li->runCycle();
    ASSERT_FALSE(offline.ok);
    EXPECT_EQ(offline.failure->kind, sync::ApiFailure::Kind::Network);
    EXPECT_EQ(li->pendingMutations(), 1);

    ASSERT_TRUE(m_server.start(m_dir.filePath(u"server"_s)));
    li = device(u"li"_s, {}, m_server.port());
    ASSERT_TRUE(li->hasSession());
    syncOk(*li);
    EXPECT_EQ(li->pendingMutations(), 0);
    lead = device(u"lead"_s, {}, m_server.port());
    syncOk(*lead);
    auto loaded = lead->store().record(u"hazard"_s, hazard);
    ASSERT_TRUE(loaded.ok() && loaded->has_value());
}

TEST_F(SyncEngineTest, APhotoIsUploadedBeforeItsHazardAndDownloadedOnDemandWithinTheCap)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    auto li = device(u"li"_s, u"li.inspector"_s);
    syncOk(*li);
    QByteArray photo(300 * 1024, Qt::Uninitialized);
    QRandomGenerator gen(7);
    for (auto& b : photo)
        b = static_cast<char>(gen.bounded(256));
    auto sha = li->store().blobs().put(photo);
    ASSERT_TRUE(sha.ok());
    const QString hazard = core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, hazard,
                        hazardArgs(1, u"Oil on the floor"_s, QJsonArray { *sha }))
                    .ok());
    EXPECT_EQ(li->attachmentState(*sha), sync::AttachmentSyncState::Pending);
    EXPECT_EQ(li->pendingBlobs(), 1);
    const auto r = li->runCycle();
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.uploadedBlobs, 1);
    EXPECT_EQ(li->attachmentState(*sha), sync::AttachmentSyncState::Confirmed);
    EXPECT_EQ(li->pendingBlobs(), 0);
    EXPECT_TRUE(li->store().blobs().contains(*sha)); // the device keeps its copy

    syncOk(*lead);
    EXPECT_EQ(lead->attachmentState(*sha), sync::AttachmentSyncState::Missing);
    auto path = lead->fetchAttachment(*sha);
    ASSERT_TRUE(path.ok()) << path.error().message.toStdString();
    QFile f(*path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), photo);

    auto opts = options(u"capped"_s);
    opts.maxDownloadBytes = 100 * 1024;
    auto capped = sync::SyncEngine::open(opts);
    ASSERT_TRUE(capped.ok());
    ASSERT_TRUE((*capped)->login(u"zhao.lead"_s, QString::fromUtf8(Password)).ok());
    const auto refused = (*capped)->fetchAttachment(*sha);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, u"attachment_too_large"_s);
    EXPECT_FALSE((*capped)->store().blobs().contains(*sha));
}

TEST_F(SyncEngineTest, ConcurrentEditsOfOneFieldLeaveAConflictForReviewOnBothDevices)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    auto li = device(u"li"_s, u"li.inspector"_s);
    auto wang = device(u"wang"_s, u"wang.inspector"_s);
    syncOk(*li);
    const QString hazard = core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, hazard, hazardArgs(1, u"Leak"_s))
                    .ok());
    syncOk(*li);
    syncOk(*wang);
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.update"_s, hazard,
                        { { u"description"_s, u"Leak at valve 3"_s } })
                    .ok());
    ASSERT_TRUE(wang->store()
                    .perform(wang->actor(), u"hazard.update"_s, hazard,
                        { { u"description"_s, u"Leak at the pump"_s } })
                    .ok());
    syncOk(*li);
    syncOk(*wang);
    syncOk(*li);
    const auto liConflicts = li->conflicts(hazard);
    ASSERT_FALSE(liConflicts.isEmpty());
    EXPECT_EQ(liConflicts.first().field, u"description"_s);
    const QStringList values { liConflicts.first().keptValue.toString(),
        liConflicts.first().lostValue.toString() };
    EXPECT_TRUE(values.contains(u"Leak at valve 3"_s));
    EXPECT_TRUE(values.contains(u"Leak at the pump"_s));
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Conflict);
    // Both devices converge on the server's value.
    auto a = li->store().record(u"hazard"_s, hazard);
    auto b = wang->store().record(u"hazard"_s, hazard);
    ASSERT_TRUE(a.ok() && a->has_value() && b.ok() && b->has_value());
    EXPECT_EQ((*a)->fields.value(u"description"_s), (*b)->fields.value(u"description"_s));

    // Resolving is a new mutation; the conflict leaves the review list.
    auto resolved = li->resolveConflict(liConflicts.first().id, u"hazard.update"_s,
        { { u"description"_s, u"Leak at valve 3 and the pump"_s } });
    ASSERT_TRUE(resolved.ok()) << resolved.error().message.toStdString();
    EXPECT_TRUE(li->conflicts(hazard).isEmpty());
    syncOk(*li);
    syncOk(*wang);
    auto c = wang->store().record(u"hazard"_s, hazard);
    EXPECT_EQ((*c)->fields.value(u"description"_s).toString(), u"Leak at valve 3 and the pump"_s);
}

TEST_F(SyncEngineTest, AnEnterpriseUserNeverReceivesAnotherEnterprisesData)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    registerEnterprise(*lead, 2);
    addUser(u"ent.one"_s, u"enterprise"_s, { u"--enterprise"_s, enterpriseCode(1) });
    auto li = device(u"li"_s, u"li.inspector"_s);
    syncOk(*li);
    const QString mine = core::uuidv7(), theirs = core::uuidv7();
    ASSERT_TRUE(
        li->store().perform(li->actor(), u"hazard.create"_s, mine, hazardArgs(1, u"Mine"_s)).ok());
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, theirs, hazardArgs(2, u"Theirs"_s))
                    .ok());
    syncOk(*li);
    auto ent = device(u"ent"_s, u"ent.one"_s);
    syncOk(*ent);
    EXPECT_EQ(count(*ent, u"SELECT COUNT(*) FROM hazards"_s), 1);
    auto own = ent->store().record(u"hazard"_s, mine);
    EXPECT_TRUE(own.ok() && own->has_value());
    EXPECT_EQ(
        count(*ent, u"SELECT COUNT(*) FROM enterprises WHERE id = '%1'"_s.arg(enterpriseCode(2))),
        0);
    EXPECT_EQ(
        count(*ent,
            u"SELECT COUNT(*) FROM hazards WHERE enterprise_id = '%1'"_s.arg(enterpriseCode(2))),
        0);
}

TEST_F(SyncEngineTest, TheControllerRunsCyclesOnItsWorkerThreadAndFeedsTheStatus)
{
    {
        auto lead = device(u"lead"_s, u"zhao.lead"_s); // stores the login, then closes
        ASSERT_TRUE(lead);
    }
    sync::SyncStatus status;
    sync::SyncScheduler::Settings settings;
    settings.useReachability = false;
    settings.debounce = std::chrono::milliseconds(50);
    sync::SyncController controller(options(u"lead"_s), settings, &status);
    controller.start();
    QEventLoop loop;
    QObject::connect(&controller, &sync::SyncController::cycleFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    controller.syncNow();
    loop.exec();
    ASSERT_EQ(controller.cyclesCompleted(), 1);
    QCoreApplication::processEvents(); // deliver the queued status updates
    EXPECT_EQ(status.state(), sync::SyncStatus::State::Idle) << status.lastError().toStdString();
    EXPECT_TRUE(status.lastSuccess().isValid());
    EXPECT_EQ(status.pendingMutations(), 0);
}

TEST_F(SyncEngineTest, ConnectionsCutAnywhereInAPushLoseAndRepeatNothing)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    test::FaultProxy proxy(m_server.port());
    ASSERT_TRUE(proxy.start());
    auto li = device(u"li"_s, u"li.inspector"_s, proxy.port());
    syncOk(*li);
    QStringList hazards;
    for (const std::size_t cut : { 150UL, 400UL, 900UL, 1600UL, 2600UL, 4000UL, 7000UL }) {
        for (int i = 0; i < 5; ++i) {
            hazards << core::uuidv7();
            ASSERT_TRUE(li->store()
                            .perform(li->actor(), u"hazard.create"_s, hazards.last(),
                                hazardArgs(1, u"Hazard %1"_s.arg(hazards.size())))
                            .ok());
        }
        proxy.setMode(test::FaultProxy::Mode::CutAfterBytes, cut);
        const auto broken = li->runCycle();
        proxy.setMode(test::FaultProxy::Mode::Pass);
        if (!broken.ok) {
            EXPECT_EQ(broken.failure->kind, sync::ApiFailure::Kind::Network) << cut;
        }
        syncOk(*li);
        EXPECT_EQ(li->pendingMutations(), 0) << cut;
    }
    syncOk(*lead);
    EXPECT_EQ(count(*lead, u"SELECT COUNT(*) FROM hazards"_s), hazards.size());
    EXPECT_EQ(count(*li, u"SELECT COUNT(*) FROM hazards"_s), hazards.size());
    for (const auto& h : hazards) {
        auto loaded = lead->store().record(u"hazard"_s, h);
        EXPECT_TRUE(loaded.ok() && loaded->has_value()) << h.toStdString();
    }
}

TEST_F(SyncEngineTest, APageTheDeviceCannotApplyIsGivenUpAfterThreeTriesAndReported)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    UnreadablePullFront front(m_server.port());
    auto li = device(u"li"_s, u"li.inspector"_s, front.port());
    for (int attempt = 1; attempt <= sync::MaxPageAttempts; ++attempt) {
        const auto r = li->runCycle();
        ASSERT_FALSE(r.ok);
        EXPECT_EQ(r.failure->code,
            attempt < sync::MaxPageAttempts ? u"malformed_response"_s : u"pull_stuck"_s)
            << attempt;
    }
    EXPECT_EQ(front.pulls(), sync::MaxPageAttempts);
    // Later cycles no longer ask for the page, but still send what the user does.
    const QString hazard = core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, hazard,
                        hazardArgs(1, u"Light curtain bypassed"_s))
                    .ok());
    for (int i = 0; i < 3; ++i) {
        const auto r = li->runCycle();
        ASSERT_FALSE(r.ok);
        EXPECT_EQ(r.failure->code, u"pull_stuck"_s);
        EXPECT_TRUE(r.failure->message.contains(u"could not be applied 3 times"_s))
            << r.failure->message.toStdString();
    }
    EXPECT_EQ(front.pulls(), sync::MaxPageAttempts);
    EXPECT_EQ(li->pendingMutations(), 0);
    // The user reads it in plain words, not "retrying later".
    const QString shown = sync::plainFailure(*li->runCycle().failure);
    EXPECT_TRUE(shown.startsWith(u"Changes from the server cannot be applied"_s))
        << shown.toStdString();
    EXPECT_EQ(sync::stateFor(*li->runCycle().failure), sync::SyncStatus::State::Error);

    // The supervisor's device health shows the error, and the hazard arrived.
    syncOk(*lead);
    bool seen = false;
    for (const auto& d : sync::deviceHealth(lead->store()))
        if (d.clientId == options(u"li"_s).deviceId) {
            seen = true;
            EXPECT_TRUE(d.lastError.contains(u"could not be applied"_s))
                << d.lastError.toStdString();
            // ...and its reason as the code the supervisor's app puts in words.
            EXPECT_EQ(d.lastErrorCode, u"pull_stuck"_s);
            EXPECT_EQ(d.userId, li->user().id);
        }
    EXPECT_TRUE(seen);
    auto loaded = lead->store().record(u"hazard"_s, hazard);
    ASSERT_TRUE(loaded.ok() && loaded->has_value());

    // An updated app tries the page again (and here, against the real server, succeeds).
    li.reset();
    auto options2 = options(u"li"_s);
    options2.appVersion = u"1.0.1"_s;
    auto updated = sync::SyncEngine::open(options2);
    ASSERT_TRUE(updated.ok());
    syncOk(*updated.value());
}

TEST_F(SyncEngineTest, AStuckPullIsReportedEvenWithNothingToSend)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    UnreadablePullFront front(m_server.port());
    auto li = device(u"li"_s, u"li.inspector"_s, front.port());
    for (int attempt = 1; attempt <= sync::MaxPageAttempts; ++attempt)
        ASSERT_FALSE(li->runCycle().ok);
    ASSERT_EQ(li->pendingMutations(), 0);
    syncOk(*lead);
    bool seen = false;
    for (const auto& d : sync::deviceHealth(lead->store()))
        if (d.clientId == options(u"li"_s).deviceId)
            seen = d.lastError.contains(u"could not be applied"_s)
                && d.lastErrorCode == u"pull_stuck"_s;
    EXPECT_TRUE(seen) << "an empty push carried the device status and its reason code";

    // A day later the page gets another few tries.
    EXPECT_EQ(li->runCycle().failure->code, u"pull_stuck"_s);
    EXPECT_EQ(front.pulls(), sync::MaxPageAttempts);
    li.reset();
    auto later = options(u"li"_s, front.port());
    later.clock = [] { return QDateTime::currentDateTimeUtc().addSecs(25 * 3600); };
    auto dayLater = sync::SyncEngine::open(later);
    ASSERT_TRUE(dayLater.ok());
    EXPECT_EQ(dayLater.value()->runCycle().failure->code, u"malformed_response"_s);
    EXPECT_EQ(front.pulls(), sync::MaxPageAttempts + 1);
}

TEST_F(SyncEngineTest, APullPageThatDoesNotReadIsRefusedWithItsReasonAndChangesNothing)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    // A plan the page would bring if it were read leniently, and what is wrong with each page.
    const std::string plan = R"({"entity":"plan","id":"0193a000-0000-7000-8000-00000000p001",)"
                             R"("op":"put","versions":{"year":1},"fields":{"year":)";
    const std::string stamps
        = R"("created_at":"2026-12-01T08:00:00.000Z","updated_at":"2026-12-01T08:00:00.000Z")";
    const std::string tail = R"(}}],"cursor":"c2wxOjk5","has_more":false,"resets":[]})";
    const std::vector<std::pair<std::string, QString>> pages {
        { R"({"changes":[)" + plan + "2026,\"name\":\"Plan \xff\"," + stamps + tail,
            u"invalid UTF-8 in a string"_s },
        { R"({"changes":[)" + plan + "2026,\"year\":2027," + stamps + tail, u"a repeated key"_s },
        { R"({"changes":[)" + plan + "1e400," + stamps + tail,
            u"a number beyond the range of a double"_s },
        { R"({"changes":[)" + plan + "2026," + stamps
                + R"(}}],"cursor":"c2wxOjk5","has_more":"no","resets":[]})",
            u"a boolean was expected"_s },
        { R"({"changes":[)" + plan + "2026," + stamps + tail + " {}", u"text after the page"_s },
        // Cut short: the front compresses its answers, so the device cannot tell a cut on the
        // way from a cut page; it is a network failure, asked for again next cycle.
        { R"({"changes":[)" + plan + "2026," + stamps,
            u"the connection broke while the server was answering"_s },
    };
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const QString name = u"li%1"_s.arg(i);
        auto li = device(name, u"li.inspector"_s);
        syncOk(*li);
        const QString cursor = li->cursor();
        ASSERT_FALSE(cursor.isEmpty());
        ASSERT_EQ(count(*li, u"SELECT COUNT(*) FROM enterprises"_s), 1);
        li.reset();
        UnreadablePullFront front(m_server.port(), pages[i].first);
        auto through = sync::SyncEngine::open(options(name, front.port()));
        ASSERT_TRUE(through.ok());
        const auto r = through.value()->runCycle();
        ASSERT_FALSE(r.ok) << i;
        const bool cut = i + 1 == pages.size();
        EXPECT_EQ(r.failure->code, cut ? QString() : u"malformed_response"_s) << i;
        EXPECT_EQ(r.failure->kind,
            cut ? sync::ApiFailure::Kind::Network : sync::ApiFailure::Kind::Refused)
            << i;
        EXPECT_TRUE(r.failure->message.contains(pages[i].second))
            << i << ": " << r.failure->message.toStdString();
        EXPECT_EQ(front.pulls(), 1) << i;
        EXPECT_EQ(through.value()->cursor(), cursor) << i;
        EXPECT_EQ(count(*through.value(), u"SELECT COUNT(*) FROM plans"_s), 0) << i;
        EXPECT_EQ(count(*through.value(), u"SELECT COUNT(*) FROM enterprises"_s), 1) << i;
    }
}

TEST_F(SyncEngineTest, APageThatResetsTheCursorStartsAFreshFetch)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1);
    UnreadablePullFront front(m_server.port(),
        R"({"changes":[],"cursor":"c2wxOjk5","has_more":false,"resets":["enterprise"]})");
    auto li = device(u"li"_s, u"li.inspector"_s, front.port());
    const auto r = li->runCycle();
    ASSERT_TRUE(r.ok) << (r.failure ? r.failure->message.toStdString() : std::string());
    EXPECT_EQ(front.pulls(), 2) << "the page, then the fresh fetch (which resets again: stop)";
    EXPECT_TRUE(li->cursor().isEmpty());
}
