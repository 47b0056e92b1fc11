// seed-demo in-process: deterministic, refuses a store with enterprises, respects the rules.
#include "server/blobstore.h"
#include "server/seeddemo.h"
#include "testbackend.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

struct SeededStore {
    QTemporaryDir tmp;
    std::optional<server::ServerStore> store;
    QSqlDatabase db;

    SeededStore()
    {
        const auto location = test::storeLocation(tmp);
        EXPECT_TRUE(server::ServerStore::initialize(location).ok());
        auto opened = server::ServerStore::open(location);
        EXPECT_TRUE(opened.ok());
        store.emplace(std::move(opened).value());
        db = store->connection().value();
    }
    QStringList column(const QString& sql)
    {
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        QStringList v;
        while (q.next())
            v << q.value(0).toString();
        return v;
    }
};

server::SeedOptions smallDistrict()
{
    server::SeedOptions o;
    o.today = QDate(2026, 11, 25);
    o.enterprises = 220;
    o.inspections = 150;
    return o;
}

} // namespace

TEST(SeedDemoTest, SameSeedAndDayGiveTheSameDistrict)
{
    SeededStore a, b;
    auto ra = server::seedDemo(a.db, a.store->blobDir(), smallDistrict());
    ASSERT_TRUE(ra.ok()) << ra.error().message.toStdString();
    auto rb = server::seedDemo(b.db, b.store->blobDir(), smallDistrict());
    ASSERT_TRUE(rb.ok()) << rb.error().message.toStdString();
    EXPECT_EQ(ra->describe(), rb->describe());
    const QString names
        = u"SELECT id || ' ' || street || ' ' || risk_grade FROM enterprises ORDER BY id"_s;
    EXPECT_EQ(a.column(names), b.column(names));
    const QString hazards = u"SELECT status FROM hazards ORDER BY id"_s;
    EXPECT_EQ(a.column(hazards), b.column(hazards));
    EXPECT_EQ(a.column(u"SELECT COUNT(*) FROM enterprises"_s), QStringList { u"220"_s });
    for (const QString& status :
        { u"open"_s, u"submitted"_s, u"rejected"_s, u"verified"_s, u"escalated"_s })
        EXPECT_GT(ra->hazardsByStatus.value(status), 0) << status.toStdString();
    EXPECT_GT(ra->overdue, 0);
}

TEST(SeedDemoTest, RefusesAStoreThatHasEnterprisesAndChangesNothing)
{
    SeededStore s;
    ASSERT_TRUE(server::seedDemo(s.db, s.store->blobDir(), smallDistrict()).ok());
    const QStringList before = s.column(u"SELECT COUNT(*) FROM change_log"_s);
    auto again = server::seedDemo(s.db, s.store->blobDir(), smallDistrict());
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, u"store_not_empty"_s);
    EXPECT_TRUE(again.error().message.contains(u"220 enterprises"_s));
    EXPECT_EQ(s.column(u"SELECT COUNT(*) FROM change_log"_s), before);
    EXPECT_EQ(s.column(u"SELECT COUNT(*) FROM users"_s), QStringList { u"74"_s });
}

TEST(SeedDemoTest, EnterpriseAccountsOnlyRectifyTheirOwnEnterprisesHazards)
{
    SeededStore s;
    ASSERT_TRUE(server::seedDemo(s.db, s.store->blobDir(), smallDistrict()).ok());
    // Every submit event's actor is an enterprise user of the hazard's enterprise.
    QHash<QString, QString> enterpriseOfUser;
    {
        QSqlQuery q(s.db);
        ASSERT_TRUE(q.exec(u"SELECT id, enterprise_uscc FROM users WHERE role = 'enterprise'"_s));
        while (q.next())
            enterpriseOfUser.insert(q.value(0).toString(), q.value(1).toString());
    }
    QSqlQuery q(s.db);
    ASSERT_TRUE(q.exec(u"SELECT e.doc, h.enterprise_id FROM rectification_events e "
                       "JOIN hazards h ON h.id = e.hazard_id WHERE e.kind = 'submit'"_s));
    int submits = 0;
    while (q.next()) {
        ++submits;
        const QString actor
            = QJsonDocument::fromJson(q.value(0).toString().toUtf8())[u"actor_id"_s].toString();
        ASSERT_TRUE(enterpriseOfUser.contains(actor)) << actor.toStdString();
        EXPECT_EQ(enterpriseOfUser.value(actor), q.value(1).toString());
    }
    EXPECT_GT(submits, 0);
}

namespace {

TEST(SeedDemoTest, ThisYearsPlansGiveEveryInspectorAHandfulInTheirStreetAndOneDraw)
{
    SeededStore s;
    auto seeded = server::seedDemo(s.db, s.store->blobDir(), smallDistrict());
    ASSERT_TRUE(seeded.ok());
    QHash<QString, QString> streetOfInspector;
    QString demoInspector;
    {
        QSqlQuery q(s.db);
        ASSERT_TRUE(q.exec(u"SELECT id, username, streets FROM users WHERE role = 'inspector'"_s));
        while (q.next()) {
            const auto streets = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).array();
            ASSERT_EQ(streets.size(), 1);
            streetOfInspector.insert(q.value(0).toString(), streets.at(0).toString());
            if (q.value(1).toString() == u"demo.inspector"_s)
                demoInspector = q.value(0).toString();
        }
    }
    ASSERT_FALSE(demoInspector.isEmpty());
    QHash<QString, std::pair<QString, QString>> enterprise; // uscc → street, grade
    {
        QSqlQuery q(s.db);
        ASSERT_TRUE(q.exec(u"SELECT doc FROM enterprises"_s));
        while (q.next()) {
            const QJsonObject e = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
            enterprise.insert(e[u"uscc"_s].toString(),
                { e[u"street"_s].toString(), e[u"risk_grade"_s].toString() });
        }
    }
    QHash<QString, int> plannedFor; // inspector → enterprises in key plans
    int draws = 0;
    bool demoDrawn = false;
    const QStringList docs = s.column(u"SELECT doc FROM plans"_s);
    EXPECT_EQ(docs.size(), seeded->plans);
    EXPECT_EQ(docs.size(), 8 * 2 + 1);
    for (const auto& text : docs) {
        const QJsonObject p = QJsonDocument::fromJson(text.toUtf8()).object();
        EXPECT_EQ(p[u"year"_s].toInt(), 2026);
        QStringList team;
        for (const auto& v : p[u"inspector_ids"_s].toArray())
            team << v.toString();
        ASSERT_FALSE(team.isEmpty());
        const QJsonArray firms = p[u"enterprise_ids"_s].toArray();
        if (p[u"kind"_s].toString() == u"random"_s) {
            ++draws;
            demoDrawn = team.contains(demoInspector);
            EXPECT_EQ(firms.size(), 16);
            continue;
        }
        EXPECT_EQ(p[u"kind"_s].toString(), u"key"_s);
        EXPECT_TRUE(p[u"title"_s].toString().contains(u"年度执法检查计划"_s));
        EXPECT_GE(firms.size(), 1);
        EXPECT_LE(firms.size(), 6);
        for (const auto& f : firms) {
            const auto [street, grade] = enterprise.value(f.toString());
            EXPECT_TRUE(grade == u"red"_s || grade == u"orange"_s) << grade.toStdString();
            for (const auto& who : team) {
                EXPECT_EQ(streetOfInspector.value(who), street);
                ++plannedFor[who];
            }
        }
    }
    EXPECT_EQ(draws, 1);
    EXPECT_TRUE(demoDrawn);
    EXPECT_EQ(plannedFor.size(), streetOfInspector.size()); // every inspector has a key plan
    EXPECT_GE(plannedFor.value(demoInspector), 1);
}

} // namespace

TEST(SeedDemoTest, AnItemFailedAgainWhileItsHazardIsOpenIsNotASecondHazard)
{
    // An inspector who finds an item failing again while the enterprise's hazard for it is not
    // closed follows that hazard; the demo showed the same hazard twice in a row instead.
    SeededStore s;
    ASSERT_TRUE(server::seedDemo(s.db, s.store->blobDir(), smallDistrict()).ok());
    QSqlQuery q(s.db);
    ASSERT_TRUE(q.exec(u"SELECT enterprise_id, doc, status FROM hazards"_s));
    QHash<QString, int> open;
    int hazards = 0;
    while (q.next()) {
        ++hazards;
        if (q.value(2).toString() == u"verified"_s)
            continue;
        const QString item
            = QJsonDocument::fromJson(q.value(1).toString().toUtf8())[u"item_code"_s].toString();
        ASSERT_FALSE(item.isEmpty());
        ++open[q.value(0).toString() + u' ' + item];
    }
    EXPECT_GT(hazards, 50);
    for (auto it = open.cbegin(); it != open.cend(); ++it)
        EXPECT_EQ(it.value(), 1) << it.key().toStdString();
}

TEST(SeedDemoTest, DemoEnterpriseHasASelfCheckWithOneClosedAndOneOpenFindingOfItsOwn)
{
    SeededStore s;
    auto seeded = server::seedDemo(s.db, s.store->blobDir(), smallDistrict());
    ASSERT_TRUE(seeded.ok());
    EXPECT_EQ(seeded->selfChecks, 1);
    const QStringList account = s.column(
        u"SELECT id || ' ' || enterprise_uscc FROM users WHERE username = 'demo.enterprise'"_s);
    ASSERT_EQ(account.size(), 1);
    const QString userId = account.first().section(u' ', 0, 0);
    const QString uscc = account.first().section(u' ', 1, 1);
    QStringList selfChecks;
    for (const QString& doc : s.column(u"SELECT doc FROM inspections"_s)) {
        const QJsonObject o = QJsonDocument::fromJson(doc.toUtf8()).object();
        if (o[u"kind"_s].toString() != u"self_check"_s)
            continue;
        EXPECT_EQ(o[u"enterprise_id"_s].toString(), uscc);
        EXPECT_EQ(o[u"status"_s].toString(), u"finished"_s);
        EXPECT_TRUE(o[u"inspector_ids"_s].toArray().isEmpty());
        selfChecks << o[u"id"_s].toString();
    }
    ASSERT_EQ(selfChecks.size(), 1);
    QStringList statuses;
    QSqlQuery q(s.db);
    ASSERT_TRUE(q.exec(u"SELECT doc, status FROM hazards"_s));
    while (q.next()) {
        const QJsonObject h = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        if (h[u"source"_s].toString() != u"self_check"_s)
            continue;
        EXPECT_EQ(h[u"enterprise_id"_s].toString(), uscc);
        EXPECT_EQ(h[u"inspection_id"_s].toString(), selfChecks.first());
        statuses << q.value(1).toString();
    }
    statuses.sort();
    EXPECT_EQ(statuses, (QStringList { u"open"_s, u"verified"_s }));
    // Every event on them is the enterprise's own.
    QSqlQuery e(s.db);
    ASSERT_TRUE(e.exec(u"SELECT e.doc, h.doc FROM rectification_events e "
                       "JOIN hazards h ON h.id = e.hazard_id"_s));
    int events = 0;
    while (e.next()) {
        const QJsonObject h = QJsonDocument::fromJson(e.value(1).toString().toUtf8()).object();
        if (h[u"source"_s].toString() != u"self_check"_s)
            continue;
        ++events;
        EXPECT_EQ(QJsonDocument::fromJson(e.value(0).toString().toUtf8())[u"actor_id"_s].toString(),
            userId);
    }
    EXPECT_EQ(events, 4); // two orders, one submission, one closure
}

TEST(SeedDemoTest, EnforcementOrdersOfAccountEnterprisesCarryReservedNumbersAndTheirPdf)
{
    SeededStore s;
    ASSERT_TRUE(server::seedDemo(s.db, s.store->blobDir(), smallDistrict()).ok());
    const QStringList accounts
        = s.column(u"SELECT enterprise_uscc FROM users WHERE role = 'enterprise'"_s);
    const QString demo
        = s.column(u"SELECT enterprise_uscc FROM users WHERE username = 'demo.enterprise'"_s)
              .value(0);
    QSet<QString> numbers;
    int demoOrders = 0;
    QSqlQuery q(s.db);
    ASSERT_TRUE(q.exec(u"SELECT doc FROM hazards"_s));
    while (q.next()) {
        const QJsonObject h = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        const QJsonObject order = h[u"order"_s].toObject();
        if (order.isEmpty())
            continue;
        EXPECT_TRUE(accounts.contains(h[u"enterprise_id"_s].toString()));
        EXPECT_EQ(order[u"inspection_id"_s].toString(), h[u"inspection_id"_s].toString());
        numbers.insert(order[u"id"_s].toString() + u' ' + order[u"number"_s].toString());
        if (h[u"enterprise_id"_s].toString() == demo)
            ++demoOrders;
        // The PDF is a complete blob the enterprise can read.
        QFile pdf(server::BlobStore(s.store->blobDir()).pathFor(order[u"pdf"_s].toString()));
        ASSERT_TRUE(pdf.open(QIODevice::ReadOnly)) << pdf.fileName().toStdString();
        EXPECT_TRUE(pdf.readAll().startsWith("%PDF-"));
    }
    EXPECT_GT(demoOrders, 0) << "demo.enterprise's tasks carry their orders";
    // One number per document, each kept as used and inside a block of its inspector.
    QSet<QString> onlyNumbers;
    for (const QString& n : std::as_const(numbers))
        onlyNumbers.insert(n.section(u' ', 1));
    EXPECT_EQ(onlyNumbers.size(), numbers.size());
    EXPECT_EQ(s.column(u"SELECT COUNT(*) FROM issued_documents i JOIN document_blocks b "
                       "ON b.id = i.block_id AND i.kind = b.kind AND i.number BETWEEN "
                       "b.first_number AND b.last_number WHERE i.kind = 'rectification_order'"_s),
        QStringList { QString::number(numbers.size()) });
    // Each order is also a document of its enterprise, and demo.enterprise has the 现场检查记录
    // of its inspections, each with its PDF, numbered in a block of its own kind.
    EXPECT_EQ(s.column(u"SELECT COUNT(*) FROM documents WHERE kind = 'rectification_order'"_s),
        QStringList { QString::number(numbers.size()) });
    const QStringList records = s.column(
        u"SELECT doc FROM documents WHERE kind = 'inspection_record' AND enterprise_id = '%1'"_s
            .arg(demo));
    EXPECT_FALSE(records.isEmpty()) << "demo.enterprise received its inspection records";
    for (const QString& doc : records) {
        const QJsonObject d = QJsonDocument::fromJson(doc.toUtf8()).object();
        QFile pdf(server::BlobStore(s.store->blobDir()).pathFor(d[u"pdf"_s].toString()));
        ASSERT_TRUE(pdf.open(QIODevice::ReadOnly)) << pdf.fileName().toStdString();
        EXPECT_TRUE(pdf.readAll().startsWith("%PDF-"));
    }
    EXPECT_EQ(s.column(u"SELECT COUNT(*) FROM issued_documents i JOIN document_blocks b "
                       "ON b.id = i.block_id AND i.kind = b.kind AND i.number BETWEEN "
                       "b.first_number AND b.last_number WHERE i.kind = 'inspection_record'"_s),
        s.column(u"SELECT COUNT(*) FROM documents WHERE kind = 'inspection_record'"_s));
}
