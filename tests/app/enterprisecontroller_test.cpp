#include "app/enterprisecontroller.h"
#include "core/uuid.h"
#include "tests/support/pdftext.h"
#include "workflowtestsupport.h"

#include <QFileInfo>

#include <QAbstractItemModelTester>
#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

namespace {

class WithHistory : public safeloop::app::testing::WorkflowFixture {
protected:
    bool withHistory() const override { return true; }
};

using EnterpriseControllerTest = WithHistory;

class ReinspectionControllerTest : public WithHistory {
protected:
    /// Opens the seeded submitted hazard in `ctrl`; false when it does not load.
    bool openSubmitted(ReinspectionController& ctrl)
    {
        HazardListModel submitted;
        submitted.setStore(&store);
        submitted.setStatuses({ HazardStatus::Submitted });
        if (!waitFor([&] { return submitted.rowCount() == 1; }))
            return false;
        ctrl.setStore(&store);
        ctrl.setHazardId(submitted.get(0).value(u"id"_s).toString());
        return waitFor([&] { return ctrl.canDecide(); });
    }
};

TEST_F(EnterpriseControllerTest, ShowsDetailsHistoryAndOpenHazards)
{
    EnterpriseController ctrl;
    QAbstractItemModelTester tester(
        ctrl.hazards(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ctrl.setStore(&store);
    ctrl.setEnterpriseId(DemoSeed::enterpriseIds().at(1));
    ASSERT_TRUE(
        waitFor([&] { return !ctrl.details().isEmpty() && ctrl.hazards()->rowCount() == 1; }));
    EXPECT_EQ(ctrl.details().value(u"name"_s).toString(), u"青禾北辰精密铸造厂"_s);
    EXPECT_EQ(ctrl.details().value(u"risk_grade"_s).toString(), u"red"_s);
    EXPECT_EQ(ctrl.details().value(u"leader"_s).toString(), u"周海"_s);
    ASSERT_EQ(ctrl.history().size(), 1);
    EXPECT_EQ(ctrl.history().first().toMap().value(u"hazardCount"_s).toInt(), 1);
    EXPECT_EQ(ctrl.drafts().size(), 1); // the seeded inspection was never finished
    EXPECT_EQ(ctrl.hazards()->get(0).value(u"status"_s).toInt(), HazardStatus::Submitted);
    EXPECT_EQ(ctrl.hazards()->rows().first().status, HazardStatus::Submitted);
}

TEST_F(ReinspectionControllerTest, ShowsBeforeAndAfterPhotosAndVerifyClosesTheHazard)
{
    HazardListModel submitted;
    submitted.setStore(&store);
    submitted.setStatuses({ HazardStatus::Submitted });
    ASSERT_TRUE(waitFor([&] { return submitted.rowCount() == 1; }));
    ReinspectionController ctrl;
    ctrl.setStore(&store);
    ctrl.setHazardId(submitted.get(0).value(u"id"_s).toString());
    ASSERT_TRUE(waitFor([&] { return !ctrl.hazard().isEmpty(); }));
    EXPECT_TRUE(ctrl.canDecide());
    ASSERT_EQ(ctrl.beforePhotos().size(), 1);
    ASSERT_EQ(ctrl.afterPhotos().size(), 1);
    EXPECT_NE(ctrl.beforePhotos().first().toMap().value(u"id"_s),
        ctrl.afterPhotos().first().toMap().value(u"id"_s));
    EXPECT_EQ(ctrl.submissionNote(), u"已加装压力表"_s);
    EXPECT_EQ(ctrl.hazard().value(u"enterprise_name"_s).toString(), u"青禾北辰精密铸造厂"_s);
    HazardStatus::Value decided = HazardStatus::Unknown;
    QObject::connect(&ctrl, &ReinspectionController::decided, &ctrl,
        [&](HazardStatus::Value s) { decided = s; });
    ctrl.verify(u"复查合格"_s);
    ASSERT_TRUE(waitFor([&] {
        return decided == HazardStatus::Verified && ctrl.status() == HazardStatus::Verified;
    }));
    EXPECT_FALSE(ctrl.canDecide());
}

TEST_F(ReinspectionControllerTest, RejectNeedsAReasonThenReturnsTheHazardToTheEnterprise)
{
    HazardListModel submitted;
    submitted.setStore(&store);
    submitted.setStatuses({ HazardStatus::Submitted });
    ASSERT_TRUE(waitFor([&] { return submitted.rowCount() == 1; }));
    ReinspectionController ctrl;
    ctrl.setStore(&store);
    ctrl.setHazardId(submitted.get(0).value(u"id"_s).toString());
    ASSERT_TRUE(waitFor([&] { return ctrl.canDecide(); }));
    const auto before = outboxSize();
    const auto rejects = outboxCount(u"rectification.reject"_s);
    ctrl.reject(u"  "_s);
    EXPECT_EQ(ctrl.errorCode(), u"reason_required"_s);
    EXPECT_TRUE(ctrl.errorMessage().contains(u"原因"_s));
    EXPECT_EQ(outboxSize(), before);
    ctrl.reject(u"压力表未经校验"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.status() == HazardStatus::Rejected; }));
    EXPECT_EQ(outboxCount(u"rectification.reject"_s), rejects + 1);
    ctrl.verify({});
    ASSERT_TRUE(waitFor([&] { return ctrl.errorCode() == u"illegal_transition"_s; }));
    EXPECT_EQ(ctrl.status(), HazardStatus::Rejected);
}

TEST_F(ReinspectionControllerTest, ASubmissionWithoutPhotosIsClosedOnlyWithTheInspectorsAccount)
{
    HazardListModel submitted;
    submitted.setStore(&store);
    submitted.setStatuses({ HazardStatus::Submitted });
    ASSERT_TRUE(waitFor([&] { return submitted.rowCount() == 1; }));
    const QString hazardId = submitted.get(0).value(u"id"_s).toString();
    const QString enterpriseId = submitted.get(0).value(u"enterpriseId"_s).toString();
    ReinspectionController ctrl;
    ctrl.setStore(&store);
    ctrl.setHazardId(hazardId);
    ASSERT_TRUE(waitFor([&] { return ctrl.canDecide(); }));
    ctrl.reject(u"压力表未经校验"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.status() == HazardStatus::Rejected; }));
    // A day later the enterprise submits again, with a note and no photo.
    now = now.addDays(1);
    core::Actor enterprise { u"ent-user"_s, core::Role::Enterprise, enterpriseId, {},
        u"ent-dev"_s };
    auto resubmitted = store.call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
        return st.perform(enterprise, u"rectification.submit"_s, core::uuidv7(now),
            QJsonObject { { u"hazard_id"_s, hazardId }, { u"note"_s, u"已送检，证书随后补交"_s },
                { u"attachments"_s, QJsonArray {} } });
    });
    ASSERT_TRUE(resubmitted.ok()) << resubmitted.error().message.toStdString();
    ASSERT_NE(resubmitted->status, core::OutcomeStatus::Rejected)
        << (resubmitted->error ? resubmitted->error->message.toStdString() : std::string());
    store.notifyChanged();
    ASSERT_TRUE(waitFor([&] { return ctrl.canDecide() && ctrl.afterPhotos().isEmpty(); }))
        << ctrl.status() << ", " << ctrl.afterPhotos().size() << " photos";
    EXPECT_EQ(ctrl.submissionNote(), u"已送检，证书随后补交"_s);

    const auto before = outboxSize();
    const auto verifies = outboxCount(u"rectification.verify"_s);
    ctrl.verify(u"  "_s);
    EXPECT_EQ(ctrl.errorCode(), u"evidence_note_required"_s);
    EXPECT_TRUE(ctrl.errorMessage().contains(u"复查"_s));
    EXPECT_EQ(outboxSize(), before) << "nothing is queued";
    EXPECT_EQ(ctrl.status(), HazardStatus::Submitted);
    ctrl.verify(u"现场核对校验证书原件，压力表已更换"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.status() == HazardStatus::Verified; }));
    EXPECT_EQ(outboxCount(u"rectification.verify"_s), verifies + 1);
}

TEST_F(ReinspectionControllerTest, TheInspectorsRecheckPhotosAreEvidenceAndTravelWithTheDecision)
{
    HazardListModel submitted;
    submitted.setStore(&store);
    submitted.setStatuses({ HazardStatus::Submitted });
    ASSERT_TRUE(waitFor([&] { return submitted.rowCount() == 1; }));
    const QString hazardId = submitted.get(0).value(u"id"_s).toString();
    const QString enterpriseId = submitted.get(0).value(u"enterpriseId"_s).toString();
    ReinspectionController ctrl;
    ctrl.setStore(&store);
    ctrl.setHazardId(hazardId);
    ASSERT_TRUE(waitFor([&] { return ctrl.canDecide(); }));
    ctrl.reject(u"压力表未经校验"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.status() == HazardStatus::Rejected; }));
    now = now.addDays(1);
    core::Actor enterprise { u"ent-user"_s, core::Role::Enterprise, enterpriseId, {},
        u"ent-dev"_s };
    ASSERT_TRUE(
        store
            .call<core::Result<core::MutationOutcome>>([&](core::LocalStore& st) {
                return st.perform(enterprise, u"rectification.submit"_s, core::uuidv7(now),
                    QJsonObject { { u"hazard_id"_s, hazardId }, { u"note"_s, u"已更换压力表"_s },
                        { u"attachments"_s, QJsonArray {} } });
            })
            .ok());
    store.notifyChanged();
    ASSERT_TRUE(waitFor([&] { return ctrl.canDecide() && ctrl.afterPhotos().isEmpty(); }));

    // An unreadable file is refused by its name and adds nothing.
    EXPECT_FALSE(ctrl.addPhotoFile(QUrl::fromLocalFile(dir.filePath(u"missing.jpg"_s)), {}));
    EXPECT_EQ(ctrl.errorCode(), u"photo_unreadable"_s);
    EXPECT_TRUE(ctrl.errorMessage().contains(u"missing.jpg"_s));
    EXPECT_TRUE(ctrl.draftPhotos().isEmpty());

    // The inspector's own re-check photo is evidence enough to close without a note.
    PositionFix site;
    site.latitude = 43.88;
    site.longitude = 125.35;
    site.accuracyM = 6.0;
    site.source = u"gps"_s;
    ASSERT_TRUE(
        ctrl.addPhotoFile(QUrl::fromLocalFile(writePng(u"recheck.png"_s, Qt::darkGreen)), site));
    ASSERT_EQ(ctrl.draftPhotos().size(), 1);
    const auto verifies = outboxCount(u"rectification.verify"_s);
    ctrl.verify({});
    ASSERT_TRUE(waitFor([&] { return ctrl.status() == HazardStatus::Verified; }))
        << ctrl.errorCode().toStdString();
    EXPECT_EQ(outboxCount(u"rectification.verify"_s), verifies + 1);
    EXPECT_TRUE(ctrl.draftPhotos().isEmpty());

    // The verify event carries the photo; the history shows it under the decision.
    std::optional<HazardEventRow> verifyRow;
    ASSERT_TRUE(waitFor([&] {
        for (const auto& row : ctrl.events()->rows())
            if (row.kind == HazardEventKind::Verify)
                verifyRow = row;
        return verifyRow.has_value();
    }));
    EXPECT_EQ(verifyRow->photos.size(), 1);
}

} // namespace

namespace {

TEST_F(ReinspectionControllerTest, VerifyProducesANumberedReinspectionOpinionShownOnTheHazard)
{
    ReinspectionController ctrl;
    ASSERT_TRUE(openSubmitted(ctrl));
    const QString description = ctrl.hazard().value(u"description"_s).toString();
    QString number, pdf;
    QObject::connect(&ctrl, &ReinspectionController::opinionReady, &ctrl,
        [&](const QString& n, const QString& p) {
            number = n;
            pdf = p;
        });
    ctrl.verify(u"现场核对压力表已更换"_s);
    ASSERT_TRUE(waitFor([&] { return !pdf.isEmpty() || !ctrl.errorCode().isEmpty(); }, 60000));
    ASSERT_FALSE(pdf.isEmpty()) << ctrl.errorMessage().toStdString();
    EXPECT_EQ(number, u"(青)应急复查〔2026〕1号"_s);
    EXPECT_TRUE(QFileInfo::exists(pdf));
    // The hazard's own view shows it (read back from the store), also on its timeline.
    ASSERT_TRUE(waitFor([&] { return ctrl.opinionPdf() == pdf; }));
    EXPECT_EQ(ctrl.opinionNumber(), number);
    EXPECT_EQ(ctrl.events()->rows().last().kind, HazardEventKind::Verify);
    EXPECT_EQ(ctrl.events()->rows().last().documentNumber, number);

    const QString text = safeloop::test::pdfText(pdf);
    for (const QString& expected :
        { u"整改复查意见书"_s, u"(青)应急复查〔2026〕1号"_s, u"青禾北辰精密铸造厂"_s,
            safeloop::test::strippedText(description).left(10), u"已加装压力表"_s,
            u"现场核对压力表已更换"_s, u"复查合格,予以销号"_s, u"王明"_s, u"2026年11月25日"_s })
        EXPECT_TRUE(text.contains(safeloop::test::strippedText(expected)))
            << expected.toStdString() << " in " << text.toStdString();
    EXPECT_FALSE(text.contains(u"退回"_s));

    // The opinion is queued for the enterprise (document.issue) with its PDF as a blob.
    const auto issued = store.call<QList<QJsonObject>>([](core::LocalStore& st) {
        QList<QJsonObject> out;
        if (auto rows = st.outbox())
            for (const auto& row : *rows)
                if (row.name == u"document.issue"_s)
                    out.append(row.args);
        return out;
    });
    ASSERT_EQ(issued.size(), 1);
    EXPECT_EQ(issued.first().value(u"kind"_s).toString(), u"reinspection_opinion"_s);
    EXPECT_EQ(issued.first().value(u"number"_s).toString(), number);
    EXPECT_EQ(issued.first().value(u"serial"_s).toInt(), 1);
    EXPECT_EQ(issued.first().value(u"hazard_ids"_s).toArray(), QJsonArray { ctrl.hazardId() });
    QFile file(pdf);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonValue attachment = issued.first().value(u"attachments"_s).toArray().first();
    const QString sha = attachment.isObject() ? attachment.toObject().value(u"id"_s).toString()
                                              : attachment.toString();
    EXPECT_EQ(sha, core::BlobStore::sha256Hex(file.readAll()));

    // A second decision takes the next number.
    ReinspectionController again;
    again.setStore(&store);
    again.setHazardId(ctrl.hazardId());
    ASSERT_TRUE(waitFor([&] { return again.opinionNumber() == number; }));
}

TEST_F(ReinspectionControllerTest, RejectionsOpinionGivesTheReasonAndTheNewDeadline)
{
    ReinspectionController ctrl;
    ASSERT_TRUE(openSubmitted(ctrl));
    QString pdf;
    QObject::connect(&ctrl, &ReinspectionController::opinionReady, &ctrl,
        [&](const QString&, const QString& p) { pdf = p; });
    ctrl.reject(u"压力表未经校验"_s, u"2026-12-20"_s);
    ASSERT_TRUE(waitFor([&] { return !pdf.isEmpty() || !ctrl.errorCode().isEmpty(); }, 60000));
    ASSERT_FALSE(pdf.isEmpty()) << ctrl.errorMessage().toStdString();
    ASSERT_TRUE(waitFor([&] { return ctrl.status() == HazardStatus::Rejected; }));
    EXPECT_EQ(ctrl.hazard().value(u"deadline"_s).toString(), u"2026-12-20"_s);
    const QString text = safeloop::test::pdfText(pdf);
    for (const QString& expected : { u"复查不合格,退回整改"_s, u"退回原因:压力表未经校验"_s,
             u"请你单位于2026年12月20日前整改完毕"_s })
        EXPECT_TRUE(text.contains(expected))
            << expected.toStdString() << " in " << text.toStdString();
    EXPECT_FALSE(text.contains(u"予以销号"_s));
}

TEST_F(ReinspectionControllerTest, ANewDeadlineThatIsNoLaterDayIsRefusedAndChangesNothing)
{
    ReinspectionController ctrl;
    ASSERT_TRUE(openSubmitted(ctrl));
    const auto before = outboxSize();
    ctrl.reject(u"压力表未经校验"_s, u"2026-11-25"_s); // today
    EXPECT_EQ(ctrl.errorCode(), u"invalid_deadline"_s);
    ctrl.reject(u"压力表未经校验"_s, u"下周"_s);
    EXPECT_EQ(ctrl.errorCode(), u"invalid_deadline"_s);
    EXPECT_EQ(outboxSize(), before);
    EXPECT_TRUE(ctrl.canDecide());
}

TEST_F(ReinspectionControllerTest, WithoutAnOpinionNumberLeftTheDecisionIsRefusedAndChangesNothing)
{
    ASSERT_TRUE(store
                    .call<core::Result<void>>([](core::LocalStore& s) {
                        return DeviceStore::discardNumberBlocks(s, u"reinspection_opinion"_s);
                    })
                    .ok());
    ReinspectionController ctrl;
    ASSERT_TRUE(openSubmitted(ctrl));
    const auto before = outboxSize();
    ctrl.reject(u"压力表未经校验"_s, u"2026-12-20"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.errorCode() == u"no_document_numbers"_s; }));
    EXPECT_EQ(outboxSize(), before) << "neither the new deadline nor the rejection is stored";
    EXPECT_EQ(ctrl.status(), HazardStatus::Submitted);
    EXPECT_NE(ctrl.hazard().value(u"deadline"_s).toString(), u"2026-12-20"_s);
}

/// An enterprise's self-check as the inspector's device pulls it: finished, with one finding
/// the enterprise has submitted (`source` self_check).
class SelfCheckOnTheInspectorsDevice : public WithHistory {
protected:
    void SetUp() override
    {
        WithHistory::SetUp();
        const QString enterprise = DemoSeed::enterpriseIds().at(1);
        const QList<core::StoredRecord> records {
            { u"inspection"_s, u"sc-1"_s,
                { { u"id"_s, u"sc-1"_s }, { u"enterprise_id"_s, enterprise },
                    { u"kind"_s, u"self_check"_s }, { u"mode"_s, u"guidance"_s },
                    { u"inspector_ids"_s, QJsonArray {} },
                    { u"template_refs"_s, QJsonArray { u"AP-STAMP@1"_s } },
                    { u"started_at"_s, u"2026-11-20T01:00:00.000Z"_s },
                    { u"finished_at"_s, u"2026-11-20T02:00:00.000Z"_s },
                    { u"status"_s, u"finished"_s } },
                {}, false },
            { u"hazard"_s, u"sh-1"_s,
                { { u"id"_s, u"sh-1"_s }, { u"enterprise_id"_s, enterprise },
                    { u"inspection_id"_s, u"sc-1"_s }, { u"source"_s, u"self_check"_s },
                    { u"description"_s, u"急停按钮失效"_s }, { u"level"_s, u"general"_s },
                    { u"deadline"_s, u"2026-12-05"_s }, { u"status"_s, u"submitted"_s } },
                {}, false },
        };
        for (const auto& r : records) {
            auto stored = store.call<core::Result<void>>(
                [&r](core::LocalStore& st) { return st.storeRecord(r); });
            ASSERT_TRUE(stored.ok()) << stored.error().message.toStdString();
        }
    }
};

TEST_F(SelfCheckOnTheInspectorsDevice, TheEnterprisePageListsSelfChecksApartFromInspections)
{
    EnterpriseController ctrl;
    ctrl.setStore(&store);
    ctrl.setEnterpriseId(DemoSeed::enterpriseIds().at(1));
    ASSERT_TRUE(waitFor([&] { return ctrl.selfChecks().size() == 1; }));
    const QVariantMap row = ctrl.selfChecks().first().toMap();
    EXPECT_EQ(row.value(u"id"_s).toString(), u"sc-1"_s);
    EXPECT_EQ(row.value(u"status"_s).toInt(), InspectionStatus::Finished);
    EXPECT_EQ(row.value(u"hazardCount"_s).toInt(), 1);
    EXPECT_EQ(row.value(u"openHazards"_s).toInt(), 1);
    // The inspectors' history stays as it was: one seeded inspection, no self-check.
    ASSERT_EQ(ctrl.history().size(), 1);
    EXPECT_NE(ctrl.history().first().toMap().value(u"id"_s).toString(), u"sc-1"_s);
    EXPECT_EQ(ctrl.drafts().size(), 1);
}

TEST_F(SelfCheckOnTheInspectorsDevice, TheInspectorCannotEditOrReinspectASelfCheckFinding)
{
    ReinspectionController ctrl;
    ctrl.setStore(&store);
    ctrl.setHazardId(u"sh-1"_s);
    ASSERT_TRUE(waitFor([&] { return !ctrl.hazard().isEmpty(); }));
    EXPECT_TRUE(ctrl.selfCheck());
    EXPECT_EQ(ctrl.status(), HazardStatus::Submitted);
    EXPECT_FALSE(ctrl.canReinspect());
    EXPECT_FALSE(ctrl.canEdit());
    // An inspector's submitted hazard on the same device is still theirs to re-inspect.
    HazardListModel submitted;
    submitted.setStore(&store);
    submitted.setStatuses({ HazardStatus::Submitted });
    ASSERT_TRUE(waitFor([&] { return submitted.rowCount() == 2; }));
    ReinspectionController other;
    other.setStore(&store);
    for (int i = 0; i < 2; ++i)
        if (submitted.get(i).value(u"id"_s).toString() != u"sh-1"_s)
            other.setHazardId(submitted.get(i).value(u"id"_s).toString());
    ASSERT_TRUE(waitFor([&] { return !other.hazard().isEmpty(); }));
    EXPECT_FALSE(other.selfCheck());
    EXPECT_TRUE(other.canReinspect());
    // A crafted verify of the self-check finding is refused on the device and changes nothing.
    ctrl.verify(u"复查合格"_s);
    ASSERT_TRUE(waitFor([&] { return !ctrl.errorCode().isEmpty(); }));
    EXPECT_EQ(ctrl.errorCode(), u"self_check_hazard"_s);
    EXPECT_EQ(ctrl.status(), HazardStatus::Submitted);
}

} // namespace
