#include "server/blobstore.h"
#include "server/secrets.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;
using server::BlobState;
using server::ChunkOutcome;

namespace {

QByteArray sample(qsizetype n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        b[i] = static_cast<char>((i * 31 + 7) % 251);
    return b;
}

} // namespace

TEST(BlobStoreTest, ChunksCompleteIntoTheContentAddressedLayout)
{
    QTemporaryDir tmp;
    server::BlobStore blobs(tmp.path());
    const QByteArray data = sample(1000);
    const QString sha = server::secrets::sha256Hex(data);

    auto a = blobs.writeChunk(sha, 0, 600, 1000, data.left(600));
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->kind, ChunkOutcome::Kind::Incomplete);
    EXPECT_EQ(a->offset, 600);
    EXPECT_EQ(blobs.state(sha).kind, BlobState::Kind::Partial);
    EXPECT_EQ(blobs.state(sha).size, 600);

    auto b = blobs.writeChunk(sha, 600, 400, 1000, data.mid(600));
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->kind, ChunkOutcome::Kind::Completed);
    const QString path = tmp.path() + u"/"_s + sha.left(2) + u"/"_s + sha;
    EXPECT_EQ(blobs.pathFor(sha), path);
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), data);
    EXPECT_EQ(blobs.state(sha).kind, BlobState::Kind::Complete);
    EXPECT_EQ(blobs.state(sha).size, 1000);

    auto again = blobs.writeChunk(sha, 0, 1000, 1000, data);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->kind, ChunkOutcome::Kind::AlreadyComplete);
}

TEST(BlobStoreTest, AResentChunkIsSkippedAndAGapIsRefused)
{
    QTemporaryDir tmp;
    server::BlobStore blobs(tmp.path());
    const QByteArray data = sample(300);
    const QString sha = server::secrets::sha256Hex(data);
    ASSERT_TRUE(blobs.writeChunk(sha, 0, 200, 300, data.left(200)).ok());

    auto gap = blobs.writeChunk(sha, 250, 50, 300, data.mid(250));
    ASSERT_FALSE(gap.ok());
    EXPECT_EQ(gap.error().code, u"upload_offset_mismatch"_s);
    EXPECT_EQ(gap.error().message, u"200"_s);

    auto overlap = blobs.writeChunk(sha, 100, 200, 300, data.mid(100));
    ASSERT_TRUE(overlap.ok());
    EXPECT_EQ(overlap->kind, ChunkOutcome::Kind::Completed);
}

TEST(BlobStoreTest, AHashMismatchDiscardsThePartial)
{
    QTemporaryDir tmp;
    server::BlobStore blobs(tmp.path());
    const QByteArray data = sample(100);
    const QString claimed = server::secrets::sha256Hex("something else");
    auto r = blobs.writeChunk(claimed, 0, 100, 100, data);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"hash_mismatch"_s);
    EXPECT_EQ(blobs.state(claimed).kind, BlobState::Kind::Unknown);
    EXPECT_FALSE(QFile::exists(blobs.pathFor(claimed)));
}

TEST(BlobStoreTest, RefusesAChangedTotalAndOversizedBlobs)
{
    QTemporaryDir tmp;
    server::BlobStore blobs(tmp.path());
    const QByteArray data = sample(100);
    const QString sha = server::secrets::sha256Hex(data);
    ASSERT_TRUE(blobs.writeChunk(sha, 0, 50, 100, data.left(50)).ok());
    EXPECT_EQ(
        blobs.writeChunk(sha, 50, 50, 120, data.mid(50)).error().code, u"upload_total_mismatch"_s);
    EXPECT_EQ(
        blobs.writeChunk(sha, 0, 10, server::BlobStore::MaxBlob + 1, data.left(10)).error().code,
        u"blob_too_large"_s);
    EXPECT_FALSE(server::BlobStore::isBlobId(u"ABC"_s));
    EXPECT_FALSE(server::BlobStore::isBlobId(sha.toUpper()));
    EXPECT_TRUE(server::BlobStore::isBlobId(sha));
}
