#include "domain.h"

#include <QJsonArray>
#include <QJsonValue>

#include <array>
#include <cmath>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

template <typename E, std::size_t N>
QString spell(E v, const std::array<const char16_t*, N>& names)
{
    return QString::fromUtf16(names[static_cast<std::size_t>(v)]);
}

template <typename E, std::size_t N>
Result<E> parseEnum(
    const QString& s, const std::array<const char16_t*, N>& names, const char16_t* what)
{
    QStringList allowed;
    for (std::size_t i = 0; i < N; ++i) {
        const QString name = QString::fromUtf16(names[i]);
        if (s == name)
            return static_cast<E>(i);
        allowed << name;
    }
    return makeError(u"invalid_enum"_s,
        u"%1 must be one of %2, not \"%3\""_s.arg(
            QString::fromUtf16(what), allowed.join(u", "_s), s));
}

constexpr std::array<const char16_t*, 4> RoleNames { u"inspector", u"enterprise", u"supervisor",
    u"admin" };
constexpr std::array<const char16_t*, 4> GradeNames { u"red", u"orange", u"yellow", u"blue" };
constexpr std::array<const char16_t*, 2> LevelNames { u"general", u"major" };
constexpr std::array<const char16_t*, 5> StatusNames { u"open", u"submitted", u"rejected",
    u"verified", u"escalated" };
constexpr std::array<const char16_t*, 3> ResultNames { u"pass", u"fail", u"na" };
constexpr std::array<const char16_t*, 2> ModeNames { u"enforcement", u"guidance" };
constexpr std::array<const char16_t*, 7> KindNames { u"plan", u"random", u"baobao", u"complaint",
    u"campaign", u"reinspection", u"self_check" };
constexpr std::array<const char16_t*, 2> SourceNames { u"inspection", u"self_check" };
constexpr std::array<const char16_t*, 2> InspStatusNames { u"in_progress", u"finished" };
constexpr std::array<const char16_t*, 5> EventNames { u"order", u"submit", u"verify", u"reject",
    u"escalate" };

QJsonArray toArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

/// Reads JSON fields, remembering the first problem so codecs stay short.
class Reader {
public:
    explicit Reader(const QJsonObject& o)
        : m_o(o)
    {
    }
    QString str(const char16_t* key, bool required = false)
    {
        const QJsonValue v = m_o.value(QString::fromUtf16(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(u"missing_field"_s, u"%1 is required"_s.arg(QString::fromUtf16(key)));
            return {};
        }
        if (!v.isString()) {
            fail(u"invalid_type"_s, u"%1 must be a string"_s.arg(QString::fromUtf16(key)));
            return {};
        }
        if (required && v.toString().trimmed().isEmpty())
            fail(u"missing_field"_s, u"%1 must not be empty"_s.arg(QString::fromUtf16(key)));
        return v.toString();
    }
    double num(const char16_t* key, bool required = false)
    {
        const QJsonValue v = m_o.value(QString::fromUtf16(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(u"missing_field"_s, u"%1 is required"_s.arg(QString::fromUtf16(key)));
            return 0;
        }
        if (!v.isDouble()) {
            fail(u"invalid_type"_s, u"%1 must be a number"_s.arg(QString::fromUtf16(key)));
            return 0;
        }
        return v.toDouble();
    }
    bool boolean(const char16_t* key)
    {
        const QJsonValue v = m_o.value(QString::fromUtf16(key));
        if (v.isUndefined() || v.isNull())
            return false;
        if (!v.isBool())
            fail(u"invalid_type"_s, u"%1 must be true or false"_s.arg(QString::fromUtf16(key)));
        return v.toBool();
    }
    QStringList list(const char16_t* key)
    {
        const QJsonValue v = m_o.value(QString::fromUtf16(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            fail(u"invalid_type"_s, u"%1 must be a list of strings"_s.arg(QString::fromUtf16(key)));
            return {};
        }
        QStringList out;
        for (const auto& e : v.toArray()) {
            if (!e.isString()) {
                fail(u"invalid_type"_s,
                    u"%1 must be a list of strings"_s.arg(QString::fromUtf16(key)));
                return {};
            }
            out << e.toString();
        }
        return out;
    }
    std::optional<Location> location(const char16_t* key)
    {
        const QJsonValue v = m_o.value(QString::fromUtf16(key));
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isObject()) {
            fail(u"invalid_type"_s, u"%1 must be an object"_s.arg(QString::fromUtf16(key)));
            return std::nullopt;
        }
        auto loc = Location::fromJson(v.toObject());
        if (!loc) {
            fail(loc.error().code, loc.error().message);
            return std::nullopt;
        }
        return loc.value();
    }
    template <typename E>
    E enumeration(
        const char16_t* key, Result<E> (*parse)(const QString&), E fallback, bool required = true)
    {
        const QString s = str(key, required);
        if (s.isEmpty())
            return fallback;
        auto r = parse(s);
        if (!r) {
            fail(r.error().code, r.error().message);
            return fallback;
        }
        return r.value();
    }
    RecordMeta meta() { return { str(u"created_at"), str(u"updated_at") }; }
    void fail(QString code, QString message)
    {
        if (!m_error)
            m_error = makeError(std::move(code), std::move(message));
    }
    template <typename T>
    Result<T> finish(T value)
    {
        if (m_error)
            return *m_error;
        return value;
    }

private:
    const QJsonObject& m_o;
    std::optional<Error> m_error;
};

void putMeta(QJsonObject& o, const RecordMeta& m)
{
    if (!m.createdAt.isEmpty())
        o.insert(u"created_at"_s, m.createdAt);
    if (!m.updatedAt.isEmpty())
        o.insert(u"updated_at"_s, m.updatedAt);
}

void putOpt(QJsonObject& o, const QString& key, const QString& v)
{
    if (!v.isEmpty())
        o.insert(key, v);
}

} // namespace

QString toString(Role v)
{
    return spell(v, RoleNames);
}
QString toString(RiskGrade v)
{
    return spell(v, GradeNames);
}
QString toString(HazardLevel v)
{
    return spell(v, LevelNames);
}
QString toString(HazardStatus v)
{
    return spell(v, StatusNames);
}
QString toString(AnswerResult v)
{
    return spell(v, ResultNames);
}
QString toString(InspectionMode v)
{
    return spell(v, ModeNames);
}
QString toString(InspectionKind v)
{
    return spell(v, KindNames);
}
QString toString(HazardSource v)
{
    return spell(v, SourceNames);
}
QString toString(InspectionStatus v)
{
    return spell(v, InspStatusNames);
}
QString toString(EventKind v)
{
    return spell(v, EventNames);
}

Result<Role> parseRole(const QString& s)
{
    return parseEnum<Role>(s, RoleNames, u"role");
}
Result<RiskGrade> parseRiskGrade(const QString& s)
{
    return parseEnum<RiskGrade>(s, GradeNames, u"risk_grade");
}
Result<HazardLevel> parseHazardLevel(const QString& s)
{
    return parseEnum<HazardLevel>(s, LevelNames, u"level");
}
Result<HazardStatus> parseHazardStatus(const QString& s)
{
    return parseEnum<HazardStatus>(s, StatusNames, u"status");
}
Result<AnswerResult> parseAnswerResult(const QString& s)
{
    return parseEnum<AnswerResult>(s, ResultNames, u"result");
}
Result<InspectionMode> parseInspectionMode(const QString& s)
{
    return parseEnum<InspectionMode>(s, ModeNames, u"mode");
}
Result<InspectionKind> parseInspectionKind(const QString& s)
{
    return parseEnum<InspectionKind>(s, KindNames, u"kind");
}
Result<HazardSource> parseHazardSource(const QString& s)
{
    return parseEnum<HazardSource>(s, SourceNames, u"source");
}
Result<EventKind> parseEventKind(const QString& s)
{
    return parseEnum<EventKind>(s, EventNames, u"kind");
}
static Result<InspectionStatus> parseInspectionStatus(const QString& s)
{
    return parseEnum<InspectionStatus>(s, InspStatusNames, u"status");
}

QString formatTimestamp(const QDateTime& utc)
{
    return utc.toUTC().toString(Qt::ISODateWithMs);
}

std::optional<QDateTime> parseTimestamp(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()
        || !(text.endsWith(u'Z') || text.contains(u'+') || text.lastIndexOf(u'-') > 10))
        return std::nullopt;
    return t.toUTC();
}

// ---- Location ----
QJsonObject Location::toJson() const
{
    QJsonObject o { { u"lat"_s, lat }, { u"lon"_s, lon },
        { u"accuracy_m"_s, accuracyM ? QJsonValue(*accuracyM) : QJsonValue(QJsonValue::Null) } };
    putOpt(o, u"fix_time"_s, fixTime);
    putOpt(o, u"source"_s, source);
    if (!flags.isEmpty())
        o.insert(u"flags"_s, toArray(flags));
    if (distanceM)
        o.insert(u"distance_m"_s, *distanceM);
    return o;
}
Result<Location> Location::fromJson(const QJsonObject& o)
{
    Reader r(o);
    Location l;
    l.lat = r.num(u"lat", true);
    l.lon = r.num(u"lon", true);
    const QJsonValue accuracy = o.value(u"accuracy_m"_s);
    if (!accuracy.isUndefined() && !accuracy.isNull())
        l.accuracyM = r.num(u"accuracy_m");
    l.fixTime = r.str(u"fix_time");
    l.source = r.str(u"source");
    l.flags = r.list(u"flags");
    const QJsonValue distance = o.value(u"distance_m"_s);
    if (!distance.isUndefined() && !distance.isNull())
        l.distanceM = r.num(u"distance_m");
    return r.finish(l);
}

// ---- Enterprise (CSV column names) ----
QJsonObject Enterprise::toJson() const
{
    QJsonObject o { { u"uscc"_s, uscc }, { u"name"_s, name }, { u"address"_s, address },
        { u"street"_s, street }, { u"industry_code"_s, industryCode },
        { u"risk_grade"_s, toString(riskGrade) }, { u"lat"_s, lat }, { u"lon"_s, lon } };
    putOpt(o, u"contact"_s, contact);
    putOpt(o, u"phone"_s, phone);
    putOpt(o, u"department"_s, department);
    putOpt(o, u"leader"_s, leader);
    putMeta(o, meta);
    return o;
}
Result<Enterprise> Enterprise::fromJson(const QJsonObject& o)
{
    Reader r(o);
    Enterprise e;
    e.uscc = r.str(u"uscc", true);
    e.name = r.str(u"name", true);
    e.address = r.str(u"address");
    e.street = r.str(u"street");
    e.industryCode = r.str(u"industry_code");
    e.riskGrade = r.enumeration(u"risk_grade", &parseRiskGrade, RiskGrade::Blue);
    e.lat = r.num(u"lat");
    e.lon = r.num(u"lon");
    e.contact = r.str(u"contact");
    e.phone = r.str(u"phone");
    e.department = r.str(u"department");
    e.leader = r.str(u"leader");
    e.meta = r.meta();
    return r.finish(e);
}

// ---- User ----
QJsonObject User::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"name"_s, name }, { u"role"_s, toString(role) },
        { u"streets"_s, toArray(streets) } };
    putOpt(o, u"enterprise_id"_s, enterpriseId);
    putOpt(o, u"badge"_s, badge);
    putMeta(o, meta);
    return o;
}
Result<User> User::fromJson(const QJsonObject& o)
{
    Reader r(o);
    User u;
    u.id = r.str(u"id", true);
    u.name = r.str(u"name");
    u.role = r.enumeration(u"role", &parseRole, Role::Inspector);
    u.enterpriseId = r.str(u"enterprise_id");
    u.badge = r.str(u"badge");
    u.streets = r.list(u"streets");
    u.meta = r.meta();
    return r.finish(u);
}

// ---- Checklist ----
QJsonObject ChecklistItem::toJson() const
{
    QJsonObject o { { u"code"_s, code }, { u"text_zh"_s, textZh }, { u"text_en"_s, textEn },
        { u"basis"_s, basis }, { u"major_hazard_if_failed"_s, majorHazardIfFailed } };
    if (!findingZh.isEmpty())
        o.insert(u"finding_zh"_s, findingZh);
    return o;
}
Result<ChecklistItem> ChecklistItem::fromJson(const QJsonObject& o)
{
    Reader r(o);
    ChecklistItem i;
    i.code = r.str(u"code", true);
    i.textZh = r.str(u"text_zh", true);
    i.textEn = r.str(u"text_en");
    i.basis = r.str(u"basis");
    i.majorHazardIfFailed = r.boolean(u"major_hazard_if_failed");
    i.findingZh = r.str(u"finding_zh");
    return r.finish(i);
}

const ChecklistItem* ChecklistTemplate::item(const QString& itemCode) const
{
    for (const auto& i : items)
        if (i.code == itemCode)
            return &i;
    return nullptr;
}

QJsonObject ChecklistTemplate::toJson() const
{
    QJsonArray arr;
    for (const auto& i : items)
        arr.append(i.toJson());
    QJsonObject o { { u"code"_s, code }, { u"version"_s, version }, { u"title_zh"_s, titleZh },
        { u"title_en"_s, titleEn }, { u"industry"_s, industry }, { u"items"_s, arr } };
    putMeta(o, meta);
    return o;
}
Result<ChecklistTemplate> ChecklistTemplate::fromJson(const QJsonObject& o)
{
    Reader r(o);
    ChecklistTemplate t;
    t.code = r.str(u"code", true);
    const double v = o.contains(u"version"_s) ? r.num(u"version") : 1;
    // Range first: converting a double an int cannot hold is undefined (UBSan, tests/fuzz).
    if (!(v >= 1 && v <= std::numeric_limits<int>::max()) || v != std::floor(v))
        r.fail(u"invalid_version"_s, u"version must be a positive whole number"_s);
    else
        t.version = static_cast<int>(v);
    t.titleZh = r.str(u"title_zh", true);
    t.titleEn = r.str(u"title_en");
    t.industry = r.str(u"industry");
    const QJsonValue items = o.value(u"items"_s);
    if (!items.isArray() || items.toArray().isEmpty())
        r.fail(u"missing_field"_s, u"template %1 needs a non-empty items list"_s.arg(t.code));
    QStringList seen;
    for (const auto& e : items.toArray()) {
        auto item = ChecklistItem::fromJson(e.toObject());
        if (!item) {
            r.fail(item.error().code, u"template %1: %2"_s.arg(t.code, item.error().message));
            break;
        }
        if (seen.contains(item->code))
            r.fail(
                u"duplicate_item"_s, u"template %1 lists item %2 twice"_s.arg(t.code, item->code));
        seen << item->code;
        t.items.append(item.value());
    }
    t.meta = r.meta();
    return r.finish(t);
}

// ---- Inspection ----
QJsonObject Inspection::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"enterprise_id"_s, enterpriseId },
        { u"kind"_s, toString(kind) }, { u"mode"_s, toString(mode) },
        { u"inspector_ids"_s, toArray(inspectorIds) },
        { u"template_refs"_s, toArray(templateRefs) }, { u"started_at"_s, startedAt },
        { u"status"_s, toString(status) }, { u"signatures"_s, toArray(signatures) } };
    putOpt(o, u"finished_at"_s, finishedAt);
    putOpt(o, u"refusal_note"_s, refusalNote);
    if (location)
        o.insert(u"location"_s, location->toJson());
    putMeta(o, meta);
    return o;
}
Result<Inspection> Inspection::fromJson(const QJsonObject& o)
{
    Reader r(o);
    Inspection i;
    i.id = r.str(u"id", true);
    i.enterpriseId = r.str(u"enterprise_id", true);
    i.kind = r.enumeration(u"kind", &parseInspectionKind, InspectionKind::Plan);
    i.mode = r.enumeration(u"mode", &parseInspectionMode, InspectionMode::Guidance);
    i.inspectorIds = r.list(u"inspector_ids");
    i.templateRefs = r.list(u"template_refs");
    i.startedAt = r.str(u"started_at", true);
    i.finishedAt = r.str(u"finished_at");
    i.signatures = r.list(u"signatures");
    i.refusalNote = r.str(u"refusal_note");
    i.location = r.location(u"location");
    i.status
        = r.enumeration(u"status", &parseInspectionStatus, InspectionStatus::InProgress, false);
    i.meta = r.meta();
    return r.finish(i);
}

// ---- Answer ----
QJsonObject Answer::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"inspection_id"_s, inspectionId },
        { u"item_code"_s, itemCode }, { u"result"_s, toString(result) }, { u"note"_s, note },
        { u"attachments"_s, toArray(attachments) } };
    putMeta(o, meta);
    return o;
}
Result<Answer> Answer::fromJson(const QJsonObject& o)
{
    Reader r(o);
    Answer a;
    a.id = r.str(u"id");
    a.inspectionId = r.str(u"inspection_id", true);
    a.itemCode = r.str(u"item_code", true);
    a.result = r.enumeration(u"result", &parseAnswerResult, AnswerResult::Pass);
    a.note = r.str(u"note");
    a.attachments = r.list(u"attachments");
    a.meta = r.meta();
    return r.finish(a);
}

// ---- Hazard ----
QJsonObject Hazard::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"enterprise_id"_s, enterpriseId },
        { u"description"_s, description }, { u"place"_s, place }, { u"level"_s, toString(level) },
        { u"category"_s, category }, { u"basis"_s, basis }, { u"measure"_s, measure },
        { u"deadline"_s, deadline.toString(Qt::ISODate) },
        { u"attachments"_s, toArray(attachments) }, { u"status"_s, toString(status) },
        { u"overdue"_s, overdue } };
    putOpt(o, u"inspection_id"_s, inspectionId);
    putOpt(o, u"item_code"_s, itemCode);
    if (location)
        o.insert(u"location"_s, location->toJson());
    if (source != HazardSource::Inspection)
        o.insert(u"source"_s, toString(source));
    putMeta(o, meta);
    return o;
}
Result<Hazard> Hazard::fromJson(const QJsonObject& o)
{
    Reader r(o);
    Hazard h;
    h.id = r.str(u"id", true);
    h.enterpriseId = r.str(u"enterprise_id", true);
    h.inspectionId = r.str(u"inspection_id");
    h.itemCode = r.str(u"item_code");
    h.description = r.str(u"description", true);
    h.place = r.str(u"place");
    h.level = r.enumeration(u"level", &parseHazardLevel, HazardLevel::General);
    h.category = r.str(u"category");
    h.basis = r.str(u"basis");
    h.measure = r.str(u"measure");
    const QString deadline = r.str(u"deadline", true);
    h.deadline = QDate::fromString(deadline, Qt::ISODate);
    if (!deadline.isEmpty() && (!h.deadline.isValid() || deadline.size() != 10))
        r.fail(
            u"invalid_date"_s, u"deadline must be a date YYYY-MM-DD, not \"%1\""_s.arg(deadline));
    h.location = r.location(u"location");
    h.attachments = r.list(u"attachments");
    h.status = r.enumeration(u"status", &parseHazardStatus, HazardStatus::Open, false);
    h.overdue = r.boolean(u"overdue");
    h.meta = r.meta();
    h.source = r.enumeration(u"source", &parseHazardSource, HazardSource::Inspection, false);
    return r.finish(h);
}

// ---- RectificationEvent ----
QJsonObject RectificationEvent::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"hazard_id"_s, hazardId }, { u"kind"_s, toString(kind) },
        { u"note"_s, note }, { u"attachments"_s, toArray(attachments) } };
    putOpt(o, u"actor_id"_s, actorId);
    putOpt(o, u"completed_on"_s, completedOn);
    putOpt(o, u"responsible"_s, responsible);
    if (cost)
        o.insert(u"cost"_s, *cost);
    putMeta(o, meta);
    return o;
}
Result<RectificationEvent> RectificationEvent::fromJson(const QJsonObject& o)
{
    Reader r(o);
    RectificationEvent e;
    e.id = r.str(u"id", true);
    e.hazardId = r.str(u"hazard_id", true);
    e.kind = r.enumeration(u"kind", &parseEventKind, EventKind::Order);
    e.actorId = r.str(u"actor_id");
    e.note = r.str(u"note");
    e.attachments = r.list(u"attachments");
    e.completedOn = r.str(u"completed_on");
    e.responsible = r.str(u"responsible");
    if (o.contains(u"cost"_s) && !o.value(u"cost"_s).isNull())
        e.cost = r.num(u"cost");
    e.meta = r.meta();
    return r.finish(e);
}

// ---- Attachment ----
QJsonObject Attachment::toJson() const
{
    QJsonObject o { { u"id"_s, id } };
    putOpt(o, u"mime"_s, mime);
    if (size >= 0)
        o.insert(u"size"_s, static_cast<double>(size));
    putOpt(o, u"captured_at"_s, capturedAt);
    putOpt(o, u"owner_entity"_s, ownerEntity);
    putOpt(o, u"owner_id"_s, ownerId);
    if (location)
        o.insert(u"location"_s, location->toJson());
    putMeta(o, meta);
    return o;
}
Result<Attachment> Attachment::fromJson(const QJsonObject& o)
{
    Reader r(o);
    Attachment a;
    a.id = r.str(u"id", true);
    a.mime = r.str(u"mime");
    const QJsonValue size = o.value(u"size"_s);
    if (!size.isUndefined() && !size.isNull())
        a.size = static_cast<qint64>(r.num(u"size"));
    a.capturedAt = r.str(u"captured_at");
    a.location = r.location(u"location");
    a.ownerEntity = r.str(u"owner_entity");
    a.ownerId = r.str(u"owner_id");
    a.meta = r.meta();
    return r.finish(a);
}

// ---- Comment ----
QJsonObject Comment::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"record_id"_s, recordId }, { u"text"_s, text },
        { u"attachments"_s, toArray(attachments) } };
    putOpt(o, u"author_id"_s, authorId);
    putMeta(o, meta);
    return o;
}
Result<Comment> Comment::fromJson(const QJsonObject& o)
{
    Reader r(o);
    Comment c;
    c.id = r.str(u"id", true);
    c.recordId = r.str(u"record_id", true);
    c.authorId = r.str(u"author_id");
    c.text = r.str(u"text", true);
    c.attachments = r.list(u"attachments");
    c.meta = r.meta();
    return r.finish(c);
}

// ---- Plan ----
QJsonObject Plan::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"year"_s, year }, { u"title"_s, title },
        { u"enterprise_ids"_s, toArray(enterpriseIds) },
        { u"inspector_ids"_s, toArray(inspectorIds) }, { u"kind"_s, kind } };
    putMeta(o, meta);
    return o;
}
Result<Plan> Plan::fromJson(const QJsonObject& o)
{
    Reader r(o);
    Plan p;
    p.id = r.str(u"id", true);
    p.year = static_cast<int>(r.num(u"year", true));
    p.title = r.str(u"title", true);
    p.enterpriseIds = r.list(u"enterprise_ids");
    p.inspectorIds = r.list(u"inspector_ids");
    p.kind = r.str(u"kind");
    p.meta = r.meta();
    return r.finish(p);
}

// ---- Recusal ----
QJsonObject Recusal::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"inspector_id"_s, inspectorId },
        { u"enterprise_id"_s, enterpriseId }, { u"reason"_s, reason },
        { u"withdrawn"_s, withdrawn } };
    putMeta(o, meta);
    return o;
}
Result<Recusal> Recusal::fromJson(const QJsonObject& o)
{
    Reader r(o);
    Recusal c;
    c.id = r.str(u"id", true);
    c.inspectorId = r.str(u"inspector_id", true);
    c.enterpriseId = r.str(u"enterprise_id", true);
    c.reason = r.str(u"reason", true);
    c.withdrawn = r.boolean(u"withdrawn");
    c.meta = r.meta();
    return r.finish(c);
}

// ---- AuditEntry ----
QJsonObject AuditEntry::toJson() const
{
    return { { u"seq"_s, static_cast<double>(seq) }, { u"at"_s, at }, { u"user_id"_s, userId },
        { u"device_id"_s, deviceId }, { u"action"_s, action }, { u"entity"_s, entity },
        { u"entity_id"_s, entityId }, { u"args"_s, args }, { u"prev_hash"_s, prevHash },
        { u"hash"_s, hash } };
}
Result<AuditEntry> AuditEntry::fromJson(const QJsonObject& o)
{
    Reader r(o);
    AuditEntry a;
    a.seq = static_cast<qint64>(r.num(u"seq", true));
    a.at = r.str(u"at", true);
    a.userId = r.str(u"user_id");
    a.deviceId = r.str(u"device_id");
    a.action = r.str(u"action", true);
    a.entity = r.str(u"entity");
    a.entityId = r.str(u"entity_id");
    a.args = o.value(u"args"_s).toObject();
    a.prevHash = r.str(u"prev_hash");
    a.hash = r.str(u"hash");
    return r.finish(a);
}

} // namespace safeloop::core
