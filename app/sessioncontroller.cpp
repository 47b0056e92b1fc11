#include "sessioncontroller.h"

#include "sessionstore.h"

#include "sync/apiclient.h"
#include "sync/httptransport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJSEngine>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSession, "safeloop.app.session")

namespace safeloop::app {

namespace {

QPointer<SessionController> g_instance;
SessionController::Options g_pendingOptions;

constexpr auto DeviceFile = "device.json";
constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

/// Writes `object` atomically, readable by this user only: the file holds tokens.
bool writeOwnerOnly(const QString& dir, const QString& name, const QJsonObject& object)
{
    if (!QDir().mkpath(dir))
        return false;
    QFile::setPermissions(dir, OwnerOnly | QFileDevice::ExeOwner);
    const QString path = QDir(dir).filePath(name);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return false;
    return QFile::setPermissions(path, OwnerOnly);
}

sync::HttpRequest jsonPost(
    const QString& path, const QJsonObject& body, std::chrono::seconds timeout)
{
    sync::HttpRequest request;
    request.method = "POST";
    request.path = path;
    request.timeout = timeout;
    if (!body.isEmpty()) {
        request.contentType = "application/json";
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    return request;
}

QString normalisedUrl(const QString& url)
{
    QString u = url.trimmed();
    if (!u.isEmpty() && !u.contains(u"://"_s))
        u.prepend(u"http://"_s);
    while (u.endsWith(u'/'))
        u.chop(1);
    return u;
}

} // namespace

struct SessionController::LoginOutcome {
    bool ok = false;
    QString errorCode;
    int retryAfterSeconds = 0;
    sync::Session session;
    QString badge;
    QString username;
};

SessionController::SessionController(Options options, QObject* parent)
    : QObject(parent)
    , m_dataDir(resolveDataDir(options.dataDir))
    , m_demoAccounts(options.demoAccounts)
    , m_network(new QNetworkAccessManager(this))
{
    // Redirects are never part of the API; following one could leak the Authorization header.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    loadDevice();
    const QString remembered = m_serverUrl;
    if (!options.serverUrl.isEmpty())
        m_serverUrl = normalisedUrl(options.serverUrl);
    saveDevice();
    loadSession();
    if (m_session && !remembered.isEmpty() && remembered != m_serverUrl) {
        // Started with another --server: the stored login belongs to the old server.
        qCInfo(lcSession) << "the server address changed; signing out of the previous server";
        signOut(remembered);
        setError(u"server_changed"_s, 0);
    }
}

SessionController::~SessionController()
{
    // Requests still running (a logout waiting for a silent server) are aborted; their answers
    // are not delivered to this object any more.
    const auto replies = m_network->findChildren<QNetworkReply*>();
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
    }
    delete m_network;
    m_network = nullptr;
}

bool parseDemoAccount(const QString& spec, DemoAccount* account)
{
    const qsizetype eq = spec.indexOf(u'=');
    const QString credentials = eq < 0 ? spec : spec.mid(eq + 1);
    const qsizetype colon = credentials.indexOf(u':');
    if (colon <= 0)
        return false;
    account->role = eq < 0 ? QString() : spec.left(eq).trimmed();
    account->username = credentials.left(colon);
    account->password = credentials.mid(colon + 1);
    return !account->password.isEmpty();
}

QVariantList SessionController::demoAccounts() const
{
    QVariantList out;
    for (const DemoAccount& a : m_demoAccounts)
        out.append(QVariantMap {
            { u"role"_s, a.role }, { u"username"_s, a.username }, { u"password"_s, a.password } });
    return out;
}

QString SessionController::resolveDataDir(const QString& configured)
{
    if (!configured.isEmpty())
        return configured;
    const QString fromEnv = qEnvironmentVariable("SAFELOOP_DATA_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

SessionController* SessionController::setup(Options options)
{
    g_pendingOptions = std::move(options);
    if (!g_instance)
        g_instance = new SessionController(g_pendingOptions, QCoreApplication::instance());
    return g_instance;
}

SessionController* SessionController::instance()
{
    if (!g_instance)
        g_instance = new SessionController(g_pendingOptions, QCoreApplication::instance());
    return g_instance;
}

SessionController* SessionController::create(QQmlEngine*, QJSEngine*)
{
    SessionController* controller = instance();
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

void SessionController::loadDevice()
{
    const QJsonObject device = readJson(QDir(m_dataDir).filePath(QLatin1String(DeviceFile)));
    m_deviceId = device[u"device_id"_s].toString();
    if (QUuid::fromString(m_deviceId).isNull())
        m_deviceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_deviceName = device[u"device_name"_s].toString();
    if (m_deviceName.isEmpty())
        m_deviceName = QSysInfo::machineHostName().isEmpty()
            ? u"SafeLoop"_s
            : u"SafeLoop %1"_s.arg(QSysInfo::machineHostName());
    m_serverUrl = device[u"server_url"_s].toString();
    m_lastUsername = device[u"last_username"_s].toString();
}

void SessionController::saveDevice() const
{
    const QJsonObject device { { u"device_id"_s, m_deviceId }, { u"device_name"_s, m_deviceName },
        { u"server_url"_s, m_serverUrl }, { u"last_username"_s, m_lastUsername } };
    if (!writeOwnerOnly(m_dataDir, QLatin1String(DeviceFile), device))
        qCWarning(lcSession) << "cannot save the device settings under" << m_dataDir;
}

void SessionController::loadSession()
{
    const SessionStore::Stored stored = SessionStore::load(m_dataDir);
    m_badge = stored.badge;
    if (stored.session.isValid() && !stored.session.user.role.isEmpty())
        m_session = std::make_unique<sync::Session>(stored.session);
}

bool SessionController::signedIn() const
{
    return m_session && m_session->isValid();
}

void SessionController::setServerUrl(const QString& url)
{
    const QString normalised = normalisedUrl(url);
    if (normalised == m_serverUrl)
        return;
    const QString previous = m_serverUrl;
    m_serverUrl = normalised;
    saveDevice();
    Q_EMIT serverUrlChanged();
    if (m_session) {
        // The login was made with the previous server: stop syncing there and ask for a new
        // login. Unsynced records stay in the user's directory on this device.
        qCInfo(lcSession) << "the server address changed while signed in; signing out";
        signOut(previous);
        setError(u"server_changed"_s, 0);
    }
}

void SessionController::setDeviceName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed == m_deviceName)
        return;
    m_deviceName = trimmed;
    saveDevice();
    Q_EMIT deviceNameChanged();
}

QString SessionController::userId() const
{
    return m_session ? m_session->user.id : QString();
}

QString SessionController::userName() const
{
    return m_session ? m_session->user.name : QString();
}

QString SessionController::role() const
{
    return m_session ? m_session->user.role : QString();
}

QString SessionController::badge() const
{
    return m_session ? m_badge : QString();
}

QString SessionController::enterpriseId() const
{
    return m_session ? m_session->user.enterpriseId : QString();
}

void SessionController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void SessionController::setError(const QString& code, int retryAfterSeconds)
{
    if (code == m_errorCode && retryAfterSeconds == m_retryAfterSeconds)
        return;
    m_errorCode = code;
    m_retryAfterSeconds = retryAfterSeconds;
    Q_EMIT errorChanged();
}

void SessionController::clearError()
{
    setError(QString(), 0);
}

void SessionController::dropConnections()
{
    m_network->clearConnectionCache();
}

void SessionController::finishEarly()
{
    // Same order as a network answer: the caller may connect after calling login().
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT loginFinished(false); }, Qt::QueuedConnection);
}

void SessionController::send(const QString& serverUrl, const sync::HttpRequest& request,
    std::function<void(const sync::HttpResponse&)> done)
{
    QNetworkReply* reply = sync::startRequest(*m_network, QUrl(serverUrl), request);
    // The deadline lives on the reply: gone with it, never firing into a destroyed controller.
    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply, deadline] {
        deadline->setProperty("gaveUp", true);
        reply->abort();
    });
    deadline->start(request.timeout);
    const QByteArray method = request.method;
    const double seconds = static_cast<double>(request.timeout.count()) / 1000.0;
    connect(reply, &QNetworkReply::finished, this,
        [reply, deadline, method, seconds, done = std::move(done)] {
            deadline->stop();
            const QString gaveUp = deadline->property("gaveUp").toBool()
                ? u"the server did not answer within %1 s"_s.arg(seconds)
                : QString();
            const sync::HttpResponse response = sync::readReply(reply, method, gaveUp);
            reply->deleteLater();
            done(response);
        });
}

void SessionController::login(const QString& username, const QString& password)
{
    if (m_busy)
        return;
    const QUrl url(m_serverUrl);
    if (m_serverUrl.isEmpty() || !url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
        setError(u"invalid_server"_s, 0);
        finishEarly();
        return;
    }
    if (!sync::insecureUrlError(url).isEmpty()) {
        // Refused before any request: the password would cross the network readable.
        setError(u"insecure_server"_s, 0);
        finishEarly();
        return;
    }
    if (username.trimmed().isEmpty() || password.isEmpty()) {
        setError(u"missing_credentials"_s, 0);
        finishEarly();
        return;
    }
    clearError();
    setBusy(true);
    const QString user = username.trimmed();
    const int generation = ++m_loginGeneration;
    const sync::HttpRequest request = jsonPost(u"/api/v1/auth/login"_s,
        QJsonObject { { u"username"_s, user }, { u"password"_s, password },
            { u"device_id"_s, m_deviceId }, { u"device_name"_s, m_deviceName } },
        std::chrono::seconds(30));
    send(m_serverUrl, request,
        [this, generation, user, serverUrl = m_serverUrl, dataDir = m_dataDir](
            const sync::HttpResponse& response) {
            if (generation != m_loginGeneration)
                return;
            LoginOutcome outcome;
            outcome.username = user;
            const QJsonObject body = response.json.isNull()
                ? QJsonDocument::fromJson(response.body).object()
                : response.json.object();
            if (serverUrl != m_serverUrl) {
                // The address changed while the answer was on its way: the login is not used.
                outcome.errorCode = u"server_changed"_s;
            } else if (response.status == 200) {
                sync::Session session;
                session.accessToken = body[u"access_token"_s].toString();
                session.refreshToken = body[u"refresh_token"_s].toString();
                session.accessExpiresAt
                    = QDateTime::currentDateTimeUtc().addSecs(body[u"expires_in"_s].toInteger(900));
                const QJsonObject u = body[u"user"_s].toObject();
                session.user = sync::SessionUser { u[u"id"_s].toString(), u[u"name"_s].toString(),
                    u[u"role"_s].toString(), u[u"enterprise_id"_s].toString() };
                if (session.accessToken.isEmpty() || session.refreshToken.isEmpty()
                    || session.user.role.isEmpty()) {
                    outcome.errorCode = u"server_too_old"_s;
                } else {
                    outcome.ok = true;
                    outcome.badge = u[u"badge"_s].toString();
                    outcome.session = session;
                    // Persist before anyone uses the tokens, as ApiClient does on refresh.
                    if (!SessionStore::save(dataDir, { session, outcome.badge }))
                        qCWarning(lcSession) << "cannot save the device login under" << dataDir;
                }
            } else {
                const QString code = body[u"error"_s].toObject()[u"code"_s].toString();
                switch (response.status) {
                case 0:
                    outcome.errorCode
                        = response.refusal.isEmpty() ? u"offline"_s : response.refusal;
                    break;
                case 502:
                case 504:
                    outcome.errorCode = u"offline"_s;
                    break;
                case 401:
                    outcome.errorCode = u"invalid_credentials"_s;
                    break;
                case 403:
                    outcome.errorCode
                        = code == u"account_disabled"_s ? code : u"invalid_credentials"_s;
                    break;
                case 404:
                case 405:
                    outcome.errorCode = u"server_too_old"_s;
                    break;
                case 426:
                    outcome.errorCode = u"client_too_old"_s;
                    break;
                case 429:
                case 503: {
                    outcome.errorCode = response.status == 429 ? u"rate_limited"_s : u"busy"_s;
                    const auto wait = response.retryAfter();
                    outcome.retryAfterSeconds
                        = wait ? static_cast<int>((wait->count() + 999) / 1000) : 60;
                    break;
                }
                default:
                    outcome.errorCode = u"failed"_s;
                }
                qCInfo(lcSession) << "login refused:" << response.status << outcome.errorCode;
            }
            finishLogin(outcome);
        });
}

void SessionController::finishLogin(const LoginOutcome& outcome)
{
    setBusy(false);
    if (!outcome.ok) {
        setError(outcome.errorCode, outcome.retryAfterSeconds);
        Q_EMIT loginFinished(false);
        return;
    }
    m_session = std::make_unique<sync::Session>(outcome.session);
    m_badge = outcome.badge;
    m_lastUsername = outcome.username;
    saveDevice();
    Q_EMIT sessionChanged();
    Q_EMIT loginFinished(true);
}

void SessionController::logout()
{
    if (m_busy || !m_session)
        return;
    signOut(m_serverUrl);
}

void SessionController::signOut(const QString& serverUrl)
{
    // Sync stops first (it may be rotating the tokens right now; stopping cancels its request
    // instead of waiting for it); then the tokens leave the disk at once. The outbox and local
    // records are not touched.
    Q_EMIT signingOut();
    sync::Session old = *m_session;
    const SessionStore::Stored stored = SessionStore::take(m_dataDir);
    if (stored.session.isValid())
        old = stored.session; // the newest rotation, possibly made by the sync engine
    m_session.reset();
    m_badge.clear();
    Q_EMIT sessionChanged();
    revoke(serverUrl, old);
}

void SessionController::revoke(const QString& serverUrl, const sync::Session& old)
{
    auto finished = [this] { Q_EMIT logoutFinished(); };
    if (serverUrl.isEmpty() || !old.isValid()) {
        QMetaObject::invokeMethod(this, finished, Qt::QueuedConnection);
        return;
    }
    // Revoking never writes the session store, so a login made meanwhile keeps its tokens.
    auto logoutWith = [this, serverUrl, finished](const QString& accessToken) {
        sync::HttpRequest request
            = jsonPost(u"/api/v1/auth/logout"_s, {}, std::chrono::seconds(10));
        request.headers.append({ "Authorization", "Bearer " + accessToken.toUtf8() });
        // Best effort: offline just means the login stays until its refresh token expires.
        send(serverUrl, request, [finished](const sync::HttpResponse& response) {
            if (response.status != 204)
                qCInfo(lcSession) << "the server was not told about the logout:" << response.status;
            finished();
        });
    };
    if (!old.accessToken.isEmpty()
        && old.accessExpiresAt > QDateTime::currentDateTimeUtc().addSecs(30)) {
        logoutWith(old.accessToken);
        return;
    }
    // An expired access token cannot revoke: renew it first (fails fast offline).
    const sync::HttpRequest refresh = jsonPost(u"/api/v1/auth/refresh"_s,
        QJsonObject { { u"refresh_token"_s, old.refreshToken }, { u"device_id"_s, m_deviceId } },
        std::chrono::seconds(10));
    send(serverUrl, refresh, [logoutWith, finished](const sync::HttpResponse& response) {
        const QString access = response.status == 200 && response.json.isObject()
            ? response.json.object()[u"access_token"_s].toString()
            : QString();
        if (access.isEmpty())
            finished();
        else
            logoutWith(access);
    });
}

} // namespace safeloop::app
