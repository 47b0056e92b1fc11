// The enterprise's side of the loop end to end, against the real safeloop-server: the inspector
// issues a task, the enterprise's device receives it, answers it offline with a photo and a
// report, syncs; the inspector rejects it with a reason on another device; the reason reaches
// the enterprise, which submits again; the inspector verifies; the enterprise sees 已销号. A
// crafted verify from the enterprise's account is refused by the server, and after a full sync
// the enterprise's database file holds no row of any other enterprise.
#include "appsynctestsupport.h"

#include "app/changefeedmodel.h"
#include "app/demoseed.h"
#include "app/enterprisecontroller.h"
#include "app/hazarddetail.h"
#include "app/rectificationcontroller.h"
#include "app/supervisoroverview.h"
#include "app/workflowmodels.h"
#include "core/uuid.h"
#include "tests/support/faultproxy.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using namespace safeloop::app::testing;

namespace {

class EnterpriseE2eTest : public TwoEnterprisesFixture {
protected:
    void SetUp() override
    {
        TwoEnterprisesFixture::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_TRUE(inspectorDir.isValid() && enterpriseDir.isValid());
    }

    /// The inspector's device records a hazard (outside an inspection) for `enterprise`, with a
    /// photo of `photo`'s colour when it is valid.
    QString issue(AppInstance& app, const QString& enterprise, const QString& description,
        const QColor& photo = {})
    {
        const QString id = core::uuidv7(app.store.now());
        const core::Actor actor = app.store.actor();
        const QString deadline = app.store.today().addDays(10).toString(Qt::ISODate);
        auto r = app.store.call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
            QJsonArray attachments;
            if (photo.isValid()) {
                auto stored = st.blobs().put(DemoSeed::demoPhoto(photo));
                if (!stored)
                    return core::Result<core::MutationOutcome>(stored.error());
                attachments.append(*stored);
            }
            return st.perform(actor, u"hazard.create"_s, id,
                { { u"enterprise_id"_s, enterprise }, { u"description"_s, description },
                    { u"place"_s, u"冲压车间"_s }, { u"level"_s, u"general"_s },
                    { u"basis"_s, u"《安全生产法》第三十六条"_s },
                    { u"measure"_s, u"加装防护罩"_s }, { u"deadline"_s, deadline },
                    { u"attachments"_s, attachments } });
        });
        EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
        app.store.notifyChanged();
        return id;
    }

    QTemporaryDir inspectorDir;
    QTemporaryDir enterpriseDir;
    QTemporaryDir supervisorDir;
};

TEST_F(EnterpriseE2eTest, EvidenceSubmittedOfflineIsRejectedResubmittedAndVerifiedAcrossDevices)
{
    AppInstance inspector(inspectorDir.path(), url());
    ASSERT_TRUE(inspector.login(u"li.qiang"_s));
    ASSERT_TRUE(inspector.syncOnce());
    const QString hazard = issue(inspector, enterpriseUscc(), u"冲床防护罩缺失"_s, Qt::red);
    const QString elsewhere = issue(inspector, foundryUscc(), u"铸造车间通道堵塞"_s);
    ASSERT_TRUE(inspector.syncOnce());

    // The enterprise's device, through a network that can be taken away.
    test::FaultProxy network(server.port());
    ASSERT_TRUE(network.start());
    AppInstance enterprise(enterpriseDir.path(), u"http://127.0.0.1:%1"_s.arg(network.port()));
    ASSERT_TRUE(enterprise.login(u"qs.safety"_s));
    ASSERT_TRUE(enterprise.syncOnce());

    HazardListModel tasks;
    tasks.setStore(&enterprise.store);
    tasks.setEnterpriseId(enterprise.store.user().enterpriseId);
    ASSERT_TRUE(waitUntil([&] { return tasks.rowCount() == 1; }));
    EXPECT_EQ(tasks.rows().at(0).id, hazard);
    // The inspector's photo came with the sync: the task's detail shows it offline.
    const auto photoFile = [](const QVariantList& photos) {
        return photos.isEmpty() ? QString()
                                : photos.first().toMap().value(u"source"_s).toUrl().toLocalFile();
    };
    HazardDetail onTask;
    onTask.setStore(&enterprise.store);
    onTask.setHazardId(hazard);
    ASSERT_TRUE(waitUntil([&] { return onTask.beforePhotos().size() == 1; }));
    const QString finding = photoFile(onTask.beforePhotos());
    EXPECT_TRUE(QFileInfo::exists(finding)) << finding.toStdString();
    QFile findingFile(finding);
    ASSERT_TRUE(findingFile.open(QIODevice::ReadOnly));
    EXPECT_EQ(core::BlobStore::sha256Hex(findingFile.readAll()),
        onTask.beforePhotos().first().toMap().value(u"id"_s).toString());
    ChangeFeedModel news;
    news.setStore(&enterprise.store);
    ASSERT_TRUE(waitUntil([&] { return news.rowCount() == 1; }));
    EXPECT_EQ(news.rows().at(0).kind, HazardEventKind::Order);
    news.markSeen();
    ASSERT_TRUE(waitUntil([&] { return news.rowCount() == 0; }));

    // Offline: the submission is saved on the device and waits.
    network.setMode(test::FaultProxy::Mode::CutAfterBytes, 0);
    RectificationController task;
    task.setStore(&enterprise.store);
    task.setHazardId(hazard);
    ASSERT_TRUE(waitUntil([&] { return task.canSubmit(); }));
    QImage after(160, 90, QImage::Format_RGB32);
    after.fill(Qt::darkGreen);
    const QString photo = enterpriseDir.filePath(u"after.png"_s);
    ASSERT_TRUE(after.save(photo, "PNG"));
    ASSERT_TRUE(task.addPhotoFile(QUrl::fromLocalFile(photo), {}));
    task.submit(
        u"已加装防护罩"_s, enterprise.store.today().toString(Qt::ISODate), u"周敏"_s, u"320"_s);
    ASSERT_TRUE(waitUntil([&] { return task.status() == HazardStatus::Submitted; }))
        << task.errorMessage().toStdString();
    EXPECT_EQ(task.submissionState(), SubmissionState::OnDevice);
    EXPECT_FALSE(enterprise.syncOnce());

    // Back online: sent, and the inspector's next sync brings it with the photo.
    network.setMode(test::FaultProxy::Mode::Pass);
    ASSERT_TRUE(enterprise.syncOnce());
    ASSERT_TRUE(waitUntil([&] { return task.submissionState() == SubmissionState::Sent; }));
    ASSERT_TRUE(inspector.syncOnce());
    ReinspectionController review;
    review.setStore(&inspector.store);
    review.setHazardId(hazard);
    ASSERT_TRUE(waitUntil([&] { return review.status() == HazardStatus::Submitted; }));
    EXPECT_EQ(review.afterPhotos().size(), 1);
    // The enterprise's after-photo is on the inspector's device for the re-inspection.
    const QString afterFile = photoFile(review.afterPhotos());
    EXPECT_TRUE(QFileInfo::exists(afterFile)) << afterFile.toStdString();
    EXPECT_EQ(review.submissionNote(), u"已加装防护罩"_s);
    EXPECT_EQ(review.events()->rows().last().responsible, u"周敏"_s);
    EXPECT_DOUBLE_EQ(review.events()->rows().last().cost, 320);

    // Rejected with a reason: the reason reaches the enterprise after its sync.
    review.reject(u"防护罩未固定"_s);
    ASSERT_TRUE(waitUntil([&] { return review.status() == HazardStatus::Rejected; }));
    ASSERT_TRUE(inspector.syncOnce());
    ASSERT_TRUE(enterprise.syncOnce());
    ASSERT_TRUE(waitUntil([&] { return task.status() == HazardStatus::Rejected; }));
    EXPECT_EQ(task.rejectionReason(), u"防护罩未固定"_s);
    EXPECT_EQ(task.submissionState(), SubmissionState::Rejected);
    EXPECT_TRUE(task.canSubmit());
    ASSERT_TRUE(waitUntil([&] { return news.rowCount() == 1; }));
    EXPECT_EQ(news.rows().at(0).kind, HazardEventKind::Reject);

    // Submitted again; the inspector verifies; the enterprise sees 已销号.
    task.submit(u"防护罩已用螺栓固定"_s, {}, {}, {});
    ASSERT_TRUE(waitUntil([&] { return task.status() == HazardStatus::Submitted; }));
    ASSERT_TRUE(enterprise.syncOnce());
    ASSERT_TRUE(inspector.syncOnce());
    ASSERT_TRUE(waitUntil([&] { return review.status() == HazardStatus::Submitted; }));
    review.verify(u"复查合格"_s);
    ASSERT_TRUE(waitUntil([&] { return review.status() == HazardStatus::Verified; }));
    ASSERT_TRUE(inspector.syncOnce());
    ASSERT_TRUE(enterprise.syncOnce());
    ASSERT_TRUE(waitUntil([&] { return task.status() == HazardStatus::Verified; }));
    EXPECT_EQ(task.submissionState(), SubmissionState::Verified);
    EXPECT_FALSE(task.canSubmit());
    QList<HazardEventKind::Value> kinds;
    for (const auto& row : task.events()->rows())
        kinds << row.kind;
    EXPECT_EQ(kinds,
        (QList<HazardEventKind::Value> { HazardEventKind::Found, HazardEventKind::Order,
            HazardEventKind::Submit, HazardEventKind::Reject, HazardEventKind::Submit,
            HazardEventKind::Verify }));
    HazardListModel done;
    done.setStore(&enterprise.store);
    done.setStatuses({ HazardStatus::Verified });
    ASSERT_TRUE(waitUntil([&] { return done.rowCount() == 1; }));
    // The inspectors' user records reach the enterprise: it reads who verified.
    EXPECT_EQ(done.rows().at(0).closedBy, u"李强"_s);
    EXPECT_EQ(task.events()->rows().last().actorName, u"李强"_s);

    // A verify crafted with the enterprise's own account is refused by the server.
    const std::string token = tokenFor(u"qs.safety"_s);
    ASSERT_FALSE(token.empty());
    httplib::Client c("127.0.0.1", server.port());
    c.set_bearer_token_auth(token);
    const QJsonObject push { { u"client_id"_s, u"0190a0b0-0000-7000-8000-00000000c0de"_s },
        { u"schema_version"_s, 1 },
        { u"mutations"_s,
            QJsonArray { QJsonObject { { u"id"_s, 1 }, { u"name"_s, u"rectification.verify"_s },
                { u"entity_id"_s, core::uuidv7(QDateTime::currentDateTimeUtc()) },
                { u"hlc"_s, u"0192f3a4b5c60001"_s },
                { u"args"_s,
                    QJsonObject { { u"hazard_id"_s, elsewhere }, { u"note"_s, u"自行销号"_s },
                        { u"attachments"_s, QJsonArray {} } } } } } } };
    auto res = c.Post("/api/v1/sync/push",
        QJsonDocument(push).toJson(QJsonDocument::Compact).toStdString(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const QJsonObject result = QJsonDocument::fromJson(QByteArray::fromStdString(res->body))
                                   .object()
                                   .value(u"results"_s)
                                   .toArray()
                                   .at(0)
                                   .toObject();
    EXPECT_EQ(result.value(u"status"_s).toString(), u"rejected"_s);
    EXPECT_FALSE(result.value(u"error"_s).toObject().value(u"code"_s).toString().isEmpty());

    // Scope, read from the database file itself: nothing of the other enterprise.
    enterprise.center.stopSync();
    const QString file = deviceDatabaseFile(enterpriseDir.path());
    ASSERT_FALSE(file.isEmpty());
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"scope-check"_s);
        db.setDatabaseName(file);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        ASSERT_TRUE(db.open());
        int checked = 0;
        const QStringList holding = columnsHolding(db, { foundryUscc(), elsewhere }, checked);
        EXPECT_TRUE(holding.isEmpty()) << holding.join(u", "_s).toStdString();
        EXPECT_GT(checked, 20);
        // The check can see what it looks for: the enterprise's own code is there.
        QSqlQuery own(db);
        ASSERT_TRUE(own.exec(
            u"SELECT COUNT(*) FROM hazards WHERE enterprise_id = '%1'"_s.arg(enterpriseUscc())));
        ASSERT_TRUE(own.next());
        EXPECT_EQ(own.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(u"scope-check"_s);
}

// The loop as the supervisor sees it: the enterprise submits evidence, the inspector verifies,
// and after the supervisor's sync the rectification rate has changed; the device list shows
// both field devices with their users and last successful sync.
TEST_F(EnterpriseE2eTest, TheSupervisorsRectificationRateAndDeviceListFollowTheLoop)
{
    AppInstance inspector(inspectorDir.path(), url());
    ASSERT_TRUE(inspector.login(u"li.qiang"_s));
    ASSERT_TRUE(inspector.syncOnce());
    const QString hazard = issue(inspector, enterpriseUscc(), u"冲床防护罩缺失"_s);
    ASSERT_TRUE(inspector.syncOnce());

    AppInstance supervisor(supervisorDir.path(), url());
    ASSERT_TRUE(supervisor.login(u"wu.fang"_s));
    ASSERT_TRUE(supervisor.syncOnce());
    SupervisorOverview overview;
    overview.setStore(&supervisor.store);
    ASSERT_TRUE(waitUntil([&] { return overview.figures().value(u"found"_s).toInt() == 1; }));
    EXPECT_EQ(overview.figures().value(u"rectified"_s).toInt(), 0);
    EXPECT_DOUBLE_EQ(overview.figures().value(u"rectifiedRate"_s).toDouble(), 0.0);

    AppInstance enterprise(enterpriseDir.path(), url());
    ASSERT_TRUE(enterprise.login(u"qs.safety"_s));
    ASSERT_TRUE(enterprise.syncOnce());
    RectificationController task;
    task.setStore(&enterprise.store);
    task.setHazardId(hazard);
    ASSERT_TRUE(waitUntil([&] { return task.canSubmit(); }));
    task.submit(u"已加装防护罩"_s, {}, {}, {});
    ASSERT_TRUE(waitUntil([&] { return task.status() == HazardStatus::Submitted; }));
    ASSERT_TRUE(enterprise.syncOnce());
    ASSERT_TRUE(inspector.syncOnce());
    ReinspectionController review;
    review.setStore(&inspector.store);
    review.setHazardId(hazard);
    ASSERT_TRUE(waitUntil([&] { return review.status() == HazardStatus::Submitted; }));
    review.verify(u"复查合格"_s);
    ASSERT_TRUE(waitUntil([&] { return review.status() == HazardStatus::Verified; }));
    ASSERT_TRUE(inspector.syncOnce());

    // Nothing changes for the supervisor until its own sync.
    EXPECT_EQ(overview.figures().value(u"rectified"_s).toInt(), 0);
    ASSERT_TRUE(supervisor.syncOnce());
    ASSERT_TRUE(waitUntil([&] { return overview.figures().value(u"rectified"_s).toInt() == 1; }));
    EXPECT_DOUBLE_EQ(overview.figures().value(u"rectifiedRate"_s).toDouble(), 1.0);
    overview.drillDown(u"rectified"_s);
    ASSERT_TRUE(waitUntil([&] { return overview.drill().size() == 1; }));
    EXPECT_EQ(overview.drill().first().toMap().value(u"id"_s).toString(), hazard);

    DeviceHealthModel devices;
    devices.setStore(&supervisor.store);
    ASSERT_TRUE(waitUntil([&] { return devices.rowCount() >= 2; }));
    QStringList users;
    for (const auto& row : devices.rows()) {
        users << row.userName;
        EXPECT_FALSE(row.silent);
        EXPECT_TRUE(row.lastSuccess.isValid());
        EXPECT_FALSE(row.appVersion.isEmpty());
    }
    EXPECT_TRUE(users.contains(u"李强"_s)) << users.join(u',').toStdString();
    EXPECT_TRUE(users.contains(u"周敏"_s)) << users.join(u',').toStdString();
    EXPECT_EQ(devices.silentCount(), 0);
}

} // namespace
