#include "recusals.h"

#include "storebinding.h"

#include "core/rules.h"
#include "core/uuid.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace safeloop::app {

Recusals::Recusals(QObject* parent)
    : QObject(parent)
{
    followStore(this, m_store, &Recusals::reload);
    reload();
}

DeviceStore* Recusals::store() const
{
    return boundStore(m_store);
}

void Recusals::setStore(DeviceStore* s)
{
    if (!rebindStore(this, m_store, s, &Recusals::reload))
        return;
    Q_EMIT storeChanged();
    reload();
}

void Recusals::reload()
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    struct Out {
        QVariantList rows;
        QVariantList inspectors;
        QList<Enterprise> enterprises;
    };
    s->run<Out>(
        this,
        [](core::LocalStore& st) {
            Out out;
            QHash<QString, QString> users;
            if (auto us = st.records(u"user"_s))
                for (const auto& u : *us) {
                    const QString id = u.value(u"id"_s).toString();
                    users.insert(id, u.value(u"name"_s).toString());
                    if (u.value(u"role"_s).toString() == u"inspector"_s
                        && !u.value(u"badge"_s).toString().isEmpty())
                        out.inspectors.append(
                            QVariantMap { { u"id"_s, id }, { u"name"_s, users.value(id) } });
                }
            std::sort(out.inspectors.begin(), out.inspectors.end(),
                [](const QVariant& a, const QVariant& b) {
                    return a.toMap().value(u"name"_s).toString().localeAwareCompare(
                               b.toMap().value(u"name"_s).toString())
                        < 0;
                });
            QHash<QString, QString> names;
            if (auto es = st.records(u"enterprise"_s))
                for (const auto& e : *es) {
                    Enterprise row { e.value(u"uscc"_s).toString(), e.value(u"name"_s).toString(),
                        e.value(u"street"_s).toString() };
                    names.insert(row.id, row.name);
                    out.enterprises.append(row);
                }
            std::sort(out.enterprises.begin(), out.enterprises.end(),
                [](const Enterprise& a, const Enterprise& b) {
                    return a.name.localeAwareCompare(b.name) < 0;
                });
            if (auto rs = st.recusals())
                for (const auto& r : *rs) {
                    const std::optional<QDateTime> at = core::parseTimestamp(r.meta.createdAt);
                    out.rows.append(QVariantMap { { u"id"_s, r.id },
                        { u"inspectorId"_s, r.inspectorId },
                        { u"inspector"_s, users.value(r.inspectorId, r.inspectorId) },
                        { u"enterpriseId"_s, r.enterpriseId },
                        { u"enterprise"_s, names.value(r.enterpriseId, r.enterpriseId) },
                        { u"reason"_s, r.reason },
                        { u"recordedOn"_s,
                            at ? core::rules::localDate(*at).toString(Qt::ISODate) : QString() } });
                }
            return out;
        },
        [this](const Out& out) {
            m_rows = out.rows;
            m_inspectors = out.inspectors;
            m_enterprises = out.enterprises;
            Q_EMIT loaded();
        });
}

QVariantList Recusals::enterprisesMatching(const QString& text, int limit) const
{
    QVariantList out;
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return out;
    for (const auto& e : m_enterprises) {
        if (out.size() >= limit)
            break;
        if (e.name.contains(needle, Qt::CaseInsensitive)
            || e.id.contains(needle, Qt::CaseInsensitive))
            out.append(QVariantMap {
                { u"id"_s, e.id }, { u"name"_s, e.name }, { u"street"_s, e.street } });
    }
    return out;
}

void Recusals::record(
    const QString& inspectorId, const QString& enterpriseId, const QString& reason)
{
    if (inspectorId.isEmpty()) {
        setError(tr("请选择需要回避的检查人员。"));
        Q_EMIT recorded(false);
        return;
    }
    if (enterpriseId.isEmpty()) {
        setError(tr("请选择企业。"));
        Q_EMIT recorded(false);
        return;
    }
    if (reason.trimmed().isEmpty()) {
        setError(tr("请填写回避原因。"));
        Q_EMIT recorded(false);
        return;
    }
    upsert(core::uuidv7(store()->now()),
        { { u"inspector_id"_s, inspectorId }, { u"enterprise_id"_s, enterpriseId },
            { u"reason"_s, reason.trimmed() }, { u"withdrawn"_s, false } },
        false);
}

void Recusals::withdraw(const QString& id)
{
    for (const auto& v : std::as_const(m_rows)) {
        const QVariantMap row = v.toMap();
        if (row.value(u"id"_s).toString() != id)
            continue;
        upsert(id,
            { { u"inspector_id"_s, row.value(u"inspectorId"_s).toString() },
                { u"enterprise_id"_s, row.value(u"enterpriseId"_s).toString() },
                { u"reason"_s, row.value(u"reason"_s).toString() }, { u"withdrawn"_s, true } },
            true);
        return;
    }
    setError(tr("这条回避记录已不存在。"));
    Q_EMIT withdrawn(false);
}

void Recusals::upsert(const QString& id, const QJsonObject& args, bool withdrawing)
{
    DeviceStore* s = store();
    if (!s->ready())
        return;
    const core::Actor actor = s->actor();
    s->run<QString>(
        this,
        [actor, id, args](core::LocalStore& st) {
            auto done = st.perform(actor, u"recusal.upsert"_s, id, args);
            return done ? QString() : describeError(done.error());
        },
        [this, s, withdrawing](const QString& error) {
            setError(error);
            if (error.isEmpty())
                s->notifyChanged();
            if (withdrawing)
                Q_EMIT withdrawn(error.isEmpty());
            else
                Q_EMIT recorded(error.isEmpty());
        });
}

void Recusals::setError(const QString& message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorMessageChanged();
}

} // namespace safeloop::app
