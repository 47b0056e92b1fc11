// ctest fixture for the PostgreSQL tests: `pgcluster_ctl start STATE` creates the one cluster
// that every `pg` test of a ctest run shares; `pgcluster_ctl stop STATE` removes it.
#include "pgcluster.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3
        || (args[1] != QLatin1String("start") && args[1] != QLatin1String("stop"))) {
        std::fprintf(stderr, "usage: pgcluster_ctl start|stop STATE_FILE\n");
        return 2;
    }
    if (args[1] == QLatin1String("stop"))
        return safeloop::test::PgCluster::stopShared(args[2]) ? 0 : 1;
    safeloop::test::PgCluster cluster;
    if (!cluster.startShared(args[2])) {
        std::fprintf(stderr, "pgcluster_ctl: %s\n", qPrintable(cluster.error()));
        return 1;
    }
    std::printf("shared PostgreSQL cluster on 127.0.0.1:%d\n", cluster.port());
    return 0;
}
