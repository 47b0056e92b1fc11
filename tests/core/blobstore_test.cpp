#include "core/blobstore.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

TEST(BlobStore, StoresBytesUnderTheirSha256InATwoCharacterFolder)
{
    QTemporaryDir dir;
    BlobStore blobs(dir.path());
    const QByteArray photo("jpeg bytes of a bypassed light curtain");
    auto sha = blobs.put(photo);
    ASSERT_TRUE(sha.ok());
    EXPECT_EQ(sha.value(), BlobStore::sha256Hex(photo));
    EXPECT_EQ(blobs.path(*sha), dir.path() + u'/' + sha->left(2) + u'/' + *sha);
    EXPECT_TRUE(QFileInfo::exists(blobs.path(*sha)));
    EXPECT_FALSE(QFileInfo::exists(blobs.path(*sha) + u".tmp"_s));
    EXPECT_EQ(blobs.get(*sha).value(), photo);
    EXPECT_EQ(blobs.put(photo).value(), *sha); // idempotent
}

TEST(BlobStore, RefusesCorruptedOrMissingBlobsAndBadNames)
{
    QTemporaryDir dir;
    BlobStore blobs(dir.path());
    auto sha = blobs.put(QByteArray("signature"));
    ASSERT_TRUE(sha.ok());
    {
        QFile f(blobs.path(*sha));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("tampered");
    }
    EXPECT_EQ(blobs.get(*sha).error().code, u"hash_mismatch"_s);
    EXPECT_EQ(blobs.get(QString(64, u'f')).error().code, u"blob_missing"_s);
    EXPECT_EQ(blobs.get(u"../etc/passwd"_s).error().code, u"invalid_sha256"_s);
}
