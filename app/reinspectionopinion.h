#pragma once

#include "documentrenderer.h"

#include "core/district.h"
#include "core/localstore.h"

#include <QJsonObject>
#include <QList>

namespace safeloop::app {

/// What a re-inspection's 整改复查意见书 is made of, read from the store right after the
/// decision was stored: plain data, so the opinion is built without a store and rendered on
/// any thread.
struct ReinspectionOpinionInput {
    QJsonObject hazard; ///< wire fields as after the decision (deadline, status, …)
    QJsonObject enterprise; ///< wire fields: name, uscc, address
    QString orderNumber; ///< the 指令书 of the hazard's inspection; empty when unknown here
    bool fromGuidance = false; ///< found in a guidance inspection (no order was issued)
    QJsonObject submission; ///< the enterprise's latest rectification.submit event
    QJsonObject decision; ///< the verify or reject event just stored
    QDate previousDeadline; ///< the deadline before the decision (a rejection may set a new one)
    QList<DocInspector> inspectors; ///< who re-inspected
    core::DistrictProfile district;
    QString documentNumber; ///< taken from the device's reinspection_opinion block
    QDateTime now; ///< when the decision was taken (UTC)
};

/// Builds the 整改复查意见书 (pure): the enterprise, the finding, the order's number, what the
/// enterprise reported and what the inspector checked, the result (销号, or 退回 with the
/// reason and the deadline now running), the inspectors and the date.
ReinspectionOpinionData buildReinspectionOpinion(const ReinspectionOpinionInput& input);

/// Reads what buildReinspectionOpinion needs (store thread) after the decision `eventId` on
/// `hazardId` by `inspectorId` was stored, taking the opinion's number from the device's
/// reinspection_opinion block (`no_document_numbers` when none is left).
core::Result<ReinspectionOpinionInput> readReinspectionOpinionInput(core::LocalStore& store,
    const QString& hazardId, const QString& eventId, const QString& inspectorId,
    const QDateTime& now);

/// The re-inspection opinions this device produced for a hazard, oldest first: {event_id,
/// result ("verify" | "reject"), opinion_number, opinion_pdf}. They are kept with the documents
/// the device generated per record (LocalStore::inspectionDocuments of the hazard's id).
QList<QJsonObject> reinspectionOpinions(core::LocalStore& store, const QString& hazardId);
/// Records one more opinion for `hazardId` (store thread).
core::Result<void> recordReinspectionOpinion(
    core::LocalStore& store, const QString& hazardId, const QJsonObject& opinion);
/// Queues `document.issue` of kind `reinspection_opinion` for `opinion` (as recorded above; its
/// number from the `year` block) so that the enterprise's device receives it (store thread).
/// Only an inspector's opinion is numbered from the server's blocks: for anyone else nothing
/// happens.
core::Result<void> issueReinspectionOpinion(core::LocalStore& store, const core::Actor& actor,
    const QString& hazardId, const QJsonObject& opinion, int year);

} // namespace safeloop::app
