#include "app/inspectioncontroller.h"
#include "app/inspectiondocuments.h"
#include "app/pdfimageprovider.h"
#include "core/rules.h"
#include "tests/support/pdftext.h"
#include "workflowtestsupport.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

namespace {

class InspectionControllerTest : public safeloop::app::testing::WorkflowFixture {
protected:
    void SetUp() override
    {
        WorkflowFixture::SetUp();
        ctrl.setStore(&store);
        tester = std::make_unique<QAbstractItemModelTester>(
            ctrl.checklist(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    /// Starts an inspection of 恒泰 (stamping) with the ST template; returns false on refusal.
    bool startInspection(const QString& mode, const QStringList& inspectors)
    {
        ctrl.loadOptions(hengtai());
        if (!waitFor([&] { return !ctrl.templateOptions().isEmpty(); }))
            return false;
        bool done = false;
        QObject guard; // the connections end with this scope
        QObject::connect(&ctrl, &InspectionController::started, &guard, [&] { done = true; });
        QObject::connect(&ctrl, &InspectionController::failed, &guard, [&] { done = true; });
        ctrl.start(hengtai(), u"plan"_s, mode, inspectors, { stampingRef() });
        waitFor([&] { return done; });
        return !ctrl.inspectionId().isEmpty();
    }

    QString stampingRef() const
    {
        for (const auto& v : ctrl.templateOptions())
            if (v.toMap().value(u"ref"_s).toString().startsWith(u"ST@"_s))
                return v.toMap().value(u"ref"_s).toString();
        return {};
    }

    static QString hengtai() { return DemoSeed::enterpriseIds().first(); }

    void answerAll(const QString& firstResult)
    {
        for (int i = 0; i < ctrl.checklist()->rowCount(); ++i)
            ctrl.answer(ctrl.checklist()->get(i).value(u"code"_s).toString(),
                i == 0 ? firstResult : u"pass"_s);
        ASSERT_TRUE(waitFor([&] { return ctrl.answeredCount() == ctrl.totalCount(); }));
    }

    /// A drawn inspector's signature for finish().
    QVariantMap inspectorSignature(const QString& name, const QString& id)
    {
        return { { u"signer"_s, name }, { u"role"_s, u"inspector"_s }, { u"inspectorId"_s, id },
            { u"path"_s, writePng(u"sig-"_s + id + u".png"_s, Qt::blue) } };
    }

    bool waitError(const QString& code)
    {
        return waitFor([&] { return ctrl.errorCode() == code; }, 10000);
    }

    InspectionController ctrl;
    std::unique_ptr<QAbstractItemModelTester> tester;
};

TEST_F(InspectionControllerTest, SuggestsTemplatesByIndustryAndListsBadgedInspectors)
{
    ctrl.loadOptions(hengtai());
    ASSERT_TRUE(waitFor([&] { return !ctrl.templateOptions().isEmpty(); }));
    QStringList suggested;
    for (const auto& v : ctrl.templateOptions())
        if (v.toMap().value(u"suggested"_s).toBool())
            suggested.append(v.toMap().value(u"ref"_s).toString().section(u'@', 0, 0));
    EXPECT_TRUE(suggested.contains(u"ST"_s)); // C3670 stamping
    EXPECT_TRUE(suggested.contains(u"GM"_s)); // general for every enterprise
    EXPECT_FALSE(suggested.contains(u"FD"_s)); // foundry is not this industry
    EXPECT_EQ(ctrl.enterprise().value(u"name"_s).toString(), u"青禾恒泰汽车零部件有限公司"_s);
    EXPECT_EQ(ctrl.inspectorOptions().size(), 4); // 王明, 李强, 赵新, 孙丽
}

TEST_F(InspectionControllerTest, WholeInspectionProducesRecordAndOrderWithFindingBasisAndDeadline)
{
    ASSERT_TRUE(startInspection(u"enforcement"_s, { u"insp-wang"_s, u"insp-li"_s }))
        << ctrl.errorMessage().toStdString();
    EXPECT_EQ(ctrl.status(), InspectionStatus::InProgress);
    ASSERT_GT(ctrl.totalCount(), 3);
    const QVariantMap first = ctrl.checklist()->get(0);
    const QString code = first.value(u"code"_s).toString();
    EXPECT_FALSE(first.value(u"basis"_s).toString().isEmpty());
    answerAll(u"fail"_s);
    EXPECT_EQ(ctrl.progress().first().toMap().value(u"fail"_s).toInt(), 1);

    ctrl.addPhoto(code, QUrl::fromLocalFile(writePng(u"evidence.png"_s, Qt::darkRed)));
    ASSERT_TRUE(waitFor(
        [&] { return ctrl.checklist()->get(0).value(u"photoIds"_s).toStringList().size() == 1; }));

    QVariantMap hazard = ctrl.proposeHazard(code);
    // The proposed basis is the item's legal basis, without its notes for the inspector.
    const QString legalBasis
        = safeloop::core::rules::legalBasis(first.value(u"basis"_s).toString());
    EXPECT_EQ(hazard.value(u"basis"_s).toString(), legalBasis);
    EXPECT_EQ(hazard.value(u"level"_s).toString(),
        first.value(u"major"_s).toBool() ? u"major"_s : u"general"_s);
    EXPECT_EQ(hazard.value(u"photoIds"_s).toStringList().size(), 1);
    const QDate deadline = QDate::fromString(hazard.value(u"deadline"_s).toString(), Qt::ISODate);
    EXPECT_EQ(deadline, QDate(2026, 11, 25).addDays(first.value(u"major"_s).toBool() ? 60 : 15));
    hazard.insert(u"place"_s, u"冲压二车间"_s);
    hazard.insert(u"location"_s,
        QVariantMap { { u"lat"_s, 43.889 }, { u"lon"_s, 125.255 }, { u"accuracyM"_s, qQNaN() },
            { u"fixTime"_s, now }, { u"source"_s, u"nmea"_s }, { u"lowAccuracy"_s, false },
            { u"farFromEnterprise"_s, false } });
    QString hazardId;
    QObject::connect(&ctrl, &InspectionController::hazardCreated, &ctrl,
        [&](const QString& id) { hazardId = id; });
    ctrl.createHazard(hazard);
    ASSERT_TRUE(waitFor([&] { return !hazardId.isEmpty(); })) << ctrl.errorMessage().toStdString();
    EXPECT_EQ(ctrl.checklist()->get(0).value(u"hazardId"_s).toString(), hazardId);
    const auto stored = store.call<QJsonObject>([&](core::LocalStore& st) {
        auto r = st.record(u"hazard"_s, hazardId);
        return r && r->has_value() ? (*r)->fields : QJsonObject {};
    });
    const QJsonObject location = stored.value(u"location"_s).toObject();
    EXPECT_EQ(location.value(u"source"_s).toString(), u"nmea"_s);
    EXPECT_TRUE(location.value(u"accuracy_m"_s).isNull()) << "unknown accuracy travels as null";
    EXPECT_FALSE(location.contains(u"flags"_s));

    bool finished = false;
    QObject::connect(&ctrl, &InspectionController::finished, &ctrl, [&] { finished = true; });
    ctrl.finish(
        QVariantList { QVariantMap { { u"signer"_s, u"孙建国"_s }, { u"role"_s, u"企业负责人"_s },
                           { u"path"_s, writePng(u"sig-ent.png"_s, Qt::black) } },
            inspectorSignature(u"王明"_s, u"insp-wang"_s),
            inspectorSignature(u"李强"_s, u"insp-li"_s) },
        {});
    ASSERT_TRUE(waitFor([&] { return finished || !ctrl.errorCode().isEmpty(); }, 60000));
    ASSERT_TRUE(finished) << ctrl.errorMessage().toStdString();
    EXPECT_EQ(ctrl.status(), InspectionStatus::Finished);
    EXPECT_EQ(ctrl.recordNumber(), u"(青)应急检记〔2026〕1号"_s);
    EXPECT_EQ(ctrl.orderNumber(), u"(青)应急责改〔2026〕1号"_s);
    ASSERT_TRUE(QFileInfo::exists(ctrl.recordPdf()));
    ASSERT_TRUE(QFileInfo::exists(ctrl.orderPdf()));
    // Shown inside the app by Qt PDF: readable there, and no picture made by another program.
    for (const QString& pdf : { ctrl.recordPdf(), ctrl.orderPdf() }) {
        const auto info = readPdf(pdf);
        ASSERT_TRUE(info) << info.error().message.toStdString();
        EXPECT_GE(info->pageCount, 1);
        EXPECT_FALSE(QFileInfo::exists(pdf.chopped(4) + u".png"_s));
    }

    const QString record = safeloop::test::pdfText(ctrl.recordPdf());
    EXPECT_TRUE(record.contains(u"青禾恒泰汽车零部件有限公司"_s)) << record.toStdString();
    // The record states the finding (the violation), not the checklist's requirement.
    const QString finding = hazard.value(u"description"_s).toString();
    EXPECT_TRUE(finding.startsWith(u"未"_s) || finding.contains(u"未"_s)) << finding.toStdString();
    EXPECT_TRUE(record.contains(safeloop::test::strippedText(finding).left(12)))
        << record.toStdString();
    EXPECT_TRUE(record.contains(safeloop::test::strippedText(legalBasis)));
    EXPECT_TRUE(record.contains(u"22010031"_s)); // 李强's badge
    const QString order = safeloop::test::pdfText(ctrl.orderPdf());
    EXPECT_TRUE(order.contains(u"青禾恒泰汽车零部件有限公司"_s));
    EXPECT_TRUE(order.contains(safeloop::test::strippedText(legalBasis))) << order.toStdString();
    EXPECT_TRUE(order.contains(u"冲压二车间"_s));
    EXPECT_TRUE(order.contains(deadline.toString(u"yyyy年M月d日"_s))) << order.toStdString();
    EXPECT_TRUE(order.contains(u"(青)应急责改〔2026〕1号"_s));
    // Both inspectors, with their badges, on the order and as its signers.
    for (const QString& expected : { u"王明(执法证号:22010012)"_s, u"李强(执法证号:22010031)"_s,
             u"检查人员:李强(执法证号:22010031)签字"_s })
        EXPECT_TRUE(order.contains(expected)) << expected.toStdString();
}

TEST_F(InspectionControllerTest, EnforcementIsFinishedOnlyWithBothInspectorsSignatures)
{
    ASSERT_TRUE(startInspection(u"enforcement"_s, { u"insp-wang"_s, u"insp-li"_s }));
    // The team as the second signer picks from it: names and badges from the synced users.
    ASSERT_EQ(ctrl.team().size(), 2);
    EXPECT_EQ(ctrl.team().at(1).toMap().value(u"name"_s).toString(), u"李强"_s);
    EXPECT_EQ(ctrl.team().at(1).toMap().value(u"badge"_s).toString(), u"22010031"_s);
    answerAll(u"pass"_s);
    const auto before = outboxSize();
    const QVariantMap enterprise { { u"signer"_s, u"孙建国"_s }, { u"role"_s, u"enterprise"_s },
        { u"path"_s, writePng(u"sig-ent.png"_s, Qt::black) } };
    ctrl.finish({ enterprise, inspectorSignature(u"王明"_s, u"insp-wang"_s) }, {});
    ASSERT_TRUE(waitError(u"inspector_signatures_required"_s));
    EXPECT_TRUE(ctrl.errorMessage().contains(u"两名检查人员"_s))
        << ctrl.errorMessage().toStdString();
    // The same inspector twice is still one inspector.
    ctrl.clearError();
    ctrl.finish({ enterprise, inspectorSignature(u"王明"_s, u"insp-wang"_s),
                    inspectorSignature(u"王明"_s, u"insp-wang"_s) },
        {});
    ASSERT_TRUE(waitError(u"inspector_signatures_required"_s));
    // Someone outside the inspection's team cannot sign for it.
    ctrl.clearError();
    ctrl.finish({ enterprise, inspectorSignature(u"王明"_s, u"insp-wang"_s),
                    inspectorSignature(u"赵新"_s, u"insp-zhao"_s) },
        {});
    ASSERT_TRUE(waitError(u"signer_not_in_team"_s));
    EXPECT_EQ(outboxSize(), before);
    EXPECT_EQ(ctrl.status(), InspectionStatus::InProgress);

    bool finished = false;
    QObject::connect(&ctrl, &InspectionController::finished, &ctrl, [&] { finished = true; });
    ctrl.finish({ enterprise, inspectorSignature(u"王明"_s, u"insp-wang"_s),
                    inspectorSignature(u"李强"_s, u"insp-li"_s) },
        {});
    ASSERT_TRUE(waitFor([&] { return finished || !ctrl.errorCode().isEmpty(); }, 60000));
    ASSERT_TRUE(finished) << ctrl.errorMessage().toStdString();
    const QString record = safeloop::test::pdfText(ctrl.recordPdf());
    for (const QString& expected : { u"王明(执法证号:22010012)"_s, u"李强(执法证号:22010031)"_s,
             u"检查人员:王明(执法证号:22010012)签字"_s, u"检查人员:李强(执法证号:22010031)签字"_s })
        EXPECT_TRUE(record.contains(expected))
            << expected.toStdString() << " in " << record.toStdString();
}

TEST_F(InspectionControllerTest, EnforcementWithOneInspectorIsRefusedInPlainWordsAndChangesNothing)
{
    const auto before = outboxSize();
    EXPECT_FALSE(startInspection(u"enforcement"_s, { u"insp-wang"_s }));
    EXPECT_EQ(ctrl.errorCode(), u"too_few_inspectors"_s);
    EXPECT_TRUE(ctrl.errorMessage().contains(u"至少两名检查人员"_s));
    EXPECT_EQ(outboxSize(), before);
}

TEST_F(InspectionControllerTest, EnforcementWithAnUnbadgedInspectorIsRefused)
{
    const auto before = outboxSize();
    EXPECT_FALSE(startInspection(u"enforcement"_s, { u"insp-wang"_s, u"insp-zhao"_s }));
    EXPECT_EQ(ctrl.errorCode(), u"missing_badge"_s);
    EXPECT_TRUE(ctrl.errorMessage().contains(u"执法证号"_s));
    EXPECT_EQ(outboxSize(), before);
}

TEST_F(InspectionControllerTest, FinishingWithUnansweredItemsIsRefusedAndChangesNothing)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    ctrl.answer(ctrl.checklist()->get(0).value(u"code"_s).toString(), u"pass"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.answeredCount() == 1; }));
    const auto before = outboxSize();
    ctrl.finish({}, u"企业负责人拒绝签字"_s);
    ASSERT_TRUE(waitError(u"items_unanswered"_s));
    EXPECT_TRUE(ctrl.errorMessage().contains(u"未作答"_s));
    EXPECT_EQ(outboxSize(), before);
    EXPECT_EQ(ctrl.status(), InspectionStatus::InProgress);
}

TEST_F(InspectionControllerTest, FinishingWithoutSignatureOrRefusalIsRefusedAndChangesNothing)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    answerAll(u"pass"_s);
    const auto before = outboxSize();
    ctrl.finish({}, u"   "_s);
    ASSERT_TRUE(waitError(u"signature_required"_s));
    EXPECT_TRUE(ctrl.errorMessage().contains(u"签名"_s));
    EXPECT_EQ(outboxSize(), before);
    EXPECT_EQ(ctrl.status(), InspectionStatus::InProgress);
    EXPECT_TRUE(ctrl.recordPdf().isEmpty());
}

TEST_F(InspectionControllerTest, RefusalNoteFinishesWithOnlyTheRecordWhenNothingFailed)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    answerAll(u"na"_s);
    bool finished = false;
    QObject::connect(&ctrl, &InspectionController::finished, &ctrl, [&] { finished = true; });
    ctrl.finish({}, u"企业负责人拒绝签字，检查人员二人在场见证"_s);
    ASSERT_TRUE(waitFor([&] { return finished || !ctrl.errorCode().isEmpty(); }, 60000));
    ASSERT_TRUE(finished) << ctrl.errorMessage().toStdString();
    EXPECT_TRUE(ctrl.orderPdf().isEmpty());
    const QString record = safeloop::test::pdfText(ctrl.recordPdf());
    EXPECT_TRUE(record.contains(u"拒绝签字"_s)) << record.toStdString();
    EXPECT_TRUE(record.contains(u"未发现事故隐患"_s));
}

TEST_F(InspectionControllerTest, TheRecordNamesTheAuthorityTheDeviceReceivedOrAPlaceholder)
{
    // The demo seed stores the demo district's names as a sync would.
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    answerAll(u"na"_s);
    bool finished = false;
    QObject::connect(&ctrl, &InspectionController::finished, &ctrl, [&] { finished = true; });
    ctrl.finish({}, u"拒绝签字"_s);
    ASSERT_TRUE(waitFor([&] { return finished || !ctrl.errorCode().isEmpty(); }, 60000));
    ASSERT_TRUE(finished) << ctrl.errorMessage().toStdString();
    EXPECT_TRUE(safeloop::test::pdfText(ctrl.recordPdf()).contains(u"青禾区应急管理局"_s));

    // A device that never received them prints a placeholder, not another district's name.
    ASSERT_TRUE(store
                    .call<core::Result<void>>([](core::LocalStore& s) {
                        return s.setDistrictProfile(core::DistrictProfile {});
                    })
                    .ok());
    finished = false;
    const QString firstRecord = ctrl.recordPdf();
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    answerAll(u"na"_s);
    ctrl.finish({}, u"拒绝签字"_s);
    ASSERT_TRUE(waitFor([&] { return finished || !ctrl.errorCode().isEmpty(); }, 60000));
    ASSERT_TRUE(finished) << ctrl.errorMessage().toStdString();
    ASSERT_NE(ctrl.recordPdf(), firstRecord);
    const QString record = safeloop::test::pdfText(ctrl.recordPdf());
    EXPECT_FALSE(record.contains(u"青禾区应急管理局"_s)) << record.toStdString();
    EXPECT_TRUE(record.contains(safeloop::test::strippedText(districtPlaceholder(u"执法机关"_s))))
        << record.toStdString();
}

TEST_F(InspectionControllerTest, DocumentsOfAPageClosedWhileFinishingAreStillRecorded)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    answerAll(u"na"_s);
    const QString id = ctrl.inspectionId();
    auto closing = std::make_unique<InspectionController>();
    closing->setStore(&store);
    bool resumed = false;
    QObject::connect(closing.get(), &InspectionController::started, &ctrl, [&] { resumed = true; });
    closing->resume(id);
    ASSERT_TRUE(waitFor([&] { return resumed; }));
    closing->finish({}, u"拒绝签字"_s);
    closing.reset(); // the page closes while the documents are made
    auto recorded = [&] {
        return store.call<QJsonObject>([&](core::LocalStore& st) {
            auto docs = st.inspectionDocuments(id);
            return docs ? *docs : QJsonObject {};
        });
    };
    ASSERT_TRUE(waitFor([&] { return recorded().contains(u"record_pdf"_s); }, 60000));
    EXPECT_TRUE(QFileInfo::exists(recorded().value(u"record_pdf"_s).toString()));
}

TEST_F(InspectionControllerTest, NoDocumentNumbersLeftRefusesFinishingAndChangesNothing)
{
    // A record number is left, but no rectification-order number.
    ASSERT_TRUE(store.addNumberBlock(2026, 7, 7).ok());
    ASSERT_TRUE(store
                    .call<core::Result<void>>([](core::LocalStore& s) {
                        return DeviceStore::discardNumberBlocks(s, u"rectification_order"_s);
                    })
                    .ok());
    ASSERT_TRUE(startInspection(u"enforcement"_s, { u"insp-wang"_s, u"insp-li"_s }));
    answerAll(u"fail"_s);
    QVariantMap hazard = ctrl.proposeHazard(ctrl.checklist()->get(0).value(u"code"_s).toString());
    bool created = false;
    QObject::connect(&ctrl, &InspectionController::hazardCreated, &ctrl, [&] { created = true; });
    ctrl.createHazard(hazard);
    ASSERT_TRUE(waitFor([&] { return created; }));
    const auto before = outboxSize();
    ctrl.finish({ inspectorSignature(u"王明"_s, u"insp-wang"_s),
                    inspectorSignature(u"李强"_s, u"insp-li"_s) },
        u"拒绝签字"_s);
    ASSERT_TRUE(waitError(u"no_document_numbers"_s));
    EXPECT_EQ(outboxSize(), before);
    EXPECT_EQ(ctrl.status(), InspectionStatus::InProgress);
}

TEST_F(InspectionControllerTest, GuidanceWithAHazardIssuesTheOpinionAndNeedsNoOrderNumber)
{
    // No rectification-order number is left: guidance issues no order, so it finishes.
    ASSERT_TRUE(store
                    .call<core::Result<void>>([](core::LocalStore& s) {
                        return DeviceStore::discardNumberBlocks(s, u"rectification_order"_s);
                    })
                    .ok());
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    answerAll(u"fail"_s);
    QVariantMap hazard = ctrl.proposeHazard(ctrl.checklist()->get(0).value(u"code"_s).toString());
    hazard.insert(u"place"_s, u"冲压二车间"_s);
    bool created = false;
    QObject::connect(&ctrl, &InspectionController::hazardCreated, &ctrl, [&] { created = true; });
    ctrl.createHazard(hazard);
    ASSERT_TRUE(waitFor([&] { return created; }));
    bool finished = false;
    QObject::connect(&ctrl, &InspectionController::finished, &ctrl, [&] { finished = true; });
    ctrl.finish({}, u"企业负责人拒绝签字"_s);
    ASSERT_TRUE(waitFor([&] { return finished || !ctrl.errorCode().isEmpty(); }, 60000));
    ASSERT_TRUE(finished) << ctrl.errorMessage().toStdString();
    EXPECT_TRUE(ctrl.orderPdf().isEmpty());
    EXPECT_TRUE(ctrl.orderNumber().isEmpty());
    ASSERT_TRUE(QFileInfo::exists(ctrl.guidancePdf()));
    const QString text = safeloop::test::pdfText(ctrl.guidancePdf());
    EXPECT_TRUE(text.contains(u"安全检查指导意见"_s)) << text.toStdString();
    EXPECT_TRUE(text.contains(u"青禾恒泰汽车零部件有限公司"_s));
    EXPECT_TRUE(text.contains(u"冲压二车间"_s));
    EXPECT_TRUE(text.contains(ctrl.recordNumber())) << "the opinion refers to the record";
    EXPECT_FALSE(text.contains(u"行政复议"_s));
    EXPECT_FALSE(text.contains(u"行政诉讼"_s));
    EXPECT_FALSE(text.contains(u"责令"_s));
    const QString record = safeloop::test::pdfText(ctrl.recordPdf());
    EXPECT_TRUE(record.contains(u"已出具安全检查指导意见"_s)) << record.toStdString();
}

TEST_F(InspectionControllerTest, LeavingKeepsADraftThatResumesWithAnswersNotesAndHazards)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    const QString code = ctrl.checklist()->get(1).value(u"code"_s).toString();
    ctrl.answer(code, u"fail"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.answeredCount() == 1; }));
    ctrl.setNote(code, u"护栏缺失"_s);
    ASSERT_TRUE(waitFor([&] { return outboxSize() >= 3; }));
    const QString id = ctrl.inspectionId();

    InspectionController again;
    again.setStore(&store);
    bool started = false;
    QObject::connect(&again, &InspectionController::started, &again, [&] { started = true; });
    again.resume(id);
    ASSERT_TRUE(waitFor([&] { return started; }));
    EXPECT_EQ(again.status(), InspectionStatus::InProgress);
    EXPECT_EQ(again.answeredCount(), 1);
    EXPECT_EQ(again.checklist()->get(1).value(u"result"_s).toString(), u"fail"_s);
    EXPECT_EQ(again.checklist()->get(1).value(u"note"_s).toString(), u"护栏缺失"_s);
    EXPECT_EQ(again.totalCount(), ctrl.totalCount());
}

TEST_F(InspectionControllerTest, HazardWithDeadlineInThePastIsRefused)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    QVariantMap hazard = ctrl.proposeHazard(ctrl.checklist()->get(0).value(u"code"_s).toString());
    hazard.insert(u"deadline"_s, u"2026-11-01"_s);
    const auto before = outboxSize();
    ctrl.createHazard(hazard);
    ASSERT_TRUE(waitError(u"deadline_before_creation"_s));
    EXPECT_EQ(outboxSize(), before);
    EXPECT_EQ(ctrl.hazardCount(), 0);
}

TEST_F(InspectionControllerTest, PositionWarningsTravelAsLocationFlagsWithTheDistance)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    QVariantMap hazard = ctrl.proposeHazard(ctrl.checklist()->get(0).value(u"code"_s).toString());
    hazard.insert(u"place"_s, u"冲压二车间"_s);
    hazard.insert(u"location"_s,
        QVariantMap { { u"lat"_s, 43.95 }, { u"lon"_s, 125.30 }, { u"accuracyM"_s, 72.0 },
            { u"source"_s, u"gps"_s }, { u"lowAccuracy"_s, true }, { u"farFromEnterprise"_s, true },
            { u"distanceM"_s, 812.4 } });
    QString hazardId;
    QObject::connect(&ctrl, &InspectionController::hazardCreated, &ctrl,
        [&](const QString& id) { hazardId = id; });
    ctrl.createHazard(hazard);
    ASSERT_TRUE(waitFor([&] { return !hazardId.isEmpty(); })) << ctrl.errorMessage().toStdString();
    const auto stored = store.call<QJsonObject>([&](core::LocalStore& st) {
        auto r = st.record(u"hazard"_s, hazardId);
        return r && r->has_value() ? (*r)->fields : QJsonObject {};
    });
    const QJsonObject location = stored.value(u"location"_s).toObject();
    EXPECT_EQ(location.value(u"source"_s).toString(), u"gps"_s);
    EXPECT_DOUBLE_EQ(location.value(u"accuracy_m"_s).toDouble(), 72.0);
    EXPECT_EQ(location.value(u"flags"_s).toArray(),
        (QJsonArray { u"accuracy_worse_than_50m"_s, u"far_from_enterprise"_s }));
    EXPECT_DOUBLE_EQ(location.value(u"distance_m"_s).toDouble(), 812.0);
}

} // namespace

namespace {

/// The inspection's first checklist (its template ref) and how many items it has.
std::pair<QString, int> firstSection(const InspectionController& c)
{
    const QVariantMap p = c.progress().first().toMap();
    return { p.value(u"ref"_s).toString(), p.value(u"total"_s).toInt() };
}

} // namespace

TEST_F(InspectionControllerTest, SectionAnswerFillsOnlyUnansweredItemsAndIsStoredAfterTheUndoWindow)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    const auto section = firstSection(ctrl);
    const QString ref = section.first;
    const int total = section.second;
    ASSERT_GT(total, 2);
    const QString failed = ctrl.checklist()->get(1).value(u"code"_s).toString();
    ctrl.answer(failed, u"fail"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.answeredCount() == 1; }));
    const auto before = outboxSize();
    ctrl.setUndoWindowMs(300);

    ctrl.answerSection(ref, u"pass"_s);
    // Shown at once, stored only when the undo window ends.
    EXPECT_EQ(ctrl.answeredCount(), total);
    EXPECT_EQ(ctrl.checklist()->get(0).value(u"result"_s).toString(), u"pass"_s);
    EXPECT_EQ(ctrl.checklist()->get(1).value(u"result"_s).toString(), u"fail"_s);
    EXPECT_EQ(ctrl.pendingSection().value(u"count"_s).toInt(), total - 1);
    EXPECT_EQ(ctrl.pendingSection().value(u"result"_s).toString(), u"pass"_s);
    EXPECT_EQ(outboxSize(), before);
    ASSERT_TRUE(waitFor([&] { return outboxSize() == before + total - 1; }));
    EXPECT_TRUE(ctrl.pendingSection().isEmpty());

    InspectionController again;
    again.setStore(&store);
    bool started = false;
    QObject::connect(&again, &InspectionController::started, &again, [&] { started = true; });
    again.resume(ctrl.inspectionId());
    ASSERT_TRUE(waitFor([&] { return started; }));
    EXPECT_EQ(again.answeredCount(), total);
    EXPECT_EQ(again.checklist()->get(1).value(u"result"_s).toString(), u"fail"_s);
    EXPECT_EQ(again.checklist()->get(2).value(u"result"_s).toString(), u"pass"_s);
}

TEST_F(InspectionControllerTest, UndoingASectionAnswerLeavesItsItemsUnansweredAndStoresNothing)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    const auto section = firstSection(ctrl);
    const QString ref = section.first;
    const int total = section.second;
    ctrl.answer(ctrl.checklist()->get(0).value(u"code"_s).toString(), u"pass"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.answeredCount() == 1; }));
    const auto before = outboxSize();
    ctrl.setUndoWindowMs(200);
    ctrl.answerSection(ref, u"na"_s);
    EXPECT_EQ(ctrl.answeredCount(), total);
    ctrl.undoSectionAnswer();
    EXPECT_EQ(ctrl.answeredCount(), 1);
    EXPECT_TRUE(ctrl.pendingSection().isEmpty());
    EXPECT_EQ(ctrl.checklist()->get(0).value(u"result"_s).toString(), u"pass"_s);
    EXPECT_EQ(ctrl.checklist()->get(1).value(u"result"_s).toString(), QString());
    waitFor([] { return false; }, 500); // past the undo window: nothing arrives late
    EXPECT_EQ(outboxSize(), before);
    EXPECT_EQ(ctrl.answeredCount(), 1);
}

TEST_F(InspectionControllerTest, SectionAnswerRefusesFailUnknownAndFullyAnsweredSections)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    const auto section = firstSection(ctrl);
    const QString ref = section.first;
    ASSERT_GT(section.second, 1);
    ctrl.answerSection(ref, u"fail"_s);
    EXPECT_EQ(ctrl.errorCode(), u"section_result"_s);
    ctrl.answerSection(u"XX@1"_s, u"pass"_s);
    EXPECT_EQ(ctrl.errorCode(), u"not_found"_s);
    EXPECT_EQ(ctrl.answeredCount(), 0);
    EXPECT_TRUE(ctrl.pendingSection().isEmpty());

    ctrl.answerSection(ref, u"pass"_s);
    EXPECT_EQ(ctrl.errorCode(), QString());
    const auto pending = ctrl.answeredCount();
    ctrl.answerSection(ref, u"na"_s);
    EXPECT_EQ(ctrl.errorCode(), u"section_answered"_s);
    EXPECT_EQ(ctrl.answeredCount(), pending);
    EXPECT_EQ(ctrl.checklist()->get(0).value(u"result"_s).toString(), u"pass"_s);
}

TEST_F(InspectionControllerTest, SectionAnswerInItsUndoWindowIsStoredWhenThePageCloses)
{
    auto page = std::make_unique<InspectionController>();
    page->setStore(&store);
    page->loadOptions(hengtai());
    ASSERT_TRUE(waitFor([&] { return !page->templateOptions().isEmpty(); }));
    bool started = false;
    QObject::connect(page.get(), &InspectionController::started, [&] { started = true; });
    QString ref;
    for (const auto& v : page->templateOptions())
        if (v.toMap().value(u"ref"_s).toString().startsWith(u"ST@"_s))
            ref = v.toMap().value(u"ref"_s).toString();
    page->start(hengtai(), u"plan"_s, u"guidance"_s, { u"insp-wang"_s }, { ref });
    ASSERT_TRUE(waitFor([&] { return started; }));
    const int total = page->totalCount();
    const QString id = page->inspectionId();
    const auto before = outboxSize();
    page->answerSection(ref, u"pass"_s);
    page.reset(); // long before the undo window ends
    ASSERT_TRUE(waitFor([&] { return outboxSize() == before + total; }));

    bool resumed = false;
    QObject::connect(&ctrl, &InspectionController::started, &ctrl, [&] { resumed = true; });
    ctrl.resume(id);
    ASSERT_TRUE(waitFor([&] { return resumed; }));
    EXPECT_EQ(ctrl.answeredCount(), total);
}

TEST_F(InspectionControllerTest, AnsweringAnItemOfAPendingSectionTakesItOutOfTheUndo)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    const auto section = firstSection(ctrl);
    const QString ref = section.first;
    const int total = section.second;
    ctrl.setUndoWindowMs(60000);
    ctrl.answerSection(ref, u"pass"_s);
    const QString code = ctrl.checklist()->get(2).value(u"code"_s).toString();
    ctrl.answer(code, u"fail"_s);
    EXPECT_EQ(ctrl.pendingSection().value(u"count"_s).toInt(), total - 1);
    ASSERT_TRUE(waitFor([&] { return ctrl.checklist()->get(2).value(u"result"_s) == u"fail"_s; }));
    ctrl.undoSectionAnswer();
    EXPECT_EQ(ctrl.answeredCount(), 1);
    EXPECT_EQ(ctrl.checklist()->get(2).value(u"result"_s).toString(), u"fail"_s);
}

TEST_F(InspectionControllerTest, NextUnansweredWrapsToTheStartAndIsMinusOneWhenAllAreAnswered)
{
    ASSERT_TRUE(startInspection(u"guidance"_s, { u"insp-wang"_s }));
    const int total = ctrl.totalCount();
    EXPECT_EQ(ctrl.nextUnanswered(-1), 0);
    ctrl.answer(ctrl.checklist()->get(1).value(u"code"_s).toString(), u"pass"_s);
    ASSERT_TRUE(waitFor([&] { return ctrl.answeredCount() == 1; }));
    EXPECT_EQ(ctrl.nextUnanswered(0), 2);
    EXPECT_EQ(ctrl.nextUnanswered(total - 1), 0);
    answerAll(u"pass"_s);
    EXPECT_EQ(ctrl.nextUnanswered(0), -1);
}
