#include "exportfolder.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace safeloop::app {

ExportFolder::ExportFolder(QObject* parent)
    : QObject(parent)
    , m_folder(QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                   .filePath(u"SafeLoop"_s))
{
}

void ExportFolder::setFolder(const QString& folder)
{
    if (folder == m_folder)
        return;
    m_folder = folder;
    Q_EMIT folderChanged();
}

QString ExportFolder::pathFor(const QString& title, const QString& suffix) const
{
    if (m_folder.isEmpty() || !QDir().mkpath(m_folder) || !QFileInfo(m_folder).isDir())
        return {};
    QString name = title.trimmed();
    name.replace(QRegularExpression(u"[/\\\\:*?\"<>|\\s]+"_s), u"_"_s);
    if (name.isEmpty())
        name = u"SafeLoop"_s;
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    const QDir dir(m_folder);
    QString path = dir.filePath(u"%1-%2.%3"_s.arg(name, stamp, suffix));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = dir.filePath(u"%1-%2-%3.%4"_s.arg(name, stamp).arg(n).arg(suffix));
    return QDir::cleanPath(path);
}

} // namespace safeloop::app
