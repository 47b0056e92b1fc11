#include "csvtable.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace safeloop::app {

QString CsvTable::field(const QString& text)
{
    const bool quote = text.contains(u',') || text.contains(u'"') || text.contains(u'\n')
        || text.contains(u'\r');
    if (!quote)
        return text;
    QString out = text;
    out.replace(u"\""_s, u"\"\""_s);
    return u'"' + out + u'"';
}

QByteArray CsvTable::bytes() const
{
    QString text;
    const auto line = [&text](const QStringList& fields) {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                text += u',';
            text += field(fields.at(i));
        }
        text += u"\r\n"_s;
    };
    for (const auto& p : preamble)
        line(p);
    line(headers);
    for (const auto& r : rows)
        line(r);
    return QByteArray("\xEF\xBB\xBF") + text.toUtf8();
}

core::Result<QString> CsvTable::write(const QString& pathOrUrl) const
{
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.trimmed().isEmpty() || path.contains(u"://"_s))
        return core::Error { u"path_missing"_s, u"no local file to write the list to"_s };
    for (qsizetype i = 0; i < rows.size(); ++i)
        if (rows.at(i).size() != headers.size())
            return core::Error { u"csv_columns"_s,
                u"row %1 has %2 fields, the header %3"_s.arg(i + 1)
                    .arg(rows.at(i).size())
                    .arg(headers.size()) };
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes()) < 0 || !f.commit())
        return core::Error { u"path_not_writable"_s, u"cannot write %1"_s.arg(path) };
    return QFileInfo(path).absoluteFilePath();
}

} // namespace safeloop::app
