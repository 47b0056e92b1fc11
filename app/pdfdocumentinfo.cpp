#include "pdfdocumentinfo.h"

#include "devicestore.h"

#include <QFileInfo>
#include <QQmlEngine>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace safeloop::app {

/// What the worker thread read: the file's pages or why not, and its modification time.
struct PdfDocumentInfo::Outcome {
    bool ok = false;
    PdfInfo info;
    core::Error error;
    qint64 revision = 0;
};

PdfDocumentInfo::PdfDocumentInfo(QObject* parent)
    : QObject(parent)
{
}

PdfDocumentInfo::~PdfDocumentInfo() = default;

void PdfDocumentInfo::setSource(const QString& source)
{
    if (source == m_source)
        return;
    m_source = source;
    // "file:///a/b.pdf" and "/a/b.pdf" are the same file; any other URL is not a local PDF.
    m_path = source.startsWith(u"file:"_s) ? QUrl(source).toLocalFile() : source;
    Q_EMIT sourceChanged();
    if (m_complete)
        load();
}

QVariantList PdfDocumentInfo::pageSizes() const
{
    QVariantList out;
    for (const QSizeF& s : m_info.pageSizes)
        out.append(s);
    return out;
}

QUrl PdfDocumentInfo::pageSource(int page) const
{
    if (m_status != Status::Ready || page < 0 || page >= pageCount())
        return {};
    return PdfImageProvider::pageUrl(m_path, page, m_revision);
}

qreal PdfDocumentInfo::pageAspect(int page) const
{
    constexpr qreal A4 = 297.0 / 210.0;
    if (page < 0 || page >= pageCount())
        return A4;
    const QSizeF s = m_info.pageSizes.at(page);
    return s.width() > 0 && s.height() > 0 ? s.height() / s.width() : A4;
}

void PdfDocumentInfo::reload()
{
    load();
}

void PdfDocumentInfo::classBegin()
{
    m_complete = false;
    PdfImageProvider::install(qmlEngine(this));
}

void PdfDocumentInfo::componentComplete()
{
    m_complete = true;
    load();
}

void PdfDocumentInfo::load()
{
    // A read still running answers for a source no longer asked for: drop it.
    delete m_watcher;
    m_watcher = nullptr;
    m_info = {};
    m_errorCode.clear();
    m_errorMessage.clear();
    if (m_source.isEmpty()) {
        m_status = Status::Null;
        Q_EMIT statusChanged();
        return;
    }
    m_status = Status::Loading;
    Q_EMIT statusChanged();
    m_watcher = new QFutureWatcher<Outcome>(this);
    connect(m_watcher, &QFutureWatcher<Outcome>::finished, this,
        [this, watcher = m_watcher] { finish(watcher->result()); });
    m_watcher->setFuture(QtConcurrent::run([path = m_path] {
        Outcome out;
        out.revision = QFileInfo(path).lastModified().toMSecsSinceEpoch();
        auto info = readPdf(path);
        if (info) {
            out.ok = true;
            out.info = *info;
        } else {
            out.error = info.error();
        }
        return out;
    }));
}

void PdfDocumentInfo::finish(const Outcome& outcome)
{
    m_watcher->deleteLater();
    m_watcher = nullptr;
    m_revision = outcome.revision;
    if (outcome.ok) {
        m_info = outcome.info;
        m_status = Status::Ready;
        Q_EMIT statusChanged();
        return;
    }
    m_status = Status::Error;
    m_errorCode = outcome.error.code;
    m_errorMessage = describeError(outcome.error);
    Q_EMIT statusChanged();
    Q_EMIT failed(m_errorCode, m_errorMessage);
}

} // namespace safeloop::app
