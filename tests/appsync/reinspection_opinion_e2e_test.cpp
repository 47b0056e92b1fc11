// The 整改复查意见书 end to end, against the real safeloop-server: the inspector's enforcement
// inspection issues an order, the enterprise reports its rectification, the inspector
// re-inspects offline — the decision's opinion numbered from the device's own
// reinspection_opinion block and rendered there — and syncs. The enterprise's device then holds
// the opinion (kind, number, the very PDF the inspector's device rendered); the other
// enterprise's device holds no trace of it.
#include "appsynctestsupport.h"

#include "app/enterprisecontroller.h"
#include "app/inspectioncontroller.h"
#include "app/rectificationcontroller.h"
#include "core/blobstore.h"
#include "core/rules.h"
#include "tests/support/faultproxy.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using namespace safeloop::app::testing;

namespace {

/// The SHA-256 (hex) of a file's bytes; empty when it cannot be read.
QString fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return core::BlobStore::sha256Hex(f.readAll());
}

/// The device's reinspection_opinion blocks, as "prefix first–last next", read from its file.
QStringList opinionBlocks(const QString& deviceDir)
{
    const QString file = deviceDatabaseFile(deviceDir);
    QStringList out;
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"blocks-check"_s);
        db.setDatabaseName(file);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open())
            return { u"cannot open %1"_s.arg(file) };
        QSqlQuery q(db);
        if (!q.exec(u"SELECT prefix, first_number, last_number, next_number "
                    u"FROM document_number_blocks WHERE kind = 'reinspection_opinion' "
                    u"ORDER BY first_number"_s))
            return { u"cannot read the blocks"_s };
        while (q.next())
            out << u"%1 %2–%3 %4"_s.arg(q.value(0).toString())
                       .arg(q.value(1).toLongLong())
                       .arg(q.value(2).toLongLong())
                       .arg(q.value(3).toLongLong());
    }
    QSqlDatabase::removeDatabase(u"blocks-check"_s);
    return out;
}

class ReinspectionOpinionE2eTest : public TwoEnterprisesFixture {
protected:
    /// The documents of `kind` the device `app` holds for the first enterprise.
    static QList<QJsonObject> documentsOf(AppInstance& app, const QString& kind)
    {
        return app.store.call<QList<QJsonObject>>([&](core::LocalStore& st) {
            QList<QJsonObject> out;
            auto all
                = st.records(u"document"_s, core::LocalStore::Link::Enterprise, enterpriseUscc());
            if (!all)
                return out;
            for (const auto& d : *all)
                if (d.value(u"kind"_s).toString() == kind)
                    out << d;
            return out;
        });
    }

    QTemporaryDir inspectorDir;
    QTemporaryDir enterpriseDir;
    QTemporaryDir foundryDir;
};

TEST_F(ReinspectionOpinionE2eTest, TheOpinionIssuedOfflineReachesOnlyItsEnterpriseByteIdentical)
{
    test::FaultProxy network(server.port());
    ASSERT_TRUE(network.start());
    AppInstance inspector(inspectorDir.path(), u"http://127.0.0.1:%1"_s.arg(network.port()));
    ASSERT_TRUE(signInInspector(inspector));

    // The inspection and its order reach the server and the enterprise.
    InspectionController inspection;
    FinishedInspection done;
    finishEnforcementInspection(inspector, inspection, inspectorDir.path(), done);
    if (HasFatalFailure())
        return;
    ASSERT_TRUE(inspector.syncOnce(120000)) << inspector.center.lastError().toStdString();

    AppInstance enterprise(enterpriseDir.path(), url());
    ASSERT_TRUE(enterprise.login(u"qs.safety"_s));
    ASSERT_TRUE(enterprise.syncOnce());
    RectificationController task;
    task.setStore(&enterprise.store);
    task.setHazardId(done.hazardId);
    ASSERT_TRUE(waitUntil([&] { return task.canSubmit(); }));
    task.submit(u"已加装光电保护装置并恢复联锁"_s, enterprise.store.today().toString(Qt::ISODate),
        u"周敏"_s, u"1200"_s);
    ASSERT_TRUE(waitUntil([&] { return task.status() == HazardStatus::Submitted; }))
        << task.errorMessage().toStdString();
    ASSERT_TRUE(enterprise.syncOnce());
    ASSERT_TRUE(inspector.syncOnce());

    // Offline, on site: the inspector verifies; the opinion takes the device's next number.
    network.setMode(test::FaultProxy::Mode::CutAfterBytes, 0);
    const int year = core::rules::localDate(QDateTime::currentDateTimeUtc()).year();
    const auto numbersLeft = [&] {
        return inspector.store.call<int>([&](core::LocalStore& st) {
            auto left = DeviceStore::documentNumbersLeft(st, u"reinspection_opinion"_s, year);
            return left ? *left : -1;
        });
    };
    const int leftBefore = numbersLeft();
    ASSERT_GT(leftBefore, 0);
    const QStringList blocksBefore = opinionBlocks(inspectorDir.path());
    ASSERT_EQ(blocksBefore.size(), 1) << blocksBefore.join(u"; "_s).toStdString();

    ReinspectionController review;
    review.setStore(&inspector.store);
    review.setHazardId(done.hazardId);
    ASSERT_TRUE(waitUntil([&] { return review.status() == HazardStatus::Submitted; }));
    QSignalSpy ready(&review, &ReinspectionController::opinionReady);
    review.verify(u"复查合格，光电保护装置有效"_s);
    ASSERT_TRUE(waitUntil([&] { return !ready.isEmpty() || !review.errorCode().isEmpty(); }, 90000))
        << "no opinion";
    ASSERT_FALSE(ready.isEmpty()) << review.errorMessage().toStdString();
    EXPECT_EQ(review.status(), HazardStatus::Verified);
    const QString number = ready.first().at(0).toString();
    const QString renderedPdf = ready.first().at(1).toString();
    EXPECT_EQ(number, u"(青)应急复查〔%1〕1号"_s.arg(year));
    EXPECT_EQ(numbersLeft(), leftBefore - 1);
    // The number is the first of the device's own block, which has moved on by one.
    const QStringList blocksAfter = opinionBlocks(inspectorDir.path());
    ASSERT_EQ(blocksAfter.size(), 1);
    const QStringList block = blocksAfter.first().split(u' ');
    ASSERT_EQ(block.size(), 3) << blocksAfter.first().toStdString();
    const QStringList range = block.at(1).split(u'–');
    ASSERT_EQ(range.size(), 2);
    EXPECT_EQ(number, block.at(0) + range.at(0) + u"号"_s);
    EXPECT_EQ(block.at(2).toLongLong(), range.at(0).toLongLong() + 1);
    EXPECT_EQ(blocksBefore.first().section(u' ', 0, 1), blocksAfter.first().section(u' ', 0, 1));
    const QString renderedSha = fileSha256(renderedPdf);
    ASSERT_EQ(renderedSha.size(), 64) << renderedPdf.toStdString();
    EXPECT_FALSE(inspector.syncOnce());

    // Before the inspector's device is back online, the enterprise has no opinion.
    ASSERT_TRUE(enterprise.syncOnce());
    EXPECT_TRUE(documentsOf(enterprise, u"reinspection_opinion"_s).isEmpty());

    network.setMode(test::FaultProxy::Mode::Pass);
    ASSERT_TRUE(inspector.syncOnce(120000)) << inspector.center.lastError().toStdString();
    EXPECT_EQ(inspector.center.pendingCount(), 0);

    // The enterprise syncs: its documents list the opinion after the record and the order, with
    // the number the inspector's device gave it and the PDF it rendered, byte for byte.
    ASSERT_TRUE(enterprise.syncOnce());
    EnterpriseController history;
    history.setStore(&enterprise.store);
    history.setEnterpriseId(enterpriseUscc());
    QVariantList documents;
    ASSERT_TRUE(waitUntil([&] {
        history.reload();
        QCoreApplication::processEvents();
        const QVariantList groups = history.receivedDocuments();
        if (groups.size() != 1)
            return false;
        documents = groups.first().toMap().value(u"documents"_s).toList();
        return documents.size() == 3
            && std::all_of(documents.cbegin(), documents.cend(),
                [](const QVariant& d) { return !d.toMap().value(u"pdf"_s).toString().isEmpty(); });
    })) << documents.size();
    const QVariantMap opinion = documents.last().toMap();
    EXPECT_EQ(documents.at(0).toMap().value(u"kind"_s).toString(), u"inspection_record"_s);
    EXPECT_EQ(documents.at(1).toMap().value(u"kind"_s).toString(), u"rectification_order"_s);
    EXPECT_EQ(opinion.value(u"kind"_s).toString(), u"reinspection_opinion"_s);
    EXPECT_EQ(opinion.value(u"number"_s).toString(), number);
    EXPECT_FALSE(opinion.value(u"pdfPending"_s).toBool());
    EXPECT_EQ(fileSha256(opinion.value(u"pdf"_s).toString()), renderedSha);
    // The record's and the order's PDFs too: the inspector's device synced while it rendered
    // them, and they went up before the documents that name them.
    EXPECT_EQ(fileSha256(documents.at(0).toMap().value(u"pdf"_s).toString()),
        fileSha256(inspection.recordPdf()));
    EXPECT_EQ(fileSha256(documents.at(1).toMap().value(u"pdf"_s).toString()),
        fileSha256(inspection.orderPdf()));

    const QList<QJsonObject> held = documentsOf(enterprise, u"reinspection_opinion"_s);
    ASSERT_EQ(held.size(), 1);
    const QJsonObject doc = held.first();
    EXPECT_EQ(doc.value(u"number"_s).toString(), number);
    EXPECT_EQ(doc.value(u"pdf"_s).toString(), renderedSha);
    EXPECT_EQ(doc.value(u"hazard_ids"_s).toArray(), QJsonArray { done.hazardId });
    EXPECT_EQ(doc.value(u"inspection_id"_s).toString(), done.inspectionId);
    EXPECT_EQ(doc.value(u"year"_s).toInt(), year);

    // The other enterprise's device: nothing of the opinion, in any table or in its blobs.
    addUser({ u"--username"_s, u"qs.foundry"_s, u"--role"_s, u"enterprise"_s, u"--enterprise"_s,
        foundryUscc(), u"--name"_s, u"钱进"_s });
    if (HasFatalFailure())
        return;
    AppInstance foundry(foundryDir.path(), url());
    ASSERT_TRUE(foundry.login(u"qs.foundry"_s));
    ASSERT_TRUE(foundry.syncOnce());
    // The device knows whose it is (its user record arrived with the pull).
    EXPECT_TRUE(waitUntil([&] { return foundry.store.user().enterpriseId == foundryUscc(); }))
        << foundry.store.user().enterpriseId.toStdString();
    EXPECT_FALSE(foundry.store.call<bool>(
        [&](core::LocalStore& st) { return st.blobs().contains(renderedSha); }));
    foundry.center.stopSync();
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foundry-scope"_s);
        db.setDatabaseName(deviceDatabaseFile(foundryDir.path()));
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        ASSERT_TRUE(db.open());
        int checked = 0;
        const QStringList holding = columnsHolding(
            db, { number, renderedSha, doc.value(u"id"_s).toString(), done.hazardId }, checked);
        EXPECT_TRUE(holding.isEmpty()) << holding.join(u", "_s).toStdString();
        EXPECT_GT(checked, 20);
        // The check can see what it looks for: the foundry's own register row is there.
        QSqlQuery own(db);
        ASSERT_TRUE(
            own.exec(u"SELECT COUNT(*) FROM enterprises WHERE id = '%1'"_s.arg(foundryUscc())));
        ASSERT_TRUE(own.next());
        EXPECT_EQ(own.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(u"foundry-scope"_s);
}

} // namespace
