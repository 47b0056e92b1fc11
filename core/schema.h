#pragma once

#include "database.h"
#include "result.h"

#include <QSqlDatabase>

#include <vector>

namespace safeloop::core {

/// The current schema version (`PRAGMA user_version` on SQLite).
inline constexpr int SchemaVersion = 4;

/// Every schema step, portable SQL (SQLite and PostgreSQL): one table per entity with the
/// indexed columns promoted, `doc` (wire fields as JSON), `versions` (per-field versions),
/// `hlcs` (per-field HLC of the last write), created_at/updated_at, deleted 0/1.
const std::vector<Migration>& schemaMigrations();

/// Runs the migrations above on an open database.
Result<int> migrateSchema(QSqlDatabase& db);

} // namespace safeloop::core
