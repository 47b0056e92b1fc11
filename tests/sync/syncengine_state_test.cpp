// SyncEngine's per-record sync state and the actor it applies local and re-applied mutations
// as, against the real safeloop-server.
#include "tests/support/fileconnection.h"
#include "tests/sync/liveserver.h"

#include "core/blobstore.h"
#include "core/mutation.h"

#include <QFile>
#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

class SyncEngineStateTest : public test::LiveServerTest {
protected:
    void SetUp() override
    {
        LiveServerTest::SetUp();
        addUser(u"li.inspector"_s, u"inspector"_s,
            { u"--badge"_s, u"22010007"_s, u"--streets"_s, u"North,East"_s });
        addUser(u"zhao.lead"_s, u"supervisor"_s);
        startServer();
    }
};

} // namespace

TEST_F(SyncEngineStateTest, ARecordIsPendingOnlyWhileAnUnsentMutationNamesIt)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1, u"North"_s);
    registerEnterprise(*lead, 2, u"North"_s);
    auto li = device(u"li"_s, u"li.inspector"_s);
    syncOk(*li);
    const QString enterprise = test::enterpriseCode(1);
    const QString hazard = core::uuidv7(), other = core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, hazard,
                        test::hazardArgs(1, u"Blocked exit"_s))
                    .ok());
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Pending);
    // The new hazard names its enterprise, but the enterprise itself has no unsent change.
    EXPECT_EQ(li->recordState(enterprise), sync::RecordSyncState::Synced);
    EXPECT_EQ(li->recordState(other), sync::RecordSyncState::Synced);
    syncOk(*li);
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Synced);

    // A comment on the hazard and an escalation of it both leave the hazard pending.
    const QString comment = core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"comment.add"_s, comment,
                        { { u"record_id"_s, hazard }, { u"text"_s, u"Re-check on Friday"_s } })
                    .ok());
    EXPECT_EQ(li->recordState(comment), sync::RecordSyncState::Pending);
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Pending);
    syncOk(*li);
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Synced);
    const QString escalation = core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"rectification.escalate"_s, escalation,
                        { { u"hazard_id"_s, hazard }, { u"note"_s, u"No response"_s } })
                    .ok());
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Pending);
    EXPECT_EQ(li->recordState(escalation), sync::RecordSyncState::Pending);
    syncOk(*li);
    // A hazard of another enterprise whose description quotes the first hazard's id is not it.
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, other, test::hazardArgs(2, hazard))
                    .ok());
    EXPECT_EQ(li->recordState(other), sync::RecordSyncState::Pending);
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Synced);
    syncOk(*li);
    EXPECT_EQ(li->recordState(other), sync::RecordSyncState::Synced);
}

TEST_F(SyncEngineStateTest, AnInspectorsMutationsAreJudgedInTheirStreetsAfterARestartToo)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1, u"North"_s);
    registerEnterprise(*lead, 2, u"South"_s);
    {
        auto li = device(u"li"_s, u"li.inspector"_s);
        syncOk(*li);
        EXPECT_EQ(li->actor().streets, (QStringList { u"North"_s, u"East"_s }));
    }
    auto li = device(u"li"_s);
    ASSERT_TRUE(li->hasSession());
    EXPECT_EQ(li->actor().streets, (QStringList { u"North"_s, u"East"_s }));
    EXPECT_EQ(lead->actor().streets, QStringList {}) << "a supervisor covers the district";

    // A South enterprise the device still holds (e.g. from before a reassignment) is outside
    // the inspector's streets: the device refuses a hazard there just as the server would.
    auto south = lead->store().record(u"enterprise"_s, test::enterpriseCode(2));
    ASSERT_TRUE(south.ok() && south->has_value());
    ASSERT_TRUE(li->store().storeRecord(**south).ok());
    const auto refused = li->store().perform(
        li->actor(), u"hazard.create"_s, core::uuidv7(), test::hazardArgs(2, u"Oil leak"_s));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, u"not_found"_s);
    EXPECT_EQ(li->pendingMutations(), 0);
    const auto allowed = li->store().perform(
        li->actor(), u"hazard.create"_s, core::uuidv7(), test::hazardArgs(1, u"Oil leak"_s));
    EXPECT_TRUE(allowed.ok()) << allowed.error().message.toStdString();
}

TEST_F(SyncEngineStateTest, ARefusedJudgementLeavesNoTraceOnTheDeviceAndTheServersHazardReturns)
{
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1, u"North"_s);
    addUser(u"ent.one"_s, u"enterprise"_s, { u"--enterprise"_s, test::enterpriseCode(1) });
    auto li = device(u"li"_s, u"li.inspector"_s);
    syncOk(*li);
    const QString hazard = core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, hazard,
                        test::hazardArgs(1, u"Guard missing"_s))
                    .ok());
    syncOk(*li);
    auto ent = device(u"ent"_s, u"ent.one"_s);
    syncOk(*ent);
    // Evidence that never reaches the server (the photo is not on this device).
    const QString missingPhoto = QString(64, u'a');
    ASSERT_TRUE(ent->store()
                    .perform(ent->actor(), u"rectification.submit"_s, core::uuidv7(),
                        { { u"hazard_id"_s, hazard }, { u"note"_s, u"Guard fitted"_s },
                            { u"attachments"_s, QJsonArray { missingPhoto } } })
                    .ok());
    syncOk(*ent);
    syncOk(*li);
    syncOk(*lead);
    auto status = [](sync::SyncEngine& e, const QString& id) {
        auto r = e.store().record(u"hazard"_s, id);
        return r.ok() && r->has_value() ? (*r)->fields.value(u"status"_s).toString() : QString();
    };
    auto events = [](sync::SyncEngine& e, const QString& id) {
        return test::countRows(test::FileConnection(e.options().databasePath).db(),
            u"SELECT COUNT(*) FROM rectification_events WHERE hazard_id = '%1'"_s.arg(id));
    };
    ASSERT_EQ(status(*li, hazard), u"submitted"_s);
    ASSERT_EQ(events(*li, hazard), 2); // order, submit

    // The server refuses the verification (evidence incomplete) though its hazard is unchanged:
    // the device drops its verify event and gets the server's hazard back in the same cycle.
    const QString verify = core::uuidv7();
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"rectification.verify"_s, verify,
                        { { u"hazard_id"_s, hazard }, { u"note"_s, u"Looks fine"_s } })
                    .ok());
    EXPECT_EQ(status(*li, hazard), u"verified"_s);
    syncOk(*li);
    EXPECT_EQ(status(*li, hazard), u"submitted"_s);
    EXPECT_EQ(events(*li, hazard), 2);
    ASSERT_EQ(li->rejectedMutations().size(), 1);
    EXPECT_EQ(li->rejectedMutations().first().code, u"evidence_pending"_s);
    EXPECT_EQ(li->recordState(hazard), sync::RecordSyncState::Synced);

    // Both officials reject the submission offline; the later one is refused as illegal.
    const QString leadReject = core::uuidv7(), liReject = core::uuidv7();
    ASSERT_TRUE(lead->store()
                    .perform(lead->actor(), u"rectification.reject"_s, leadReject,
                        { { u"hazard_id"_s, hazard }, { u"note"_s, u"No photo"_s } })
                    .ok());
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"rectification.reject"_s, liReject,
                        { { u"hazard_id"_s, hazard }, { u"note"_s, u"Photo missing"_s } })
                    .ok());
    syncOk(*lead);
    syncOk(*li);
    EXPECT_EQ(status(*li, hazard), u"rejected"_s);
    EXPECT_EQ(events(*li, hazard), 3); // order, submit and the supervisor's reject
    EXPECT_EQ(test::countRows(test::FileConnection(li->options().databasePath).db(),
                  u"SELECT COUNT(*) FROM rectification_events WHERE id = '%1'"_s.arg(liReject)),
        0);
    EXPECT_EQ(test::countRows(test::FileConnection(li->options().databasePath).db(),
                  u"SELECT COUNT(*) FROM rectification_events WHERE id = '%1'"_s.arg(leadReject)),
        1);
    ASSERT_EQ(li->rejectedMutations().size(), 2);
    EXPECT_EQ(li->rejectedMutations().last().code, u"illegal_transition"_s);
    syncOk(*lead);
    EXPECT_EQ(lead->conflicts(hazard).size(), 1) << "the refused judgement is kept for review";
}

TEST_F(SyncEngineStateTest, PhotosBeyondTheServersQuotaGoUpAfterTheMutationsThatNameThem)
{
    // Two 8000-byte photos, a quota of 10000 unreferenced bytes: the second upload is refused
    // until the hazard naming both is pushed; the same cycle then uploads it.
    ASSERT_EQ(test::runServerCommand({ u"config"_s, u"set"_s, u"--data"_s, serverDir(),
                                         u"blobs.user_quota_bytes"_s, u"10000"_s })
                  .exitCode,
        0);
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1, u"North"_s);
    auto li = device(u"li"_s, u"li.inspector"_s);
    syncOk(*li);
    QJsonArray photos;
    for (char fill : { 'a', 'b' }) {
        auto sha = li->store().blobs().put(QByteArray(8000, fill));
        ASSERT_TRUE(sha.ok());
        photos.append(*sha);
    }
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, core::uuidv7(),
                        test::hazardArgs(1, u"Two photos of the blocked exit"_s, photos))
                    .ok());
    syncOk(*li);
    EXPECT_EQ(li->pendingBlobs(), 0);
    EXPECT_EQ(li->pendingMutations(), 0);
    for (const auto& p : photos) {
        const QString sha = p.toString();
        EXPECT_TRUE(QFile::exists(serverDir() + u"/blobs/%1/%2"_s.arg(sha.left(2), sha)))
            << sha.toStdString();
    }
}

TEST_F(SyncEngineStateTest, APhotoNamedByAMutationStoredDuringACycleGoesUpBeforeThatMutation)
{
    // The inspector stores a second hazard with its photo while the cycle uploads the first
    // one's photo (an inspection finished on a connected device, its PDFs queued while the
    // automatic cycle runs): the same cycle pushes that hazard, so its photo must go up first.
    auto lead = device(u"lead"_s, u"zhao.lead"_s);
    registerEnterprise(*lead, 1, u"North"_s);
    auto li = device(u"li"_s, u"li.inspector"_s);
    syncOk(*li);
    auto first = li->store().blobs().put(QByteArray(8000, 'a'));
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(li->store()
                    .perform(li->actor(), u"hazard.create"_s, core::uuidv7(),
                        test::hazardArgs(1, u"Blocked exit"_s, QJsonArray { *first }))
                    .ok());
    QString second;
    const QString late = core::uuidv7();
    const auto r = li->runCycle([&](qint64, qint64, int, int) {
        if (!second.isEmpty())
            return;
        auto sha = li->store().blobs().put(QByteArray(9000, 'b'));
        ASSERT_TRUE(sha.ok());
        second = *sha;
        ASSERT_TRUE(li->store()
                        .perform(li->actor(), u"hazard.create"_s, late,
                            test::hazardArgs(1, u"Extinguisher missing"_s, QJsonArray { second }))
                        .ok());
    });
    ASSERT_TRUE(r.ok) << (r.failure ? r.failure->message.toStdString() : std::string());
    ASSERT_FALSE(second.isEmpty()) << "the cycle reported no upload progress";
    EXPECT_EQ(li->pendingMutations(), 0); // the late hazard went with this cycle
    EXPECT_EQ(r.uploadedBlobs, 2);
    EXPECT_EQ(li->attachmentState(second), sync::AttachmentSyncState::Confirmed);
    EXPECT_EQ(li->pendingBlobs(), 0);
    for (const QString& sha : { *first, second })
        EXPECT_TRUE(QFile::exists(serverDir() + u"/blobs/%1/%2"_s.arg(sha.left(2), sha)))
            << sha.toStdString();
    // And the supervisor can fetch it.
    syncOk(*lead);
    auto fetched = lead->fetchAttachment(second);
    ASSERT_TRUE(fetched.ok()) << fetched.error().message.toStdString();
}
