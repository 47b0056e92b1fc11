#include "pagereader_p.h"

#include "sqldialect.h"

#include "core/database.h"
#include "core/entities.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using safeloop::core::Result;
using safeloop::core::sqlError;

namespace safeloop::server::detail {

namespace {

/// The column a loaded row's `parent` comes from: an enterprise's street (its scope), the parent
/// field of an entity that hangs on another, NULL for the entities that hang on none. Empty for
/// what the reader does not load: users and attachments (the page builds them otherwise) and
/// entities core does not know.
QString parentColumn(const QString& entity)
{
    if (entity == u"enterprise"_s)
        return u"street"_s;
    if (entity == u"user"_s || entity == u"attachment"_s)
        return {};
    const core::EntityInfo* info = core::entityInfo(entity);
    if (!info)
        return {};
    return info->parentField.isEmpty() ? u"NULL"_s : info->parentField;
}

} // namespace

PageReader::PageReader(QSqlDatabase& db, QDate today)
    : m_db(db)
    , m_today(today)
{
}

bool PageReader::shipsStoredText(const QString& entity)
{
    return entity != u"hazard"_s && !parentColumn(entity).isEmpty();
}

Result<void> PageReader::load(const QHash<QString, QStringList>& idsByEntity)
{
    for (auto it = idsByEntity.constBegin(); it != idsByEntity.constEnd(); ++it)
        if (auto r = loadRows(it.key(), it.value()); !r)
            return r;
    // The enterprises that loaded records hanging on an enterprise belong to, for their scope.
    const QHash<QString, Row> enterprises = m_rows.value(u"enterprise"_s);
    QStringList parents;
    for (const auto& entity : core::recordEntities()) {
        if (entity.parent != u"enterprise"_s)
            continue;
        const QHash<QString, Row> children = m_rows.value(entity.name);
        for (const auto& child : children)
            if (!enterprises.contains(child.parent))
                parents << child.parent;
    }
    parents.removeDuplicates();
    return loadRows(u"enterprise"_s, parents);
}

const PageReader::Row* PageReader::row(const QString& entity, const QString& id) const
{
    const auto table = m_rows.constFind(entity);
    if (table == m_rows.constEnd())
        return nullptr;
    const auto found = table->constFind(id);
    return found == table->constEnd() ? nullptr : &found.value();
}

std::optional<core::StoredRecord> PageReader::record(const QString& entity, const QString& id) const
{
    const Row* loaded = row(entity, id);
    if (!loaded)
        return std::nullopt;
    return core::recordFromRow(entity, id, QString::fromUtf8(loaded->doc),
        QString::fromUtf8(loaded->versions), loaded->deleted, m_today);
}

bool PageReader::text(
    const QString& entity, const QString& id, QByteArray& doc, QByteArray& versions) const
{
    const Row* loaded = row(entity, id);
    if (!loaded)
        return false;
    doc = loaded->doc;
    versions = loaded->versions;
    return true;
}

Result<RecordScope> PageReader::scope(const QString& entity, const QString& id)
{
    const std::pair<QString, QString> key { entity, id };
    if (const auto hit = m_scopes.constFind(key); hit != m_scopes.constEnd())
        return hit.value();
    auto s = compute(entity, id);
    if (s)
        m_scopes.insert(key, s.value());
    return s;
}

Result<void> PageReader::loadRows(const QString& entity, const QStringList& ids)
{
    const QString column = parentColumn(entity);
    if (column.isEmpty() || ids.isEmpty())
        return {};
    auto& rows = m_rows[entity];
    rows.reserve(rows.size() + ids.size());
    // One statement for the page's ids of this table, passed as one JSON array (a list of
    // thousands of `?` costs the driver more than the rows).
    const QString members = isPostgres(m_db) ? u"SELECT json_array_elements_text(CAST(? AS json))"_s
                                             : u"SELECT value FROM json_each(?)"_s;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const QString table = core::tableOf(entity);
    const QString heldBack = entity == u"hazard"_s
        ? u"CASE WHEN %1 THEN 1 ELSE 0 END"_s.arg(hazardHeldBackSql(table))
        : u"0"_s;
    // SQLite hands the stored text over as its UTF-8 bytes when asked for a blob (no round trip
    // through UTF-16 and back per record); PostgreSQL's driver gives text.
    const bool postgres = isPostgres(m_db);
    const QString doc = postgres ? u"doc"_s : u"CAST(doc AS BLOB)"_s;
    const QString versions = postgres ? u"versions"_s : u"CAST(versions AS BLOB)"_s;
    if (!q.prepare(u"SELECT id, %1, %2, deleted, %3, %4 FROM %5 WHERE id IN (%6)"_s.arg(
            doc, versions, column, heldBack, table, members))) {
        return sqlError(q);
    }
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return sqlError(q);
    const auto utf8 = [&q](int at) {
        const QVariant v = q.value(at);
        return v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8();
    };
    while (q.next())
        rows.insert(q.value(0).toString(),
            Row { utf8(1), utf8(2), q.value(3).toInt() != 0, q.value(4).toString(),
                q.value(5).toInt() != 0 });
    return {};
}

/// scopeOf() for a loaded row; scopeOf() itself for anything else.
Result<RecordScope> PageReader::compute(const QString& entity, const QString& id)
{
    const Row* loaded = row(entity, id);
    if (!loaded)
        return scopeOf(m_db, entity, id);
    if (entity == u"enterprise"_s) {
        RecordScope s;
        s.enterpriseId = id;
        s.enterpriseVisible = true;
        s.exists = true;
        s.street = loaded->parent;
        s.deleted = loaded->deleted;
        return s;
    }
    const core::EntityInfo* info = core::entityInfo(entity);
    if (!info || info->parent.isEmpty()) { // templates and plans
        RecordScope s;
        s.exists = true;
        s.deleted = loaded->deleted;
        s.enterpriseVisible = entity == u"template"_s;
        return s;
    }
    auto parent = parentScope(*info, *loaded);
    if (!parent)
        return parent;
    RecordScope out = parent.value();
    out.exists = true;
    out.deleted = loaded->deleted;
    if ((entity == u"inspection"_s && !isSelfCheckDoc(loaded->doc)) || loaded->heldBack)
        out.enterpriseVisible = false;
    return out;
}

/// The scope of the record a row of `child` hangs on (core's entity table). A comment hangs on a
/// hazard or, when no hazard has its record id, an inspection.
Result<RecordScope> PageReader::parentScope(const core::EntityInfo& child, const Row& row)
{
    auto parent = scope(child.parent, row.parent);
    if (child.name == u"comment"_s && parent && !parent->exists)
        parent = scope(u"inspection"_s, row.parent);
    return parent;
}

} // namespace safeloop::server::detail
