// HTTPS on the device: the sync client talks to a real safeloop-server through nginx
// terminating TLS with certificates made with openssl (devicetlsfixture.h: a test CA, a
// certificate for localhost / 127.0.0.1 signed by it, one for another name, a self-signed one
// and an expired one), and refuses plain http:// to any host but this device before sending
// anything.
#include "devicetlsfixture.h"

#include "sync/httptransport.h"
#include "sync/synccontroller.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

namespace safeloop::test {
namespace {

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
    // The app words the reason in the user's language (Labels.syncReasonText).
    EXPECT_EQ(sync::failureReason(*cycle.failure), u"certificate_untrusted"_s);
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
