#pragma once

namespace safeloop::core {

/// Great-circle distance in metres between two WGS-84 points (haversine, mean Earth radius).
double distanceMeters(double lat1, double lon1, double lat2, double lon2);

} // namespace safeloop::core
