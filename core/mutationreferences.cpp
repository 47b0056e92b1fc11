// The references a mutation makes to other records: one table (referenceRules()) and the one
// check the applier runs over it before any mutation applies.

#include "mutationapplier_p.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace safeloop::core {

const QList<ReferenceRule>& referenceRules()
{
    static const QList<ReferenceRule> rules {
        { u"inspection.create"_s, u"enterprise_id"_s, { u"enterprise"_s } },
        { u"inspection.create"_s, u"inspector_ids"_s, { u"user"_s }, Reach::Inspector, true },
        { u"inspection.update"_s, u"inspector_ids"_s, { u"user"_s }, Reach::Inspector, true },
        { u"answer.set"_s, u"inspection_id"_s, { u"inspection"_s }, Reach::Scope, false, true },
        { u"hazard.create"_s, u"enterprise_id"_s, { u"enterprise"_s } },
        { u"hazard.create"_s, u"inspection_id"_s, { u"inspection"_s } },
        { u"rectification.submit"_s, u"hazard_id"_s, { u"hazard"_s } },
        { u"rectification.verify"_s, u"hazard_id"_s, { u"hazard"_s } },
        { u"rectification.reject"_s, u"hazard_id"_s, { u"hazard"_s } },
        { u"rectification.escalate"_s, u"hazard_id"_s, { u"hazard"_s } },
        { u"comment.add"_s, u"record_id"_s, { u"hazard"_s, u"inspection"_s } },
        { u"document.issue"_s, u"inspection_id"_s, { u"inspection"_s } },
        { u"document.issue"_s, u"hazard_ids"_s, { u"hazard"_s }, Reach::Scope, true },
        { u"plan.upsert"_s, u"enterprise_ids"_s, { u"enterprise"_s }, Reach::Scope, true },
        { u"plan.upsert"_s, u"inspector_ids"_s, { u"user"_s }, Reach::Inspector, true },
        { u"recusal.upsert"_s, u"inspector_id"_s, { u"user"_s }, Reach::Inspector },
        { u"recusal.upsert"_s, u"enterprise_id"_s, { u"enterprise"_s } },
        // The record an update or delete changes. Deleted ones count here: the mutation itself
        // decides (a concurrent edit is kept and flagged, a second delete changes nothing).
        { u"inspection.update"_s, u"entity_id"_s, { u"inspection"_s }, Reach::Scope, false, true },
        { u"inspection.finish"_s, u"entity_id"_s, { u"inspection"_s }, Reach::Scope, false, true },
        { u"inspection.delete"_s, u"entity_id"_s, { u"inspection"_s }, Reach::Scope, false, true },
        { u"hazard.update"_s, u"entity_id"_s, { u"hazard"_s }, Reach::Scope, false, true },
        { u"hazard.delete"_s, u"entity_id"_s, { u"hazard"_s }, Reach::Scope, false, true },
        { u"comment.delete"_s, u"entity_id"_s, { u"comment"_s }, Reach::Scope, false, true },
    };
    return rules;
}

QStringList referencedIds(const ReferenceRule& rule, const Mutation& m)
{
    const QJsonValue value
        = rule.field == u"entity_id"_s ? QJsonValue(m.entityId) : m.args.value(rule.field);
    QStringList ids;
    if (rule.list && value.isArray()) {
        for (const auto& v : value.toArray())
            if (v.isString() && !v.toString().isEmpty() && !ids.contains(v.toString()))
                ids << v.toString();
    } else if (!rule.list && value.isString() && !value.toString().isEmpty()) {
        ids << value.toString();
    }
    return ids;
}

namespace detail {

namespace {

/// The first of `entities` that holds a record `id`: sets `entity` and `row` (left empty when
/// none does).
Result<void> firstHolding(QSqlDatabase& db, const QStringList& entities, const QString& id,
    QString& entity, std::optional<Row>& row)
{
    row.reset();
    for (const QString& candidate : entities) {
        auto found = readRow(db, candidate, id);
        if (!found)
            return found.error();
        if (found->has_value()) {
            entity = candidate;
            row = **found;
            return {};
        }
    }
    return {};
}

} // namespace

Result<void> Applier::checkReferences()
{
    for (const ReferenceRule& rule : referenceRules()) {
        if (rule.mutation != m_m.name)
            continue;
        for (const QString& id : referencedIds(rule, m_m))
            if (auto r = requireReference(rule, id); !r)
                return r;
    }
    return {};
}

Result<void> Applier::requireReference(const ReferenceRule& rule, const QString& id)
{
    const QString label
        = rule.reach == Reach::Inspector ? u"inspector"_s : rule.entities.join(u" or "_s);
    const Error notFound { u"not_found"_s,
        u"%1: no %2 with id %3%4"_s.arg(rule.field, label, id,
            rule.reach == Reach::Scope && m_actor.role != Role::Supervisor
                    && m_actor.role != Role::Admin
                ? u" in your scope"_s
                : QString()) };
    // An inspector names itself before its own user record reached the device: the login (the
    // token on the server) already says who and what it is.
    if (rule.reach == Reach::Inspector && m_actor.role == Role::Inspector && id == m_actor.userId)
        return {};
    QString entity;
    std::optional<Row> row;
    if (auto r = firstHolding(m_db, rule.entities, id, entity, row); !r)
        return r;
    // A device holds only part of the district and may not have pulled the record yet: only the
    // server, which holds everything, says a record does not exist.
    if (!row)
        return m_ctx.server ? Result<void>(notFound) : Result<void> {};
    if (row->deleted && !rule.allowDeleted)
        return notFound;
    if (rule.reach == Reach::Inspector) {
        if (row->doc.value(u"role"_s).toString() != toString(Role::Inspector))
            return notFound;
        return {};
    }
    // Reach::Scope: every such record belongs to an enterprise; a comment through its record.
    if (entity == u"comment"_s) {
        const QString recordId = row->doc.value(u"record_id"_s).toString();
        if (auto r = firstHolding(
                m_db, QStringList { u"hazard"_s, u"inspection"_s }, recordId, entity, row);
            !r)
            return r;
        if (!row)
            return m_ctx.server ? Result<void>(notFound) : Result<void> {};
    }
    const QString enterpriseId
        = entity == u"enterprise"_s ? id : row->doc.value(u"enterprise_id"_s).toString();
    switch (m_actor.role) {
    case Role::Supervisor:
    case Role::Admin:
        return {};
    case Role::Enterprise:
        // Enterprise users see their enterprise, its hazards and its own self-checks, never an
        // inspectors' inspection.
        if ((entity == u"enterprise"_s || entity == u"hazard"_s
                || (entity == u"inspection"_s
                    && row->doc.value(u"kind"_s).toString() == toString(InspectionKind::SelfCheck)))
            && enterpriseId == m_actor.enterpriseId)
            return {};
        return notFound;
    case Role::Inspector:
        if (auto r = requireStreetScope(enterpriseId); !r)
            return notFound;
        return {};
    }
    return notFound;
}

} // namespace detail

} // namespace safeloop::core
