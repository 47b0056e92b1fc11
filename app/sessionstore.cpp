#include "sessionstore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

QMutex g_mutex;
constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

SessionStore::Stored readLocked(const QString& dataDir)
{
    SessionStore::Stored out;
    QFile file(SessionStore::path(dataDir));
    if (!file.open(QIODevice::ReadOnly))
        return out;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    sync::Session& s = out.session;
    s.accessToken = json[u"access_token"_s].toString();
    s.refreshToken = json[u"refresh_token"_s].toString();
    s.accessExpiresAt
        = QDateTime::fromString(json[u"access_expires_at"_s].toString(), Qt::ISODateWithMs);
    const QJsonObject user = json[u"user"_s].toObject();
    s.user = sync::SessionUser { user[u"id"_s].toString(), user[u"name"_s].toString(),
        user[u"role"_s].toString(), user[u"enterprise_id"_s].toString() };
    out.badge = user[u"badge"_s].toString();
    return out;
}

bool writeLocked(const QString& dataDir, const SessionStore::Stored& stored)
{
    const QString file = SessionStore::path(dataDir);
    if (!stored.session.isValid()) {
        QFile::remove(file);
        return true;
    }
    if (!QDir().mkpath(dataDir))
        return false;
    QFile::setPermissions(dataDir, OwnerOnly | QFileDevice::ExeOwner);
    const sync::Session& s = stored.session;
    const QJsonObject json {
        { u"access_token"_s, s.accessToken },
        { u"refresh_token"_s, s.refreshToken },
        { u"access_expires_at"_s, s.accessExpiresAt.toString(Qt::ISODateWithMs) },
        { u"user"_s,
            QJsonObject { { u"id"_s, s.user.id }, { u"name"_s, s.user.name },
                { u"role"_s, s.user.role }, { u"enterprise_id"_s, s.user.enterpriseId },
                { u"badge"_s, stored.badge } } },
    };
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    // Owner-only before the tokens are written: the file holds them.
    out.setPermissions(OwnerOnly);
    out.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (!out.commit())
        return false;
    return QFile::setPermissions(file, OwnerOnly);
}

} // namespace

QString SessionStore::path(const QString& dataDir)
{
    return QDir(dataDir).filePath(u"session.json"_s);
}

SessionStore::Stored SessionStore::load(const QString& dataDir)
{
    QMutexLocker lock(&g_mutex);
    return readLocked(dataDir);
}

bool SessionStore::save(const QString& dataDir, const Stored& stored)
{
    QMutexLocker lock(&g_mutex);
    return writeLocked(dataDir, stored);
}

bool SessionStore::saveRotated(const QString& dataDir, const sync::Session& session)
{
    QMutexLocker lock(&g_mutex);
    if (!session.isValid())
        return writeLocked(dataDir, {});
    Stored stored = readLocked(dataDir);
    const sync::SessionUser previous = stored.session.user;
    stored.session = session;
    if (session.user.id.isEmpty() || session.user.role.isEmpty())
        stored.session.user = previous;
    return writeLocked(dataDir, stored);
}

SessionStore::Stored SessionStore::take(const QString& dataDir)
{
    QMutexLocker lock(&g_mutex);
    Stored old = readLocked(dataDir);
    writeLocked(dataDir, {});
    return old;
}

} // namespace safeloop::app
