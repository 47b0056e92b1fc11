#include "database.h"

#include "jsonwriter.h"
#include "statementcache.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace safeloop::core {

Result<void> exec(QSqlDatabase& db, const QString& sql)
{
    if (auto r = detail::beforeStatement(db, sql); !r)
        return r;
    QSqlQuery query(db);
    if (!query.exec(sql))
        return makeError(u"sql_error"_s, u"%1: %2"_s.arg(sql, query.lastError().text()));
    return {};
}

Error sqlError(const QSqlQuery& query)
{
    return sqlError(query, u"sql_error"_s);
}

Error sqlError(const QSqlQuery& query, const QString& code)
{
    return makeError(code, query.lastError().text());
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(compactJson(o));
}

Result<QSqlDatabase> openSqlite(
    const QString& path, const QString& connectionName, IntegrityCheck integrity)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
    if (!db.open()) {
        const QString text = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return makeError(u"db_open_failed"_s, u"cannot open %1: %2"_s.arg(path, text));
    }
    for (const QString& pragma : { u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s,
             u"PRAGMA foreign_keys=ON"_s, u"PRAGMA busy_timeout=%1"_s.arg(BusyTimeoutMs) }) {
        if (auto r = exec(db, pragma); !r)
            return r.error();
    }
    if (integrity == IntegrityCheck::AlreadyChecked)
        return db;
    QSqlQuery check(db);
    if (!check.exec(u"PRAGMA quick_check"_s) || !check.next()
        || check.value(0).toString() != u"ok"_s) {
        const QString detail
            = check.isActive() ? check.value(0).toString() : check.lastError().text();
        db.close();
        return makeError(u"db_corrupt"_s, u"%1 failed its integrity check: %2"_s.arg(path, detail));
    }
    return db;
}

void closeDatabase(const QString& connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

int userVersion(QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (query.exec(u"PRAGMA user_version"_s) && query.next())
        return query.value(0).toInt();
    return -1;
}

Result<int> migrate(QSqlDatabase& db, const std::vector<Migration>& migrations)
{
    int current = userVersion(db);
    if (current < 0)
        return makeError(u"db_version"_s, u"cannot read the schema version"_s);
    for (const auto& step : migrations) {
        if (step.version <= current)
            continue;
        if (!db.transaction())
            return makeError(u"sql_error"_s, db.lastError().text());
        auto applied = step.apply(db);
        if (applied) {
            applied = exec(db, u"PRAGMA user_version = %1"_s.arg(step.version));
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
    return current;
}

} // namespace safeloop::core
