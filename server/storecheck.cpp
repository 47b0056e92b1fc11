#include "storecheck.h"

#include "blobstore.h"
#include "core/database.h"
#include "databaseblobs.h"
#include "serverconfig.h"
#include "sqldialect.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>

#include <sodium.h>

#include <algorithm>

using namespace Qt::StringLiterals;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

/// The blob back end the settings choose, read without touching the process-wide attachment.
class CheckedBlobs {
public:
    CheckedBlobs(QString root, QSqlDatabase db, bool inDatabase)
        : m_files(std::move(root))
    {
        if (inDatabase)
            m_database.emplace([db]() -> Result<QSqlDatabase> { return db; });
    }
    BlobState state(const QString& sha) const
    {
        return m_database ? m_database->state(sha) : m_files.state(sha);
    }
    Result<QByteArray> read(const QString& sha, qint64 offset) const
    {
        return m_database ? m_database->read(sha, offset, BlobStore::DatabaseChunk)
                          : m_files.read(sha, offset, BlobStore::DatabaseChunk);
    }

private:
    BlobStore m_files;
    std::optional<DatabaseBlobs> m_database;
};

/// SHA-256 of a complete blob read 1 MiB at a time; empty if it cannot be read to its size.
QString hashBlob(const CheckedBlobs& blobs, const QString& sha, qint64 size)
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    qint64 at = 0;
    while (at < size) {
        auto bytes = blobs.read(sha, at);
        if (!bytes || bytes.value().isEmpty())
            return {};
        crypto_hash_sha256_update(&st,
            reinterpret_cast<const unsigned char*>(bytes.value().constData()),
            static_cast<unsigned long long>(bytes.value().size()));
        at += bytes.value().size();
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), crypto_hash_sha256_BYTES).toHex());
}

class Checker {
public:
    Checker(const StoreLocation& location, const CheckOptions& options)
        : m_location(location)
        , m_options(options)
    {
    }

    CheckReport run()
    {
        if (!QFileInfo(m_location.dataDir).isDir()) {
            fail(u"data_dir_missing"_s,
                u"data directory %1 does not exist (or is not a directory)"_s.arg(
                    m_location.dataDir));
            return m_report;
        }
        pass(u"data directory %1"_s.arg(m_location.dataDir));
        const bool sqlite = m_location.databaseUrl.isEmpty();
        if (sqlite && !QFileInfo::exists(QDir(m_location.dataDir).filePath(u"safeloop.db"_s))) {
            fail(u"not_initialised"_s,
                u"%1 holds no SafeLoop store (no safeloop.db); run `safeloop-server init` or "
                u"give --database"_s.arg(m_location.dataDir));
            return m_report;
        }
        const QString name = u"safeloop-check"_s;
        {
            auto db = openLocation(m_location, name);
            if (!db) {
                fail(u"database_unreachable"_s, db.error().message);
            } else {
                pass(sqlite ? u"SQLite store reachable"_s : u"PostgreSQL store reachable"_s);
                checkStore(db.value());
            }
        }
        core::closeDatabase(name);
        return m_report;
    }

private:
    void pass(const QString& message) { m_report.findings.append({ true, {}, message }); }
    void fail(const QString& code, const QString& message)
    {
        m_report.findings.append({ false, code, message });
    }

    void checkStore(QSqlDatabase& db)
    {
        const int version = serverSchemaVersion(db);
        const int expected = ServerStore::schemaVersion();
        if (version <= 0) {
            fail(u"not_initialised"_s,
                u"the database holds no SafeLoop store; run `safeloop-server init` first"_s);
            return;
        }
        if (version > expected) {
            fail(u"schema_newer"_s,
                u"the store is at schema version %1, newer than this server's %2: run the "
                u"newer safeloop-server"_s.arg(version)
                    .arg(expected));
            return;
        }
        if (version < expected) {
            fail(u"schema_outdated"_s,
                u"the store is at schema version %1, this server expects %2: run "
                u"`safeloop-server init` with the same --data/--database to migrate it"_s
                    .arg(version)
                    .arg(expected));
            return;
        }
        pass(u"schema version %1"_s.arg(version));
        if (!checkSettings(db))
            return;
        checkBlobs(db);
    }

    bool checkSettings(QSqlDatabase& db)
    {
        auto q = safeloop::server::run(
            db, u"SELECT key, value FROM server_meta WHERE key LIKE 'config.%' ORDER BY key"_s);
        if (!q) {
            fail(u"database_unreachable"_s, q.error().message);
            return false;
        }
        QList<QPair<QString, QString>> stored;
        while (q.value().next())
            stored.append({ q.value().value(0).toString().mid(7), q.value().value(1).toString() });
        q.value().finish();
        int bad = 0;
        for (const auto& [key, value] : stored) {
            if (auto r = ServerConfig::validate(db, key, value); !r) {
                fail(r.error().code, u"setting %1 = %2: %3"_s.arg(key, value, r.error().message));
                ++bad;
            }
        }
        if (bad == 0)
            pass(u"%1 stored setting(s) valid"_s.arg(stored.size()));
        return true;
    }

    void checkBlobs(QSqlDatabase& db)
    {
        auto mode = ServerConfig::get(db, QString::fromLatin1(ServerConfig::BlobStoreKey));
        if (!mode) {
            fail(u"database_unreachable"_s, mode.error().message);
            return;
        }
        const bool inDatabase = mode.value() == QLatin1String(ServerConfig::BlobStoreDatabase);
        const QString root = QDir(m_location.dataDir).filePath(u"blobs"_s);
        if (inDatabase) {
            auto q = safeloop::server::run(db, u"SELECT COUNT(*) FROM blob_objects"_s);
            if (!q || !q.value().next()) {
                fail(u"blob_store_unreadable"_s,
                    u"the blob tables of the store cannot be read: %1"_s.arg(
                        q ? q.value().lastError().text() : q.error().message));
                return;
            }
            pass(u"blobs in the database (%1 complete)"_s.arg(q.value().value(0).toLongLong()));
        } else {
            const QFileInfo dir(root);
            if (dir.exists() && (!dir.isDir() || !dir.isWritable() || !dir.isExecutable())) {
                fail(u"blob_dir_unusable"_s,
                    u"blob directory %1 is not a directory this user can write"_s.arg(root));
                return;
            }
            pass(u"blobs in directory %1"_s.arg(root));
        }

        // Every referenced blob with the size its uploader sent (none: not uploaded yet).
        auto q = safeloop::server::run(db,
            u"SELECT r.sha256, MAX(u.size) FROM (SELECT DISTINCT sha256 FROM blob_refs) r "
            u"LEFT JOIN blob_uploads u ON u.sha256 = r.sha256 GROUP BY r.sha256 "
            u"ORDER BY r.sha256"_s);
        if (!q) {
            fail(u"blob_store_unreadable"_s, q.error().message);
            return;
        }
        QList<QPair<QString, QVariant>> referenced;
        while (q.value().next())
            referenced.append({ q.value().value(0).toString(), q.value().value(1) });
        q.value().finish();

        const CheckedBlobs blobs(root, db, inDatabase);
        QList<QPair<QString, qint64>> present;
        int pending = 0;
        int problems = 0;
        for (const auto& [sha, uploaded] : referenced) {
            const BlobState st = blobs.state(sha);
            if (st.kind != BlobState::Kind::Complete) {
                if (uploaded.isNull()) {
                    ++pending; // named by a record, its upload not finished yet
                } else {
                    fail(u"blob_missing"_s,
                        u"blob %1 was uploaded and a record references it, but the blob store "
                        u"does not hold it"_s.arg(sha));
                    ++problems;
                }
                continue;
            }
            if (!uploaded.isNull() && uploaded.toLongLong() != st.size) {
                fail(u"blob_size_mismatch"_s,
                    u"blob %1 holds %2 bytes; its upload had %3"_s.arg(sha).arg(st.size).arg(
                        uploaded.toLongLong()));
                ++problems;
                continue;
            }
            present.append({ sha, st.size });
        }
        if (!m_options.allBlobs && present.size() > m_options.sample) {
            std::shuffle(present.begin(), present.end(), *QRandomGenerator::global());
            present.resize(m_options.sample);
        }
        for (const auto& [sha, size] : present) {
            if (hashBlob(blobs, sha, size) != sha) {
                fail(u"blob_corrupt"_s, u"blob %1 does not hash to its id"_s.arg(sha));
                ++problems;
            }
        }
        if (problems == 0)
            pass(u"%1 referenced blob(s): %2 hashed%3, %4 not uploaded yet"_s.arg(referenced.size())
                     .arg(present.size())
                     .arg(m_options.allBlobs ? u" (all)"_s : u" (sample)"_s)
                     .arg(pending));
    }

    StoreLocation m_location;
    CheckOptions m_options;
    CheckReport m_report;
};

} // namespace

bool CheckReport::passed() const
{
    return std::all_of(
        findings.cbegin(), findings.cend(), [](const CheckFinding& f) { return f.ok; });
}

CheckReport checkStore(const StoreLocation& location, const CheckOptions& options)
{
    return Checker(location, options).run();
}

} // namespace safeloop::server
