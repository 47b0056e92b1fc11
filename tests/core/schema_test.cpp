#include "core/database.h"
#include "core/schema.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

namespace {
QStringList indexes(QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.exec(u"SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"_s);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}
} // namespace

TEST(Schema, MigratesFromEveryOlderVersionToTheCurrentOne)
{
    for (int from = 0; from < SchemaVersion; ++from) {
        QTemporaryDir dir;
        const QString conn = u"schema-%1"_s.arg(from);
        {
            auto db = openSqlite(dir.filePath(u"s.db"_s), conn);
            ASSERT_TRUE(db.ok());
            std::vector<Migration> older;
            for (const auto& m : schemaMigrations())
                if (m.version <= from)
                    older.push_back(m);
            ASSERT_TRUE(migrate(db.value(), older).ok());
            EXPECT_EQ(userVersion(db.value()), from);
            auto r = migrateSchema(db.value());
            ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
            EXPECT_EQ(userVersion(db.value()), SchemaVersion);
            EXPECT_TRUE(migrateSchema(db.value()).ok()); // re-running is a no-op
            const QStringList idx = indexes(db.value());
            for (const auto& name :
                { u"hazards_by_enterprise"_s, u"hazards_by_status"_s, u"hazards_by_deadline"_s,
                    u"inspections_by_enterprise"_s, u"inspections_by_date"_s })
                EXPECT_TRUE(idx.contains(name)) << name.toStdString();
        }
        closeDatabase(conn);
    }
}

TEST(Schema, HazardListByEnterpriseAndStatusUsesTheIndex)
{
    QTemporaryDir dir;
    {
        auto db = openSqlite(dir.filePath(u"s.db"_s), u"schema-plan"_s);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(migrateSchema(db.value()).ok());
        QSqlQuery q(db.value());
        ASSERT_TRUE(q.exec(u"EXPLAIN QUERY PLAN SELECT id FROM hazards WHERE enterprise_id = 'e' "
                           u"AND status = 'open' ORDER BY deadline"_s));
        QString plan;
        while (q.next())
            plan += q.value(3).toString();
        EXPECT_TRUE(plan.contains(u"hazards_by_enterprise"_s)) << plan.toStdString();
    }
    closeDatabase(u"schema-plan"_s);
}
