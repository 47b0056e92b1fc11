#pragma once

#include "requestdecoders.h"

// Pieces SyncService's push (pushapplier.cpp) and pull (pullreader.cpp, pagereader.cpp) share.
// Private to server/.

#include "auth.h"
#include "changelog.h"
#include "syncservice.h"

#include "core/database.h"
#include "core/mutation.h"
#include "core/nativesqlite.h"
#include "core/result.h"
#include "core/walcheckpointer.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QTimeZone>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace safeloop::server::detail {

/// The pushes waiting for the writer (SyncService::push): one group is written at a time.
class PushQueue {
public:
    /// One push waiting to be written, owned by the thread that received it.
    struct Entry {
        const Caller* caller = nullptr;
        const ParsedPush* parsed = nullptr;
        std::optional<core::Result<PushResult>> result;
    };
    std::mutex mutex;
    std::condition_variable written;
    std::deque<Entry*> waiting;
    bool writing = false;
    SyncService::PushStats stats;
    /// The SQLite store's WAL checkpoints, off the writer's path (null on PostgreSQL).
    std::unique_ptr<core::WalCheckpointer> checkpointer;
};

/// A read transaction for building one pull page: one snapshot and one lock on SQLite instead of
/// one per statement. Ends when it goes out of scope.
class ReadTransaction {
public:
    explicit ReadTransaction(QSqlDatabase& db)
        : m_db(db)
        , m_open(core::exec(db, QStringLiteral("BEGIN")).ok())
    {
    }
    ~ReadTransaction()
    {
        if (m_open)
            static_cast<void>(core::exec(m_db, QStringLiteral("COMMIT")));
    }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    QSqlDatabase& m_db;
    bool m_open;
};

/// Rolls back an open raw transaction unless committed.
class WriteTransaction {
public:
    explicit WriteTransaction(QSqlDatabase& db)
        : m_db(db)
    {
    }
    ~WriteTransaction()
    {
        if (m_open)
            static_cast<void>(core::exec(m_db, QStringLiteral("ROLLBACK")));
    }
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    core::Result<void> begin()
    {
        auto r = beginWrite(m_db);
        m_open = r.ok();
        return r;
    }
    core::Result<void> commit()
    {
        m_open = false;
        return core::exec(m_db, QStringLiteral("COMMIT"));
    }
    /// commit() leaving the WAL checkpoint to the caller (core::detail::commitLeavingCheckpoint):
    /// `walFrames` gets the log's size after it.
    core::Result<void> commitLeavingCheckpoint(int* walFrames)
    {
        m_open = false;
        return core::detail::commitLeavingCheckpoint(m_db, walFrames);
    }

private:
    QSqlDatabase& m_db;
    bool m_open = false;
};

/// A stored JSON object text parsed (an empty object when it is none).
QJsonObject parseObject(const QString& s);

/// The enterprise an enterprise user belongs to: linked id, else the credit code given at
/// `user add` (an enterprise's id is its credit code).
QString callerEnterprise(const Caller& c);

/// A push result's error as the wire carries it.
QJsonObject errorJson(const core::Error& e);

/// Whether `c` is an inspector limited to streets.
bool isStreetScoped(const Caller& c);

/// Whether `caller` may see a record of `entity` with scope `s` now.
bool visible(const Caller& caller, const QString& entity, const QString& id, const RecordScope& s);

/// How a caller stands to a blob: it sees the blob while one live record that references it is
/// visible to it; an enterprise may have held it if one of its own records referenced it.
struct BlobSight {
    bool visible = false;
    bool mayHaveHeld = false;
};
core::Result<BlobSight> blobSight(QSqlDatabase& db, const Caller& caller, const QString& sha256);

// DeviceStatus, ParsedPush and parsePush() are the request decoders (requestdecoders.h).

} // namespace safeloop::server::detail
