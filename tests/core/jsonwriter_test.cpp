#include "core/jsonwriter.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

using namespace Qt::StringLiterals;
using safeloop::core::appendCompactJson;
using safeloop::core::compactJson;

namespace {

QByteArray qtCompact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray qtCompact(const QJsonArray& a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

/// `v` written by both writers inside a one-element array.
void expectSameValue(const QJsonValue& v)
{
    const QJsonArray a { v };
    EXPECT_EQ(compactJson(a), qtCompact(a));
    QByteArray out("[");
    appendCompactJson(out, v);
    out += ']';
    EXPECT_EQ(out, qtCompact(a));
}

QString fromUnits(std::initializer_list<char16_t> units)
{
    QString s;
    for (char16_t u : units)
        s.append(QChar(u));
    return s;
}

/// Random JSON values from a fixed seed: text drawn from every class of UTF-16 unit the writer
/// treats apart, integers and doubles of every magnitude, containers nested and empty.
class Generator {
public:
    explicit Generator(std::uint64_t seed)
        : m_random(seed)
    {
    }

    std::uint64_t bits() { return m_random(); }
    int below(int n) { return static_cast<int>(m_random() % static_cast<std::uint64_t>(n)); }

    char16_t unit()
    {
        switch (below(12)) {
        case 0:
            return static_cast<char16_t>(below(0x20)); // control characters
        case 1: {
            static constexpr char16_t special[] = { u'"', u'\\', u'/', 0x7f, u'\'', u'<' };
            return special[below(6)];
        }
        case 2:
            return static_cast<char16_t>(0x80 + below(0x780)); // two UTF-8 bytes
        case 3:
            return static_cast<char16_t>(0x800 + below(0xd800 - 0x800)); // three bytes
        case 4:
            return static_cast<char16_t>(0xd800 + below(0x400)); // high surrogate, maybe lone
        case 5:
            return static_cast<char16_t>(0xdc00 + below(0x400)); // low surrogate, maybe lone
        case 6: {
            static constexpr char16_t edge[]
                = { 0xe000, 0xfdd0, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x4e2d, 0x9690 };
            return edge[below(8)];
        }
        default:
            return static_cast<char16_t>(0x20 + below(0x5f)); // printable ASCII
        }
    }

    QString text()
    {
        QString s;
        const int n = below(4) == 0 ? 0 : below(24);
        for (int i = 0; i < n; ++i) {
            if (below(8) == 0) { // an astral character as a proper pair
                const char32_t c = 0x10000 + static_cast<char32_t>(below(0x100000));
                s.append(QChar(QChar::highSurrogate(c)));
                s.append(QChar(QChar::lowSurrogate(c)));
            } else {
                s.append(QChar(unit()));
            }
        }
        return s;
    }

    qint64 integer()
    {
        static constexpr qint64 edge[] = { 0, 1, -1, (qint64(1) << 53), -(qint64(1) << 53),
            (qint64(1) << 53) + 1, -(qint64(1) << 53) - 1, std::numeric_limits<qint64>::max(),
            std::numeric_limits<qint64>::min(), 100000, 1000000000000000, 2147483648 };
        switch (below(3)) {
        case 0:
            return edge[below(12)];
        case 1:
            return static_cast<qint64>(bits()) >> below(64); // every magnitude
        default:
            return below(2000) - 1000;
        }
    }

    double real()
    {
        static constexpr double edge[] = { 0.0, -0.0, 1e300, -1e300, 5e-324, -5e-324, 1e-7, 0.1,
            0.5, 1.0, 100000.0, 1e15, 1e16, 1e21, 123456789012345680000.0, 9007199254740992.0,
            1152921504606846976.0, std::numeric_limits<double>::max(),
            std::numeric_limits<double>::min(), std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN() };
        switch (below(4)) {
        case 0:
            return edge[below(22)];
        case 1: { // any bit pattern: subnormals, NaNs and infinities included
            const std::uint64_t b = bits();
            double d;
            std::memcpy(&d, &b, sizeof d);
            return d;
        }
        case 2:
            return static_cast<double>(below(1000000)) / std::pow(10.0, below(12));
        default:
            return std::ldexp(static_cast<double>(below(1 << 20)) - (1 << 19), below(200) - 100);
        }
    }

    QJsonValue value(int depth)
    {
        switch (below(depth > 0 ? 9 : 7)) {
        case 0:
            return QJsonValue();
        case 1:
            return QJsonValue(below(2) == 0);
        case 2:
            return QJsonValue(integer());
        case 3:
            return QJsonValue(real());
        case 4:
            return QJsonValue(static_cast<int>(below(100)));
        case 5:
        case 6:
            return QJsonValue(text());
        case 7:
            return object(depth - 1);
        default:
            return array(depth - 1);
        }
    }

    QJsonObject object(int depth)
    {
        QJsonObject o;
        const int n = below(3) == 0 ? 0 : below(10);
        for (int i = 0; i < n; ++i)
            o.insert(text(), value(depth));
        return o;
    }

    QJsonArray array(int depth)
    {
        QJsonArray a;
        const int n = below(3) == 0 ? 0 : below(10);
        for (int i = 0; i < n; ++i)
            a.append(below(20) == 0 ? QJsonValue(QJsonValue::Undefined) : value(depth));
        return a;
    }

private:
    std::mt19937_64 m_random;
};

} // namespace

TEST(JsonWriterTest, EmptyContainers)
{
    EXPECT_EQ(compactJson(QJsonObject()), "{}");
    EXPECT_EQ(compactJson(QJsonArray()), "[]");
    const QJsonObject nested { { u"a"_s, QJsonObject() }, { u"b"_s, QJsonArray() } };
    EXPECT_EQ(compactJson(nested), qtCompact(nested));
    EXPECT_EQ(compactJson(nested), R"({"a":{},"b":[]})");
}

TEST(JsonWriterTest, MembersInTheOrderTheObjectIteratesThem)
{
    const QJsonObject o { { u"zeta"_s, 1 }, { u"alpha"_s, u"x"_s }, { u"Mid"_s, true },
        { QString(), QJsonValue() }, { u"\u00e9"_s, false } };
    EXPECT_EQ(compactJson(o), qtCompact(o));
}

TEST(JsonWriterTest, EscapesEveryControlCharacterQuoteAndBackslash)
{
    for (char16_t u = 0; u < 0x80; ++u) {
        const QString s = u"a"_s + QChar(u) + u"b"_s;
        const QJsonObject o { { s, s } };
        EXPECT_EQ(compactJson(o), qtCompact(o)) << "unit " << int(u);
    }
    EXPECT_EQ(compactJson(QJsonArray { u"\"\\/\b\f\n\r\t\u0001\u001f"_s }),
        R"(["\"\\/\b\f\n\r\t\u0001\u001f"])");
}

TEST(JsonWriterTest, WritesTextAsUtf8)
{
    const QJsonArray a { u"隐患 café ℃ \u07ff\u0800\uffff"_s, u"😀 \U0010FFFF \U00010000"_s };
    EXPECT_EQ(compactJson(a), qtCompact(a));
    EXPECT_EQ(
        compactJson(QJsonArray { u"隐患😀"_s }), "[\"\xe9\x9a\x90\xe6\x82\xa3\xf0\x9f\x98\x80\"]");
}

TEST(JsonWriterTest, WritesLoneSurrogatesAsQtDoes)
{
    const QList<QString> cases { fromUnits({ 0xd800 }), fromUnits({ 0xdc00 }),
        fromUnits({ u'a', 0xd83d }), fromUnits({ 0xd83d, u'a' }), fromUnits({ 0xde00, 0xd83d }),
        fromUnits({ 0xd83d, 0xd83d, 0xde00 }), fromUnits({ 0xdbff, 0xdfff, 0xdfff }) };
    for (const QString& s : cases) {
        const QJsonObject o { { s, s } };
        EXPECT_EQ(compactJson(o), qtCompact(o)) << s.toStdU16String().size();
    }
    EXPECT_EQ(compactJson(QJsonArray { fromUnits({ 0xd83d, u'a' }) }), R"(["\ud83da"])");
}

TEST(JsonWriterTest, IntegersAndDoublesAsQtWritesThem)
{
    const QList<QJsonValue> values { 0, -1, 100000, qint64(1) << 53, (qint64(1) << 53) + 1,
        -(qint64(1) << 62), std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min(),
        0.0, -0.0, 1.0, 100000.0, 0.1, -2.5, 1e15, 1e16, 1e21, 1e300, 5e-324, 1e-7,
        9007199254740993.0, 1152921504606846976.0, std::numeric_limits<double>::max(),
        std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity() };
    for (const QJsonValue& v : values)
        expectSameValue(v);
    // A whole number held as an integer and the same number held as a double (QJsonValue keeps
    // whole doubles up to 2^53 as integers) are written differently.
    EXPECT_EQ(compactJson(QJsonArray { qint64(10000000000000000), 1e16, 100000.0, -0.0 }),
        "[10000000000000000,1e+16,100000,0]");
    EXPECT_EQ(compactJson(QJsonArray { std::numeric_limits<double>::quiet_NaN() }), "[null]");
}

TEST(JsonWriterTest, NumbersReadFromTextAsQtWritesThem)
{
    const QByteArray text = R"([0,-0,1,-1,1.0,1e5,100000,9007199254740992,9007199254740993,)"
                            R"(-9223372036854775808,9223372036854775807,18446744073709551616,)"
                            R"(1e300,5e-324,0.1,123456789.125,-0.0,1E-7])";
    const QJsonArray a = QJsonDocument::fromJson(text).array();
    ASSERT_EQ(a.size(), 18);
    EXPECT_EQ(compactJson(a), qtCompact(a));
    EXPECT_EQ(compactJson(QJsonDocument::fromJson(qtCompact(a)).array()), qtCompact(a));
}

TEST(JsonWriterTest, UndefinedInsideAnArrayIsNull)
{
    const QJsonArray a { QJsonValue(QJsonValue::Undefined), QJsonValue(), 1 };
    EXPECT_EQ(compactJson(a), qtCompact(a));
    EXPECT_EQ(compactJson(a), "[null,null,1]");
}

TEST(JsonWriterTest, DeepNesting)
{
    QJsonValue v = u"core"_s;
    for (int depth = 0; depth < 200; ++depth)
        v = depth % 2 == 0 ? QJsonValue(QJsonArray { v, depth })
                           : QJsonValue(QJsonObject { { u"d"_s, v }, { u"n"_s, depth } });
    expectSameValue(v);
}

TEST(JsonWriterTest, AppendsAfterWhatTheBufferHolds)
{
    const QJsonObject o { { u"k"_s, u"\u4e2d\n"_s } };
    QByteArray out("prefix ");
    appendCompactJson(out, o);
    appendCompactJson(out, QJsonArray { 1, 2.5 });
    EXPECT_EQ(out, "prefix " + qtCompact(o) + "[1,2.5]");
}

/// The generated set: byte-identical with the document writer for every object and array.
TEST(JsonWriterTest, SameBytesAsQtOnGeneratedValues)
{
    Generator g(20261205);
    qsizetype bytes = 0;
    for (int i = 0; i < 4000; ++i) {
        const QJsonObject o = g.object(1 + i % 6);
        const QByteArray expected = qtCompact(o);
        ASSERT_EQ(compactJson(o), expected) << "object " << i;
        const QJsonArray a = g.array(1 + i % 6);
        ASSERT_EQ(compactJson(a), qtCompact(a)) << "array " << i;
        bytes += expected.size();
    }
    // The set is not trivially small.
    EXPECT_GT(bytes, 400000);
}
