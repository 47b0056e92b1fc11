#include "pgstatements.h"

#include <QHash>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

#include <mutex>
#include <vector>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

/// The statements prepared in each database session so far, by session (the connection's
/// address and its backend's process id: a new session gets a new backend) and statement text.
struct Prepared {
    std::mutex mutex;
    QHash<std::pair<quintptr, int>, QHash<QString, QByteArray>> sessions;
    qint64 named = 0;
};

Prepared& prepared()
{
    static Prepared p;
    return p;
}

/// The database's message for a failed result, one line.
QString messageOf(PGresult* result, PGconn* connection)
{
    const char* text = result ? PQresultErrorMessage(result) : PQerrorMessage(connection);
    return QString::fromUtf8(text).simplified();
}

/// Clears a result when it goes out of scope.
struct ResultHolder {
    PGresult* result;
    ~ResultHolder() { PQclear(result); }
};

} // namespace

std::unique_ptr<PgStatements> PgStatements::open(QSqlDatabase& db)
{
    if (db.driverName() != u"QPSQL"_s || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    // Qt 6.4's driver registers the handle's type as "pg_conn*" (PGconn's struct name).
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "pg_conn*") != 0
            && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return nullptr;
    PGconn* connection = *static_cast<PGconn* const*>(handle.constData());
    if (!connection || PQstatus(connection) != CONNECTION_OK)
        return nullptr;
    return std::unique_ptr<PgStatements>(new PgStatements(connection));
}

PgStatements::PgStatements(pg_conn* connection)
    : m_connection(connection)
{
}

bool PgStatements::ready()
{
    // QtSql reads a forward-only query's rows one at a time (the session is then ACTIVE); a
    // failed transaction is left for QtSql to report as it always has.
    const PGTransactionStatusType status = PQtransactionStatus(m_connection);
    return PQstatus(m_connection) == CONNECTION_OK
        && (status == PQTRANS_IDLE || status == PQTRANS_INTRANS);
}

Result<QList<QList<PgStatements::Value>>> PgStatements::run(
    const QString& sql, const QList<Value>& values)
{
    const auto session
        = std::make_pair(reinterpret_cast<quintptr>(m_connection), PQbackendPID(m_connection));
    QByteArray name;
    bool known = false;
    {
        Prepared& p = prepared();
        std::lock_guard lock(p.mutex);
        const auto& statements = p.sessions[session];
        if (const auto it = statements.constFind(sql); it != statements.constEnd()) {
            name = it.value();
            known = true;
        } else {
            name = "safeloop_p" + QByteArray::number(++p.named);
        }
    }
    if (!known) {
        const ResultHolder made { PQprepare(m_connection, name.constData(),
            sql.toUtf8().constData(), static_cast<int>(values.size()), nullptr) };
        if (PQresultStatus(made.result) != PGRES_COMMAND_OK)
            return makeError(u"sql_error"_s,
                u"%1: %2"_s.arg(sql.left(200), messageOf(made.result, m_connection)));
        Prepared& p = prepared();
        std::lock_guard lock(p.mutex);
        p.sessions[session].insert(sql, name);
    }
    std::vector<const char*> texts;
    std::vector<int> lengths;
    texts.reserve(static_cast<std::size_t>(values.size()));
    lengths.reserve(static_cast<std::size_t>(values.size()));
    for (const Value& v : values) {
        texts.push_back(v ? v->constData() : nullptr);
        lengths.push_back(v ? static_cast<int>(v->size()) : 0);
    }
    const ResultHolder done { PQexecPrepared(m_connection, name.constData(),
        static_cast<int>(values.size()), texts.data(), lengths.data(), nullptr, 0) };
    const ExecStatusType status = PQresultStatus(done.result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return makeError(
            u"sql_error"_s, u"%1: %2"_s.arg(sql.left(200), messageOf(done.result, m_connection)));
    QList<QList<Value>> rows;
    const int count = PQntuples(done.result);
    const int columns = PQnfields(done.result);
    rows.reserve(count);
    for (int r = 0; r < count; ++r) {
        QList<Value> row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(PQgetisnull(done.result, r, c)
                    ? Value()
                    : Value(
                        QByteArray(PQgetvalue(done.result, r, c), PQgetlength(done.result, r, c))));
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace safeloop::server
