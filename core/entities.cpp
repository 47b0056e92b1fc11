#include "entities.h"

using namespace Qt::StringLiterals;

namespace safeloop::core {

const QList<EntityInfo>& recordEntities()
{
    static const QList<EntityInfo> entities {
        { u"enterprise"_s, u"enterprises"_s, {}, {}, false },
        { u"user"_s, u"users"_s, {}, {}, false },
        { u"template"_s, u"templates"_s, {}, {}, false },
        { u"plan"_s, u"plans"_s, {}, {}, false },
        { u"recusal"_s, u"recusals"_s, {}, {}, false },
        { u"inspection"_s, u"inspections"_s, u"enterprise"_s, u"enterprise_id"_s, false },
        { u"hazard"_s, u"hazards"_s, u"enterprise"_s, u"enterprise_id"_s, false },
        { u"answer"_s, u"answers"_s, u"inspection"_s, u"inspection_id"_s, true },
        { u"rectification_event"_s, u"rectification_events"_s, u"hazard"_s, u"hazard_id"_s, true },
        { u"comment"_s, u"comments"_s, u"hazard"_s, u"record_id"_s, false },
        { u"attachment"_s, u"attachments"_s, {}, {}, false },
        { u"document"_s, u"documents"_s, u"enterprise"_s, u"enterprise_id"_s, false },
    };
    return entities;
}

const EntityInfo* entityInfo(const QString& name)
{
    for (const auto& e : recordEntities())
        if (e.name == name)
            return &e;
    return nullptr;
}

QList<EntityInfo> foreignKeyChildren(const QString& parent)
{
    QList<EntityInfo> out;
    for (const auto& e : recordEntities())
        if (e.foreignKey && e.parent == parent)
            out.append(e);
    return out;
}

} // namespace safeloop::core
