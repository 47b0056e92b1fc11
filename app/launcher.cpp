#include "launcher.h"

#include "devicestore.h"
#include "localization.h"
#include "pdfimageprovider.h"
#include "positionprovider.h"
#include "servertrust.h"
#include "sessioncontroller.h"
#include "synccenter.h"
#include "tour.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

#include <QImage>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQmlError>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <memory>

#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcApp, "safeloop.app")

namespace safeloop::app {

namespace {

bool hasFlag(int argc, char* argv[], const char* flag)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], flag) == 0)
            return true;
    }
    return false;
}

// QML problems reach us twice: as QQmlEngine::warnings and as messages in the qml/js
// categories (console.warn, binding loops). The self-test counts both.
int g_qmlMessages = 0;
QtMessageHandler g_previousHandler = nullptr;

void countingHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const char* category = context.category ? context.category : "";
    const bool qmlCategory = std::strncmp(category, "qml", 3) == 0
        || std::strncmp(category, "js", 2) == 0 || std::strncmp(category, "qt.qml", 6) == 0;
    if (type != QtDebugMsg && type != QtInfoMsg && qmlCategory)
        ++g_qmlMessages;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

int run(int argc, char* argv[])
{
    const bool selfTest = hasFlag(argc, argv, "--self-test");
    if (selfTest || hasFlag(argc, argv, "--offscreen") || hasFlag(argc, argv, "--tour"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    // Help and version are text only: answered before a display is needed (a GUI application
    // aborts without one), by the same parser.
    const bool textOnly = hasFlag(argc, argv, "--help") || hasFlag(argc, argv, "-h")
        || hasFlag(argc, argv, "-?") || hasFlag(argc, argv, "--help-all")
        || hasFlag(argc, argv, "--version") || hasFlag(argc, argv, "-v");
    // A QApplication (Qt Widgets), not a QGuiApplication: Qt Charts' QML types, which draw the
    // supervisor's charts, need one.
    std::unique_ptr<QCoreApplication> app = textOnly
        ? std::make_unique<QCoreApplication>(argc, argv)
        : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(u"SafeLoop"_s);
    QCoreApplication::setOrganizationName(u"SafeLoop"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SAFELOOP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"SafeLoop workplace safety inspection"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption selfTestOption(u"self-test"_s,
        u"Load the UI offscreen and exit 0 only if it loaded without a QML warning."_s);
    const QCommandLineOption offscreenOption(u"offscreen"_s, u"Run without a display."_s);
    const QCommandLineOption screenshotOption(
        u"screenshot"_s, u"Save the first page as an image to <file> and exit."_s, u"file"_s);
    const QCommandLineOption serverOption(u"server"_s, u"Central server address."_s, u"url"_s);
    const QCommandLineOption langOption(
        u"lang"_s, u"User interface language: zh_CN (default) or en."_s, u"lang"_s, u"zh_CN"_s);
    const QCommandLineOption gpsReplayOption(u"gps-replay"_s,
        u"Replay positions from an NMEA log instead of the device's GPS (demo, tests)."_s,
        u"file"_s);
    const QCommandLineOption dataDirOption(u"data-dir"_s,
        u"Keep the device settings and login in <dir> instead of the app data directory "
        "(also SAFELOOP_DATA_DIR)."_s,
        u"dir"_s);
    const QCommandLineOption tourOption(u"tour"_s,
        u"Render every page in both languages and sizes as PNG files into <dir> and exit."_s,
        u"dir"_s);
    const QCommandLineOption demoAccountOption(u"demo-account"_s,
        u"Demo login offered on the login page and used by the tour, role=user:password "
        "(repeatable; or SAFELOOP_DEMO_<ROLE>)."_s,
        u"account"_s);
    const QCommandLineOption caFileOption(u"ca-file"_s,
        u"Trust the CA certificate(s) in this PEM or DER file for the server's HTTPS certificate, "
        "besides the system's and the one picked on the login page (also SAFELOOP_CA_FILE)."_s,
        u"pem"_s);
    parser.addOptions({ selfTestOption, offscreenOption, screenshotOption, serverOption, langOption,
        gpsReplayOption, dataDirOption, tourOption, demoAccountOption, caFileOption });
    parser.process(*app); // exits after printing help or the version

    if (selfTest)
        g_previousHandler = qInstallMessageHandler(countingHandler);

    QQuickStyle::setStyle(u"Material"_s);
    QQmlApplicationEngine engine;
    // Qt 6.4 does not search the static modules' resource prefix by default.
    engine.addImportPath(u"qrc:/qt/qml"_s);
    // Pages of PDFs (DocumentViewer); PdfDocumentInfo would add it too, this says it up front.
    PdfImageProvider::install(&engine);
    QList<QQmlError> engineWarnings;
    QObject::connect(&engine, &QQmlEngine::warnings, &engine,
        [&engineWarnings](const QList<QQmlError>& warnings) { engineWarnings += warnings; });

    if (parser.isSet(gpsReplayOption))
        PositionProvider::setDefaultReplay(parser.value(gpsReplayOption));
    if (!Localization::apply(parser.value(langOption), &engine)) {
        std::fprintf(stderr, "safeloop: unsupported language %s (use zh_CN or en)\n",
            qPrintable(parser.value(langOption)));
        return 2;
    }

    // The tour and the self-test never touch the user's own login: they get a scratch directory.
    QTemporaryDir scratch;
    const bool tour = parser.isSet(tourOption);
    QString dataDir = parser.value(dataDirOption);
    if ((tour || selfTest) && dataDir.isEmpty())
        dataDir = scratch.path();
    QList<DemoAccount> demoAccounts;
    for (const QString& spec : parser.values(demoAccountOption)) {
        DemoAccount account;
        if (!parseDemoAccount(spec, &account) || account.role.isEmpty()) {
            std::fprintf(stderr, "safeloop: --demo-account wants role=user:password\n");
            return 2;
        }
        demoAccounts.append(account);
    }
    const QString caFile = parser.isSet(caFileOption) ? parser.value(caFileOption)
                                                      : qEnvironmentVariable("SAFELOOP_CA_FILE");
    // The operator's CA and the one picked on the login page (kept in the data directory).
    if (const QString error = ServerTrust::setup({ dataDir, caFile }); !error.isEmpty()) {
        std::fprintf(stderr, "safeloop: --ca-file: %s\n", qPrintable(error));
        return 2;
    }
    SessionController::setup({ dataDir, parser.value(serverOption), demoAccounts });
    // Signed in (now or later): the user's device store opens and sync runs; logout stops it.
    SyncCenter::instance()->attach(SessionController::instance(), DeviceStore::shared());
    SyncCenter::instance()->followTrust(ServerTrust::instance());

    engine.load(QUrl(u"qrc:/qt/qml/SafeLoop/Ui/Main.qml"_s));
    if (engine.rootObjects().isEmpty()) {
        std::fprintf(stderr, "safeloop: the user interface failed to load\n");
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());

    if (selfTest) {
        // Let deferred bindings and the first frame run before judging.
        QTimer::singleShot(300, app.get(), &QCoreApplication::quit);
        QGuiApplication::exec();
        const qsizetype problems = engineWarnings.size() + g_qmlMessages;
        for (const auto& w : std::as_const(engineWarnings))
            std::fprintf(stderr, "QML warning: %s\n", qPrintable(w.toString()));
        std::fprintf(stdout, "self-test: %s (%lld QML warnings)\n", problems == 0 ? "ok" : "FAILED",
            static_cast<long long>(problems));
        return problems == 0 ? 0 : 1;
    }

    // The tour and the offscreen screenshots sign in with the demo accounts (the ones checked
    // above, or SAFELOOP_DEMO_<ROLE>).
    TourOptions tourOptions;
    tourOptions.haveServer = parser.isSet(serverOption);
    for (const char* role : { "inspector", "enterprise", "supervisor" }) {
        const QString spec
            = qEnvironmentVariable(("SAFELOOP_DEMO_" + QByteArray(role).toUpper()).constData());
        DemoAccount account;
        if (!spec.isEmpty() && parseDemoAccount(spec, &account))
            tourOptions.accounts.insert(QLatin1String(role), account);
    }
    for (const DemoAccount& demo : std::as_const(demoAccounts))
        tourOptions.accounts.insert(demo.role, demo);

    if (tour) {
        TourOptions options = tourOptions;
        options.outDir = parser.value(tourOption);
        if (!window) {
            std::fprintf(stderr, "safeloop: the root object is not a window\n");
            return 1;
        }
        return runTour(engine, window, options);
    }

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        if (!window) {
            std::fprintf(stderr, "safeloop: the root object is not a window\n");
            return 1;
        }
        int exitCode = 1;
        QTimer::singleShot(800, app.get(), [&] {
            const QImage image = window->grabWindow();
            QDir().mkpath(QFileInfo(file).absolutePath());
            if (!image.isNull() && image.save(file)) {
                std::fprintf(stdout, "screenshot saved to %s\n", qPrintable(file));
                exitCode = 0;
            } else {
                std::fprintf(stderr, "safeloop: cannot save screenshot to %s\n", qPrintable(file));
            }
            // With a server and demo accounts: each role's first page after its login and sync.
            if (exitCode == 0 && tourOptions.haveServer && !tourOptions.accounts.isEmpty())
                exitCode = saveFirstPages(engine, window, tourOptions, file);
            QCoreApplication::quit();
        });
        QGuiApplication::exec();
        return exitCode;
    }

    return QGuiApplication::exec();
}

} // namespace safeloop::app
