#pragma once

#include <QString>

class QObject;

namespace safeloop::app {

/// `safeloop --tour` only: brings an InspectionPage (objectName "inspectionPage") to a demo
/// scene by driving its objects by objectName, as a user would, then stops:
/// - "checklist": four items answered (the fourth 不符合, the third 不涉及), the failed one shown;
/// - "hazard": as checklist, with the hazard sheet open for the failed item;
/// - "signature": every item answered, a hazard recorded, both signatures drawn;
/// - "documents": as signature, then finished and the documents rendered.
/// A page opened on an earlier scene's inspection (its `inspectionId`) resumes it. The strokes,
/// the place and the answers are the tour's, not the page's.
class InspectionTourScene {
public:
    InspectionTourScene(QObject* page, const QString& scene);

    /// One step toward the scene (the next answer, the hazard, the signatures, …); true once
    /// the scene is reached. Call again after the page has had time to react.
    bool step();
    /// The inspection the scene started or resumed (empty before it started).
    QString inspectionId() const;

private:
    QObject* m_page;
    QString m_scene;
    bool m_startRequested = false;
    bool m_hazardRequested = false;
    bool m_finishRequested = false;
};

/// Runs InspectionTourScene on `page` every 30 ms (the event loop runs meanwhile) until the
/// scene is reached; false after `timeoutMs`. `inspectionId` receives the scene's inspection.
bool playInspectionScene(
    QObject* page, const QString& scene, QString* inspectionId, int timeoutMs = 30000);

} // namespace safeloop::app
