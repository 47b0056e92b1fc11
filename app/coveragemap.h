#pragma once

#include "csvtable.h"
#include "devicestore.h"

#include "core/metrics.h"

#include <QColor>
#include <QPointer>
#include <QPolygonF>
#include <QQuickPaintedItem>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// 地图: every enterprise of the district at its coordinates, drawn from the district data on
/// the device with no map tiles (the map works offline). A marker says what it stands for by
/// colour and by shape: covered in the period (circle), not covered (square), a major hazard
/// open on the period's last day (triangle, whatever the coverage). Each street's enterprises
/// are outlined by their convex hull — the register holds no street boundaries.
///
/// The whole map is one painted scene-graph item the size of the view (not a delegate per
/// enterprise, and not a texture the size of the zoomed district): it fits the district into
/// its size with a margin, and zoomAt()/panBy() move the view over it; markers keep their
/// size on screen and only those in view are drawn. A QPainter item rather than custom
/// geometry nodes, because the software scene graph (offscreen pictures, machines without
/// OpenGL) draws no custom geometry. Figures come from core's coverage read model
/// (LocalStore::coverageMap, docs/metrics.md), so a marker and the overview's coverage figure
/// cannot disagree.
class CoverageMap : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)
    /// "year" (default), "quarter" or "month": the calendar period holding today; "custom":
    /// the days given to setCustomPeriod().
    Q_PROPERTY(QString periodKind READ periodKind WRITE setPeriodKind NOTIFY periodKindChanged)
    /// A marker's width on screen, in pixels.
    Q_PROPERTY(qreal markerSize READ markerSize WRITE setMarkerSize NOTIFY appearanceChanged)
    Q_PROPERTY(QColor coveredColor MEMBER m_coveredColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor notCoveredColor MEMBER m_notCoveredColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor openMajorColor MEMBER m_openMajorColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor outlineColor MEMBER m_outlineColor NOTIFY appearanceChanged)
    /// Enterprises on the map by marker, and those the register has no coordinates for.
    Q_PROPERTY(int coveredCount READ coveredCount NOTIFY loaded)
    Q_PROPERTY(int notCoveredCount READ notCoveredCount NOTIFY loaded)
    Q_PROPERTY(int openMajorCount READ openMajorCount NOTIFY loaded)
    Q_PROPERTY(int unlocatedCount READ unlocatedCount NOTIFY loaded)
    /// Street names and where to write them (centred under the street's enterprises), in
    /// item coordinates: {name, x, y}.
    Q_PROPERTY(QVariantList streetLabels READ streetLabels NOTIFY layoutChanged)
    /// 1 shows the whole district; up to 40.
    Q_PROPERTY(qreal zoom READ zoom NOTIFY layoutChanged)

public:
    enum class Marker { Covered, NotCovered, OpenMajor };
    Q_ENUM(Marker)

    explicit CoverageMap(QQuickItem* parent = nullptr);

    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    QString periodKind() const { return m_choice.kind(); }
    void setPeriodKind(const QString& kind);
    qreal markerSize() const { return m_markerSize; }
    void setMarkerSize(qreal size);
    int coveredCount() const { return m_counts[0]; }
    int notCoveredCount() const { return m_counts[1]; }
    int openMajorCount() const { return m_counts[2]; }
    int unlocatedCount() const { return m_unlocated; }
    QVariantList streetLabels() const { return m_labels; }
    qreal zoom() const { return m_zoom; }

    static constexpr qreal MaxZoom = 40;

    /// Shows the days `from` … `to` (ISO dates; periodKind becomes "custom"). False, and
    /// nothing changes, when either is not a date or `from` is after `to`.
    Q_INVOKABLE bool setCustomPeriod(const QString& from, const QString& to);
    /// Zooms by `factor` keeping the point under (x, y) where it is.
    Q_INVOKABLE void zoomAt(qreal factor, qreal x, qreal y);
    /// Moves the view so that the map follows a drag by (dx, dy).
    Q_INVOKABLE void panBy(qreal dx, qreal dy);
    /// The whole district again.
    Q_INVOKABLE void resetView();

    /// The enterprise whose marker is nearest to (x, y) within a finger's reach, or "".
    Q_INVOKABLE QString enterpriseAt(qreal x, qreal y) const;
    /// Where the enterprise's marker is drawn; (-1, -1) when it is not on the map.
    Q_INVOKABLE QPointF positionOf(const QString& enterpriseId) const;
    /// The enterprise's marker (a Marker value), or -1 when it is not on the map.
    Q_INVOKABLE int markerOf(const QString& enterpriseId) const;
    /// The enterprises drawn on the map as a table: name, street, risk grade and what its
    /// marker says (有重大隐患未销号 / 已检查 / 未检查, as the legend), ordered by name.
    CsvTable table() const;
    /// Writes table() to `path` (a local path or file:// URL); the local path written, or empty
    /// and nothing written when it cannot be written.
    Q_INVOKABLE QString exportCsv(const QString& path) const;

    static Marker markerFor(const core::metrics::MapPoint& point);

    void paint(QPainter* painter) override;

Q_SIGNALS:
    void storeChanged();
    void periodKindChanged();
    void appearanceChanged();
    void loaded();
    void layoutChanged();

protected:
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;

private:
    void reload();
    void layout();
    /// A point of the fitted district in item coordinates under the current view.
    QPointF toView(QPointF fitted) const;
    void viewChanged();

    QPointer<DeviceStore> m_store;
    core::metrics::PeriodChoice m_choice;
    qreal m_markerSize = 10;
    QColor m_coveredColor { 0x2e, 0x7d, 0x32 };
    QColor m_notCoveredColor { 0x9e, 0x9e, 0x9e };
    QColor m_openMajorColor { 0xc6, 0x28, 0x28 };
    QColor m_outlineColor { 0x78, 0x90, 0x9c };
    QList<core::metrics::MapPoint> m_points; ///< located ones, ordered by id
    QList<QPointF> m_positions; ///< m_points' markers, fitted to the item at zoom 1
    QList<QPolygonF> m_outlines; ///< one closed hull per street with three or more points
    QList<std::pair<QString, QPointF>> m_streetAnchors; ///< fitted, under each street
    QVariantList m_labels;
    qreal m_zoom = 1;
    QPointF m_centre; ///< the fitted point shown at the item's centre
    int m_counts[3] = { 0, 0, 0 };
    int m_unlocated = 0;
};

} // namespace safeloop::app
