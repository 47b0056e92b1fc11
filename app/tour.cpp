#include "tour.h"

#include "devicestore.h"
#include "positionprovider.h"
#include "sessioncontroller.h"
#include "synccenter.h"
#include "tourscenes.h"

#include "core/queries.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSize>
#include <QTemporaryDir>
#include <QTimer>
#include <QVariantMap>
#include <QtQml/qqml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

/// What a tour stop opens its page with, all taken from what the role's sync brought.
/// NewEnterprise: an enterprise the inspector has not inspected yet (the scenes start an
/// inspection there). InspectedEnterprise: the enterprise of a hazard awaiting re-inspection.
/// LatestRecord: the 现场检查记录 PDF the documents scene just rendered. EnterpriseTask: the
/// signed-in enterprise's task to show, as synced from the server (rejected and overdue
/// first, see enterpriseTask()). OwnSelfCheck: the signed-in enterprise's latest self-check
/// (企业自查) as synced; the 自查 tab lists it, the property only proves it is there.
enum class Props {
    None,
    NewEnterprise,
    InspectedEnterprise,
    SubmittedHazard,
    OverdueHazard,
    LatestRecord,
    EnterpriseTask,
    OwnSelfCheck
};
/// The sync bar state a stop shows (the app's real SyncCenter status, set by the tour). Real:
/// left as the role's own sync cycle left it.
enum class Sync { Idle, Pending, Syncing, Error, NeedsLogin, Real };

/// One page of the tour: the role whose shell shows it, the page key (a tab key of RoleShell,
/// a key registered in Navigator.pages, or "page-scene" for a demo scene of that page), and
/// optionally the picture's name, the page's properties and the sync state. One line each.
/// A tab key with a hazardId opens that row as a tap would (TasksPage.choose: over the shell
/// on a phone, beside the list on a tablet).
struct TourStop {
    const char* role;
    const char* page;
    const char* stem = nullptr;
    Props props = Props::None;
    Sync sync = Sync::Idle;
};

constexpr TourStop Stops[] = {
    { "inspector", "today" },
    { "inspector", "enterprises" },
    { "inspector", "enterprise", nullptr, Props::InspectedEnterprise },
    { "inspector", "inspection-checklist", nullptr, Props::NewEnterprise },
    { "inspector", "inspection-hazard", nullptr, Props::NewEnterprise },
    { "inspector", "inspection-signature", nullptr, Props::NewEnterprise },
    { "inspector", "inspection-documents", nullptr, Props::NewEnterprise },
    { "inspector", "document", nullptr, Props::LatestRecord },
    { "inspector", "hazards" },
    { "inspector", "hazard", nullptr, Props::OverdueHazard },
    { "inspector", "reinspection", nullptr, Props::SubmittedHazard },
    { "inspector", "today", "sync-pending", Props::None, Sync::Pending },
    { "inspector", "today", "sync-syncing", Props::None, Sync::Syncing },
    { "inspector", "today", "sync-error", Props::None, Sync::Error },
    { "inspector", "today", "sync-needs-login", Props::None, Sync::NeedsLogin },
    { "inspector", "me" },
    { "enterprise", "tasks", nullptr, Props::None, Sync::Real },
    { "enterprise", "tasks", "task", Props::EnterpriseTask, Sync::Real },
    { "enterprise", "rectification", nullptr, Props::EnterpriseTask, Sync::Real },
    { "enterprise", "completed", nullptr, Props::None, Sync::Real },
    { "enterprise", "selfchecks", nullptr, Props::OwnSelfCheck, Sync::Real },
    { "enterprise", "info", nullptr, Props::None, Sync::Real },
    { "enterprise", "me", nullptr, Props::None, Sync::Real },
    { "supervisor", "overview" },
    { "supervisor", "map" },
    { "supervisor", "inspectors" },
    { "supervisor", "devices" },
    { "supervisor", "draws" },
    { "supervisor", "me" },
};

constexpr const char* Roles[] = { "inspector", "enterprise", "supervisor" };

struct Size {
    const char* name;
    int width;
    int height;
};
constexpr Size Sizes[] = { { "phone", 400, 800 }, { "tablet", 1280, 800 } };
constexpr const char* Languages[] = { "zh_CN", "en" };

/// NMEA 0183 degrees and minutes (ddmm.mmmm / dddmm.mmmm) of a coordinate.
QByteArray nmeaDegrees(double value, int degreeDigits)
{
    const double magnitude = std::abs(value);
    const int degrees = static_cast<int>(magnitude);
    const double minutes = (magnitude - degrees) * 60.0;
    return QByteArray::number(degrees).rightJustified(degreeDigits, '0')
        + QByteArray::number(minutes, 'f', 4).rightJustified(7, '0');
}

/// `$body*CS` with the XOR checksum NMEA readers check.
QByteArray nmeaSentence(const QByteArray& body)
{
    quint8 checksum = 0;
    for (const char c : body)
        checksum ^= static_cast<quint8>(c);
    return '$' + body + '*' + QByteArray::number(checksum, 16).toUpper().rightJustified(2, '0')
        + "\r\n";
}

/// Ten seconds of fixes walking north-east from about 1 km north-east of (lat, lon).
QByteArray nmeaWalk(double lat, double lon)
{
    const QDate today = QDate::currentDate();
    const QByteArray date = today.toString(u"ddMMyy"_s).toLatin1();
    QByteArray out;
    for (int i = 0; i < 10; ++i) {
        const double la = lat + 0.0064 + i * 0.00001;
        const double lo = lon + 0.0088 + i * 0.00001;
        const QByteArray time = "0230" + QByteArray::number(i).rightJustified(2, '0') + ".00";
        const QByteArray ns = la < 0 ? "S" : "N";
        const QByteArray ew = lo < 0 ? "W" : "E";
        out += nmeaSentence("GPGGA," + time + ',' + nmeaDegrees(la, 2) + ',' + ns + ','
            + nmeaDegrees(lo, 3) + ',' + ew + ",1,08,0.9,215.0,M,0.0,M,,");
        out += nmeaSentence("GPRMC," + time + ",A," + nmeaDegrees(la, 2) + ',' + ns + ','
            + nmeaDegrees(lo, 3) + ',' + ew + ",0.5,45.0," + date + ",,,A");
    }
    return out;
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

/// Waits for `signal` of the session controller (login or logout), at most 60 s.
template <typename Signal>
bool waitFor(SessionController* controller, Signal signal)
{
    QEventLoop loop;
    bool fired = false;
    const auto connection = QObject::connect(controller, signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(connection);
    return fired;
}

/// Counts the sync cycles that finish while it lives (from before a login on).
class SyncWatch {
public:
    explicit SyncWatch(SyncCenter* center)
    {
        m_connection = QObject::connect(center, &SyncCenter::cycleFinished, center,
            [this](bool ok) { (ok ? m_succeeded : m_failed) += 1; });
    }
    ~SyncWatch() { QObject::disconnect(m_connection); }
    SyncWatch(const SyncWatch&) = delete;
    SyncWatch& operator=(const SyncWatch&) = delete;
    int succeeded() const { return m_succeeded; }
    int failed() const { return m_failed; }

private:
    QMetaObject::Connection m_connection;
    int m_succeeded = 0;
    int m_failed = 0;
};

class Tour {
public:
    Tour(QQmlApplicationEngine& engine, QQuickWindow* window, const TourOptions& options)
        : m_window(window)
        , m_options(options)
        , m_root(engine.rootObjects().constFirst())
    {
        // The pages use the QML singletons' instances, which on Qt 6.4 are not necessarily
        // DeviceStore::shared() / SyncCenter::instance(): ask the engine for them.
        m_store = engine.singletonInstance<DeviceStore*>(
            qmlTypeId("SafeLoop.App", 1, 0, "DeviceStore"));
        if (!m_store)
            m_store = DeviceStore::shared();
        m_syncCenter
            = engine.singletonInstance<SyncCenter*>(qmlTypeId("SafeLoop.App", 1, 0, "SyncCenter"));
        if (!m_syncCenter)
            m_syncCenter = SyncCenter::instance();
    }

    bool callWith(const char* function, const QString& argument, const QVariantMap& properties)
    {
        bool result = false;
        QMetaObject::invokeMethod(m_root, function, Q_RETURN_ARG(bool, result),
            Q_ARG(QString, argument), Q_ARG(QVariant, QVariant(properties)));
        return result;
    }

    /// The page on top of the window's page stack.
    QObject* currentPage()
    {
        QVariant page;
        QMetaObject::invokeMethod(
            m_root, "tourCurrentPage", Q_RETURN_ARG(QVariant, page), Q_ARG(QString, QString()));
        return page.value<QObject*>();
    }

    /// Shows `page` ("page" or "page-scene"): a scene is played on the page (tourscenes.h)
    /// and, shown again in another language or size, resumes the inspection it created.
    bool showPage(const QString& page, const QVariantMap& properties)
    {
        const qsizetype dash = page.indexOf(u'-');
        const QString scene = dash > 0 ? page.mid(dash + 1) : QString();
        const auto earlier = m_sceneInspections.constFind(page);
        const QVariantMap props = earlier != m_sceneInspections.cend()
            ? QVariantMap { { u"inspectionId"_s, *earlier } }
            : properties;
        if (!callWith("tourShowPage", page, props))
            return fail(u"page %1 cannot be shown"_s.arg(page));
        if (scene.isEmpty())
            return true;
        QObject* shown = currentPage();
        QString inspectionId;
        if (!shown || shown->objectName() != u"inspectionPage"_s
            || !playInspectionScene(shown, scene, &inspectionId))
            return fail(u"page %1 did not finish its demo scene"_s.arg(page));
        m_sceneInspections.insert(page, inspectionId);
        return true;
    }

    bool call(const char* function, const QString& argument)
    {
        // Main.qml's tour functions are typed (string): bool.
        bool result = false;
        QMetaObject::invokeMethod(
            m_root, function, Q_RETURN_ARG(bool, result), Q_ARG(QString, argument));
        return result;
    }

    /// Shows `page` in every language and size and saves one PNG each, named after `stem`.
    bool shoot(const QString& stem, const QString& page, const QVariantMap& properties = {})
    {
        for (const char* language : Languages) {
            if (!call("tourSetLanguage", QLatin1String(language)))
                return fail(u"cannot switch to %1"_s.arg(QLatin1String(language)));
            for (const Size& size : Sizes) {
                m_window->resize(size.width, size.height);
                settle(60);
                if (!showPage(page, properties))
                    return false;
                settle(250);
                // Thumbnails and previews load asynchronously; the GPS replay's first fix
                // takes about a second.
                if (page == u"inspection-hazard"_s)
                    settle(1200);
                else if (page.contains(u'-') || page == u"reinspection"_s || page == u"hazard"_s
                    || page == u"document"_s || page == u"rectification"_s || !properties.isEmpty())
                    settle(500); // also a row opened over the shell (its push transition)
                const QString name = u"%1-%2-%3.png"_s.arg(
                    QLatin1String(language), QLatin1String(size.name), stem);
                const QString file = QDir(m_options.outDir).filePath(name);
                const QImage image = m_window->grabWindow();
                if (image.isNull() || !image.save(file))
                    return fail(u"cannot save %1"_s.arg(file));
                ++m_saved;
                std::fprintf(stdout, "tour: %s\n", qPrintable(file));
            }
        }
        return true;
    }

    int abort(const QString& why)
    {
        fail(why);
        return 1;
    }

    bool fail(const QString& why)
    {
        std::fprintf(stderr, "safeloop --tour: %s\n", qPrintable(why));
        return false;
    }

    int run()
    {
        auto* session = SessionController::instance();
        if (session->signedIn()) {
            session->logout();
            waitFor(session, &SessionController::logoutFinished);
        }
        if (!shoot(u"login"_s, u"login"_s))
            return 1;
        if (!m_options.haveServer) {
            std::fprintf(stdout,
                "tour: no --server given, so only the login page was rendered "
                "(the role pages need demo accounts on a server)\n");
            return finish();
        }
        if (m_options.accounts.isEmpty()) {
            std::fprintf(stdout,
                "tour: no demo accounts given (--demo-account role=user:password or "
                "SAFELOOP_DEMO_<ROLE>), so only the login page was rendered\n");
            return finish();
        }
        // A real refusal from the server for the error picture (one failed attempt).
        const DemoAccount first = m_options.accounts.first();
        session->login(first.username, first.password + u"-wrong"_s);
        if (!waitFor(session, &SessionController::loginFinished) || session->signedIn())
            return abort(u"the wrong-password login did not fail"_s);
        if (!shoot(u"login-error"_s, u"login"_s))
            return 1;
        session->clearError();

        for (const char* roleName : Roles) {
            const QString role = QLatin1String(roleName);
            if (!m_options.accounts.contains(role)) {
                std::fprintf(
                    stdout, "tour: no demo account for %s, its pages are skipped\n", roleName);
                continue;
            }
            if (!signInAndSync(role))
                return 1;
            if (role == u"inspector"_s && !startSiteWalk())
                return 1;
            for (const TourStop& stop : Stops) {
                if (role != QLatin1String(stop.role))
                    continue;
                setSync(stop.sync);
                const QString stem = QLatin1String(stop.stem ? stop.stem : stop.page);
                const QVariantMap props = properties(stop.props);
                if (stop.props != Props::None && stop.props != Props::LatestRecord
                    && props.constBegin()->toString().isEmpty())
                    return abort(u"the %1 account has no record for %2 after its sync (is the "
                                 "server seeded with seed-demo?)"_s.arg(role, stem));
                if (!shoot(role + u'-' + stem, QLatin1String(stop.page), props))
                    return 1;
            }
            setSync(Sync::Idle);
            session->logout();
            waitFor(session, &SessionController::logoutFinished);
        }
        return finish();
    }

    /// Pictures of each role's first page after its login and first sync, in the current
    /// language and window size: `<stem>-<role>.<suffix>` beside `file`.
    int firstPages(const QString& file)
    {
        auto* session = SessionController::instance();
        const QFileInfo info(file);
        for (const char* roleName : Roles) {
            const QString role = QLatin1String(roleName);
            if (!m_options.accounts.contains(role))
                continue;
            if (!signInAndSync(role))
                return 1;
            settle(800); // the shell's first page loads its models after the sync
            const QString out = info.dir().filePath(
                u"%1-%2.%3"_s.arg(info.completeBaseName(), role, info.suffix()));
            const QImage image = m_window->grabWindow();
            if (image.isNull() || !image.save(out))
                return abort(u"cannot save %1"_s.arg(out));
            std::fprintf(stdout, "screenshot of the %s's first page saved to %s\n", roleName,
                qPrintable(out));
            session->logout();
            waitFor(session, &SessionController::logoutFinished);
        }
        return 0;
    }

    /// Signs in with the role's demo account and waits for its first sync: every page then
    /// shows what the server gives the account, as a user sees it.
    bool signInAndSync(const QString& role)
    {
        auto* session = SessionController::instance();
        const DemoAccount account = m_options.accounts.value(role);
        // Counted from before the login: the first cycle starts with it.
        SyncWatch watch(m_syncCenter);
        session->login(account.username, account.password);
        if (!waitFor(session, &SessionController::loginFinished) || !session->signedIn())
            return fail(u"demo login for %1 failed (%2)"_s.arg(role, session->errorCode()));
        const QString actualRole
            = session->role() == u"admin"_s ? u"supervisor"_s : session->role();
        if (actualRole != role)
            return fail(u"the %1 demo account has role %2"_s.arg(role, session->role()));
        return waitForSync(watch, role);
    }

    /// Waits (at most 120 s) until a sync cycle of the signed-in `role` has completed, so that
    /// its pages show what the server gives the account; a failed cycle is retried.
    bool waitForSync(const SyncWatch& watch, const QString& role)
    {
        int failures = 0;
        for (int waited = 0; waited < 120000; waited += 100) {
            if (watch.succeeded() > 0) {
                settle(300); // the models reload after the cycle
                std::fprintf(stdout, "tour: %s synced\n", qPrintable(role));
                return true;
            }
            if (watch.failed() > failures) {
                failures = watch.failed();
                m_syncCenter->requestSync();
            }
            settle(100);
        }
        return fail(u"the %1 account's first sync did not complete within 120 s (%2)"_s.arg(
            role, m_syncCenter->lastError()));
    }

    /// The hazard sheet's GPS: a short walk about 1 km north-east of the enterprise the scenes
    /// inspect, replayed as NMEA, so the sheet shows a fix and the distance warning.
    bool startSiteWalk()
    {
        const QString enterpriseId = newEnterprise();
        const QJsonObject enterprise
            = m_store->call<QJsonObject>([enterpriseId](core::LocalStore& st) {
                  auto rows = st.records(u"enterprise"_s, core::LocalStore::Link::Id, enterpriseId);
                  return rows && !rows->isEmpty() ? rows->first() : QJsonObject();
              });
        if (enterprise.isEmpty())
            return fail(u"the inspector has no enterprise to inspect after the sync"_s);
        const QString walk = m_scratch.filePath(u"site-walk.nmea"_s);
        QFile file(walk);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(nmeaWalk(
                   enterprise.value(u"lat"_s).toDouble(), enterprise.value(u"lon"_s).toDouble()))
                < 0)
            return fail(u"cannot write the GPS walk %1"_s.arg(walk));
        file.close();
        PositionProvider::setDefaultReplay(walk);
        return true;
    }

    /// An enterprise with coordinates and no inspection yet: the first by name.
    QString newEnterprise()
    {
        return m_store->call<QString>([](core::LocalStore& st) {
            auto found = st.records(u"enterprise"_s);
            if (!found)
                return QString();
            QList<QJsonObject> enterprises = *found;
            std::sort(enterprises.begin(), enterprises.end(),
                [](const QJsonObject& a, const QJsonObject& b) {
                    return a.value(u"name"_s).toString() < b.value(u"name"_s).toString();
                });
            for (const QJsonObject& e : std::as_const(enterprises)) {
                const QString id = e.value(u"uscc"_s).toString(); // an enterprise's id
                if (!e.value(u"lat"_s).isDouble() || !e.value(u"lon"_s).isDouble())
                    continue;
                auto inspections
                    = st.records(u"inspection"_s, core::LocalStore::Link::Enterprise, id);
                if (inspections && inspections->isEmpty())
                    return id;
            }
            return QString();
        });
    }

    QString hazardAwaiting(bool overdue)
    {
        const QDate today = m_store->today();
        return m_store->call<QString>([today, overdue](core::LocalStore& st) {
            core::HazardFilter filter;
            filter.statuses = QStringList { overdue ? u"open"_s : u"submitted"_s };
            if (overdue)
                filter.deadlineBefore = today;
            auto list = st.hazards(filter, today);
            return list && !list->isEmpty() ? list->first().id : QString();
        });
    }

    QVariantMap properties(Props props)
    {
        switch (props) {
        case Props::None:
            return {};
        case Props::NewEnterprise:
            return { { u"enterpriseId"_s, newEnterprise() } };
        case Props::InspectedEnterprise: {
            const QString hazardId = hazardAwaiting(false);
            const QString enterpriseId = m_store->call<QString>([hazardId](core::LocalStore& st) {
                auto rows = st.records(u"hazard"_s, core::LocalStore::Link::Id, hazardId);
                return rows && !rows->isEmpty() ? rows->first().value(u"enterprise_id"_s).toString()
                                                : QString();
            });
            return { { u"enterpriseId"_s, enterpriseId } };
        }
        case Props::SubmittedHazard:
            return { { u"hazardId"_s, hazardAwaiting(false) } };
        case Props::OverdueHazard:
            return { { u"hazardId"_s, hazardAwaiting(true) } };
        case Props::EnterpriseTask:
            return { { u"hazardId"_s, enterpriseTask() } };
        case Props::OwnSelfCheck:
            return { { u"selfCheckId"_s, ownSelfCheck() } };
        case Props::LatestRecord: {
            const QFileInfoList records
                = QDir(m_store->documentsDirectory())
                      .entryInfoList({ u"*-record.pdf"_s }, QDir::Files, QDir::Time);
            return { { u"source"_s,
                records.isEmpty() ? QString() : records.first().absoluteFilePath() } };
        }
        }
        return {};
    }

    /// The signed-in enterprise's task the tour opens: a rejected one (its history shows the
    /// reason), overdue ones first; else the most overdue open one; else the first open one.
    QString enterpriseTask()
    {
        const QDate today = m_store->today();
        const QString enterpriseId = m_store->userEnterpriseId();
        return m_store->call<QString>([today, enterpriseId](core::LocalStore& st) {
            for (const QStringList& statuses :
                { QStringList { u"rejected"_s }, QStringList { u"open"_s, u"escalated"_s } }) {
                core::HazardFilter filter;
                filter.enterpriseId = enterpriseId;
                filter.statuses = statuses;
                filter.limit = 1000;
                filter.source = core::HazardSource::Inspection; // a task, not a self-found hazard
                auto list = st.hazards(filter, today);
                if (!list || list->isEmpty())
                    continue;
                const auto overdue = std::find_if(list->cbegin(), list->cend(),
                    [](const auto& h) { return h.fields.value(u"overdue"_s).toBool(); });
                return overdue != list->cend() ? overdue->id : list->first().id;
            }
            return QString();
        });
    }

    /// The signed-in enterprise's latest self-check on the device (empty when it has none).
    QString ownSelfCheck()
    {
        const QString enterpriseId = m_store->userEnterpriseId();
        return m_store->call<QString>([enterpriseId](core::LocalStore& st) {
            auto rows
                = st.records(u"inspection"_s, core::LocalStore::Link::Enterprise, enterpriseId);
            if (!rows)
                return QString();
            QString latest;
            QString latestStart;
            const QString selfCheck = core::toString(core::InspectionKind::SelfCheck);
            for (const QJsonObject& i : std::as_const(*rows))
                if (i.value(u"kind"_s).toString() == selfCheck
                    && i.value(u"started_at"_s).toString() >= latestStart) {
                    latestStart = i.value(u"started_at"_s).toString();
                    latest = i.value(u"id"_s).toString();
                }
            return latest;
        });
    }

    void setSync(Sync sync)
    {
        sync::SyncStatus* status = m_syncCenter->status();
        using State = sync::SyncStatus::State;
        const QDateTime lastSync = QDateTime::currentDateTime().addSecs(-25 * 60);
        switch (sync) {
        case Sync::Idle:
            status->setPending(0, 0);
            status->cycleSucceeded(lastSync);
            break;
        case Sync::Pending:
            status->setPending(3, 2);
            status->cycleSucceeded(lastSync);
            break;
        case Sync::Syncing:
            status->setPending(3, 2);
            status->cycleStarted(4096, 5);
            status->setProgress(1800, 2);
            break;
        case Sync::Error:
            status->setPending(3, 2);
            // No reason text: the bar then says "请稍后重试" in the current language.
            status->cycleFailed(State::Error, QString());
            break;
        case Sync::NeedsLogin:
            status->setPending(3, 2);
            status->cycleFailed(State::NeedsLogin, QString());
            break;
        case Sync::Real:
            break;
        }
    }

    int finish()
    {
        call("tourSetLanguage", u"zh_CN"_s);
        std::fprintf(stdout, "tour: %d pictures in %s\n", m_saved, qPrintable(m_options.outDir));
        return 0;
    }

private:
    QQuickWindow* m_window;
    const TourOptions& m_options;
    QObject* m_root;
    DeviceStore* m_store = nullptr;
    SyncCenter* m_syncCenter = nullptr;
    QTemporaryDir m_scratch;
    /// The inspection each scene ("inspection-hazard", …) created, to resume it.
    QHash<QString, QString> m_sceneInspections;
    int m_saved = 0;
};

} // namespace

int runTour(QQmlApplicationEngine& engine, QQuickWindow* window, const TourOptions& options)
{
    if (!QDir().mkpath(options.outDir)) {
        std::fprintf(stderr, "safeloop --tour: cannot create %s\n", qPrintable(options.outDir));
        return 1;
    }
    Tour tour(engine, window, options);
    return tour.run();
}

int saveFirstPages(QQmlApplicationEngine& engine, QQuickWindow* window, const TourOptions& options,
    const QString& file)
{
    Tour tour(engine, window, options);
    return tour.firstPages(file);
}

} // namespace safeloop::app
