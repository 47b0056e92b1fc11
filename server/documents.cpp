#include "documents.h"

#include "serverconfig.h"
#include "sqldialect.h"
#include "users.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;
using safeloop::core::Error;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

Error forbidden(const QString& what)
{
    return makeError(u"forbidden"_s, what);
}

Error invalidKind(const QString& kind)
{
    return makeError(u"invalid_document_kind"_s,
        u"kind must be one of %1 (got \"%2\")"_s.arg(documentKinds().join(u", "_s), kind));
}

bool validYear(int year)
{
    return year >= 2000 && year <= 9999;
}

} // namespace

QStringList documentKinds()
{
    return { u"inspection_record"_s, u"rectification_order"_s, u"reinspection_opinion"_s };
}

bool isDocumentKind(const QString& kind)
{
    return documentKinds().contains(kind);
}

DocumentService::DocumentService(ServerStore store, Clock clock)
    : m_store(std::move(store))
    , m_clock(clock ? std::move(clock) : Clock(nowMs))
{
}

void DocumentService::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock(nowMs);
}

int DocumentService::localYear(qint64 epochMs, const QString& zoneId)
{
    const QTimeZone zone(zoneId.toUtf8());
    if (!zone.isValid())
        return -1;
    return QDateTime::fromMSecsSinceEpoch(epochMs, zone).date().year();
}

Result<int> DocumentService::currentYear() const
{
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    auto zone = ServerConfig::get(db, QString::fromLatin1(ServerConfig::TimeZoneKey));
    if (!zone)
        return zone.error();
    const int year = localYear(m_clock(), zone.value());
    if (year < 0)
        return makeError(u"invalid_setting"_s,
            u"the configured district time zone %1 is unknown"_s.arg(zone.value()));
    return year;
}

Result<NumberBlock> DocumentService::reserve(
    const Caller& caller, const QString& kind, qint64 count)
{
    if (caller.role != Role::Inspector)
        return forbidden(u"only inspectors reserve document numbers"_s);
    if (!isDocumentKind(kind))
        return invalidKind(kind);
    if (count < 1 || count > MaxBlock)
        return makeError(u"count_out_of_range"_s,
            u"count must be between 1 and %1 (got %2)"_s.arg(MaxBlock).arg(count));
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();

    // Settings are read before the transaction: on SQLite a transaction that reads before it
    // writes could not wait for the write lock.
    const qint64 now = m_clock();
    auto zone = ServerConfig::get(db, QString::fromLatin1(ServerConfig::TimeZoneKey));
    if (!zone)
        return zone.error();
    const int year = localYear(now, zone.value());
    if (year < 0)
        return makeError(u"invalid_setting"_s,
            u"the configured district time zone %1 is unknown"_s.arg(zone.value()));
    auto prefixTemplate = ServerConfig::get(db, ServerConfig::prefixKey(kind));
    if (!prefixTemplate)
        return prefixTemplate.error();

    NumberBlock block;
    block.id = newUuidV7();
    block.kind = kind;
    block.year = year;
    block.prefix = QString(prefixTemplate.value()).replace(u"{year}"_s, QString::number(year));
    block.deviceLoginId = caller.deviceLoginId;
    block.userId = caller.userId;
    block.issuedAtMs = now;

    Transaction tx(db);
    if (!tx.ok())
        return makeError(u"sql_error"_s, db.lastError().text());
    if (auto q = run(db,
            u"INSERT INTO document_counters (kind, year, next_number) VALUES (?, ?, 1) "
            "ON CONFLICT (kind, year) DO NOTHING"_s,
            { kind, year });
        !q)
        return q.error();
    // The row lock taken here is held until commit: concurrent callers queue behind it.
    auto taken = run(db,
        u"UPDATE document_counters SET next_number = next_number + ? "
        "WHERE kind = ? AND year = ? RETURNING next_number"_s,
        { count, kind, year });
    if (!taken)
        return taken.error();
    if (!taken.value().next())
        return makeError(u"sql_error"_s, u"the document counter row is missing"_s);
    const qint64 next = taken.value().value(0).toLongLong();
    taken.value().finish();
    block.from = next - count;
    block.to = next - 1;
    if (auto q = run(db,
            u"INSERT INTO document_blocks (id, kind, year, prefix, first_number, last_number, "
            "device_login_id, user_id, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            { block.id, kind, year, block.prefix, block.from, block.to, caller.deviceLoginId,
                caller.userId, now });
        !q)
        return q.error();
    if (auto c = tx.commit(); !c)
        return c.error();
    return block;
}

Result<VoidOutcome> DocumentService::voidNumbers(
    const Caller& caller, const QString& kind, int year, const QList<qint64>& numbers)
{
    if (caller.role != Role::Inspector)
        return forbidden(u"only inspectors report void document numbers"_s);
    if (!isDocumentKind(kind))
        return invalidKind(kind);
    if (!validYear(year))
        return makeError(u"invalid_year"_s, u"year must be a four-digit year"_s);
    if (numbers.isEmpty() || numbers.size() > MaxVoidNumbers)
        return makeError(u"invalid_numbers"_s,
            u"numbers must list 1 to %1 document numbers"_s.arg(MaxVoidNumbers));
    QList<qint64> wanted = numbers;
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    if (wanted.first() < 1)
        return makeError(u"invalid_numbers"_s, u"document numbers start at 1"_s);

    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();

    // Blocks of this device login (few per year): find the block of each number.
    auto q = run(db,
        u"SELECT id, first_number, last_number FROM document_blocks "
        "WHERE device_login_id = ? AND kind = ? AND year = ?"_s,
        { caller.deviceLoginId, kind, year });
    if (!q)
        return q.error();
    struct Range {
        QString id;
        qint64 first;
        qint64 last;
    };
    std::vector<Range> ranges;
    while (q.value().next())
        ranges.push_back({ q.value().value(0).toString(), q.value().value(1).toLongLong(),
            q.value().value(2).toLongLong() });
    q.value().finish();
    std::vector<std::pair<qint64, QString>> owned;
    QStringList foreign;
    for (const qint64 n : wanted) {
        const auto it = std::find_if(ranges.begin(), ranges.end(),
            [n](const Range& r) { return n >= r.first && n <= r.last; });
        if (it == ranges.end())
            foreign << QString::number(n);
        else
            owned.emplace_back(n, it->id);
    }
    if (!foreign.isEmpty())
        return makeError(u"number_not_reserved"_s,
            u"not reserved for this device login in %1 %2: %3"_s.arg(kind).arg(year).arg(
                foreign.mid(0, 20).join(u", "_s)));

    VoidOutcome outcome;
    outcome.kind = kind;
    outcome.year = year;
    const qint64 now = m_clock();
    Transaction tx(db);
    if (!tx.ok())
        return makeError(u"sql_error"_s, db.lastError().text());
    for (const auto& [number, blockId] : owned) {
        auto ins = run(db,
            u"INSERT INTO document_voids (kind, year, number, block_id, recorded_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, year, number) DO NOTHING"_s,
            { kind, year, number, blockId, now });
        if (!ins)
            return ins.error();
        if (ins.value().numRowsAffected() == 1)
            outcome.voided << number;
        else
            outcome.alreadyVoid << number;
    }
    if (auto c = tx.commit(); !c)
        return c.error();
    return outcome;
}

Result<std::vector<NumberBlock>> DocumentService::blocks(
    const Caller& caller, int year, const QString& kind) const
{
    if (caller.role != Role::Supervisor && caller.role != Role::Admin)
        return forbidden(u"only supervisors and administrators audit document numbers"_s);
    if (!validYear(year))
        return makeError(u"invalid_year"_s, u"year must be a four-digit year"_s);
    if (!kind.isEmpty() && !isDocumentKind(kind))
        return invalidKind(kind);
    auto conn = m_store.connection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();

    auto q = kind.isEmpty()
        ? run(db,
            u"SELECT b.id, b.kind, b.year, b.prefix, b.first_number, b.last_number, "
            "b.device_login_id, b.user_id, u.username, d.device_name, b.issued_at "
            "FROM document_blocks b JOIN users u ON u.id = b.user_id "
            "JOIN device_logins d ON d.id = b.device_login_id WHERE b.year = ? "
            "ORDER BY b.kind, b.first_number"_s,
            { year })
        : run(db,
            u"SELECT b.id, b.kind, b.year, b.prefix, b.first_number, b.last_number, "
            "b.device_login_id, b.user_id, u.username, d.device_name, b.issued_at "
            "FROM document_blocks b JOIN users u ON u.id = b.user_id "
            "JOIN device_logins d ON d.id = b.device_login_id WHERE b.year = ? AND b.kind = ? "
            "ORDER BY b.kind, b.first_number"_s,
            { year, kind });
    if (!q)
        return q.error();
    std::vector<NumberBlock> result;
    QHash<QString, std::size_t> index;
    while (q.value().next()) {
        const QSqlQuery& row = q.value();
        NumberBlock b;
        b.id = row.value(0).toString();
        b.kind = row.value(1).toString();
        b.year = row.value(2).toInt();
        b.prefix = row.value(3).toString();
        b.from = row.value(4).toLongLong();
        b.to = row.value(5).toLongLong();
        b.deviceLoginId = row.value(6).toString();
        b.userId = row.value(7).toString();
        b.username = row.value(8).toString();
        b.deviceName = row.value(9).toString();
        b.issuedAtMs = row.value(10).toLongLong();
        index.insert(b.id, result.size());
        result.push_back(std::move(b));
    }
    q.value().finish();
    auto v = run(db,
        u"SELECT block_id, number FROM document_voids WHERE year = ? ORDER BY number"_s, { year });
    if (!v)
        return v.error();
    while (v.value().next()) {
        const auto it = index.constFind(v.value().value(0).toString());
        if (it != index.constEnd())
            result[*it].voids << v.value().value(1).toLongLong();
    }
    return result;
}

} // namespace safeloop::server
