#include "storefixture.h"

#include "core/uuid.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop::core;
using namespace safeloop::core::testing;

namespace {

/// Server-side apply: mutations from two devices arrive with their own base and HLC.
class ServerMergeTest : public StoreFixture {
protected:
    void SetUp() override
    {
        StoreFixture::SetUp();
        ASSERT_TRUE(
            apply(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs(), {}, u"0192f3a4b5c60000"_s)
                .ok());
    }
    Result<MutationOutcome> apply(Actor a, const QString& name, const QString& id,
        const QJsonObject& args, const QJsonObject& base, const QString& hlc,
        const QString& device = u"dev-a"_s)
    {
        a.deviceId = device;
        ApplyContext ctx { clock, QTimeZone(QByteArrayLiteral("Asia/Shanghai")), true };
        return applyMutation(fileDb(), a, { 1, name, id, hlc, base, args }, ctx);
    }
    QJsonObject hazard() { return (*store->record(u"hazard"_s, u"h-1"_s))->fields; }
};

} // namespace

TEST_F(ServerMergeTest, MatchingBaseApplies)
{
    auto r = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 3"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5c70000"_s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Applied);
    EXPECT_EQ(hazard().value(u"place"_s).toString(), u"Line 3"_s);
}

TEST_F(ServerMergeTest, StaleBaseLaterHlcWinsAndTheLoserIsKept)
{
    ASSERT_TRUE(apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 3"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5d00000"_s, u"dev-b"_s)
                    .ok());
    // Device A edited offline from version 1 with an earlier clock: it loses.
    auto lose = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 4"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5c80000"_s);
    ASSERT_TRUE(lose.ok());
    EXPECT_EQ(lose->status, OutcomeStatus::Conflict);
    EXPECT_EQ(hazard().value(u"place"_s).toString(), u"Line 3"_s);
    ASSERT_EQ(lose->conflicts.size(), 1);
    EXPECT_EQ(lose->conflicts[0].lostValue.toString(), u"Line 4"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM conflicts WHERE field = 'place'"_s), 1);
    // A later clock wins over the stored value, which is kept as the loser.
    auto win = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 5"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5e00000"_s);
    ASSERT_TRUE(win.ok());
    EXPECT_EQ(win->status, OutcomeStatus::Merged);
    EXPECT_EQ(hazard().value(u"place"_s).toString(), u"Line 5"_s);
    EXPECT_EQ(win->conflicts[0].lostValue.toString(), u"Line 3"_s);
    EXPECT_TRUE(win->touched.contains(TouchedRecord { u"conflict"_s, win->conflicts[0].id }));
}

TEST_F(ServerMergeTest, EqualHlcsAreBrokenByTheClientId)
{
    ASSERT_TRUE(apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"B"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5d00000"_s, u"dev-b"_s)
                    .ok());
    auto r = apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"A"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5d00000"_s, u"dev-a"_s);
    EXPECT_EQ(r->status, OutcomeStatus::Conflict);
    EXPECT_EQ(hazard().value(u"place"_s).toString(), u"B"_s);
}

TEST_F(ServerMergeTest, TheMoreSevereLevelWinsWhateverTheClock)
{
    ASSERT_TRUE(apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"level"_s, u"major"_s } },
        { { u"level"_s, 1 } }, u"0192f3a4b5c70000"_s, u"dev-b"_s)
                    .ok());
    auto r = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"level"_s, u"general"_s } },
        { { u"level"_s, 1 } }, u"0192f3a4ffff0000"_s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Conflict);
    EXPECT_EQ(hazard().value(u"level"_s).toString(), u"major"_s);
    EXPECT_EQ(r->conflicts[0].reason, u"level_more_severe"_s);
}

TEST_F(ServerMergeTest, VerifyAfterAnotherDeviceVerifiedIsRejectedWithAConflictRecord)
{
    const QJsonObject ev { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"done"_s } };
    ASSERT_EQ(
        apply(enterpriseUser, u"rectification.submit"_s, uuidv7(), ev, {}, u"0192f3a4b5c70000"_s)
            ->status,
        OutcomeStatus::Applied);
    ASSERT_EQ(apply(inspector, u"rectification.verify"_s, uuidv7(), ev, {}, u"0192f3a4b5c80000"_s)
                  ->status,
        OutcomeStatus::Applied);
    auto late = apply(
        inspector2, u"rectification.verify"_s, uuidv7(), ev, {}, u"0192f3a4b5c90000"_s, u"dev-b"_s);
    ASSERT_TRUE(late.ok());
    EXPECT_EQ(late->status, OutcomeStatus::Rejected);
    EXPECT_EQ(late->error->code, u"illegal_transition"_s);
    ASSERT_EQ(late->conflicts.size(), 1);
    EXPECT_EQ(late->conflicts[0].reason, u"illegal_transition"_s);
    ASSERT_TRUE(recordConflicts(fileDb(), late->conflicts).ok());
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM conflicts WHERE reason = 'illegal_transition'"_s), 1);
}

TEST_F(ServerMergeTest, HazardMadeOfflineAWeekEarlierIsJudgedByItsOwnTime)
{
    ApplyContext ctx { QDateTime(QDate(2026, 11, 20), QTime(2, 0), Qt::UTC),
        QTimeZone(QByteArrayLiteral("Asia/Shanghai")), true };
    auto r = applyMutation(fileDb(), inspector,
        { 2, u"hazard.create"_s, u"h-2"_s, u"0192f3a4b5c60000"_s, {}, hazardArgs(u"2026-11-22"_s) },
        ctx);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Applied);
}

TEST_F(ServerMergeTest, RejectedMutationNamesTheRule)
{
    auto r = apply(enterpriseUser, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"X"_s } }, {},
        u"0192f3a4b5c70000"_s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Rejected);
    EXPECT_EQ(r->error->code, u"not_allowed"_s);
    EXPECT_TRUE(r->touched.isEmpty());
}

// ---- Attachment metadata ------------------------------------------------------------------

namespace {

const QString ShaB = QString(64, u'b');
const QString ShaC = QString(64, u'c');

class AttachmentMetadataTest : public StoreFixture {
protected:
    QString startInspection()
    {
        const QString id = uuidv7();
        auto r = perform(inspector, u"inspection.create"_s, id, inspectionArgs());
        EXPECT_TRUE(r.ok() && r->status == OutcomeStatus::Applied);
        return id;
    }
    QJsonObject attachment(const QString& sha)
    {
        auto r = store->record(u"attachment"_s, sha);
        return r.ok() && r->has_value() ? (*r)->fields : QJsonObject {};
    }
    QJsonObject photo(const QString& sha)
    {
        return { { u"id"_s, sha }, { u"mime"_s, u"image/jpeg"_s }, { u"size"_s, 184320 },
            { u"captured_at"_s, u"2026-11-25T01:30:00.000Z"_s },
            { u"location"_s,
                QJsonObject { { u"lat"_s, 43.88 }, { u"lon"_s, 125.35 }, { u"accuracy_m"_s, 6 },
                    { u"fix_time"_s, u"2026-11-25T01:29:58.000Z"_s },
                    { u"source"_s, u"gps"_s } } } };
    }
};

} // namespace

TEST_F(AttachmentMetadataTest, AnswerWritesOneMetadataRowPerBlobOwnedByTheAnswer)
{
    const QString inspection = startInspection();
    const QString answerId = uuidv7();
    auto r = perform(inspector, u"answer.set"_s, answerId,
        { { u"inspection_id"_s, inspection }, { u"item_code"_s, u"ST-01"_s },
            { u"result"_s, u"fail"_s }, { u"attachments"_s, QJsonArray { photo(ShaB), ShaC } } });
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    ASSERT_EQ(r->status, OutcomeStatus::Applied);
    EXPECT_TRUE(r->touched.contains(TouchedRecord { u"attachment"_s, ShaB }));
    // The answer keeps bare ids; the metadata lives in the attachment rows.
    auto answer = store->record(u"answer"_s, answerId);
    EXPECT_EQ((*answer)->fields.value(u"attachments"_s).toArray(), (QJsonArray { ShaB, ShaC }));
    const QJsonObject b = attachment(ShaB);
    EXPECT_EQ(b.value(u"owner_entity"_s).toString(), u"answer"_s);
    EXPECT_EQ(b.value(u"owner_id"_s).toString(), answerId);
    EXPECT_EQ(b.value(u"mime"_s).toString(), u"image/jpeg"_s);
    EXPECT_EQ(b.value(u"size"_s).toInteger(), 184320);
    EXPECT_EQ(b.value(u"captured_at"_s).toString(), u"2026-11-25T01:30:00.000Z"_s);
    EXPECT_DOUBLE_EQ(b.value(u"location"_s).toObject().value(u"lat"_s).toDouble(), 43.88);
    const QJsonObject c = attachment(ShaC);
    EXPECT_EQ(c.value(u"owner_id"_s).toString(), answerId);
    EXPECT_FALSE(c.contains(u"mime"_s));
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM attachments"_s), 2);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM attachments WHERE mime = 'image/jpeg' AND size = "
                    u"184320"_s),
        1);
}

TEST_F(AttachmentMetadataTest, FirstOwnerIsKeptAndALaterReferenceOnlyFillsMissingMetadata)
{
    const QString hazard = uuidv7();
    ASSERT_EQ(perform(inspector, u"hazard.create"_s, hazard, hazardArgs())->status,
        OutcomeStatus::Applied);
    const QString sha = QString(64, u'a'); // hazardArgs() attaches it as a bare id
    EXPECT_EQ(attachment(sha).value(u"owner_entity"_s).toString(), u"hazard"_s);
    EXPECT_FALSE(attachment(sha).contains(u"mime"_s));
    const QString comment = uuidv7();
    QJsonObject meta = photo(sha);
    ASSERT_EQ(perform(inspector, u"comment.add"_s, comment,
                  { { u"record_id"_s, hazard }, { u"text"_s, u"same photo"_s },
                      { u"attachments"_s, QJsonArray { meta } } })
                  ->status,
        OutcomeStatus::Applied);
    EXPECT_EQ(attachment(sha).value(u"owner_entity"_s).toString(), u"hazard"_s);
    EXPECT_EQ(attachment(sha).value(u"owner_id"_s).toString(), hazard);
    EXPECT_EQ(attachment(sha).value(u"mime"_s).toString(), u"image/jpeg"_s);
    // Removing the photo from the hazard keeps its row (append-only).
    ASSERT_TRUE(
        perform(inspector, u"hazard.update"_s, hazard, { { u"attachments"_s, QJsonArray {} } })
            .ok());
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM attachments WHERE deleted = 0"_s), 1);
}

TEST_F(AttachmentMetadataTest, SignaturesAndEvidenceAreOwnedByTheirInspectionAndEvent)
{
    const QString inspection = startInspection();
    ASSERT_EQ(perform(inspector, u"inspection.finish"_s, inspection,
                  { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s },
                      { u"signatures"_s,
                          QJsonArray { QJsonObject { { u"id"_s, ShaB },
                              { u"mime"_s, u"image/png"_s }, { u"size"_s, 5120 } } } } })
                  ->status,
        OutcomeStatus::Applied);
    EXPECT_EQ(attachment(ShaB).value(u"owner_entity"_s).toString(), u"inspection"_s);
    EXPECT_EQ(attachment(ShaB).value(u"mime"_s).toString(), u"image/png"_s);
    auto insp = store->record(u"inspection"_s, inspection);
    EXPECT_EQ((*insp)->fields.value(u"signatures"_s).toArray(), QJsonArray { ShaB });

    const QString hazard = uuidv7();
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, hazard, hazardArgs()).ok());
    const QString event = uuidv7();
    ASSERT_EQ(perform(enterpriseUser, u"rectification.submit"_s, event,
                  { { u"hazard_id"_s, hazard }, { u"note"_s, u"fixed"_s },
                      { u"attachments"_s, QJsonArray { photo(ShaC) } } })
                  ->status,
        OutcomeStatus::Applied);
    EXPECT_EQ(attachment(ShaC).value(u"owner_entity"_s).toString(), u"rectification_event"_s);
    EXPECT_EQ(attachment(ShaC).value(u"owner_id"_s).toString(), event);
}

TEST_F(AttachmentMetadataTest, MalformedMetadataIsRefusedByNameAndWritesNothing)
{
    struct Case {
        QJsonValue element;
        QString code;
    };
    const QList<Case> cases {
        { QJsonObject { { u"id"_s, ShaB }, { u"size"_s, -1 } }, u"invalid_size"_s },
        { QJsonObject { { u"id"_s, ShaB }, { u"size"_s, 1.5 } }, u"invalid_size"_s },
        { QJsonObject { { u"id"_s, ShaB }, { u"mime"_s, u"jpeg"_s } }, u"invalid_mime"_s },
        { QJsonObject { { u"id"_s, ShaB }, { u"mime"_s, u"image/jpeg; q=1"_s } },
            u"invalid_mime"_s },
        { QJsonObject { { u"id"_s, u"ABC"_s } }, u"invalid_sha256"_s },
        { QJsonObject { { u"mime"_s, u"image/jpeg"_s } }, u"missing_field"_s },
        { QJsonObject { { u"id"_s, ShaB }, { u"captured_at"_s, u"yesterday"_s } },
            u"invalid_timestamp"_s },
        { QString(64, u'G'), u"invalid_sha256"_s },
        { 42, u"invalid_type"_s },
    };
    for (const auto& c : cases) {
        QJsonObject args = hazardArgs();
        args.insert(u"attachments"_s, QJsonArray { c.element });
        auto r = perform(inspector, u"hazard.create"_s, uuidv7(), args);
        ASSERT_FALSE(r.ok()) << "the device refuses and rolls back";
        EXPECT_EQ(r.error().code, c.code) << r.error().message.toStdString();
    }
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM attachments"_s), 0);
}

// ---- Soft deletes ---------------------------------------------------------------------------

namespace {

class SoftDeleteTest : public ServerMergeTest {
protected:
    int deleted(const QString& table, const QString& id)
    {
        return count(u"SELECT deleted FROM %1 WHERE id = '%2'"_s.arg(table, id));
    }
    QString inspection()
    {
        const QString id = uuidv7();
        EXPECT_EQ(apply(inspector, u"inspection.create"_s, id, inspectionArgs(), {},
                      u"0192f3a4b5c60001"_s)
                      ->status,
            OutcomeStatus::Applied);
        return id;
    }
};

} // namespace

TEST_F(SoftDeleteTest, DraftInspectionIsSoftDeletedByAnInspectorOnItOnly)
{
    const QString id = inspection();
    Actor outsider { u"insp-3"_s, Role::Inspector, {}, {}, {} };
    EXPECT_EQ(
        apply(outsider, u"inspection.delete"_s, id, {}, {}, u"0192f3a4b5c70000"_s)->error->code,
        u"not_allowed"_s);
    auto r = apply(inspector2, u"inspection.delete"_s, id, {}, {}, u"0192f3a4b5c70000"_s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Applied);
    EXPECT_EQ(deleted(u"inspections"_s, id), 1) << "the row stays, flagged";
    auto rec = store->record(u"inspection"_s, id);
    EXPECT_TRUE((*rec)->deleted);
    EXPECT_EQ((*rec)->versions.value(u"deleted"_s).toInt(), 1);
    // Deleting again (another device) changes nothing.
    auto again = apply(inspector, u"inspection.delete"_s, id, {}, {}, u"0192f3a4b5c80000"_s);
    EXPECT_EQ(again->status, OutcomeStatus::Applied);
    EXPECT_TRUE(again->touched.isEmpty());

    const QString finished = inspection();
    ASSERT_EQ(apply(inspector, u"inspection.finish"_s, finished,
                  { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s },
                      { u"signatures"_s, QJsonArray { ShaB } } },
                  {}, u"0192f3a4b5c70001"_s)
                  ->status,
        OutcomeStatus::Applied);
    EXPECT_EQ(apply(inspector, u"inspection.delete"_s, finished, {}, {}, u"0192f3a4b5c90000"_s)
                  ->error->code,
        u"inspection_finished"_s);
    EXPECT_EQ(deleted(u"inspections"_s, finished), 0);
}

TEST_F(SoftDeleteTest, CommentIsSoftDeletedByItsAuthorOnly)
{
    const QString id = uuidv7();
    ASSERT_EQ(apply(enterpriseUser, u"comment.add"_s, id,
                  { { u"record_id"_s, u"h-1"_s }, { u"text"_s, u"we ordered a new curtain"_s } },
                  {}, u"0192f3a4b5c70000"_s)
                  ->status,
        OutcomeStatus::Applied);
    EXPECT_EQ(
        apply(supervisor, u"comment.delete"_s, id, {}, {}, u"0192f3a4b5c80000"_s)->error->code,
        u"not_allowed"_s);
    EXPECT_EQ(deleted(u"comments"_s, id), 0);
    EXPECT_EQ(apply(enterpriseUser, u"comment.delete"_s, id, {}, {}, u"0192f3a4b5c90000"_s)->status,
        OutcomeStatus::Applied);
    EXPECT_EQ(deleted(u"comments"_s, id), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM comments"_s), 1);
}

TEST_F(SoftDeleteTest, HazardIsDeletedByASupervisorOrItsInspectorBeforeRectificationStarts)
{
    EXPECT_EQ(
        apply(inspector2, u"hazard.delete"_s, u"h-1"_s, {}, {}, u"0192f3a4b5c70000"_s)->error->code,
        u"not_allowed"_s);
    EXPECT_EQ(apply(enterpriseUser, u"hazard.delete"_s, u"h-1"_s, {}, {}, u"0192f3a4b5c70000"_s)
                  ->error->code,
        u"not_allowed"_s);
    // The creating inspector may delete its own hazard while only the order exists.
    ASSERT_TRUE(
        apply(inspector, u"hazard.create"_s, u"h-2"_s, hazardArgs(), {}, u"0192f3a4b5c60002"_s)
            .ok());
    EXPECT_EQ(apply(inspector, u"hazard.delete"_s, u"h-2"_s, {}, {}, u"0192f3a4b5c70000"_s)->status,
        OutcomeStatus::Applied);
    EXPECT_EQ(deleted(u"hazards"_s, u"h-2"_s), 1);
    // Once the enterprise submitted, only a supervisor may.
    ASSERT_EQ(
        apply(enterpriseUser, u"rectification.submit"_s, uuidv7(),
            { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"done"_s } }, {}, u"0192f3a4b5c70001"_s)
            ->status,
        OutcomeStatus::Applied);
    EXPECT_EQ(
        apply(inspector, u"hazard.delete"_s, u"h-1"_s, {}, {}, u"0192f3a4b5c80000"_s)->error->code,
        u"hazard_in_rectification"_s);
    EXPECT_EQ(
        apply(supervisor, u"hazard.delete"_s, u"h-1"_s, {}, {}, u"0192f3a4b5c90000"_s)->status,
        OutcomeStatus::Applied);
    EXPECT_EQ(deleted(u"hazards"_s, u"h-1"_s), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 2);
    // Further events on a deleted hazard find nothing.
    EXPECT_EQ(apply(inspector, u"rectification.verify"_s, uuidv7(),
                  { { u"hazard_id"_s, u"h-1"_s } }, {}, u"0192f3a4b5ca0000"_s)
                  ->error->code,
        u"not_found"_s);
}

TEST_F(SoftDeleteTest, EditConcurrentWithADeleteIsKeptAndFlagged)
{
    ASSERT_EQ(
        apply(supervisor, u"hazard.delete"_s, u"h-1"_s, {}, {}, u"0192f3a4b5d00000"_s, u"dev-sup"_s)
            ->status,
        OutcomeStatus::Applied);
    // Device A edited offline before it heard of the delete.
    const QString hlc = u"0192f3a4b5c80000"_s;
    auto r = apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 9"_s } },
        { { u"place"_s, 1 } }, hlc);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Merged);
    auto rec = store->record(u"hazard"_s, u"h-1"_s);
    EXPECT_EQ((*rec)->fields.value(u"place"_s).toString(), u"Line 9"_s) << "the edit is kept";
    EXPECT_TRUE((*rec)->deleted) << "the record stays deleted";
    ASSERT_EQ(r->conflicts.size(), 1);
    EXPECT_EQ(r->conflicts[0].reason, u"edit_after_delete"_s);
    EXPECT_EQ(r->conflicts[0].field, u"deleted"_s);
    EXPECT_EQ(r->conflicts[0].keptValue.toObject().value(u"place"_s).toString(), u"Line 9"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM conflicts WHERE reason = 'edit_after_delete' AND "
                    u"record_id = 'h-1'"_s),
        1);
    // A client that had seen the delete (its base names the delete's version) finds nothing.
    auto late = apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 10"_s } },
        { { u"place"_s, 2 }, { u"deleted"_s, 1 } }, u"0192f3a4b5e00000"_s);
    EXPECT_EQ(late->error->code, u"not_found"_s);

    // An answer recorded offline on an inspection deleted meanwhile is kept and flagged too.
    const QString insp = inspection();
    ASSERT_TRUE(
        apply(inspector2, u"inspection.delete"_s, insp, {}, {}, u"0192f3a4b5d00001"_s, u"dev-b"_s)
            .ok());
    auto answer = apply(inspector, u"answer.set"_s, uuidv7(),
        { { u"inspection_id"_s, insp }, { u"item_code"_s, u"ST-01"_s },
            { u"result"_s, u"pass"_s } },
        {}, u"0192f3a4b5c90000"_s);
    ASSERT_TRUE(answer.ok());
    EXPECT_EQ(answer->status, OutcomeStatus::Merged);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM answers WHERE inspection_id = '%1'"_s.arg(insp)), 1);
    EXPECT_EQ(answer->conflicts[0].reason, u"edit_after_delete"_s);
}

// ---- Refusals and scope -------------------------------------------------------------------

TEST_F(ServerMergeTest, AVerifiedHazardCannotBeEdited)
{
    const QJsonObject ev { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"done"_s } };
    ASSERT_EQ(
        apply(enterpriseUser, u"rectification.submit"_s, uuidv7(), ev, {}, u"0192f3a4b5c70000"_s)
            ->status,
        OutcomeStatus::Applied);
    ASSERT_EQ(apply(inspector, u"rectification.verify"_s, uuidv7(), ev, {}, u"0192f3a4b5c80000"_s)
                  ->status,
        OutcomeStatus::Applied);
    auto r = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 3"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5c90000"_s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Rejected);
    EXPECT_EQ(r->error->code, u"hazard_closed"_s);
    EXPECT_EQ(hazard().value(u"place"_s).toString(), u"Press line 2"_s);
}

TEST_F(ServerMergeTest, AnInspectorLimitedToStreetsMayNotActOnEnterprisesElsewhere)
{
    // Work on the North enterprise exists; an inspector of the South street tries everything.
    const QString insp = uuidv7();
    Actor both { u"insp-1"_s, Role::Inspector, {}, { u"North"_s }, {} };
    ASSERT_EQ(apply(both, u"inspection.create"_s, insp, inspectionArgs(), {}, u"0192f3a4b5c60001"_s)
                  ->status,
        OutcomeStatus::Applied);
    ASSERT_EQ(
        apply(enterpriseUser, u"rectification.submit"_s, uuidv7(),
            { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"done"_s } }, {}, u"0192f3a4b5c60002"_s)
            ->status,
        OutcomeStatus::Applied);
    const QString commentId = uuidv7();
    ASSERT_EQ(apply(inspector, u"comment.add"_s, commentId,
                  { { u"record_id"_s, u"h-1"_s }, { u"text"_s, u"see photo"_s } }, {},
                  u"0192f3a4b5c60003"_s)
                  ->status,
        OutcomeStatus::Applied);
    Actor south { u"insp-1"_s, Role::Inspector, {}, { u"South"_s }, {} };
    struct Attempt {
        QString name;
        QString id;
        QJsonObject args;
    };
    const QList<Attempt> attempts {
        { u"answer.set"_s, uuidv7(),
            { { u"inspection_id"_s, insp }, { u"item_code"_s, u"ST-01"_s },
                { u"result"_s, u"pass"_s } } },
        { u"inspection.update"_s, insp, { { u"kind"_s, u"random"_s } } },
        { u"inspection.finish"_s, insp,
            { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s },
                { u"refusal_note"_s, u"refused to sign"_s } } },
        { u"inspection.delete"_s, insp, {} },
        { u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 3"_s } } },
        { u"hazard.delete"_s, u"h-1"_s, {} },
        { u"rectification.verify"_s, uuidv7(), { { u"hazard_id"_s, u"h-1"_s } } },
        { u"rectification.reject"_s, uuidv7(), { { u"hazard_id"_s, u"h-1"_s } } },
        { u"comment.add"_s, uuidv7(), { { u"record_id"_s, u"h-1"_s }, { u"text"_s, u"x"_s } } },
        { u"comment.delete"_s, commentId, {} },
    };
    for (const auto& a : attempts) {
        auto r = apply(south, a.name, a.id, a.args, {}, u"0192f3a4b5c70000"_s);
        ASSERT_TRUE(r.ok()) << a.name.toStdString();
        EXPECT_EQ(r->status, OutcomeStatus::Rejected) << a.name.toStdString();
        EXPECT_EQ(r->error->code, u"not_found"_s) << a.name.toStdString();
    }
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM answers"_s), 0);
    EXPECT_EQ(hazard().value(u"status"_s).toString(), u"submitted"_s);
    // The same inspector with the North street in scope may.
    EXPECT_EQ(apply(both, u"rectification.verify"_s, uuidv7(), { { u"hazard_id"_s, u"h-1"_s } }, {},
                  u"0192f3a4b5c80000"_s)
                  ->status,
        OutcomeStatus::Applied);
}

TEST_F(ServerMergeTest, ConflictRecordsAreDatedByTheMutationsClockNotTheWallClock)
{
    ASSERT_TRUE(apply(inspector, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 3"_s } },
        { { u"place"_s, 1 } }, u"0192f3a4b5d00000"_s, u"dev-b"_s)
                    .ok());
    const QString hlc = u"0192f3a4b5c80000"_s;
    auto lose = apply(supervisor, u"hazard.update"_s, u"h-1"_s, { { u"place"_s, u"Line 4"_s } },
        { { u"place"_s, 1 } }, hlc);
    ASSERT_EQ(lose->conflicts.size(), 1);
    const QString expected = formatTimestamp(hlcTime(hlc));
    EXPECT_EQ(lose->conflicts[0].createdAt, expected);
    QSqlQuery q(fileDb());
    ASSERT_TRUE(q.exec(u"SELECT created_at FROM conflicts"_s));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), expected);
    EXPECT_TRUE(expected.startsWith(u"2024-"_s)) << "0x192f3a4b5c8 ms is in 2024";
}

// ---- Ids that exist and references -------------------------------------------------------

TEST_F(ServerMergeTest, ACommentIdThatExistsIsRefusedAndTheCommentKeepsItsTextAndAuthor)
{
    const QString id = uuidv7();
    ASSERT_EQ(apply(inspector, u"comment.add"_s, id,
                  { { u"record_id"_s, u"h-1"_s }, { u"text"_s, u"the inspector's remark"_s } }, {},
                  u"0192f3a4b5c70000"_s)
                  ->status,
        OutcomeStatus::Applied);
    auto r = apply(enterpriseUser, u"comment.add"_s, id,
        { { u"record_id"_s, u"h-1"_s }, { u"text"_s, u"rewritten"_s } }, {}, u"0192f3a4b5c80000"_s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, OutcomeStatus::Rejected);
    EXPECT_EQ(r->error->code, u"already_exists"_s);
    auto stored = store->record(u"comment"_s, id);
    EXPECT_EQ((*stored)->fields.value(u"text"_s).toString(), u"the inspector's remark"_s);
    EXPECT_EQ((*stored)->fields.value(u"author_id"_s).toString(), u"insp-1"_s);
}

TEST_F(ServerMergeTest, AnAnswerIdIsNeverMovedToAnotherInspectionAndAFinishedOnesAnswersStay)
{
    const QString first = uuidv7();
    ASSERT_EQ(
        apply(inspector, u"inspection.create"_s, first, inspectionArgs(), {}, u"0192f3a4b5c60001"_s)
            ->status,
        OutcomeStatus::Applied);
    const QString answer = uuidv7();
    const QJsonObject args { { u"inspection_id"_s, first }, { u"item_code"_s, u"ST-01"_s },
        { u"result"_s, u"fail"_s } };
    ASSERT_EQ(apply(inspector, u"answer.set"_s, answer, args, {}, u"0192f3a4b5c60002"_s)->status,
        OutcomeStatus::Applied);
    ASSERT_EQ(apply(inspector, u"inspection.finish"_s, first,
                  { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s },
                      { u"refusal_note"_s, u"refused to sign"_s } },
                  {}, u"0192f3a4b5c60003"_s)
                  ->status,
        OutcomeStatus::Applied);
    const QString second = uuidv7();
    ASSERT_EQ(apply(inspector, u"inspection.create"_s, second, inspectionArgs(), {},
                  u"0192f3a4b5c60004"_s)
                  ->status,
        OutcomeStatus::Applied);
    QJsonObject moved = args;
    moved.insert(u"inspection_id"_s, second);
    moved.insert(u"result"_s, u"pass"_s);
    EXPECT_EQ(
        apply(inspector, u"answer.set"_s, answer, moved, {}, u"0192f3a4b5c70000"_s)->error->code,
        u"already_exists"_s);
    QJsonObject again = args;
    again.insert(u"result"_s, u"pass"_s);
    EXPECT_EQ(
        apply(inspector, u"answer.set"_s, answer, again, {}, u"0192f3a4b5c70001"_s)->error->code,
        u"inspection_finished"_s);
    auto stored = store->record(u"answer"_s, answer);
    EXPECT_EQ((*stored)->fields.value(u"inspection_id"_s).toString(), first);
    EXPECT_EQ((*stored)->fields.value(u"result"_s).toString(), u"fail"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM answers"_s), 1);
}

TEST_F(ServerMergeTest, ARecordNamingAnEnterpriseThatDoesNotExistIsRefusedForEveryInspector)
{
    QJsonObject args = hazardArgs();
    args.insert(u"enterprise_id"_s, enterpriseCode(77));
    for (const Actor& a :
        { inspector, Actor { u"insp-1"_s, Role::Inspector, {}, { u"North"_s }, {} }, supervisor }) {
        auto r = apply(a, u"hazard.create"_s, uuidv7(), args, {}, u"0192f3a4b5c70000"_s);
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r->status, OutcomeStatus::Rejected);
        EXPECT_EQ(r->error->code, u"not_found"_s);
        EXPECT_TRUE(r->error->message.contains(u"enterprise_id"_s))
            << r->error->message.toStdString();
    }
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 1);
}

TEST_F(StoreFixture, TheDeviceRefusesACommentOverAnExistingIdAsTheServerDoes)
{
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs()).ok());
    const QString id = uuidv7();
    ASSERT_TRUE(perform(
        inspector, u"comment.add"_s, id, { { u"record_id"_s, u"h-1"_s }, { u"text"_s, u"a"_s } })
                    .ok());
    auto r = perform(
        inspector, u"comment.add"_s, id, { { u"record_id"_s, u"h-1"_s }, { u"text"_s, u"b"_s } });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"already_exists"_s);
}

TEST_F(StoreFixture, TheDeviceLeavesARecordItDoesNotHoldToTheServer)
{
    // Not pulled yet: the server, which holds every enterprise, decides.
    QJsonObject args = hazardArgs();
    args.insert(u"enterprise_id"_s, enterpriseCode(77));
    EXPECT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, args).ok());
    // One the device holds out of the inspector's streets is refused as on the server.
    Actor south { u"insp-1"_s, Role::Inspector, {}, { u"South"_s }, {} };
    EXPECT_EQ(
        perform(south, u"hazard.create"_s, u"h-2"_s, hazardArgs()).error().code, u"not_found"_s);
}
