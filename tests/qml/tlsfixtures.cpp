#include "tlsfixtures.h"

#include "tests/support/devicecertificates.h"

#include "app/synccenter.h"

#include <QDateTime>
#include <QProcess>

using namespace Qt::StringLiterals;

TlsFixtures::TlsFixtures(QObject* parent)
    : QObject(parent)
{
}

TlsFixtures::~TlsFixtures() = default;

bool TlsFixtures::ensure()
{
    if (!m_dir) {
        m_dir = std::make_unique<QTemporaryDir>();
        QString log;
        m_made = m_dir->isValid() && safeloop::test::makeDeviceCertificates(m_dir->path(), &log);
        if (!m_made)
            qWarning("openssl could not make the test certificates: %s", qPrintable(log));
    }
    return m_made;
}

QUrl TlsFixtures::certificate(const QString& name)
{
    return ensure() ? QUrl::fromLocalFile(m_dir->filePath(name)) : QUrl();
}

QString TlsFixtures::caFingerprint()
{
    if (!ensure())
        return {};
    QProcess openssl;
    openssl.start(u"openssl"_s,
        { u"x509"_s, u"-in"_s, m_dir->filePath(u"ca.pem"_s), u"-noout"_s, u"-fingerprint"_s,
            u"-sha256"_s });
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
        return {};
    // "sha256 Fingerprint=AB:CD:…"
    const QString out = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
    return out.mid(out.indexOf(u'=') + 1);
}

void TlsFixtures::failSync(const QString& reason, const QString& detail, int wait)
{
    safeloop::app::SyncCenter::instance()->status()->cycleFailedBecause(
        safeloop::sync::SyncStatus::State::Error, reason, detail, wait, u"(English)"_s);
}

void TlsFixtures::succeedSync()
{
    safeloop::app::SyncCenter::instance()->status()->cycleSucceeded(
        QDateTime::currentDateTimeUtc());
}
