// document.issue: an official document an inspector issued on the device, recorded as a
// document in its enterprise's scope (and an order also on the hazards it concerns) so that it
// reaches the enterprise's device.

#include "mutationapplier_p.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace safeloop::core {

QStringList issuedDocumentKinds()
{
    return { u"rectification_order"_s, u"inspection_record"_s, u"reinspection_opinion"_s };
}

} // namespace safeloop::core

namespace safeloop::core::detail {

namespace {

/// A whole JSON number in [min, max], or nothing.
std::optional<qint64> wholeIn(const QJsonValue& v, qint64 min, qint64 max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d != static_cast<double>(static_cast<qint64>(d)))
        return std::nullopt;
    const auto n = static_cast<qint64>(d);
    if (n < min || n > max)
        return std::nullopt;
    return n;
}

} // namespace

Result<void> Applier::documentIssue()
{
    if (auto r = requireRole({ Role::Inspector }); !r)
        return r;
    const QJsonObject& a = m_m.args;
    const QString kind = a.value(u"kind"_s).toString();
    if (!issuedDocumentKinds().contains(kind))
        return refuse(u"invalid_document_kind"_s,
            u"kind must be one of %1"_s.arg(issuedDocumentKinds().join(u", "_s)));
    const QString number = a.value(u"number"_s).toString().trimmed();
    if (number.isEmpty())
        return refuse(u"missing_field"_s, u"number is required"_s);
    const auto year = wholeIn(a.value(u"year"_s), 2000, 9999);
    if (!year)
        return refuse(u"invalid_year"_s, u"year must be a four-digit year"_s);
    const auto serial = wholeIn(a.value(u"serial"_s), 1, 9007199254740991LL);
    if (!serial)
        return refuse(u"invalid_serial"_s, u"serial must be a whole number of 1 or more"_s);
    // The number as printed ends with the serial the block reserved: "…〔2026〕12号".
    if (!number.endsWith(u"%1号"_s.arg(*serial)))
        return refuse(u"invalid_number"_s,
            u"number %1 does not end with serial %2 and 号"_s.arg(number).arg(*serial));
    const bool order = kind == u"rectification_order"_s;
    const bool opinion = kind == u"reinspection_opinion"_s;
    const QString inspectionId = a.value(u"inspection_id"_s).toString();
    if (inspectionId.isEmpty() && !opinion)
        return refuse(u"missing_field"_s, u"inspection_id is required"_s);
    const QJsonArray hazardIds = a.value(u"hazard_ids"_s).toArray();
    if (hazardIds.isEmpty() && order)
        return refuse(u"missing_field"_s, u"hazard_ids must name the hazards the order covers"_s);
    if (opinion && hazardIds.size() != 1)
        return refuse(u"missing_field"_s,
            u"hazard_ids must name the one hazard the re-inspection opinion concerns"_s);
    const QJsonArray pdf = a.value(u"attachments"_s).toArray();
    if (pdf.size() != 1)
        return refuse(u"pdf_required"_s, u"attachments must name exactly the document's PDF"_s);
    for (const auto& att : std::as_const(m_attachments))
        if (!att.mime.isEmpty() && att.mime != u"application/pdf"_s)
            return refuse(u"invalid_mime"_s, u"the document's attachment must be a PDF"_s);
    QString issuedAt = a.value(u"issued_at"_s).toString();
    if (issuedAt.isEmpty())
        issuedAt = m_now;
    else if (!parseTimestamp(issuedAt))
        return refuse(u"invalid_timestamp"_s, u"issued_at must be an RFC 3339 time"_s);

    // The enterprise the document goes to: the inspection's, or the re-inspected hazard's.
    QString enterpriseId;
    if (!inspectionId.isEmpty() && !opinion) {
        // Only the inspection's team issues its documents, and only once it is finished; an
        // order only in enforcement.
        auto inspection = requireRow(u"inspection"_s, inspectionId);
        if (!inspection)
            return inspection.error();
        if (auto r = requireOnInspection(*inspection); !r)
            return r;
        enterpriseId = inspection->doc.value(u"enterprise_id"_s).toString();
        if (auto r = requireStreetScope(enterpriseId); !r)
            return r;
        if (order
            && inspection->doc.value(u"mode"_s).toString() != toString(InspectionMode::Enforcement))
            return refuse(
                u"not_enforcement"_s, u"a guidance inspection issues no rectification order"_s);
        if (inspection->doc.value(u"status"_s).toString() != u"finished"_s)
            return refuse(u"inspection_not_finished"_s,
                u"inspection %1 is not finished; its documents are issued when it finishes"_s.arg(
                    inspectionId));
    }
    if (opinion) {
        // Whoever re-inspected the hazard (verified or rejected it) issues the opinion.
        const QString hazardId = hazardIds.first().toString();
        auto hazard = requireRow(u"hazard"_s, hazardId);
        if (!hazard)
            return hazard.error();
        enterpriseId = hazard->doc.value(u"enterprise_id"_s).toString();
        if (auto r = requireStreetScope(enterpriseId); !r)
            return r;
        if (!inspectionId.isEmpty()
            && hazard->doc.value(u"inspection_id"_s).toString() != inspectionId)
            return refuse(u"reference_mismatch"_s,
                u"hazard_ids: hazard %1 is not of inspection %2"_s.arg(hazardId, inspectionId));
        auto statement = prepared(m_db,
            u"SELECT 1 FROM rectification_events WHERE hazard_id = ? AND deleted = 0 "
            u"AND kind IN ('verify', 'reject')"_s);
        if (!statement)
            return statement.error();
        QSqlQuery q = std::move(statement.value());
        q.bindValue(0, hazardId);
        if (!q.exec())
            return sqlError(q);
        if (!q.next())
            return refuse(u"not_reinspected"_s,
                u"hazard %1 has not been re-inspected (verified or rejected)"_s.arg(hazardId));
    }

    const QJsonObject held { { u"id"_s, m_m.entityId }, { u"kind"_s, kind },
        { u"number"_s, number }, { u"year"_s, *year }, { u"serial"_s, *serial },
        { u"inspection_id"_s, inspectionId }, { u"pdf"_s, pdf.first().toString() },
        { u"issued_at"_s, issuedAt }, { u"issued_by"_s, m_actor.userId } };
    QList<std::pair<QString, Row>> changes;
    for (const auto& v : hazardIds) {
        const QString hazardId = v.toString();
        auto hazard = requireRow(u"hazard"_s, hazardId);
        if (!hazard) {
            // On a device a hazard it does not hold is the server's to judge.
            if (!m_ctx.server && hazard.error().code == u"not_found"_s)
                continue;
            return hazard.error();
        }
        if (!inspectionId.isEmpty()
            && hazard->doc.value(u"inspection_id"_s).toString() != inspectionId)
            return refuse(u"reference_mismatch"_s,
                u"hazard_ids: hazard %1 is not of inspection %2"_s.arg(hazardId, inspectionId));
        if (!order)
            continue;
        const QJsonObject onHazard = hazard->doc.value(u"order"_s).toObject();
        if (!onHazard.isEmpty() && onHazard.value(u"id"_s).toString() != m_m.entityId)
            return refuse(u"order_already_issued"_s,
                u"hazard %1 already has order %2"_s.arg(
                    hazardId, onHazard.value(u"number"_s).toString()));
        if (onHazard == held)
            continue;
        Row row = *hazard;
        row.doc.insert(u"order"_s, held);
        row.versions.insert(u"order"_s, row.versions.value(u"order"_s).toInt(0) + 1);
        row.hlcs.insert(u"order"_s, m_hlcKey);
        changes.append({ hazardId, row });
    }

    // The document itself, in its enterprise's scope: what its inspection history lists. A
    // replay finds it as it was and changes nothing; another document under its id is refused.
    QJsonObject document = held;
    document.insert(u"enterprise_id"_s, enterpriseId);
    document.insert(u"hazard_ids"_s, hazardIds);
    document.insert(u"attachments"_s, QJsonArray { pdf.first().toString() });
    auto stored = readRow(m_db, u"document"_s, m_m.entityId);
    if (!stored)
        return stored.error();
    const bool known = stored->has_value();
    if (known)
        for (auto it = document.constBegin(); it != document.constEnd(); ++it)
            if ((*stored)->doc.value(it.key()) != it.value())
                return refuse(
                    u"already_exists"_s, u"document %1 already exists"_s.arg(m_m.entityId));
    // The order's hazards come first: the PDF's attachment row keeps a hazard as its owner.
    for (const auto& [id, row] : std::as_const(changes))
        if (auto r = put(u"hazard"_s, id, row); !r)
            return r;
    if (!known)
        if (auto r = put(u"document"_s, m_m.entityId, freshRow(document, m_hlcKey, m_now)); !r)
            return r;
    return {};
}

} // namespace safeloop::core::detail
