#include "keycollation.h"

#include "core/database.h"
#include "sqldialect.h"

using namespace Qt::StringLiterals;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

/// The columns every record table (core's entity tables) shares.
QStringList record(QStringList promoted)
{
    return QStringList { u"id"_s } + promoted + QStringList { u"created_at"_s, u"updated_at"_s };
}

} // namespace

const std::vector<KeyTextColumns>& keyTextColumns()
{
    // Both sides of every join are here: PostgreSQL uses an index only for a comparison in the
    // index's collation, so a reference in the database default joined to an id in "C" would
    // stop using the reference's index.
    static const std::vector<KeyTextColumns> columns {
        // Core's record tables (the server's `users` are the accounts, below).
        { u"enterprises"_s, record({ u"risk_grade"_s }) },
        { u"templates"_s, record({ u"code"_s }) },
        { u"inspections"_s, record({ u"enterprise_id"_s, u"started_at"_s, u"status"_s }) },
        { u"answers"_s, record({ u"inspection_id"_s, u"item_code"_s }) },
        { u"hazards"_s,
            record({ u"enterprise_id"_s, u"inspection_id"_s, u"status"_s, u"level"_s,
                u"deadline"_s }) },
        { u"rectification_events"_s, record({ u"hazard_id"_s, u"kind"_s }) },
        { u"comments"_s, record({ u"record_id"_s }) },
        { u"attachments"_s, record({ u"mime"_s }) },
        { u"plans"_s, record({}) },
        { u"recusals"_s, record({ u"inspector_id"_s, u"enterprise_id"_s }) },
        { u"documents"_s, record({ u"enterprise_id"_s, u"inspection_id"_s, u"kind"_s }) },
        { u"conflicts"_s,
            { u"id"_s, u"entity"_s, u"record_id"_s, u"field"_s, u"user_id"_s, u"created_at"_s } },
        { u"store_meta"_s, { u"key"_s } },
        // The server's own tables.
        { u"server_meta"_s, { u"key"_s } },
        { u"users"_s,
            { u"id"_s, u"username"_s, u"role"_s, u"enterprise_uscc"_s, u"enterprise_id"_s,
                u"created_at"_s, u"updated_at"_s, u"doc_at"_s } },
        { u"device_logins"_s, { u"id"_s, u"user_id"_s, u"device_id"_s } },
        { u"auth_tokens"_s,
            { u"token_hash"_s, u"device_login_id"_s, u"kind"_s, u"replaced_by"_s } },
        { u"login_failures"_s, { u"scope_key"_s } },
        { u"document_counters"_s, { u"kind"_s } },
        { u"document_blocks"_s, { u"id"_s, u"kind"_s, u"device_login_id"_s, u"user_id"_s } },
        { u"document_voids"_s, { u"kind"_s, u"block_id"_s } },
        { u"issued_documents"_s, { u"kind"_s, u"document_id"_s, u"block_id"_s } },
        { u"change_log"_s, { u"entity"_s, u"record_id"_s, u"enterprise_id"_s } },
        { u"push_clients"_s, { u"client_key"_s, u"client_id"_s, u"user_id"_s } },
        { u"push_results"_s, { u"client_key"_s, u"status"_s } },
        { u"devices"_s, { u"id"_s, u"user_id"_s, u"created_at"_s, u"updated_at"_s } },
        { u"blob_refs"_s, { u"sha256"_s, u"entity"_s, u"record_id"_s } },
        { u"blob_uploads"_s, { u"sha256"_s, u"user_id"_s } },
        { u"blob_objects"_s, { u"sha256"_s } },
        { u"blob_partials"_s, { u"sha256"_s, u"owner"_s, u"upload_key"_s } },
        { u"blob_chunks"_s, { u"blob_key"_s } },
    };
    return columns;
}

Result<void> useBytewiseKeys(QSqlDatabase& db)
{
    if (!isPostgres(db))
        return {};
    for (const KeyTextColumns& t : keyTextColumns()) {
        // One statement per table: its indexes are rebuilt once, whatever the number of columns.
        QStringList changes;
        for (const QString& column : t.columns)
            changes << u"ALTER COLUMN %1 TYPE TEXT COLLATE \"C\""_s.arg(column);
        if (auto r = core::exec(db, u"ALTER TABLE %1 %2"_s.arg(t.table, changes.join(u", "_s))); !r)
            return r;
    }
    return {};
}

} // namespace safeloop::server
