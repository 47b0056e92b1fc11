#include "tour.h"

#include "sessioncontroller.h"

#include <QDir>
#include <QEventLoop>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSize>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

/// One page of the tour: the role whose shell shows it and the page key (a tab key of
/// RoleShell or a key registered in Navigator.pages). Add later pages here, one line each.
struct TourStop {
    const char* role;
    const char* page;
};

constexpr TourStop Stops[] = {
    { "inspector", "today" },
    { "inspector", "enterprises" },
    { "inspector", "hazards" },
    { "inspector", "me" },
    { "enterprise", "tasks" },
    { "enterprise", "completed" },
    { "enterprise", "info" },
    { "enterprise", "me" },
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

class Tour {
public:
    Tour(QQmlApplicationEngine& engine, QQuickWindow* window, const TourOptions& options)
        : m_window(window)
        , m_options(options)
        , m_root(engine.rootObjects().constFirst())
    {
        Q_UNUSED(engine);
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
    bool shoot(const QString& stem, const QString& page)
    {
        for (const char* language : Languages) {
            if (!call("tourSetLanguage", QLatin1String(language)))
                return fail(u"cannot switch to %1"_s.arg(QLatin1String(language)));
            for (const Size& size : Sizes) {
                m_window->resize(size.width, size.height);
                settle(60);
                if (!call("tourShow", page))
                    return fail(u"page %1 cannot be shown"_s.arg(page));
                settle(250);
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
        const TourAccount first = m_options.accounts.first();
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
            const TourAccount account = m_options.accounts.value(role);
            session->login(account.username, account.password);
            if (!waitFor(session, &SessionController::loginFinished) || !session->signedIn())
                return abort(u"demo login for %1 failed (%2)"_s.arg(role, session->errorCode()));
            const QString actualRole
                = session->role() == u"admin"_s ? u"supervisor"_s : session->role();
            if (actualRole != role)
                return abort(u"the %1 demo account has role %2"_s.arg(role, session->role()));
            for (const TourStop& stop : Stops) {
                if (role != QLatin1String(stop.role))
                    continue;
                if (!shoot(role + u'-' + QLatin1String(stop.page), QLatin1String(stop.page)))
                    return 1;
            }
            session->logout();
            waitFor(session, &SessionController::logoutFinished);
        }
        return finish();
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
    int m_saved = 0;
};

} // namespace

bool parseTourAccount(const QString& spec, QString* role, TourAccount* account)
{
    const qsizetype eq = spec.indexOf(u'=');
    const QString r = eq < 0 ? QString() : spec.left(eq).trimmed();
    const QString credentials = eq < 0 ? spec : spec.mid(eq + 1);
    const qsizetype colon = credentials.indexOf(u':');
    if (colon <= 0)
        return false;
    if (role)
        *role = r;
    account->username = credentials.left(colon);
    account->password = credentials.mid(colon + 1);
    return !account->password.isEmpty();
}

int runTour(QQmlApplicationEngine& engine, QQuickWindow* window, const TourOptions& options)
{
    if (!QDir().mkpath(options.outDir)) {
        std::fprintf(stderr, "safeloop --tour: cannot create %s\n", qPrintable(options.outDir));
        return 1;
    }
    Tour tour(engine, window, options);
    return tour.run();
}

} // namespace safeloop::app
