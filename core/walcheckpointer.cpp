#include "walcheckpointer.h"

#include "database.h"
#include "nativesqlite.h"

#include <QDebug>

#include <atomic>
#include <optional>

using namespace Qt::StringLiterals;

namespace safeloop::core {

WalCheckpointer::WalCheckpointer(Connection connection)
    : m_connection(std::move(connection))
{
}

WalCheckpointer::Connection WalCheckpointer::fileConnection(const QString& path)
{
    static std::atomic<quint64> instances { 0 };
    const QString name = u"safeloop-wal-checkpointer-%1"_s.arg(++instances);
    return { [path, name] { return openSqlite(path, name, IntegrityCheck::AlreadyChecked); },
        [name] { closeDatabase(name); } };
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void WalCheckpointer::committed(QSqlDatabase& db, int frames)
{
    if (frames >= OverdueFrames) {
        const auto done = detail::checkpoint(db, detail::CheckpointMode::Passive);
        std::lock_guard lock(m_mutex);
        ++(done ? m_stats.inPlace : m_stats.failed);
        if (!done)
            qWarning().noquote() << done.error().message;
        return;
    }
    if (frames < DueFrames)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_due = true;
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
    }
    m_wake.notify_one();
}

WalCheckpointer::Stats WalCheckpointer::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void WalCheckpointer::run()
{
    {
        std::optional<QSqlDatabase> db; // this thread's connection, opened on the first wake
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_due || m_stopping; });
            if (m_stopping)
                break;
            m_due = false;
            lock.unlock();
            Result<detail::WalCheckpoint> done = detail::WalCheckpoint {};
            if (!db) {
                if (auto opened = m_connection.open())
                    db = opened.value();
                else
                    done = opened.error();
            }
            bool restarted = false;
            if (db) {
                using detail::CheckpointMode;
                done = detail::checkpoint(*db, CheckpointMode::Passive);
                if (done && done.value().logFrames >= RestartFrames) {
                    done = detail::checkpoint(*db, CheckpointMode::Restart, RestartWaitMs);
                    restarted = done && !done.value().busy;
                }
            }
            lock.lock();
            ++(done ? m_stats.background : m_stats.failed);
            m_stats.restarts += restarted ? 1 : 0;
            if (!done)
                qWarning().noquote() << "WAL checkpoint:" << done.error().message;
        }
    }
    if (m_connection.close)
        m_connection.close();
}

} // namespace safeloop::core
