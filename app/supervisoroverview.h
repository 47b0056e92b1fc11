#pragma once

#include "csvtable.h"
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
    /// "year" (default), "quarter" or "month": the calendar period holding today; "custom":
    /// the days given to setCustomPeriod().
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
    Q_PROPERTY(QVariantList byIndustry READ byIndustry NOTIFY loaded)
    /// 包保 leaders: {leader, enterprises, keyEnterprises, covered, keyCovered, openMajor,
    /// overdue}; inspectors: {id, name, inspections, hazards, perInspection, documents,
    /// complete}.
    Q_PROPERTY(QVariantList leaders READ leaders NOTIFY loaded)
    Q_PROPERTY(QVariantList inspectors READ inspectors NOTIFY loaded)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /// The list behind the last drillDown(): enterprise rows {id, name, street, riskGrade} or
    /// hazard rows {id, description, enterpriseName, status (HazardStatus), overdue, deadline,
    /// level}.
    Q_PROPERTY(QVariantList drill READ drill NOTIFY drillChanged)
    /// "enterprise" or "hazard": what `drill` lists.
    Q_PROPERTY(QString drillKind READ drillKind NOTIFY drillChanged)

public:
    explicit SupervisorOverview(QObject* parent = nullptr);

    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    QString periodKind() const { return m_choice.kind(); }
    void setPeriodKind(const QString& kind);
    QString from() const { return m_period.from.toString(Qt::ISODate); }
    QString to() const { return m_period.to.toString(Qt::ISODate); }
    QVariantMap figures() const { return m_figures; }
    QVariantMap previous() const { return m_previous; }
    QVariantList byStreet() const { return m_byStreet; }
    QVariantList byRiskGrade() const { return m_byGrade; }
    QVariantList byIndustry() const { return m_byIndustry; }
    QVariantList leaders() const { return m_leaders; }
    QVariantList inspectors() const { return m_inspectors; }
    bool loading() const { return m_loading; }
    QVariantList drill() const { return m_drill; }
    QString drillKind() const { return m_drillKind; }

    Q_INVOKABLE void reload();
    /// Shows the days `from` … `to` (ISO dates, both included; periodKind becomes "custom").
    /// False, and nothing changes, when either is not a date or `from` is after `to`.
    Q_INVOKABLE bool setCustomPeriod(const QString& from, const QString& to);
    /// Lists what is behind figure `figure` (a key of `figures` that counts enterprises or
    /// hazards: covered, notCovered, keyNotCovered, registered, found, foundMajor, rectified,
    /// overdue, plansDone, plansDue, plansOverdue), narrowed to a street, risk grade or
    /// industry when `by` is "street", "riskGrade" or "industry" with `key`. Unknown figures
    /// list nothing.
    Q_INVOKABLE void drillDown(
        const QString& figure, const QString& by = {}, const QString& key = {});

    /// The flat figures QML reads: enterprises, covered, coverageRate, keyNotCovered,
    /// plansPlanned, plansDone, plansDue, plansOverdue, found, foundMajor, rectified,
    /// rectifiedRate, majorRectified, majorRectifiedRate, overdue, overdueRate,
    /// medianDaysToClose (-1 = none), reinspections, reinspectionsOnTime,
    /// reinspectionsOnTimeRate, selfChecks (enterprises' self-checks finished in the period),
    /// selfCheckEnterprises.
    static QVariantMap figuresOf(const core::metrics::Overview& o);

    /// A list of this page as a CSV table, columns as the page shows them, headers in the UI
    /// language: "drill" (the last drillDown), "street", "riskGrade" and "industry" (coverage
    /// groups),
    /// "leaders", "inspectors". Nullopt for any other name.
    std::optional<CsvTable> table(const QString& list) const;
    /// Writes table(`list`) to `path` (a local path or file:// URL) and returns the local path
    /// written; empty, and nothing written, for an unknown list or a path that cannot be written.
    Q_INVOKABLE QString exportCsv(const QString& list, const QString& path) const;
    /// Writes the overview of the period shown as a PDF report (OverviewReport: the tiles with
    /// their trends, the charts, the definitions) to `path` (a local path or file:// URL) on a
    /// worker thread. reportExported() follows with the local path written, or an empty one —
    /// and nothing written — when nothing is loaded yet or the file cannot be written there.
    Q_INVOKABLE void exportReport(const QString& path);
    /// How the overview names a risk grade (wire name; "" = 未登记).
    static QString riskGradeText(const QString& grade);

Q_SIGNALS:
    void storeChanged();
    void periodKindChanged();
    void loaded();
    void loadingChanged();
    void drillChanged();
    /// An exportReport() finished: the local path written, empty when it failed.
    void reportExported(const QString& path);

private:
    QPointer<DeviceStore> m_store;
    core::metrics::PeriodChoice m_choice;
    core::metrics::Period m_period;
    QVariantMap m_figures, m_previous;
    QVariantList m_byStreet, m_byGrade, m_byIndustry, m_leaders, m_inspectors, m_drill;
    QString m_drillKind;
    bool m_loading = false;
};

} // namespace safeloop::app

namespace safeloop::app {

/// One row of DeviceHealthModel.
struct DeviceHealthRow {
    QString id;
    QString userName;
    QString appVersion;
    QDateTime lastSuccess; ///< invalid = never
    qint64 daysSilent = -1; ///< -1 = never synced
    bool silent = false;
    int pendingMutations = 0;
    int pendingBlobs = 0;
    qint64 clockSkewMs = 0;
    QString lastError; ///< what stops the device's sync; empty when nothing does
    QString lastErrorCode; ///< lastError's reason as a code; empty from devices that send none
    bool operator==(const DeviceHealthRow&) const = default;
};

/// 设备: every device of the district as the server last heard it — user, app version, last
/// successful sync, pending mutations and photos, clock skew — devices silent for more than
/// `SilentDays` days first (longest silent first) and flagged, then by user.
/// Roles (DeviceHealthRow): id, userName, appVersion, lastSuccess (date-time, invalid = never),
/// daysSilent
/// (-1 = never synced), silent, pendingMutations, pendingBlobs, clockSkewMs, lastError (what
/// stops the device's sync, e.g. a pull page it gave up on; empty when nothing does),
/// lastErrorCode (its reason as SyncStatus.reason's code, e.g. "pull_stuck", for the page to
/// put in words; empty from apps that do not send one).
class DeviceHealthModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    /// Devices flagged silent.
    Q_PROPERTY(int silentCount READ silentCount NOTIFY loaded)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        UserNameRole,
        AppVersionRole,
        LastSuccessRole,
        DaysSilentRole,
        SilentRole,
        PendingMutationsRole,
        PendingBlobsRole,
        ClockSkewMsRole,
        LastErrorRole,
        LastErrorCodeRole,
    };

    explicit DeviceHealthModel(QObject* parent = nullptr);
    void reload() override;
    int silentCount() const { return m_silent; }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    const QList<DeviceHealthRow>& rows() const { return m_rows; }
    /// The list as the page shows it: user, version, last sync, days silent, pending records,
    /// pending photos, sync error.
    CsvTable table() const;
    /// Writes table() to `path` (a local path or file:// URL); the local path written, or empty
    /// and nothing written when it cannot be written.
    Q_INVOKABLE QString exportCsv(const QString& path) const;

    static constexpr int SilentDays = 3;

Q_SIGNALS:
    void loaded();

private:
    int m_silent = 0;
    QList<DeviceHealthRow> m_rows;
};

} // namespace safeloop::app

namespace safeloop::app {

/// 双随机 (random draw) on the register this device holds: filters (streets, risk grades), a
/// count or a share, key (重大/较大) enterprises forced in when asked, two inspectors per
/// enterprise from the district's badged inspectors, from a seed that is shown and stored with
/// the result so anyone can re-run it (core::metrics::draw, docs/metrics.md). The result can be
/// exported as CSV for publication (一公开).
class RandomDraw : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)
    /// Streets that can be filtered on (from the register).
    Q_PROPERTY(QStringList streets READ streets NOTIFY optionsChanged)
    /// The drawn enterprises: {enterpriseId, name, street, riskGrade, inspectorA, inspectorB
    /// (names), inspectorAId, inspectorBId, forced}.
    Q_PROPERTY(QVariantList picks READ picks NOTIFY drawn)
    /// The seed of the last draw (decimal) and the size of the pool it drew from.
    Q_PROPERTY(QString seed READ seed NOTIFY drawn)
    Q_PROPERTY(int poolSize READ poolSize NOTIFY drawn)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY drawn)
    /// How many of the last draw's picks became planned inspections (issuePlans), and why the
    /// rest did not ("" when all did).
    Q_PROPERTY(int issuedCount READ issuedCount NOTIFY issuedChanged)
    Q_PROPERTY(QString issueError READ issueError NOTIFY issuedChanged)

public:
    explicit RandomDraw(QObject* parent = nullptr);
    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    QStringList streets() const { return m_streets; }
    QVariantList picks() const { return m_picks; }
    QString seed() const { return m_seed; }
    int poolSize() const { return m_poolSize; }
    QString errorMessage() const { return m_error; }
    int issuedCount() const { return m_issued; }
    QString issueError() const { return m_issueError; }

    /// A fresh seed (decimal) for a new draw.
    Q_INVOKABLE QString newSeed() const;
    /// Draws `count` enterprises (or `percent` % of the pool when count ≤ 0) from the register
    /// narrowed to `streets` and `grades` (wire names; empty = all), forcing in every key
    /// enterprise of the filtered register when `forceKey`, from `seed` (decimal). Emits drawn().
    Q_INVOKABLE void run(const QStringList& streets, const QStringList& grades, int count,
        int percent, bool forceKey, const QString& seed);
    /// Writes the last draw as CSV (CsvTable: UTF-8 with BOM): seed and pool size first, then
    /// one row per enterprise. Returns the local path written; empty, and nothing written, when
    /// nothing is drawn or the file cannot be written.
    Q_INVOKABLE QString exportCsv(const QString& path) const;
    /// The table exportCsv() writes.
    CsvTable table() const;
    /// Issues the last draw as planned inspections (kind `random`, this year): one plan per
    /// drawn enterprise naming its two inspectors, so each sees it on 今日 after their sync.
    /// Once per draw: a second call issues nothing. A plan the store refuses stops the rest
    /// (issueError says which); those issued before it stay.
    Q_INVOKABLE void issuePlans();

Q_SIGNALS:
    void storeChanged();
    void optionsChanged();
    void drawn();
    void issuedChanged();

private:
    void loadOptions();

    QPointer<DeviceStore> m_store;
    QStringList m_streets;
    QVariantList m_picks;
    QString m_seed;
    int m_poolSize = 0;
    QString m_error;
    int m_issued = 0;
    bool m_issuing = false;
    QString m_issueError;
};

} // namespace safeloop::app
