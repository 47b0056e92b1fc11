#include "server/cli.h"

#include <QCoreApplication>

#include <iostream>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("safeloop-server"));
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return safeloop::server::runCli(args, std::cout, std::cerr);
}
