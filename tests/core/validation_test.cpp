#include "core/creditcode.h"
#include "core/validation.h"

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
