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

} // namespace safeloop::core::detail
