// Enterprise CSV and checklist template imports against a real store (SQLite or PostgreSQL).
#include "core/creditcode.h"
#include "core/mutation.h"
#include "server/importer.h"
#include "testbackend.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

const QString Header = u"uscc,name,address,street,industry_code,risk_grade,lat,lon\n"_s;

QString codeFor(int n)
{
    const QString first17 = u"91220106MA%1"_s.arg(n, 7, 10, QChar(u'0'));
    return first17 + *core::CreditCode::checkCharacter(first17);
}

QString row(const QString& uscc, const QString& name, const QString& grade = u"yellow"_s,
    const QString& lat = u"43.88"_s)
{
    return u"%1,%2,长春路1号,青松街道,C3670,%3,%4,125.25\n"_s.arg(uscc, name, grade, lat);
}

class ImporterTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(tmp.isValid());
        location = test::storeLocation(tmp);
        ASSERT_TRUE(server::ServerStore::initialize(location).ok());
        auto opened = server::ServerStore::open(location);
        ASSERT_TRUE(opened.ok());
        store.emplace(std::move(opened).value());
        auto c = store->connection();
        ASSERT_TRUE(c.ok());
        db = c.value();
    }

    int count(const QString& sql)
    {
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
        return q.next() ? q.value(0).toInt() : -1;
    }
    int enterprises() { return count(u"SELECT COUNT(*) FROM enterprises"_s); }
    int changes() { return count(u"SELECT COUNT(*) FROM change_log"_s); }

    core::Result<server::EnterpriseImportSummary> import(const QString& csv)
    {
        return server::importEnterprises(db, csv.toUtf8(), QDateTime::currentDateTimeUtc());
    }

    /// Imports `csv`, expects a refusal mentioning `where`, and checks nothing changed.
    void expectRefused(const QString& csv, const QString& where)
    {
        const int before = enterprises();
        const int changesBefore = changes();
        auto r = import(csv);
        ASSERT_FALSE(r.ok()) << csv.toStdString();
        EXPECT_TRUE(r.error().message.contains(where))
            << r.error().message.toStdString() << " should name " << where.toStdString();
        EXPECT_EQ(enterprises(), before);
        EXPECT_EQ(changes(), changesBefore);
    }

    QTemporaryDir tmp;
    server::StoreLocation location;
    std::optional<server::ServerStore> store;
    QSqlDatabase db;
};

} // namespace

TEST(CsvReaderTest, HandlesQuotedCommasDoubledQuotesCrlfAndEmbeddedNewlines)
{
    auto r = server::parseCsv(
        u"a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\"\"\n"_s);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    ASSERT_EQ(r->size(), 3);
    EXPECT_EQ(r->at(1).fields, (QStringList { u"x, y"_s, u"say \"hi\""_s, u"two\nlines"_s }));
    EXPECT_EQ(r->at(1).line, 2);
    EXPECT_EQ(r->at(2).fields, (QStringList { u"last"_s, QString(), QString() }));
    EXPECT_EQ(r->at(2).line, 4) << "the embedded newline counts as a physical line";
}

TEST(CsvReaderTest, LastRecordWithoutLineEndAndBlankLinesAreAccepted)
{
    auto r = server::parseCsv(u"a,b\n\n1,2"_s);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 2);
    EXPECT_EQ(r->at(1).fields, (QStringList { u"1"_s, u"2"_s }));
    EXPECT_EQ(r->at(1).line, 3);
}

TEST(CsvReaderTest, RefusesUnterminatedQuoteNamingItsLine)
{
    auto r = server::parseCsv(u"a,b\n1,2\n3,\"open\n4,5\n"_s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"csv_malformed"_s);
    EXPECT_TRUE(r.error().message.startsWith(u"line 3"_s)) << r.error().message.toStdString();
}

TEST(CsvReaderTest, RefusesStrayQuotesInsideAField)
{
    auto a = server::parseCsv(u"a,b\nab\"c,d\n"_s);
    ASSERT_FALSE(a.ok());
    EXPECT_TRUE(a.error().message.startsWith(u"line 2"_s));
    auto b = server::parseCsv(u"a,b\n\"ab\"c,d\n"_s);
    ASSERT_FALSE(b.ok());
    EXPECT_TRUE(b.error().message.startsWith(u"line 2"_s));
}

TEST_F(ImporterTest, ImportsEnterprisesWithQuotedFieldsAndOptionalColumns)
{
    const QString csv
        = u"uscc,name,address,street,industry_code,risk_grade,lat,lon,contact,phone\r\n"_s
        + codeFor(1)
        + u",\"青禾区瑞通汽车零部件有限公司\",\"长春路1号, 东门\",青松街道,C3670,red,43.881,125.251,王建国,13904310001\r\n"_s
        + codeFor(2)
        + u",\"\"\"嘉岭\"\"冲压件有限公司\",\"园区路\n2号\",明湖街道,C3670,blue,43.87,125.24,,\r\n"_s;
    auto r = import(csv);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->created, 2);
    EXPECT_EQ(r->updated, 0);
    EXPECT_EQ(enterprises(), 2);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'enterprise'"_s), 2);

    auto first = core::loadRecord(db, u"enterprise"_s, codeFor(1));
    ASSERT_TRUE(first.ok() && first->has_value());
    EXPECT_EQ((*first)->fields[u"address"_s].toString(), u"长春路1号, 东门"_s);
    EXPECT_EQ((*first)->fields[u"risk_grade"_s].toString(), u"red"_s);
    EXPECT_EQ((*first)->fields[u"contact"_s].toString(), u"王建国"_s);
    EXPECT_DOUBLE_EQ((*first)->fields[u"lat"_s].toDouble(), 43.881);
    auto second = core::loadRecord(db, u"enterprise"_s, codeFor(2));
    ASSERT_TRUE(second.ok() && second->has_value());
    EXPECT_EQ((*second)->fields[u"name"_s].toString(), u"\"嘉岭\"冲压件有限公司"_s);
    EXPECT_EQ((*second)->fields[u"address"_s].toString(), u"园区路\n2号"_s);
}

TEST_F(ImporterTest, ReimportUpdatesChangedFieldsKeepsTheIdAndCountsUnchanged)
{
    ASSERT_TRUE(import(Header + row(codeFor(1), u"甲公司"_s) + row(codeFor(2), u"乙公司"_s)).ok());
    const int changesBefore = changes();
    auto r = import(
        Header + row(codeFor(1), u"甲公司（更名）"_s, u"orange"_s) + row(codeFor(2), u"乙公司"_s));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->created, 0);
    EXPECT_EQ(r->updated, 1);
    EXPECT_EQ(r->unchanged, 1);
    EXPECT_EQ(enterprises(), 2);
    EXPECT_EQ(changes(), changesBefore + 1) << "only the updated enterprise goes to the change log";

    auto rec = core::loadRecord(db, u"enterprise"_s, codeFor(1));
    ASSERT_TRUE(rec.ok() && rec->has_value());
    EXPECT_EQ((*rec)->fields[u"name"_s].toString(), u"甲公司（更名）"_s);
    EXPECT_EQ((*rec)->fields[u"risk_grade"_s].toString(), u"orange"_s);
    EXPECT_EQ((*rec)->versions[u"name"_s].toInt(), 2);
    EXPECT_EQ((*rec)->versions[u"risk_grade"_s].toInt(), 2);
    EXPECT_EQ((*rec)->versions[u"street"_s].toInt(), 1) << "unchanged fields keep their version";
}

TEST_F(ImporterTest, LowerCaseCreditCodesAreNormalised)
{
    auto r = import(Header + row(codeFor(3).toLower(), u"丙公司"_s));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    auto rec = core::loadRecord(db, u"enterprise"_s, codeFor(3));
    ASSERT_TRUE(rec.ok() && rec->has_value());
}

TEST_F(ImporterTest, RefusesEveryBadRowNamingLineAndColumnAndChangesNothing)
{
    ASSERT_TRUE(import(Header + row(codeFor(1), u"甲公司"_s)).ok());
    QString badCheck = codeFor(2);
    badCheck[17] = badCheck[17] == u'1' ? u'2' : u'1';
    const QString good = row(codeFor(1), u"甲公司改名"_s);
    expectRefused(Header + good + row(badCheck, u"乙"_s), u"line 3, column uscc"_s);
    expectRefused(Header + good + row(u"123"_s, u"乙"_s), u"line 3, column uscc"_s);
    expectRefused(Header + good + row(codeFor(2), QString()), u"line 3, column name"_s);
    expectRefused(
        Header + good + row(codeFor(2), u"乙"_s, u"purple"_s), u"line 3, column risk_grade"_s);
    expectRefused(
        Header + good + row(codeFor(2), u"乙"_s, u"blue"_s, u"95.1"_s), u"line 3, column lat"_s);
    expectRefused(
        Header + good + row(codeFor(2), u"乙"_s, u"blue"_s, u"north"_s), u"line 3, column lat"_s);
    expectRefused(Header + good + row(codeFor(2), u"乙"_s) + row(codeFor(2), u"丙"_s),
        u"line 4, column uscc: credit code %1 already appears on line 3"_s.arg(codeFor(2)));
    expectRefused(Header + good + codeFor(2) + u",\"open quote,x,y,C,blue,43,125\n"_s, u"line 3"_s);
    expectRefused(Header + good + codeFor(2) + u",too,few\n"_s, u"line 3"_s);
    expectRefused(u"uscc,name,address,street,industry_code,risk_grade,lat,lon,fax\n"_s + good,
        u"unknown column \"fax\""_s);
    expectRefused(
        u"uscc,name,address,street,industry_code,risk_grade,lat\n"_s, u"\"lon\" is missing"_s);

    auto rec = core::loadRecord(db, u"enterprise"_s, codeFor(1));
    ASSERT_TRUE(rec.ok() && rec->has_value());
    EXPECT_EQ((*rec)->fields[u"name"_s].toString(), u"甲公司"_s)
        << "the good row before the bad one was not applied either";
}

TEST_F(ImporterTest, AByteOrderMarkInAFieldIsRefusedNamingItsColumnButOneOpeningTheFileIsSkipped)
{
    // U+FEFF at the start of a stored string would not read back (Qt's JSON reader drops it):
    // the row is refused before anything is written, naming the column it stands in.
    expectRefused(Header + row(codeFor(1), u"\uFEFF甲公司"_s),
        u"line 2, column name: name contains a byte order mark (U+FEFF)"_s);
    expectRefused(Header + row(codeFor(1), u"甲公司"_s) + row(codeFor(2), u"乙\uFEFF公司"_s),
        u"line 3, column name: name contains a byte order mark (U+FEFF)"_s);
    expectRefused(
        Header + codeFor(1) + u",甲公司,\uFEFF长春路1号,青松街道,C3670,blue,43.8,125.2\n"_s,
        u"line 2, column address: address contains a byte order mark (U+FEFF)"_s);
    expectRefused(Header + row(codeFor(1), u"甲\x01公司"_s),
        u"line 2, column name: name contains a control character (U+0001)"_s);
    EXPECT_EQ(enterprises(), 0);

    // The mark a spreadsheet writes before the header is the file's, not a field's.
    const QString file = u"\uFEFF"_s + Header + row(codeFor(1), u"甲公司"_s);
    auto first = import(file);
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(first->created, 1);
    auto again = import(file);
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again->unchanged, 1) << "the stored name reads back as imported";
    EXPECT_EQ(again->updated, 0);
}

TEST_F(ImporterTest, ShippedTemplatesImportOnceAndIdenticalReimportChangesNothing)
{
    const QByteArray shipped = server::shippedChecklists();
    ASSERT_FALSE(shipped.isEmpty()) << "the checklists are embedded in the server";
    auto first = server::importTemplates(db, shipped, QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(first->size(), 12);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'template'"_s), 12);
    auto again = server::importTemplates(db, shipped, QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->isEmpty());
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM templates"_s), 12);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'template'"_s), 12);
}

TEST_F(ImporterTest, ChangedTemplatePublishesANewVersionAndKeepsTheOldOne)
{
    const QByteArray shipped = server::shippedChecklists();
    ASSERT_TRUE(server::importTemplates(db, shipped, QDateTime::currentDateTimeUtc()).ok());
    auto old = core::loadRecord(db, u"template"_s, u"GM@1"_s);
    ASSERT_TRUE(old.ok() && old->has_value());

    QJsonArray list = QJsonDocument::fromJson(shipped).array();
    QJsonObject gm = list[0].toObject();
    ASSERT_EQ(gm[u"code"_s].toString(), u"GM"_s);
    QJsonArray items = gm[u"items"_s].toArray();
    QJsonObject item = items[0].toObject();
    item[u"text_zh"_s] = item[u"text_zh"_s].toString() + u"（修订）"_s;
    items[0] = item;
    gm[u"items"_s] = items;
    gm.remove(u"version"_s);
    auto r = server::importTemplates(
        db, QJsonDocument(QJsonArray { gm }).toJson(), QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value(), QStringList { u"GM@2"_s });

    auto kept = core::loadRecord(db, u"template"_s, u"GM@1"_s);
    ASSERT_TRUE(kept.ok() && kept->has_value());
    EXPECT_EQ((*kept)->fields, (*old)->fields) << "a published version never changes";
    auto next = core::loadRecord(db, u"template"_s, u"GM@2"_s);
    ASSERT_TRUE(next.ok() && next->has_value());
    EXPECT_TRUE(
        (*next)->fields[u"items"_s].toArray()[0].toObject()[u"text_zh"_s].toString().endsWith(
            u"（修订）"_s));
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE record_id = 'GM@2'"_s), 1);
}

TEST_F(ImporterTest, MalformedTemplateJsonIsRefusedAndChangesNothing)
{
    auto r = server::importTemplates(db, "[{\"code\": 5}", QDateTime::currentDateTimeUtc());
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM templates"_s), 0);
}

TEST_F(ImporterTest, TemplateTextIsCheckedLikeAMutationsAndARefusalNamesItsPath)
{
    // "\ufeff" opening a title would be stored, read back without it, and published again by
    // every re-import of the same file (the re-import invariant of the template_import fuzz
    // harness, tests/fuzz/corpus/template_import/bom-in-title.json).
    const QByteArray marked
        = R"([{"code":"GM","title_zh":"\ufeff通用","items":[{"code":"GM-01","text_zh":"甲"}]}])";
    auto r = server::importTemplates(db, marked, QDateTime::currentDateTimeUtc());
    ASSERT_FALSE(r.ok()) << "published " << r->join(u' ').toStdString();
    EXPECT_EQ(r.error().code, u"invalid_text"_s);
    EXPECT_EQ(r.error().message,
        u"templates[0].title_zh contains a byte order mark (U+FEFF), an invisible character"_s);
    const QByteArray control
        = R"([{"code":"GM","title_zh":"通用","items":[{"code":"GM-01","text_zh":"甲\u0007"}]}])";
    r = server::importTemplates(db, control, QDateTime::currentDateTimeUtc());
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.startsWith(
        u"templates[0].items[0].text_zh contains a control character (U+0007)"_s))
        << r.error().message.toStdString();
    const QByteArray longTitle = R"([{"code":"GM","title_zh":")" + QByteArray(201, 'x')
        + R"(","items":[{"code":"GM-01","text_zh":"甲"}]}])";
    r = server::importTemplates(db, longTitle, QDateTime::currentDateTimeUtc());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"field_too_long"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM templates"_s), 0);
    EXPECT_EQ(changes(), 0);

    // Tab and newline stay allowed where free text allows them.
    const QByteArray lines
        = R"([{"code":"GM","title_zh":"通用","items":[{"code":"GM-01","text_zh":"甲\n\t乙"}]}])";
    auto published = server::importTemplates(db, lines, QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(published.ok()) << published.error().message.toStdString();
    EXPECT_EQ(published.value(), QStringList { u"GM@1"_s });
    auto again = server::importTemplates(db, lines, QDateTime::currentDateTimeUtc());
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->isEmpty()) << "the stored text reads back as imported";
}

TEST_F(ImporterTest, ATemplateFileListingOneCodeTwiceIsRefusedAndChangesNothing)
{
    // Both would be published as GM@1, the second overwriting the first (the re-import invariant
    // of the template_import fuzz harness,
    // tests/fuzz/corpus/template_import/regress-duplicate-code.json).
    const QByteArray twice
        = R"([{"code":"GM","title_zh":"通用","items":[{"code":"GM-01","text_zh":"甲"}]},
        {"code":"GM","title_zh":"通用","items":[{"code":"GM-01","text_zh":"乙"}]}])";
    auto r = server::importTemplates(db, twice, QDateTime::currentDateTimeUtc());
    ASSERT_FALSE(r.ok()) << "published " << r->join(u' ').toStdString();
    EXPECT_EQ(r.error().code, u"duplicate_template"_s);
    EXPECT_TRUE(r.error().message.contains(u"GM"_s)) << r.error().message.toStdString();
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM templates"_s), 0);
    EXPECT_EQ(changes(), 0);
}

TEST_F(ImporterTest, ATemplateFileThatIsNotAListIsRefusedSayingWhatItIs)
{
    auto r = server::importTemplates(
        db, R"({"code":"GM","items":[]})", QDateTime::currentDateTimeUtc());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"invalid_json"_s);
    EXPECT_FALSE(r.error().message.contains(u"no error"_s)) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(u"list"_s)) << r.error().message.toStdString();
}

TEST_F(ImporterTest, ATemplateVersionAboveOneMillionIsRefused)
{
    // Once converted to int before being checked (undefined behaviour, UBSan in tests/fuzz); the
    // cap keeps every later version within int.
    for (const char* version : { "1e10", "4294967297", "-1e300", "2147483648", "1000001" }) {
        const QByteArray json = QByteArray(R"([{"code":"GM","title_zh":"通用","version":)")
            + version + R"(,"items":[{"code":"GM-01","text_zh":"甲"}]}])";
        auto r = server::importTemplates(db, json, QDateTime::currentDateTimeUtc());
        ASSERT_FALSE(r.ok()) << version;
        EXPECT_EQ(r.error().code, u"invalid_version"_s) << version;
    }
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM templates"_s), 0);
}
