// The enterprise's rectification tasks: the task list (order, counts, filters), the submission
// with its report and after-photos (refusals store nothing), resubmission after a rejection,
// no inspector actions, and the "what changed" list.
#include "app/changefeedmodel.h"
#include "app/rectificationcontroller.h"
#include "app/workflowmodels.h"
#include "workflowtestsupport.h"

#include "core/uuid.h"

#include <QDir>
#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

namespace {

class RectificationTest : public safeloop::app::testing::WorkflowFixture {
protected:
    static QString hengtai() { return DemoSeed::enterpriseIds().first(); }
    static QString beichen() { return DemoSeed::enterpriseIds().at(1); }

    core::User user() const override { return DemoSeed::enterpriseUser(); }

    /// What the enterprise's device receives from the inspector: a hazard (and its order).
    QString issue(const QString& enterprise, const QString& description, const QString& deadline,
        const QString& level = u"general"_s)
    {
        const QString id = core::uuidv7(now);
        const core::Actor inspector { u"insp-wang"_s, core::Role::Inspector, {}, {}, u"d"_s };
        auto r = store.call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
            return st.perform(inspector, u"hazard.create"_s, id,
                { { u"enterprise_id"_s, enterprise }, { u"description"_s, description },
                    { u"place"_s, u"一车间"_s }, { u"level"_s, level },
                    { u"category"_s, u"机械"_s }, { u"basis"_s, u"《安全生产法》第四十一条"_s },
                    { u"measure"_s, u"加装防护罩"_s }, { u"deadline"_s, deadline } });
        });
        EXPECT_TRUE(r.ok()) << r.error().message.toStdString();
        return id;
    }

    core::Result<core::MutationOutcome> inspectorDecides(
        const QString& mutation, const QString& hazardId, const QString& note)
    {
        const core::Actor inspector { u"insp-wang"_s, core::Role::Inspector, {}, {}, u"d"_s };
        return store.call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
            return st.perform(inspector, mutation, core::uuidv7(now),
                { { u"hazard_id"_s, hazardId }, { u"note"_s, note } });
        });
    }

    /// The task's controller once it has read the hazard (null if it never does).
    std::unique_ptr<RectificationController> openTask(const QString& id)
    {
        auto task = std::make_unique<RectificationController>();
        task->setStore(&store);
        task->setHazardId(id);
        if (!waitFor([&] { return task->found(); }))
            return nullptr;
        return task;
    }

    /// A GPS fix at the site, as the page passes it.
    static PositionFix siteFix()
    {
        PositionFix fix;
        fix.latitude = 43.88;
        fix.longitude = 125.35;
        fix.accuracyM = 8.0;
        fix.source = u"gps"_s;
        return fix;
    }

    QStringList descriptions(const HazardListModel& m)
    {
        QStringList out;
        for (const auto& row : m.rows())
            out << row.description;
        return out;
    }

    qsizetype blobCount()
    {
        return QDir(dir.filePath(u"blobs"_s))
                   .entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name)
                   .size()
            + QDir(dir.filePath(u"blobs"_s)).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size();
    }

    int eventCount(const QString& hazardId)
    {
        return store.call<int>([&](core::LocalStore& st) {
            auto evs
                = st.records(u"rectification_event"_s, core::LocalStore::Link::Hazard, hazardId);
            return evs ? static_cast<int>(evs->size()) : -1;
        });
    }
};

TEST_F(RectificationTest, TasksComeOverdueFirstThenByDeadlineWithCountsAndFilters)
{
    now = QDateTime(QDate(2026, 11, 1), QTime(2, 0), Qt::UTC);
    const QString late = issue(hengtai(), u"配电箱门缺失"_s, u"2026-11-10"_s);
    const QString soon = issue(hengtai(), u"消防通道堵塞"_s, u"2026-11-27"_s, u"major"_s);
    const QString later = issue(hengtai(), u"安全标识缺失"_s, u"2026-12-20"_s);
    const QString done = issue(hengtai(), u"灭火器过期"_s, u"2026-12-01"_s);
    now = QDateTime(QDate(2026, 11, 25), QTime(2, 0), Qt::UTC);
    ASSERT_TRUE(inspectorDecides(u"rectification.reject"_s, later, u"x"_s).ok() == false);
    // 灭火器过期: submitted and verified; 安全标识缺失: submitted and waits.
    const core::Actor officer { u"ent-hengtai"_s, core::Role::Enterprise, hengtai(), {}, u"d"_s };
    for (const auto& id : { done, later })
        ASSERT_TRUE(store
                        .call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
                            return st.perform(officer, u"rectification.submit"_s, core::uuidv7(now),
                                { { u"hazard_id"_s, id }, { u"note"_s, u"已更换"_s } });
                        })
                        .ok());
    ASSERT_TRUE(inspectorDecides(u"rectification.verify"_s, done, u"合格"_s).ok());

    HazardListModel tasks;
    tasks.setStore(&store);
    tasks.setEnterpriseId(hengtai());
    ASSERT_TRUE(waitFor([&] { return tasks.rowCount() >= 3; }));
    EXPECT_EQ(descriptions(tasks),
        (QStringList { u"配电箱门缺失"_s, u"消防通道堵塞"_s, u"安全标识缺失"_s }));
    EXPECT_TRUE(tasks.rows().at(0).overdue);
    EXPECT_EQ(tasks.rows().at(0).daysLeft, -15);
    EXPECT_EQ(tasks.rows().at(1).daysLeft, 2);
    const QVariantMap counts = tasks.counts();
    EXPECT_EQ(counts.value(u"all"_s).toInt(), 3);
    EXPECT_EQ(counts.value(u"open"_s).toInt(), 2);
    EXPECT_EQ(counts.value(u"submitted"_s).toInt(), 1);
    EXPECT_EQ(counts.value(u"rejected"_s).toInt(), 0);
    EXPECT_EQ(counts.value(u"verified"_s).toInt(), 1);
    EXPECT_EQ(counts.value(u"overdue"_s).toInt(), 1);
    EXPECT_EQ(counts.value(u"dueSoon"_s).toInt(), 1);

    tasks.setStatuses({ HazardStatus::Submitted });
    ASSERT_TRUE(waitFor([&] { return tasks.rowCount() == 1; }));
    EXPECT_EQ(descriptions(tasks), QStringList { u"安全标识缺失"_s });

    tasks.setStatuses({});
    tasks.setDueWithinDays(HazardListModel::DueSoonDays);
    ASSERT_TRUE(waitFor([&] { return tasks.rowCount() == 2; }));
    EXPECT_EQ(descriptions(tasks), (QStringList { u"配电箱门缺失"_s, u"消防通道堵塞"_s }));

    tasks.setDueWithinDays(-1);
    tasks.setOverdueOnly(true);
    ASSERT_TRUE(waitFor([&] { return tasks.rowCount() == 1; }));
    EXPECT_EQ(descriptions(tasks), QStringList { u"配电箱门缺失"_s });

    // 已完成: the verified task with when and by whom it was closed.
    HazardListModel completed;
    completed.setStore(&store);
    completed.setEnterpriseId(hengtai());
    completed.setStatuses({ HazardStatus::Verified });
    ASSERT_TRUE(waitFor([&] { return completed.rowCount() == 1; }));
    EXPECT_EQ(completed.rows().at(0).description, u"灭火器过期"_s);
    EXPECT_EQ(completed.rows().at(0).closedBy, u"王明"_s);
    EXPECT_EQ(completed.rows().at(0).closedAt, now);
}

TEST_F(RectificationTest, ASubmissionWithoutEvidenceOrWithAnUnreadablePhotoStoresNothing)
{
    const QString id = issue(hengtai(), u"配电箱门缺失"_s, u"2026-12-10"_s);
    const auto opened = openTask(id);
    ASSERT_TRUE(opened);
    RectificationController& task = *opened;
    EXPECT_TRUE(task.canSubmit());
    EXPECT_EQ(task.submissionState(), SubmissionState::None);
    const qsizetype outboxBefore = outboxSize();
    const qsizetype blobsBefore = blobCount();

    task.submit(u"   "_s, {}, {}, {});
    EXPECT_EQ(task.errorCode(), u"evidence_required"_s);
    EXPECT_FALSE(task.errorMessage().isEmpty());

    EXPECT_FALSE(task.addPhotoFile(QUrl::fromLocalFile(dir.filePath(u"missing.jpg"_s)), {}));
    EXPECT_EQ(task.errorCode(), u"photo_unreadable"_s);
    EXPECT_TRUE(task.errorMessage().contains(u"missing.jpg"_s));
    QFile junk(dir.filePath(u"notes.jpg"_s));
    ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
    junk.write("this is no image");
    junk.close();
    EXPECT_FALSE(task.addPhotoFile(QUrl::fromLocalFile(junk.fileName()), {}));
    EXPECT_TRUE(task.errorMessage().contains(u"notes.jpg"_s));
    EXPECT_TRUE(task.draftPhotos().isEmpty());

    ASSERT_TRUE(
        task.addPhotoFile(QUrl::fromLocalFile(writePng(u"after.png"_s, Qt::darkGreen)), siteFix()));
    EXPECT_EQ(task.draftPhotos().size(), 1);
    // A report the store would refuse is refused before any photo is written.
    task.submit(u"已加装"_s, u"2026-11-30"_s, {}, {});
    EXPECT_EQ(task.errorCode(), u"completed_in_future"_s);
    task.submit(u"已加装"_s, {}, {}, u"五百"_s);
    EXPECT_EQ(task.errorCode(), u"invalid_cost"_s);
    EXPECT_EQ(outboxSize(), outboxBefore);
    EXPECT_EQ(blobCount(), blobsBefore);
    EXPECT_EQ(eventCount(id), 1); // the order only
    EXPECT_EQ(task.status(), HazardStatus::Open);
}

TEST_F(RectificationTest, ASubmissionIsSavedOnTheDeviceWithItsReportAndPhoto)
{
    const QString id = issue(hengtai(), u"配电箱门缺失"_s, u"2026-12-10"_s);
    const auto opened = openTask(id);
    ASSERT_TRUE(opened);
    RectificationController& task = *opened;
    ASSERT_TRUE(
        task.addPhotoFile(QUrl::fromLocalFile(writePng(u"after.png"_s, Qt::darkGreen)), siteFix()));
    bool submitted = false;
    QObject::connect(&task, &RectificationController::submitted, [&] { submitted = true; });
    task.submit(u"已加装配电箱门并上锁"_s, u"2026-11-24"_s, u"李工"_s, u"1280.50"_s);
    ASSERT_TRUE(waitFor([&] { return submitted; })) << task.errorMessage().toStdString();
    ASSERT_TRUE(waitFor([&] { return task.status() == HazardStatus::Submitted; }));
    EXPECT_TRUE(task.draftPhotos().isEmpty());
    EXPECT_FALSE(task.canSubmit());
    EXPECT_EQ(task.submissionState(), SubmissionState::OnDevice);
    EXPECT_EQ(task.afterPhotos().size(), 1);
    EXPECT_EQ(task.submissionNote(), u"已加装配电箱门并上锁"_s);
    const HazardEventRow last = task.events()->rows().last();
    EXPECT_EQ(last.kind, HazardEventKind::Submit);
    EXPECT_EQ(last.completedOn, u"2026-11-24"_s);
    EXPECT_EQ(last.responsible, u"李工"_s);
    EXPECT_DOUBLE_EQ(last.cost, 1280.5);
    EXPECT_EQ(last.syncState, RecordSyncState::Pending);
    const auto outbox = store.call<QList<core::OutboxRow>>([](core::LocalStore& st) {
        auto rows = st.outbox();
        return rows ? *rows : QList<core::OutboxRow> {};
    });
    ASSERT_FALSE(outbox.isEmpty());
    EXPECT_EQ(outbox.last().name, u"rectification.submit"_s);
    const QJsonArray refs = outbox.last().args.value(u"attachments"_s).toArray();
    ASSERT_EQ(refs.size(), 1);
    const QJsonObject ref = refs.at(0).toObject();
    EXPECT_EQ(ref.value(u"mime"_s).toString(), u"image/png"_s);
    EXPECT_DOUBLE_EQ(ref.value(u"location"_s).toObject().value(u"lat"_s).toDouble(), 43.88);
    EXPECT_EQ(ref.value(u"captured_at"_s).toString(), u"2026-11-25T02:00:00.000Z"_s);

    // Once the server has it (the outbox row acknowledged), the state says so.
    const qint64 lastId = outbox.last().id;
    ASSERT_TRUE(store
                    .call<core::Result<void>>(
                        [lastId](core::LocalStore& st) { return st.dropOutboxThrough(lastId); })
                    .ok());
    store.notifyChanged();
    ASSERT_TRUE(waitFor([&] { return task.submissionState() == SubmissionState::Sent; }));
}

TEST_F(RectificationTest, ARejectedTaskShowsTheReasonAndCanBeSubmittedAgainKeepingTheHistory)
{
    const QString id = issue(hengtai(), u"配电箱门缺失"_s, u"2026-12-10"_s);
    const auto opened = openTask(id);
    ASSERT_TRUE(opened);
    RectificationController& task = *opened;
    task.submit(u"已加装"_s, {}, {}, {});
    ASSERT_TRUE(waitFor([&] { return task.status() == HazardStatus::Submitted; }));
    ASSERT_TRUE(inspectorDecides(u"rectification.reject"_s, id, u"门锁未安装"_s).ok());
    store.notifyChanged();
    ASSERT_TRUE(waitFor([&] { return task.status() == HazardStatus::Rejected; }));
    EXPECT_TRUE(task.canSubmit());
    EXPECT_EQ(task.submissionState(), SubmissionState::Rejected);
    EXPECT_EQ(task.rejectionReason(), u"门锁未安装"_s);

    now = now.addSecs(3600);
    task.submit(u"已加装门锁"_s, {}, {}, {});
    ASSERT_TRUE(waitFor([&] { return task.status() == HazardStatus::Submitted; }));
    EXPECT_EQ(task.rejectionReason(), QString());
    QList<HazardEventKind::Value> kinds;
    for (const auto& row : task.events()->rows())
        kinds << row.kind;
    EXPECT_EQ(kinds,
        (QList<HazardEventKind::Value> { HazardEventKind::Found, HazardEventKind::Order,
            HazardEventKind::Submit, HazardEventKind::Reject, HazardEventKind::Submit }));
    EXPECT_EQ(task.submissionNote(), u"已加装门锁"_s);
}

TEST_F(RectificationTest, TheEnterpriseHasNoInspectorActionAndTheStoreRefusesThem)
{
    const QString id = issue(hengtai(), u"配电箱门缺失"_s, u"2026-12-10"_s);
    const auto opened = openTask(id);
    ASSERT_TRUE(opened);
    RectificationController& task = *opened;
    task.submit(u"已加装"_s, {}, {}, {});
    ASSERT_TRUE(waitFor([&] { return task.status() == HazardStatus::Submitted; }));
    EXPECT_FALSE(task.canReinspect());
    EXPECT_FALSE(task.canEdit());
    EXPECT_FALSE(task.canEditDetails());
    const qsizetype before = outboxSize();
    const core::Actor officer { u"ent-hengtai"_s, core::Role::Enterprise, hengtai(), {}, u"d"_s };
    for (const auto& name : { u"rectification.verify"_s, u"rectification.reject"_s }) {
        auto r = store.call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
            return st.perform(officer, name, core::uuidv7(now),
                { { u"hazard_id"_s, id }, { u"note"_s, u"自己销号"_s } });
        });
        ASSERT_FALSE(r.ok()) << name.toStdString();
        EXPECT_EQ(r.error().code, u"not_allowed"_s) << name.toStdString();
    }
    auto edit = store.call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
        return st.perform(officer, u"hazard.update"_s, id, { { u"deadline"_s, u"2027-06-01"_s } });
    });
    EXPECT_FALSE(edit.ok());
    auto del = store.call<core::Result<core::MutationOutcome>>(
        [&](core::LocalStore& st) { return st.perform(officer, u"hazard.delete"_s, id, {}); });
    EXPECT_FALSE(del.ok());
    EXPECT_EQ(outboxSize(), before);
    EXPECT_EQ(task.status(), HazardStatus::Submitted);
}

TEST_F(RectificationTest, TheChangeListShowsNewTasksRejectionsAndVerificationsUntilSeen)
{
    ChangeFeedModel feed;
    feed.setStore(&store);
    const QString a = issue(hengtai(), u"配电箱门缺失"_s, u"2026-12-10"_s);
    store.notifyChanged();
    ASSERT_TRUE(waitFor([&] { return feed.rowCount() == 1; }));
    EXPECT_EQ(feed.rows().at(0).kind, HazardEventKind::Order);
    EXPECT_EQ(feed.rows().at(0).description, u"配电箱门缺失"_s);

    feed.markSeen();
    ASSERT_TRUE(waitFor([&] { return feed.rowCount() == 0; }));

    const core::Actor officer { u"ent-hengtai"_s, core::Role::Enterprise, hengtai(), {}, u"d"_s };
    now = now.addSecs(60);
    ASSERT_TRUE(store
                    .call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
                        return st.perform(officer, u"rectification.submit"_s, core::uuidv7(now),
                            { { u"hazard_id"_s, a }, { u"note"_s, u"已加装"_s } });
                    })
                    .ok());
    store.notifyChanged();
    // The enterprise's own submission is no news to it.
    ASSERT_TRUE(waitFor([&] { return feed.rowCount() == 0; }, 500) || feed.rowCount() == 0);
    now = now.addSecs(60);
    ASSERT_TRUE(inspectorDecides(u"rectification.reject"_s, a, u"门锁未安装"_s).ok());
    store.notifyChanged();
    ASSERT_TRUE(waitFor([&] { return feed.rowCount() == 1; }));
    EXPECT_EQ(feed.rows().at(0).kind, HazardEventKind::Reject);
    EXPECT_EQ(feed.rows().at(0).note, u"门锁未安装"_s);
}

} // namespace
