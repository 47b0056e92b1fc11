// The import and seed-demo commands of the real safeloop-server binary, checked in its store.
#include "core/creditcode.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QDate>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

namespace {

/// Read-only look into a data directory's SQLite store.
class StoreView {
public:
    explicit StoreView(const QString& dataDir)
        : m_name(u"import-e2e-%1"_s.arg(++s_count))
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(dataDir + u"/safeloop.db"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        EXPECT_TRUE(db.open());
    }
    ~StoreView()
    {
        QSqlDatabase::database(m_name).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    int count(const QString& sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        return q.next() ? q.value(0).toInt() : -1;
    }
    QStringList column(const QString& sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        QStringList values;
        while (q.next())
            values << q.value(0).toString();
        return values;
    }

private:
    static inline int s_count = 0;
    QString m_name;
};

QString codeFor(int n)
{
    const QString first17 = u"91220106MA%1"_s.arg(n, 7, 10, QChar(u'0'));
    return first17 + *safeloop::core::CreditCode::checkCharacter(first17);
}

QString writeFile(const QTemporaryDir& tmp, const QString& name, const QString& text)
{
    const QString path = tmp.filePath(name);
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
    return path;
}

} // namespace

TEST(ImportE2eTest, InitShipsTheTwelveChecklistTemplates)
{
    QTemporaryDir tmp;
    const auto r = runServerCommand({ u"init"_s, u"--data"_s, tmp.path() });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    {
        StoreView store(tmp.path());
        EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM templates"_s), 12);
        EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'template'"_s), 12);
    }
    // Importing the same data again (and running init again) publishes nothing new.
    const auto again = runServerCommand({ u"template"_s, u"import"_s, u"--data"_s, tmp.path(),
        QStringLiteral(SAFELOOP_SOURCE_DIR) + u"/data/checklists.json"_s });
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_TRUE(again.out.contains(u"nothing changed"_s)) << again.out.toStdString();
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    StoreView store(tmp.path());
    EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM templates"_s), 12);
}

TEST(ImportE2eTest, EnterpriseImportPrintsASummaryAndUpdatesOnReimport)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    const QString header = u"uscc,name,address,street,industry_code,risk_grade,lat,lon\r\n"_s;
    const QString csv = writeFile(tmp, u"a.csv"_s,
        header + codeFor(1) + u",甲公司,\"路1号, 东\",青松街道,C3670,red,43.88,125.25\r\n"_s
            + codeFor(2) + u",乙公司,路2号,明湖街道,C3670,blue,43.87,125.26\r\n"_s);
    auto r = runServerCommand({ u"enterprise"_s, u"import"_s, u"--data"_s, tmp.path(), csv });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(r.out.trimmed(), u"enterprises: 2 created, 0 updated, 0 unchanged"_s);

    const QString changed = writeFile(tmp, u"b.csv"_s,
        header + codeFor(1) + u",甲公司,\"路1号, 东\",青松街道,C3670,orange,43.88,125.25\r\n"_s
            + codeFor(2) + u",乙公司,路2号,明湖街道,C3670,blue,43.87,125.26\r\n"_s);
    r = runServerCommand({ u"enterprise"_s, u"import"_s, u"--data"_s, tmp.path(), changed });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(r.out.trimmed(), u"enterprises: 0 created, 1 updated, 1 unchanged"_s);
    StoreView store(tmp.path());
    EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM enterprises"_s), 2);
    EXPECT_EQ(store.column(u"SELECT risk_grade FROM enterprises WHERE id = '%1'"_s.arg(codeFor(1))),
        QStringList { u"orange"_s });
}

TEST(ImportE2eTest, EnterpriseImportRefusesABadRowWithLineAndColumnAndChangesNothing)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    const QString csv = writeFile(tmp, u"bad.csv"_s,
        u"uscc,name,address,street,industry_code,risk_grade,lat,lon\n"_s + codeFor(1)
            + u",甲公司,路1号,青松街道,C3670,red,43.88,125.25\n"_s + codeFor(2)
            + u",乙公司,路2号,明湖街道,C3670,blue,143.87,125.26\n"_s);
    const auto r = runServerCommand({ u"enterprise"_s, u"import"_s, u"--data"_s, tmp.path(), csv });
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains(u"line 3, column lat"_s)) << r.err.toStdString();
    EXPECT_EQ(r.err.count(u'\n'), 1) << "one-line reason";
    StoreView store(tmp.path());
    EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM enterprises"_s), 0);
    EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'enterprise'"_s), 0);
}

TEST(ImportE2eTest, SeedDemoBuildsTheDistrictQuicklyAndEveryAccountLogsIn)
{
    QTemporaryDir tmp;
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, tmp.path() }).exitCode, 0);
    QElapsedTimer timer;
    timer.start();
    const auto seeded = runServerCommand({ u"seed-demo"_s, u"--data"_s, tmp.path() });
    ASSERT_EQ(seeded.exitCode, 0) << seeded.err.toStdString();
    EXPECT_LT(timer.elapsed(), 60000) << "seed-demo must finish within a minute";
    EXPECT_TRUE(seeded.out.startsWith(u"seeded demo district: 2000 enterprises"_s))
        << seeded.out.toStdString();

    QStringList usernames;
    {
        StoreView store(tmp.path());
        const QStringList codes = store.column(u"SELECT id FROM enterprises"_s);
        ASSERT_EQ(codes.size(), 2000);
        EXPECT_EQ(QSet<QString>(codes.begin(), codes.end()).size(), 2000);
        for (const QString& code : codes)
            ASSERT_TRUE(safeloop::core::CreditCode::validate(code).ok()) << code.toStdString();
        EXPECT_EQ(store.count(u"SELECT COUNT(DISTINCT street) FROM enterprises"_s), 8);
        EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM templates"_s), 12);
        EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM users WHERE role = 'inspector'"_s), 40);
        EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM users WHERE role = 'enterprise'"_s), 30);
        EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM users WHERE role = 'supervisor'"_s), 3);
        EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM users WHERE role = 'admin'"_s), 1);
        EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM users WHERE role = 'inspector' AND "
                              "(badge IS NULL OR badge = '')"_s),
            0);
        EXPECT_EQ(store.count(u"SELECT COUNT(*) FROM users WHERE role = 'enterprise' AND "
                              "enterprise_uscc NOT IN (SELECT id FROM enterprises)"_s),
            0);
        EXPECT_GE(
            store.count(u"SELECT COUNT(*) FROM inspections WHERE status = 'finished'"_s), 400);
        EXPECT_GT(store.count(u"SELECT COUNT(*) FROM answers"_s), 4000);
        for (const QString& status :
            { u"open"_s, u"submitted"_s, u"rejected"_s, u"verified"_s, u"escalated"_s })
            EXPECT_GT(
                store.count(u"SELECT COUNT(*) FROM hazards WHERE status = '%1'"_s.arg(status)), 0)
                << "no hazard is " << status.toStdString();
        const QString today = QDateTime::currentDateTimeUtc()
                                  .toTimeZone(QTimeZone("Asia/Shanghai"))
                                  .date()
                                  .toString(Qt::ISODate);
        EXPECT_GT(store.count(u"SELECT COUNT(*) FROM hazards WHERE status <> 'verified' AND "
                              "deadline < '%1'"_s.arg(today)),
            0)
            << "some hazards are overdue";
        EXPECT_GT(store.count(u"SELECT COUNT(*) FROM hazards WHERE status = 'open' AND "
                              "deadline >= '%1'"_s.arg(today)),
            0)
            << "some open hazards are still within their deadline";
        // Devices pull everything seeded: each record has a change-log entry.
        for (const auto& [entity, table] : { std::pair { u"enterprise"_s, u"enterprises"_s },
                 { u"template"_s, u"templates"_s }, { u"inspection"_s, u"inspections"_s },
                 { u"hazard"_s, u"hazards"_s }, { u"answer"_s, u"answers"_s } })
            EXPECT_EQ(store.count(u"SELECT COUNT(DISTINCT record_id) FROM change_log WHERE "
                                  "entity = '%1'"_s.arg(entity)),
                store.count(u"SELECT COUNT(*) FROM %1"_s.arg(table)))
                << entity.toStdString();
        usernames = store.column(u"SELECT username FROM users ORDER BY username"_s);
    }
    ASSERT_EQ(usernames.size(), 74);

    // A second seed refuses with one line and changes nothing.
    const auto again = runServerCommand({ u"seed-demo"_s, u"--data"_s, tmp.path() });
    EXPECT_NE(again.exitCode, 0);
    EXPECT_TRUE(again.err.contains(u"already has 2000 enterprises"_s)) << again.err.toStdString();
    EXPECT_EQ(again.err.count(u'\n'), 1);

    ServerProcess server;
    ASSERT_TRUE(server.start(tmp.path())) << server.errorOutput().toStdString();
    httplib::Client cli("127.0.0.1", server.port());
    QJsonObject enterpriseLogin;
    for (const QString& username : std::as_const(usernames)) {
        const QJsonObject body { { u"username"_s, username },
            { u"password"_s, u"SafeLoop-Demo-2026"_s },
            { u"device_id"_s, u"0192f3a4-0000-7000-8000-000000000001"_s },
            { u"device_name"_s, u"e2e"_s } };
        auto res = cli.Post("/api/v1/auth/login",
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 200) << username.toStdString() << ": " << res->body;
        if (username == u"demo.enterprise"_s)
            enterpriseLogin
                = QJsonDocument::fromJson(QByteArray::fromStdString(res->body)).object();
    }

    // The enterprise account pulls its own enterprise and hazards, nobody else's.
    const QString ownId = enterpriseLogin[u"user"_s][u"enterprise_id"_s].toString();
    ASSERT_FALSE(ownId.isEmpty());
    const httplib::Headers auth { { "Authorization",
        "Bearer " + enterpriseLogin[u"access_token"_s].toString().toStdString() } };
    auto pulled = cli.Get("/api/v1/sync/pull?limit=5000", auth);
    ASSERT_TRUE(pulled);
    ASSERT_EQ(pulled->status, 200) << pulled->body;
    const QJsonArray changes = QJsonDocument::fromJson(QByteArray::fromStdString(pulled->body))
                                   .object()[u"changes"_s]
                                   .toArray();
    int enterprisesSeen = 0, hazardsSeen = 0;
    for (const auto& c : changes) {
        const QJsonObject change = c.toObject();
        const QString entity = change[u"entity"_s].toString();
        const QJsonObject fields = change[u"fields"_s].toObject();
        if (entity == u"enterprise"_s) {
            ++enterprisesSeen;
            EXPECT_EQ(change[u"id"_s].toString(), ownId);
        } else if (entity == u"hazard"_s) {
            ++hazardsSeen;
            EXPECT_EQ(fields[u"enterprise_id"_s].toString(), ownId);
        } else if (entity == u"inspection"_s) {
            // Only the enterprise's own self-checks; inspectors' inspections stay theirs.
            EXPECT_EQ(fields[u"kind"_s].toString(), u"self_check"_s);
            EXPECT_EQ(fields[u"enterprise_id"_s].toString(), ownId);
        }
    }
    EXPECT_EQ(enterprisesSeen, 1);
    EXPECT_GT(hazardsSeen, 0);
    EXPECT_EQ(server.stop(), 0);
}
