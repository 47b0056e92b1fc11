#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <vector>

namespace safeloop::core {

/// One numbered schema step; applied inside a transaction, then `PRAGMA user_version` is set.
struct Migration {
    int version;
    std::function<Result<void>(QSqlDatabase&)> apply;
};

/// Opens (creating if needed) an SQLite database under a unique connection name with SafeLoop's
/// durability settings: WAL, synchronous=FULL, foreign keys on, a busy timeout, and a
/// `quick_check` that refuses a damaged file.
Result<QSqlDatabase> openSqlite(const QString& path, const QString& connectionName);

/// Closes and forgets the named connection (QtSql keeps connections in a global registry).
void closeDatabase(const QString& connectionName);

/// Runs every migration whose version is above the database's `user_version`, in order, each in
/// its own transaction. A failed step rolls back and leaves the version where it was.
Result<int> migrate(QSqlDatabase& db, const std::vector<Migration>& migrations);

/// `PRAGMA user_version` of an SQLite database.
int userVersion(QSqlDatabase& db);

/// Executes one statement; the error carries the SQL driver's text.
Result<void> exec(QSqlDatabase& db, const QString& sql);

} // namespace safeloop::core
