// The device's HTTPS test bench: a real safeloop-server behind nginx terminating TLS with
// certificates made with openssl (tests/support/devicecertificates.h): sites "good" (localhost /
// 127.0.0.1, signed by the test CA), "other" (another name), "self" (self-signed) and "old"
// (expired). Each test starts from the system's trust and leaves it so.
#pragma once

#include "liveserver.h"

#include "tests/support/devicecertificates.h"

#include "sync/httptransport.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace safeloop::test {

using namespace Qt::StringLiterals;

inline const QString NginxBin = QStringLiteral("/usr/sbin/nginx");

inline int freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

/// Certificates, the server and nginx for one test; the CA is pinned by the test itself.
class DeviceTlsTest : public LiveServerTest {
protected:
    void SetUp() override
    {
        if (!QFileInfo::exists(NginxBin) || QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
            FAIL() << "nginx and openssl are needed (scripts/setup.sh installs them)";
        m_defaultTls = QSslConfiguration::defaultConfiguration();
        LiveServerTest::SetUp();
        ASSERT_TRUE(m_tls.isValid());
        QString log;
        ASSERT_TRUE(makeDeviceCertificates(m_tls.path(), &log)) << log.toStdString();
        startServer();
        addUser(u"zhao"_s, u"supervisor"_s);
        startNginx();
    }

    void TearDown() override
    {
        // The pin is process-wide: the next test starts from the system's trust again.
        QSslConfiguration::setDefaultConfiguration(m_defaultTls);
        if (m_nginx.state() != QProcess::NotRunning) {
            m_nginx.terminate();
            if (!m_nginx.waitForFinished(10000))
                m_nginx.kill();
        }
    }

    void startNginx()
    {
        QString sites;
        for (const char* name : { "good", "other", "self", "old" }) {
            const int port = freePort();
            ASSERT_NE(port, 0);
            m_ports.insert(QString::fromLatin1(name), port);
            sites += u"server { listen 127.0.0.1:%1 ssl; ssl_certificate %2/%3.pem; "
                     u"ssl_certificate_key %2/%3.key; location / { proxy_pass "
                     u"http://127.0.0.1:%4; proxy_http_version 1.1; "
                     u"proxy_set_header Connection \"\"; proxy_set_header Host $host; } }\n"_s
                         .arg(port)
                         .arg(m_tls.path(), QString::fromLatin1(name))
                         .arg(m_server.port());
        }
        const QString tmp = m_tls.filePath(u"nginx-tmp"_s);
        ASSERT_TRUE(QDir().mkpath(tmp));
        QFile::setPermissions(tmp, QFileDevice::Permissions(0x7777));
        QFile conf(m_tls.filePath(u"nginx.conf"_s));
        ASSERT_TRUE(conf.open(QIODevice::WriteOnly));
        conf.write(u"worker_processes 1;\npid %1/nginx.pid;\nerror_log %1/nginx-error.log warn;\n"
                   u"events { worker_connections 64; }\nhttp {\n access_log off;\n"
                   u" client_body_temp_path %2/body; proxy_temp_path %2/proxy;\n"
                   u" fastcgi_temp_path %2/fastcgi; uwsgi_temp_path %2/uwsgi;\n"
                   u" scgi_temp_path %2/scgi;\n%3}\n"_s.arg(m_tls.path(), tmp, sites)
                       .toUtf8());
        conf.close();
        m_nginx.setProcessChannelMode(QProcess::MergedChannels);
        m_nginx.start(NginxBin,
            { u"-c"_s, conf.fileName(), u"-p"_s, m_tls.path(), u"-g"_s, u"daemon off;"_s });
        ASSERT_TRUE(m_nginx.waitForStarted(10000));
        for (const int port : std::as_const(m_ports)) {
            bool up = false;
            for (int i = 0; i < 100 && !up; ++i) {
                QTcpSocket probe;
                probe.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
                up = probe.waitForConnected(200);
                if (!up)
                    QThread::msleep(50);
            }
            ASSERT_TRUE(up) << "nginx did not listen: " << m_nginx.readAll().toStdString();
        }
    }

    QString caFile() const { return m_tls.filePath(u"ca.pem"_s); }

    /// Device options for the nginx site with certificate `site`, reached as `host`.
    sync::SyncEngine::Options httpsOptions(
        const QString& device, const char* site, const QString& host = u"localhost"_s)
    {
        sync::SyncEngine::Options o = options(device);
        o.serverUrl
            = QUrl(u"https://%1:%2"_s.arg(host).arg(m_ports.value(QString::fromLatin1(site))));
        return o;
    }

    /// Signs in through `o` and returns the error code (empty on success).
    static QString loginError(const sync::SyncEngine::Options& o)
    {
        auto engine = sync::SyncEngine::open(o);
        EXPECT_TRUE(engine.ok());
        if (!engine.ok())
            return u"open_failed"_s;
        const auto user = engine.value()->login(u"zhao"_s, QString::fromUtf8(LivePassword));
        EXPECT_EQ(engine.value()->hasSession(), user.ok());
        return user.ok() ? QString() : user.error().code;
    }

    QTemporaryDir m_tls;
    QProcess m_nginx;
    QHash<QString, int> m_ports;
    QSslConfiguration m_defaultTls;
};

} // namespace safeloop::test
