#pragma once

#include "core/localstore.h"

#include <QSqlDatabase>

namespace safeloop::core {

/// Test-only: the store's own connection, for the few checks that only it can answer (what is
/// per connection: `total_changes()`, `PRAGMA synchronous`). core declares this friend and only
/// tests define it (scripts/check-layers.sh fails on it anywhere else). Everything else a test
/// wants from the file it asks the store, or reads through test::FileConnection.
struct LocalStoreTestAccess {
    static QSqlDatabase& connection(LocalStore& store) { return store.m_db; }
};

} // namespace safeloop::core
