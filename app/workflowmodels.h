#pragma once

#include "devicestore.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

// Base classes are written fully qualified: Qt 6.4's qmltyperegistrar drops a prototype named
// without its namespace, and qmllint then loses `count`, `store` and the model's base type.

/// The name to show for the actor `id` of a rectification event or finding: the user's name
/// when the device holds the user; otherwise, for an enterprise's submission, the enterprise's
/// name, and for anything else the word 检查人员 (an enterprise's device holds no inspector's
/// user record, and an id means nothing to a reader).
QString actorDisplayName(const QHash<QString, QString>& userNames, const QString& id,
    const QString& eventKind, const QString& enterpriseName);

/// A list model over QVariantMap rows whose role names are fixed per subclass.
class RowListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    RowListModel(QStringList roles, QObject* parent);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE QVariantMap get(int row) const;
    const QList<QVariantMap>& rows() const { return m_rows; }

Q_SIGNALS:
    void countChanged();

protected:
    void setRows(QList<QVariantMap> rows);
    void updateRow(int row, const QVariantMap& values);

private:
    QStringList m_roles;
    QList<QVariantMap> m_rows;
};

/// A RowListModel that reads its rows from a DeviceStore (the QML singleton unless `store` is
/// set) and reloads whenever that store opens or records a change.
class StoreBoundListModel : public safeloop::app::RowListModel {
    Q_OBJECT
    QML_ANONYMOUS
    /// The device store the rows come from.
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)

public:
    StoreBoundListModel(QStringList roles, QObject* parent);
    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    /// Reads the rows again (no-op while the store is closed).
    Q_INVOKABLE virtual void reload() = 0;

Q_SIGNALS:
    void storeChanged();

private:
    QPointer<DeviceStore> m_store;
};

/// Enterprises matching `query` (name, credit code or street); nearest first when a GPS fix is
/// set (`hasFix`, `latitude`, `longitude`), otherwise by name.
/// Roles: uscc, name, street, address, industryCode, riskGrade, distanceM (-1 = unknown).
class EnterpriseSearchModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(bool hasFix READ hasFix WRITE setHasFix NOTIFY positionChanged)
    Q_PROPERTY(double latitude READ latitude WRITE setLatitude NOTIFY positionChanged)
    Q_PROPERTY(double longitude READ longitude WRITE setLongitude NOTIFY positionChanged)
    /// True while the enterprises are being read.
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

public:
    explicit EnterpriseSearchModel(QObject* parent = nullptr);
    QString query() const { return m_query; }
    void setQuery(const QString& q);
    bool hasFix() const { return m_hasFix; }
    void setHasFix(bool v);
    double latitude() const { return m_lat; }
    void setLatitude(double v);
    double longitude() const { return m_lon; }
    void setLongitude(double v);
    bool loading() const { return m_loading; }
    void reload() override;

Q_SIGNALS:
    void queryChanged();
    void positionChanged();
    void loadingChanged();

private:
    void refilter();
    QList<QJsonObject> m_all;
    QString m_query;
    bool m_hasFix = false;
    double m_lat = 0;
    double m_lon = 0;
    bool m_loading = false;
};

/// Hazards, overdue first, then by deadline. Filters: `enterpriseId` (empty = all in scope),
/// `statuses` (wire values; empty = everything not verified), `overdueOnly`, `dueWithinDays`
/// (≥ 0: only overdue ones and those due within that many days).
/// Roles: id, enterpriseId, enterpriseName, inspectionId, itemCode, description, place, level,
/// category, basis, measure, deadline (ISO date), status, overdue, daysLeft, photoCount,
/// hazardId (= id, for HazardRow's required property), and for verified hazards closedAt
/// (date-time of the 销号) and closedBy (the inspector's name); verified ones come newest
/// closure first. Submitted hazards also carry submittedDays (days since the enterprise
/// submitted; -1 otherwise) and reinspectionOverdue (the 10-day re-inspection is late).
class HazardListModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY filterChanged)
    Q_PROPERTY(QStringList statuses READ statuses WRITE setStatuses NOTIFY filterChanged)
    Q_PROPERTY(QString inspectionId READ inspectionId WRITE setInspectionId NOTIFY filterChanged)
    Q_PROPERTY(bool overdueOnly READ overdueOnly WRITE setOverdueOnly NOTIFY filterChanged)
    Q_PROPERTY(int dueWithinDays READ dueWithinDays WRITE setDueWithinDays NOTIFY filterChanged)
    /// Counts over the enterprise filter alone (not narrowed by status): all (not verified),
    /// open (open + escalated: 待整改), submitted, rejected, verified, overdue, dueSoon (within
    /// 3 days, today included, not overdue).
    Q_PROPERTY(QVariantMap counts READ counts NOTIFY loaded)

public:
    explicit HazardListModel(QObject* parent = nullptr);
    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString& v);
    QStringList statuses() const { return m_statuses; }
    void setStatuses(const QStringList& v);
    QString inspectionId() const { return m_inspectionId; }
    void setInspectionId(const QString& v);
    bool overdueOnly() const { return m_overdueOnly; }
    void setOverdueOnly(bool v);
    int dueWithinDays() const { return m_dueWithinDays; }
    void setDueWithinDays(int v);
    QVariantMap counts() const { return m_counts; }
    void reload() override;

    /// Days ahead that count as "due soon".
    static constexpr int DueSoonDays = 3;

Q_SIGNALS:
    void filterChanged();
    void loaded();

private:
    QString m_enterpriseId;
    QStringList m_statuses;
    QString m_inspectionId;
    bool m_overdueOnly = false;
    int m_dueWithinDays = -1;
    QVariantMap m_counts;
};

/// Inspections on the device, newest first; `status` filters by wire status ("in_progress" =
/// drafts; empty = all). Roles: id, inspectionId (= id, for delegates), enterpriseId,
/// enterpriseName, kind, mode, status, startedAt, finishedAt, hazardCount.
class InspectionListModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    /// Only inspections with this status (empty: all).
    Q_PROPERTY(QString status READ status WRITE setStatus NOTIFY statusChanged)

public:
    explicit InspectionListModel(QObject* parent = nullptr);
    QString status() const { return m_status; }
    void setStatus(const QString& v);
    void reload() override;

Q_SIGNALS:
    void statusChanged();

private:
    QString m_status;
};

/// The items of an inspection's templates in order, with their answers.
/// Roles: templateRef, templateTitle, code, text, basis, major, result ("" = unanswered), note,
/// photos (file URLs), photoIds, hazardId, index.
class ChecklistModel : public safeloop::app::RowListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by InspectionController")
public:
    explicit ChecklistModel(QObject* parent = nullptr);
    void reset(QList<QVariantMap> rows) { setRows(std::move(rows)); }
    void update(int row, const QVariantMap& values) { updateRow(row, values); }
    int indexOf(const QString& code) const;
};

} // namespace safeloop::app
