#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace safeloop::test {

/// A throwaway PostgreSQL 15 cluster in a temporary directory, listening on 127.0.0.1 on a free
/// port, with trust authentication for the `postgres` role. initdb refuses to run as root, so
/// when the tests run as root the cluster is created and started as the `postgres` user.
/// The destructor stops the cluster (fast shutdown) and removes its files.
class PgCluster {
public:
    PgCluster() = default;
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    /// initdb + pg_ctl start; false with `error()` explaining why.
    bool start();
    void stop();

    /// Creates a database and returns its `postgresql://postgres@127.0.0.1:PORT/NAME` URL,
    /// or an empty string on failure.
    QString createDatabase(const QString& name);

    int port() const { return m_port; }
    bool running() const { return m_running; }
    const QString& error() const { return m_error; }

private:
    bool runAsPostgres(const QString& program, const QStringList& args, int timeoutMs = 60000);

    std::unique_ptr<QTemporaryDir> m_root;
    QString m_dataDir;
    int m_port = 0;
    bool m_running = false;
    QString m_error;
};

/// One cluster shared by every test of the process, started on first use (a cluster takes about
/// a second to start; each test still gets its own database).
PgCluster& sharedPgCluster();

/// A fresh database on the shared cluster; empty (and a gtest failure) if PostgreSQL is missing.
QString freshPgDatabaseUrl();

} // namespace safeloop::test
