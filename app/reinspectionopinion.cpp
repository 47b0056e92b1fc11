#include "reinspectionopinion.h"

#include "devicestore.h"
#include "inspectiondocuments.h"

#include "core/domain.h"
#include "core/rules.h"

#include <QJsonArray>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

/// The key of a hazard's opinions in the documents the device keeps for the hazard's id.
const QString OpinionsKey = u"reinspection_opinions"_s;

QString chineseDay(const QDate& date)
{
    return date.isValid() ? date.toString(u"yyyy年M月d日"_s) : QString();
}

QDate isoDate(const QJsonValue& v)
{
    return QDate::fromString(v.toString(), Qt::ISODate);
}

/// What the enterprise reported in its latest submission, in the opinion's words.
QString reportedText(const QJsonObject& submission, const QByteArray& zoneId)
{
    if (submission.isEmpty())
        return u"企业未提交整改情况"_s;
    QStringList parts;
    if (const auto at = core::parseTimestamp(submission.value(u"created_at"_s).toString()))
        parts.append(u"%1提交"_s.arg(chineseDay(at->toTimeZone(QTimeZone(zoneId)).date())));
    const QString note = submission.value(u"note"_s).toString().trimmed();
    parts.append(note.isEmpty() ? u"未填写说明"_s : u"说明“%1”"_s.arg(note));
    if (const QDate done = isoDate(submission.value(u"completed_on"_s)); done.isValid())
        parts.append(u"完成日期%1"_s.arg(chineseDay(done)));
    if (const QString who = submission.value(u"responsible"_s).toString(); !who.isEmpty())
        parts.append(u"整改责任人%1"_s.arg(who));
    const auto photos = submission.value(u"attachments"_s).toArray().size();
    parts.append(photos > 0 ? u"整改后照片%1张"_s.arg(photos) : u"无整改后照片"_s);
    return parts.join(u"，"_s);
}

/// What the inspector checked: the re-check photos and the note (a rejection's note is its
/// reason and is printed as such).
QString checkedText(const QJsonObject& decision, bool verified)
{
    QStringList parts;
    const auto photos = decision.value(u"attachments"_s).toArray().size();
    parts.append(photos > 0 ? u"现场拍摄复查照片%1张"_s.arg(photos) : u"未拍摄复查照片"_s);
    const QString note = decision.value(u"note"_s).toString().trimmed();
    if (verified && !note.isEmpty())
        parts.append(u"复查意见：%1"_s.arg(note));
    return parts.join(u"；"_s) + u"。"_s;
}

} // namespace

ReinspectionOpinionData buildReinspectionOpinion(const ReinspectionOpinionInput& in)
{
    const bool verified = in.decision.value(u"kind"_s).toString() == u"verify"_s;
    ReinspectionOpinionData d;
    d.documentNumber = in.documentNumber;
    d.issuingAuthority = in.district.authority.isEmpty() ? districtPlaceholder(u"执法机关"_s)
                                                         : in.district.authority;
    d.enterpriseName = in.enterprise.value(u"name"_s).toString();
    d.creditCode = in.enterprise.value(u"uscc"_s).toString();
    d.address = in.enterprise.value(u"address"_s).toString();
    d.orderNumber = in.orderNumber;
    d.followsUp
        = in.fromGuidance ? u"原安全检查指导意见（指导服务，不编号）"_s : u"原责令限期整改指令书"_s;
    if (in.fromGuidance && d.orderNumber.isEmpty())
        d.orderNumber = u"无"_s;
    d.finding.itemCode = in.hazard.value(u"item_code"_s).toString();
    d.finding.description = in.hazard.value(u"description"_s).toString();
    d.finding.place = in.hazard.value(u"place"_s).toString();
    d.finding.major = in.hazard.value(u"level"_s).toString() == u"major"_s;
    d.finding.provisionViolated = in.hazard.value(u"basis"_s).toString();
    d.reported = reportedText(in.submission, d.timeZoneId);
    d.checked = checkedText(in.decision, verified);
    d.verified = verified;
    if (!verified) {
        d.reason = in.decision.value(u"note"_s).toString().trimmed();
        d.newDeadline = isoDate(in.hazard.value(u"deadline"_s));
    }
    d.originalDeadline = in.previousDeadline.isValid() ? in.previousDeadline
                                                       : isoDate(in.hazard.value(u"deadline"_s));
    d.inspectors = in.inspectors;
    d.reinspectedAt = in.now;
    d.issuedOn = core::rules::localDate(in.now);
    return d;
}

core::Result<ReinspectionOpinionInput> readReinspectionOpinionInput(core::LocalStore& st,
    const QString& hazardId, const QString& eventId, const QString& inspectorId,
    const QDateTime& now)
{
    ReinspectionOpinionInput in;
    in.now = now;
    auto hazard = st.record(u"hazard"_s, hazardId);
    if (!hazard)
        return hazard.error();
    if (!hazard->has_value())
        return core::makeError(u"not_found"_s, hazardId);
    in.hazard = (*hazard)->fields;
    if (auto es = st.records(u"enterprise"_s, core::LocalStore::Link::Id,
            in.hazard.value(u"enterprise_id"_s).toString());
        es && !es->isEmpty())
        in.enterprise = es->first();
    if (const QString inspectionId = in.hazard.value(u"inspection_id"_s).toString();
        !inspectionId.isEmpty()) {
        if (auto is = st.records(u"inspection"_s, core::LocalStore::Link::Id, inspectionId);
            is && !is->isEmpty())
            in.fromGuidance = is->first().value(u"mode"_s).toString()
                == core::toString(core::InspectionMode::Guidance);
        if (auto docs = st.inspectionDocuments(inspectionId))
            in.orderNumber = docs->value(u"order_number"_s).toString();
    }
    auto events = st.records(u"rectification_event"_s, core::LocalStore::Link::Hazard, hazardId);
    if (!events)
        return events.error();
    for (const auto& e : *events) {
        if (e.value(u"id"_s).toString() == eventId)
            in.decision = e;
        else if (e.value(u"kind"_s).toString() == u"submit"_s
            && e.value(u"created_at"_s).toString()
                >= in.submission.value(u"created_at"_s).toString())
            in.submission = e;
    }
    if (in.decision.isEmpty())
        return core::makeError(u"not_found"_s, eventId);
    if (auto us = st.records(u"user"_s, core::LocalStore::Link::Id, inspectorId);
        us && !us->isEmpty())
        in.inspectors.append(
            { us->first().value(u"name"_s).toString(), us->first().value(u"badge"_s).toString() });
    else
        in.inspectors.append({ inspectorId, {} });
    auto district = st.districtProfile();
    if (!district)
        return district.error();
    in.district = *district;
    auto number = DeviceStore::takeDocumentNumber(
        st, u"reinspection_opinion"_s, core::rules::localDate(now).year());
    if (!number)
        return number.error();
    in.documentNumber = *number;
    return in;
}

QList<QJsonObject> reinspectionOpinions(core::LocalStore& st, const QString& hazardId)
{
    QList<QJsonObject> out;
    auto docs = st.inspectionDocuments(hazardId);
    if (!docs)
        return out;
    for (const auto& v : docs->value(OpinionsKey).toArray())
        out.append(v.toObject());
    return out;
}

core::Result<void> recordReinspectionOpinion(
    core::LocalStore& st, const QString& hazardId, const QJsonObject& opinion)
{
    auto docs = st.inspectionDocuments(hazardId);
    if (!docs)
        return docs.error();
    QJsonObject all = *docs;
    QJsonArray opinions = all.value(OpinionsKey).toArray();
    opinions.append(opinion);
    all.insert(OpinionsKey, opinions);
    return st.setInspectionDocuments(hazardId, all);
}

core::Result<void> issueReinspectionOpinion(core::LocalStore& st, const core::Actor& actor,
    const QString& hazardId, const QJsonObject& opinion, int year)
{
    if (actor.role != core::Role::Inspector)
        return {};
    auto hazard = st.record(u"hazard"_s, hazardId);
    if (!hazard)
        return hazard.error();
    if (!hazard->has_value())
        return core::makeError(u"not_found"_s, hazardId);
    return issueDocument(st, actor, u"reinspection_opinion"_s,
        opinion.value(u"opinion_number"_s).toString(), year,
        opinion.value(u"opinion_pdf"_s).toString(),
        (*hazard)->fields.value(u"inspection_id"_s).toString(), QJsonArray { hazardId });
}

} // namespace safeloop::app
