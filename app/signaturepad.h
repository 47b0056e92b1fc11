#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QPointF>
#include <QQuickPaintedItem>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// Handwritten signature capture: records pen strokes from mouse, touch or stylus input and
/// exports them as a PNG (black ink) identified by its SHA-256, ready for the attachment store.
class SignaturePad : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    /// True while nothing has been drawn.
    Q_PROPERTY(bool isEmpty READ isEmpty NOTIFY strokesChanged)
    /// Number of pen strokes drawn so far.
    Q_PROPERTY(int strokeCount READ strokeCount NOTIFY strokesChanged)
    /// Ink colour shown and exported.
    Q_PROPERTY(QColor inkColor READ inkColor WRITE setInkColor NOTIFY inkColorChanged)
    /// Pen width in device-independent pixels.
    Q_PROPERTY(qreal penWidth READ penWidth WRITE setPenWidth NOTIFY penWidthChanged)
    /// Export with a transparent instead of a white background.
    Q_PROPERTY(bool transparentBackground READ transparentBackground WRITE setTransparentBackground
            NOTIFY transparentBackgroundChanged)

public:
    explicit SignaturePad(QQuickItem* parent = nullptr);

    void paint(QPainter* painter) override;

    bool isEmpty() const { return m_strokes.isEmpty(); }
    int strokeCount() const { return static_cast<int>(m_strokes.size()); }
    QColor inkColor() const { return m_ink; }
    void setInkColor(const QColor& color);
    qreal penWidth() const { return m_penWidth; }
    void setPenWidth(qreal width);
    bool transparentBackground() const { return m_transparent; }
    void setTransparentBackground(bool value);

    /// Removes every stroke.
    Q_INVOKABLE void clear();
    /// Adds a stroke from a list of points ({x, y} or QPointF), e.g. for replaying a signature.
    Q_INVOKABLE void addStroke(const QVariantList& points);
    /// The signature rendered at the item's size (at least 1×1).
    Q_INVOKABLE QImage toImage() const;
    /// The signature as PNG bytes; empty when nothing was drawn.
    Q_INVOKABLE QByteArray toPng() const;
    /// Writes the PNG to `filePath`. Returns {ok, sha256, size, path} or {ok: false, error}.
    Q_INVOKABLE QVariantMap savePng(const QString& filePath) const;

    /// Lower-case hex SHA-256 of `bytes` (the attachment id).
    static QString sha256Hex(const QByteArray& bytes);

Q_SIGNALS:
    void strokesChanged();
    void inkColorChanged();
    void penWidthChanged();
    void transparentBackgroundChanged();

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void touchEvent(QTouchEvent* event) override;

private:
    void beginStroke(QPointF point);
    void extendStroke(QPointF point);
    void drawStrokes(QPainter* painter) const;

    QList<QList<QPointF>> m_strokes;
    bool m_drawing = false;
    QColor m_ink = Qt::black;
    qreal m_penWidth = 3.0;
    bool m_transparent = false;
};

} // namespace safeloop::app
