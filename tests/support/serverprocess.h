#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace safeloop::test {

/// Output and exit code of one finished `safeloop-server` command.
struct CommandResult {
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs `safeloop-server ARGS` to completion, feeding `input` on standard input.
CommandResult runServerCommand(const QStringList& args, const QByteArray& input = {});

/// The answer to POST /api/v1/auth/refresh sent straight to a server, as another client would
/// send it: the status (0 when nothing answered) and, on 200, the new refresh token.
struct RefreshAnswer {
    int status = 0;
    QString refreshToken;
};
RefreshAnswer refreshAt(int port, const QString& refreshToken);

/// The real `safeloop-server` binary serving on 127.0.0.1 with a port the kernel picked.
class ServerProcess {
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    /// Starts `serve --data DIR --listen 127.0.0.1:0 EXTRA` and waits for its "listening on" line.
    bool start(const QString& dataDir, const QStringList& extraArgs = {});
    /// SIGTERM, then waits; returns the exit code (or -1 if it had to be killed).
    int stop();
    /// SIGKILL without ceremony, for crash tests.
    void kill();

    int port() const { return m_port; }
    /// Process id of the running server (0 when none), e.g. to SIGKILL it from another thread.
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    /// Standard error collected so far (the JSON access log).
    QString errorOutput();

private:
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
    QByteArray m_stderr;
};

} // namespace safeloop::test
