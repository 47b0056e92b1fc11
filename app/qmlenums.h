#pragma once

#include "core/domain.h"
#include "sync/syncengine.h"
#include "sync/syncstatus.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <optional>

// The states QML compares, as enumerations instead of words. Each enumeration's stored values
// are core's (or sync's): the same numbers, so a value converts with a cast checked at compile
// time (qmlenums.cpp), and the words stored in the database and sent on the wire are read and
// written only by core (`core::parseHazardStatus`, `core::toString`, …). QML writes
// `HazardStatus.Verified`, never "verified".
//
// Each is a namespace with QML_ELEMENT (Qt 6.4 registers a namespace's Q_ENUM_NS as the enums
// of an uncreatable type of that name).

namespace safeloop::app {

/// A hazard's status (core::HazardStatus), plus Unknown when there is no hazard (not loaded,
/// not on the device, or a word core does not know).
namespace HazardStatus {
Q_NAMESPACE
QML_ELEMENT

enum Value { Unknown = -1, Open, Submitted, Rejected, Verified, Escalated };
Q_ENUM_NS(Value)

Value fromCore(core::HazardStatus status);
/// The status stored as `word` (Unknown when core does not accept the word).
Value fromStored(const QString& word);
/// The stored word of a known status (core::toString); empty for Unknown.
QString toStored(Value status);
} // namespace HazardStatus

/// Who found a hazard (core::HazardSource), plus Any; as a filter (HazardListModel) Any lists
/// both, Inspection only the inspectors' hazards (an enterprise's rectification tasks).
namespace HazardSource {
Q_NAMESPACE
QML_ELEMENT

enum Value { Any = -1, Inspection, SelfCheck };
Q_ENUM_NS(Value)

/// The source a filter asks core for: none for Any.
std::optional<core::HazardSource> toCore(Value source);
} // namespace HazardSource

/// An inspection's status (core::InspectionStatus), plus Unknown when there is none; as a
/// filter (InspectionListModel) Unknown means "any".
namespace InspectionStatus {
Q_NAMESPACE
QML_ELEMENT

enum Value { Unknown = -1, InProgress, Finished };
Q_ENUM_NS(Value)

Value fromCore(core::InspectionStatus status);
Value fromStored(const QString& word);
} // namespace InspectionStatus

/// A step of a hazard's history: the stored rectification event kinds (core::EventKind) and
/// Found, the hazard's own record, which the timeline shows first (no event is stored for it).
namespace HazardEventKind {
Q_NAMESPACE
QML_ELEMENT

enum Value { Unknown = -2, Found = -1, Order, Submit, Verify, Reject, Escalate };
Q_ENUM_NS(Value)

Value fromCore(core::EventKind kind);
/// The kind stored as `word` (Unknown when core does not accept the word).
Value fromStored(const QString& word);
} // namespace HazardEventKind

/// What the sync bar shows (sync::SyncStatus::State, same values).
namespace SyncState {
Q_NAMESPACE
QML_ELEMENT

enum Value { Idle, Syncing, Offline, Error, NeedsLogin, UpdateRequired };
Q_ENUM_NS(Value)

Value fromSync(sync::SyncStatus::State state);
} // namespace SyncState

/// Whether the server holds a record (or one change to it) as the device does
/// (sync::RecordSyncState, same values): Confirmed (sync's Synced), Pending (a change waits
/// for upload), Conflict (a merge kept another value).
namespace RecordSyncState {
Q_NAMESPACE
QML_ELEMENT

enum Value { Confirmed, Pending, Conflict };
Q_ENUM_NS(Value)

Value fromSync(sync::RecordSyncState state);
} // namespace RecordSyncState

/// Where an enterprise's latest rectification submission stands (RectificationController):
/// None (no submission), OnDevice (saved here, sent at the next sync), Sent (the server has
/// it; the inspector sees it after their next sync), Rejected (returned with a reason) or
/// Verified (销号).
namespace SubmissionState {
Q_NAMESPACE
QML_ELEMENT

enum Value { None, OnDevice, Sent, Rejected, Verified };
Q_ENUM_NS(Value)
} // namespace SubmissionState

} // namespace safeloop::app
