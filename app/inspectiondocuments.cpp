#include "inspectiondocuments.h"

#include "devicestore.h"

#include "core/rules.h"

#include "core/uuid.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

/// The signer-role code the inspection page gives the enterprise's signature.
const QString EnterpriseRoleCode = u"enterprise"_s;
const QString InspectorRoleCode = u"inspector"_s;

QString orPlaceholder(const QString& value, const QString& what)
{
    return value.isEmpty() ? districtPlaceholder(what) : value;
}

/// A finding per hazard, in the order the store lists them. An enforcement inspection orders
/// (责令) with the order's legal basis; a guidance one only suggests a deadline.
QList<DocFinding> hazardFindings(const QList<QJsonObject>& hazards, bool enforcement)
{
    QList<DocFinding> findings;
    for (const auto& h : hazards) {
        const QDate deadline = QDate::fromString(h.value(u"deadline"_s).toString(), Qt::ISODate);
        const QString date = deadline.toString(u"yyyy年M月d日"_s);
        QStringList evidence;
        for (const auto& a : h.value(u"attachments"_s).toArray())
            evidence.append(a.toString().left(12));
        findings.append({ h.value(u"item_code"_s).toString(), h.value(u"description"_s).toString(),
            h.value(u"place"_s).toString(), h.value(u"level"_s).toString() == u"major"_s,
            h.value(u"basis"_s).toString(), enforcement ? orderLegalBasis() : QString(), evidence,
            enforcement ? u"责令限期整改，期限至%1"_s.arg(date)
                        : u"建议于%1前整改完毕"_s.arg(date) });
    }
    return findings;
}

/// The latest hazard deadline (invalid when there are none).
QDate latestDeadline(const QList<QJsonObject>& hazards)
{
    QDate latest;
    for (const auto& h : hazards) {
        const QDate deadline = QDate::fromString(h.value(u"deadline"_s).toString(), Qt::ISODate);
        if (!latest.isValid() || deadline > latest)
            latest = deadline;
    }
    return latest;
}

/// The hazards' findings plus a 当场整改 finding for each failed item without a hazard.
QList<DocFinding> recordFindings(
    const InspectionDocumentInput& in, const QList<DocFinding>& hazardFindingList)
{
    QSet<QString> itemsWithHazard;
    for (const auto& h : in.hazards)
        itemsWithHazard.insert(h.value(u"item_code"_s).toString());
    QList<DocFinding> out = hazardFindingList;
    for (const auto& a : in.answers) {
        const QString code = a.value(u"item_code"_s).toString();
        if (a.value(u"result"_s).toString() != u"fail"_s || itemsWithHazard.contains(code))
            continue;
        const auto item = in.items.value(code);
        out.append(
            { code, item.textZh, {}, item.majorHazardIfFailed, item.basis, {}, {}, u"当场整改"_s });
    }
    return out;
}

/// The signatures as printed (district role names) and the enterprise's: drawn, or its
/// refusal, which then joins the printed ones.
std::pair<QList<DocSignature>, DocSignature> signaturesOf(const InspectionDocumentInput& in)
{
    const QString enterpriseRole = orPlaceholder(in.district.enterpriseSignerRole, u"企业签字人"_s);
    QList<DocSignature> printed;
    DocSignature enterprise;
    enterprise.signerName = in.enterprise.value(u"leader"_s).toString();
    enterprise.role = enterpriseRole;
    enterprise.refusalNote = in.inspection.refusalNote;
    for (DocSignature sig : in.signatures) {
        const bool isEnterprise = sig.role == EnterpriseRoleCode
            || (!in.district.enterpriseSignerRole.isEmpty()
                && sig.role == in.district.enterpriseSignerRole);
        if (isEnterprise)
            sig.role = enterpriseRole;
        else if (sig.role == InspectorRoleCode) {
            sig.role = u"检查人员"_s;
            // Each inspector signs under their badge number (执法证号), as the team lists it.
            for (const auto& inspector : in.inspectors)
                if (inspector.name == sig.signerName && !inspector.badgeNumber.isEmpty())
                    sig.signerName
                        = u"%1（执法证号：%2）"_s.arg(inspector.name, inspector.badgeNumber);
        }
        printed.append(sig);
        if (isEnterprise)
            enterprise = sig;
    }
    if (!in.inspection.refusalNote.isEmpty()) {
        enterprise.refusalNote = in.inspection.refusalNote;
        printed.append(enterprise);
    }
    return { printed, enterprise };
}

/// Measures the hazards name, joined; a general one when none does.
QString interimMeasures(const QList<QJsonObject>& hazards)
{
    QStringList measures;
    for (const auto& h : hazards)
        if (!h.value(u"measure"_s).toString().isEmpty())
            measures.append(h.value(u"measure"_s).toString());
    return measures.isEmpty() ? u"整改期间采取有效的安全防范措施，防止事故发生"_s
                              : measures.join(u"；"_s);
}

} // namespace

QString orderLegalBasis()
{
    return u"《中华人民共和国安全生产法》第六十五条第一款第（三）项"_s;
}

QString districtPlaceholder(const QString& what)
{
    return u"【未设置%1：请同步后重新生成】"_s.arg(what);
}

InspectionDocumentSet buildInspectionDocuments(const InspectionDocumentInput& in)
{
    const bool enforcement = in.inspection.mode == core::InspectionMode::Enforcement;
    const QList<DocFinding> findings = hazardFindings(in.hazards, enforcement);
    const auto [signatures, enterpriseSignature] = signaturesOf(in);
    const QString authority = orPlaceholder(in.district.authority, u"执法机关"_s);
    const QString address = in.enterprise.value(u"address"_s).toString();

    InspectionDocumentSet out;
    out.recordYear = core::rules::localDate(in.now).year();
    InspectionRecordData& record = out.record;
    record.documentNumber = in.recordNumber;
    record.issuingAuthority = authority;
    record.enterpriseName = in.enterprise.value(u"name"_s).toString();
    record.creditCode = in.enterprise.value(u"uscc"_s).toString();
    record.address = address;
    record.place = address;
    record.areaInspected = in.templateTitles.join(u"、"_s);
    record.startTime = core::parseTimestamp(in.inspection.startedAt).value_or(in.now);
    record.endTime = core::parseTimestamp(in.inspection.finishedAt).value_or(in.now);
    record.inspectors = in.inspectors;
    record.recorder = in.inspectors.isEmpty() ? QString() : in.inspectors.first().name;
    record.enterpriseEscort = in.enterprise.value(u"contact"_s).toString();
    record.findings = recordFindings(in, findings);
    record.overallDisposition = findings.isEmpty() ? u"未发现事故隐患"_s
        : enforcement ? u"发现事故隐患%1项，已下达责令限期整改指令书"_s.arg(findings.size())
                      : u"发现事故隐患%1项，已出具安全检查指导意见"_s.arg(findings.size());
    record.signatures = signatures;
    if (findings.isEmpty())
        return out;

    if (!enforcement) {
        // Guidance issues no enforcement document: no order, no appeal notice, no number.
        GuidanceOpinionData opinion;
        opinion.title = u"安全检查指导意见"_s;
        opinion.issuingAuthority = authority;
        opinion.enterpriseName = record.enterpriseName;
        opinion.creditCode = record.creditCode;
        opinion.address = address;
        opinion.inspectionTime = record.startTime;
        opinion.recordNumber = in.recordNumber;
        opinion.findings = findings;
        opinion.suggestedMeasures = interimMeasures(in.hazards);
        opinion.inspectors = in.inspectors;
        opinion.signatures = signatures;
        opinion.issuedOn = core::rules::localDate(in.now);
        out.guidance = opinion;
        return out;
    }

    RectificationOrderData order;
    order.documentNumber = in.orderNumber;
    order.issuingAuthority = authority;
    order.enterpriseName = record.enterpriseName;
    order.creditCode = record.creditCode;
    order.address = address;
    order.inspectionTime = record.startTime;
    order.place = address;
    order.findings = findings;
    order.deadline = latestDeadline(in.hazards);
    order.interimMeasures = interimMeasures(in.hazards);
    order.reviewAuthority = orPlaceholder(in.district.reviewAuthority, u"行政复议机关"_s);
    order.court = orPlaceholder(in.district.court, u"人民法院"_s);
    order.inspectors = in.inspectors;
    order.signatures = signatures;
    order.receipt = { enterpriseSignature.signerName, in.now, enterpriseSignature };
    order.issuedOn = core::rules::localDate(in.now);
    out.order = order;
    return out;
}

core::Result<InspectionDocumentInput> readInspectionDocumentInput(core::LocalStore& st,
    const QString& inspectionId, const QList<DocSignature>& signatures, const QDateTime& now)
{
    InspectionDocumentInput in;
    in.signatures = signatures;
    in.now = now;
    auto rec = st.record(u"inspection"_s, inspectionId);
    if (!rec)
        return rec.error();
    if (!rec->has_value())
        return core::makeError(u"not_found"_s, inspectionId);
    auto insp = core::Inspection::fromJson((*rec)->fields);
    if (!insp)
        return insp.error();
    in.inspection = *insp;
    if (auto es = st.records(u"enterprise"_s, core::LocalStore::Link::Id, insp->enterpriseId);
        es && !es->isEmpty())
        in.enterprise = es->first();
    for (const auto& uid : insp->inspectorIds) {
        auto us = st.records(u"user"_s, core::LocalStore::Link::Id, uid);
        if (us && !us->isEmpty())
            in.inspectors.append({ us->first().value(u"name"_s).toString(),
                us->first().value(u"badge"_s).toString() });
        else
            in.inspectors.append({ uid, {} });
    }
    for (const auto& ref : insp->templateRefs)
        if (auto t = st.record(u"template"_s, ref); t && t->has_value())
            if (auto tpl = core::ChecklistTemplate::fromJson((*t)->fields)) {
                in.templateTitles.append(tpl->titleZh);
                for (const auto& i : tpl->items)
                    in.items.insert(i.code, i);
            }
    auto hazards = st.records(u"hazard"_s, core::LocalStore::Link::Inspection, inspectionId);
    if (!hazards)
        return hazards.error();
    in.hazards = *hazards;
    if (auto answers = st.records(u"answer"_s, core::LocalStore::Link::Inspection, inspectionId))
        in.answers = *answers;
    auto district = st.districtProfile();
    if (!district)
        return district.error();
    in.district = *district;

    const int year = core::rules::localDate(now).year();
    auto recordNumber = DeviceStore::takeDocumentNumber(st, u"inspection_record"_s, year);
    if (!recordNumber)
        return recordNumber.error();
    in.recordNumber = *recordNumber;
    if (!in.hazards.isEmpty() && insp->mode == core::InspectionMode::Enforcement) {
        auto orderNumber = DeviceStore::takeDocumentNumber(st, u"rectification_order"_s, year);
        if (!orderNumber)
            return orderNumber.error();
        in.orderNumber = *orderNumber;
    }
    return in;
}

core::Result<QJsonObject> renderInspectionDocuments(
    const InspectionDocumentSet& documents, const QString& inspectionId, const QString& directory)
{
    QJsonObject out;
    const QString base = directory + u'/' + inspectionId;
    const QString recordPdf = base + u"-record.pdf"_s;
    if (auto r = DocumentRenderer::renderInspectionRecord(documents.record, recordPdf); !r)
        return r.error();
    out.insert(u"record_number"_s, documents.record.documentNumber);
    out.insert(u"record_pdf"_s, recordPdf);
    out.insert(u"record_year"_s, documents.recordYear);
    if (documents.order) {
        const QString orderPdf = base + u"-order.pdf"_s;
        if (auto r = DocumentRenderer::renderRectificationOrder(*documents.order, orderPdf); !r)
            return r.error();
        out.insert(u"order_number"_s, documents.order->documentNumber);
        out.insert(u"order_pdf"_s, orderPdf);
        out.insert(u"order_year"_s, documents.order->issuedOn.year());
    }
    if (documents.guidance) {
        const QString guidancePdf = base + u"-guidance.pdf"_s;
        if (auto r = DocumentRenderer::renderGuidanceOpinion(*documents.guidance, guidancePdf); !r)
            return r.error();
        out.insert(u"guidance_pdf"_s, guidancePdf);
    }
    return out;
}

core::Result<void> issueDocument(core::LocalStore& st, const core::Actor& actor,
    const QString& kind, const QString& number, int year, const QString& pdfPath,
    const QString& inspectionId, const QJsonArray& hazardIds)
{
    // The serial is what the block reserved: "(青)应急责改〔2026〕12号" → 12.
    static const QRegularExpression serialPattern(u"(\\d+)号$"_s);
    const QRegularExpressionMatch serial = serialPattern.match(number);
    if (!serial.hasMatch())
        return core::makeError(u"invalid_number"_s, number);
    QFile file(pdfPath);
    if (!file.open(QIODevice::ReadOnly))
        return core::makeError(u"storage_error"_s, u"cannot read %1"_s.arg(pdfPath));
    const QByteArray bytes = file.readAll();
    auto sha = st.blobs().put(bytes);
    if (!sha)
        return sha.error();
    const QDateTime now = st.now();
    QJsonObject args { { u"kind"_s, kind }, { u"number"_s, number }, { u"year"_s, year },
        { u"serial"_s, serial.captured(1).toLongLong() },
        { u"issued_at"_s, core::formatTimestamp(now) },
        { u"attachments"_s,
            QJsonArray { QJsonObject { { u"id"_s, *sha }, { u"mime"_s, u"application/pdf"_s },
                { u"size"_s, static_cast<double>(bytes.size()) } } } } };
    if (!inspectionId.isEmpty())
        args.insert(u"inspection_id"_s, inspectionId);
    if (!hazardIds.isEmpty())
        args.insert(u"hazard_ids"_s, hazardIds);
    auto outcome = st.perform(actor, u"document.issue"_s, core::uuidv7(now), args);
    if (!outcome)
        return outcome.error();
    if (outcome->status == core::OutcomeStatus::Rejected && outcome->error)
        return *outcome->error;
    return {};
}

core::Result<void> issueOrder(core::LocalStore& st, const core::Actor& actor,
    const QString& inspectionId, const QJsonObject& documents)
{
    const QString number = documents.value(u"order_number"_s).toString();
    const QString pdfPath = documents.value(u"order_pdf"_s).toString();
    if (number.isEmpty() || pdfPath.isEmpty())
        return {};
    auto hazards = st.records(u"hazard"_s, core::LocalStore::Link::Inspection, inspectionId);
    if (!hazards)
        return hazards.error();
    QJsonArray hazardIds;
    for (const auto& h : *hazards)
        hazardIds.append(h.value(u"id"_s).toString());
    return issueDocument(st, actor, u"rectification_order"_s, number,
        documents.value(u"order_year"_s).toInt(), pdfPath, inspectionId, hazardIds);
}

core::Result<void> issueRecord(core::LocalStore& st, const core::Actor& actor,
    const QString& inspectionId, const QJsonObject& documents)
{
    const QString number = documents.value(u"record_number"_s).toString();
    const QString pdfPath = documents.value(u"record_pdf"_s).toString();
    const int year = documents.value(u"record_year"_s).toInt();
    // Only an inspector's record is numbered from the server's blocks.
    if (number.isEmpty() || pdfPath.isEmpty() || year == 0 || actor.role != core::Role::Inspector)
        return {};
    return issueDocument(
        st, actor, u"inspection_record"_s, number, year, pdfPath, inspectionId, {});
}

} // namespace safeloop::app
