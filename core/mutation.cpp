#include "mutation.h"

#include "rules.h"
#include "uuid.h"
#include "validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <sqlite3.h>

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

Error sqlError(const QSqlQuery& q)
{
    return makeError(u"sql_error"_s, q.lastError().text());
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QString& s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

Error refuse(const QString& code, const QString& message)
{
    return makeError(code, message);
}

struct Row {
    QJsonObject doc;
    QJsonObject versions;
    QJsonObject hlcs;
    QString createdAt;
    bool deleted = false;
};

/// Promoted columns of each table, computed from the record's wire fields.
QList<std::pair<QString, QVariant>> promoted(const QString& entity, const QJsonObject& d)
{
    auto s
        = [&d](const char16_t* k) { return QVariant(d.value(QString::fromUtf16(k)).toString()); };
    if (entity == u"enterprise"_s)
        return { { u"street"_s, s(u"street") }, { u"risk_grade"_s, s(u"risk_grade") } };
    if (entity == u"user"_s)
        return { { u"role"_s, s(u"role") }, { u"enterprise_id"_s, s(u"enterprise_id") } };
    if (entity == u"template"_s)
        return { { u"code"_s, s(u"code") }, { u"version"_s, d.value(u"version"_s).toInt(1) } };
    if (entity == u"inspection"_s)
        return { { u"enterprise_id"_s, s(u"enterprise_id") }, { u"started_at"_s, s(u"started_at") },
            { u"status"_s, s(u"status") } };
    if (entity == u"answer"_s)
        return { { u"inspection_id"_s, s(u"inspection_id") }, { u"item_code"_s, s(u"item_code") } };
    if (entity == u"hazard"_s) {
        const QString inspection = d.value(u"inspection_id"_s).toString();
        return { { u"enterprise_id"_s, s(u"enterprise_id") },
            { u"inspection_id"_s, inspection.isEmpty() ? QVariant() : QVariant(inspection) },
            { u"status"_s, s(u"status") }, { u"level"_s, s(u"level") },
            { u"deadline"_s, s(u"deadline") } };
    }
    if (entity == u"rectification_event"_s)
        return { { u"hazard_id"_s, s(u"hazard_id") }, { u"kind"_s, s(u"kind") } };
    if (entity == u"comment"_s)
        return { { u"record_id"_s, s(u"record_id") } };
    if (entity == u"attachment"_s)
        return { { u"mime"_s, s(u"mime") },
            { u"size"_s, static_cast<qint64>(d.value(u"size"_s).toDouble()) } };
    if (entity == u"plan"_s)
        return { { u"year"_s, d.value(u"year"_s).toInt() } };
    return {};
}

Result<std::optional<Row>> readRow(QSqlDatabase& db, const QString& entity, const QString& id)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT doc, versions, hlcs, created_at, deleted FROM %1 WHERE id = ?"_s.arg(
        tableOf(entity)));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(q);
    if (!q.next())
        return std::optional<Row> {};
    return std::optional<Row> { Row { parseObject(q.value(0).toString()),
        parseObject(q.value(1).toString()), parseObject(q.value(2).toString()),
        q.value(3).toString(), q.value(4).toInt() != 0 } };
}

/// The upsert statement of each record table: id, the promoted columns (in promoted()'s order),
/// doc, versions, hlcs, created_at, updated_at, deleted; created_at never changes on update.
const QString& upsertSql(const QString& entity)
{
    static const QHash<QString, QString> statements = [] {
        QHash<QString, QString> out;
        for (const auto& e :
            { u"enterprise"_s, u"user"_s, u"template"_s, u"inspection"_s, u"answer"_s, u"hazard"_s,
                u"rectification_event"_s, u"comment"_s, u"attachment"_s, u"plan"_s }) {
            QStringList names { u"id"_s };
            for (const auto& c : promoted(e, QJsonObject {}))
                names << c.first;
            names << u"doc"_s << u"versions"_s << u"hlcs"_s << u"created_at"_s << u"updated_at"_s
                  << u"deleted"_s;
            QStringList marks, updates;
            for (const auto& n : names) {
                marks << u"?"_s;
                if (n != u"id"_s && n != u"created_at"_s)
                    updates << u"%1 = excluded.%1"_s.arg(n);
            }
            out.insert(e,
                u"INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (id) DO UPDATE SET %4"_s.arg(
                    tableOf(e), names.join(u", "_s), marks.join(u", "_s), updates.join(u", "_s)));
        }
        return out;
    }();
    static const QString none;
    const auto it = statements.constFind(entity);
    return it == statements.constEnd() ? none : it.value();
}

/// Binds a row to a prepared upsertSql() statement and runs it.
Result<void> bindAndWrite(QSqlQuery& q, const QString& entity, const QString& id, const Row& row,
    const QString& updatedAt)
{
    const auto cols = promoted(entity, row.doc);
    int i = 0;
    q.bindValue(i++, id);
    for (const auto& c : cols)
        q.bindValue(i++, c.second);
    QJsonObject doc = row.doc;
    // Pulled records already carry both stamps; inserting equal values would only copy the doc.
    if (doc.value(u"created_at"_s).toString() != row.createdAt)
        doc.insert(u"created_at"_s, row.createdAt);
    if (doc.value(u"updated_at"_s).toString() != updatedAt)
        doc.insert(u"updated_at"_s, updatedAt);
    q.bindValue(i++, compact(doc));
    q.bindValue(i++, compact(row.versions));
    q.bindValue(i++, row.hlcs.isEmpty() ? u"{}"_s : compact(row.hlcs));
    q.bindValue(i++, row.createdAt);
    q.bindValue(i++, updatedAt);
    q.bindValue(i++, row.deleted ? 1 : 0);
    if (!q.exec())
        return sqlError(q);
    return {};
}

Result<void> writeRow(QSqlDatabase& db, const QString& entity, const QString& id, const Row& row,
    const QString& updatedAt)
{
    QSqlQuery q(db);
    if (!q.prepare(upsertSql(entity)))
        return sqlError(q);
    return bindAndWrite(q, entity, id, row, updatedAt);
}

/// The row storeRecord() writes for a pulled record, and its updated_at.
std::pair<Row, QString> pulledRow(const StoredRecord& record)
{
    Row row;
    row.doc = record.fields;
    row.doc.remove(u"overdue"_s);
    row.versions = record.versions;
    row.createdAt = record.fields.value(u"created_at"_s).toString();
    if (row.createdAt.isEmpty())
        row.createdAt = formatTimestamp(QDateTime::currentDateTimeUtc());
    row.deleted = record.deleted;
    QString updated = record.fields.value(u"updated_at"_s).toString();
    if (updated.isEmpty())
        updated = row.createdAt;
    return { row, updated };
}

/// Creates a record with every field at version 1.
Row freshRow(const QJsonObject& doc, const QString& hlcKey, const QString& createdAt)
{
    Row r;
    r.doc = doc;
    r.doc.remove(u"created_at"_s);
    r.doc.remove(u"updated_at"_s);
    for (auto it = r.doc.constBegin(); it != r.doc.constEnd(); ++it) {
        r.versions.insert(it.key(), 1);
        r.hlcs.insert(it.key(), hlcKey);
    }
    r.createdAt = createdAt;
    return r;
}

int severity(const QJsonValue& level)
{
    return level.toString() == u"major"_s ? 1 : 0;
}

/// Parses one `attachments`/`signatures` list: each element a bare SHA-256 or an object
/// `{"id","mime","size","captured_at","location"}`. Returns the bare ids the record stores and
/// appends the metadata to `out`.
Result<QJsonArray> parseAttachmentList(
    const QString& key, const QJsonValue& value, QList<Attachment>& out)
{
    if (!value.isArray())
        return refuse(u"invalid_type"_s,
            u"%1 must be a list of attachment ids or attachment objects"_s.arg(key));
    QJsonArray ids;
    for (const auto& element : value.toArray()) {
        Attachment a;
        if (element.isString()) {
            a.id = element.toString();
        } else if (element.isObject()) {
            const QJsonObject o = element.toObject();
            if (!o.value(u"id"_s).isString())
                return refuse(u"missing_field"_s, u"every object in %1 needs an id"_s.arg(key));
            const QJsonValue size = o.value(u"size"_s);
            if (!size.isUndefined() && !size.isNull()
                && (!size.isDouble() || size.toDouble() < 0
                    || size.toDouble() != std::floor(size.toDouble()) || size.toDouble() > 9.0e15))
                return refuse(u"invalid_size"_s,
                    u"size of attachment %1 must be a whole number of bytes, zero or more"_s.arg(
                        o.value(u"id"_s).toString().left(64)));
            for (const auto& textKey : { u"mime"_s, u"captured_at"_s })
                if (o.contains(textKey) && !o.value(textKey).isString()
                    && !o.value(textKey).isNull())
                    return refuse(
                        u"invalid_type"_s, u"%1 of an attachment must be a string"_s.arg(textKey));
            auto parsed = Attachment::fromJson(QJsonObject { { u"id"_s, o.value(u"id"_s) },
                { u"mime"_s, o.value(u"mime"_s) }, { u"size"_s, o.value(u"size"_s) },
                { u"captured_at"_s, o.value(u"captured_at"_s) },
                { u"location"_s, o.value(u"location"_s) } });
            if (!parsed)
                return parsed.error();
            a = *parsed;
        } else {
            return refuse(u"invalid_type"_s,
                u"%1 must hold attachment ids (strings) or attachment objects"_s.arg(key));
        }
        if (auto r = validation::attachmentReference(a); !r)
            return r.error();
        ids.append(a.id);
        out.append(a);
    }
    return ids;
}

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
    Result<void> inspectionDelete();
    Result<void> hazardDelete();
    Result<void> commentDelete();

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

    Result<void> requireRole(std::initializer_list<Role> roles);
    Result<Row> requireRow(const QString& entity, const QString& id);
    Result<void> requireOnInspection(const Row& inspection);
    Result<void> requireStreetScope(const QString& enterpriseId);
    Result<void> merge(const QString& entity, const QString& id, Row& row,
        const QJsonObject& changes, const QStringList& allowed);
    Result<void> put(const QString& entity, const QString& id, const Row& row)
    {
        m_out.touched.append({ entity, id });
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

Result<MutationOutcome> Applier::run()
{
    if (m_m.entityId.trimmed().isEmpty())
        return refuse(u"missing_field"_s, u"entity_id is required"_s);
    auto r = normalizeAttachments();
    if (r)
        r = dispatch();
    if (r)
        r = writeAttachments();
    if (!r) {
        if (r.error().code == u"sql_error"_s)
            return r.error();
        MutationOutcome rejected;
        rejected.status = OutcomeStatus::Rejected;
        rejected.error = r.error();
        rejected.conflicts = m_out.conflicts;
        return rejected;
    }
    if (!m_out.conflicts.isEmpty()) {
        if (auto w = recordConflicts(m_db, m_out.conflicts); !w)
            return w.error();
        for (const auto& c : std::as_const(m_out.conflicts))
            m_out.touched.append({ u"conflict"_s, c.id });
        m_out.status = m_incomingLost ? OutcomeStatus::Conflict : OutcomeStatus::Merged;
    }
    return m_out;
}

Result<void> Applier::dispatch()
{
    const QString& n = m_m.name;
    if (n == u"inspection.create"_s)
        return inspectionCreate();
    if (n == u"inspection.update"_s)
        return inspectionUpdate(false);
    if (n == u"inspection.finish"_s)
        return inspectionUpdate(true);
    if (n == u"answer.set"_s)
        return answerSet();
    if (n == u"hazard.create"_s)
        return hazardCreate();
    if (n == u"hazard.update"_s)
        return hazardUpdate();
    if (n == u"rectification.submit"_s)
        return rectification(EventKind::Submit);
    if (n == u"rectification.verify"_s)
        return rectification(EventKind::Verify);
    if (n == u"rectification.reject"_s)
        return rectification(EventKind::Reject);
    if (n == u"rectification.escalate"_s)
        return rectification(EventKind::Escalate);
    if (n == u"comment.add"_s)
        return commentAdd();
    if (n == u"enterprise.upsert"_s)
        return enterpriseUpsert();
    if (n == u"plan.upsert"_s)
        return planUpsert();
    if (n == u"inspection.delete"_s)
        return inspectionDelete();
    if (n == u"hazard.delete"_s)
        return hazardDelete();
    if (n == u"comment.delete"_s)
        return commentDelete();
    return refuse(u"unknown_mutation"_s, u"no mutation is named \"%1\""_s.arg(n));
}

Result<void> Applier::requireRole(std::initializer_list<Role> roles)
{
    for (auto r : roles)
        if (m_actor.role == r)
            return {};
    return refuse(u"not_allowed"_s,
        u"a user with role %1 may not perform %2"_s.arg(toString(m_actor.role), m_m.name));
}

Result<Row> Applier::requireRow(const QString& entity, const QString& id)
{
    auto row = readRow(m_db, entity, id);
    if (!row)
        return row.error();
    if (!row->has_value() || (*row)->deleted)
        return refuse(u"not_found"_s, u"no %1 with id %2"_s.arg(entity, id));
    return **row;
}

Result<void> Applier::requireOnInspection(const Row& inspection)
{
    if (m_actor.role != Role::Inspector)
        return refuse(u"not_allowed"_s, u"only an inspector on the inspection may do that"_s);
    const auto ids = inspection.doc.value(u"inspector_ids"_s).toArray();
    if (!ids.contains(QJsonValue(m_actor.userId)))
        return refuse(u"not_allowed"_s, u"you are not one of this inspection's inspectors"_s);
    return {};
}

Result<void> Applier::requireStreetScope(const QString& enterpriseId)
{
    if (m_actor.role != Role::Inspector || m_actor.streets.isEmpty())
        return {};
    auto e = readRow(m_db, u"enterprise"_s, enterpriseId);
    if (!e)
        return e.error();
    if (e->has_value() && !m_actor.streets.contains((*e)->doc.value(u"street"_s).toString()))
        return refuse(
            u"not_found"_s, u"no enterprise with id %1 in your streets"_s.arg(enterpriseId));
    return {};
}

Result<void> Applier::merge(const QString& entity, const QString& id, Row& row,
    const QJsonObject& changes, const QStringList& allowed)
{
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const QString& field = it.key();
        if (!allowed.contains(field))
            return refuse(
                u"field_not_editable"_s, u"%1 cannot change field %2"_s.arg(m_m.name, field));
        const int current = row.versions.value(field).toInt(0);
        const int base = m_m.base.contains(field) ? m_m.base.value(field).toInt(-1) : current;
        const QString storedHlc = row.hlcs.value(field).toString();
        auto apply = [&] {
            row.doc.insert(field, it.value());
            row.versions.insert(field, current + 1);
            row.hlcs.insert(field, m_hlcKey);
        };
        if (base == current || row.doc.value(field) == it.value()) {
            if (row.doc.value(field) != it.value())
                apply();
            continue;
        }
        ConflictRecord c = conflict(entity, id, field, {}, {}, {}, {}, u"concurrent_edit"_s);
        bool incomingWins = m_hlcKey > storedHlc;
        if (entity == u"hazard"_s && field == u"level"_s) {
            incomingWins = severity(it.value()) > severity(row.doc.value(field));
            c.reason = u"level_more_severe"_s;
        }
        if (incomingWins) {
            c.keptValue = it.value();
            c.lostValue = row.doc.value(field);
            c.keptHlc = m_hlcKey;
            c.lostHlc = storedHlc;
            apply();
        } else {
            c.keptValue = row.doc.value(field);
            c.lostValue = it.value();
            c.keptHlc = storedHlc;
            c.lostHlc = m_hlcKey;
            m_incomingLost = true;
        }
        m_out.conflicts.append(c);
    }
    return {};
}

Result<void> Applier::inspectionCreate()
{
    if (auto r = requireRole({ Role::Inspector }); !r)
        return r;
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    args.insert(u"status"_s, u"in_progress"_s);
    auto insp = Inspection::fromJson(args);
    if (!insp)
        return insp.error();
    if (auto r = validation::inspection(*insp); !r)
        return r;
    if (!insp->inspectorIds.contains(m_actor.userId))
        return refuse(u"not_allowed"_s, u"the creating inspector must be one of inspector_ids"_s);
    if (auto r = requireStreetScope(insp->enterpriseId); !r)
        return r;
    QMap<QString, QString> badges;
    for (const auto& uid : insp->inspectorIds) {
        auto u = readRow(m_db, u"user"_s, uid);
        if (!u)
            return u.error();
        if (u->has_value())
            badges.insert(uid, (*u)->doc.value(u"badge"_s).toString());
    }
    if (auto r = rules::checkInspectors(*insp, badges); !r)
        return r;
    auto existing = readRow(m_db, u"inspection"_s, m_m.entityId);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return refuse(u"already_exists"_s, u"inspection %1 already exists"_s.arg(m_m.entityId));
    QJsonObject doc = insp->toJson();
    return put(u"inspection"_s, m_m.entityId, freshRow(doc, m_hlcKey, m_now));
}

Result<void> Applier::inspectionUpdate(bool finish)
{
    auto row = requireEditable(u"inspection"_s, m_m.entityId);
    if (!row)
        return row.error();
    if (auto r = requireOnInspection(*row); !r)
        return r;
    if (auto r = requireStreetScope(row->doc.value(u"enterprise_id"_s).toString()); !r)
        return r;
    if (row->doc.value(u"status"_s).toString() == u"finished"_s)
        return refuse(u"inspection_finished"_s, u"a finished inspection cannot change"_s);
    QJsonObject changes = m_m.args;
    QStringList allowed { u"kind"_s, u"mode"_s, u"inspector_ids"_s, u"template_refs"_s,
        u"location"_s, u"started_at"_s };
    if (finish) {
        allowed = { u"finished_at"_s, u"signatures"_s, u"refusal_note"_s, u"status"_s };
        changes.insert(u"status"_s, u"finished"_s);
    }
    Row updated = *row;
    if (auto r = merge(u"inspection"_s, m_m.entityId, updated, changes, allowed); !r)
        return r;
    auto insp = Inspection::fromJson(updated.doc);
    if (!insp)
        return insp.error();
    if (auto r = validation::inspection(*insp); !r)
        return r;
    if (finish) {
        if (auto r = rules::checkFinish(*insp); !r)
            return r;
    } else {
        QMap<QString, QString> badges;
        for (const auto& uid : insp->inspectorIds) {
            auto u = readRow(m_db, u"user"_s, uid);
            if (!u)
                return u.error();
            if (u->has_value())
                badges.insert(uid, (*u)->doc.value(u"badge"_s).toString());
        }
        if (auto r = rules::checkInspectors(*insp, badges); !r)
            return r;
    }
    return put(u"inspection"_s, m_m.entityId, updated);
}

Result<void> Applier::answerSet()
{
    const QString inspectionId = m_m.args.value(u"inspection_id"_s).toString();
    auto insp = requireEditable(u"inspection"_s, inspectionId);
    if (!insp)
        return insp.error();
    if (auto r = requireOnInspection(*insp); !r)
        return r;
    if (auto r = requireStreetScope(insp->doc.value(u"enterprise_id"_s).toString()); !r)
        return r;
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    auto answer = Answer::fromJson(args);
    if (!answer)
        return answer.error();
    if (auto r = validation::answer(*answer); !r)
        return r;
    // Keyed by (inspection, item): a second device's answer for the item merges into the first.
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id FROM answers WHERE inspection_id = ? AND item_code = ?"_s);
    q.addBindValue(answer->inspectionId);
    q.addBindValue(answer->itemCode);
    if (!q.exec())
        return sqlError(q);
    if (!q.next()) {
        QJsonObject doc = answer->toJson();
        return put(u"answer"_s, m_m.entityId, freshRow(doc, m_hlcKey, m_now));
    }
    const QString id = q.value(0).toString();
    auto row = requireRow(u"answer"_s, id);
    if (!row)
        return row.error();
    QJsonObject changes;
    for (const auto& f : { u"result"_s, u"note"_s, u"attachments"_s })
        if (m_m.args.contains(f))
            changes.insert(f, answer->toJson().value(f));
    Row updated = *row;
    if (auto r
        = merge(u"answer"_s, id, updated, changes, { u"result"_s, u"note"_s, u"attachments"_s });
        !r)
        return r;
    return put(u"answer"_s, id, updated);
}

Result<void> Applier::hazardCreate()
{
    if (auto r = requireRole({ Role::Inspector, Role::Supervisor }); !r)
        return r;
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    args.remove(u"status"_s);
    args.remove(u"overdue"_s);
    auto h = Hazard::fromJson(args);
    if (!h)
        return h.error();
    if (auto r = validation::hazard(*h, createdOn()); !r)
        return r;
    if (auto r = requireStreetScope(h->enterpriseId); !r)
        return r;
    if (!h->inspectionId.isEmpty())
        if (auto r = requireRow(u"inspection"_s, h->inspectionId); !r)
            return r.error();
    auto existing = readRow(m_db, u"hazard"_s, m_m.entityId);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return refuse(u"already_exists"_s, u"hazard %1 already exists"_s.arg(m_m.entityId));
    QJsonObject doc = h->toJson();
    doc.remove(u"overdue"_s); // derived when read
    doc.insert(u"status"_s, u"open"_s);
    if (auto r = put(u"hazard"_s, m_m.entityId, freshRow(doc, m_hlcKey, m_now)); !r)
        return r;
    // The order issued is the first rectification event. Its id derives from the hazard's, so
    // the device that records the hazard and the server that accepts it make the same event
    // (a random id would leave the device with two orders once it pulls the server's).
    static const QUuid orderNamespace(u"6f1c2b0e-4d1a-5c3e-9b7a-2e8f0d4c6a15"_s);
    const QString orderId
        = QUuid::createUuidV5(orderNamespace, m_m.entityId).toString(QUuid::WithoutBraces);
    RectificationEvent order { orderId, m_m.entityId, EventKind::Order, m_actor.userId, {}, {},
        {} };
    return put(u"rectification_event"_s, order.id, freshRow(order.toJson(), m_hlcKey, m_now));
}

Result<void> Applier::hazardUpdate()
{
    if (auto r = requireRole({ Role::Inspector, Role::Supervisor }); !r)
        return r;
    auto row = requireEditable(u"hazard"_s, m_m.entityId);
    if (!row)
        return row.error();
    if (auto r = requireStreetScope(row->doc.value(u"enterprise_id"_s).toString()); !r)
        return r;
    if (row->doc.value(u"status"_s).toString() == toString(HazardStatus::Verified))
        return refuse(u"hazard_closed"_s,
            u"hazard %1 is verified (closed); a closed hazard cannot be edited"_s.arg(
                m_m.entityId));
    Row updated = *row;
    if (auto r = merge(u"hazard"_s, m_m.entityId, updated, m_m.args,
            { u"description"_s, u"place"_s, u"level"_s, u"category"_s, u"basis"_s, u"measure"_s,
                u"deadline"_s, u"location"_s, u"attachments"_s });
        !r)
        return r;
    auto h = Hazard::fromJson(updated.doc);
    if (!h)
        return h.error();
    const QDate created
        = rules::localDate(parseTimestamp(row->createdAt).value_or(m_ctx.now), m_ctx.zone);
    if (auto r = validation::hazard(*h, created); !r)
        return r;
    return put(u"hazard"_s, m_m.entityId, updated);
}

Result<void> Applier::rectification(EventKind kind)
{
    const QString hazardId = m_m.args.value(u"hazard_id"_s).toString();
    auto row = requireRow(u"hazard"_s, hazardId);
    if (!row)
        return row.error();
    const QString enterpriseId = row->doc.value(u"enterprise_id"_s).toString();
    if (m_actor.role == Role::Enterprise && m_actor.enterpriseId != enterpriseId)
        return refuse(u"not_found"_s, u"no hazard with id %1"_s.arg(hazardId));
    if (auto r = requireStreetScope(enterpriseId); !r)
        return r;
    auto current = parseHazardStatus(row->doc.value(u"status"_s).toString());
    if (!current)
        return current.error();
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    args.insert(u"kind"_s, toString(kind));
    args.insert(u"actor_id"_s, m_actor.userId);
    auto event = RectificationEvent::fromJson(args);
    if (!event)
        return event.error();
    for (const auto& a : event->attachments)
        if (auto r = validation::sha256(a, u"attachment id"_s); !r)
            return r;
    if (kind == EventKind::Submit && event->note.trimmed().isEmpty()
        && event->attachments.isEmpty())
        return refuse(u"evidence_required"_s, u"a submission needs a note or evidence photos"_s);
    auto next
        = rules::transition(*current, kind, { m_actor.role, m_actor.enterpriseId }, enterpriseId);
    if (!next) {
        if (next.error().code == u"illegal_transition"_s && m_ctx.server)
            m_out.conflicts.append(conflict(u"hazard"_s, hazardId, u"status"_s,
                row->doc.value(u"status"_s), toString(kind),
                row->hlcs.value(u"status"_s).toString(), m_hlcKey, u"illegal_transition"_s));
        return next.error();
    }
    auto existing = readRow(m_db, u"rectification_event"_s, m_m.entityId);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return refuse(u"already_exists"_s, u"event %1 already exists"_s.arg(m_m.entityId));
    if (auto r
        = put(u"rectification_event"_s, m_m.entityId, freshRow(event->toJson(), m_hlcKey, m_now));
        !r)
        return r;
    Row updated = *row;
    updated.doc.insert(u"status"_s, toString(*next));
    updated.versions.insert(u"status"_s, updated.versions.value(u"status"_s).toInt(0) + 1);
    updated.hlcs.insert(u"status"_s, m_hlcKey);
    if (kind == EventKind::Submit)
        updated.doc.insert(u"submitted_on"_s, createdOn().toString(Qt::ISODate));
    return put(u"hazard"_s, hazardId, updated);
}

Result<void> Applier::commentAdd()
{
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    args.insert(u"author_id"_s, m_actor.userId);
    auto c = Comment::fromJson(args);
    if (!c)
        return c.error();
    auto hazard = readRow(m_db, u"hazard"_s, c->recordId);
    if (!hazard)
        return hazard.error();
    auto inspection = readRow(m_db, u"inspection"_s, c->recordId);
    if (!inspection)
        return inspection.error();
    const std::optional<Row>& target = hazard->has_value() ? *hazard : *inspection;
    if (!target.has_value())
        return refuse(u"not_found"_s, u"no record with id %1"_s.arg(c->recordId));
    if (m_actor.role == Role::Enterprise
        && target->doc.value(u"enterprise_id"_s).toString() != m_actor.enterpriseId)
        return refuse(u"not_found"_s, u"no record with id %1"_s.arg(c->recordId));
    if (target->deleted)
        return refuse(u"not_found"_s, u"no record with id %1"_s.arg(c->recordId));
    if (auto r = requireStreetScope(target->doc.value(u"enterprise_id"_s).toString()); !r)
        return r;
    for (const auto& a : c->attachments)
        if (auto r = validation::sha256(a, u"attachment id"_s); !r)
            return r;
    return put(u"comment"_s, m_m.entityId, freshRow(c->toJson(), m_hlcKey, m_now));
}

Result<void> Applier::normalizeAttachments()
{
    for (const auto& key : { u"attachments"_s, u"signatures"_s }) {
        const QJsonValue v = m_m.args.value(key);
        if (v.isUndefined() || v.isNull())
            continue;
        auto ids = parseAttachmentList(key, v, m_attachments);
        if (!ids)
            return ids.error();
        m_m.args.insert(key, *ids);
    }
    return {};
}

Result<void> Applier::writeAttachments()
{
    if (m_attachments.isEmpty() || m_out.touched.isEmpty())
        return {};
    // The record the mutation created or changed comes first in `touched`.
    const TouchedRecord owner = m_out.touched.first();
    for (const Attachment& a : std::as_const(m_attachments)) {
        auto existing = readRow(m_db, u"attachment"_s, a.id);
        if (!existing)
            return existing.error();
        if (!existing->has_value()) {
            Attachment meta = a;
            meta.ownerEntity = owner.entity;
            meta.ownerId = owner.id;
            if (auto r = put(u"attachment"_s, a.id, freshRow(meta.toJson(), m_hlcKey, m_now)); !r)
                return r;
            continue;
        }
        // Append-only: the owner and known fields never change; a later reference may only
        // fill in metadata the first one did not carry.
        Row row = **existing;
        const QJsonObject incoming = a.toJson();
        bool filled = false;
        for (const auto& field : { u"mime"_s, u"size"_s, u"captured_at"_s, u"location"_s }) {
            if (row.doc.contains(field) || !incoming.contains(field))
                continue;
            row.doc.insert(field, incoming.value(field));
            row.versions.insert(field, 1);
            row.hlcs.insert(field, m_hlcKey);
            filled = true;
        }
        if (filled)
            if (auto r = put(u"attachment"_s, a.id, row); !r)
                return r;
    }
    return {};
}

Result<Row> Applier::requireEditable(const QString& entity, const QString& id)
{
    auto row = readRow(m_db, entity, id);
    if (!row)
        return row.error();
    if (!row->has_value())
        return refuse(u"not_found"_s, u"no %1 with id %2"_s.arg(entity, id));
    const Row& r = **row;
    if (!r.deleted)
        return r;
    // A client that saw the delete names its version in base; anything else was made
    // concurrently with the delete and is kept.
    const int deletedVersion = r.versions.value(u"deleted"_s).toInt(0);
    if (m_m.base.value(u"deleted"_s).toInt(0) >= deletedVersion)
        return refuse(u"not_found"_s, u"no %1 with id %2"_s.arg(entity, id));
    m_out.conflicts.append(conflict(entity, id, u"deleted"_s, m_m.args, QJsonValue::Null, m_hlcKey,
        r.hlcs.value(u"deleted"_s).toString(), u"edit_after_delete"_s));
    return r;
}

Result<void> Applier::markDeleted(const QString& entity, const QString& id, Row row)
{
    row.deleted = true;
    row.versions.insert(u"deleted"_s, row.versions.value(u"deleted"_s).toInt(0) + 1);
    row.hlcs.insert(u"deleted"_s, m_hlcKey);
    return put(entity, id, row);
}

Result<QString> Applier::enterpriseOfRecord(const QString& recordId)
{
    for (const auto& entity : { u"hazard"_s, u"inspection"_s }) {
        auto row = readRow(m_db, entity, recordId);
        if (!row)
            return row.error();
        if (row->has_value())
            return (*row)->doc.value(u"enterprise_id"_s).toString();
    }
    return QString();
}

Result<void> Applier::inspectionDelete()
{
    auto row = readRow(m_db, u"inspection"_s, m_m.entityId);
    if (!row)
        return row.error();
    if (!row->has_value())
        return refuse(u"not_found"_s, u"no inspection with id %1"_s.arg(m_m.entityId));
    if (auto r = requireOnInspection(**row); !r)
        return r;
    if (auto r = requireStreetScope((*row)->doc.value(u"enterprise_id"_s).toString()); !r)
        return r;
    if ((*row)->deleted)
        return {}; // deleted already (another device): nothing changes
    if ((*row)->doc.value(u"status"_s).toString() == u"finished"_s)
        return refuse(u"inspection_finished"_s,
            u"inspection %1 is finished; only a draft can be deleted"_s.arg(m_m.entityId));
    return markDeleted(u"inspection"_s, m_m.entityId, **row);
}

Result<void> Applier::hazardDelete()
{
    if (auto r = requireRole({ Role::Inspector, Role::Supervisor }); !r)
        return r;
    auto row = readRow(m_db, u"hazard"_s, m_m.entityId);
    if (!row)
        return row.error();
    if (!row->has_value())
        return refuse(u"not_found"_s, u"no hazard with id %1"_s.arg(m_m.entityId));
    if (auto r = requireStreetScope((*row)->doc.value(u"enterprise_id"_s).toString()); !r)
        return r;
    if ((*row)->deleted)
        return {};
    if (m_actor.role == Role::Inspector) {
        // Only the inspector who recorded it (the `order` event's actor), and only while the
        // enterprise has not started rectifying.
        QSqlQuery q(m_db);
        q.prepare(u"SELECT kind, doc FROM rectification_events WHERE hazard_id = ?"_s);
        q.addBindValue(m_m.entityId);
        if (!q.exec())
            return sqlError(q);
        QString creator;
        int later = 0;
        while (q.next()) {
            if (q.value(0).toString() == u"order"_s)
                creator = parseObject(q.value(1).toString()).value(u"actor_id"_s).toString();
            else
                ++later;
        }
        if (creator != m_actor.userId)
            return refuse(u"not_allowed"_s,
                u"only a supervisor or the inspector who recorded hazard %1 may delete it"_s.arg(
                    m_m.entityId));
        if (later > 0)
            return refuse(u"hazard_in_rectification"_s,
                u"hazard %1 already has rectification events; ask a supervisor to delete it"_s.arg(
                    m_m.entityId));
    }
    return markDeleted(u"hazard"_s, m_m.entityId, **row);
}

Result<void> Applier::commentDelete()
{
    auto row = readRow(m_db, u"comment"_s, m_m.entityId);
    if (!row)
        return row.error();
    if (!row->has_value())
        return refuse(u"not_found"_s, u"no comment with id %1"_s.arg(m_m.entityId));
    if ((*row)->doc.value(u"author_id"_s).toString() != m_actor.userId)
        return refuse(u"not_allowed"_s, u"only the author may delete a comment"_s);
    auto enterprise = enterpriseOfRecord((*row)->doc.value(u"record_id"_s).toString());
    if (!enterprise)
        return enterprise.error();
    if (auto r = requireStreetScope(*enterprise); !r)
        return r;
    if ((*row)->deleted)
        return {};
    return markDeleted(u"comment"_s, m_m.entityId, **row);
}

Result<void> Applier::enterpriseUpsert()
{
    if (auto r = requireRole({ Role::Supervisor, Role::Admin }); !r)
        return r;
    QJsonObject args = m_m.args;
    args.insert(u"uscc"_s, m_m.entityId);
    auto e = Enterprise::fromJson(args);
    if (!e)
        return e.error();
    if (auto r = validation::enterprise(*e); !r)
        return r;
    auto row = readRow(m_db, u"enterprise"_s, m_m.entityId);
    if (!row)
        return row.error();
    QJsonObject doc = e->toJson();
    if (!row->has_value())
        return put(u"enterprise"_s, m_m.entityId, freshRow(doc, m_hlcKey, m_now));
    Row updated = **row;
    doc.remove(u"uscc"_s);
    if (auto r = merge(u"enterprise"_s, m_m.entityId, updated, doc, doc.keys()); !r)
        return r;
    return put(u"enterprise"_s, m_m.entityId, updated);
}

Result<void> Applier::planUpsert()
{
    if (auto r = requireRole({ Role::Supervisor, Role::Admin }); !r)
        return r;
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    auto p = Plan::fromJson(args);
    if (!p)
        return p.error();
    auto row = readRow(m_db, u"plan"_s, m_m.entityId);
    if (!row)
        return row.error();
    QJsonObject doc = p->toJson();
    if (!row->has_value())
        return put(u"plan"_s, m_m.entityId, freshRow(doc, m_hlcKey, m_now));
    Row updated = **row;
    doc.remove(u"id"_s);
    if (auto r = merge(u"plan"_s, m_m.entityId, updated, doc, doc.keys()); !r)
        return r;
    return put(u"plan"_s, m_m.entityId, updated);
}

} // namespace

QString toString(OutcomeStatus s)
{
    switch (s) {
    case OutcomeStatus::Applied:
        return u"applied"_s;
    case OutcomeStatus::Merged:
        return u"merged"_s;
    case OutcomeStatus::Conflict:
        return u"conflict"_s;
    case OutcomeStatus::Rejected:
        return u"rejected"_s;
    }
    return {};
}

QStringList mutationNames()
{
    return { u"inspection.create"_s, u"inspection.update"_s, u"answer.set"_s,
        u"inspection.finish"_s, u"hazard.create"_s, u"hazard.update"_s, u"rectification.submit"_s,
        u"rectification.verify"_s, u"rectification.reject"_s, u"rectification.escalate"_s,
        u"comment.add"_s, u"enterprise.upsert"_s, u"plan.upsert"_s, u"inspection.delete"_s,
        u"hazard.delete"_s, u"comment.delete"_s };
}

QString tableOf(const QString& entity)
{
    static const QHash<QString, QString> tables { { u"enterprise"_s, u"enterprises"_s },
        { u"user"_s, u"users"_s }, { u"template"_s, u"templates"_s },
        { u"inspection"_s, u"inspections"_s }, { u"answer"_s, u"answers"_s },
        { u"hazard"_s, u"hazards"_s }, { u"rectification_event"_s, u"rectification_events"_s },
        { u"comment"_s, u"comments"_s }, { u"attachment"_s, u"attachments"_s },
        { u"plan"_s, u"plans"_s } };
    return tables.value(entity);
}

QDateTime hlcTime(const QString& hlc)
{
    bool ok = false;
    const qint64 ms = hlc.left(12).toLongLong(&ok, 16);
    if (!ok || hlc.size() != 16)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

Result<MutationOutcome> applyMutation(
    QSqlDatabase& db, const Actor& actor, const Mutation& mutation, const ApplyContext& ctx)
{
    return Applier(db, actor, mutation, ctx).run();
}

Result<void> recordConflicts(QSqlDatabase& db, const QList<ConflictRecord>& conflicts)
{
    for (const auto& c : conflicts) {
        QSqlQuery q(db);
        q.prepare(u"INSERT INTO conflicts (id, entity, record_id, field, user_id, kept_value, "
                  u"lost_value, kept_hlc, lost_hlc, reason, created_at) "
                  u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        auto wrap = [](const QJsonValue& v) { return compact(QJsonObject { { u"v"_s, v } }); };
        for (const QVariant& v :
            { QVariant(c.id), QVariant(c.entity), QVariant(c.recordId), QVariant(c.field),
                QVariant(c.userId), QVariant(wrap(c.keptValue)), QVariant(wrap(c.lostValue)),
                QVariant(c.keptHlc), QVariant(c.lostHlc), QVariant(c.reason),
                QVariant(c.createdAt.isEmpty() ? formatTimestamp(QDateTime::currentDateTimeUtc())
                                               : c.createdAt) })
            q.addBindValue(v);
        if (!q.exec())
            return sqlError(q);
    }
    return {};
}

QJsonObject currentBase(
    QSqlDatabase& db, const QString& name, const QString& entityId, const QJsonObject& args)
{
    QString entity;
    QString id = entityId;
    if (name == u"hazard.update"_s)
        entity = u"hazard"_s;
    else if (name == u"inspection.update"_s || name == u"inspection.finish"_s)
        entity = u"inspection"_s;
    else if (name == u"enterprise.upsert"_s)
        entity = u"enterprise"_s;
    else if (name == u"plan.upsert"_s)
        entity = u"plan"_s;
    else if (name == u"answer.set"_s) {
        entity = u"answer"_s;
        QSqlQuery q(db);
        q.prepare(u"SELECT id FROM answers WHERE inspection_id = ? AND item_code = ?"_s);
        q.addBindValue(args.value(u"inspection_id"_s).toString());
        q.addBindValue(args.value(u"item_code"_s).toString());
        if (q.exec() && q.next())
            id = q.value(0).toString();
    }
    if (entity.isEmpty())
        return {};
    auto row = readRow(db, entity, id);
    if (!row || !row->has_value())
        return {};
    QJsonObject base;
    for (auto it = args.constBegin(); it != args.constEnd(); ++it)
        if ((*row)->versions.contains(it.key()))
            base.insert(it.key(), (*row)->versions.value(it.key()));
    return base;
}

StoredRecord recordFromRow(const QString& entity, const QString& id, const QString& doc,
    const QString& versions, bool deleted, QDate today)
{
    StoredRecord r { entity, id, parseObject(doc), parseObject(versions), deleted };
    if (entity == u"hazard"_s) {
        const QDate deadline
            = QDate::fromString(r.fields.value(u"deadline"_s).toString(), Qt::ISODate);
        const auto status = parseHazardStatus(r.fields.value(u"status"_s).toString());
        const QDate day
            = today.isValid() ? today : rules::localDate(QDateTime::currentDateTimeUtc());
        r.fields.insert(
            u"overdue"_s, status.ok() && rules::isOverdue(deadline, status.value(), day));
    }
    return r;
}

Result<std::optional<StoredRecord>> loadRecord(
    QSqlDatabase& db, const QString& entity, const QString& id, QDate today)
{
    if (tableOf(entity).isEmpty())
        return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(entity));
    QSqlQuery q(db);
    q.prepare(u"SELECT doc, versions, deleted FROM %1 WHERE id = ?"_s.arg(tableOf(entity)));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(q);
    if (!q.next())
        return std::optional<StoredRecord> {};
    return std::optional<StoredRecord> { recordFromRow(
        entity, id, q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() != 0, today) };
}

Result<void> storeRecord(QSqlDatabase& db, const StoredRecord& record)
{
    if (tableOf(record.entity).isEmpty())
        return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(record.entity));
    const auto [row, updated] = pulledRow(record);
    return writeRow(db, record.entity, record.id, row, updated);
}

namespace {

/// The `sqlite3*` of a Qt SQLite connection, when Qt's driver runs on the same SQLite library
/// this binary links (same version reported by both); null otherwise, and the caller keeps to
/// QSqlQuery.
sqlite3* nativeHandle(QSqlDatabase& db)
{
    if (db.driverName() != u"QSQLITE"_s || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    QSqlQuery version(db);
    if (!version.exec(u"SELECT sqlite_version()"_s) || !version.next()
        || version.value(0).toString() != QString::fromLatin1(sqlite3_libversion()))
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

/// Binds a promoted column's value (text, whole number or NULL) at `index`.
int bindVariant(sqlite3_stmt* statement, int index, const QVariant& value)
{
    if (value.isNull())
        return sqlite3_bind_null(statement, index);
    if (value.typeId() == QMetaType::Int || value.typeId() == QMetaType::LongLong)
        return sqlite3_bind_int64(statement, index, value.toLongLong());
    const QByteArray text = value.toString().toUtf8();
    return sqlite3_bind_text(
        statement, index, text.constData(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

int bindUtf8(sqlite3_stmt* statement, int index, QByteArrayView text)
{
    // The caller's text outlives the step that reads it (bound and stepped in one call).
    return sqlite3_bind_text(
        statement, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

} // namespace

struct RecordWriter::Statements {
    QHash<QString, QSqlQuery> upserts;
    sqlite3* handle = nullptr;
    QHash<QString, sqlite3_stmt*> native;

    Statements() = default;
    Statements(const Statements&) = delete;
    Statements& operator=(const Statements&) = delete;
    ~Statements()
    {
        for (sqlite3_stmt* statement : std::as_const(native))
            sqlite3_finalize(statement);
    }

    /// The prepared upsertSql() of `entity` on the native handle (null on failure).
    sqlite3_stmt* nativeStatement(const QString& entity)
    {
        if (const auto it = native.constFind(entity); it != native.constEnd())
            return it.value();
        const QByteArray sql = upsertSql(entity).toUtf8();
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v3(handle, sql.constData(), static_cast<int>(sql.size()),
                SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
            != SQLITE_OK) {
            sqlite3_finalize(statement);
            return nullptr;
        }
        native.insert(entity, statement);
        return statement;
    }
};

RecordWriter::RecordWriter(QSqlDatabase& db)
    : m_db(db)
    , m_statements(std::make_unique<Statements>())
{
    m_statements->handle = nativeHandle(m_db);
}

RecordWriter::~RecordWriter() = default;

Result<QSqlQuery*> RecordWriter::statement(const QString& entity)
{
    auto it = m_statements->upserts.find(entity);
    if (it == m_statements->upserts.end()) {
        if (tableOf(entity).isEmpty())
            return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(entity));
        QSqlQuery q(m_db);
        if (!q.prepare(upsertSql(entity)))
            return sqlError(q);
        it = m_statements->upserts.insert(entity, q);
    }
    return &it.value();
}

Result<void> RecordWriter::store(const StoredRecord& record)
{
    auto q = statement(record.entity);
    if (!q)
        return q.error();
    const auto [row, updated] = pulledRow(record);
    return bindAndWrite(**q, record.entity, record.id, row, updated);
}

Result<void> RecordWriter::store(
    const StoredRecord& record, QByteArrayView fieldsText, QByteArrayView versionsText)
{
    // The row pulledRow() builds has doc == fields exactly when fields carry both stamps and
    // no derived `overdue`; then the page's text of fields is the doc's text.
    const QJsonValue created = record.fields.value(u"created_at"_s);
    const QJsonValue updated = record.fields.value(u"updated_at"_s);
    if (fieldsText.isEmpty() || versionsText.isEmpty() || !created.isString()
        || created.toString().isEmpty() || !updated.isString() || updated.toString().isEmpty()
        || record.fields.contains(u"overdue"_s))
        return store(record);
    if (tableOf(record.entity).isEmpty())
        return makeError(u"unknown_entity"_s, u"no entity is named %1"_s.arg(record.entity));
    const auto columns = promoted(record.entity, record.fields);
    if (m_statements->handle) {
        sqlite3_stmt* statement = m_statements->nativeStatement(record.entity);
        if (!statement)
            return makeError(
                u"sql_error"_s, QString::fromUtf8(sqlite3_errmsg(m_statements->handle)));
        const QByteArray idText = record.id.toUtf8();
        int i = 1;
        int rc = bindUtf8(statement, i++, idText);
        for (const auto& c : columns)
            rc = rc == SQLITE_OK ? bindVariant(statement, i++, c.second) : rc;
        const QByteArray createdText = created.toString().toUtf8();
        const QByteArray updatedText = updated.toString().toUtf8();
        for (const QByteArrayView text : { fieldsText, versionsText, QByteArrayView("{}"),
                 QByteArrayView(createdText), QByteArrayView(updatedText) })
            rc = rc == SQLITE_OK ? bindUtf8(statement, i++, text) : rc;
        rc = rc == SQLITE_OK ? sqlite3_bind_int(statement, i++, record.deleted ? 1 : 0) : rc;
        if (rc == SQLITE_OK)
            rc = sqlite3_step(statement);
        const QString error = rc == SQLITE_DONE
            ? QString()
            : QString::fromUtf8(sqlite3_errmsg(m_statements->handle));
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        if (rc != SQLITE_DONE)
            return makeError(u"sql_error"_s, error);
        return {};
    }
    auto statementOf = statement(record.entity);
    if (!statementOf)
        return statementOf.error();
    QSqlQuery& q = **statementOf;
    int i = 0;
    q.bindValue(i++, record.id);
    for (const auto& c : columns)
        q.bindValue(i++, c.second);
    q.bindValue(i++, QString::fromUtf8(fieldsText));
    q.bindValue(i++, QString::fromUtf8(versionsText));
    q.bindValue(i++, u"{}"_s);
    q.bindValue(i++, created.toString());
    q.bindValue(i++, updated.toString());
    q.bindValue(i++, record.deleted ? 1 : 0);
    if (!q.exec())
        return sqlError(q);
    return {};
}

} // namespace safeloop::core
