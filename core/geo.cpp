#include "geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace safeloop::core {

double distanceMeters(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double earthRadiusM = 6371008.8;
    constexpr double toRad = std::numbers::pi / 180.0;
    const double dLat = (lat2 - lat1) * toRad;
    const double dLon = (lon2 - lon1) * toRad;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(lat1 * toRad) * std::cos(lat2 * toRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * earthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

} // namespace safeloop::core
