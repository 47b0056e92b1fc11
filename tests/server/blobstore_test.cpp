#include "server/blobstore.h"
#include "server/secrets.h"

#include <QDir>
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

const QString Owner = u"0193a000-0000-7000-8000-000000000001"_s;
const QString Other = u"0193a000-0000-7000-8000-000000000002"_s;

} // namespace

TEST(BlobStoreTest, ChunksCompleteIntoTheContentAddressedLayout)
{
    QTemporaryDir tmp;
    server::BlobStore blobs(tmp.path());
    const QByteArray data = sample(1000);
    const QString sha = server::secrets::sha256Hex(data);

    auto a = blobs.writeChunk(sha, Owner, 0, 600, 1000, data.left(600));
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->kind, ChunkOutcome::Kind::Incomplete);
    EXPECT_EQ(a->offset, 600);
    EXPECT_EQ(blobs.state(sha).kind, BlobState::Kind::Partial);
    EXPECT_EQ(blobs.state(sha).size, 600);

    auto b = blobs.writeChunk(sha, Owner, 600, 400, 1000, data.mid(600));
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->kind, ChunkOutcome::Kind::Completed);
    const QString path = tmp.path() + u"/"_s + sha.left(2) + u"/"_s + sha;
    EXPECT_EQ(blobs.pathFor(sha), path);
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), data);
    EXPECT_EQ(blobs.state(sha).kind, BlobState::Kind::Complete);
    EXPECT_EQ(blobs.state(sha).size, 1000);

    // Uploading the same bytes again proves the uploader holds them and stores nothing new.
    auto again = blobs.writeChunk(sha, Other, 0, 1000, 1000, data);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->kind, ChunkOutcome::Kind::AlreadyComplete);
    EXPECT_EQ(blobs.partialState(sha, Other).kind, BlobState::Kind::Unknown);
    EXPECT_TRUE(blobs.partials().isEmpty());
}

TEST(BlobStoreTest, AResentChunkIsSkippedAndAGapIsRefused)
{
    QTemporaryDir tmp;
    server::BlobStore blobs(tmp.path());
    const QByteArray data = sample(300);
    const QString sha = server::secrets::sha256Hex(data);
    ASSERT_TRUE(blobs.writeChunk(sha, Owner, 0, 200, 300, data.left(200)).ok());

    auto gap = blobs.writeChunk(sha, Owner, 250, 50, 300, data.mid(250));
    ASSERT_FALSE(gap.ok());
    EXPECT_EQ(gap.error().code, u"upload_offset_mismatch"_s);
    EXPECT_EQ(gap.error().message, u"200"_s);

    auto overlap = blobs.writeChunk(sha, Owner, 100, 200, 300, data.mid(100));
    ASSERT_TRUE(overlap.ok());
    EXPECT_EQ(overlap->kind, ChunkOutcome::Kind::Completed);
}

TEST(BlobStoreTest, AHashMismatchDiscardsThePartial)
{
    QTemporaryDir tmp;
    server::BlobStore blobs(tmp.path());
    const QByteArray data = sample(100);
    const QString claimed = server::secrets::sha256Hex("something else");
    auto r = blobs.writeChunk(claimed, Owner, 0, 100, 100, data);
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
    ASSERT_TRUE(blobs.writeChunk(sha, Owner, 0, 50, 100, data.left(50)).ok());
    EXPECT_EQ(blobs.writeChunk(sha, Owner, 50, 50, 120, data.mid(50)).error().code,
        u"upload_total_mismatch"_s);
    EXPECT_EQ(blobs.writeChunk(sha, Owner, 0, 10, server::BlobStore::MaxBlob + 1, data.left(10))
                  .error()
                  .code,
        u"blob_too_large"_s);
    EXPECT_FALSE(server::BlobStore::isBlobId(u"ABC"_s));
    EXPECT_FALSE(server::BlobStore::isBlobId(sha.toUpper()));
    EXPECT_TRUE(server::BlobStore::isBlobId(sha));
}

TEST(BlobStoreTest, EachUploaderHasItsOwnPartialAndAnotherTotalBlocksNobody)
{
    QTemporaryDir tmp;
    server::BlobStore blobs(tmp.path());
    const QByteArray data = sample(100);
    const QString sha = server::secrets::sha256Hex(data);
    ASSERT_TRUE(blobs.writeChunk(sha, Owner, 0, 50, 100, data.left(50)).ok());

    // Someone else claims another total for the same id: its own partial, the owner's untouched.
    auto squat = blobs.writeChunk(sha, Other, 0, 10, 120, sample(10));
    ASSERT_TRUE(squat.ok()) << squat.error().message.toStdString();
    EXPECT_EQ(squat->kind, ChunkOutcome::Kind::Incomplete);
    EXPECT_EQ(blobs.partialState(sha, Owner).size, 50);
    EXPECT_EQ(blobs.partialState(sha, Owner).total, 100);
    EXPECT_EQ(blobs.partialState(sha, Other).total, 120);
    EXPECT_EQ(blobs.partials().size(), 2);

    auto done = blobs.writeChunk(sha, Owner, 50, 50, 100, data.mid(50));
    ASSERT_TRUE(done.ok()) << done.error().message.toStdString();
    EXPECT_EQ(done->kind, ChunkOutcome::Kind::Completed);
    EXPECT_EQ(blobs.state(sha).kind, BlobState::Kind::Complete);
}

TEST(BlobStoreTest, AWholePartialWhoseHashWasNeverCheckedIsFinishedOrDiscarded)
{
    // What a crash between the last chunk and the hash check leaves: every byte on disk.
    QTemporaryDir tmp;
    server::BlobStore blobs(tmp.path());
    const QByteArray data = sample(300);
    const QString sha = server::secrets::sha256Hex(data);
    const QString bad = server::secrets::sha256Hex("other bytes");
    ASSERT_TRUE(QDir().mkpath(tmp.path() + u"/partial"_s));
    auto leave = [&](const QString& id, const QByteArray& bytes) {
        QFile f(tmp.path()
            + u"/partial/%1-%2-%3"_s.arg(id, QString::fromLatin1(Owner.toUtf8().toHex()))
                  .arg(bytes.size()));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    leave(sha, data);
    leave(bad, data);
    ASSERT_EQ(blobs.partials().size(), 2);
    EXPECT_EQ(blobs.partials().first().owner, Owner);
    EXPECT_EQ(blobs.partialState(sha, Owner).size, 300);

    EXPECT_EQ(blobs.finishIfWhole(sha, Owner), server::FinishOutcome::Completed);
    EXPECT_EQ(blobs.state(sha).kind, BlobState::Kind::Complete);
    EXPECT_EQ(blobs.finishIfWhole(bad, Owner), server::FinishOutcome::Discarded);
    EXPECT_EQ(blobs.state(bad).kind, BlobState::Kind::Unknown);
    EXPECT_TRUE(blobs.partials().isEmpty());
    EXPECT_EQ(blobs.completeIds(), QStringList { sha });

    // Bytes still missing: nothing happens.
    ASSERT_TRUE(blobs.writeChunk(bad, Owner, 0, 10, 100, sample(10)).ok());
    EXPECT_EQ(blobs.finishIfWhole(bad, Owner), server::FinishOutcome::NotWhole);
    EXPECT_EQ(blobs.partialState(bad, Owner).size, 10);
}
