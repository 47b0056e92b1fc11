// The deployment of docs/operations.md, started by scripts/tls-stack.sh: nginx with
// deploy/nginx/safeloop.conf terminating TLS (a test CA's certificate) in front of two server
// processes on one PostgreSQL store with blobs in the database. Two devices sync through nginx
// and converge; the balancer reaches both processes.
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using safeloop::test::runServerCommand;

namespace {

const QString Enterprise = u"91350100M000100Y43"_s;

QString sha(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString hlc(int counter)
{
    return QString::number(QDateTime::currentMSecsSinceEpoch(), 16).rightJustified(12, u'0')
        + QString::number(counter, 16).rightJustified(4, u'0');
}

QJsonObject json(const httplib::Result& r)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object();
}

/// The stack of scripts/tls-stack.sh, stopped when the test ends.
class TlsStack {
public:
    bool start()
    {
        const QString build
            = QFileInfo(QStringLiteral(SAFELOOP_SERVER_BIN)).dir().filePath(u".."_s);
        if (!run({ u"start"_s, build, m_work.path() }))
            return false;
        QFile env(m_work.filePath(u"stack.env"_s));
        if (!env.open(QIODevice::ReadOnly))
            return false;
        for (const QByteArray& line : env.readAll().split('\n')) {
            const qsizetype eq = line.indexOf('=');
            if (eq > 0)
                m_env.insert(QString::fromUtf8(line.left(eq)),
                    QString::fromUtf8(line.mid(eq + 1)).remove(u'"'));
        }
        m_started = true;
        return true;
    }
    ~TlsStack()
    {
        if (m_started)
            run({ u"stop"_s, m_work.path() });
    }

    QString value(const char* key) const { return m_env.value(QString::fromLatin1(key)); }
    int httpsPort() const { return value("SAFELOOP_URL").section(u':', -1).toInt(); }
    QString serverLog(const char* name) const
    {
        QFile f(m_work.filePath(u"server-%1.log"_s.arg(QString::fromLatin1(name))));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    QString output;
    QString workDir() const { return m_work.path(); }

    /// A client through nginx that trusts the test CA only.
    std::unique_ptr<httplib::SSLClient> client() const
    {
        auto c = std::make_unique<httplib::SSLClient>("localhost", httpsPort());
        c->set_ca_cert_path(value("SAFELOOP_CA").toStdString().c_str());
        c->enable_server_certificate_verification(true);
        c->set_read_timeout(30, 0);
        return c;
    }

private:
    bool run(const QStringList& args)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(SAFELOOP_SOURCE_DIR) + u"/scripts/tls-stack.sh"_s, args);
        const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit
            && p.exitCode() == 0;
        output += QString::fromUtf8(p.readAll());
        return ok;
    }

    QTemporaryDir m_work;
    QHash<QString, QString> m_env;
    bool m_started = false;
};

} // namespace

TEST(TlsStackE2eTest, TwoDevicesSyncThroughNginxOverHttpsToBothProcessesAndConverge)
{
    if (QStandardPaths::findExecutable(u"nginx"_s).isEmpty()
        && !QFileInfo::exists(u"/usr/sbin/nginx"_s))
        FAIL() << "nginx is not installed (scripts/setup.sh installs it)";
    TlsStack stack;
    ASSERT_TRUE(stack.start()) << stack.output.toStdString();
    const QStringList store { u"--data"_s, stack.value("SAFELOOP_DATA_A"), u"--database"_s,
        stack.value("SAFELOOP_DATABASE") };
    for (const auto& [user, role] :
        { std::pair { u"zhao"_s, u"supervisor"_s }, std::pair { u"wang"_s, u"inspector"_s } }) {
        QStringList args = QStringList { u"user"_s, u"add"_s } + store
            + QStringList { u"--username"_s, user, u"--role"_s, role };
        if (role == u"inspector"_s)
            args << u"--badge"_s << u"32010001"_s;
        const auto added = runServerCommand(args, "stack pass phrase\n");
        ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    }

    // A client that does not trust the test CA is refused by the TLS handshake.
    {
        httplib::SSLClient untrusting("localhost", stack.httpsPort());
        untrusting.enable_server_certificate_verification(true);
        untrusting.set_ca_cert_path("/nonexistent/ca.pem");
        auto r = untrusting.Get("/api/v1/health");
        EXPECT_FALSE(r) << "a certificate from an untrusted CA was accepted";
    }

    auto c = stack.client();
    auto login = [&](const char* user, const char* device) {
        auto r = c->Post("/api/v1/auth/login",
            std::string(R"({"username":")") + user
                + R"(","password":"stack pass phrase","device_id":")" + device
                + R"(","device_name":"phone"})",
            "application/json");
        EXPECT_TRUE(r && r->status == 200) << (r ? r->body : httplib::to_string(r.error()));
        return r ? json(r)[u"access_token"_s].toString().toStdString() : std::string();
    };
    const std::string inspector = login("wang", "phone-wang");
    const std::string supervisor = login("zhao", "phone-zhao");
    ASSERT_FALSE(inspector.empty());
    auto auth = [](const std::string& token) {
        return httplib::Headers { { "Authorization", "Bearer " + token } };
    };
    auto push = [&](const std::string& token, const QString& client, const QJsonObject& m) {
        const QJsonObject body { { u"client_id"_s, client }, { u"schema_version"_s, 1 },
            { u"mutations"_s, QJsonArray { m } } };
        auto r = c->Post("/api/v1/sync/push", auth(token),
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
        EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
        EXPECT_TRUE(r && r->body.find("\"applied\"") != std::string::npos)
            << (r ? r->body : "no answer");
    };

    // The supervisor's device registers the enterprise; the inspector's device uploads a photo
    // in chunks and records a hazard with it — all through nginx.
    push(supervisor, u"dev-zhao"_s,
        { { u"id"_s, 1 }, { u"name"_s, u"enterprise.upsert"_s }, { u"entity_id"_s, Enterprise },
            { u"hlc"_s, hlc(1) },
            { u"args"_s,
                QJsonObject { { u"name"_s, u"Acme Stamping"_s },
                    { u"address"_s, u"1 Factory Road"_s }, { u"street"_s, u"North"_s },
                    { u"industry_code"_s, u"C3670"_s }, { u"risk_grade"_s, u"orange"_s },
                    { u"lat"_s, 43.88 }, { u"lon"_s, 125.35 } } } });
    QByteArray photo(1536 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < photo.size(); ++i)
        photo[i] = static_cast<char>((i * 13 + i / 777) % 251);
    const QString id = sha(photo);
    const qint64 half = photo.size() / 2;
    for (const auto& [first, length] :
        { std::pair { qint64 { 0 }, half }, std::pair { half, photo.size() - half } }) {
        httplib::Headers h = auth(inspector);
        h.emplace("Content-Range",
            "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/"
                + std::to_string(photo.size()));
        auto r = c->Put("/api/v1/blobs/" + id.toStdString(), h,
            photo.mid(first, length).toStdString(), "application/octet-stream");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, first == 0 ? 308 : 201) << r->body;
    }
    const QString hazardId = u"0193a000-0000-7000-8000-0000000000f1"_s;
    push(inspector, u"dev-wang"_s,
        { { u"id"_s, 1 }, { u"name"_s, u"hazard.create"_s }, { u"entity_id"_s, hazardId },
            { u"hlc"_s, hlc(2) },
            { u"args"_s,
                QJsonObject { { u"enterprise_id"_s, Enterprise },
                    { u"description"_s, u"Guard missing"_s }, { u"place"_s, u"Press line 2"_s },
                    { u"level"_s, u"general"_s }, { u"deadline"_s, u"2099-01-10"_s },
                    { u"attachments"_s, QJsonArray { id } } } } });

    // The supervisor's device pulls through nginx: it sees the hazard and the complete photo,
    // whichever process answers each request.
    QJsonObject hazard;
    QJsonObject attachment;
    QString cursor;
    for (int page = 0; page < 20; ++page) {
        auto r = c->Get("/api/v1/sync/pull?cursor=" + cursor.toStdString(), auth(supervisor));
        ASSERT_TRUE(r);
        ASSERT_EQ(r->status, 200) << r->body;
        const QJsonObject o = json(r);
        for (const auto& change : o[u"changes"_s].toArray()) {
            if (change[u"entity"_s].toString() == u"hazard"_s
                && change[u"id"_s].toString() == hazardId)
                hazard = change.toObject();
            if (change[u"entity"_s].toString() == u"attachment"_s
                && change[u"id"_s].toString() == id)
                attachment = change.toObject();
        }
        cursor = o[u"cursor"_s].toString();
        if (!o[u"has_more"_s].toBool())
            break;
    }
    EXPECT_EQ(hazard[u"fields"_s][u"description"_s].toString(), u"Guard missing"_s);
    EXPECT_EQ(attachment[u"fields"_s][u"state"_s].toString(), u"complete"_s);
    for (int i = 0; i < 4; ++i) {
        auto got = c->Get("/api/v1/blobs/" + id.toStdString(), auth(supervisor));
        ASSERT_TRUE(got);
        EXPECT_EQ(got->status, 200);
        EXPECT_TRUE(QByteArray::fromStdString(got->body) == photo) << "request " << i;
    }

    // nginx spread the requests over both processes.
    for (const char* name : { "a", "b" })
        EXPECT_GE(stack.serverLog(name).count(u"\"path\":\"/api/v1/"_s), 3)
            << "process " << name << " served too little:\n"
            << stack.serverLog(name).toStdString();

    // Plain HTTP answers only with a redirect to HTTPS.
    httplib::Client plain("localhost", QUrl(stack.value("SAFELOOP_HTTP_URL")).port());
    auto redirected = plain.Get("/api/v1/health");
    ASSERT_TRUE(redirected);
    EXPECT_EQ(redirected->status, 308);
    EXPECT_EQ(redirected->get_header_value("Location").rfind("https://", 0), 0u);
}

#ifdef SAFELOOP_DISTRICT_LOAD_BIN
namespace {

/// The JSON lines of one run of the district load generator, by their "bench".
struct GeneratorRun {
    int exitCode = -1;
    QHash<QString, QJsonObject> lines;
    QString err;
};

} // namespace

TEST(TlsStackE2eTest, TheDistrictLoadThroughNginxHasNoErrorsAndReachesBothProcesses)
{
    TlsStack stack;
    ASSERT_TRUE(stack.start()) << stack.output.toStdString();
    QProcess p;
    p.start(QStringLiteral(SAFELOOP_DISTRICT_LOAD_BIN),
        { u"--server"_s, stack.value("SAFELOOP_SERVER"), u"--data"_s,
            stack.value("SAFELOOP_DATA_A"), u"--database"_s, stack.value("SAFELOOP_DATABASE"),
            u"--url"_s, stack.value("SAFELOOP_URL"), u"--ca"_s, stack.value("SAFELOOP_CA"),
            u"--server-pids"_s, stack.value("SAFELOOP_SERVER_PIDS"), u"--nginx-pid-file"_s,
            stack.value("SAFELOOP_NGINX_PID_FILE"), u"--inspectors"_s, u"2"_s, u"--supervisors"_s,
            u"1"_s, u"--enterprises"_s, u"12"_s, u"--duration"_s, u"5"_s, u"--inspection-every"_s,
            u"2"_s, u"--sync-every"_s, u"2"_s, u"--supervisor-every"_s, u"2"_s, u"--photo-bytes"_s,
            u"100000"_s, u"--login-jobs"_s, u"3"_s });
    GeneratorRun run;
    ASSERT_TRUE(p.waitForFinished(120000)) << "the generator did not finish in 2 minutes";
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.err = QString::fromUtf8(p.readAllStandardError());
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (!o.isEmpty())
            run.lines.insert(o[u"bench"_s].toString(), o);
    }
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();

    const QJsonObject load = run.lines.value(u"district_load"_s);
    ASSERT_FALSE(load.isEmpty()) << run.err.toStdString();
    EXPECT_EQ(load[u"errors_total"_s].toInt(-1), 0) << QJsonDocument(load).toJson().toStdString();
    EXPECT_GT(load[u"pushes"_s].toInt(), 0);
    EXPECT_GT(load[u"blob"_s][u"n"_s].toInt(), 0) << "inspectors uploaded photos through nginx";
    EXPECT_EQ(run.lines.value(u"district_load_check"_s)[u"missing"_s].toInt(-1), 0);
    // Both processes behind nginx were measured and both served the devices' syncs.
    const QJsonArray processes = load[u"processes"_s].toArray();
    ASSERT_EQ(processes.size(), 2);
    for (const auto& process : processes)
        EXPECT_GT(process[u"rss_max_mib"_s].toDouble(), 0.0);
    EXPECT_GE(load[u"nginx_cpu_s"_s].toDouble(-1), 0.0);
    for (const char* name : { "a", "b" })
        EXPECT_GE(stack.serverLog(name).count(u"\"path\":\"/api/v1/sync/push\""_s), 1)
            << "process " << name << " served no push";
}
#endif

TEST(TlsStackE2eTest, ANumberOfProcessesOutsideOneToEightIsRefusedBeforeAnythingStarts)
{
    QTemporaryDir parent;
    const QString work = parent.filePath(u"stack"_s);
    for (const QString& bad : { u"0"_s, u"9"_s, u"two"_s }) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"SAFELOOP_STACK_PROCESSES"_s, bad);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SAFELOOP_SOURCE_DIR) + u"/scripts/tls-stack.sh"_s,
            { u"start"_s, QFileInfo(QStringLiteral(SAFELOOP_SERVER_BIN)).dir().filePath(u".."_s),
                work });
        ASSERT_TRUE(p.waitForFinished(30000));
        EXPECT_EQ(p.exitCode(), 2) << bad.toStdString();
        EXPECT_TRUE(QString::fromUtf8(p.readAllStandardError())
                        .contains(u"SAFELOOP_STACK_PROCESSES must be a number from 1 to 8"_s))
            << bad.toStdString();
        EXPECT_FALSE(QFileInfo::exists(work)) << "nothing is created for a refused count";
    }
}
