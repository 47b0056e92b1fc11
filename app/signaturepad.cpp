#include "signaturepad.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace safeloop::app {

SignaturePad::SignaturePad(QQuickItem* parent)
    : QQuickPaintedItem(parent)
{
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptTouchEvents(true);
    setAntialiasing(true);
}

void SignaturePad::paint(QPainter* painter)
{
    drawStrokes(painter);
}

void SignaturePad::drawStrokes(QPainter* painter) const
{
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(m_ink, m_penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    for (const auto& stroke : m_strokes) {
        if (stroke.size() == 1) {
            painter->drawPoint(stroke.constFirst());
            continue;
        }
        QPainterPath path(stroke.constFirst());
        for (qsizetype i = 1; i < stroke.size(); ++i)
            path.lineTo(stroke.at(i));
        painter->drawPath(path);
    }
}

void SignaturePad::setInkColor(const QColor& color)
{
    if (m_ink == color)
        return;
    m_ink = color;
    Q_EMIT inkColorChanged();
    update();
}

void SignaturePad::setPenWidth(qreal width)
{
    if (qFuzzyCompare(m_penWidth, width) || width <= 0)
        return;
    m_penWidth = width;
    Q_EMIT penWidthChanged();
    update();
}

void SignaturePad::setTransparentBackground(bool value)
{
    if (m_transparent == value)
        return;
    m_transparent = value;
    Q_EMIT transparentBackgroundChanged();
}

void SignaturePad::clear()
{
    if (m_strokes.isEmpty())
        return;
    m_strokes.clear();
    m_drawing = false;
    Q_EMIT strokesChanged();
    update();
}

void SignaturePad::addStroke(const QVariantList& points)
{
    QList<QPointF> stroke;
    for (const QVariant& v : points) {
        if (v.canConvert<QPointF>() && v.typeId() != QMetaType::QVariantMap) {
            stroke.append(v.toPointF());
        } else {
            const QVariantMap m = v.toMap();
            stroke.append(QPointF(m.value(u"x"_s).toReal(), m.value(u"y"_s).toReal()));
        }
    }
    if (stroke.isEmpty())
        return;
    m_strokes.append(stroke);
    Q_EMIT strokesChanged();
    update();
}

void SignaturePad::beginStroke(QPointF point)
{
    m_drawing = true;
    m_strokes.append({ point });
    Q_EMIT strokesChanged();
    update();
}

void SignaturePad::extendStroke(QPointF point)
{
    if (!m_drawing || m_strokes.isEmpty())
        return;
    m_strokes.last().append(point);
    update();
}

void SignaturePad::mousePressEvent(QMouseEvent* event)
{
    beginStroke(event->position());
    event->accept();
}

void SignaturePad::mouseMoveEvent(QMouseEvent* event)
{
    extendStroke(event->position());
    event->accept();
}

void SignaturePad::mouseReleaseEvent(QMouseEvent* event)
{
    extendStroke(event->position());
    m_drawing = false;
    event->accept();
}

void SignaturePad::touchEvent(QTouchEvent* event)
{
    if (event->points().isEmpty()) {
        event->ignore();
        return;
    }
    // One finger or stylus signs; further touch points (a resting palm) are ignored.
    const QEventPoint& p = event->points().constFirst();
    switch (p.state()) {
    case QEventPoint::Pressed:
        beginStroke(p.position());
        break;
    case QEventPoint::Updated:
        extendStroke(p.position());
        break;
    case QEventPoint::Released:
        extendStroke(p.position());
        m_drawing = false;
        break;
    default:
        break;
    }
    event->accept();
}

QImage SignaturePad::toImage() const
{
    const int w = std::max(1, static_cast<int>(std::ceil(width())));
    const int h = std::max(1, static_cast<int>(std::ceil(height())));
    QImage image(w, h, QImage::Format_ARGB32);
    image.fill(m_transparent ? QColor(Qt::transparent) : QColor(Qt::white));
    QPainter painter(&image);
    drawStrokes(&painter);
    painter.end();
    return image;
}

QByteArray SignaturePad::toPng() const
{
    if (isEmpty())
        return {};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    toImage().save(&buffer, "PNG");
    return bytes;
}

QVariantMap SignaturePad::savePng(const QString& filePath) const
{
    if (isEmpty())
        return { { u"ok"_s, false }, { u"error"_s, tr("签名为空，请先签名") } };
    if (filePath.isEmpty())
        return { { u"ok"_s, false }, { u"error"_s, tr("没有指定签名图片的保存位置") } };
    const QByteArray png = toPng();
    QDir().mkpath(QFileInfo(filePath).absolutePath());
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(png) != png.size() || !file.commit())
        return { { u"ok"_s, false }, { u"error"_s, tr("无法保存签名图片") } };
    return { { u"ok"_s, true }, { u"sha256"_s, sha256Hex(png) },
        { u"size"_s, static_cast<qlonglong>(png.size()) }, { u"path"_s, filePath } };
}

QString SignaturePad::sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace safeloop::app
