#pragma once

#include "core/result.h"
#include "core/statementcache.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <vector>

namespace safeloop::server {

/// Connection settings parsed from `postgresql://user[:password]@host[:port]/dbname`.
struct PgSettings {
    QString user;
    QString password;
    QString host;
    int port = 5432;
    QString database;
};

/// Parses a `postgresql://` (or `postgres://`) URL; the error names the part that is wrong.
core::Result<PgSettings> parsePostgresUrl(const QString& url);

/// Opens a PostgreSQL connection under a unique name.
core::Result<QSqlDatabase> openPostgres(const PgSettings& settings, const QString& connectionName);

/// True for a QPSQL connection; the few places where the SQL dialects differ ask this.
bool isPostgres(const QSqlDatabase& db);

/// One numbered server schema step, applied in its own transaction.
struct ServerMigration {
    int version;
    std::function<core::Result<void>(QSqlDatabase&)> apply;
};

/// Brings the schema up to date on SQLite (`PRAGMA user_version`) or PostgreSQL (the
/// `safeloop_schema` table, under an advisory lock so that several server processes starting
/// together migrate once). Returns the resulting version.
core::Result<int> migrateServer(QSqlDatabase& db, const std::vector<ServerMigration>& steps);

/// Current schema version (0 for an empty database, -1 if unreadable).
int serverSchemaVersion(QSqlDatabase& db);

/// Prepares and executes one statement with `?` placeholders bound in order. While a
/// StatementCache of `db` lives on this thread, the statement is prepared once and reused.
core::Result<QSqlQuery> run(
    QSqlDatabase& db, const QString& sql, std::initializer_list<QVariant> values = {});

/// run() with a list of values: for statements whose placeholders are counted at run time
/// (multi-row INSERTs, IN lists).
core::Result<QSqlQuery> runValues(QSqlDatabase& db, const QString& sql, const QVariantList& values);

/// runValues() for an INSERT whose answer no one reads: while the push group's core::RowCache
/// has ParamStatements (PostgreSQL: libpq), its values go as parameters through them (when they
/// are whole numbers, text or NULL); otherwise through runValues().
core::Result<void> runInsert(QSqlDatabase& db, const QString& sql, const QVariantList& values);

/// While it lives, run() (and core's record reads and writes) on its connection from this
/// thread reuse every statement prepared: see core::StatementCache.
using core::StatementCache;

/// A transaction that rolls back unless committed.
class Transaction {
public:
    explicit Transaction(QSqlDatabase& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    bool ok() const { return m_open; }
    core::Result<void> commit();

private:
    QSqlDatabase& m_db;
    bool m_open;
};

/// Milliseconds since the Unix epoch (UTC).
qint64 nowMs();

/// RFC 3339 UTC timestamp with milliseconds for the given epoch milliseconds.
QString rfc3339(qint64 ms);

} // namespace safeloop::server
