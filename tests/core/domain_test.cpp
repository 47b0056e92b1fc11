#include "core/domain.h"
#include "core/uuid.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

namespace {

Location fix()
{
    return { 43.81, 125.32, 4.5, u"2026-11-25T08:30:00.000Z"_s, u"gps"_s, {}, {} };
}

template <typename T>
void expectRoundTrip(const T& value)
{
    auto back = T::fromJson(value.toJson());
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_EQ(back.value(), value);
}

} // namespace

TEST(DomainCodec, EveryRecordRoundTripsThroughItsWireFields)
{
    RecordMeta meta { u"2026-11-25T08:30:00.000Z"_s, u"2026-11-25T09:00:00.000Z"_s };
    expectRoundTrip(Enterprise { u"91220101MA00000001"_s, u"Greenfield Stamping Co."_s, u"1 Road"_s,
        u"Lüyuan"_s, u"C3670"_s, RiskGrade::Orange, 43.8, 125.3, u"Li"_s, u"123"_s, u"ME"_s,
        u"Wang"_s, meta });
    expectRoundTrip(
        User { u"u1"_s, u"Zhang"_s, Role::Inspector, {}, u"B-001"_s, { u"Street A"_s }, meta });
    expectRoundTrip(ChecklistTemplate { u"GM"_s, 2, u"通用"_s, u"General"_s, u"all"_s,
        { ChecklistItem { u"GM-01"_s, u"责任制"_s, u"Duties"_s, u"Art. 4"_s, true, {} } }, meta });
    Inspection insp { u"i1"_s, u"e1"_s, InspectionKind::Random, InspectionMode::Enforcement,
        { u"u1"_s, u"u2"_s }, { u"GM@1"_s }, u"2026-11-25T08:00:00.000Z"_s,
        u"2026-11-25T09:00:00.000Z"_s, { QString(64, u'a') }, {}, fix(), InspectionStatus::Finished,
        meta };
    expectRoundTrip(insp);
    expectRoundTrip(Answer { u"a1"_s, u"i1"_s, u"GM-01"_s, AnswerResult::NotApplicable, u"n"_s,
        { QString(64, u'b') }, meta });
    expectRoundTrip(Hazard { u"h1"_s, u"e1"_s, u"i1"_s, u"GM-01"_s, u"desc"_s, u"workshop 2"_s,
        HazardLevel::Major, u"fire"_s, u"Art. 41"_s, u"fix it"_s, QDate(2026, 12, 10), fix(),
        { QString(64, u'c') }, HazardStatus::Submitted, true, meta, HazardSource::Inspection });
    expectRoundTrip(Hazard { u"h2"_s, u"e1"_s, u"i2"_s, u"GM-02"_s, u"found ourselves"_s, {},
        HazardLevel::General, {}, {}, {}, QDate(2026, 12, 10), {}, {}, HazardStatus::Open, false,
        meta, HazardSource::SelfCheck });
    expectRoundTrip(RectificationEvent {
        u"r1"_s, u"h1"_s, EventKind::Reject, u"u1"_s, u"no"_s, {}, {}, {}, {}, meta });
    expectRoundTrip(RectificationEvent { u"r2"_s, u"h1"_s, EventKind::Submit, u"u2"_s, u"done"_s,
        { QString(64, u'd') }, u"2026-12-01"_s, u"Wang Li"_s, 1280.5, meta });
    expectRoundTrip(Attachment { QString(64, u'd'), u"image/jpeg"_s, 2048,
        u"2026-11-25T08:30:00.000Z"_s, fix(), u"hazard"_s, u"h1"_s, meta });
    expectRoundTrip(Comment { u"c1"_s, u"h1"_s, u"u1"_s, u"see photo"_s, {}, meta });
    expectRoundTrip(
        Plan { u"p1"_s, 2026, u"Annual plan"_s, { u"e1"_s }, { u"u1"_s }, u"key"_s, meta });
    expectRoundTrip(
        AuditEntry { 3, u"2026-11-25T08:30:00.000Z"_s, u"u1"_s, u"dev"_s, u"hazard.create"_s,
            u"hazard"_s, u"h1"_s, QJsonObject { { u"x"_s, 1 } }, u"aa"_s, u"bb"_s });
}

TEST(DomainCodec, HazardUsesTheSyncFieldNamesAndDerivedStatus)
{
    Hazard h;
    h.id = u"h1"_s;
    h.enterpriseId = u"e1"_s;
    h.description = u"d"_s;
    h.deadline = QDate(2026, 12, 1);
    h.status = HazardStatus::Escalated;
    h.overdue = true;
    const QJsonObject o = h.toJson();
    EXPECT_EQ(o.value(u"enterprise_id"_s).toString(), u"e1"_s);
    EXPECT_EQ(o.value(u"deadline"_s).toString(), u"2026-12-01"_s);
    EXPECT_EQ(o.value(u"level"_s).toString(), u"general"_s);
    EXPECT_EQ(o.value(u"status"_s).toString(), u"escalated"_s);
    EXPECT_TRUE(o.value(u"overdue"_s).toBool());
}

TEST(DomainCodec, RefusesUnknownEnumValuesNamingTheField)
{
    auto r = Hazard::fromJson(QJsonObject { { u"id"_s, u"h"_s }, { u"enterprise_id"_s, u"e"_s },
        { u"description"_s, u"d"_s }, { u"deadline"_s, u"2026-12-01"_s },
        { u"level"_s, u"catastrophic"_s } });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"invalid_enum"_s);
    EXPECT_TRUE(r.error().message.contains(u"level"_s));
    EXPECT_EQ(parseRole(u"boss"_s).error().code, u"invalid_enum"_s);
    EXPECT_EQ(parseAnswerResult(u"na"_s).value(), AnswerResult::NotApplicable);
}

TEST(DomainCodec, RefusesMissingRequiredFieldsAndWrongTypes)
{
    auto missing = Answer::fromJson(QJsonObject { { u"item_code"_s, u"GM-01"_s } });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, u"missing_field"_s);
    EXPECT_TRUE(missing.error().message.contains(u"inspection_id"_s));

    auto wrongType = Location::fromJson(QJsonObject { { u"lat"_s, u"north"_s }, { u"lon"_s, 1 } });
    ASSERT_FALSE(wrongType.ok());
    EXPECT_EQ(wrongType.error().code, u"invalid_type"_s);

    auto badDate = Hazard::fromJson(QJsonObject { { u"id"_s, u"h"_s },
        { u"enterprise_id"_s, u"e"_s }, { u"description"_s, u"d"_s },
        { u"deadline"_s, u"2026-13-45"_s }, { u"level"_s, u"general"_s } });
    ASSERT_FALSE(badDate.ok());
    EXPECT_EQ(badDate.error().code, u"invalid_date"_s) << badDate.error().message.toStdString();
}

TEST(DomainCodec, TimestampsAreRfc3339UtcWithMilliseconds)
{
    const QDateTime t(QDate(2026, 11, 25), QTime(8, 30, 0, 123), Qt::UTC);
    EXPECT_EQ(formatTimestamp(t), u"2026-11-25T08:30:00.123Z"_s);
    EXPECT_EQ(parseTimestamp(u"2026-11-25T08:30:00.123Z"_s).value(), t);
    EXPECT_FALSE(parseTimestamp(u"yesterday"_s).has_value());
}

TEST(Uuidv7, IsVersion7WithTheTimestampFirstAndUnique)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(0x0192f3a4b5c6LL, Qt::UTC);
    const QString a = uuidv7(t);
    const QString b = uuidv7(t);
    static const QRegularExpression re(
        u"^0192f3a4-b5c6-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
    EXPECT_TRUE(re.match(a).hasMatch()) << a.toStdString();
    EXPECT_NE(a, b);
}

TEST(DomainCodec, LocationWithUnknownAccuracyFlagsAndDistanceRoundTrips)
{
    Location l { 43.81, 125.32, std::nullopt, u"2026-11-25T08:30:00.000Z"_s, u"nmea"_s,
        { u"accuracy_worse_than_50m"_s, u"far_from_enterprise"_s }, 820.0 };
    const QJsonObject o = l.toJson();
    EXPECT_TRUE(o.contains(u"accuracy_m"_s));
    EXPECT_TRUE(o.value(u"accuracy_m"_s).isNull());
    EXPECT_EQ(o.value(u"flags"_s).toArray(),
        (QJsonArray { u"accuracy_worse_than_50m"_s, u"far_from_enterprise"_s }));
    EXPECT_DOUBLE_EQ(o.value(u"distance_m"_s).toDouble(), 820.0);
    auto back = Location::fromJson(o);
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_EQ(back.value(), l);
}

TEST(DomainCodec, OldLocationWithANumberAndNoFlagsStillDecodes)
{
    const QJsonObject old { { u"lat"_s, 43.81 }, { u"lon"_s, 125.32 }, { u"accuracy_m"_s, 12 },
        { u"fix_time"_s, u"2026-11-25T08:30:00.000Z"_s }, { u"source"_s, u"gps"_s } };
    auto l = Location::fromJson(old);
    ASSERT_TRUE(l.ok());
    ASSERT_TRUE(l->accuracyM.has_value());
    EXPECT_DOUBLE_EQ(*l->accuracyM, 12.0);
    EXPECT_TRUE(l->flags.isEmpty());
    EXPECT_FALSE(l->distanceM.has_value());
    EXPECT_FALSE(l->toJson().contains(u"flags"_s));
    EXPECT_EQ(Location::fromJson(QJsonObject { { u"lat"_s, 1 }, { u"lon"_s, 2 },
                                     { u"flags"_s, QJsonArray { 3 } } })
                  .error()
                  .code,
        u"invalid_type"_s);
}

TEST(DomainCodec, AttachmentWithoutMimeOrSizeOmitsThem)
{
    Attachment a;
    a.id = QString(64, u'e');
    a.ownerEntity = u"answer"_s;
    a.ownerId = u"a1"_s;
    const QJsonObject o = a.toJson();
    EXPECT_FALSE(o.contains(u"mime"_s));
    EXPECT_FALSE(o.contains(u"size"_s));
    auto back = Attachment::fromJson(o);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->size, -1);
    EXPECT_EQ(back.value(), a);
}
