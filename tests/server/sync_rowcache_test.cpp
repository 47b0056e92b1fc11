// The rows a push group holds between statements (core::RowCache), on SQLite and PostgreSQL: a
// mutation reads what an earlier one of its push wrote, a push the group rolls back leaves
// nothing behind for the pushes after it, and a write the database refuses fails its push as it
// did when every row was written at once.
#include "synctestsupport.h"

#include <chrono>

namespace {

/// A hazard's stored doc and versions.
struct StoredHazard {
    QJsonObject doc;
    QJsonObject versions;
    bool found = false;
};

QJsonObject parsed(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class RowCacheTest : public SyncApiTest {
protected:
    StoredHazard hazard(const QString& id)
    {
        auto db = srv.store().connection();
        auto q
            = server::run(db.value(), u"SELECT doc, versions FROM hazards WHERE id = ?"_s, { id });
        EXPECT_TRUE(q.ok());
        StoredHazard out;
        if (q.ok() && q.value().next())
            out = { parsed(q.value().value(0).toString()), parsed(q.value().value(1).toString()),
                true };
        if (q.ok())
            q.value().finish();
        return out;
    }

    /// One deadline per hazard: the unique index below refuses a second hazard on a deadline.
    void refuseSharedDeadlines()
    {
        auto db = srv.store().connection();
        ASSERT_TRUE(core::exec(
            db.value(), u"CREATE UNIQUE INDEX test_one_hazard_per_deadline ON hazards (deadline)"_s)
                        .ok());
    }

    server::Caller inspector()
    {
        server::Caller caller;
        caller.userId = userIdOf(u"insp"_s);
        caller.role = server::Role::Inspector;
        return caller;
    }

    static QJsonObject body(const QString& client, const QJsonArray& mutations)
    {
        return { { u"client_id"_s, client }, { u"schema_version"_s, 1 },
            { u"mutations"_s, mutations } };
    }

    /// Pushes `bodies` through `sync` so that they are written as one group after a first push
    /// of their own: the change log's counter row is held (every group writer waits for it)
    /// while the first push becomes the writer and the others queue behind it in order.
    std::vector<core::Result<server::PushResult>> pushAsOneGroup(server::SyncService& sync,
        const server::Caller& caller, const QJsonObject& first, const QList<QJsonObject>& bodies)
    {
        using namespace std::chrono_literals;
        auto db = srv.store().connection();
        EXPECT_TRUE(db.value().transaction());
        EXPECT_TRUE(
            server::run(db.value(), u"UPDATE change_counter SET last_seq = last_seq WHERE id = 1"_s)
                .ok());
        std::vector<std::optional<core::Result<server::PushResult>>> answers(
            static_cast<std::size_t>(bodies.size()) + 1);
        std::vector<std::thread> threads;
        for (qsizetype i = 0; i <= bodies.size(); ++i) {
            const QJsonObject b = i == 0 ? first : bodies.at(i - 1);
            threads.emplace_back([&sync, &caller, &answers, b, i] {
                answers[static_cast<std::size_t>(i)] = sync.push(caller, b);
            });
            std::this_thread::sleep_for(250ms);
        }
        EXPECT_TRUE(db.value().commit());
        for (auto& t : threads)
            t.join();
        std::vector<core::Result<server::PushResult>> out;
        for (qsizetype i = 1; i < static_cast<qsizetype>(answers.size()); ++i)
            out.push_back(std::move(*answers[static_cast<std::size_t>(i)]));
        EXPECT_TRUE(answers[0].has_value() && answers[0]->ok());
        return out;
    }
};

TEST_F(RowCacheTest, AMutationReadsWhatAnEarlierOneOfItsPushWrote)
{
    const QString id = uuid();
    const qint64 at = QDateTime::currentMSecsSinceEpoch();
    auto r = push(u"insp"_s, u"dev-rows"_s,
        { mutation(
              1, u"hazard.create"_s, id, hazardArgs(entA, u"Guard missing"_s), {}, hlcAt(at, 1)),
            mutation(2, u"hazard.update"_s, id,
                { { u"description"_s, u"Guard missing, press 3"_s } }, {}, hlcAt(at, 2)),
            // The same id again: the row the first mutation wrote answers the create.
            mutation(
                3, u"hazard.create"_s, id, hazardArgs(entA, u"Second record"_s), {}, hlcAt(at, 3)),
            mutation(
                4, u"hazard.update"_s, id, { { u"place"_s, u"Hall 4"_s } }, {}, hlcAt(at, 4)) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonArray results = bodyJson(r)[u"results"_s].toArray();
    ASSERT_EQ(results.size(), 4) << r->body;
    EXPECT_EQ(results[0][u"status"_s].toString(), u"applied"_s) << r->body;
    EXPECT_EQ(results[1][u"status"_s].toString(), u"applied"_s) << r->body;
    EXPECT_EQ(results[2][u"status"_s].toString(), u"rejected"_s) << r->body;
    EXPECT_EQ(results[2][u"error"_s][u"code"_s].toString(), u"already_exists"_s) << r->body;
    EXPECT_EQ(results[3][u"status"_s].toString(), u"applied"_s) << r->body;

    // The last update merged into the row the one before wrote, not into the created one.
    const StoredHazard h = hazard(id);
    ASSERT_TRUE(h.found);
    EXPECT_EQ(h.doc[u"description"_s].toString(), u"Guard missing, press 3"_s);
    EXPECT_EQ(h.doc[u"place"_s].toString(), u"Hall 4"_s);
    EXPECT_EQ(h.versions[u"description"_s].toInt(), 2);
    EXPECT_EQ(h.versions[u"place"_s].toInt(), 2);
    EXPECT_EQ(h.versions[u"level"_s].toInt(), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE id = '%1'"_s.arg(id)), 1);
    EXPECT_EQ(
        count(u"SELECT COUNT(*) FROM rectification_events WHERE hazard_id = '%1'"_s.arg(id)), 1);
    // What a device pulls is what was stored.
    const QJsonObject pulled = find(pullAll(u"sup"_s), u"hazard"_s, id);
    EXPECT_EQ(pulled[u"fields"_s][u"description"_s].toString(), u"Guard missing, press 3"_s)
        << QJsonDocument(pulled).toJson().toStdString();
    EXPECT_EQ(pulled[u"fields"_s][u"place"_s].toString(), u"Hall 4"_s);
}

TEST_F(RowCacheTest, APushTheGroupRollsBackLeavesNothingForThePushesAfterIt)
{
    const QString shared = createHazard(u"insp"_s, u"dev-setup"_s, 1, entA);
    refuseSharedDeadlines();
    server::SyncService sync(srv.store());
    const server::Caller caller = inspector();
    const QString first = uuid();
    const QString again = uuid(); // created by the failing push, then by the one after it
    const QString refused = uuid();
    const qint64 at = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject failing = body(u"rows-failing"_s,
        { mutation(1, u"hazard.create"_s, again,
              hazardArgs(entA, u"From the failed push"_s, {}, u"2099-02-02"_s), {}, hlcAt(at, 1)),
            mutation(2, u"hazard.update"_s, shared, { { u"place"_s, u"From the failed push"_s } },
                {}, hlcAt(at, 2)),
            // The deadline of `shared`: the database refuses the row.
            mutation(3, u"hazard.create"_s, refused, hazardArgs(entA, u"Refused by the database"_s),
                {}, hlcAt(at, 3)) });
    const QJsonObject after = body(u"rows-after"_s,
        { mutation(1, u"hazard.create"_s, again,
              hazardArgs(entA, u"From the push after"_s, {}, u"2099-02-02"_s), {}, hlcAt(at, 4)),
            mutation(2, u"hazard.update"_s, shared,
                { { u"description"_s, u"Seen after the rollback"_s } }, {}, hlcAt(at, 5)) });
    auto answers = pushAsOneGroup(sync, caller,
        body(u"rows-first"_s,
            { mutation(1, u"hazard.create"_s, first,
                hazardArgs(entA, u"Before the group"_s, {}, u"2099-02-01"_s)) }),
        { failing, after });
    ASSERT_EQ(answers.size(), 2U);
    ASSERT_FALSE(answers[0].ok());
    EXPECT_EQ(answers[0].error().code, u"sql_error"_s);
    ASSERT_TRUE(answers[1].ok()) << answers[1].error().message.toStdString();
    ASSERT_EQ(answers[1].value().results.size(), 2);
    for (const auto& item : answers[1].value().results)
        EXPECT_EQ(item.status, u"applied"_s) << (item.error ? item.error->code.toStdString() : "");
    // The failing push and the one after it were written in one group.
    EXPECT_EQ(sync.pushStats().groups, 2);

    EXPECT_EQ(hazard(again).doc[u"description"_s].toString(), u"From the push after"_s);
    EXPECT_FALSE(hazard(refused).found);
    const StoredHazard s = hazard(shared);
    EXPECT_EQ(s.doc[u"place"_s].toString(), u"Press line 2"_s);
    EXPECT_EQ(s.versions[u"place"_s].toInt(), 1);
    EXPECT_EQ(s.doc[u"description"_s].toString(), u"Seen after the rollback"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_clients WHERE client_id = 'rows-failing'"_s), 0);
    EXPECT_EQ(
        count(u"SELECT COUNT(*) FROM push_results WHERE client_key LIKE 'rows-failing%'"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE record_id = '%1'"_s.arg(refused)), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE record_id = '%1'"_s.arg(again)), 1);
}

TEST_F(RowCacheTest, AWriteTheDatabaseRefusesFailsItsPushWholeAndTheGroupGoesOn)
{
    refuseSharedDeadlines();
    server::SyncService sync(srv.store());
    const server::Caller caller = inspector();
    const QString a = uuid(), b = uuid(), c = uuid(), good = uuid();
    const QJsonArray refusedBatch {
        mutation(1, u"hazard.create"_s, a, hazardArgs(entA, u"First"_s, {}, u"2099-03-01"_s)),
        mutation(
            2, u"hazard.create"_s, b, hazardArgs(entA, u"Same deadline"_s, {}, u"2099-03-01"_s)),
        mutation(3, u"hazard.create"_s, c, hazardArgs(entA, u"Third"_s, {}, u"2099-03-03"_s)),
    };
    auto answers = pushAsOneGroup(sync, caller,
        body(u"refuse-first"_s,
            { mutation(1, u"hazard.create"_s, uuid(),
                hazardArgs(entA, u"Before the group"_s, {}, u"2099-03-10"_s)) }),
        { body(u"refuse-bad"_s, refusedBatch),
            body(u"refuse-good"_s,
                { mutation(1, u"hazard.create"_s, good,
                    hazardArgs(entA, u"In the same group"_s, {}, u"2099-03-04"_s)) }) });
    ASSERT_EQ(answers.size(), 2U);
    // As when each row was written at once: the push fails with the database's error, and
    // nothing of it stays.
    ASSERT_FALSE(answers[0].ok());
    EXPECT_EQ(answers[0].error().code, u"sql_error"_s);
    EXPECT_FALSE(hazard(a).found);
    EXPECT_FALSE(hazard(b).found);
    EXPECT_FALSE(hazard(c).found);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_clients WHERE client_id = 'refuse-bad'"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE record_id IN ('%1', '%2', '%3')"_s.arg(
                  a, b, c)),
        0);
    ASSERT_TRUE(answers[1].ok()) << answers[1].error().message.toStdString();
    EXPECT_EQ(answers[1].value().results.value(0).status, u"applied"_s);
    EXPECT_TRUE(hazard(good).found);
    EXPECT_EQ(sync.pushStats().groups, 2);
    // On PostgreSQL the refused rows went out through libpq (server::PgStatements).
    EXPECT_EQ(sync.pushStats().paramStatements > 0, test::UsingPostgres);

    // Over HTTP the same batch answers 500 and leaves the ledger where it was: sent again with
    // the second deadline corrected, all three apply.
    auto r = push(u"insp"_s, u"refuse-http"_s, refusedBatch);
    EXPECT_EQ(r->status, 500) << r->body;
    EXPECT_FALSE(hazard(a).found);
    QJsonArray corrected = refusedBatch;
    corrected[1] = mutation(
        2, u"hazard.create"_s, b, hazardArgs(entA, u"Same deadline"_s, {}, u"2099-03-02"_s));
    r = push(u"insp"_s, u"refuse-http"_s, corrected);
    ASSERT_EQ(r->status, 200) << r->body;
    for (const auto& item : bodyJson(r)[u"results"_s].toArray())
        EXPECT_EQ(item[u"status"_s].toString(), u"applied"_s) << r->body;
    EXPECT_TRUE(hazard(a).found && hazard(b).found && hazard(c).found);
}

// The group's rows as written and read back: on PostgreSQL through libpq with the values as
// parameters (server::PgStatements), on SQLite through its C API.
TEST_F(RowCacheTest, TextWithQuotesBackslashesUnicodeAndLargeTextRoundTripsAsSentAndNullsStayNull)
{
    server::SyncService sync(srv.store());
    const server::Caller caller = inspector();
    // An id a prefetch must quote: double and single quotes, backslashes, braces, commas.
    const QString id = u"hz \"quoted\" \\back\\slash 'single' {a,b} 隐患"_s;
    QString description = u"Guard \"missing\" at O'Neil's press \\ C:\\plant\\line \\\\ $1 ?"
                          u" {} [] , ; -- /* */ 隐患整改 😀 e\u0301 \u00e9 \U0001F6A7 "_s;
    while (description.size() < 3900)
        description += description.left(3900 - description.size());
    const QString place = u"Hall \"7\" \\ 'B' — 二号车间"_s;
    const QString second = u"Second \"text\" \\\\n not a newline, ‘curly’ quotes 😀"_s;
    const qint64 at = QDateTime::currentMSecsSinceEpoch();
    auto first = sync.push(caller,
        body(u"rows-text"_s,
            { mutation(1, u"hazard.create"_s, id, hazardArgs(entA, description), {}, hlcAt(at, 1)),
                // Reads the row the create wrote, held by the group.
                mutation(
                    2, u"hazard.update"_s, id, { { u"place"_s, place } }, {}, hlcAt(at, 2)) }));
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    ASSERT_EQ(first.value().results.size(), 2);
    for (const auto& item : first.value().results)
        EXPECT_EQ(item.status, u"applied"_s) << (item.error ? item.error->code.toStdString() : "");

    // A later group finds the record by its quoted id (the prefetch) and merges into it; the
    // second create is refused with a message naming the id.
    const QJsonObject laterBody = body(u"rows-text"_s,
        { mutation(3, u"hazard.update"_s, id, { { u"description"_s, second } }, {}, hlcAt(at, 3)),
            mutation(4, u"hazard.create"_s, id, hazardArgs(entA, u"Again"_s), {}, hlcAt(at, 4)) });
    auto later = sync.push(caller, laterBody);
    ASSERT_TRUE(later.ok()) << later.error().message.toStdString();
    ASSERT_EQ(later.value().results.size(), 2);
    EXPECT_EQ(later.value().results.at(0).status, u"applied"_s);
    ASSERT_EQ(later.value().results.at(1).status, u"rejected"_s);
    ASSERT_TRUE(later.value().results.at(1).error.has_value());
    const core::Error refusal = *later.value().results.at(1).error;
    EXPECT_EQ(refusal.code, u"already_exists"_s);
    EXPECT_TRUE(refusal.message.contains(id)) << refusal.message.toStdString();
    // Sent again, the push is answered from its stored results, the message as it was.
    auto replay = sync.push(caller, laterBody);
    ASSERT_TRUE(replay.ok()) << replay.error().message.toStdString();
    ASSERT_EQ(replay.value().results.size(), 2);
    EXPECT_EQ(replay.value().results.at(0).status, u"applied"_s);
    ASSERT_TRUE(replay.value().results.at(1).error.has_value());
    EXPECT_EQ(replay.value().results.at(1).error->code, u"already_exists"_s);
    EXPECT_EQ(replay.value().results.at(1).error->message, refusal.message);
    // Applied mutations store no error: NULL, not empty text.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_results WHERE client_key LIKE 'rows-text|%' "
                    u"AND error IS NULL"_s),
        3);

    const StoredHazard h = hazard(id);
    ASSERT_TRUE(h.found);
    EXPECT_EQ(h.doc[u"description"_s].toString(), second);
    EXPECT_EQ(h.doc[u"place"_s].toString(), place);
    EXPECT_EQ(h.versions[u"description"_s].toInt(), 2);
    EXPECT_EQ(h.versions[u"place"_s].toInt(), 2);
    // A hazard outside an inspection: its inspection_id column is NULL, not empty text.
    {
        auto db = srv.store().connection();
        auto q = server::run(db.value(),
            u"SELECT COUNT(*) FROM hazards WHERE id = ? AND inspection_id IS NULL AND level = ?"
            u" AND enterprise_id = ?"_s,
            { id, u"general"_s, entA });
        ASSERT_TRUE(q.ok());
        ASSERT_TRUE(q.value().next());
        EXPECT_EQ(q.value().value(0).toInt(), 1);
        q.value().finish();
    }
    // The create's long text, byte for byte, in a record no later mutation changes.
    const QString keep = uuid();
    auto kept = sync.push(caller,
        body(u"rows-text-2"_s,
            { mutation(
                1, u"hazard.create"_s, keep, hazardArgs(entA, description), {}, hlcAt(at, 4)) }));
    ASSERT_TRUE(kept.ok()) << kept.error().message.toStdString();
    EXPECT_EQ(hazard(keep).doc[u"description"_s].toString(), description);
    EXPECT_EQ(hazard(keep).doc[u"description"_s].toString().toUtf8(), description.toUtf8());

    const QJsonArray changes = pullAll(u"sup"_s);
    const QJsonObject pulled = find(changes, u"hazard"_s, id);
    EXPECT_EQ(pulled[u"fields"_s][u"description"_s].toString(), second)
        << QJsonDocument(pulled).toJson().toStdString();
    EXPECT_EQ(pulled[u"fields"_s][u"place"_s].toString(), place);
    EXPECT_EQ(
        find(changes, u"hazard"_s, keep)[u"fields"_s][u"description"_s].toString(), description);

    // On PostgreSQL the group's upserts and prefetches went through libpq; on SQLite never.
    if (test::UsingPostgres)
        EXPECT_GE(sync.pushStats().paramStatements, 6);
    else
        EXPECT_EQ(sync.pushStats().paramStatements, 0);
}

// The JSON columns of every record a push writes hold exactly the compact text Qt's own writer
// makes of what they hold (core::compactJson writes them): key order, escapes, UTF-8, integers
// and doubles — after creates, merges, events and removals of every kind the integrity tests
// push.
TEST_F(RowCacheTest, StoredJsonColumnsAreQtsCompactTextOfWhatTheyHold)
{
    const QString south = userIdOf(u"south"_s);
    QHash<QString, qint64> sent; // each user's device numbers its mutations from 1
    const auto made = [&](const QString& user, const QString& name, const QString& id,
                          const QJsonObject& args) {
        auto r = push(user, u"json-"_s + user, { mutation(++sent[user], name, id, args) });
        EXPECT_EQ(r->status, 200) << r->body;
        EXPECT_EQ(bodyJson(r)[u"results"_s][0][u"status"_s].toString(), u"applied"_s)
            << name.toStdString() << ": " << r->body;
        return id;
    };
    const QString text
        = u"Guard \"missing\" \\ C:\\line\ttab\nline — 隐患整改 😀 \U0001F6A7 e\u0301"_s;
    // Titles and reasons are one line.
    const QString line = u"Key \"enterprises\" \\ 冲压 😀 e\u0301"_s;
    const QByteArray photo("photo of the press guard");
    ASSERT_EQ(putBlob(u"south"_s, photo)->status, 201);
    const QJsonObject meta { { u"id"_s, sha(photo) }, { u"mime"_s, u"image/jpeg"_s },
        { u"size"_s, photo.size() }, { u"captured_at"_s, u"2026-11-25T01:30:00.000Z"_s },
        { u"location"_s,
            QJsonObject { { u"lat"_s, 43.881234567 }, { u"lon"_s, 125.35 },
                { u"accuracy_m"_s, 4.5 }, { u"source"_s, u"nmea"_s },
                { u"flags"_s, QJsonArray { u"far_from_enterprise"_s } },
                { u"distance_m"_s, 640 } } } };
    const QString inspection = made(u"south"_s, u"inspection.create"_s, uuid(),
        { { u"enterprise_id"_s, entB }, { u"kind"_s, u"plan"_s }, { u"mode"_s, u"guidance"_s },
            { u"inspector_ids"_s, QJsonArray { south } }, { u"template_refs"_s, QJsonArray {} },
            { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } });
    made(u"south"_s, u"answer.set"_s, uuid(),
        { { u"inspection_id"_s, inspection }, { u"item_code"_s, u"ST-01"_s },
            { u"result"_s, u"fail"_s }, { u"note"_s, text } });
    made(u"south"_s, u"inspection.finish"_s, inspection,
        { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s },
            { u"refusal_note"_s, u"the manager refused to sign"_s } });
    const QString hazardId
        = made(u"south"_s, u"hazard.create"_s, uuid(), hazardArgs(entB, text, { meta }));
    made(u"south"_s, u"hazard.update"_s, hazardId, { { u"place"_s, u"Hall \"7\" — 二号车间"_s } });
    made(u"entb"_s, u"rectification.submit"_s, uuid(),
        { { u"hazard_id"_s, hazardId }, { u"note"_s, text } });
    const QString comment = made(u"south"_s, u"comment.add"_s, uuid(),
        { { u"record_id"_s, inspection }, { u"text"_s, text } });
    made(u"south"_s, u"comment.delete"_s, comment, {});
    made(u"sup"_s, u"plan.upsert"_s, uuid(),
        { { u"year"_s, 2027 }, { u"title"_s, line }, { u"kind"_s, u"key"_s },
            { u"enterprise_ids"_s, QJsonArray { entB } },
            { u"inspector_ids"_s, QJsonArray { south } } });
    made(u"sup"_s, u"recusal.upsert"_s, uuid(),
        { { u"inspector_id"_s, userIdOf(u"north"_s) }, { u"enterprise_id"_s, entB },
            { u"reason"_s, line } });

    auto db = srv.store().connection();
    int rows = 0;
    QByteArray attachmentDoc;
    for (const auto& entity : { u"attachment"_s, u"inspection"_s, u"answer"_s, u"hazard"_s,
             u"rectification_event"_s, u"comment"_s, u"plan"_s, u"recusal"_s }) {
        auto q = server::run(
            db.value(), u"SELECT id, doc, versions, hlcs FROM %1"_s.arg(core::tableOf(entity)));
        ASSERT_TRUE(q.ok()) << entity.toStdString();
        while (q.value().next()) {
            ++rows;
            for (int c = 1; c <= 3; ++c) {
                const QByteArray stored = q.value().value(c).toString().toUtf8();
                if (entity == u"attachment"_s && c == 1)
                    attachmentDoc = stored;
                const QJsonDocument held = QJsonDocument::fromJson(stored);
                ASSERT_TRUE(held.isObject()) << entity.toStdString() << " " << stored.constData();
                EXPECT_EQ(stored.toStdString(), held.toJson(QJsonDocument::Compact).toStdString())
                    << entity.toStdString() << " column " << c;
            }
        }
        q.value().finish();
    }
    EXPECT_EQ(rows, 9); // and the photo's attachment record
    // The text went through as sent, escapes and all.
    const QJsonObject stored = hazard(hazardId).doc;
    EXPECT_EQ(stored[u"description"_s].toString(), text);
    EXPECT_EQ(stored[u"place"_s].toString(), u"Hall \"7\" — 二号车间"_s);
    // Doubles in their shortest form, integers as integers.
    EXPECT_TRUE(attachmentDoc.contains(R"("lat":43.881234567,)")) << attachmentDoc.constData();
    EXPECT_TRUE(attachmentDoc.contains(R"("distance_m":640,)")) << attachmentDoc.constData();
}
