#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

namespace safeloop::server {

/// Appends a change-log entry for a record written outside push (imports, seeding) or by push
/// itself, inside the caller's open transaction. The record must already be written: its scope
/// (enterprise, street) is read from it. The first append of a transaction takes the change-log
/// counter row lock (PostgreSQL: held to commit), so sequence order is commit order and a pull
/// cursor never skips a change committed later with a smaller number.
core::Result<void> appendChange(QSqlDatabase& db, const QString& entity, const QString& id);

/// Brings the `user` entity view of the `users` table up to date (wire `doc` for core's rules,
/// `enterprise_id` linked by credit code once the enterprise record exists) and appends a change
/// for every user it touched. Call inside a transaction after importing enterprises or users.
core::Result<void> refreshUserRecords(QSqlDatabase& db);

} // namespace safeloop::server
