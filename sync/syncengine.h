#pragma once

#include "apiclient.h"
#include "ledger.h"
#include "pullpage.h"

#include "core/localstore.h"
#include "core/mutation.h"
#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace safeloop::sync {

/// Sync state of one record as the UI shows it.
enum class RecordSyncState { Synced, Pending, Conflict };
/// Sync state of one attachment: the device keeps its copy until the server confirms it.
enum class AttachmentSyncState { Pending, Uploading, Confirmed, Missing };

/// A record's sync state read straight from a device store (the thread that owns `store`):
/// Conflict while an unresolved conflict names it, Pending while an unsent mutation changes it,
/// else Synced. SyncEngine::recordState and the app's detail pages share it.
RecordSyncState recordSyncState(core::LocalStore& store, const QString& recordId);
/// An attachment's sync state read straight from a device store (see recordSyncState).
AttachmentSyncState attachmentSyncState(core::LocalStore& store, const QString& sha256);

/// Where a photo stands for the person who took it.
enum class UploadState {
    Waiting, ///< on this device; an unsent mutation carries it
    Uploading, ///< being sent
    OnServer, ///< the server has it (confirmed, or it came with a pulled record)
};
/// A photo's upload state read straight from a device store (see recordSyncState).
UploadState uploadState(core::LocalStore& store, const QString& sha256);

/// What this device still has to send.
struct PendingCounts {
    int mutations = 0;
    int blobs = 0; ///< blobs unsent mutations name that the server has not confirmed
};
/// Pending counts read straight from a device store; SyncEngine::pendingMutations/pendingBlobs
/// and the app's sync bar share it.
core::Result<PendingCounts> pendingCounts(core::LocalStore& store);
/// Ids of the blobs unsent mutations name that wait for upload, in outbox order.
QStringList pendingBlobIds(core::LocalStore& store);

/// How one sync cycle ended.
struct CycleResult {
    bool ok = false;
    std::optional<ApiFailure> failure;
    int pushed = 0; ///< mutations acknowledged by the server
    int pulled = 0; ///< changes applied from pull pages
    int uploadedBlobs = 0;
    int roundTrips = 0; ///< HTTP requests made
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    bool resyncedNumbering = false; ///< a mutation_gap renumbered the outbox
};

/// Failed applies of one pull page before the device gives it up instead of asking for it
/// again every cycle (see SyncEngine::pull).
inline constexpr int MaxPageAttempts = 3;
/// A page given up is tried again (MaxPageAttempts more times) after this long, or at once after
/// an app update.
inline constexpr qint64 PageRetrySeconds = 24 * 3600;

/// One device's client half of SYNC.md. Blocking: it lives on the sync worker thread (it opens
/// its own connection to the device database there) and runs one cycle at a time:
/// upload missing blobs → push the outbox in batches → pull pages (each page and its cursor in
/// one transaction) → re-apply still-pending local mutations on top of what was pulled.
class SyncEngine {
public:
    struct Options {
        QUrl serverUrl;
        QString databasePath;
        QString blobRoot;
        QString deviceId;
        QString deviceName;
        QString appVersion = QStringLiteral("1.0.0");
        int schemaVersion = 1; ///< the wire schema this app speaks (a server may refuse it: 426)
        std::function<QDateTime()> clock = [] { return QDateTime::currentDateTimeUtc(); };
        int pushBatch = 500;
        int pullLimit = 1000;
        /// Page size while there is no cursor (first sync, or after a reset): the server's
        /// maximum, so a first sync of a district takes few round trips and transactions.
        int firstSyncPullLimit = 5000;
        qint64 blobChunk = 1024 * 1024;
        qint64 maxDownloadBytes = 32LL * 1024 * 1024; ///< attachment download size cap
        qint64 cacheLimitBytes = 256LL * 1024 * 1024; ///< downloaded attachments kept at most
        /// Where the device login lives when the app keeps it outside the device database (one
        /// owner for the rotating refresh token). Both set: the engine reads the session with
        /// `loadSession` at open and before every cycle (a new login elsewhere is picked up) and
        /// hands every rotated session to `saveSession` before using it. Unset: the
        /// `sync_state` row "session".
        std::function<Session()> loadSession;
        std::function<void(const Session&)> saveSession;
        /// Runs on the sync thread after every successful cycle (e.g. topping up document
        /// number blocks through api()).
        std::function<void(SyncEngine&)> afterCycle;
        /// A request is given up when nothing moved for this long (see HttpTransport).
        std::chrono::milliseconds idleTimeout { 30000 };
        /// Set from any thread to stop the running cycle at once: the request in flight is
        /// aborted and every later one fails without network (a network failure: the outbox,
        /// the cursor and the stored session stay as they are). SyncController sets it when it
        /// stops, e.g. at logout.
        std::shared_ptr<std::atomic<bool>> cancel;
    };
    /// Progress for the status line: bytes and items done/total in the running cycle.
    using Progress
        = std::function<void(qint64 bytesDone, qint64 bytesTotal, int itemsDone, int itemsTotal)>;

    /// Opens the device store (core's migrations, sync's ledger steps among them: Ledger::schema)
    /// and restores the stored session, cursor and clock.
    static core::Result<std::unique_ptr<SyncEngine>> open(Options options);
    ~SyncEngine();
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    /// Signs in; the session is stored on the device and survives restarts.
    core::Result<SessionUser> login(const QString& username, const QString& password);
    /// Whether a device login is stored (else the UI must ask for one).
    bool hasSession() const { return m_api->session().isValid(); }
    SessionUser user() const { return m_api->session().user; }
    /// The actor local mutations and re-applies run as (from the stored session).
    core::Actor actor() const;

    /// Runs one complete cycle.
    CycleResult runCycle(const Progress& progress = {});

    // ---- what the UI reads (any thread may call these on its own engine instance) ----
    core::LocalStore& store() { return *m_store; }
    RecordSyncState recordState(const QString& recordId);
    AttachmentSyncState attachmentState(const QString& sha256);
    QList<ConflictView> conflicts(const QString& recordId = {});
    /// Resolves a conflict by a new mutation (e.g. hazard.update with the chosen value); the
    /// conflict is marked resolved on the device.
    core::Result<core::MutationOutcome> resolveConflict(
        const QString& conflictId, const QString& mutationName, const QJsonObject& args);
    QList<RejectedMutation> rejectedMutations();
    int pendingMutations();
    int pendingBlobs();
    QString cursor();
    QDateTime lastSuccess();

    /// Downloads an attachment on demand into the device's blob store (refusing bodies above the
    /// size cap) and trims the download cache to its limit; returns the local file path.
    core::Result<QString> fetchAttachment(const QString& sha256);

    /// WAL checkpoints of the device file run beside sync's commits (see Ledger::commit).
    core::WalCheckpointer::Stats walCheckpoints() const;

    ApiClient& api() { return *m_api; }
    const Options& options() const { return m_options; }

private:
    SyncEngine(Options options, std::unique_ptr<core::LocalStore> store);
    void storeSession(const Session& session);

    std::optional<ApiFailure> uploadBlobs(CycleResult& result, const Progress& progress);
    /// Uploads `ids` (photos on this device) in order, each confirmed or left pending.
    std::optional<ApiFailure> uploadBlobs(
        const QStringList& ids, CycleResult& result, const Progress& progress);
    /// Pushes the outbox in batches. Each batch's photos not yet on the server go up before
    /// it — a mutation stored after the cycle's uploads names photos they did not see — or,
    /// with `deferPhotos` (the server's upload quota was reached), are marked deferred so that
    /// they follow the push: no photo is forgotten once its mutation leaves the outbox.
    std::optional<ApiFailure> push(CycleResult& result, bool deferPhotos = false);
    /// The photos `rows` name that are on this device but not (known to be) on the server.
    QStringList unsentBlobs(const QList<core::OutboxRow>& rows, int count);
    std::optional<ApiFailure> pull(CycleResult& result);
    /// The `device` status a push carries (docs/api.md), with the error that stops this
    /// device's pull, if any.
    QJsonObject deviceStatus(qint64 pendingMutations);
    /// Counts one failed apply of the page at `cursor`; at MaxPageAttempts the page is given up
    /// (see stuckPage). Returns the failure to report for this attempt.
    ApiFailure pageFailed(CycleResult& result, const QString& cursor, const ApiFailure& failure);
    /// The failure of a page given up at `cursor` by this app version, else nothing.
    std::optional<ApiFailure> stuckPage(const QString& cursor);
    /// Sends the device status alone (an empty push) once per new pull error, so that the
    /// supervisors' device health shows it even when nothing else is pending.
    void reportPullError(CycleResult& result);
    core::Result<void> applyPage(const PulledPage& page, const QString& storedCursor, bool& wrote);
    /// A pull page read from its answer: its failure when it does not read (a cut answer is a
    /// network failure, a whole one that does not read a refusal).
    std::variant<PulledPage, ApiFailure> readPage(const ApiReply& reply);
    /// startCall() of a pull page, whose JSON is read as a stream by readPage().
    ApiClient::Pending startPull(CycleResult& result, const QString& path);
    core::Result<void> reapplyPending();
    core::Result<void> resyncNumbering(qint64 expected);
    core::Result<void> forgetRejected(const core::OutboxRow& row);
    void setBlobState(const QString& sha256, const QString& state);
    QStringList pendingBlobIds();
    std::variant<ApiReply, ApiFailure> call(CycleResult& result, const QByteArray& method,
        const QString& path, const QJsonObject& body = {});
    /// call() in two halves: the request goes out now, its answer is read by finishCall().
    ApiClient::Pending startCall(CycleResult& result, const QByteArray& method, const QString& path,
        const QJsonObject& body = {});
    std::variant<ApiReply, ApiFailure> finishCall(CycleResult& result, ApiClient::Pending pending);

    Options m_options;
    std::unique_ptr<core::LocalStore> m_store;
    std::unique_ptr<Ledger> m_ledger; ///< sync's tables, on m_store's connection
    std::unique_ptr<ApiClient> m_api;
};

} // namespace safeloop::sync
