#pragma once

// A real safeloop-server with a small district (two badged inspectors, a supervisor, one
// enterprise, the shipped checklists) and the app's own controllers — SessionController,
// DeviceStore, SyncCenter — wired exactly as the launcher wires them, in a temporary app data
// directory.

#include "app/devicestore.h"
#include "app/inspectioncontroller.h"
#include "app/sessioncontroller.h"
#include "app/sessionstore.h"
#include "app/synccenter.h"
#include "core/creditcode.h"
#include "tests/support/serverprocess.h"

#include <httplib.h>

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>
#include <memory>

namespace safeloop::app::testing {

using namespace Qt::StringLiterals;

inline bool waitUntil(const std::function<bool()>& pred, int ms = 30000)
{
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return pred();
}

inline const QString Password = u"Kontrol-2026!"_s;

/// The device's database file under `dir` (the first *.db found; empty when there is none).
inline QString deviceDatabaseFile(const QString& dir)
{
    QDirIterator it(dir, { u"*.db"_s }, QDir::Files, QDirIterator::Subdirectories);
    return it.hasNext() ? it.next() : QString();
}

/// Every column of every table of `db` whose text holds one of `needles` in some row, as
/// "table.column" (or "table.column: error" when it cannot be read); `columns` is set to how
/// many columns were searched. For scope tests read from the device's file itself.
inline QStringList columnsHolding(QSqlDatabase& db, const QStringList& needles, int& columns)
{
    QStringList found;
    columns = 0;
    QSqlQuery tables(db);
    if (!tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table'"_s))
        return { u"sqlite_master: cannot be read"_s };
    while (tables.next()) {
        const QString table = tables.value(0).toString();
        QSqlQuery cols(db);
        if (!cols.exec(u"PRAGMA table_info(\"%1\")"_s.arg(table))) {
            found << table + u": cannot be read"_s;
            continue;
        }
        while (cols.next()) {
            const QString col = cols.value(1).toString();
            QStringList likes;
            for (const QString& needle : needles)
                likes << u"CAST(\"%1\" AS TEXT) LIKE '%%2%'"_s.arg(col, needle);
            QSqlQuery q(db);
            const bool ok = q.exec(u"SELECT COUNT(*) FROM \"%1\" WHERE %2"_s.arg(
                                table, likes.join(u" OR "_s)))
                && q.next();
            if (!ok)
                found << u"%1.%2: cannot be read"_s.arg(table, col);
            else if (q.value(0).toInt() > 0)
                found << u"%1.%2"_s.arg(table, col);
            ++columns;
        }
    }
    return found;
}

inline QString enterpriseUscc()
{
    const QString first17 = u"91220106MA0000001"_s;
    return first17 + *core::CreditCode::checkCharacter(first17);
}

/// The app on one device: session, store and sync as in app::run.
struct AppInstance {
    explicit AppInstance(const QString& dataDir, const QString& serverUrl)
        : session(SessionController::Options { dataDir, serverUrl, {} })
    {
        SyncCenter::Settings s;
        s.scheduler.debounce = std::chrono::milliseconds(150);
        s.scheduler.period = std::chrono::hours(1);
        s.scheduler.useReachability = false;
        // Failures retry late: the tests ask for each cycle they wait for.
        s.scheduler.backoff = sync::Backoff(std::chrono::minutes(10), std::chrono::minutes(10), 1);
        center.attach(&session, &store, s);
    }
    ~AppInstance() { center.stopSync(); }

    /// Logs in and waits for the first sync cycle that follows (whatever its outcome).
    bool login(const QString& user)
    {
        QSignalSpy finished(&session, &SessionController::loginFinished);
        QSignalSpy cycles(&center, &SyncCenter::cycleFinished);
        session.login(user, Password);
        if (!finished.wait(30000) || !finished.first().first().toBool())
            return false;
        return waitUntil([&] { return !cycles.isEmpty(); }, 60000);
    }

    /// Logs out (as the sync bar's button and MePage do) and waits until the server was told.
    bool logout()
    {
        QSignalSpy done(&session, &SessionController::logoutFinished);
        session.logout();
        return done.wait(30000);
    }

    /// Asks for a cycle now and waits for its end; returns whether it succeeded.
    bool syncOnce(int ms = 60000)
    {
        if (!center.controller())
            return false;
        // A cycle already running (the one after login or start) ends first.
        if (!waitUntil([&] { return !center.controller()->scheduler().isRunning(); }, ms))
            return false;
        QSignalSpy done(&center, &SyncCenter::cycleFinished);
        center.requestSync();
        if (!waitUntil([&] { return !done.isEmpty(); }, ms))
            return false;
        return done.last().first().toBool();
    }

    SessionController session;
    DeviceStore store { nullptr };
    SyncCenter center { nullptr };
};

/// Signs the district's inspector li.qiang in on `inspector` and syncs until the device holds
/// what its offline work needs (enterprises, users, templates, number blocks; its own badge).
inline bool signInInspector(AppInstance& inspector)
{
    return inspector.login(u"li.qiang"_s) && inspector.syncOnce()
        && waitUntil([&] { return inspector.store.user().badge == u"22010042"_s; });
}

/// A PNG of one colour under `dir` (a signature or a photo the test hands to a controller).
inline QString writePng(const QString& dir, const QString& name, const QColor& colour)
{
    QImage image(160, 80, QImage::Format_ARGB32);
    image.fill(colour);
    const QString path = QDir(dir).filePath(name);
    image.save(path, "PNG");
    return path;
}

/// What finishEnforcementInspection() adds between the steps every caller shares.
struct InspectionSteps {
    /// Runs once every item is answered (the first one failed): a note, a photo on that item.
    std::function<void(const QString& failedCode)> afterAnswers;
    /// Adds to the proposed hazard (its place already set) before it is created.
    std::function<void(QVariantMap& hazard)> completeHazard;
};

/// What finishEnforcementInspection() did.
struct FinishedInspection {
    QString inspectionId;
    QString hazardId;
    QVariantMap failedItem; ///< the checklist row that failed (code, basis, …)
    QVariantMap hazard; ///< the fields the hazard was created with
};

/// An enforcement (plan) inspection of the first enterprise on `inspector`'s device, as the
/// inspector runs it: the suggested checklist, both badged inspectors on the team, the first
/// item failed and the rest passed, the failed item's hazard (place 冲压二车间3号冲床), then
/// finished with the enterprise's and both inspectors' signatures (written under `dir`), its
/// record and order numbered and rendered. Works offline once the device has synced.
inline void finishEnforcementInspection(AppInstance& inspector, InspectionController& ctrl,
    const QString& dir, FinishedInspection& out, const InspectionSteps& steps = {})
{
    ctrl.setStore(&inspector.store);
    ctrl.loadOptions(enterpriseUscc());
    ASSERT_TRUE(waitUntil([&] { return !ctrl.templateOptions().isEmpty(); }));
    QString ref;
    for (const auto& v : ctrl.templateOptions())
        if (v.toMap().value(u"suggested"_s).toBool() && ref.isEmpty())
            ref = v.toMap().value(u"ref"_s).toString();
    ASSERT_FALSE(ref.isEmpty());
    QStringList inspectorIds, inspectorNames;
    for (const auto& v : ctrl.inspectorOptions()) {
        inspectorIds.append(v.toMap().value(u"id"_s).toString());
        inspectorNames.append(v.toMap().value(u"name"_s).toString());
    }
    ASSERT_EQ(inspectorIds.size(), 2); // both badged inspectors came with the first pull
    // Spies, not connections to locals: the controller outlives this function.
    QSignalSpy started(&ctrl, &InspectionController::started);
    ctrl.start(enterpriseUscc(), u"plan"_s, u"enforcement"_s, inspectorIds, { ref });
    ASSERT_TRUE(waitUntil([&] { return !started.isEmpty() || !ctrl.errorCode().isEmpty(); }));
    ASSERT_FALSE(started.isEmpty()) << ctrl.errorMessage().toStdString();
    out.inspectionId = ctrl.inspectionId();

    out.failedItem = ctrl.checklist()->get(0);
    const QString failedCode = out.failedItem.value(u"code"_s).toString();
    for (int i = 0; i < ctrl.checklist()->rowCount(); ++i)
        ctrl.answer(
            ctrl.checklist()->get(i).value(u"code"_s).toString(), i == 0 ? u"fail"_s : u"pass"_s);
    ASSERT_TRUE(waitUntil([&] { return ctrl.answeredCount() == ctrl.totalCount(); }));
    if (steps.afterAnswers) {
        steps.afterAnswers(failedCode);
        if (::testing::Test::HasFatalFailure())
            return;
    }

    out.hazard = ctrl.proposeHazard(failedCode);
    out.hazard.insert(u"place"_s, u"冲压二车间3号冲床"_s);
    if (steps.completeHazard) {
        steps.completeHazard(out.hazard);
        if (::testing::Test::HasFatalFailure())
            return;
    }
    QSignalSpy created(&ctrl, &InspectionController::hazardCreated);
    ctrl.createHazard(out.hazard);
    ASSERT_TRUE(waitUntil([&] { return !created.isEmpty() || !ctrl.errorCode().isEmpty(); }));
    ASSERT_FALSE(created.isEmpty()) << ctrl.errorMessage().toStdString();
    out.hazardId = created.first().first().toString();

    // Signatures, then the documents, numbered from the device's blocks.
    QSignalSpy finished(&ctrl, &InspectionController::finished);
    ctrl.finish(
        QVariantList { QVariantMap { { u"signer"_s, u"孙建国"_s }, { u"role"_s, u"企业负责人"_s },
                           { u"path"_s, writePng(dir, u"sig-ent.png"_s, Qt::black) } },
            QVariantMap { { u"signer"_s, inspectorNames.value(0) }, { u"role"_s, u"inspector"_s },
                { u"inspectorId"_s, inspectorIds.value(0) },
                { u"path"_s, writePng(dir, u"sig-1.png"_s, Qt::blue) } },
            QVariantMap { { u"signer"_s, inspectorNames.value(1) }, { u"role"_s, u"inspector"_s },
                { u"inspectorId"_s, inspectorIds.value(1) },
                { u"path"_s, writePng(dir, u"sig-2.png"_s, Qt::darkBlue) } } },
        {});
    ASSERT_TRUE(
        waitUntil([&] { return !finished.isEmpty() || !ctrl.errorCode().isEmpty(); }, 90000));
    ASSERT_FALSE(finished.isEmpty()) << ctrl.errorMessage().toStdString();
}

class ServerFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(serverDir.isValid() && appDir.isValid());
        ASSERT_EQ(test::runServerCommand({ u"init"_s, u"--data"_s, serverDir.path() }).exitCode, 0);
        importEnterprise(enterpriseUscc(),
            u"青松冲压件有限公司,青禾区青松路8号,青松街道,C3670,orange,43.88,125.25,"
            u"赵红,13800000000,安全部,孙建国"_s);
        if (HasFatalFailure())
            return;
        auto r = test::runServerCommand({ u"template"_s, u"import"_s, u"--data"_s, serverDir.path(),
            QStringLiteral(SAFELOOP_SOURCE_DIR "/data/checklists.json") });
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
        addUser({ u"--username"_s, u"li.qiang"_s, u"--role"_s, u"inspector"_s, u"--badge"_s,
            u"22010042"_s, u"--name"_s, u"李强"_s });
        addUser({ u"--username"_s, u"zhao.lei"_s, u"--role"_s, u"inspector"_s, u"--badge"_s,
            u"22010057"_s, u"--name"_s, u"赵磊"_s });
        addUser({ u"--username"_s, u"wu.fang"_s, u"--role"_s, u"supervisor"_s, u"--name"_s,
            u"吴芳"_s });
        ASSERT_TRUE(server.start(serverDir.path())) << server.errorOutput().toStdString();
    }

    /// Imports one register row with the server's CLI: `uscc`, then the rest of the CSV line
    /// (name, address, street, industry_code, risk_grade, lat, lon, contact, phone, department,
    /// leader).
    void importEnterprise(const QString& uscc, const QString& rest)
    {
        const QString csv = serverDir.filePath(uscc + u".csv"_s);
        QFile f(csv);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write((u"uscc,name,address,street,industry_code,risk_grade,lat,lon,contact,phone,"
                 u"department,leader\n"_s
            + uscc + u',' + rest + u'\n')
                    .toUtf8());
        f.close();
        const auto r = test::runServerCommand(
            { u"enterprise"_s, u"import"_s, u"--data"_s, serverDir.path(), csv });
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    }

    /// A second enterprise in the same street, 青松铸造 (importFoundry()).
    static QString foundryUscc()
    {
        const QString first17 = u"91220106MA0000003"_s;
        return first17 + *core::CreditCode::checkCharacter(first17);
    }
    void importFoundry()
    {
        importEnterprise(foundryUscc(),
            u"青松铸造有限公司,青禾区青松路12号,青松街道,C3391,yellow,43.881,125.251,"
            u"钱进,13900000000,安全部,孙建国"_s);
    }
    /// The second enterprise, and 周敏 (qs.safety) as the first enterprise's account.
    void addFoundryAndEnterpriseAccount()
    {
        importFoundry();
        if (::testing::Test::HasFatalFailure())
            return;
        addUser({ u"--username"_s, u"qs.safety"_s, u"--role"_s, u"enterprise"_s, u"--enterprise"_s,
            enterpriseUscc(), u"--name"_s, u"周敏"_s });
    }

    void addUser(QStringList args)
    {
        args = QStringList { u"user"_s, u"add"_s, u"--data"_s, serverDir.path() } + args;
        const auto r = test::runServerCommand(args, Password.toUtf8() + "\n");
        ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    }

    QString url() const { return u"http://127.0.0.1:%1"_s.arg(server.port()); }

    /// Logs in over HTTP (another device) and returns the access token.
    std::string tokenFor(const QString& user)
    {
        httplib::Client c("127.0.0.1", server.port());
        const QJsonObject body { { u"username"_s, user }, { u"password"_s, Password },
            { u"device_id"_s, u"0190a0b0-0000-7000-8000-00000000c0de"_s },
            { u"device_name"_s, u"test desk"_s } };
        auto res = c.Post("/api/v1/auth/login",
            QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
        if (!res || res->status != 200)
            return {};
        return QJsonDocument::fromJson(QByteArray::fromStdString(res->body))
            .object()
            .value(u"access_token"_s)
            .toString()
            .toStdString();
    }

    /// Every change a pull from scratch brings to `token`'s caller, by entity.
    QMultiHash<QString, QJsonObject> pullAll(const std::string& token)
    {
        QMultiHash<QString, QJsonObject> out;
        httplib::Client c("127.0.0.1", server.port());
        c.set_bearer_token_auth(token);
        QString cursor;
        for (int page = 0; page < 100; ++page) {
            std::string path = "/api/v1/sync/pull?limit=5000";
            if (!cursor.isEmpty())
                path += "&cursor=" + QUrl::toPercentEncoding(cursor).toStdString();
            auto res = c.Get(path);
            if (!res || res->status != 200) {
                ADD_FAILURE() << "pull failed";
                return out;
            }
            const QJsonObject body
                = QJsonDocument::fromJson(QByteArray::fromStdString(res->body)).object();
            for (const auto& v : body.value(u"changes"_s).toArray()) {
                const QJsonObject change = v.toObject();
                out.insert(change.value(u"entity"_s).toString(), change);
            }
            cursor = body.value(u"cursor"_s).toString();
            if (!body.value(u"has_more"_s).toBool())
                break;
        }
        return out;
    }

    int headBlob(const std::string& token, const QString& sha256)
    {
        httplib::Client c("127.0.0.1", server.port());
        c.set_bearer_token_auth(token);
        auto res = c.Head("/api/v1/blobs/" + sha256.toStdString());
        return res ? res->status : 0;
    }

    QTemporaryDir serverDir;
    QTemporaryDir appDir;
    test::ServerProcess server;
};

/// The server of ServerFixture with a second enterprise (青松铸造) and 周敏 (qs.safety), the
/// first enterprise's account.
class TwoEnterprisesFixture : public ServerFixture {
protected:
    void SetUp() override
    {
        ServerFixture::SetUp();
        if (HasFatalFailure())
            return;
        addFoundryAndEnterpriseAccount();
    }
};

} // namespace safeloop::app::testing
