#pragma once

#include "pdfimageprovider.h"

#include <QFutureWatcher>
#include <QObject>
#include <QQmlParserStatus>
#include <QString>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// A local PDF as QML sees it: status, page count and page sizes, read with Qt PDF on a worker
/// thread, and each page's image URL (pageSource) for the "pdf" image provider, which it adds
/// to its engine when missing. A file that is missing or cannot be read is status Error with
/// errorCode (`pdf_not_found`, `pdf_unreadable`, `pdf_locked`) and errorMessage in plain words.
class PdfDocumentInfo : public QObject, public QQmlParserStatus {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    /// The PDF: an absolute path or a file URL; "" shows nothing (status Null).
    Q_PROPERTY(QString source READ source WRITE setSource NOTIFY sourceChanged)
    /// Null (no source), Loading, Ready or Error.
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    /// Number of pages; 0 unless Ready.
    Q_PROPERTY(int pageCount READ pageCount NOTIFY statusChanged)
    /// Page sizes in points (QSizeF, 1/72 inch), one per page.
    Q_PROPERTY(QVariantList pageSizes READ pageSizes NOTIFY statusChanged)
    /// Stable code of the failure ("" unless Error).
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY statusChanged)
    /// The failure in plain, translated words ("" unless Error).
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY statusChanged)

public:
    /// Where reading the file stands.
    enum class Status { Null, Loading, Ready, Error };
    Q_ENUM(Status)

    explicit PdfDocumentInfo(QObject* parent = nullptr);
    ~PdfDocumentInfo() override;

    QString source() const { return m_source; }
    void setSource(const QString& source);
    Status status() const { return m_status; }
    int pageCount() const { return static_cast<int>(m_info.pageSizes.size()); }
    QVariantList pageSizes() const;
    QString errorCode() const { return m_errorCode; }
    QString errorMessage() const { return m_errorMessage; }

    /// Image URL of page `page` (0-based) for an Image; empty unless Ready and in range.
    Q_INVOKABLE QUrl pageSource(int page) const;
    /// Height ÷ width of page `page` (A4: 1.414); A4's when unknown, so a list can lay out
    /// before the file is read.
    Q_INVOKABLE qreal pageAspect(int page) const;
    /// Reads the file again (after it was replaced or created).
    Q_INVOKABLE void reload();

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void sourceChanged();
    void statusChanged();
    /// The file could not be read; the same words as errorMessage.
    void failed(const QString& code, const QString& message);

private:
    struct Outcome;
    void load();
    void finish(const Outcome& outcome);

    QString m_source;
    QString m_path;
    Status m_status = Status::Null;
    PdfInfo m_info;
    qint64 m_revision = 0;
    QString m_errorCode;
    QString m_errorMessage;
    bool m_complete = true;
    QFutureWatcher<Outcome>* m_watcher = nullptr;
};

} // namespace safeloop::app
