#include "statementcache.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

/// The StatementCache in force on this thread, if any.
thread_local StatementCache* t_statements = nullptr;

/// A second handle on the same prepared statement. Qt 6 deprecates copying QSqlQuery because
/// the copies share one result; sharing it is the point here (the cache keeps one handle, the
/// caller reads through the other).
QSqlQuery shared(const QSqlQuery& q)
{
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    return QSqlQuery(q);
    QT_WARNING_POP
}

} // namespace

StatementCache::StatementCache(QSqlDatabase& db)
    : m_db(db)
    , m_connection(db.connectionName())
    , m_outer(t_statements)
{
    t_statements = this;
}

StatementCache::~StatementCache()
{
    for (auto it = m_statements.begin(); it != m_statements.end(); ++it)
        it.value().finish();
    m_statements.clear();
    t_statements = m_outer;
}

Result<QSqlQuery> StatementCache::statement(const QString& sql)
{
    if (const auto hit = m_statements.constFind(sql); hit != m_statements.constEnd())
        return shared(hit.value());
    QSqlQuery q(m_db);
    if (!q.prepare(sql))
        return makeError(u"sql_error"_s, u"%1: %2"_s.arg(sql, q.lastError().text()));
    m_statements.insert(sql, shared(q));
    return q;
}

Result<QSqlQuery> prepared(QSqlDatabase& db, const QString& sql)
{
    if (auto r = detail::beforeStatement(db, sql); !r)
        return r.error();
    return detail::preparedDirect(db, sql);
}

Result<QSqlQuery> detail::preparedDirect(QSqlDatabase& db, const QString& sql)
{
    if (t_statements && t_statements->connectionName() == db.connectionName())
        return t_statements->statement(sql);
    QSqlQuery q(db);
    if (!q.prepare(sql))
        return makeError(u"sql_error"_s, u"%1: %2"_s.arg(sql, q.lastError().text()));
    return q;
}

} // namespace safeloop::core
