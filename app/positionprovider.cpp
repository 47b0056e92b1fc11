#include "positionprovider.h"

#include "core/geo.h"

#include <QFileInfo>
#include <QGeoPositionInfoSource>
#include <QLoggingCategory>
#include <QNmeaPositionInfoSource>
#include <QUrl>
#include <QVariantMap>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPosition, "safeloop.app.position")

namespace safeloop::app {

namespace {
QString g_defaultReplay;
} // namespace

void PositionProvider::setDefaultReplay(const QString& fileOrUrl)
{
    g_defaultReplay = fileOrUrl;
}

PositionProvider::PositionProvider(QObject* parent)
    : QObject(parent)
{
}

PositionProvider::~PositionProvider() = default;

bool PositionProvider::useNmeaReplay(const QString& fileOrUrl, double userEquivalentRangeErrorM)
{
    const QUrl url = fileOrUrl.startsWith(u"file:"_s) || fileOrUrl.startsWith(u"qrc:"_s)
        ? QUrl(fileOrUrl)
        : QUrl::fromLocalFile(QFileInfo(fileOrUrl).absoluteFilePath());
    if (url.isLocalFile() && !QFileInfo::exists(url.toLocalFile())) {
        setError(tr("找不到定位回放文件：%1").arg(url.toLocalFile()));
        return false;
    }
    QVariantMap parameters;
    parameters.insert(u"nmea.source"_s, url.toString());
    auto* source = QGeoPositionInfoSource::createSource(u"nmea"_s, parameters, this);
    if (!source) {
        setError(tr("无法打开定位回放"));
        return false;
    }
    // Without a UERE the NMEA source reports no horizontal accuracy at all.
    if (!std::isnan(userEquivalentRangeErrorM)) {
        if (auto* nmea = qobject_cast<QNmeaPositionInfoSource*>(source))
            nmea->setUserEquivalentRangeError(userEquivalentRangeErrorM);
    }
    adopt(source, true);
    return true;
}

bool PositionProvider::useSystemSource()
{
    auto* source = QGeoPositionInfoSource::createDefaultSource(this);
    if (!source) {
        setError(tr("本设备没有可用的定位服务"));
        return false;
    }
    adopt(source, false);
    return true;
}

void PositionProvider::adopt(QGeoPositionInfoSource* source, bool replay)
{
    if (m_source) {
        m_source->stopUpdates();
        m_source->deleteLater();
    }
    m_source = source;
    m_replay = replay;
    connect(source, &QGeoPositionInfoSource::positionUpdated, this, &PositionProvider::onPosition);
    connect(source, &QGeoPositionInfoSource::errorOccurred, this,
        [this](QGeoPositionInfoSource::Error error) {
            if (error == QGeoPositionInfoSource::NoError)
                return;
            setError(error == QGeoPositionInfoSource::AccessError ? tr("没有定位权限")
                                                                  : tr("定位失败，请到开阔处再试"));
        });
    setActive(false);
    Q_EMIT sourceChanged();
}

void PositionProvider::start()
{
    if (!m_source) {
        const bool ready
            = g_defaultReplay.isEmpty() ? useSystemSource() : useNmeaReplay(g_defaultReplay, 5.0);
        if (!ready)
            return;
    }
    m_source->startUpdates();
    setActive(true);
}

void PositionProvider::stop()
{
    if (m_source)
        m_source->stopUpdates();
    setActive(false);
}

QVariantMap PositionFix::toMap() const
{
    if (!isValid())
        return {};
    return { { u"lat"_s, latitude }, { u"lon"_s, longitude }, { u"accuracyM"_s, accuracyM },
        { u"fixTime"_s, fixTime }, { u"source"_s, source }, { u"lowAccuracy"_s, lowAccuracy },
        { u"farFromEnterprise"_s, farFromEnterprise }, { u"distanceM"_s, distanceToEnterpriseM } };
}

PositionFix PositionFix::fromLocation(
    const core::Location& l, double enterpriseLat, double enterpriseLon)
{
    PositionFix fix;
    fix.latitude = l.lat;
    fix.longitude = l.lon;
    fix.accuracyM = l.accuracyM.value_or(std::numeric_limits<double>::quiet_NaN());
    fix.fixTime = core::parseTimestamp(l.fixTime).value_or(QDateTime());
    fix.source = l.source;
    fix.distanceToEnterpriseM = l.distanceM.value_or(std::numeric_limits<double>::quiet_NaN());
    if (std::isnan(fix.distanceToEnterpriseM) && !std::isnan(enterpriseLat)
        && !std::isnan(enterpriseLon))
        fix.distanceToEnterpriseM
            = core::distanceMeters(l.lat, l.lon, enterpriseLat, enterpriseLon);
    // NaN compares false: an unknown accuracy or distance raises no warning of its own.
    fix.lowAccuracy = l.flags.contains(u"accuracy_worse_than_50m"_s)
        || fix.accuracyM > core::rules::MaxFixAccuracyM;
    fix.farFromEnterprise = l.flags.contains(u"far_from_enterprise"_s)
        || fix.distanceToEnterpriseM > core::rules::MaxDistanceFromEnterpriseM;
    return fix;
}

void PositionProvider::setEnterpriseLocation(double latitude, double longitude)
{
    m_enterpriseLat = latitude;
    m_enterpriseLon = longitude;
    Q_EMIT enterpriseLocationChanged();
}

void PositionProvider::setEnterpriseLatitude(double value)
{
    m_enterpriseLat = value;
    Q_EMIT enterpriseLocationChanged();
}

void PositionProvider::setEnterpriseLongitude(double value)
{
    m_enterpriseLon = value;
    Q_EMIT enterpriseLocationChanged();
}

QString PositionProvider::sourceName() const
{
    return m_source ? m_source->sourceName() : QString();
}

QString PositionProvider::sourceLabel() const
{
    if (!m_source)
        return {};
    if (m_replay)
        return tr("定位回放");
    if (m_source->sourceName() == u"nmea"_s)
        return tr("卫星定位");
    return tr("系统定位");
}

PositionFix PositionProvider::evaluate(
    const QGeoPositionInfo& info, const QString& source, double enterpriseLat, double enterpriseLon)
{
    PositionFix fix;
    if (!info.isValid())
        return fix;
    fix.latitude = info.coordinate().latitude();
    fix.longitude = info.coordinate().longitude();
    fix.fixTime = info.timestamp().toUTC();
    fix.source = source;
    if (info.hasAttribute(QGeoPositionInfo::HorizontalAccuracy))
        fix.accuracyM = info.attribute(QGeoPositionInfo::HorizontalAccuracy);
    // NaN compares false, so an unknown accuracy never counts as good or bad.
    fix.lowAccuracy = !std::isnan(fix.accuracyM) && fix.accuracyM > core::rules::MaxFixAccuracyM;
    if (!std::isnan(enterpriseLat) && !std::isnan(enterpriseLon)) {
        fix.distanceToEnterpriseM
            = core::distanceMeters(fix.latitude, fix.longitude, enterpriseLat, enterpriseLon);
        fix.farFromEnterprise = fix.distanceToEnterpriseM > core::rules::MaxDistanceFromEnterpriseM;
    }
    return fix;
}

void PositionProvider::onPosition(const QGeoPositionInfo& info)
{
    const PositionFix fix = evaluate(info, sourceName(), m_enterpriseLat, m_enterpriseLon);
    if (!fix.isValid())
        return;
    m_fix = fix;
    if (!m_lastError.isEmpty()) {
        m_lastError.clear();
        Q_EMIT lastErrorChanged();
    }
    Q_EMIT fixChanged();
}

void PositionProvider::setError(const QString& message)
{
    qCWarning(lcPosition) << "positioning problem:" << message;
    m_lastError = message;
    Q_EMIT lastErrorChanged();
    Q_EMIT errorOccurred(message);
}

void PositionProvider::setActive(bool value)
{
    if (m_active == value)
        return;
    m_active = value;
    Q_EMIT activeChanged();
}

} // namespace safeloop::app
