#pragma once

#include "mutation.h"
#include "result.h"

#include <QList>
#include <QSqlDatabase>

#include <QByteArray>

#include <memory>
#include <optional>

namespace safeloop::core {

/// Statements with positional parameters (`$1`, `$2`, …) sent on a connection's own client
/// library: the values travel apart from the statement text (no quoting, nothing parsed again)
/// and each distinct statement is parsed once per connection. The server hands RowCache one on
/// PostgreSQL (server/pgstatements.h); without one, RowCache sends its statements through QtSql.
class ParamStatements {
public:
    /// A value: UTF-8 text, or SQL NULL (std::nullopt).
    using Value = std::optional<QByteArray>;
    virtual ~ParamStatements() = default;
    /// Whether a statement can be sent now: false while another result is still being read on
    /// the connection or its transaction has failed (RowCache then uses QtSql).
    virtual bool ready() = 0;
    /// Runs `sql` with `values` and returns its rows, each column as text or std::nullopt for
    /// NULL. A refused statement is an `sql_error` with the database's message.
    virtual Result<QList<QList<Value>>> run(const QString& sql, const QList<Value>& values) = 0;
};

/// While it lives, core's record reads and writes (the row codec every mutation uses) on its
/// connection from this thread go through it. The server opens one around each push group,
/// beside the group's StatementCache; the device opens none and reads and writes each row at
/// once.
///
/// - A read answers from the row held for (entity, id): prefetched, read before, or written —
///   or "absent" when the database had no such record. A read of a row not held reads it and
///   keeps it.
/// - A write updates the held row and queues the upsert (write-behind). Queued upserts go out
///   as multi-row `INSERT … ON CONFLICT (id) DO UPDATE` statements, parents' tables first,
///   before any other statement runs through prepared() or exec() on the connection (SAVEPOINT
///   and RELEASE included), and at flush().
/// - A ROLLBACK through exec() forgets every held row and every queued upsert: the rollback may
///   undo any of them. A statement other than a SELECT that names a held table (after the
///   queue is written) forgets that table's rows.
///
/// Its owner calls flush() before the transaction commits; upserts still queued when it ends
/// are dropped.
class RowCache {
public:
    explicit RowCache(QSqlDatabase& db);
    ~RowCache();
    RowCache(const RowCache&) = delete;
    RowCache& operator=(const RowCache&) = delete;

    /// Loads, into the rows held, the records `mutations` will read that are not held yet: each
    /// one's own record and the records its arguments name (referenceRules()), with one SELECT
    /// per table (up to 512 ids each). Ids the database does not hold are held as absent.
    Result<void> prefetch(const QList<Mutation>& mutations);
    /// Writes every queued upsert now. A failure (a constraint) is returned and remembered
    /// (flushFailed()); the transaction must then be rolled back past the writes.
    Result<void> flush();
    /// Forgets every held row and every queued upsert.
    void clear();
    /// Off: reads and writes reach the database at once, as on the device. Either way clear()s
    /// and forgets a failed flush.
    void setEnabled(bool on);
    bool enabled() const;
    /// A flush failed since the cache was made or last setEnabled() (a rollback's clear() keeps
    /// this, so that the owner can tell why the work it rolled back failed).
    bool flushFailed() const;
    /// From now on, the multi-row upserts and the prefetch go through `statements` (not owned;
    /// it must outlive the cache or be unset with nullptr) whenever it is ready().
    void setParamStatements(ParamStatements* statements);

    struct Stats {
        qint64 hits = 0; ///< reads answered from held rows
        qint64 misses = 0; ///< reads that went to the database
        qint64 prefetched = 0; ///< keys loaded by prefetch() (present or absent)
        qint64 queued = 0; ///< writes queued
        qint64 flushedRows = 0; ///< rows written by flushes (a key written twice counts once)
        qint64 flushStatements = 0; ///< multi-row statements executed
        qint64 paramStatements = 0; ///< upserts and prefetches sent through ParamStatements
    };
    Stats stats() const;

    /// Runs `sql`, a statement with `?` placeholders whose rows no one reads (an INSERT),
    /// through the ParamStatements of the RowCache in force on `db` from this thread, after its
    /// queued upserts as prepared() would. std::nullopt when no enabled cache with ready
    /// ParamStatements is in force: the caller then runs it through QtSql.
    static std::optional<Result<void>> runWithParams(
        QSqlDatabase& db, const QString& sql, const QList<ParamStatements::Value>& values);

private:
    friend struct RowCacheAccess;
    struct State;
    std::unique_ptr<State> d;
};

} // namespace safeloop::core
