#include "synccenter.h"

#include "devicestore.h"
#include "servertrust.h"
#include "sessioncontroller.h"
#include "sessionstore.h"

#include "core/rules.h"

#include <QCoreApplication>
#include <QDir>
#include <QJSEngine>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QVariant>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSyncCenter, "safeloop.app.sync")

namespace safeloop::app {

namespace {
QPointer<SyncCenter> g_instance;

/// Runs on the sync thread after a successful cycle: for every document kind with fewer than
/// `lowWater` numbers left this year, asks the server for a block of `perBlock` and stores it.
void topUpNumbers(sync::SyncEngine& engine, int perBlock, int lowWater)
{
    if (engine.user().role != u"inspector"_s)
        return;
    core::LocalStore& store = engine.store();
    const int year = core::rules::localDate(store.now()).year();
    for (const QString& kind : DeviceStore::documentKinds()) {
        auto left = DeviceStore::documentNumbersLeft(store, kind, year);
        if (!left || *left >= lowWater)
            continue;
        const auto reply = engine.api().call("POST", u"/api/v1/documents/numbers"_s,
            QJsonObject { { u"kind"_s, kind }, { u"count"_s, perBlock } });
        if (const auto* failure = std::get_if<sync::ApiFailure>(&reply)) {
            qCInfo(lcSyncCenter) << "no document number block for" << kind << failure->code;
            return; // try again after the next cycle
        }
        const QJsonObject block = std::get<sync::ApiReply>(reply).body;
        auto stored = DeviceStore::storeNumberBlock(store, block.value(u"kind"_s).toString(),
            block.value(u"year"_s).toInt(), block.value(u"prefix"_s).toString(),
            block.value(u"from"_s).toInteger(), block.value(u"to"_s).toInteger());
        if (!stored)
            qCWarning(lcSyncCenter)
                << "cannot store a document number block:" << stored.error().code;
    }
}

/// Runs on the sync thread after a successful cycle (inspectors, who print documents): stores
/// the district's names for documents (GET /api/v1/district) when they changed. A failure
/// keeps what the device had; the next cycle asks again.
void refreshDistrict(sync::SyncEngine& engine)
{
    if (engine.user().role != u"inspector"_s)
        return;
    const auto reply = engine.api().call("GET", u"/api/v1/district"_s, {});
    if (const auto* failure = std::get_if<sync::ApiFailure>(&reply)) {
        qCInfo(lcSyncCenter) << "no district profile:" << failure->code;
        return;
    }
    core::LocalStore& store = engine.store();
    const auto received = core::DistrictProfile::fromJson(std::get<sync::ApiReply>(reply).body);
    const auto held = store.districtProfile();
    if (held && *held == received)
        return;
    if (auto stored = store.setDistrictProfile(received); !stored)
        qCWarning(lcSyncCenter) << "cannot store the district profile:" << stored.error().code;
}

/// At most this many files downloaded after one cycle; the rest follow after the next ones.
constexpr int MaxFetchesPerCycle = 100;

/// Runs on the sync thread after a successful cycle: downloads the files the device shows but
/// does not hold yet, so that they open offline — the photos and signatures of the hazards in
/// the user's work and of their rectification events (the inspector's evidence on an
/// enterprise's task, the enterprise's after-photos on the inspector's re-inspection) and the
/// PDF of each rectification order (document.issue). An enterprise user's hazards all; everyone
/// else's those not closed yet. An enterprise user also gets the PDF of every document it
/// received (records, orders, re-inspection opinions). A failure is retried after the next cycle.
void fetchEvidence(sync::SyncEngine& engine)
{
    core::LocalStore& store = engine.store();
    auto hazards = store.records(u"hazard"_s);
    if (!hazards)
        return;
    const bool enterprise = engine.user().role == u"enterprise"_s;
    QStringList wanted;
    const auto want = [&](const QString& sha) {
        if (!sha.isEmpty() && !wanted.contains(sha) && !store.blobs().contains(sha))
            wanted.append(sha);
    };
    for (const auto& h : *hazards) {
        if (wanted.size() >= MaxFetchesPerCycle)
            break;
        if (!enterprise && h.value(u"status"_s).toString() == u"verified"_s)
            continue;
        want(h.value(u"order"_s).toObject().value(u"pdf"_s).toString());
        for (const QString& id : core::referencedBlobIds(h))
            want(id);
        auto events = store.records(
            u"rectification_event"_s, core::LocalStore::Link::Hazard, h.value(u"id"_s).toString());
        if (events)
            for (const auto& e : *events)
                for (const QString& id : core::referencedBlobIds(e))
                    want(id);
    }
    // The documents the enterprise received (its inspection history), newest first.
    if (enterprise)
        if (auto documents = store.records(u"document"_s)) {
            QList<QJsonObject> newest = *documents;
            std::sort(newest.begin(), newest.end(), [](const QJsonObject& a, const QJsonObject& b) {
                return a.value(u"issued_at"_s).toString() > b.value(u"issued_at"_s).toString();
            });
            for (const auto& d : std::as_const(newest))
                if (wanted.size() < MaxFetchesPerCycle)
                    want(d.value(u"pdf"_s).toString());
        }
    for (qsizetype i = 0; i < std::min<qsizetype>(wanted.size(), MaxFetchesPerCycle); ++i)
        if (auto r = engine.fetchAttachment(wanted.at(i)); !r)
            qCInfo(lcSyncCenter) << "attachment not downloaded:" << r.error().code;
}

} // namespace

SyncCenter::SyncCenter(QObject* parent)
    : QObject(parent)
{
    connect(&m_status, &sync::SyncStatus::changed, this, &SyncCenter::changed);
}

SyncCenter::~SyncCenter()
{
    stopSync();
}

SyncCenter* SyncCenter::instance()
{
    if (!g_instance)
        g_instance = new SyncCenter(QCoreApplication::instance());
    return g_instance;
}

SyncCenter* SyncCenter::create(QQmlEngine*, QJSEngine*)
{
    SyncCenter* center = instance();
    QJSEngine::setObjectOwnership(center, QJSEngine::CppOwnership);
    return center;
}

QString SyncCenter::userDirectory(const QString& dataDir, const QString& userId)
{
    // User ids are UUIDs; anything else is reduced to a safe directory name.
    QString safe = userId;
    safe.replace(QRegularExpression(u"[^A-Za-z0-9_-]"_s), u"_"_s);
    return QDir(dataDir).filePath(u"users/"_s + safe);
}

void SyncCenter::attach(SessionController* session, DeviceStore* store, Settings settings)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_session = session;
    m_store = store;
    m_settings = settings;
    connect(session, &SessionController::sessionChanged, this, &SyncCenter::followSession);
    // Logout: stop before the tokens leave the disk (a cycle may be rotating them).
    connect(session, &SessionController::signingOut, this, &SyncCenter::stopSync);
    connect(store, &DeviceStore::changed, this, [this] {
        if (m_reloading)
            return;
        refreshPending(); // the bar counts a new record at once, also offline
        if (m_controller)
            m_controller->localChange();
    });
    connect(this, &SyncCenter::syncRequested, this, [this] {
        if (m_controller)
            m_controller->syncNow();
    });
    followSession();
}

void SyncCenter::followTrust(ServerTrust* trust)
{
    connect(trust, &ServerTrust::changed, this, [this] {
        if (m_session)
            m_session->dropConnections();
        if (!m_controller)
            return;
        stopSync();
        followSession();
    });
}

void SyncCenter::followSession()
{
    if (!m_session || !m_store)
        return;
    if (!m_session->signedIn()) {
        stopSync();
        if (!m_openUserId.isEmpty()) {
            m_store->close();
            m_openUserId.clear();
        }
        return;
    }
    const QString userId = m_session->userId();
    if (userId != m_openUserId || !m_store->ready()) {
        stopSync();
        QJsonObject userJson { { u"id"_s, userId }, { u"name"_s, m_session->userName() },
            { u"role"_s, m_session->role() }, { u"badge"_s, m_session->badge() } };
        if (!m_session->enterpriseId().isEmpty())
            userJson.insert(u"enterprise_id"_s, m_session->enterpriseId());
        auto user = core::User::fromJson(userJson);
        if (!user) {
            qCWarning(lcSyncCenter) << "the signed-in user is not usable:" << user.error().code;
            return;
        }
        DeviceStore::Options o;
        o.directory = userDirectory(m_session->dataDir(), userId);
        o.user = *user;
        o.deviceId = m_session->deviceId();
        if (auto opened = m_store->open(std::move(o)); !opened) {
            qCWarning(lcSyncCenter) << "cannot open the device store:" << opened.error().code;
            return;
        }
        m_openUserId = userId;
        refreshUser();
        refreshPending();
    }
    if (!m_controller)
        startSync(m_store, m_session->serverUrl(), m_session->dataDir(), m_session->deviceId(),
            m_session->deviceName());
}

void SyncCenter::startSync(DeviceStore* store, const QString& serverUrl, const QString& dataDir,
    const QString& deviceId, const QString& deviceName)
{
    stopSync();
    if (!store || !store->ready() || serverUrl.isEmpty())
        return;
    sync::SyncEngine::Options o;
    o.serverUrl = QUrl(serverUrl);
    o.databasePath = store->directory() + u"/safeloop.db"_s;
    o.blobRoot = store->directory() + u"/blobs"_s;
    o.deviceId = deviceId;
    o.deviceName = deviceName;
    if (!QCoreApplication::applicationVersion().isEmpty())
        o.appVersion = QCoreApplication::applicationVersion();
    // The one token store: login and the engine's refresh read and write the same file.
    o.loadSession = [dataDir] { return SessionStore::load(dataDir).session; };
    o.saveSession = [dataDir](const sync::Session& s) { SessionStore::saveRotated(dataDir, s); };
    o.afterCycle = [perBlock = m_settings.numbersPerBlock, lowWater = m_settings.numbersLowWater](
                       sync::SyncEngine& engine) {
        topUpNumbers(engine, perBlock, lowWater);
        refreshDistrict(engine);
        fetchEvidence(engine);
    };
    m_store = store;
    m_controller
        = std::make_unique<sync::SyncController>(o, m_settings.scheduler, &m_status, nullptr);
    connect(m_controller.get(), &sync::SyncController::cycleFinished, this, &SyncCenter::cycleDone);
    m_controller->start();
    m_controller->syncNow();
}

void SyncCenter::stopSync()
{
    // The controller's destructor stops the scheduler and joins the worker after its cycle.
    m_controller.reset();
}

void SyncCenter::cycleDone(bool ok)
{
    if (ok && m_store && m_store->ready()) {
        // Pulled records (and number blocks) are in the database: models reload. This change
        // is not a local mutation, so it must not schedule another cycle.
        m_reloading = true;
        m_store->notifyChanged();
        m_reloading = false;
        refreshUser();
    }
    Q_EMIT cycleFinished(ok);
}

void SyncCenter::refreshPending()
{
    if (!m_store || !m_store->ready())
        return;
    // Sync's ledger answers, on the store thread.
    m_store->run<QPair<int, int>>(
        this,
        [](core::LocalStore& st) {
            const auto counts = sync::pendingCounts(st);
            return counts ? qMakePair(counts->mutations, counts->blobs) : qMakePair(-1, -1);
        },
        [this](const QPair<int, int>& counts) {
            if (counts.first >= 0)
                setPending(counts.first, counts.second);
        });
}

void SyncCenter::refreshUser()
{
    if (!m_store || !m_store->ready())
        return;
    const QString userId = m_store->userId();
    QPointer<DeviceStore> store = m_store;
    // The pulled user record carries the badge and streets the login answer does not.
    m_store->run<std::optional<core::User>>(
        this,
        [userId](core::LocalStore& st) -> std::optional<core::User> {
            auto docs = st.records(u"user"_s, core::LocalStore::Link::Id, userId);
            if (!docs || docs->isEmpty())
                return std::nullopt;
            auto user = core::User::fromJson(docs->first());
            return user ? std::optional<core::User>(*user) : std::nullopt;
        },
        [store, userId](const std::optional<core::User>& user) {
            if (user && store && store->ready() && store->userId() == userId)
                store->setUser(*user);
        });
}

int SyncCenter::pendingCount() const
{
    return m_status.pendingMutations() + m_status.pendingBlobs();
}

double SyncCenter::progress() const
{
    const double p = m_status.progress();
    return p < 0 ? 0.0 : p;
}

void SyncCenter::requestSync()
{
    Q_EMIT syncRequested();
}

void SyncCenter::setPending(int mutations, int blobs)
{
    m_status.setPending(qMax(0, mutations), qMax(0, blobs));
}

} // namespace safeloop::app
