#include "pageapplier_p.h"

#include "core/domain.h"
#include "core/entities.h"
#include "core/mutation.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

namespace {

/// The hlc a pulled record carries (newest over its fields), if any.
QString newestHlc(const QJsonObject& fields)
{
    QString best = fields.value(u"hlc"_s).toString();
    const QJsonObject hlcs = fields.value(u"hlcs"_s).toObject();
    for (auto it = hlcs.begin(); it != hlcs.end(); ++it)
        if (it.value().toString() > best)
            best = it.value().toString();
    return best;
}

/// The record a child cannot be stored before (core's entity table: an answer's inspection,
/// an event's hazard), as (entity, id); empty for the rest.
std::pair<QString, QString> parentOf(const QString& entity, const QJsonObject& fields)
{
    const core::EntityInfo* info = core::entityInfo(entity);
    if (!info || !info->foreignKey)
        return {};
    return { info->parent, fields.value(info->parentField).toString() };
}

/// The ids of a page's records that foreign-key children hang on (hazards, inspections: the
/// parents a child may wait for).
QSet<QString> parentsIn(const QList<QJsonObject>& changes)
{
    QSet<QString> parentEntities;
    for (const auto& e : core::recordEntities())
        if (e.foreignKey)
            parentEntities.insert(e.parent);
    QSet<QString> ids;
    for (const auto& c : changes)
        if (parentEntities.contains(c.value(u"entity"_s).toString()))
            ids.insert(c.value(u"id"_s).toString());
    return ids;
}

core::StoredRecord recordOf(const QString& id, const QJsonObject& change)
{
    const QJsonObject fields = change.value(u"fields"_s).toObject();
    return { change.value(u"entity"_s).toString(), id, fields,
        change.value(u"versions"_s).toObject(), fields.value(u"deleted"_s).toBool() };
}

} // namespace

QList<qsizetype> parentsFirst(const QList<QJsonObject>& changes)
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
        const QJsonObject& c = changes.at(i);
        qsizetype r = rank.indexOf(c.value(u"entity"_s).toString());
        if (r < 0)
            r = rank.size();
        keyed.append({ c.value(u"op"_s).toString() == u"remove"_s ? 2 * rank.size() - r : r, i });
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
    const QJsonObject& page, const QByteArray& pageText, const QString& storedCursor, bool& wrote)
{
    const QJsonArray changeArray = page.value(u"changes"_s).toArray();
    QList<QJsonObject> changes;
    changes.reserve(changeArray.size());
    for (const auto& v : changeArray)
        changes.append(v.toObject());
    const QString nextCursor = page.value(u"cursor"_s).toString();
    // Nothing new and the cursor where it was (the no-op cycle): no write, so no commit to sync.
    if (changes.isEmpty() && nextCursor == storedCursor)
        return {};
    if (auto r = m_ledger.begin(); !r)
        return r;
    auto applied = applyChanges(changes, pageText, nextCursor, wrote);
    if (applied)
        applied = m_ledger.commit();
    if (!applied)
        m_ledger.rollback();
    return applied;
}

core::Result<void> PageApplier::applyChanges(const QList<QJsonObject>& changes,
    const QByteArray& pageText, const QString& nextCursor, bool& wrote)
{
    // The change log orders records by their latest change, so a rectification event or an
    // answer can arrive before its hazard or inspection (the parent changed later). Within a
    // page the foreign keys are checked at commit; a child whose parent is neither on the
    // device nor in this page waits in sync_orphans until a later page brings the parent.
    m_ledger.deferForeignKeys();
    m_parentsInPage = parentsIn(changes);
    // The text of each change's fields and versions as it arrived, bound as the record's doc and
    // versions instead of serialising the parsed objects again (when the text lines up with the
    // parsed changes; otherwise every record is serialised as before).
    std::optional<QList<ChangeText>> texts = changeTexts(pageText);
    if (texts && texts->size() != changes.size())
        texts.reset();
    // One prepared statement per entity for the whole page (the first sync is all puts), and one
    // lookup per parent entity.
    m_writer = m_store.recordWriter();
    QString newest;
    for (const qsizetype position : parentsFirst(changes)) {
        const QJsonObject& c = changes.at(position);
        wrote = true;
        const QString h = newestHlc(c.value(u"fields"_s).toObject());
        if (h > newest)
            newest = h;
        if (auto r = applyChange(c, texts ? &texts->at(position) : nullptr); !r)
            return r;
    }
    if (auto r = adoptHeld(wrote); !r)
        return r;
    // Core stamps local mutations from its clock; folding every received HLC into it keeps the
    // device's clock ahead of everything it has seen.
    if (!newest.isEmpty())
        if (auto r = m_store.observeHlc(newest); !r)
            return r;
    return m_ledger.setValue(u"cursor"_s, nextCursor);
}

core::Result<void> PageApplier::applyChange(const QJsonObject& c, const ChangeText* text)
{
    const QString entity = c.value(u"entity"_s).toString();
    const QString id = c.value(u"id"_s).toString();
    const bool remove = c.value(u"op"_s).toString() == u"remove"_s;
    const QJsonObject fields = c.value(u"fields"_s).toObject();
    if (entity == u"conflict"_s)
        return remove ? m_ledger.removeConflict(id) : m_ledger.putConflict(id, fields);
    if (entity == u"device"_s)
        return remove ? m_ledger.removeDevice(id) : m_ledger.putDevice(id, fields);
    if (core::tableOf(entity).isEmpty())
        return {}; // an entity this app version does not know: skip, never fail the page
    if (remove)
        return removeRecord(entity, id);
    if (parentMissing(entity, fields))
        return m_ledger.hold(id, parentOf(entity, fields).second, c);
    const core::StoredRecord record = recordOf(id, c);
    return text ? m_writer->store(record, text->fields, text->versions) : m_writer->store(record);
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

bool PageApplier::parentMissing(const QString& entity, const QJsonObject& fields) const
{
    const auto [parentEntity, parentId] = parentOf(entity, fields);
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
