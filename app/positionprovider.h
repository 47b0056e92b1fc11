#pragma once

#include "core/domain.h"
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

/// One evidence-grade location fix as recorded with inspections, hazards and photos, with
/// SafeLoop's location warnings. QML reads it as the value type `positionFix`
/// (`position.fix.latitude`, `detail.location.accuracyKnown`); the default value (NaN
/// coordinates) is "no fix".
struct PositionFix {
    Q_GADGET
    QML_VALUE_TYPE(positionFix)
    /// Latitude and longitude in degrees (WGS-84); NaN without a fix.
    Q_PROPERTY(double latitude MEMBER latitude)
    Q_PROPERTY(double longitude MEMBER longitude)
    /// Horizontal accuracy in metres; NaN means "unknown", never "perfect".
    Q_PROPERTY(double accuracyM MEMBER accuracyM)
    /// UTC time of the fix.
    Q_PROPERTY(QDateTime fixTime MEMBER fixTime)
    /// The positioning source that produced it (e.g. "nmea").
    Q_PROPERTY(QString source MEMBER source)
    /// Accuracy known and worse than core::rules::MaxFixAccuracyM.
    Q_PROPERTY(bool lowAccuracy MEMBER lowAccuracy)
    /// Metres to the enterprise's registered location; NaN when that is unknown.
    Q_PROPERTY(double distanceToEnterpriseM MEMBER distanceToEnterpriseM)
    /// More than core::rules::MaxDistanceFromEnterpriseM from the enterprise.
    Q_PROPERTY(bool farFromEnterprise MEMBER farFromEnterprise)
    /// A fix at all (both coordinates known).
    Q_PROPERTY(bool valid READ isValid)
    /// The accuracy is known (show "精度未知", never "0 米", otherwise).
    Q_PROPERTY(bool accuracyKnown READ accuracyKnown)
    /// distanceToEnterpriseM is known.
    Q_PROPERTY(bool distanceKnown READ distanceKnown)

public:
    double latitude = std::numeric_limits<double>::quiet_NaN();
    double longitude = std::numeric_limits<double>::quiet_NaN();
    double accuracyM = std::numeric_limits<double>::quiet_NaN();
    QDateTime fixTime; ///< UTC
    QString source; ///< positioning plugin name, e.g. "nmea"
    bool lowAccuracy = false;
    double distanceToEnterpriseM = std::numeric_limits<double>::quiet_NaN();
    bool farFromEnterprise = false;

    bool isValid() const { return !std::isnan(latitude) && !std::isnan(longitude); }
    bool accuracyKnown() const { return !std::isnan(accuracyM); }
    bool distanceKnown() const { return !std::isnan(distanceToEnterpriseM); }
    /// The map controllers take as a photo's or a hazard's location (locationFromMap():
    /// lat, lon, accuracyM, fixTime, source, lowAccuracy, farFromEnterprise, distanceM);
    /// empty without a fix.
    QVariantMap toMap() const;
    /// The fix stored with a record (core::Location), its warnings from the stored flags or,
    /// where the record has none, from the rules and the enterprise's registered position
    /// (`enterpriseLat`/`enterpriseLon`, NaN = unknown).
    static PositionFix fromLocation(
        const core::Location& location, double enterpriseLat, double enterpriseLon);
};

/// Wraps a QGeoPositionInfoSource (system default, or an NMEA log replay for tests and the
/// demo) and turns its updates into PositionFix values with SafeLoop's location warnings.
/// The warnings are recorded with the fix; they never stop the inspector.
class PositionProvider : public QObject {
    Q_OBJECT
    QML_ELEMENT
    /// True once a fix arrived.
    Q_PROPERTY(bool hasFix READ hasFix NOTIFY fixChanged)
    /// The latest fix with its warnings (invalid before the first one).
    Q_PROPERTY(safeloop::app::PositionFix fix READ fix NOTIFY fixChanged)
    /// Name of the positioning source that produced the fix.
    Q_PROPERTY(QString sourceName READ sourceName NOTIFY sourceChanged)
    /// The source in the user's words: 定位回放 (a replayed NMEA log), 卫星定位 (a satellite
    /// receiver speaking NMEA) or 系统定位 (the platform's service); empty without a source.
    Q_PROPERTY(QString sourceLabel READ sourceLabel NOTIFY sourceChanged)
    /// Accuracy in metres beyond which a fix is flagged (core::rules::MaxFixAccuracyM, 50).
    Q_PROPERTY(double maxAccuracyM READ maxAccuracyM CONSTANT)
    /// Distance in metres from the enterprise beyond which a fix is flagged
    /// (core::rules::MaxDistanceFromEnterpriseM, 500).
    Q_PROPERTY(double maxDistanceM READ maxDistanceM CONSTANT)
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
    /// The current fix as the position map controllers take (PositionFix::toMap()); empty
    /// without a fix.
    Q_INVOKABLE QVariantMap fixMap() const { return m_fix.toMap(); }

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
    QString sourceLabel() const;
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
    /// Takes `source` in place of the current one; `replay` when it replays a recorded log.
    void adopt(QGeoPositionInfoSource* source, bool replay);
    void onPosition(const QGeoPositionInfo& info);
    void setError(const QString& message);
    void setActive(bool value);

    QPointer<QGeoPositionInfoSource> m_source;
    PositionFix m_fix;
    double m_enterpriseLat = std::numeric_limits<double>::quiet_NaN();
    double m_enterpriseLon = std::numeric_limits<double>::quiet_NaN();
    bool m_active = false;
    /// The source replays a recorded NMEA log (useNmeaReplay).
    bool m_replay = false;
    QString m_lastError;
};

} // namespace safeloop::app
