// The login page's server certificate (ServerTrust): a CA picked on the device is checked,
// shown, kept across restarts and trusted for login and sync over HTTPS through nginx with
// openssl-made certificates; what is not a usable CA is refused and changes nothing.
#include "app/devicestore.h"
#include "app/servertrust.h"
#include "app/sessioncontroller.h"
#include "app/synccenter.h"

#include "tests/support/devicecertificates.h"
#include "tests/sync/devicetlsfixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace safeloop::test {
namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The fingerprint as the district's IT would read it off `openssl x509 -fingerprint -sha256`.
QString sha256Of(const QString& derPath)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(readAll(derPath), QCryptographicHash::Sha256)
            .toHex(':')
            .toUpper());
}

bool trusts(const QString& pemPath)
{
    const auto pem = QSslCertificate::fromData(readAll(pemPath), QSsl::Pem);
    return !pem.isEmpty()
        && QSslConfiguration::defaultConfiguration().caCertificates().contains(pem.constFirst());
}

class ServerTrustTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_defaultTls = QSslConfiguration::defaultConfiguration();
        ASSERT_TRUE(m_certs.isValid() && m_data.isValid());
        QString log;
        ASSERT_TRUE(makeDeviceCertificates(m_certs.path(), &log)) << log.toStdString();
    }
    void TearDown() override { QSslConfiguration::setDefaultConfiguration(m_defaultTls); }

    QString cert(const char* name) const { return m_certs.filePath(QString::fromLatin1(name)); }
    QUrl certUrl(const char* name) const { return QUrl::fromLocalFile(cert(name)); }

    QTemporaryDir m_certs;
    QTemporaryDir m_data;
    QSslConfiguration m_defaultTls;
};

TEST_F(ServerTrustTest, NothingIsPinnedAtFirst)
{
    app::ServerTrust trust({ m_data.path(), {} });
    EXPECT_FALSE(trust.pinned());
    EXPECT_EQ(trust.source(), QString());
    EXPECT_EQ(trust.fingerprint(), QString());
    EXPECT_FALSE(trusts(cert("ca.pem")));
}

TEST_F(ServerTrustTest, APinnedCaShowsItsSubjectIssuerValidityAndFingerprint)
{
    app::ServerTrust trust({ m_data.path(), {} });
    QSignalSpy changed(&trust, &app::ServerTrust::changed);
    ASSERT_TRUE(trust.pin(certUrl("ca.pem"))) << trust.errorCode().toStdString();
    EXPECT_EQ(changed.count(), 1);
    EXPECT_TRUE(trust.pinned());
    EXPECT_EQ(trust.source(), u"app"_s);
    EXPECT_EQ(trust.subject(), u"CN=SafeLoop device test CA, O=SafeLoop test district"_s);
    EXPECT_EQ(trust.issuer(), trust.subject()); // a root CA issues itself
    const QDateTime now = QDateTime::currentDateTimeUtc();
    EXPECT_LE(trust.validFrom(), now);
    EXPECT_GT(trust.validUntil(), now.addDays(1));
    EXPECT_LT(trust.validUntil(), now.addDays(3));
    EXPECT_EQ(trust.fingerprint(), sha256Of(cert("ca.der")));
    EXPECT_EQ(trust.fingerprint().size(), 32 * 3 - 1);
    EXPECT_EQ(trust.errorCode(), QString());
    EXPECT_TRUE(trusts(cert("ca.pem")));
}

TEST_F(ServerTrustTest, ADerFileIsPinnedLikePem)
{
    app::ServerTrust trust({ m_data.path(), {} });
    ASSERT_TRUE(trust.pin(certUrl("ca.der"))) << trust.errorCode().toStdString();
    EXPECT_EQ(trust.fingerprint(), sha256Of(cert("ca.der")));
    EXPECT_TRUE(trusts(cert("ca.pem")));
}

TEST_F(ServerTrustTest, WhatIsNotAUsableCaIsRefusedWithItsReasonAndChangesNothing)
{
    app::ServerTrust trust({ m_data.path(), {} });
    ASSERT_TRUE(trust.pin(certUrl("ca.pem")));
    const QByteArray stored = readAll(trust.storedPath());
    const QList<QSslCertificate> trusted
        = QSslConfiguration::defaultConfiguration().caCertificates();
    const QString fingerprint = trust.fingerprint();
    QSignalSpy changed(&trust, &app::ServerTrust::changed);

    const QList<QPair<const char*, QString>> cases { { "junk.pem", u"not_certificate"_s },
        { "good.pem", u"not_ca"_s }, { "oldca.pem", u"expired"_s },
        { "futureca.pem", u"not_yet_valid"_s }, { "both.pem", u"several_certificates"_s },
        { "missing.pem", u"unreadable"_s } };
    for (const auto& [file, code] : cases) {
        EXPECT_FALSE(trust.pin(certUrl(file))) << file;
        EXPECT_EQ(trust.errorCode(), code) << file;
        EXPECT_EQ(trust.fingerprint(), fingerprint) << file;
        EXPECT_EQ(readAll(trust.storedPath()), stored) << file;
        EXPECT_EQ(QSslConfiguration::defaultConfiguration().caCertificates(), trusted) << file;
    }
    EXPECT_EQ(changed.count(), 0);
    trust.clearError();
    EXPECT_EQ(trust.errorCode(), QString());
}

TEST_F(ServerTrustTest, ARefusedFirstPickLeavesNothingPinned)
{
    app::ServerTrust trust({ m_data.path(), {} });
    EXPECT_FALSE(trust.pin(certUrl("oldca.pem")));
    EXPECT_EQ(trust.errorCode(), u"expired"_s);
    EXPECT_FALSE(trust.pinned());
    EXPECT_FALSE(QFile::exists(trust.storedPath()));
    EXPECT_FALSE(trusts(cert("oldca.pem")));
}

TEST_F(ServerTrustTest, ThePinSurvivesARestartOfTheController)
{
    QString fingerprint;
    {
        app::ServerTrust trust({ m_data.path(), {} });
        ASSERT_TRUE(trust.pin(certUrl("ca.pem")));
        fingerprint = trust.fingerprint();
    }
    QSslConfiguration::setDefaultConfiguration(m_defaultTls); // a new process
    ASSERT_FALSE(trusts(cert("ca.pem")));
    app::ServerTrust restarted({ m_data.path(), {} });
    EXPECT_TRUE(restarted.pinned());
    EXPECT_EQ(restarted.source(), u"app"_s);
    EXPECT_EQ(restarted.fingerprint(), fingerprint);
    EXPECT_TRUE(trusts(cert("ca.pem")));
}

TEST_F(ServerTrustTest, ARemovedPinIsForgottenAcrossRestarts)
{
    {
        app::ServerTrust trust({ m_data.path(), {} });
        EXPECT_FALSE(trust.removePin()); // nothing to remove yet
        ASSERT_TRUE(trust.pin(certUrl("ca.pem")));
        QSignalSpy changed(&trust, &app::ServerTrust::changed);
        ASSERT_TRUE(trust.removePin());
        EXPECT_EQ(changed.count(), 1);
        EXPECT_FALSE(trust.pinned());
        EXPECT_FALSE(QFile::exists(trust.storedPath()));
        EXPECT_FALSE(trusts(cert("ca.pem")));
    }
    app::ServerTrust restarted({ m_data.path(), {} });
    EXPECT_FALSE(restarted.pinned());
    EXPECT_FALSE(trusts(cert("ca.pem")));
}

TEST_F(ServerTrustTest, TheCommandLinePinIsShownTheSameWayAndStaysWhenTheAppPinGoes)
{
    app::ServerTrust trust({ m_data.path(), cert("both.pem") });
    EXPECT_EQ(trust.commandLineError(), QString());
    EXPECT_EQ(trust.source(), u"command_line"_s);
    EXPECT_EQ(trust.fingerprint(), sha256Of(cert("ca.der")));
    EXPECT_EQ(trust.subject(), u"CN=SafeLoop device test CA, O=SafeLoop test district"_s);
    EXPECT_EQ(trust.moreCount(), 1);
    EXPECT_FALSE(trust.removePin()); // only the operator's command line removes it
    EXPECT_TRUE(trusts(cert("ca.pem")));

    // A CA picked on the device is shown instead, both are trusted; removing it shows the
    // command line's again.
    QTemporaryDir other;
    ASSERT_TRUE(makeDeviceCertificates(other.path()));
    ASSERT_TRUE(trust.pin(QUrl::fromLocalFile(other.filePath(u"ca.pem"_s))));
    EXPECT_EQ(trust.source(), u"app"_s);
    EXPECT_EQ(trust.fingerprint(), sha256Of(other.filePath(u"ca.der"_s)));
    EXPECT_TRUE(trusts(cert("ca.pem")));
    EXPECT_TRUE(trusts(other.filePath(u"ca.pem"_s)));
    ASSERT_TRUE(trust.removePin());
    EXPECT_EQ(trust.source(), u"command_line"_s);
    EXPECT_TRUE(trusts(cert("ca.pem")));
    EXPECT_FALSE(trusts(other.filePath(u"ca.pem"_s)));
}

TEST_F(ServerTrustTest, ACommandLineFileWithoutCertificatesIsReported)
{
    app::ServerTrust junk({ m_data.path(), cert("junk.pem") });
    EXPECT_TRUE(junk.commandLineError().contains(u"holds no PEM or DER certificate"_s))
        << junk.commandLineError().toStdString();
    EXPECT_FALSE(junk.pinned());
    app::ServerTrust missing({ m_data.path(), cert("missing.pem") });
    EXPECT_TRUE(missing.commandLineError().contains(u"cannot read"_s));
}

/// The app's login (SessionController) through nginx with the CA pinned from ServerTrust.
class ServerTrustTlsTest : public DeviceTlsTest {
protected:
    /// Logs in through the app's SessionController at `url`; the error code ("" when signed in).
    QString appLogin(const QString& url)
    {
        app::SessionController::Options o;
        o.dataDir = m_appData.path();
        o.serverUrl = url;
        app::SessionController session(o);
        QSignalSpy finished(&session, &app::SessionController::loginFinished);
        session.login(u"zhao"_s, QString::fromUtf8(LivePassword));
        EXPECT_TRUE(finished.count() > 0 || finished.wait(30000));
        if (session.signedIn())
            session.logout();
        return session.errorCode();
    }
    QString site(const char* name, const QString& host = u"localhost"_s) const
    {
        return u"https://%1:%2"_s.arg(host).arg(m_ports.value(QString::fromLatin1(name)));
    }

    QTemporaryDir m_appData;
};

TEST_F(ServerTrustTlsTest, PinnedFromTheControllerLoginAndSyncSucceedOverHttps)
{
    EXPECT_EQ(appLogin(site("good")), u"certificate_untrusted"_s);
    {
        app::ServerTrust trust({ m_appData.path(), {} });
        ASSERT_TRUE(trust.pin(QUrl::fromLocalFile(caFile())));
        EXPECT_EQ(appLogin(site("good")), QString());
        auto supervisor = openEngine(httpsOptions(u"phone-zhao"_s, "good"), u"zhao"_s);
        ASSERT_TRUE(supervisor && supervisor->hasSession());
        registerEnterprise(*supervisor, 1, u"Riverside"_s);
    }
    // After a restart the stored pin is trusted again: a second device syncs what was pushed.
    QSslConfiguration::setDefaultConfiguration(m_defaultTls);
    app::ServerTrust restarted({ m_appData.path(), {} });
    ASSERT_TRUE(restarted.pinned());
    auto second = openEngine(httpsOptions(u"tablet-zhao"_s, "good", u"127.0.0.1"_s), u"zhao"_s);
    ASSERT_TRUE(second);
    syncOk(*second);
    const auto pulled = second->store().record(u"enterprise"_s, enterpriseCode(1));
    ASSERT_TRUE(pulled.ok());
    EXPECT_TRUE(pulled->has_value());

    // Removed: the server is untrusted again.
    ASSERT_TRUE(restarted.removePin());
    EXPECT_EQ(appLogin(site("good", u"127.0.0.1"_s)), u"certificate_untrusted"_s);
}

TEST_F(ServerTrustTlsTest, EachBadCertificateIsRefusedWithItsOwnReasonDespiteThePin)
{
    app::ServerTrust trust({ m_appData.path(), {} });
    ASSERT_TRUE(trust.pin(QUrl::fromLocalFile(caFile())));
    EXPECT_EQ(appLogin(site("self")), u"certificate_untrusted"_s);
    EXPECT_EQ(appLogin(site("other")), u"certificate_wrong_host"_s);
    EXPECT_EQ(appLogin(site("old")), u"certificate_expired"_s);
    EXPECT_EQ(appLogin(u"http://192.0.2.1:%1"_s.arg(m_server.port())), u"insecure_server"_s);
    EXPECT_FALSE(QFile::exists(m_appData.filePath(u"session.json"_s)));
}

TEST_F(ServerTrustTlsTest, RemovingThePinStopsARunningSyncAtItsNextCycle)
{
    app::ServerTrust trust({ m_appData.path(), {} });
    ASSERT_TRUE(trust.pin(QUrl::fromLocalFile(caFile())));
    app::SessionController session({ m_appData.path(), site("good"), {} });
    app::DeviceStore store(nullptr);
    app::SyncCenter center(nullptr);
    app::SyncCenter::Settings settings;
    settings.scheduler.debounce = std::chrono::milliseconds(150);
    settings.scheduler.period = std::chrono::hours(1);
    settings.scheduler.useReachability = false;
    settings.scheduler.backoff
        = sync::Backoff(std::chrono::minutes(10), std::chrono::minutes(10), 1);
    center.attach(&session, &store, settings);
    center.followTrust(&trust); // as the launcher wires them

    QSignalSpy cycles(&center, &app::SyncCenter::cycleFinished);
    QSignalSpy loggedIn(&session, &app::SessionController::loginFinished);
    session.login(u"zhao"_s, QString::fromUtf8(LivePassword));
    ASSERT_TRUE(loggedIn.wait(30000));
    ASSERT_TRUE(loggedIn.first().first().toBool()) << session.errorCode().toStdString();
    ASSERT_TRUE(cycles.count() > 0 || cycles.wait(60000));
    ASSERT_TRUE(cycles.last().first().toBool()) << center.lastError().toStdString();

    // The connection the cycle used is still open; the next cycle must not reuse it.
    ASSERT_TRUE(trust.removePin());
    cycles.clear();
    center.requestSync();
    ASSERT_TRUE(cycles.wait(60000));
    EXPECT_FALSE(cycles.last().first().toBool());
    EXPECT_EQ(center.errorReason(), u"certificate_untrusted"_s);
    EXPECT_EQ(center.syncState(), app::SyncState::Error);

    // Pinned again, sync resumes.
    ASSERT_TRUE(trust.pin(QUrl::fromLocalFile(caFile())));
    cycles.clear();
    center.requestSync();
    ASSERT_TRUE(cycles.wait(60000));
    EXPECT_TRUE(cycles.last().first().toBool()) << center.lastError().toStdString();
    EXPECT_EQ(center.errorReason(), QString());
    center.stopSync();
}

} // namespace
} // namespace safeloop::test
