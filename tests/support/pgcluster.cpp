#include "pgcluster.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QUuid>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace safeloop::test {

namespace {

const QString PgBin = u"/usr/lib/postgresql/15/bin/"_s;

/// A port that was free a moment ago on 127.0.0.1.
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace

PgCluster::~PgCluster()
{
    stop();
}

bool PgCluster::runAsPostgres(const QString& program, const QStringList& args, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (isRoot())
        p.start(u"runuser"_s, QStringList { u"-u"_s, u"postgres"_s, u"--"_s, program } + args);
    else
        p.start(program, args);
    if (!p.waitForStarted(10000)) {
        m_error = u"cannot start %1"_s.arg(program);
        return false;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        m_error = u"%1 timed out"_s.arg(program);
        return false;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = u"%1 failed: %2"_s.arg(program, QString::fromLocal8Bit(p.readAll()).trimmed());
        return false;
    }
    return true;
}

bool PgCluster::initAndStart(const QString& dataDir)
{
    m_dataDir = dataDir;
    QDir().mkpath(m_dataDir);
    if (isRoot()) {
        QProcess chown;
        chown.start(u"chown"_s, { u"postgres:postgres"_s, m_dataDir });
        if (!chown.waitForFinished(10000) || chown.exitCode() != 0) {
            m_error = u"cannot hand %1 to the postgres user"_s.arg(m_dataDir);
            return false;
        }
    }
    if (!runAsPostgres(PgBin + u"initdb"_s,
            { u"-D"_s, m_dataDir, u"-U"_s, u"postgres"_s, u"-A"_s, u"trust"_s, u"-E"_s, u"UTF8"_s,
                u"--no-sync"_s, u"--no-instructions"_s }))
        return false;
    for (int attempt = 0; attempt < 3 && !m_running; ++attempt) {
        m_port = freePort();
        const QString durability = m_durable
            ? u"-c fsync=on -c synchronous_commit=on -c full_page_writes=on "_s
            : u"-c fsync=off -c synchronous_commit=off -c full_page_writes=off "_s;
        const QString options
            = u"-c listen_addresses=127.0.0.1 -p %1 -k %2 "_s.arg(m_port).arg(m_dataDir)
            + durability + u"-c max_connections=300"_s;
        m_running = runAsPostgres(PgBin + u"pg_ctl"_s,
            { u"-D"_s, m_dataDir, u"-o"_s, options, u"-l"_s, m_dataDir + u"/server.log"_s, u"-w"_s,
                u"-t"_s, u"60"_s, u"start"_s });
    }
    m_owned = m_running;
    return m_running;
}

namespace {

bool pgInstalled(QString& error)
{
    if (QFile::exists(PgBin + u"initdb"_s))
        return true;
    error = u"PostgreSQL 15 is not installed (run scripts/setup.sh)"_s;
    return false;
}

/// A directory the postgres user can traverse into.
void openToPostgres(const QString& dir)
{
    QFile::setPermissions(dir,
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ExeGroup | QFileDevice::ExeOther);
}

} // namespace

bool PgCluster::start()
{
    if (!pgInstalled(m_error))
        return false;
    m_root = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/safeloop-pg-XXXXXX"_s);
    if (!m_root->isValid()) {
        m_error = u"cannot create a temporary directory"_s;
        return false;
    }
    openToPostgres(m_root->path());
    return initAndStart(m_root->filePath(u"cluster"_s));
}

bool PgCluster::startShared(const QString& stateFile)
{
    if (!pgInstalled(m_error))
        return false;
    stopShared(stateFile); // whatever an interrupted run left behind
    QTemporaryDir root(QDir::tempPath() + u"/safeloop-pg-shared-XXXXXX"_s);
    if (!root.isValid()) {
        m_error = u"cannot create a temporary directory"_s;
        return false;
    }
    root.setAutoRemove(false);
    openToPostgres(root.path());
    if (!initAndStart(root.filePath(u"cluster"_s))) {
        QDir(root.path()).removeRecursively();
        return false;
    }
    QFile state(stateFile);
    if (!state.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = u"cannot write %1"_s.arg(stateFile);
        stop();
        QDir(root.path()).removeRecursively();
        return false;
    }
    state.write(QByteArray::number(m_port) + '\n' + root.path().toUtf8() + '\n');
    m_owned = false; // the cluster outlives this process
    return true;
}

bool PgCluster::attach(const QString& stateFile)
{
    QFile state(stateFile);
    if (!state.open(QIODevice::ReadOnly)) {
        m_error = u"no shared cluster: cannot read %1"_s.arg(stateFile);
        return false;
    }
    const QList<QByteArray> lines = state.readAll().split('\n');
    bool ok = false;
    m_port = lines.value(0).toInt(&ok);
    if (!ok || lines.size() < 2) {
        m_error = u"%1 does not name a cluster"_s.arg(stateFile);
        return false;
    }
    m_dataDir = QString::fromUtf8(lines[1]) + u"/cluster"_s;
    m_running = true;
    m_owned = false;
    return true;
}

bool PgCluster::stopShared(const QString& stateFile)
{
    QFile state(stateFile);
    if (!state.open(QIODevice::ReadOnly))
        return true;
    const QList<QByteArray> lines = state.readAll().split('\n');
    state.close();
    const QString root = QString::fromUtf8(lines.value(1));
    bool stopped = true;
    if (!root.isEmpty() && QFileInfo::exists(root + u"/cluster/postmaster.pid"_s)) {
        PgCluster owner;
        owner.m_dataDir = root + u"/cluster"_s;
        owner.m_running = true;
        owner.m_owned = true;
        owner.stop();
        stopped = !QFileInfo::exists(root + u"/cluster/postmaster.pid"_s);
    }
    if (!root.isEmpty() && root.startsWith(QDir::tempPath() + u"/safeloop-pg-shared-"_s))
        QDir(root).removeRecursively();
    QFile::remove(stateFile);
    return stopped;
}

void PgCluster::stop()
{
    if (!m_running)
        return;
    if (m_owned) {
        // A throwaway cluster: ask for an immediate stop without waiting, give it five seconds,
        // then end its postmaster (the backends follow it).
        runAsPostgres(PgBin + u"pg_ctl"_s,
            { u"-D"_s, m_dataDir, u"-m"_s, u"immediate"_s, u"-W"_s, u"stop"_s }, 5000);
        const QString pidPath = m_dataDir + u"/postmaster.pid"_s;
        for (int i = 0; i < 50 && QFile::exists(pidPath); ++i)
            ::usleep(100 * 1000);
        QFile pidFile(pidPath);
        if (pidFile.open(QIODevice::ReadOnly)) {
            const pid_t pid = static_cast<pid_t>(pidFile.readLine().trimmed().toInt());
            if (pid > 0)
                ::kill(pid, SIGKILL);
            pidFile.close();
            QFile::remove(pidPath);
        }
    }
    m_running = false;
}

QString PgCluster::createDatabase(const QString& name, const QString& icuLocale)
{
    // createdb talks to the cluster over TCP as the postgres role: no need to switch users.
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args { u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port), u"-U"_s,
        u"postgres"_s, u"-T"_s, u"template0"_s };
    if (!icuLocale.isEmpty())
        args << u"--locale-provider=icu"_s << u"--icu-locale=%1"_s.arg(icuLocale);
    p.start(PgBin + u"createdb"_s, args << name);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = u"createdb failed: %1"_s.arg(QString::fromLocal8Bit(p.readAll()).trimmed());
        return {};
    }
    return u"postgresql://postgres@127.0.0.1:%1/%2"_s.arg(m_port).arg(name);
}

PgCluster& sharedPgCluster()
{
    static PgCluster cluster;
    static const bool started = [] {
        const QString stateFile = qEnvironmentVariable("SAFELOOP_PG_SHARED_STATE");
        if (!stateFile.isEmpty() && QFileInfo::exists(stateFile))
            return cluster.attach(stateFile);
        return cluster.start();
    }();
    (void)started;
    return cluster;
}

QString freshPgDatabaseUrl(const QString& icuLocale)
{
    PgCluster& cluster = sharedPgCluster();
    if (!cluster.running()) {
        ADD_FAILURE() << "PostgreSQL cluster: " << cluster.error().toStdString();
        return {};
    }
    const QString name = u"safeloop_"_s + QUuid::createUuid().toString(QUuid::Id128).left(16);
    const QString url = cluster.createDatabase(name, icuLocale);
    if (url.isEmpty())
        ADD_FAILURE() << "createdb: " << cluster.error().toStdString();
    return url;
}

} // namespace safeloop::test
