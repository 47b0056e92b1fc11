#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace safeloop::test {

/// A throwaway PostgreSQL 15 cluster listening on 127.0.0.1 on a free port, with trust
/// authentication for the `postgres` role. initdb refuses to run as root, so when the tests run
/// as root the cluster is created and started as the `postgres` user.
///
/// Under ctest every PostgreSQL test (label `pg`) shares ONE cluster for the whole run: the
/// fixture test `pg.cluster.start` creates it and writes its port and directory to the state
/// file named by `SAFELOOP_PG_SHARED_STATE`, `pg.cluster.stop` removes it afterwards, and each
/// test process attaches to it. A test binary run on its own starts one private cluster,
/// lazily, shared by all tests of that process and stopped at exit. Either way every test gets
/// a database of its own.
class PgCluster {
public:
    PgCluster() = default;
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    /// initdb + pg_ctl start in a private temporary directory, removed by stop().
    bool start();
    /// initdb + pg_ctl start in a new directory under the system temporary directory, then
    /// writes `PORT\nDIRECTORY\n` to `stateFile`. The cluster outlives this object; it is
    /// stopped with stopShared(stateFile). A cluster left by an earlier run is stopped first.
    bool startShared(const QString& stateFile);
    /// Uses the cluster named in `stateFile` (not stopped by this object).
    bool attach(const QString& stateFile);
    /// Stops and removes the cluster named in `stateFile`, and the state file.
    static bool stopShared(const QString& stateFile);
    void stop();
    /// Before start(): run with durable commits (fsync, synchronous_commit and full page writes
    /// on), as a production server would; the test clusters turn them off for speed.
    void setDurable(bool durable) { m_durable = durable; }

    /// Creates a database (a copy of template0) and returns its
    /// `postgresql://postgres@127.0.0.1:PORT/NAME` URL, or an empty string on failure. With
    /// `icuLocale` (e.g. `en-US`) the database's default collation is that ICU locale's
    /// instead of the cluster's (C.UTF-8, the only UTF-8 locale the test machines have).
    QString createDatabase(const QString& name, const QString& icuLocale = {});

    int port() const { return m_port; }
    bool running() const { return m_running; }
    const QString& error() const { return m_error; }

private:
    bool initAndStart(const QString& dataDir);
    bool runAsPostgres(const QString& program, const QStringList& args, int timeoutMs = 60000);

    std::unique_ptr<QTemporaryDir> m_root;
    QString m_dataDir;
    int m_port = 0;
    bool m_running = false;
    bool m_owned = false; ///< false when attached to the shared cluster
    bool m_durable = false;
    QString m_error;
};

/// The cluster of this test process: the shared one under ctest, else a private one started on
/// first use.
PgCluster& sharedPgCluster();

/// A fresh database on the shared cluster; empty (and a gtest failure) if PostgreSQL is missing.
/// `icuLocale`: see PgCluster::createDatabase().
QString freshPgDatabaseUrl(const QString& icuLocale = {});

} // namespace safeloop::test
