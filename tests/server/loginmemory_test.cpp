// A burst of logins against the real server: each Argon2id verification holds 64 MiB, and the
// server lets only two run at once, so eight concurrent logins cost it ~128 MiB, not ~512 MiB
// (docs/performance.md, district load).
#include "tests/support/serverprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <httplib.h>

#include <latch>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using safeloop::test::runServerCommand;
using safeloop::test::ServerProcess;

namespace {

/// A line of /proc/PID/status in MiB (VmRSS, VmHWM), or -1.
double statusMiB(qint64 pid, const QByteArray& key)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

TEST(LoginMemoryTest, EightConcurrentLoginsRaiseTheServersPeakMemoryByLessThan200MiB)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_EQ(runServerCommand({ u"init"_s, u"--data"_s, dir.path() }).exitCode, 0);
    constexpr int Logins = 8;
    for (int i = 0; i < Logins; ++i) {
        const auto added
            = runServerCommand({ u"user"_s, u"add"_s, u"--data"_s, dir.path(), u"--username"_s,
                                   u"burst%1"_s.arg(i), u"--role"_s, u"supervisor"_s },
                "burst-password-1\n");
        ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    }
    ServerProcess server;
    ASSERT_TRUE(server.start(dir.path()));
    httplib::Client warm("127.0.0.1", server.port());
    ASSERT_TRUE(warm.Get("/api/v1/health"));
    const double before = statusMiB(server.pid(), "VmHWM:");
    ASSERT_GT(before, 0);

    std::latch go(Logins);
    std::vector<int> statuses(Logins, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < Logins; ++i) {
        threads.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", server.port());
            client.set_read_timeout(120, 0);
            const QByteArray body = QJsonDocument(
                QJsonObject { { u"username"_s, u"burst%1"_s.arg(i) },
                    { u"password"_s, u"burst-password-1"_s },
                    { u"device_id"_s, u"burst-device-%1"_s.arg(i) },
                    { u"device_name"_s,
                        u"burst"_s } }).toJson(QJsonDocument::Compact);
            go.arrive_and_wait();
            const auto r
                = client.Post("/api/v1/auth/login", body.toStdString(), "application/json");
            statuses[static_cast<std::size_t>(i)] = r ? r->status : 0;
        });
    }
    for (auto& t : threads)
        t.join();
    for (int i = 0; i < Logins; ++i)
        EXPECT_EQ(statuses[static_cast<std::size_t>(i)], 200) << "login " << i;
    const double after = statusMiB(server.pid(), "VmHWM:");
    EXPECT_LT(after - before, 200.0)
        << "peak went from " << before << " to " << after << " MiB: more than two Argon2id "
        << "verifications (64 MiB each) ran at once";
}
