// SQLite's own handle under a Qt SQLite connection, and statements prepared on it: for the few
// paths that step many rows where QSqlQuery's QVariant per column costs more than the row (the
// pull's RecordWriter and the push group's RowCache in core, the server's pull page). Usable by
// core and server; not installed.
#pragma once

#include "result.h"

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

/// How many frames SQLite lets a WAL grow to before the committing connection checkpoints it
/// (its default auto-checkpoint, which core's connections keep).
inline constexpr int AutoCheckpointFrames = 1000;

/// COMMIT on `db` without the WAL checkpoint SQLite would run in this thread, right after the
/// commit, once the log holds AutoCheckpointFrames or more: the server's push writer leaves it to
/// its checkpointer thread. `walFrames` gets the log's size in frames after the commit (0 when `db`
/// is not a SQLite connection in WAL mode, whose COMMIT is then the plain one). The connection's
/// auto-checkpoint is back in force afterwards.
Result<void> commitLeavingCheckpoint(QSqlDatabase& db, int* walFrames);

/// What a checkpoint left: frames in the log and how many of them are in the database file.
struct WalCheckpoint {
    int logFrames = 0;
    int copiedFrames = 0;
    bool busy = false; ///< it stopped at a lock or reader it would not wait for any longer
};
enum class CheckpointMode {
    /// Copies what it can into the database file; waits for no reader or writer.
    Passive,
    /// Takes the write lock (waiting for a writer at most `busyMs`), copies every frame and
    /// waits for readers of the log, so that the next writer starts the log again from its
    /// beginning.
    Restart,
};
/// A checkpoint of `db`'s WAL; zero frames when `db` is not SQLite. A checkpoint that found
/// the database busy within `busyMs` is not an error: it did what it could.
Result<WalCheckpoint> checkpoint(QSqlDatabase& db, CheckpointMode mode, int busyMs = 0);

} // namespace safeloop::core::detail
