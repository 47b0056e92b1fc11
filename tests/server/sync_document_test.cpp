// document.issue: the rectification order an inspector issued offline reaches its enterprise
// (number and PDF) and nobody else's; numbers must come from the inspector's own blocks
// (SQLite and PostgreSQL, see synctestsupport.h).
#include "synctestsupport.h"

namespace {

/// An enforcement inspection of enterprise A by `insp` and `north`, finished with two hazards,
/// and a block of order numbers reserved for `insp`.
class DocumentIssueTest : public SyncApiTest {
protected:
    void SetUp() override
    {
        SyncApiTest::SetUp();
        auto r = reserveNumbers(u"insp"_s, u"rectification_order"_s, 5);
        ASSERT_EQ(r->status, 200) << r->body;
        const QJsonObject block = bodyJson(r);
        prefix = block[u"prefix"_s].toString();
        year = block[u"year"_s].toInt();
        first = block[u"from"_s].toInteger();
        ASSERT_FALSE(prefix.isEmpty());
        ASSERT_EQ(putBlob(u"insp"_s, pdf)->status, 201);

        inspection = uuid();
        hazards = { uuid(), uuid() };
        QList<QJsonObject> batch {
            mutation(next(), u"inspection.create"_s, inspection,
                { { u"enterprise_id"_s, entA }, { u"kind"_s, u"plan"_s },
                    { u"mode"_s, u"enforcement"_s },
                    { u"inspector_ids"_s,
                        QJsonArray { userIdOf(u"insp"_s), userIdOf(u"north"_s) } },
                    { u"template_refs"_s, QJsonArray {} },
                    { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } }),
        };
        for (const QString& h : std::as_const(hazards)) {
            QJsonObject args = hazardArgs(entA, u"Light curtain bypassed"_s);
            args.insert(u"inspection_id"_s, inspection);
            batch.append(mutation(next(), u"hazard.create"_s, h, args));
        }
        batch.append(mutation(next(), u"inspection.finish"_s, inspection,
            { { u"finished_at"_s, u"2026-11-25T03:00:00.000Z"_s },
                { u"refusal_note"_s, u"负责人拒绝签字"_s } }));
        QJsonArray list;
        for (const auto& m : std::as_const(batch))
            list.append(m);
        r = push(u"insp"_s, u"dev-insp"_s, list);
        ASSERT_EQ(r->status, 200) << r->body;
        for (const auto& res : bodyJson(r)[u"results"_s].toArray())
            ASSERT_EQ(res[u"status"_s].toString(), u"applied"_s) << r->body;
    }

    qint64 next() { return ++m_sent; }

    QString numberOf(qint64 serial) const { return u"%1%2号"_s.arg(prefix).arg(serial); }

    QJsonObject issueArgs(qint64 serial, const QJsonArray& hazardIds) const
    {
        return { { u"kind"_s, u"rectification_order"_s }, { u"number"_s, numberOf(serial) },
            { u"year"_s, year }, { u"serial"_s, serial }, { u"inspection_id"_s, inspection },
            { u"hazard_ids"_s, hazardIds }, { u"issued_at"_s, u"2026-11-25T03:00:05.000Z"_s },
            { u"attachments"_s,
                QJsonArray { QJsonObject { { u"id"_s, sha(pdf) },
                    { u"mime"_s, u"application/pdf"_s }, { u"size"_s, pdf.size() } } } } };
    }

    /// The result of one document.issue pushed by `user` from its own device.
    QJsonObject issue(const QString& user, const QString& id, const QJsonObject& args)
    {
        const qint64 n = user == u"insp"_s ? next() : ++m_others[user];
        auto r = push(user, user == u"insp"_s ? u"dev-insp"_s : u"doc-"_s + user,
            { mutation(n, u"document.issue"_s, id, args) });
        EXPECT_EQ(r->status, 200) << r->body;
        return bodyJson(r)[u"results"_s][0].toObject();
    }

    static QString code(const QJsonObject& result)
    {
        return result[u"status"_s].toString() == u"rejected"_s
            ? result[u"error"_s][u"code"_s].toString()
            : result[u"status"_s].toString();
    }

    QString hazardsDocs()
    {
        auto db = srv.store().connection();
        auto q = server::run(db.value(), u"SELECT id, doc, versions FROM hazards ORDER BY id"_s);
        EXPECT_TRUE(q.ok());
        QString out;
        while (q.ok() && q.value().next())
            out += q.value().value(0).toString() + q.value().value(1).toString()
                + q.value().value(2).toString();
        return out;
    }

    const QByteArray pdf = QByteArrayLiteral("%PDF-1.4 the order of inspection A\n%%EOF\n");
    QString prefix;
    int year = 0;
    qint64 first = 0;
    QString inspection;
    QStringList hazards;
    qint64 m_sent = 0;
    QHash<QString, qint64> m_others;
};

} // namespace

TEST_F(DocumentIssueTest, TheOrderReachesItsEnterpriseWithItsPdfAndNoOtherEnterprise)
{
    const QString order = uuid();
    QString cursorA;
    pullAll(u"enta"_s, {}, &cursorA);
    ASSERT_EQ(
        code(issue(u"insp"_s, order, issueArgs(first, QJsonArray { hazards[0], hazards[1] }))),
        u"applied"_s);

    const QJsonArray changes = pullAll(u"enta"_s, cursorA);
    for (const QString& h : std::as_const(hazards)) {
        const QJsonObject got = find(changes, u"hazard"_s, h)[u"fields"_s][u"order"_s].toObject();
        EXPECT_EQ(got[u"id"_s].toString(), order);
        EXPECT_EQ(got[u"number"_s].toString(), numberOf(first));
        EXPECT_EQ(got[u"kind"_s].toString(), u"rectification_order"_s);
        EXPECT_EQ(got[u"pdf"_s].toString(), sha(pdf));
        EXPECT_EQ(got[u"inspection_id"_s].toString(), inspection);
    }
    EXPECT_FALSE(find(changes, u"attachment"_s, sha(pdf)).isEmpty());
    auto bytes = getBlob(u"enta"_s, sha(pdf));
    ASSERT_EQ(bytes->status, 200);
    EXPECT_EQ(QByteArray::fromStdString(bytes->body), pdf);
    // The district's inspectors see it too.
    EXPECT_EQ(
        find(pullAll(u"north"_s), u"hazard"_s, hazards[0])[u"fields"_s][u"order"_s][u"number"_s]
            .toString(),
        numberOf(first));

    // Another enterprise never receives the order, its hazards or its PDF.
    const QJsonArray other = pullAll(u"entb"_s);
    for (const QString& h : std::as_const(hazards))
        EXPECT_TRUE(find(other, u"hazard"_s, h).isEmpty());
    EXPECT_TRUE(find(other, u"attachment"_s, sha(pdf)).isEmpty());
    for (const auto& c : other)
        EXPECT_FALSE(QJsonDocument(c.toObject()).toJson().contains(numberOf(first).toUtf8()));
    EXPECT_EQ(getBlob(u"entb"_s, sha(pdf))->status, 404);
    EXPECT_EQ(headBlob(u"entb"_s, sha(pdf))->status, 404);

    // The server keeps the number as used, once.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM issued_documents"_s), 1);
}

TEST_F(DocumentIssueTest, NumbersOutsideTheInspectorsBlocksAndRepeatedOrdersAreRefused)
{
    const QJsonArray both { hazards[0], hazards[1] };
    const QString before = hazardsDocs();
    // Numbers the server did not reserve for this inspector, or printed with another prefix.
    EXPECT_EQ(code(issue(u"insp"_s, uuid(), issueArgs(first + 5, both))), u"number_not_reserved"_s);
    QJsonObject forged = issueArgs(first, both);
    forged.insert(u"number"_s, u"(伪)责改〔%1〕%2号"_s.arg(year).arg(first));
    EXPECT_EQ(code(issue(u"insp"_s, uuid(), forged)), u"invalid_number"_s);
    // Without its PDF.
    QJsonObject bare = issueArgs(first, both);
    bare.remove(u"attachments"_s);
    EXPECT_EQ(code(issue(u"insp"_s, uuid(), bare)), u"pdf_required"_s);
    EXPECT_EQ(hazardsDocs(), before) << "a refusal changes nothing";

    // An order for the first hazard only; the second still has none.
    ASSERT_EQ(
        code(issue(u"insp"_s, uuid(), issueArgs(first, QJsonArray { hazards[0] }))), u"applied"_s);
    const QString issued = hazardsDocs();
    // A second order for a hazard that has one, and the same number for another document.
    EXPECT_EQ(
        code(issue(u"insp"_s, uuid(), issueArgs(first + 1, both))), u"order_already_issued"_s);
    EXPECT_EQ(code(issue(u"insp"_s, uuid(), issueArgs(first, QJsonArray { hazards[1] }))),
        u"number_already_used"_s);
    // Only inspectors issue orders: the enterprise never sees the inspection, a supervisor may
    // not issue.
    EXPECT_EQ(code(issue(u"enta"_s, uuid(), issueArgs(first + 1, both))), u"not_found"_s);
    EXPECT_EQ(code(issue(u"sup"_s, uuid(), issueArgs(first + 1, both))), u"not_allowed"_s);
    EXPECT_EQ(hazardsDocs(), issued);
}

TEST_F(DocumentIssueTest, ARefusalAfterCoreWroteUndoesOnlyThatMutationOfItsBatch)
{
    // The number is judged after core wrote the order into the hazards: the push is applied
    // again with a savepoint per mutation, and the mutations around it stand.
    const qint64 hazardChanges
        = count(u"SELECT COUNT(*) FROM change_log WHERE record_id = '%1'"_s.arg(hazards[0]));
    const QString h1 = uuid();
    const QString h2 = uuid();
    const qint64 a = next();
    const qint64 b = next();
    const qint64 c = next();
    auto r = push(u"insp"_s, u"dev-insp"_s,
        { mutation(a, u"hazard.create"_s, h1, hazardArgs(entA, u"Press guard open"_s)),
            mutation(b, u"document.issue"_s, uuid(),
                issueArgs(first + 5, QJsonArray { hazards[0], hazards[1] })),
            mutation(c, u"hazard.create"_s, h2, hazardArgs(entA, u"Exit blocked"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonArray results = bodyJson(r)[u"results"_s].toArray();
    ASSERT_EQ(results.size(), 3) << r->body;
    EXPECT_EQ(results[0][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(code(results[1].toObject()), u"number_not_reserved"_s);
    EXPECT_EQ(results[2][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(bodyJson(r)[u"last_mutation_id"_s].toInteger(), c);

    // Nothing of the refused order: the inspection's hazards as they were, no number kept.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE id IN ('%1', '%2')"_s.arg(h1, h2)), 2);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE record_id IN ('%1', '%2') "
                    u"AND entity = 'hazard'"_s.arg(h1, h2)),
        2);
    // The hazard the refused order named is sent again as it stands (the issuing device drops
    // its copy of the order), once.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE record_id = '%1'"_s.arg(hazards[0])),
        hazardChanges + 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM issued_documents"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE doc LIKE '%\"order\"%'"_s), 0);
    // Each mutation's result is kept once for replays, the refusal among them.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_results WHERE mutation_id IN (%1, %2, %3) "
                    u"AND client_key LIKE 'dev-insp|%'"_s.arg(a)
                        .arg(b)
                        .arg(c)),
        3);
    auto again = push(u"insp"_s, u"dev-insp"_s,
        { mutation(b, u"document.issue"_s, uuid(),
            issueArgs(first + 5, QJsonArray { hazards[0], hazards[1] })) });
    ASSERT_EQ(again->status, 200) << again->body;
    EXPECT_EQ(code(bodyJson(again)[u"results"_s][0].toObject()), u"number_not_reserved"_s);
    // The next order in the same device's stream is applied as usual.
    EXPECT_EQ(
        code(issue(u"insp"_s, uuid(), issueArgs(first, QJsonArray { hazards[0] }))), u"applied"_s);
}

namespace {

/// The other documents an inspection produces: the 现场检查记录 of the finished inspection
/// and the 整改复查意见书 of a re-inspection, numbered from their own blocks.
class IssuedDocumentKindsTest : public DocumentIssueTest {
protected:
    void SetUp() override
    {
        DocumentIssueTest::SetUp();
        for (const QString& kind : { u"inspection_record"_s, u"reinspection_opinion"_s }) {
            auto r = reserveNumbers(u"insp"_s, kind, 5);
            ASSERT_EQ(r->status, 200) << r->body;
            const QJsonObject block = bodyJson(r);
            blocks.insert(kind, { block[u"prefix"_s].toString(), block[u"from"_s].toInteger() });
        }
        ASSERT_EQ(putBlob(u"insp"_s, recordPdf)->status, 201);
        ASSERT_EQ(putBlob(u"insp"_s, opinionPdf)->status, 201);
    }

    QString numberIn(const QString& kind, qint64 serial) const
    {
        return u"%1%2号"_s.arg(blocks.value(kind).first).arg(serial);
    }

    /// A valid document.issue of `kind` with the block's `offset`-th number.
    QJsonObject kindArgs(const QString& kind, qint64 offset, const QByteArray& bytes,
        const QJsonArray& hazardIds = {}) const
    {
        const qint64 serial = blocks.value(kind).second + offset;
        QJsonObject args { { u"kind"_s, kind }, { u"number"_s, numberIn(kind, serial) },
            { u"year"_s, year }, { u"serial"_s, serial }, { u"inspection_id"_s, inspection },
            { u"issued_at"_s, u"2026-11-25T03:00:06.000Z"_s },
            { u"attachments"_s,
                QJsonArray { QJsonObject { { u"id"_s, sha(bytes) },
                    { u"mime"_s, u"application/pdf"_s }, { u"size"_s, bytes.size() } } } } };
        if (!hazardIds.isEmpty())
            args.insert(u"hazard_ids"_s, hazardIds);
        return args;
    }

    /// Every stored document and hazard, to show that a refusal or a replay changes nothing.
    QString documentsDocs()
    {
        auto db = srv.store().connection();
        auto q = server::run(
            db.value(), u"SELECT id, doc, versions, deleted FROM documents ORDER BY id"_s);
        EXPECT_TRUE(q.ok());
        QString out;
        while (q.ok() && q.value().next())
            out += q.value().value(0).toString() + q.value().value(1).toString()
                + q.value().value(2).toString() + q.value().value(3).toString();
        return out + hazardsDocs();
    }

    const QByteArray recordPdf = QByteArrayLiteral("%PDF-1.4 the record of inspection A\n%%EOF\n");
    const QByteArray opinionPdf = QByteArrayLiteral("%PDF-1.4 the opinion on hazard A\n%%EOF\n");
    QHash<QString, std::pair<QString, qint64>> blocks; ///< kind → (prefix, first number)
};

} // namespace

TEST_F(IssuedDocumentKindsTest, TheInspectionRecordReachesItsEnterpriseAndNoOtherEnterprise)
{
    QString cursorA;
    pullAll(u"enta"_s, {}, &cursorA);
    const QString record = uuid();
    const QJsonObject args = kindArgs(u"inspection_record"_s, 0, recordPdf);
    ASSERT_EQ(code(issue(u"insp"_s, record, args)), u"applied"_s);

    const QJsonArray changes = pullAll(u"enta"_s, cursorA);
    const QJsonObject got = find(changes, u"document"_s, record)[u"fields"_s].toObject();
    EXPECT_EQ(got[u"kind"_s].toString(), u"inspection_record"_s);
    EXPECT_EQ(got[u"number"_s].toString(), args[u"number"_s].toString());
    EXPECT_EQ(got[u"enterprise_id"_s].toString(), entA);
    EXPECT_EQ(got[u"inspection_id"_s].toString(), inspection);
    EXPECT_EQ(got[u"pdf"_s].toString(), sha(recordPdf));
    EXPECT_EQ(got[u"issued_by"_s].toString(), userIdOf(u"insp"_s));
    EXPECT_EQ(got[u"issued_at"_s].toString(), u"2026-11-25T03:00:06.000Z"_s);
    EXPECT_FALSE(find(changes, u"attachment"_s, sha(recordPdf)).isEmpty());
    auto bytes = getBlob(u"enta"_s, sha(recordPdf));
    ASSERT_EQ(bytes->status, 200);
    EXPECT_EQ(QByteArray::fromStdString(bytes->body), recordPdf);
    // The district's inspectors in its street and supervisors see it; another street does not.
    EXPECT_FALSE(find(pullAll(u"north"_s), u"document"_s, record).isEmpty());
    EXPECT_FALSE(find(pullAll(u"sup"_s), u"document"_s, record).isEmpty());
    EXPECT_TRUE(find(pullAll(u"south"_s), u"document"_s, record).isEmpty());
    EXPECT_EQ(getBlob(u"south"_s, sha(recordPdf))->status, 404);

    // Another enterprise never receives the record or its PDF.
    const QJsonArray other = pullAll(u"entb"_s);
    EXPECT_TRUE(find(other, u"document"_s, record).isEmpty());
    EXPECT_TRUE(find(other, u"attachment"_s, sha(recordPdf)).isEmpty());
    for (const auto& c : other)
        EXPECT_FALSE(
            QJsonDocument(c.toObject()).toJson().contains(args[u"number"_s].toString().toUtf8()));
    EXPECT_EQ(getBlob(u"entb"_s, sha(recordPdf))->status, 404);
    EXPECT_EQ(headBlob(u"entb"_s, sha(recordPdf))->status, 404);

    // Replayed — the same mutation again, or the same document from another push — it changes
    // nothing and keeps its number once.
    const QString stored = documentsDocs();
    const qint64 changeRows = count(u"SELECT COUNT(*) FROM change_log"_s);
    auto replay
        = push(u"insp"_s, u"dev-insp"_s, { mutation(m_sent, u"document.issue"_s, record, args) });
    ASSERT_EQ(replay->status, 200) << replay->body;
    EXPECT_EQ(code(bodyJson(replay)[u"results"_s][0].toObject()), u"applied"_s);
    EXPECT_EQ(code(issue(u"insp"_s, record, args)), u"applied"_s);
    EXPECT_EQ(documentsDocs(), stored);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log"_s), changeRows);
    EXPECT_EQ(
        count(u"SELECT COUNT(*) FROM issued_documents WHERE kind = 'inspection_record'"_s), 1);
}

TEST_F(IssuedDocumentKindsTest, TheReinspectionOpinionFollowsTheReinspectionToItsEnterprise)
{
    const QJsonArray one { hazards[0] };
    const QString before = documentsDocs();
    // Not re-inspected yet: no opinion.
    EXPECT_EQ(
        code(issue(u"insp"_s, uuid(), kindArgs(u"reinspection_opinion"_s, 0, opinionPdf, one))),
        u"not_reinspected"_s);
    EXPECT_EQ(documentsDocs(), before);

    auto r = push(u"enta"_s, u"doc-enta"_s,
        { mutation(++m_others[u"enta"_s], u"rectification.submit"_s, uuid(),
            { { u"hazard_id"_s, hazards[0] }, { u"note"_s, u"光幕已修复"_s } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    ASSERT_EQ(code(bodyJson(r)[u"results"_s][0].toObject()), u"applied"_s);
    r = push(u"insp"_s, u"dev-insp"_s,
        { mutation(next(), u"rectification.verify"_s, uuid(),
            { { u"hazard_id"_s, hazards[0] }, { u"note"_s, u"复查合格"_s } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    ASSERT_EQ(code(bodyJson(r)[u"results"_s][0].toObject()), u"applied"_s);

    QString cursorA;
    pullAll(u"enta"_s, {}, &cursorA);
    const QString opinion = uuid();
    ASSERT_EQ(
        code(issue(u"insp"_s, opinion, kindArgs(u"reinspection_opinion"_s, 0, opinionPdf, one))),
        u"applied"_s);
    const QJsonArray changes = pullAll(u"enta"_s, cursorA);
    const QJsonObject got = find(changes, u"document"_s, opinion)[u"fields"_s].toObject();
    EXPECT_EQ(got[u"kind"_s].toString(), u"reinspection_opinion"_s);
    EXPECT_EQ(got[u"hazard_ids"_s].toArray(), one);
    EXPECT_EQ(got[u"inspection_id"_s].toString(), inspection);
    EXPECT_EQ(QByteArray::fromStdString(getBlob(u"enta"_s, sha(opinionPdf))->body), opinionPdf);
    EXPECT_TRUE(find(pullAll(u"entb"_s), u"document"_s, opinion).isEmpty());
    EXPECT_EQ(getBlob(u"entb"_s, sha(opinionPdf))->status, 404);
}

TEST_F(IssuedDocumentKindsTest, TheWrongRoleOrMalformedDocumentsAreRefusedAndChangeNothing)
{
    const QString before = documentsDocs();
    // A PDF nobody uploaded yet may be named, so what is judged is the document.
    const QJsonObject record
        = kindArgs(u"inspection_record"_s, 0, QByteArrayLiteral("%PDF-1.4 not uploaded yet"));
    // Only the inspection's inspectors issue its record: the enterprise never sees the
    // inspection, a supervisor may not issue, another street's inspector does not reach it.
    EXPECT_EQ(code(issue(u"enta"_s, uuid(), record)), u"not_found"_s);
    EXPECT_EQ(code(issue(u"sup"_s, uuid(), record)), u"not_allowed"_s);
    EXPECT_EQ(code(issue(u"south"_s, uuid(), record)), u"not_found"_s);
    // A number outside the record blocks, one printed as another kind's block prints it, an
    // unknown kind, no inspection.
    EXPECT_EQ(code(issue(u"insp"_s, uuid(), kindArgs(u"inspection_record"_s, 10, recordPdf))),
        u"number_not_reserved"_s);
    QJsonObject orderNumber = kindArgs(u"inspection_record"_s, 0, recordPdf);
    orderNumber.insert(
        u"number"_s, u"%1%2号"_s.arg(prefix).arg(orderNumber[u"serial"_s].toInteger()));
    EXPECT_EQ(code(issue(u"insp"_s, uuid(), orderNumber)), u"invalid_number"_s);
    QJsonObject unknown = record;
    unknown.insert(u"kind"_s, u"penalty_decision"_s);
    EXPECT_EQ(code(issue(u"insp"_s, uuid(), unknown)), u"invalid_document_kind"_s);
    QJsonObject noInspection = record;
    noInspection.remove(u"inspection_id"_s);
    EXPECT_EQ(code(issue(u"insp"_s, uuid(), noInspection)), u"missing_field"_s);
    // An opinion names exactly one hazard, of the inspection it names.
    EXPECT_EQ(code(issue(u"insp"_s, uuid(),
                  kindArgs(u"reinspection_opinion"_s, 0, opinionPdf,
                      QJsonArray { hazards[0], hazards[1] }))),
        u"missing_field"_s);
    EXPECT_EQ(documentsDocs(), before) << "a refusal changes nothing";

    // A record of an inspection still in progress waits for its finish.
    const QString open = uuid();
    auto r = push(u"insp"_s, u"dev-insp"_s,
        { mutation(next(), u"inspection.create"_s, open,
            { { u"enterprise_id"_s, entA }, { u"kind"_s, u"plan"_s }, { u"mode"_s, u"guidance"_s },
                { u"inspector_ids"_s, QJsonArray { userIdOf(u"insp"_s) } },
                { u"template_refs"_s, QJsonArray {} },
                { u"started_at"_s, u"2026-11-26T01:00:00.000Z"_s } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QString opened = documentsDocs();
    QJsonObject early = record;
    early.insert(u"inspection_id"_s, open);
    EXPECT_EQ(code(issue(u"insp"_s, uuid(), early)), u"inspection_not_finished"_s);

    // Another document under an id that exists is refused; the first stays as it was.
    const QString id = uuid();
    ASSERT_EQ(code(issue(u"insp"_s, id, record)), u"applied"_s);
    const QString issued = documentsDocs();
    EXPECT_NE(issued, opened);
    EXPECT_EQ(code(issue(u"insp"_s, id, kindArgs(u"inspection_record"_s, 1, recordPdf))),
        u"already_exists"_s);
    EXPECT_EQ(documentsDocs(), issued);
}

TEST_F(IssuedDocumentKindsTest, TheOrderIsAlsoADocumentOfItsEnterprise)
{
    const QString order = uuid();
    ASSERT_EQ(
        code(issue(u"insp"_s, order, issueArgs(first, QJsonArray { hazards[0], hazards[1] }))),
        u"applied"_s);
    const QJsonObject got = find(pullAll(u"enta"_s), u"document"_s, order)[u"fields"_s].toObject();
    EXPECT_EQ(got[u"kind"_s].toString(), u"rectification_order"_s);
    EXPECT_EQ(got[u"number"_s].toString(), numberOf(first));
    EXPECT_EQ(got[u"hazard_ids"_s].toArray(), (QJsonArray { hazards[0], hazards[1] }));
    EXPECT_TRUE(find(pullAll(u"entb"_s), u"document"_s, order).isEmpty());
}
