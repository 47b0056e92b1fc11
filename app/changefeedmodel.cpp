#include "changefeedmodel.h"

using namespace Qt::StringLiterals;

namespace safeloop::app {

ChangeFeedModel::ChangeFeedModel(QObject* parent)
    : StoreBoundListModel(parent)
{
    reload();
}

int ChangeFeedModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ChangeFeedModel::data(const QModelIndex& index, int role) const
{
    const int row = rowOf(index);
    if (row < 0)
        return {};
    const ChangeFeedRow& r = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case DescriptionRole:
        return r.description;
    case IdRole:
        return r.id;
    case HazardIdRole:
        return r.hazardId;
    case KindRole:
        return static_cast<int>(r.kind);
    case AtRole:
        return r.at;
    case NoteRole:
        return r.note;
    }
    return {};
}

QHash<int, QByteArray> ChangeFeedModel::roleNames() const
{
    return { { IdRole, "id" }, { HazardIdRole, "hazardId" }, { KindRole, "kind" }, { AtRole, "at" },
        { DescriptionRole, "description" }, { NoteRole, "note" } };
}

void ChangeFeedModel::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QString me = s->userId();
    const QDateTime firstLook = s->now().addDays(-FirstLookBackDays);
    s->run<QList<ChangeFeedRow>>(
        this,
        [me, firstLook](core::LocalStore& st) {
            QList<ChangeFeedRow> rows;
            auto seen = st.changesSeenAt();
            const QDateTime since = seen && seen->isValid() ? *seen : firstLook;
            auto events = st.rectificationEventsSince(since, me);
            if (!events)
                return rows;
            for (const auto& e : *events) {
                const HazardEventKind::Value kind
                    = HazardEventKind::fromStored(e.value(u"kind"_s).toString());
                if (kind == HazardEventKind::Submit)
                    continue; // the enterprise's own answers are no news to it
                const QString hazardId = e.value(u"hazard_id"_s).toString();
                QString description;
                if (auto h = st.records(u"hazard"_s, core::LocalStore::Link::Id, hazardId);
                    h && !h->isEmpty())
                    description = h->first().value(u"description"_s).toString();
                else
                    continue; // a hazard no longer on the device (deleted, out of scope)
                rows.append({ e.value(u"id"_s).toString(), hazardId, kind,
                    core::parseTimestamp(e.value(u"updated_at"_s).toString()).value_or(QDateTime()),
                    description, e.value(u"note"_s).toString() });
            }
            return rows;
        },
        [this](const QList<ChangeFeedRow>& rows) {
            replaceRows(m_rows, rows);
            Q_EMIT loaded();
        });
}

void ChangeFeedModel::markSeen()
{
    DeviceStore* s = store();
    if (!s->ready() || m_rows.isEmpty())
        return;
    // The newest change listed, in the time the records carry (the server's clock for pulled
    // ones), so a device clock that runs wrong neither hides nor repeats a change.
    QDateTime newest;
    for (const auto& row : std::as_const(m_rows))
        newest = std::max(newest, row.at);
    s->run<core::Result<void>>(
        this, [newest](core::LocalStore& st) { return st.markChangesSeen(newest); },
        [this](const core::Result<void>& r) {
            if (r)
                reload();
        });
}

} // namespace safeloop::app
