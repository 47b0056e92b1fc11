// Shared main for SafeLoop's GoogleTest suites: a QCoreApplication exists so that QtSql drivers,
// timers and QSignalSpy::wait work inside tests.
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
