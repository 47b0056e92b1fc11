#pragma once

#include "result.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <vector>

class QSqlQuery;

namespace safeloop::core {

/// One numbered schema step; applied inside a transaction, then `PRAGMA user_version` is set.
struct Migration {
    int version;
    std::function<Result<void>(QSqlDatabase&)> apply;
};

/// Whether opening a database file reads all of it first to refuse a damaged one.
enum class IntegrityCheck {
    Quick, ///< `PRAGMA quick_check`: every page read once
    AlreadyChecked, ///< the process checked this file when it first opened it
};

/// How long a SQLite connection core opens waits for another connection's lock.
inline constexpr int BusyTimeoutMs = 5000;

/// Opens (creating if needed) an SQLite database under a unique connection name with SafeLoop's
/// durability settings: WAL, synchronous=FULL, foreign keys on, a busy timeout, and (unless the
/// caller already checked the file) a `quick_check` that refuses a damaged file.
Result<QSqlDatabase> openSqlite(const QString& path, const QString& connectionName,
    IntegrityCheck check = IntegrityCheck::Quick);

/// Closes and forgets the named connection (QtSql keeps connections in a global registry).
void closeDatabase(const QString& connectionName);

/// Runs every migration whose version is above the database's `user_version`, in order, each in
/// its own transaction. A failed step rolls back and leaves the version where it was.
Result<int> migrate(QSqlDatabase& db, const std::vector<Migration>& migrations);

/// `PRAGMA user_version` of an SQLite database.
int userVersion(QSqlDatabase& db);

/// Executes one statement; the error carries the SQL driver's text.
Result<void> exec(QSqlDatabase& db, const QString& sql);

/// The error of a failed query: `sql_error` with the SQL driver's text.
Error sqlError(const QSqlQuery& query);
/// The error of a failed query under the caller's own code (the app's device store reports
/// `storage_error`), with the SQL driver's text.
Error sqlError(const QSqlQuery& query, const QString& code);

/// `o` as compact JSON text (no whitespace, keys sorted as QJsonObject keeps them), the form
/// SafeLoop stores in TEXT columns.
QString compact(const QJsonObject& o);

} // namespace safeloop::core
