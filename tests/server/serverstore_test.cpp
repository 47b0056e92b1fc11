#include "server/serverstore.h"

#include "core/database.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace safeloop;

TEST(ServerStoreTest, InitializeCreatesAPrivateDataDirectoryAndSchema)
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(u"data"_s);
    ASSERT_TRUE(server::ServerStore::initialize({ dir, {} }).ok());

    const QFileInfo info(dir);
    EXPECT_TRUE(info.isDir());
    const auto perms = info.permissions();
    EXPECT_TRUE(
        perms.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    const auto groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
        | QFileDevice::ExeOther;
    EXPECT_EQ(perms & groupOrOther, QFileDevice::Permissions {})
        << "group and others must have no access";

    auto db = core::openSqlite(dir + u"/safeloop.db"_s, u"check"_s);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(core::userVersion(db.value()), server::ServerStore::schemaVersion());
    core::closeDatabase(u"check"_s);
}

TEST(ServerStoreTest, InitializeTwiceIsHarmless)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(server::ServerStore::initialize({ tmp.path(), {} }).ok());
    EXPECT_TRUE(server::ServerStore::initialize({ tmp.path(), {} }).ok());
}

TEST(ServerStoreTest, OpenRefusesAnUninitialisedDirectory)
{
    QTemporaryDir tmp;
    auto store = server::ServerStore::open({ tmp.path(), {} });
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, u"not_initialised"_s);
}
