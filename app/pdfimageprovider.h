#pragma once

#include "core/result.h"

#include <QImage>
#include <QList>
#include <QQuickImageProvider>
#include <QSizeF>
#include <QString>
#include <QUrl>

class QQmlEngine;

namespace safeloop::app {

/// What a local PDF holds, read without rendering a page.
struct PdfInfo {
    int pageCount = 0;
    QList<QSizeF> pageSizes; ///< in points (1/72 inch), one per page
};

/// Opens a local PDF with Qt PDF (any thread): its page count and page sizes. Refuses with
/// `pdf_not_found` (no such file), `pdf_locked` (password protected) or `pdf_unreadable` (not
/// a PDF, damaged, or no pages).
core::Result<PdfInfo> readPdf(const QString& path);

/// Renders page `page` (0-based) of a local PDF `width` pixels wide, its height following the
/// page's aspect ratio, on white (any thread; Qt PDF serialises its own calls). Refuses as
/// readPdf does, and with `pdf_no_page` for a page out of range.
core::Result<QImage> renderPdfPage(const QString& path, int page, int width);

/// The "pdf" image provider: `image://pdf/<revision>/<page>/<path in base64url>` is that page
/// of a local PDF, rendered at the Image's sourceSize (width wins; the height follows the
/// page) on Qt's image loader thread, never on the GUI thread. Build the URL with pageUrl();
/// PdfDocumentInfo::pageSource() does. A page that cannot be rendered is an Image in Error.
class PdfImageProvider : public QQuickImageProvider {
public:
    PdfImageProvider();

    QImage requestImage(const QString& id, QSize* size, const QSize& requestedSize) override;

    /// Host of the provider's URLs: "pdf".
    static QString providerId();
    /// Image URL of page `page` (0-based) of the PDF at `path`. Qt caches images by URL, so a
    /// file that changes needs a new `revision` (PdfDocumentInfo uses its modification time).
    static QUrl pageUrl(const QString& path, int page, qint64 revision = 0);
    /// Adds a provider to `engine` unless it already has one (idempotent).
    static void install(QQmlEngine* engine);

    /// Width rendered when the Image sets no sourceSize.
    static constexpr int DefaultWidth = 800;
    /// Widest page rendered, in pixels: a 4× zoom on a tablet, and no more.
    static constexpr int MaxWidth = 4096;
};

} // namespace safeloop::app
