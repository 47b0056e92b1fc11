// Document numbers (SYNC.md "Document numbers"): blocks per device login, unique and gap-free
// per year and kind, void reports and the audit listing — over HTTP against the real store.
#include "server/documents.h"
#include "server/serverconfig.h"
#include "testbackend.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

using namespace Qt::StringLiterals;
using namespace safeloop;
using test::bearer;
using test::bodyJson;
using test::errorCode;

namespace {

struct Block {
    qint64 from = 0;
    qint64 to = 0;
};

std::string numbersBody(const char* kind, qint64 count)
{
    return std::string(R"({"kind":")") + kind + R"(","count":)" + std::to_string(count) + "}";
}

httplib::Result reserve(
    httplib::Client& cli, const std::string& token, const char* kind, qint64 count)
{
    return cli.Post(
        "/api/v1/documents/numbers", bearer(token), numbersBody(kind, count), "application/json");
}

httplib::Result postJson(
    httplib::Client& cli, const std::string& token, const char* path, const QJsonObject& body)
{
    return cli.Post(path, bearer(token),
        QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
}

/// Sorts the blocks and checks that they tile 1..total without overlap or gap.
void expectTilesFromOne(std::vector<Block> blocks, qint64 total)
{
    std::sort(blocks.begin(), blocks.end(),
        [](const Block& a, const Block& b) { return a.from < b.from; });
    qint64 expectedFrom = 1;
    for (const Block& b : blocks) {
        ASSERT_EQ(b.from, expectedFrom) << "blocks overlap or leave a gap";
        ASSERT_GE(b.to, b.from);
        expectedFrom = b.to + 1;
    }
    EXPECT_EQ(expectedFrom - 1, total);
}

qint64 utcMs(int y, int m, int d, int hh, int mm, int ss)
{
    return QDateTime(QDate(y, m, d), QTime(hh, mm, ss), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

TEST(DocumentNumbersTest, ConsecutiveBlocksAreGapFreeAndEachKindCountsOnItsOwn)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    test::addUser(srv.store(), u"liu"_s, u"inspector"_s);
    const auto wang = srv.accessToken(u"wang"_s);
    const auto liu = srv.accessToken(u"liu"_s);
    auto cli = srv.client();

    auto a = reserve(cli, wang, "rectification_order", 10);
    ASSERT_TRUE(a);
    ASSERT_EQ(a->status, 200) << a->body;
    const QJsonObject first = bodyJson(a);
    EXPECT_EQ(first[u"kind"_s].toString(), u"rectification_order"_s);
    EXPECT_EQ(first[u"from"_s].toInteger(), 1);
    EXPECT_EQ(first[u"to"_s].toInteger(), 10);
    const int year
        = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Asia/Shanghai")).date().year();
    EXPECT_EQ(first[u"year"_s].toInt(), year);
    EXPECT_EQ(first[u"prefix"_s].toString(), u"(青)应急责改〔%1〕"_s.arg(year));

    auto b = reserve(cli, liu, "rectification_order", 20);
    ASSERT_EQ(b->status, 200) << b->body;
    EXPECT_EQ(bodyJson(b)[u"from"_s].toInteger(), 11);
    EXPECT_EQ(bodyJson(b)[u"to"_s].toInteger(), 30);

    auto c = reserve(cli, wang, "inspection_record", 5);
    ASSERT_EQ(c->status, 200) << c->body;
    EXPECT_EQ(bodyJson(c)[u"from"_s].toInteger(), 1) << "each kind has its own sequence";
    EXPECT_EQ(bodyJson(c)[u"prefix"_s].toString(), u"(青)应急检记〔%1〕"_s.arg(year));

    auto d = reserve(cli, wang, "reinspection_opinion", 100);
    ASSERT_EQ(d->status, 200) << d->body;
    EXPECT_EQ(bodyJson(d)[u"to"_s].toInteger(), 100);
    EXPECT_EQ(bodyJson(d)[u"prefix"_s].toString(), u"(青)应急复查〔%1〕"_s.arg(year));

    auto e = reserve(cli, wang, "rectification_order", 1);
    EXPECT_EQ(bodyJson(e)[u"from"_s].toInteger(), 31);
    EXPECT_EQ(bodyJson(e)[u"to"_s].toInteger(), 31);
}

TEST(DocumentNumbersTest, EightThreadsOfTwentyRequestsGetDisjointBlocksCoveringOneToTotal)
{
    test::InProcessServer srv;
    constexpr int Threads = 8;
    constexpr int Requests = 20;
    // Two inspectors, four phones each (every login is a device login of its own).
    std::vector<std::string> tokens;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    test::addUser(srv.store(), u"liu"_s, u"inspector"_s);
    for (int t = 0; t < Threads; ++t) {
        const QString device = u"phone-%1"_s.arg(t);
        tokens.push_back(
            srv.login(t % 2 ? u"wang"_s : u"liu"_s, u"correct horse 1"_s, device)[u"access_token"_s]
                .toString()
                .toStdString());
    }
    std::mutex lock;
    std::vector<Block> blocks;
    std::atomic<int> failures { 0 };
    std::atomic<qint64> requested { 0 };
    std::vector<std::thread> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back([&, t] {
            auto cli = srv.client();
            for (int i = 0; i < Requests; ++i) {
                const qint64 count = 1 + (t * Requests + i) % 7;
                auto r
                    = reserve(cli, tokens[static_cast<std::size_t>(t)], "inspection_record", count);
                if (!r || r->status != 200) {
                    ++failures;
                    continue;
                }
                const QJsonObject body = bodyJson(r);
                Block b { body[u"from"_s].toInteger(), body[u"to"_s].toInteger() };
                if (b.to - b.from + 1 != count)
                    ++failures;
                requested += count;
                std::lock_guard guard(lock);
                blocks.push_back(b);
            }
        });
    }
    for (auto& th : threads)
        th.join();
    EXPECT_EQ(failures.load(), 0);
    ASSERT_EQ(blocks.size(), static_cast<std::size_t>(Threads * Requests));
    expectTilesFromOne(blocks, requested.load());
}

TEST(DocumentNumbersTest, OnlyInspectorsReserveNumbers)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"acme"_s, u"enterprise"_s);
    test::addUser(srv.store(), u"zhao"_s, u"supervisor"_s);
    test::addUser(srv.store(), u"root"_s, u"admin"_s);
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    auto cli = srv.client();
    for (const QString& who : { u"acme"_s, u"zhao"_s, u"root"_s }) {
        auto r = reserve(cli, srv.accessToken(who), "rectification_order", 5);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 403) << who.toStdString();
        EXPECT_EQ(errorCode(r), u"forbidden"_s);
    }
    auto anonymous = cli.Post(
        "/api/v1/documents/numbers", numbersBody("rectification_order", 5), "application/json");
    EXPECT_EQ(anonymous->status, 401);
    // Refusals consumed nothing.
    auto ok = reserve(cli, srv.accessToken(u"wang"_s), "rectification_order", 5);
    EXPECT_EQ(bodyJson(ok)[u"from"_s].toInteger(), 1);
}

TEST(DocumentNumbersTest, BadKindsAndCountsAreRefusedWithSpecificCodesAndConsumeNothing)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const auto token = srv.accessToken(u"wang"_s);
    auto cli = srv.client();
    const auto post = [&](const std::string& body) {
        return cli.Post("/api/v1/documents/numbers", bearer(token), body, "application/json");
    };
    struct Case {
        std::string body;
        int status;
        QString code;
    };
    const std::vector<Case> cases {
        { R"({"kind":"rectification_order","count":0})", 422, u"count_out_of_range"_s },
        { R"({"kind":"rectification_order","count":101})", 422, u"count_out_of_range"_s },
        { R"({"kind":"rectification_order","count":-3})", 422, u"count_out_of_range"_s },
        { R"({"kind":"rectification_order","count":2.5})", 400, u"invalid_count"_s },
        { R"({"kind":"rectification_order","count":"5"})", 400, u"invalid_count"_s },
        { R"({"kind":"rectification_order"})", 400, u"invalid_count"_s },
        { R"({"kind":"fine_decision","count":5})", 400, u"invalid_document_kind"_s },
        { R"({"count":5})", 400, u"invalid_document_kind"_s },
        { R"([1,2])", 400, u"malformed_json"_s },
    };
    for (const Case& c : cases) {
        auto r = post(c.body);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, c.status) << c.body;
        EXPECT_EQ(errorCode(r), c.code) << c.body;
    }
    auto ok = post(R"({"kind":"rectification_order","count":100})");
    ASSERT_EQ(ok->status, 200) << ok->body;
    EXPECT_EQ(bodyJson(ok)[u"from"_s].toInteger(), 1);
    EXPECT_EQ(bodyJson(ok)[u"to"_s].toInteger(), 100);
}

TEST(DocumentNumbersTest, TheYearIsTheDistrictsLocalYearAndANewYearStartsAtOne)
{
    std::atomic<qint64> now { utcMs(2026, 12, 31, 15, 59, 59) }; // 23:59:59 in Shanghai
    test::InProcessServer srv(
        {}, {}, [&](server::HttpApi& api) { api.setClock([&] { return now.load(); }); });
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    const auto token = srv.accessToken(u"wang"_s);
    auto cli = srv.client();

    auto late = reserve(cli, token, "rectification_order", 30);
    ASSERT_EQ(late->status, 200) << late->body;
    EXPECT_EQ(bodyJson(late)[u"year"_s].toInt(), 2026);
    EXPECT_EQ(bodyJson(late)[u"prefix"_s].toString(), u"(青)应急责改〔2026〕"_s);

    now = utcMs(2026, 12, 31, 16, 0, 0); // midnight in Shanghai, still 2026 in UTC
    auto early = reserve(cli, token, "rectification_order", 10);
    ASSERT_EQ(early->status, 200) << early->body;
    EXPECT_EQ(bodyJson(early)[u"year"_s].toInt(), 2027);
    EXPECT_EQ(bodyJson(early)[u"prefix"_s].toString(), u"(青)应急责改〔2027〕"_s);
    EXPECT_EQ(bodyJson(early)[u"from"_s].toInteger(), 1);
    EXPECT_EQ(bodyJson(early)[u"to"_s].toInteger(), 10);

    // With the district zone set to UTC the same instant is still 2026: the 2026 counter goes on.
    {
        auto db = srv.store().connection();
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(server::ServerConfig::set(db.value(), u"district.time_zone"_s, u"UTC"_s).ok());
    }
    auto utc = reserve(cli, token, "rectification_order", 5);
    ASSERT_EQ(utc->status, 200) << utc->body;
    EXPECT_EQ(bodyJson(utc)[u"year"_s].toInt(), 2026);
    EXPECT_EQ(bodyJson(utc)[u"from"_s].toInteger(), 31);
}

TEST(DocumentNumbersTest, ThePrefixComesFromServerConfigurationAndStaysWithIssuedBlocks)
{
    std::atomic<qint64> now { utcMs(2026, 6, 1, 8, 0, 0) };
    test::InProcessServer srv(
        {}, {}, [&](server::HttpApi& api) { api.setClock([&] { return now.load(); }); });
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    test::addUser(srv.store(), u"zhao"_s, u"supervisor"_s);
    const auto token = srv.accessToken(u"wang"_s);
    auto cli = srv.client();
    auto before = reserve(cli, token, "rectification_order", 2);
    {
        auto db = srv.store().connection();
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(server::ServerConfig::set(
            db.value(), u"documents.prefix.rectification_order"_s, u"(青)安监责改〔{year}〕第"_s)
                        .ok());
    }
    auto after = reserve(cli, token, "rectification_order", 2);
    ASSERT_EQ(after->status, 200) << after->body;
    EXPECT_EQ(bodyJson(after)[u"prefix"_s].toString(), u"(青)安监责改〔2026〕第"_s);
    EXPECT_EQ(bodyJson(after)[u"from"_s].toInteger(), 3) << "a new prefix keeps the sequence";

    auto audit = cli.Get("/api/v1/documents/blocks?year=2026", bearer(srv.accessToken(u"zhao"_s)));
    ASSERT_EQ(audit->status, 200) << audit->body;
    const QJsonArray blocks = bodyJson(audit)[u"blocks"_s].toArray();
    ASSERT_EQ(blocks.size(), 2);
    EXPECT_EQ(
        blocks[0].toObject()[u"prefix"_s].toString(), bodyJson(before)[u"prefix"_s].toString());
    EXPECT_EQ(blocks[1].toObject()[u"prefix"_s].toString(), u"(青)安监责改〔2026〕第"_s);
}

TEST(DocumentNumbersTest, VoidNumbersAreRecordedOnlyForTheCallersOwnBlocks)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    test::addUser(srv.store(), u"liu"_s, u"inspector"_s);
    test::addUser(srv.store(), u"zhao"_s, u"supervisor"_s);
    const auto wang = srv.accessToken(u"wang"_s);
    const auto wangOtherPhone
        = srv.login(u"wang"_s, u"correct horse 1"_s, u"device-2"_s)[u"access_token"_s]
              .toString()
              .toStdString();
    const auto liu = srv.accessToken(u"liu"_s);
    auto cli = srv.client();
    auto mine = reserve(cli, wang, "rectification_order", 10); // 1..10
    auto theirs = reserve(cli, liu, "rectification_order", 10); // 11..20
    ASSERT_EQ(theirs->status, 200);
    const int year = bodyJson(mine)[u"year"_s].toInt();

    const auto voidBody = [&](QJsonArray numbers, const QString& kind = u"rectification_order"_s) {
        return QJsonObject { { u"kind"_s, kind }, { u"year"_s, year }, { u"numbers"_s, numbers } };
    };
    auto ok = postJson(cli, wang, "/api/v1/documents/void", voidBody({ 9, 10, 10 }));
    ASSERT_EQ(ok->status, 200) << ok->body;
    EXPECT_EQ(bodyJson(ok)[u"voided"_s].toArray(), (QJsonArray { 9, 10 }));
    EXPECT_TRUE(bodyJson(ok)[u"already_void"_s].toArray().isEmpty());

    auto again = postJson(cli, wang, "/api/v1/documents/void", voidBody({ 8, 9 }));
    ASSERT_EQ(again->status, 200) << again->body;
    EXPECT_EQ(bodyJson(again)[u"voided"_s].toArray(), (QJsonArray { 8 }));
    EXPECT_EQ(bodyJson(again)[u"already_void"_s].toArray(), (QJsonArray { 9 }));

    // Another inspector's numbers, the same user's other device login, numbers never issued and
    // the wrong kind are all refused, and nothing of the request is recorded.
    for (const auto& [token, body] : std::vector<std::pair<std::string, QJsonObject>> {
             { wang, voidBody({ 7, 11 }) },
             { wangOtherPhone, voidBody({ 7 }) },
             { wang, voidBody({ 7, 500 }) },
             { wang, voidBody({ 7 }, u"inspection_record"_s) },
         }) {
        auto r = postJson(cli, token, "/api/v1/documents/void", body);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 422) << r->body;
        EXPECT_EQ(errorCode(r), u"number_not_reserved"_s);
    }

    const auto bad = [&](const QJsonObject& body, const QString& code) {
        auto r = postJson(cli, wang, "/api/v1/documents/void", body);
        EXPECT_EQ(r->status, 400) << r->body;
        EXPECT_EQ(errorCode(r), code) << r->body;
    };
    bad(voidBody({}), u"invalid_numbers"_s);
    bad(voidBody({ 0 }), u"invalid_numbers"_s);
    bad(voidBody({ u"7"_s }), u"invalid_numbers"_s);
    bad(QJsonObject { { u"kind"_s, u"rectification_order"_s }, { u"numbers"_s, QJsonArray { 7 } } },
        u"invalid_year"_s);
    bad(voidBody({ 7 }, u"memo"_s), u"invalid_document_kind"_s);

    const auto zhao = srv.accessToken(u"zhao"_s);
    auto supervisorVoid = postJson(cli, zhao, "/api/v1/documents/void", voidBody({ 7 }));
    EXPECT_EQ(supervisorVoid->status, 403);

    auto audit = cli.Get("/api/v1/documents/blocks?year=" + std::to_string(year), bearer(zhao));
    ASSERT_EQ(audit->status, 200) << audit->body;
    const QJsonArray blocks = bodyJson(audit)[u"blocks"_s].toArray();
    ASSERT_EQ(blocks.size(), 2);
    const QJsonObject first = blocks[0].toObject();
    EXPECT_EQ(first[u"from"_s].toInteger(), 1);
    EXPECT_EQ(first[u"to"_s].toInteger(), 10);
    EXPECT_EQ(first[u"username"_s].toString(), u"wang"_s);
    EXPECT_EQ(first[u"void"_s].toArray(), (QJsonArray { 8, 9, 10 }));
    EXPECT_TRUE(blocks[1].toObject()[u"void"_s].toArray().isEmpty());
    EXPECT_EQ(blocks[1].toObject()[u"username"_s].toString(), u"liu"_s);
}

TEST(DocumentNumbersTest, OnlySupervisorsAndAdministratorsSeeTheAudit)
{
    test::InProcessServer srv;
    test::addUser(srv.store(), u"wang"_s, u"inspector"_s);
    test::addUser(srv.store(), u"acme"_s, u"enterprise"_s);
    test::addUser(srv.store(), u"zhao"_s, u"supervisor"_s);
    test::addUser(srv.store(), u"root"_s, u"admin"_s);
    auto cli = srv.client();
    ASSERT_EQ(reserve(cli, srv.accessToken(u"wang"_s), "inspection_record", 3)->status, 200);
    for (const QString& who : { u"wang"_s, u"acme"_s }) {
        auto r = cli.Get("/api/v1/documents/blocks", bearer(srv.accessToken(who)));
        EXPECT_EQ(r->status, 403) << who.toStdString();
        EXPECT_EQ(errorCode(r), u"forbidden"_s);
    }
    const auto zhao = srv.accessToken(u"zhao"_s);
    auto admin = cli.Get("/api/v1/documents/blocks", bearer(srv.accessToken(u"root"_s)));
    ASSERT_EQ(admin->status, 200) << admin->body;
    EXPECT_EQ(bodyJson(admin)[u"blocks"_s].toArray().size(), 1) << "no year: the current year";
    auto byKind = cli.Get("/api/v1/documents/blocks?kind=rectification_order", bearer(zhao));
    EXPECT_TRUE(bodyJson(byKind)[u"blocks"_s].toArray().isEmpty());
    auto badYear = cli.Get("/api/v1/documents/blocks?year=26", bearer(zhao));
    EXPECT_EQ(badYear->status, 400);
    EXPECT_EQ(errorCode(badYear), u"invalid_year"_s);
    auto otherYear = cli.Get("/api/v1/documents/blocks?year=2001", bearer(zhao));
    EXPECT_TRUE(bodyJson(otherYear)[u"blocks"_s].toArray().isEmpty());
}

TEST(DocumentServiceTest, LocalYearFollowsTheZone)
{
    const qint64 instant = utcMs(2026, 12, 31, 16, 30, 0);
    EXPECT_EQ(server::DocumentService::localYear(instant, u"Asia/Shanghai"_s), 2027);
    EXPECT_EQ(server::DocumentService::localYear(instant, u"UTC"_s), 2026);
    EXPECT_EQ(server::DocumentService::localYear(instant, u"Mars/Olympus"_s), -1);
}

TEST(ServerConfigTest, SetValidatesKeysAndValuesAndGetFallsBackToDefaults)
{
    QTemporaryDir dir;
    const auto location = test::storeLocation(dir);
    ASSERT_TRUE(server::ServerStore::initialize(location).ok());
    auto store = server::ServerStore::open(location);
    ASSERT_TRUE(store.ok());
    auto db = store.value().connection();
    ASSERT_TRUE(db.ok());
    QSqlDatabase& conn = db.value();

    EXPECT_EQ(server::ServerConfig::get(conn, u"district.time_zone"_s).value(), u"Asia/Shanghai"_s);
    EXPECT_EQ(server::ServerConfig::get(conn, u"documents.prefix.inspection_record"_s).value(),
        u"(青)应急检记〔{year}〕"_s);
    EXPECT_EQ(server::ServerConfig::set(conn, u"district.timezone"_s, u"UTC"_s).error().code,
        u"unknown_setting"_s);
    EXPECT_EQ(
        server::ServerConfig::set(conn, u"district.time_zone"_s, u"Asia/Nowhere"_s).error().code,
        u"invalid_setting"_s);
    EXPECT_EQ(server::ServerConfig::set(conn, u"documents.prefix.rectification_order"_s, u" "_s)
                  .error()
                  .code,
        u"invalid_setting"_s);
    EXPECT_EQ(server::ServerConfig::get(conn, u"district.time_zone"_s).value(), u"Asia/Shanghai"_s)
        << "a refused value changes nothing";
    ASSERT_TRUE(server::ServerConfig::set(conn, u"district.time_zone"_s, u"Asia/Urumqi"_s).ok());
    ASSERT_TRUE(server::ServerConfig::set(conn, u"district.time_zone"_s, u"Asia/Harbin"_s).ok());
    EXPECT_EQ(server::ServerConfig::get(conn, u"district.time_zone"_s).value(), u"Asia/Harbin"_s);
}
