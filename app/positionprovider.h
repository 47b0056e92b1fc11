#pragma once

#include "core/rules.h"

#include <QDateTime>
#include <QGeoPositionInfo>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <cmath>
#include <limits>

class QGeoPositionInfoSource;

namespace safeloop::app {

/// One evidence-grade location fix as recorded with inspections, hazards and photos.
struct PositionFix {
    double latitude = std::numeric_limits<double>::quiet_NaN();
    double longitude = std::numeric_limits<double>::quiet_NaN();
    /// Horizontal accuracy in metres; NaN means "unknown", never "perfect".
    double accuracyM = std::numeric_limits<double>::quiet_NaN();
    QDateTime fixTime; ///< UTC
    QString source; ///< positioning plugin name, e.g. "nmea"
    bool lowAccuracy = false; ///< accuracy known and worse than core::rules::MaxFixAccuracyM
    /// Distance to the enterprise's registered location; NaN when that location is unknown.
    double distanceToEnterpriseM = std::numeric_limits<double>::quiet_NaN();
    bool farFromEnterprise
        = false; ///< more than core::rules::MaxDistanceFromEnterpriseM from the enterprise

    bool isValid() const { return !std::isnan(latitude) && !std::isnan(longitude); }
};

/// Wraps a QGeoPositionInfoSource (system default, or an NMEA log replay for tests and the
/// demo) and turns its updates into PositionFix values with SafeLoop's location warnings.
/// The warnings are recorded with the fix; they never stop the inspector.
class PositionProvider : public QObject {
    Q_OBJECT
    QML_ELEMENT
    /// True once a fix arrived.
    Q_PROPERTY(bool hasFix READ hasFix NOTIFY fixChanged)
    /// Latest latitude (degrees, WGS-84); NaN before the first fix.
    Q_PROPERTY(double latitude READ latitude NOTIFY fixChanged)
    /// Latest longitude (degrees, WGS-84); NaN before the first fix.
    Q_PROPERTY(double longitude READ longitude NOTIFY fixChanged)
    /// Horizontal accuracy in metres; NaN when the source cannot tell.
    Q_PROPERTY(double accuracyM READ accuracyM NOTIFY fixChanged)
    /// False when the accuracy is unknown (show "精度未知", never "0 米").
    Q_PROPERTY(bool accuracyKnown READ accuracyKnown NOTIFY fixChanged)
    /// UTC time of the latest fix.
    Q_PROPERTY(QDateTime fixTime READ fixTime NOTIFY fixChanged)
    /// Name of the positioning source that produced the fix.
    Q_PROPERTY(QString sourceName READ sourceName NOTIFY sourceChanged)
    /// Accuracy worse than maxAccuracyM.
    Q_PROPERTY(bool lowAccuracy READ lowAccuracy NOTIFY fixChanged)
    /// Fix more than maxDistanceM from the enterprise's registered location.
    Q_PROPERTY(bool farFromEnterprise READ farFromEnterprise NOTIFY fixChanged)
    /// Accuracy in metres beyond which a fix is flagged (core::rules::MaxFixAccuracyM, 50).
    Q_PROPERTY(double maxAccuracyM READ maxAccuracyM CONSTANT)
    /// Distance in metres from the enterprise beyond which a fix is flagged
    /// (core::rules::MaxDistanceFromEnterpriseM, 500).
    Q_PROPERTY(double maxDistanceM READ maxDistanceM CONSTANT)
    /// Distance to the enterprise in metres; NaN when unknown.
    Q_PROPERTY(double distanceToEnterpriseM READ distanceToEnterpriseM NOTIFY fixChanged)
    /// Enterprise latitude used for the distance warning (NaN = not set).
    Q_PROPERTY(double enterpriseLatitude READ enterpriseLatitude WRITE setEnterpriseLatitude NOTIFY
            enterpriseLocationChanged)
    /// Enterprise longitude used for the distance warning (NaN = not set).
    Q_PROPERTY(double enterpriseLongitude READ enterpriseLongitude WRITE setEnterpriseLongitude
            NOTIFY enterpriseLocationChanged)
    /// Whether updates are running.
    Q_PROPERTY(bool active READ active NOTIFY activeChanged)
    /// Last problem in plain words; empty when fine.
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    explicit PositionProvider(QObject* parent = nullptr);
    ~PositionProvider() override;

    /// Replays an NMEA log (file path or file:// URL). `userEquivalentRangeErrorM` turns HDOP
    /// into metres; leave it NaN and the accuracy stays unknown. Returns false on failure.
    Q_INVOKABLE bool useNmeaReplay(const QString& fileOrUrl,
        double userEquivalentRangeErrorM = std::numeric_limits<double>::quiet_NaN());
    /// Uses the platform's default positioning source. Returns false when there is none.
    Q_INVOKABLE bool useSystemSource();
    /// Starts continuous updates (uses the default replay or else the system source if none
    /// was chosen).
    Q_INVOKABLE void start();
    /// Stops updates.
    Q_INVOKABLE void stop();
    /// NMEA log that start() replays when no source was chosen (the demo's `--gps-replay`).
    static void setDefaultReplay(const QString& fileOrUrl);
    /// Sets the enterprise's registered location in one call.
    Q_INVOKABLE void setEnterpriseLocation(double latitude, double longitude);
    /// The current fix as the position map controllers take ({lat, lon, accuracyM, fixTime,
    /// source, lowAccuracy, farFromEnterprise, distanceM}); empty without a fix.
    Q_INVOKABLE QVariantMap fixMap() const;

    /// Pure evaluation of the warnings for a raw fix; exposed for tests and controllers.
    static PositionFix evaluate(const QGeoPositionInfo& info, const QString& source,
        double enterpriseLat, double enterpriseLon);

    PositionFix fix() const { return m_fix; }
    bool hasFix() const { return m_fix.isValid(); }
    double latitude() const { return m_fix.latitude; }
    double longitude() const { return m_fix.longitude; }
    double accuracyM() const { return m_fix.accuracyM; }
    bool accuracyKnown() const { return !std::isnan(m_fix.accuracyM); }
    QDateTime fixTime() const { return m_fix.fixTime; }
    QString sourceName() const;
    bool lowAccuracy() const { return m_fix.lowAccuracy; }
    bool farFromEnterprise() const { return m_fix.farFromEnterprise; }
    double maxAccuracyM() const { return core::rules::MaxFixAccuracyM; }
    double maxDistanceM() const { return core::rules::MaxDistanceFromEnterpriseM; }
    double distanceToEnterpriseM() const { return m_fix.distanceToEnterpriseM; }
    double enterpriseLatitude() const { return m_enterpriseLat; }
    double enterpriseLongitude() const { return m_enterpriseLon; }
    void setEnterpriseLatitude(double value);
    void setEnterpriseLongitude(double value);
    bool active() const { return m_active; }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void fixChanged();
    void sourceChanged();
    void enterpriseLocationChanged();
    void activeChanged();
    void lastErrorChanged();
    /// Emitted with a readable message when the source fails.
    void errorOccurred(const QString& message);

private:
    void adopt(QGeoPositionInfoSource* source);
    void onPosition(const QGeoPositionInfo& info);
    void setError(const QString& message);
    void setActive(bool value);

    QPointer<QGeoPositionInfoSource> m_source;
    PositionFix m_fix;
    double m_enterpriseLat = std::numeric_limits<double>::quiet_NaN();
    double m_enterpriseLon = std::numeric_limits<double>::quiet_NaN();
    bool m_active = false;
    QString m_lastError;
};

} // namespace safeloop::app
