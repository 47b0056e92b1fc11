// Push, pull and scoped blob reads through the HTTP API, in-process, on SQLite and (built a
// second time as sync_server_pg_tests) on PostgreSQL.
#include "core/creditcode.h"
#include "core/domain.h"
#include "core/mutation.h"
#include "server/blobledger.h"
#include "server/serverconfig.h"
#include "server/sqldialect.h"
#include "server/syncservice.h"
#include "testbackend.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <array>
#include <atomic>
#include <thread>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using namespace safeloop;
using test::bearer;
using test::bodyJson;
using test::errorCode;

namespace {

QString uscc(int n)
{
    const QString first = u"91220101MA%1"_s.arg(n, 7, 10, QChar(u'0'));
    return first + *core::CreditCode::checkCharacter(first);
}

QString uuid()
{
    return server::newUuidV7();
}

QString hlcAt(qint64 ms, int counter = 1)
{
    return QString::number(ms, 16).rightJustified(12, u'0')
        + QString::number(counter, 16).rightJustified(4, u'0');
}

QString hlcNow(int counter = 1)
{
    return hlcAt(QDateTime::currentMSecsSinceEpoch(), counter);
}

QString sha(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QJsonObject mutation(qint64 id, const QString& name, const QString& entityId,
    const QJsonObject& args, const QJsonObject& base = {}, const QString& hlc = {})
{
    QJsonObject m { { u"id"_s, id }, { u"name"_s, name }, { u"entity_id"_s, entityId },
        { u"hlc"_s, hlc.isEmpty() ? hlcNow() : hlc }, { u"args"_s, args } };
    if (!base.isEmpty())
        m.insert(u"base"_s, base);
    return m;
}

QJsonObject enterpriseArgs(const QString& name, const QString& street)
{
    return { { u"name"_s, name }, { u"address"_s, u"1 Factory Road"_s }, { u"street"_s, street },
        { u"industry_code"_s, u"C3670"_s }, { u"risk_grade"_s, u"orange"_s }, { u"lat"_s, 43.88 },
        { u"lon"_s, 125.35 } };
}

QJsonObject hazardArgs(const QString& enterpriseId, const QString& description,
    const QJsonArray& attachments = {}, const QString& deadline = u"2099-01-10"_s)
{
    return { { u"enterprise_id"_s, enterpriseId }, { u"description"_s, description },
        { u"place"_s, u"Press line 2"_s }, { u"level"_s, u"general"_s },
        { u"deadline"_s, deadline }, { u"attachments"_s, attachments } };
}

/// An in-process server with a supervisor, inspectors and two enterprises' users.
class SyncApiTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        addUser(u"sup"_s, u"supervisor"_s);
        addUser(u"insp"_s, u"inspector"_s);
        addUser(u"north"_s, u"inspector"_s, {}, { u"North"_s });
        addUser(u"south"_s, u"inspector"_s, {}, { u"South"_s });
        addUser(u"enta"_s, u"enterprise"_s, entA);
        addUser(u"entb"_s, u"enterprise"_s, entB);
        for (const auto& u : { "sup", "insp", "north", "south", "enta", "entb" })
            tokens[QString::fromLatin1(u)] = srv.accessToken(QString::fromLatin1(u));
        // The supervisor registers both enterprises: A in the North, B in the South.
        auto r = push(u"sup"_s, u"dev-sup"_s,
            { mutation(
                  1, u"enterprise.upsert"_s, entA, enterpriseArgs(u"Acme Stamping"_s, u"North"_s)),
                mutation(2, u"enterprise.upsert"_s, entB,
                    enterpriseArgs(u"Birch Foundry"_s, u"South"_s)) });
        ASSERT_EQ(r->status, 200) << r->body;
    }

    /// The server's id of the account `username` (empty, with a failure, if there is none).
    QString userIdOf(const QString& username)
    {
        auto db = srv.store().connection();
        auto q
            = server::run(db.value(), u"SELECT id FROM users WHERE username = ?"_s, { username });
        const bool found = q.ok() && q.value().next();
        EXPECT_TRUE(found) << username.toStdString();
        return found ? q.value().value(0).toString() : QString();
    }

    void addUser(const QString& name, const QString& role, const QString& enterprise = {},
        const QStringList& streets = {})
    {
        auto db = srv.store().connection();
        ASSERT_TRUE(db.ok());
        server::NewUser u;
        u.username = name;
        u.name = name;
        u.role = role;
        u.password = u"correct horse 1"_s;
        u.enterpriseUscc = enterprise;
        u.streets = streets;
        if (role == u"inspector"_s)
            u.badge = u"3201%1"_s.arg(name.size());
        auto added = server::UserService::add(db.value(), u);
        ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    }

    httplib::Result push(const QString& user, const QString& client, const QJsonArray& mutations,
        int schema = 1, const QJsonObject& extra = {})
    {
        QJsonObject body { { u"client_id"_s, client }, { u"schema_version"_s, schema },
            { u"mutations"_s, mutations } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        return srv.client().Post("/api/v1/sync/push", bearer(tokens.value(user)),
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
    }

    httplib::Result pull(const QString& user, const QString& cursor = {}, int limit = 0)
    {
        std::string path = "/api/v1/sync/pull?cursor=" + cursor.toStdString();
        if (limit > 0)
            path += "&limit=" + std::to_string(limit);
        return srv.client().Get(path, bearer(tokens.value(user)));
    }

    /// Every change the user receives from a first sync, paging through.
    QJsonArray pullAll(const QString& user, const QString& from = {}, QString* cursorOut = nullptr)
    {
        QJsonArray all;
        QString cursor = from;
        for (int page = 0; page < 100; ++page) {
            auto r = pull(user, cursor, 50);
            EXPECT_EQ(r->status, 200) << r->body;
            const QJsonObject o = bodyJson(r);
            for (const auto& c : o[u"changes"_s].toArray())
                all.append(c);
            cursor = o[u"cursor"_s].toString();
            if (!o[u"has_more"_s].toBool())
                break;
        }
        if (cursorOut)
            *cursorOut = cursor;
        return all;
    }

    static QJsonObject find(const QJsonArray& changes, const QString& entity, const QString& id)
    {
        QJsonObject last;
        for (const auto& c : changes)
            if (c[u"entity"_s].toString() == entity && c[u"id"_s].toString() == id)
                last = c.toObject();
        return last;
    }

    /// The device record of `clientId` used by `username` (device ids are derived from both).
    QJsonObject findDevice(
        const QJsonArray& changes, const QString& clientId, const QString& username)
    {
        QJsonObject last;
        for (const auto& c : changes)
            if (c[u"entity"_s].toString() == u"device"_s
                && c[u"fields"_s][u"client_id"_s].toString() == clientId
                && c[u"fields"_s][u"user_id"_s].toString() == userIdOf(username))
                last = c.toObject();
        return last;
    }

    qint64 count(const QString& sql)
    {
        auto db = srv.store().connection();
        auto q = server::run(db.value(), sql);
        EXPECT_TRUE(q.ok());
        if (!q.ok() || !q.value().next())
            return -1;
        return q.value().value(0).toLongLong();
    }

    QString createHazard(const QString& user, const QString& client, qint64 id,
        const QString& enterprise, const QJsonArray& attachments = {})
    {
        const QString hid = uuid();
        auto r = push(user, client,
            { mutation(id, u"hazard.create"_s, hid,
                hazardArgs(enterprise, u"Guard missing"_s, attachments)) });
        EXPECT_EQ(r->status, 200) << r->body;
        EXPECT_EQ(bodyJson(r)[u"results"_s][0][u"status"_s].toString(), u"applied"_s) << r->body;
        return hid;
    }

    /// An `inspection.create` of a guidance inspection of `enterprise` by `inspector`.
    QJsonObject inspectionCreate(
        qint64 id, const QString& inspection, const QString& enterprise, const QString& inspector)
    {
        return mutation(id, u"inspection.create"_s, inspection,
            { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"plan"_s },
                { u"mode"_s, u"guidance"_s },
                { u"inspector_ids"_s, QJsonArray { userIdOf(inspector) } },
                { u"template_refs"_s, QJsonArray {} },
                { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } });
    }

    httplib::Result putBlob(const QString& user, const QByteArray& bytes)
    {
        return srv.client().Put("/api/v1/blobs/" + sha(bytes).toStdString(),
            bearer(tokens.value(user)), bytes.toStdString(), "application/octet-stream");
    }

    httplib::Result getBlob(const QString& user, const QString& id)
    {
        return srv.client().Get("/api/v1/blobs/" + id.toStdString(), bearer(tokens.value(user)));
    }

    httplib::Result headBlob(const QString& user, const QString& id)
    {
        return srv.client().Head("/api/v1/blobs/" + id.toStdString(), bearer(tokens.value(user)));
    }

    /// One chunk [first, first + length) of an upload announced as `total` bytes of blob `id`.
    httplib::Result putChunk(const QString& user, const QString& id, const QByteArray& bytes,
        qint64 first, qint64 length, qint64 total)
    {
        httplib::Headers h = bearer(tokens.value(user));
        h.emplace("Content-Range",
            "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/"
                + std::to_string(total));
        return srv.client().Put("/api/v1/blobs/" + id.toStdString(), h,
            bytes.mid(first, length).toStdString(), "application/octet-stream");
    }

    void setConfig(const char* key, const QString& value)
    {
        auto db = srv.store().connection();
        ASSERT_TRUE(db.ok());
        auto r = server::ServerConfig::set(db.value(), QString::fromLatin1(key), value);
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    }

    /// The partial upload files on the server's disk.
    QStringList partialFiles()
    {
        return QDir(srv.store().blobDir() + u"/partial"_s).entryList(QDir::Files);
    }

    QString commentWith(const QString& user, const QString& client, qint64 id,
        const QString& record, const QJsonArray& attachments, QString* code = nullptr)
    {
        auto r = push(user, client,
            { mutation(id, u"comment.add"_s, uuid(),
                { { u"record_id"_s, record }, { u"text"_s, u"see photo"_s },
                    { u"attachments"_s, attachments } }) });
        EXPECT_EQ(r->status, 200) << r->body;
        const QJsonObject res = bodyJson(r)[u"results"_s][0].toObject();
        if (code)
            *code = res[u"error"_s][u"code"_s].toString();
        return res[u"status"_s].toString();
    }

    test::InProcessServer srv;
    QHash<QString, std::string> tokens;
    const QString entA = uscc(1);
    const QString entB = uscc(2);
};

} // namespace

TEST_F(SyncApiTest, NextMutationIsAppliedAndAnsweredAfterCommit)
{
    const QString hid = uuid();
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, hid, hazardArgs(entA, u"Guard missing"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonObject o = bodyJson(r);
    EXPECT_EQ(o[u"last_mutation_id"_s].toInteger(), 1);
    EXPECT_EQ(o[u"results"_s][0][u"id"_s].toInteger(), 1);
    EXPECT_EQ(o[u"results"_s][0][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE id = '%1'"_s.arg(hid)), 1);
}

TEST_F(SyncApiTest, ReplayedMutationGetsItsStoredResultAndIsNotAppliedTwice)
{
    const QString hid = uuid();
    const QJsonArray batch { mutation(1, u"hazard.create"_s, hid, hazardArgs(entA, u"Guard"_s)),
        mutation(2, u"hazard.create"_s, uuid(), hazardArgs(entA, u""_s)) };
    auto first = push(u"insp"_s, u"dev-1"_s, batch);
    ASSERT_EQ(first->status, 200) << first->body;
    const qint64 changes = count(u"SELECT COUNT(*) FROM change_log"_s);
    auto again = push(u"insp"_s, u"dev-1"_s, batch);
    ASSERT_EQ(again->status, 200) << again->body;
    EXPECT_EQ(bodyJson(again)[u"results"_s], bodyJson(first)[u"results"_s]);
    EXPECT_EQ(bodyJson(again)[u"results"_s][1][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(
        bodyJson(again)[u"results"_s][1][u"error"_s][u"code"_s].toString(), u"missing_field"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM rectification_events"_s), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log"_s), changes);
}

TEST_F(SyncApiTest, GapRefusesTheWholeBatchWith409AndTheExpectedId)
{
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, uuid(), hazardArgs(entA, u"A"_s)),
            mutation(3, u"hazard.create"_s, uuid(), hazardArgs(entA, u"B"_s)) });
    ASSERT_EQ(r->status, 409) << r->body;
    EXPECT_EQ(errorCode(r), u"mutation_gap"_s);
    EXPECT_EQ(bodyJson(r)[u"error"_s][u"expected"_s].toInteger(), 2);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 0) << "nothing of the batch is applied";
    auto fresh = push(u"insp"_s, u"dev-2"_s,
        { mutation(5, u"hazard.create"_s, uuid(), hazardArgs(entA, u"A"_s)) });
    ASSERT_EQ(fresh->status, 409);
    EXPECT_EQ(bodyJson(fresh)[u"error"_s][u"expected"_s].toInteger(), 1);
}

TEST_F(SyncApiTest, RejectedMutationLeavesNoTraceAndDoesNotBlockTheNext)
{
    const QString bad = uuid();
    const QString good = uuid();
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, bad,
              hazardArgs(entA, u"Past deadline"_s, {}, u"2001-01-01"_s)),
            mutation(2, u"hazard.create"_s, good, hazardArgs(entA, u"Fine"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonArray results = bodyJson(r)[u"results"_s].toArray();
    EXPECT_EQ(results[0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(results[0][u"error"_s][u"code"_s].toString(), u"deadline_before_creation"_s);
    EXPECT_EQ(results[1][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE id = '%1'"_s.arg(bad)), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE record_id = '%1'"_s.arg(bad)), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE id = '%1'"_s.arg(good)), 1);
}

TEST_F(SyncApiTest, MalformedOversizedOldAndUnauthenticatedPushesAreRefused)
{
    QJsonArray big;
    for (int i = 1; i <= 501; ++i)
        big.append(mutation(i, u"comment.add"_s, uuid(), { { u"record_id"_s, u"x"_s } }));
    EXPECT_EQ(push(u"insp"_s, u"dev-1"_s, big)->status, 413);
    auto old = push(u"insp"_s, u"dev-1"_s, {}, 0);
    EXPECT_EQ(old->status, 426);
    EXPECT_EQ(errorCode(old), u"client_too_old"_s);
    auto noClient = srv.client().Post("/api/v1/sync/push", bearer(tokens.value(u"insp"_s)),
        R"({"schema_version":1,"mutations":[]})", "application/json");
    EXPECT_EQ(noClient->status, 400);
    auto badId = push(u"insp"_s, u"dev-1"_s, { QJsonObject { { u"id"_s, u"one"_s } } });
    EXPECT_EQ(badId->status, 400);
    EXPECT_EQ(srv.client()
                  .Post("/api/v1/sync/push", bearer(tokens.value(u"insp"_s)), "x", "text/plain")
                  ->status,
        415);
    EXPECT_EQ(srv.client().Post("/api/v1/sync/push", R"({})", "application/json")->status, 401);
    EXPECT_EQ(srv.client().Get("/api/v1/sync/pull")->status, 401);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_results"_s), 2) << "only the setup batch";
}

TEST_F(SyncApiTest, ActorComesFromTheTokenNotTheBody)
{
    auto r = push(u"enta"_s, u"dev-e"_s,
        { mutation(1, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Self-reported"_s)) }, 1,
        { { u"user_id"_s, u"someone-else"_s }, { u"role"_s, u"supervisor"_s } });
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(bodyJson(r)[u"results"_s][0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(bodyJson(r)[u"results"_s][0][u"error"_s][u"code"_s].toString(), u"not_allowed"_s);
}

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

TEST_F(SyncApiTest, ClockBeyondTheSkewCapIsOrderedByArrival)
{
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA);
    const QJsonObject base { { u"description"_s, 1 } };
    const qint64 dayAhead = QDateTime::currentMSecsSinceEpoch() + 24LL * 3600 * 1000;
    auto future = push(u"insp"_s, u"dev-1"_s,
        { mutation(2, u"hazard.update"_s, ha, { { u"description"_s, u"From the future"_s } }, base,
            hlcAt(dayAhead)) },
        1,
        { { u"device"_s,
            QJsonObject { { u"app_version"_s, u"1.2.0"_s }, { u"pending_mutations"_s, 4 },
                { u"pending_blobs"_s, 2 },
                { u"last_success"_s, u"2026-11-25T08:30:00.000Z"_s } } } });
    ASSERT_EQ(future->status, 200) << future->body;
    auto later = push(u"north"_s, u"dev-2"_s,
        { mutation(1, u"hazard.update"_s, ha, { { u"description"_s, u"Arrived later"_s } }, base,
            hlcNow()) });
    ASSERT_EQ(later->status, 200) << later->body;
    const QJsonArray sup = pullAll(u"sup"_s);
    EXPECT_EQ(
        find(sup, u"hazard"_s, ha)[u"fields"_s][u"description"_s].toString(), u"Arrived later"_s);
    const QJsonObject device = findDevice(sup, u"dev-1"_s, u"insp"_s);
    ASSERT_FALSE(device.isEmpty());
    EXPECT_EQ(device[u"fields"_s][u"app_version"_s].toString(), u"1.2.0"_s);
    EXPECT_EQ(device[u"fields"_s][u"pending_mutations"_s].toInt(), 4);
    EXPECT_EQ(device[u"fields"_s][u"pending_blobs"_s].toInt(), 2);
    EXPECT_GT(device[u"fields"_s][u"clock_skew_ms"_s].toDouble(), 23.0 * 3600 * 1000);
}

TEST_F(SyncApiTest, AControlCharacterInOneMutationRejectsOnlyThatMutation)
{
    const QString bad = uuid();
    const QString badId = u"9f1\x00"_s + uuid().mid(4);
    const QString tabbed = uuid();
    const QString good = uuid();
    QJsonObject badEnterprise = hazardArgs(entA, u"Guard"_s);
    badEnterprise.insert(u"enterprise_id"_s, entA + u"\x00"_s);
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, bad, hazardArgs(entA, u"Guard\x00missing"_s)),
            mutation(2, u"hazard.create"_s, badId, hazardArgs(entA, u"Guard"_s)),
            mutation(3, u"hazard.create"_s, uuid(), badEnterprise),
            mutation(4, u"hazard.create"_s, tabbed, hazardArgs(entA, u"Two lines:\n\tguard"_s)),
            mutation(5, u"hazard.create"_s, good, hazardArgs(entA, u"Fine"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonArray results = bodyJson(r)[u"results"_s].toArray();
    ASSERT_EQ(results.size(), 5);
    const QStringList fields { u"mutations[0].args.description"_s, u"mutations[1].entity_id"_s,
        u"mutations[2].args.enterprise_id"_s };
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(results[i][u"status"_s].toString(), u"rejected"_s) << i;
        EXPECT_EQ(results[i][u"error"_s][u"code"_s].toString(), u"invalid_text"_s) << i;
        EXPECT_TRUE(results[i][u"error"_s][u"message"_s].toString().startsWith(
            fields[i] + u" contains a control character"_s))
            << results[i][u"error"_s][u"message"_s].toString().toStdString();
    }
    EXPECT_EQ(results[3][u"status"_s].toString(), u"applied"_s) << "tab and newline: free text";
    EXPECT_EQ(results[4][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(bodyJson(r)[u"last_mutation_id"_s].toInt(), 5);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 2);
    // A replay answers the stored rejection, again without a 5xx.
    auto again = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, bad, hazardArgs(entA, u"Guard\x00missing"_s)) });
    ASSERT_EQ(again->status, 200) << again->body;
    EXPECT_EQ(
        bodyJson(again)[u"results"_s][0][u"error"_s][u"code"_s].toString(), u"invalid_text"_s);
}

TEST_F(SyncApiTest, TooLongTextRejectsTheMutationNamingTheField)
{
    QJsonObject longPlace = hazardArgs(entA, u"Guard"_s);
    longPlace.insert(u"place"_s, QString(201, u'p'));
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, uuid(), hazardArgs(entA, QString(4001, u'd'))),
            mutation(2, u"hazard.create"_s, uuid(), longPlace),
            // A 1 MB description (the whole body stays under 1 MiB).
            mutation(3, u"hazard.create"_s, uuid(), hazardArgs(entA, QString(1000000, u'x'))),
            mutation(4, u"hazard.create"_s, uuid(), hazardArgs(entA, QString(4000, u'd'))) });
    ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
    const QJsonArray results = bodyJson(r)[u"results"_s].toArray();
    ASSERT_EQ(results.size(), 4);
    EXPECT_EQ(results[0][u"error"_s][u"code"_s].toString(), u"field_too_long"_s);
    EXPECT_EQ(results[0][u"error"_s][u"message"_s].toString(),
        u"mutations[0].args.description has 4001 characters; at most 4000 are allowed"_s);
    EXPECT_EQ(results[1][u"error"_s][u"message"_s].toString(),
        u"mutations[1].args.place has 201 characters; at most 200 are allowed"_s);
    EXPECT_EQ(results[2][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(results[2][u"error"_s][u"code"_s].toString(), u"field_too_long"_s);
    EXPECT_EQ(results[3][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 1);
}

TEST_F(SyncApiTest, ControlCharactersInThePushEnvelopeAre422NamingTheField)
{
    auto client = push(u"insp"_s, u"dev\x00-1"_s, {});
    ASSERT_EQ(client->status, 422) << client->body;
    EXPECT_EQ(errorCode(client), u"invalid_text"_s);
    EXPECT_TRUE(bodyJson(client)[u"error"_s][u"message"_s].toString().startsWith(
        u"client_id contains a control character"_s));
    auto device = push(u"insp"_s, u"dev-1"_s, {}, 1,
        { { u"device"_s, QJsonObject { { u"app_version"_s, u"1.0\x01"_s } } } });
    ASSERT_EQ(device->status, 422) << device->body;
    EXPECT_TRUE(bodyJson(device)[u"error"_s][u"message"_s].toString().startsWith(
        u"device.app_version contains a control character"_s));
    auto longVersion = push(u"insp"_s, u"dev-1"_s, {}, 1,
        { { u"device"_s, QJsonObject { { u"app_version"_s, QString(65, u'1') } } } });
    ASSERT_EQ(longVersion->status, 422) << longVersion->body;
    EXPECT_EQ(errorCode(longVersion), u"field_too_long"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_clients"_s), 1) << "only the supervisor's";
}

TEST_F(SyncApiTest, ADeviceStatusHasAFixedTypedShape)
{
    // Nested 1,022 levels deep (the attack) or just past the decoder's 32: refused by depth.
    QJsonObject deep { { u"v"_s, 1 } };
    for (int i = 0; i < 40; ++i)
        deep = QJsonObject { { u"v"_s, deep } };
    auto tooDeep = push(u"enta"_s, u"dev-e"_s, {}, 1,
        { { u"device"_s, QJsonObject { { u"last_success"_s, deep } } } });
    ASSERT_EQ(tooDeep->status, 400) << tooDeep->body;
    EXPECT_EQ(errorCode(tooDeep), u"json_too_deep"_s);
    // Shallow nesting: refused by the device status's shape.
    for (const auto& value :
        { QJsonValue(QJsonObject { { u"a"_s, 1 } }), QJsonValue(QJsonArray { 1 }) }) {
        auto nestedValue = push(u"enta"_s, u"dev-e"_s, {}, 1,
            { { u"device"_s, QJsonObject { { u"last_success"_s, value } } } });
        ASSERT_EQ(nestedValue->status, 422) << nestedValue->body;
        EXPECT_EQ(errorCode(nestedValue), u"invalid_device"_s);
    }
    for (const auto& bad : { QJsonObject { { u"pending_mutations"_s, -1 } },
             QJsonObject { { u"pending_blobs"_s, 1.5 } }, QJsonObject { { u"app_version"_s, 7 } },
             QJsonObject { { u"last_success"_s, u"yesterday"_s } } }) {
        auto refused = push(u"enta"_s, u"dev-e"_s, {}, 1, { { u"device"_s, bad } });
        ASSERT_EQ(refused->status, 422) << refused->body;
        EXPECT_EQ(errorCode(refused), u"invalid_device"_s);
    }
    // Unknown fields are dropped; known ones are kept as their types.
    auto ok = push(u"enta"_s, u"dev-e"_s, {}, 1,
        { { u"device"_s,
            QJsonObject { { u"app_version"_s, u"1.3.0"_s }, { u"pending_mutations"_s, 2 },
                { u"last_error"_s, u"pull stuck"_s }, { u"colour"_s, u"red"_s } } } });
    ASSERT_EQ(ok->status, 200) << ok->body;
    auto page = pull(u"sup"_s);
    ASSERT_EQ(page->status, 200);
    // The supervisor's page parses (it did not before: Qt's own limit is 1,024 levels).
    const QJsonObject fields
        = findDevice(bodyJson(page)[u"changes"_s].toArray(), u"dev-e"_s, u"enta"_s)[u"fields"_s]
              .toObject();
    EXPECT_EQ(fields[u"app_version"_s].toString(), u"1.3.0"_s);
    EXPECT_EQ(fields[u"pending_mutations"_s].toInt(), 2);
    EXPECT_EQ(fields[u"last_error"_s].toString(), u"pull stuck"_s);
    EXPECT_FALSE(fields.contains(u"colour"_s));
}

TEST_F(SyncApiTest, NoAccountCanOverwriteAnotherAccountsDeviceRow)
{
    const QJsonObject inspectorStatus { { u"app_version"_s, u"1.2.0"_s },
        { u"pending_mutations"_s, 3 } };
    ASSERT_EQ(
        push(u"insp"_s, u"shared-client"_s, {}, 1, { { u"device"_s, inspectorStatus } })->status,
        200);
    // An enterprise account sends the inspector's client id with its own status.
    ASSERT_EQ(
        push(u"enta"_s, u"shared-client"_s, {}, 1,
            { { u"device"_s,
                QJsonObject { { u"app_version"_s, u"6.6.6"_s }, { u"pending_mutations"_s, 0 } } } })
            ->status,
        200);
    const QJsonArray sup = pullAll(u"sup"_s);
    const QJsonObject inspector = findDevice(sup, u"shared-client"_s, u"insp"_s);
    const QJsonObject enterprise = findDevice(sup, u"shared-client"_s, u"enta"_s);
    ASSERT_FALSE(inspector.isEmpty());
    ASSERT_FALSE(enterprise.isEmpty());
    EXPECT_NE(inspector[u"id"_s].toString(), enterprise[u"id"_s].toString());
    EXPECT_EQ(inspector[u"fields"_s][u"app_version"_s].toString(), u"1.2.0"_s);
    EXPECT_EQ(inspector[u"fields"_s][u"pending_mutations"_s].toInt(), 3);
    EXPECT_EQ(enterprise[u"fields"_s][u"app_version"_s].toString(), u"6.6.6"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM devices WHERE doc LIKE '%shared-client%'"_s), 2);
}

TEST_F(SyncApiTest, ADeviceRowKeyedByItsBareClientIdGivesWayToTheKeyedOne)
{
    // A row as servers wrote it before rows were keyed by user and client id.
    {
        auto db = srv.store().connection();
        ASSERT_TRUE(server::run(db.value(),
            u"INSERT INTO devices (id, user_id, doc, created_at, updated_at) VALUES "
            u"('old-client', ?, '{\"id\":\"old-client\",\"app_version\":\"0.9\"}', "
            u"'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"_s,
            { userIdOf(u"insp"_s) })
                        .ok());
    }
    ASSERT_EQ(push(u"insp"_s, u"old-client"_s, {}, 1,
                  { { u"device"_s, QJsonObject { { u"app_version"_s, u"1.0"_s } } } })
                  ->status,
        200);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM devices WHERE id = 'old-client'"_s), 0);
    const QJsonArray sup = pullAll(u"sup"_s);
    EXPECT_EQ(find(sup, u"device"_s, u"old-client"_s)[u"op"_s].toString(), u"remove"_s);
    EXPECT_EQ(findDevice(sup, u"old-client"_s, u"insp"_s)[u"fields"_s][u"app_version"_s].toString(),
        u"1.0"_s);
}

TEST_F(SyncApiTest, VerifyWaitsForEvidenceBlobsThatArePending)
{
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA);
    const QByteArray evidence("new guard fitted, photo");
    auto submit = push(u"enta"_s, u"dev-e"_s,
        { mutation(1, u"rectification.submit"_s, uuid(),
            { { u"hazard_id"_s, ha }, { u"note"_s, u"fitted"_s },
                { u"attachments"_s, QJsonArray { sha(evidence) } } }) });
    ASSERT_EQ(bodyJson(submit)[u"results"_s][0][u"status"_s].toString(), u"applied"_s)
        << submit->body;
    QString cursor;
    const QJsonArray before = pullAll(u"enta"_s, {}, &cursor);
    EXPECT_EQ(find(before, u"attachment"_s, sha(evidence))[u"fields"_s][u"state"_s].toString(),
        u"pending"_s);
    EXPECT_EQ(find(before, u"hazard"_s, ha)[u"fields"_s][u"status"_s].toString(), u"submitted"_s);

    auto early = push(u"insp"_s, u"dev-1"_s,
        { mutation(2, u"rectification.verify"_s, uuid(), { { u"hazard_id"_s, ha } }) });
    EXPECT_EQ(bodyJson(early)[u"results"_s][0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(
        bodyJson(early)[u"results"_s][0][u"error"_s][u"code"_s].toString(), u"evidence_pending"_s);

    ASSERT_EQ(putBlob(u"enta"_s, evidence)->status, 201);
    const QJsonArray after = pullAll(u"enta"_s, cursor);
    EXPECT_EQ(find(after, u"attachment"_s, sha(evidence))[u"fields"_s][u"state"_s].toString(),
        u"complete"_s);
    auto verify = push(u"insp"_s, u"dev-1"_s,
        { mutation(3, u"rectification.verify"_s, uuid(), { { u"hazard_id"_s, ha } }) });
    EXPECT_EQ(bodyJson(verify)[u"results"_s][0][u"status"_s].toString(), u"applied"_s)
        << verify->body;
    // A second verify is illegal now: rejected, with a conflict record kept.
    auto twice = push(u"sup"_s, u"dev-sup"_s,
        { mutation(3, u"rectification.verify"_s, uuid(), { { u"hazard_id"_s, ha } }) });
    EXPECT_EQ(bodyJson(twice)[u"results"_s][0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM conflicts WHERE reason = 'illegal_transition'"_s), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'conflict'"_s), 1);
}

TEST_F(SyncApiTest, ConcurrentPushesOfOneBatchCreateNoDuplicates)
{
    const QJsonArray batch { mutation(1, u"hazard.create"_s, uuid(), hazardArgs(entA, u"A"_s)),
        mutation(2, u"hazard.create"_s, uuid(), hazardArgs(entA, u"B"_s)),
        mutation(3, u"comment.add"_s, uuid(),
            { { u"record_id"_s, u"missing"_s }, { u"text"_s, u"x"_s } }) };
    std::vector<std::thread> threads;
    std::atomic<int> ok { 0 };
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            auto r = push(u"insp"_s, u"dev-1"_s, batch);
            if (r && r->status == 200
                && bodyJson(r)[u"results"_s][2][u"status"_s].toString() == u"rejected"_s)
                ++ok;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(ok.load(), 4);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 2);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'hazard'"_s), 2);
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

// ---- Ids and references: a pushed mutation never takes over or reaches outside its scope ----

namespace {

/// Pushes crafted mutations one at a time (each user from its own device, numbered in turn)
/// and compares the stored records before and after.
class PushIntegrityTest : public SyncApiTest {
protected:
    /// The result item of one mutation pushed alone by `user`.
    QJsonObject pushOne(
        const QString& user, const QString& name, const QString& id, const QJsonObject& args)
    {
        const qint64 n = ++m_sent[user];
        auto r = push(user, u"integrity-"_s + user, { mutation(n, name, id, args) });
        EXPECT_EQ(r->status, 200) << r->body;
        return bodyJson(r)[u"results"_s][0].toObject();
    }

    /// "applied", or the error code of a rejected mutation.
    QString outcome(const QJsonObject& result)
    {
        return result[u"status"_s].toString() == u"rejected"_s
            ? result[u"error"_s][u"code"_s].toString()
            : result[u"status"_s].toString();
    }

    /// Pushes a mutation that must apply; returns `id`.
    QString made(
        const QString& user, const QString& name, const QString& id, const QJsonObject& args)
    {
        const QJsonObject r = pushOne(user, name, id, args);
        EXPECT_EQ(r[u"status"_s].toString(), u"applied"_s)
            << name.toStdString() << " as " << user.toStdString() << ": "
            << QJsonDocument(r).toJson(QJsonDocument::Compact).toStdString();
        return id;
    }

    /// Every stored record of the entities mutations write: id, doc, versions, deleted.
    QStringList snapshot()
    {
        QStringList rows;
        auto db = srv.store().connection();
        for (const auto& entity : { u"enterprise"_s, u"inspection"_s, u"answer"_s, u"hazard"_s,
                 u"rectification_event"_s, u"comment"_s, u"plan"_s }) {
            auto q = server::run(db.value(),
                u"SELECT id, doc, versions, deleted FROM %1 ORDER BY id"_s.arg(
                    core::tableOf(entity)));
            EXPECT_TRUE(q.ok()) << entity.toStdString();
            if (!q.ok())
                continue;
            while (q.value().next())
                rows << u"%1 %2 %3 %4 %5"_s.arg(entity, q.value().value(0).toString(),
                    q.value().value(1).toString(), q.value().value(2).toString(),
                    q.value().value(3).toString());
        }
        return rows;
    }

    QJsonObject stored(const QString& entity, const QString& id)
    {
        auto db = srv.store().connection();
        auto r = core::loadRecord(db.value(), entity, id);
        EXPECT_TRUE(r.ok() && r->has_value()) << entity.toStdString() << " " << id.toStdString();
        return r.ok() && r->has_value() ? (*r)->fields : QJsonObject {};
    }

    QJsonObject inspectionArgs(const QString& enterprise, const QJsonArray& inspectors)
    {
        return { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"plan"_s },
            { u"mode"_s, u"guidance"_s }, { u"inspector_ids"_s, inspectors },
            { u"template_refs"_s, QJsonArray {} },
            { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } };
    }

    QJsonObject answerArgs(
        const QString& inspection, const QString& item, const QString& result = u"pass"_s)
    {
        return { { u"inspection_id"_s, inspection }, { u"item_code"_s, item },
            { u"result"_s, result } };
    }

    static QJsonObject finishArgs()
    {
        return { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s },
            { u"refusal_note"_s, u"the manager refused to sign"_s } };
    }

    static QJsonObject note(const QString& hazard)
    {
        return { { u"hazard_id"_s, hazard }, { u"note"_s, u"done"_s } };
    }

    QHash<QString, qint64> m_sent;
};

} // namespace

TEST_F(PushIntegrityTest, EveryCreateRefusesAnIdThatExistsAndLeavesTheStoredRecordAsItWas)
{
    // Someone else's records of every kind: South's inspection (with an answer, then finished),
    // a hazard, its events and an inspector's comment, a plan and an enterprise.
    const QString south = userIdOf(u"south"_s);
    const QString north = userIdOf(u"north"_s);
    const QString inspB = made(
        u"south"_s, u"inspection.create"_s, uuid(), inspectionArgs(entB, QJsonArray { south }));
    const QString answerB
        = made(u"south"_s, u"answer.set"_s, uuid(), answerArgs(inspB, u"ST-01"_s, u"fail"_s));
    made(u"south"_s, u"inspection.finish"_s, inspB, finishArgs());
    const QString hazB
        = made(u"south"_s, u"hazard.create"_s, uuid(), hazardArgs(entB, u"Furnace guard"_s));
    const QString submitB = made(u"entb"_s, u"rectification.submit"_s, uuid(), note(hazB));
    const QString commentB = made(u"south"_s, u"comment.add"_s, uuid(),
        { { u"record_id"_s, inspB }, { u"text"_s, u"the inspector's remark"_s } });
    const QString plan = made(u"sup"_s, u"plan.upsert"_s, uuid(),
        { { u"year"_s, 2027 }, { u"title"_s, u"Key enterprises"_s }, { u"kind"_s, u"key"_s },
            { u"enterprise_ids"_s, QJsonArray { entB } },
            { u"inspector_ids"_s, QJsonArray { south } } });
    // And in the North, where the attackers may work: an open hazard and North's inspection.
    const QString hazA
        = made(u"north"_s, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Press guard"_s));
    const QString inspA = made(
        u"north"_s, u"inspection.create"_s, uuid(), inspectionArgs(entA, QJsonArray { north }));

    struct Attempt {
        QString user;
        QString name;
        QString id; ///< an id that exists
        QJsonObject args; ///< otherwise a valid create in the user's own scope
        QString expected;
    };
    const QList<Attempt> attempts {
        { u"north"_s, u"inspection.create"_s, inspB, inspectionArgs(entA, QJsonArray { north }),
            u"already_exists"_s },
        { u"north"_s, u"hazard.create"_s, hazB, hazardArgs(entA, u"Taken over?"_s),
            u"already_exists"_s },
        // An answer id of a finished inspection, into the attacker's own editable inspection.
        { u"north"_s, u"answer.set"_s, answerB, answerArgs(inspA, u"ST-01"_s),
            u"already_exists"_s },
        { u"enta"_s, u"rectification.submit"_s, submitB, note(hazA), u"already_exists"_s },
        { u"sup"_s, u"rectification.escalate"_s, submitB, note(hazA), u"already_exists"_s },
        { u"north"_s, u"comment.add"_s, commentB,
            { { u"record_id"_s, hazA }, { u"text"_s, u"x"_s } }, u"already_exists"_s },
        { u"enta"_s, u"comment.add"_s, commentB,
            { { u"record_id"_s, hazA }, { u"text"_s, u"x"_s } }, u"already_exists"_s },
        // Create-or-merge by design, for supervisors and administrators only.
        { u"north"_s, u"plan.upsert"_s, plan,
            { { u"year"_s, 2027 }, { u"title"_s, u"Mine"_s },
                { u"enterprise_ids"_s, QJsonArray { entA } } },
            u"not_allowed"_s },
        { u"enta"_s, u"enterprise.upsert"_s, entB, enterpriseArgs(u"Renamed"_s, u"North"_s),
            u"not_allowed"_s },
        { u"north"_s, u"enterprise.upsert"_s, entA, enterpriseArgs(u"Renamed"_s, u"North"_s),
            u"not_allowed"_s },
    };
    // rectification.verify and .reject need a submitted hazard in scope.
    const QString submitted
        = made(u"north"_s, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Chain guard"_s));
    made(u"enta"_s, u"rectification.submit"_s, uuid(), note(submitted));
    QList<Attempt> all = attempts;
    all.append(
        { u"north"_s, u"rectification.verify"_s, submitB, note(submitted), u"already_exists"_s });
    all.append(
        { u"north"_s, u"rectification.reject"_s, submitB, note(submitted), u"already_exists"_s });

    QSet<QString> covered;
    for (const Attempt& a : std::as_const(all)) {
        SCOPED_TRACE((a.user + u' ' + a.name).toStdString());
        covered.insert(a.name);
        const QStringList before = snapshot();
        EXPECT_EQ(outcome(pushOne(a.user, a.name, a.id, a.args)), a.expected);
        EXPECT_EQ(snapshot(), before) << "nothing changed";
    }
    // Every mutation that makes a record is covered.
    for (const auto& name : core::mutationNames()) {
        const bool makesARecord = !name.endsWith(u".update"_s) && !name.endsWith(u".delete"_s)
            && name != u"inspection.finish"_s;
        EXPECT_TRUE(!makesARecord || covered.contains(name)) << name.toStdString();
    }

    // What the attack aimed at is as it was.
    EXPECT_EQ(stored(u"comment"_s, commentB)[u"text"_s].toString(), u"the inspector's remark"_s);
    EXPECT_EQ(stored(u"comment"_s, commentB)[u"author_id"_s].toString(), south);
    EXPECT_EQ(stored(u"answer"_s, answerB)[u"inspection_id"_s].toString(), inspB);
    EXPECT_EQ(stored(u"answer"_s, answerB)[u"result"_s].toString(), u"fail"_s);
    EXPECT_EQ(stored(u"hazard"_s, hazB)[u"enterprise_id"_s].toString(), entB);
    EXPECT_EQ(stored(u"hazard"_s, hazA)[u"status"_s].toString(), u"open"_s);
}

TEST_F(PushIntegrityTest, AnswersChangeOnlyWhileTheirInspectionIsOpen)
{
    const QString north = userIdOf(u"north"_s);
    const QString insp = made(
        u"north"_s, u"inspection.create"_s, uuid(), inspectionArgs(entA, QJsonArray { north }));
    const QString answer
        = made(u"north"_s, u"answer.set"_s, uuid(), answerArgs(insp, u"ST-01"_s, u"pass"_s));
    // Re-setting one's own answer is the edit path, by its id or (a second device) by the item.
    EXPECT_EQ(outcome(pushOne(
                  u"north"_s, u"answer.set"_s, answer, answerArgs(insp, u"ST-01"_s, u"fail"_s))),
        u"applied"_s);
    EXPECT_EQ(outcome(pushOne(
                  u"north"_s, u"answer.set"_s, uuid(), answerArgs(insp, u"ST-01"_s, u"na"_s))),
        u"applied"_s);
    EXPECT_EQ(stored(u"answer"_s, answer)[u"result"_s].toString(), u"na"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM answers"_s), 1);
    // Its id may not be reused for another item of the same inspection either.
    EXPECT_EQ(outcome(pushOne(u"north"_s, u"answer.set"_s, answer, answerArgs(insp, u"ST-02"_s))),
        u"already_exists"_s);

    made(u"north"_s, u"inspection.finish"_s, insp, finishArgs());
    const QStringList before = snapshot();
    EXPECT_EQ(outcome(pushOne(
                  u"north"_s, u"answer.set"_s, answer, answerArgs(insp, u"ST-01"_s, u"pass"_s))),
        u"inspection_finished"_s);
    EXPECT_EQ(outcome(pushOne(u"north"_s, u"answer.set"_s, uuid(), answerArgs(insp, u"ST-03"_s))),
        u"inspection_finished"_s);
    EXPECT_EQ(snapshot(), before);
}

namespace {

/// What a matrix row's reference names: a record in the actor's own scope, one in another
/// scope (another street, another enterprise, a user who is no inspector), or none at all.
enum class Variant { Own, Other, Missing };

/// Which records a reference field names (the values of the three variants).
enum class Target { Enterprise, Inspection, OpenHazard, SubmittedHazard, Comment, Inspector };

/// Fresh records for one matrix row: A is in the North (enterprise A), B in the South
/// (enterprise B). North's inspector is on inspA and recorded hazA; South's on inspB and hazB.
struct World {
    QString inspA, inspB, hazA, hazB, subA, subB, comA, comB;
};

/// One reference of one mutation kind, tried by every role with each variant. Expected:
/// "applied" or the error code of the rejection, for {own, other scope, missing}.
struct MatrixRow {
    QString mutation;
    QString field;
    Target target;
    std::array<QString, 3> north; ///< inspector limited to the North street
    std::array<QString, 3> enta; ///< enterprise user of enterprise A (North)
    std::array<QString, 3> sup; ///< supervisor (whole district)
};

} // namespace

TEST_F(PushIntegrityTest, EveryReferenceMustExistAndBeInTheCallersScope)
{
    const QString A = u"applied"_s;
    const QString NF = u"not_found"_s;
    const QString NA = u"not_allowed"_s;
    // clang-format off
    const QList<MatrixRow> rows {
        // mutation                   field             target                   north (own, other, missing)  enta            sup
        { u"inspection.create"_s,     u"enterprise_id"_s, Target::Enterprise,      { A, NF, NF },   { NA, NF, NF }, { NA, NA, NF } },
        { u"inspection.create"_s,     u"inspector_ids"_s, Target::Inspector,       { A, NF, NF },   { NA, NF, NF }, { NA, NF, NF } },
        { u"inspection.update"_s,     u"inspector_ids"_s, Target::Inspector,       { A, NF, NF },   { NF, NF, NF }, { NA, NF, NF } },
        { u"inspection.update"_s,     u"entity_id"_s,     Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { NA, NA, NF } },
        { u"inspection.finish"_s,     u"entity_id"_s,     Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { NA, NA, NF } },
        { u"inspection.delete"_s,     u"entity_id"_s,     Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { NA, NA, NF } },
        { u"answer.set"_s,            u"inspection_id"_s, Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { NA, NA, NF } },
        { u"hazard.create"_s,         u"enterprise_id"_s, Target::Enterprise,      { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"hazard.create"_s,         u"inspection_id"_s, Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { A, u"reference_mismatch"_s, NF } },
        { u"hazard.update"_s,         u"entity_id"_s,     Target::OpenHazard,      { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"hazard.delete"_s,         u"entity_id"_s,     Target::OpenHazard,      { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"rectification.submit"_s,  u"hazard_id"_s,     Target::OpenHazard,      { NA, NF, NF },  { A, NF, NF },  { NA, NA, NF } },
        { u"rectification.verify"_s,  u"hazard_id"_s,     Target::SubmittedHazard, { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"rectification.reject"_s,  u"hazard_id"_s,     Target::SubmittedHazard, { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"rectification.escalate"_s, u"hazard_id"_s,    Target::OpenHazard,      { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"comment.add"_s,           u"record_id"_s,     Target::OpenHazard,      { A, NF, NF },   { A, NF, NF },  { A, A, NF } },
        { u"comment.add"_s,           u"record_id"_s,     Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { A, A, NF } },
        { u"comment.delete"_s,        u"entity_id"_s,     Target::Comment,         { A, NF, NF },   { A, NF, NF },  { A, NA, NF } },
        { u"plan.upsert"_s,           u"enterprise_ids"_s, Target::Enterprise,     { NA, NF, NF },  { NA, NF, NF }, { A, A, NF } },
        { u"plan.upsert"_s,           u"inspector_ids"_s, Target::Inspector,       { NA, NF, NF },  { NA, NF, NF }, { A, NF, NF } },
    };
    // clang-format on

    // Every reference the applier checks has a row: a new one fails here until it is tried.
    for (const auto& rule : core::referenceRules()) {
        bool found = false;
        for (const auto& row : rows)
            found = found || (row.mutation == rule.mutation && row.field == rule.field);
        EXPECT_TRUE(found) << "no matrix row for " << rule.mutation.toStdString() << " "
                           << rule.field.toStdString();
    }

    const QString north = userIdOf(u"north"_s);
    const QString south = userIdOf(u"south"_s);
    const QString inspector = userIdOf(u"insp"_s);
    const QString enterpriseUser = userIdOf(u"enta"_s);
    const QString missingEnterprise = uscc(99);
    int item = 0;

    const auto world = [&](const QString& actor) {
        World w;
        w.inspA = made(
            u"north"_s, u"inspection.create"_s, uuid(), inspectionArgs(entA, QJsonArray { north }));
        w.inspB = made(
            u"south"_s, u"inspection.create"_s, uuid(), inspectionArgs(entB, QJsonArray { south }));
        w.hazA = made(u"north"_s, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Press guard"_s));
        w.hazB = made(u"south"_s, u"hazard.create"_s, uuid(), hazardArgs(entB, u"Furnace"_s));
        w.subA = made(u"sup"_s, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Chain guard"_s));
        w.subB = made(u"sup"_s, u"hazard.create"_s, uuid(), hazardArgs(entB, u"Ladle"_s));
        made(u"enta"_s, u"rectification.submit"_s, uuid(), note(w.subA));
        made(u"entb"_s, u"rectification.submit"_s, uuid(), note(w.subB));
        w.comA = made(actor, u"comment.add"_s, uuid(),
            { { u"record_id"_s, w.hazA }, { u"text"_s, u"mine"_s } });
        w.comB = made(u"entb"_s, u"comment.add"_s, uuid(),
            { { u"record_id"_s, w.hazB }, { u"text"_s, u"theirs"_s } });
        return w;
    };
    // The id (or list of ids) a reference of `target` names for `variant`.
    const auto valueOf = [&](Target target, Variant v, const World& w) -> QString {
        const bool own = v == Variant::Own;
        if (v == Variant::Missing)
            return target == Target::Enterprise ? missingEnterprise : uuid();
        switch (target) {
        case Target::Enterprise:
            return own ? entA : entB;
        case Target::Inspection:
            return own ? w.inspA : w.inspB;
        case Target::OpenHazard:
            return own ? w.hazA : w.hazB;
        case Target::SubmittedHazard:
            return own ? w.subA : w.subB;
        case Target::Comment:
            return own ? w.comA : w.comB;
        case Target::Inspector:
            return own ? inspector : enterpriseUser; // a user, but no inspector
        }
        return {};
    };
    // A mutation that is valid in every other respect, its references all "own"; the row's
    // field then set to the variant's value. Returns {entity_id, args}.
    const auto build = [&](const MatrixRow& row, const QString& value, const World& w) {
        QString id = uuid();
        QJsonObject args;
        const QString& m = row.mutation;
        if (m == u"inspection.create"_s) {
            args = inspectionArgs(entA, QJsonArray { north });
        } else if (m == u"inspection.update"_s) {
            id = w.inspA;
            args = { { u"kind"_s, u"random"_s } };
        } else if (m == u"inspection.finish"_s) {
            id = w.inspA;
            args = finishArgs();
        } else if (m == u"inspection.delete"_s) {
            id = w.inspA;
        } else if (m == u"answer.set"_s) {
            args = answerArgs(w.inspA, u"IT-%1"_s.arg(++item));
        } else if (m == u"hazard.create"_s) {
            args = hazardArgs(entA, u"Guard missing"_s);
        } else if (m == u"hazard.update"_s) {
            id = w.hazA;
            args = { { u"place"_s, u"Line 9"_s } };
        } else if (m == u"hazard.delete"_s) {
            id = w.hazA;
        } else if (m.startsWith(u"rectification."_s)) {
            args
                = note(m == u"rectification.submit"_s || m == u"rectification.escalate"_s ? w.hazA
                                                                                          : w.subA);
        } else if (m == u"comment.add"_s) {
            args = { { u"record_id"_s, w.hazA }, { u"text"_s, u"a remark"_s } };
        } else if (m == u"comment.delete"_s) {
            id = w.comA;
        } else if (m == u"plan.upsert"_s) {
            args = { { u"year"_s, 2027 }, { u"title"_s, u"Key enterprises"_s },
                { u"kind"_s, u"key"_s }, { u"enterprise_ids"_s, QJsonArray { entA } },
                { u"inspector_ids"_s, QJsonArray { north } } };
        }
        if (row.field == u"entity_id"_s)
            id = value;
        else if (row.field.endsWith(u"_ids"_s))
            args.insert(row.field,
                row.mutation.startsWith(u"inspection."_s) ? QJsonArray { north, value }
                                                          : QJsonArray { value });
        else
            args.insert(row.field, value);
        return std::pair { id, args };
    };

    for (const MatrixRow& row : rows) {
        for (const auto& [actor, expected] : { std::pair { u"north"_s, row.north },
                 std::pair { u"enta"_s, row.enta }, std::pair { u"sup"_s, row.sup } }) {
            for (const Variant v : { Variant::Own, Variant::Other, Variant::Missing }) {
                const char* variant = v == Variant::Own ? "own"
                    : v == Variant::Other               ? "other scope"
                                                        : "missing";
                SCOPED_TRACE(u"%1 %2 by %3, %4"_s
                                 .arg(row.mutation, row.field, actor, QString::fromLatin1(variant))
                                 .toStdString());
                const World w = world(actor);
                const auto [id, args] = build(row, valueOf(row.target, v, w), w);
                const QStringList before = snapshot();
                const QJsonObject result = pushOne(actor, row.mutation, id, args);
                const QString want = expected[static_cast<std::size_t>(v)];
                EXPECT_EQ(outcome(result), want)
                    << QJsonDocument(result).toJson(QJsonDocument::Compact).toStdString();
                if (want != A) {
                    EXPECT_EQ(snapshot(), before) << "a rejected mutation changes nothing";
                } else {
                    EXPECT_NE(snapshot(), before);
                }
            }
        }
    }
}
