// Push, pull and blob reads against the real safeloop-server binary: on SQLite, and two server
// processes on one PostgreSQL database with concurrent pushes while a client pulls.
#include "tests/support/pgcluster.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QUuid>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

namespace {

constexpr auto EnterpriseId = "91350100M000100Y43";

QJsonObject json(const httplib::Result& r)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object();
}

std::string text(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

QString hlcNow()
{
    return QString::number(QDateTime::currentMSecsSinceEpoch(), 16).rightJustified(12, u'0')
        + u"0001"_s;
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void addUser(const QString& dir, const QStringList& db, const QString& name, const QString& role,
    const QStringList& extra = {})
{
    const auto r = runServerCommand(QStringList { u"user"_s, u"add"_s, u"--data"_s, dir,
                                        u"--username"_s, name, u"--role"_s, role }
            + extra + db,
        "correct horse 1\n");
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
}

std::string login(int port, const QString& name)
{
    httplib::Client c("127.0.0.1", port);
    auto r = c.Post("/api/v1/auth/login",
        text({ { u"username"_s, name }, { u"password"_s, u"correct horse 1"_s },
            { u"device_id"_s, u"d-"_s + name }, { u"device_name"_s, u"phone"_s } }),
        "application/json");
    EXPECT_TRUE(r);
    return r ? json(r)[u"access_token"_s].toString().toStdString() : std::string {};
}

httplib::Result push(
    int port, const std::string& token, const QString& client, const QJsonArray& mutations)
{
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60, 0);
    return c.Post("/api/v1/sync/push", { { "Authorization", "Bearer " + token } },
        text({ { u"client_id"_s, client }, { u"schema_version"_s, 1 },
            { u"mutations"_s, mutations } }),
        "application/json");
}

QJsonObject hazardCreate(qint64 id, const QString& hazardId)
{
    return { { u"id"_s, id }, { u"name"_s, u"hazard.create"_s }, { u"entity_id"_s, hazardId },
        { u"hlc"_s, hlcNow() },
        { u"args"_s,
            QJsonObject { { u"enterprise_id"_s, QString::fromLatin1(EnterpriseId) },
                { u"description"_s, u"Guard missing"_s }, { u"level"_s, u"general"_s },
                { u"deadline"_s, u"2099-01-01"_s } } } };
}

/// Sets up a store with a supervisor, inspectors and the enterprise, returns the data dir.
void prepare(const QString& dir, const QStringList& db)
{
    const auto init = runServerCommand(QStringList { u"init"_s, u"--data"_s, dir } + db);
    ASSERT_EQ(init.exitCode, 0) << init.err.toStdString();
    addUser(dir, db, u"sup"_s, u"supervisor"_s);
    addUser(dir, db, u"insp1"_s, u"inspector"_s, { u"--badge"_s, u"1"_s });
    addUser(dir, db, u"insp2"_s, u"inspector"_s, { u"--badge"_s, u"2"_s });
    addUser(dir, db, u"ent"_s, u"enterprise"_s,
        { u"--enterprise"_s, QString::fromLatin1(EnterpriseId) });
}

void createEnterprise(int port, const std::string& supToken)
{
    auto r = push(port, supToken, u"sup-dev"_s,
        { QJsonObject { { u"id"_s, 1 }, { u"name"_s, u"enterprise.upsert"_s },
            { u"entity_id"_s, QString::fromLatin1(EnterpriseId) }, { u"hlc"_s, hlcNow() },
            { u"args"_s,
                QJsonObject { { u"name"_s, u"Acme Stamping"_s }, { u"address"_s, u"1 Road"_s },
                    { u"street"_s, u"North"_s }, { u"industry_code"_s, u"C3670"_s },
                    { u"risk_grade"_s, u"red"_s }, { u"lat"_s, 43.8 }, { u"lon"_s, 125.3 } } } } });
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
}

} // namespace

TEST(SyncE2eTest, PushPullAndBlobStatusCodesOnTheRealBinary)
{
    QTemporaryDir tmp;
    prepare(tmp.path(), {});
    ServerProcess srv;
    ASSERT_TRUE(srv.start(tmp.path())) << srv.errorOutput().toStdString();
    const std::string sup = login(srv.port(), u"sup"_s);
    const std::string insp = login(srv.port(), u"insp1"_s);
    const std::string ent = login(srv.port(), u"ent"_s);
    createEnterprise(srv.port(), sup);

    const QString hazard = newId();
    auto ok = push(srv.port(), insp, u"dev-1"_s, { hazardCreate(1, hazard) });
    ASSERT_EQ(ok->status, 200) << ok->body;
    EXPECT_EQ(json(ok)[u"results"_s][0][u"status"_s].toString(), u"applied"_s);
    auto replay = push(srv.port(), insp, u"dev-1"_s, { hazardCreate(1, hazard) });
    EXPECT_EQ(json(replay)[u"results"_s], json(ok)[u"results"_s]);
    auto gap = push(srv.port(), insp, u"dev-1"_s, { hazardCreate(3, newId()) });
    EXPECT_EQ(gap->status, 409);
    EXPECT_EQ(json(gap)[u"error"_s][u"expected"_s].toInt(), 2);
    QJsonArray big;
    for (int i = 2; i <= 502; ++i)
        big.append(hazardCreate(i, newId()));
    EXPECT_EQ(push(srv.port(), insp, u"dev-1"_s, big)->status, 413);

    // A hazard photo sent with its metadata: the enterprise receives the metadata row.
    const QString photo(64, u'b');
    QJsonObject withPhoto = hazardCreate(2, newId());
    QJsonObject args = withPhoto[u"args"_s].toObject();
    args.insert(u"attachments"_s,
        QJsonArray { QJsonObject { { u"id"_s, photo }, { u"mime"_s, u"image/jpeg"_s },
            { u"size"_s, 2048 }, { u"captured_at"_s, u"2026-11-25T01:30:00.000Z"_s } } });
    withPhoto.insert(u"args"_s, args);
    auto photoPush = push(srv.port(), insp, u"dev-1"_s, { withPhoto });
    ASSERT_EQ(photoPush->status, 200) << photoPush->body;
    EXPECT_EQ(json(photoPush)[u"results"_s][0][u"status"_s].toString(), u"applied"_s)
        << photoPush->body;

    httplib::Client c("127.0.0.1", srv.port());
    auto page = c.Get("/api/v1/sync/pull?limit=5000", { { "Authorization", "Bearer " + ent } });
    ASSERT_EQ(page->status, 200);
    bool sawHazard = false;
    QJsonObject attachment;
    for (const auto& ch : json(page)[u"changes"_s].toArray()) {
        sawHazard = sawHazard || ch[u"id"_s].toString() == hazard;
        if (ch[u"entity"_s].toString() == u"attachment"_s && ch[u"id"_s].toString() == photo)
            attachment = ch[u"fields"_s].toObject();
    }
    EXPECT_TRUE(sawHazard) << "the enterprise receives its own hazard";
    EXPECT_EQ(attachment[u"mime"_s].toString(), u"image/jpeg"_s);
    EXPECT_EQ(attachment[u"owner_entity"_s].toString(), u"hazard"_s);
    EXPECT_EQ(attachment[u"owner_id"_s].toString(), withPhoto[u"entity_id"_s].toString());
    EXPECT_EQ(attachment[u"state"_s].toString(), u"pending"_s);
    EXPECT_EQ(
        c.Get("/api/v1/sync/pull?cursor=%%%", { { "Authorization", "Bearer " + ent } })->status,
        400);
    EXPECT_EQ(c.Get("/api/v1/sync/pull")->status, 401);
    EXPECT_EQ(
        c.Get("/api/v1/blobs/" + std::string(64, 'a'), { { "Authorization", "Bearer " + ent } })
            ->status,
        404);
    EXPECT_EQ(srv.stop(), 0);
}

TEST(SyncE2eTest, TwoProcessesOnPostgresNeverLetACursorSkipAChange)
{
    const QString url = safeloop::test::freshPgDatabaseUrl();
    ASSERT_FALSE(url.isEmpty());
    QTemporaryDir tmp;
    const QStringList db { u"--database"_s, url };
    prepare(tmp.path(), db);
    ServerProcess a;
    ServerProcess b;
    ASSERT_TRUE(a.start(tmp.path(), db)) << a.errorOutput().toStdString();
    ASSERT_TRUE(b.start(tmp.path(), db)) << b.errorOutput().toStdString();
    createEnterprise(a.port(), login(a.port(), u"sup"_s));
    const std::string sup = login(b.port(), u"sup"_s);

    constexpr int Writers = 4;
    constexpr int Batches = 6;
    std::vector<std::thread> writers;
    std::vector<QStringList> created(Writers);
    std::atomic<int> failures { 0 };
    for (int w = 0; w < Writers; ++w)
        writers.emplace_back([&, w] {
            const int port = w % 2 == 0 ? a.port() : b.port();
            const std::string token = login(port, w < 2 ? u"insp1"_s : u"insp2"_s);
            const QString client = u"writer-%1"_s.arg(w);
            qint64 next = 1;
            for (int i = 0; i < Batches; ++i) {
                QJsonArray batch;
                for (int k = 0; k < 3; ++k) {
                    const QString id = newId();
                    created[static_cast<size_t>(w)] << id;
                    batch.append(hazardCreate(next++, id));
                }
                auto r = push(port, token, client, batch);
                if (!r || r->status != 200)
                    ++failures;
            }
        });
    // A supervisor pulls continuously from the other process while the pushes commit.
    QSet<QString> seen;
    QString cursor;
    qint64 lastSeq = 0;
    std::atomic<bool> writing { true };
    std::thread done([&] {
        for (auto& t : writers)
            t.join();
        writing = false;
    });
    // A failed assertion below returns early: the writers are still joined (a joinable thread
    // destroyed would abort the whole test binary instead of reporting the failure).
    struct Joiner {
        std::thread& thread;
        ~Joiner()
        {
            if (thread.joinable())
                thread.join();
        }
    } joinDone { done };
    httplib::Client c("127.0.0.1", b.port());
    // Four writers and two servers share two cores: a pull may wait on a loaded machine.
    c.set_read_timeout(30, 0);
    for (int round = 0; round < 2000; ++round) {
        const bool last = !writing.load();
        auto r = c.Get("/api/v1/sync/pull?limit=7&cursor=" + cursor.toStdString(),
            { { "Authorization", "Bearer " + sup } });
        ASSERT_TRUE(r);
        ASSERT_EQ(r->status, 200) << r->body;
        const QJsonObject o = json(r);
        for (const auto& ch : o[u"changes"_s].toArray()) {
            EXPECT_GT(ch[u"seq"_s].toInteger(), lastSeq);
            lastSeq = ch[u"seq"_s].toInteger();
            if (ch[u"entity"_s].toString() == u"hazard"_s)
                seen.insert(ch[u"id"_s].toString());
        }
        cursor = o[u"cursor"_s].toString();
        if (last && !o[u"has_more"_s].toBool())
            break;
    }
    if (done.joinable())
        done.join();
    EXPECT_EQ(failures.load(), 0);
    int total = 0;
    for (const auto& list : created)
        for (const auto& id : list) {
            ++total;
            EXPECT_TRUE(seen.contains(id)) << "missed hazard " << id.toStdString();
        }
    EXPECT_EQ(total, Writers * Batches * 3);
    EXPECT_EQ(seen.size(), total);
    EXPECT_EQ(a.stop(), 0);
    EXPECT_EQ(b.stop(), 0);
}
