#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <ostream>

namespace safeloop::server {

/// One parsed CSV record: its fields and the physical line it starts on (header = line 1).
struct CsvRecord {
    int line = 0;
    QStringList fields;
};

/// RFC 4180 reader: comma separated, `"` quoting with doubled quotes, CRLF or LF line ends,
/// line breaks inside quotes. A malformed file is refused with `csv_malformed` naming the line.
core::Result<QList<CsvRecord>> parseCsv(const QString& text);

/// What an enterprise import did.
struct EnterpriseImportSummary {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
};

/// Imports the enterprise CSV of SYNC.md ("Server command line"). All-or-nothing inside one
/// transaction: the first bad row refuses the whole file with `import_invalid` and a message
/// `line N, column C: …`, leaving the store untouched. A known `uscc` updates that enterprise
/// (changed fields get a new version); every created or updated enterprise gets a change-log
/// entry so devices pull it.
core::Result<EnterpriseImportSummary> importEnterprises(
    QSqlDatabase& db, const QByteArray& csv, const QDateTime& now);

/// Imports checklist templates (data/checklists.json format) through core::checklists: a changed
/// template is published as a new version, an identical one changes nothing. Returns the refs
/// (`code@version`) newly published, each appended to the change log. One transaction.
core::Result<QStringList> importTemplates(
    QSqlDatabase& db, const QByteArray& json, const QDateTime& now);

/// The checklists shipped with SafeLoop (data/checklists.json, embedded in the server).
QByteArray shippedChecklists();

/// `init` step: imports the shipped checklists into the store (nothing changes if they are
/// already there). Prints one line; returns the process exit code.
int importShippedTemplates(
    const QString& dataDir, const QString& databaseUrl, std::ostream& out, std::ostream& err);

/// The `enterprise import`, `template import` and `seed-demo` commands (`positional` holds the
/// file argument). Prints a one-line summary, or a one-line reason on `err`; returns the exit code.
int runImportCommand(const QString& command, const QString& dataDir, const QString& databaseUrl,
    const QStringList& positional, std::ostream& out, std::ostream& err);

} // namespace safeloop::server
