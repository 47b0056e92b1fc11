// core::RecordWriter (the batched pull-apply path) against core::storeRecord, on real SQLite.
#include "core/database.h"
#include "core/mutation.h"
#include "core/schema.h"
#include "sync/pullpage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;

namespace {

const QStringList Tables { u"enterprises"_s, u"templates"_s, u"inspections"_s, u"answers"_s,
    u"hazards"_s, u"rectification_events"_s, u"comments"_s, u"attachments"_s, u"plans"_s };

/// An enterprise record as pull ships it, created and last changed at `at`.
core::StoredRecord enterprise(const QString& uscc, const QString& name, const QString& street,
    const QString& riskGrade, const QString& at, const QJsonObject& versions)
{
    return { u"enterprise"_s, uscc,
        { { u"uscc"_s, uscc }, { u"name"_s, name }, { u"street"_s, street },
            { u"risk_grade"_s, riskGrade }, { u"created_at"_s, at }, { u"updated_at"_s, at } },
        versions, false };
}

/// A page as pull ships it: every entity kind, a record sent twice (the later copy wins), a
/// hazard carrying the derived `overdue` flag, and records without `updated_at`.
QList<core::StoredRecord> page()
{
    const QString at = u"2026-11-25T08:30:00.123Z"_s;
    const QString later = u"2026-11-26T09:00:00.000Z"_s;
    QList<core::StoredRecord> out;
    out.append(enterprise(u"91220101MA00000017"_s, u"Acme Stamping"_s, u"North"_s, u"orange"_s, at,
        { { u"name"_s, 1 }, { u"street"_s, 1 } }));
    out.append({ u"template"_s, u"fire-basic@2"_s,
        { { u"code"_s, u"fire-basic"_s }, { u"version"_s, 2 }, { u"created_at"_s, at },
            { u"updated_at"_s, at } },
        {}, false });
    out.append({ u"inspection"_s, u"0193a000-0000-7000-8000-000000000001"_s,
        { { u"enterprise_id"_s, u"91220101MA00000017"_s }, { u"started_at"_s, at },
            { u"status"_s, u"in_progress"_s }, { u"created_at"_s, at } },
        { { u"status"_s, 2 } }, false });
    out.append({ u"answer"_s, u"0193a000-0000-7000-8000-000000000002"_s,
        { { u"inspection_id"_s, u"0193a000-0000-7000-8000-000000000001"_s },
            { u"item_code"_s, u"F-01"_s }, { u"result"_s, u"fail"_s }, { u"created_at"_s, at },
            { u"updated_at"_s, later } },
        { { u"result"_s, 3 } }, false });
    out.append({ u"hazard"_s, u"0193a000-0000-7000-8000-000000000003"_s,
        { { u"enterprise_id"_s, u"91220101MA00000017"_s }, { u"status"_s, u"open"_s },
            { u"level"_s, u"major"_s }, { u"deadline"_s, u"2026-11-20"_s }, { u"overdue"_s, true },
            { u"description"_s, u"Guard missing"_s }, { u"attachments"_s, QJsonArray { u"ab"_s } },
            { u"created_at"_s, at }, { u"updated_at"_s, at } },
        { { u"description"_s, 1 } }, false });
    out.append({ u"hazard"_s, u"0193a000-0000-7000-8000-000000000004"_s,
        { { u"enterprise_id"_s, u"91220101MA00000017"_s }, { u"status"_s, u"open"_s },
            { u"level"_s, u"general"_s }, { u"deadline"_s, u"2026-12-20"_s },
            { u"inspection_id"_s, u"0193a000-0000-7000-8000-000000000001"_s },
            { u"created_at"_s, at }, { u"updated_at"_s, at } },
        {}, true });
    out.append({ u"rectification_event"_s, u"0193a000-0000-7000-8000-000000000005"_s,
        { { u"hazard_id"_s, u"0193a000-0000-7000-8000-000000000003"_s }, { u"kind"_s, u"submit"_s },
            { u"note"_s, u"Guard refitted"_s }, { u"created_at"_s, later } },
        {}, false });
    out.append({ u"comment"_s, u"0193a000-0000-7000-8000-000000000006"_s,
        { { u"record_id"_s, u"0193a000-0000-7000-8000-000000000003"_s },
            { u"text"_s, u"Photo attached"_s }, { u"created_at"_s, at } },
        {}, false });
    out.append({ u"attachment"_s, QString(64, u'a'),
        { { u"mime"_s, u"image/jpeg"_s }, { u"size"_s, 123456 }, { u"created_at"_s, at } }, {},
        false });
    out.append({ u"plan"_s, u"plan-2026"_s,
        { { u"year"_s, 2026 }, { u"created_at"_s, at }, { u"updated_at"_s, at } }, {}, false });
    // The enterprise again, changed: an upsert keeps created_at and replaces the rest.
    out.append({ u"enterprise"_s, u"91220101MA00000017"_s,
        { { u"uscc"_s, u"91220101MA00000017"_s }, { u"name"_s, u"Acme Stamping Ltd"_s },
            { u"street"_s, u"South"_s }, { u"risk_grade"_s, u"red"_s }, { u"created_at"_s, later },
            { u"updated_at"_s, later } },
        { { u"name"_s, 2 }, { u"street"_s, 2 } }, false });
    return out;
}

class RecordWriterTest : public ::testing::Test {
protected:
    QSqlDatabase open(const QString& name)
    {
        auto db = core::openSqlite(m_dir.filePath(name + u".db"_s), name);
        EXPECT_TRUE(db.ok());
        EXPECT_TRUE(core::migrateSchema(db.value()).ok());
        m_names << name;
        return db.value();
    }

    void TearDown() override
    {
        for (const auto& n : std::as_const(m_names))
            core::closeDatabase(n);
    }

    /// Every row of each of `tables` (the record tables unless named), column by column, in id
    /// order; with `typed`, each value's type before it (a "" and a 0 are told apart).
    static QStringList dump(
        QSqlDatabase& db, const QStringList& tables = Tables, bool typed = false)
    {
        QStringList out;
        for (const auto& t : tables) {
            QSqlQuery q(db);
            EXPECT_TRUE(q.exec(u"SELECT * FROM %1 ORDER BY id"_s.arg(t)));
            while (q.next()) {
                QStringList row { t };
                for (int c = 0; c < q.record().count(); ++c) {
                    const QVariant v = q.value(c);
                    const QString type = typed && !v.isNull()
                        ? QString::fromLatin1(v.typeName()) + u':'
                        : QString();
                    row << q.record().fieldName(c) + u'='
                            + (v.isNull() ? u"NULL"_s : type + v.toString());
                }
                out << row.join(u" | "_s);
            }
        }
        return out;
    }

    QTemporaryDir m_dir;
    QStringList m_names;
};

} // namespace

TEST_F(RecordWriterTest, APageWrittenThroughReusedStatementsGivesTheSameRowsAsStoreRecord)
{
    QSqlDatabase one = open(u"one_by_one"_s);
    QSqlDatabase batched = open(u"batched"_s);
    ASSERT_TRUE(one.transaction());
    for (const auto& r : page())
        ASSERT_TRUE(core::storeRecord(one, r).ok()) << r.entity.toStdString();
    ASSERT_TRUE(one.commit());
    ASSERT_TRUE(batched.transaction());
    {
        core::RecordWriter writer(batched);
        for (const auto& r : page())
            ASSERT_TRUE(writer.store(r).ok()) << r.entity.toStdString();
    }
    ASSERT_TRUE(batched.commit());

    const QStringList expected = dump(one);
    EXPECT_EQ(expected.size(), 10); // 11 records, one of them twice
    EXPECT_EQ(dump(batched).join(u'\n').toStdString(), expected.join(u'\n').toStdString());
    // The derived flag is never stored; the later copy of the enterprise won, created_at kept.
    EXPECT_FALSE(expected.join(u'\n').contains(u"overdue"_s));
    QSqlQuery q(batched);
    ASSERT_TRUE(q.exec(u"SELECT street, created_at, doc FROM enterprises"_s) && q.next());
    EXPECT_EQ(q.value(0).toString(), u"South"_s);
    EXPECT_EQ(q.value(1).toString(), u"2026-11-25T08:30:00.123Z"_s);
    EXPECT_TRUE(q.value(2).toString().contains(u"Acme Stamping Ltd"_s));
}

TEST_F(RecordWriterTest, AnUnknownEntityIsRefusedAndWritesNothing)
{
    QSqlDatabase db = open(u"unknown"_s);
    core::RecordWriter writer(db);
    const auto r
        = writer.store({ u"spaceship"_s, u"x-1"_s, { { u"name"_s, u"Nope"_s } }, {}, false });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"unknown_entity"_s);
    EXPECT_TRUE(dump(db).isEmpty());
}

TEST_F(RecordWriterTest, AFailingRowReportsTheSqlErrorAndTheWriterKeepsWorking)
{
    QSqlDatabase db = open(u"failing"_s);
    core::RecordWriter writer(db);
    // An answer whose inspection is unknown breaks the foreign key.
    const auto bad = writer.store({ u"answer"_s, u"a-1"_s,
        { { u"inspection_id"_s, u"missing"_s }, { u"item_code"_s, u"F-01"_s } }, {}, false });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, u"sql_error"_s);
    ASSERT_TRUE(writer
                    .store({ u"inspection"_s, u"i-1"_s,
                        { { u"enterprise_id"_s, u"e"_s }, { u"started_at"_s, u"t"_s },
                            { u"status"_s, u"in_progress"_s } },
                        {}, false })
                    .ok());
    ASSERT_TRUE(
        writer
            .store({ u"answer"_s, u"a-1"_s,
                { { u"inspection_id"_s, u"i-1"_s }, { u"item_code"_s, u"F-01"_s } }, {}, false })
            .ok());
    EXPECT_EQ(dump(db).size(), 2);
}

TEST_F(RecordWriterTest, BindingThePagesTextGivesTheSameRowsAsSerialisingTheRecord)
{
    // The text a page carries for each record: Qt's compact JSON, as the server stores it.
    auto text
        = [](const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    QSqlDatabase one = open(u"serialised"_s);
    QSqlDatabase fast = open(u"from_text"_s);
    ASSERT_TRUE(one.transaction());
    for (const auto& r : page())
        ASSERT_TRUE(core::storeRecord(one, r).ok()) << r.entity.toStdString();
    ASSERT_TRUE(one.commit());
    ASSERT_TRUE(fast.transaction());
    {
        core::RecordWriter writer(fast);
        // Records with `overdue` or without `updated_at` fall back to serialising; the rest bind
        // the text as it is.
        for (const auto& r : page())
            ASSERT_TRUE(writer.store(r, text(r.fields), text(r.versions)).ok())
                << r.entity.toStdString();
    }
    ASSERT_TRUE(fast.commit());
    const QStringList expected = dump(one);
    EXPECT_EQ(expected.size(), 10);
    EXPECT_EQ(dump(fast).join(u'\n').toStdString(), expected.join(u'\n').toStdString());
    EXPECT_FALSE(dump(fast).join(u'\n').contains(u"overdue"_s));
}

TEST_F(RecordWriterTest, TheTextPathStoresTheGivenTextAndThePromotedColumnsOfTheFields)
{
    QSqlDatabase db = open(u"text"_s);
    const QString at = u"2026-11-25T08:30:00.123Z"_s;
    const core::StoredRecord r = enterprise(u"91220101MA00000017"_s, u"Acme \"Press\" Works"_s,
        u"North"_s, u"red"_s, at, { { u"name"_s, 4 } });
    const QByteArray fields = QJsonDocument(r.fields).toJson(QJsonDocument::Compact);
    core::RecordWriter writer(db);
    ASSERT_TRUE(writer.store(r, fields, "{\"name\":4}").ok());
    QSqlQuery q(db);
    ASSERT_TRUE(q.exec(u"SELECT doc, versions, hlcs, street, risk_grade, created_at, updated_at, "
                       u"deleted FROM enterprises"_s)
        && q.next());
    EXPECT_EQ(q.value(0).toString(), QString::fromUtf8(fields));
    EXPECT_EQ(q.value(1).toString(), u"{\"name\":4}"_s);
    EXPECT_EQ(q.value(2).toString(), u"{}"_s);
    EXPECT_EQ(q.value(3).toString(), u"North"_s);
    EXPECT_EQ(q.value(4).toString(), u"red"_s);
    EXPECT_EQ(q.value(5).toString(), at);
    EXPECT_EQ(q.value(6).toString(), at);
    EXPECT_EQ(q.value(7).toInt(), 0);
    // Stored as text (JSON functions work on it), not as a blob.
    QSqlQuery j(db);
    ASSERT_TRUE(
        j.exec(u"SELECT json_extract(doc, '$.name'), typeof(doc) FROM enterprises"_s) && j.next());
    EXPECT_EQ(j.value(0).toString(), u"Acme \"Press\" Works"_s);
    EXPECT_EQ(j.value(1).toString(), u"text"_s);
}

TEST_F(RecordWriterTest, TheTextPathKeepsChineseTextAndEscapesByteForByte)
{
    // Bound as UTF-8 (SQLite's C API on the Qt driver's connection): the stored doc must be
    // exactly the page's bytes, and read back through QtSql as the same characters.
    QSqlDatabase db = open(u"cjk"_s);
    const QString at = u"2026-11-25T08:30:00.123Z"_s;
    const core::StoredRecord r
        = enterprise(u"91220101MA00000025"_s, u"青禾恒泰\"机械\"有限公司\\一厂 ✓"_s, u"青禾街道"_s,
            u"orange"_s, at, { { u"name"_s, 2 } });
    const QByteArray fields = QJsonDocument(r.fields).toJson(QJsonDocument::Compact);
    ASSERT_TRUE(db.transaction());
    {
        core::RecordWriter writer(db);
        ASSERT_TRUE(writer.store(r, fields, "{\"name\":2}").ok());
    }
    ASSERT_TRUE(db.commit());
    QSqlQuery q(db);
    ASSERT_TRUE(q.exec(u"SELECT doc, street, CAST(doc AS BLOB), json_extract(doc, '$.name') "
                       u"FROM enterprises"_s)
        && q.next());
    EXPECT_EQ(q.value(0).toString(), QString::fromUtf8(fields));
    EXPECT_EQ(q.value(1).toString(), u"青禾街道"_s);
    EXPECT_EQ(q.value(2).toByteArray(), fields);
    EXPECT_EQ(q.value(3).toString(), u"青禾恒泰\"机械\"有限公司\\一厂 ✓"_s);
}

TEST_F(RecordWriterTest, AFailingRowOnTheTextPathReportsTheSqlErrorAndTheWriterKeepsWorking)
{
    QSqlDatabase db = open(u"failing_text"_s);
    core::RecordWriter writer(db);
    const QString at = u"2026-11-25T08:30:00.123Z"_s;
    auto answer = [&at](const QString& inspection) {
        return core::StoredRecord { u"answer"_s, u"a-1"_s,
            { { u"inspection_id"_s, inspection }, { u"item_code"_s, u"F-01"_s },
                { u"created_at"_s, at }, { u"updated_at"_s, at } },
            { { u"item_code"_s, 1 } }, false };
    };
    auto text
        = [](const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    // An answer whose inspection is unknown breaks the (immediate) foreign key.
    const auto bad = writer.store(answer(u"missing"_s), text(answer(u"missing"_s).fields), "{}");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, u"sql_error"_s);
    EXPECT_TRUE(bad.error().message.contains(u"FOREIGN KEY"_s, Qt::CaseInsensitive))
        << bad.error().message.toStdString();
    const core::StoredRecord inspection { u"inspection"_s, u"i-1"_s,
        { { u"enterprise_id"_s, u"e"_s }, { u"started_at"_s, u"t"_s },
            { u"status"_s, u"in_progress"_s }, { u"created_at"_s, at }, { u"updated_at"_s, at } },
        { { u"status"_s, 1 } }, false };
    ASSERT_TRUE(writer.store(inspection, text(inspection.fields), "{\"status\":1}").ok());
    const auto good = writer.store(answer(u"i-1"_s), text(answer(u"i-1"_s).fields), "{}");
    ASSERT_TRUE(good.ok()) << good.error().message.toStdString();
    EXPECT_EQ(dump(db).size(), 2);
}

TEST_F(RecordWriterTest, ThePagesTextColumnsBindTheSameRowsAsTheFieldValues)
{
    // Every text-columned entity, plus a template and an attachment (number columns), with the
    // cases a text column can meet: escapes, Chinese text, a missing field, a number where a
    // string belongs, an empty and a missing nullable inspection id, `deleted` true and false.
    const QByteArray page = R"({"changes":[
{"entity":"enterprise","id":"e-1","op":"put","fields":{"uscc":"e-1","street":"North \"Gate\" \u9752\\x","risk_grade":"red","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-26T08:30:00.000Z","hlc":"1"},"versions":{"street":2}},
{"entity":"enterprise","id":"e-2","op":"put","fields":{"street":5,"created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T\u00308:30:00.000Z","deleted":true},"versions":{}},
{"entity":"enterprise","id":"青禾-3","op":"put","fields":{"street":"青禾街道","risk_grade":null,"deleted":false,"created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"user","id":"u-1","op":"put","fields":{"role":"inspector","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{"role":1}},
{"entity":"inspection","id":"i-1","op":"put","fields":{"enterprise_id":"e-1","started_at":"2026-11-25T08:30:00.000Z","status":"in_progress","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"answer","id":"a-1","op":"put","fields":{"inspection_id":"i-1","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"hazard","id":"h-1","op":"put","fields":{"enterprise_id":"e-1","inspection_id":"","status":"open","level":"major","deadline":"2026-12-01","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"hazard","id":"h-2","op":"put","fields":{"enterprise_id":"e-1","inspection_id":"i-1","status":"open","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"hazard","id":"h-3","op":"put","fields":{"enterprise_id":"e-1","level":["major"],"created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"rectification_event","id":"r-1","op":"put","fields":{"hazard_id":"h-1","kind":"submit","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"comment","id":"c-1","op":"put","fields":{"record_id":"h-1","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"recusal","id":"x-1","op":"put","fields":{"inspector_id":"u-1","enterprise_id":"e-1","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"document","id":"d-1","op":"put","fields":{"enterprise_id":"e-1","kind":"order","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"document","id":"d-2","op":"put","fields":{"enterprise_id":"e-1","inspection_id":"i-1","kind":"record","created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"template","id":"t@2","op":"put","fields":{"code":"fire","version":2,"created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"attachment","id":"ab","op":"put","fields":{"mime":"image/jpeg","size":12,"created_at":"2026-11-25T08:30:00.000Z","updated_at":"2026-11-25T08:30:00.000Z"},"versions":{}},
{"entity":"enterprise","id":"e-1","op":"put","fields":{"uscc":"e-1","street":"South","created_at":"2026-11-27T08:30:00.000Z","updated_at":"2026-11-27T08:30:00.000Z"},"versions":{"street":3}}
],"cursor":"17","has_more":false})";
    const auto read = sync::readPullPage(page);
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    const QList<sync::PulledChange>& changes = read.value().changes;
    ASSERT_EQ(changes.size(), 17);
    QSqlDatabase byValue = open(u"by_value"_s);
    QSqlDatabase byText = open(u"by_text"_s);
    for (QSqlDatabase* db : { &byValue, &byText }) {
        ASSERT_TRUE(db->transaction());
        core::RecordWriter writer(*db);
        for (const auto& c : changes) {
            const core::FieldLookup field = [&c](const QString& key) { return c.field(key); };
            const core::FieldTextLookup text = [&c](QLatin1StringView key, QByteArray& scratch) {
                return c.fieldText(key, scratch);
            };
            ASSERT_TRUE(core::RecordWriter::bindsText(field)) << c.id.toStdString();
            ASSERT_EQ(core::RecordWriter::bindsText(text), true) << c.id.toStdString();
            const auto stored = db == &byValue
                ? writer.storeText(c.entity, c.id, field, c.fieldsText, c.versionsText)
                : writer.storeText(c.entity, c.id, field, text, c.fieldsText, c.versionsText);
            ASSERT_TRUE(stored.ok()) << c.id.toStdString() << stored.error().message.toStdString();
        }
        ASSERT_TRUE(db->commit());
    }
    auto rows = [](QSqlDatabase& db) {
        return dump(db, Tables + QStringList { u"users"_s, u"recusals"_s, u"documents"_s }, true);
    };
    const QStringList expected = rows(byValue);
    EXPECT_EQ(expected.size(), 16);
    EXPECT_EQ(rows(byText).join(u'\n').toStdString(), expected.join(u'\n').toStdString());
    // What the columns hold (the two paths agreeing on a wrong value would pass above).
    QSqlQuery q(byText);
    ASSERT_TRUE(q.exec(u"SELECT id, street, risk_grade, deleted, updated_at FROM enterprises "
                       u"ORDER BY id"_s));
    QStringList seen;
    while (q.next())
        seen << QStringList { q.value(0).toString(),
            q.value(1).isNull() ? u"NULL"_s : q.value(1).toString(),
            q.value(2).isNull() ? u"NULL"_s : q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString() }
                    .join(u'/');
    EXPECT_EQ(seen,
        (QStringList { u"e-1/South//0/2026-11-27T08:30:00.000Z"_s,
            u"e-2///1/2026-11-25T08:30:00.000Z"_s,
            u"青禾-3/青禾街道//0/2026-11-25T08:30:00.000Z"_s }));
    ASSERT_TRUE(q.exec(u"SELECT id, inspection_id IS NULL, level FROM hazards ORDER BY id"_s));
    seen.clear();
    while (q.next())
        seen << q.value(0).toString() + u'/' + q.value(1).toString() + u'/' + q.value(2).toString();
    EXPECT_EQ(seen, (QStringList { u"h-1/1/major"_s, u"h-2/0/"_s, u"h-3/1/"_s }));
    ASSERT_TRUE(q.exec(u"SELECT id, inspection_id IS NULL FROM documents ORDER BY id"_s));
    seen.clear();
    while (q.next())
        seen << q.value(0).toString() + u'/' + q.value(1).toString();
    EXPECT_EQ(seen, (QStringList { u"d-1/1"_s, u"d-2/0"_s }));
}

TEST_F(RecordWriterTest, TheTextPathReadsAStreetWrittenWithEscapes)
{
    // The decoded text is bound, not the escapes (a view into the decoded copy).
    const QByteArray page
        = R"({"changes":[{"entity":"enterprise","id":"e-1","op":"put","fields":{"street":"\u9752\"A\"\\","created_at":"x","updated_at":"y"},"versions":{}}],"cursor":"1","has_more":false})";
    const auto read = sync::readPullPage(page);
    ASSERT_TRUE(read.ok());
    const sync::PulledChange& c = read.value().changes.first();
    QSqlDatabase db = open(u"escapes"_s);
    core::RecordWriter writer(db);
    const core::FieldTextLookup text
        = [&c](QLatin1StringView key, QByteArray& scratch) { return c.fieldText(key, scratch); };
    ASSERT_TRUE(writer
                    .storeText(
                        c.entity, c.id, [&c](const QString& key) { return c.field(key); }, text,
                        c.fieldsText, c.versionsText)
                    .ok());
    QSqlQuery q(db);
    ASSERT_TRUE(q.exec(u"SELECT street, created_at, updated_at FROM enterprises"_s) && q.next());
    EXPECT_EQ(q.value(0).toString(), u"青\"A\"\\"_s);
    EXPECT_EQ(q.value(1).toString(), u"x"_s);
    EXPECT_EQ(q.value(2).toString(), u"y"_s);
}
