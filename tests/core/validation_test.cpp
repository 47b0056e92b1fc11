#include "core/creditcode.h"
#include "core/validation.h"

#include <QJsonArray>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <limits>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

namespace {

QString validCode()
{
    const QString first17 = u"91220101MA0000000"_s;
    return first17 + *CreditCode::checkCharacter(first17);
}

Hazard hazard()
{
    Hazard h;
    h.id = u"h1"_s;
    h.enterpriseId = validCode();
    h.description = u"Light curtain bypassed on press 4"_s;
    h.deadline = QDate(2026, 12, 10);
    return h;
}

} // namespace

TEST(Validation, Sha256MustBe64LowerCaseHexDigits)
{
    EXPECT_TRUE(validation::sha256(QString(64, u'a')).ok());
    EXPECT_EQ(validation::sha256(QString(64, u'A')).error().code, u"invalid_sha256"_s);
    EXPECT_EQ(validation::sha256(QString(63, u'a')).error().code, u"invalid_sha256"_s);
    EXPECT_EQ(validation::sha256(QString(64, u'g')).error().code, u"invalid_sha256"_s);
}

TEST(Validation, CoordinatesOutsideTheGlobeAreRefused)
{
    EXPECT_TRUE(validation::coordinates(43.8, 125.3).ok());
    EXPECT_EQ(validation::coordinates(91, 0).error().code, u"invalid_coordinates"_s);
    EXPECT_EQ(validation::coordinates(0, -181).error().code, u"invalid_coordinates"_s);
    EXPECT_FALSE(validation::coordinates(std::numeric_limits<double>::quiet_NaN(), 0).ok());
    EXPECT_EQ(
        validation::location({ 1, 1, -2, {}, {}, {}, {} }).error().code, u"invalid_coordinates"_s);
}

TEST(Validation, EnterpriseNeedsAValidCreditCodeAndName)
{
    Enterprise e;
    e.uscc = validCode();
    e.name = u"Northwind Foundry"_s;
    e.lat = 43.8;
    e.lon = 125.3;
    EXPECT_TRUE(validation::enterprise(e).ok());
    Enterprise badCode = e;
    badCode.uscc[17] = badCode.uscc[17] == u'0' ? u'1' : u'0';
    EXPECT_EQ(validation::enterprise(badCode).error().code, u"uscc_check"_s);
    Enterprise noName = e;
    noName.name = u"  "_s;
    EXPECT_EQ(validation::enterprise(noName).error().code, u"missing_field"_s);
    Enterprise badLat = e;
    badLat.lat = 120;
    EXPECT_EQ(validation::enterprise(badLat).error().code, u"invalid_coordinates"_s);
}

TEST(Validation, HazardDeadlineIsJudgedAgainstTheDayItWasRecorded)
{
    // Recorded offline on 1 Dec, synced a week later: still valid.
    EXPECT_TRUE(validation::hazard(hazard(), QDate(2026, 12, 1)).ok());
    EXPECT_TRUE(validation::hazard(hazard(), QDate(2026, 12, 10)).ok()); // same day is fine
    auto late = validation::hazard(hazard(), QDate(2026, 12, 11));
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, u"deadline_before_creation"_s);
}

TEST(Validation, HazardRequiresDescriptionAndWellFormedAttachments)
{
    Hazard h = hazard();
    h.description.clear();
    EXPECT_EQ(validation::hazard(h, QDate(2026, 12, 1)).error().code, u"missing_field"_s);
    h = hazard();
    h.attachments = { u"not-a-hash"_s };
    EXPECT_EQ(validation::hazard(h, QDate(2026, 12, 1)).error().code, u"invalid_sha256"_s);
    h = hazard();
    h.location = Location { 100, 0, 1, {}, {}, {}, {} };
    EXPECT_EQ(validation::hazard(h, QDate(2026, 12, 1)).error().code, u"invalid_coordinates"_s);
}

TEST(Validation, InspectionAndAttachmentChecks)
{
    Inspection i;
    i.id = u"i1"_s;
    i.enterpriseId = u"e1"_s;
    i.startedAt = u"2026-11-25T08:00:00.000Z"_s;
    i.inspectorIds = { u"u1"_s };
    EXPECT_TRUE(validation::inspection(i).ok());
    i.startedAt = u"soon"_s;
    EXPECT_EQ(validation::inspection(i).error().code, u"invalid_timestamp"_s);

    Attachment a { QString(64, u'0'), u"image/jpeg"_s, 10, {}, {}, {}, {}, {} };
    EXPECT_TRUE(validation::attachment(a).ok());
    a.mime.clear();
    EXPECT_EQ(validation::attachment(a).error().code, u"missing_field"_s);
}

TEST(Validation, LocationAccuracyMayBeUnknownButFlagsAndDistanceAreChecked)
{
    Location l { 43.8, 125.3, std::nullopt, {}, u"nmea"_s, { u"far_from_enterprise"_s }, 640.0 };
    EXPECT_TRUE(validation::location(l).ok());
    l.accuracyM = -1;
    EXPECT_EQ(validation::location(l).error().code, u"invalid_coordinates"_s);
    l.accuracyM = 8;
    l.distanceM = -3;
    EXPECT_EQ(validation::location(l).error().code, u"invalid_coordinates"_s);
    l.distanceM = std::nullopt;
    l.flags = { u"Far From Enterprise"_s };
    EXPECT_EQ(validation::location(l).error().code, u"invalid_flag"_s);
}

TEST(Validation, AttachmentReferenceAllowsMissingMetadataButChecksItsShape)
{
    Attachment a;
    a.id = QString(64, u'1');
    EXPECT_TRUE(validation::attachmentReference(a).ok());
    a.mime = u"image/jpeg"_s;
    EXPECT_TRUE(validation::attachmentReference(a).ok());
    a.mime = u"photo"_s;
    EXPECT_EQ(validation::attachmentReference(a).error().code, u"invalid_mime"_s);
    a.mime = u"image/png"_s;
    a.capturedAt = u"noon"_s;
    EXPECT_EQ(validation::attachmentReference(a).error().code, u"invalid_timestamp"_s);
}

TEST(TextValidationTest, ControlCharactersAreRefusedButTabAndNewlineOnlyInFreeText)
{
    EXPECT_TRUE(validation::text(u"Guard\n\tmissing"_s, u"description"_s, u"d"_s).ok());
    for (const char16_t c : { u'\x00', u'\x01', u'\x1f', u'\x7f', u'\x85', u'\x9f', u'\r' }) {
        const auto r = validation::text(
            u"a"_s + QChar(c) + u"b"_s, u"description"_s, u"mutations[3].args.description"_s);
        ASSERT_FALSE(r.ok()) << int(c);
        EXPECT_EQ(r.error().code, u"invalid_text"_s);
        EXPECT_TRUE(r.error().message.startsWith(
            u"mutations[3].args.description contains a control character (U+"_s));
    }
    EXPECT_EQ(validation::text(u"a\tb"_s, u"place"_s, u"place"_s).error().code, u"invalid_text"_s);
    EXPECT_EQ(validation::text(u"a\nb"_s, u"entity_id"_s, u"entity_id"_s).error().code,
        u"invalid_text"_s);
    EXPECT_TRUE(validation::text(u"安全帽\u00a0佩戴"_s, u"place"_s, u"place"_s).ok())
        << "U+00A0 and above are text";
}

TEST(TextValidationTest, UnpairedSurrogatesCountAsOneCharacterEach)
{
    // 200 unpaired low surrogates are 200 characters, not none (found by the device_status
    // fuzz harness: a 500-character last_error of them passed as empty).
    const QString lows(200, QChar(0xdc01));
    EXPECT_TRUE(validation::text(lows, u"name"_s, u"name"_s).ok());
    const auto tooLong = validation::text(lows + u"x"_s, u"name"_s, u"args.name"_s);
    ASSERT_FALSE(tooLong.ok());
    EXPECT_EQ(tooLong.error().message, u"args.name has 201 characters; at most 200 are allowed"_s);
    QString highs(200, QChar(0xd83d));
    EXPECT_FALSE(validation::text(highs + u"x"_s, u"name"_s, u"name"_s).ok());
    // A pair is one character, also right after an unpaired high surrogate.
    QString mixed;
    for (int i = 0; i < 100; ++i)
        mixed += QChar(0xd83d) + u"\U0001F6A7"_s;
    EXPECT_TRUE(validation::text(mixed, u"name"_s, u"name"_s).ok()) << "200 characters";
    EXPECT_FALSE(validation::text(mixed + u"x"_s, u"name"_s, u"name"_s).ok());
}

TEST(TextValidationTest, AByteOrderMarkIsRefusedWhereverItStands)
{
    for (const QString& value : { u"\uFEFF甲公司"_s, u"甲\uFEFF公司"_s, u"甲公司\uFEFF"_s }) {
        for (const QString& key : { u"name"_s, u"description"_s, u"enterprise_id"_s }) {
            const auto r = validation::text(value, key, u"args."_s + key);
            ASSERT_FALSE(r.ok()) << key.toStdString();
            EXPECT_EQ(r.error().code, u"invalid_text"_s);
            EXPECT_EQ(r.error().message,
                u"args.%1 contains a byte order mark (U+FEFF), an invisible character"_s.arg(key));
        }
    }
    const auto member = validation::texts(
        QJsonObject { { u"\uFEFFnote"_s, u"x"_s } }, u"args"_s, u"mutations[0].args"_s);
    ASSERT_FALSE(member.ok()) << "member names are text too";
    EXPECT_EQ(member.error().code, u"invalid_text"_s);
    EXPECT_TRUE(validation::text(u"甲\u2060公司"_s, u"name"_s, u"name"_s).ok())
        << "U+2060, the word joiner that replaced U+FEFF's old use, is text";
}

TEST(TextValidationTest, LengthsAreCountedInCodePointsAgainstTheFieldsMaximum)
{
    EXPECT_EQ(validation::maxTextLength(u"description"_s), 4000);
    EXPECT_EQ(validation::maxTextLength(u"address"_s), 500);
    EXPECT_EQ(validation::maxTextLength(u"name"_s), 200);
    EXPECT_EQ(validation::maxTextLength(u"enterprise_id"_s), 128);
    EXPECT_EQ(validation::maxTextLength(u"inspector_ids"_s), 128);
    EXPECT_EQ(validation::maxTextLength(u"app_version"_s), 64);
    EXPECT_EQ(validation::maxTextLength(u"something_else"_s), 200);
    // 200 emoji are 400 UTF-16 units but 200 characters.
    QString emoji;
    for (int i = 0; i < 200; ++i)
        emoji += u"\U0001F6A7"_s;
    EXPECT_TRUE(validation::text(emoji, u"name"_s, u"name"_s).ok());
    const auto r = validation::text(emoji + u"x"_s, u"name"_s, u"args.name"_s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"field_too_long"_s);
    EXPECT_EQ(r.error().message, u"args.name has 201 characters; at most 200 are allowed"_s);
}

TEST(TextValidationTest, NestedValuesAreCheckedUnderTheirOwnNamesWithTheirPath)
{
    const QJsonObject args { { u"items"_s,
        QJsonArray { QJsonObject { { u"note"_s, u"ok\nfine"_s } },
            QJsonObject { { u"note"_s, QString(4001, u'n') } } } } };
    const auto r = validation::texts(args, u"args"_s, u"args"_s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(
        r.error().message, u"args.items[1].note has 4001 characters; at most 4000 are allowed"_s);
    const QJsonObject badName { { u"no\x00te"_s, u"x"_s } };
    const auto named = validation::texts(badName, u"args"_s, u"args"_s);
    ASSERT_FALSE(named.ok());
    EXPECT_TRUE(named.error().message.startsWith(u"a member name in args contains"_s));
    EXPECT_FALSE(named.error().message.contains(QChar(u'\0')));
}

TEST(TextValidationTest, EveryNamedFieldHasItsOwnLimitAndOnlyFreeTextTakesNewlines)
{
    const QList<std::pair<QString, int>> freeText { { u"description"_s, 4000 }, { u"note"_s, 4000 },
        { u"refusal_note"_s, 4000 }, { u"measure"_s, 4000 }, { u"basis"_s, 4000 },
        { u"text"_s, 4000 }, { u"text_zh"_s, 4000 }, { u"text_en"_s, 4000 },
        { u"last_error"_s, 500 }, { u"address"_s, 500 } };
    const QList<std::pair<QString, int>> other { { u"responsible"_s, 50 }, { u"app_version"_s, 64 },
        { u"last_error_code"_s, 64 }, { u"mime"_s, 255 }, { u"name"_s, 200 }, { u"title"_s, 200 },
        { u"title_zh"_s, 200 }, { u"title_en"_s, 200 }, { u"place"_s, 200 }, { u"category"_s, 200 },
        { u"industry"_s, 200 }, { u"contact"_s, 200 }, { u"leader"_s, 200 },
        { u"department"_s, 200 }, { u"street"_s, 200 }, { u"streets"_s, 200 }, { u"badge"_s, 200 },
        { u"username"_s, 200 }, { u"device_name"_s, 200 }, { u"id"_s, 128 }, { u"uscc"_s, 128 },
        { u"item_code"_s, 128 }, { u"code"_s, 128 }, { u"hlc"_s, 128 }, { u"industry_code"_s, 128 },
        { u"attachments"_s, 128 }, { u"signatures"_s, 128 }, { u"hazard_id"_s, 128 },
        { u"inspector_ids"_s, 128 }, { u"key"_s, 200 }, { u"phone"_s, 200 },
        // Near misses of named fields are other text.
        { u"notes"_s, 200 }, { u"Name"_s, 200 }, { u"ids"_s, 200 }, { u"_idx"_s, 200 } };
    for (const auto& [key, max] : freeText) {
        EXPECT_TRUE(validation::isFreeTextField(key)) << key.toStdString();
        EXPECT_EQ(validation::maxTextLength(key), max) << key.toStdString();
        EXPECT_TRUE(validation::text(u"a\nb"_s, key, key).ok()) << key.toStdString();
        EXPECT_TRUE(validation::text(QString(max, u'x'), key, key).ok()) << key.toStdString();
        EXPECT_EQ(
            validation::text(QString(max + 1, u'x'), key, key).error().code, u"field_too_long"_s)
            << key.toStdString();
    }
    for (const auto& [key, max] : other) {
        EXPECT_FALSE(validation::isFreeTextField(key)) << key.toStdString();
        EXPECT_EQ(validation::maxTextLength(key), max) << key.toStdString();
        EXPECT_EQ(validation::text(u"a\nb"_s, key, key).error().code, u"invalid_text"_s)
            << key.toStdString();
        EXPECT_TRUE(validation::text(QString(max, u'x'), key, key).ok()) << key.toStdString();
        EXPECT_EQ(
            validation::text(QString(max + 1, u'x'), key, key).error().code, u"field_too_long"_s)
            << key.toStdString();
    }
}

TEST(TextValidationTest, PathsBelowTheBodyStartAtTheFirstMemberAndNameArrayPositions)
{
    const QJsonObject body { { u"device"_s,
        QJsonObject { { u"streets"_s,
            QJsonArray { u"North"_s, QJsonArray { u"ok"_s, QString(201, u's') } } } } } };
    const auto r = validation::texts(body, QString(), QString());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(
        r.error().message, u"device.streets[1][1] has 201 characters; at most 200 are allowed"_s);
    const QJsonObject badName { { u"device"_s, QJsonObject { { u"na\u0085me"_s, 1 } } } };
    EXPECT_EQ(validation::texts(badName, QString(), QString()).error().message,
        u"a member name in device contains a control character (U+0085)"_s);
    const QJsonObject badTop { { u"\x01"_s, 1 } };
    EXPECT_EQ(validation::texts(badTop, QString(), QString()).error().message,
        u"a member name in the body contains a control character (U+0001)"_s);
}
