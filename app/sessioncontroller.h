#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class QJSEngine;
class QNetworkAccessManager;
class QNetworkReply;
class QQmlEngine;

namespace safeloop::sync {
struct HttpRequest;
struct HttpResponse;
struct Session;
} // namespace safeloop::sync

namespace safeloop::app {

/// Who is signed in on this device, against which server. Logs in and out with asynchronous
/// A login the login page offers with one tap: the demo district's accounts, passed by the demo
/// script (`--demo-account role=user:password`). Never set on a real device.
struct DemoAccount {
    QString role;
    QString username;
    QString password;
};

/// Reads "role=user:password" (the role may be left out: "user:password"). False when the
/// shape is wrong or the password is empty.
bool parseDemoAccount(const QString& spec, DemoAccount* account);

/// requests on the UI thread (no nested event loop; destroying the controller aborts them and
/// their answers are dropped), remembers the device and the session in owner-only files under
/// the app data directory, and restores the session at start so the app works offline.
/// A device login belongs to one server: changing the server address while signed in (settings
/// or `--server`) signs out — the old server is asked to revoke the login — and keeps every
/// unsynced record on the device (errorCode "server_changed" says so on the login page).
class SessionController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// True while a device login exists (also offline, restored from disk).
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY sessionChanged)
    /// True while a login request runs.
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    /// Central server address, remembered from `--server` or the login form.
    Q_PROPERTY(QString serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    /// This install's device id (UUID generated once and remembered).
    Q_PROPERTY(QString deviceId READ deviceId CONSTANT)
    /// Name of this device as the server and supervisors see it.
    Q_PROPERTY(QString deviceName READ deviceName WRITE setDeviceName NOTIFY deviceNameChanged)
    /// The user name of the last successful login (pre-fills the form).
    Q_PROPERTY(QString lastUsername READ lastUsername NOTIFY sessionChanged)
    /// Signed-in user's server id, display name, role, badge and enterprise id.
    Q_PROPERTY(QString userId READ userId NOTIFY sessionChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY sessionChanged)
    /// "inspector", "enterprise", "supervisor" or "admin"; empty when signed out.
    Q_PROPERTY(QString role READ role NOTIFY sessionChanged)
    /// Inspector badge number (执法证号) when the server sends one; empty otherwise.
    Q_PROPERTY(QString badge READ badge NOTIFY sessionChanged)
    Q_PROPERTY(QString enterpriseId READ enterpriseId NOTIFY sessionChanged)
    /// Why the last login failed: "", "invalid_credentials", "offline", "rate_limited",
    /// "account_disabled", "server_too_old", "client_too_old", "invalid_server", "failed";
    /// "server_changed" after a change of the server address signed the user out.
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
    /// Seconds to wait before the next attempt (from Retry-After) for "rate_limited".
    Q_PROPERTY(int retryAfterSeconds READ retryAfterSeconds NOTIFY errorChanged)
    /// The demo accounts the login page offers: [{role, username, password}]; empty unless the
    /// app was started with --demo-account.
    Q_PROPERTY(QVariantList demoAccounts READ demoAccounts CONSTANT)

public:
    struct Options {
        /// Where device.json and session.json live; empty = QStandardPaths::AppDataLocation,
        /// overridden by the SAFELOOP_DATA_DIR environment variable.
        QString dataDir;
        /// Server address from the command line; replaces the remembered one when set.
        QString serverUrl;
        /// Accounts the login page offers (the demo script's); empty on a real device.
        QList<DemoAccount> demoAccounts;
    };

    explicit SessionController(Options options, QObject* parent = nullptr);
    ~SessionController() override;

    /// Creates the process-wide instance (the launcher calls this before loading QML).
    static SessionController* setup(Options options);
    /// The process-wide instance; created with default options on first use.
    static SessionController* instance();
    /// QML singleton factory: every engine shares instance().
    static SessionController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);
    /// The data directory chosen for `options` (env and defaults applied).
    static QString resolveDataDir(const QString& configured);

    bool signedIn() const;
    bool busy() const { return m_busy; }
    QString serverUrl() const { return m_serverUrl; }
    /// Remembers the address. While signed in to another address this signs out first (sync
    /// stops, the old server revokes the login, unsynced work stays): a login never travels to a
    /// server it was not made with.
    void setServerUrl(const QString& url);
    QString deviceId() const { return m_deviceId; }
    QString deviceName() const { return m_deviceName; }
    void setDeviceName(const QString& name);
    QString lastUsername() const { return m_lastUsername; }
    QString userId() const;
    QString userName() const;
    QString role() const;
    QString badge() const;
    QString enterpriseId() const;
    QString errorCode() const { return m_errorCode; }
    int retryAfterSeconds() const { return m_retryAfterSeconds; }
    QString dataDir() const { return m_dataDir; }
    QVariantList demoAccounts() const;

    /// Logs in on the worker thread; ends with loginFinished(ok). Ignored while busy.
    Q_INVOKABLE void login(const QString& username, const QString& password);
    /// Forgets the tokens at once (unsynced local work stays), then revokes the device login on
    /// the server in the background when it is reachable; emits logoutFinished() after that.
    Q_INVOKABLE void logout();
    /// Clears the login error (the user edits the form).
    Q_INVOKABLE void clearError();
    /// Closes the kept-alive connections to the server (the trusted CAs changed): the next
    /// request connects, and checks the certificate, anew.
    void dropConnections();

Q_SIGNALS:
    void sessionChanged();
    void busyChanged();
    void serverUrlChanged();
    void deviceNameChanged();
    void errorChanged();
    void loginFinished(bool ok);
    /// Emitted at the start of logout(), before the tokens are removed: sync must stop now.
    void signingOut();
    void logoutFinished();

private:
    struct LoginOutcome;
    void loadDevice();
    void saveDevice() const;
    void loadSession();
    void finishLogin(const LoginOutcome& outcome);
    void finishEarly();
    void setBusy(bool busy);
    void setError(const QString& code, int retryAfterSeconds);
    /// Stops sync, removes the tokens at once and revokes `old` on `serverUrl` in the background.
    void signOut(const QString& serverUrl);
    /// Revokes a device login on the server (best effort; refreshes an expired access token
    /// first), then emits logoutFinished().
    void revoke(const QString& serverUrl, const sync::Session& old);
    /// Sends `request` to `serverUrl` without blocking; `done` runs on this thread with the
    /// answer unless the controller is destroyed first (the request is aborted then).
    void send(const QString& serverUrl, const sync::HttpRequest& request,
        std::function<void(const sync::HttpResponse&)> done);

    QString m_dataDir;
    QList<DemoAccount> m_demoAccounts;
    QString m_serverUrl;
    QString m_deviceId;
    QString m_deviceName;
    QString m_lastUsername;
    QString m_badge;
    std::unique_ptr<sync::Session> m_session;
    bool m_busy = false;
    QString m_errorCode;
    int m_retryAfterSeconds = 0;

    QNetworkAccessManager* m_network = nullptr; ///< owned; its running replies die with it
    int m_loginGeneration = 0; ///< an answer of an older login attempt is ignored
};

} // namespace safeloop::app
