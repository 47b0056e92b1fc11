// Smoke run of the district load generator (bench/district_load.cpp) against the real server on
// SQLite: 50 devices for 15 s must see no failed request, and every mutation they pushed must
// reach a supervisor's pull afterwards.
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace {

struct GeneratorRun {
    int exitCode = -1;
    QHash<QString, QJsonObject> lines; ///< by "bench"
    QString err;
};

GeneratorRun runGenerator(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(SAFELOOP_DISTRICT_LOAD_BIN), args);
    GeneratorRun run;
    if (!p.waitForFinished(150000)) {
        p.kill();
        p.waitForFinished();
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.err = QString::fromUtf8(p.readAllStandardError());
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (!o.isEmpty())
            run.lines.insert(o[u"bench"_s].toString(), o);
    }
    return run;
}

} // namespace

TEST(DistrictLoadTest, FiftyDevicesForFifteenSecondsHaveNoErrorsAndEveryPushedMutationIsPulled)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const GeneratorRun run = runGenerator({ u"--server"_s, QStringLiteral(SAFELOOP_SERVER_BIN),
        u"--data"_s, dir.path() + u"/store"_s, u"--inspectors"_s, u"3"_s, u"--supervisors"_s,
        u"2"_s, u"--enterprises"_s, u"45"_s, u"--duration"_s, u"15"_s, u"--inspection-every"_s,
        u"4"_s, u"--sync-every"_s, u"5"_s, u"--supervisor-every"_s, u"5"_s, u"--photo-bytes"_s,
        u"100000"_s, u"--login-jobs"_s, u"4"_s });
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();

    const QJsonObject seed = run.lines.value(u"district_load_seed"_s);
    EXPECT_EQ(seed[u"accounts"_s].toInt(), 50);
    const QJsonObject warmup = run.lines.value(u"district_load_warmup"_s);
    EXPECT_EQ(warmup[u"login"_s][u"n"_s].toInt(), 5) << "every inspector and supervisor logged in";
    EXPECT_EQ(warmup[u"login_enterprise"_s][u"n"_s].toInt(), 45) << "and every enterprise";
    EXPECT_TRUE(warmup[u"errors"_s].toObject().isEmpty());

    const QJsonObject load = run.lines.value(u"district_load"_s);
    ASSERT_FALSE(load.isEmpty()) << run.err.toStdString();
    EXPECT_EQ(load[u"errors_total"_s].toInt(-1), 0)
        << QJsonDocument(load[u"errors"_s].toObject()).toJson().toStdString();
    EXPECT_GE(load[u"push_inspection"_s][u"n"_s].toInt(), 3) << "the inspectors pushed inspections";
    EXPECT_GE(load[u"blob"_s][u"n"_s].toInt(), 6) << "with their photos";
    EXPECT_GE(load[u"pushes"_s].toInt(), 45) << "every enterprise synced at least once";
    EXPECT_GE(load[u"pull"_s][u"n"_s].toInt(), 50);
    EXPECT_GT(load[u"server_rss_max_mib"_s].toDouble(), 0) << "the server's memory was read";
    const int applied = load[u"mutations_applied"_s].toInt();
    EXPECT_GE(applied, 15);

    const QJsonObject check = run.lines.value(u"district_load_check"_s);
    EXPECT_TRUE(check[u"pulled"_s].toBool());
    EXPECT_EQ(check[u"expected"_s].toInt(), applied);
    EXPECT_EQ(check[u"missing"_s].toInt(-1), 0);
    EXPECT_GE(check[u"changes"_s].toInt(), applied);
}

TEST(DistrictLoadTest, ABadOptionIsRefusedByNameAndNothingIsSeeded)
{
    QTemporaryDir dir;
    const QString data = dir.path() + u"/store"_s;
    for (const QStringList& bad : {
             QStringList { u"--enterprises"_s, u"many"_s },
             QStringList { u"--duration"_s, u"-5"_s },
             QStringList { u"--devices"_s, u"10"_s },
             QStringList { u"--supervisors"_s, u"0"_s },
             QStringList { u"--url"_s, u"http://localhost:8443"_s, u"--ca"_s,
                 QStringLiteral(SAFELOOP_SERVER_BIN) },
             QStringList { u"--url"_s, u"https://localhost:8443"_s },
             QStringList { u"--ca"_s, QStringLiteral(SAFELOOP_SERVER_BIN) },
             QStringList { u"--server-pids"_s, u"12 x"_s, u"--url"_s, u"https://localhost:8443"_s,
                 u"--ca"_s, QStringLiteral(SAFELOOP_SERVER_BIN) },
         }) {
        const GeneratorRun run = runGenerator(
            QStringList { u"--server"_s, QStringLiteral(SAFELOOP_SERVER_BIN), u"--data"_s, data }
            + bad);
        EXPECT_EQ(run.exitCode, 2) << bad.join(u' ').toStdString();
        EXPECT_TRUE(run.err.contains(bad.first())) << run.err.toStdString();
        EXPECT_TRUE(run.lines.isEmpty());
        EXPECT_FALSE(QDir(data).exists()) << "nothing is created for a refused command line";
    }
    const GeneratorRun noServer = runGenerator({ u"--data"_s, data });
    EXPECT_EQ(noServer.exitCode, 2);
    EXPECT_TRUE(noServer.err.contains(u"--server BIN and --data DIR are required"_s));
}
