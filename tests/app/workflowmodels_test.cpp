#include "app/inspectioncontroller.h"
#include "app/workflowmodels.h"
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

using WorkflowModelsTest = safeloop::app::testing::WorkflowFixture;

QStringList names(const RowListModel& m, const QString& role = u"name"_s)
{
    QStringList out;
    for (int i = 0; i < m.rowCount(); ++i)
        out.append(m.get(i).value(role).toString());
    return out;
}

TEST_F(WorkflowModelsTest, EnterpriseSearchMatchesNameCreditCodeAndStreet)
{
    EnterpriseSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));
    model.setQuery(u"铸造"_s);
    EXPECT_EQ(names(model), QStringList { u"青禾北辰精密铸造厂"_s });
    model.setQuery(DemoSeed::enterpriseIds().at(2).left(16));
    EXPECT_EQ(names(model), QStringList { u"青禾春林家具制造有限公司"_s });
    model.setQuery(u"青松街道"_s);
    EXPECT_EQ(model.rowCount(), 2);
    model.setQuery(u"不存在的企业"_s);
    EXPECT_EQ(model.rowCount(), 0);
}

TEST_F(WorkflowModelsTest, EnterpriseSearchSortsByDistanceOnceThereIsAFix)
{
    EnterpriseSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));
    EXPECT_LT(model.rows().first().distanceM, 0); // no fix: unknown
    PositionFix fix;
    fix.latitude = 43.8801;
    fix.longitude = 125.2699;
    model.setFix(fix);
    const QStringList order = names(model);
    EXPECT_EQ(order.first(), u"青禾春林家具制造有限公司"_s);
    EXPECT_EQ(order.last(), u"青禾北辰精密铸造厂"_s);
    EXPECT_LT(model.rows().first().distanceM, 50.0);
}

TEST_F(WorkflowModelsTest, HazardListPutsOverdueFirstThenByDeadline)
{
    const core::Actor wang { u"insp-wang"_s, core::Role::Inspector, {}, {}, u"d"_s };
    const QString ent = DemoSeed::enterpriseIds().first();
    auto create = [&](const QString& description, const QString& deadline) {
        return store.call<bool>([&](core::LocalStore& st) {
            return st
                .perform(wang, u"hazard.create"_s, core::uuidv7(st.now()),
                    { { u"enterprise_id"_s, ent }, { u"description"_s, description },
                        { u"level"_s, u"general"_s }, { u"deadline"_s, deadline } })
                .ok();
        });
    };
    ASSERT_TRUE(create(u"晚到期"_s, u"2026-12-20"_s));
    ASSERT_TRUE(create(u"早到期"_s, u"2026-11-30"_s));
    ASSERT_TRUE(create(u"已逾期"_s, u"2026-11-26"_s));
    now = now.addDays(3); // today 2026-11-28: the 11-26 deadline has passed
    HazardListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&store);
    model.setEnterpriseId(ent);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));
    EXPECT_EQ(
        names(model, u"description"_s), (QStringList { u"已逾期"_s, u"早到期"_s, u"晚到期"_s }));
    EXPECT_TRUE(model.rows().first().overdue);
    EXPECT_EQ(model.rows().first().daysLeft, -2);
    EXPECT_EQ(model.rows().first().enterpriseName, u"青禾恒泰汽车零部件有限公司"_s);
    model.setEnterpriseId(DemoSeed::enterpriseIds().at(2));
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 0; }));
}

bool createHazard(DeviceStore& store, const QString& description)
{
    const core::Actor wang { u"insp-wang"_s, core::Role::Inspector, {}, {}, u"d"_s };
    return store.call<bool>([&](core::LocalStore& st) {
        return st
            .perform(wang, u"hazard.create"_s, core::uuidv7(st.now()),
                { { u"enterprise_id"_s, DemoSeed::enterpriseIds().first() },
                    { u"description"_s, description }, { u"level"_s, u"general"_s },
                    { u"deadline"_s, u"2026-12-20"_s } })
            .ok();
    });
}

TEST_F(WorkflowModelsTest, HazardListExposesHazardIdRoleForHazardRowDelegates)
{
    ASSERT_TRUE(createHazard(store, u"配电箱门缺失"_s));
    HazardListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() > 0; }));
    const int role = model.roleNames().key("hazardId", -1);
    ASSERT_GT(role, Qt::UserRole);
    const QString id = model.data(model.index(0), role).toString();
    EXPECT_FALSE(id.isEmpty());
    EXPECT_EQ(id, model.rows().first().id);
}

/// The role names of `model`, sorted.
QStringList roleNamesOf(const QAbstractItemModel& model)
{
    QStringList out;
    for (const QByteArray& name : model.roleNames())
        out.append(QString::fromUtf8(name));
    out.sort();
    return out;
}

TEST_F(WorkflowModelsTest, HazardListRolesAnswerFromTheTypedRowWithTheStatusAsAHazardStatus)
{
    ASSERT_TRUE(createHazard(store, u"配电箱门缺失"_s));
    HazardListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 1; }));
    // The names HazardRow (and the pages' delegates) declare as required properties.
    QStringList expected { u"id"_s, u"hazardId"_s, u"enterpriseId"_s, u"enterpriseName"_s,
        u"inspectionId"_s, u"itemCode"_s, u"description"_s, u"place"_s, u"level"_s, u"category"_s,
        u"basis"_s, u"measure"_s, u"deadline"_s, u"status"_s, u"overdue"_s, u"daysLeft"_s,
        u"photoCount"_s, u"closedAt"_s, u"closedBy"_s, u"submittedDays"_s,
        u"reinspectionOverdue"_s };
    expected.sort();
    EXPECT_EQ(roleNamesOf(model), expected);

    const QModelIndex first = model.index(0);
    const HazardListRow& row = model.rows().first();
    EXPECT_EQ(row.status, HazardStatus::Open);
    EXPECT_EQ(model.data(first, HazardListModel::StatusRole).toInt(), HazardStatus::Open);
    EXPECT_EQ(model.data(first, HazardListModel::DescriptionRole).toString(), u"配电箱门缺失"_s);
    EXPECT_EQ(model.data(first, HazardListModel::DeadlineRole).toString(), u"2026-12-20"_s);
    EXPECT_EQ(model.data(first, HazardListModel::DaysLeftRole).toInt(),
        static_cast<int>(store.today().daysTo(QDate(2026, 12, 20))));
    EXPECT_EQ(model.data(first, HazardListModel::LevelRole).toString(), u"general"_s);
    EXPECT_EQ(model.data(first, HazardListModel::SubmittedDaysRole).toInt(), -1);
    EXPECT_FALSE(model.data(first, HazardListModel::ClosedAtRole).toDateTime().isValid());
    EXPECT_EQ(model.data(first, HazardListModel::HazardIdRole),
        model.data(first, HazardListModel::IdRole));
    EXPECT_FALSE(model.data(first, Qt::UserRole + 500).isValid()); // no such role

    // get(row) is every role by name, as QML code that keeps a row reads it.
    const QVariantMap map = model.get(0);
    QStringList keys = map.keys();
    keys.sort();
    EXPECT_EQ(keys, expected);
    EXPECT_EQ(map.value(u"status"_s).toInt(), HazardStatus::Open);
    EXPECT_EQ(map.value(u"enterpriseName"_s).toString(), u"青禾恒泰汽车零部件有限公司"_s);
    EXPECT_TRUE(model.get(1).isEmpty());
    EXPECT_TRUE(model.get(-1).isEmpty());

    // A status filter names HazardStatus values.
    model.setStatuses({ HazardStatus::Verified });
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 0; }));
    model.setStatuses({ HazardStatus::Open, HazardStatus::Escalated });
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 1; }));
}

TEST_F(WorkflowModelsTest, EnterpriseSearchRolesAnswerFromTheTypedRow)
{
    EnterpriseSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 3; }));
    EXPECT_EQ(roleNamesOf(model),
        (QStringList { u"address"_s, u"distanceM"_s, u"industryCode"_s, u"name"_s, u"riskGrade"_s,
            u"street"_s, u"uscc"_s }));
    model.setQuery(u"铸造"_s);
    ASSERT_EQ(model.rowCount(), 1);
    const QModelIndex i = model.index(0);
    EXPECT_EQ(model.data(i, EnterpriseSearchModel::NameRole).toString(), u"青禾北辰精密铸造厂"_s);
    EXPECT_EQ(
        model.data(i, EnterpriseSearchModel::UsccRole).toString(), DemoSeed::enterpriseIds().at(1));
    EXPECT_EQ(model.data(i, EnterpriseSearchModel::RiskGradeRole).toString(), u"red"_s);
    EXPECT_LT(model.data(i, EnterpriseSearchModel::DistanceMRole).toDouble(), 0); // no fix
    EXPECT_EQ(model.data(i, Qt::DisplayRole), model.data(i, EnterpriseSearchModel::NameRole));
}

TEST_F(WorkflowModelsTest, ChecklistRolesAnswerFromTheTypedRowsTheControllerSets)
{
    ChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ChecklistRow first;
    first.code = u"A1"_s;
    first.text = u"灭火器"_s;
    first.major = true;
    ChecklistRow second;
    second.code = u"A2"_s;
    second.index = 1;
    model.setItems({ first, second });
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.indexOf(u"A2"_s), 1);
    EXPECT_EQ(model.indexOf(u"B9"_s), -1);
    EXPECT_TRUE(model.data(model.index(0), ChecklistModel::MajorRole).toBool());
    EXPECT_TRUE(model.data(model.index(0), ChecklistModel::ResultRole).toString().isEmpty());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    second.result = u"fail"_s;
    second.photoIds = QStringList { u"abc"_s };
    second.answerId = u"ans-1"_s;
    model.setItem(1, second);
    ASSERT_EQ(changed.size(), 1);
    EXPECT_EQ(changed.first().at(0).toModelIndex().row(), 1); // only the answered row
    EXPECT_EQ(model.items().at(1), second);
    EXPECT_EQ(model.data(model.index(1), ChecklistModel::ResultRole).toString(), u"fail"_s);
    EXPECT_EQ(model.data(model.index(1), ChecklistModel::AnswerIdRole).toString(), u"ans-1"_s);
    EXPECT_EQ(model.get(1).value(u"photoIds"_s).toStringList(), QStringList { u"abc"_s });
    EXPECT_EQ(model.items().at(0), first); // the other row is untouched
}

TEST_F(WorkflowModelsTest, StoreBoundModelFollowsTheStoreItIsGivenAndItsChanges)
{
    HazardListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    StoreBoundListModel& bound = model;
    EXPECT_EQ(bound.store(), DeviceStore::shared()); // default: the QML singleton's instance
    ASSERT_TRUE(createHazard(store, u"配电箱门缺失"_s));
    bound.setStore(&store);
    EXPECT_EQ(bound.store(), &store);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 1; }));
    ASSERT_TRUE(createHazard(store, u"消防通道堵塞"_s));
    store.notifyChanged(); // what controllers do after a mutation
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 2; }));
}

TEST_F(WorkflowModelsTest, ChecklistModelPassesTheModelTesterWhileAnswering)
{
    InspectionController ctrl;
    ctrl.setStore(&store);
    QAbstractItemModelTester tester(
        ctrl.checklist(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ctrl.loadOptions(DemoSeed::enterpriseIds().first());
    ASSERT_TRUE(waitFor([&] { return !ctrl.templateOptions().isEmpty(); }));
    ctrl.start(DemoSeed::enterpriseIds().first(), u"random"_s, u"guidance"_s, {},
        { ctrl.templateOptions().first().toMap().value(u"ref"_s).toString() });
    ASSERT_TRUE(waitFor([&] { return ctrl.totalCount() > 0; }));
    const QHash<int, QByteArray> roles = ctrl.checklist()->roleNames();
    EXPECT_TRUE(roles.values().contains("basis"));
    EXPECT_TRUE(roles.values().contains("result"));
    ctrl.answer(ctrl.checklist()->get(0).value(u"code"_s).toString(), u"na"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.answeredCount() == 1; }));
    EXPECT_EQ(ctrl.checklist()->get(0).value(u"result"_s).toString(), u"na"_s);
    ctrl.answer(ctrl.checklist()->get(0).value(u"code"_s).toString(), u"maybe"_s);
    EXPECT_EQ(ctrl.errorCode(), u"invalid_enum"_s);
    EXPECT_EQ(ctrl.checklist()->get(0).value(u"result"_s).toString(), u"na"_s);
}

} // namespace

namespace {

TEST(DeviceStoreTest, OpenDemoSeedsEnterprisesAndTheEmbeddedTemplates)
{
    DeviceStore store { nullptr };
    const bool opened = store.openDemo();
    ASSERT_TRUE(opened) << store.lastError().toStdString();
    EXPECT_EQ(store.userName(), u"王明"_s);
    const auto count = store.call<qsizetype>([](core::LocalStore& st) {
        auto e = st.records(u"template"_s);
        return e ? e->size() : qsizetype(-1);
    });
    EXPECT_EQ(count, 12);
}

} // namespace

namespace {

class InspectionListModelTest : public safeloop::app::testing::WorkflowFixture {
protected:
    bool withHistory() const override { return true; }
};

TEST_F(InspectionListModelTest, ListsDraftsAcrossEnterprisesAndFiltersByStatus)
{
    InspectionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStore(&store);
    // The seeded 北辰 draft (12 days ago) and 李强's finished 春林 inspection (16 days ago).
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 2; }));
    EXPECT_EQ(model.rows().first().enterpriseName, u"青禾北辰精密铸造厂"_s);
    EXPECT_EQ(model.rows().first().hazardCount, 1);
    EXPECT_EQ(model.rows().first().status, InspectionStatus::InProgress);
    model.setStatus(InspectionStatus::InProgress);
    ASSERT_TRUE(waitFor([&] { return model.rowCount() == 1; }));
    EXPECT_EQ(model.rows().first().enterpriseName, u"青禾北辰精密铸造厂"_s);
    model.setStatus(InspectionStatus::Finished);
    ASSERT_TRUE(waitFor([&] {
        return model.rowCount() == 1
            && model.rows().first().enterpriseName == u"青禾春林家具制造有限公司"_s;
    }));
    EXPECT_EQ(model.rows().first().status, InspectionStatus::Finished);
    const QModelIndex i = model.index(0);
    EXPECT_EQ(model.data(i, InspectionListModel::StatusRole).toInt(), InspectionStatus::Finished);
    EXPECT_EQ(model.data(i, InspectionListModel::InspectionIdRole),
        model.data(i, InspectionListModel::IdRole));
    EXPECT_TRUE(model.data(i, InspectionListModel::FinishedAtRole).toDateTime().isValid());
    EXPECT_EQ(model.data(i, InspectionListModel::KindRole).toString(), u"random"_s);
}

} // namespace
