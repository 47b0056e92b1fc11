// Fuzzes the enterprise CSV importer (`safeloop-server enterprise import`): parseCsv() and
// importEnterprises() into a real server store (SQLite).
// Invariants: the CSV reader's records, written back as CSV, read as the same records; a refused
// file is `csv_malformed` / `import_invalid` and leaves every table as it was; an accepted file
// accounts for each data row once, and importing it again changes nothing.

#include "fuzzsupport.h"

#include "server/importer.h"

#include <QDateTime>
#include <QStringDecoder>

using namespace Qt::StringLiterals;
using namespace safeloop;
using fuzz::check;

namespace {

/// RFC 4180 text of `records`: every field quoted, quotes doubled, CRLF line ends.
QString writeCsv(const QList<server::CsvRecord>& records)
{
    QString out;
    for (const auto& r : records) {
        QStringList quoted;
        for (QString f : r.fields)
            quoted << u'"' + f.replace(u'"', u"\"\""_s) + u'"';
        out += quoted.join(u',') + u"\r\n"_s;
    }
    return out;
}

void checkCsvRoundTrip(const QString& text)
{
    auto records = server::parseCsv(text);
    if (!records) {
        fuzz::checkRefusal(records.error(), { u"csv_malformed" });
        return;
    }
    int lastLine = 0;
    for (const auto& r : records.value()) {
        check(!r.fields.isEmpty(), "a CSV record without fields");
        check(r.line > lastLine, "CSV record lines do not increase");
        lastLine = r.line;
    }
    const QString again = writeCsv(records.value());
    auto reread = server::parseCsv(again);
    check(reread.ok(), "written CSV is refused:", again);
    check(reread->size() == records->size(), "CSV round trip changed the record count", again);
    for (qsizetype i = 0; i < records->size(); ++i)
        check(reread->at(i).fields == records->at(i).fields, "CSV round trip changed a record",
            again);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray csv = fuzz::bytes(data, size);
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(csv);
    checkCsvRoundTrip(text);

    auto& store = fuzz::FuzzStore::instance();
    const QByteArray& before = store.pristine(); // every input starts from the initial store
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC);
    auto summary = server::importEnterprises(store.db(), csv, now);
    if (!summary) {
        fuzz::note(u"refused: "_s + summary.error().code + u": "_s + summary.error().message);
        fuzz::checkRefusal(summary.error(), { u"csv_malformed", u"import_invalid" });
        check(store.digest() == before,
            "a refused import changed the store:", summary.error().message);
        return 0;
    }
    fuzz::note(u"accepted: %1 created, %2 updated, %3 unchanged"_s.arg(summary->created)
                   .arg(summary->updated)
                   .arg(summary->unchanged));
    // The file parsed, so its rows are the records after the header.
    const qsizetype rows = server::parseCsv(text).value().size() - 1;
    check(summary->created + summary->updated + summary->unchanged == rows,
        "the import summary does not account for every row");
    check(summary->unchanged == 0 || summary->created + summary->updated < rows,
        "summary counts overlap");
    const QByteArray afterFirst = store.digest();
    auto second = server::importEnterprises(store.db(), csv, now.addSecs(60));
    check(second.ok(), "importing an accepted file again was refused:",
        second.ok() ? QString() : second.error().message);
    check(second->created == 0 && second->updated == 0 && second->unchanged == rows,
        "importing the same file again changed enterprises");
    check(store.digest() == afterFirst, "importing the same file again changed the store");
    if (afterFirst != before)
        store.reset();
    return 0;
}
