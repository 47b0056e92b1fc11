#include "app/qmlenums.h"

#include <QMetaEnum>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;

namespace {

TEST(QmlEnumsTest, HazardStatusReadsEveryWordCoreStoresAndWritesItBack)
{
    for (const auto status :
        { core::HazardStatus::Open, core::HazardStatus::Submitted, core::HazardStatus::Rejected,
            core::HazardStatus::Verified, core::HazardStatus::Escalated }) {
        const QString word = core::toString(status);
        const HazardStatus::Value value = HazardStatus::fromStored(word);
        EXPECT_EQ(value, HazardStatus::fromCore(status)) << word.toStdString();
        EXPECT_NE(value, HazardStatus::Unknown) << word.toStdString();
        EXPECT_EQ(HazardStatus::toStored(value), word);
    }
    EXPECT_EQ(HazardStatus::fromStored(u"verified"_s), HazardStatus::Verified);
    EXPECT_EQ(HazardStatus::fromStored(u"closed"_s), HazardStatus::Unknown);
    EXPECT_EQ(HazardStatus::fromStored(QString()), HazardStatus::Unknown);
    EXPECT_EQ(HazardStatus::toStored(HazardStatus::Unknown), QString());
}

TEST(QmlEnumsTest, InspectionStatusAndEventKindReadCoresWords)
{
    EXPECT_EQ(InspectionStatus::fromStored(core::toString(core::InspectionStatus::InProgress)),
        InspectionStatus::InProgress);
    EXPECT_EQ(InspectionStatus::fromStored(u"finished"_s), InspectionStatus::Finished);
    EXPECT_EQ(InspectionStatus::fromStored(u"draft"_s), InspectionStatus::Unknown);
    for (const auto kind : { core::EventKind::Order, core::EventKind::Submit,
             core::EventKind::Verify, core::EventKind::Reject, core::EventKind::Escalate })
        EXPECT_EQ(
            HazardEventKind::fromStored(core::toString(kind)), HazardEventKind::fromCore(kind))
            << core::toString(kind).toStdString();
    EXPECT_EQ(HazardEventKind::fromStored(u"reject"_s), HazardEventKind::Reject);
    // "found" is the timeline's own first step, never a stored event kind.
    EXPECT_EQ(HazardEventKind::fromStored(u"found"_s), HazardEventKind::Unknown);
}

TEST(QmlEnumsTest, SyncStatesFollowSyncsEnumerations)
{
    EXPECT_EQ(SyncState::fromSync(sync::SyncStatus::State::NeedsLogin), SyncState::NeedsLogin);
    EXPECT_EQ(SyncState::fromSync(sync::SyncStatus::State::Idle), SyncState::Idle);
    EXPECT_EQ(RecordSyncState::fromSync(sync::RecordSyncState::Synced), RecordSyncState::Confirmed);
    EXPECT_EQ(
        RecordSyncState::fromSync(sync::RecordSyncState::Conflict), RecordSyncState::Conflict);
}

TEST(QmlEnumsTest, QmlSeesTheEnumeratorsByName)
{
    // What QML writes (HazardStatus.Verified, SyncState.NeedsLogin) is the meta-enum's key.
    const QMetaEnum hazard = QMetaEnum::fromType<HazardStatus::Value>();
    EXPECT_STREQ(hazard.valueToKey(HazardStatus::Verified), "Verified");
    EXPECT_STREQ(hazard.valueToKey(HazardStatus::Unknown), "Unknown");
    EXPECT_STREQ(hazard.enclosingMetaObject()->className(), "safeloop::app::HazardStatus");
    EXPECT_STREQ(
        QMetaEnum::fromType<SyncState::Value>().valueToKey(SyncState::NeedsLogin), "NeedsLogin");
    EXPECT_STREQ(
        QMetaEnum::fromType<HazardEventKind::Value>().valueToKey(HazardEventKind::Found), "Found");
}

} // namespace
