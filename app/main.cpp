#include "app/launcher.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(SafeLoop_AppPlugin)
Q_IMPORT_QML_PLUGIN(SafeLoop_UiPlugin)

int main(int argc, char* argv[])
{
    return safeloop::app::run(argc, argv);
}
