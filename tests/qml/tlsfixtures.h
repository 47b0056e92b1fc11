#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

/// Certificates made with openssl (tests/support/devicecertificates.h) for the login page's
/// server certificate, and sync failures reported as the sync engine reports them, for the QML
/// tests (QML singleton `TlsFixtures` of the test-only module SafeLoop.TestFixtures).
class TlsFixtures : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit TlsFixtures(QObject* parent = nullptr);
    ~TlsFixtures() override;

    /// The file URL of certificate `name` ("ca.pem", "good.pem", "junk.pem", …), made on first
    /// use; empty when openssl failed.
    Q_INVOKABLE QUrl certificate(const QString& name);
    /// The SHA-256 fingerprint of the test CA as openssl prints it (colon-separated hex).
    Q_INVOKABLE QString caFingerprint();
    /// The app's sync status as after a cycle that failed for `reason` (SyncStatus::reason).
    Q_INVOKABLE void failSync(const QString& reason, const QString& detail = {}, int wait = 0);
    /// The app's sync status as after a successful cycle.
    Q_INVOKABLE void succeedSync();

private:
    bool ensure();
    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_made = false;
};
