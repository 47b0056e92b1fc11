#include "blobstore.h"

#include "databaseblobs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <sodium.h>

#include <array>
#include <fcntl.h>
#include <map>
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

/// Partial file names carry their owner as hex of its UTF-8 bytes: `<sha>-<hex>-<total>`.
QString ownerKey(const QString& owner)
{
    return QString::fromLatin1(owner.toUtf8().toHex());
}

/// Roots whose blobs live in the database, as `ServerStore::open` attached them.
struct Attached {
    std::mutex mutex;
    std::map<QString, std::shared_ptr<const DatabaseBlobs>> roots;
};

Attached& attached()
{
    static Attached a;
    return a;
}

} // namespace

BlobStore::BlobStore(QString root)
    : m_root(std::move(root))
{
}

std::shared_ptr<const DatabaseBlobs> BlobStore::database() const
{
    // Looked up on each call: a store switched to the database back end (only possible while it
    // holds no blob) and opened again is followed by every BlobStore of its root at once.
    Attached& a = attached();
    std::lock_guard lock(a.mutex);
    const auto it = a.roots.find(m_root);
    return it == a.roots.end() ? nullptr : it->second;
}

void BlobStore::attachDatabase(
    const QString& root, std::function<Result<QSqlDatabase>()> connection)
{
    Attached& a = attached();
    std::lock_guard lock(a.mutex);
    if (connection)
        a.roots[root] = std::make_shared<const DatabaseBlobs>(std::move(connection));
    else
        a.roots.erase(root);
}

BlobBackend BlobStore::backend() const
{
    return database() ? BlobBackend::Database : BlobBackend::Directory;
}

Result<QByteArray> BlobStore::read(const QString& sha256, qint64 offset, qint64 maxLength) const
{
    if (const auto db = database())
        return db->read(sha256, offset, maxLength);
    QFile f(pathFor(sha256));
    if (!f.open(QIODevice::ReadOnly) || !f.seek(offset))
        return makeError(u"io_error"_s, u"cannot read blob %1"_s.arg(sha256));
    return f.read(std::min(maxLength, DatabaseChunk));
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

QString BlobStore::partialPath(const QString& sha256, const QString& owner, qint64 total) const
{
    if (owner.isEmpty())
        return u"%1/partial/%2-%3"_s.arg(m_root, sha256).arg(total);
    return u"%1/partial/%2-%3-%4"_s.arg(m_root, sha256, ownerKey(owner)).arg(total);
}

QString BlobStore::findPartial(const QString& sha256, const QString& owner, qint64* total) const
{
    const QDir dir(m_root + u"/partial"_s);
    const QString prefix = owner.isEmpty() ? sha256 + u'-' : sha256 + u'-' + ownerKey(owner) + u'-';
    const QStringList found = dir.entryList({ prefix + u'*' }, QDir::Files);
    for (const QString& name : found) {
        const QString rest = name.mid(prefix.size());
        bool ok = false;
        const qint64 t = rest.toLongLong(&ok);
        if (!ok) // an owner's partial when looking for the ownerless one
            continue;
        if (total)
            *total = t;
        return dir.filePath(name);
    }
    return {};
}

QList<PartialUpload> BlobStore::partials() const
{
    if (const auto db = database())
        return db->partials();
    QList<PartialUpload> out;
    const QDir dir(m_root + u"/partial"_s);
    const QFileInfoList files = dir.entryInfoList(QDir::Files);
    for (const QFileInfo& file : files) {
        const QString name = file.fileName();
        if (name.size() < 66 || name.at(64) != u'-' || !isBlobId(name.left(64)))
            continue;
        const QString rest = name.mid(65);
        const qsizetype dash = rest.lastIndexOf(u'-');
        PartialUpload p;
        p.sha256 = name.left(64);
        bool ok = false;
        p.total = rest.mid(dash + 1).toLongLong(&ok);
        if (!ok)
            continue;
        if (dash >= 0)
            p.owner = QString::fromUtf8(QByteArray::fromHex(rest.left(dash).toLatin1()));
        p.size = file.size();
        p.modified = file.lastModified().toUTC();
        out.append(p);
    }
    return out;
}

void BlobStore::removePartial(const QString& sha256, const QString& owner)
{
    if (const auto db = database()) {
        db->removePartial(sha256, owner);
        return;
    }
    std::lock_guard lock(stripeFor(sha256));
    const QString partial = findPartial(sha256, owner, nullptr);
    if (!partial.isEmpty())
        QFile::remove(partial);
}

QStringList BlobStore::completeIds() const
{
    if (const auto db = database())
        return db->completeIds();
    QStringList ids;
    const QDir root(m_root);
    for (const QString& sub : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (sub.size() != 2)
            continue;
        for (const QString& name : QDir(root.filePath(sub)).entryList(QDir::Files))
            if (isBlobId(name) && name.startsWith(sub))
                ids << name;
    }
    return ids;
}

bool BlobStore::removeComplete(const QString& sha256)
{
    if (const auto db = database())
        return db->removeComplete(sha256);
    std::lock_guard lock(stripeFor(sha256));
    return QFile::remove(pathFor(sha256));
}

BlobState BlobStore::state(const QString& sha256) const
{
    if (const auto db = database())
        return db->state(sha256);
    BlobState s;
    const QFileInfo complete(pathFor(sha256));
    if (complete.isFile()) {
        s.kind = BlobState::Kind::Complete;
        s.size = complete.size();
        s.modified = complete.lastModified().toUTC();
        return s;
    }
    const QDir dir(m_root + u"/partial"_s);
    const QFileInfoList found = dir.entryInfoList({ sha256 + u"-*"_s }, QDir::Files);
    if (!found.isEmpty()) {
        s.kind = BlobState::Kind::Partial;
        s.size = found.first().size();
        s.total = found.first().fileName().section(u'-', -1).toLongLong();
        s.modified = found.first().lastModified().toUTC();
    }
    return s;
}

BlobState BlobStore::partialState(const QString& sha256, const QString& owner) const
{
    if (const auto db = database())
        return db->partialState(sha256, owner);
    BlobState s;
    qint64 total = 0;
    const QString partial = findPartial(sha256, owner, &total);
    if (partial.isEmpty())
        return s;
    const QFileInfo info(partial);
    s.kind = BlobState::Kind::Partial;
    s.size = info.size();
    s.total = total;
    s.modified = info.lastModified().toUTC();
    return s;
}

Result<ChunkOutcome> BlobStore::complete(
    const QString& sha256, const QString& partial, qint64 total)
{
    const QString target = pathFor(sha256);
    if (QFileInfo(target).isFile()) {
        // Another upload stored the same bytes first; this one only proved it holds them.
        QFile::remove(partial);
        return ChunkOutcome { ChunkOutcome::Kind::AlreadyComplete, total };
    }
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

Result<ChunkOutcome> BlobStore::writeChunk(const QString& sha256, const QString& owner,
    qint64 first, qint64 size, qint64 total, const QByteArray& bytes)
{
    if (const auto db = database())
        return db->writeChunk(sha256, owner, first, size, total, bytes);
    if (!isBlobId(sha256))
        return makeError(u"invalid_blob_id"_s, u"a blob id is 64 lower-case hex digits"_s);
    if (total > MaxBlob)
        return makeError(u"blob_too_large"_s, u"a blob may hold at most 32 MiB"_s);
    std::lock_guard lock(stripeFor(sha256));

    qint64 knownTotal = 0;
    QString partial = findPartial(sha256, owner, &knownTotal);
    if (!partial.isEmpty() && knownTotal != total)
        return makeError(u"upload_total_mismatch"_s,
            u"this upload was started with a total of %1 bytes"_s.arg(knownTotal));
    if (partial.isEmpty()) {
        if (first > 0) // nothing held: leave no empty file behind
            return makeError(u"upload_offset_mismatch"_s, u"0"_s);
        if (!QDir().mkpath(m_root + u"/partial"_s))
            return makeError(u"io_error"_s, u"cannot create the partial upload directory"_s);
        partial = partialPath(sha256, owner, total);
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

    detail::blobCrashPoint("blob_before_hash");
    if (held != total || fileSha256(partial) != sha256) {
        QFile::remove(partial);
        return makeError(u"hash_mismatch"_s,
            u"the uploaded bytes do not hash to %1; the partial upload was discarded"_s.arg(
                sha256));
    }
    return complete(sha256, partial, total);
}

FinishOutcome BlobStore::finishIfWhole(const QString& sha256, const QString& owner)
{
    if (const auto db = database())
        return db->finishIfWhole(sha256, owner);
    std::lock_guard lock(stripeFor(sha256));
    qint64 total = 0;
    const QString partial = findPartial(sha256, owner, &total);
    if (partial.isEmpty())
        return FinishOutcome::NotWhole;
    const qint64 held = QFileInfo(partial).size();
    if (held < total)
        return FinishOutcome::NotWhole;
    if (held != total || fileSha256(partial) != sha256) {
        QFile::remove(partial);
        return FinishOutcome::Discarded;
    }
    auto done = complete(sha256, partial, total);
    if (!done)
        return FinishOutcome::NotWhole;
    return done->kind == ChunkOutcome::Kind::Completed ? FinishOutcome::Completed
                                                       : FinishOutcome::AlreadyComplete;
}

} // namespace safeloop::server
