#pragma once

// The fixture of the push/pull suites (sync_*_test.cpp): push, pull and scoped blob reads through
// the HTTP API, in-process, on SQLite and (built a second time as sync_server_pg_tests) on
// PostgreSQL. Not in an anonymous namespace: every file's SyncApiTest cases share one fixture.

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

inline QString uscc(int n)
{
    const QString first = u"91220101MA%1"_s.arg(n, 7, 10, QChar(u'0'));
    return first + *core::CreditCode::checkCharacter(first);
}

inline QString uuid()
{
    return server::newUuidV7();
}

inline QString hlcAt(qint64 ms, int counter = 1)
{
    return QString::number(ms, 16).rightJustified(12, u'0')
        + QString::number(counter, 16).rightJustified(4, u'0');
}

inline QString hlcNow(int counter = 1)
{
    return hlcAt(QDateTime::currentMSecsSinceEpoch(), counter);
}

inline QString sha(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

inline QJsonObject mutation(qint64 id, const QString& name, const QString& entityId,
    const QJsonObject& args, const QJsonObject& base = {}, const QString& hlc = {})
{
    QJsonObject m { { u"id"_s, id }, { u"name"_s, name }, { u"entity_id"_s, entityId },
        { u"hlc"_s, hlc.isEmpty() ? hlcNow() : hlc }, { u"args"_s, args } };
    if (!base.isEmpty())
        m.insert(u"base"_s, base);
    return m;
}

inline QJsonObject enterpriseArgs(const QString& name, const QString& street)
{
    return { { u"name"_s, name }, { u"address"_s, u"1 Factory Road"_s }, { u"street"_s, street },
        { u"industry_code"_s, u"C3670"_s }, { u"risk_grade"_s, u"orange"_s }, { u"lat"_s, 43.88 },
        { u"lon"_s, 125.35 } };
}

inline QJsonObject hazardArgs(const QString& enterpriseId, const QString& description,
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
        return pullAllFrom(srv, user, from, 50, cursorOut);
    }

    /// Every change the user receives from `server` after `from`, in pages of `limit`.
    QJsonArray pullAllFrom(test::InProcessServer& server, const QString& user, const QString& from,
        int limit, QString* cursorOut = nullptr)
    {
        QJsonArray all;
        QString cursor = from;
        for (int page = 0; page < 200; ++page) {
            auto r = server.client().Get("/api/v1/sync/pull?cursor=" + cursor.toStdString()
                    + "&limit=" + std::to_string(limit),
                bearer(tokens.value(user)));
            EXPECT_TRUE(r);
            if (!r)
                break;
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

    /// Reserves a block of `count` document numbers of `kind` for `user`
    /// (`POST /api/v1/documents/numbers`).
    httplib::Result reserveNumbers(const QString& user, const QString& kind, int count)
    {
        const QJsonObject body { { u"kind"_s, kind }, { u"count"_s, count } };
        return srv.client().Post("/api/v1/documents/numbers", bearer(tokens.value(user)),
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
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
