#pragma once

#include "domain.h"
#include "result.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>
#include <QTimeZone>

#include <functional>
#include <memory>
#include <optional>

namespace safeloop::core {

/// Who performs a mutation (from the login on the device, from the token on the server).
struct Actor {
    QString userId;
    Role role = Role::Inspector;
    QString enterpriseId; ///< enterprise users only
    QStringList streets; ///< inspectors: streets in scope; empty = whole district
    QString deviceId; ///< the client id that breaks HLC ties
};

/// One named user action as pushed in SYNC.md.
struct Mutation {
    qint64 id = 0;
    QString name;
    QString entityId;
    QString hlc; ///< 16 lower-case hex digits
    QJsonObject base;
    QJsonObject args;
};

struct ApplyContext {
    QDateTime now; ///< the mutation's time (UTC); created_at/updated_at and "created on" dates
    QTimeZone zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    bool server = false;
};

enum class OutcomeStatus { Applied, Merged, Conflict, Rejected };
QString toString(OutcomeStatus s);

struct TouchedRecord {
    QString entity; ///< wire entity name: hazard, answer, rectification_event, conflict, …
    QString id;
    bool operator==(const TouchedRecord&) const = default;
};

/// A record row a mutation wrote: its wire fields as stored and whether it is deleted.
struct WrittenRow {
    QString entity;
    QString id;
    QJsonObject doc;
    bool deleted = false;
};

/// A value that lost a merge, kept for review.
struct ConflictRecord {
    QString id;
    QString entity;
    QString recordId;
    QString field;
    QString userId;
    QJsonValue keptValue;
    QJsonValue lostValue;
    QString keptHlc;
    QString lostHlc;
    QString reason; ///< concurrent_edit, level_more_severe, illegal_transition, edit_after_delete
    QString createdAt; ///< the mutation's HLC time (RFC 3339), the same on every device
};

struct MutationOutcome {
    OutcomeStatus status = OutcomeStatus::Applied;
    std::optional<Error> error; ///< set when rejected
    QList<TouchedRecord> touched;
    /// For a rejected mutation these are NOT written (the caller rolls back its savepoint);
    /// the server persists them afterwards with recordConflicts(). Otherwise already written.
    QList<ConflictRecord> conflicts;
    /// The rows written, in order (the server takes each record's change-log scope from them).
    QList<WrittenRow> written;
    /// Records whose id the mutation found free before writing under it (a create refused for
    /// an existing id): no row of theirs existed before this mutation.
    QList<TouchedRecord> fresh;
    /// For a rejected mutation: whether it had written rows before it was refused (the caller's
    /// savepoint must undo them). None of core's mutations does; the caller need not open a
    /// savepoint per mutation while this stays false.
    bool wroteBeforeRejection = false;
};

/// The mutation names of SYNC.md v1 (plus rectification.escalate, plan.upsert and the soft
/// deletes inspection.delete, hazard.delete, comment.delete).
QStringList mutationNames();

/// The document kinds `document.issue` records (docs/api.md).
QStringList issuedDocumentKinds();

/// How far a mutation may reach for a record it names (see referenceRules()).
enum class Reach {
    /// A record in the actor's scope: supervisors and administrators the whole district,
    /// inspectors their streets (all of them when they have none), enterprise users their own
    /// enterprise and its hazards (never an inspection).
    Scope,
    /// A user with role inspector, district-wide (inspectors and plans name colleagues).
    Inspector,
};

/// One reference a mutation makes to another record (in its args, or the record an update or
/// delete changes, named by its `entity_id`). The applier checks every reference
/// of a mutation against these rules before the mutation applies: the record must exist, be
/// live (unless `allowDeleted`) and be within the actor's reach; otherwise the mutation is
/// rejected with `not_found` naming the field, whether the record is missing or out of scope
/// (existence outside one's scope is not revealed). An absent or empty field is left to the
/// mutation's own validation (`missing_field` where it is required). On a device
/// (`ApplyContext::server` false) a record the device does not hold is left to the server: the
/// device holds only its part of the district and may not have pulled it yet.
struct ReferenceRule {
    QString mutation; ///< mutation name
    QString field; ///< arg naming the record(s); `entity_id`: the mutation's own record
    QStringList entities; ///< wire entities the id may name, tried in order
    Reach reach = Reach::Scope;
    bool list = false; ///< the field is a list of ids
    /// A soft-deleted record counts (answer.set on an inspection deleted concurrently is
    /// kept and flagged as `edit_after_delete`).
    bool allowDeleted = false;
};

/// Every reference rule, one row per (mutation, field).
const QList<ReferenceRule>& referenceRules();

/// The ids `rule` names in `m`: each distinct non-empty string of a list field, or the single
/// field's non-empty string; none when the field is absent or of another type.
QStringList referencedIds(const ReferenceRule& rule, const Mutation& m);

/// Applies one mutation: role and scope check, validation, domain rules, per-field merge,
/// record writes and conflict rows. Does not open or commit a transaction, and writes neither
/// audit nor outbox rows: the caller wraps it (LocalStore on a device, a savepoint on the server).
Result<MutationOutcome> applyMutation(
    QSqlDatabase& db, const Actor& actor, const Mutation& mutation, const ApplyContext& ctx);

/// Writes conflict rows (used by the server for rejected mutations after rolling back).
Result<void> recordConflicts(QSqlDatabase& db, const QList<ConflictRecord>& conflicts);

/// The `base` a device sends: the current version of each field in `args` of the record the
/// mutation changes (empty for creates and appends).
QJsonObject currentBase(
    QSqlDatabase& db, const QString& name, const QString& entityId, const QJsonObject& args);

/// A stored record as pull ships it.
struct StoredRecord {
    QString entity;
    QString id;
    QJsonObject fields; ///< the wire fields incl. created_at/updated_at
    QJsonObject versions;
    bool deleted = false;
};

/// Reads one record; hazards get their derived `status` and `overdue` (judged on `today`).
Result<std::optional<StoredRecord>> loadRecord(
    QSqlDatabase& db, const QString& entity, const QString& id, QDate today = {});

/// The record loadRecord() returns for a row's stored `doc` and `versions` text (for readers
/// that fetch many rows in one query).
StoredRecord recordFromRow(const QString& entity, const QString& id, const QString& doc,
    const QString& versions, bool deleted, QDate today = {});

/// Writes a record received from pull (or seeded), replacing what is stored.
Result<void> storeRecord(QSqlDatabase& db, const StoredRecord& record);

/// A record's wire field by name, undefined when it has none (a reader of single fields that
/// need not build the record's fields as a QJsonObject).
using FieldLookup = std::function<QJsonValue(const QString& key)>;

/// One wire field as a pull page's text carries it, read without building a value.
struct FieldText {
    bool present = false; ///< the record has the field
    bool isString = false; ///< its value is a JSON string
    QByteArrayView json; ///< the value's JSON text as it stands (`true`, `12`, `"a\"b"`)
    QByteArrayView utf8; ///< for a string, its UTF-8 with escapes resolved; else empty
};

/// A record's wire field by name as text. `scratch` receives a string's decoded bytes when it
/// was written with escapes (FieldText::utf8 then views it: keep it until the text is used).
using FieldTextLookup = std::function<FieldText(QLatin1StringView key, QByteArray& scratch)>;

/// Writes records received from pull exactly as storeRecord() does, but prepares one statement
/// per entity and reuses it for every record: for applying a pull page inside the caller's one
/// transaction. Must not outlive the connection.
class RecordWriter {
public:
    explicit RecordWriter(QSqlDatabase& db);
    ~RecordWriter();
    RecordWriter(const RecordWriter&) = delete;
    RecordWriter& operator=(const RecordWriter&) = delete;

    Result<void> store(const StoredRecord& record);
    /// As store(), given the compact JSON text (UTF-8) of `record.fields` and `record.versions`
    /// as the pull page carried it: the text is bound as it is instead of serialising the
    /// objects again. When the stored doc would differ from `fields` (a derived `overdue`, a
    /// missing `created_at`/`updated_at`) or a text is empty, it falls back to store(record).
    /// On a connection of Qt's SQLite driver built on the SQLite library SafeLoop links (the
    /// Debian packages), the row is bound through SQLite's C API: UTF-8 straight from the page,
    /// no QVariant and no UTF-16 round trip; otherwise through QSqlQuery.
    Result<void> store(
        const StoredRecord& record, QByteArrayView fieldsText, QByteArrayView versionsText);
    /// Whether the texts of a record with these fields can be bound as they are (both stamps
    /// present, no derived `overdue`); store(record, fieldsText, versionsText) asks this.
    static bool bindsText(const FieldLookup& field);
    /// The text path of store(record, fieldsText, versionsText) for a record whose fields the
    /// caller has not built as an object: `field` gives single members (stamps, promoted
    /// columns, `deleted`). The caller has checked bindsText(field).
    Result<void> storeText(const QString& entity, const QString& id, const FieldLookup& field,
        QByteArrayView fieldsText, QByteArrayView versionsText);

    /// bindsText() for fields read as text.
    static bool bindsText(const FieldTextLookup& text);
    /// storeText() with the stamps, `deleted` and the text promoted columns read through `text`
    /// and bound as the page's UTF-8 (no QString, QVariant or JSON value per field; a string
    /// promoted column gets "" for a field that is missing or not a string, as storeRecord()
    /// stores it). `field` answers for the rest: the whole-number promoted columns of templates,
    /// attachments and plans, and a connection without SQLite's native handle. The caller has
    /// checked bindsText(text).
    Result<void> storeText(const QString& entity, const QString& id, const FieldLookup& field,
        const FieldTextLookup& text, QByteArrayView fieldsText, QByteArrayView versionsText);

    /// Whether the device holds a record (live or deleted) of `entity` with `id`; one prepared
    /// lookup per entity for the writer's life.
    bool holds(const QString& entity, const QString& id);
    /// Removes a record and the records that hang on it by foreign key (an inspection's
    /// answers, a hazard's events): a record leaving the device's scope takes them along.
    Result<void> remove(const QString& entity, const QString& id);

private:
    Result<QSqlQuery*> statement(const QString& entity);
    struct Statements;
    QSqlDatabase& m_db;
    std::unique_ptr<Statements> m_statements;
};

/// Table name of a wire entity, or empty if unknown.
QString tableOf(const QString& entity);

/// Blob ids (SHA-256) that a mutation's args or a record's doc name in `attachments` and
/// `signatures` (bare ids or attachment objects), each once, in order of appearance.
QStringList referencedBlobIds(const QJsonObject& argsOrDoc);

/// Millisecond time inside an HLC string (invalid if malformed).
QDateTime hlcTime(const QString& hlc);

} // namespace safeloop::core
