#pragma once

#include "core/rowcache.h"

#include <QSqlDatabase>

#include <memory>

struct pg_conn;

namespace safeloop::server {

/// core::ParamStatements on the `PGconn` of a QtSql PostgreSQL connection (libpq): each distinct
/// statement is prepared once per database session (`PQprepare`, named statements that live as
/// long as the session) and run with its values as separate text parameters
/// (`PQexecPrepared`), its rows read as text. QtSql's PostgreSQL driver formats every value into
/// an `EXECUTE` statement's text instead, which the database parses again on every run.
class PgStatements final : public core::ParamStatements {
public:
    /// For a QPSQL connection whose driver hands out its `PGconn*`; null otherwise (SQLite, or a
    /// driver without the handle), and the caller keeps to QtSql.
    static std::unique_ptr<PgStatements> open(QSqlDatabase& db);

    bool ready() override;
    core::Result<QList<QList<Value>>> run(const QString& sql, const QList<Value>& values) override;

private:
    explicit PgStatements(pg_conn* connection);

    pg_conn* m_connection;
};

} // namespace safeloop::server
