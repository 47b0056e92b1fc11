// The rectification order end to end, against the real safeloop-server: the inspector finishes
// an enforcement inspection offline (the order numbered from the server's block and rendered on
// the device), syncs; the enterprise's device shows "not yet received" before its sync, then the
// order's number and its PDF, which opens in the app's PDF view. The 现场检查记录 travels the
// same way and is listed with the order in the enterprise's inspection history.
#include "appsynctestsupport.h"

#include "app/enterprisecontroller.h"
#include "app/hazarddetail.h"
#include "app/inspectioncontroller.h"
#include "app/pdfdocumentinfo.h"
#include "tests/support/faultproxy.h"

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using namespace safeloop::app::testing;

namespace {

class EnterpriseOrderE2eTest : public TwoEnterprisesFixture {
protected:
    QTemporaryDir inspectorDir;
    QTemporaryDir enterpriseDir;
};

TEST_F(EnterpriseOrderE2eTest, TheOrderIssuedOfflineReachesTheEnterpriseWithItsPdf)
{
    test::FaultProxy network(server.port());
    ASSERT_TRUE(network.start());
    AppInstance inspector(inspectorDir.path(), u"http://127.0.0.1:%1"_s.arg(network.port()));
    ASSERT_TRUE(signInInspector(inspector));
    network.setMode(test::FaultProxy::Mode::CutAfterBytes, 0);

    InspectionController ctrl;
    FinishedInspection done;
    finishEnforcementInspection(inspector, ctrl, inspectorDir.path(), done);
    if (HasFatalFailure())
        return;
    const QString hazardId = done.hazardId;
    const QString number = ctrl.orderNumber();
    ASSERT_FALSE(number.isEmpty());

    // The enterprise's device holds no order before the inspector's device could send it.
    AppInstance enterprise(enterpriseDir.path(), url());
    ASSERT_TRUE(enterprise.login(u"qs.safety"_s));
    ASSERT_TRUE(enterprise.syncOnce());
    HazardDetail detail;
    detail.setStore(&enterprise.store);
    detail.setHazardId(hazardId);
    detail.reload();
    QCoreApplication::processEvents();
    EXPECT_FALSE(waitUntil([&] { return detail.found(); }, 1500)) << "not on the device yet";
    EXPECT_TRUE(detail.orderNumber().isEmpty());

    // The inspector's network returns: the order, its PDF and the hazard go up in one cycle.
    network.setMode(test::FaultProxy::Mode::Pass);
    ASSERT_TRUE(inspector.syncOnce(120000)) << inspector.center.lastError().toStdString();
    EXPECT_EQ(inspector.center.pendingCount(), 0);
    // The server accepted the order on the hazard (a rejection would leave it bare).
    const std::string supervisor = tokenFor(u"wu.fang"_s);
    QJsonObject onServer;
    for (const auto& c : pullAll(supervisor).values(u"hazard"_s))
        if (c.value(u"id"_s).toString() == hazardId)
            onServer = c.value(u"fields"_s).toObject().value(u"order"_s).toObject();
    EXPECT_EQ(onServer.value(u"number"_s).toString(), number);

    ASSERT_TRUE(enterprise.syncOnce());
    detail.reload();
    ASSERT_TRUE(waitUntil([&] { return detail.found() && !detail.orderPdf().isEmpty(); }))
        << detail.orderNumber().toStdString();
    EXPECT_EQ(detail.orderNumber(), number);
    EXPECT_FALSE(detail.orderPdfPending());

    // The PDF the enterprise received opens in the app's PDF view, as the inspector's did.
    PdfDocumentInfo pdf;
    pdf.setSource(detail.orderPdf());
    ASSERT_TRUE(waitUntil([&] {
        return pdf.status() == PdfDocumentInfo::Status::Ready
            || pdf.status() == PdfDocumentInfo::Status::Error;
    }));
    ASSERT_EQ(pdf.status(), PdfDocumentInfo::Status::Ready) << pdf.errorMessage().toStdString();
    EXPECT_GT(pdf.pageCount(), 0);
    QFile received(detail.orderPdf());
    QFile rendered(ctrl.orderPdf());
    ASSERT_TRUE(received.open(QIODevice::ReadOnly) && rendered.open(QIODevice::ReadOnly));
    EXPECT_EQ(received.readAll(), rendered.readAll());
}

TEST_F(
    EnterpriseOrderE2eTest, TheRecordOfAnInspectionFinishedOfflineReachesTheEnterpriseByteIdentical)
{
    test::FaultProxy network(server.port());
    ASSERT_TRUE(network.start());
    AppInstance inspector(inspectorDir.path(), u"http://127.0.0.1:%1"_s.arg(network.port()));
    ASSERT_TRUE(signInInspector(inspector));
    network.setMode(test::FaultProxy::Mode::CutAfterBytes, 0);

    InspectionController ctrl;
    FinishedInspection done;
    finishEnforcementInspection(inspector, ctrl, inspectorDir.path(), done);
    if (HasFatalFailure())
        return;
    ASSERT_FALSE(ctrl.recordNumber().isEmpty());
    ASSERT_FALSE(ctrl.recordPdf().isEmpty());

    // Offline, the enterprise's history has nothing from this inspection yet.
    AppInstance enterprise(enterpriseDir.path(), url());
    ASSERT_TRUE(enterprise.login(u"qs.safety"_s));
    ASSERT_TRUE(enterprise.syncOnce());
    EnterpriseController history;
    bool loaded = false;
    QObject::connect(&history, &EnterpriseController::loaded, &history, [&] { loaded = true; });
    history.setStore(&enterprise.store);
    history.setEnterpriseId(enterpriseUscc());
    ASSERT_TRUE(waitUntil([&] { return loaded; }));
    EXPECT_TRUE(history.receivedDocuments().isEmpty());

    // The inspector's device syncs: record and order go up with their PDFs.
    network.setMode(test::FaultProxy::Mode::Pass);
    ASSERT_TRUE(inspector.syncOnce(120000)) << inspector.center.lastError().toStdString();
    EXPECT_EQ(inspector.center.pendingCount(), 0);

    // The enterprise syncs: its history lists the inspection with the record first, then the
    // order, each with its number and its downloaded PDF.
    ASSERT_TRUE(enterprise.syncOnce());
    QVariantList documents;
    ASSERT_TRUE(waitUntil([&] {
        history.reload();
        QCoreApplication::processEvents();
        const QVariantList groups = history.receivedDocuments();
        if (groups.size() != 1)
            return false;
        documents = groups.first().toMap().value(u"documents"_s).toList();
        return documents.size() == 2
            && !documents.first().toMap().value(u"pdf"_s).toString().isEmpty()
            && !documents.last().toMap().value(u"pdf"_s).toString().isEmpty();
    })) << documents.size();
    const QVariantMap record = documents.first().toMap();
    const QVariantMap order = documents.last().toMap();
    EXPECT_EQ(record.value(u"kind"_s).toString(), u"inspection_record"_s);
    EXPECT_EQ(record.value(u"number"_s).toString(), ctrl.recordNumber());
    EXPECT_FALSE(record.value(u"pdfPending"_s).toBool());
    EXPECT_EQ(order.value(u"kind"_s).toString(), u"rectification_order"_s);
    EXPECT_EQ(order.value(u"number"_s).toString(), ctrl.orderNumber());
    QFile received(record.value(u"pdf"_s).toString());
    QFile rendered(ctrl.recordPdf());
    ASSERT_TRUE(received.open(QIODevice::ReadOnly) && rendered.open(QIODevice::ReadOnly));
    EXPECT_EQ(received.readAll(), rendered.readAll());

    // The other enterprise receives neither document, nor the record's PDF.
    addUser({ u"--username"_s, u"qs.foundry"_s, u"--role"_s, u"enterprise"_s, u"--enterprise"_s,
        foundryUscc(), u"--name"_s, u"钱进"_s });
    const std::string other = tokenFor(u"qs.foundry"_s);
    EXPECT_TRUE(pullAll(other).values(u"document"_s).isEmpty());
    httplib::Client c("127.0.0.1", server.port());
    const QString sha = QFileInfo(record.value(u"pdf"_s).toString()).fileName();
    auto blob = c.Get(u"/api/v1/blobs/%1"_s.arg(sha).toStdString(),
        httplib::Headers { { "Authorization", "Bearer " + other } });
    ASSERT_TRUE(blob);
    EXPECT_EQ(blob->status, 404);
}

} // namespace
