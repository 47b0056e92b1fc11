#include "hazardpicklists.h"

#include "storebinding.h"

#include "core/rules.h"

using namespace Qt::StringLiterals;

namespace safeloop::app {

HazardPickLists::HazardPickLists(QObject* parent)
    : QObject(parent)
    , m_categories(core::rules::hazardCategories())
{
    followStore(this, m_store, &HazardPickLists::reload);
}

DeviceStore* HazardPickLists::store() const
{
    return boundStore(m_store);
}

void HazardPickLists::setStore(DeviceStore* s)
{
    if (!rebindStore(this, m_store, s, &HazardPickLists::reload))
        return;
    Q_EMIT storeChanged();
    reload();
}

void HazardPickLists::setEnterpriseId(const QString& id)
{
    if (id == m_enterpriseId)
        return;
    m_enterpriseId = id;
    Q_EMIT enterpriseIdChanged();
    reload();
}

void HazardPickLists::reload()
{
    if (m_enterpriseId.isEmpty())
        return;
    const QString enterpriseId = m_enterpriseId;
    store()->run<core::Result<core::HazardPickLists>>(
        this, [enterpriseId](core::LocalStore& st) { return st.hazardPickLists(enterpriseId); },
        [this, enterpriseId](const core::Result<core::HazardPickLists>& r) {
            if (!r || enterpriseId != m_enterpriseId)
                return;
            m_places = r->places;
            m_categories = r->categories;
            m_remembered = static_cast<int>(m_categories.size());
            for (const QString& usual : core::rules::hazardCategories())
                if (!m_categories.contains(usual))
                    m_categories << usual;
            Q_EMIT loaded();
        });
}

} // namespace safeloop::app
