#include "serverstore.h"

#include "blobstore.h"
#include "changelog.h"
#include "core/database.h"
#include "core/schema.h"
#include "keycollation.h"
#include "serverconfig.h"
#include "sqldialect.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <atomic>
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

const std::vector<ServerMigration>& migrations()
{
    // One schema for SQLite and PostgreSQL: TEXT, BIGINT, INTEGER 0/1 booleans, epoch
    // milliseconds for times the server compares, RFC 3339 text for times it only reports.
    static const std::vector<ServerMigration> steps {
        { 1,
            [](QSqlDatabase& db) -> Result<void> {
                return core::exec(
                    db, u"CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s);
            } },
        { 2,
            [](QSqlDatabase& db) -> Result<void> {
                for (const QString& sql : {
                         u"CREATE TABLE users ("
                         "id TEXT PRIMARY KEY, "
                         "username TEXT NOT NULL UNIQUE, "
                         "name TEXT NOT NULL, "
                         "role TEXT NOT NULL, "
                         "badge TEXT, "
                         "enterprise_uscc TEXT, "
                         "enterprise_id TEXT, "
                         "streets TEXT NOT NULL DEFAULT '[]', "
                         "password_hash TEXT NOT NULL, "
                         "disabled INTEGER NOT NULL DEFAULT 0, "
                         "created_at TEXT NOT NULL, "
                         "updated_at TEXT NOT NULL)"_s,
                         u"CREATE TABLE device_logins ("
                         "id TEXT PRIMARY KEY, "
                         "user_id TEXT NOT NULL REFERENCES users(id), "
                         "device_id TEXT NOT NULL, "
                         "device_name TEXT NOT NULL, "
                         "created_at BIGINT NOT NULL, "
                         "last_used_at BIGINT NOT NULL, "
                         "revoked_at BIGINT, "
                         "revoked_reason TEXT)"_s,
                         u"CREATE INDEX device_logins_user ON device_logins(user_id)"_s,
                         u"CREATE TABLE auth_tokens ("
                         "token_hash TEXT PRIMARY KEY, "
                         "device_login_id TEXT NOT NULL REFERENCES device_logins(id), "
                         "kind TEXT NOT NULL, "
                         "expires_at BIGINT NOT NULL, "
                         "spent_at BIGINT)"_s,
                         u"CREATE INDEX auth_tokens_login ON auth_tokens(device_login_id)"_s,
                         u"CREATE TABLE login_failures ("
                         "scope_key TEXT PRIMARY KEY, "
                         "failures INTEGER NOT NULL, "
                         "window_start BIGINT NOT NULL)"_s,
                     }) {
                    if (auto r = core::exec(db, sql); !r)
                        return r;
                }
                return {};
            } },
        { 3,
            [](QSqlDatabase& db) -> Result<void> {
                // Document numbers: one counter row per (kind, year) hands out blocks; every
                // block and every void number is kept for audit.
                for (const QString& sql :
                    {
                        u"CREATE TABLE document_counters ("
                        "kind TEXT NOT NULL, "
                        "year INTEGER NOT NULL, "
                        "next_number BIGINT NOT NULL, "
                        "PRIMARY KEY (kind, year))"_s,
                        u"CREATE TABLE document_blocks ("
                        "id TEXT PRIMARY KEY, "
                        "kind TEXT NOT NULL, "
                        "year INTEGER NOT NULL, "
                        "prefix TEXT NOT NULL, "
                        "first_number BIGINT NOT NULL, "
                        "last_number BIGINT NOT NULL, "
                        "device_login_id TEXT NOT NULL REFERENCES device_logins(id), "
                        "user_id TEXT NOT NULL REFERENCES users(id), "
                        "issued_at BIGINT NOT NULL, "
                        "CHECK (first_number >= 1 AND last_number >= first_number))"_s,
                        u"CREATE UNIQUE INDEX document_blocks_start "
                        "ON document_blocks(kind, year, first_number)"_s,
                        u"CREATE INDEX document_blocks_login ON document_blocks(device_login_id)"_s,
                        u"CREATE TABLE document_voids ("
                        "kind TEXT NOT NULL, "
                        "year INTEGER NOT NULL, "
                        "number BIGINT NOT NULL, "
                        "block_id TEXT NOT NULL REFERENCES document_blocks(id), "
                        "recorded_at BIGINT NOT NULL, "
                        "PRIMARY KEY (kind, year, number))"_s,
                    }) {
                    if (auto r = core::exec(db, sql); !r)
                        return r;
                }
                return {};
            } },
        // ---- Sync steps (push/pull helper): keep together at the end; renumber at merge. ----
        { 4, [](QSqlDatabase& db) -> Result<void> { return migrateSyncSchema(db); } },
        // ---- end of sync steps ----
        { 5,
            [](QSqlDatabase& db) -> Result<void> {
                // Refresh grace window: a rotated refresh token names its successor (hash only).
                return core::exec(db, u"ALTER TABLE auth_tokens ADD COLUMN replaced_by TEXT"_s);
            } },
        { 6,
            [](QSqlDatabase& db) -> Result<void> {
                // Who uploaded each blob (or proved it holds the bytes by uploading them again):
                // attaching a blob needs this or a record in scope that references it.
                for (const QString& sql : {
                         u"CREATE TABLE blob_uploads ("
                         "sha256 TEXT NOT NULL, "
                         "user_id TEXT NOT NULL, "
                         "size BIGINT NOT NULL, "
                         "completed_at BIGINT NOT NULL, "
                         "PRIMARY KEY (sha256, user_id))"_s,
                         u"CREATE INDEX blob_uploads_user ON blob_uploads(user_id)"_s,
                     }) {
                    if (auto r = core::exec(db, sql); !r)
                        return r;
                }
                return {};
            } },
        { 7,
            [](QSqlDatabase& db) -> Result<void> {
                // Blobs kept in the database (`blobs.store` = database): complete blobs, uploads
                // in progress per uploader, and their bytes in rows of at most 1 MiB keyed by
                // the blob id (complete) or the upload key (partial).
                const QString bytes = isPostgres(db) ? u"BYTEA"_s : u"BLOB"_s;
                for (const QString& sql : {
                         u"CREATE TABLE blob_objects ("
                         "sha256 TEXT PRIMARY KEY, "
                         "size BIGINT NOT NULL, "
                         "stored_at BIGINT NOT NULL)"_s,
                         u"CREATE TABLE blob_partials ("
                         "sha256 TEXT NOT NULL, "
                         "owner TEXT NOT NULL, "
                         "total BIGINT NOT NULL, "
                         "size BIGINT NOT NULL, "
                         "modified_at BIGINT NOT NULL, "
                         "upload_key TEXT NOT NULL UNIQUE, "
                         "PRIMARY KEY (sha256, owner))"_s,
                         u"CREATE TABLE blob_chunks ("
                         "blob_key TEXT NOT NULL, "
                         "byte_offset BIGINT NOT NULL, "
                         "data %1 NOT NULL, "
                         "PRIMARY KEY (blob_key, byte_offset))"_s.arg(bytes),
                     }) {
                    if (auto r = core::exec(db, sql); !r)
                        return r;
                }
                return {};
            } },
        { 8,
            [](QSqlDatabase& db) -> Result<void> {
                // Core's step 3: recorded conflicts of interest (回避).
                return core::schemaMigrations().at(2).apply(db);
            } },
        { 9,
            [](QSqlDatabase& db) -> Result<void> {
                // Each number an issued document (document.issue) used: a number serves one
                // document only, whichever device pushes it.
                return core::exec(db,
                    u"CREATE TABLE issued_documents ("
                    "kind TEXT NOT NULL, "
                    "year INTEGER NOT NULL, "
                    "number BIGINT NOT NULL, "
                    "document_id TEXT NOT NULL, "
                    "block_id TEXT NOT NULL REFERENCES document_blocks(id), "
                    "recorded_at BIGINT NOT NULL, "
                    "PRIMARY KEY (kind, year, number))"_s);
            } },
        { 10,
            [](QSqlDatabase& db) -> Result<void> {
                // Core's step 4: the documents inspectors issued, pulled by their enterprise.
                return core::schemaMigrations().at(3).apply(db);
            } },
        { 11,
            [](QSqlDatabase& db) -> Result<void> {
                // PostgreSQL: keys, references, codes and instants in the "C" collation, so
                // that the B-trees compare them bytewise whatever the database's locale
                // (docs/architecture.md). A later step that adds key columns puts them in "C"
                // on PostgreSQL too: KeyCollationTest fails for an indexed text column that is not.
                return useBytewiseKeys(db);
            } },
    };
    return steps;
}

QString threadConnectionName(int instance)
{
    return u"safeloop-server-%1-%2"_s.arg(instance).arg(
        reinterpret_cast<quintptr>(QThread::currentThreadId()));
}

std::atomic<int> g_instances { 0 };

class ThreadConnections;
/// This thread's ThreadConnections while it exists (a store let go during the process's exit,
/// after the thread's objects were destroyed, finds none).
thread_local ThreadConnections* t_current = nullptr;

/// The connections ServerStore::connection() opened on this thread, closed when the thread
/// ends. Without this, every worker thread of every server a process ever ran kept its
/// connection open (a PostgreSQL suite run in one process ran out of connections).
class ThreadConnections {
public:
    ThreadConnections() { t_current = this; }
    ThreadConnections(const ThreadConnections&) = delete;
    ThreadConnections& operator=(const ThreadConnections&) = delete;
    ~ThreadConnections()
    {
        t_current = nullptr;
        for (const QString& name : std::as_const(m_names))
            core::closeDatabase(name);
    }
    void add(const QString& name)
    {
        if (!m_names.contains(name))
            m_names.append(name);
    }
    /// Closes `name` if this thread opened it.
    void close(const QString& name)
    {
        if (m_names.removeOne(name))
            core::closeDatabase(name);
    }

private:
    QStringList m_names;
};

thread_local ThreadConnections t_connections;

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

const std::vector<ServerMigration>& serverMigrations()
{
    return migrations();
}

int ServerStore::schemaVersion()
{
    return migrations().back().version;
}

struct ServerStore::Instance {
    Instance()
        : id(++g_instances)
    {
    }
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;
    /// The last copy of the store is gone: its connection on this thread goes too (the other
    /// threads' close when those threads end).
    ~Instance()
    {
        if (t_current)
            t_current->close(threadConnectionName(id));
    }
    const int id;
};

ServerStore::ServerStore(StoreLocation location)
    : m_location(std::move(location))
    , m_instance(std::make_shared<const Instance>())
{
}

Result<QSqlDatabase> openLocation(
    const StoreLocation& location, const QString& name, core::IntegrityCheck check)
{
    if (location.databaseUrl.isEmpty()) {
        auto db = core::openSqlite(sqlitePath(location), name, check);
        if (!db)
            return db;
        // A push group writes a few MB of pages in one transaction, each push inside a
        // savepoint. The savepoint's sub-journal (the pages' images before the push) is a
        // temporary file that SQLite writes with a system call per page once it passes 64 KiB;
        // it is kept in memory instead, and so are up to 64 MB of dirty pages before the pager
        // spills any into the WAL ahead of the commit (clean pages are still held to the
        // default cache size).
        for (const auto& pragma :
            { u"PRAGMA temp_store = MEMORY"_s, u"PRAGMA cache_spill = 16384"_s })
            if (auto r = core::exec(db.value(), pragma); !r)
                return r.error();
        return db;
    }
    auto settings = parsePostgresUrl(location.databaseUrl);
    if (!settings)
        return settings.error();
    return openPostgres(settings.value(), name);
}

Result<void> ServerStore::initialize(const StoreLocation& location)
{
    if (auto r = ensureDataDir(location.dataDir); !r)
        return r;
    if (!location.databaseUrl.isEmpty()) {
        if (auto settings = parsePostgresUrl(location.databaseUrl); !settings)
            return settings.error();
    }
    const QString name
        = u"safeloop-init-%1"_s.arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    Result<void> outcome;
    {
        auto db = openLocation(location, name);
        if (!db)
            return db.error();
        auto migrated = migrateServer(db.value(), migrations());
        if (!migrated)
            outcome = migrated.error();
    }
    core::closeDatabase(name);
    return outcome;
}

Result<ServerStore> ServerStore::open(const StoreLocation& location)
{
    const auto notInitialised = [&] {
        return makeError(u"not_initialised"_s,
            u"%1 holds no SafeLoop store; run `safeloop-server init --data %1` first"_s.arg(
                location.dataDir));
    };
    if (location.databaseUrl.isEmpty()) {
        if (!QFileInfo::exists(sqlitePath(location)))
            return notInitialised();
    } else {
        if (!QFileInfo(location.dataDir).isDir())
            return notInitialised();
        const QString name = u"safeloop-open-check"_s;
        int version = -1;
        {
            auto db = openLocation(location, name);
            if (!db)
                return db.error();
            version = serverSchemaVersion(db.value());
        }
        core::closeDatabase(name);
        if (version <= 0)
            return makeError(u"not_initialised"_s,
                u"the PostgreSQL database holds no SafeLoop store; run `safeloop-server init "
                "--data %1 --database …` first"_s.arg(location.dataDir));
    }
    // Bring an older store up to date before serving.
    if (auto r = initialize(location); !r)
        return r.error();
    ServerStore store(location);
    // Every BlobStore made from blobDir() in this process follows the store's blob setting.
    auto db = store.connection();
    if (!db)
        return db.error();
    auto backend = ServerConfig::get(db.value(), QString::fromLatin1(ServerConfig::BlobStoreKey));
    if (!backend)
        return backend.error();
    if (backend.value() == QLatin1String(ServerConfig::BlobStoreDatabase))
        BlobStore::attachDatabase(store.blobDir(), [store] { return store.connection(); });
    else
        BlobStore::attachDatabase(store.blobDir(), {});
    return store;
}

Result<QSqlDatabase> ServerStore::connection() const
{
    const QString name = threadConnectionName(m_instance->id);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name);
        if (db.isOpen())
            return db;
        QSqlDatabase::removeDatabase(name);
    }
    // open() checked the file (initialize()); a thread's connection does not read it all again.
    auto db = openLocation(m_location, name, core::IntegrityCheck::AlreadyChecked);
    if (db)
        t_connections.add(name);
    return db;
}

QString ServerStore::blobDir() const
{
    return QDir(m_location.dataDir).filePath(u"blobs"_s);
}

} // namespace safeloop::server
