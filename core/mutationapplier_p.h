// Internal to safeloop_core: what the mutation sources (mutation.cpp, mutationrecords.cpp and the
// per-family *mutations.cpp) share. Not installed and not included outside core/.
#pragma once

#include "database.h"
#include "mutation.h"
#include "nativesqlite.h"
#include "rules.h"
#include "statementcache.h"
#include "uuid.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <initializer_list>
#include <optional>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace safeloop::core::detail {

inline QJsonObject parseObject(const QString& s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

inline Error refuse(const QString& code, const QString& message)
{
    return makeError(code, message);
}

/// A row of a record table: the wire fields and, per field, its version and `hlc:client`.
struct Row {
    QJsonObject doc;
    QJsonObject versions;
    QJsonObject hlcs;
    QString createdAt;
    bool deleted = false;
};

// The row codec (mutationrecords.cpp). readRow() and writeRow() go through the RowCache in force
// on the connection, if any (rowcache.h); readStoredRow() and writeStoredRow() always reach the
// database.
Result<std::optional<Row>> readRow(QSqlDatabase& db, const QString& entity, const QString& id);
Result<void> writeRow(QSqlDatabase& db, const QString& entity, const QString& id, const Row& row,
    const QString& updatedAt);
Result<std::optional<Row>> readStoredRow(
    QSqlDatabase& db, const QString& entity, const QString& id);
Result<void> writeStoredRow(QSqlDatabase& db, const QString& entity, const QString& id,
    const Row& row, const QString& updatedAt);
/// The columns of an entity's upsert, in binding order: id, the promoted columns, doc, versions,
/// hlcs, created_at, updated_at, deleted.
QStringList upsertColumns(const QString& entity);
/// The doc column as written: the row's doc with its created_at and updated_at stamps.
QJsonObject storedDoc(const Row& row, const QString& updatedAt);
/// Binds one row's upsertColumns() from placeholder `first` on; returns the next placeholder.
int bindRow(QSqlQuery& q, int first, const QString& entity, const QString& id, const Row& row,
    const QJsonObject& doc, const QString& updatedAt);
/// The promoted columns of `entity` and their values for a row whose wire fields are `doc`, in
/// upsertColumns()' order.
QList<std::pair<QString, QVariant>> promotedColumns(const QString& entity, const QJsonObject& doc);
/// Binds a promoted column's value (text, whole number or NULL) at `index` (SQLite's C API).
int bindVariant(sqlite3_stmt* statement, int index, const QVariant& value);
/// A row from the columns doc, versions, hlcs, created_at, deleted starting at `first`.
Row rowFromColumns(const QSqlQuery& q, int first);

// The RowCache's side of readRow() and writeRow() (rowcache.cpp): std::nullopt when no enabled
// RowCache is in force on `db` from this thread, and the caller goes to the database.
std::optional<Result<std::optional<Row>>> cachedRead(
    QSqlDatabase& db, const QString& entity, const QString& id);
std::optional<Result<void>> cachedWrite(QSqlDatabase& db, const QString& entity, const QString& id,
    const Row& row, const QString& updatedAt);
/// Creates a record with every field at version 1.
Row freshRow(const QJsonObject& doc, const QString& hlcKey, const QString& createdAt);

/// Applies one mutation (applyMutation()). run(), dispatch(), the shared checks and the
/// attachment handling are in mutation.cpp; the mutations themselves, one file per family, in
/// inspectionmutations.cpp, hazardmutations.cpp and registermutations.cpp.
class Applier {
public:
    Applier(QSqlDatabase& db, const Actor& actor, const Mutation& m, const ApplyContext& ctx)
        : m_db(db)
        , m_actor(actor)
        , m_m(m)
        , m_ctx(ctx)
        , m_now(formatTimestamp(ctx.now))
        , m_hlcKey(m.hlc + u':' + actor.deviceId)
    {
        const QDateTime at = hlcTime(m.hlc);
        m_conflictAt = formatTimestamp(at.isValid() ? at : ctx.now);
    }

    Result<MutationOutcome> run();

private:
    Result<void> dispatch();
    Result<void> inspectionCreate();
    Result<void> inspectionUpdate(bool finish);
    Result<void> answerSet();
    Result<void> hazardCreate();
    Result<void> hazardUpdate();
    Result<void> rectification(EventKind kind);
    Result<void> commentAdd();
    Result<void> enterpriseUpsert();
    Result<void> planUpsert();
    Result<void> recusalUpsert();
    Result<void> inspectionDelete();
    Result<void> hazardDelete();
    Result<void> commentDelete();
    Result<void> documentIssue();

    Result<void> normalizeAttachments();
    Result<void> writeAttachments();
    /// A record to change: live, or soft-deleted while this mutation's base predates the
    /// delete — then the edit is kept and flagged with an `edit_after_delete` conflict.
    Result<Row> requireEditable(const QString& entity, const QString& id);
    Result<void> markDeleted(const QString& entity, const QString& id, Row row);
    Result<QString> enterpriseOfRecord(const QString& recordId);
    ConflictRecord conflict(const QString& entity, const QString& recordId, const QString& field,
        QJsonValue kept, QJsonValue lost, QString keptHlc, QString lostHlc, const QString& reason)
    {
        return { uuidv7(m_ctx.now), entity, recordId, field, m_actor.userId, std::move(kept),
            std::move(lost), std::move(keptHlc), std::move(lostHlc), reason, m_conflictAt };
    }

    /// Checks every reference the mutation's args make (referenceRules()).
    Result<void> checkReferences();
    /// `id` names a record `rule` allows, within the actor's reach; `not_found` otherwise.
    Result<void> requireReference(const ReferenceRule& rule, const QString& id);
    Result<void> requireRole(std::initializer_list<Role> roles);
    Result<Row> requireRow(const QString& entity, const QString& id);
    /// An inspection the actor may change now: editable, the actor on its team (inspectors),
    /// its enterprise in the actor's streets.
    Result<Row> requireInspectionToChange(const QString& inspectionId);
    /// The mutation's own record as stored, deleted or not (`not_found` if there is none).
    Result<Row> requireStored(const QString& entity);
    /// Refuses a create whose id exists already (`already_exists`, naming it as `label`).
    Result<void> requireNew(const QString& entity, const QString& label);
    /// Every inspector of `inspection` is known, badged where the mode needs it.
    Result<void> checkInspectorBadges(const Inspection& inspection);
    /// Creates the mutation's record from `doc`, or merges `doc` (less its key `idField`) into
    /// the stored one.
    Result<void> upsert(const QString& entity, QJsonObject doc, const QString& idField);
    /// An inspection the actor works on: an inspector on its team, or for a self-check the
    /// user of its enterprise (`self_check_inspection` for anyone else).
    Result<void> requireOnInspection(const Row& inspection);
    /// Inspectors and supervisors never edit or delete an enterprise's self-check hazard
    /// (`self_check_hazard`).
    Result<void> refuseSelfCheckHazard(const Row& hazard);
    /// For an inspector limited to streets: the enterprise exists and is in one of them
    /// (`not_found` otherwise; on a device, one it does not hold passes). Everyone else passes.
    Result<void> requireStreetScope(const QString& enterpriseId);
    Result<void> merge(const QString& entity, const QString& id, Row& row,
        const QJsonObject& changes, const QStringList& allowed);
    Result<void> put(const QString& entity, const QString& id, const Row& row)
    {
        m_out.touched.append({ entity, id });
        m_out.written.append({ entity, id, row.doc, row.deleted });
        return writeRow(m_db, entity, id, row, m_now);
    }
    QDate createdOn() const { return rules::localDate(m_ctx.now, m_ctx.zone); }

    QSqlDatabase& m_db;
    const Actor& m_actor;
    Mutation m_m; ///< attachment lists reduced to bare ids by normalizeAttachments()
    const ApplyContext& m_ctx;
    QString m_now;
    QString m_hlcKey;
    QString m_conflictAt;
    QList<Attachment> m_attachments;
    MutationOutcome m_out;
    bool m_incomingLost = false;
};

} // namespace safeloop::core::detail
