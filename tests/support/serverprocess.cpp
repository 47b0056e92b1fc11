#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <httplib.h>

using namespace Qt::StringLiterals;

namespace safeloop::test {

RefreshAnswer refreshAt(int port, const QString& refreshToken)
{
    httplib::Client client("127.0.0.1", port);
    const auto res = client.Post("/api/v1/auth/refresh",
        QJsonDocument(QJsonObject { { u"refresh_token"_s, refreshToken } })
            .toJson(QJsonDocument::Compact)
            .toStdString(),
        "application/json");
    if (!res)
        return {};
    return { res->status,
        QJsonDocument::fromJson(QByteArray::fromStdString(res->body))
            .object()
            .value(u"refresh_token"_s)
            .toString() };
}

CommandResult runServerCommand(const QStringList& args, const QByteArray& input)
{
    QProcess process;
    process.start(QStringLiteral(SAFELOOP_SERVER_BIN), args);
    CommandResult result;
    if (!process.waitForStarted(10000))
        return result;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

ServerProcess::~ServerProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        stop();
}

bool ServerProcess::start(const QString& dataDir, const QStringList& extraArgs)
{
    m_process = std::make_unique<QProcess>();
    QStringList args { u"serve"_s, u"--data"_s, dataDir, u"--listen"_s, u"127.0.0.1:0"_s };
    args += extraArgs;
    m_process->start(QStringLiteral(SAFELOOP_SERVER_BIN), args);
    if (!m_process->waitForStarted(10000))
        return false;
    static const QRegularExpression listening(uR"(listening on http://127\.0\.0\.1:(\d+))"_s);
    QByteArray out;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning)
            break;
        m_process->waitForReadyRead(100);
        out += m_process->readAllStandardOutput();
        m_stderr += m_process->readAllStandardError();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_port = match.captured(1).toInt();
            return true;
        }
    }
    m_stderr += m_process->readAllStandardError();
    return false;
}

int ServerProcess::stop()
{
    if (!m_process)
        return -1;
    m_process->terminate();
    if (!m_process->waitForFinished(15000)) {
        m_process->kill();
        m_process->waitForFinished();
        return -1;
    }
    m_stderr += m_process->readAllStandardError();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished();
}

QString ServerProcess::errorOutput()
{
    if (m_process)
        m_stderr += m_process->readAllStandardError();
    return QString::fromUtf8(m_stderr);
}

} // namespace safeloop::test
