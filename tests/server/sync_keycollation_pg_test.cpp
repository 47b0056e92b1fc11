// PostgreSQL keys in the "C" collation (server schema step 11): a new store and a store of the
// schema before it both compare ids, references, codes and instants bytewise, whatever the
// database's locale, and keep free text in the database's own. Built into the PostgreSQL suite
// only (SQLite's text already compares bytewise).
#include "synctestsupport.h"

#include "core/database.h"
#include "server/keycollation.h"

#include <QProcess>
#include <QSqlRecord>

#include <algorithm>

using safeloop::test::UsingPostgres;

namespace {

const QString PgBin = u"/usr/lib/postgresql/15/bin/"_s;

/// Columns of free text that stay in the database's default collation (a list of names sorts
/// as the operator's locale sorts it).
const QStringList FreeText { u"users.name"_s, u"enterprises.street"_s, u"change_log.street"_s,
    u"change_log.prev_street"_s, u"document_blocks.prefix"_s, u"hazards.doc"_s,
    u"device_logins.device_name"_s };

/// Every row of `sql`, its columns joined by a tab.
QStringList rows(QSqlDatabase& db, const QString& sql)
{
    QStringList out;
    auto q = server::run(db, sql);
    EXPECT_TRUE(q.ok()) << sql.toStdString() << ": "
                        << (q.ok() ? "" : q.error().message.toStdString());
    if (!q.ok())
        return out;
    const int columns = q.value().record().count();
    while (q.value().next()) {
        QStringList values;
        for (int i = 0; i < columns; ++i)
            values << q.value().value(i).toString();
        out << values.join(u'\t');
    }
    return out;
}

/// `table.column` → the collation of every text column of the public schema, as pg_attribute
/// names it ("default" for the database's) and as information_schema does ("" for the default).
QMap<QString, QString> textCollations(QSqlDatabase& db)
{
    QMap<QString, QString> out;
    const QStringList attributes = rows(db,
        u"SELECT c.relname || '.' || a.attname, co.collname FROM pg_attribute a "
        u"JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        u"JOIN pg_collation co ON co.oid = a.attcollation WHERE n.nspname = 'public' AND "
        u"c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'text'::regtype"_s);
    for (const QString& row : attributes)
        out.insert(row.section(u'\t', 0, 0), row.section(u'\t', 1));
    const QStringList schema = rows(db,
        u"SELECT table_name || '.' || column_name, COALESCE(collation_name, '') "
        u"FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'text'"_s);
    EXPECT_EQ(schema.size(), attributes.size());
    for (const QString& row : schema) {
        const QString column = row.section(u'\t', 0, 0);
        const QString named = row.section(u'\t', 1);
        EXPECT_EQ(named.isEmpty() ? u"default"_s : named, out.value(column))
            << column.toStdString() << ": information_schema and pg_attribute disagree";
    }
    return out;
}

/// `table.column` of every text column that is part of an index of the public schema.
QSet<QString> indexedTextColumns(QSqlDatabase& db)
{
    const QStringList found = rows(db,
        u"SELECT DISTINCT c.relname || '.' || a.attname FROM pg_index x "
        u"JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        u"JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(x.indkey) "
        u"WHERE n.nspname = 'public' AND a.atttypid = 'text'::regtype"_s);
    return QSet<QString>(found.begin(), found.end());
}

/// `table.column` of keyTextColumns().
QStringList listedKeyColumns()
{
    QStringList out;
    for (const auto& t : server::keyTextColumns())
        for (const QString& column : t.columns)
            out << t.table + u'.' + column;
    return out;
}

/// The collation checks of the current schema: every listed and every indexed text column in
/// "C", the free text in the database's default.
void expectBytewiseKeys(QSqlDatabase& db)
{
    const QMap<QString, QString> collations = textCollations(db);
    const QStringList listed = listedKeyColumns();
    for (const QString& column : listed) {
        EXPECT_TRUE(collations.contains(column)) << column.toStdString() << " is no text column";
        EXPECT_EQ(collations.value(column).toStdString(), "C") << column.toStdString();
    }
    const QSet<QString> indexed = indexedTextColumns(db);
    EXPECT_GT(indexed.size(), 60);
    for (const QString& column : indexed) {
        EXPECT_TRUE(listed.contains(column)) << column.toStdString() << " is indexed, not listed";
        EXPECT_EQ(collations.value(column).toStdString(), "C") << column.toStdString();
    }
    for (const QString& column : FreeText)
        EXPECT_EQ(collations.value(column).toStdString(), "default") << column.toStdString();
}

/// Every table of the public schema but the schema version: its row count and the MD5 of its
/// rows' text in byte order (independent of the database's locale).
QMap<QString, QString> tableContents(QSqlDatabase& db)
{
    QMap<QString, QString> out;
    for (const QString& table : rows(db,
             u"SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
             u"AND tablename <> 'safeloop_schema'"_s)) {
        const QStringList r = rows(db,
            u"SELECT count(*), md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text "
            u"COLLATE \"C\"), '')) FROM %1 t"_s.arg(table));
        out.insert(table, r.value(0));
    }
    return out;
}

/// `table.column` → the column's non-NULL values in the order `ORDER BY column` gives.
QMap<QString, QStringList> orderedKeys(QSqlDatabase& db)
{
    QMap<QString, QStringList> out;
    for (const auto& t : server::keyTextColumns())
        for (const QString& column : t.columns)
            out.insert(t.table + u'.' + column,
                rows(db,
                    u"SELECT %2 FROM %1 WHERE %2 IS NOT NULL ORDER BY %2"_s.arg(t.table, column)));
    return out;
}

/// `values` sorted by their UTF-8 bytes.
QStringList bytewise(QStringList values)
{
    std::sort(values.begin(), values.end(),
        [](const QString& a, const QString& b) { return a.toUtf8() < b.toUtf8(); });
    return values;
}

/// Compact JSON text, for comparisons that print what differs.
std::string text(const QJsonArray& a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact).toStdString();
}

/// `changes` with the instants the server stamps on a record it writes left out (two stores
/// given the same push a few milliseconds apart differ in those only).
QJsonArray withoutWriteTimes(QJsonArray changes)
{
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        QJsonObject change = it->toObject();
        QJsonObject fields = change[u"fields"_s].toObject();
        fields.remove(u"created_at"_s);
        fields.remove(u"updated_at"_s);
        change[u"fields"_s] = fields;
        *it = change;
    }
    return changes;
}

/// Runs a PostgreSQL client program; its output on failure.
QString runTool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(PgBin + program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return program + u": "_s + QString::fromLocal8Bit(p.readAll());
    return {};
}

QStringList connectionArgs(const QString& url)
{
    const auto s = server::parsePostgresUrl(url);
    EXPECT_TRUE(s.ok());
    return { u"-h"_s, s->host, u"-p"_s, QString::number(s->port), u"-U"_s, u"postgres"_s, u"-d"_s,
        s->database };
}

/// The database's connection for the length of a test step.
class Connection {
public:
    explicit Connection(const server::StoreLocation& location)
        : m_name(u"keycollation-test-%1"_s.arg(++s_count))
    {
        auto db = server::openLocation(location, m_name);
        EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message.toStdString());
        if (db)
            m_db = db.value();
    }
    ~Connection()
    {
        m_db = QSqlDatabase();
        core::closeDatabase(m_name);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    QSqlDatabase& db() { return m_db; }

private:
    static inline int s_count = 0;
    QString m_name;
    QSqlDatabase m_db;
};

class KeyCollationTest : public SyncApiTest {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(UsingPostgres) << "built into the PostgreSQL suite only";
        SyncApiTest::SetUp();
    }

    /// Pushes to `server` and returns the answer's results.
    QJsonArray pushTo(test::InProcessServer& server, const QString& user, const QString& client,
        const QJsonArray& mutations)
    {
        const QJsonObject body { { u"client_id"_s, client }, { u"schema_version"_s, 1 },
            { u"mutations"_s, mutations } };
        auto r = server.client().Post("/api/v1/sync/push", bearer(tokens.value(user)),
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
        EXPECT_TRUE(r);
        if (!r)
            return {};
        EXPECT_EQ(r->status, 200) << r->body;
        return bodyJson(r)[u"results"_s].toArray();
    }

    /// Records of every kind in three enterprises, one of them with a Chinese name in a street
    /// with a Chinese name; accounts with mixed-case usernames; a photo and an issued record.
    void fill()
    {
        addUser(u"Zhang.Wei"_s, u"inspector"_s, {}, { u"东风街道"_s });
        addUser(u"li-na"_s, u"inspector"_s, {}, { u"North"_s, u"东风街道"_s });
        for (const auto& u : { "Zhang.Wei", "li-na" })
            tokens[QString::fromLatin1(u)] = srv.accessToken(QString::fromLatin1(u));
        const QString zhang = userIdOf(u"Zhang.Wei"_s);
        const QString insp = userIdOf(u"insp"_s);
        const QJsonArray sup = pushTo(srv, u"sup"_s, u"dev-sup"_s,
            { mutation(3, u"enterprise.upsert"_s, entC,
                  enterpriseArgs(u"长春东风冲压件有限公司"_s, u"东风街道"_s)),
                mutation(4, u"plan.upsert"_s, uuid(),
                    { { u"year"_s, 2027 }, { u"title"_s, u"重点企业"_s }, { u"kind"_s, u"key"_s },
                        { u"enterprise_ids"_s, QJsonArray { entA, entC } },
                        { u"inspector_ids"_s, QJsonArray { zhang, insp } } }),
                mutation(5, u"recusal.upsert"_s, uuid(),
                    { { u"inspector_id"_s, zhang }, { u"enterprise_id"_s, entB },
                        { u"reason"_s, u"原单位"_s } }) });
        for (const auto& r : sup)
            ASSERT_EQ(r[u"status"_s].toString(), u"applied"_s);

        const QByteArray photo("a photo of the press guard, taken on site");
        ASSERT_EQ(putBlob(u"insp"_s, photo)->status, 201);
        inspection = uuid();
        hazards = { uuid(), uuid(), uuid() };
        inspBatch = {
            inspectionCreate(1, inspection, entA, u"insp"_s),
            mutation(2, u"answer.set"_s, uuid(),
                { { u"inspection_id"_s, inspection }, { u"item_code"_s, u"CN-01"_s },
                    { u"result"_s, u"fail"_s } }),
            mutation(3, u"hazard.create"_s, hazards[0],
                hazardArgs(entA, u"冲压机防护罩缺失"_s,
                    { QJsonObject { { u"id"_s, sha(photo) }, { u"mime"_s, u"image/jpeg"_s } } })),
            mutation(4, u"hazard.create"_s, hazards[1], hazardArgs(entB, u"Furnace guard"_s)),
            mutation(5, u"hazard.create"_s, hazards[2],
                hazardArgs(entC, u"消防通道堵塞"_s, {}, u"2099-02-01"_s)),
            mutation(6, u"hazard.update"_s, hazards[1], { { u"place"_s, u"熔炼车间"_s } },
                { { u"place"_s, 1 } }),
            mutation(7, u"comment.add"_s, uuid(),
                { { u"record_id"_s, hazards[0] }, { u"text"_s, u"已通知企业"_s } }),
        };
        inspAnswers = pushTo(srv, u"insp"_s, u"dev-insp"_s, inspBatch);
        ASSERT_EQ(inspAnswers.size(), inspBatch.size());
        for (const auto& r : inspAnswers)
            ASSERT_EQ(r[u"status"_s].toString(), u"applied"_s);
        const QJsonArray submitted = pushTo(srv, u"enta"_s, u"dev-enta"_s,
            { mutation(1, u"rectification.submit"_s, uuid(),
                { { u"hazard_id"_s, hazards[0] }, { u"note"_s, u"已加装防护罩"_s } }) });
        ASSERT_EQ(submitted[0][u"status"_s].toString(), u"applied"_s);

        // An inspection record numbered from the inspector's block.
        const QByteArray recordPdf("%PDF-1.4 the inspection record\n%%EOF\n");
        ASSERT_EQ(putBlob(u"insp"_s, recordPdf)->status, 201);
        auto block = reserveNumbers(u"insp"_s, u"inspection_record"_s, 1);
        ASSERT_EQ(block->status, 200) << block->body;
        const QJsonObject b = bodyJson(block);
        const QJsonArray issued = pushTo(srv, u"insp"_s, u"dev-insp"_s,
            { mutation(8, u"inspection.finish"_s, inspection,
                  { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s },
                      { u"refusal_note"_s, u"the manager refused to sign"_s } }),
                mutation(9, u"document.issue"_s, uuid(),
                    { { u"kind"_s, u"inspection_record"_s },
                        { u"number"_s,
                            u"%1%2号"_s.arg(b[u"prefix"_s].toString())
                                .arg(b[u"from"_s].toInteger()) },
                        { u"year"_s, b[u"year"_s].toInt() },
                        { u"serial"_s, b[u"from"_s].toInteger() },
                        { u"inspection_id"_s, inspection },
                        { u"attachments"_s,
                            QJsonArray { QJsonObject { { u"id"_s, sha(recordPdf) },
                                { u"mime"_s, u"application/pdf"_s } } } } }) });
        for (const auto& r : issued)
            ASSERT_EQ(r[u"status"_s].toString(), u"applied"_s) << text(issued);
    }

    /// A new database holding the schema before step 11, built by the steps before it.
    server::StoreLocation oldStore(const QString& icuLocale)
    {
        const server::StoreLocation location { srv.dir().path(),
            test::freshPgDatabaseUrl(icuLocale) };
        std::vector<server::ServerMigration> before;
        for (const auto& step : server::serverMigrations())
            if (step.version < 11)
                before.push_back(step);
        EXPECT_EQ(server::serverMigrations().at(before.size()).version, 11);
        Connection c(location);
        auto migrated = server::migrateServer(c.db(), before);
        EXPECT_TRUE(migrated.ok());
        EXPECT_EQ(migrated.ok() ? migrated.value() : -1, 10);
        return location;
    }

    /// Copies every row of the test's store into `target` (whose tables are emptied first), as a
    /// data-only dump and restore.
    void copyRows(const server::StoreLocation& target)
    {
        {
            Connection c(target);
            for (const QString& table : rows(c.db(),
                     u"SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                     u"AND tablename <> 'safeloop_schema'"_s))
                ASSERT_TRUE(core::exec(c.db(), u"TRUNCATE %1 CASCADE"_s.arg(table)).ok());
        }
        const QString dump = srv.dir().filePath(u"rows.sql"_s);
        ASSERT_EQ(runTool(u"pg_dump"_s,
                      connectionArgs(srv.store().location().databaseUrl)
                          + QStringList { u"--data-only"_s, u"--disable-triggers"_s,
                              u"--exclude-table=safeloop_schema"_s, u"-f"_s, dump }),
            QString());
        ASSERT_EQ(runTool(u"psql"_s,
                      connectionArgs(target.databaseUrl)
                          + QStringList { u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-f"_s, dump }),
            QString());
    }

    const QString entC = uscc(3);
    QString inspection;
    QStringList hazards;
    QJsonArray inspBatch;
    QJsonArray inspAnswers;
};

/// The store's database in the cluster's locale (C.UTF-8) or in an ICU locale.
class KeyCollationMigrationTest : public KeyCollationTest,
                                  public ::testing::WithParamInterface<const char*> { };

} // namespace

TEST_F(KeyCollationTest, ANewStoreComparesEveryKeyBytewiseAndKeepsFreeTextInTheDatabaseDefault)
{
    fill();
    auto db = srv.store().connection();
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(server::serverSchemaVersion(db.value()), server::ServerStore::schemaVersion());
    expectBytewiseKeys(db.value());
    // Names still sort in the database's own order: "default", not "C", for ORDER BY name.
    EXPECT_EQ(rows(db.value(),
                  u"SELECT pg_collation_for(name) FROM users UNION "
                  u"SELECT pg_collation_for(street) FROM enterprises"_s),
        QStringList { u"\"default\""_s });
}

TEST_P(KeyCollationMigrationTest, AStoreOfTheSchemaBeforeMigratesIntactAndAnswersAsBefore)
{
    const QString icuLocale = QString::fromLatin1(GetParam());
    fill();
    // Before: what every user pulls, and where each first sync ended.
    const QStringList users { u"sup"_s, u"insp"_s, u"north"_s, u"south"_s, u"enta"_s,
        u"Zhang.Wei"_s, u"li-na"_s };
    QMap<QString, QJsonArray> pulled;
    for (const QString& user : users)
        pulled.insert(user, pullAllFrom(srv, user, {}, 7));
    ASSERT_GT(pulled.value(u"sup"_s).size(), 12);
    QString supCursor;
    pullAll(u"sup"_s, {}, &supCursor);

    // The same rows in a database of the schema before step 11, in the default collation.
    const server::StoreLocation old = oldStore(icuLocale);
    copyRows(old);
    QMap<QString, QString> contents;
    QMap<QString, QStringList> orderBefore;
    {
        Connection c(old);
        ASSERT_EQ(server::serverSchemaVersion(c.db()), 10);
        if (!icuLocale.isEmpty()) {
            ASSERT_EQ(rows(c.db(),
                          u"SELECT datlocprovider::text || ' ' || daticulocale FROM pg_database "
                          u"WHERE datname = current_database()"_s),
                QStringList { u"i "_s + icuLocale });
        }
        const QMap<QString, QString> collations = textCollations(c.db());
        for (const QString& column : listedKeyColumns())
            ASSERT_EQ(collations.value(column).toStdString(), "default") << column.toStdString();
        contents = tableContents(c.db());
        orderBefore = orderedKeys(c.db());
    }
    {
        auto source = srv.store().connection();
        ASSERT_TRUE(source.ok());
        EXPECT_EQ(tableContents(source.value()), contents);
    }
    EXPECT_GT(contents.size(), 30);
    EXPECT_EQ(contents.value(u"hazards"_s).section(u'\t', 0, 0), u"3"_s);

    // Step 11, as `serve` applies it on start.
    test::InProcessServer migrated(old);
    {
        Connection c(old);
        EXPECT_EQ(server::serverSchemaVersion(c.db()), 11);
        expectBytewiseKeys(c.db());
        EXPECT_EQ(tableContents(c.db()), contents);
        EXPECT_EQ(rows(c.db(),
                      u"SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
                      u"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
                      u"AND NOT (x.indisvalid AND x.indisready AND x.indislive)"_s),
            QStringList());
        // Every B-tree ordered as its collation says and holding every row (amcheck).
        ASSERT_TRUE(core::exec(c.db(), u"CREATE EXTENSION IF NOT EXISTS amcheck"_s).ok());
        const QStringList checked = rows(c.db(),
            u"SELECT c.relname, bt_index_check(c.oid, true) FROM pg_index x "
            u"JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_am am ON am.oid = c.relam "
            u"JOIN pg_namespace n ON n.oid = c.relnamespace "
            u"WHERE n.nspname = 'public' AND am.amname = 'btree'"_s);
        EXPECT_GT(checked.size(), 50);
        const QMap<QString, QStringList> orderAfter = orderedKeys(c.db());
        int reordered = 0;
        for (auto it = orderAfter.begin(); it != orderAfter.end(); ++it) {
            EXPECT_EQ(it.value(), bytewise(it.value())) << it.key().toStdString();
            if (it.value() != orderBefore.value(it.key()))
                ++reordered;
            // The cluster's C.UTF-8 sorted every key by code point already: nothing moves.
            if (icuLocale.isEmpty()) {
                EXPECT_EQ(it.value(), orderBefore.value(it.key())) << it.key().toStdString();
            }
        }
        // ICU's en-US sorts "Zhang.Wei" among the lower-case usernames; bytewise it comes first.
        if (!icuLocale.isEmpty()) {
            EXPECT_GT(reordered, 0);
        }
        EXPECT_EQ(orderAfter.value(u"users.username"_s).value(0), u"Zhang.Wei"_s);
    }

    // Every user pulls the same changes with the same access tokens.
    for (const QString& user : users)
        EXPECT_EQ(text(pullAllFrom(migrated, user, {}, 7)), text(pulled.value(user)))
            << user.toStdString();
    // A batch sent again is answered from the stored results, as before (by both stores, so
    // that they stay alike).
    EXPECT_EQ(text(pushTo(migrated, u"insp"_s, u"dev-insp"_s, inspBatch)), text(inspAnswers));
    EXPECT_EQ(text(pushTo(srv, u"insp"_s, u"dev-insp"_s, inspBatch)), text(inspAnswers));
    // A new batch touching the records from before is answered as the unmigrated store's copy
    // answers it, and both then pull the same.
    const QJsonArray next {
        mutation(10, u"hazard.update"_s, hazards[2], { { u"place"_s, u"二号仓库"_s } },
            { { u"place"_s, 1 } }, hlcNow(10)),
        mutation(11, u"comment.add"_s, uuid(),
            { { u"record_id"_s, hazards[2] }, { u"text"_s, u"复查时再看"_s } }, {}, hlcNow(11)),
        mutation(
            12, u"hazard.create"_s, uuid(), hazardArgs(entC, u"配电箱未上锁"_s), {}, hlcNow(12)),
        mutation(
            13, u"hazard.create"_s, hazards[0], hazardArgs(entA, u"an id taken"_s), {}, hlcNow(13)),
    };
    const QJsonArray answered = pushTo(srv, u"insp"_s, u"dev-insp"_s, next);
    ASSERT_EQ(answered.size(), 4);
    EXPECT_EQ(answered[3][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(text(pushTo(migrated, u"insp"_s, u"dev-insp"_s, next)), text(answered));
    for (const QString& user : { u"sup"_s, u"Zhang.Wei"_s, u"north"_s }) {
        const QJsonArray source = pullAllFrom(srv, user, supCursor, 7);
        EXPECT_EQ(text(withoutWriteTimes(pullAllFrom(migrated, user, supCursor, 7))),
            text(withoutWriteTimes(source)))
            << user.toStdString();
        if (user == u"sup"_s) {
            EXPECT_GE(source.size(), 3);
        }
    }
    // And the photo is read through the migrated store's references.
    auto photo = migrated.client().Get(
        "/api/v1/blobs/" + sha("a photo of the press guard, taken on site").toStdString(),
        bearer(tokens.value(u"north"_s)));
    ASSERT_TRUE(photo);
    EXPECT_EQ(photo->status, 200);
}

INSTANTIATE_TEST_SUITE_P(DatabaseLocale, KeyCollationMigrationTest, ::testing::Values("", "en-US"),
    [](const ::testing::TestParamInfo<const char*>& locale) {
        return std::string(locale.param[0] ? "IcuEnUs" : "ClusterCUtf8");
    });
