#pragma once

#include "core/creditcode.h"
#include "core/localstore.h"
#include "core/mutation.h"
#include "tests/support/fileconnection.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <memory>

#include <gtest/gtest.h>

namespace safeloop::core::testing {

using namespace Qt::StringLiterals;

inline QString enterpriseCode(int n)
{
    const QString first17 = u"9122010100000%1"_s.arg(n, 4, 10, QChar(u'0'));
    return first17 + *CreditCode::checkCharacter(first17);
}

/// A fresh LocalStore in a temporary directory, a settable clock, and seeded users/enterprises.
class StoreFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto s = LocalStore::open(
            { m_dir.filePath(u"local.db"_s), m_dir.filePath(u"blobs"_s), u"device-1"_s,
                [this] { return clock; }, QTimeZone(QByteArrayLiteral("Asia/Shanghai")) });
        ASSERT_TRUE(s.ok()) << s.error().message.toStdString();
        store = std::move(s.value());
        seed(u"user"_s, u"insp-1"_s,
            { { u"id"_s, u"insp-1"_s }, { u"role"_s, u"inspector"_s }, { u"badge"_s, u"B-1"_s } });
        seed(u"user"_s, u"insp-2"_s,
            { { u"id"_s, u"insp-2"_s }, { u"role"_s, u"inspector"_s }, { u"badge"_s, u"B-2"_s } });
        seed(u"user"_s, u"insp-3"_s, { { u"id"_s, u"insp-3"_s }, { u"role"_s, u"inspector"_s } });
        seed(u"enterprise"_s, enterpriseCode(1),
            { { u"uscc"_s, enterpriseCode(1) }, { u"name"_s, u"Greenfield Stamping"_s },
                { u"street"_s, u"North"_s }, { u"risk_grade"_s, u"orange"_s } });
    }

    void seed(const QString& entity, const QString& id, const QJsonObject& fields)
    {
        ASSERT_TRUE(store->storeRecord({ entity, id, fields, {}, false }).ok());
    }

    Result<MutationOutcome> perform(
        const Actor& a, const QString& name, const QString& id, const QJsonObject& args)
    {
        return store->perform(a, name, id, args);
    }

    QJsonObject hazardArgs(const QString& deadline = u"2026-12-10"_s) const
    {
        return { { u"enterprise_id"_s, enterpriseCode(1) },
            { u"description"_s, u"Light curtain bypassed on press 4"_s },
            { u"place"_s, u"Press line 2"_s }, { u"level"_s, u"general"_s },
            { u"category"_s, u"machinery"_s }, { u"basis"_s, u"GB 27607"_s },
            { u"measure"_s, u"Restore the light curtain"_s }, { u"deadline"_s, deadline },
            { u"attachments"_s, QJsonArray { QString(64, u'a') } } };
    }

    QJsonObject inspectionArgs(const QString& mode = u"guidance"_s,
        QStringList inspectors = { u"insp-1"_s, u"insp-2"_s }) const
    {
        return { { u"enterprise_id"_s, enterpriseCode(1) }, { u"kind"_s, u"plan"_s },
            { u"mode"_s, mode }, { u"inspector_ids"_s, QJsonArray::fromStringList(inspectors) },
            { u"template_refs"_s, QJsonArray { u"ST@1"_s } },
            { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } };
    }

    QJsonObject hazardFields(const QString& id)
    {
        auto r = store->record(u"hazard"_s, id, QDate(2026, 11, 25));
        return r.ok() && r->has_value() ? (*r)->fields : QJsonObject {};
    }

    int count(const QString& sql);

    /// A connection of its own to the store's file, for tests that inspect or damage the file
    /// itself (the store keeps its connection to itself).
    QSqlDatabase& fileDb()
    {
        if (!m_file)
            m_file
                = std::make_unique<safeloop::test::FileConnection>(m_dir.filePath(u"local.db"_s));
        return m_file->db();
    }

    Actor inspector { u"insp-1"_s, Role::Inspector, {}, {}, {} };
    Actor inspector2 { u"insp-2"_s, Role::Inspector, {}, {}, {} };
    Actor supervisor { u"sup-1"_s, Role::Supervisor, {}, {}, {} };
    Actor enterpriseUser { u"ent-1"_s, Role::Enterprise, enterpriseCode(1), {}, {} };
    Actor otherEnterprise { u"ent-2"_s, Role::Enterprise, enterpriseCode(2), {}, {} };
    QDateTime clock { QDate(2026, 11, 25), QTime(2, 0), Qt::UTC };
    QTemporaryDir m_dir;
    std::unique_ptr<safeloop::test::FileConnection> m_file;
    std::unique_ptr<LocalStore> store;
};

} // namespace safeloop::core::testing
