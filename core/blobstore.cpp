#include "blobstore.h"

#include "validation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

bool fsyncPath(const QString& path, bool directory)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

BlobStore::BlobStore(QString root)
    : m_root(std::move(root))
{
}

QString BlobStore::sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString BlobStore::path(const QString& sha256) const
{
    return m_root + u'/' + sha256.left(2) + u'/' + sha256;
}

bool BlobStore::contains(const QString& sha256) const
{
    return validation::sha256(sha256).ok() && QFileInfo::exists(path(sha256));
}

Result<QString> BlobStore::put(const QByteArray& bytes) const
{
    const QString sha = sha256Hex(bytes);
    const QString target = path(sha);
    if (QFileInfo(target).size() == bytes.size() && QFileInfo::exists(target))
        return sha;
    const QString dir = m_root + u'/' + sha.left(2);
    if (!QDir().mkpath(dir))
        return makeError(u"blob_write_failed"_s, u"cannot create %1"_s.arg(dir));
    const QString temp = target + u".tmp"_s;
    {
        QFile f(temp);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size()
            || !f.flush() || ::fsync(f.handle()) != 0) {
            f.remove();
            return makeError(u"blob_write_failed"_s, u"cannot write blob %1"_s.arg(sha));
        }
    }
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(target).constData()) != 0) {
        QFile::remove(temp);
        return makeError(u"blob_write_failed"_s, u"cannot rename blob %1 into place"_s.arg(sha));
    }
    if (!fsyncPath(dir, true))
        return makeError(u"blob_write_failed"_s, u"cannot sync directory %1"_s.arg(dir));
    return sha;
}

Result<QByteArray> BlobStore::get(const QString& sha256) const
{
    if (auto r = validation::sha256(sha256); !r)
        return r.error();
    QFile f(path(sha256));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(u"blob_missing"_s, u"blob %1 is not stored"_s.arg(sha256));
    QByteArray bytes = f.readAll();
    if (sha256Hex(bytes) != sha256)
        return makeError(u"hash_mismatch"_s, u"blob %1 does not match its hash"_s.arg(sha256));
    return bytes;
}

} // namespace safeloop::core
