#include "schema.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

QString entityTable(const QString& name, const QString& promoted)
{
    return u"CREATE TABLE %1 (id TEXT PRIMARY KEY, %2 doc TEXT NOT NULL, versions TEXT NOT NULL, "
           u"hlcs TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
           u"deleted INTEGER NOT NULL DEFAULT 0)"_s.arg(name, promoted);
}

Result<void> v1(QSqlDatabase& db)
{
    const QStringList statements {
        entityTable(u"enterprises"_s, u"street TEXT, risk_grade TEXT,"_s),
        entityTable(u"users"_s, u"role TEXT, enterprise_id TEXT,"_s),
        entityTable(u"templates"_s, u"code TEXT NOT NULL, version INTEGER NOT NULL,"_s),
        entityTable(u"inspections"_s,
            u"enterprise_id TEXT NOT NULL, started_at TEXT NOT NULL, status TEXT NOT NULL,"_s),
        entityTable(u"answers"_s,
            u"inspection_id TEXT NOT NULL REFERENCES inspections(id), "
            u"item_code TEXT NOT NULL,"_s),
        entityTable(u"hazards"_s,
            u"enterprise_id TEXT NOT NULL, inspection_id TEXT, "
            u"status TEXT NOT NULL, level TEXT NOT NULL, deadline TEXT NOT NULL,"_s),
        entityTable(u"rectification_events"_s,
            u"hazard_id TEXT NOT NULL REFERENCES hazards(id), kind TEXT NOT NULL,"_s),
        entityTable(u"comments"_s, u"record_id TEXT NOT NULL,"_s),
        entityTable(u"attachments"_s, u"mime TEXT, size BIGINT,"_s),
        entityTable(u"plans"_s, u"year INTEGER,"_s),
        u"CREATE TABLE conflicts (id TEXT PRIMARY KEY, entity TEXT NOT NULL, record_id TEXT NOT "
        u"NULL, "
        u"field TEXT NOT NULL, user_id TEXT, kept_value TEXT, lost_value TEXT, kept_hlc TEXT, "
        u"lost_hlc TEXT, reason TEXT NOT NULL, created_at TEXT NOT NULL)"_s,
        u"CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, "
        u"device_id TEXT, action TEXT NOT NULL, entity TEXT, entity_id TEXT, args TEXT NOT NULL, "
        u"prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"_s,
        u"CREATE TABLE outbox (id BIGINT PRIMARY KEY, name TEXT NOT NULL, entity_id TEXT NOT NULL, "
        u"hlc TEXT NOT NULL, base TEXT NOT NULL, args TEXT NOT NULL, created_at TEXT NOT NULL)"_s,
        u"CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE INDEX hazards_by_enterprise ON hazards (enterprise_id, status, deadline)"_s,
        u"CREATE INDEX hazards_by_status ON hazards (status, deadline)"_s,
        u"CREATE INDEX hazards_by_deadline ON hazards (deadline)"_s,
        u"CREATE INDEX inspections_by_enterprise ON inspections (enterprise_id, started_at)"_s,
        u"CREATE INDEX inspections_by_date ON inspections (started_at)"_s,
        u"CREATE UNIQUE INDEX answers_by_item ON answers (inspection_id, item_code)"_s,
        u"CREATE INDEX events_by_hazard ON rectification_events (hazard_id, created_at)"_s,
        u"CREATE INDEX comments_by_record ON comments (record_id)"_s,
        u"CREATE INDEX conflicts_by_record ON conflicts (record_id)"_s,
    };
    for (const auto& sql : statements)
        if (auto r = exec(db, sql); !r)
            return r;
    return {};
}

/// Indexes of the supervisor's figures (docs/metrics.md): hazards by the instant they were
/// recorded (covering what the figures read, so the scan never reads `doc`), by enterprise
/// (covering, for the standing figures of a leader's enterprises), by inspection, by id with
/// the deleted flag (whether a hazard is live without reading its row), and
/// rectification events by kind and time and by hazard and kind.
Result<void> v2(QSqlDatabase& db)
{
    const QStringList statements {
        u"CREATE INDEX hazards_by_created ON hazards "
        u"(created_at, deleted, status, level, deadline, updated_at, enterprise_id, "
        u"inspection_id, id)"_s,
        u"CREATE INDEX hazards_by_enterprise_state ON hazards "
        u"(enterprise_id, deleted, status, level, deadline, created_at, updated_at, id)"_s,
        u"CREATE INDEX hazards_by_inspection ON hazards (inspection_id, deleted)"_s,
        u"CREATE INDEX hazards_live ON hazards (id, deleted)"_s,
        u"CREATE INDEX events_by_kind ON rectification_events (kind, created_at, hazard_id)"_s,
        u"CREATE INDEX events_by_hazard_kind ON rectification_events "
        u"(hazard_id, kind, created_at)"_s,
    };
    for (const auto& sql : statements)
        if (auto r = exec(db, sql); !r)
            return r;
    return {};
}

/// Recorded conflicts of interest (回避), which the random draw keeps apart.
Result<void> v3(QSqlDatabase& db)
{
    const QStringList statements {
        entityTable(u"recusals"_s, u"inspector_id TEXT NOT NULL, enterprise_id TEXT NOT NULL,"_s),
        u"CREATE INDEX recusals_by_enterprise ON recusals (enterprise_id, inspector_id)"_s,
    };
    for (const auto& sql : statements)
        if (auto r = exec(db, sql); !r)
            return r;
    return {};
}

/// The documents an inspector issued (document.issue): the enterprise's inspection history
/// lists them by inspection.
Result<void> v4(QSqlDatabase& db)
{
    const QStringList statements {
        entityTable(u"documents"_s,
            u"enterprise_id TEXT NOT NULL, inspection_id TEXT, kind TEXT NOT NULL,"_s),
        u"CREATE INDEX documents_by_enterprise ON documents (enterprise_id, inspection_id)"_s,
        u"CREATE INDEX documents_by_inspection ON documents (inspection_id)"_s,
    };
    for (const auto& sql : statements)
        if (auto r = exec(db, sql); !r)
            return r;
    return {};
}

} // namespace

const std::vector<Migration>& schemaMigrations()
{
    static const std::vector<Migration> steps { { 1, &v1 }, { 2, &v2 }, { 3, &v3 }, { 4, &v4 } };
    return steps;
}

Result<int> migrateSchema(QSqlDatabase& db)
{
    return migrate(db, schemaMigrations());
}

} // namespace safeloop::core
