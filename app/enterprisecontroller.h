#pragma once

#include "devicestore.h"
#include "evidencecontroller.h"
#include "workflowmodels.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// One enterprise's page: details, inspection history (newest first) and open hazards
/// (overdue first, then by deadline).
class EnterpriseController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(
        QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY enterpriseIdChanged)
    /// Wire fields: uscc, name, address, street, industry_code, risk_grade, lat, lon, contact,
    /// phone, department, leader. Empty while loading or when unknown.
    Q_PROPERTY(QVariantMap details READ details NOTIFY loaded)
    /// InspectionRow maps (InspectionListModel's role names; status an InspectionStatus),
    /// newest first.
    Q_PROPERTY(QVariantList history READ history NOTIFY loaded)
    /// Drafts (in progress) of this enterprise, newest first (same fields as history).
    Q_PROPERTY(QVariantList drafts READ drafts NOTIFY loaded)
    /// The enterprise's own self-checks (企业自查), newest first: history's fields plus
    /// openHazards (its findings not yet closed). Not part of history.
    Q_PROPERTY(QVariantList selfChecks READ selfChecks NOTIFY loaded)
    /// The hazards the enterprise found in its self-checks, not yet closed first, then by
    /// deadline: {id, description, deadline (ISO), status (HazardStatus), inspectionId}.
    Q_PROPERTY(QVariantList selfCheckHazards READ selfCheckHazards NOTIFY loaded)
    Q_PROPERTY(safeloop::app::HazardListModel* hazards READ hazards CONSTANT)
    /// The enterprise's documents this device holds (document.issue: pulled as the server scopes
    /// them — the enterprise's own devices, inspectors of its street, supervisors — or issued
    /// here), by inspection, newest first:
    /// {inspectionId, issuedOn (QDate), documents: [{id, kind (inspection_record,
    /// rectification_order, reinspection_opinion), number, issuedOn (QDate), pdf (local file,
    /// empty until downloaded), pdfPending}]} — the record first, then the order, then the
    /// re-inspection opinions in the order they were issued.
    Q_PROPERTY(QVariantList receivedDocuments READ receivedDocuments NOTIFY loaded)

public:
    explicit EnterpriseController(QObject* parent = nullptr);
    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString& id);
    QVariantMap details() const { return m_details; }
    QVariantList history() const { return m_history; }
    QVariantList drafts() const;
    QVariantList selfChecks() const { return m_selfChecks; }
    QVariantList selfCheckHazards() const { return m_selfCheckHazards; }
    HazardListModel* hazards() const { return m_hazards; }
    QVariantList receivedDocuments() const { return m_receivedDocuments; }
    Q_INVOKABLE void reload();

    /// Inspections (all enterprises when `enterpriseId` is empty) as history rows (store thread).
    static QVariantList readHistory(core::LocalStore& st, const QString& enterpriseId);
    /// The enterprise's self-checks as selfChecks rows (store thread).
    static QVariantList readSelfChecks(core::LocalStore& st, const QString& enterpriseId);
    /// The enterprise's self-check hazards as selfCheckHazards rows (store thread).
    static QVariantList readSelfCheckHazards(core::LocalStore& st, const QString& enterpriseId);
    /// The enterprise's documents as receivedDocuments rows (store thread).
    static QVariantList readReceivedDocuments(core::LocalStore& st, const QString& enterpriseId);

Q_SIGNALS:
    void storeChanged();
    void enterpriseIdChanged();
    void loaded();

private:
    QPointer<DeviceStore> m_store;
    QString m_enterpriseId;
    QVariantMap m_details;
    QVariantList m_history;
    QVariantList m_selfChecks;
    QVariantList m_selfCheckHazards;
    QVariantList m_receivedDocuments;
    HazardListModel* m_hazards;
};

/// Re-inspection (整改复查) of one hazard: the HazardDetail (finding with its before photos, the
/// enterprise's latest submission with its after photos), the inspector's own re-check photos
/// (EvidenceController, carried by the decision's event) and verify (销号) or reject with a
/// reason. Each decision produces a numbered 整改复查意见书 (number from the device's
/// reinspection_opinion block), rendered on a pool thread and then shown as the HazardDetail's
/// opinionNumber / opinionPdf.
class ReinspectionController : public safeloop::app::EvidenceController {
    Q_OBJECT
    QML_ELEMENT
    /// True when the hazard waits for re-inspection (submitted).
    Q_PROPERTY(bool canDecide READ canDecide NOTIFY loaded)

public:
    explicit ReinspectionController(QObject* parent = nullptr);
    bool canDecide() const { return status() == HazardStatus::Submitted; }

    /// rectification.verify: closes the hazard (销号) with the re-check photos. With neither the
    /// enterprise's after-photos nor a re-check photo the inspector must write what the
    /// re-inspection found (`evidence_note_required`). Without a re-inspection opinion number
    /// left on the device it refuses (`no_document_numbers`) and stores nothing.
    /// Emits decided(HazardStatus.Verified), then opinionReady() once the opinion is recorded.
    Q_INVOKABLE void verify(const QString& note);
    /// rectification.reject with the re-check photos: needs a reason (`reason_required`).
    /// `newDeadline` (ISO date, optional) gives the enterprise a new deadline (hazard.update
    /// first); it must lie after today (`invalid_deadline`). Numbers as verify.
    /// Emits decided(HazardStatus.Rejected), then opinionReady().
    Q_INVOKABLE void reject(const QString& reason, const QString& newDeadline = {});

Q_SIGNALS:
    /// The decision was stored: the hazard's status now.
    void decided(safeloop::app::HazardStatus::Value status);
    /// The decision's 整改复查意见书 was rendered and recorded (`pdf` its file).
    void opinionReady(const QString& number, const QString& pdf);

private:
    void decide(const QString& mutation, const QString& note, HazardStatus::Value outcome,
        const QString& newDeadline = {});
};

} // namespace safeloop::app
