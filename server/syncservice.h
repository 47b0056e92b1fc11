#pragma once

#include "auth.h"
#include "changelog.h"
#include "core/result.h"
#include "serverstore.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <memory>
#include <optional>

namespace safeloop::server {

namespace detail {
class PushQueue;
}

struct PushResultItem {
    qint64 id = 0;
    QString status; ///< applied, merged, conflict, rejected
    std::optional<core::Error> error;
};

struct PushResult {
    QList<PushResultItem> results;
    qint64 lastMutationId = 0;
};

/// Push and pull of SYNC.md. Error codes (HTTP status in docs/api.md): `invalid_request`,
/// `missing_field`, `too_many_mutations`, `client_too_old`, `mutation_gap` (message carries
/// `expected`, see `expectedOf`), `invalid_cursor`, `sql_error`.
class SyncService {
public:
    /// Most mutations in one push batch.
    static constexpr int MaxBatch = 500;
    /// Oldest wire schema version the server still accepts.
    static constexpr int MinClientSchema = 1;
    /// Accepted clock skew of a mutation's HLC; beyond it the server orders by arrival.
    static constexpr qint64 MaxSkewMs = 5LL * 60 * 1000;
    static constexpr int DefaultPullLimit = 1000;
    static constexpr int MaxPullLimit = 5000;

    explicit SyncService(
        const ServerStore& store, QTimeZone zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai")));

    /// Most mutations one group commit applies: pushes that arrive while another group is being
    /// written wait and are written together in the next one, up to this many mutations.
    static constexpr int MaxGroupMutations = 2 * MaxBatch;

    /// Applies a push batch as `caller` exactly as POST /api/v1/sync/push does. Pushes from
    /// many threads queue behind one writer: whichever thread finds no group being written
    /// writes every push queued so far (each in its own savepoint, so one push's failure is its
    /// own) and commits them together, once.
    core::Result<PushResult> push(const Caller& caller, const QJsonObject& body);
    /// One pull page as GET /api/v1/sync/pull returns it: the JSON text of the response body.
    /// Records' stored `doc`/`versions` text is copied into the page as it is.
    core::Result<QByteArray> pullPage(const Caller& caller, const QString& cursor, int limit);
    /// pullPage() parsed (for tests and tools).
    core::Result<QJsonObject> pull(const Caller& caller, const QString& cursor, int limit);
    /// How `caller` stands to blob `sha256`: reads it through a record in scope (`visible`), and
    /// uploaded it or proved it holds the bytes (`uploader`).
    struct BlobAccess {
        bool visible = false;
        bool uploader = false;
    };
    core::Result<BlobAccess> blobAccess(const Caller& caller, const QString& sha256);

    /// Announces a blob that finished uploading: its attachment entries change to complete.
    core::Result<void> blobCompleted(const QString& sha256);

    /// Pushes written and the group commits that wrote them, since this service was made: fewer
    /// groups than pushes means pushes that arrived together shared one durable commit.
    struct PushStats {
        qint64 pushes = 0;
        qint64 groups = 0;
        /// Row upserts and prefetches sent with their values as parameters through the
        /// connection's own client library (PostgreSQL: libpq), not through QtSql.
        qint64 paramStatements = 0;
        /// SQLite: WAL checkpoints run by the store's checkpointer thread, and those the push
        /// writer ran itself because the log had grown past what the checkpointer kept up with.
        qint64 walCheckpoints = 0;
        qint64 walCheckpointsInPush = 0;
        /// Records whose last change-log entry was read from the database (records the pushes
        /// created under free ids are not).
        qint64 lastEntryLookups = 0;
        /// Change-log rows written through SQLite's own handle (SQLite only).
        qint64 nativeChangeRows = 0;
        /// Results kept for replays written through SQLite's own handle (SQLite only).
        qint64 nativeResultRows = 0;
        /// Change-log last-entry lookups sent through libpq (PostgreSQL only).
        qint64 paramLookups = 0;
    };
    PushStats pushStats() const;

    /// The `expected` id carried by a `mutation_gap` error.
    static qint64 expectedOf(const core::Error& gap);

private:
    ServerStore m_store;
    QTimeZone m_zone;
    std::shared_ptr<detail::PushQueue> m_queue; ///< shared by copies of this service
};

/// JSON of a push result as the wire carries it.
QJsonObject toJson(const PushResult& result);

} // namespace safeloop::server
