#pragma once

#include "domain.h"
#include "result.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QTimeZone>

namespace safeloop::core::rules {

/// Default rectification periods (documented in docs/core.md): a general hazard gets 15 days,
/// a major one 60 days (time for a 治理方案, funds and outside help).
inline constexpr int GeneralDeadlineDays = 15;
inline constexpr int MajorDeadlineDays = 60;
/// Re-inspection (整改复查) is due within 10 days of a submission.
inline constexpr int ReinspectionDays = 10;
/// Location warnings, recorded with a fix and never blocking: a reported horizontal accuracy
/// worse than 50 m (`accuracy_worse_than_50m`), a fix more than 500 m from the enterprise's
/// registered position (`far_from_enterprise`).
inline constexpr double MaxFixAccuracyM = 50.0;
inline constexpr double MaxDistanceFromEnterpriseM = 500.0;

/// The district's zone (`Asia/Shanghai`).
QTimeZone districtZone();
/// The local calendar date of an instant in the district.
QDate localDate(const QDateTime& instant, const QTimeZone& zone = districtZone());

/// Who is performing a rectification event.
struct EventActor {
    Role role = Role::Inspector;
    QString enterpriseId; ///< for enterprise users
};

/// The status a hazard reaches when `kind` happens in `current`, or the named refusal:
/// `not_allowed` (wrong role or foreign enterprise) or `illegal_transition`.
/// order → open; submit: open/rejected/escalated → submitted (enterprise user of that
/// enterprise); verify: submitted → verified (inspector/supervisor; closes, 销号); reject:
/// submitted → rejected (inspector/supervisor); escalate: open/rejected/submitted → escalated
/// (inspector/supervisor). Nothing follows verified.
/// A self-check hazard (`source` self_check) is its enterprise's own record: that enterprise's
/// user submits its rectification and verifies (closes) it; no inspector or supervisor takes a
/// rectification event on it (`self_check_hazard`), and there is nothing to reject or escalate.
Result<HazardStatus> transition(HazardStatus current, EventKind kind, const EventActor& actor,
    const QString& hazardEnterpriseId, HazardSource source = HazardSource::Inspection);

/// Folds events (in order) into the current status; the first illegal one is the error.
Result<HazardStatus> replay(const QList<EventKind>& events);

/// Overdue: still not verified after the deadline day has ended locally.
bool isOverdue(QDate deadline, HazardStatus status, QDate today);

/// The day by which a submission must be re-inspected.
QDate reinspectionDue(QDate submittedOn);
bool isReinspectionOverdue(QDate submittedOn, HazardStatus status, QDate today);

QDate defaultDeadline(HazardLevel level, QDate createdOn);

/// Enforcement needs ≥ 2 inspectors, each with a badge number (`too_few_inspectors`,
/// `missing_badge`). `badges` maps inspector id → badge number.
Result<void> checkInspectors(const Inspection& inspection, const QMap<QString, QString>& badges);

/// Finishing needs the enterprise representative's signature or a refusal note
/// (`signature_required`; a self-check has no one to sign for), and a finish time not before
/// the start (`invalid_timestamp`).
Result<void> checkFinish(const Inspection& inspection);

/// The legal basis a document or an enterprise may read, from a checklist item's `basis`: the
/// citations only. Notes kept for inspectors are dropped — parenthesised remarks on checking the
/// text (核对, 意译) or on judging the level (判重大, 判定, 严重时…, 可能构成…), and clauses that
/// state a rule ("…属重大隐患（citation）" keeps its citation; "…按…管理" goes; "…见 GB …" keeps
/// the standard; "自…施行" is cut). Separators are normalised to "；".
QString legalBasis(const QString& basis);

/// The hazard categories offered when an enterprise has none of its own yet: 基础管理 and
/// 现场管理 and their usual classes (the district's hazard-screening classification).
QStringList hazardCategories();

/// The violation a failed item states in a hazard and the 责令限期整改指令书 — a finding, not the
/// rule: the item's `finding_zh` when its template has one, otherwise "未做到：<requirement>",
/// which the inspector confirms or rewrites in their own words.
QString finding(const ChecklistItem& item);

/// A failed item proposes a hazard pre-filled from the item (`major` when flagged): its
/// description the item's finding() followed by the inspector's note, its basis the item's
/// legalBasis().
Hazard proposeHazard(
    const Inspection& inspection, const ChecklistItem& item, const Answer& answer, QDate createdOn);

struct ChecklistCounts {
    int pass = 0;
    int fail = 0;
    int na = 0;
    int unanswered = 0;
    int majorHazards = 0; ///< failed items flagged major_hazard_if_failed
    bool operator==(const ChecklistCounts&) const = default;
};

/// Per template ref (`code@version`) counts of an inspection's answers.
QMap<QString, ChecklistCounts> summarize(
    const QList<ChecklistTemplate>& templates, const QList<Answer>& answers);

} // namespace safeloop::core::rules
