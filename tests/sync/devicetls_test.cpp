// HTTPS on the device: the sync client talks to a real safeloop-server through nginx
// terminating TLS with certificates made here with openssl (a test CA, a certificate for
// localhost / 127.0.0.1 signed by it, one for another name, a self-signed one and an expired
// one), and refuses plain http:// to any host but this device before sending anything.
#include "liveserver.h"

#include "sync/httptransport.h"
#include "sync/synccontroller.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

using namespace Qt::StringLiterals;

namespace safeloop::test {
namespace {

const QString NginxBin = u"/usr/sbin/nginx"_s;

int freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

// The expired certificate is signed through `openssl ca`, which takes explicit past dates
// (`openssl x509 -days` cannot go negative).
const char* const MakeCertificates = R"(set -e
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }
key ca.key
openssl req -x509 -new -key ca.key -days 2 -subj "/CN=SafeLoop device test CA" -out ca.pem
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >here.ext
printf 'subjectAltName=DNS:elsewhere.example\nextendedKeyUsage=serverAuth\n' >elsewhere.ext
for name in good other old; do key $name.key; done
openssl req -new -key good.key -subj "/CN=localhost" -out good.csr
openssl x509 -req -in good.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile here.ext -out good.pem 2>/dev/null
openssl req -new -key other.key -subj "/CN=elsewhere.example" -out other.csr
openssl x509 -req -in other.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile elsewhere.ext -out other.pem 2>/dev/null
key self.key
openssl req -x509 -new -key self.key -days 2 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -out self.pem
openssl req -new -key old.key -subj "/CN=localhost" -out old.csr
mkdir -p issued && : >issued/index.txt && echo 01 >issued/serial
printf '[ca]\ndefault_ca = test\n[test]\ndatabase = issued/index.txt\nnew_certs_dir = issued\nserial = issued/serial\ndefault_md = sha256\npolicy = any\n[any]\ncommonName = supplied\n' >ca.cnf
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -startdate 20240101000000Z -enddate 20240102000000Z -extfile here.ext -notext -in old.csr -out old.pem 2>/dev/null
)";

class DeviceTlsTest : public LiveServerTest {
protected:
    void SetUp() override
    {
        if (!QFileInfo::exists(NginxBin) || QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
            FAIL() << "nginx and openssl are needed (scripts/setup.sh installs them)";
        m_defaultTls = QSslConfiguration::defaultConfiguration();
        LiveServerTest::SetUp();
        ASSERT_TRUE(m_tls.isValid());
        QProcess make;
        make.setWorkingDirectory(m_tls.path());
        make.setProcessChannelMode(QProcess::MergedChannels);
        make.start(u"sh"_s, { u"-c"_s, QString::fromLatin1(MakeCertificates) });
        ASSERT_TRUE(make.waitForFinished(60000) && make.exitCode() == 0)
            << make.readAll().toStdString();
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

TEST(DeviceTlsUrlTest, PlainHttpIsAllowedOnlyForThisDevice)
{
    EXPECT_TRUE(sync::insecureUrlError(QUrl(u"http://127.0.0.1:8470"_s)).isEmpty());
    EXPECT_TRUE(sync::insecureUrlError(QUrl(u"http://localhost:8470"_s)).isEmpty());
    EXPECT_TRUE(sync::insecureUrlError(QUrl(u"http://[::1]:8470"_s)).isEmpty());
    EXPECT_TRUE(sync::insecureUrlError(QUrl(u"https://safeloop.district.example"_s)).isEmpty());
    EXPECT_FALSE(sync::insecureUrlError(QUrl(u"http://192.168.1.10:8470"_s)).isEmpty());
    EXPECT_FALSE(sync::insecureUrlError(QUrl(u"http://safeloop.district.example"_s)).isEmpty());
}

TEST(DeviceTlsUrlTest, PinningAFileWithoutCertificatesFailsAndChangesNothing)
{
    const QList<QSslCertificate> before
        = QSslConfiguration::defaultConfiguration().caCertificates();
    QTemporaryDir dir;
    QFile junk(dir.filePath(u"ca.pem"_s));
    ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
    junk.write("not a certificate\n");
    junk.close();
    EXPECT_TRUE(sync::pinCaCertificates(junk.fileName()).contains(u"no PEM certificate"_s));
    EXPECT_TRUE(sync::pinCaCertificates(dir.filePath(u"missing.pem"_s))
                    .contains(u"cannot read the CA certificate file"_s));
    EXPECT_EQ(QSslConfiguration::defaultConfiguration().caCertificates(), before);
}

TEST_F(DeviceTlsTest, WithThePinnedCaLoginAndSyncSucceedOverHttps)
{
    ASSERT_EQ(sync::pinCaCertificates(caFile()), QString());
    auto supervisor = openEngine(httpsOptions(u"phone-zhao"_s, "good"), u"zhao"_s);
    ASSERT_TRUE(supervisor && supervisor->hasSession());
    registerEnterprise(*supervisor, 1, u"Riverside"_s);

    // A second device by its IP address (also in the certificate) pulls what the first pushed.
    auto second = openEngine(httpsOptions(u"tablet-zhao"_s, "good", u"127.0.0.1"_s), u"zhao"_s);
    ASSERT_TRUE(second);
    syncOk(*second);
    const auto pulled = second->store().record(u"enterprise"_s, enterpriseCode(1));
    ASSERT_TRUE(pulled.ok());
    EXPECT_TRUE(pulled->has_value());
}

TEST_F(DeviceTlsTest, WithoutThePinTheServerIsUntrustedAndNothingIsStored)
{
    EXPECT_EQ(loginError(httpsOptions(u"phone-zhao"_s, "good")), u"certificate_untrusted"_s);
    // The refusal reaches the sync bar in plain words, and sync does not read it as offline.
    ASSERT_EQ(sync::pinCaCertificates(caFile()), QString());
    {
        auto engine = openEngine(httpsOptions(u"phone-zhao"_s, "good"), u"zhao"_s);
        ASSERT_TRUE(engine && engine->hasSession());
    }
    QSslConfiguration::setDefaultConfiguration(m_defaultTls);
    auto engine = sync::SyncEngine::open(httpsOptions(u"phone-zhao"_s, "good"));
    ASSERT_TRUE(engine.ok());
    const sync::CycleResult cycle = engine.value()->runCycle();
    ASSERT_FALSE(cycle.ok);
    ASSERT_TRUE(cycle.failure);
    EXPECT_EQ(cycle.failure->code, u"certificate_untrusted"_s);
    EXPECT_TRUE(sync::plainFailure(*cycle.failure).contains(u"certificate is not trusted"_s))
        << sync::plainFailure(*cycle.failure).toStdString();
    EXPECT_EQ(sync::stateFor(*cycle.failure), sync::SyncStatus::State::Error);
}

TEST_F(DeviceTlsTest, ASelfSignedCertificateIsRefusedEvenWithAPin)
{
    ASSERT_EQ(sync::pinCaCertificates(caFile()), QString());
    EXPECT_EQ(loginError(httpsOptions(u"phone-zhao"_s, "self")), u"certificate_untrusted"_s);
}

TEST_F(DeviceTlsTest, ACertificateForAnotherHostIsRefused)
{
    ASSERT_EQ(sync::pinCaCertificates(caFile()), QString());
    EXPECT_EQ(loginError(httpsOptions(u"phone-zhao"_s, "other")), u"certificate_wrong_host"_s);
}

TEST_F(DeviceTlsTest, AnExpiredCertificateIsRefused)
{
    ASSERT_EQ(sync::pinCaCertificates(caFile()), QString());
    EXPECT_EQ(loginError(httpsOptions(u"phone-zhao"_s, "old")), u"certificate_expired"_s);
}

TEST_F(DeviceTlsTest, PlainHttpToAnotherHostIsRefusedBeforeAnyRequest)
{
    // 192.0.2.1 is a documentation address nothing answers on: a request sent there would time
    // out or fail as "offline", not be refused at once.
    sync::SyncEngine::Options o = options(u"phone-zhao"_s);
    o.serverUrl = QUrl(u"http://192.0.2.1:%1"_s.arg(m_server.port()));
    QElapsedTimer clock;
    clock.start();
    EXPECT_EQ(loginError(o), u"insecure_server"_s);
    EXPECT_LT(clock.elapsed(), 2000);

    sync::HttpTransport transport(o.serverUrl);
    const sync::HttpResponse r = transport.send(sync::HttpRequest::get(u"/api/v1/health"_s));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.refusal, u"insecure_server"_s);
    EXPECT_TRUE(r.networkError.contains(u"https://"_s));
    EXPECT_FALSE(r.cancelled);

    // The same server over plain http on this device still answers (demo and tests).
    sync::HttpTransport local(QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.port())));
    EXPECT_EQ(local.send(sync::HttpRequest::get(u"/api/v1/health"_s)).status, 200);
}

} // namespace
} // namespace safeloop::test
