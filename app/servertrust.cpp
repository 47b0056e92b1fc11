#include "servertrust.h"

#include "sessioncontroller.h"

#include "sync/httptransport.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>
#include <QSslCertificateExtension>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTrust, "safeloop.app.trust")

namespace safeloop::app {

namespace {

QPointer<ServerTrust> g_instance;
ServerTrust::Options g_pendingOptions;

constexpr auto PinFile = "server-ca.pem";

/// Whether the certificate says it may issue others (basicConstraints CA:TRUE).
bool isCa(const QSslCertificate& certificate)
{
    const auto extensions = certificate.extensions();
    for (const QSslCertificateExtension& e : extensions)
        if (e.name() == u"basicConstraints"_s)
            return e.value().toMap().value(u"ca"_s).toBool();
    return false;
}

} // namespace

ServerTrust::ServerTrust(Options options, QObject* parent)
    : QObject(parent)
    , m_dataDir(SessionController::resolveDataDir(options.dataDir))
{
    QFile stored(storedPath());
    if (stored.open(QIODevice::ReadOnly)) {
        const auto pins = certificatesIn(stored.readAll());
        if (pins.size() == 1)
            m_appPin = pins.constFirst();
        else
            qCWarning(lcTrust) << "the stored server CA is unreadable; ignoring it";
    }
    if (!options.commandLineFile.isEmpty()) {
        QFile file(options.commandLineFile);
        if (!file.open(QIODevice::ReadOnly))
            m_commandLineError = u"cannot read the CA certificate file %1: %2"_s.arg(
                options.commandLineFile, file.errorString());
        else if (m_commandLinePins = certificatesIn(file.readAll()); m_commandLinePins.isEmpty())
            m_commandLineError
                = u"%1 holds no PEM or DER certificate"_s.arg(options.commandLineFile);
    }
    apply();
}

QString ServerTrust::setup(Options options)
{
    g_pendingOptions = std::move(options);
    if (!g_instance)
        g_instance = new ServerTrust(g_pendingOptions, QCoreApplication::instance());
    return g_instance->commandLineError();
}

ServerTrust* ServerTrust::instance()
{
    if (!g_instance)
        g_instance = new ServerTrust(g_pendingOptions, QCoreApplication::instance());
    return g_instance;
}

ServerTrust* ServerTrust::create(QQmlEngine*, QJSEngine*)
{
    ServerTrust* trust = instance();
    QJSEngine::setObjectOwnership(trust, QJSEngine::CppOwnership);
    return trust;
}

QList<QSslCertificate> ServerTrust::certificatesIn(const QByteArray& data)
{
    QList<QSslCertificate> found = QSslCertificate::fromData(data, QSsl::Pem);
    if (found.isEmpty())
        found = QSslCertificate::fromData(data, QSsl::Der);
    found.removeIf([](const QSslCertificate& c) { return c.isNull(); });
    return found;
}

QString ServerTrust::refusalFor(const QSslCertificate& certificate, const QDateTime& now)
{
    if (certificate.isNull())
        return u"not_certificate"_s;
    if (!isCa(certificate))
        return u"not_ca"_s;
    if (certificate.expiryDate() < now)
        return u"expired"_s;
    if (certificate.effectiveDate() > now)
        return u"not_yet_valid"_s;
    return {};
}

QString ServerTrust::distinguishedName(const QSslCertificate& certificate, bool issuer)
{
    if (certificate.isNull())
        return {};
    static const QList<QPair<QByteArray, QString>> parts { { "CN", u"CN"_s }, { "O", u"O"_s },
        { "OU", u"OU"_s }, { "L", u"L"_s }, { "ST", u"ST"_s }, { "C", u"C"_s } };
    QStringList out;
    for (const auto& [attribute, label] : parts) {
        const QStringList values
            = issuer ? certificate.issuerInfo(attribute) : certificate.subjectInfo(attribute);
        for (const QString& v : values)
            out.append(label + u'=' + v);
    }
    return out.join(u", "_s);
}

QSslCertificate ServerTrust::shown() const
{
    if (!m_appPin.isNull())
        return m_appPin;
    return m_commandLinePins.isEmpty() ? QSslCertificate() : m_commandLinePins.constFirst();
}

QString ServerTrust::source() const
{
    if (!m_appPin.isNull())
        return u"app"_s;
    return m_commandLinePins.isEmpty() ? QString() : u"command_line"_s;
}

QString ServerTrust::fingerprint() const
{
    const QSslCertificate c = shown();
    return c.isNull()
        ? QString()
        : QString::fromLatin1(c.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

int ServerTrust::moreCount() const
{
    return m_appPin.isNull() && !m_commandLinePins.isEmpty()
        ? static_cast<int>(m_commandLinePins.size()) - 1
        : 0;
}

QString ServerTrust::storedPath() const
{
    return QDir(m_dataDir).filePath(QLatin1String(PinFile));
}

bool ServerTrust::pin(const QUrl& file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QFile in(path);
    if (path.isEmpty() || !in.open(QIODevice::ReadOnly)) {
        setError(u"unreadable"_s);
        return false;
    }
    const QList<QSslCertificate> found = certificatesIn(in.readAll());
    if (found.isEmpty()) {
        setError(u"not_certificate"_s);
        return false;
    }
    if (found.size() > 1) {
        setError(u"several_certificates"_s);
        return false;
    }
    const QSslCertificate certificate = found.constFirst();
    if (const QString refusal = refusalFor(certificate, QDateTime::currentDateTimeUtc());
        !refusal.isEmpty()) {
        setError(refusal);
        return false;
    }
    // Written before it is trusted: a pin the next start would not find is never shown.
    if (!QDir().mkpath(m_dataDir)) {
        setError(u"unreadable"_s);
        return false;
    }
    QSaveFile out(storedPath());
    if (!out.open(QIODevice::WriteOnly) || out.write(certificate.toPem()) < 0 || !out.commit()) {
        qCWarning(lcTrust) << "cannot store the server CA under" << m_dataDir;
        setError(u"unreadable"_s);
        return false;
    }
    m_appPin = certificate;
    apply();
    setError(QString());
    Q_EMIT changed();
    return true;
}

bool ServerTrust::removePin()
{
    if (m_appPin.isNull())
        return false;
    if (QFile::exists(storedPath()) && !QFile::remove(storedPath())) {
        setError(u"remove_failed"_s);
        return false;
    }
    m_appPin = QSslCertificate();
    apply();
    setError(QString());
    Q_EMIT changed();
    return true;
}

void ServerTrust::clearError()
{
    setError(QString());
}

void ServerTrust::apply()
{
    QList<QSslCertificate> trusted = m_commandLinePins;
    if (!m_appPin.isNull())
        trusted.append(m_appPin);
    sync::setPinnedCaCertificates(trusted);
}

void ServerTrust::setError(const QString& code)
{
    if (code == m_errorCode)
        return;
    m_errorCode = code;
    Q_EMIT errorChanged();
}

} // namespace safeloop::app
