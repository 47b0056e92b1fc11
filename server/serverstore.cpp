#include "serverstore.h"

#include "core/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <vector>

using namespace Qt::StringLiterals;
using safeloop::core::Error;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

QString sqlitePath(const StoreLocation& location)
{
    return QDir(location.dataDir).filePath(u"safeloop.db"_s);
}

const std::vector<core::Migration>& migrations()
{
    static const std::vector<core::Migration> steps {
        { 1,
            [](QSqlDatabase& db) -> Result<void> {
                return core::exec(
                    db, u"CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s);
            } },
    };
    return steps;
}

QString threadConnectionName()
{
    return u"safeloop-server-%1"_s.arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
}

Result<void> ensureDataDir(const QString& dir)
{
    if (dir.isEmpty())
        return makeError(u"usage"_s, u"--data DIR is required"_s);
    QDir d(dir);
    if (!d.exists() && !QDir().mkpath(dir))
        return makeError(u"data_dir"_s, u"cannot create data directory %1"_s.arg(dir));
    // Records and credentials live here: owner-only access.
    if (!QFile::setPermissions(
            dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return makeError(u"data_dir"_s, u"cannot set permissions on %1"_s.arg(dir));
    return {};
}

} // namespace

int ServerStore::schemaVersion()
{
    return migrations().back().version;
}

ServerStore::ServerStore(StoreLocation location)
    : m_location(std::move(location))
{
}

Result<void> ServerStore::initialize(const StoreLocation& location)
{
    if (auto r = ensureDataDir(location.dataDir); !r)
        return r;
    if (!location.databaseUrl.isEmpty())
        return makeError(u"unsupported"_s, u"PostgreSQL stores are not supported yet"_s);
    const QString name = u"safeloop-init"_s;
    Result<void> outcome;
    {
        auto db = core::openSqlite(sqlitePath(location), name);
        if (!db)
            return db.error();
        auto migrated = core::migrate(db.value(), migrations());
        if (!migrated)
            outcome = migrated.error();
    }
    core::closeDatabase(name);
    return outcome;
}

Result<ServerStore> ServerStore::open(const StoreLocation& location)
{
    if (!location.databaseUrl.isEmpty())
        return makeError(u"unsupported"_s, u"PostgreSQL stores are not supported yet"_s);
    if (!QFileInfo::exists(sqlitePath(location))) {
        return makeError(u"not_initialised"_s,
            u"%1 holds no SafeLoop store; run `safeloop-server init --data %1` first"_s.arg(
                location.dataDir));
    }
    // Bring an older store up to date before serving.
    if (auto r = initialize(location); !r)
        return r.error();
    return ServerStore(location);
}

Result<QSqlDatabase> ServerStore::connection() const
{
    const QString name = threadConnectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name);
        if (db.isOpen())
            return db;
    }
    return core::openSqlite(sqlitePath(m_location), name);
}

} // namespace safeloop::server
