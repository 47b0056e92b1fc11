#pragma once

#include "core/database.h"
#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <vector>

namespace safeloop::server {

struct ServerMigration;

/// The server's numbered schema steps, oldest first: ServerStore::initialize() applies them
/// all through migrateServer(); a test builds a store of an earlier version from the first few.
const std::vector<ServerMigration>& serverMigrations();

/// Where the server keeps its records: SQLite in the data directory (default) or PostgreSQL.
struct StoreLocation {
    QString dataDir;
    QString databaseUrl; ///< empty: SQLite file `safeloop.db` in dataDir
};

/// Opens a new connection to the location's database under `connectionName`. An SQLite file is
/// integrity-checked unless `check` says the process already did (ServerStore::open checks it
/// once; each worker thread's own connection then opens without reading the whole file again).
core::Result<QSqlDatabase> openLocation(const StoreLocation& location,
    const QString& connectionName, core::IntegrityCheck check = core::IntegrityCheck::Quick);

/// The server's record store. Each thread opens its own connection through `connection()`.
/// A thread's connections are closed when the thread ends (a worker of a server that
/// stopped) and, on the thread that lets the last copy of a store go, that thread's
/// connection of the store; a process that opens many stores one after another (the test
/// suites) does not pile up connections.
class ServerStore {
public:
    /// Schema version of the server store, reported by `GET /api/v1/health`.
    static int schemaVersion();

    /// Creates the data directory (mode 0700) if needed and brings the schema up to date.
    static core::Result<void> initialize(const StoreLocation& location);

    /// Opens the store for serving; refuses a data directory that was never initialised.
    static core::Result<ServerStore> open(const StoreLocation& location);

    const StoreLocation& location() const { return m_location; }

    /// The calling thread's connection (opened on first use, closed as the class says).
    core::Result<QSqlDatabase> connection() const;

    /// Root of the content-addressed blob files (`DIR/blobs`), whatever the database.
    QString blobDir() const;

private:
    explicit ServerStore(StoreLocation location);
    struct Instance;
    StoreLocation m_location;
    /// Distinguishes the connections of stores opened in one process; shared by the copies.
    std::shared_ptr<const Instance> m_instance;
};

} // namespace safeloop::server
