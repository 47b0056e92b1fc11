// sync::readPullPage: a pull page read in one strict pass over its bytes.
#include "sync/pullpage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// A page as the server writes it, with strings that look like JSON structure.
QJsonObject page()
{
    const QJsonObject tricky { { u"name"_s, u"Works \"North\" {a} [b], c\\d"_s },
        { u"note"_s, u"line\nbreak\ttab \u00e9\u4e2d \U0001F6A7"_s },
        { u"nested"_s,
            QJsonObject {
                { u"list"_s, QJsonArray { 1, u"}]"_s, QJsonObject { { u"x"_s, true } } } } } },
        { u"empty"_s, QJsonObject {} }, { u"n"_s, -12.5e3 }, { u"none"_s, QJsonValue::Null },
        { u"hlc"_s, u"0193a0000001-0000"_s },
        { u"hlcs"_s, QJsonObject { { u"name"_s, u"0193a0000002-0000"_s } } },
        { u"created_at"_s, u"2026-12-01T08:00:00.000Z"_s }, { u"flag"_s, false } };
    QJsonArray changes {
        QJsonObject { { u"seq"_s, 1 }, { u"entity"_s, u"enterprise"_s }, { u"id"_s, u"e-1"_s },
            { u"op"_s, u"put"_s }, { u"fields"_s, tricky },
            { u"versions"_s, QJsonObject { { u"name"_s, 2 } } } },
        QJsonObject { { u"seq"_s, 2 }, { u"entity"_s, u"hazard"_s }, { u"id"_s, u"h-1"_s },
            { u"op"_s, u"remove"_s } },
        QJsonObject { { u"seq"_s, 3 }, { u"entity"_s, u"plan"_s }, { u"id"_s, u"p-1"_s },
            { u"op"_s, u"put"_s }, { u"fields"_s, QJsonObject { { u"year"_s, 2026 } } },
            { u"versions"_s, QJsonObject {} } },
    };
    return { { u"changes"_s, changes }, { u"cursor"_s, u"c2wxOjM"_s }, { u"has_more"_s, true },
        { u"resets"_s, QJsonArray { u"hazard"_s } } };
}

/// The error code readPullPage() gives for `text` (empty when it reads).
QString refusal(const QByteArray& text)
{
    const auto r = sync::readPullPage(text);
    return r ? QString() : r.error().code;
}

const QString Malformed = QString::fromUtf16(sync::PageMalformedCode);
const QString Cut = QString::fromUtf16(sync::PageCutCode);

} // namespace

TEST(PullPageTest, APageReadsAsQtParsesItWithEachChangesTextAsItCame)
{
    const QByteArray text = compact(page());
    const auto read = sync::readPullPage(text);
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    EXPECT_EQ(read->cursor, u"c2wxOjM"_s);
    EXPECT_TRUE(read->hasMore);
    EXPECT_EQ(read->resets, QJsonArray { u"hazard"_s });
    const QJsonArray changes = page().value(u"changes"_s).toArray();
    ASSERT_EQ(read->changes.size(), changes.size());
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QJsonObject c = changes.at(i).toObject();
        const sync::PulledChange& r = read->changes.at(i);
        EXPECT_EQ(r.entity, c.value(u"entity"_s).toString()) << i;
        EXPECT_EQ(r.id, c.value(u"id"_s).toString()) << i;
        EXPECT_EQ(r.remove, c.value(u"op"_s).toString() == u"remove"_s) << i;
        EXPECT_EQ(r.fields(), c.value(u"fields"_s).toObject()) << i;
        EXPECT_EQ(r.versions(), c.value(u"versions"_s).toObject()) << i;
        if (c.contains(u"fields"_s)) {
            EXPECT_EQ(r.fieldsText.toByteArray(), compact(c.value(u"fields"_s).toObject())) << i;
            EXPECT_EQ(r.versionsText.toByteArray(), compact(c.value(u"versions"_s).toObject()))
                << i;
        } else {
            EXPECT_TRUE(r.fieldsText.isEmpty()) << i;
        }
    }
    // Single values decoded (escapes, Chinese, a character beyond the BMP), nested ones null,
    // absent ones undefined.
    const sync::PulledChange& first = read->changes.at(0);
    const QJsonObject full = page()[u"changes"_s][0][u"fields"_s].toObject();
    ASSERT_EQ(first.members.size(), full.size());
    for (const auto& key : { u"name"_s, u"note"_s, u"n"_s, u"hlc"_s, u"created_at"_s, u"flag"_s })
        EXPECT_EQ(first.field(key), full.value(key)) << key.toStdString();
    EXPECT_TRUE(first.field(u"nested"_s).isNull());
    EXPECT_TRUE(first.field(u"none"_s).isNull());
    EXPECT_TRUE(first.field(u"absent"_s).isUndefined());
    EXPECT_EQ(read->changes.at(0).hlcsText, R"({"name":"0193a0000002-0000"})");
    EXPECT_EQ(read->changes.at(2).field(u"year"_s).toInt(), 2026);
    // Escaped keys and white space anywhere between tokens read the same.
    const auto spaced = sync::readPullPage(
        " {\n\"chan\\u0067es\" : [ { \"entity\" : \"plan\" , \"id\":\"p\\u002d1\", \"fields\" : "
        "{ \"y\\u0065ar\" : 2026 } } ] ,\t\"cursor\":\"c\" }\r\n");
    ASSERT_TRUE(spaced.ok()) << spaced.error().message.toStdString();
    ASSERT_EQ(spaced->changes.size(), 1);
    EXPECT_EQ(spaced->changes.at(0).id, u"p-1"_s);
    EXPECT_EQ(spaced->changes.at(0).field(u"year"_s).toInt(), 2026);
    EXPECT_FALSE(spaced->hasMore);
}

TEST(PullPageTest, EveryTruncationOfAPageIsRefusedAsCut)
{
    const QByteArray text = compact(page());
    for (qsizetype cut = 0; cut < text.size(); ++cut) {
        const auto r = sync::readPullPage(text.first(cut));
        ASSERT_FALSE(r.ok()) << cut;
        EXPECT_EQ(r.error().code, Cut) << cut << " " << r.error().message.toStdString();
    }
}

TEST(PullPageTest, WrongTypesAreRefusedWithTheirPlace)
{
    for (const char* text :
        { "[]", "\"page\"", R"({"changes":{},"cursor":"c"})", R"({"changes":[1],"cursor":"c"})",
            R"({"changes":[],"cursor":5})", R"({"changes":[],"cursor":"c","has_more":"yes"})",
            R"({"changes":[],"cursor":"c","resets":"hazard"})",
            R"({"changes":[{"entity":"plan","id":"p","fields":[]}],"cursor":"c"})",
            R"({"changes":[{"entity":"plan","id":"p","versions":"v"}],"cursor":"c"})",
            R"({"changes":[{"entity":7,"id":"p"}],"cursor":"c"})",
            R"({"changes":[{"id":"p"}],"cursor":"c"})", R"({"cursor":"c"})", R"({"changes":[]})" })
        EXPECT_EQ(refusal(text), Malformed) << text;
    const auto r = sync::readPullPage(R"({"changes":[],"cursor":"c","has_more":1})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, u"a boolean was expected at byte 38"_s);
}

TEST(PullPageTest, RepeatedKeysAreRefusedAtEveryLevel)
{
    for (const char* text :
        { R"({"changes":[],"cursor":"c","cursor":"d"})",
            R"({"changes":[{"entity":"plan","entity":"hazard","id":"p"}],"cursor":"c"})",
            R"({"changes":[{"entity":"plan","id":"p","fields":{"year":1,"year":2}}],"cursor":"c"})",
            R"({"changes":[{"entity":"plan","id":"p","fields":{"a":{"b":1,"b":1}}}],"cursor":"c"})",
            R"({"changes":[],"cursor":"c","x":{"k":1,"\u006b":2}})" })
        EXPECT_EQ(refusal(text), Malformed) << text;
    // Many distinct keys in one object read (the check switches to a hash).
    QByteArray wide = R"({"changes":[{"entity":"plan","id":"p","fields":{)";
    for (int i = 0; i < 2000; ++i)
        wide += (i ? ",\"k" : "\"k") + QByteArray::number(i) + "\":" + QByteArray::number(i);
    const QByteArray widePage = wide + R"(}}],"cursor":"c"})";
    EXPECT_TRUE(refusal(widePage).isEmpty());
    EXPECT_EQ(refusal(wide + R"(,"k1999":0}}],"cursor":"c"})"), Malformed);
}

TEST(PullPageTest, NumbersOutsideTheGrammarOrARangeAreRefused)
{
    auto withYear = [](const char* year) {
        return QByteArray(R"({"changes":[{"entity":"plan","id":"p","fields":{"year":)") + year
            + R"(}}],"cursor":"c"})";
    };
    for (const char* ok :
        { "0", "-0", "2026", "-12.5e3", "1E+2", "1e-400", "123456789012345678901" })
        EXPECT_TRUE(refusal(withYear(ok)).isEmpty()) << ok;
    for (const char* bad : { "1e400", "-1e309", "01", "+1", ".5", "1.", "1e", "0x10", "NaN",
             "Infinity", "1.5.2", "--1" })
        EXPECT_EQ(refusal(withYear(bad)), Malformed) << bad;
    const auto huge = sync::readPullPage(withYear("1e400"));
    EXPECT_TRUE(huge.error().message.startsWith(u"a number beyond the range of a double"_s))
        << huge.error().message.toStdString();
}

TEST(PullPageTest, InvalidUtf8BadEscapesAndControlCharactersAreRefused)
{
    auto withName = [](const QByteArray& name) {
        return QByteArray(R"({"changes":[{"entity":"plan","id":"p","fields":{"name":")") + name
            + R"("}}],"cursor":"c"})";
    };
    EXPECT_TRUE(refusal(withName("\xe4\xb8\xad\xf0\x9f\x9a\xa7 \\ud83d\\udea7")).isEmpty());
    for (const QByteArray& bad : { QByteArray("\xff"), QByteArray("\xc0\xaf"), // overlong '/'
             QByteArray("\xe0\x80\xaf"), QByteArray("\xed\xa0\x80"), // UTF-8 surrogate
             QByteArray("\xf4\x90\x80\x80"), // beyond U+10FFFF
             QByteArray("\xe4\xb8"), QByteArray("\x80"), QByteArray("a\tb"), QByteArray("a\nb"),
             QByteArray("\\x41"), QByteArray("\\u12G4"), QByteArray("\\ud83d"),
             QByteArray("\\ud83dx"), QByteArray("\\udea7"), QByteArray("\\ud83d\\u0041") })
        EXPECT_EQ(refusal(withName(bad)), Malformed) << bad.toHex().toStdString();
    // In a key, in an unknown member and in the cursor too.
    EXPECT_EQ(refusal("{\"changes\":[],\"cursor\":\"c\xff\"}"), Malformed);
    EXPECT_EQ(refusal("{\"changes\":[],\"cursor\":\"c\",\"x\xfe\":1}"), Malformed);
    EXPECT_EQ(refusal("{\"changes\":[],\"cursor\":\"c\",\"x\":[\"\xc3\"]}"), Malformed);
}

TEST(PullPageTest, LiteralsNestingAndTextAfterThePageAreChecked)
{
    EXPECT_EQ(refusal(R"({"changes":[],"cursor":"c","x":tru})"), Malformed);
    EXPECT_EQ(refusal(R"({"changes":[],"cursor":"c","x":nul})"), Malformed);
    EXPECT_EQ(refusal(R"({"changes":[],"cursor":"c","x":[1,]})"), Malformed);
    EXPECT_EQ(refusal(R"({"changes":[],"cursor":"c",})"), Malformed);
    EXPECT_EQ(refusal(R"({"changes":[],"cursor":"c"}{})"), Malformed);
    EXPECT_EQ(refusal(R"({"changes":[],"cursor":"c"} x)"), Malformed);
    EXPECT_EQ(refusal(R"({'changes':[],"cursor":"c"})"), Malformed);
    const QByteArray deep = QByteArray(600, '[') + QByteArray(600, ']');
    EXPECT_EQ(refusal(R"({"changes":[],"cursor":"c","x":)" + deep + "}"), Malformed);
    const QByteArray fine = QByteArray(100, '[') + QByteArray(100, ']');
    EXPECT_TRUE(refusal(R"({"changes":[],"cursor":"c","x":)" + fine + "}").isEmpty());
}

TEST(PullPageTest, TheNewestHlcIsReadFromTheHlcsTextAsQtWouldCompareIt)
{
    // Values with escapes, beyond the BMP, of other types, and keys written with escapes: the
    // greatest string value as a QJsonObject's values compare, or the given floor.
    const QJsonObject hlcs { { u"name"_s, u"0193a0000002-0000"_s },
        { u"addr\"ess"_s, u"0193a0000009-0001"_s }, { u"lat"_s, 31.25 },
        { u"none"_s, QJsonValue::Null }, { u"nested"_s, QJsonObject { { u"x"_s, u"zz"_s } } },
        { u"note"_s, u"0193a0000009-0000\n"_s }, { u"\u4e2d"_s, u"0193a0000003-0000"_s } };
    const QByteArray text = R"({"changes":[{"entity":"enterprise","id":"e","fields":{"hlcs":)"
        + compact(hlcs) + R"(}},{"entity":"plan","id":"p","fields":{"hlcs":{}}},)"
        + R"({"entity":"plan","id":"q","fields":{"hlcs":"not an object"}},)"
        + R"({"entity":"plan","id":"r","fields":{"hlcs":{"a":"\ud83d\ude00","b":"\ue000"}}}],)"
        + R"("cursor":"c"})";
    const auto read = sync::readPullPage(text);
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    const QList<sync::PulledChange>& c = read->changes;
    ASSERT_EQ(c.size(), 4);
    // What parsing the text with Qt gives.
    const auto qtNewest = [](const sync::PulledChange& change, QString best) {
        const QJsonObject o = change.fields().value(u"hlcs"_s).toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            best = std::max(best, it.value().toString());
        return best;
    };
    EXPECT_EQ(c[0].newestHlc({}), u"0193a0000009-0001"_s);
    EXPECT_EQ(c[0].newestHlc(u"0193a000000a-0000"_s), u"0193a000000a-0000"_s);
    EXPECT_EQ(c[1].newestHlc(u"0193a0000001-0000"_s), u"0193a0000001-0000"_s);
    EXPECT_EQ(c[2].newestHlc(u"h"_s), u"h"_s);
    // A surrogate pair compares below U+E000..U+FFFF in UTF-16, as QString does.
    EXPECT_EQ(c[3].newestHlc({}), u"\ue000"_s);
    EXPECT_EQ(c[3].newestHlc(u"\u00e9"_s), u"\ue000"_s);
    EXPECT_EQ(c[3].newestHlc(u"\uffff"_s), u"\uffff"_s);
    for (const auto& change : c)
        for (const QString& floor : { QString(), u"0193a0000005-0000"_s, u"\uffff"_s })
            EXPECT_EQ(change.newestHlc(floor), qtNewest(change, floor)) << change.id.toStdString();
}

TEST(PullPageTest, LongIntegersAreRefusedOnlyBeyondTheRangeOfADouble)
{
    // Integers of 308 digits are finite doubles; of 309 digits (from 1e308 up) finite below
    // ~1.8e308 and infinite above it, which the reader must still convert to tell apart.
    auto withYear = [](const QByteArray& year) {
        return QByteArray(R"({"changes":[{"entity":"plan","id":"p","fields":{"year":)") + year
            + R"(}}],"cursor":"c"})";
    };
    EXPECT_TRUE(refusal(withYear(QByteArray(308, '9'))).isEmpty());
    EXPECT_TRUE(refusal(withYear("-" + QByteArray(308, '9') + ".5")).isEmpty());
    EXPECT_TRUE(refusal(withYear("17" + QByteArray(307, '0'))).isEmpty());
    EXPECT_EQ(refusal(withYear("18" + QByteArray(307, '0'))), Malformed);
    EXPECT_EQ(refusal(withYear("-" + QByteArray(309, '9'))), Malformed);
    EXPECT_EQ(refusal(withYear(QByteArray(400, '1') + ".0")), Malformed);
}
