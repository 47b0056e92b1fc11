#include "core/geo.h"

#include <gtest/gtest.h>

using safeloop::core::distanceMeters;

TEST(GeoTest, SamePointIsZeroMetres)
{
    EXPECT_DOUBLE_EQ(distanceMeters(43.88, 125.25, 43.88, 125.25), 0.0);
}

TEST(GeoTest, OneDegreeOfLatitudeIsAbout111Kilometres)
{
    EXPECT_NEAR(distanceMeters(43.0, 125.25, 44.0, 125.25), 111195.0, 100.0);
}

TEST(GeoTest, ShortDistanceInChangchunMatchesHaversine)
{
    // 0.005 degrees of longitude at 43.88 N is about 401 m.
    EXPECT_NEAR(distanceMeters(43.88, 125.25, 43.88, 125.255), 401.0, 2.0);
}

TEST(GeoTest, IsSymmetric)
{
    EXPECT_DOUBLE_EQ(
        distanceMeters(43.88, 125.25, 43.9, 125.3), distanceMeters(43.9, 125.3, 43.88, 125.25));
}
