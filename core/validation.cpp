#include "validation.h"

#include "creditcode.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace safeloop::core::validation {

Result<void> sha256(const QString& value, const QString& field)
{
    bool ok = value.size() == 64;
    for (const QChar c : value)
        ok = ok && ((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'));
    if (!ok)
        return makeError(u"invalid_sha256"_s,
            u"%1 must be a SHA-256 written as 64 lower-case hex digits"_s.arg(field));
    return {};
}

Result<void> coordinates(double lat, double lon)
{
    if (!std::isfinite(lat) || lat < -90 || lat > 90)
        return makeError(u"invalid_coordinates"_s, u"latitude %1 is outside -90…90"_s.arg(lat));
    if (!std::isfinite(lon) || lon < -180 || lon > 180)
        return makeError(u"invalid_coordinates"_s, u"longitude %1 is outside -180…180"_s.arg(lon));
    return {};
}

Result<void> location(const Location& loc)
{
    if (auto r = coordinates(loc.lat, loc.lon); !r)
        return r;
    if (loc.accuracyM && (!std::isfinite(*loc.accuracyM) || *loc.accuracyM < 0))
        return makeError(
            u"invalid_coordinates"_s, u"accuracy_m must be zero or more, or null if unknown"_s);
    if (loc.distanceM && (!std::isfinite(*loc.distanceM) || *loc.distanceM < 0))
        return makeError(u"invalid_coordinates"_s, u"distance_m must be zero or more"_s);
    static const QRegularExpression flagShape(u"^[a-z0-9]+(_[a-z0-9]+)*$"_s);
    for (const auto& flag : loc.flags)
        if (flag.size() > 64 || !flagShape.match(flag).hasMatch())
            return makeError(u"invalid_flag"_s,
                u"location flag \"%1\" must be a snake_case word of at most 64 characters"_s.arg(
                    flag.left(64)));
    if (!loc.fixTime.isEmpty() && !parseTimestamp(loc.fixTime))
        return makeError(u"invalid_timestamp"_s, u"fix_time must be an RFC 3339 time"_s);
    return {};
}

static Result<void> attachments(const QStringList& ids)
{
    for (const auto& id : ids)
        if (auto r = sha256(id, u"attachment id"_s); !r)
            return r;
    return {};
}

static Result<void> required(const QString& value, const char16_t* field)
{
    if (value.trimmed().isEmpty())
        return makeError(u"missing_field"_s, u"%1 is required"_s.arg(QString::fromUtf16(field)));
    return {};
}

Result<void> enterprise(const Enterprise& e)
{
    if (auto r = CreditCode::validate(e.uscc); !r)
        return r;
    if (auto r = required(e.name, u"name"); !r)
        return r;
    return coordinates(e.lat, e.lon);
}

Result<void> hazard(const Hazard& h, QDate createdOn)
{
    for (auto [v, f] : { std::pair { &h.id, u"id" }, { &h.enterpriseId, u"enterprise_id" },
             { &h.description, u"description" } })
        if (auto r = required(*v, f); !r)
            return r;
    if (!h.deadline.isValid())
        return makeError(u"missing_field"_s, u"deadline is required"_s);
    if (createdOn.isValid() && h.deadline < createdOn)
        return makeError(u"deadline_before_creation"_s,
            u"deadline %1 is before the hazard was recorded (%2)"_s.arg(
                h.deadline.toString(Qt::ISODate), createdOn.toString(Qt::ISODate)));
    if (h.location)
        if (auto r = location(*h.location); !r)
            return r;
    return attachments(h.attachments);
}

Result<void> answer(const Answer& a)
{
    if (auto r = required(a.inspectionId, u"inspection_id"); !r)
        return r;
    if (auto r = required(a.itemCode, u"item_code"); !r)
        return r;
    return attachments(a.attachments);
}

Result<void> rectificationEvent(const RectificationEvent& e, QDate submittedOn)
{
    if (auto r = attachments(e.attachments); !r)
        return r;
    const bool hasReport = !e.completedOn.isEmpty() || !e.responsible.isEmpty() || e.cost;
    if (e.kind != EventKind::Submit)
        return hasReport ? makeError(u"report_not_allowed"_s,
                   u"completed_on, responsible and cost belong to a submission"_s)
                         : Result<void> {};
    if (!e.completedOn.isEmpty()) {
        const QDate done = QDate::fromString(e.completedOn, Qt::ISODate);
        if (!done.isValid())
            return makeError(u"invalid_date"_s,
                u"completed_on must be an ISO date (YYYY-MM-DD), not %1"_s.arg(e.completedOn));
        if (submittedOn.isValid() && done > submittedOn)
            return makeError(u"completed_in_future"_s,
                u"completed_on %1 is after the submission (%2)"_s.arg(
                    e.completedOn, submittedOn.toString(Qt::ISODate)));
    }
    if (e.responsible.size() > 50)
        return makeError(u"field_too_long"_s, u"responsible has at most 50 characters"_s);
    if (e.cost) {
        const double cents = *e.cost * 100;
        if (!std::isfinite(*e.cost) || *e.cost < 0 || *e.cost >= 1e10
            || std::abs(cents - std::round(cents)) > 1e-6)
            return makeError(u"invalid_cost"_s,
                u"cost is yuan, at least 0, below 10^10, with at most two decimals"_s);
    }
    return {};
}

Result<void> inspection(const Inspection& i)
{
    for (auto [v, f] : { std::pair { &i.id, u"id" }, { &i.enterpriseId, u"enterprise_id" },
             { &i.startedAt, u"started_at" } })
        if (auto r = required(*v, f); !r)
            return r;
    if (!parseTimestamp(i.startedAt))
        return makeError(u"invalid_timestamp"_s, u"started_at must be an RFC 3339 time"_s);
    if (i.kind == InspectionKind::SelfCheck) {
        // The enterprise checks itself: no inspector takes part, nothing is enforced.
        if (!i.inspectorIds.isEmpty())
            return makeError(
                u"self_check_inspectors"_s, u"a self-check (self_check) has no inspector_ids"_s);
        if (i.mode != InspectionMode::Guidance)
            return makeError(
                u"self_check_mode"_s, u"a self-check (self_check) is in guidance mode"_s);
    } else if (i.inspectorIds.isEmpty()) {
        return makeError(u"missing_field"_s, u"inspector_ids needs at least one inspector"_s);
    }
    if (i.location)
        if (auto r = location(*i.location); !r)
            return r;
    return attachments(i.signatures);
}

Result<void> mimeType(const QString& mime)
{
    // RFC 6838 type/subtype restricted-name characters, lower or upper case, no parameters.
    static const QRegularExpression shape(
        u"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$"_s);
    if (!shape.match(mime).hasMatch())
        return makeError(u"invalid_mime"_s,
            u"mime \"%1\" must be a media type such as image/jpeg"_s.arg(mime.left(64)));
    return {};
}

Result<void> attachmentReference(const Attachment& a)
{
    if (auto r = sha256(a.id, u"attachment id"_s); !r)
        return r;
    if (!a.mime.isEmpty())
        if (auto r = mimeType(a.mime); !r)
            return r;
    if (!a.capturedAt.isEmpty() && !parseTimestamp(a.capturedAt))
        return makeError(u"invalid_timestamp"_s, u"captured_at must be an RFC 3339 time"_s);
    if (a.location)
        return location(*a.location);
    return {};
}

Result<void> attachment(const Attachment& a)
{
    if (auto r = sha256(a.id, u"id"_s); !r)
        return r;
    if (auto r = required(a.mime, u"mime"); !r)
        return r;
    if (a.size < 0)
        return makeError(u"invalid_size"_s, u"size must be zero or more"_s);
    if (a.location)
        return location(*a.location);
    return {};
}

namespace {

/// What a string under one key may hold.
struct TextRule {
    bool freeText = false;
    int max = MaxOtherText;
};

struct NamedRule {
    QLatin1StringView key;
    TextRule rule;
};

/// Every key with its own rule. Looked up once per string, by length first: a push checks a few
/// dozen strings per mutation, and hashing each key three times cost more than the check.
constexpr NamedRule Rules[] = {
    { "description"_L1, { true, MaxFreeText } },
    { "note"_L1, { true, MaxFreeText } },
    { "refusal_note"_L1, { true, MaxFreeText } },
    { "measure"_L1, { true, MaxFreeText } },
    { "basis"_L1, { true, MaxFreeText } },
    { "text"_L1, { true, MaxFreeText } },
    { "text_zh"_L1, { true, MaxFreeText } },
    { "text_en"_L1, { true, MaxFreeText } },
    { "last_error"_L1, { true, 500 } },
    { "address"_L1, { true, MaxAddress } },
    { "responsible"_L1, { false, 50 } },
    { "app_version"_L1, { false, 64 } },
    { "last_error_code"_L1, { false, 64 } },
    { "mime"_L1, { false, 255 } },
    { "name"_L1, { false, MaxLabel } },
    { "title"_L1, { false, MaxLabel } },
    { "title_zh"_L1, { false, MaxLabel } },
    { "title_en"_L1, { false, MaxLabel } },
    { "place"_L1, { false, MaxLabel } },
    { "category"_L1, { false, MaxLabel } },
    { "industry"_L1, { false, MaxLabel } },
    { "contact"_L1, { false, MaxLabel } },
    { "leader"_L1, { false, MaxLabel } },
    { "department"_L1, { false, MaxLabel } },
    { "street"_L1, { false, MaxLabel } },
    { "streets"_L1, { false, MaxLabel } },
    { "badge"_L1, { false, MaxLabel } },
    { "username"_L1, { false, MaxLabel } },
    { "device_name"_L1, { false, MaxLabel } },
    { "id"_L1, { false, MaxIdentifier } },
    { "uscc"_L1, { false, MaxIdentifier } },
    { "item_code"_L1, { false, MaxIdentifier } },
    { "code"_L1, { false, MaxIdentifier } },
    { "hlc"_L1, { false, MaxIdentifier } },
    { "industry_code"_L1, { false, MaxIdentifier } },
    { "attachments"_L1, { false, MaxIdentifier } },
    { "signatures"_L1, { false, MaxIdentifier } },
};

TextRule ruleFor(QStringView key)
{
    for (const NamedRule& named : Rules)
        if (named.key.size() == key.size() && named.key == key)
            return named.rule;
    if (key.endsWith(u"_id") || key.endsWith(u"_ids"))
        return { false, MaxIdentifier };
    return {};
}

/// The rule of a JSON member's own name.
const TextRule MemberNameRule = ruleFor(u"key");

/// Where a string sits in a request, built only when a message needs it: the strings of a
/// valid push are checked by the thousand, their paths are read only when one is refused.
struct Path {
    const Path* parent = nullptr;
    const QString* text = nullptr; ///< the whole path (the outermost frame)
    QStringView member; ///< `.member` below the parent (or the first member of an empty root)
    qsizetype index = -1; ///< `[index]` below the parent

    QString toString() const
    {
        if (text)
            return *text;
        QString above = parent->toString();
        if (index >= 0)
            return above + u'[' + QString::number(index) + u']';
        if (above.isEmpty())
            return member.toString();
        above += u'.';
        above += member;
        return above;
    }
};

Result<void> checkText(QStringView value, TextRule rule, const auto& path)
{
    qsizetype characters = 0;
    bool afterHigh = false; // the previous unit opened a surrogate pair
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && !(rule.freeText && (u == u'\t' || u == u'\n')))
            || (u >= 0x7f && u <= 0x9f))
            return makeError(u"invalid_text"_s,
                u"%1 contains a control character (U+%2)%3"_s.arg(path(),
                    QString::number(static_cast<int>(u), 16).rightJustified(4, u'0').toUpper(),
                    rule.freeText ? u"; only tab and newline are allowed in free text"_s
                                  : QString()));
        // U+FEFF (a byte order mark, or the deprecated zero-width no-break space) is invisible,
        // and Qt's JSON reader drops it from the start of a string: text holding it would not
        // read back from a stored document as it was written.
        if (u == 0xfeff)
            return makeError(u"invalid_text"_s,
                u"%1 contains a byte order mark (U+FEFF), an invisible character"_s.arg(path()));
        // A code point each: a pair's low surrogate is part of the character its high one
        // began; an unpaired surrogate counts on its own.
        if (!(c.isLowSurrogate() && afterHigh))
            ++characters;
        afterHigh = c.isHighSurrogate();
    }
    if (characters > rule.max)
        return makeError(u"field_too_long"_s,
            u"%1 has %2 characters; at most %3 are allowed"_s.arg(
                path(), QString::number(characters), QString::number(rule.max)));
    return {};
}

Result<void> checkTexts(const QJsonValue& value, QStringView key, const Path& path)
{
    if (value.isString())
        return checkText(value.toString(), ruleFor(key), [&] { return path.toString(); });
    if (value.isArray()) {
        const QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i)
            if (auto r = checkTexts(list.at(i), key, Path { &path, nullptr, {}, i }); !r)
                return r;
        return {};
    }
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const QString name = it.key();
            // A member's name is text too (it becomes a stored field name); the message names
            // the object, never the offending name itself.
            if (auto r = checkText(name, MemberNameRule,
                    [&] {
                        const QString where = path.toString();
                        return u"a member name in %1"_s.arg(
                            where.isEmpty() ? u"the body"_s : where);
                    });
                !r)
                return r;
            if (auto r = checkTexts(it.value(), name, Path { &path, nullptr, name, -1 }); !r)
                return r;
        }
    }
    return {};
}

} // namespace

bool isFreeTextField(const QString& key)
{
    return ruleFor(key).freeText;
}

int maxTextLength(const QString& key)
{
    return ruleFor(key).max;
}

Result<void> text(const QString& value, const QString& key, const QString& path)
{
    return checkText(value, ruleFor(key), [&] { return path; });
}

Result<void> texts(const QJsonValue& value, const QString& key, const QString& path)
{
    return checkTexts(value, key, Path { nullptr, &path, {}, -1 });
}

} // namespace safeloop::core::validation
