#pragma once

#include "devicestore.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// The hazard sheet's pick lists for one enterprise: the places and categories its hazards were
/// recorded with on this device, most recent first, and after them the district's usual
/// categories (core::rules::hazardCategories). Read on the store thread, again whenever the
/// store changes, so a place typed once is offered next time at the same enterprise.
class HazardPickLists : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(
        QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY enterpriseIdChanged)
    /// Places used at this enterprise, most recent first.
    Q_PROPERTY(QStringList places READ places NOTIFY loaded)
    /// Categories used at this enterprise, most recent first, then the usual ones.
    Q_PROPERTY(QStringList categories READ categories NOTIFY loaded)
    /// How many of `categories` come from this enterprise's own hazards.
    Q_PROPERTY(int rememberedCategories READ rememberedCategories NOTIFY loaded)

public:
    explicit HazardPickLists(QObject* parent = nullptr);

    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString& id);
    QStringList places() const { return m_places; }
    QStringList categories() const { return m_categories; }
    int rememberedCategories() const { return m_remembered; }

    /// Reads the lists again (no-op while the store is closed or no enterprise is set).
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void storeChanged();
    void enterpriseIdChanged();
    void loaded();

private:
    QPointer<DeviceStore> m_store;
    QString m_enterpriseId;
    QStringList m_places;
    QStringList m_categories;
    int m_remembered = 0;
};

} // namespace safeloop::app
