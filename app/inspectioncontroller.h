#pragma once

#include "devicestore.h"
#include "positionprovider.h"
#include "qmlenums.h"
#include "workflowmodels.h"

#include "core/domain.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

struct InspectionDocumentSet;

/// Runs one inspection: start (kind, mode, inspectors, templates) or resume a draft, answer the
/// checklist item by item (note, photos), record hazards from failed items, then finish with
/// signatures or a refusal and produce the 现场检查记录 and, with hazards, the
/// 责令限期整改指令书 (enforcement) or 安全检查指导意见 (guidance) PDFs.
/// Every action is a core mutation on the store thread; every refusal sets `errorCode` /
/// `errorMessage` (plain words), emits failed() and changes nothing.
class InspectionController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString inspectionId READ inspectionId NOTIFY stateChanged)
    Q_PROPERTY(QString enterpriseId READ enterpriseId NOTIFY stateChanged)
    /// Enterprise fields (wire names: name, uscc, address, street, risk_grade, lat, lon, …).
    Q_PROPERTY(QVariantMap enterprise READ enterprise NOTIFY stateChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY stateChanged)
    Q_PROPERTY(QString mode READ mode NOTIFY stateChanged)
    /// InspectionStatus: Unknown (none loaded), InProgress (a draft) or Finished.
    Q_PROPERTY(safeloop::app::InspectionStatus::Value status READ status NOTIFY stateChanged)
    Q_PROPERTY(QStringList inspectorIds READ inspectorIds NOTIFY stateChanged)
    /// Templates to choose from: {ref, title, itemCount, suggested}; suggested ones first.
    Q_PROPERTY(QVariantList templateOptions READ templateOptions NOTIFY optionsChanged)
    /// Inspectors to choose from: {id, name, badge}.
    Q_PROPERTY(QVariantList inspectorOptions READ inspectorOptions NOTIFY optionsChanged)
    /// The loaded inspection's inspectors, in its order: {id, name, badge} from the synced
    /// users (the second signer of an enforcement inspection picks themself from it).
    Q_PROPERTY(QVariantList team READ team NOTIFY stateChanged)
    Q_PROPERTY(safeloop::app::ChecklistModel* checklist READ checklist CONSTANT)
    /// Per template: {ref, title, answered, total, fail, firstIndex}.
    Q_PROPERTY(QVariantList progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(int answeredCount READ answeredCount NOTIFY progressChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY progressChanged)
    Q_PROPERTY(int hazardCount READ hazardCount NOTIFY progressChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    Q_PROPERTY(QString recordPdf READ recordPdf NOTIFY documentsChanged)
    Q_PROPERTY(QString orderPdf READ orderPdf NOTIFY documentsChanged)
    /// The 安全检查指导意见 of a guidance inspection that found hazards (unnumbered).
    Q_PROPERTY(QString guidancePdf READ guidancePdf NOTIFY documentsChanged)
    Q_PROPERTY(QString recordNumber READ recordNumber NOTIFY documentsChanged)
    Q_PROPERTY(QString orderNumber READ orderNumber NOTIFY documentsChanged)
    /// The section answer still in its undo window: {templateRef, title, result, count, codes};
    /// empty when there is none. Its rows already show the answer and count as answered.
    Q_PROPERTY(QVariantMap pendingSection READ pendingSection NOTIFY pendingSectionChanged)
    /// How long a section answer can be undone before it is stored (ms; default 5000).
    Q_PROPERTY(int undoWindowMs READ undoWindowMs WRITE setUndoWindowMs NOTIFY undoWindowMsChanged)

public:
    explicit InspectionController(QObject* parent = nullptr);
    /// Stores a section answer still in its undo window (leaving the page keeps it).
    ~InspectionController() override;

    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    QString inspectionId() const { return m_inspection.id; }
    QString enterpriseId() const { return m_inspection.enterpriseId; }
    QVariantMap enterprise() const { return m_enterprise; }
    QString kind() const;
    QString mode() const;
    InspectionStatus::Value status() const;
    QStringList inspectorIds() const { return m_inspection.inspectorIds; }
    QVariantList templateOptions() const { return m_templateOptions; }
    QVariantList inspectorOptions() const { return m_inspectorOptions; }
    QVariantList team() const { return m_team; }
    ChecklistModel* checklist() const { return m_checklist; }
    QVariantList progress() const;
    int answeredCount() const;
    int totalCount() const { return m_checklist->rowCount(); }
    int hazardCount() const;
    bool busy() const { return m_busy > 0; }
    QString errorCode() const { return m_errorCode; }
    QString errorMessage() const { return m_errorMessage; }
    QString recordPdf() const { return m_recordPdf; }
    QString orderPdf() const { return m_orderPdf; }
    QString guidancePdf() const { return m_guidancePdf; }
    QString recordNumber() const { return m_recordNumber; }
    QString orderNumber() const { return m_orderNumber; }
    QVariantMap pendingSection() const;
    int undoWindowMs() const { return m_undoTimer.interval(); }
    void setUndoWindowMs(int ms);

    /// Loads the enterprise, templates (suggested by its industry) and inspectors to pick from.
    Q_INVOKABLE void loadOptions(const QString& enterpriseId);
    /// Creates the inspection (inspection.create). Emits started() or failed().
    Q_INVOKABLE void start(const QString& enterpriseId, const QString& kind, const QString& mode,
        const QStringList& inspectorIds, const QStringList& templateRefs);
    /// Opens a draft or finished inspection with its answers and hazards.
    Q_INVOKABLE void resume(const QString& inspectionId);
    /// answer.set with "pass", "fail" or "na".
    Q_INVOKABLE void answer(const QString& itemCode, const QString& result);
    /// Answers every still-unanswered item of the checklist `templateRef` with "pass" or "na"
    /// (本节全部符合 / 本节不适用); answered items keep their answer. The rows show the answer at
    /// once; the answers are stored when the undo window ends, or earlier when another section
    /// is answered, the inspection is finished or left, or this controller is destroyed. Until
    /// then undoSectionAnswer() takes them back. A section with nothing unanswered or another
    /// result is refused (errorCode) and changes nothing.
    Q_INVOKABLE void answerSection(const QString& templateRef, const QString& result);
    /// Takes back the section answer in its undo window: its items are unanswered again.
    Q_INVOKABLE void undoSectionAnswer();
    /// Stores the section answer in its undo window now (no-op without one).
    Q_INVOKABLE void storePendingSection();
    /// Index of the first unanswered item after `from`, wrapping to the start; -1 when every
    /// item is answered.
    Q_INVOKABLE int nextUnanswered(int from) const;
    Q_INVOKABLE void setNote(const QString& itemCode, const QString& note);
    /// Copies a picked file into the blob store and adds it to the item's answer. The photo's
    /// attachment carries the import time as captured_at and `location` (the position provider's
    /// fix; not `valid` = no fix).
    Q_INVOKABLE void addPhoto(
        const QString& itemCode, const QUrl& file, const safeloop::app::PositionFix& location = {});
    /// Adds a camera shot PhotoCapture already stored (its used(attachment) map) to the item's
    /// answer, exactly as addPhoto adds a picked file.
    Q_INVOKABLE void addCapturedPhoto(const QString& itemCode, const QVariantMap& attachment);
    /// Copies a picked file into the blob store; emits photoImported(id, url).
    Q_INVOKABLE void importPhoto(const QUrl& file, const safeloop::app::PositionFix& location = {});
    /// Takes a camera shot PhotoCapture stored for the hazard sheet; emits photoImported(id, url).
    Q_INVOKABLE void importCapturedPhoto(const QVariantMap& attachment);
    /// The hazard a failed item proposes: description, place, level, category, basis, measure,
    /// deadline (ISO), itemCode, defaultDeadlineGeneral, defaultDeadlineMajor.
    Q_INVOKABLE QVariantMap proposeHazard(const QString& itemCode) const;
    /// The default deadline (ISO date) for "general" or "major".
    Q_INVOKABLE QString defaultDeadline(const QString& level) const;
    /// hazard.create from the sheet's fields (as proposeHazard plus photoIds and location
    /// {lat, lon, accuracyM (NaN = unknown), fixTime, source, lowAccuracy, farFromEnterprise,
    /// distanceM}). Emits hazardCreated(id) or failed().
    Q_INVOKABLE void createHazard(const QVariantMap& fields);
    /// Finishes: every item answered, signatures [{signer, role, path, inspectorId}] (PNG
    /// files; role "enterprise" for the enterprise's signer, whose title on the documents is
    /// the district's, or "inspector" with the signing inspector's id) or a refusal note. An
    /// enforcement inspection needs the drawn signatures of two of its inspectors
    /// (`inspector_signatures_required`; `signer_not_in_team` for an inspector signature of
    /// anyone else); guidance needs one signature or the refusal. Steps: on the store thread
    /// inspection.finish and reading what the documents need (buildInspectionDocuments), then
    /// rendering the PDFs on a pool thread, then recording them. Emits finished() or failed().
    Q_INVOKABLE void finish(const QVariantList& signatures, const QString& refusalNote);
    /// Finishes an enterprise's self-check (kind self_check): every item answered; no
    /// signatures and no documents. Emits finished() or failed() (`not_a_self_check` for an
    /// inspection).
    Q_INVOKABLE void finishSelfCheck();
    Q_INVOKABLE void clearError();

Q_SIGNALS:
    void storeChanged();
    void stateChanged();
    void optionsChanged();
    void progressChanged();
    void busyChanged();
    void errorChanged();
    void documentsChanged();
    void pendingSectionChanged();
    void undoWindowMsChanged();
    void started();
    void answered(const QString& itemCode);
    void photoImported(const QString& id, const QUrl& url);
    void hazardCreated(const QString& id);
    void finished();
    void failed(const QString& code, const QString& message);

private:
    struct Loaded;
    void setLoaded(const Loaded& l);
    void fail(const core::Error& e);
    void beginJob();
    void endJob();
    /// Stores the section answer in its undo window; `detached` when this controller is being
    /// destroyed (no signals, no result handling).
    void storePending(bool detached);
    void saveAnswer(int row, const QString& result, const QString& note, const QStringList& photos);
    void attachPhoto(int row, const core::Attachment& photo);
    /// Finishing's second step: renders the documents on a pool thread (not the store's),
    /// then records them on the store (also when this controller is gone by then).
    static void renderDocuments(DeviceStore* s, const QPointer<InspectionController>& self,
        const InspectionDocumentSet& documents, const QString& inspectionId);
    /// Finishing's end: shows the recorded documents and emits finished(), or fails.
    void documentsRecorded(const core::Result<void>& recorded, const QJsonObject& documents);
    /// The `attachments` list of a mutation: metadata objects for photos added in this
    /// session, bare ids for the rest.
    QJsonArray attachmentRefs(const QStringList& ids) const;

    QPointer<DeviceStore> m_store;
    ChecklistModel* m_checklist;
    core::Inspection m_inspection;
    QVariantMap m_enterprise;
    QList<core::ChecklistTemplate> m_templates;
    QVariantList m_templateOptions;
    QVariantList m_inspectorOptions;
    QVariantList m_team;
    QStringList m_hazardIds;
    QHash<QString, core::Attachment> m_photoMeta;
    int m_busy = 0;
    QString m_errorCode;
    QString m_errorMessage;
    QString m_recordPdf, m_orderPdf, m_guidancePdf, m_recordNumber, m_orderNumber;
    /// The section answer in its undo window: the checklist, its result and the items' codes.
    QString m_pendingRef;
    QString m_pendingResult;
    QStringList m_pendingCodes;
    QTimer m_undoTimer;
};

/// Stores a picked image file (URL or path) as a blob via storePhoto(); returns its id. Used by
/// controllers on the store thread.
core::Result<QString> importFileToBlobs(core::LocalStore& store, const QUrl& file);
/// file URL of a stored blob.
QUrl blobUrl(const core::LocalStore& store, const QString& id);
/// PhotoStrip entries {source, syncState ("pending" | "uploading" | "uploaded"), capturedAt,
/// accuracyM (NaN = unknown), id} for attachment ids, from the attachments' metadata and sync
/// state (store thread).
QVariantList photoEntries(core::LocalStore& store, const QStringList& ids);
/// The documents an inspection's finish produced (store thread): record_number, record_pdf
/// and, when it recorded hazards, order_number, order_pdf (enforcement) or guidance_pdf
/// (guidance). (Earlier versions also stored
/// record_preview / order_preview PNG paths; nothing reads them.)
QJsonObject inspectionDocuments(core::LocalStore& store, const QString& inspectionId);

} // namespace safeloop::app
