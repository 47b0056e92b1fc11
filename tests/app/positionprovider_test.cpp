#include "app/positionprovider.h"

#include <QGeoCoordinate>
#include <QGeoPositionInfo>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

using namespace Qt::StringLiterals;
using safeloop::app::PositionProvider;

namespace {

QString replayFile()
{
    return QStringLiteral(SAFELOOP_SOURCE_DIR "/data/gps/site-walk.nmea");
}

QGeoPositionInfo infoAt(double lat, double lon)
{
    return QGeoPositionInfo(QGeoCoordinate(lat, lon), QDateTime::currentDateTimeUtc());
}

} // namespace

TEST(PositionProviderTest, ReplayDeliversFixNearTheSiteWithUnknownAccuracy)
{
    PositionProvider provider;
    ASSERT_TRUE(provider.useNmeaReplay(replayFile()));
    QSignalSpy spy(&provider, &PositionProvider::fixChanged);
    provider.start();
    ASSERT_TRUE(spy.wait(5000));
    EXPECT_TRUE(provider.hasFix());
    EXPECT_NEAR(provider.latitude(), 43.88, 0.001);
    EXPECT_NEAR(provider.longitude(), 125.25, 0.001);
    EXPECT_EQ(provider.sourceName(), u"nmea"_s);
    // Without a user-equivalent range error the NMEA source cannot know the accuracy.
    EXPECT_TRUE(std::isnan(provider.accuracyM()));
    EXPECT_FALSE(provider.accuracyKnown());
    EXPECT_FALSE(provider.lowAccuracy());
    EXPECT_EQ(provider.fixTime().timeSpec(), Qt::UTC);
    EXPECT_EQ(provider.fix().source, u"nmea"_s);
}

TEST(PositionProviderTest, ReplayWithRangeErrorReportsAccuracyInMetres)
{
    PositionProvider provider;
    ASSERT_TRUE(provider.useNmeaReplay(u"file://"_s + replayFile(), 5.0));
    QSignalSpy spy(&provider, &PositionProvider::fixChanged);
    provider.start();
    ASSERT_TRUE(spy.wait(5000));
    ASSERT_TRUE(provider.accuracyKnown());
    // Qt's NMEA source reports 2 × HDOP × UERE (about 95 %): HDOP 0.9 in the log, 5 m UERE.
    EXPECT_NEAR(provider.accuracyM(), 9.0, 0.01);
    EXPECT_FALSE(provider.lowAccuracy());
}

TEST(PositionProviderTest, ReplayFarFromEnterpriseIsFlagged)
{
    PositionProvider provider;
    provider.setEnterpriseLocation(43.90, 125.25); // ~2.2 km north of the replayed site
    ASSERT_TRUE(provider.useNmeaReplay(replayFile(), 5.0));
    QSignalSpy spy(&provider, &PositionProvider::fixChanged);
    provider.start();
    ASSERT_TRUE(spy.wait(5000));
    EXPECT_TRUE(provider.farFromEnterprise());
    EXPECT_NEAR(provider.distanceToEnterpriseM(), 2224.0, 20.0);
}

TEST(PositionProviderTest, StartUsesTheDefaultReplayWhenNoSourceWasChosen)
{
    PositionProvider::setDefaultReplay(replayFile());
    PositionProvider provider;
    QSignalSpy spy(&provider, &PositionProvider::fixChanged);
    provider.start();
    PositionProvider::setDefaultReplay({});
    ASSERT_TRUE(spy.wait(5000));
    EXPECT_EQ(provider.sourceName(), u"nmea"_s);
    EXPECT_TRUE(provider.active());
    EXPECT_TRUE(provider.accuracyKnown()); // the demo replay assumes a 5 m range error
}

TEST(PositionProviderTest, MissingReplayFileIsAnErrorAndNoSource)
{
    PositionProvider provider;
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QSignalSpy errors(&provider, &PositionProvider::errorOccurred);
    EXPECT_FALSE(provider.useNmeaReplay(dir.filePath(u"absent.nmea"_s)));
    EXPECT_EQ(errors.count(), 1);
    EXPECT_FALSE(provider.lastError().isEmpty());
    EXPECT_TRUE(provider.sourceName().isEmpty());
}

TEST(PositionProviderTest, AccuracyWorseThan50MetresWarns)
{
    QGeoPositionInfo info = infoAt(43.88, 125.25);
    info.setAttribute(QGeoPositionInfo::HorizontalAccuracy, 65.0);
    const auto fix = PositionProvider::evaluate(info, u"test"_s, NAN, NAN);
    EXPECT_TRUE(fix.lowAccuracy);
    EXPECT_DOUBLE_EQ(fix.accuracyM, 65.0);
    EXPECT_FALSE(fix.farFromEnterprise);
    EXPECT_TRUE(std::isnan(fix.distanceToEnterpriseM));
}

TEST(PositionProviderTest, UnknownAccuracyIsNeitherGoodNorLow)
{
    const auto fix = PositionProvider::evaluate(infoAt(43.88, 125.25), u"test"_s, NAN, NAN);
    EXPECT_TRUE(std::isnan(fix.accuracyM));
    EXPECT_FALSE(fix.lowAccuracy);
}

TEST(PositionProviderTest, WithinFiveHundredMetresOfEnterpriseIsNotFlagged)
{
    const auto fix = PositionProvider::evaluate(infoAt(43.88, 125.25), u"test"_s, 43.8830, 125.25);
    EXPECT_NEAR(fix.distanceToEnterpriseM, 333.6, 1.0);
    EXPECT_FALSE(fix.farFromEnterprise);
    const auto far = PositionProvider::evaluate(infoAt(43.88, 125.25), u"test"_s, 43.8850, 125.25);
    EXPECT_TRUE(far.farFromEnterprise);
}

TEST(PositionProviderTest, SourceIsNamedInWordsNotByItsPluginName)
{
    PositionProvider provider;
    EXPECT_EQ(provider.sourceLabel(), QString());
    ASSERT_TRUE(provider.useNmeaReplay(replayFile()));
    EXPECT_EQ(provider.sourceName(), u"nmea"_s);
    EXPECT_EQ(provider.sourceLabel(), u"定位回放"_s);
}
