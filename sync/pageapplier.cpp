#include "pageapplier_p.h"

#include "core/domain.h"
#include "core/entities.h"
#include "core/mutation.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

namespace {

/// The record a child cannot be stored before (core's entity table: an answer's inspection,
/// an event's hazard), as (entity, id); empty for the rest.
bool isAscii(QByteArrayView utf8)
{
    for (const char b : utf8)
        if (static_cast<unsigned char>(b) >= 0x80)
            return false;
    return true;
}

std::pair<QString, QString> parentOf(const QString& entity, const core::FieldLookup& field)
{
    const core::EntityInfo* info = core::entityInfo(entity);
    if (!info || !info->foreignKey)
        return {};
    return { info->parent, field(info->parentField).toString() };
}

std::pair<QString, QString> parentOf(const QString& entity, const QJsonObject& fields)
{
    return parentOf(entity, [&fields](const QString& key) { return fields.value(key); });
}

/// The ids of a page's records that foreign-key children hang on (hazards, inspections: the
/// parents a child may wait for).
QSet<QString> parentsIn(const QList<PulledChange>& changes)
{
    QSet<QString> parentEntities;
    for (const auto& e : core::recordEntities())
        if (e.foreignKey)
            parentEntities.insert(e.parent);
    QSet<QString> ids;
    for (const auto& c : changes)
        if (parentEntities.contains(c.entity))
            ids.insert(c.id);
    return ids;
}

core::StoredRecord recordOf(const QString& id, const QJsonObject& change)
{
    const QJsonObject fields = change.value(u"fields"_s).toObject();
    return { change.value(u"entity"_s).toString(), id, fields,
        change.value(u"versions"_s).toObject(), fields.value(u"deleted"_s).toBool() };
}

} // namespace

QList<qsizetype> parentsFirst(const QList<PulledChange>& changes)
{
    // Record entities in the entity table's order, then what only sync stores.
    static const QStringList rank = [] {
        QStringList names;
        for (const auto& e : core::recordEntities())
            names << e.name;
        return names << u"conflict"_s << u"device"_s;
    }();
    QList<std::pair<qsizetype, qsizetype>> keyed; // (rank key, position)
    keyed.reserve(changes.size());
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const PulledChange& c = changes.at(i);
        qsizetype r = rank.indexOf(c.entity);
        if (r < 0)
            r = rank.size();
        keyed.append({ c.remove ? 2 * rank.size() - r : r, i });
    }
    std::stable_sort(
        keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QList<qsizetype> order;
    order.reserve(keyed.size());
    for (const auto& k : std::as_const(keyed))
        order.append(k.second);
    return order;
}

PageApplier::PageApplier(core::LocalStore& store, Ledger& ledger)
    : m_store(store)
    , m_ledger(ledger)
{
}

core::Result<void> PageApplier::apply(
    const PulledPage& page, const QString& storedCursor, bool& wrote)
{
    // Nothing new and the cursor where it was (the no-op cycle): no write, so no commit to sync.
    if (page.changes.isEmpty() && page.cursor == storedCursor)
        return {};
    if (auto r = m_ledger.begin(); !r)
        return r;
    auto applied = applyChanges(page, wrote);
    if (applied)
        applied = m_ledger.commit();
    if (!applied)
        m_ledger.rollback();
    return applied;
}

core::Result<void> PageApplier::applyChanges(const PulledPage& page, bool& wrote)
{
    // The change log orders records by their latest change, so a rectification event or an
    // answer can arrive before its hazard or inspection (the parent changed later). Within a
    // page the foreign keys are checked at commit; a child whose parent is neither on the
    // device nor in this page waits in sync_orphans until a later page brings the parent.
    m_ledger.deferForeignKeys();
    m_parentsInPage = parentsIn(page.changes);
    // One prepared statement per entity for the whole page (the first sync is all puts), and one
    // lookup per parent entity.
    m_writer = m_store.recordWriter();
    QString newest;
    QByteArray scratch;
    for (const qsizetype position : parentsFirst(page.changes)) {
        const PulledChange& c = page.changes.at(position);
        wrote = true;
        // The greatest of the stamps seen so far, the change's `hlc` (a string; anything else
        // counts as "") and its `hlcs`; a QString is built only for a new greatest stamp.
        if (const core::FieldText hlc = c.fieldText("hlc"_L1, scratch); hlc.isString) {
            const bool greater = isAscii(hlc.utf8)
                ? QString::compare(newest, QLatin1StringView(hlc.utf8)) < 0
                : QString::fromUtf8(hlc.utf8) > newest;
            if (greater)
                newest = QString::fromUtf8(hlc.utf8);
        }
        newest = c.newestHlc(std::move(newest));
        if (auto r = applyChange(c); !r)
            return r;
    }
    if (auto r = adoptHeld(wrote); !r)
        return r;
    // Core stamps local mutations from its clock; folding every received HLC into it keeps the
    // device's clock ahead of everything it has seen.
    if (!newest.isEmpty())
        if (auto r = m_store.observeHlc(newest); !r)
            return r;
    return m_ledger.setValue(u"cursor"_s, page.cursor);
}

core::Result<void> PageApplier::applyChange(const PulledChange& c)
{
    if (c.entity == u"conflict"_s)
        return c.remove ? m_ledger.removeConflict(c.id) : m_ledger.putConflict(c.id, c.fields());
    if (c.entity == u"device"_s)
        return c.remove ? m_ledger.removeDevice(c.id) : m_ledger.putDevice(c.id, c.fields());
    if (core::tableOf(c.entity).isEmpty())
        return {}; // an entity this app version does not know: skip, never fail the page
    if (c.remove)
        return removeRecord(c.entity, c.id);
    // Single members read from the page's text: enough for the parent, the stamps and the
    // promoted columns; the record's fields are built only when it is written another way.
    const core::FieldLookup field = [&c](const QString& key) { return c.field(key); };
    const auto [parentEntity, parentId] = parentOf(c.entity, field);
    if (parentMissing(parentEntity, parentId))
        return m_ledger.hold(c.id, parentId, c.toObject());
    // The page's text of fields and versions is bound as the record's doc and versions, the
    // stamps and text columns as the page's UTF-8.
    const core::FieldTextLookup text
        = [&c](QLatin1StringView key, QByteArray& scratch) { return c.fieldText(key, scratch); };
    if (!c.fieldsText.isEmpty() && !c.versionsText.isEmpty() && core::RecordWriter::bindsText(text))
        return m_writer->storeText(c.entity, c.id, field, text, c.fieldsText, c.versionsText);
    const QJsonObject fields = c.fields();
    return m_writer->store(
        { c.entity, c.id, fields, c.versions(), fields.value(u"deleted"_s).toBool() });
}

core::Result<void> PageApplier::removeRecord(const QString& entity, const QString& id)
{
    // Out of scope (or deleted for good): the device no longer holds it, nor the rows that hang
    // on it (a hazard's events, an inspection's answers). Their own removes may come in a later
    // page or never (a soft delete sends one for the record only); left behind they would fail
    // the page's deferred foreign keys at commit, every cycle again. A child still held back for
    // this parent goes too.
    if (auto r = m_writer->remove(entity, id); !r)
        return r;
    return m_ledger.dropHeld(id);
}

bool PageApplier::parentMissing(const QString& parentEntity, const QString& parentId) const
{
    return !parentEntity.isEmpty() && !m_parentsInPage.contains(parentId)
        && !m_writer->holds(parentEntity, parentId);
}

core::Result<void> PageApplier::adoptHeld(bool& wrote)
{
    auto held = m_ledger.held();
    if (!held)
        return held.error();
    QStringList adopted;
    for (const HeldChange& h : std::as_const(held.value())) {
        const QString entity = h.change.value(u"entity"_s).toString();
        const auto [parentEntity, parentId]
            = parentOf(entity, h.change.value(u"fields"_s).toObject());
        if (!m_writer->holds(parentEntity, parentId))
            continue;
        if (auto r = m_writer->store(recordOf(h.id, h.change)); !r)
            return r;
        adopted << h.id;
        wrote = true;
    }
    for (const auto& id : std::as_const(adopted))
        if (auto r = m_ledger.forgetHeld(id); !r)
            return r;
    return {};
}

} // namespace safeloop::sync
