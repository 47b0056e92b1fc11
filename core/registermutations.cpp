// The register mutations: enterprise.upsert, plan.upsert and recusal.upsert.

#include "mutationapplier_p.h"

#include "validation.h"

using namespace Qt::StringLiterals;

namespace safeloop::core::detail {

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
    return upsert(u"enterprise"_s, e->toJson(), u"uscc"_s);
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
    return upsert(u"plan"_s, p->toJson(), u"id"_s);
}

Result<void> Applier::recusalUpsert()
{
    if (auto r = requireRole({ Role::Supervisor, Role::Admin }); !r)
        return r;
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    auto parsed = Recusal::fromJson(args);
    if (!parsed)
        return parsed.error();
    Recusal c = *parsed;
    c.reason = c.reason.trimmed();
    if (c.reason.isEmpty())
        return refuse(u"missing_field"_s, u"reason is required"_s);
    // A recusal names one inspector and one enterprise for good: withdrawing it keeps the pair.
    auto stored = readRow(m_db, u"recusal"_s, m_m.entityId);
    if (!stored)
        return stored.error();
    if (stored->has_value()) {
        const QJsonObject& doc = (*stored)->doc;
        if (doc.value(u"inspector_id"_s).toString() != c.inspectorId
            || doc.value(u"enterprise_id"_s).toString() != c.enterpriseId)
            return refuse(u"reference_mismatch"_s,
                u"recusal %1 names another inspector and enterprise; record a new one"_s.arg(
                    m_m.entityId));
    }
    return upsert(u"recusal"_s, c.toJson(), u"id"_s);
}

} // namespace safeloop::core::detail
