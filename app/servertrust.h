#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;

namespace safeloop::app {

/// The CA certificate this device trusts for the server's HTTPS certificate besides the
/// system's (the login page's "服务器证书"): an operator or inspector picks the district's CA
/// file (PEM or DER), compares the subject, issuer, validity and SHA-256 fingerprint shown with
/// what the district's IT gave them, and the pin is kept in the app data directory
/// (`server-ca.pem` beside device.json) across restarts. A CA pinned on the command line
/// (`--ca-file`, SAFELOOP_CA_FILE) is trusted as well and shown the same way; only the
/// operator's command line removes it. A file that is not a certificate, holds several, is not
/// a CA or is outside its validity is refused (errorCode) and changes nothing.
class ServerTrust : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// True while a pinned CA (from the app or the command line) is trusted.
    Q_PROPERTY(bool pinned READ pinned NOTIFY changed)
    /// "app" (picked on this device), "command_line" (--ca-file) or "" (none).
    Q_PROPERTY(QString source READ source NOTIFY changed)
    /// The shown CA's subject and issuer, e.g. "CN=District CA, O=Safety Bureau".
    Q_PROPERTY(QString subject READ subject NOTIFY changed)
    Q_PROPERTY(QString issuer READ issuer NOTIFY changed)
    /// The shown CA's validity (UTC).
    Q_PROPERTY(QDateTime validFrom READ validFrom NOTIFY changed)
    Q_PROPERTY(QDateTime validUntil READ validUntil NOTIFY changed)
    /// SHA-256 of the shown CA's DER bytes as colon-separated upper-case hex pairs.
    Q_PROPERTY(QString fingerprint READ fingerprint NOTIFY changed)
    /// Further certificates of the command-line file beyond the one shown.
    Q_PROPERTY(int moreCount READ moreCount NOTIFY changed)
    /// Why the last pin() was refused: "", "unreadable", "not_certificate",
    /// "several_certificates", "not_ca", "expired", "not_yet_valid"; "remove_failed" when the
    /// stored pin could not be deleted.
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)

public:
    struct Options {
        /// Where the pin is kept; empty = SessionController::resolveDataDir("").
        QString dataDir;
        /// The operator's command-line CA file (--ca-file); empty when none.
        QString commandLineFile;
    };

    /// Reads the stored pin and the command-line file and trusts them (sync::
    /// setPinnedCaCertificates). A command-line file without a certificate leaves
    /// commandLineError() set and trusts the stored pin only.
    explicit ServerTrust(Options options, QObject* parent = nullptr);

    /// Creates the process-wide instance (the launcher, before QML loads); the error of the
    /// command-line file in plain words, or empty.
    static QString setup(Options options);
    /// The process-wide instance; created with default options on first use.
    static ServerTrust* instance();
    /// QML singleton factory: every engine shares instance().
    static ServerTrust* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    /// Certificates in `data`, PEM or DER (empty when none).
    static QList<QSslCertificate> certificatesIn(const QByteArray& data);
    /// Why `certificate` must not be pinned on `now` (an errorCode value), or empty.
    static QString refusalFor(const QSslCertificate& certificate, const QDateTime& now);
    /// "CN=…, O=…, OU=…" of a subject or issuer.
    static QString distinguishedName(const QSslCertificate& certificate, bool issuer);

    bool pinned() const { return !shown().isNull(); }
    QString source() const;
    QString subject() const { return distinguishedName(shown(), false); }
    QString issuer() const { return distinguishedName(shown(), true); }
    QDateTime validFrom() const { return shown().effectiveDate(); }
    QDateTime validUntil() const { return shown().expiryDate(); }
    QString fingerprint() const;
    int moreCount() const;
    QString errorCode() const { return m_errorCode; }
    /// The plain-words problem of the command-line file, or empty.
    QString commandLineError() const { return m_commandLineError; }
    QString storedPath() const;

    /// Pins the CA certificate in `file` (a local file URL or path), replacing the pin picked
    /// before. False with errorCode set when it is refused; nothing changes then.
    Q_INVOKABLE bool pin(const QUrl& file);
    /// Removes the pin picked on this device (the command-line one stays). False when there
    /// is none or it cannot be deleted.
    Q_INVOKABLE bool removePin();
    /// Clears errorCode (the user picks again or leaves).
    Q_INVOKABLE void clearError();

Q_SIGNALS:
    void changed();
    void errorChanged();

private:
    QSslCertificate shown() const;
    void apply();
    void setError(const QString& code);

    QString m_dataDir;
    QSslCertificate m_appPin;
    QList<QSslCertificate> m_commandLinePins;
    QString m_commandLineError;
    QString m_errorCode;
};

} // namespace safeloop::app
