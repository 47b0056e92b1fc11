// The register mutations: enterprise.upsert and plan.upsert.

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

} // namespace safeloop::core::detail
