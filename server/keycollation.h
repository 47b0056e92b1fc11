#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <vector>

namespace safeloop::server {

/// A table's text columns that hold keys, references, codes or machine-written instants.
struct KeyTextColumns {
    QString table;
    QStringList columns;
};

/// Every text column of the server schema that a key, an index or a join compares: ids and
/// references (`id`, `*_id`, `record_id`, `entity`), hashes and keys (`sha256`, `token_hash`,
/// `client_key`, …), the usernames and unified social credit codes accounts carry, codes
/// (status, level, kind, role) and RFC 3339 instants and dates. Free text (names, streets,
/// addresses, document prefixes, messages) and JSON (`doc`, `versions`, `hlcs`) are not here.
const std::vector<KeyTextColumns>& keyTextColumns();

/// On PostgreSQL, puts every column of keyTextColumns() in the "C" collation (bytewise
/// comparison, `memcmp`, instead of `strcoll` under the database's locale); the indexes on
/// them are rebuilt, the rows are not rewritten. Nothing to do on SQLite, whose text columns
/// already compare bytewise (BINARY). Server schema step 11.
core::Result<void> useBytewiseKeys(QSqlDatabase& db);

} // namespace safeloop::server
