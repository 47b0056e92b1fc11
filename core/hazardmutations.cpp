// The hazard mutations: hazard.create, .update and .delete, rectification.submit, .verify,
// .reject and .escalate, comment.add and .delete.

#include "mutationapplier_p.h"

#include "rules.h"
#include "validation.h"

#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace safeloop::core::detail {

Result<void> Applier::hazardCreate()
{
    if (auto r = requireRole({ Role::Inspector, Role::Supervisor, Role::Enterprise }); !r)
        return r;
    QJsonObject args = m_m.args;
    args.insert(u"id"_s, m_m.entityId);
    args.remove(u"status"_s);
    args.remove(u"overdue"_s);
    auto h = Hazard::fromJson(args);
    if (!h)
        return h.error();
    // An enterprise records only what its own self-check found, and only officials record
    // what an inspection found.
    const bool selfCheck = h->source == HazardSource::SelfCheck;
    if (selfCheck != (m_actor.role == Role::Enterprise))
        return refuse(u"not_allowed"_s,
            selfCheck
                ? u"a self-check hazard (source self_check) is recorded by its enterprise"_s
                : u"an enterprise records only hazards of its self-check (source self_check)"_s);
    if (selfCheck && h->enterpriseId != m_actor.enterpriseId)
        return refuse(
            u"not_allowed"_s, u"an enterprise records self-check hazards only on itself"_s);
    if (auto r = validation::hazard(*h, createdOn()); !r)
        return r;
    if (!h->inspectionId.isEmpty()) {
        // checkReferences() found it live and in scope; it must be this enterprise's.
        auto inspection = requireRow(u"inspection"_s, h->inspectionId);
        if (!inspection)
            return inspection.error();
        if (inspection->doc.value(u"enterprise_id"_s).toString() != h->enterpriseId)
            return refuse(u"reference_mismatch"_s,
                u"inspection_id: inspection %1 is not of enterprise %2"_s.arg(
                    h->inspectionId, h->enterpriseId));
        // A self-check's findings are self-check hazards, an inspection's never are.
        if ((inspection->doc.value(u"kind"_s).toString() == toString(InspectionKind::SelfCheck))
            != selfCheck)
            return refuse(u"reference_mismatch"_s,
                selfCheck
                    ? u"inspection_id: inspection %1 is not a self-check"_s.arg(h->inspectionId)
                    : u"inspection_id: inspection %1 is a self-check; its hazards are "
                      u"recorded by the enterprise"_s.arg(h->inspectionId));
        if (inspection->doc.value(u"status"_s).toString() == u"finished"_s && selfCheck)
            return refuse(u"inspection_finished"_s,
                u"self-check %1 is finished; record a new hazard in a new self-check"_s.arg(
                    h->inspectionId));
    }
    if (auto r = requireNew(u"hazard"_s, u"hazard"_s); !r)
        return r;
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
    RectificationEvent order;
    order.id = orderId;
    order.hazardId = m_m.entityId;
    order.kind = EventKind::Order;
    order.actorId = m_actor.userId;
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
    if (auto r = refuseSelfCheckHazard(*row); !r)
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

Result<void> Applier::refuseSelfCheckHazard(const Row& hazard)
{
    if (hazard.doc.value(u"source"_s).toString() != toString(HazardSource::SelfCheck))
        return {};
    return refuse(u"self_check_hazard"_s,
        u"hazard %1 is its enterprise's own self-check finding; only that enterprise changes "
        u"it"_s.arg(m_m.entityId));
}

Result<void> Applier::rectification(EventKind kind)
{
    const QString hazardId = m_m.args.value(u"hazard_id"_s).toString();
    auto row = requireRow(u"hazard"_s, hazardId);
    if (!row)
        return row.error();
    // checkReferences() found the hazard within the actor's scope.
    const QString enterpriseId = row->doc.value(u"enterprise_id"_s).toString();
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
    if (auto r = validation::rectificationEvent(*event, createdOn()); !r)
        return r;
    if (kind == EventKind::Submit && event->note.trimmed().isEmpty()
        && event->attachments.isEmpty())
        return refuse(u"evidence_required"_s, u"a submission needs a note or evidence photos"_s);
    const bool selfCheck
        = row->doc.value(u"source"_s).toString() == toString(HazardSource::SelfCheck);
    auto next = rules::transition(*current, kind, { m_actor.role, m_actor.enterpriseId },
        enterpriseId, selfCheck ? HazardSource::SelfCheck : HazardSource::Inspection);
    if (!next) {
        if (next.error().code == u"illegal_transition"_s && m_ctx.server)
            m_out.conflicts.append(conflict(u"hazard"_s, hazardId, u"status"_s,
                row->doc.value(u"status"_s), toString(kind),
                row->hlcs.value(u"status"_s).toString(), m_hlcKey, u"illegal_transition"_s));
        return next.error();
    }
    // The enterprise closes its own finding on evidence, as it submits on evidence.
    if (selfCheck && kind == EventKind::Verify && event->note.trimmed().isEmpty()
        && event->attachments.isEmpty())
        return refuse(u"evidence_required"_s,
            u"closing a self-check hazard needs a note or evidence photos"_s);
    if (auto r = requireNew(u"rectification_event"_s, u"event"_s); !r)
        return r;
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
    // checkReferences() found record_id: a live hazard or inspection the actor can see.
    for (const auto& a : c->attachments)
        if (auto r = validation::sha256(a, u"attachment id"_s); !r)
            return r;
    if (auto r = requireNew(u"comment"_s, u"comment"_s); !r)
        return r;
    return put(u"comment"_s, m_m.entityId, freshRow(c->toJson(), m_hlcKey, m_now));
}

Result<void> Applier::hazardDelete()
{
    if (auto r = requireRole({ Role::Inspector, Role::Supervisor }); !r)
        return r;
    auto row = requireStored(u"hazard"_s);
    if (!row)
        return row.error();
    if (auto r = requireStreetScope(row->doc.value(u"enterprise_id"_s).toString()); !r)
        return r;
    if (auto r = refuseSelfCheckHazard(*row); !r)
        return r;
    if (row->deleted)
        return {};
    if (m_actor.role == Role::Inspector) {
        // Only the inspector who recorded it (the `order` event's actor), and only while the
        // enterprise has not started rectifying.
        auto statement
            = prepared(m_db, u"SELECT kind, doc FROM rectification_events WHERE hazard_id = ?"_s);
        if (!statement)
            return statement.error();
        QSqlQuery q = std::move(statement.value());
        q.bindValue(0, m_m.entityId);
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
    return markDeleted(u"hazard"_s, m_m.entityId, *row);
}

Result<void> Applier::commentDelete()
{
    auto row = requireStored(u"comment"_s);
    if (!row)
        return row.error();
    if (row->doc.value(u"author_id"_s).toString() != m_actor.userId)
        return refuse(u"not_allowed"_s, u"only the author may delete a comment"_s);
    auto enterprise = enterpriseOfRecord(row->doc.value(u"record_id"_s).toString());
    if (!enterprise)
        return enterprise.error();
    if (auto r = requireStreetScope(*enterprise); !r)
        return r;
    if (row->deleted)
        return {};
    return markDeleted(u"comment"_s, m_m.entityId, *row);
}

} // namespace safeloop::core::detail
