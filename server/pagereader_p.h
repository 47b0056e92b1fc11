#pragma once

#include "changelog.h"

#include "core/entities.h"
#include "core/mutation.h"
#include "core/result.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace safeloop::server::detail {

/// Reads the records of one pull page with one query per entity table (ids in chunks) instead
/// of one per record, and derives each record's scope from the loaded rows the way scopeOf()
/// does, falling back to scopeOf() for what the page did not load. Scopes are remembered for the
/// page, so a hundred hazards of one enterprise look that enterprise up once. Which entity hangs
/// on which, and by which column, comes from core's entity table (core/entities.h).
class PageReader {
public:
    PageReader(QSqlDatabase& db, QDate today);

    /// Whether a visible record of `entity` goes into a page as its stored `doc` and `versions`
    /// text (text()): every table the reader loads but hazards, whose `overdue` is derived.
    static bool shipsStoredText(const QString& entity);

    /// Loads the given ids of entity tables the reader knows; other entities are ignored.
    core::Result<void> load(const QHash<QString, QStringList>& idsByEntity);

    /// The record as loadRecord() returns it, if the page loaded it.
    std::optional<core::StoredRecord> record(const QString& entity, const QString& id) const;

    /// The stored `doc` and `versions` text (UTF-8) of a loaded record, for copying straight
    /// into the page; false if the page did not load it.
    bool text(
        const QString& entity, const QString& id, QByteArray& doc, QByteArray& versions) const;

    /// The record's scope now (see scopeOf()).
    core::Result<RecordScope> scope(const QString& entity, const QString& id);

private:
    struct Row {
        QByteArray doc;
        QByteArray versions;
        bool deleted = false;
        QString parent; ///< street (enterprise) or the parent record's id
        bool heldBack = false; ///< a hazard of an unfinished inspection (hazardHeldBackSql())
    };

    const Row* row(const QString& entity, const QString& id) const;
    core::Result<void> loadRows(const QString& entity, const QStringList& ids);
    core::Result<RecordScope> compute(const QString& entity, const QString& id);
    core::Result<RecordScope> parentScope(const core::EntityInfo& child, const Row& row);

    QSqlDatabase& m_db;
    QDate m_today;
    QHash<QString, QHash<QString, Row>> m_rows;
    QHash<std::pair<QString, QString>, RecordScope> m_scopes; ///< by (entity, id)
};

} // namespace safeloop::server::detail
