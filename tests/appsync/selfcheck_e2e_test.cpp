// The enterprise's self-check (企业自查) end to end, against the real safeloop-server: the
// enterprise runs it offline on its device (start, answer, a hazard on the failed item,
// finish) and syncs; the inspector's device syncs and shows the self-check with its finding on
// the enterprise's page; it is no rectification task of the enterprise; another enterprise's
// device receives none of it (read from that device's database file).
#include "appsynctestsupport.h"

#include "app/enterprisecontroller.h"
#include "app/inspectioncontroller.h"
#include "app/workflowmodels.h"
#include "tests/support/faultproxy.h"

#include <QDirIterator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using namespace safeloop::app::testing;

namespace {

class SelfCheckE2eTest : public TwoEnterprisesFixture {
protected:
    void SetUp() override
    {
        TwoEnterprisesFixture::SetUp();
        if (HasFatalFailure())
            return;
        addUser({ u"--username"_s, u"zz.safety"_s, u"--role"_s, u"enterprise"_s, u"--enterprise"_s,
            foundryUscc(), u"--name"_s, u"钱进"_s });
        ASSERT_TRUE(enterpriseDir.isValid() && inspectorDir.isValid() && foundryDir.isValid());
    }

    QTemporaryDir enterpriseDir;
    QTemporaryDir inspectorDir;
    QTemporaryDir foundryDir;
};

TEST_F(SelfCheckE2eTest, ASelfCheckRunOfflineReachesTheInspectorAndNoOtherEnterprise)
{
    test::FaultProxy network(server.port());
    ASSERT_TRUE(network.start());
    AppInstance enterprise(enterpriseDir.path(), u"http://127.0.0.1:%1"_s.arg(network.port()));
    ASSERT_TRUE(enterprise.login(u"qs.safety"_s));
    ASSERT_TRUE(enterprise.syncOnce());

    // Offline: start, answer, a hazard on the failed item, finish — all on the device.
    network.setMode(test::FaultProxy::Mode::CutAfterBytes, 0);
    InspectionController run;
    run.setStore(&enterprise.store);
    run.loadOptions(enterpriseUscc());
    ASSERT_TRUE(waitUntil([&] { return !run.templateOptions().isEmpty(); }));
    const QString ref = run.templateOptions().first().toMap().value(u"ref"_s).toString();
    run.start(enterpriseUscc(), u"self_check"_s, u"guidance"_s, {}, { ref });
    ASSERT_TRUE(waitUntil([&] { return run.status() == InspectionStatus::InProgress; }))
        << run.errorMessage().toStdString();
    const QString selfCheck = run.inspectionId();
    ASSERT_FALSE(selfCheck.isEmpty());
    const QString failed = run.checklist()->items().first().code;
    run.answer(failed, u"fail"_s);
    ASSERT_TRUE(waitUntil([&] { return run.answeredCount() == 1; }));
    QVariantMap fields = run.proposeHazard(failed);
    fields.insert(u"itemCode"_s, failed);
    fields.insert(u"description"_s, u"冲床急停按钮失效"_s);
    QString hazard;
    QObject::connect(
        &run, &InspectionController::hazardCreated, &run, [&](const QString& id) { hazard = id; });
    run.createHazard(fields);
    ASSERT_TRUE(waitUntil([&] { return !hazard.isEmpty(); })) << run.errorMessage().toStdString();
    for (const auto& item : run.checklist()->items())
        if (item.code != failed)
            run.answer(item.code, u"pass"_s);
    ASSERT_TRUE(waitUntil([&] { return run.answeredCount() == run.totalCount(); }));
    bool finished = false;
    QObject::connect(&run, &InspectionController::finished, &run, [&] { finished = true; });
    run.finishSelfCheck();
    ASSERT_TRUE(waitUntil([&] { return finished; })) << run.errorMessage().toStdString();
    EXPECT_FALSE(enterprise.syncOnce());

    // Its own finding is no rectification task on its device.
    HazardListModel tasks;
    tasks.setSource(HazardSource::Inspection);
    tasks.setEnterpriseId(enterpriseUscc());
    tasks.setStore(&enterprise.store);
    ASSERT_TRUE(waitUntil([&] { return !tasks.counts().isEmpty(); }));
    EXPECT_EQ(tasks.rowCount(), 0);
    EXPECT_EQ(tasks.counts().value(u"all"_s).toInt(), 0);

    // Back online: sent; the inspector's next sync brings the self-check and its finding.
    network.setMode(test::FaultProxy::Mode::Pass);
    ASSERT_TRUE(enterprise.syncOnce());
    EXPECT_TRUE(enterprise.store.call<bool>([](core::LocalStore& st) {
        auto rows = st.outbox();
        return rows && rows->isEmpty();
    }));

    AppInstance inspector(inspectorDir.path(), url());
    ASSERT_TRUE(inspector.login(u"li.qiang"_s));
    ASSERT_TRUE(inspector.syncOnce());
    EnterpriseController page;
    page.setStore(&inspector.store);
    page.setEnterpriseId(enterpriseUscc());
    ASSERT_TRUE(waitUntil([&] { return page.selfChecks().size() == 1; }));
    const QVariantMap shown = page.selfChecks().first().toMap();
    EXPECT_EQ(shown.value(u"id"_s).toString(), selfCheck);
    EXPECT_EQ(shown.value(u"status"_s).toInt(), InspectionStatus::Finished);
    EXPECT_EQ(shown.value(u"hazardCount"_s).toInt(), 1);
    EXPECT_EQ(shown.value(u"openHazards"_s).toInt(), 1);
    ASSERT_EQ(page.selfCheckHazards().size(), 1);
    const QVariantMap finding = page.selfCheckHazards().first().toMap();
    EXPECT_EQ(finding.value(u"id"_s).toString(), hazard);
    EXPECT_EQ(finding.value(u"description"_s).toString(), u"冲床急停按钮失效"_s);
    EXPECT_EQ(finding.value(u"inspectionId"_s).toString(), selfCheck);
    EXPECT_EQ(finding.value(u"status"_s).toInt(), HazardStatus::Open);
    // A self-check is not one of the enterprise's inspections.
    for (const auto& row : page.history())
        EXPECT_NE(row.toMap().value(u"id"_s).toString(), selfCheck);

    // Another enterprise's device: none of it, read from its database file.
    AppInstance foundry(foundryDir.path(), url());
    ASSERT_TRUE(foundry.login(u"zz.safety"_s));
    ASSERT_TRUE(foundry.syncOnce());
    foundry.center.stopSync();
    const QString file = deviceDatabaseFile(foundryDir.path());
    ASSERT_FALSE(file.isEmpty());
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"selfcheck-scope"_s);
        db.setDatabaseName(file);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        ASSERT_TRUE(db.open());
        const auto count = [&db](const QString& sql) {
            QSqlQuery q(db);
            EXPECT_TRUE(q.exec(sql)) << q.lastError().text().toStdString();
            return q.next() ? q.value(0).toInt() : -1;
        };
        // The file is the foundry's: its own enterprise and the checklists are there.
        EXPECT_EQ(
            count(u"SELECT COUNT(*) FROM enterprises WHERE id = '%1'"_s.arg(foundryUscc())), 1);
        EXPECT_EQ(count(u"SELECT COUNT(*) FROM inspections"_s), 0);
        EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 0);
        EXPECT_EQ(count(u"SELECT COUNT(*) FROM answers"_s), 0);
        // And nowhere in any table: the self-check, its finding, or the other enterprise.
        int checked = 0;
        const QStringList holding
            = columnsHolding(db, { selfCheck, hazard, enterpriseUscc() }, checked);
        EXPECT_TRUE(holding.isEmpty()) << holding.join(u", "_s).toStdString();
        EXPECT_GT(checked, 20);
    }
    QSqlDatabase::removeDatabase(u"selfcheck-scope"_s);
}

} // namespace
