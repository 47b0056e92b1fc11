#include "app/enterprisecontroller.h"
#include "app/hazarddetail.h"
#include "app/inspectioncontroller.h"
#include "workflowtestsupport.h"

#include "core/uuid.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

namespace {

QList<HazardEventKind::Value> kinds(const HazardDetail& d)
{
    QList<HazardEventKind::Value> out;
    for (const auto& row : d.events()->rows())
        out.append(row.kind);
    return out;
}

class HazardDetailTest : public safeloop::app::testing::WorkflowFixture {
protected:
    static QString hengtai() { return DemoSeed::enterpriseIds().first(); }

    /// An enforcement inspection of 恒泰 whose first item failed with a hazard (one before photo),
    /// finished with a refusal note so the 指令书 is rendered (unless `finish` is false: a draft).
    /// Returns the hazard's id.
    QString inspectWithOneHazard(bool finish = true)
    {
        InspectionController ctrl;
        ctrl.setStore(&store);
        ctrl.loadOptions(hengtai());
        if (!waitFor([&] { return !ctrl.templateOptions().isEmpty(); }))
            return {};
        QString ref;
        for (const auto& v : ctrl.templateOptions())
            if (v.toMap().value(u"ref"_s).toString().startsWith(u"ST@"_s))
                ref = v.toMap().value(u"ref"_s).toString();
        ctrl.start(
            hengtai(), u"plan"_s, u"enforcement"_s, { u"insp-wang"_s, u"insp-li"_s }, { ref });
        if (!waitFor([&] { return ctrl.totalCount() > 0; }))
            return {};
        const QString code = ctrl.checklist()->get(0).value(u"code"_s).toString();
        for (int i = 0; i < ctrl.checklist()->rowCount(); ++i)
            ctrl.answer(ctrl.checklist()->get(i).value(u"code"_s).toString(),
                i == 0 ? u"fail"_s : u"pass"_s);
        if (!waitFor([&] { return ctrl.answeredCount() == ctrl.totalCount(); }))
            return {};
        ctrl.addPhoto(code, QUrl::fromLocalFile(writePng(u"before.png"_s, Qt::darkRed)));
        if (!waitFor([&] {
                return ctrl.checklist()->get(0).value(u"photoIds"_s).toStringList().size() == 1;
            }))
            return {};
        QVariantMap hazard = ctrl.proposeHazard(code);
        hazard.insert(u"place"_s, u"冲压二车间"_s);
        // 300 m from 恒泰's registered position with a ±80 m fix: both warnings on the page.
        hazard.insert(u"location"_s,
            QVariantMap { { u"lat"_s, 43.8917 }, { u"lon"_s, 125.2550 }, { u"accuracyM"_s, 80.0 },
                { u"fixTime"_s, now }, { u"source"_s, u"gps"_s }, { u"lowAccuracy"_s, true },
                { u"farFromEnterprise"_s, false }, { u"distanceM"_s, 300.0 } });
        QString hazardId;
        QObject::connect(&ctrl, &InspectionController::hazardCreated, &ctrl,
            [&](const QString& id) { hazardId = id; });
        ctrl.createHazard(hazard);
        if (!waitFor([&] { return !hazardId.isEmpty(); }))
            return {};
        inspectionId = ctrl.inspectionId();
        if (!finish)
            return hazardId;
        bool finished = false;
        QObject::connect(&ctrl, &InspectionController::finished, &ctrl, [&] { finished = true; });
        // Both inspectors of the enforcement inspection sign; the enterprise refuses.
        ctrl.finish(
            QVariantList { QVariantMap { { u"signer"_s, u"王明"_s }, { u"role"_s, u"inspector"_s },
                               { u"inspectorId"_s, u"insp-wang"_s },
                               { u"path"_s, writePng(u"sig-wang.png"_s, Qt::blue) } },
                QVariantMap { { u"signer"_s, u"李强"_s }, { u"role"_s, u"inspector"_s },
                    { u"inspectorId"_s, u"insp-li"_s },
                    { u"path"_s, writePng(u"sig-li.png"_s, Qt::darkBlue) } } },
            u"企业负责人拒绝签字"_s);
        if (!waitFor([&] { return finished || !ctrl.errorCode().isEmpty(); }, 60000) || !finished)
            return {};
        inspectionId = ctrl.inspectionId();
        return hazardId;
    }

    /// rectification.submit as 恒泰's safety officer with one after photo; returns the event id.
    QString submitEvidence(const QString& hazardId, const QString& note, const QColor& colour)
    {
        now = now.addSecs(3600);
        const QString eventId = core::uuidv7(now);
        const QByteArray png = DemoSeed::demoPhoto(colour);
        auto r = store.call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
            auto photo = st.blobs().put(png);
            if (!photo)
                return core::Result<core::MutationOutcome>(photo.error());
            const core::Actor officer { u"ent-hengtai"_s, core::Role::Enterprise, hengtai(), {},
                u"device-ent"_s };
            return st.perform(officer, u"rectification.submit"_s, eventId,
                { { u"hazard_id"_s, hazardId }, { u"note"_s, note },
                    { u"attachments"_s, QJsonArray { *photo } } });
        });
        EXPECT_TRUE(r.ok()) << (r.ok() ? std::string() : r.error().message.toStdString());
        store.notifyChanged(); // as a sync pull does
        return eventId;
    }

    QString inspectionId;
};

TEST_F(HazardDetailTest, FollowsTheHazardFromFindingThroughRejectionToVerification)
{
    const QString hazardId = inspectWithOneHazard();
    ASSERT_FALSE(hazardId.isEmpty());

    HazardDetail detail;
    QAbstractItemModelTester tester(
        detail.events(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    detail.setStore(&store);
    detail.setHazardId(hazardId);
    ASSERT_TRUE(waitFor([&] { return detail.found() && detail.events()->rowCount() == 2; }));
    EXPECT_EQ(kinds(detail),
        (QList<HazardEventKind::Value> { HazardEventKind::Found, HazardEventKind::Order }));
    EXPECT_EQ(detail.status(), HazardStatus::Open);
    EXPECT_FALSE(detail.overdue());
    EXPECT_GT(detail.daysLeft(), 0);
    EXPECT_EQ(detail.hazard().value(u"place"_s).toString(), u"冲压二车间"_s);
    EXPECT_EQ(detail.enterprise().value(u"name"_s).toString(), u"青禾恒泰汽车零部件有限公司"_s);
    EXPECT_EQ(detail.inspection().value(u"id"_s).toString(), inspectionId);
    EXPECT_EQ(detail.inspection().value(u"status"_s).toInt(), InspectionStatus::Finished);
    EXPECT_EQ(detail.orderNumber(), u"(青)应急责改〔2026〕1号"_s);
    EXPECT_TRUE(QFileInfo::exists(detail.orderPdf()));
    EXPECT_EQ(detail.events()->rows().at(1).documentNumber, detail.orderNumber());
    EXPECT_EQ(detail.events()->rows().at(0).actorName, u"王明"_s);
    EXPECT_TRUE(detail.location().lowAccuracy);
    EXPECT_FALSE(detail.location().farFromEnterprise);
    EXPECT_DOUBLE_EQ(detail.location().accuracyM, 80.0);
    ASSERT_EQ(detail.beforePhotos().size(), 1);
    EXPECT_EQ(detail.beforePhotos().first().toMap().value(u"syncState"_s).toString(), u"pending"_s);
    EXPECT_TRUE(detail.afterPhotos().isEmpty());
    EXPECT_EQ(detail.syncState(), RecordSyncState::Pending); // nothing was pushed yet
    EXPECT_TRUE(detail.canEdit());
    EXPECT_FALSE(detail.canReinspect());
    // The timeline's roles, as HazardDetailPage's delegate reads them.
    const HazardEventModel& events = *detail.events();
    EXPECT_EQ(
        events.data(events.index(0), HazardEventModel::KindRole).toInt(), HazardEventKind::Found);
    EXPECT_EQ(
        events.data(events.index(1), HazardEventModel::KindRole).toInt(), HazardEventKind::Order);
    EXPECT_EQ(events.data(events.index(1), HazardEventModel::SyncStateRole).toInt(),
        RecordSyncState::Pending);
    EXPECT_EQ(events.data(events.index(1), HazardEventModel::DocumentNumberRole).toString(),
        detail.orderNumber());
    EXPECT_EQ(events.get(0).value(u"actorName"_s).toString(), u"王明"_s);
    EXPECT_DOUBLE_EQ(events.get(1).value(u"cost"_s).toDouble(), -1.0);
    EXPECT_TRUE(detail.location().isValid());
    EXPECT_TRUE(detail.location().accuracyKnown());

    submitEvidence(hazardId, u"已更换光幕"_s, Qt::darkGreen);
    ASSERT_TRUE(waitFor([&] { return detail.status() == HazardStatus::Submitted; }));
    EXPECT_EQ(kinds(detail),
        (QList<HazardEventKind::Value> {
            HazardEventKind::Found, HazardEventKind::Order, HazardEventKind::Submit }));
    EXPECT_TRUE(detail.canReinspect());
    EXPECT_EQ(detail.afterPhotos().size(), 1);
    EXPECT_EQ(detail.submissionNote(), u"已更换光幕"_s);
    EXPECT_EQ(detail.events()->rows().at(2).actorName, u"赵丽"_s);

    ReinspectionController reinspection;
    reinspection.setStore(&store);
    reinspection.setHazardId(hazardId);
    ASSERT_TRUE(waitFor([&] { return reinspection.canDecide(); }));
    now = now.addSecs(3600);
    reinspection.reject(u"光幕未接入急停回路"_s);
    ASSERT_TRUE(waitFor([&] { return detail.status() == HazardStatus::Rejected; }));
    EXPECT_EQ(kinds(detail),
        (QList<HazardEventKind::Value> { HazardEventKind::Found, HazardEventKind::Order,
            HazardEventKind::Submit, HazardEventKind::Reject }));
    EXPECT_EQ(detail.events()->rows().at(3).note, u"光幕未接入急停回路"_s);
    EXPECT_FALSE(detail.canReinspect());

    submitEvidence(hazardId, u"光幕已接入急停回路"_s, Qt::green);
    ASSERT_TRUE(waitFor([&] { return detail.status() == HazardStatus::Submitted; }));
    EXPECT_EQ(detail.submissionNote(), u"光幕已接入急停回路"_s); // the latest submission
    ASSERT_TRUE(waitFor([&] { return reinspection.canDecide(); }));
    now = now.addSecs(3600);
    reinspection.verify(u"复查合格"_s);
    ASSERT_TRUE(waitFor([&] { return detail.status() == HazardStatus::Verified; }));
    EXPECT_EQ(kinds(detail),
        (QList<HazardEventKind::Value> { HazardEventKind::Found, HazardEventKind::Order,
            HazardEventKind::Submit, HazardEventKind::Reject, HazardEventKind::Submit,
            HazardEventKind::Verify }));
    EXPECT_FALSE(detail.canEdit());
    EXPECT_FALSE(detail.canReinspect());
    for (const auto& row : detail.events()->rows())
        EXPECT_EQ(row.syncState, RecordSyncState::Pending) << row.kind;
    const auto times = detail.events()->rows();
    for (int i = 2; i < times.size(); ++i)
        EXPECT_LT(times.at(i - 1).at, times.at(i).at);

    // The sync engine acknowledges every mutation: the page then says everything is on the server.
    auto dropped = store.call<core::Result<void>>([](core::LocalStore& st) {
        auto rows = st.outbox();
        if (!rows)
            return core::Result<void>(rows.error());
        return st.dropOutboxThrough(rows->last().id);
    });
    ASSERT_TRUE(dropped.ok());
    store.notifyChanged();
    ASSERT_TRUE(waitFor([&] { return detail.syncState() == RecordSyncState::Confirmed; }));
    for (const auto& row : detail.events()->rows())
        EXPECT_EQ(row.syncState, RecordSyncState::Confirmed);
}

TEST_F(HazardDetailTest, ExtendingTheDeadlineNeedsALaterDayAndChangesOnlyTheDeadline)
{
    const QString hazardId = inspectWithOneHazard();
    ASSERT_FALSE(hazardId.isEmpty());
    HazardDetail detail;
    detail.setStore(&store);
    detail.setHazardId(hazardId);
    ASSERT_TRUE(waitFor([&] { return detail.found(); }));
    const QString deadline = detail.hazard().value(u"deadline"_s).toString();
    const auto before = outboxSize();

    detail.extendDeadline(deadline);
    EXPECT_EQ(detail.errorCode(), u"deadline_not_later"_s);
    EXPECT_TRUE(detail.errorMessage().contains(deadline));
    detail.extendDeadline(u"next week"_s);
    EXPECT_EQ(detail.errorCode(), u"invalid_date"_s);
    EXPECT_EQ(outboxSize(), before);

    const QString later = detail.deadlinePlus(15);
    EXPECT_EQ(
        QDate::fromString(deadline, Qt::ISODate).daysTo(QDate::fromString(later, Qt::ISODate)), 15);
    QString extended;
    QObject::connect(
        &detail, &HazardDetail::deadlineExtended, &detail, [&](const QString& d) { extended = d; });
    detail.extendDeadline(later);
    ASSERT_TRUE(waitFor([&] { return detail.hazard().value(u"deadline"_s).toString() == later; }));
    EXPECT_EQ(extended, later);
    EXPECT_TRUE(detail.errorCode().isEmpty());
    EXPECT_EQ(outboxSize(), before + 1);
    EXPECT_EQ(detail.status(), HazardStatus::Open);
    EXPECT_EQ(detail.hazard().value(u"place"_s).toString(), u"冲压二车间"_s);
}

TEST_F(HazardDetailTest, FindingChangesWhileItsInspectionIsADraftAndNotOnceTheOrderIsIssued)
{
    const QString hazardId = inspectWithOneHazard(false);
    ASSERT_FALSE(hazardId.isEmpty());
    HazardDetail detail;
    detail.setStore(&store);
    detail.setHazardId(hazardId);
    ASSERT_TRUE(waitFor([&] { return detail.found(); }));
    EXPECT_EQ(detail.inspection().value(u"status"_s).toInt(), InspectionStatus::InProgress);
    EXPECT_TRUE(detail.canEditDetails());
    EXPECT_TRUE(detail.orderNumber().isEmpty());
    const auto before = outboxSize();

    detail.updateDetails({ { u"description"_s, u"  "_s } });
    EXPECT_EQ(detail.errorCode(), u"missing_field"_s);
    detail.updateDetails({ { u"level"_s, u"severe"_s } });
    EXPECT_EQ(detail.errorCode(), u"invalid_enum"_s);
    EXPECT_EQ(outboxSize(), before);

    bool updated = false;
    QObject::connect(&detail, &HazardDetail::detailsUpdated, &detail, [&] { updated = true; });
    detail.updateDetails({ { u"place"_s, u"冲压三车间 "_s }, { u"level"_s, u"major"_s },
        { u"description"_s, detail.hazard().value(u"description"_s) } });
    ASSERT_TRUE(waitFor([&] { return updated && detail.major(); }));
    EXPECT_EQ(detail.hazard().value(u"place"_s).toString(), u"冲压三车间"_s);
    EXPECT_EQ(outboxSize(), before + 1); // one hazard.update with only the changed fields
    const QJsonObject args = store.call<QJsonObject>([](core::LocalStore& st) {
        auto rows = st.outbox();
        return rows && !rows->isEmpty() ? rows->last().args : QJsonObject {};
    });
    EXPECT_EQ(args.keys(), (QStringList { u"level"_s, u"place"_s }));

    // Once an inspection is finished its 指令书 carries the finding: no more edits.
    HazardDetail issued;
    issued.setStore(&store);
    issued.setHazardId(inspectWithOneHazard(true));
    ASSERT_TRUE(waitFor([&] { return issued.found() && !issued.orderNumber().isEmpty(); }));
    EXPECT_FALSE(issued.canEditDetails());
    EXPECT_TRUE(issued.canEdit()); // the deadline may still be extended
    const auto afterFinish = outboxSize();
    issued.updateDetails({ { u"place"_s, u"别处"_s } });
    EXPECT_EQ(issued.errorCode(), u"order_issued"_s);
    EXPECT_EQ(outboxSize(), afterFinish);
}

TEST_F(HazardDetailTest, ItemIsNamedByItsChecklistAndTextNotItsCode)
{
    const QString hazardId = inspectWithOneHazard(false);
    ASSERT_FALSE(hazardId.isEmpty());
    HazardDetail detail;
    detail.setStore(&store);
    detail.setHazardId(hazardId);
    ASSERT_TRUE(waitFor([&] { return detail.found(); }));
    EXPECT_EQ(detail.hazard().value(u"item_code"_s).toString(), u"ST-01"_s);
    EXPECT_EQ(detail.hazard().value(u"item_checklist"_s).toString(), u"冲压作业"_s);
    EXPECT_TRUE(
        detail.hazard().value(u"item_text"_s).toString().startsWith(u"手工上下料的压力机"_s))
        << detail.hazard().value(u"item_text"_s).toString().toStdString();
}

TEST_F(HazardDetailTest, UnknownHazardIsNotFoundAndCannotBeExtended)
{
    HazardDetail detail;
    detail.setStore(&store);
    detail.setHazardId(u"0190a5e2-0000-7000-8000-000000000000"_s);
    waitFor([] { return false; }, 300); // the store answers within that time
    EXPECT_FALSE(detail.found());
    EXPECT_TRUE(detail.hazard().isEmpty());
    detail.extendDeadline(u"2026-12-31"_s);
    EXPECT_EQ(detail.errorCode(), u"not_found"_s);
    EXPECT_EQ(detail.events()->rowCount(), 0);
}

class HazardDetailDemoTest : public safeloop::app::testing::WorkflowFixture {
protected:
    bool withHistory() const override { return true; }
};

TEST_F(HazardDetailDemoTest, PulledOverdueMajorHazardShowsDaysOverdueWarningAndServerState)
{
    HazardListModel overdue;
    overdue.setStore(&store);
    overdue.setEnterpriseId(DemoSeed::enterpriseIds().at(2));
    ASSERT_TRUE(waitFor([&] { return overdue.rowCount() == 1; }));
    HazardDetail detail;
    QAbstractItemModelTester tester(
        detail.events(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    detail.setStore(&store);
    detail.setHazardId(overdue.get(0).value(u"id"_s).toString());
    ASSERT_TRUE(waitFor([&] { return detail.found(); }));
    EXPECT_TRUE(detail.overdue());
    EXPECT_TRUE(detail.major());
    EXPECT_EQ(detail.daysLeft(), -2);
    EXPECT_EQ(detail.status(), HazardStatus::Open);
    EXPECT_EQ(detail.syncState(), RecordSyncState::Confirmed); // pulled, nothing waits for upload
    EXPECT_EQ(detail.inspection().value(u"kind"_s).toString(), u"random"_s);
    EXPECT_TRUE(detail.orderNumber().isEmpty()); // rendered on 李强's device, not this one
    EXPECT_TRUE(detail.orderPdf().isEmpty());
    EXPECT_EQ(kinds(detail),
        (QList<HazardEventKind::Value> { HazardEventKind::Found, HazardEventKind::Order }));
    EXPECT_EQ(detail.events()->rows().first().actorName, u"李强"_s);
    EXPECT_TRUE(detail.location().lowAccuracy);
    EXPECT_FALSE(detail.location().farFromEnterprise);
    const double distance = detail.location().distanceToEnterpriseM;
    EXPECT_GT(distance, 50.0);
    EXPECT_LT(distance, 150.0);
    ASSERT_EQ(detail.beforePhotos().size(), 1);
    EXPECT_EQ(
        detail.beforePhotos().first().toMap().value(u"syncState"_s).toString(), u"uploaded"_s);
    EXPECT_TRUE(detail.canEdit());
}

} // namespace
