// The enterprise's self-check (企业自查) on its device, through the controllers the pages use:
// started with a shipped checklist, answered, a hazard recorded on a failed item as the
// enterprise's own finding, finished without signatures, then rectified and closed with evidence
// — every step saved on the device and queued for the next sync.
#include "app/enterprisecontroller.h"
#include "app/inspectioncontroller.h"
#include "app/selfcheckcontroller.h"
#include "app/workflowmodels.h"
#include "workflowtestsupport.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

namespace {

class SelfCheckControllerTest : public safeloop::app::testing::WorkflowFixture {
protected:
    static QString hengtai() { return DemoSeed::enterpriseIds().first(); }

    core::User user() const override { return DemoSeed::enterpriseUser(); }

    QStringList outboxNames()
    {
        return store.call<QStringList>([](core::LocalStore& st) {
            QStringList names;
            if (auto rows = st.outbox())
                for (const auto& r : *rows)
                    names << r.name;
            return names;
        });
    }
};

TEST_F(SelfCheckControllerTest, TheEnterpriseRunsASelfCheckAndClosesWhatItFoundOffline)
{
    InspectionController run;
    run.setStore(&store);
    run.loadOptions(hengtai());
    ASSERT_TRUE(waitFor([&] { return !run.templateOptions().isEmpty(); }));
    const QString ref = run.templateOptions().first().toMap().value(u"ref"_s).toString();
    run.start(hengtai(), u"self_check"_s, u"guidance"_s, {}, { ref });
    ASSERT_TRUE(waitFor([&] { return run.status() == InspectionStatus::InProgress; }))
        << run.errorMessage().toStdString();
    EXPECT_EQ(run.kind(), u"self_check"_s);
    EXPECT_TRUE(run.inspectorIds().isEmpty());
    ASSERT_GT(run.totalCount(), 1);

    const QString failed = run.checklist()->items().first().code;
    run.answer(failed, u"fail"_s);
    ASSERT_TRUE(waitFor([&] { return run.answeredCount() == 1; }));
    QVariantMap hazard = run.proposeHazard(failed);
    hazard.insert(u"itemCode"_s, failed);
    QString hazardId;
    QObject::connect(&run, &InspectionController::hazardCreated, &run,
        [&](const QString& id) { hazardId = id; });
    run.createHazard(hazard);
    ASSERT_TRUE(waitFor([&] { return !hazardId.isEmpty(); })) << run.errorMessage().toStdString();

    // Finishing waits for every answer, then needs no signature.
    run.finishSelfCheck();
    EXPECT_EQ(run.errorCode(), u"items_unanswered"_s);
    for (const auto& item : run.checklist()->items())
        if (item.code != failed)
            run.answer(item.code, u"pass"_s);
    ASSERT_TRUE(waitFor([&] { return run.answeredCount() == run.totalCount(); }));
    bool finished = false;
    QObject::connect(&run, &InspectionController::finished, &run, [&] { finished = true; });
    run.finishSelfCheck();
    ASSERT_TRUE(waitFor([&] { return finished; })) << run.errorMessage().toStdString();
    EXPECT_EQ(run.status(), InspectionStatus::Finished);

    // The enterprise's page lists the self-check and its open finding.
    EnterpriseController page;
    page.setStore(&store);
    page.setEnterpriseId(hengtai());
    ASSERT_TRUE(waitFor([&] { return page.selfChecks().size() == 1; }));
    EXPECT_EQ(page.selfChecks().first().toMap().value(u"openHazards"_s).toInt(), 1);
    ASSERT_EQ(page.selfCheckHazards().size(), 1);
    EXPECT_EQ(page.selfCheckHazards().first().toMap().value(u"id"_s).toString(), hazardId);

    SelfCheckHazardController fix;
    fix.setStore(&store);
    fix.setHazardId(hazardId);
    ASSERT_TRUE(waitFor([&] { return fix.found(); }));
    EXPECT_TRUE(fix.selfCheck());
    EXPECT_TRUE(fix.canRectify());
    EXPECT_FALSE(fix.canClose());
    const qsizetype queued = outboxSize();
    fix.rectify(u"  "_s);
    EXPECT_EQ(fix.errorCode(), u"evidence_required"_s);
    EXPECT_EQ(outboxSize(), queued);
    EXPECT_EQ(fix.status(), HazardStatus::Open);
    fix.close(u"done"_s); // not rectified yet
    EXPECT_EQ(fix.errorCode(), u"not_allowed"_s);

    fix.rectify(u"已更换急停按钮"_s);
    ASSERT_TRUE(waitFor([&] { return fix.status() == HazardStatus::Submitted; }))
        << fix.errorMessage().toStdString();
    EXPECT_TRUE(fix.canClose());
    fix.close(u"安全管理员复核合格"_s);
    ASSERT_TRUE(waitFor([&] { return fix.status() == HazardStatus::Verified; }))
        << fix.errorMessage().toStdString();
    EXPECT_FALSE(fix.canRectify());
    EXPECT_FALSE(fix.canClose());

    // All of it waits on the device for the next sync, in order.
    const QStringList names = outboxNames();
    const qsizetype created = names.indexOf(u"inspection.create"_s);
    ASSERT_GE(created, 0);
    EXPECT_GT(names.indexOf(u"hazard.create"_s), created);
    EXPECT_GT(names.indexOf(u"inspection.finish"_s), names.indexOf(u"hazard.create"_s));
    EXPECT_EQ(names.at(names.size() - 2), u"rectification.submit"_s);
    EXPECT_EQ(names.last(), u"rectification.verify"_s);
}

TEST_F(SelfCheckControllerTest, AnInspectorsHazardOffersTheEnterpriseNoClosing)
{
    // 恒泰's demo device holds no inspector hazard yet: record one as pulled.
    const QString id = u"h-inspector"_s;
    auto stored = store.call<core::Result<void>>([&](core::LocalStore& st) {
        return st.storeRecord({ u"hazard"_s, id,
            { { u"id"_s, id }, { u"enterprise_id"_s, hengtai() },
                { u"description"_s, u"防护罩缺失"_s }, { u"level"_s, u"general"_s },
                { u"deadline"_s, u"2026-12-10"_s }, { u"status"_s, u"submitted"_s } },
            {}, false });
    });
    ASSERT_TRUE(stored.ok());
    SelfCheckHazardController fix;
    fix.setStore(&store);
    fix.setHazardId(id);
    ASSERT_TRUE(waitFor([&] { return fix.found(); }));
    EXPECT_FALSE(fix.selfCheck());
    EXPECT_FALSE(fix.canRectify());
    EXPECT_FALSE(fix.canClose());
    const qsizetype queued = outboxSize();
    fix.close(u"closed by us"_s);
    EXPECT_EQ(fix.errorCode(), u"not_allowed"_s);
    EXPECT_EQ(outboxSize(), queued);
    EXPECT_EQ(fix.status(), HazardStatus::Submitted);
}

TEST_F(SelfCheckControllerTest, TheTasksListItsCountsAndRemindersLeaveOutSelfFoundHazards)
{
    // One task an inspector issued and one hazard the enterprise found itself, both open and
    // due tomorrow, and a closed one of each.
    const QString due = store.today().addDays(1).toString(Qt::ISODate);
    const auto put = [&](const QString& id, bool selfFound, const QString& status) {
        QJsonObject h { { u"id"_s, id }, { u"enterprise_id"_s, hengtai() },
            { u"description"_s, id }, { u"level"_s, u"general"_s }, { u"deadline"_s, due },
            { u"status"_s, status } };
        if (selfFound)
            h.insert(u"source"_s, u"self_check"_s);
        return store.call<core::Result<void>>([&](core::LocalStore& st) {
            return st.storeRecord({ u"hazard"_s, id, h, {}, false });
        });
    };
    ASSERT_TRUE(put(u"h-task"_s, false, u"open"_s).ok());
    ASSERT_TRUE(put(u"h-self"_s, true, u"open"_s).ok());
    ASSERT_TRUE(put(u"h-task-done"_s, false, u"verified"_s).ok());
    ASSERT_TRUE(put(u"h-self-done"_s, true, u"verified"_s).ok());
    const auto ids = [](const HazardListModel& m) {
        QStringList out;
        for (const auto& r : m.rows())
            out << r.id;
        out.sort();
        return out;
    };

    // 整改任务 (TasksPage's list and the tab's counts).
    HazardListModel tasks;
    tasks.setSource(HazardSource::Inspection);
    tasks.setEnterpriseId(hengtai());
    tasks.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !tasks.counts().isEmpty(); }));
    EXPECT_EQ(ids(tasks), QStringList { u"h-task"_s });
    EXPECT_EQ(tasks.counts().value(u"all"_s).toInt(), 1);
    EXPECT_EQ(tasks.counts().value(u"open"_s).toInt(), 1);
    EXPECT_EQ(tasks.counts().value(u"dueSoon"_s).toInt(), 1);
    EXPECT_EQ(tasks.counts().value(u"verified"_s).toInt(), 1);

    // 需要尽快处理 (the home's reminders).
    HazardListModel attention;
    attention.setSource(HazardSource::Inspection);
    attention.setEnterpriseId(hengtai());
    attention.setStatuses({ HazardStatus::Open, HazardStatus::Rejected, HazardStatus::Escalated });
    attention.setDueWithinDays(HazardListModel::DueSoonDays);
    attention.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !attention.counts().isEmpty(); }));
    EXPECT_EQ(ids(attention), QStringList { u"h-task"_s });

    // 已完成: closed tasks only.
    HazardListModel done;
    done.setSource(HazardSource::Inspection);
    done.setEnterpriseId(hengtai());
    done.setStatuses({ HazardStatus::Verified });
    done.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !done.counts().isEmpty(); }));
    EXPECT_EQ(ids(done), QStringList { u"h-task-done"_s });

    // The self-found ones are the other source; without a source both are listed.
    HazardListModel selfFound;
    selfFound.setSource(HazardSource::SelfCheck);
    selfFound.setEnterpriseId(hengtai());
    selfFound.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !selfFound.counts().isEmpty(); }));
    EXPECT_EQ(ids(selfFound), QStringList { u"h-self"_s });
    EXPECT_EQ(selfFound.counts().value(u"all"_s).toInt(), 1);
    HazardListModel both;
    both.setEnterpriseId(hengtai());
    both.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !both.counts().isEmpty(); }));
    EXPECT_EQ(ids(both), (QStringList { u"h-self"_s, u"h-task"_s }));
    EXPECT_EQ(both.counts().value(u"all"_s).toInt(), 2);

    // A value that is no source changes nothing.
    tasks.setSource(7);
    EXPECT_EQ(tasks.source(), HazardSource::Inspection);
}

} // namespace
