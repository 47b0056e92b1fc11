#pragma once

#include "core/database.h"

#include <QSqlDatabase>
#include <QString>
#include <QUuid>

namespace safeloop::test {

/// A connection of its own to a device database file, for tests and benchmarks that seed,
/// inspect or damage the file itself: core::LocalStore keeps its connection to itself (only
/// sync's ledger gets it, docs/conventions.md). Opened with core's settings (WAL, foreign keys,
/// busy timeout); closed when it goes out of scope. Empty (`isOpen()` false) when the file
/// could not be opened.
class FileConnection {
public:
    explicit FileConnection(const QString& path)
        : m_name(QStringLiteral("test-file-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        if (auto db = core::openSqlite(path, m_name))
            m_db = db.value();
    }
    ~FileConnection()
    {
        m_db = QSqlDatabase();
        core::closeDatabase(m_name);
    }
    FileConnection(const FileConnection&) = delete;
    FileConnection& operator=(const FileConnection&) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase& db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace safeloop::test
