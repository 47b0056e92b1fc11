// `safeloop-server check`: a good store passes; each kind of damage is named and fails (SQLite
// with blobs in the data directory; PostgreSQL with blobs in the database).
#include "testbackend.h"

#include "server/blobledger.h"
#include "server/blobstore.h"
#include "server/cli.h"
#include "server/secrets.h"
#include "server/serverconfig.h"
#include "server/sqldialect.h"
#include "server/storecheck.h"

#include <QFile>

#include <sstream>

using namespace Qt::StringLiterals;
using namespace safeloop;
using safeloop::test::UsingPostgres;

namespace {

const QString Uploader = u"0193a000-0000-7000-8000-0000000000aa"_s;

struct CliRun {
    int code = 0;
    QString out;
    QString err;
};

/// An initialised store (blobs in the database on PostgreSQL) and ways to damage it.
class StoreCheckTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        location = test::storeLocation(dir);
        ASSERT_TRUE(server::ServerStore::initialize(location).ok());
        if (UsingPostgres) {
            auto opened = server::ServerStore::open(location);
            ASSERT_TRUE(opened.ok());
            auto db = opened.value().connection();
            ASSERT_TRUE(db.ok());
            ASSERT_TRUE(server::ServerConfig::set(
                db.value(), QString::fromLatin1(server::ServerConfig::BlobStoreKey), u"database"_s)
                            .ok());
        }
        auto opened = server::ServerStore::open(location);
        ASSERT_TRUE(opened.ok());
        store = std::make_unique<server::ServerStore>(opened.value());
    }

    void TearDown() override
    {
        if (store)
            server::BlobStore::attachDatabase(store->blobDir(), {});
    }

    QSqlDatabase db() { return store->connection().value(); }

    void exec(const QString& sql, std::initializer_list<QVariant> values = {})
    {
        QSqlDatabase d = db();
        auto r = server::run(d, sql, values);
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    }

    /// Stores `bytes` as a complete upload and lets a record reference them.
    QString addReferencedBlob(const QByteArray& bytes)
    {
        const QString id = server::secrets::sha256Hex(bytes);
        const auto size = static_cast<qint64>(bytes.size());
        server::BlobStore blobs(store->blobDir());
        EXPECT_TRUE(blobs.writeChunk(id, Uploader, 0, size, size, bytes).ok());
        QSqlDatabase d = db();
        EXPECT_TRUE(server::recordBlobUpload(d, id, Uploader, size).ok());
        exec(u"INSERT INTO blob_refs (sha256, entity, record_id) VALUES (?, 'hazard', ?)"_s,
            { id, server::secrets::sha256Hex(bytes + "record") });
        return id;
    }

    CliRun check(const QStringList& extra = {})
    {
        QStringList args { u"check"_s, u"--data"_s, location.dataDir };
        if (!location.databaseUrl.isEmpty())
            args << u"--database"_s << location.databaseUrl;
        std::ostringstream out;
        std::ostringstream err;
        const int code = server::runCli(args + extra, out, err);
        return { code, QString::fromStdString(out.str()), QString::fromStdString(err.str()) };
    }

    QTemporaryDir dir;
    server::StoreLocation location;
    std::unique_ptr<server::ServerStore> store;
};

} // namespace

TEST_F(StoreCheckTest, AGoodStorePassesAndCountsBlobsNotUploadedYet)
{
    addReferencedBlob("a photo of the guard");
    addReferencedBlob(QByteArray(3 * 1024 * 1024 + 17, 'x'));
    exec(u"INSERT INTO blob_refs (sha256, entity, record_id) VALUES (?, 'hazard', 'h-pending')"_s,
        { server::secrets::sha256Hex("a photo still on the device") });
    exec(u"INSERT INTO server_meta (key, value) VALUES ('config.http.worker_threads', '4')"_s);

    const CliRun r = check();
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.isEmpty()) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(u"check passed"_s)) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(u"schema version %1"_s.arg(server::ServerStore::schemaVersion())));
    // http.worker_threads, and blobs.store on PostgreSQL.
    EXPECT_TRUE(r.out.contains(u"%1 stored setting(s) valid"_s.arg(UsingPostgres ? 2 : 1)))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(u"3 referenced blob(s): 2 hashed (sample), 1 not uploaded yet"_s))
        << r.out.toStdString();
    EXPECT_TRUE(
        r.out.contains(UsingPostgres ? u"blobs in the database"_s : u"blobs in directory"_s))
        << r.out.toStdString();
}

TEST_F(StoreCheckTest, ASampleHashesSomeBlobsAndAllBlobsHashesEvery)
{
    for (int i = 0; i < 3; ++i)
        addReferencedBlob(QByteArray("photo ") + QByteArray::number(i));
    server::CheckOptions sample;
    sample.sample = 1;
    const auto some = server::checkStore(location, sample);
    EXPECT_TRUE(some.passed());
    EXPECT_EQ(some.findings.last().message,
        u"3 referenced blob(s): 1 hashed (sample), 0 not uploaded yet"_s);
    const CliRun all = check({ u"--all-blobs"_s });
    EXPECT_EQ(all.code, 0) << all.err.toStdString();
    EXPECT_TRUE(all.out.contains(u"3 referenced blob(s): 3 hashed (all)"_s))
        << all.out.toStdString();
}

TEST_F(StoreCheckTest, AMissingDataDirectoryFails)
{
    location.dataDir = dir.filePath(u"nowhere"_s);
    const CliRun r = check();
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(u"error [data_dir_missing]"_s)) << r.err.toStdString();
}

TEST_F(StoreCheckTest, AnUninitialisedStoreFails)
{
    QTemporaryDir empty;
    location.dataDir = empty.path();
    if (UsingPostgres)
        location.databaseUrl = test::freshPgDatabaseUrl();
    const CliRun r = check();
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(u"error [not_initialised]"_s)) << r.err.toStdString();
}

TEST_F(StoreCheckTest, AnUnreachableDatabaseFails)
{
    location.databaseUrl = u"postgresql://nobody@127.0.0.1:1/none"_s;
    const CliRun r = check();
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(u"error [database_unreachable]"_s)) << r.err.toStdString();
}

TEST_F(StoreCheckTest, AStoreAtAnotherSchemaVersionFails)
{
    const int expected = server::ServerStore::schemaVersion();
    auto setVersion = [&](int v) {
        if (UsingPostgres)
            exec(u"UPDATE safeloop_schema SET version = ?"_s, { v });
        else
            exec(u"PRAGMA user_version = %1"_s.arg(v));
    };
    setVersion(expected + 1);
    CliRun r = check();
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(u"error [schema_newer]"_s)) << r.err.toStdString();
    setVersion(expected - 1);
    r = check();
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(u"error [schema_outdated]"_s)) << r.err.toStdString();
    setVersion(expected);
    EXPECT_EQ(check().code, 0);
}

TEST_F(StoreCheckTest, AnInvalidOrUnknownStoredSettingFails)
{
    exec(u"INSERT INTO server_meta (key, value) VALUES ('config.http.worker_threads', '0')"_s);
    exec(u"INSERT INTO server_meta (key, value) VALUES ('config.blobs.colour', 'blue')"_s);
    const CliRun r = check();
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(u"error [invalid_setting]: setting http.worker_threads = 0"_s))
        << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(u"error [unknown_setting]: setting blobs.colour"_s))
        << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(u"2 problem(s)"_s)) << r.err.toStdString();
}

TEST_F(StoreCheckTest, AReferencedUploadedBlobTheStoreLacksFails)
{
    const QString kept = addReferencedBlob("kept photo");
    const QString lost = addReferencedBlob("lost photo");
    if (UsingPostgres) {
        exec(u"DELETE FROM blob_chunks WHERE blob_key = ?"_s, { lost });
        exec(u"DELETE FROM blob_objects WHERE sha256 = ?"_s, { lost });
    } else {
        ASSERT_TRUE(QFile::remove(server::BlobStore(store->blobDir()).pathFor(lost)));
    }
    const CliRun r = check();
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(u"error [blob_missing]: blob %1"_s.arg(lost)))
        << r.err.toStdString();
    EXPECT_FALSE(r.err.contains(kept));
}

TEST_F(StoreCheckTest, ABlobWhoseBytesChangedFails)
{
    const QByteArray bytes(2 * 1024 * 1024 + 5, 'p');
    const QString id = addReferencedBlob(bytes);
    QByteArray changed(bytes);
    changed[1024 * 1024 + 2] = 'q';
    if (UsingPostgres) {
        exec(u"UPDATE blob_chunks SET data = ? WHERE blob_key = ? AND byte_offset = ?"_s,
            { changed.mid(1024 * 1024, 1024 * 1024), id, 1024 * 1024 });
    } else {
        QFile f(server::BlobStore(store->blobDir()).pathFor(id));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(changed);
    }
    const CliRun r = check();
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(u"error [blob_corrupt]: blob %1"_s.arg(id))) << r.err.toStdString();
}

TEST_F(StoreCheckTest, ABlobShorterThanItsUploadFails)
{
    const QString id = addReferencedBlob("a photo the upload ledger remembers as larger");
    exec(u"UPDATE blob_uploads SET size = size + 10 WHERE sha256 = ?"_s, { id });
    const CliRun r = check();
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(u"error [blob_size_mismatch]: blob %1"_s.arg(id)))
        << r.err.toStdString();
}
