// The restore drill (SQLite and PostgreSQL): a backup taken while devices push hazards with photos
// restores into a fresh store on which a second server serves exactly what the backup holds —
// every push acknowledged before the backup began, no push half-written, every photo intact.
#include "synctestsupport.h"

#include "server/blobstore.h"
#include "server/cli.h"

#include <QDeadlineTimer>
#include <QDirIterator>
#include <QProcess>
#include <QUrl>

#include <latch>
#include <mutex>
#include <sstream>

using safeloop::test::UsingPostgres;

namespace {

constexpr int Devices = 6;
constexpr int HazardsPerPush = 3;
constexpr int MaxPushesPerDevice = 60;

const QString PgBin = u"/usr/lib/postgresql/15/bin/"_s;

/// A photo of `n` bytes that differs for every (device, push, index).
QByteArray photoBytes(int device, int pushNo, int index)
{
    QByteArray b(48 * 1024 + index * 512, Qt::Uninitialized);
    const int seed = device * 1000003 + pushNo * 101 + index;
    for (qsizetype i = 0; i < b.size(); ++i)
        b[i] = static_cast<char>((i * 131 + seed * 7 + i / 977) % 251);
    return b;
}

/// One acknowledged push: its hazards, and whether it was acknowledged before the backup began.
struct AckedPush {
    QStringList hazards;
    bool beforeBackup = false;
};

/// Copies `from` into `to` recursively (the operator's `rsync -a DIR/blobs/ BACKUP/blobs/`).
bool copyTree(const QString& from, const QString& to)
{
    if (!QDir().mkpath(to))
        return false;
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + u'/' + QDir(from).relativeFilePath(file);
        if (!QDir().mkpath(QFileInfo(target).path()))
            return false;
        // A partial upload may vanish between listing and copying; it is not part of the backup.
        if (!QFile::copy(file, target) && QFile::exists(file))
            return false;
    }
    return true;
}

/// Runs a PostgreSQL client program against the test cluster; stdin/stdout may be files.
QString runPgTool(const QString& tool, const QStringList& args, const QString& stdoutFile = {},
    const QString& stdinFile = {})
{
    QProcess p;
    if (!stdoutFile.isEmpty())
        p.setStandardOutputFile(stdoutFile);
    if (!stdinFile.isEmpty())
        p.setStandardInputFile(stdinFile);
    p.start(PgBin + tool, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return tool + u" failed: "_s + QString::fromLocal8Bit(p.readAllStandardError());
    return {};
}

/// `postgresql://postgres@127.0.0.1:PORT/NAME` → the pg_dump/pg_restore connection arguments.
QStringList pgArgs(const QString& url)
{
    const QUrl u(url);
    return { u"-h"_s, u.host(), u"-p"_s, QString::number(u.port()), u"-U"_s, u.userName() };
}

} // namespace

class RestoreDrillTest : public SyncApiTest {
protected:
    void SetUp() override
    {
        SyncApiTest::SetUp();
        if (UsingPostgres) {
            // The operator's PostgreSQL set-up: blobs in the database, so pg_dump holds them.
            setConfig(server::ServerConfig::BlobStoreKey, u"database"_s);
            auto reopened = server::ServerStore::open(srv.store().location());
            ASSERT_TRUE(reopened.ok()) << reopened.error().message.toStdString();
        }
    }

    void TearDown() override
    {
        server::BlobStore::attachDatabase(srv.store().blobDir(), {});
        if (!restoredDir.path().isEmpty())
            server::BlobStore::attachDatabase(restoredDir.path() + u"/blobs"_s, {});
    }

    /// Takes the backup of the live store into `restoredDir` (and, on PostgreSQL, a new
    /// database) the way docs/operations.md tells the operator to; returns the restored location.
    server::StoreLocation backupAndRestore()
    {
        const QString data = srv.store().location().dataDir;
        if (!UsingPostgres) {
            const QString out = backupDir.filePath(u"safeloop-backup.db"_s);
            std::ostringstream cout;
            std::ostringstream cerr;
            const int code = server::runCli({ u"backup"_s, u"--data"_s, data, out }, cout, cerr);
            EXPECT_EQ(code, 0) << cerr.str();
            // The blobs after the database: every blob a backed-up record references was
            // uploaded before its record was pushed, so it is in this later copy.
            EXPECT_TRUE(copyTree(srv.store().blobDir(), backupDir.filePath(u"blobs"_s)));
            backupDone = true;
            EXPECT_TRUE(QFile::copy(out, restoredDir.filePath(u"safeloop.db"_s)));
            EXPECT_TRUE(copyTree(backupDir.filePath(u"blobs"_s), restoredDir.filePath(u"blobs"_s)));
            return { restoredDir.path(), {} };
        }
        const QString url = srv.store().location().databaseUrl;
        const QString dump = backupDir.filePath(u"safeloop.dump"_s);
        const QString dbName = QUrl(url).path().mid(1);
        const QString dumped
            = runPgTool(u"pg_dump"_s, pgArgs(url) + QStringList { u"-Fc"_s, dbName }, dump);
        EXPECT_TRUE(dumped.isEmpty()) << dumped.toStdString();
        backupDone = true;
        const QString fresh = test::freshPgDatabaseUrl();
        const QString restored = runPgTool(u"pg_restore"_s,
            pgArgs(fresh)
                + QStringList { u"--exit-on-error"_s, u"-d"_s, QUrl(fresh).path().mid(1) },
            {}, dump);
        EXPECT_TRUE(restored.isEmpty()) << restored.toStdString();
        return { restoredDir.path(), fresh };
    }

    QTemporaryDir backupDir;
    QTemporaryDir restoredDir;
    std::atomic<bool> backupStarted { false };
    std::atomic<bool> backupDone { false };
};

TEST_F(RestoreDrillTest, ABackupTakenWhileDevicesPushRestoresEveryAcknowledgedPushAndPhoto)
{
    std::mutex mutex;
    std::vector<AckedPush> acked;
    QHash<QString, QString> photoOf; // hazard id → SHA-256 of the photo uploaded for it
    QSet<QString> sentHazards;
    std::vector<std::string> failures(Devices);
    std::atomic<int> ackedCount { 0 };
    std::atomic<int> ackedAfterBackup { 0 };
    std::atomic<bool> stop { false };
    std::latch start(Devices + 1);

    std::vector<std::thread> devices;
    for (int d = 0; d < Devices; ++d)
        devices.emplace_back([&, d] {
            start.arrive_and_wait();
            const QString client = u"drill-%1"_s.arg(d);
            qint64 mutationId = 0;
            for (int p = 0; p < MaxPushesPerDevice && !stop; ++p) {
                QJsonArray batch;
                AckedPush sentPush;
                QHash<QString, QString> photos;
                for (int i = 0; i < HazardsPerPush; ++i) {
                    const QByteArray photo = photoBytes(d, p, i);
                    auto up = putBlob(u"insp"_s, photo);
                    if (!up || (up->status != 200 && up->status != 201 && up->status != 204)) {
                        failures[static_cast<std::size_t>(d)] = up
                            ? "upload " + std::to_string(up->status) + " " + up->body
                            : "upload: no answer";
                        return;
                    }
                    const QString hid = uuid();
                    batch.append(mutation(++mutationId, u"hazard.create"_s, hid,
                        hazardArgs(d % 2 ? entA : entB, u"Guard missing %1/%2"_s.arg(d).arg(p),
                            QJsonArray { QJsonObject {
                                { u"id"_s, sha(photo) }, { u"mime"_s, u"image/jpeg"_s } } })));
                    sentPush.hazards << hid;
                    photos.insert(hid, sha(photo));
                }
                {
                    std::lock_guard lock(mutex);
                    for (const QString& h : sentPush.hazards)
                        sentHazards.insert(h);
                    photoOf.insert(photos);
                }
                auto r = push(u"insp"_s, client, batch);
                // Read the flag only after the answer: false means acknowledged before it began.
                sentPush.beforeBackup = !backupStarted;
                const bool after = backupDone;
                if (!r || r->status != 200) {
                    failures[static_cast<std::size_t>(d)] = r
                        ? "push " + std::to_string(r->status) + " " + r->body
                        : "push: no answer";
                    return;
                }
                for (const auto& item : bodyJson(r)[u"results"_s].toArray())
                    if (item[u"status"_s].toString() != u"applied"_s) {
                        failures[static_cast<std::size_t>(d)] = "not applied: " + r->body;
                        return;
                    }
                ++ackedCount;
                if (after)
                    ++ackedAfterBackup;
                std::lock_guard lock(mutex);
                acked.push_back(sentPush);
            }
        });
    start.arrive_and_wait();

    // The backup begins once the devices are well under way, and they keep pushing through it.
    QDeadlineTimer warmUp(20000);
    while (ackedCount < 2 * Devices && !warmUp.hasExpired())
        QThread::msleep(5);
    ASSERT_GE(ackedCount.load(), 2 * Devices) << failures[0];
    backupStarted = true;
    const int ackedBeforeBackup = ackedCount;
    const server::StoreLocation location = backupAndRestore();
    QDeadlineTimer coolDown(20000);
    // More acknowledgements after it than devices: some device was answered twice after it, and
    // that second push was sent after the backup ended, so it cannot be in it.
    while (ackedAfterBackup < 2 * Devices && !coolDown.hasExpired())
        QThread::msleep(5);
    stop = true;
    for (auto& t : devices)
        t.join();
    for (const auto& f : failures)
        ASSERT_EQ(f, std::string());
    EXPECT_GE(ackedAfterBackup.load(), 2 * Devices) << "the devices pushed on after the backup";

    // The restored store passes the full check, every blob hashed.
    {
        QStringList args { u"check"_s, u"--data"_s, location.dataDir, u"--all-blobs"_s };
        if (!location.databaseUrl.isEmpty())
            args << u"--database"_s << location.databaseUrl;
        std::ostringstream cout;
        std::ostringstream cerr;
        EXPECT_EQ(server::runCli(args, cout, cerr), 0) << cout.str() << cerr.str();
        EXPECT_NE(cout.str().find("check passed"), std::string::npos) << cout.str();
    }

    // What the backup holds, read straight from the restored store before anything serves it.
    auto opened = server::ServerStore::open(location);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    const server::ServerStore restored = opened.value();
    QSet<QString> backedUp;
    qint64 backedUpResults = -1;
    {
        auto db = restored.connection();
        ASSERT_TRUE(db.ok());
        auto q = server::run(db.value(), u"SELECT id FROM hazards"_s);
        ASSERT_TRUE(q.ok()) << q.error().message.toStdString();
        while (q.value().next())
            backedUp.insert(q.value().value(0).toString());
        auto r = server::run(
            db.value(), u"SELECT COUNT(*) FROM push_results WHERE client_key LIKE 'drill-%'"_s);
        ASSERT_TRUE(r.ok() && r.value().next());
        backedUpResults = r.value().value(0).toLongLong();
    }
    EXPECT_GE(backedUp.size(), ackedBeforeBackup * HazardsPerPush);
    EXPECT_LT(backedUp.size(), static_cast<qsizetype>(ackedCount * HazardsPerPush))
        << "pushes acknowledged after the backup are not in it";
    EXPECT_EQ(backedUpResults, backedUp.size()) << "each hazard's stored push result came with it";

    // Every push acknowledged before the backup began is there; no push is there in part.
    int checkedBefore = 0;
    for (const AckedPush& p : acked) {
        int present = 0;
        for (const QString& h : p.hazards)
            present += backedUp.contains(h) ? 1 : 0;
        if (p.beforeBackup) {
            EXPECT_EQ(present, HazardsPerPush) << p.hazards.join(u' ').toStdString();
            ++checkedBefore;
        } else {
            EXPECT_TRUE(present == 0 || present == HazardsPerPush)
                << present << " of one push's hazards restored";
        }
    }
    EXPECT_GE(checkedBefore, ackedBeforeBackup);
    for (const QString& h : backedUp)
        EXPECT_TRUE(sentHazards.contains(h)) << h.toStdString();

    // A second server on the restored store: the supervisor's pull is exactly the backup's
    // hazards, and each one's photo is served with the bytes that were uploaded.
    server::HttpApi api(restored);
    const int port = api.bind("127.0.0.1", 0);
    ASSERT_GT(port, 0);
    std::thread serving([&api] { api.listen(); });
    ASSERT_TRUE(api.waitUntilRunning());
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    const QJsonObject loginBody { { u"username"_s, u"sup"_s },
        { u"password"_s, u"correct horse 1"_s }, { u"device_id"_s, u"restored-sup"_s },
        { u"device_name"_s, u"Test phone"_s } };
    auto login = client.Post("/api/v1/auth/login",
        QJsonDocument(loginBody).toJson(QJsonDocument::Compact).toStdString(), "application/json");
    ASSERT_TRUE(login);
    ASSERT_EQ(login->status, 200) << login->body;
    const auto auth = bearer(bodyJson(login)[u"access_token"_s].toString().toStdString());

    QSet<QString> pulled;
    QString cursor;
    for (int page = 0; page < 1000; ++page) {
        auto r = client.Get("/api/v1/sync/pull?limit=500&cursor=" + cursor.toStdString(), auth);
        ASSERT_TRUE(r);
        ASSERT_EQ(r->status, 200) << r->body;
        const QJsonObject o = bodyJson(r);
        for (const auto& c : o[u"changes"_s].toArray())
            if (c[u"entity"_s].toString() == u"hazard"_s)
                pulled.insert(c[u"id"_s].toString());
        cursor = o[u"cursor"_s].toString();
        if (!o[u"has_more"_s].toBool())
            break;
    }
    EXPECT_EQ(pulled, backedUp);

    int photosChecked = 0;
    for (const QString& h : backedUp) {
        const QString id = photoOf.value(h);
        auto r = client.Get("/api/v1/blobs/" + id.toStdString(), auth);
        ASSERT_TRUE(r);
        ASSERT_EQ(r->status, 200) << h.toStdString() << " " << r->body;
        EXPECT_EQ(sha(QByteArray::fromStdString(r->body)), id) << h.toStdString();
        ++photosChecked;
    }
    EXPECT_EQ(photosChecked, backedUp.size());
    api.stop();
    serving.join();
}
