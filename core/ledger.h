#pragma once

#include "database.h"
#include "result.h"

#include <QSqlDatabase>
#include <QString>

#include <vector>

namespace safeloop::sync {
class Ledger;
} // namespace safeloop::sync

namespace safeloop::core {

/// The schema of the tables a module other than core keeps in the device database (sync's
/// ledger). Registered in LocalStore::Options::ledgers, its steps run with core's migration
/// runner when the store opens, numbered on their own: the owner's version is kept in
/// `store_meta` under `schema.<owner>`, beside core's `user_version` (core's numbered schema is
/// shared with the server and must not collide with a device-only step).
struct LedgerSchema {
    QString owner; ///< `sync`
    std::vector<Migration> migrations; ///< versions 1, 2, … of the owner's tables
};

/// Runs the steps of `schema` above the owner's recorded version, in order, each in its own
/// transaction together with the new version. A failed step rolls back and leaves the version
/// where it was. Returns the owner's version.
Result<int> migrateLedger(QSqlDatabase& db, const LedgerSchema& schema);

/// Proof of being the owner of ledger tables that runs SQL on them: only sync::Ledger can make
/// one (a private constructor and a friend), so only it can ask LocalStore::ledgerConnection for
/// the store's connection. Everyone else reaches device data through typed calls.
class LedgerKey {
    friend class safeloop::sync::Ledger;
    LedgerKey() = default;
};

} // namespace safeloop::core
