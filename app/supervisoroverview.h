#pragma once

#include "devicestore.h"
#include "workflowmodels.h"

#include "core/metrics.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// The supervisor's 概览 for a period of the district data on this device: every figure of
/// core::metrics::Overview with the same figure of the previous period of equal length (the
/// tile's trend), the coverage by street and risk grade, and the lists behind a figure
/// (drillDown). Computed on the store thread; reloads whenever the store changes.
class SupervisorOverview : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)
    /// "year" (default), "quarter" or "month": the calendar period holding today.
    Q_PROPERTY(QString periodKind READ periodKind WRITE setPeriodKind NOTIFY periodKindChanged)
    /// The period's first and last day (ISO dates, Asia/Shanghai).
    Q_PROPERTY(QString from READ from NOTIFY loaded)
    Q_PROPERTY(QString to READ to NOTIFY loaded)
    /// The figures (see figuresOf) of the period and of the one before it.
    Q_PROPERTY(QVariantMap figures READ figures NOTIFY loaded)
    Q_PROPERTY(QVariantMap previous READ previous NOTIFY loaded)
    /// Coverage groups: {key, covered, registered, rate}.
    Q_PROPERTY(QVariantList byStreet READ byStreet NOTIFY loaded)
    Q_PROPERTY(QVariantList byRiskGrade READ byRiskGrade NOTIFY loaded)
    /// 包保 leaders: {leader, enterprises, keyEnterprises, covered, keyCovered, openMajor,
    /// overdue}; inspectors: {id, name, inspections, hazards, perInspection, documents,
    /// complete}.
    Q_PROPERTY(QVariantList leaders READ leaders NOTIFY loaded)
    Q_PROPERTY(QVariantList inspectors READ inspectors NOTIFY loaded)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /// The list behind the last drillDown(): enterprise rows {id, name, street, riskGrade} or
    /// hazard rows {id, description, enterpriseName, status, deadline, level}.
    Q_PROPERTY(QVariantList drill READ drill NOTIFY drillChanged)
    /// "enterprise" or "hazard": what `drill` lists.
    Q_PROPERTY(QString drillKind READ drillKind NOTIFY drillChanged)

public:
    explicit SupervisorOverview(QObject* parent = nullptr);

    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    QString periodKind() const { return m_kind; }
    void setPeriodKind(const QString& kind);
    QString from() const { return m_period.from.toString(Qt::ISODate); }
    QString to() const { return m_period.to.toString(Qt::ISODate); }
    QVariantMap figures() const { return m_figures; }
    QVariantMap previous() const { return m_previous; }
    QVariantList byStreet() const { return m_byStreet; }
    QVariantList byRiskGrade() const { return m_byGrade; }
    QVariantList leaders() const { return m_leaders; }
    QVariantList inspectors() const { return m_inspectors; }
    bool loading() const { return m_loading; }
    QVariantList drill() const { return m_drill; }
    QString drillKind() const { return m_drillKind; }

    Q_INVOKABLE void reload();
    /// Lists what is behind figure `figure` (a key of `figures` that counts enterprises or
    /// hazards: covered, notCovered, keyNotCovered, registered, found, foundMajor, rectified,
    /// overdue, plansDone, plansDue, plansOverdue), narrowed to a street or risk grade when
    /// `by` is "street" or "riskGrade" with `key`. Unknown figures list nothing.
    Q_INVOKABLE void drillDown(
        const QString& figure, const QString& by = {}, const QString& key = {});

    /// The flat figures QML reads: enterprises, covered, coverageRate, keyNotCovered,
    /// plansPlanned, plansDone, plansDue, plansOverdue, found, foundMajor, rectified,
    /// rectifiedRate, majorRectified, majorRectifiedRate, overdue, overdueRate,
    /// medianDaysToClose (-1 = none), reinspections, reinspectionsOnTime,
    /// reinspectionsOnTimeRate.
    static QVariantMap figuresOf(const core::metrics::Overview& o);

Q_SIGNALS:
    void storeChanged();
    void periodKindChanged();
    void loaded();
    void loadingChanged();
    void drillChanged();

private:
    core::metrics::Period periodFor(QDate today) const;

    QPointer<DeviceStore> m_store;
    QString m_kind = QStringLiteral("year");
    core::metrics::Period m_period;
    QVariantMap m_figures, m_previous;
    QVariantList m_byStreet, m_byGrade, m_leaders, m_inspectors, m_drill;
    QString m_drillKind;
    bool m_loading = false;
};

} // namespace safeloop::app

namespace safeloop::app {

/// 设备: every device of the district as the server last heard it — user, app version, last
/// successful sync, pending mutations and photos, clock skew — devices silent for more than
/// `SilentDays` days first (longest silent first) and flagged, then by user.
/// Roles: id, userName, appVersion, lastSuccess (date-time, invalid = never), daysSilent
/// (-1 = never synced), silent, pendingMutations, pendingBlobs, clockSkewMs.
class DeviceHealthModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    /// Devices flagged silent.
    Q_PROPERTY(int silentCount READ silentCount NOTIFY loaded)

public:
    explicit DeviceHealthModel(QObject* parent = nullptr);
    void reload() override;
    int silentCount() const { return m_silent; }

    static constexpr int SilentDays = 3;

Q_SIGNALS:
    void loaded();

private:
    int m_silent = 0;
};

} // namespace safeloop::app
