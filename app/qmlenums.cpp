#include "qmlenums.h"

namespace safeloop::app {

namespace {

/// True when every value of `Qml` in `pairs` equals its counterpart in core or sync: the casts
/// below rely on it.
template <typename Qml, typename Other, std::size_t N>
constexpr bool sameValues(const std::pair<Qml, Other> (&pairs)[N])
{
    for (const auto& [qml, other] : pairs)
        if (static_cast<int>(qml) != static_cast<int>(other))
            return false;
    return true;
}

constexpr std::pair<HazardStatus::Value, core::HazardStatus> HazardStatuses[] {
    { HazardStatus::Open, core::HazardStatus::Open },
    { HazardStatus::Submitted, core::HazardStatus::Submitted },
    { HazardStatus::Rejected, core::HazardStatus::Rejected },
    { HazardStatus::Verified, core::HazardStatus::Verified },
    { HazardStatus::Escalated, core::HazardStatus::Escalated },
};
static_assert(sameValues(HazardStatuses));

constexpr std::pair<HazardSource::Value, core::HazardSource> HazardSources[] {
    { HazardSource::Inspection, core::HazardSource::Inspection },
    { HazardSource::SelfCheck, core::HazardSource::SelfCheck },
};
static_assert(sameValues(HazardSources));

constexpr std::pair<InspectionStatus::Value, core::InspectionStatus> InspectionStatuses[] {
    { InspectionStatus::InProgress, core::InspectionStatus::InProgress },
    { InspectionStatus::Finished, core::InspectionStatus::Finished },
};
static_assert(sameValues(InspectionStatuses));

constexpr std::pair<HazardEventKind::Value, core::EventKind> EventKinds[] {
    { HazardEventKind::Order, core::EventKind::Order },
    { HazardEventKind::Submit, core::EventKind::Submit },
    { HazardEventKind::Verify, core::EventKind::Verify },
    { HazardEventKind::Reject, core::EventKind::Reject },
    { HazardEventKind::Escalate, core::EventKind::Escalate },
};
static_assert(sameValues(EventKinds));

constexpr std::pair<SyncState::Value, sync::SyncStatus::State> SyncStates[] {
    { SyncState::Idle, sync::SyncStatus::State::Idle },
    { SyncState::Syncing, sync::SyncStatus::State::Syncing },
    { SyncState::Offline, sync::SyncStatus::State::Offline },
    { SyncState::Error, sync::SyncStatus::State::Error },
    { SyncState::NeedsLogin, sync::SyncStatus::State::NeedsLogin },
    { SyncState::UpdateRequired, sync::SyncStatus::State::UpdateRequired },
};
static_assert(sameValues(SyncStates));

constexpr std::pair<RecordSyncState::Value, sync::RecordSyncState> RecordSyncStates[] {
    { RecordSyncState::Confirmed, sync::RecordSyncState::Synced },
    { RecordSyncState::Pending, sync::RecordSyncState::Pending },
    { RecordSyncState::Conflict, sync::RecordSyncState::Conflict },
};
static_assert(sameValues(RecordSyncStates));

} // namespace

HazardStatus::Value HazardStatus::fromCore(core::HazardStatus status)
{
    return static_cast<Value>(status);
}

HazardStatus::Value HazardStatus::fromStored(const QString& word)
{
    const auto parsed = core::parseHazardStatus(word);
    return parsed ? fromCore(*parsed) : Unknown;
}

QString HazardStatus::toStored(Value status)
{
    return status == Unknown ? QString() : core::toString(static_cast<core::HazardStatus>(status));
}

std::optional<core::HazardSource> HazardSource::toCore(Value source)
{
    if (source == Any)
        return std::nullopt;
    return static_cast<core::HazardSource>(source);
}

InspectionStatus::Value InspectionStatus::fromCore(core::InspectionStatus status)
{
    return static_cast<Value>(status);
}

InspectionStatus::Value InspectionStatus::fromStored(const QString& word)
{
    // core keeps its parser of inspection statuses private (Inspection::fromJson uses it);
    // its words come from core::toString all the same.
    for (const auto& [value, status] : InspectionStatuses)
        if (word == core::toString(status))
            return value;
    return Unknown;
}

HazardEventKind::Value HazardEventKind::fromCore(core::EventKind kind)
{
    return static_cast<Value>(kind);
}

HazardEventKind::Value HazardEventKind::fromStored(const QString& word)
{
    const auto parsed = core::parseEventKind(word);
    return parsed ? fromCore(*parsed) : Unknown;
}

SyncState::Value SyncState::fromSync(sync::SyncStatus::State state)
{
    return static_cast<Value>(state);
}

RecordSyncState::Value RecordSyncState::fromSync(sync::RecordSyncState state)
{
    return static_cast<Value>(state);
}

} // namespace safeloop::app
