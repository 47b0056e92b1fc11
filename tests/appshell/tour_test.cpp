// `safeloop --tour` against a real server: every page of every role, both languages and sizes.
// The server holds the demo district (seed-demo) and the tour signs in with its demo accounts:
// every role's pages show what that account's first sync brings, nothing the app makes up.
#include "tests/support/serverprocess.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

namespace {

/// Distinct colours on a grid of samples: a blank or single-colour page has very few.
int distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return static_cast<int>(colours.size());
}

QProcess::ExitStatus runTour(const QStringList& args, int* exitCode, QString* out)
{
    QProcess app;
    app.setProcessChannelMode(QProcess::MergedChannels);
    app.start(QStringLiteral(SAFELOOP_APP_BIN), args);
    app.waitForFinished(600000); // three first syncs of the demo district and 120 pictures
    *exitCode = app.exitCode();
    *out = QString::fromUtf8(app.readAll());
    return app.exitStatus();
}

/// A real server holding the demo district, and the arguments that sign the app in with its
/// three demo accounts.
struct DemoServer {
    QTemporaryDir dir;
    ServerProcess process;

    bool start()
    {
        return runServerCommand({ u"init"_s, u"--data"_s, dir.path() }).exitCode == 0
            && runServerCommand({ u"seed-demo"_s, u"--data"_s, dir.path() }).exitCode == 0
            && process.start(dir.path());
    }

    QStringList appArguments() const
    {
        return { u"--server"_s, u"http://127.0.0.1:%1"_s.arg(process.port()), u"--demo-account"_s,
            u"inspector=demo.inspector:SafeLoop-Demo-2026"_s, u"--demo-account"_s,
            u"enterprise=demo.enterprise:SafeLoop-Demo-2026"_s, u"--demo-account"_s,
            u"supervisor=demo.supervisor:SafeLoop-Demo-2026"_s };
    }
};

} // namespace

TEST(TourTest, RendersEveryRolesPagesInBothLanguagesAndSizes)
{
    DemoServer server;
    ASSERT_TRUE(server.start());
    QTemporaryDir outDir;
    int exitCode = -1;
    QString out;
    const auto status = runTour(
        QStringList { u"--tour"_s, outDir.path() } + server.appArguments(), &exitCode, &out);
    ASSERT_EQ(status, QProcess::NormalExit) << out.toStdString();
    ASSERT_EQ(exitCode, 0) << out.toStdString();
    // Every role's stops waited for its sync (the tour stops when a stop finds no record).
    for (const char* role : { "inspector", "enterprise", "supervisor" })
        EXPECT_TRUE(out.contains(u"tour: %1 synced"_s.arg(QLatin1String(role))))
            << out.toStdString();

    const QStringList pages { u"login"_s, u"login-error"_s, u"inspector-today"_s,
        u"inspector-enterprises"_s, u"inspector-enterprise"_s, u"inspector-inspection-checklist"_s,
        u"inspector-inspection-hazard"_s, u"inspector-inspection-signature"_s,
        u"inspector-inspection-documents"_s, u"inspector-document"_s, u"inspector-hazards"_s,
        u"inspector-hazard"_s, u"inspector-reinspection"_s, u"inspector-sync-pending"_s,
        u"inspector-sync-syncing"_s, u"inspector-sync-error"_s, u"inspector-sync-needs-login"_s,
        u"inspector-me"_s, u"enterprise-tasks"_s, u"enterprise-task"_s,
        u"enterprise-rectification"_s, u"enterprise-completed"_s, u"enterprise-selfchecks"_s,
        u"enterprise-info"_s, u"enterprise-me"_s, u"supervisor-overview"_s, u"supervisor-map"_s,
        u"supervisor-inspectors"_s, u"supervisor-devices"_s, u"supervisor-draws"_s,
        u"supervisor-me"_s };
    for (const QString& language : { u"zh_CN"_s, u"en"_s }) {
        for (const auto& [size, width] : { std::pair { u"phone"_s, 400 }, { u"tablet"_s, 1280 } }) {
            for (const QString& page : pages) {
                const QString file
                    = QDir(outDir.path()).filePath(u"%1-%2-%3.png"_s.arg(language, size, page));
                const QImage image(file);
                ASSERT_FALSE(image.isNull()) << file.toStdString() << "\n" << out.toStdString();
                EXPECT_EQ(image.width(), width) << file.toStdString();
                EXPECT_GT(distinctColours(image), 40) << file.toStdString();
            }
            // Each scene and sync state is its own picture, not the same page again.
            const auto picture = [&](const QString& page) {
                return QImage(QDir(outDir.path())
                                  .filePath(u"%1-%2-inspector-%3.png"_s.arg(language, size, page)));
            };
            const QStringList distinct { u"today"_s, u"sync-pending"_s, u"sync-syncing"_s,
                u"sync-error"_s, u"sync-needs-login"_s };
            for (qsizetype i = 1; i < distinct.size(); ++i)
                EXPECT_NE(picture(distinct.at(i - 1)), picture(distinct.at(i)))
                    << language.toStdString() << " " << size.toStdString() << " "
                    << distinct.at(i).toStdString();
            // The task opens over the list on a phone; its form is another page again.
            const auto enterprisePicture = [&](const QString& page) {
                return QImage(
                    QDir(outDir.path())
                        .filePath(u"%1-%2-enterprise-%3.png"_s.arg(language, size, page)));
            };
            if (size == u"phone"_s) {
                EXPECT_NE(enterprisePicture(u"tasks"_s), enterprisePicture(u"task"_s))
                    << language.toStdString();
            }
            EXPECT_NE(enterprisePicture(u"task"_s), enterprisePicture(u"rectification"_s))
                << language.toStdString() << " " << size.toStdString();
            // 自查 is its own page, not 已完成 again.
            EXPECT_NE(enterprisePicture(u"completed"_s), enterprisePicture(u"selfchecks"_s))
                << language.toStdString() << " " << size.toStdString();
            const QStringList scenes { u"enterprise"_s, u"inspection-checklist"_s,
                u"inspection-hazard"_s, u"inspection-signature"_s, u"inspection-documents"_s,
                u"document"_s, u"reinspection"_s };
            for (qsizetype i = 1; i < scenes.size(); ++i)
                EXPECT_NE(picture(scenes.at(i - 1)), picture(scenes.at(i)))
                    << language.toStdString() << " " << size.toStdString() << " "
                    << scenes.at(i).toStdString();
        }
    }
}

TEST(TourTest, OffscreenScreenshotSavesEachRolesFirstPageAfterItsLoginAndSync)
{
    DemoServer server;
    ASSERT_TRUE(server.start());
    QTemporaryDir outDir;
    const QString file = QDir(outDir.path()).filePath(u"screenshot.png"_s);
    int exitCode = -1;
    QString out;
    const auto status
        = runTour(QStringList { u"--offscreen"_s, u"--data-dir"_s,
                      QDir(outDir.path()).filePath(u"device"_s), u"--screenshot"_s, file }
                + server.appArguments(),
            &exitCode, &out);
    ASSERT_EQ(status, QProcess::NormalExit) << out.toStdString();
    ASSERT_EQ(exitCode, 0) << out.toStdString();
    const QImage login(file);
    ASSERT_FALSE(login.isNull()) << out.toStdString();
    QList<QImage> pages;
    for (const char* role : { "inspector", "enterprise", "supervisor" }) {
        const QString page
            = QDir(outDir.path()).filePath(u"screenshot-%1.png"_s.arg(QLatin1String(role)));
        EXPECT_TRUE(out.contains(u"tour: %1 synced"_s.arg(QLatin1String(role))))
            << out.toStdString();
        const QImage image(page);
        ASSERT_FALSE(image.isNull()) << page.toStdString() << "\n" << out.toStdString();
        EXPECT_GT(distinctColours(image), 40) << page.toStdString();
        EXPECT_NE(image, login) << role << " shows more than the login page";
        for (const QImage& other : std::as_const(pages))
            EXPECT_NE(image, other) << role << " shows its own first page";
        pages.append(image);
    }
}

TEST(TourTest, WithoutServerRendersTheLoginPageOnlyAndSaysSo)
{
    QTemporaryDir outDir;
    int exitCode = -1;
    QString out;
    ASSERT_EQ(runTour({ u"--tour"_s, outDir.path() }, &exitCode, &out), QProcess::NormalExit);
    EXPECT_EQ(exitCode, 0) << out.toStdString();
    EXPECT_TRUE(out.contains(u"only the login page"_s)) << out.toStdString();
    const QStringList files = QDir(outDir.path()).entryList({ u"*.png"_s }, QDir::Files);
    EXPECT_EQ(files.size(), 4);
    EXPECT_TRUE(files.contains(u"zh_CN-phone-login.png"_s));
    EXPECT_TRUE(files.contains(u"en-tablet-login.png"_s));
}

TEST(LauncherTest, HelpAndVersionNeedNoDisplay)
{
    for (const QString& flag : { u"--help"_s, u"--version"_s }) {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s); // what a desktop without a display has
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(SAFELOOP_APP_BIN), { flag });
        ASSERT_TRUE(app.waitForFinished(30000));
        EXPECT_EQ(app.exitStatus(), QProcess::NormalExit) << flag.toStdString();
        EXPECT_EQ(app.exitCode(), 0) << flag.toStdString();
        const QString out = QString::fromUtf8(app.readAllStandardOutput());
        if (flag == u"--help"_s) {
            EXPECT_TRUE(out.contains(u"--tour"_s)) << out.toStdString();
            EXPECT_TRUE(out.contains(u"--server"_s));
        } else {
            EXPECT_TRUE(out.contains(u"SafeLoop"_s)) << out.toStdString();
        }
    }
}
