#pragma once

#include "documentrenderer.h"

#include "core/checklists.h"
#include "core/district.h"
#include "core/domain.h"
#include "core/localstore.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace safeloop::app {

/// Everything an inspection's legal documents are made of, as read from the store when it
/// finished: plain data, so the documents can be built without a store and rendered on any
/// thread.
struct InspectionDocumentInput {
    core::Inspection inspection; ///< as finished (startedAt, finishedAt, refusalNote)
    QJsonObject enterprise; ///< wire fields: name, uscc, address, leader, contact
    QList<DocInspector> inspectors; ///< in the inspection's order
    QStringList templateTitles; ///< the checklists used, in order
    QHash<QString, core::ChecklistItem> items; ///< item code → checklist item
    QList<QJsonObject> hazards; ///< the inspection's hazards (wire fields)
    QList<QJsonObject> answers; ///< the inspection's answers (wire fields)
    /// Drawn signatures; role "enterprise" (or the district's signer role) marks the
    /// enterprise's signer, "inspector" an inspector, anything else is printed as given.
    QList<DocSignature> signatures;
    core::DistrictProfile district;
    QString recordNumber;
    QString orderNumber; ///< empty without hazards and for guidance (no order is issued)
    QDateTime now; ///< when it finished (UTC)
};

/// The data of each document an inspection produces: the 现场检查记录 always; when it
/// recorded hazards, the 责令限期整改指令书 of an enforcement inspection (执法检查) or the
/// 安全检查指导意见 of a guidance one (指导服务), never both.
struct InspectionDocumentSet {
    InspectionRecordData record;
    std::optional<RectificationOrderData> order;
    std::optional<GuidanceOpinionData> guidance;
    int recordYear = 0; ///< the year whose block numbered the record
};

/// The legal basis of every rectification order (责令整改的依据).
QString orderLegalBasis();
/// What a document prints for a district name the device has not received (`what` names it).
QString districtPlaceholder(const QString& what);

/// Builds the documents' data from an inspection's records (pure: no store, no rendering).
/// In an enforcement inspection each hazard becomes a finding that states the provision
/// violated, the order's legal basis and its deadline; in a guidance inspection the same
/// finding without an order's basis, its deadline a suggestion, in the guidance opinion; a failed
/// item without a hazard is recorded as 当场整改. District names come from `input.district`, with
/// districtPlaceholder() for those not set.
InspectionDocumentSet buildInspectionDocuments(const InspectionDocumentInput& input);

/// Reads what buildInspectionDocuments needs for a finished inspection (store thread), taking
/// the document numbers from the device's blocks: the record's always, the order's when an
/// enforcement inspection recorded hazards (a guidance opinion takes none). `signatures` are the
/// drawn ones.
core::Result<InspectionDocumentInput> readInspectionDocumentInput(core::LocalStore& store,
    const QString& inspectionId, const QList<DocSignature>& signatures, const QDateTime& now);

/// Renders the documents to `<directory>/<inspection id>-record.pdf`, `-order.pdf` and
/// `-guidance.pdf` (any thread; slow) and returns what LocalStore::setInspectionDocuments
/// records: record_number, record_pdf and, with an order, order_number, order_pdf, with a
/// guidance opinion guidance_pdf.
core::Result<QJsonObject> renderInspectionDocuments(
    const InspectionDocumentSet& documents, const QString& inspectionId, const QString& directory);

/// Records the order among `documents` (renderInspectionDocuments()' result) as issued
/// (store thread): its PDF into the device's blob store and `document.issue` naming the
/// inspection's hazards, so that the sync carries number and PDF to the enterprise. Without an
/// order nothing happens.
core::Result<void> issueOrder(core::LocalStore& store, const core::Actor& actor,
    const QString& inspectionId, const QJsonObject& documents);

/// Records the 现场检查记录 among `documents` as issued (store thread), like issueOrder():
/// `document.issue` of kind `inspection_record` with the record's PDF, so that the enterprise's
/// device receives it. Without a record, or for anyone but an inspector, nothing happens.
core::Result<void> issueRecord(core::LocalStore& store, const core::Actor& actor,
    const QString& inspectionId, const QJsonObject& documents);

/// Queues `document.issue` of `kind` (store thread): the PDF at `pdfPath` into the device's
/// blob store, its number's serial read from `number` ("…〔2026〕12号" → 12). A rejection is
/// returned as its error.
core::Result<void> issueDocument(core::LocalStore& store, const core::Actor& actor,
    const QString& kind, const QString& number, int year, const QString& pdfPath,
    const QString& inspectionId, const QJsonArray& hazardIds);

} // namespace safeloop::app
