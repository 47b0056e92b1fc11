// Blobs: who may attach and read a photo, partial uploads, quotas and the sweep (SQLite and
// PostgreSQL, see synctestsupport.h).
#include "synctestsupport.h"

TEST_F(SyncApiTest, APhotoReplacedWithinOnePushStillReachesEveryoneWhoSeesItsRecord)
{
    // Two answers to one item in one batch: the second merges into the first and replaces its
    // photo. Both photos' metadata rows exist on the device that made them and on the server.
    const QByteArray first("first photo of the guard");
    const QByteArray second("second photo of the guard");
    const QString insp = uuid();
    auto answer = [&](qint64 id, const QByteArray& photo) {
        return mutation(id, u"answer.set"_s, uuid(),
            { { u"inspection_id"_s, insp }, { u"item_code"_s, u"ST-01"_s },
                { u"result"_s, u"fail"_s },
                { u"attachments"_s,
                    QJsonArray { QJsonObject {
                        { u"id"_s, sha(photo) }, { u"mime"_s, u"image/jpeg"_s } } } } });
    };
    auto r = push(u"north"_s, u"dev-n"_s,
        { inspectionCreate(1, insp, entA, u"north"_s), answer(2, first), answer(3, second) });
    ASSERT_EQ(r->status, 200) << r->body;
    for (const auto& res : bodyJson(r)[u"results"_s].toArray())
        ASSERT_EQ(res[u"status"_s].toString(), u"applied"_s) << r->body;
    ASSERT_EQ(count(u"SELECT COUNT(*) FROM attachments"_s), 2);

    for (const auto& user : { u"north"_s, u"sup"_s }) {
        const QJsonArray changes = pullAll(user);
        for (const auto& photo : { first, second }) {
            const QJsonObject att = find(changes, u"attachment"_s, sha(photo));
            EXPECT_EQ(att[u"op"_s].toString(), u"put"_s)
                << user.toStdString() << " " << photo.toStdString();
            EXPECT_EQ(att[u"fields"_s][u"mime"_s].toString(), u"image/jpeg"_s);
        }
    }
    EXPECT_TRUE(find(pullAll(u"south"_s), u"attachment"_s, sha(first)).isEmpty());
    EXPECT_TRUE(find(pullAll(u"enta"_s), u"attachment"_s, sha(first)).isEmpty())
        << "an inspection answer's photo";
}

TEST_F(SyncApiTest, APhotoUsedTwiceIsVisibleThroughEitherReference)
{
    // One photo on a South answer first, then on a North hazard of enterprise A.
    const QByteArray photo("one photo, two records");
    const QString insp = uuid();
    auto r = push(u"insp"_s, u"dev-1"_s,
        { inspectionCreate(1, insp, entB, u"insp"_s),
            mutation(2, u"answer.set"_s, uuid(),
                { { u"inspection_id"_s, insp }, { u"item_code"_s, u"ST-01"_s },
                    { u"result"_s, u"fail"_s },
                    { u"attachments"_s, QJsonArray { sha(photo) } } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    createHazard(u"insp"_s, u"dev-1"_s, 3, entA, { sha(photo) });

    QString northCursor;
    const QJsonArray north = pullAll(u"north"_s, {}, &northCursor);
    EXPECT_EQ(find(north, u"attachment"_s, sha(photo))[u"op"_s].toString(), u"put"_s);
    EXPECT_EQ(
        find(north, u"attachment"_s, sha(photo))[u"fields"_s][u"state"_s].toString(), u"pending"_s);
    QString entCursor;
    EXPECT_EQ(
        find(pullAll(u"enta"_s, {}, &entCursor), u"attachment"_s, sha(photo))[u"op"_s].toString(),
        u"put"_s)
        << "the enterprise sees it through its hazard";
    EXPECT_EQ(find(pullAll(u"south"_s), u"attachment"_s, sha(photo))[u"op"_s].toString(), u"put"_s);
    EXPECT_TRUE(find(pullAll(u"entb"_s), u"attachment"_s, sha(photo)).isEmpty())
        << "an inspection answer's photo is not enterprise B's";

    // The bytes arrive: every scope that sees the photo hears it is complete.
    ASSERT_EQ(putBlob(u"insp"_s, photo)->status, 201);
    for (const auto& [user, cursor] :
        { std::pair { u"north"_s, northCursor }, std::pair { u"enta"_s, entCursor } }) {
        const QJsonObject att = find(pullAll(user, cursor), u"attachment"_s, sha(photo));
        EXPECT_EQ(att[u"fields"_s][u"state"_s].toString(), u"complete"_s) << user.toStdString();
    }
    EXPECT_EQ(getBlob(u"north"_s, sha(photo))->status, 200);
    EXPECT_EQ(getBlob(u"entb"_s, sha(photo))->status, 404);
}

TEST_F(SyncApiTest, AHazardOfADraftInspectionReachesTheEnterpriseOnlyOnceTheInspectionIsFinished)
{
    const QByteArray photo("guard rail photo taken during the inspection");
    ASSERT_EQ(putBlob(u"insp"_s, photo)->status, 201);
    const QString inspection = uuid();
    const QString drafted = uuid();
    const QString note = uuid();
    QJsonObject args = hazardArgs(entA, u"Guard rail missing on the mezzanine"_s,
        { QJsonObject { { u"id"_s, sha(photo) }, { u"mime"_s, u"image/jpeg"_s } } });
    args.insert(u"inspection_id"_s, inspection);
    auto r = push(u"insp"_s, u"dev-1"_s,
        { inspectionCreate(1, inspection, entA, u"insp"_s),
            mutation(2, u"hazard.create"_s, drafted, args),
            mutation(3, u"comment.add"_s, note,
                { { u"record_id"_s, drafted }, { u"text"_s, u"Bring the fitter's invoice"_s } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    for (const auto& res : bodyJson(r)[u"results"_s].toArray())
        ASSERT_EQ(res[u"status"_s].toString(), u"applied"_s) << r->body;
    // A hazard recorded outside an inspection reaches the enterprise at once, as before.
    const QString loose = createHazard(u"insp"_s, u"dev-1"_s, 4, entA);

    const auto eventsOf = [](const QJsonArray& changes, const QString& hazard) {
        int n = 0;
        for (const auto& c : changes)
            if (c[u"entity"_s].toString() == u"rectification_event"_s
                && c[u"fields"_s][u"hazard_id"_s].toString() == hazard)
                ++n;
        return n;
    };
    QString cursor;
    const QJsonArray before = pullAll(u"enta"_s, {}, &cursor);
    EXPECT_FALSE(find(before, u"hazard"_s, loose).isEmpty());
    EXPECT_EQ(eventsOf(before, loose), 1);
    EXPECT_TRUE(find(before, u"hazard"_s, drafted).isEmpty()) << "the inspectors' draft";
    EXPECT_EQ(eventsOf(before, drafted), 0);
    EXPECT_TRUE(find(before, u"comment"_s, note).isEmpty());
    EXPECT_TRUE(find(before, u"attachment"_s, sha(photo)).isEmpty());
    EXPECT_EQ(getBlob(u"enta"_s, sha(photo))->status, 404);
    // The inspectors of the street work on the draft meanwhile.
    const QJsonArray north = pullAll(u"north"_s);
    EXPECT_FALSE(find(north, u"hazard"_s, drafted).isEmpty());
    EXPECT_EQ(eventsOf(north, drafted), 1);
    EXPECT_FALSE(find(north, u"attachment"_s, sha(photo)).isEmpty());

    r = push(u"insp"_s, u"dev-1"_s,
        { mutation(5, u"inspection.finish"_s, inspection,
            { { u"finished_at"_s, u"2026-11-25T03:00:00.000Z"_s },
                { u"refusal_note"_s, u"负责人拒绝签字"_s } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    ASSERT_EQ(bodyJson(r)[u"results"_s][0][u"status"_s].toString(), u"applied"_s) << r->body;

    const QJsonArray after = pullAll(u"enta"_s, cursor);
    const QJsonObject hazard = find(after, u"hazard"_s, drafted);
    ASSERT_FALSE(hazard.isEmpty()) << "finishing hands the hazard over";
    EXPECT_EQ(hazard[u"op"_s].toString(), u"put"_s);
    EXPECT_EQ(hazard[u"fields"_s][u"status"_s].toString(), u"open"_s);
    EXPECT_EQ(eventsOf(after, drafted), 1) << "with its order";
    EXPECT_EQ(find(after, u"comment"_s, note)[u"fields"_s][u"text"_s].toString(),
        u"Bring the fitter's invoice"_s);
    EXPECT_EQ(
        find(after, u"attachment"_s, sha(photo))[u"fields"_s][u"owner_id"_s].toString(), drafted);
    EXPECT_EQ(getBlob(u"enta"_s, sha(photo))->status, 200);
    EXPECT_TRUE(find(after, u"inspection"_s, inspection).isEmpty()) << "never the inspection";
    EXPECT_TRUE(find(pullAll(u"entb"_s), u"hazard"_s, drafted).isEmpty());
}

TEST_F(SyncApiTest, KnowingAnotherEnterprisesPhotoHashIsNotEnoughToAttachOrReadIt)
{
    const QByteArray photoB("furnace photo of enterprise B, confidential");
    ASSERT_EQ(putBlob(u"insp"_s, photoB)->status, 201);
    const QString hb = createHazard(u"insp"_s, u"dev-1"_s, 1, entB, { sha(photoB) });
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 2, entA);

    // Enterprise A names B's photo on a comment of its own hazard: refused, nothing stored.
    QString code;
    EXPECT_EQ(commentWith(u"enta"_s, u"dev-a"_s, 1, ha, { sha(photoB) }, &code), u"rejected"_s);
    EXPECT_EQ(code, u"blob_not_allowed"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM comments"_s), 0);
    EXPECT_EQ(getBlob(u"enta"_s, sha(photoB))->status, 404);
    EXPECT_EQ(headBlob(u"enta"_s, sha(photoB))->status, 404) << "HEAD has GET's scope";
    EXPECT_TRUE(find(pullAll(u"enta"_s), u"attachment"_s, sha(photoB)).isEmpty());
    // The owner still reads it.
    EXPECT_EQ(getBlob(u"entb"_s, sha(photoB))->status, 200);
    auto head = headBlob(u"entb"_s, sha(photoB));
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(photoB.size()));
    // Re-attaching what one sees (B's own comment on its hazard) and one's own upload is fine.
    EXPECT_EQ(commentWith(u"entb"_s, u"dev-b"_s, 1, hb, { sha(photoB) }), u"applied"_s);
    const QByteArray photoA("enterprise A's own photo");
    ASSERT_EQ(putBlob(u"enta"_s, photoA)->status, 201);
    EXPECT_EQ(commentWith(u"enta"_s, u"dev-a"_s, 2, ha, { sha(photoA) }), u"applied"_s);
    // A photo nobody has uploaded yet may be named (a device may push before its photos).
    EXPECT_EQ(
        commentWith(u"enta"_s, u"dev-a"_s, 3, ha, { sha("still on the tablet") }), u"applied"_s);
    // Uploading the same bytes proves one holds them: then attaching is fine.
    EXPECT_EQ(putBlob(u"enta"_s, photoB)->status, 200);
    EXPECT_EQ(commentWith(u"enta"_s, u"dev-a"_s, 4, ha, { sha(photoB) }), u"applied"_s);
    // Someone else's upload in progress is not free to name either; one's own is.
    const QByteArray next("B's next photo, still uploading");
    ASSERT_EQ(putChunk(u"entb"_s, sha(next), next, 0, 10, next.size())->status, 308);
    EXPECT_EQ(commentWith(u"enta"_s, u"dev-a"_s, 5, ha, { sha(next) }, &code), u"rejected"_s);
    EXPECT_EQ(code, u"blob_not_allowed"_s);
    EXPECT_EQ(commentWith(u"entb"_s, u"dev-b"_s, 2, hb, { sha(next) }), u"applied"_s);
}

TEST_F(SyncApiTest, HeadAnswers404WhereGetWouldExceptForTheUploadersOwnUpload)
{
    EXPECT_EQ(headBlob(u"enta"_s, sha("never uploaded by anyone"))->status, 404);
    const QByteArray stray("uploaded by the inspector, attached to nothing");
    ASSERT_EQ(putBlob(u"insp"_s, stray)->status, 201);
    EXPECT_EQ(headBlob(u"insp"_s, sha(stray))->status, 200) << "the uploader resumes with HEAD";
    EXPECT_EQ(getBlob(u"insp"_s, sha(stray))->status, 404);
    for (const auto& user : { u"sup"_s, u"north"_s, u"enta"_s }) {
        EXPECT_EQ(headBlob(user, sha(stray))->status, 404) << user.toStdString();
        EXPECT_EQ(getBlob(user, sha(stray))->status, 404) << user.toStdString();
    }
    // A partial upload is its uploader's: others do not learn its offset.
    const QByteArray photo(3000, 'p');
    ASSERT_EQ(putChunk(u"insp"_s, sha(photo), photo, 0, 1000, 3000)->status, 308);
    auto own = headBlob(u"insp"_s, sha(photo));
    EXPECT_EQ(own->status, 308);
    EXPECT_EQ(own->get_header_value("Upload-Offset"), "1000");
    EXPECT_EQ(headBlob(u"sup"_s, sha(photo))->status, 404);
}

TEST_F(SyncApiTest, AnotherUsersUploadWithADifferentTotalDoesNotBlockTheOwner)
{
    const QByteArray photo(4000, 'q');
    const QString id = sha(photo);
    ASSERT_EQ(putChunk(u"insp"_s, id, photo, 0, 2000, 4000)->status, 308);
    // Someone who knows the hash starts its own upload with another total.
    const QByteArray junk(5000, 'j');
    auto squat = putChunk(u"enta"_s, id, junk, 0, 1000, 5000);
    EXPECT_EQ(squat->status, 308) << squat->body;
    EXPECT_EQ(squat->get_header_value("Upload-Offset"), "1000");
    // The owner's upload goes on from its own offset and completes.
    auto own = headBlob(u"insp"_s, id);
    EXPECT_EQ(own->status, 308);
    EXPECT_EQ(own->get_header_value("Upload-Offset"), "2000");
    EXPECT_EQ(own->get_header_value("Upload-Length"), "4000");
    auto done = putChunk(u"insp"_s, id, photo, 2000, 2000, 4000);
    EXPECT_EQ(done->status, 201) << done->body;
    // The squatter's bytes never become the blob: finishing them fails the hash check.
    auto rest = putChunk(u"enta"_s, id, junk, 1000, 4000, 5000);
    EXPECT_EQ(rest->status, 422) << rest->body;
    EXPECT_EQ(errorCode(rest), u"hash_mismatch"_s);
    EXPECT_TRUE(partialFiles().isEmpty());
}

TEST_F(SyncApiTest, APartialUploadLeftUntouchedExpires)
{
    setConfig(server::ServerConfig::PartialExpiryKey, u"1"_s);
    const QByteArray photo(3000, 'e');
    ASSERT_EQ(putChunk(u"insp"_s, sha(photo), photo, 0, 1000, 3000)->status, 308);
    ASSERT_EQ(partialFiles().size(), 1);
    QThread::msleep(1100);
    EXPECT_EQ(headBlob(u"insp"_s, sha(photo))->status, 404) << "expired: start again";
    EXPECT_TRUE(partialFiles().isEmpty());
    auto resumed = putChunk(u"insp"_s, sha(photo), photo, 1000, 2000, 3000);
    EXPECT_EQ(resumed->status, 409);
    EXPECT_EQ(resumed->get_header_value("Upload-Offset"), "0");
    EXPECT_TRUE(partialFiles().isEmpty()) << "a refused chunk leaves no file";

    // The start-up sweep removes expired partials of anyone too.
    ASSERT_EQ(putChunk(u"enta"_s, sha(photo), photo, 0, 1000, 3000)->status, 308);
    QThread::msleep(1100);
    server::SyncService sync(srv.store());
    auto swept = server::sweepBlobs(srv.store(), sync, QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(swept.ok()) << swept.error().message.toStdString();
    EXPECT_EQ(swept->expired, 1);
    EXPECT_TRUE(partialFiles().isEmpty());
}

TEST_F(SyncApiTest, UnreferencedUploadsBeyondTheUsersQuotaAreRefused)
{
    setConfig(server::ServerConfig::UserQuotaKey, u"1000"_s);
    const QByteArray first(600, '1');
    const QByteArray second(600, '2');
    ASSERT_EQ(putBlob(u"insp"_s, first)->status, 201);
    auto over = putBlob(u"insp"_s, second);
    EXPECT_EQ(over->status, 413) << over->body;
    EXPECT_EQ(errorCode(over), u"blob_quota_exceeded"_s);
    EXPECT_EQ(bodyJson(over)[u"error"_s][u"quota"_s].toInteger(), 1000);
    EXPECT_TRUE(partialFiles().isEmpty()) << "a refused upload stores nothing";
    // Partial uploads count too, from their announced total.
    const QByteArray big(800, 'b');
    ASSERT_EQ(putChunk(u"south"_s, sha(big), big, 0, 100, 800)->status, 308);
    EXPECT_EQ(putBlob(u"south"_s, QByteArray(300, 's'))->status, 413);
    EXPECT_EQ(putChunk(u"south"_s, sha(big), big, 100, 700, 800)->status, 201)
        << "its own upload in progress goes on";
    // Another user has a quota of its own.
    EXPECT_EQ(putBlob(u"north"_s, second)->status, 201);

    // Once a record references the first photo it no longer counts.
    createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { sha(first) });
    EXPECT_EQ(putBlob(u"insp"_s, second)->status, 200) << "stored already; now proven";
    const QByteArray third(600, '3');
    EXPECT_EQ(putBlob(u"insp"_s, third)->status, 413) << "second + third > 1000";
    // A photo a record names already is never held back by the quota.
    createHazard(u"insp"_s, u"dev-1"_s, 2, entA, { sha(third) });
    EXPECT_EQ(putBlob(u"insp"_s, third)->status, 201);
}

TEST_F(SyncApiTest, TheSweepCollectsOldUnreferencedBlobsAndKeepsReferencedOnes)
{
    const QByteArray kept("a photo a hazard references");
    const QByteArray stray("a photo nothing references");
    ASSERT_EQ(putBlob(u"insp"_s, kept)->status, 201);
    ASSERT_EQ(putBlob(u"insp"_s, stray)->status, 201);
    createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { sha(kept) });
    const QString keptPath = srv.store().blobDir() + u"/%1/%2"_s.arg(sha(kept).left(2), sha(kept));
    const QString strayPath
        = srv.store().blobDir() + u"/%1/%2"_s.arg(sha(stray).left(2), sha(stray));
    server::SyncService sync(srv.store());

    // Young: nothing goes.
    auto young = server::sweepBlobs(srv.store(), sync, QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(young.ok());
    EXPECT_EQ(young->collected, 0);
    EXPECT_TRUE(QFile::exists(strayPath));

    // Past the documented 7 days: the stray goes, the referenced photo stays.
    auto old = server::sweepBlobs(
        srv.store(), sync, QDateTime::currentDateTimeUtc().addDays(7).addSecs(60));
    ASSERT_TRUE(old.ok()) << old.error().message.toStdString();
    EXPECT_EQ(old->collected, 1);
    EXPECT_EQ(old->collectedBytes, stray.size());
    EXPECT_FALSE(QFile::exists(strayPath));
    EXPECT_TRUE(QFile::exists(keptPath));
    EXPECT_EQ(getBlob(u"enta"_s, sha(kept))->status, 200);
    EXPECT_EQ(headBlob(u"insp"_s, sha(stray))->status, 404);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM blob_uploads WHERE sha256 = '%1'"_s.arg(sha(stray))), 0);
}

TEST_F(SyncApiTest, AnUploadWhoseHashCheckACrashInterruptedIsFinishedOnHead)
{
    // What a crash after the last chunk reached the disk and before the hash check leaves.
    const QString owner = userIdOf(u"enta"_s);
    const QByteArray evidence("guard fitted, photo whose upload the crash interrupted");
    const QByteArray forged("bytes that do not match their name");
    const QString forgedId = sha("the name the forged bytes claim");
    ASSERT_TRUE(QDir().mkpath(srv.store().blobDir() + u"/partial"_s));
    for (const auto& [id, bytes] :
        { std::pair { sha(evidence), evidence }, std::pair { forgedId, forged } }) {
        QFile f(srv.store().blobDir()
            + u"/partial/%1-%2-%3"_s.arg(id, QString::fromLatin1(owner.toUtf8().toHex()))
                  .arg(bytes.size()));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA);
    auto submit = push(u"enta"_s, u"dev-e"_s,
        { mutation(1, u"rectification.submit"_s, uuid(),
            { { u"hazard_id"_s, ha }, { u"note"_s, u"fitted"_s },
                { u"attachments"_s, QJsonArray { sha(evidence) } } }) });
    ASSERT_EQ(bodyJson(submit)[u"results"_s][0][u"status"_s].toString(), u"applied"_s)
        << submit->body;

    // HEAD by the uploader checks the bytes now: never 308 with every byte there.
    auto head = headBlob(u"enta"_s, sha(evidence));
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(evidence.size()));
    auto gone = headBlob(u"enta"_s, forgedId);
    EXPECT_EQ(gone->status, 404) << "bytes that do not hash to their id are discarded";
    EXPECT_TRUE(partialFiles().isEmpty());

    auto verify = push(u"insp"_s, u"dev-1"_s,
        { mutation(2, u"rectification.verify"_s, uuid(), { { u"hazard_id"_s, ha } }) });
    EXPECT_EQ(bodyJson(verify)[u"results"_s][0][u"status"_s].toString(), u"applied"_s)
        << verify->body;
    EXPECT_EQ(getBlob(u"insp"_s, sha(evidence))->status, 200);
}

TEST_F(SyncApiTest, ABlobOfSeveralMiBDownloadsByteIdenticalOneMiBAtATime)
{
    QByteArray photo(3 * 1024 * 1024 + 12345, Qt::Uninitialized);
    for (qsizetype i = 0; i < photo.size(); ++i)
        photo[i] = static_cast<char>((i * 97 + i / 1000) % 251);
    const QString id = sha(photo);
    ASSERT_EQ(putChunk(u"insp"_s, id, photo, 0, photo.size(), photo.size())->status, 201);
    createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { id });

    auto got = getBlob(u"enta"_s, id);
    ASSERT_TRUE(got);
    ASSERT_EQ(got->status, 200) << got->body;
    EXPECT_EQ(got->get_header_value("Content-Length"), std::to_string(photo.size()));
    EXPECT_TRUE(QByteArray::fromStdString(got->body) == photo) << "bytes differ";
    // The file (or the database rows) went out 1 MiB at a time, never the whole blob at once.
    EXPECT_GE(srv.api().largestHeldAnswer(), static_cast<std::size_t>(1024 * 1024));
    EXPECT_LE(srv.api().largestHeldAnswer(), static_cast<std::size_t>(1024 * 1024 + 4096));

    // The connection stays usable after a streamed answer (keep-alive framing intact).
    auto c = srv.client();
    c.set_keep_alive(true);
    for (int i = 0; i < 2; ++i) {
        auto again = c.Get("/api/v1/blobs/" + id.toStdString(), bearer(tokens.value(u"enta"_s)));
        ASSERT_TRUE(again) << "request " << i;
        EXPECT_EQ(again->status, 200);
        EXPECT_EQ(again->body.size(), static_cast<std::size_t>(photo.size()));
    }
    auto health = c.Get("/api/v1/health");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
}
