#include "changefeedmodel.h"

using namespace Qt::StringLiterals;

namespace safeloop::app {

ChangeFeedModel::ChangeFeedModel(QObject* parent)
    : StoreBoundListModel(
        { u"id"_s, u"hazardId"_s, u"kind"_s, u"at"_s, u"description"_s, u"note"_s }, parent)
{
    reload();
}

void ChangeFeedModel::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const QString me = s->userId();
    const QDateTime firstLook = s->now().addDays(-FirstLookBackDays);
    s->run<QList<QVariantMap>>(
        this,
        [me, firstLook](core::LocalStore& st) {
            QList<QVariantMap> rows;
            auto seen = st.changesSeenAt();
            const QDateTime since = seen && seen->isValid() ? *seen : firstLook;
            auto events = st.rectificationEventsSince(since, me);
            if (!events)
                return rows;
            for (const auto& e : *events) {
                const QString kind = e.value(u"kind"_s).toString();
                if (kind == u"submit"_s)
                    continue; // the enterprise's own answers are no news to it
                const QString hazardId = e.value(u"hazard_id"_s).toString();
                QString description;
                if (auto h = st.records(u"hazard"_s, core::LocalStore::Link::Id, hazardId);
                    h && !h->isEmpty())
                    description = h->first().value(u"description"_s).toString();
                else
                    continue; // a hazard no longer on the device (deleted, out of scope)
                rows.append(QVariantMap { { u"id"_s, e.value(u"id"_s).toString() },
                    { u"hazardId"_s, hazardId }, { u"kind"_s, kind },
                    { u"at"_s,
                        core::parseTimestamp(e.value(u"updated_at"_s).toString())
                            .value_or(QDateTime()) },
                    { u"description"_s, description },
                    { u"note"_s, e.value(u"note"_s).toString() } });
            }
            return rows;
        },
        [this](const QList<QVariantMap>& rows) {
            setRows(rows);
            Q_EMIT loaded();
        });
}

void ChangeFeedModel::markSeen()
{
    DeviceStore* s = store();
    if (!s->ready() || rows().isEmpty())
        return;
    // The newest change listed, in the time the records carry (the server's clock for pulled
    // ones), so a device clock that runs wrong neither hides nor repeats a change.
    QDateTime newest;
    for (const auto& row : rows())
        newest = std::max(newest, row.value(u"at"_s).toDateTime());
    s->run<core::Result<void>>(
        this, [newest](core::LocalStore& st) { return st.markChangesSeen(newest); },
        [this](const core::Result<void>& r) {
            if (r)
                reload();
        });
}

} // namespace safeloop::app
