#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace safeloop::core {

/// Checkpoints a SQLite database's write-ahead log on a thread of its own, so that a writer that
/// commits often and much — the server's push writer, the device's pull of many pages — does
/// not: SQLite runs the checkpoint in the thread whose commit grew the log past 1,000 frames
/// (about 4 MB), copying the pages into the database file with two fsyncs that the writer's
/// next step would wait for. The writer commits with detail::commitLeavingCheckpoint() and
/// reports the log's size here; this thread copies the log into the database file with a passive
/// checkpoint (it waits for no reader or writer) while the writer goes on. The log is written
/// again from its beginning only when a writer finds it all copied, which a writer that never
/// pauses does not: once the log holds RestartFrames, the passive checkpoint is followed by a
/// restarting one, which holds the write lock (at most RestartWaitMs for a writer, not longer)
/// while it copies what the passive one could not — the last commit or two. Should the log grow
/// anyway (readers hold it, or this thread cannot keep up), the writer checkpoints in place once
/// it reaches OverdueFrames.
class WalCheckpointer {
public:
    /// The log size (frames) from which the checkpointer is woken.
    static constexpr int DueFrames = 1000;
    /// The log size (frames) from which the checkpointer also restarts the log.
    static constexpr int RestartFrames = 3 * DueFrames;
    /// How long a restarting checkpoint waits for the write lock or for readers.
    static constexpr int RestartWaitMs = 50;
    /// The log size (frames) from which the writer checkpoints in place.
    static constexpr int OverdueFrames = 8 * DueFrames;

    /// A connection to the database for the checkpointer's thread: `open` is called on that
    /// thread (again after a failure), `close`, if given, when the thread ends, after the
    /// checkpointer let go of the connection.
    struct Connection {
        std::function<Result<QSqlDatabase>()> open;
        std::function<void()> close;
    };
    explicit WalCheckpointer(Connection connection);
    /// A checkpointer with its own connection to the SQLite file at `path`.
    static Connection fileConnection(const QString& path);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    /// After a commit on `db` left `frames` frames in the log: wakes the checkpointer when they
    /// are due, checkpoints on `db` (the caller's thread) when they are overdue.
    void committed(QSqlDatabase& db, int frames);

    struct Stats {
        qint64 background = 0; ///< checkpoints the checkpointer's thread ran (either kind)
        qint64 restarts = 0; ///< of them, restarting checkpoints
        qint64 inPlace = 0; ///< overdue checkpoints the writer ran itself
        qint64 failed = 0; ///< checkpoints SQLite refused (the log is then left as it was)
    };
    Stats stats() const;

private:
    void run();

    Connection m_connection;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stopping = false;
    Stats m_stats;
    std::thread m_thread; ///< started with the first due checkpoint
};

} // namespace safeloop::core
