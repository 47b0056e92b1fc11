#include "app/pdfimageprovider.h"
#include "tests/app/sampledocuments.h"

#include <QFile>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QVariantMap>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(SafeLoop_AppPlugin)
Q_IMPORT_QML_PLUGIN(SafeLoop_UiPlugin)

/// Gives every test engine the static modules' import path and the app's style, and the
/// documents tst_documentviewer.qml opens as `documentFixtures` {pdf, pages, corrupt, missing}:
/// a multi-page record rendered by the app's DocumentRenderer, a file that is not a PDF, and a
/// path with no file. (A context property: tests only; the app registers its types.)
class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        const QString pdf = m_dir.filePath(QStringLiteral("检查记录.pdf"));
        const auto rendered = safeloop::app::DocumentRenderer::renderInspectionRecord(
            safeloop::app::testing::sampleRecord(30), pdf);
        const auto info = safeloop::app::readPdf(pdf);
        const QString corrupt = m_dir.filePath(QStringLiteral("corrupt.pdf"));
        QFile f(corrupt);
        if (f.open(QIODevice::WriteOnly))
            f.write("%PDF-1.4\nnot really a PDF\n");
        m_fixtures = { { QStringLiteral("pdf"), rendered ? pdf : QString() },
            { QStringLiteral("pages"), info ? info->pageCount : 0 },
            { QStringLiteral("corrupt"), corrupt },
            { QStringLiteral("missing"), m_dir.filePath(QStringLiteral("nowhere.pdf")) } };
    }
    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->rootContext()->setContextProperty(QStringLiteral("documentFixtures"), m_fixtures);
    }

private:
    QTemporaryDir m_dir;
    QVariantMap m_fixtures;
};

QUICK_TEST_MAIN_WITH_SETUP(safeloop, Setup)

#include "tst_qml.moc"
