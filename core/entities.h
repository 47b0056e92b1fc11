#pragma once

#include <QList>
#include <QString>

namespace safeloop::core {

/// One record entity as the device and the server store it: the wire name, its table and the
/// record it hangs on. The one place that says which entity is whose child; sync (pull order,
/// held-back children, removals) and core (rejected creates) read it.
struct EntityInfo {
    QString name; ///< wire entity name: hazard, answer, …
    QString table; ///< record table: hazards, answers, …
    QString parent; ///< the entity it hangs on (empty: none); comment: hazard or inspection
    QString parentField; ///< the field (and promoted column) naming the parent
    /// The parent is a foreign key on the device: the child cannot be stored before the parent
    /// and goes when the parent goes (answers of an inspection, events of a hazard).
    bool foreignKey = false;
};

/// Every record entity, parents before the entities that hang on them.
const QList<EntityInfo>& recordEntities();
/// The entity named `name`, or null if there is none.
const EntityInfo* entityInfo(const QString& name);
/// The entities whose records hang on a record of `parent` by foreign key.
QList<EntityInfo> foreignKeyChildren(const QString& parent);

} // namespace safeloop::core
