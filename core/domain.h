#pragma once

#include "result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace safeloop::core {

// ---- Enumerations (wire spellings in SYNC.md) ---------------------------------------------

enum class Role { Inspector, Enterprise, Supervisor, Admin };
enum class RiskGrade { Red, Orange, Yellow, Blue };
enum class HazardLevel { General, Major };
enum class HazardStatus { Open, Submitted, Rejected, Verified, Escalated };
enum class AnswerResult { Pass, Fail, NotApplicable };
enum class InspectionMode { Enforcement, Guidance };
/// `self_check` (企业自查) is run by the enterprise's own user on its enterprise, without
/// inspectors.
enum class InspectionKind { Plan, Random, Baobao, Complaint, Campaign, Reinspection, SelfCheck };
/// Who found a hazard: an inspection by inspectors, or the enterprise's own self-check.
enum class HazardSource { Inspection, SelfCheck };
enum class InspectionStatus { InProgress, Finished };
enum class EventKind { Order, Submit, Verify, Reject, Escalate };

QString toString(Role v);
QString toString(RiskGrade v);
QString toString(HazardLevel v);
QString toString(HazardStatus v);
QString toString(AnswerResult v);
QString toString(InspectionMode v);
QString toString(InspectionKind v);
QString toString(HazardSource v);
QString toString(InspectionStatus v);
QString toString(EventKind v);

/// Parsers refuse unknown spellings with `invalid_enum` naming the field and the allowed values.
Result<Role> parseRole(const QString& s);
Result<RiskGrade> parseRiskGrade(const QString& s);
Result<HazardLevel> parseHazardLevel(const QString& s);
Result<HazardStatus> parseHazardStatus(const QString& s);
Result<AnswerResult> parseAnswerResult(const QString& s);
Result<InspectionMode> parseInspectionMode(const QString& s);
Result<InspectionKind> parseInspectionKind(const QString& s);
Result<HazardSource> parseHazardSource(const QString& s);
Result<EventKind> parseEventKind(const QString& s);

/// RFC 3339 UTC with milliseconds (`2026-11-25T08:30:00.123Z`), and its parser.
QString formatTimestamp(const QDateTime& utc);
std::optional<QDateTime> parseTimestamp(const QString& text);

// ---- Records --------------------------------------------------------------------------------

/// A GPS fix: `{"lat","lon","accuracy_m","fix_time","source"}` plus the optional `flags`
/// (snake_case words such as `accuracy_worse_than_50m`, `far_from_enterprise`) and `distance_m`
/// (metres from the enterprise's registered position, when known). `accuracy_m` is null when
/// the fix did not report its accuracy.
struct Location {
    double lat = 0;
    double lon = 0;
    std::optional<double> accuracyM;
    QString fixTime;
    QString source;
    QStringList flags;
    std::optional<double> distanceM;

    QJsonObject toJson() const;
    static Result<Location> fromJson(const QJsonObject& o);
    bool operator==(const Location&) const = default;
};

/// Fields every stored record carries besides its own.
struct RecordMeta {
    QString createdAt;
    QString updatedAt;
    bool operator==(const RecordMeta&) const = default;
};

struct Enterprise {
    QString uscc; ///< the enterprise's id (统一社会信用代码)
    QString name;
    QString address;
    QString street;
    QString industryCode;
    RiskGrade riskGrade = RiskGrade::Blue;
    double lat = 0;
    double lon = 0;
    QString contact, phone, department, leader;
    RecordMeta meta;

    QJsonObject toJson() const;
    static Result<Enterprise> fromJson(const QJsonObject& o);
    bool operator==(const Enterprise&) const = default;
};

struct User {
    QString id;
    QString name;
    Role role = Role::Inspector;
    QString enterpriseId;
    QString badge;
    QStringList streets;
    RecordMeta meta;

    QJsonObject toJson() const;
    static Result<User> fromJson(const QJsonObject& o);
    bool operator==(const User&) const = default;
};

struct ChecklistItem {
    QString code;
    QString textZh;
    QString textEn;
    QString basis;
    bool majorHazardIfFailed = false;
    /// What a failed item states as the violation (e.g. "未在有限空间作业场所设置明显的安全警示
    /// 标志"), JSON `finding_zh`; empty when the template has none (rules::finding() phrases one).
    QString findingZh;

    QJsonObject toJson() const;
    static Result<ChecklistItem> fromJson(const QJsonObject& o);
    bool operator==(const ChecklistItem&) const = default;
};

struct ChecklistTemplate {
    QString code;
    int version = 1;
    QString titleZh;
    QString titleEn;
    QString industry;
    QList<ChecklistItem> items;
    RecordMeta meta;

    /// `<code>@<version>`, the reference an inspection stores in `template_refs`.
    QString ref() const { return code + u'@' + QString::number(version); }
    const ChecklistItem* item(const QString& itemCode) const;

    QJsonObject toJson() const;
    static Result<ChecklistTemplate> fromJson(const QJsonObject& o);
    bool operator==(const ChecklistTemplate&) const = default;
};

struct Inspection {
    QString id;
    QString enterpriseId;
    InspectionKind kind = InspectionKind::Plan;
    InspectionMode mode = InspectionMode::Guidance;
    QStringList inspectorIds;
    QStringList templateRefs;
    QString startedAt;
    QString finishedAt;
    QStringList signatures; ///< attachment ids (SHA-256)
    QString refusalNote;
    std::optional<Location> location;
    InspectionStatus status = InspectionStatus::InProgress;
    RecordMeta meta;

    QJsonObject toJson() const;
    static Result<Inspection> fromJson(const QJsonObject& o);
    bool operator==(const Inspection&) const = default;
};

struct Answer {
    QString id; ///< derived from (inspection, item) so devices agree: see answerId()
    QString inspectionId;
    QString itemCode;
    AnswerResult result = AnswerResult::Pass;
    QString note;
    QStringList attachments;
    RecordMeta meta;

    QJsonObject toJson() const;
    static Result<Answer> fromJson(const QJsonObject& o);
    bool operator==(const Answer&) const = default;
};

struct Hazard {
    QString id;
    QString enterpriseId;
    QString inspectionId;
    QString itemCode;
    QString description;
    QString place;
    HazardLevel level = HazardLevel::General;
    QString category;
    QString basis;
    QString measure;
    QDate deadline;
    std::optional<Location> location;
    QStringList attachments;
    HazardStatus status = HazardStatus::Open; ///< derived from the rectification events
    bool overdue = false; ///< derived from deadline and today
    RecordMeta meta;
    /// JSON `source`, absent for an inspection's hazard (`inspection`), `self_check` for one
    /// the enterprise found itself.
    HazardSource source = HazardSource::Inspection;

    QJsonObject toJson() const;
    static Result<Hazard> fromJson(const QJsonObject& o);
    bool operator==(const Hazard&) const = default;
};

struct RectificationEvent {
    QString id;
    QString hazardId;
    EventKind kind = EventKind::Order;
    QString actorId;
    QString note;
    QStringList attachments;
    // A submission's report (optional, submit only): the day the work was finished
    // (ISO date), who was responsible for it, and what it cost in yuan (整改资金).
    QString completedOn;
    QString responsible;
    std::optional<double> cost;
    RecordMeta meta;

    QJsonObject toJson() const;
    static Result<RectificationEvent> fromJson(const QJsonObject& o);
    bool operator==(const RectificationEvent&) const = default;
};

/// Metadata of one blob (one row per blob id; the first record that referenced it owns it).
/// `mime` may be empty and `size` -1 when the referencing mutation sent a bare id.
struct Attachment {
    QString id; ///< lower-case hex SHA-256 of the bytes
    QString mime;
    qint64 size = -1;
    QString capturedAt;
    std::optional<Location> location;
    QString ownerEntity;
    QString ownerId;
    RecordMeta meta;

    QJsonObject toJson() const;
    static Result<Attachment> fromJson(const QJsonObject& o);
    bool operator==(const Attachment&) const = default;
};

struct Comment {
    QString id;
    QString recordId;
    QString authorId;
    QString text;
    QStringList attachments;
    RecordMeta meta;

    QJsonObject toJson() const;
    static Result<Comment> fromJson(const QJsonObject& o);
    bool operator==(const Comment&) const = default;
};

struct Plan {
    QString id;
    int year = 0;
    QString title;
    QStringList enterpriseIds;
    QStringList inspectorIds;
    QString kind; ///< e.g. key / routine / random
    RecordMeta meta;

    QJsonObject toJson() const;
    static Result<Plan> fromJson(const QJsonObject& o);
    bool operator==(const Plan&) const = default;
};

/// A recorded conflict of interest (回避): the inspector must not be drawn to inspect the
/// enterprise (a relative works there, a former employer, a complaint between them …). Recorded
/// and withdrawn by a supervisor; a withdrawn one stays on record.
struct Recusal {
    QString id;
    QString inspectorId;
    QString enterpriseId; ///< the enterprise's USCC
    QString reason;
    bool withdrawn = false;
    RecordMeta meta;

    QJsonObject toJson() const;
    static Result<Recusal> fromJson(const QJsonObject& o);
    bool operator==(const Recusal&) const = default;
};

struct AuditEntry {
    qint64 seq = 0;
    QString at;
    QString userId;
    QString deviceId;
    QString action; ///< mutation name
    QString entity;
    QString entityId;
    QJsonObject args;
    QString prevHash;
    QString hash;

    QJsonObject toJson() const;
    static Result<AuditEntry> fromJson(const QJsonObject& o);
    bool operator==(const AuditEntry&) const = default;
};

} // namespace safeloop::core
