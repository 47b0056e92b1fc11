#include "documentfixtures.h"

#include "app/sessioncontroller.h"

#include <QApplication>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(SafeLoop_AppPlugin)
Q_IMPORT_QML_PLUGIN(SafeLoop_UiPlugin)

/// Gives every test engine the static modules' import path and the app's style, and renders
/// the documents tst_documentviewer.qml opens (the DocumentFixtures singleton of the test-only
/// module SafeLoop.TestFixtures). The login page is offered two demo accounts, as the demo
/// script offers the seeded district's.
class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        DocumentFixtures::prepare(m_dir.path());
        safeloop::app::SessionController::setup({ {}, {},
            { { QStringLiteral("inspector"), QStringLiteral("demo.inspector"),
                  QStringLiteral("Demo-pass-1") },
                { QStringLiteral("enterprise"), QStringLiteral("demo.enterprise"),
                    QStringLiteral("Demo-pass-2") } } });
    }
    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    }

private:
    QTemporaryDir m_dir;
};

// A QApplication, as in the app: Qt Charts' QML types (the supervisor's overview) need one.
// quick_test_main_with_setup() uses the application that exists instead of making its own.
int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "safeloop", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "tst_qml.moc"
