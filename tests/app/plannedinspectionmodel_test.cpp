// 今日计划: which planned enterprises an inspector still has to visit this year, in what order,
// and how the list follows finished inspections and plans arriving later.
#include "app/plannedinspectionmodel.h"
#include "workflowtestsupport.h"

#include "core/uuid.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

namespace {

// Demo enterprises: 0 恒泰 (orange, 青松街道), 1 北辰 (red, 工业街道), 2 春林 (yellow, 青松街道).
class PlannedInspectionModelTest : public safeloop::app::testing::WorkflowFixture {
protected:
    bool putPlan(const QString& id, int year, const QString& title, const QString& kind,
        const QStringList& enterprises, const QStringList& inspectors)
    {
        const core::Actor supervisor { u"sup"_s, core::Role::Supervisor, {}, {}, u"d"_s };
        const QJsonObject args { { u"year"_s, year }, { u"title"_s, title }, { u"kind"_s, kind },
            { u"enterprise_ids"_s, QJsonArray::fromStringList(enterprises) },
            { u"inspector_ids"_s, QJsonArray::fromStringList(inspectors) } };
        return store.call<bool>([&](core::LocalStore& st) {
            return st.perform(supervisor, u"plan.upsert"_s, id, args).ok();
        });
    }

    /// Creates an inspection of `enterprise` by `team` started at `started`; finishes it
    /// (signed) unless `draft`. Returns its id ("" on failure).
    QString inspect(const QString& enterprise, const QStringList& team, const QDateTime& started,
        bool draft = false)
    {
        const core::Actor lead { team.first(), core::Role::Inspector, {}, {}, u"d"_s };
        return store.call<QString>([&](core::LocalStore& st) {
            const QString id = core::uuidv7(st.now());
            auto created = st.perform(lead, u"inspection.create"_s, id,
                { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"plan"_s },
                    { u"mode"_s, u"guidance"_s },
                    { u"inspector_ids"_s, QJsonArray::fromStringList(team) },
                    { u"template_refs"_s, QJsonArray { u"GM@1"_s } },
                    { u"started_at"_s, core::formatTimestamp(started) } });
            if (!created || created->status != core::OutcomeStatus::Applied)
                return QString();
            if (draft)
                return id;
            auto finished = st.perform(lead, u"inspection.finish"_s, id,
                { { u"finished_at"_s, core::formatTimestamp(started.addSecs(3600)) },
                    { u"refusal_note"_s, u"企业负责人拒绝签字"_s } });
            return finished && finished->status == core::OutcomeStatus::Applied ? id : QString();
        });
    }

    QStringList names(const RowListModel& m)
    {
        QStringList out;
        for (int i = 0; i < m.rowCount(); ++i)
            out.append(m.get(i).value(u"name"_s).toString());
        return out;
    }

    const QStringList ids = DemoSeed::enterpriseIds();
};

TEST_F(PlannedInspectionModelTest, ListsThisYearsPlansNamingTheInspectorRedFirstThenByName)
{
    ASSERT_TRUE(putPlan(u"p-key"_s, 2026, u"2026年度执法检查计划"_s, u"key"_s,
        { ids.at(2), ids.at(0) }, { u"insp-wang"_s, u"insp-li"_s }));
    // Not 王明's: 李强 alone, and 王明's plan of last year.
    ASSERT_TRUE(
        putPlan(u"p-li"_s, 2026, u"李强的计划"_s, u"key"_s, { ids.at(1) }, { u"insp-li"_s }));
    ASSERT_TRUE(
        putPlan(u"p-2025"_s, 2025, u"2025年度计划"_s, u"key"_s, { ids.at(1) }, { u"insp-wang"_s }));

    PlannedInspectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 2; }));
    EXPECT_EQ(names(model),
        (QStringList { u"青禾恒泰汽车零部件有限公司"_s, u"青禾春林家具制造有限公司"_s }));
    const QVariantMap first = model.get(0);
    EXPECT_EQ(first.value(u"enterpriseId"_s).toString(), ids.at(0));
    EXPECT_EQ(first.value(u"riskGrade"_s).toString(), u"orange"_s);
    EXPECT_EQ(first.value(u"street"_s).toString(), u"青松街道"_s);
    EXPECT_EQ(first.value(u"planId"_s).toString(), u"p-key"_s);
    EXPECT_EQ(first.value(u"planTitle"_s).toString(), u"2026年度执法检查计划"_s);
    EXPECT_EQ(first.value(u"planKind"_s).toString(), u"key"_s);
    EXPECT_EQ(first.value(u"inspectionKind"_s).toString(), u"plan"_s);
    EXPECT_EQ(first.value(u"lastInspection"_s).toString(), QString());
    EXPECT_FALSE(first.value(u"hasDraft"_s).toBool());

    // Last year's plan counts once the model looks at last year.
    model.setYear(2025);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 1; }));
    EXPECT_EQ(names(model), QStringList { u"青禾北辰精密铸造厂"_s });
    // Another inspector's plans.
    model.setYear(2026);
    model.setInspectorId(u"insp-li"_s);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));
    EXPECT_EQ(names(model).first(), u"青禾北辰精密铸造厂"_s); // red before orange
}

TEST_F(PlannedInspectionModelTest, AFinishedInspectionByThePlansTeamThisYearTakesTheEnterpriseOff)
{
    ASSERT_TRUE(putPlan(u"p-key"_s, 2026, u"2026年度执法检查计划"_s, u"key"_s, ids,
        { u"insp-wang"_s, u"insp-li"_s }));
    PlannedInspectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));

    // 李强 (same plan team) finished 恒泰 this year: done for 王明 too.
    ASSERT_FALSE(inspect(ids.at(0), { u"insp-li"_s }, now.addDays(-30)).isEmpty());
    // 赵新 is not on the plan: 春林 stays, with its last inspection date.
    ASSERT_FALSE(inspect(ids.at(2), { u"insp-zhao"_s }, now.addDays(-40)).isEmpty());
    // Last year's inspection of 北辰 does not count for this year's plan.
    ASSERT_FALSE(inspect(ids.at(1), { u"insp-wang"_s }, now.addDays(-400)).isEmpty());
    // 王明's own unfinished inspection of 北辰 shows as a draft.
    const QString draft = inspect(ids.at(1), { u"insp-wang"_s }, now.addSecs(-600), true);
    ASSERT_FALSE(draft.isEmpty());
    store.notifyChanged();

    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 2; }));
    ASSERT_TRUE(waitFor([&] { return model.get(0).value(u"hasDraft"_s).toBool(); }));
    EXPECT_EQ(
        names(model), (QStringList { u"青禾北辰精密铸造厂"_s, u"青禾春林家具制造有限公司"_s }));
    EXPECT_EQ(model.get(0).value(u"draftId"_s).toString(), draft);
    EXPECT_EQ(model.get(0).value(u"lastInspection"_s).toString(),
        now.addDays(-400).toTimeZone(QTimeZone("Asia/Shanghai")).date().toString(Qt::ISODate));
    EXPECT_FALSE(model.get(1).value(u"hasDraft"_s).toBool());
    EXPECT_EQ(model.get(1).value(u"lastInspection"_s).toString(), u"2026-10-16"_s);

    // Finishing 北辰 through the store takes it off after the change notification.
    const bool finished = store.call<bool>([&](core::LocalStore& st) {
        const core::Actor wang { u"insp-wang"_s, core::Role::Inspector, {}, {}, u"d"_s };
        auto r = st.perform(wang, u"inspection.finish"_s, draft,
            { { u"finished_at"_s, core::formatTimestamp(now) },
                { u"refusal_note"_s, u"企业负责人拒绝签字"_s } });
        return r && r->status == core::OutcomeStatus::Applied;
    });
    ASSERT_TRUE(finished);
    store.notifyChanged();
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 1; }));
    EXPECT_EQ(names(model), QStringList { u"青禾春林家具制造有限公司"_s });
}

TEST_F(
    PlannedInspectionModelTest, APlanArrivingLaterAddsItsEnterprisesOnceAndSaysToStartARandomCheck)
{
    PlannedInspectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &PlannedInspectionModel::loaded);
    model.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return loaded.count() > 0; }));
    EXPECT_EQ(model.rowCount(), 0);

    // Two plans name 春林: listed once, under the first plan by title (年度 sorts before 年第).
    ASSERT_TRUE(putPlan(u"p-random"_s, 2026, u"2026年第四批双随机抽查"_s, u"random"_s,
        { ids.at(2), ids.at(0) }, { u"insp-wang"_s, u"insp-zhao"_s }));
    ASSERT_TRUE(putPlan(
        u"p-key"_s, 2026, u"2026年度执法检查计划"_s, u"key"_s, { ids.at(2) }, { u"insp-wang"_s }));
    store.notifyChanged(); // what the sync engine does after applying a pulled page
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 2; }));
    EXPECT_EQ(names(model),
        (QStringList { u"青禾恒泰汽车零部件有限公司"_s, u"青禾春林家具制造有限公司"_s }));
    EXPECT_EQ(model.get(0).value(u"planId"_s).toString(), u"p-random"_s);
    EXPECT_EQ(model.get(0).value(u"inspectionKind"_s).toString(), u"random"_s);
    EXPECT_EQ(model.get(1).value(u"planId"_s).toString(), u"p-key"_s);
    EXPECT_EQ(model.get(1).value(u"inspectionKind"_s).toString(), u"plan"_s);
}

TEST(PlannedInspectionDemoTest, TheDemoStoreHasPlansForTheDemoInspector)
{
    DeviceStore demo { nullptr };
    ASSERT_TRUE(demo.openDemo());
    PlannedInspectionModel model;
    model.setStore(&demo);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));
    const QVariantMap first = model.get(0);
    EXPECT_EQ(first.value(u"name"_s).toString(), u"青禾北辰精密铸造厂"_s);
    EXPECT_TRUE(first.value(u"hasDraft"_s).toBool()); // the demo's unfinished FD inspection
    EXPECT_EQ(model.get(2).value(u"planKind"_s).toString(), u"random"_s);
}

} // namespace
