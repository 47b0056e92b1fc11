#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace safeloop::app {

/// A list as the supervisor sees it, ready for a spreadsheet: lines printed above the table
/// (e.g. a draw's seed), the column headers in the UI language and one row of display text per
/// list row, columns in the order the page shows them. The one CSV writer of the app: every
/// exported list goes through bytes() / write().
struct CsvTable {
    QList<QStringList> preamble; ///< lines before the header row (may be empty)
    QStringList headers;
    QList<QStringList> rows; ///< each as long as `headers`

    /// RFC 4180 text: CRLF line ends; a field holding a comma, a double quote, CR or LF is
    /// quoted, its quotes doubled. Preceded by the UTF-8 byte order mark (EF BB BF) so that
    /// spreadsheet programs read Chinese text as UTF-8.
    QByteArray bytes() const;

    /// Writes bytes() to `pathOrUrl` (a local path or a file:// URL, as a file dialog gives it)
    /// all at once — a failed write leaves any earlier file there untouched — and returns the
    /// local path written. Errors: path_missing (empty or not a local file), csv_columns (a row
    /// whose length differs from the header's), path_not_writable.
    core::Result<QString> write(const QString& pathOrUrl) const;

    /// One CSV field: quoted when it holds a comma, a double quote, CR or LF.
    static QString field(const QString& text);
};

} // namespace safeloop::app
