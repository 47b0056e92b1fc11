#pragma once

#include "result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace safeloop::core {

/// While it lives, prepared() on its connection from this thread keeps every statement it
/// prepares and hands it out again for the same SQL text: one prepare per statement per
/// transaction instead of one per execution (on PostgreSQL each prepare and its deallocation are
/// round trips of their own). The server opens one around each push group; the device opens
/// none, and prepared() then prepares afresh. A statement prepared() returned must be read before
/// the same SQL is executed again. Ends (every statement finished and released) before the
/// transaction it serves commits.
class StatementCache {
public:
    explicit StatementCache(QSqlDatabase& db);
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    /// The prepared statement for `sql` (prepared now if it is new), or an error.
    Result<QSqlQuery> statement(const QString& sql);
    /// The connection whose statements this cache keeps.
    const QString& connectionName() const { return m_connection; }
    /// How many distinct statements have been prepared while the cache lived.
    qsizetype size() const { return m_statements.size(); }

private:
    QSqlDatabase m_db;
    QString m_connection;
    QHash<QString, QSqlQuery> m_statements;
    StatementCache* m_outer = nullptr;
};

/// A prepared statement for `sql` on `db`: the one the StatementCache of `db` on this thread
/// keeps, or a new one when none is in force. Bind values by index (bindValue(i, v)). Under a
/// RowCache (rowcache.h) its queued record writes are written first.
Result<QSqlQuery> prepared(QSqlDatabase& db, const QString& sql);

namespace detail {
/// prepared() without the RowCache's turn: for the RowCache's own statements.
Result<QSqlQuery> preparedDirect(QSqlDatabase& db, const QString& sql);
/// What the RowCache in force on `db` (if any) must do before `sql` runs: write its queued
/// rows, forget what a rollback or a write of a held table makes stale (rowcache.cpp).
Result<void> beforeStatement(QSqlDatabase& db, const QString& sql);
} // namespace detail

} // namespace safeloop::core
