// SQLite's own handle under a Qt SQLite connection, and statements prepared on it: for the few
// paths that step many rows where QSqlQuery's QVariant per column costs more than the row (the
// pull's RecordWriter and the push group's RowCache in core, the server's pull page). Usable by
// core and server; not installed.
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace safeloop::core::detail {

/// The `sqlite3*` of a Qt SQLite connection, when Qt's driver runs on the same SQLite library
/// this binary links; null otherwise (then the caller keeps to QSqlQuery).
sqlite3* nativeHandle(QSqlDatabase& db);

/// Statements prepared on a connection's own SQLite handle (SQLITE_PREPARE_PERSISTENT), kept by
/// key and finalized with the holder, which must go before the connection closes.
class NativeStatements {
public:
    NativeStatements() = default;
    NativeStatements(const NativeStatements&) = delete;
    NativeStatements& operator=(const NativeStatements&) = delete;
    ~NativeStatements();

    /// The statement kept under `key`; when there is none, `sql()` prepared on `handle` now.
    /// Null when SQLite refuses it, its message then in `error` (when given).
    template <typename Sql>
    sqlite3_stmt* statement(
        sqlite3* handle, const QString& key, Sql&& sql, QString* error = nullptr)
    {
        if (const auto it = m_statements.constFind(key); it != m_statements.constEnd())
            return it.value();
        return prepare(handle, key, sql(), error);
    }

private:
    sqlite3_stmt* prepare(sqlite3* handle, const QString& key, const QString& sql, QString* error);

    QHash<QString, sqlite3_stmt*> m_statements;
};

} // namespace safeloop::core::detail
