#pragma once

#include "workflowmodels.h"

namespace safeloop::app {

/// One row of PlannedInspectionModel: an enterprise a plan still waits for.
struct PlannedInspectionRow {
    QString enterpriseId;
    QString name;
    QString street;
    QString riskGrade; ///< wire word, as RiskGradeBadge takes it
    QString planId;
    QString planTitle;
    QString planKind; ///< plan wire kind, e.g. key / routine / random
    QString inspectionKind; ///< the inspection kind to start with: random or plan
    QString lastInspection; ///< ISO date of the latest finished inspection; "" if none
    QString draftId; ///< the inspector's unfinished inspection of it; "" if none
    bool hasDraft() const { return !draftId.isEmpty(); }
    bool operator==(const PlannedInspectionRow&) const = default;
};

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
/// Roles (PlannedInspectionRow): enterpriseId, name, street, riskGrade, planId, planTitle, planKind
/// (plan wire kind, e.g. key / routine / random), inspectionKind (the inspection kind to start
/// with: "random" for a 双随机 plan, otherwise "plan"), lastInspection (ISO date of the
/// enterprise's latest finished inspection by anyone, "" if none), hasDraft (an unfinished
/// inspection of it naming the inspector), draftId ("" if none).
class PlannedInspectionModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    /// The inspector the plans must name (empty: the store's signed-in user).
    Q_PROPERTY(QString inspectorId READ inspectorId WRITE setInspectorId NOTIFY filterChanged)
    /// The plan year (0: the district's current year from the store's clock).
    Q_PROPERTY(int year READ year WRITE setYear NOTIFY filterChanged)

public:
    enum Role {
        EnterpriseIdRole = Qt::UserRole + 1,
        NameRole,
        StreetRole,
        RiskGradeRole,
        PlanIdRole,
        PlanTitleRole,
        PlanKindRole,
        InspectionKindRole,
        LastInspectionRole,
        HasDraftRole,
        DraftIdRole,
    };

    explicit PlannedInspectionModel(QObject* parent = nullptr);
    QString inspectorId() const { return m_inspectorId; }
    void setInspectorId(const QString& v);
    int year() const { return m_year; }
    void setYear(int v);
    void reload() override;

    /// The rows for `inspectorId` in `year`, read from `store` (any thread's connection).
    static QList<PlannedInspectionRow> read(
        core::LocalStore& store, const QString& inspectorId, int year);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    const QList<PlannedInspectionRow>& rows() const { return m_rows; }

Q_SIGNALS:
    void filterChanged();
    /// A reload finished (rows may be unchanged).
    void loaded();

private:
    QString m_inspectorId;
    int m_year = 0;
    QList<PlannedInspectionRow> m_rows;
};

} // namespace safeloop::app
