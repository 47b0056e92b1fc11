#pragma once

#include "devicestore.h"
#include "positionprovider.h"
#include "qmlenums.h"
#include "workflowmodels.h"

#include "core/rules.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// One step of a hazard's legal history (HazardEventModel).
struct HazardEventRow {
    QString id; ///< the event's id (the hazard's for Found)
    HazardEventKind::Value kind = HazardEventKind::Unknown;
    QString actorId;
    QString actorName;
    QDateTime at;
    QString note;
    QVariantList photos; ///< PhotoStrip entries
    QString
        documentNumber; ///< the order's 指令书 number, a decision's 复查意见书 number, when known
    RecordSyncState::Value syncState = RecordSyncState::Confirmed;
    // A submission's report.
    QString completedOn; ///< ISO date or ""
    QString responsible;
    double cost = -1; ///< yuan; -1 = not given
    bool operator==(const HazardEventRow&) const = default;
};

/// A hazard's legal history, oldest first: Found (the hazard recorded), then its rectification
/// events Order (整改指令), Submit (evidence), Reject, Verify (销号), Escalate.
/// Roles (HazardEventRow): id, kind (HazardEventKind), actorId, actorName, at (date-time),
/// note, photos (PhotoStrip entries), documentNumber, syncState (RecordSyncState: Pending or
/// Confirmed), and a submission's report: completedOn (ISO date or ""), responsible, cost
/// (yuan, -1 = none).
class HazardEventModel : public safeloop::app::RowListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by HazardDetail")
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        KindRole,
        ActorIdRole,
        ActorNameRole,
        AtRole,
        NoteRole,
        PhotosRole,
        DocumentNumberRole,
        SyncStateRole,
        CompletedOnRole,
        ResponsibleRole,
        CostRole,
    };

    explicit HazardEventModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    const QList<HazardEventRow>& rows() const { return m_rows; }
    void reset(QList<HazardEventRow> rows) { replaceRows(m_rows, std::move(rows)); }

private:
    QList<HazardEventRow> m_rows;
};

/// Everything the device knows about one hazard, read from the local store and read again
/// whenever the store changes (own mutations, sync pulls): the record, its enterprise and
/// inspection, the GPS fix with its warnings, photos before and after, the event timeline, the
/// rectification order's number and PDF, comments and sync states. Also the inspector's
/// deadline extension (hazard.update). ReinspectionController builds on it.
class HazardDetail : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString hazardId READ hazardId WRITE setHazardId NOTIFY hazardIdChanged)
    /// True once the hazard was read; false while loading or when the device does not hold it.
    Q_PROPERTY(bool found READ found NOTIFY loaded)
    /// Hazard wire fields (description, place, level, category, basis, measure, deadline,
    /// status, overdue, created_at, …) plus id, enterprise_name and, for a hazard from an
    /// inspection's checklist item, item_checklist (the checklist's name) and item_text.
    Q_PROPERTY(QVariantMap hazard READ hazard NOTIFY loaded)
    /// The hazard's status (Unknown while not found).
    Q_PROPERTY(safeloop::app::HazardStatus::Value status READ status NOTIFY loaded)
    Q_PROPERTY(bool overdue READ overdue NOTIFY loaded)
    Q_PROPERTY(bool major READ major NOTIFY loaded)
    /// Days from today to the deadline (negative when overdue).
    Q_PROPERTY(int daysLeft READ daysLeft NOTIFY loaded)
    /// {id, name, address, street, riskGrade}; empty when the enterprise is not on the device.
    Q_PROPERTY(QVariantMap enterprise READ enterprise NOTIFY loaded)
    /// {id, kind, mode, status (InspectionStatus), startedAt, finishedAt}; empty when not on
    /// the device.
    Q_PROPERTY(QVariantMap inspection READ inspection NOTIFY loaded)
    /// Where the hazard was found, with its warnings (lowAccuracy: > maxAccuracyM;
    /// farFromEnterprise: > maxDistanceM from the enterprise); not `valid` without a fix.
    Q_PROPERTY(safeloop::app::PositionFix location READ location NOTIFY loaded)
    /// The location warnings' thresholds in metres (core::rules: 50 m accuracy, 500 m from the
    /// enterprise).
    Q_PROPERTY(double maxAccuracyM READ maxAccuracyM CONSTANT)
    Q_PROPERTY(double maxDistanceM READ maxDistanceM CONSTANT)
    /// PhotoStrip entries of the finding and of the latest submission.
    Q_PROPERTY(QVariantList beforePhotos READ beforePhotos NOTIFY loaded)
    Q_PROPERTY(QVariantList afterPhotos READ afterPhotos NOTIFY loaded)
    /// The latest submission's note.
    Q_PROPERTY(QString submissionNote READ submissionNote NOTIFY loaded)
    Q_PROPERTY(safeloop::app::HazardEventModel* events READ events CONSTANT)
    /// {id, authorName, text, at, syncState (RecordSyncState)}, oldest first.
    Q_PROPERTY(QVariantList comments READ comments NOTIFY loaded)
    /// The 责令限期整改指令书 of the hazard's inspection: its number and the PDF path (empty
    /// when not rendered on this device).
    Q_PROPERTY(QString orderNumber READ orderNumber NOTIFY loaded)
    Q_PROPERTY(QString orderPdf READ orderPdf NOTIFY loaded)
    /// The order was issued on another device and its PDF has not been downloaded yet (the
    /// next sync fetches it).
    Q_PROPERTY(bool orderPdfPending READ orderPdfPending NOTIFY loaded)
    /// The 安全检查指导意见 PDF when the hazard was found in a guidance inspection (指导服务
    /// issues no order); empty when not rendered on this device.
    Q_PROPERTY(QString guidancePdf READ guidancePdf NOTIFY loaded)
    /// The latest 整改复查意见书 this device produced for the hazard: its number and PDF (empty
    /// when none).
    Q_PROPERTY(QString opinionNumber READ opinionNumber NOTIFY loaded)
    Q_PROPERTY(QString opinionPdf READ opinionPdf NOTIFY loaded)
    /// Pending (a change waits for upload), Conflict (a merge kept another value) or
    /// Confirmed.
    Q_PROPERTY(safeloop::app::RecordSyncState::Value syncState READ syncState NOTIFY loaded)
    /// The enterprise found the hazard in its own self-check (`source` self_check): only that
    /// enterprise rectifies and closes it.
    Q_PROPERTY(bool selfCheck READ selfCheck NOTIFY loaded)
    /// The signed-in inspector or supervisor may re-inspect (the enterprise has submitted; not
    /// a self-check finding).
    Q_PROPERTY(bool canReinspect READ canReinspect NOTIFY loaded)
    /// The signed-in inspector or supervisor may change the hazard (not yet verified; not a
    /// self-check finding).
    Q_PROPERTY(bool canEdit READ canEdit NOTIFY loaded)
    /// The finding itself (description, place, category, measure, level) may still change: its
    /// inspection is a draft, so no 指令书 carries it yet (or, found outside an inspection, it
    /// has not been synced).
    Q_PROPERTY(bool canEditDetails READ canEditDetails NOTIFY loaded)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)

public:
    explicit HazardDetail(QObject* parent = nullptr);

    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    QString hazardId() const { return m_hazardId; }
    void setHazardId(const QString& id);
    bool found() const { return !m_hazard.isEmpty(); }
    QVariantMap hazard() const { return m_hazard; }
    HazardStatus::Value status() const { return m_status; }
    bool overdue() const;
    bool major() const;
    int daysLeft() const { return m_daysLeft; }
    QVariantMap enterprise() const { return m_enterprise; }
    QVariantMap inspection() const { return m_inspection; }
    PositionFix location() const { return m_location; }
    double maxAccuracyM() const { return core::rules::MaxFixAccuracyM; }
    double maxDistanceM() const { return core::rules::MaxDistanceFromEnterpriseM; }
    QVariantList beforePhotos() const { return m_before; }
    QVariantList afterPhotos() const { return m_after; }
    QString submissionNote() const { return m_note; }
    HazardEventModel* events() const { return m_events; }
    QVariantList comments() const { return m_comments; }
    QString orderNumber() const { return m_orderNumber; }
    QString orderPdf() const { return m_orderPdf; }
    bool orderPdfPending() const { return m_orderPdfPending; }
    QString guidancePdf() const { return m_guidancePdf; }
    QString opinionNumber() const { return m_opinionNumber; }
    QString opinionPdf() const { return m_opinionPdf; }
    RecordSyncState::Value syncState() const { return m_syncState; }
    bool selfCheck() const;
    bool canReinspect() const;
    bool canEdit() const;
    bool canEditDetails() const;
    bool busy() const { return m_busy; }
    QString errorCode() const { return m_errorCode; }
    QString errorMessage() const { return m_errorMessage; }

    /// Reads the hazard again (no-op while the store is closed or no hazard is set).
    Q_INVOKABLE void reload();
    /// The deadline (ISO date) `days` after the later of the current deadline and today.
    Q_INVOKABLE QString deadlinePlus(int days) const;
    /// hazard.update with a later deadline (ISO date). Refuses an earlier or equal date
    /// (`deadline_not_later`) and a verified hazard; emits deadlineExtended(date) or failed().
    Q_INVOKABLE void extendDeadline(const QString& isoDate);
    /// hazard.update with the changed ones of description, place, category, measure, level.
    /// Refuses while !canEditDetails (`order_issued`), an empty description (`missing_field`)
    /// and an unknown level (`invalid_enum`); emits detailsUpdated() or failed().
    Q_INVOKABLE void updateDetails(const QVariantMap& fields);
    Q_INVOKABLE void clearError();

Q_SIGNALS:
    void storeChanged();
    void hazardIdChanged();
    void loaded();
    void busyChanged();
    void errorChanged();
    void deadlineExtended(const QString& deadline);
    void detailsUpdated();
    void failed(const QString& code, const QString& message);

protected:
    void fail(const core::Error& e);
    /// fail() with a message already in the user's words.
    void failWith(const QString& code, const QString& message);
    void setBusy(bool busy);
    void clearErrorQuietly();

private:
    struct Snapshot;
    void apply(const Snapshot& s);

    QPointer<DeviceStore> m_store;
    QString m_hazardId;
    QVariantMap m_hazard;
    HazardStatus::Value m_status = HazardStatus::Unknown;
    int m_daysLeft = 0;
    QVariantMap m_enterprise, m_inspection;
    PositionFix m_location;
    QVariantList m_before, m_after, m_comments;
    QString m_note, m_orderNumber, m_orderPdf, m_guidancePdf, m_opinionNumber, m_opinionPdf;
    bool m_orderPdfPending = false;
    RecordSyncState::Value m_syncState = RecordSyncState::Confirmed;
    HazardEventModel* m_events;
    bool m_busy = false;
    QString m_errorCode, m_errorMessage;
};

} // namespace safeloop::app
