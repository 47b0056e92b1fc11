#pragma once

#include "devicestore.h"
#include "positionprovider.h"
#include "qmlenums.h"

#include <QAbstractListModel>
#include <QDate>
#include <QDateTime>
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
    HazardEventKind::Value eventKind, const QString& enterpriseName);

/// A list model over typed rows: each subclass keeps a `QList<…Row>` of its own row struct,
/// names its roles in a `Role` enum (`roleNames()` gives QML the camelCase names delegates
/// declare as required properties) and answers `data()` by switching on that enum.
/// `count` and `get(row)` (a plain map of every role, for QML code that keeps a row) come
/// from here.
class RowListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    explicit RowListModel(QObject* parent);
    /// Every role of `row` by its role name; empty for a row out of range.
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void countChanged();

protected:
    /// Replaces `rows` (the subclass's list) with `next`, as one model reset.
    template <typename Row>
    void replaceRows(QList<Row>& rows, QList<Row> next)
    {
        const bool countChanges = next.size() != rows.size();
        beginResetModel();
        rows = std::move(next);
        endResetModel();
        if (countChanges)
            Q_EMIT countChanged();
    }
    /// Tells views that every role of `row` may have changed.
    void rowChanged(int row);
    /// The row of `index`, or -1 when `index` is not one of this model's rows.
    int rowOf(const QModelIndex& index) const;
};

/// A RowListModel that reads its rows from a DeviceStore (the QML singleton unless `store` is
/// set) and reloads whenever that store opens or records a change.
class StoreBoundListModel : public safeloop::app::RowListModel {
    Q_OBJECT
    QML_ANONYMOUS
    /// The device store the rows come from.
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)

public:
    explicit StoreBoundListModel(QObject* parent);
    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    /// Reads the rows again (no-op while the store is closed).
    Q_INVOKABLE virtual void reload() = 0;

Q_SIGNALS:
    void storeChanged();

private:
    QPointer<DeviceStore> m_store;
};

/// One row of EnterpriseSearchModel.
struct EnterpriseSearchRow {
    QString uscc;
    QString name;
    QString street;
    QString address;
    QString industryCode;
    QString riskGrade; ///< wire word (red, orange, yellow, blue), as RiskGradeBadge takes it
    double distanceM = -1; ///< metres from the fix; -1 = unknown
    bool operator==(const EnterpriseSearchRow&) const = default;
};

/// Enterprises matching `query` (name, credit code or street); nearest first when a GPS fix is
/// set (`fix`, e.g. a PositionProvider's), otherwise by name. Rows: EnterpriseSearchRow.
class EnterpriseSearchModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    /// Where the user is; distances are unknown while it is not `valid`.
    Q_PROPERTY(safeloop::app::PositionFix fix READ fix WRITE setFix NOTIFY positionChanged)
    /// True while the enterprises are being read.
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

public:
    enum Role {
        UsccRole = Qt::UserRole + 1,
        NameRole,
        StreetRole,
        AddressRole,
        IndustryCodeRole,
        RiskGradeRole,
        DistanceMRole,
    };

    explicit EnterpriseSearchModel(QObject* parent = nullptr);
    QString query() const { return m_query; }
    void setQuery(const QString& q);
    PositionFix fix() const { return m_fix; }
    void setFix(const PositionFix& fix);
    bool loading() const { return m_loading; }
    void reload() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    const QList<EnterpriseSearchRow>& rows() const { return m_rows; }

Q_SIGNALS:
    void queryChanged();
    void positionChanged();
    void loadingChanged();

private:
    void refilter();
    QList<QJsonObject> m_all;
    QList<EnterpriseSearchRow> m_rows;
    QString m_query;
    PositionFix m_fix;
    bool m_loading = false;
};

/// One row of HazardListModel.
struct HazardListRow {
    QString id;
    QString enterpriseId;
    QString enterpriseName;
    QString inspectionId;
    QString itemCode;
    QString description;
    QString place;
    QString level; ///< wire word: general | major
    QString category;
    QString basis;
    QString measure;
    QDate deadline;
    HazardStatus::Value status = HazardStatus::Unknown;
    bool overdue = false;
    int daysLeft = 0;
    int photoCount = 0;
    /// The 销号 of a verified hazard: when (invalid otherwise) and by whom.
    QDateTime closedAt;
    QString closedBy;
    /// Days since the enterprise submitted; -1 unless submitted.
    int submittedDays = -1;
    /// The 10-day re-inspection of a submission is late.
    bool reinspectionOverdue = false;
    bool operator==(const HazardListRow&) const = default;
};

/// Hazards, overdue first, then by deadline. Filters: `enterpriseId` (empty = all in scope),
/// `statuses` (HazardStatus values; empty = everything not verified), `overdueOnly`,
/// `dueWithinDays` (≥ 0: only overdue ones and those due within that many days), `source`
/// (HazardSource; Inspection: the inspectors' hazards only — an enterprise's tasks — also in
/// `counts`).
/// Roles (HazardListRow): id, hazardId (= id, for HazardRow's required property), enterpriseId,
/// enterpriseName, inspectionId, itemCode, description, place, level, category, basis, measure,
/// deadline (ISO date), status (HazardStatus), overdue, daysLeft, photoCount, closedAt,
/// closedBy, submittedDays, reinspectionOverdue. Verified ones come newest closure first.
class HazardListModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY filterChanged)
    /// HazardStatus values to list; empty: every status but Verified.
    Q_PROPERTY(QList<int> statuses READ statuses WRITE setStatuses NOTIFY filterChanged)
    Q_PROPERTY(QString inspectionId READ inspectionId WRITE setInspectionId NOTIFY filterChanged)
    Q_PROPERTY(bool overdueOnly READ overdueOnly WRITE setOverdueOnly NOTIFY filterChanged)
    Q_PROPERTY(int dueWithinDays READ dueWithinDays WRITE setDueWithinDays NOTIFY filterChanged)
    /// Who found the hazards listed and counted (HazardSource); Any: both.
    Q_PROPERTY(int source READ source WRITE setSource NOTIFY filterChanged)
    /// Counts over the enterprise and source filters alone (not narrowed by status): all (not
    /// verified), open (open + escalated: 待整改), submitted, rejected, verified, overdue, dueSoon
    /// (within 3 days, today included, not overdue).
    Q_PROPERTY(QVariantMap counts READ counts NOTIFY loaded)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        HazardIdRole,
        EnterpriseIdRole,
        EnterpriseNameRole,
        InspectionIdRole,
        ItemCodeRole,
        DescriptionRole,
        PlaceRole,
        LevelRole,
        CategoryRole,
        BasisRole,
        MeasureRole,
        DeadlineRole,
        StatusRole,
        OverdueRole,
        DaysLeftRole,
        PhotoCountRole,
        ClosedAtRole,
        ClosedByRole,
        SubmittedDaysRole,
        ReinspectionOverdueRole,
    };

    explicit HazardListModel(QObject* parent = nullptr);
    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString& v);
    QList<int> statuses() const { return m_statuses; }
    void setStatuses(const QList<int>& v);
    QString inspectionId() const { return m_inspectionId; }
    void setInspectionId(const QString& v);
    bool overdueOnly() const { return m_overdueOnly; }
    void setOverdueOnly(bool v);
    int dueWithinDays() const { return m_dueWithinDays; }
    void setDueWithinDays(int v);
    int source() const { return m_source; }
    void setSource(int v);
    QVariantMap counts() const { return m_counts; }
    void reload() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    const QList<HazardListRow>& rows() const { return m_rows; }

    /// Days ahead that count as "due soon".
    static constexpr int DueSoonDays = 3;

Q_SIGNALS:
    void filterChanged();
    void loaded();

private:
    QString m_enterpriseId;
    QList<int> m_statuses;
    QString m_inspectionId;
    bool m_overdueOnly = false;
    int m_dueWithinDays = -1;
    int m_source = HazardSource::Any;
    QVariantMap m_counts;
    QList<HazardListRow> m_rows;
};

/// One inspection as lists show it (InspectionListModel, EnterpriseController's history).
struct InspectionRow {
    QString id;
    QString enterpriseId;
    QString enterpriseName;
    QString kind; ///< wire word (plan, random, …), as the pages' kind labels take it
    QString mode; ///< wire word: enforcement | guidance
    InspectionStatus::Value status = InspectionStatus::Unknown;
    QDateTime startedAt;
    QDateTime finishedAt; ///< invalid while in progress
    int hazardCount = 0;
    bool operator==(const InspectionRow&) const = default;

    /// Which records a read lists: inspectors' inspections, or enterprises' own self-checks
    /// (kind self_check), which are no inspector's work.
    enum class Of { Inspections, SelfChecks };
    /// Inspections on the device (of one enterprise; empty = all), newest first.
    static QList<InspectionRow> read(
        core::LocalStore& st, const QString& enterpriseId, Of of = Of::Inspections);
    /// The row as a map with the role names of InspectionListModel (for QVariantList
    /// properties such as EnterpriseController::history).
    QVariantMap toMap() const;
};

/// Inspections on the device, newest first; `status` filters (InspectionStatus; Unknown = all,
/// InProgress = drafts). Roles (InspectionRow): id, inspectionId (= id, for delegates),
/// enterpriseId, enterpriseName, kind, mode, status (InspectionStatus), startedAt, finishedAt,
/// hazardCount.
class InspectionListModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT
    /// Only inspections with this status (Unknown: all).
    Q_PROPERTY(safeloop::app::InspectionStatus::Value status READ status WRITE setStatus NOTIFY
            statusChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        InspectionIdRole,
        EnterpriseIdRole,
        EnterpriseNameRole,
        KindRole,
        ModeRole,
        StatusRole,
        StartedAtRole,
        FinishedAtRole,
        HazardCountRole,
    };

    explicit InspectionListModel(QObject* parent = nullptr);
    InspectionStatus::Value status() const { return m_status; }
    void setStatus(InspectionStatus::Value v);
    void reload() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    const QList<InspectionRow>& rows() const { return m_rows; }

    /// `row`'s value of `role` (a Role), as data() answers it.
    static QVariant value(const InspectionRow& row, int role);
    /// roleNames() without a model.
    static QHash<int, QByteArray> roleNameTable();

Q_SIGNALS:
    void statusChanged();

private:
    InspectionStatus::Value m_status = InspectionStatus::Unknown;
    QList<InspectionRow> m_rows;
};

/// One checklist item of an inspection with its answer (ChecklistModel).
struct ChecklistRow {
    QString templateRef;
    QString templateTitle;
    QString code;
    QString text;
    QString basis;
    bool major = false;
    QString result; ///< wire word (pass, fail, na); empty = unanswered
    QString note;
    QVariantList photos; ///< PhotoStrip entries
    QStringList photoIds;
    QString hazardId;
    int index = 0;
    QString answerId; ///< empty until answered
    bool operator==(const ChecklistRow&) const = default;
};

/// The items of an inspection's templates in order, with their answers.
/// Roles (ChecklistRow): templateRef, templateTitle, code, text, basis, major, result ("" =
/// unanswered), note, photos (file URLs), photoIds, hazardId, index, answerId.
class ChecklistModel : public safeloop::app::RowListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by InspectionController")
public:
    enum Role {
        TemplateRefRole = Qt::UserRole + 1,
        TemplateTitleRole,
        CodeRole,
        TextRole,
        BasisRole,
        MajorRole,
        ResultRole,
        NoteRole,
        PhotosRole,
        PhotoIdsRole,
        HazardIdRole,
        IndexRole,
        AnswerIdRole,
    };

    explicit ChecklistModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    const QList<ChecklistRow>& items() const { return m_rows; }
    void setItems(QList<ChecklistRow> rows) { replaceRows(m_rows, std::move(rows)); }
    void setItem(int row, const ChecklistRow& value);
    int indexOf(const QString& code) const;

private:
    QList<ChecklistRow> m_rows;
};

} // namespace safeloop::app
