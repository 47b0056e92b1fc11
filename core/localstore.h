#pragma once

#include "blobstore.h"
#include "checklists.h"
#include "district.h"
#include "ledger.h"
#include "metrics.h"
#include "mutation.h"
#include "queries.h"
#include "result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QTimeZone>

#include <functional>
#include <memory>

namespace safeloop::core {

/// One row of the device's outbox, as pushed (SYNC.md).
struct OutboxRow {
    qint64 id = 0;
    QString name;
    QString entityId;
    QString hlc;
    QJsonObject base;
    QJsonObject args;
    QString createdAt;
};

/// The device's store: opens SQLite durably, migrates, and performs user actions as named
/// mutations — each one transaction holding the records, an audit entry and the outbox row.
class LocalStore {
public:
    struct Options {
        QString databasePath;
        QString blobRoot;
        QString deviceId;
        std::function<QDateTime()> clock = [] { return QDateTime::currentDateTimeUtc(); };
        QTimeZone zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
        /// Tables of other owners in this file (sync's ledger), migrated by core's runner after
        /// core's own steps (see core/ledger.h).
        std::vector<LedgerSchema> ledgers = {};
    };

    static Result<std::unique_ptr<LocalStore>> open(Options options);
    ~LocalStore();
    LocalStore(const LocalStore&) = delete;
    LocalStore& operator=(const LocalStore&) = delete;

    /// Applies a mutation now. A refusal returns its Error and changes nothing.
    Result<MutationOutcome> perform(
        const Actor& actor, const QString& name, const QString& entityId, const QJsonObject& args);

    /// Outbox rows in id order (ids rise by one per mutation and never repeat).
    Result<QList<OutboxRow>> outbox();
    /// Deletes acknowledged rows up to and including `lastId`.
    Result<void> dropOutboxThrough(qint64 lastId);
    /// Gives the outbox's rows the ids expected, expected + 1, … in order and moves the counter
    /// after them (the server lost track of this device's numbering), in one transaction.
    Result<void> renumberOutbox(qint64 expected);
    /// Removes what a mutation the server rejected created here (fresh ids exist nowhere else):
    /// a rejected create takes its record and what hangs on it; an edit changes nothing here.
    Result<void> forgetCreated(const QString& mutationName, const QString& entityId);
    /// Replays every unsent mutation on the records as stored now (after a pull replaced them),
    /// as `actor` at `at`, in one transaction; a mutation refused now is left for the server.
    Result<void> reapplyOutbox(const Actor& actor, const QDateTime& at);
    /// Whether an unsent mutation changes record `recordId`: creates or edits it, adds a
    /// rectification event to it (hazard) or a comment to it.
    Result<bool> outboxChanges(const QString& recordId);
    /// Folds a received HLC into the device's clock, so local mutations order after everything
    /// seen (the receive rule of a hybrid logical clock). Malformed values are ignored.
    Result<void> observeHlc(const QString& hlc);
    /// A writer for pulled records on this store's connection (the caller's transaction).
    std::unique_ptr<RecordWriter> recordWriter();

    /// Number of unsent mutations.
    Result<int> outboxCount();
    /// Whether an unsent mutation names blob `sha256` (it waits for upload with that mutation).
    Result<bool> outboxNamesBlob(const QString& sha256);

    // Typed reads of the device's records. Only the store runs SQL on its tables; callers name
    // what they want with these types, never with a column name or an SQL fragment.

    /// The column a record list is narrowed by.
    enum class Link {
        None, ///< every live record of the entity
        Id, ///< the record with this id
        Enterprise, ///< `enterprise_id` (inspections, hazards, users)
        Inspection, ///< `inspection_id` (answers, hazards)
        Hazard, ///< `hazard_id` (rectification events)
        Record, ///< `record_id` (comments on a hazard or an inspection)
    };
    /// Live (not deleted) records of `entity` as their wire fields, narrowed by `link` = `value`.
    /// `invalid_link` when the entity has no such column.
    Result<QList<QJsonObject>> records(
        const QString& entity, Link link = Link::None, const QString& value = {});
    /// One record (deleted ones too) with its versions; a hazard's `overdue` is judged on `today`
    /// (see loadRecord).
    Result<std::optional<StoredRecord>> record(
        const QString& entity, const QString& id, QDate today = {});
    /// The recorded conflicts of interest (回避) still in force — not withdrawn — oldest first.
    Result<QList<Recusal>> recusals();
    /// Hazards by filter, ordered by deadline (see listHazards).
    Result<QList<StoredRecord>> hazards(const HazardFilter& filter, QDate today);
    /// Places and categories of the enterprise's hazards, most recent first (hazardPickLists).
    Result<HazardPickLists> hazardPickLists(const QString& enterpriseId, int limit = 12);
    /// Hazard counts by status, overdue and due within `soonDays` (see countHazards).
    Result<HazardCounts> hazardCounts(const QString& enterpriseId, QDate today, int soonDays,
        std::optional<HazardSource> source = std::nullopt);
    /// The latest published version of every checklist template on the device.
    Result<QList<ChecklistTemplate>> latestChecklists();
    /// Imports checklist templates (demo data, first start) in one transaction.
    Result<QStringList> importChecklists(const QList<ChecklistTemplate>& templates);
    /// Writes a record as it came from elsewhere (demo seeding): no mutation, no outbox row.
    Result<void> storeRecord(const StoredRecord& record);

    // The supervisor's read model (core/localstoremetrics.cpp; definitions in docs/metrics.md).
    // `today` is the district's local date: a period that has not ended is judged on it.
    // `invalid_period` when the period or today is not valid.

    /// Every figure of the overview of `period`.
    Result<metrics::Overview> overview(const metrics::Period& period, QDate today);
    /// Every live enterprise with its coordinates, whether the period covered it and whether
    /// it has a major hazard open on the as-of day (the coverage map), ordered by id.
    Result<QList<metrics::MapPoint>> coverageMap(const metrics::Period& period, QDate today);
    /// The enterprise ids behind a figure, narrowed to a breakdown row, ordered by id.
    Result<QStringList> enterprisesFor(metrics::EnterpriseSet set, const metrics::Period& period,
        const metrics::Breakdown& breakdown, QDate today);
    /// The hazard ids behind a figure, narrowed to a breakdown row, ordered by id.
    Result<QStringList> hazardsFor(metrics::HazardSet set, const metrics::Period& period,
        const metrics::Breakdown& breakdown, QDate today);
    /// The inspection ids behind a per-inspector figure, narrowed to a breakdown row, by id.
    Result<QStringList> inspectionsFor(metrics::InspectionSet set, const metrics::Period& period,
        const metrics::Breakdown& breakdown, QDate today);

    // Documents this device generated for an inspection (kind → file name and number).

    /// The documents generated for `inspectionId` (empty object when none).
    Result<QJsonObject> inspectionDocuments(const QString& inspectionId);
    /// Replaces the documents recorded for `inspectionId`.
    Result<void> setInspectionDocuments(const QString& inspectionId, const QJsonObject& documents);

    // The district's names documents print, as last received from the server.

    /// The district profile this device last received (empty when none yet).
    Result<DistrictProfile> districtProfile();
    /// Replaces the district profile (a sync received it; demo seeding).
    Result<void> setDistrictProfile(const DistrictProfile& profile);

    // What the user has looked at (the "what changed since" list).

    /// When the user last marked the changes seen (invalid when never).
    Result<QDateTime> changesSeenAt();
    Result<void> markChangesSeen(const QDateTime& at);
    /// Rectification events stored after `since` (the time the record was last written, the
    /// server's for pulled ones) by anyone but `notBy`, newest first, at most 200.
    Result<QList<QJsonObject>> rectificationEventsSince(
        const QDateTime& since, const QString& notBy);

    // Document numbers (SYNC.md): blocks the server hands this device, one number taken once.

    /// Document kinds that carry numbers: inspection_record, rectification_order,
    /// reinspection_opinion.
    static QStringList documentKinds();
    /// Stores a block first..last of `kind` for `year` with the server's `prefix`. A block
    /// already stored (the same answer seen twice) keeps its progress.
    Result<void> storeNumberBlock(
        const QString& kind, int year, const QString& prefix, qint64 first, qint64 last);
    /// Forgets the unused numbers of `kind`.
    Result<void> discardNumberBlocks(const QString& kind);
    /// Takes the next number of `kind` for `year` from the oldest block that has one left,
    /// formatted prefix + number + "号". Atomic: two connections never get the same number.
    /// `no_document_numbers` when none is left.
    Result<QString> takeDocumentNumber(const QString& kind, int year);
    /// Numbers of `kind` for `year` left on this device.
    Result<int> documentNumbersLeft(const QString& kind, int year);

    /// The store's connection, for the owner of the ledger tables only (sync::Ledger, the one
    /// maker of a LedgerKey): one connection, so one transaction spans core's and sync's writes.
    QSqlDatabase& ledgerConnection(const LedgerKey&) { return m_db; }
    const BlobStore& blobs() const { return m_blobs; }
    QDateTime now() const { return m_options.clock(); }

private:
    /// Defined by tests only (tests/support/localstoretestaccess.h).
    friend struct LocalStoreTestAccess;
    LocalStore(Options options, QSqlDatabase db, QString connection);
    Result<void> createDeviceTables();
    Result<QString> nextHlc();
    Result<qint64> nextOutboxId();

    Options m_options;
    QSqlDatabase m_db;
    QString m_connection;
    BlobStore m_blobs;
};

} // namespace safeloop::core
