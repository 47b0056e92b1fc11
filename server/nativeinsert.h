#pragma once

#include "core/nativesqlite.h"
#include "core/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <variant>

namespace safeloop::server {

/// One INSERT prepared on SQLite's own handle under a Qt SQLite connection (core/nativesqlite.h)
/// and stepped once per row, each value bound as it is: for the rows a push writes for its own
/// bookkeeping (change log, results kept for replays), where QtSql's QVariant per value and its
/// multi-row statements cost more than SQLite's insert. On PostgreSQL, or when Qt's driver runs
/// on another SQLite library, it is not usable() and the caller writes through QtSql.
class NativeInsert {
public:
    /// A value: NULL, a whole number or text.
    using Value = std::variant<std::monostate, qint64, QString>;

    NativeInsert(QSqlDatabase& db, QString sql);
    NativeInsert(const NativeInsert&) = delete;
    NativeInsert& operator=(const NativeInsert&) = delete;

    bool usable() const { return m_handle != nullptr; }
    /// Inserts one row. Before the first, a core::RowCache in force on the connection writes its
    /// queue, as before any statement. A refused row is an `sql_error` with SQLite's message.
    core::Result<void> insert(std::initializer_list<Value> values);
    /// Rows inserted so far.
    qint64 rows() const { return m_rows; }

    /// NULL for a null variant or a null string (as QtSql binds them), else its text.
    static Value text(const QVariant& v);

private:
    QSqlDatabase& m_db;
    QString m_sql;
    sqlite3* m_handle = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    qint64 m_rows = 0;
    /// Finalized with this object, which lives inside the push, before the connection closes.
    core::detail::NativeStatements m_statements;
};

} // namespace safeloop::server
