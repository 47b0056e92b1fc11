#include "importer.h"

#include "changelog.h"
#include "core/checklists.h"
#include "core/creditcode.h"
#include "core/database.h"
#include "core/domain.h"
#include "core/mutation.h"
#include "core/validation.h"
#include "seeddemo.h"
#include "serverstore.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QStringDecoder>

#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace safeloop::server {

using core::Error;
using core::makeError;
using core::Result;

namespace {

const QStringList RequiredColumns { u"uscc"_s, u"name"_s, u"address"_s, u"street"_s,
    u"industry_code"_s, u"risk_grade"_s, u"lat"_s, u"lon"_s };
const QStringList OptionalColumns { u"contact"_s, u"phone"_s, u"department"_s, u"leader"_s };

Error invalid(int line, const QString& column, const QString& message)
{
    return makeError(
        u"import_invalid"_s, u"line %1, column %2: %3"_s.arg(line).arg(column, message));
}

/// Runs `work` in one transaction: committed if it succeeds, rolled back otherwise.
template <typename T>
Result<T> inTransaction(QSqlDatabase& db, const std::function<Result<T>()>& work)
{
    if (!db.transaction())
        return makeError(u"sql_error"_s, db.lastError().text());
    Result<T> r = work();
    if (!r.ok()) {
        db.rollback();
        return r;
    }
    if (!db.commit()) {
        const QString text = db.lastError().text();
        db.rollback();
        return makeError(u"sql_error"_s, text);
    }
    return r;
}

/// A 16-hex-digit HLC for a server-side write at `now`.
QString serverHlc(const QDateTime& now)
{
    return QString::number(now.toMSecsSinceEpoch(), 16).rightJustified(12, u'0') + u"0000"_s;
}

std::optional<double> parseNumber(const QString& text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

Result<QList<CsvRecord>> parseCsv(const QString& text)
{
    QList<CsvRecord> records;
    CsvRecord current;
    QString field;
    int line = 1;
    current.line = 1;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool afterQuote = false; // a quoted field just closed; only , or a line end may follow
    bool recordHasContent = false;
    int quoteStartLine = 0;
    const qsizetype n = text.size();
    auto endField = [&] {
        current.fields << field;
        field.clear();
        fieldWasQuoted = false;
        afterQuote = false;
    };
    auto endRecord = [&] {
        endField();
        // A completely empty line (one empty unquoted field) is skipped.
        if (recordHasContent)
            records << current;
        current = CsvRecord {};
        recordHasContent = false;
    };
    qsizetype i = 0;
    if (n > 0 && text.at(0) == QChar(0xFEFF)) // UTF-8 byte order mark
        i = 1;
    for (; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (current.line == 0)
            current.line = line;
        if (c == u',') {
            recordHasContent = true;
            endField();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r') {
                if (i + 1 < n && text.at(i + 1) == u'\n')
                    ++i;
                else
                    return makeError(u"csv_malformed"_s,
                        u"line %1: a carriage return must be followed by a line feed"_s.arg(line));
            }
            endRecord();
            ++line;
        } else if (c == u'"') {
            if (afterQuote || !field.isEmpty())
                return makeError(u"csv_malformed"_s,
                    u"line %1: a quote inside a field must be in a quoted field and doubled"_s.arg(
                        line));
            inQuotes = true;
            fieldWasQuoted = true;
            recordHasContent = true;
            quoteStartLine = line;
        } else {
            if (afterQuote)
                return makeError(u"csv_malformed"_s,
                    u"line %1: text after a closing quote (expected a comma or a line end)"_s.arg(
                        line));
            field += c;
            recordHasContent = true;
        }
    }
    if (inQuotes)
        return makeError(
            u"csv_malformed"_s, u"line %1: a quoted field is never closed"_s.arg(quoteStartLine));
    if (recordHasContent || !field.isEmpty() || fieldWasQuoted)
        endRecord();
    return records;
}

Result<EnterpriseImportSummary> importEnterprises(
    QSqlDatabase& db, const QByteArray& csv, const QDateTime& now)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(csv);
    if (decoder.hasError())
        return makeError(u"csv_malformed"_s, u"the file is not valid UTF-8"_s);
    auto parsed = parseCsv(text);
    if (!parsed)
        return parsed.error();
    const QList<CsvRecord>& rows = parsed.value();
    if (rows.isEmpty())
        return makeError(u"csv_malformed"_s, u"line 1: the header row is missing"_s);

    // Header: required columns once each, optional ones allowed, nothing else.
    QHash<QString, qsizetype> column;
    const CsvRecord& header = rows.first();
    for (qsizetype c = 0; c < header.fields.size(); ++c) {
        const QString name = header.fields[c].trimmed();
        if (!RequiredColumns.contains(name) && !OptionalColumns.contains(name))
            return makeError(u"import_invalid"_s,
                u"line %1: unknown column \"%2\" (allowed: %3)"_s.arg(header.line)
                    .arg(name, (RequiredColumns + OptionalColumns).join(u", "_s)));
        if (column.contains(name))
            return makeError(u"import_invalid"_s,
                u"line %1: column \"%2\" appears twice"_s.arg(header.line).arg(name));
        column.insert(name, c);
    }
    for (const QString& name : RequiredColumns)
        if (!column.contains(name))
            return makeError(u"import_invalid"_s,
                u"line %1: required column \"%2\" is missing"_s.arg(header.line).arg(name));

    // Every row is checked before anything is written.
    QList<core::Enterprise> enterprises;
    QHash<QString, int> seenAt;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const CsvRecord& row = rows[r];
        if (row.fields.size() != header.fields.size())
            return makeError(u"import_invalid"_s,
                u"line %1: %2 fields, the header has %3"_s.arg(row.line)
                    .arg(row.fields.size())
                    .arg(header.fields.size()));
        auto value = [&](const QString& name) {
            return column.contains(name) ? row.fields[column.value(name)].trimmed() : QString();
        };
        // Each value is text of its own field (control characters, U+FEFF, length), judged here
        // so that the refusal names its column.
        for (const QString& field : header.fields) {
            const QString name = field.trimmed();
            if (auto t = core::validation::text(value(name), name, name); !t)
                return invalid(row.line, name, t.error().message);
        }
        core::Enterprise e;
        e.uscc = value(u"uscc"_s).toUpper();
        if (auto v = core::CreditCode::validate(e.uscc); !v)
            return invalid(row.line, u"uscc"_s, v.error().message);
        if (seenAt.contains(e.uscc))
            return invalid(row.line, u"uscc"_s,
                u"credit code %1 already appears on line %2"_s.arg(e.uscc).arg(
                    seenAt.value(e.uscc)));
        seenAt.insert(e.uscc, row.line);
        e.name = value(u"name"_s);
        if (e.name.isEmpty())
            return invalid(row.line, u"name"_s, u"the enterprise name is required"_s);
        e.address = value(u"address"_s);
        e.street = value(u"street"_s);
        e.industryCode = value(u"industry_code"_s);
        auto grade = core::parseRiskGrade(value(u"risk_grade"_s));
        if (!grade)
            return invalid(row.line, u"risk_grade"_s,
                u"\"%1\" is not one of red, orange, yellow, blue"_s.arg(value(u"risk_grade"_s)));
        e.riskGrade = *grade;
        const auto lat = parseNumber(value(u"lat"_s));
        if (!lat || *lat < -90 || *lat > 90)
            return invalid(row.line, u"lat"_s,
                u"\"%1\" is not a latitude between -90 and 90"_s.arg(value(u"lat"_s)));
        const auto lon = parseNumber(value(u"lon"_s));
        if (!lon || *lon < -180 || *lon > 180)
            return invalid(row.line, u"lon"_s,
                u"\"%1\" is not a longitude between -180 and 180"_s.arg(value(u"lon"_s)));
        e.lat = *lat;
        e.lon = *lon;
        e.contact = value(u"contact"_s);
        e.phone = value(u"phone"_s);
        e.department = value(u"department"_s);
        e.leader = value(u"leader"_s);
        if (auto v = core::validation::enterprise(e); !v)
            return invalid(row.line, u"uscc"_s, v.error().message);
        enterprises << e;
    }

    return inTransaction<EnterpriseImportSummary>(db, [&]() -> Result<EnterpriseImportSummary> {
        EnterpriseImportSummary summary;
        const core::Actor importer { u"server-import"_s, core::Role::Admin, {}, {},
            u"server-import"_s };
        core::ApplyContext ctx;
        ctx.now = now;
        ctx.server = true;
        const QString hlc = serverHlc(now);
        for (const core::Enterprise& e : std::as_const(enterprises)) {
            auto existing = core::loadRecord(db, u"enterprise"_s, e.uscc);
            if (!existing)
                return existing.error();
            bool known = false;
            if (existing->has_value() && !(*existing)->deleted) {
                known = true;
                auto stored = core::Enterprise::fromJson((*existing)->fields);
                if (stored) {
                    core::Enterprise current = *stored;
                    current.meta = {};
                    if (current == e) {
                        ++summary.unchanged;
                        continue;
                    }
                }
            }
            QJsonObject args = e.toJson();
            args.remove(u"uscc"_s);
            const core::Mutation upsert { 0, u"enterprise.upsert"_s, e.uscc, hlc, {}, args };
            auto outcome = core::applyMutation(db, importer, upsert, ctx);
            if (!outcome)
                return outcome.error();
            if (outcome->status == core::OutcomeStatus::Rejected)
                return makeError(u"import_invalid"_s,
                    u"line %1, column uscc: %2"_s.arg(seenAt.value(e.uscc))
                        .arg(outcome->error ? outcome->error->message : QString()));
            if (auto c = appendChange(db, u"enterprise"_s, e.uscc); !c)
                return c.error();
            ++(known ? summary.updated : summary.created);
        }
        // Enterprise users given this credit code before the record existed get linked now.
        if (auto u = refreshUserRecords(db); !u)
            return u.error();
        return summary;
    });
}

Result<QStringList> importTemplates(QSqlDatabase& db, const QByteArray& json, const QDateTime& now)
{
    auto templates = core::checklists::parse(json);
    if (!templates)
        return templates.error();
    return inTransaction<QStringList>(db, [&]() -> Result<QStringList> {
        auto published = core::checklists::import(db, *templates, now);
        if (!published)
            return published.error();
        for (const QString& ref : std::as_const(published.value()))
            if (auto c = appendChange(db, u"template"_s, ref); !c)
                return c.error();
        return published;
    });
}

QByteArray shippedChecklists()
{
    QFile f(u":/safeloop/server/checklists.json"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

namespace {

int fail(std::ostream& err, const QString& message)
{
    err << "safeloop-server: " << message.toStdString() << '\n';
    return 1;
}

/// Runs `work` with a connection to the initialised store; closes the connection afterwards.
int withConnection(const QString& dataDir, const QString& databaseUrl, std::ostream& err,
    const std::function<int(QSqlDatabase&, const ServerStore&)>& work)
{
    auto store = ServerStore::open({ dataDir, databaseUrl });
    if (!store)
        return fail(err, store.error().message);
    int code = 1;
    QString name;
    {
        auto db = store->connection();
        if (!db)
            return fail(err, db.error().message);
        name = db->connectionName();
        code = work(db.value(), store.value());
    }
    core::closeDatabase(name);
    return code;
}

Result<QByteArray> readInput(const QStringList& positional, const QString& usage)
{
    if (positional.size() != 1)
        return makeError(u"usage"_s, usage);
    QFile f(positional.first());
    if (!f.open(QIODevice::ReadOnly))
        return makeError(
            u"file_unreadable"_s, u"cannot read %1: %2"_s.arg(positional.first(), f.errorString()));
    return f.readAll();
}

} // namespace

int importShippedTemplates(
    const QString& dataDir, const QString& databaseUrl, std::ostream& out, std::ostream& err)
{
    const QByteArray json = shippedChecklists();
    if (json.isEmpty())
        return fail(err, u"the shipped checklists are missing from this build"_s);
    return withConnection(dataDir, databaseUrl, err, [&](QSqlDatabase& db, const ServerStore&) {
        auto published = importTemplates(db, json, QDateTime::currentDateTimeUtc());
        if (!published)
            return fail(
                err, u"importing the shipped checklists: %1"_s.arg(published.error().message));
        out << "published " << published->size() << " shipped checklist template version(s)\n";
        return 0;
    });
}

int runImportCommand(const QString& command, const QString& dataDir, const QString& databaseUrl,
    const QStringList& positional, std::ostream& out, std::ostream& err)
{
    if (command == u"seed-demo"_s) {
        if (!positional.isEmpty())
            return fail(err, u"unexpected argument %1"_s.arg(positional.first()));
        return withConnection(
            dataDir, databaseUrl, err, [&](QSqlDatabase& db, const ServerStore& store) {
                auto seeded = seedDemo(db, store.blobDir(), {});
                if (!seeded)
                    return fail(err, seeded.error().message);
                out << seeded->describe().toStdString() << '\n';
                return 0;
            });
    }
    if (command == u"enterprise import"_s) {
        auto csv = readInput(positional, u"enterprise import needs one CSV file"_s);
        if (!csv)
            return fail(err, csv.error().message);
        return withConnection(dataDir, databaseUrl, err, [&](QSqlDatabase& db, const ServerStore&) {
            auto s = importEnterprises(db, *csv, QDateTime::currentDateTimeUtc());
            if (!s)
                return fail(err, u"%1: %2"_s.arg(positional.first(), s.error().message));
            out << "enterprises: " << s->created << " created, " << s->updated << " updated, "
                << s->unchanged << " unchanged\n";
            return 0;
        });
    }
    auto json = readInput(positional, u"template import needs one JSON file"_s);
    if (!json)
        return fail(err, json.error().message);
    return withConnection(dataDir, databaseUrl, err, [&](QSqlDatabase& db, const ServerStore&) {
        auto published = importTemplates(db, *json, QDateTime::currentDateTimeUtc());
        if (!published)
            return fail(err, u"%1: %2"_s.arg(positional.first(), published.error().message));
        if (published->isEmpty())
            out << "templates: nothing changed\n";
        else
            out << "templates: published " << published->join(u", "_s).toStdString() << '\n';
        return 0;
    });
}

} // namespace safeloop::server
