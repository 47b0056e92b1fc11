// The inspector's day end to end: log in through the app's controllers against the real
// safeloop-server, lose the network, run a whole enforcement inspection offline (a failed item
// becomes a hazard located by an NMEA replay, photos, signatures, PDFs with server-issued
// numbers), get the network back, sync, and find everything on the server as a supervisor.
#include "appsynctestsupport.h"
#include "tests/support/pdftext.h"

#include "app/inspectioncontroller.h"
#include "app/positionprovider.h"
#include "core/rules.h"
#include "tests/support/faultproxy.h"

#include <QProcess>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using namespace safeloop::app::testing;

namespace {

class InspectorOfflineE2eTest : public ServerFixture { };

TEST_F(InspectorOfflineE2eTest, OfflineInspectionSyncsRecordsHazardAttachmentsAndNumberedPdfs)
{
    // The device reaches the server through a proxy that can take the network away.
    test::FaultProxy network(server.port());
    ASSERT_TRUE(network.start());
    AppInstance app(appDir.path(), u"http://127.0.0.1:%1"_s.arg(network.port()));
    ASSERT_TRUE(signInInspector(app));

    // Offline from here on: every new connection is refused.
    network.setMode(test::FaultProxy::Mode::CutAfterBytes, 0);
    ASSERT_FALSE(app.syncOnce());
    EXPECT_EQ(app.center.syncState(), SyncState::Offline);

    // Every item answered, the first failed with a note and a photo; the hazard sheet takes its
    // position from the NMEA replay of a walk on the site; signatures, then the documents —
    // still offline, numbered from the stored blocks.
    InspectionController ctrl;
    FinishedInspection done;
    InspectionSteps steps;
    steps.afterAnswers = [&](const QString& failedCode) {
        ctrl.setNote(failedCode, u"冲床光电保护装置被短接"_s);
        ctrl.addPhoto(
            failedCode, QUrl::fromLocalFile(writePng(appDir.path(), u"evidence.png"_s, Qt::red)));
        ASSERT_TRUE(waitUntil([&] {
            return ctrl.checklist()->get(0).value(u"photoIds"_s).toStringList().size() == 1;
        }));
    };
    steps.completeHazard = [&](QVariantMap& hazard) {
        PositionProvider position;
        position.setEnterpriseLocation(43.88, 125.25);
        ASSERT_TRUE(position.useNmeaReplay(
            QStringLiteral(SAFELOOP_SOURCE_DIR "/data/gps/site-walk.nmea"), 5.0));
        position.start();
        ASSERT_TRUE(waitUntil([&] { return position.hasFix(); }, 20000))
            << position.lastError().toStdString();
        hazard.insert(u"location"_s, position.fixMap());
        position.stop();
    };
    finishEnforcementInspection(app, ctrl, appDir.path(), done, steps);
    if (HasFatalFailure())
        return;
    const QString inspectionId = done.inspectionId;
    const QString hazardId = done.hazardId;
    const QVariantMap failedItem = done.failedItem;
    const QString failedCode = failedItem.value(u"code"_s).toString();
    const QVariantMap hazard = done.hazard;
    const QString year
        = QString::number(core::rules::localDate(QDateTime::currentDateTimeUtc()).year());
    EXPECT_EQ(ctrl.recordNumber(), u"(青)应急检记〔%1〕1号"_s.arg(year));
    EXPECT_EQ(ctrl.orderNumber(), u"(青)应急责改〔%1〕1号"_s.arg(year));
    EXPECT_GT(app.store.call<qsizetype>([](core::LocalStore& st) {
        auto rows = st.outbox();
        return rows ? rows->size() : qsizetype(-1);
    }),
        5);

    // The documents say what an inspector hands over.
    const QString record = safeloop::test::pdfText(ctrl.recordPdf());
    const QString order = safeloop::test::pdfText(ctrl.orderPdf());
    for (const QString& text : { record, order }) {
        EXPECT_TRUE(text.contains(u"青松冲压件有限公司"_s)) << text.toStdString();
        EXPECT_TRUE(text.contains(enterpriseUscc())) << text.toStdString();
        EXPECT_TRUE(text.contains(u"李强"_s) && text.contains(u"赵磊"_s)) << text.toStdString();
        EXPECT_TRUE(text.contains(u"22010042"_s) && text.contains(u"22010057"_s));
        // The item's legal basis, without the checklist's note for inspectors.
        const QString basis = failedItem.value(u"basis"_s).toString();
        EXPECT_TRUE(
            text.contains(safeloop::test::strippedText(safeloop::core::rules::legalBasis(basis))))
            << text.toStdString();
        EXPECT_FALSE(text.contains(u"判重大"_s)) << text.toStdString();
    }
    EXPECT_TRUE(record.contains(safeloop::test::strippedText(ctrl.recordNumber())))
        << record.toStdString();
    EXPECT_TRUE(order.contains(safeloop::test::strippedText(ctrl.orderNumber())))
        << order.toStdString();
    const QDate deadline = QDate::fromString(hazard.value(u"deadline"_s).toString(), Qt::ISODate);
    ASSERT_TRUE(deadline.isValid());
    EXPECT_TRUE(order.contains(deadline.toString(u"yyyy年M月d日"_s))) << order.toStdString();

    // The network is back: one cycle uploads everything.
    network.setMode(test::FaultProxy::Mode::Pass);
    ASSERT_TRUE(app.syncOnce(120000)) << app.center.lastError().toStdString();
    EXPECT_EQ(app.center.syncState(), SyncState::Idle);
    EXPECT_EQ(app.center.pendingCount(), 0);

    // What a supervisor sees on the server.
    const std::string supervisor = tokenFor(u"wu.fang"_s);
    ASSERT_FALSE(supervisor.empty());
    const auto changes = pullAll(supervisor);
    QJsonObject inspection;
    for (const auto& c : changes.values(u"inspection"_s))
        if (c.value(u"id"_s).toString() == inspectionId)
            inspection = c.value(u"fields"_s).toObject();
    ASSERT_FALSE(inspection.isEmpty());
    EXPECT_EQ(inspection.value(u"enterprise_id"_s).toString(), enterpriseUscc());
    EXPECT_EQ(inspection.value(u"mode"_s).toString(), u"enforcement"_s);
    EXPECT_FALSE(inspection.value(u"finished_at"_s).toString().isEmpty());
    const QJsonArray signatures = inspection.value(u"signatures"_s).toArray();
    EXPECT_EQ(signatures.size(), 3); // the enterprise's and both inspectors'

    int answers = 0;
    QStringList attachments;
    for (const auto& c : changes.values(u"answer"_s)) {
        const QJsonObject f = c.value(u"fields"_s).toObject();
        if (f.value(u"inspection_id"_s).toString() != inspectionId)
            continue;
        ++answers;
        if (f.value(u"item_code"_s).toString() == failedCode) {
            EXPECT_EQ(f.value(u"result"_s).toString(), u"fail"_s);
            EXPECT_EQ(f.value(u"note"_s).toString(), u"冲床光电保护装置被短接"_s);
            for (const auto& a : f.value(u"attachments"_s).toArray())
                attachments.append(
                    a.isObject() ? a.toObject().value(u"id"_s).toString() : a.toString());
        }
    }
    EXPECT_EQ(answers, ctrl.totalCount());
    EXPECT_EQ(attachments.size(), 1);

    QJsonObject serverHazard;
    for (const auto& c : changes.values(u"hazard"_s))
        if (c.value(u"id"_s).toString() == hazardId)
            serverHazard = c.value(u"fields"_s).toObject();
    ASSERT_FALSE(serverHazard.isEmpty());
    EXPECT_EQ(serverHazard.value(u"inspection_id"_s).toString(), inspectionId);
    EXPECT_EQ(serverHazard.value(u"item_code"_s).toString(), failedCode);
    EXPECT_EQ(serverHazard.value(u"deadline"_s).toString(), deadline.toString(Qt::ISODate));
    EXPECT_EQ(serverHazard.value(u"status"_s).toString(), u"open"_s);
    const QJsonObject location = serverHazard.value(u"location"_s).toObject();
    EXPECT_NEAR(location.value(u"lat"_s).toDouble(), 43.88, 0.01);
    EXPECT_NEAR(location.value(u"lon"_s).toDouble(), 125.25, 0.01);
    EXPECT_TRUE(location.value(u"source"_s).toString().contains(u"nmea"_s, Qt::CaseInsensitive))
        << location.value(u"source"_s).toString().toStdString();
    for (const auto& a : serverHazard.value(u"attachments"_s).toArray())
        attachments.append(a.isObject() ? a.toObject().value(u"id"_s).toString() : a.toString());
    for (const auto& s : signatures)
        attachments.append(s.isObject() ? s.toObject().value(u"id"_s).toString() : s.toString());
    ASSERT_GE(attachments.size(), 4);
    for (const QString& sha : std::as_const(attachments))
        EXPECT_EQ(headBlob(supervisor, sha), 200) << sha.toStdString();
}

} // namespace
