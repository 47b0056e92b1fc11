#include "pdfimageprovider.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QPainter>
#include <QPdfDocument>
#include <QQmlEngine>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

Q_LOGGING_CATEGORY(lcPdf, "safeloop.app.pdf")

/// Opens `path` into `doc`; the refusal readPdf documents otherwise.
core::Result<void> open(QPdfDocument& doc, const QString& path)
{
    if (path.isEmpty() || !QFileInfo(path).isFile())
        return core::makeError(u"pdf_not_found"_s, u"no such file: %1"_s.arg(path));
    switch (doc.load(path)) {
    case QPdfDocument::Error::None:
        break;
    case QPdfDocument::Error::FileNotFound:
        return core::makeError(u"pdf_not_found"_s, u"no such file: %1"_s.arg(path));
    case QPdfDocument::Error::IncorrectPassword:
    case QPdfDocument::Error::UnsupportedSecurityScheme:
        return core::makeError(u"pdf_locked"_s, u"password protected: %1"_s.arg(path));
    default:
        return core::makeError(u"pdf_unreadable"_s, u"not a readable PDF: %1"_s.arg(path));
    }
    if (doc.pageCount() < 1)
        return core::makeError(u"pdf_unreadable"_s, u"no pages: %1"_s.arg(path));
    return {};
}

} // namespace

core::Result<PdfInfo> readPdf(const QString& path)
{
    QPdfDocument doc;
    if (auto r = open(doc, path); !r)
        return r.error();
    PdfInfo info;
    info.pageCount = doc.pageCount();
    for (int i = 0; i < info.pageCount; ++i)
        info.pageSizes.append(doc.pagePointSize(i));
    return info;
}

core::Result<QImage> renderPdfPage(const QString& path, int page, int width)
{
    QPdfDocument doc;
    if (auto r = open(doc, path); !r)
        return r.error();
    if (page < 0 || page >= doc.pageCount())
        return core::makeError(
            u"pdf_no_page"_s, u"page %1 of %2 pages"_s.arg(page + 1).arg(doc.pageCount()));
    const QSizeF points = doc.pagePointSize(page);
    if (points.width() <= 0 || points.height() <= 0)
        return core::makeError(u"pdf_unreadable"_s, u"page %1 has no size"_s.arg(page + 1));
    const int w = std::clamp(width, 1, PdfImageProvider::MaxWidth);
    const int h = std::max(1, static_cast<int>(std::lround(w * points.height() / points.width())));
    const QImage rendered = doc.render(page, QSize(w, h));
    if (rendered.isNull())
        return core::makeError(u"pdf_unreadable"_s, u"page %1 did not render"_s.arg(page + 1));
    // Pdfium leaves the paper transparent; a page is white in every theme.
    QImage out(rendered.size(), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter painter(&out);
    painter.drawImage(0, 0, rendered);
    painter.end();
    return out;
}

PdfImageProvider::PdfImageProvider()
    : QQuickImageProvider(QQuickImageProvider::Image, ForceAsynchronousImageLoading)
{
}

QString PdfImageProvider::providerId()
{
    return u"pdf"_s;
}

QUrl PdfImageProvider::pageUrl(const QString& path, int page, qint64 revision)
{
    // The path travels as base64url: no slash, percent sign or query in it can be misread.
    const QByteArray encoded
        = path.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QUrl(u"image://%1/%2/%3/%4"_s.arg(providerId())
                    .arg(revision)
                    .arg(page)
                    .arg(QString::fromLatin1(encoded)));
}

QImage PdfImageProvider::requestImage(const QString& id, QSize* size, const QSize& requestedSize)
{
    // id = "<revision>/<page>/<base64url path>"; the revision only keeps Qt's cache honest.
    const QStringList parts = id.split(u'/');
    bool pageOk = false;
    const int page = parts.size() == 3 ? parts.at(1).toInt(&pageOk) : -1;
    if (!pageOk) {
        qCWarning(lcPdf) << "malformed pdf image id";
        return {};
    }
    const QString path = QString::fromUtf8(QByteArray::fromBase64(
        parts.at(2).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    int width = requestedSize.width() > 0 ? requestedSize.width() : DefaultWidth;
    if (requestedSize.width() <= 0 && requestedSize.height() > 0) {
        // Only a height asked for: the width that gives it.
        if (auto info = readPdf(path); info && page < info->pageCount) {
            const QSizeF pts = info->pageSizes.at(page);
            if (pts.height() > 0)
                width = static_cast<int>(
                    std::lround(requestedSize.height() * pts.width() / pts.height()));
        }
    }
    auto image = renderPdfPage(path, page, width);
    if (!image) {
        qCWarning(lcPdf) << "page not rendered:" << image.error().code;
        return {};
    }
    if (size)
        *size = image->size();
    return *image;
}

void PdfImageProvider::install(QQmlEngine* engine)
{
    if (engine && !engine->imageProvider(providerId()))
        engine->addImageProvider(providerId(), new PdfImageProvider);
}

} // namespace safeloop::app
