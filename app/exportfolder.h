#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// Where the supervisor's exports (lists as CSV, the overview report) are written: a SafeLoop
/// folder in the device's documents, without a file dialog — the same on a phone, a tablet and
/// a desktop, and offline — so the page can name the file it wrote.
class ExportFolder : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// The folder (local path); by default "SafeLoop" in the documents location.
    Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY folderChanged)

public:
    explicit ExportFolder(QObject* parent = nullptr);

    QString folder() const { return m_folder; }
    void setFolder(const QString& folder);

    /// A new file in the folder for `title` (characters a file name cannot hold become "_")
    /// stamped with the local date and time, e.g. "各街道覆盖率-20261204-153012.csv", numbered
    /// when that name is taken. Creates the folder; empty when it cannot.
    Q_INVOKABLE QString pathFor(const QString& title, const QString& suffix) const;

Q_SIGNALS:
    void folderChanged();

private:
    QString m_folder;
};

} // namespace safeloop::app
