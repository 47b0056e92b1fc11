#pragma once

#include "workflowmodels.h"

#include <QDateTime>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// What others changed on the user's hazards since the user last looked (markSeen()), newest
/// first: new rectification orders (新任务), rejections (被退回) and verifications (已销号), as
/// they arrived on this device. Before the first markSeen() the past 7 days count.
/// Roles: id, hazardId, kind (order | reject | verify | escalate), at (date-time the server
/// recorded it), description (the hazard's finding), note.
class ChangeFeedModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT

public:
    explicit ChangeFeedModel(QObject* parent = nullptr);
    void reload() override;
    /// Marks everything listed as seen: the list empties until the next change arrives.
    Q_INVOKABLE void markSeen();

    /// Days looked back before the user ever marked the list seen.
    static constexpr int FirstLookBackDays = 7;

Q_SIGNALS:
    void loaded();
};

} // namespace safeloop::app
