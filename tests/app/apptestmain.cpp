// Main for the app-layer suites: a QGuiApplication on the offscreen platform so that fonts,
// QPainter, QPdfWriter and Qt Quick windows work without a display.
#include <QGuiApplication>

#include <gtest/gtest.h>

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
