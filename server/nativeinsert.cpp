#include "nativeinsert.h"

#include "core/statementcache.h"

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

NativeInsert::NativeInsert(QSqlDatabase& db, QString sql)
    : m_db(db)
    , m_sql(std::move(sql))
    , m_handle(core::detail::nativeHandle(db))
{
}

NativeInsert::Value NativeInsert::text(const QVariant& v)
{
    if (v.isNull())
        return {};
    QString s = v.toString();
    if (s.isNull())
        return {};
    return s;
}

Result<void> NativeInsert::insert(std::initializer_list<Value> values)
{
    if (!m_handle)
        return makeError(u"sql_error"_s, u"no SQLite handle for: %1"_s.arg(m_sql.left(200)));
    if (!m_statement) {
        if (auto r = core::detail::beforeStatement(m_db, m_sql); !r)
            return r;
        QString error;
        m_statement = m_statements.statement(
            m_handle, m_sql, [this] { return m_sql; }, &error);
        if (!m_statement)
            return makeError(u"sql_error"_s, u"%1: %2"_s.arg(m_sql.left(200), error));
    }
    int index = 1;
    int rc = SQLITE_OK;
    for (const Value& v : values) {
        if (rc != SQLITE_OK)
            break;
        if (const auto* n = std::get_if<qint64>(&v)) {
            rc = sqlite3_bind_int64(m_statement, index, *n);
        } else if (const auto* s = std::get_if<QString>(&v)) {
            const QByteArray utf8 = s->toUtf8();
            rc = sqlite3_bind_text(m_statement, index, utf8.constData(),
                static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
        } else {
            rc = sqlite3_bind_null(m_statement, index);
        }
        ++index;
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_step(m_statement);
    const QString message
        = rc == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(m_handle));
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    if (!message.isNull())
        return makeError(u"sql_error"_s, u"%1: %2"_s.arg(m_sql.left(200), message));
    ++m_rows;
    return {};
}

} // namespace safeloop::server
