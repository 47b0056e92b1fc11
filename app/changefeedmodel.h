#pragma once

#include "workflowmodels.h"

#include <QDateTime>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// One row of ChangeFeedModel: a rectification event others recorded on the user's hazard.
struct ChangeFeedRow {
    QString id; ///< the event's id
    QString hazardId;
    HazardEventKind::Value kind = HazardEventKind::Unknown; ///< Order, Reject, Verify, Escalate
    QDateTime at; ///< when the server recorded it
    QString description; ///< the hazard's finding
    QString note;
    bool operator==(const ChangeFeedRow&) const = default;
};

/// What others changed on the user's hazards since the user last looked (markSeen()), newest
/// first: new rectification orders (新任务), rejections (被退回) and verifications (已销号), as
/// they arrived on this device. Before the first markSeen() the past 7 days count.
/// Roles (ChangeFeedRow): id, hazardId, kind (HazardEventKind: Order, Reject, Verify or
/// Escalate), at (date-time the server recorded it), description (the hazard's finding), note.
class ChangeFeedModel : public safeloop::app::StoreBoundListModel {
    Q_OBJECT
    QML_ELEMENT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        HazardIdRole,
        KindRole,
        AtRole,
        DescriptionRole,
        NoteRole,
    };

    explicit ChangeFeedModel(QObject* parent = nullptr);
    void reload() override;
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    const QList<ChangeFeedRow>& rows() const { return m_rows; }
    /// Marks everything listed as seen: the list empties until the next change arrives.
    Q_INVOKABLE void markSeen();

    /// Days looked back before the user ever marked the list seen.
    static constexpr int FirstLookBackDays = 7;

Q_SIGNALS:
    void loaded();

private:
    QList<ChangeFeedRow> m_rows;
};

} // namespace safeloop::app
