#include "documentfixtures.h"

#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(SafeLoop_AppPlugin)
Q_IMPORT_QML_PLUGIN(SafeLoop_UiPlugin)

/// Gives every test engine the static modules' import path and the app's style, and renders
/// the documents tst_documentviewer.qml opens (the DocumentFixtures singleton of the test-only
/// module SafeLoop.TestFixtures).
class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        DocumentFixtures::prepare(m_dir.path());
    }
    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    }

private:
    QTemporaryDir m_dir;
};

QUICK_TEST_MAIN_WITH_SETUP(safeloop, Setup)

#include "tst_qml.moc"
