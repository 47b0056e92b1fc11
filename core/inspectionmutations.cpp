// The inspection mutations: inspection.create, .update, .finish and .delete, answer.set.

#include "mutationapplier_p.h"

#include "rules.h"
#include "validation.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace safeloop::core::detail {

Result<void> Applier::inspectionCreate()
{
    if (auto r = requireRole({ Role::Inspector, Role::Enterprise }); !r)
        return r;
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    args.insert(u"status"_s, u"in_progress"_s);
    auto insp = Inspection::fromJson(args);
    if (!insp)
        return insp.error();
    const bool selfCheck = insp->kind == InspectionKind::SelfCheck;
    if (selfCheck != (m_actor.role == Role::Enterprise))
        return refuse(u"not_allowed"_s,
            selfCheck ? u"a self-check (self_check) is run by the enterprise's own user"_s
                      : u"an enterprise user creates only self-check (self_check) inspections"_s);
    if (auto r = validation::inspection(*insp); !r)
        return r;
    if (selfCheck) {
        if (insp->enterpriseId != m_actor.enterpriseId)
            return refuse(u"not_allowed"_s, u"an enterprise runs a self-check only on itself"_s);
        if (auto r = requireNew(u"inspection"_s, u"inspection"_s); !r)
            return r;
        return put(u"inspection"_s, m_m.entityId, freshRow(insp->toJson(), m_hlcKey, m_now));
    }
    if (!insp->inspectorIds.contains(m_actor.userId))
        return refuse(u"not_allowed"_s, u"the creating inspector must be one of inspector_ids"_s);
    if (auto r = checkInspectorBadges(*insp); !r)
        return r;
    if (auto r = requireNew(u"inspection"_s, u"inspection"_s); !r)
        return r;
    QJsonObject doc = insp->toJson();
    return put(u"inspection"_s, m_m.entityId, freshRow(doc, m_hlcKey, m_now));
}

Result<void> Applier::inspectionUpdate(bool finish)
{
    auto row = requireInspectionToChange(m_m.entityId);
    if (!row)
        return row.error();
    if (row->doc.value(u"status"_s).toString() == u"finished"_s)
        return refuse(u"inspection_finished"_s, u"a finished inspection cannot change"_s);
    QJsonObject changes = m_m.args;
    // A self-check stays one, and an inspection never becomes one.
    const QString selfCheck = toString(InspectionKind::SelfCheck);
    if (changes.contains(u"kind"_s)
        && (changes.value(u"kind"_s).toString() == selfCheck)
            != (row->doc.value(u"kind"_s).toString() == selfCheck))
        return refuse(u"field_not_editable"_s,
            u"%1 cannot turn an inspection into a self-check or back"_s.arg(m_m.name));
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
    } else if (auto r = checkInspectorBadges(*insp); !r) {
        return r;
    }
    return put(u"inspection"_s, m_m.entityId, updated);
}

Result<void> Applier::answerSet()
{
    const QString inspectionId = m_m.args.value(u"inspection_id"_s).toString();
    auto insp = requireInspectionToChange(inspectionId);
    if (!insp)
        return insp.error();
    // A finished inspection is a signed record: its answers no longer change.
    if (insp->doc.value(u"status"_s).toString() == u"finished"_s)
        return refuse(u"inspection_finished"_s,
            u"inspection %1 is finished; its answers cannot change"_s.arg(inspectionId));
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    auto answer = Answer::fromJson(args);
    if (!answer)
        return answer.error();
    if (auto r = validation::answer(*answer); !r)
        return r;
    // Keyed by (inspection, item): a second device's answer for the item merges into the first.
    auto statement
        = prepared(m_db, u"SELECT id FROM answers WHERE inspection_id = ? AND item_code = ?"_s);
    if (!statement)
        return statement.error();
    QSqlQuery q = std::move(statement.value());
    q.bindValue(0, answer->inspectionId);
    q.bindValue(1, answer->itemCode);
    if (!q.exec())
        return sqlError(q);
    const QString id = q.next() ? q.value(0).toString() : QString();
    // The mutation's id may name this inspection's answer for the item (an edit) or no answer
    // at all (a new one); an answer of another inspection or item is never taken over.
    if (id != m_m.entityId)
        if (auto r = requireNew(u"answer"_s, u"answer"_s); !r)
            return r;
    if (id.isEmpty()) {
        QJsonObject doc = answer->toJson();
        return put(u"answer"_s, m_m.entityId, freshRow(doc, m_hlcKey, m_now));
    }
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

Result<void> Applier::inspectionDelete()
{
    auto row = requireStored(u"inspection"_s);
    if (!row)
        return row.error();
    if (auto r = requireOnInspection(*row); !r)
        return r;
    if (auto r = requireStreetScope(row->doc.value(u"enterprise_id"_s).toString()); !r)
        return r;
    if (row->deleted)
        return {}; // deleted already (another device): nothing changes
    if (row->doc.value(u"status"_s).toString() == u"finished"_s)
        return refuse(u"inspection_finished"_s,
            u"inspection %1 is finished; only a draft can be deleted"_s.arg(m_m.entityId));
    return markDeleted(u"inspection"_s, m_m.entityId, *row);
}

} // namespace safeloop::core::detail
