#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

/// The documents tst_documentviewer.qml opens (QML singleton `DocumentFixtures` of the
/// test-only module SafeLoop.TestFixtures): a multi-page record rendered by the app's
/// DocumentRenderer, a file that is not a PDF, and a path with no file. prepare() makes them
/// once per test run, before any engine exists.
class DocumentFixtures : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString pdf READ pdf CONSTANT)
    Q_PROPERTY(int pages READ pages CONSTANT)
    Q_PROPERTY(QString corrupt READ corrupt CONSTANT)
    Q_PROPERTY(QString missing READ missing CONSTANT)
    /// A folder (as a file:// URL) the tests may export lists and reports into.
    Q_PROPERTY(QString exportFolder READ exportFolder CONSTANT)

public:
    explicit DocumentFixtures(QObject* parent = nullptr);
    /// Renders the fixtures into `directory` (kept by the caller for the whole run).
    static void prepare(const QString& directory);

    QString pdf() const;
    int pages() const;
    QString corrupt() const;
    QString missing() const;
    QString exportFolder() const;
};
