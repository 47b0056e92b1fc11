// sync::changeTexts: finding each pull change's fields/versions text in a page without parsing.
#include "sync/pagetext.h"

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
        { u"note"_s, u"line\nbreak\ttab \u00e9\u4e2d"_s },
        { u"nested"_s,
            QJsonObject {
                { u"list"_s, QJsonArray { 1, u"}]"_s, QJsonObject { { u"x"_s, true } } } } } },
        { u"empty"_s, QJsonObject {} }, { u"n"_s, -12.5e3 }, { u"none"_s, QJsonValue::Null } };
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
    return { { u"changes"_s, changes }, { u"cursor"_s, u"c2wxOjM"_s }, { u"has_more"_s, false },
        { u"resets"_s, QJsonArray {} } };
}

} // namespace

TEST(ChangeTextsTest, EachChangesTextIsExactlyTheCompactTextOfItsParsedFieldsAndVersions)
{
    const QByteArray text = compact(page());
    const auto texts = sync::changeTexts(text);
    ASSERT_TRUE(texts.has_value());
    const QJsonArray changes = QJsonDocument::fromJson(text).object().value(u"changes"_s).toArray();
    ASSERT_EQ(texts->size(), changes.size());
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QJsonObject c = changes.at(i).toObject();
        if (c.contains(u"fields"_s)) {
            EXPECT_EQ(texts->at(i).fields.toByteArray(), compact(c.value(u"fields"_s).toObject()))
                << i;
            EXPECT_EQ(
                texts->at(i).versions.toByteArray(), compact(c.value(u"versions"_s).toObject()))
                << i;
        } else {
            EXPECT_TRUE(texts->at(i).fields.isEmpty()) << i;
            EXPECT_TRUE(texts->at(i).versions.isEmpty()) << i;
        }
    }
}

TEST(ChangeTextsTest, WhiteSpaceAndKeyOrderOfTheServerDoNotMatter)
{
    const QByteArray text = QJsonDocument(page()).toJson(QJsonDocument::Indented);
    const auto texts = sync::changeTexts(text);
    ASSERT_TRUE(texts.has_value());
    ASSERT_EQ(texts->size(), 3);
    EXPECT_EQ(QJsonDocument::fromJson(texts->at(0).fields.toByteArray()).object(),
        page().value(u"changes"_s).toArray().at(0).toObject().value(u"fields"_s).toObject());
    const QJsonDocument versions = QJsonDocument::fromJson(texts->at(2).versions.toByteArray());
    EXPECT_TRUE(versions.isObject());
    EXPECT_TRUE(versions.object().isEmpty());
    const auto reordered = sync::changeTexts(
        R"({"resets":[],"changes":[{"versions":{"a":1},"id":"x","fields":{"a":"}"}}],"x":1})");
    ASSERT_TRUE(reordered.has_value());
    ASSERT_EQ(reordered->size(), 1);
    EXPECT_EQ(reordered->at(0).fields.toByteArray(), R"({"a":"}"})");
    EXPECT_EQ(reordered->at(0).versions.toByteArray(), R"({"a":1})");
}

TEST(ChangeTextsTest, TextThatIsNotAPageGivesNothingRatherThanWrongSlices)
{
    const QByteArray text = compact(page());
    // Every truncation of a real page is refused.
    for (qsizetype cut = 0; cut < text.size(); ++cut)
        EXPECT_FALSE(sync::changeTexts(QByteArrayView(text).first(cut)).has_value()) << cut;
    EXPECT_FALSE(sync::changeTexts("[]").has_value());
    EXPECT_FALSE(sync::changeTexts(R"({"changes":{}})").has_value());
    EXPECT_FALSE(sync::changeTexts(R"({"changes":[1]})").has_value());
    EXPECT_FALSE(sync::changeTexts(R"({"changes":[{"fields":}]})").has_value());
    EXPECT_FALSE(sync::changeTexts(R"({"changes":[{"fields":"a\"}]})").has_value());
    // A page without changes has no list to line up with.
    EXPECT_FALSE(sync::changeTexts(R"({"cursor":"x"})").has_value());
    const auto empty = sync::changeTexts(R"({"changes":[],"cursor":"x"})");
    ASSERT_TRUE(empty.has_value());
    EXPECT_TRUE(empty->isEmpty());
}
