// Blobs kept in the PostgreSQL store (`blobs.store` = database): chunked rows reached by every
// server process, the hash checked reading one chunk at a time, a mismatch leaving nothing.
// Built into the PostgreSQL suite only (the setting is refused on SQLite: sync_blobdb_test.cpp).
#include "synctestsupport.h"

#include "server/blobstore.h"

#include <QDirIterator>

using safeloop::test::UsingPostgres;

namespace {

/// Bytes that differ at every position of a chunk, so a misplaced chunk changes the hash.
QByteArray photoBytes(qsizetype n, int seed)
{
    QByteArray b(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        b[i] = static_cast<char>((i * 131 + seed * 7 + i / 4096) % 253);
    return b;
}

} // namespace

class DatabaseBlobTest : public SyncApiTest {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(UsingPostgres) << "built into the PostgreSQL suite only";
        SyncApiTest::SetUp();
        setConfig(server::ServerConfig::BlobStoreKey, u"database"_s);
        // Opening the store again applies the setting to every BlobStore of this store.
        auto reopened = server::ServerStore::open(srv.store().location());
        ASSERT_TRUE(reopened.ok()) << reopened.error().message.toStdString();
        ASSERT_EQ(
            server::BlobStore(srv.store().blobDir()).backend(), server::BlobBackend::Database);
    }

    void TearDown() override
    {
        // Leave the next test's data directory (a new temporary one) on files.
        server::BlobStore::attachDatabase(srv.store().blobDir(), {});
    }

    /// Files anywhere under the blob directory (the database back end writes none).
    QStringList blobFiles()
    {
        QStringList out;
        QDirIterator it(srv.store().blobDir(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            out << it.next();
        return out;
    }
};

TEST_F(DatabaseBlobTest, AMultiChunkBlobRoundTripsThroughTheDatabaseInRowsOfAtMostOneMiB)
{
    const QByteArray photo = photoBytes(2 * 1024 * 1024 + 300 * 1024, 1);
    const QString id = sha(photo);
    const qint64 total = photo.size();
    const qint64 part = 1536 * 1024; // an HTTP chunk larger than one row: split on the server

    auto first = putChunk(u"insp"_s, id, photo, 0, part, total);
    ASSERT_EQ(first->status, 308) << first->body;
    EXPECT_EQ(first->get_header_value("Upload-Offset"), std::to_string(part));
    auto resume = headBlob(u"insp"_s, id);
    EXPECT_EQ(resume->status, 308);
    EXPECT_EQ(resume->get_header_value("Upload-Offset"), std::to_string(part));
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_partials"_s), 1);

    auto last = putChunk(u"insp"_s, id, photo, part, total - part, total);
    ASSERT_EQ(last->status, 201) << last->body;
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_partials"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_objects WHERE sha256 = '%1'"_s.arg(id)), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_chunks WHERE blob_key = '%1'"_s.arg(id)), 3)
        << "the 1.5 MiB chunk is cut into rows of 1 MiB and 0.5 MiB, the 0.8 MiB one is one row";
    EXPECT_EQ(count(u"SELECT MAX(octet_length(data)) FROM blob_chunks"_s), 1024 * 1024);
    EXPECT_EQ(count(u"SELECT SUM(octet_length(data)) FROM blob_chunks"_s), total);
    EXPECT_TRUE(blobFiles().isEmpty()) << blobFiles().join(u", "_s).toStdString();

    createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { id });
    auto got = getBlob(u"enta"_s, id);
    ASSERT_EQ(got->status, 200);
    EXPECT_EQ(got->body.size(), static_cast<size_t>(total));
    EXPECT_TRUE(QByteArray::fromStdString(got->body) == photo) << "bytes differ";
    const QJsonObject att = find(pullAll(u"enta"_s), u"attachment"_s, id);
    EXPECT_EQ(att[u"fields"_s][u"state"_s].toString(), u"complete"_s);
    EXPECT_EQ(att[u"fields"_s][u"size"_s].toInteger(), total);
}

TEST_F(DatabaseBlobTest, AWrongHashIsRefusedAndLeavesNoChunk)
{
    const QByteArray bytes = photoBytes(1024 * 1024 + 5000, 2);
    const QString claimed = sha("the photo these bytes pretend to be");
    const qint64 total = bytes.size();
    ASSERT_EQ(putChunk(u"insp"_s, claimed, bytes, 0, 700000, total)->status, 308);
    EXPECT_GT(count(u"SELECT COUNT(*) FROM blob_chunks"_s), 0);

    auto last = putChunk(u"insp"_s, claimed, bytes, 700000, total - 700000, total);
    EXPECT_EQ(last->status, 422) << last->body;
    EXPECT_EQ(errorCode(last), u"hash_mismatch"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_chunks"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_partials"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_objects"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_uploads"_s), 0);
    EXPECT_EQ(headBlob(u"insp"_s, claimed)->status, 404);
    EXPECT_TRUE(blobFiles().isEmpty());
}

TEST_F(DatabaseBlobTest, TheSweepCollectsAnOldUnreferencedBlobAndItsRows)
{
    const QByteArray kept = photoBytes(3000, 3);
    const QByteArray stray = photoBytes(1024 * 1024 + 1, 4);
    ASSERT_EQ(putBlob(u"insp"_s, kept)->status, 201);
    ASSERT_EQ(putBlob(u"insp"_s, stray)->status, 201);
    createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { sha(kept) });
    server::SyncService sync(srv.store());

    auto old = server::sweepBlobs(
        srv.store(), sync, QDateTime::currentDateTimeUtc().addDays(7).addSecs(60));
    ASSERT_TRUE(old.ok()) << old.error().message.toStdString();
    EXPECT_EQ(old->collected, 1);
    EXPECT_EQ(old->collectedBytes, stray.size());
    EXPECT_EQ(
        count(u"SELECT COUNT(*) FROM blob_chunks WHERE blob_key = '%1'"_s.arg(sha(stray))), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_objects"_s), 1);
    EXPECT_EQ(getBlob(u"enta"_s, sha(kept))->body, kept.toStdString());
}

TEST_F(DatabaseBlobTest, TheBlobStoreCannotSwitchOnceItHoldsBlobs)
{
    ASSERT_EQ(putBlob(u"insp"_s, photoBytes(100, 5))->status, 201);
    auto db = srv.store().connection();
    ASSERT_TRUE(db.ok());
    auto r = server::ServerConfig::set(
        db.value(), QString::fromLatin1(server::ServerConfig::BlobStoreKey), u"directory"_s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"blob_store_in_use"_s);
    EXPECT_EQ(server::ServerConfig::get(
                  db.value(), QString::fromLatin1(server::ServerConfig::BlobStoreKey))
                  .value(),
        u"database"_s);
}

TEST_F(DatabaseBlobTest, TwentyConcurrentDownloadsOfAnEightMiBBlobStreamItOneChunkAtATime)
{
    const QByteArray photo = photoBytes(8 * 1024 * 1024, 3);
    const QString id = sha(photo);
    const qint64 total = photo.size();
    const qint64 half = total / 2;
    ASSERT_EQ(putChunk(u"insp"_s, id, photo, 0, half, total)->status, 308);
    ASSERT_EQ(putChunk(u"insp"_s, id, photo, half, total - half, total)->status, 201);
    createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { id });

    const std::string path = "/api/v1/blobs/" + id.toStdString();
    const httplib::Headers auth = bearer(tokens.value(u"enta"_s));
    constexpr int Downloads = 20;
    std::vector<int> statuses(Downloads, 0);
    std::vector<std::string> bodies(Downloads);
    std::vector<std::thread> clients;
    for (int i = 0; i < Downloads; ++i) {
        clients.emplace_back([&, i] {
            auto c = srv.client();
            auto r = c.Get(path, auth);
            if (r) {
                statuses[static_cast<std::size_t>(i)] = r->status;
                bodies[static_cast<std::size_t>(i)] = std::move(r->body);
            }
        });
    }
    for (auto& t : clients)
        t.join();
    const std::string expected = photo.toStdString();
    for (std::size_t i = 0; i < Downloads; ++i) {
        EXPECT_EQ(statuses[i], 200) << "download " << i;
        EXPECT_EQ(bodies[i].size(), expected.size()) << "download " << i;
        EXPECT_TRUE(bodies[i] == expected) << "download " << i << ": bytes differ";
    }
    // Each answer went out a database chunk (1 MiB) at a time: the engine never held more of
    // one answer than a chunk and its headers, where reading the blob whole would hold 8 MiB.
    EXPECT_GE(srv.api().largestHeldAnswer(), static_cast<std::size_t>(1024 * 1024));
    EXPECT_LE(srv.api().largestHeldAnswer(), static_cast<std::size_t>(1024 * 1024 + 4096));
}
