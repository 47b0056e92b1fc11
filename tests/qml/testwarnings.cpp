#include "testwarnings.h"

#include <QRegularExpression>
#include <QTest>

TestWarnings::TestWarnings(QObject* parent)
    : QObject(parent)
{
}

void TestWarnings::failOnWarning(const QString& pattern)
{
    QTest::failOnWarning(QRegularExpression(pattern));
}
