#pragma once

#include "workflowmodels.h"

namespace safeloop::app {

/// "Planned for me" (今日计划): the enterprises of this year's plans that name the inspector and
/// that the plan's team has not inspected yet this year, red before orange before yellow before
/// blue (unknown grade last), then by name.
///
/// Done means: a finished inspection of the enterprise, started in `year` (district time), that
/// lists at least one inspector of the plan (the plan's `inspector_ids`, the "team", which always
/// includes `inspectorId`). Any kind counts: a 双随机 or 包保 visit by the team also covers the
/// annual plan. An enterprise in several open plans is listed once, under the first plan by
/// title. Enterprises a plan names but this device does not hold (outside the inspector's
/// streets) are left out, since their page cannot open.
///
/// Roles: enterpriseId, name, street, riskGrade, planId, planTitle, planKind (plan wire kind,
/// e.g. key / routine / random), inspectionKind (the inspection kind to start with: "random"
/// for a 双随机 plan, otherwise "plan"), lastInspection (ISO date of the enterprise's latest
/// finished inspection by anyone, "" if none), hasDraft (an unfinished inspection of it naming
/// the inspector), draftId ("" if none).
class PlannedInspectionModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    /// The inspector the plans must name (empty: the store's signed-in user).
    Q_PROPERTY(QString inspectorId READ inspectorId WRITE setInspectorId NOTIFY filterChanged)
    /// The plan year (0: the district's current year from the store's clock).
    Q_PROPERTY(int year READ year WRITE setYear NOTIFY filterChanged)

public:
    explicit PlannedInspectionModel(QObject* parent = nullptr);
    QString inspectorId() const { return m_inspectorId; }
    void setInspectorId(const QString& v);
    int year() const { return m_year; }
    void setYear(int v);
    void reload() override;

    /// The rows for `inspectorId` in `year`, read from `store` (any thread's connection).
    static QList<QVariantMap> read(core::LocalStore& store, const QString& inspectorId, int year);

Q_SIGNALS:
    void filterChanged();
    /// A reload finished (rows may be unchanged).
    void loaded();

private:
    QString m_inspectorId;
    int m_year = 0;
};

} // namespace safeloop::app
