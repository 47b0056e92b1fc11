#include "sqldialect.h"

#include "core/database.h"
#include "core/rowcache.h"

#include <QDateTime>
#include <QSqlError>
#include <QUrl>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

Result<PgSettings> parsePostgresUrl(const QString& url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return makeError(u"database_url"_s, u"--database is not a valid URL"_s);
    const QString scheme = parsed.scheme();
    if (scheme != u"postgresql"_s && scheme != u"postgres"_s)
        return makeError(u"database_url"_s,
            u"--database must start with postgresql:// (got scheme \"%1\")"_s.arg(scheme));
    PgSettings s;
    s.host = parsed.host();
    if (s.host.isEmpty())
        return makeError(u"database_url"_s, u"--database names no host"_s);
    s.port = parsed.port(5432);
    s.user = parsed.userName();
    s.password = parsed.password();
    s.database = parsed.path().mid(1);
    if (s.database.isEmpty() || s.database.contains(u'/'))
        return makeError(u"database_url"_s, u"--database names no database (…/DBNAME)"_s);
    return s;
}

Result<QSqlDatabase> openPostgres(const PgSettings& s, const QString& connectionName)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(s.host);
    db.setPort(s.port);
    db.setDatabaseName(s.database);
    if (!s.user.isEmpty())
        db.setUserName(s.user);
    if (!s.password.isEmpty())
        db.setPassword(s.password);
    db.setConnectOptions(u"connect_timeout=10"_s);
    if (!db.open()) {
        const QString text = db.lastError().text().simplified();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return makeError(u"db_open_failed"_s,
            u"cannot connect to PostgreSQL %1:%2/%3: %4"_s.arg(s.host).arg(s.port).arg(
                s.database, text));
    }
    // Timestamps are stored as text/epoch numbers; keep the session in UTC regardless.
    QSqlQuery q(db);
    q.exec(u"SET TIME ZONE 'UTC'"_s);
    return db;
}

bool isPostgres(const QSqlDatabase& db)
{
    return db.driverName() == u"QPSQL"_s;
}

Result<QSqlQuery> run(QSqlDatabase& db, const QString& sql, std::initializer_list<QVariant> values)
{
    return runValues(db, sql, QVariantList(values));
}

Result<QSqlQuery> runValues(QSqlDatabase& db, const QString& sql, const QVariantList& values)
{
    auto prepared = core::prepared(db, sql);
    if (!prepared)
        return prepared.error();
    QSqlQuery q = std::move(prepared.value());
    int i = 0;
    for (const QVariant& v : values)
        q.bindValue(i++, v);
    if (!q.exec())
        return makeError(u"sql_error"_s, u"%1: %2"_s.arg(sql.left(200), q.lastError().text()));
    return q;
}

Result<void> runInsert(QSqlDatabase& db, const QString& sql, const QVariantList& values)
{
    QList<core::ParamStatements::Value> params;
    // Only PostgreSQL has ParamStatements: SQLite skips the conversion.
    bool asParams = isPostgres(db);
    params.reserve(asParams ? values.size() : 0);
    for (qsizetype i = 0; asParams && i < values.size(); ++i) {
        const QVariant& v = values.at(i);
        const int type = v.typeId();
        // NULL as QtSql binds it: an invalid variant or a null string.
        if (v.isNull() || (type == QMetaType::QString && v.toString().isNull()))
            params.append(std::nullopt);
        else if (type == QMetaType::QString)
            params.append(v.toString().toUtf8());
        else if (type == QMetaType::Int || type == QMetaType::LongLong)
            params.append(QByteArray::number(v.toLongLong()));
        else
            asParams = false;
    }
    if (asParams)
        if (auto done = core::RowCache::runWithParams(db, sql, params))
            return std::move(*done);
    auto q = runValues(db, sql, values);
    if (!q)
        return q.error();
    return {};
}

int serverSchemaVersion(QSqlDatabase& db)
{
    if (!isPostgres(db))
        return core::userVersion(db);
    QSqlQuery q(db);
    if (!q.exec(u"SELECT to_regclass('safeloop_schema') IS NOT NULL"_s) || !q.next())
        return -1;
    if (!q.value(0).toBool())
        return 0;
    if (!q.exec(u"SELECT version FROM safeloop_schema"_s))
        return -1;
    return q.next() ? q.value(0).toInt() : 0;
}

Result<int> migrateServer(QSqlDatabase& db, const std::vector<ServerMigration>& steps)
{
    const bool pg = isPostgres(db);
    if (pg) {
        if (auto r = core::exec(
                db, u"CREATE TABLE IF NOT EXISTS safeloop_schema (version INTEGER NOT NULL)"_s);
            !r)
            return r.error();
    }
    int current = -1;
    for (const auto& step : steps) {
        if (!db.transaction())
            return makeError(u"sql_error"_s, db.lastError().text());
        if (pg) {
            // Serialises concurrent migrations of several server processes.
            if (auto r = core::exec(db, u"SELECT pg_advisory_xact_lock(84700001)"_s); !r) {
                db.rollback();
                return r.error();
            }
        }
        current = serverSchemaVersion(db);
        if (current < 0) {
            db.rollback();
            return makeError(u"db_version"_s, u"cannot read the schema version"_s);
        }
        if (step.version <= current) {
            db.rollback();
            continue;
        }
        auto applied = step.apply(db);
        if (applied) {
            if (pg) {
                applied = core::exec(db, u"DELETE FROM safeloop_schema"_s);
                if (applied)
                    applied = run(db, u"INSERT INTO safeloop_schema (version) VALUES (?)"_s,
                                  { step.version })
                        ? Result<void> {}
                        : Result<void> { makeError(u"sql_error"_s, u"cannot record version"_s) };
            } else {
                applied = core::exec(db, u"PRAGMA user_version = %1"_s.arg(step.version));
            }
        }
        if (!applied) {
            db.rollback();
            return makeError(u"migration_failed"_s,
                u"migration to version %1 failed: %2"_s.arg(step.version)
                    .arg(applied.error().message));
        }
        if (!db.commit())
            return makeError(u"sql_error"_s, db.lastError().text());
        current = step.version;
    }
    if (current < 0)
        current = serverSchemaVersion(db);
    return current;
}

Transaction::Transaction(QSqlDatabase& db)
    : m_db(db)
    , m_open(db.transaction())
{
}

Transaction::~Transaction()
{
    if (m_open)
        m_db.rollback();
}

Result<void> Transaction::commit()
{
    m_open = false;
    if (!m_db.commit())
        return makeError(u"sql_error"_s, m_db.lastError().text());
    return {};
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString rfc3339(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

} // namespace safeloop::server
