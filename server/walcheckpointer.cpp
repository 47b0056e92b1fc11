#include "walcheckpointer.h"

#include "core/nativesqlite.h"

#include <QDebug>

namespace safeloop::server::detail {

WalCheckpointer::WalCheckpointer(ServerStore store)
    : m_store(std::move(store))
{
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
        const auto done = core::detail::checkpoint(db, core::detail::CheckpointMode::Passive);
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
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_due || m_stopping; });
        if (m_stopping)
            return;
        m_due = false;
        lock.unlock();
        // This thread's own connection (closed when the thread ends).
        auto db = m_store.connection();
        using core::detail::CheckpointMode;
        auto done = db ? core::detail::checkpoint(db.value(), CheckpointMode::Passive)
                       : core::Result<core::detail::WalCheckpoint>(db.error());
        bool restarted = false;
        if (done && done.value().logFrames >= RestartFrames) {
            done = core::detail::checkpoint(db.value(), CheckpointMode::Restart, RestartWaitMs);
            restarted = done && !done.value().busy;
        }
        lock.lock();
        ++(done ? m_stats.background : m_stats.failed);
        m_stats.restarts += restarted ? 1 : 0;
        if (!done)
            qWarning().noquote() << "WAL checkpoint:" << done.error().message;
    }
}

} // namespace safeloop::server::detail
