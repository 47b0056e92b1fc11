// Pull: pages and cursors, scope per caller, resets, conflicts, deletes and the page text
// (SQLite and PostgreSQL, see synctestsupport.h).
#include "synctestsupport.h"

#include <brotli/encode.h>

TEST_F(SyncApiTest, PullPagesInSeqOrderWithAnOpaqueCursor)
{
    for (int i = 1; i <= 3; ++i)
        createHazard(u"insp"_s, u"dev-1"_s, i, entA);
    QJsonArray all;
    QString cursor;
    qint64 lastSeq = 0;
    bool sawMore = false;
    for (int page = 0; page < 100; ++page) {
        auto r = pull(u"sup"_s, cursor, 2);
        ASSERT_EQ(r->status, 200) << r->body;
        const QJsonObject o = bodyJson(r);
        EXPECT_LE(o[u"changes"_s].toArray().size(), 2);
        EXPECT_TRUE(o[u"resets"_s].toArray().isEmpty());
        for (const auto& c : o[u"changes"_s].toArray()) {
            EXPECT_GT(c[u"seq"_s].toInteger(), lastSeq);
            lastSeq = c[u"seq"_s].toInteger();
            all.append(c);
        }
        cursor = o[u"cursor"_s].toString();
        if (!o[u"has_more"_s].toBool())
            break;
        sawMore = true;
    }
    EXPECT_TRUE(sawMore);
    int hazards = 0;
    for (const auto& c : all)
        if (c[u"entity"_s].toString() == u"hazard"_s) {
            ++hazards;
            EXPECT_EQ(c[u"op"_s].toString(), u"put"_s);
            EXPECT_EQ(c[u"fields"_s][u"status"_s].toString(), u"open"_s);
            EXPECT_FALSE(c[u"fields"_s][u"overdue"_s].toBool());
            EXPECT_FALSE(c[u"fields"_s][u"created_at"_s].toString().isEmpty());
            EXPECT_EQ(c[u"versions"_s][u"description"_s].toInt(), 1);
        }
    EXPECT_EQ(hazards, 3);
    auto after = pull(u"sup"_s, cursor);
    EXPECT_TRUE(bodyJson(after)[u"changes"_s].toArray().isEmpty());
    EXPECT_EQ(pull(u"sup"_s, u"not-a-cursor"_s)->status, 400);
    EXPECT_EQ(
        srv.client().Get("/api/v1/sync/pull?limit=0", bearer(tokens.value(u"sup"_s)))->status, 400);
}

TEST_F(SyncApiTest, TenantIsolationAcrossPullAndBlobs)
{
    const QByteArray photoA("photo of enterprise A's press guard");
    const QByteArray photoB("photo of enterprise B's furnace");
    ASSERT_EQ(putBlob(u"insp"_s, photoA)->status, 201);
    ASSERT_EQ(putBlob(u"insp"_s, photoB)->status, 201);
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { sha(photoA) });
    const QString hb = createHazard(u"insp"_s, u"dev-1"_s, 2, entB, { sha(photoB) });

    const QJsonArray a = pullAll(u"enta"_s);
    EXPECT_FALSE(find(a, u"hazard"_s, ha).isEmpty());
    EXPECT_FALSE(find(a, u"enterprise"_s, entA).isEmpty());
    for (const auto& c : a) {
        const QString id = c[u"id"_s].toString();
        EXPECT_NE(id, hb);
        EXPECT_NE(id, entB);
        EXPECT_NE(id, sha(photoB));
        EXPECT_NE(c[u"entity"_s].toString(), u"device"_s);
        EXPECT_NE(c[u"entity"_s].toString(), u"inspection"_s);
    }
    // Users: itself and the inspectors (who issue and verify its tasks), never another
    // enterprise's users or the supervisors.
    EXPECT_FALSE(find(a, u"user"_s, userIdOf(u"enta"_s)).isEmpty());
    EXPECT_FALSE(find(a, u"user"_s, userIdOf(u"insp"_s)).isEmpty());
    EXPECT_FALSE(find(a, u"user"_s, userIdOf(u"north"_s)).isEmpty());
    EXPECT_TRUE(find(a, u"user"_s, userIdOf(u"entb"_s)).isEmpty());
    EXPECT_TRUE(find(a, u"user"_s, userIdOf(u"sup"_s)).isEmpty());
    const QJsonArray b = pullAll(u"entb"_s);
    EXPECT_FALSE(find(b, u"hazard"_s, hb).isEmpty());
    EXPECT_TRUE(find(b, u"hazard"_s, ha).isEmpty());

    const QJsonArray north = pullAll(u"north"_s);
    EXPECT_FALSE(find(north, u"hazard"_s, ha).isEmpty());
    EXPECT_TRUE(find(north, u"hazard"_s, hb).isEmpty());
    EXPECT_TRUE(find(north, u"enterprise"_s, entB).isEmpty());
    EXPECT_TRUE(findDevice(north, u"dev-sup"_s, u"sup"_s).isEmpty());
    const QJsonArray sup = pullAll(u"sup"_s);
    EXPECT_FALSE(find(sup, u"hazard"_s, hb).isEmpty());
    EXPECT_FALSE(find(sup, u"attachment"_s, sha(photoB)).isEmpty());

    // Blobs: readable only through a record in scope; otherwise 404, never 403.
    EXPECT_EQ(getBlob(u"enta"_s, sha(photoA))->status, 200);
    EXPECT_EQ(getBlob(u"enta"_s, sha(photoA))->body, photoA.toStdString());
    EXPECT_EQ(getBlob(u"enta"_s, sha(photoB))->status, 404);
    EXPECT_EQ(getBlob(u"entb"_s, sha(photoA))->status, 404);
    EXPECT_EQ(getBlob(u"north"_s, sha(photoB))->status, 404);
    EXPECT_EQ(getBlob(u"south"_s, sha(photoB))->status, 200);
    EXPECT_EQ(getBlob(u"sup"_s, sha(photoB))->status, 200);
    const QByteArray stray("uploaded but attached to nothing");
    ASSERT_EQ(putBlob(u"insp"_s, stray)->status, 201);
    EXPECT_EQ(getBlob(u"sup"_s, sha(stray))->status, 404);

    // An enterprise user may not act on another enterprise's hazard either.
    auto r = push(u"entb"_s, u"dev-b"_s,
        { mutation(1, u"rectification.submit"_s, uuid(),
            { { u"hazard_id"_s, ha }, { u"note"_s, u"done"_s } }) });
    EXPECT_EQ(bodyJson(r)[u"results"_s][0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(bodyJson(r)[u"results"_s][0][u"error"_s][u"code"_s].toString(), u"not_found"_s);
}

TEST_F(SyncApiTest, PlansReachTheInspectorsTheyNameButNeverAnEnterpriseUser)
{
    const QString northId = userIdOf(u"north"_s);
    ASSERT_FALSE(northId.isEmpty());
    const QString planId = uuid();
    const QJsonObject plan { { u"year"_s, 2026 }, { u"title"_s, u"2026年度执法检查计划"_s },
        { u"kind"_s, u"key"_s }, { u"enterprise_ids"_s, QJsonArray { entA } },
        { u"inspector_ids"_s, QJsonArray { northId } } };
    // Only a supervisor (or admin) issues plans.
    auto refused = push(u"north"_s, u"dev-n"_s, { mutation(1, u"plan.upsert"_s, uuid(), plan) });
    ASSERT_EQ(refused->status, 200) << refused->body;
    EXPECT_EQ(bodyJson(refused)[u"results"_s][0][u"status"_s].toString(), u"rejected"_s);
    auto r = push(u"sup"_s, u"dev-sup"_s, { mutation(3, u"plan.upsert"_s, planId, plan) });
    ASSERT_EQ(r->status, 200) << r->body;
    ASSERT_EQ(bodyJson(r)[u"results"_s][0][u"status"_s].toString(), u"applied"_s) << r->body;

    // The street-scoped inspector the plan names receives it with its lists.
    const QJsonObject got = find(pullAll(u"north"_s), u"plan"_s, planId);
    ASSERT_FALSE(got.isEmpty());
    EXPECT_EQ(got[u"op"_s].toString(), u"put"_s);
    EXPECT_EQ(got[u"fields"_s][u"title"_s].toString(), u"2026年度执法检查计划"_s);
    EXPECT_EQ(got[u"fields"_s][u"year"_s].toInt(), 2026);
    EXPECT_EQ(got[u"fields"_s][u"inspector_ids"_s].toArray(), QJsonArray { northId });
    EXPECT_EQ(got[u"fields"_s][u"enterprise_ids"_s].toArray(), QJsonArray { entA });
    // Even the user of the planned enterprise never sees a plan (not announced in advance).
    for (const auto& user : { u"enta"_s, u"entb"_s })
        for (const auto& c : pullAll(user))
            EXPECT_NE(c[u"entity"_s].toString(), u"plan"_s) << user.toStdString();
}

TEST_F(SyncApiTest, EnterpriseMovedToAnotherStreetArrivesAsRemove)
{
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA);
    QString northCursor;
    const QJsonArray before = pullAll(u"north"_s, {}, &northCursor);
    ASSERT_EQ(find(before, u"hazard"_s, ha)[u"op"_s].toString(), u"put"_s);
    QString southCursor;
    pullAll(u"south"_s, {}, &southCursor);

    auto moved = push(u"sup"_s, u"dev-sup"_s,
        { mutation(
            3, u"enterprise.upsert"_s, entA, enterpriseArgs(u"Acme Stamping"_s, u"South"_s)) });
    ASSERT_EQ(moved->status, 200) << moved->body;
    ASSERT_NE(bodyJson(moved)[u"results"_s][0][u"status"_s].toString(), u"rejected"_s);

    const QJsonArray north = pullAll(u"north"_s, northCursor);
    EXPECT_EQ(find(north, u"enterprise"_s, entA)[u"op"_s].toString(), u"remove"_s);
    EXPECT_EQ(find(north, u"hazard"_s, ha)[u"op"_s].toString(), u"remove"_s);
    const QJsonArray south = pullAll(u"south"_s, southCursor);
    EXPECT_EQ(find(south, u"enterprise"_s, entA)[u"op"_s].toString(), u"put"_s);
    EXPECT_EQ(find(south, u"hazard"_s, ha)[u"op"_s].toString(), u"put"_s);
}

TEST_F(SyncApiTest, ConcurrentEditKeepsTheLoserAsAConflictVisibleInPull)
{
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA);
    const QJsonObject base { { u"description"_s, 1 } };
    auto first = push(u"insp"_s, u"dev-1"_s,
        { mutation(2, u"hazard.update"_s, ha,
            { { u"description"_s, u"Guard missing on press 2"_s } }, base, hlcNow(1)) });
    ASSERT_EQ(bodyJson(first)[u"results"_s][0][u"status"_s].toString(), u"applied"_s);
    auto second = push(u"north"_s, u"dev-2"_s,
        { mutation(1, u"hazard.update"_s, ha, { { u"description"_s, u"Guard loose"_s } }, base,
            hlcNow(2)) });
    ASSERT_EQ(second->status, 200) << second->body;
    const QString status = bodyJson(second)[u"results"_s][0][u"status"_s].toString();
    EXPECT_TRUE(status == u"merged"_s || status == u"conflict"_s) << status.toStdString();
    const QJsonArray sup = pullAll(u"sup"_s);
    bool found = false;
    for (const auto& c : sup)
        if (c[u"entity"_s].toString() == u"conflict"_s
            && c[u"fields"_s][u"record_id"_s].toString() == ha) {
            found = true;
            EXPECT_EQ(c[u"fields"_s][u"field"_s].toString(), u"description"_s);
            EXPECT_EQ(c[u"fields"_s][u"reason"_s].toString(), u"concurrent_edit"_s);
        }
    EXPECT_TRUE(found);
    EXPECT_FALSE(find(pullAll(u"north"_s), u"hazard"_s, ha).isEmpty());
}

TEST_F(SyncApiTest, CursorOlderThanRetainedChangesAsksForResets)
{
    createHazard(u"insp"_s, u"dev-1"_s, 1, entA);
    QString cursor;
    pullAll(u"north"_s, {}, &cursor);
    {
        auto db = srv.store().connection();
        ASSERT_TRUE(server::run(
            db.value(), u"UPDATE change_counter SET trimmed_below = last_seq + 1 WHERE id = 1"_s)
                        .ok());
    }
    auto r = pull(u"north"_s, cursor);
    ASSERT_EQ(r->status, 200);
    const QJsonArray resets = bodyJson(r)[u"resets"_s].toArray();
    EXPECT_TRUE(resets.contains(QJsonValue(u"hazard"_s)));
    EXPECT_FALSE(resets.contains(QJsonValue(u"device"_s)));
    EXPECT_FALSE(bodyJson(r)[u"changes"_s].toArray().isEmpty()) << "starts again from the top";
    EXPECT_TRUE(bodyJson(pull(u"north"_s))[u"resets"_s].toArray().isEmpty());
}

TEST_F(SyncApiTest, AttachmentMetadataTravelsWithinTheOwnersScope)
{
    const QByteArray photoA("press guard photo, enterprise A");
    const QByteArray photoB("furnace photo, enterprise B");
    const QByteArray sketch("inspector's answer sketch, enterprise A");
    ASSERT_EQ(putBlob(u"insp"_s, photoA)->status, 201);
    const QJsonObject metaA { { u"id"_s, sha(photoA) }, { u"mime"_s, u"image/jpeg"_s },
        { u"size"_s, photoA.size() }, { u"captured_at"_s, u"2026-11-25T01:30:00.000Z"_s },
        { u"location"_s,
            QJsonObject { { u"lat"_s, 43.88 }, { u"lon"_s, 125.35 },
                { u"accuracy_m"_s, QJsonValue() }, { u"source"_s, u"nmea"_s },
                { u"flags"_s, QJsonArray { u"far_from_enterprise"_s } },
                { u"distance_m"_s, 640 } } } };
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { metaA });
    const QString hb = createHazard(u"insp"_s, u"dev-1"_s, 2, entB,
        { QJsonObject { { u"id"_s, sha(photoB) }, { u"mime"_s, u"image/jpeg"_s } } });
    // An inspection answer's photo is not the enterprise's to see.
    const QString inspectorId = userIdOf(u"insp"_s);
    ASSERT_FALSE(inspectorId.isEmpty());
    const QString insp = uuid();
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(3, u"inspection.create"_s, insp,
              { { u"enterprise_id"_s, entA }, { u"kind"_s, u"plan"_s },
                  { u"mode"_s, u"guidance"_s }, { u"inspector_ids"_s, QJsonArray { inspectorId } },
                  { u"template_refs"_s, QJsonArray {} },
                  { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } }),
            mutation(4, u"answer.set"_s, uuid(),
                { { u"inspection_id"_s, insp }, { u"item_code"_s, u"ST-01"_s },
                    { u"result"_s, u"fail"_s },
                    { u"attachments"_s,
                        QJsonArray { QJsonObject {
                            { u"id"_s, sha(sketch) }, { u"mime"_s, u"image/png"_s } } } } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    for (const auto& res : bodyJson(r)[u"results"_s].toArray())
        ASSERT_EQ(res[u"status"_s].toString(), u"applied"_s) << r->body;
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM attachments"_s), 3);

    const QJsonArray a = pullAll(u"enta"_s);
    const QJsonObject att = find(a, u"attachment"_s, sha(photoA));
    ASSERT_FALSE(att.isEmpty());
    const QJsonObject f = att[u"fields"_s].toObject();
    EXPECT_EQ(f[u"mime"_s].toString(), u"image/jpeg"_s);
    EXPECT_EQ(f[u"owner_entity"_s].toString(), u"hazard"_s);
    EXPECT_EQ(f[u"owner_id"_s].toString(), ha);
    EXPECT_EQ(f[u"state"_s].toString(), u"complete"_s);
    EXPECT_EQ(f[u"size"_s].toInteger(), photoA.size());
    EXPECT_EQ(f[u"captured_at"_s].toString(), u"2026-11-25T01:30:00.000Z"_s);
    EXPECT_TRUE(f[u"location"_s][u"accuracy_m"_s].isNull());
    EXPECT_EQ(f[u"location"_s][u"flags"_s].toArray(), QJsonArray { u"far_from_enterprise"_s });
    EXPECT_TRUE(find(a, u"attachment"_s, sha(photoB)).isEmpty()) << "another enterprise's";
    EXPECT_TRUE(find(a, u"attachment"_s, sha(sketch)).isEmpty()) << "an inspection answer's";
    // The hazard itself stores bare ids.
    EXPECT_EQ(find(a, u"hazard"_s, ha)[u"fields"_s][u"attachments"_s].toArray(),
        QJsonArray { sha(photoA) });

    const QJsonArray north = pullAll(u"north"_s);
    EXPECT_FALSE(find(north, u"attachment"_s, sha(sketch)).isEmpty());
    EXPECT_TRUE(find(north, u"attachment"_s, sha(photoB)).isEmpty());
    const QJsonObject pending = find(pullAll(u"sup"_s), u"attachment"_s, sha(photoB));
    EXPECT_EQ(pending[u"fields"_s][u"state"_s].toString(), u"pending"_s);
    EXPECT_EQ(pending[u"fields"_s][u"owner_id"_s].toString(), hb);
}

TEST_F(SyncApiTest, SoftDeletedHazardArrivesAsRemoveAndAConcurrentEditIsFlagged)
{
    const QString h = createHazard(u"insp"_s, u"dev-1"_s, 1, entA);
    QString cursor;
    pullAll(u"enta"_s, {}, &cursor);
    auto del = push(u"sup"_s, u"dev-sup"_s, { mutation(3, u"hazard.delete"_s, h, {}) });
    ASSERT_EQ(bodyJson(del)[u"results"_s][0][u"status"_s].toString(), u"applied"_s) << del->body;
    EXPECT_EQ(count(u"SELECT deleted FROM hazards"_s), 1) << "the row is kept";
    const QJsonObject gone = find(pullAll(u"enta"_s, cursor), u"hazard"_s, h);
    EXPECT_EQ(gone[u"op"_s].toString(), u"remove"_s);
    EXPECT_FALSE(gone.contains(u"fields"_s));

    // The inspector edited offline from version 1, before hearing of the delete.
    const qint64 at = QDateTime::currentMSecsSinceEpoch() - 60000;
    auto edit = push(u"insp"_s, u"dev-1"_s,
        { mutation(2, u"hazard.update"_s, h, { { u"place"_s, u"Line 9"_s } }, { { u"place"_s, 1 } },
            hlcAt(at)) });
    ASSERT_EQ(bodyJson(edit)[u"results"_s][0][u"status"_s].toString(), u"merged"_s) << edit->body;
    const QJsonArray sup = pullAll(u"sup"_s);
    EXPECT_EQ(find(sup, u"hazard"_s, h)[u"op"_s].toString(), u"remove"_s);
    bool flagged = false;
    for (const auto& c : sup) {
        const QJsonObject f = c[u"fields"_s].toObject();
        if (c[u"entity"_s].toString() == u"conflict"_s
            && f[u"reason"_s].toString() == u"edit_after_delete"_s) {
            flagged = true;
            EXPECT_EQ(f[u"record_id"_s].toString(), h);
            EXPECT_EQ(f[u"kept_value"_s][u"place"_s].toString(), u"Line 9"_s);
            EXPECT_EQ(f[u"created_at"_s].toString(),
                core::formatTimestamp(QDateTime::fromMSecsSinceEpoch(at, Qt::UTC)));
        }
    }
    EXPECT_TRUE(flagged);
}

TEST_F(SyncApiTest, PulledRecordsAreTheStoredRecordsScopedPerCallerAcrossPages)
{
    // Records of every kind that depends on an enterprise, in two streets, across many pages.
    const QByteArray photo("photo of enterprise A's press guard");
    ASSERT_EQ(putBlob(u"insp"_s, photo)->status, 201);
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { sha(photo) });
    const QString hb = createHazard(u"insp"_s, u"dev-1"_s, 2, entB);
    QStringList extra;
    for (int i = 0; i < 60; ++i)
        extra << createHazard(u"insp"_s, u"dev-1"_s, 3 + i, i % 2 ? entA : entB);
    const QString submitted = uuid();
    auto r = push(u"enta"_s, u"dev-a"_s,
        { mutation(1, u"rectification.submit"_s, submitted,
            { { u"hazard_id"_s, ha }, { u"note"_s, u"Guard refitted"_s } }) });
    ASSERT_EQ(bodyJson(r)[u"results"_s][0][u"status"_s].toString(), u"applied"_s) << r->body;
    const QString comment = uuid();
    r = push(u"sup"_s, u"dev-sup"_s,
        { mutation(3, u"comment.add"_s, comment,
            { { u"record_id"_s, hb }, { u"text"_s, u"Check the furnace door too"_s } }) });
    ASSERT_EQ(bodyJson(r)[u"results"_s][0][u"status"_s].toString(), u"applied"_s) << r->body;

    auto db = srv.store().connection();
    ASSERT_TRUE(db.ok());
    const QDate today = QDate::currentDate();
    for (const auto& user : { u"sup"_s, u"north"_s, u"south"_s, u"enta"_s, u"entb"_s }) {
        SCOPED_TRACE(user.toStdString());
        const QJsonArray changes = pullAll(user); // pages of 50
        QSet<QString> compared; // a record changed twice may arrive in two pages
        for (const auto& c : changes) {
            const QString entity = c[u"entity"_s].toString();
            if (c[u"op"_s].toString() != u"put"_s
                || !QStringList { u"enterprise"_s, u"hazard"_s, u"rectification_event"_s,
                    u"comment"_s }
                        .contains(entity))
                continue;
            auto stored = core::loadRecord(db.value(), entity, c[u"id"_s].toString(), today);
            ASSERT_TRUE(stored.ok() && stored->has_value());
            EXPECT_EQ(c[u"fields"_s].toObject(), (*stored)->fields) << entity.toStdString();
            EXPECT_EQ(c[u"versions"_s].toObject(), (*stored)->versions);
            compared.insert(entity + u'/' + c[u"id"_s].toString());
        }
        const bool seesA = user == u"sup"_s || user == u"north"_s || user == u"enta"_s;
        const bool seesB = user == u"sup"_s || user == u"south"_s || user == u"entb"_s;
        // Per enterprise: itself, 31 hazards with their order events, one submission or comment.
        EXPECT_EQ(compared.size(), (seesA ? 1 + 31 * 2 + 1 : 0) + (seesB ? 1 + 31 * 2 + 1 : 0));
        EXPECT_EQ(find(changes, u"hazard"_s, ha).isEmpty(), !seesA);
        EXPECT_EQ(find(changes, u"rectification_event"_s, submitted).isEmpty(), !seesA);
        EXPECT_EQ(find(changes, u"attachment"_s, sha(photo)).isEmpty(), !seesA);
        EXPECT_EQ(find(changes, u"enterprise"_s, entA).isEmpty(), !seesA);
        EXPECT_EQ(find(changes, u"hazard"_s, hb).isEmpty(), !seesB);
        EXPECT_EQ(find(changes, u"comment"_s, comment).isEmpty(), !seesB);
        EXPECT_EQ(find(changes, u"enterprise"_s, entB).isEmpty(), !seesB);
        for (int i = 0; i < extra.size(); ++i)
            EXPECT_EQ(find(changes, u"hazard"_s, extra.at(i)).isEmpty(), i % 2 ? !seesA : !seesB);
    }
}

TEST_F(SyncApiTest, LargePullPagesAreBrotliCompressedAndSmallOnesAreNot)
{
    for (int i = 0; i < 10; ++i)
        createHazard(u"insp"_s, u"dev-1"_s, 1 + i, entA);
    auto pullWith = [this](const std::string& encoding, const QString& cursor) {
        httplib::Headers h = bearer(tokens.value(u"sup"_s));
        h.emplace("Accept-Encoding", encoding);
        return srv.client().Get("/api/v1/sync/pull?limit=5000&cursor=" + cursor.toStdString(), h);
    };
    auto big = pullWith("br", {});
    ASSERT_EQ(big->status, 200);
    EXPECT_EQ(big->get_header_value("Content-Encoding"), "br");
    EXPECT_EQ(big->get_header_value("Content-Type"), "application/json; charset=utf-8");
    const QJsonObject page = bodyJson(big); // decompressed by the client
    EXPECT_GE(page[u"changes"_s].toArray().size(), 22); // 2 enterprises, 10 hazards, 10 orders
    EXPECT_FALSE(page[u"has_more"_s].toBool());

    auto gzip = pullWith("gzip", {});
    EXPECT_EQ(gzip->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(bodyJson(gzip)[u"changes"_s].toArray().size(), page[u"changes"_s].toArray().size());

    auto empty = pullWith("br", page[u"cursor"_s].toString());
    ASSERT_EQ(empty->status, 200);
    EXPECT_FALSE(empty->has_header("Content-Encoding"));
    EXPECT_TRUE(bodyJson(empty)[u"changes"_s].toArray().isEmpty());
}

TEST_F(SyncApiTest, ABigPullPageIsCompressedAtBrotliQualityTwo)
{
    // 800 enterprises make a first page over 256 KiB (a first sync's page size).
    for (int batch = 0; batch < 2; ++batch) {
        QJsonArray mutations;
        for (int i = 0; i < 400; ++i) {
            const int n = batch * 400 + i;
            mutations.append(mutation(3 + n, u"enterprise.upsert"_s, uscc(100 + n),
                enterpriseArgs(u"Riverside Works %1"_s.arg(n), u"North"_s)));
        }
        auto r = push(u"sup"_s, u"dev-sup"_s, mutations);
        ASSERT_EQ(r->status, 200) << r->body;
    }
    auto c = srv.client();
    c.set_decompress(false);
    auto get = [&](const std::string& encoding) {
        httplib::Headers h = bearer(tokens.value(u"sup"_s));
        h.emplace("Accept-Encoding", encoding);
        return c.Get("/api/v1/sync/pull?limit=5000", h);
    };
    auto plain = get("identity");
    auto br = get("br");
    ASSERT_EQ(plain->status, 200);
    ASSERT_EQ(br->status, 200);
    EXPECT_FALSE(plain->has_header("Content-Encoding"));
    ASSERT_EQ(br->get_header_value("Content-Encoding"), "br");
    ASSERT_GE(plain->body.size(), 256u * 1024u);
    // Byte for byte what Brotli quality 2 (text mode, default window) makes of the page.
    std::string expected(BrotliEncoderMaxCompressedSize(plain->body.size()), '\0');
    std::size_t size = expected.size();
    ASSERT_EQ(BrotliEncoderCompress(2, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, plain->body.size(),
                  reinterpret_cast<const std::uint8_t*>(plain->body.data()), &size,
                  reinterpret_cast<std::uint8_t*>(expected.data())),
        BROTLI_TRUE);
    expected.resize(size);
    EXPECT_EQ(br->body, expected);
}

TEST_F(SyncApiTest, APullPageIsWrittenAsCompactJsonWithSortedKeysAndTheStoredRecordsText)
{
    // Records of several kinds (users, enterprises, hazards with their derived overdue flag,
    // order events, an attachment), then an enterprise leaving the North: a remove.
    const QByteArray photo("photo of the press guard");
    ASSERT_EQ(putBlob(u"insp"_s, photo)->status, 201);
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA, { sha(photo) });
    createHazard(u"insp"_s, u"dev-1"_s, 2, entB);
    QString northCursor;
    pullAll(u"north"_s, {}, &northCursor);
    auto moved = push(u"sup"_s, u"dev-sup"_s,
        { mutation(
            3, u"enterprise.upsert"_s, entA, enterpriseArgs(u"Acme Stamping"_s, u"South"_s)) });
    ASSERT_EQ(moved->status, 200) << moved->body;

    auto db = srv.store().connection();
    ASSERT_TRUE(db.ok());
    QStringList kinds;
    for (const auto& [user, cursor] :
        { std::pair { u"sup"_s, QString() }, std::pair { u"north"_s, northCursor } }) {
        SCOPED_TRACE(user.toStdString());
        auto r = pull(user, cursor, 5000);
        ASSERT_EQ(r->status, 200);
        const QByteArray text = QByteArray::fromStdString(r->body);
        // Byte for byte what serialising the parsed page with QJsonDocument gives: the shape,
        // key order and escaping of the page did not change with the text-built page.
        EXPECT_EQ(text.toStdString(),
            QJsonDocument::fromJson(text).toJson(QJsonDocument::Compact).toStdString());
        for (const auto& c : bodyJson(r)[u"changes"_s].toArray()) {
            const QString entity = c[u"entity"_s].toString();
            kinds << entity + u':' + c[u"op"_s].toString();
            if (c[u"op"_s].toString() != u"put"_s || entity == u"user"_s
                || entity == u"attachment"_s)
                continue;
            // A record's fields are its stored record (a hazard with `overdue`).
            auto stored = core::loadRecord(db.value(), entity, c[u"id"_s].toString());
            ASSERT_TRUE(stored.ok() && stored->has_value()) << entity.toStdString();
            EXPECT_EQ(c[u"fields"_s].toObject(), (*stored)->fields) << entity.toStdString();
            EXPECT_EQ(c[u"versions"_s].toObject(), (*stored)->versions) << entity.toStdString();
            if (entity == u"hazard"_s) {
                EXPECT_TRUE(c[u"fields"_s].toObject().contains(u"overdue"_s));
            }
        }
    }
    for (const auto& kind :
        { u"user:put"_s, u"enterprise:put"_s, u"hazard:put"_s, u"rectification_event:put"_s,
            u"attachment:put"_s, u"enterprise:remove"_s, u"hazard:remove"_s })
        EXPECT_TRUE(kinds.contains(kind)) << kind.toStdString();
}

TEST_F(SyncApiTest, APageCarriesTheStoredTextOfRecordsWithUnicodeAndEscapesByteForByte)
{
    // Names with Chinese, a character beyond the BMP, quotes, backslashes, a slash and U+2028
    // (names refuse control characters): the page carries each stored doc's bytes as they are
    // (read as UTF-8 from SQLite, as text from PostgreSQL) and reads back as the stored record.
    const QString names[] = { u"安全生产 \"示范\" 企业 😀"_s,
        u"Back\\slash \\\" and / \u2028 mark"_s, u"Ünïcödé Wörks – №7"_s };
    QJsonArray mutations;
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        ids << uscc(10 + i);
        mutations.append(mutation(
            3 + i, u"enterprise.upsert"_s, ids.last(), enterpriseArgs(names[i], u"North"_s)));
    }
    auto r = push(u"sup"_s, u"dev-sup"_s, mutations);
    ASSERT_EQ(r->status, 200) << r->body;
    for (const auto& result : bodyJson(r)[u"results"_s].toArray())
        ASSERT_EQ(result[u"status"_s].toString(), u"applied"_s) << r->body;

    auto db = srv.store().connection();
    ASSERT_TRUE(db.ok());
    for (const auto& user : { u"sup"_s, u"north"_s }) {
        SCOPED_TRACE(user.toStdString());
        auto page = pull(user, {}, 5000);
        ASSERT_EQ(page->status, 200);
        const QByteArray text = QByteArray::fromStdString(page->body);
        EXPECT_EQ(text.toStdString(),
            QJsonDocument::fromJson(text).toJson(QJsonDocument::Compact).toStdString());
        int found = 0;
        for (const auto& c : bodyJson(page)[u"changes"_s].toArray()) {
            const QString id = c[u"id"_s].toString();
            const qsizetype at = ids.indexOf(id);
            if (at < 0)
                continue;
            ++found;
            EXPECT_EQ(c[u"fields"_s][u"name"_s].toString(), names[at]);
            QSqlQuery q(db.value());
            ASSERT_TRUE(q.prepare(u"SELECT doc, versions FROM enterprises WHERE id = ?"_s));
            q.addBindValue(id);
            ASSERT_TRUE(q.exec() && q.next());
            const QByteArray doc = q.value(0).toString().toUtf8();
            const QByteArray versions = q.value(1).toString().toUtf8();
            // The change's fields and versions are the stored text itself.
            EXPECT_TRUE(text.contains("\"fields\":" + doc + ",\"id\":\"" + id.toUtf8() + '"'))
                << doc.toStdString();
            EXPECT_TRUE(text.contains(",\"versions\":" + versions + '}')) << versions.toStdString();
            auto stored = core::loadRecord(db.value(), u"enterprise"_s, id);
            ASSERT_TRUE(stored.ok() && stored->has_value());
            EXPECT_EQ(c[u"fields"_s].toObject(), (*stored)->fields);
        }
        EXPECT_EQ(found, 3);
    }
}

TEST_F(SyncApiTest, ARecordChangedSeveralTimesWithinAPageAppearsOnceAtItsLatestChange)
{
    // Enterprise A renamed twice after B was registered: within one page A comes once, after B,
    // with its last name; a page of records changed once each keeps every change.
    for (int i = 0; i < 2; ++i) {
        auto r = push(u"sup"_s, u"dev-sup"_s,
            { mutation(3 + i, u"enterprise.upsert"_s, entA,
                enterpriseArgs(u"Acme Stamping %1"_s.arg(i), u"North"_s)) });
        ASSERT_EQ(r->status, 200) << r->body;
    }
    auto page = pull(u"sup"_s, {}, 5000);
    ASSERT_EQ(page->status, 200);
    QStringList order;
    qint64 lastSeq = 0;
    for (const auto& c : bodyJson(page)[u"changes"_s].toArray()) {
        if (c[u"entity"_s].toString() != u"enterprise"_s)
            continue;
        EXPECT_GT(c[u"seq"_s].toInteger(), lastSeq);
        lastSeq = c[u"seq"_s].toInteger();
        order << c[u"id"_s].toString();
        if (c[u"id"_s].toString() == entA) {
            EXPECT_EQ(c[u"fields"_s][u"name"_s].toString(), u"Acme Stamping 1"_s);
        }
    }
    EXPECT_EQ(order, (QStringList { entB, entA }));
    // Paged one change at a time, every change of A is its own page's only record.
    QString cursor;
    int pagesWithA = 0;
    for (int i = 0; i < 100; ++i) {
        auto r = pull(u"sup"_s, cursor, 1);
        ASSERT_EQ(r->status, 200);
        const QJsonObject o = bodyJson(r);
        for (const auto& c : o[u"changes"_s].toArray())
            if (c[u"id"_s].toString() == entA)
                ++pagesWithA;
        cursor = o[u"cursor"_s].toString();
        if (!o[u"has_more"_s].toBool())
            break;
    }
    EXPECT_EQ(pagesWithA, 3);
}

TEST_F(SyncApiTest, APageMixingEntitiesCarriesTheSameChangesForEveryCallerWhoSeesThem)
{
    // Records of many tables in one page: an inspection of A with an answer, a hazard with a
    // comment, a deleted comment, a plan, A renamed twice (Chinese, quotes, a backslash, a
    // character beyond the BMP), B untouched in the South. A supervisor and an inspector with no
    // streets see every record; North sees A's; enterprise A only its own.
    const QString inspection = uuid();
    const QString answer = uuid();
    auto r = push(u"insp"_s, u"dev-1"_s,
        { inspectionCreate(1, inspection, entA, u"insp"_s),
            mutation(2, u"answer.set"_s, answer,
                { { u"inspection_id"_s, inspection }, { u"item_code"_s, u"ST-01"_s },
                    { u"result"_s, u"pass"_s } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QString hazard = createHazard(u"insp"_s, u"dev-1"_s, 3, entA);
    ASSERT_EQ(commentWith(u"insp"_s, u"dev-1"_s, 4, hazard, {}), u"applied"_s);
    const QString goneComment = uuid();
    r = push(u"insp"_s, u"dev-1"_s,
        { mutation(5, u"comment.add"_s, goneComment,
              { { u"record_id"_s, hazard }, { u"text"_s, u"written in error"_s } }),
            mutation(6, u"comment.delete"_s, goneComment, {}) });
    ASSERT_EQ(r->status, 200) << r->body;
    for (const auto& result : bodyJson(r)[u"results"_s].toArray())
        ASSERT_EQ(result[u"status"_s].toString(), u"applied"_s) << r->body;
    r = push(u"sup"_s, u"dev-sup"_s,
        { mutation(3, u"plan.upsert"_s, uuid(),
              { { u"year"_s, 2027 }, { u"title"_s, u"重点企业 \"A\" \\ 😀"_s },
                  { u"kind"_s, u"key"_s }, { u"enterprise_ids"_s, QJsonArray { entA } },
                  { u"inspector_ids"_s, QJsonArray { userIdOf(u"north"_s) } } }),
            mutation(4, u"enterprise.upsert"_s, entA,
                enterpriseArgs(u"安全 \"示范\" 企业"_s, u"North"_s)),
            mutation(5, u"enterprise.upsert"_s, entA,
                enterpriseArgs(u"Acme \\ 冲压 😀 \u2028"_s, u"North"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    for (const auto& result : bodyJson(r)[u"results"_s].toArray())
        ASSERT_EQ(result[u"status"_s].toString(), u"applied"_s) << r->body;

    auto db = srv.store().connection();
    ASSERT_TRUE(db.ok());
    // Each change as the page carries it, by entity and id; the page is its own compact JSON.
    const auto changesOf = [](const std::string& body) {
        const QByteArray text = QByteArray::fromStdString(body);
        EXPECT_EQ(body, QJsonDocument::fromJson(text).toJson(QJsonDocument::Compact).toStdString());
        QHash<QString, QByteArray> out;
        QStringList order;
        for (const auto& c : QJsonDocument::fromJson(text)[u"changes"_s].toArray()) {
            const QString key = c[u"entity"_s].toString() + u'/' + c[u"id"_s].toString();
            EXPECT_FALSE(out.contains(key)) << key.toStdString(); // once per page
            out.insert(key, QJsonDocument(c.toObject()).toJson(QJsonDocument::Compact));
            order << key;
        }
        return std::pair { out, order };
    };
    auto supPage = pull(u"sup"_s, {}, 5000);
    ASSERT_EQ(supPage->status, 200);
    const auto [sup, supOrder] = changesOf(supPage->body);
    for (const auto& key :
        { u"inspection/"_s + inspection, u"answer/"_s + answer, u"hazard/"_s + hazard,
            u"comment/"_s + goneComment, u"enterprise/"_s + entA, u"enterprise/"_s + entB })
        EXPECT_TRUE(sup.contains(key)) << key.toStdString();
    // The deleted comment is a remove; every put of a record table is the stored record.
    EXPECT_EQ(QJsonDocument::fromJson(sup.value(u"comment/"_s + goneComment))[u"op"_s].toString(),
        u"remove"_s);
    int puts = 0;
    for (const auto& key : supOrder) {
        const QJsonObject c = QJsonDocument::fromJson(sup.value(key)).object();
        const QString entity = c[u"entity"_s].toString();
        if (c[u"op"_s].toString() != u"put"_s || entity == u"user"_s || entity == u"attachment"_s
            || entity == u"device"_s)
            continue;
        auto stored = core::loadRecord(db.value(), entity, c[u"id"_s].toString());
        ASSERT_TRUE(stored.ok() && stored->has_value()) << key.toStdString();
        EXPECT_EQ(c[u"fields"_s].toObject(), (*stored)->fields) << key.toStdString();
        EXPECT_EQ(c[u"versions"_s].toObject(), (*stored)->versions) << key.toStdString();
        ++puts;
    }
    EXPECT_GE(puts, 7);
    EXPECT_EQ(QJsonDocument::fromJson(sup.value(u"enterprise/"_s + entA))[u"fields"_s][u"name"_s]
                  .toString(),
        u"Acme \\ 冲压 😀 \u2028"_s);

    // The inspector with no streets: the supervisor's page less the devices, byte for byte.
    auto inspPage = pull(u"insp"_s, {}, 5000);
    ASSERT_EQ(inspPage->status, 200);
    const auto [insp, inspOrder] = changesOf(inspPage->body);
    QStringList supWithoutDevices;
    for (const auto& key : supOrder)
        if (!key.startsWith(u"device/"_s))
            supWithoutDevices << key;
    EXPECT_EQ(inspOrder, supWithoutDevices);
    for (const auto& key : inspOrder)
        EXPECT_EQ(insp.value(key).toStdString(), sup.value(key).toStdString()) << key.toStdString();

    // North and enterprise A: what they receive is the supervisor's change byte for byte.
    for (const auto& user : { u"north"_s, u"enta"_s }) {
        SCOPED_TRACE(user.toStdString());
        auto page = pull(user, {}, 5000);
        ASSERT_EQ(page->status, 200);
        const auto [theirs, order] = changesOf(page->body);
        EXPECT_TRUE(theirs.contains(u"enterprise/"_s + entA));
        EXPECT_FALSE(theirs.contains(u"enterprise/"_s + entB));
        EXPECT_EQ(theirs.contains(u"inspection/"_s + inspection), user == u"north"_s);
        for (const auto& key : order) {
            if (key.startsWith(u"user/"_s) || key.startsWith(u"attachment/"_s))
                continue;
            ASSERT_TRUE(sup.contains(key)) << key.toStdString();
            EXPECT_EQ(theirs.value(key).toStdString(), sup.value(key).toStdString())
                << key.toStdString();
        }
    }
}

TEST_F(SyncApiTest, APageEndingExactlyAtTheLimitHoldsEveryChangeAndSaysThereIsNoMore)
{
    // After a first sync, three records changed once each: a page as long as the three holds
    // them all, one change shorter leaves exactly the last change for the next page.
    QString from;
    pullAll(u"sup"_s, {}, &from);
    for (int i = 0; i < 3; ++i) {
        auto r = push(u"sup"_s, u"dev-sup"_s,
            { mutation(3 + i, u"enterprise.upsert"_s, uscc(20 + i),
                enterpriseArgs(u"Works %1"_s.arg(i), u"North"_s)) });
        ASSERT_EQ(r->status, 200) << r->body;
    }
    const qint64 lastSeq = count(u"SELECT MAX(seq) FROM change_log"_s);
    auto all = pull(u"sup"_s, from, 5000);
    ASSERT_EQ(all->status, 200);
    const QJsonObject whole = bodyJson(all);
    ASSERT_EQ(whole[u"changes"_s].toArray().size(), 3) << all->body;

    auto exact = pull(u"sup"_s, from, 3);
    ASSERT_EQ(exact->status, 200);
    EXPECT_EQ(exact->body, all->body);
    EXPECT_FALSE(bodyJson(exact)[u"has_more"_s].toBool());

    auto shorter = pull(u"sup"_s, from, 2);
    ASSERT_EQ(shorter->status, 200);
    const QJsonObject first = bodyJson(shorter);
    EXPECT_TRUE(first[u"has_more"_s].toBool());
    QJsonArray expected = whole[u"changes"_s].toArray();
    const QJsonValue last = expected.takeAt(expected.size() - 1);
    EXPECT_EQ(first[u"changes"_s].toArray(), expected);
    auto rest = pull(u"sup"_s, first[u"cursor"_s].toString(), 2);
    ASSERT_EQ(rest->status, 200);
    const QJsonArray tail = bodyJson(rest)[u"changes"_s].toArray();
    ASSERT_EQ(tail.size(), 1);
    EXPECT_EQ(tail.at(0), last);
    EXPECT_EQ(tail.at(0)[u"seq"_s].toInteger(), lastSeq);
    EXPECT_EQ(tail.at(0)[u"fields"_s][u"name"_s].toString(), u"Works 2"_s);
    EXPECT_FALSE(bodyJson(rest)[u"has_more"_s].toBool());
}
