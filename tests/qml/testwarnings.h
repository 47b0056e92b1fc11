#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

/// Qt Quick Test 6.4 has no TestCase.failOnWarning (6.5): QML test files call this singleton
/// (`TestWarnings` of the test-only module SafeLoop.TestFixtures) in init() instead, and QtTest's
/// own QTest::failOnWarning (6.3) fails the running test function on a matching message.
class TestWarnings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit TestWarnings(QObject* parent = nullptr);
    /// The running test function fails if a warning matching `pattern` (a regular expression)
    /// is logged before it ends.
    Q_INVOKABLE void failOnWarning(const QString& pattern);
};
