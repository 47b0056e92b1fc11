#include "blobstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <sodium.h>

#include <array>
#include <fcntl.h>
#include <mutex>
#include <unistd.h>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

/// Uploads of one blob are serialised; 64 stripes keep unrelated uploads apart.
std::mutex& stripeFor(const QString& sha256)
{
    static std::array<std::mutex, 64> stripes;
    return stripes[static_cast<size_t>(sha256.left(2).toInt(nullptr, 16)) % stripes.size()];
}

bool fsyncPath(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

QString fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    while (!f.atEnd()) {
        const QByteArray chunk = f.read(1 << 20);
        if (chunk.isEmpty())
            break;
        crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(chunk.constData()),
            static_cast<unsigned long long>(chunk.size()));
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), crypto_hash_sha256_BYTES).toHex());
}

} // namespace

BlobStore::BlobStore(QString root)
    : m_root(std::move(root))
{
}

bool BlobStore::isBlobId(const QString& sha256)
{
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    return hex.match(sha256).hasMatch();
}

QString BlobStore::pathFor(const QString& sha256) const
{
    return u"%1/%2/%3"_s.arg(m_root, sha256.left(2), sha256);
}

QString BlobStore::partialPath(const QString& sha256, qint64 total) const
{
    return u"%1/partial/%2-%3"_s.arg(m_root, sha256).arg(total);
}

QString BlobStore::findPartial(const QString& sha256, qint64* total) const
{
    const QDir dir(m_root + u"/partial"_s);
    const QStringList found = dir.entryList({ sha256 + u"-*"_s }, QDir::Files);
    if (found.isEmpty())
        return {};
    if (total)
        *total = found.first().mid(65).toLongLong();
    return dir.filePath(found.first());
}

BlobState BlobStore::state(const QString& sha256) const
{
    BlobState s;
    const QFileInfo complete(pathFor(sha256));
    if (complete.isFile()) {
        s.kind = BlobState::Kind::Complete;
        s.size = complete.size();
        return s;
    }
    qint64 total = 0;
    const QString partial = findPartial(sha256, &total);
    if (!partial.isEmpty()) {
        s.kind = BlobState::Kind::Partial;
        s.size = QFileInfo(partial).size();
        s.total = total;
    }
    return s;
}

Result<ChunkOutcome> BlobStore::writeChunk(
    const QString& sha256, qint64 first, qint64 size, qint64 total, const QByteArray& bytes)
{
    if (!isBlobId(sha256))
        return makeError(u"invalid_blob_id"_s, u"a blob id is 64 lower-case hex digits"_s);
    if (total > MaxBlob)
        return makeError(u"blob_too_large"_s, u"a blob may hold at most 32 MiB"_s);
    std::lock_guard lock(stripeFor(sha256));
    if (QFileInfo(pathFor(sha256)).isFile())
        return ChunkOutcome { ChunkOutcome::Kind::AlreadyComplete,
            QFileInfo(pathFor(sha256)).size() };

    qint64 knownTotal = 0;
    QString partial = findPartial(sha256, &knownTotal);
    if (!partial.isEmpty() && knownTotal != total)
        return makeError(u"upload_total_mismatch"_s,
            u"this upload was started with a total of %1 bytes"_s.arg(knownTotal));
    if (partial.isEmpty()) {
        if (!QDir().mkpath(m_root + u"/partial"_s))
            return makeError(u"io_error"_s, u"cannot create the partial upload directory"_s);
        partial = partialPath(sha256, total);
    }
    QFile file(partial);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append))
        return makeError(u"io_error"_s, u"cannot open the partial upload"_s);
    const qint64 offset = file.size();
    if (first > offset)
        return makeError(u"upload_offset_mismatch"_s, QString::number(offset));
    const qint64 skip = offset - first;
    if (skip < size) {
        const qint64 length = size - skip;
        if (file.write(bytes.constData() + skip, length) != length || !file.flush()
            || ::fsync(file.handle()) != 0)
            return makeError(u"io_error"_s, u"cannot write the partial upload"_s);
    }
    const qint64 held = file.size();
    file.close();
    if (held < total)
        return ChunkOutcome { ChunkOutcome::Kind::Incomplete, held };

    if (held != total || fileSha256(partial) != sha256) {
        QFile::remove(partial);
        return makeError(u"hash_mismatch"_s,
            u"the uploaded bytes do not hash to %1; the partial upload was discarded"_s.arg(
                sha256));
    }
    const QString target = pathFor(sha256);
    const QString dir = QFileInfo(target).path();
    if (!QDir().mkpath(dir))
        return makeError(u"io_error"_s, u"cannot create the blob directory"_s);
    const QString temp = target + u".tmp"_s;
    QFile::remove(temp);
    if (!QFile::rename(partial, temp) || !fsyncPath(temp) || !QFile::rename(temp, target)
        || !fsyncPath(dir))
        return makeError(u"io_error"_s, u"cannot store the completed blob"_s);
    return ChunkOutcome { ChunkOutcome::Kind::Completed, total };
}

} // namespace safeloop::server
