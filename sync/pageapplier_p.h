#pragma once

#include "ledger.h"
#include "pullpage.h"

#include "core/localstore.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>

namespace safeloop::sync {

/// A page's changes with parents before the records that reference them (a hazard before its
/// events, an inspection before its answers) and removals last, children first, in the order of
/// core's entity table (core/entities.h; then conflicts, devices and unknown entities). The
/// server ships each record once per page at its latest change, so a hazard updated after its
/// order event was logged comes after that event; applied in page order, the event's foreign key
/// would fail and the page could never be applied.
/// Returns the positions of the changes in that order (each change's rank computed once).
QList<qsizetype> parentsFirst(const QList<PulledChange>& changes);

/// Writes one pull page into the device store, with its cursor, in one transaction: records
/// through core's RecordWriter, conflicts, devices and held-back children in sync's ledger.
class PageApplier {
public:
    PageApplier(core::LocalStore& store, Ledger& ledger);

    /// Applies `page` (each record's text is stored as it came). Nothing is written when the
    /// page is empty and its cursor is `storedCursor`. Sets `wrote` when a pulled record was
    /// written.
    core::Result<void> apply(const PulledPage& page, const QString& storedCursor, bool& wrote);

private:
    core::Result<void> applyChanges(const PulledPage& page, bool& wrote);
    core::Result<void> applyChange(const PulledChange& change);
    core::Result<void> removeRecord(const QString& entity, const QString& id);
    /// Children held back earlier whose parent has arrived now.
    core::Result<void> adoptHeld(bool& wrote);
    /// Whether a child's foreign-key parent (none: empty) is neither on the device nor in
    /// this page.
    bool parentMissing(const QString& parentEntity, const QString& parentId) const;

    core::LocalStore& m_store;
    Ledger& m_ledger;
    std::unique_ptr<core::RecordWriter> m_writer;
    QSet<QString> m_parentsInPage; ///< ids of the page's records that children hang on
};

} // namespace safeloop::sync
