#include "coveragemap.h"

#include "periodbinding.h"
#include "storebinding.h"

#include <QMap>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

namespace metrics = core::metrics;

double cross(const QPointF& o, const QPointF& a, const QPointF& b)
{
    return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
}

/// The convex hull of `points`, counter-clockwise, by the monotone chain; fewer than three
/// distinct points give what there is.
QPolygonF convexHull(QList<QPointF> points)
{
    std::sort(points.begin(), points.end(), [](const QPointF& a, const QPointF& b) {
        return a.x() < b.x() || (a.x() == b.x() && a.y() < b.y());
    });
    points.erase(std::unique(points.begin(), points.end()), points.end());
    if (points.size() < 3)
        return QPolygonF(points);
    QList<QPointF> hull(2 * points.size());
    qsizetype k = 0;
    for (const auto& p : points) { // lower chain
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0)
            --k;
        hull[k++] = p;
    }
    for (qsizetype i = points.size() - 2, lower = k + 1; i >= 0; --i) { // upper chain
        while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0)
            --k;
        hull[k++] = points[i];
    }
    hull.resize(k - 1); // the last point is the first again
    return QPolygonF(hull);
}

/// The outline of one marker centred at `c` with width `size`: a circle, a square, or a
/// triangle pointing up (a little larger, so that its area matches the others').
QPainterPath markerPath(CoverageMap::Marker marker, QPointF c, qreal size)
{
    QPainterPath path;
    const qreal h = size / 2;
    switch (marker) {
    case CoverageMap::Marker::Covered:
        path.addEllipse(c, h, h);
        break;
    case CoverageMap::Marker::NotCovered:
        path.addRect(QRectF(c.x() - h, c.y() - h, size, size));
        break;
    case CoverageMap::Marker::OpenMajor: {
        const qreal t = h * 1.35;
        path.moveTo(c.x(), c.y() - t);
        path.lineTo(c.x() + t, c.y() + t * 0.8);
        path.lineTo(c.x() - t, c.y() + t * 0.8);
        path.closeSubpath();
        break;
    }
    }
    return path;
}

} // namespace

CoverageMap::CoverageMap(QQuickItem* parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
    followStore(this, m_store, &CoverageMap::reload);
    connect(this, &CoverageMap::appearanceChanged, this, &QQuickItem::update);
    reload();
}

DeviceStore* CoverageMap::store() const
{
    return boundStore(m_store);
}

void CoverageMap::setStore(DeviceStore* s)
{
    if (!rebindStore(this, m_store, s, &CoverageMap::reload))
        return;
    Q_EMIT storeChanged();
    reload();
}

void CoverageMap::setPeriodKind(const QString& kind)
{
    choosePeriodKind(this, m_choice, kind, &CoverageMap::reload);
}

bool CoverageMap::setCustomPeriod(const QString& from, const QString& to)
{
    return chooseCustomPeriod(this, m_choice, from, to, &CoverageMap::reload);
}

void CoverageMap::setMarkerSize(qreal size)
{
    if (qFuzzyCompare(size, m_markerSize) || size <= 0)
        return;
    m_markerSize = size;
    Q_EMIT appearanceChanged();
}

CoverageMap::Marker CoverageMap::markerFor(const metrics::MapPoint& point)
{
    if (point.openMajor)
        return Marker::OpenMajor;
    return point.covered ? Marker::Covered : Marker::NotCovered;
}

void CoverageMap::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QDate today = s->today();
    const metrics::Period period = m_choice.periodFor(today);
    s->run<std::optional<QList<metrics::MapPoint>>>(
        this,
        [period, today](core::LocalStore& st) -> std::optional<QList<metrics::MapPoint>> {
            auto points = st.coverageMap(period, today);
            if (!points)
                return std::nullopt;
            return *points;
        },
        [this](const std::optional<QList<metrics::MapPoint>>& points) {
            if (!points)
                return;
            m_points.clear();
            m_unlocated = 0;
            std::fill(std::begin(m_counts), std::end(m_counts), 0);
            for (const auto& p : *points) {
                if (!p.located) {
                    ++m_unlocated;
                    continue;
                }
                m_points.append(p);
                ++m_counts[static_cast<int>(markerFor(p))];
            }
            layout();
            Q_EMIT loaded();
        });
}

void CoverageMap::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        layout();
}

void CoverageMap::layout()
{
    m_positions.clear();
    m_outlines.clear();
    m_streetAnchors.clear();
    m_centre = QPointF(width() / 2, height() / 2);
    m_zoom = 1;
    if (!m_points.isEmpty() && width() > 0 && height() > 0) {
        // Equirectangular around the district's middle latitude: at a district's size the
        // distortion is far below a marker's width.
        double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
        for (const auto& p : std::as_const(m_points)) {
            minLat = std::min(minLat, p.lat), maxLat = std::max(maxLat, p.lat);
            minLon = std::min(minLon, p.lon), maxLon = std::max(maxLon, p.lon);
        }
        const double kx = std::cos((minLat + maxLat) / 2 * std::numbers::pi / 180);
        const double spanX = std::max((maxLon - minLon) * kx, 1e-3);
        const double spanY = std::max(maxLat - minLat, 1e-3);
        const double margin = m_markerSize * 2;
        const double scale = std::max(
            0.0, std::min((width() - 2 * margin) / spanX, (height() - 2 * margin) / spanY));
        const double midLon = (minLon + maxLon) / 2, midLat = (minLat + maxLat) / 2;
        QMap<QString, QList<QPointF>> byStreet;
        for (const auto& p : std::as_const(m_points)) {
            const QPointF xy(width() / 2 + (p.lon - midLon) * kx * scale,
                height() / 2 - (p.lat - midLat) * scale);
            m_positions.append(xy);
            if (!p.street.isEmpty())
                byStreet[p.street].append(xy);
        }
        for (auto it = byStreet.cbegin(); it != byStreet.cend(); ++it) {
            const QPolygonF hull = convexHull(it.value());
            if (hull.size() >= 3)
                m_outlines.append(hull);
            // The name goes under the street's lowest marker, never over a marker of its own.
            double sumX = 0, maxY = 0;
            for (const auto& xy : it.value())
                sumX += xy.x(), maxY = std::max(maxY, xy.y());
            m_streetAnchors.append({ it.key(), QPointF(sumX / double(it.value().size()), maxY) });
        }
    }
    viewChanged();
}

QPointF CoverageMap::toView(QPointF fitted) const
{
    return (fitted - m_centre) * m_zoom + QPointF(width() / 2, height() / 2);
}

void CoverageMap::viewChanged()
{
    m_labels.clear();
    for (const auto& [name, anchor] : std::as_const(m_streetAnchors)) {
        const QPointF at = toView(anchor);
        m_labels.append(QVariantMap { { u"name"_s, name }, { u"x"_s, at.x() },
            { u"y"_s, std::min(at.y() + m_markerSize * 1.5, height() - m_markerSize) } });
    }
    Q_EMIT layoutChanged();
    update();
}

void CoverageMap::zoomAt(qreal factor, qreal x, qreal y)
{
    const qreal next = std::clamp(m_zoom * factor, qreal(1), MaxZoom);
    if (qFuzzyCompare(next, m_zoom))
        return;
    // The fitted point under (x, y) stays under it.
    const QPointF under = m_centre + (QPointF(x, y) - QPointF(width() / 2, height() / 2)) / m_zoom;
    m_zoom = next;
    m_centre = under - (QPointF(x, y) - QPointF(width() / 2, height() / 2)) / m_zoom;
    if (qFuzzyCompare(m_zoom, qreal(1)))
        m_centre = QPointF(width() / 2, height() / 2);
    viewChanged();
}

void CoverageMap::panBy(qreal dx, qreal dy)
{
    if (m_zoom <= 1)
        return; // the whole district is in view
    // The view's centre stays over the district.
    m_centre = QPointF(std::clamp(m_centre.x() - dx / m_zoom, qreal(0), width()),
        std::clamp(m_centre.y() - dy / m_zoom, qreal(0), height()));
    viewChanged();
}

void CoverageMap::resetView()
{
    m_zoom = 1;
    m_centre = QPointF(width() / 2, height() / 2);
    viewChanged();
}

QString CoverageMap::enterpriseAt(qreal x, qreal y) const
{
    const double reach = std::max<double>(m_markerSize, 16);
    double best = std::numeric_limits<double>::max();
    QString found;
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        const QPointF at = toView(m_positions[i]);
        const double distance = std::hypot(at.x() - x, at.y() - y);
        if (distance <= reach && distance < best) {
            best = distance;
            found = m_points[i].enterpriseId;
        }
    }
    return found;
}

QPointF CoverageMap::positionOf(const QString& enterpriseId) const
{
    for (qsizetype i = 0; i < m_positions.size(); ++i)
        if (m_points[i].enterpriseId == enterpriseId)
            return toView(m_positions[i]);
    return { -1, -1 };
}

int CoverageMap::markerOf(const QString& enterpriseId) const
{
    for (qsizetype i = 0; i < m_positions.size(); ++i)
        if (m_points[i].enterpriseId == enterpriseId)
            return static_cast<int>(markerFor(m_points[i]));
    return -1;
}

void CoverageMap::paint(QPainter* painter)
{
    painter->setRenderHint(QPainter::Antialiasing);
    // Street outlines first, markers over them.
    painter->setPen(QPen(m_outlineColor, 1.5, Qt::DashLine));
    painter->setBrush(Qt::NoBrush);
    for (const auto& hull : std::as_const(m_outlines)) {
        QPolygonF onScreen;
        for (const auto& p : hull)
            onScreen << toView(p);
        painter->drawPolygon(onScreen);
    }
    // Markers by kind, open major hazards last (on top); only those in view.
    const QColor colours[3] = { m_coveredColor, m_notCoveredColor, m_openMajorColor };
    const QRectF view
        = boundingRect().adjusted(-m_markerSize, -m_markerSize, m_markerSize, m_markerSize);
    painter->setPen(QPen(Qt::white, 1));
    for (const Marker marker : { Marker::Covered, Marker::NotCovered, Marker::OpenMajor }) {
        QPainterPath all;
        all.setFillRule(Qt::WindingFill);
        for (qsizetype i = 0; i < m_points.size(); ++i) {
            const QPointF at = toView(m_positions[i]);
            if (markerFor(m_points[i]) == marker && view.contains(at))
                all.addPath(markerPath(marker, at, m_markerSize));
        }
        painter->setBrush(colours[static_cast<int>(marker)]);
        painter->drawPath(all);
    }
}

} // namespace safeloop::app
