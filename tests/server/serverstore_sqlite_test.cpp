// The SQLite store's file checks, which PostgreSQL has no counterpart of (server_tests only).
#include "server/serverstore.h"
#include "testbackend.h"

#include "core/database.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;

TEST(ServerStoreSqliteTest, OpenRefusesADamagedFileBeforeAnyThreadServesFromIt)
{
    QTemporaryDir tmp;
    const auto location = test::storeLocation(tmp);
    ASSERT_TRUE(server::ServerStore::initialize(location).ok());
    const QString path = tmp.filePath(u"safeloop.db"_s);
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadWrite));
        const qint64 page = 4096;
        ASSERT_GT(file.size(), 4 * page) << "the schema spans several pages";
        // The last page (a table's or an index's, not the schema's) turns to noise: the file
        // still opens and its schema reads; only reading every page finds the damage.
        ASSERT_TRUE(file.seek(file.size() - page));
        ASSERT_EQ(file.write(QByteArray(page, '\xAB')), page);
    }
    auto store = server::ServerStore::open(location);
    ASSERT_FALSE(store.ok()) << "a damaged store was opened";
    EXPECT_EQ(store.error().code, u"db_corrupt"_s) << store.error().message.toStdString();
    EXPECT_TRUE(store.error().message.contains(path)) << store.error().message.toStdString();
}
