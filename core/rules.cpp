#include "rules.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace safeloop::core::rules {

QTimeZone districtZone()
{
    return QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
}

QDate localDate(const QDateTime& instant, const QTimeZone& zone)
{
    return instant.toTimeZone(zone).date();
}

static Error illegal(HazardStatus current, EventKind kind)
{
    return makeError(u"illegal_transition"_s,
        u"a hazard that is %1 cannot take a %2 event"_s.arg(toString(current), toString(kind)));
}

static Result<HazardStatus> selfCheckTransition(HazardStatus current, EventKind kind,
    const EventActor& actor, const QString& hazardEnterpriseId)
{
    if (actor.role != Role::Enterprise)
        return makeError(u"self_check_hazard"_s,
            u"a self-check hazard is its enterprise's own record; only that enterprise "
            u"rectifies and closes it"_s);
    if (actor.enterpriseId != hazardEnterpriseId)
        return makeError(
            u"not_allowed"_s, u"only a user of the hazard's enterprise rectifies or closes it"_s);
    switch (kind) {
    case EventKind::Order:
        return current == HazardStatus::Open ? Result<HazardStatus>(HazardStatus::Open)
                                             : Result<HazardStatus>(illegal(current, kind));
    case EventKind::Submit:
        if (current == HazardStatus::Open || current == HazardStatus::Rejected)
            return HazardStatus::Submitted;
        return illegal(current, kind);
    case EventKind::Verify:
        if (current == HazardStatus::Submitted)
            return HazardStatus::Verified;
        return illegal(current, kind);
    case EventKind::Reject:
    case EventKind::Escalate:
        return makeError(u"not_allowed"_s,
            u"a self-check hazard is rectified and closed by its enterprise; it is not %1ed"_s.arg(
                toString(kind)));
    }
    return illegal(current, kind);
}

Result<HazardStatus> transition(HazardStatus current, EventKind kind, const EventActor& actor,
    const QString& hazardEnterpriseId, HazardSource source)
{
    if (source == HazardSource::SelfCheck)
        return selfCheckTransition(current, kind, actor, hazardEnterpriseId);
    const bool official = actor.role == Role::Inspector || actor.role == Role::Supervisor;
    switch (kind) {
    case EventKind::Order:
        if (!official)
            return makeError(
                u"not_allowed"_s, u"only an inspector or supervisor issues an order"_s);
        if (current != HazardStatus::Open)
            return illegal(current, kind);
        return HazardStatus::Open;
    case EventKind::Submit:
        if (actor.role != Role::Enterprise || actor.enterpriseId != hazardEnterpriseId)
            return makeError(u"not_allowed"_s,
                u"only a user of the hazard's enterprise submits rectification evidence"_s);
        if (current == HazardStatus::Open || current == HazardStatus::Rejected
            || current == HazardStatus::Escalated)
            return HazardStatus::Submitted;
        return illegal(current, kind);
    case EventKind::Verify:
    case EventKind::Reject:
        if (!official)
            return makeError(u"not_allowed"_s,
                u"only an inspector or supervisor verifies or rejects rectification"_s);
        if (current != HazardStatus::Submitted)
            return illegal(current, kind);
        return kind == EventKind::Verify ? HazardStatus::Verified : HazardStatus::Rejected;
    case EventKind::Escalate:
        if (!official)
            return makeError(u"not_allowed"_s, u"only an inspector or supervisor escalates"_s);
        if (current == HazardStatus::Verified || current == HazardStatus::Escalated)
            return illegal(current, kind);
        return HazardStatus::Escalated;
    }
    return illegal(current, kind);
}

Result<HazardStatus> replay(const QList<EventKind>& events)
{
    HazardStatus s = HazardStatus::Open;
    for (auto k : events) {
        // Replay trusts the recorded actors; it only checks the order of events.
        const EventActor actor { k == EventKind::Submit ? Role::Enterprise : Role::Inspector, {} };
        auto next = transition(s, k, actor, {});
        if (!next)
            return next.error();
        s = next.value();
    }
    return s;
}

bool isOverdue(QDate deadline, HazardStatus status, QDate today)
{
    return status != HazardStatus::Verified && deadline.isValid() && today > deadline;
}

QDate reinspectionDue(QDate submittedOn)
{
    return submittedOn.addDays(ReinspectionDays);
}

bool isReinspectionOverdue(QDate submittedOn, HazardStatus status, QDate today)
{
    return status == HazardStatus::Submitted && today > reinspectionDue(submittedOn);
}

QDate defaultDeadline(HazardLevel level, QDate createdOn)
{
    return createdOn.addDays(level == HazardLevel::Major ? MajorDeadlineDays : GeneralDeadlineDays);
}

Result<void> checkInspectors(const Inspection& inspection, const QMap<QString, QString>& badges)
{
    if (inspection.mode != InspectionMode::Enforcement)
        return {};
    QStringList distinct;
    for (const auto& id : inspection.inspectorIds)
        if (!distinct.contains(id))
            distinct << id;
    if (distinct.size() < 2)
        return makeError(
            u"too_few_inspectors"_s, u"an enforcement inspection needs at least two inspectors"_s);
    for (const auto& id : distinct)
        if (badges.value(id).trimmed().isEmpty())
            return makeError(u"missing_badge"_s,
                u"inspector %1 has no badge number (执法证号) for an enforcement inspection"_s.arg(
                    id));
    return {};
}

Result<void> checkFinish(const Inspection& inspection)
{
    if (inspection.kind != InspectionKind::SelfCheck && inspection.signatures.isEmpty()
        && inspection.refusalNote.trimmed().isEmpty())
        return makeError(u"signature_required"_s,
            u"finishing needs the enterprise representative's signature or a refusal note"_s);
    const auto started = parseTimestamp(inspection.startedAt);
    const auto finished = parseTimestamp(inspection.finishedAt);
    if (!finished)
        return makeError(u"invalid_timestamp"_s, u"finished_at must be an RFC 3339 time"_s);
    if (started && *finished < *started)
        return makeError(u"invalid_timestamp"_s, u"finished_at is before started_at"_s);
    return {};
}

QString legalBasis(const QString& basis)
{
    static const QRegularExpression remark(u"（([^（）]*)）"_s);
    static const QRegularExpression note(u"核对|意译|判重大|判定|严重时|可能构成|按.*管理|施行"_s);
    static const QRegularExpression rule(u"属重大隐患|按.*管理"_s);
    static const QRegularExpression effective(u"自\\d{4}-\\d{2}-\\d{2}(起)?施行"_s);
    static const QRegularExpression seeAlso(u"见\\s*((GB|GBZ|AQ|TSG|《).*)$"_s);
    QStringList kept;
    for (QString clause : basis.split(QRegularExpression(u"[；;]"_s), Qt::SkipEmptyParts)) {
        clause = clause.trimmed();
        if (rule.match(clause).hasMatch()) {
            // A rule about the level: only the citation it gives, if any.
            const auto cited = remark.match(clause);
            clause = cited.hasMatch() && !note.match(cited.captured(1)).hasMatch()
                ? cited.captured(1).trimmed()
                : QString();
        } else {
            const auto see = seeAlso.match(clause);
            if (see.hasMatch())
                clause = see.captured(1).trimmed();
            clause.remove(effective);
            // Drop remarks for the inspector; keep those that are part of a citation.
            QString out;
            qsizetype from = 0;
            for (auto it = remark.globalMatch(clause); it.hasNext();) {
                const auto m = it.next();
                out += clause.mid(from, m.capturedStart() - from);
                if (!note.match(m.captured(1)).hasMatch())
                    out += m.captured(0);
                from = m.capturedEnd();
            }
            out += clause.mid(from);
            clause = out.trimmed();
        }
        if (!clause.isEmpty())
            kept << clause;
    }
    return kept.join(u"；"_s);
}

QStringList hazardCategories()
{
    return { u"基础管理·资质证照"_s, u"基础管理·安全管理机构及人员"_s, u"基础管理·规章制度"_s,
        u"基础管理·教育培训"_s, u"基础管理·安全投入"_s, u"基础管理·相关方管理"_s,
        u"基础管理·应急管理"_s, u"基础管理·隐患排查治理"_s, u"现场管理·生产设备设施"_s,
        u"现场管理·特种设备"_s, u"现场管理·作业场所环境"_s, u"现场管理·从业人员操作行为"_s,
        u"现场管理·消防安全"_s, u"现场管理·用电安全"_s, u"现场管理·危险化学品"_s,
        u"现场管理·有限空间"_s, u"现场管理·职业卫生"_s };
}

QString finding(const ChecklistItem& item)
{
    const QString own = item.findingZh.trimmed();
    if (!own.isEmpty())
        return own;
    QString requirement = item.textZh.trimmed();
    while (requirement.endsWith(u'。') || requirement.endsWith(u'；'))
        requirement.chop(1);
    return u"未做到："_s + requirement;
}

Hazard proposeHazard(
    const Inspection& inspection, const ChecklistItem& item, const Answer& answer, QDate createdOn)
{
    Hazard h;
    h.enterpriseId = inspection.enterpriseId;
    h.inspectionId = inspection.id;
    h.itemCode = item.code;
    const QString note = answer.note.trimmed();
    h.description = note.isEmpty() ? finding(item) : finding(item) + u'；' + note;
    h.basis = legalBasis(item.basis);
    h.level = item.majorHazardIfFailed ? HazardLevel::Major : HazardLevel::General;
    h.deadline = defaultDeadline(h.level, createdOn);
    h.attachments = answer.attachments;
    h.location = inspection.location;
    return h;
}

QMap<QString, ChecklistCounts> summarize(
    const QList<ChecklistTemplate>& templates, const QList<Answer>& answers)
{
    QMap<QString, ChecklistCounts> out;
    for (const auto& t : templates) {
        ChecklistCounts c;
        for (const auto& item : t.items) {
            const Answer* found = nullptr;
            for (const auto& a : answers)
                if (a.itemCode == item.code)
                    found = &a;
            if (!found) {
                ++c.unanswered;
                continue;
            }
            switch (found->result) {
            case AnswerResult::Pass:
                ++c.pass;
                break;
            case AnswerResult::Fail:
                ++c.fail;
                if (item.majorHazardIfFailed)
                    ++c.majorHazards;
                break;
            case AnswerResult::NotApplicable:
                ++c.na;
                break;
            }
        }
        out.insert(t.ref(), c);
    }
    return out;
}

} // namespace safeloop::core::rules
