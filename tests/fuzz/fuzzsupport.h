#pragma once

// Shared pieces of the libFuzzer harnesses (one per decoder, see docs/testing.md "Fuzzing").
// A broken invariant aborts, which libFuzzer reports as a crash and saves the input.

#include "server/serverstore.h"

#include "core/database.h"
#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <memory>

namespace safeloop::fuzz {

using namespace Qt::StringLiterals;

/// Aborts with `what` when `condition` does not hold: the fuzzer keeps the input as a finding.
inline void check(bool condition, const char* what, const QString& detail = {})
{
    if (condition)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s %s\n", what, qPrintable(detail));
    std::abort();
}

/// Checks that a refusal carries one of the documented codes and a message.
inline void checkRefusal(const core::Error& e, std::initializer_list<const char16_t*> codes)
{
    bool known = false;
    for (const char16_t* c : codes)
        known = known || e.code == QString::fromUtf16(c);
    check(known, "refusal with an unexpected error code:", e.code + u": "_s + e.message);
    check(!e.message.isEmpty(), "refusal without a message:", e.code);
}

/// Prints what an input did when SAFELOOP_FUZZ_VERBOSE is set (to see that seeds reach the paths
/// they are meant for: `SAFELOOP_FUZZ_VERBOSE=1 fuzz_replay_push corpus/push`).
inline void note(const QString& what)
{
    static const bool verbose = qEnvironmentVariableIsSet("SAFELOOP_FUZZ_VERBOSE");
    if (verbose)
        std::fprintf(stderr, "  %s\n", qPrintable(what));
}

/// The fuzz input as bytes (not copied; valid during one LLVMFuzzerTestOneInput call).
inline QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray::fromRawData(
        reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

/// The QCoreApplication Qt's SQL driver plugins need, created once; Qt's log stays quiet.
inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "safeloop-fuzz";
    static char* argv[] = { name, nullptr };
    if (QCoreApplication::instance())
        return;
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (type == QtFatalMsg) {
            std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
            std::abort();
        }
    });
    static QCoreApplication app(argc, argv);
}

/// An initialised server store (SQLite in a temporary directory) shared by every input of one
/// process, and a way to bring it back to its initial state after an input that changed it.
class FuzzStore {
public:
    static FuzzStore& instance()
    {
        static FuzzStore store;
        return store;
    }

    QSqlDatabase& db() { return m_db; }

    /// digest() of the initial store: what it holds when an input starts.
    const QByteArray& pristine() const { return m_pristine; }

    /// Every row of every table, hashed: equal before and after means nothing changed.
    QByteArray digest()
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QString& table : m_tables) {
            QSqlQuery q(m_db);
            q.setForwardOnly(true);
            check(
                q.exec(u"SELECT * FROM \"%1\" ORDER BY rowid"_s.arg(table)), "digest query", table);
            hash.addData(table.toUtf8());
            while (q.next()) {
                hash.addData("\n");
                for (int i = 0; i < q.record().count(); ++i) {
                    hash.addData(q.value(i).toString().toUtf8());
                    hash.addData(q.value(i).isNull() ? "\x01" : "\x02");
                }
            }
        }
        return hash.result();
    }

    /// Puts every table back as initialize() left it.
    void reset()
    {
        check(m_db.transaction(), "reset: begin");
        for (const QString& table : m_tables) {
            QSqlQuery q(m_db);
            check(q.exec(u"DELETE FROM main.\"%1\""_s.arg(table)), "reset: delete", table);
            check(q.exec(u"INSERT INTO main.\"%1\" SELECT * FROM pristine.\"%1\""_s.arg(table)),
                "reset: copy", table);
        }
        check(m_db.commit(), "reset: commit");
        check(digest() == m_pristine, "reset did not restore the initial store");
    }

private:
    FuzzStore()
    {
        ensureApplication();
        check(m_dir.isValid(), "temporary directory");
        const server::StoreLocation location { m_dir.path(), {} };
        check(server::ServerStore::initialize(location).ok(), "store initialize");
        // A copy of the initial database, attached for reset().
        {
            auto store = server::ServerStore::open(location);
            check(store.ok(), "store open");
            m_store = std::make_unique<server::ServerStore>(store.value());
        }
        auto conn = m_store->connection();
        check(conn.ok(), "store connection");
        m_db = conn.value();
        QSqlQuery q(m_db);
        // Durability is not under test here; speed is (thousands of inputs a second).
        check(q.exec(u"PRAGMA synchronous=OFF"_s), "synchronous off");
        const QString pristine = m_dir.filePath(u"pristine.db"_s);
        check(q.exec(u"VACUUM INTO '%1'"_s.arg(pristine)), "vacuum into");
        check(q.exec(u"ATTACH DATABASE '%1' AS pristine"_s.arg(pristine)), "attach");
        check(q.exec(u"SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name"_s),
            "list tables");
        while (q.next())
            m_tables << q.value(0).toString();
        m_pristine = digest();
    }

    QTemporaryDir m_dir { QFileInfo(u"/dev/shm"_s).isWritable()
            ? u"/dev/shm/safeloop-fuzz-XXXXXX"_s
            : QDir::tempPath() + u"/safeloop-fuzz-XXXXXX"_s };
    std::unique_ptr<server::ServerStore> m_store;
    QSqlDatabase m_db;
    QStringList m_tables;
    QByteArray m_pristine;
};

} // namespace safeloop::fuzz
