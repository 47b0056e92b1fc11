#pragma once

// store_meta: the device store's key/value table (core only).

#include "database.h"
#include "result.h"

#include <QSqlQuery>
#include <QString>

namespace safeloop::core {

/// The value stored under `key` ("" when absent).
inline Result<QString> metaValue(QSqlDatabase& db, const QString& key)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM store_meta WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return sqlError(q);
    return q.next() ? q.value(0).toString() : QString();
}

/// Stores `value` under `key`, replacing what was there.
inline Result<void> setMeta(QSqlDatabase& db, const QString& key, const QString& value)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO store_meta (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return sqlError(q);
    return {};
}

} // namespace safeloop::core
