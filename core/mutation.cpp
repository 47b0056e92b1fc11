#include "mutation.h"

#include "mutationapplier_p.h"
#include "validation.h"

#include <QJsonArray>
#include <QMap>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace detail {

namespace {

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

} // namespace

Result<MutationOutcome> Applier::run()
{
    if (m_m.entityId.trimmed().isEmpty())
        return refuse(u"missing_field"_s, u"entity_id is required"_s);
    // Text limits and control characters, the same on the device (refused before it is queued)
    // and on the server (that mutation's rejection).
    Result<void> r = validation::text(m_m.entityId, u"entity_id"_s, u"entity_id"_s);
    if (r)
        r = validation::texts(m_m.args, u"args"_s, u"args"_s);
    if (r)
        r = normalizeAttachments();
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
        rejected.wroteBeforeRejection = !m_out.touched.isEmpty();
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
    if (!mutationNames().contains(n))
        return refuse(u"unknown_mutation"_s, u"no mutation is named \"%1\""_s.arg(n));
    if (auto r = checkReferences(); !r)
        return r;
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
    if (n == u"recusal.upsert"_s)
        return recusalUpsert();
    if (n == u"inspection.delete"_s)
        return inspectionDelete();
    if (n == u"hazard.delete"_s)
        return hazardDelete();
    if (n == u"comment.delete"_s)
        return commentDelete();
    if (n == u"document.issue"_s)
        return documentIssue();
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

Result<Row> Applier::requireInspectionToChange(const QString& inspectionId)
{
    auto row = requireEditable(u"inspection"_s, inspectionId);
    if (!row)
        return row;
    if (auto r = requireOnInspection(*row); !r)
        return r.error();
    if (auto r = requireStreetScope(row->doc.value(u"enterprise_id"_s).toString()); !r)
        return r.error();
    return row;
}

Result<Row> Applier::requireStored(const QString& entity)
{
    auto row = readRow(m_db, entity, m_m.entityId);
    if (!row)
        return row.error();
    if (!row->has_value())
        return refuse(u"not_found"_s, u"no %1 with id %2"_s.arg(entity, m_m.entityId));
    return **row;
}

Result<void> Applier::requireNew(const QString& entity, const QString& label)
{
    auto existing = readRow(m_db, entity, m_m.entityId);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return refuse(u"already_exists"_s, u"%1 %2 already exists"_s.arg(label, m_m.entityId));
    m_out.fresh.append({ entity, m_m.entityId });
    return {};
}

Result<void> Applier::checkInspectorBadges(const Inspection& inspection)
{
    QMap<QString, QString> badges;
    for (const auto& uid : inspection.inspectorIds) {
        auto u = readRow(m_db, u"user"_s, uid);
        if (!u)
            return u.error();
        if (u->has_value())
            badges.insert(uid, (*u)->doc.value(u"badge"_s).toString());
    }
    return rules::checkInspectors(inspection, badges);
}

Result<void> Applier::upsert(const QString& entity, QJsonObject doc, const QString& idField)
{
    auto row = readRow(m_db, entity, m_m.entityId);
    if (!row)
        return row.error();
    if (!row->has_value())
        return put(entity, m_m.entityId, freshRow(doc, m_hlcKey, m_now));
    Row updated = **row;
    doc.remove(idField);
    if (auto r = merge(entity, m_m.entityId, updated, doc, doc.keys()); !r)
        return r;
    return put(entity, m_m.entityId, updated);
}

Result<void> Applier::requireOnInspection(const Row& inspection)
{
    if (inspection.doc.value(u"kind"_s).toString() == toString(InspectionKind::SelfCheck)) {
        if (m_actor.role != Role::Enterprise)
            return refuse(u"self_check_inspection"_s,
                u"a self-check is its enterprise's own record; only that enterprise changes it"_s);
        if (inspection.doc.value(u"enterprise_id"_s).toString() != m_actor.enterpriseId)
            return refuse(u"not_allowed"_s, u"this self-check is not your enterprise's"_s);
        return {};
    }
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
    // The server holds every enterprise; a device may not have pulled this one yet.
    if (!e->has_value() ? m_ctx.server
                        : !m_actor.streets.contains((*e)->doc.value(u"street"_s).toString()))
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

} // namespace detail

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
        u"hazard.delete"_s, u"comment.delete"_s, u"recusal.upsert"_s, u"document.issue"_s };
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
    return detail::Applier(db, actor, mutation, ctx).run();
}

Result<void> recordConflicts(QSqlDatabase& db, const QList<ConflictRecord>& conflicts)
{
    for (const auto& c : conflicts) {
        auto statement = prepared(db,
            u"INSERT INTO conflicts (id, entity, record_id, field, user_id, kept_value, "
            u"lost_value, kept_hlc, lost_hlc, reason, created_at) "
            u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        if (!statement)
            return statement.error();
        QSqlQuery q = std::move(statement.value());
        int i = 0;
        auto wrap = [](const QJsonValue& v) { return compact(QJsonObject { { u"v"_s, v } }); };
        for (const QVariant& v :
            { QVariant(c.id), QVariant(c.entity), QVariant(c.recordId), QVariant(c.field),
                QVariant(c.userId), QVariant(wrap(c.keptValue)), QVariant(wrap(c.lostValue)),
                QVariant(c.keptHlc), QVariant(c.lostHlc), QVariant(c.reason),
                QVariant(c.createdAt.isEmpty() ? formatTimestamp(QDateTime::currentDateTimeUtc())
                                               : c.createdAt) })
            q.bindValue(i++, v);
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
    else if (name == u"recusal.upsert"_s)
        entity = u"recusal"_s;
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
    auto row = detail::readRow(db, entity, id);
    if (!row || !row->has_value())
        return {};
    QJsonObject base;
    for (auto it = args.constBegin(); it != args.constEnd(); ++it)
        if ((*row)->versions.contains(it.key()))
            base.insert(it.key(), (*row)->versions.value(it.key()));
    return base;
}

QStringList referencedBlobIds(const QJsonObject& argsOrDoc)
{
    QStringList ids;
    for (const auto& key : { u"attachments"_s, u"signatures"_s }) {
        const QJsonValue list = argsOrDoc.value(key);
        if (!list.isArray())
            continue;
        for (const auto& v : list.toArray()) {
            const QString id = v.isObject() ? v.toObject().value(u"id"_s).toString() : v.toString();
            if (validation::sha256(id, QString()).ok() && !ids.contains(id))
                ids << id;
        }
    }
    return ids;
}

} // namespace safeloop::core
