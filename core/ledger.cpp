#include "ledger.h"

#include "storemeta_p.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace safeloop::core {

Result<int> migrateLedger(QSqlDatabase& db, const LedgerSchema& schema)
{
    const QString key = u"schema."_s + schema.owner;
    auto stored = metaValue(db, key);
    if (!stored)
        return stored.error();
    int current = stored->toInt();
    for (const auto& step : schema.migrations) {
        if (step.version <= current)
            continue;
        if (!db.transaction())
            return makeError(u"sql_error"_s, db.lastError().text());
        auto applied = step.apply(db);
        if (applied)
            applied = setMeta(db, key, QString::number(step.version));
        if (!applied) {
            db.rollback();
            return makeError(u"migration_failed"_s,
                u"%1 migration to version %2 failed: %3"_s.arg(schema.owner)
                    .arg(step.version)
                    .arg(applied.error().message));
        }
        if (!db.commit())
            return makeError(u"sql_error"_s, db.lastError().text());
        current = step.version;
    }
    return current;
}

} // namespace safeloop::core
