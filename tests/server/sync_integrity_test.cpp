// Ids and references: a pushed mutation never takes over a record or reaches outside its
// scope (SQLite and PostgreSQL, see synctestsupport.h).
#include "synctestsupport.h"

// ---- Ids and references: a pushed mutation never takes over or reaches outside its scope ----

namespace {

/// Pushes crafted mutations one at a time (each user from its own device, numbered in turn)
/// and compares the stored records before and after.
class PushIntegrityTest : public SyncApiTest {
protected:
    /// The result item of one mutation pushed alone by `user`.
    QJsonObject pushOne(
        const QString& user, const QString& name, const QString& id, const QJsonObject& args)
    {
        const qint64 n = ++m_sent[user];
        auto r = push(user, u"integrity-"_s + user, { mutation(n, name, id, args) });
        EXPECT_EQ(r->status, 200) << r->body;
        return bodyJson(r)[u"results"_s][0].toObject();
    }

    /// "applied", or the error code of a rejected mutation.
    QString outcome(const QJsonObject& result)
    {
        return result[u"status"_s].toString() == u"rejected"_s
            ? result[u"error"_s][u"code"_s].toString()
            : result[u"status"_s].toString();
    }

    /// Pushes a mutation that must apply; returns `id`.
    QString made(
        const QString& user, const QString& name, const QString& id, const QJsonObject& args)
    {
        const QJsonObject r = pushOne(user, name, id, args);
        EXPECT_EQ(r[u"status"_s].toString(), u"applied"_s)
            << name.toStdString() << " as " << user.toStdString() << ": "
            << QJsonDocument(r).toJson(QJsonDocument::Compact).toStdString();
        return id;
    }

    /// Every stored record of the entities mutations write: id, doc, versions, deleted.
    QStringList snapshot()
    {
        QStringList rows;
        auto db = srv.store().connection();
        for (const auto& entity : { u"enterprise"_s, u"inspection"_s, u"answer"_s, u"hazard"_s,
                 u"rectification_event"_s, u"comment"_s, u"plan"_s, u"recusal"_s, u"document"_s }) {
            auto q = server::run(db.value(),
                u"SELECT id, doc, versions, deleted FROM %1 ORDER BY id"_s.arg(
                    core::tableOf(entity)));
            EXPECT_TRUE(q.ok()) << entity.toStdString();
            if (!q.ok())
                continue;
            while (q.value().next())
                rows << u"%1 %2 %3 %4 %5"_s.arg(entity, q.value().value(0).toString(),
                    q.value().value(1).toString(), q.value().value(2).toString(),
                    q.value().value(3).toString());
        }
        return rows;
    }

    QJsonObject stored(const QString& entity, const QString& id)
    {
        auto db = srv.store().connection();
        auto r = core::loadRecord(db.value(), entity, id);
        EXPECT_TRUE(r.ok() && r->has_value()) << entity.toStdString() << " " << id.toStdString();
        return r.ok() && r->has_value() ? (*r)->fields : QJsonObject {};
    }

    QJsonObject inspectionArgs(const QString& enterprise, const QJsonArray& inspectors)
    {
        return { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"plan"_s },
            { u"mode"_s, u"guidance"_s }, { u"inspector_ids"_s, inspectors },
            { u"template_refs"_s, QJsonArray {} },
            { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } };
    }

    QJsonObject answerArgs(
        const QString& inspection, const QString& item, const QString& result = u"pass"_s)
    {
        return { { u"inspection_id"_s, inspection }, { u"item_code"_s, item },
            { u"result"_s, result } };
    }

    static QJsonObject finishArgs()
    {
        return { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s },
            { u"refusal_note"_s, u"the manager refused to sign"_s } };
    }

    static QJsonObject note(const QString& hazard)
    {
        return { { u"hazard_id"_s, hazard }, { u"note"_s, u"done"_s } };
    }

    QHash<QString, qint64> m_sent;
};

} // namespace

TEST_F(PushIntegrityTest, EveryCreateRefusesAnIdThatExistsAndLeavesTheStoredRecordAsItWas)
{
    // Someone else's records of every kind: South's inspection (with an answer, then finished),
    // a hazard, its events and an inspector's comment, a plan and an enterprise.
    const QString south = userIdOf(u"south"_s);
    const QString north = userIdOf(u"north"_s);
    const QString inspB = made(
        u"south"_s, u"inspection.create"_s, uuid(), inspectionArgs(entB, QJsonArray { south }));
    const QString answerB
        = made(u"south"_s, u"answer.set"_s, uuid(), answerArgs(inspB, u"ST-01"_s, u"fail"_s));
    made(u"south"_s, u"inspection.finish"_s, inspB, finishArgs());
    const QString hazB
        = made(u"south"_s, u"hazard.create"_s, uuid(), hazardArgs(entB, u"Furnace guard"_s));
    const QString submitB = made(u"entb"_s, u"rectification.submit"_s, uuid(), note(hazB));
    const QString commentB = made(u"south"_s, u"comment.add"_s, uuid(),
        { { u"record_id"_s, inspB }, { u"text"_s, u"the inspector's remark"_s } });
    const QString plan = made(u"sup"_s, u"plan.upsert"_s, uuid(),
        { { u"year"_s, 2027 }, { u"title"_s, u"Key enterprises"_s }, { u"kind"_s, u"key"_s },
            { u"enterprise_ids"_s, QJsonArray { entB } },
            { u"inspector_ids"_s, QJsonArray { south } } });
    const QString recusal = made(u"sup"_s, u"recusal.upsert"_s, uuid(),
        { { u"inspector_id"_s, south }, { u"enterprise_id"_s, entB },
            { u"reason"_s, u"Former employer"_s } });
    // South's inspection record, numbered from South's block.
    const QByteArray recordPdf("%PDF-1.4 South's record\n%%EOF\n");
    ASSERT_EQ(putBlob(u"south"_s, recordPdf)->status, 201);
    auto block = reserveNumbers(u"south"_s, u"inspection_record"_s, 1);
    ASSERT_EQ(block->status, 200) << block->body;
    const QJsonObject southBlock = bodyJson(block);
    const QString recordB = made(u"south"_s, u"document.issue"_s, uuid(),
        { { u"kind"_s, u"inspection_record"_s },
            { u"number"_s,
                u"%1%2号"_s.arg(southBlock[u"prefix"_s].toString())
                    .arg(southBlock[u"from"_s].toInteger()) },
            { u"year"_s, southBlock[u"year"_s].toInt() },
            { u"serial"_s, southBlock[u"from"_s].toInteger() }, { u"inspection_id"_s, inspB },
            { u"attachments"_s,
                QJsonArray { QJsonObject {
                    { u"id"_s, sha(recordPdf) }, { u"mime"_s, u"application/pdf"_s } } } } });
    // And in the North, where the attackers may work: an open hazard and North's inspection,
    // a finished one and a re-inspected hazard.
    const QString hazA
        = made(u"north"_s, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Press guard"_s));
    const QString inspA = made(
        u"north"_s, u"inspection.create"_s, uuid(), inspectionArgs(entA, QJsonArray { north }));
    const QString finishedA = made(
        u"north"_s, u"inspection.create"_s, uuid(), inspectionArgs(entA, QJsonArray { north }));
    made(u"north"_s, u"inspection.finish"_s, finishedA, finishArgs());
    const QString verifiedA
        = made(u"north"_s, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Belt guard"_s));
    made(u"enta"_s, u"rectification.submit"_s, uuid(), note(verifiedA));
    made(u"north"_s, u"rectification.verify"_s, uuid(), note(verifiedA));

    struct Attempt {
        QString user;
        QString name;
        QString id; ///< an id that exists
        QJsonObject args; ///< otherwise a valid create in the user's own scope
        QString expected;
    };
    const QList<Attempt> attempts {
        { u"north"_s, u"inspection.create"_s, inspB, inspectionArgs(entA, QJsonArray { north }),
            u"already_exists"_s },
        { u"north"_s, u"hazard.create"_s, hazB, hazardArgs(entA, u"Taken over?"_s),
            u"already_exists"_s },
        // An answer id of a finished inspection, into the attacker's own editable inspection.
        { u"north"_s, u"answer.set"_s, answerB, answerArgs(inspA, u"ST-01"_s),
            u"already_exists"_s },
        { u"enta"_s, u"rectification.submit"_s, submitB, note(hazA), u"already_exists"_s },
        { u"sup"_s, u"rectification.escalate"_s, submitB, note(hazA), u"already_exists"_s },
        { u"north"_s, u"comment.add"_s, commentB,
            { { u"record_id"_s, hazA }, { u"text"_s, u"x"_s } }, u"already_exists"_s },
        { u"enta"_s, u"comment.add"_s, commentB,
            { { u"record_id"_s, hazA }, { u"text"_s, u"x"_s } }, u"already_exists"_s },
        // Create-or-merge by design, for supervisors and administrators only.
        { u"north"_s, u"plan.upsert"_s, plan,
            { { u"year"_s, 2027 }, { u"title"_s, u"Mine"_s },
                { u"enterprise_ids"_s, QJsonArray { entA } } },
            u"not_allowed"_s },
        { u"enta"_s, u"enterprise.upsert"_s, entB, enterpriseArgs(u"Renamed"_s, u"North"_s),
            u"not_allowed"_s },
        // An inspector withdrawing the recusal that keeps them away.
        { u"south"_s, u"recusal.upsert"_s, recusal,
            { { u"inspector_id"_s, south }, { u"enterprise_id"_s, entB },
                { u"reason"_s, u"Former employer"_s }, { u"withdrawn"_s, true } },
            u"not_allowed"_s },
        { u"north"_s, u"enterprise.upsert"_s, entA, enterpriseArgs(u"Renamed"_s, u"North"_s),
            u"not_allowed"_s },
        // An order on South's inspection and hazard, out of North's streets.
        { u"north"_s, u"document.issue"_s, uuid(),
            { { u"kind"_s, u"rectification_order"_s }, { u"number"_s, u"(北)责改〔2026〕1号"_s },
                { u"year"_s, 2026 }, { u"serial"_s, 1 }, { u"inspection_id"_s, inspB },
                { u"hazard_ids"_s, QJsonArray { hazB } },
                { u"attachments"_s, QJsonArray { sha("order of another street") } } },
            u"not_found"_s },
        // South's record taken over by a record and an opinion North may otherwise issue.
        { u"north"_s, u"document.issue"_s, recordB,
            { { u"kind"_s, u"inspection_record"_s }, { u"number"_s, u"(北)检记〔2026〕1号"_s },
                { u"year"_s, 2026 }, { u"serial"_s, 1 }, { u"inspection_id"_s, finishedA },
                { u"attachments"_s, QJsonArray { sha("North's own record") } } },
            u"already_exists"_s },
        { u"north"_s, u"document.issue"_s, recordB,
            { { u"kind"_s, u"reinspection_opinion"_s }, { u"number"_s, u"(北)复查〔2026〕1号"_s },
                { u"year"_s, 2026 }, { u"serial"_s, 1 },
                { u"hazard_ids"_s, QJsonArray { verifiedA } },
                { u"attachments"_s, QJsonArray { sha("North's own opinion") } } },
            u"already_exists"_s },
    };
    // rectification.verify and .reject need a submitted hazard in scope.
    const QString submitted
        = made(u"north"_s, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Chain guard"_s));
    made(u"enta"_s, u"rectification.submit"_s, uuid(), note(submitted));
    QList<Attempt> all = attempts;
    all.append(
        { u"north"_s, u"rectification.verify"_s, submitB, note(submitted), u"already_exists"_s });
    all.append(
        { u"north"_s, u"rectification.reject"_s, submitB, note(submitted), u"already_exists"_s });

    QSet<QString> covered;
    for (const Attempt& a : std::as_const(all)) {
        SCOPED_TRACE((a.user + u' ' + a.name).toStdString());
        covered.insert(a.name);
        const QStringList before = snapshot();
        EXPECT_EQ(outcome(pushOne(a.user, a.name, a.id, a.args)), a.expected);
        EXPECT_EQ(snapshot(), before) << "nothing changed";
    }
    // Every mutation that makes a record is covered.
    for (const auto& name : core::mutationNames()) {
        const bool makesARecord = !name.endsWith(u".update"_s) && !name.endsWith(u".delete"_s)
            && name != u"inspection.finish"_s;
        EXPECT_TRUE(!makesARecord || covered.contains(name)) << name.toStdString();
    }

    // What the attack aimed at is as it was.
    EXPECT_EQ(stored(u"comment"_s, commentB)[u"text"_s].toString(), u"the inspector's remark"_s);
    EXPECT_EQ(stored(u"comment"_s, commentB)[u"author_id"_s].toString(), south);
    EXPECT_EQ(stored(u"answer"_s, answerB)[u"inspection_id"_s].toString(), inspB);
    EXPECT_EQ(stored(u"answer"_s, answerB)[u"result"_s].toString(), u"fail"_s);
    EXPECT_EQ(stored(u"hazard"_s, hazB)[u"enterprise_id"_s].toString(), entB);
    EXPECT_EQ(stored(u"hazard"_s, hazA)[u"status"_s].toString(), u"open"_s);
    EXPECT_EQ(stored(u"document"_s, recordB)[u"inspection_id"_s].toString(), inspB);
    EXPECT_EQ(stored(u"document"_s, recordB)[u"issued_by"_s].toString(), south);
}

TEST_F(PushIntegrityTest, AnswersChangeOnlyWhileTheirInspectionIsOpen)
{
    const QString north = userIdOf(u"north"_s);
    const QString insp = made(
        u"north"_s, u"inspection.create"_s, uuid(), inspectionArgs(entA, QJsonArray { north }));
    const QString answer
        = made(u"north"_s, u"answer.set"_s, uuid(), answerArgs(insp, u"ST-01"_s, u"pass"_s));
    // Re-setting one's own answer is the edit path, by its id or (a second device) by the item.
    EXPECT_EQ(outcome(pushOne(
                  u"north"_s, u"answer.set"_s, answer, answerArgs(insp, u"ST-01"_s, u"fail"_s))),
        u"applied"_s);
    EXPECT_EQ(outcome(pushOne(
                  u"north"_s, u"answer.set"_s, uuid(), answerArgs(insp, u"ST-01"_s, u"na"_s))),
        u"applied"_s);
    EXPECT_EQ(stored(u"answer"_s, answer)[u"result"_s].toString(), u"na"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM answers"_s), 1);
    // Its id may not be reused for another item of the same inspection either.
    EXPECT_EQ(outcome(pushOne(u"north"_s, u"answer.set"_s, answer, answerArgs(insp, u"ST-02"_s))),
        u"already_exists"_s);

    made(u"north"_s, u"inspection.finish"_s, insp, finishArgs());
    const QStringList before = snapshot();
    EXPECT_EQ(outcome(pushOne(
                  u"north"_s, u"answer.set"_s, answer, answerArgs(insp, u"ST-01"_s, u"pass"_s))),
        u"inspection_finished"_s);
    EXPECT_EQ(outcome(pushOne(u"north"_s, u"answer.set"_s, uuid(), answerArgs(insp, u"ST-03"_s))),
        u"inspection_finished"_s);
    EXPECT_EQ(snapshot(), before);
}

namespace {

/// What a matrix row's reference names: a record in the actor's own scope, one in another
/// scope (another street, another enterprise, a user who is no inspector), or none at all.
enum class Variant { Own, Other, Missing };

/// Which records a reference field names (the values of the three variants).
enum class Target { Enterprise, Inspection, OpenHazard, SubmittedHazard, Comment, Inspector };

/// Fresh records for one matrix row: A is in the North (enterprise A), B in the South
/// (enterprise B). North's inspector is on inspA and recorded hazA; South's on inspB and hazB.
struct World {
    QString inspA, inspB, hazA, hazB, subA, subB, comA, comB;
};

/// One reference of one mutation kind, tried by every role with each variant. Expected:
/// "applied" or the error code of the rejection, for {own, other scope, missing}.
struct MatrixRow {
    QString mutation;
    QString field;
    Target target;
    std::array<QString, 3> north; ///< inspector limited to the North street
    std::array<QString, 3> enta; ///< enterprise user of enterprise A (North)
    std::array<QString, 3> sup; ///< supervisor (whole district)
};

} // namespace

TEST_F(PushIntegrityTest, EveryReferenceMustExistAndBeInTheCallersScope)
{
    const QString A = u"applied"_s;
    const QString NF = u"not_found"_s;
    const QString NA = u"not_allowed"_s;
    // clang-format off
    const QList<MatrixRow> rows {
        // mutation                   field             target                   north (own, other, missing)  enta            sup
        { u"inspection.create"_s,     u"enterprise_id"_s, Target::Enterprise,      { A, NF, NF },   { NA, NF, NF }, { NA, NA, NF } },
        { u"inspection.create"_s,     u"inspector_ids"_s, Target::Inspector,       { A, NF, NF },   { NA, NF, NF }, { NA, NF, NF } },
        { u"inspection.update"_s,     u"inspector_ids"_s, Target::Inspector,       { A, NF, NF },   { NF, NF, NF }, { NA, NF, NF } },
        { u"inspection.update"_s,     u"entity_id"_s,     Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { NA, NA, NF } },
        { u"inspection.finish"_s,     u"entity_id"_s,     Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { NA, NA, NF } },
        { u"inspection.delete"_s,     u"entity_id"_s,     Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { NA, NA, NF } },
        { u"answer.set"_s,            u"inspection_id"_s, Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { NA, NA, NF } },
        { u"hazard.create"_s,         u"enterprise_id"_s, Target::Enterprise,      { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"hazard.create"_s,         u"inspection_id"_s, Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { A, u"reference_mismatch"_s, NF } },
        { u"hazard.update"_s,         u"entity_id"_s,     Target::OpenHazard,      { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"hazard.delete"_s,         u"entity_id"_s,     Target::OpenHazard,      { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"rectification.submit"_s,  u"hazard_id"_s,     Target::OpenHazard,      { NA, NF, NF },  { A, NF, NF },  { NA, NA, NF } },
        { u"rectification.verify"_s,  u"hazard_id"_s,     Target::SubmittedHazard, { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"rectification.reject"_s,  u"hazard_id"_s,     Target::SubmittedHazard, { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"rectification.escalate"_s, u"hazard_id"_s,    Target::OpenHazard,      { A, NF, NF },   { NA, NF, NF }, { A, A, NF } },
        { u"comment.add"_s,           u"record_id"_s,     Target::OpenHazard,      { A, NF, NF },   { A, NF, NF },  { A, A, NF } },
        { u"comment.add"_s,           u"record_id"_s,     Target::Inspection,      { A, NF, NF },   { NF, NF, NF }, { A, A, NF } },
        { u"comment.delete"_s,        u"entity_id"_s,     Target::Comment,         { A, NF, NF },   { A, NF, NF },  { A, NA, NF } },
        { u"plan.upsert"_s,           u"enterprise_ids"_s, Target::Enterprise,     { NA, NF, NF },  { NA, NF, NF }, { A, A, NF } },
        { u"plan.upsert"_s,           u"inspector_ids"_s, Target::Inspector,       { NA, NF, NF },  { NA, NF, NF }, { A, NF, NF } },
        { u"recusal.upsert"_s,        u"enterprise_id"_s, Target::Enterprise,      { NA, NF, NF },  { NA, NF, NF }, { A, A, NF } },
        { u"recusal.upsert"_s,        u"inspector_id"_s,  Target::Inspector,       { NA, NF, NF },  { NA, NF, NF }, { A, NF, NF } },
        // The world's inspections are guidance ones, which issue no order: past the references,
        // the rule refuses it.
        { u"document.issue"_s,        u"inspection_id"_s, Target::Inspection,      { u"not_enforcement"_s, NF, NF }, { NF, NF, NF }, { NA, NA, NF } },
        { u"document.issue"_s,        u"hazard_ids"_s,    Target::OpenHazard,      { u"not_enforcement"_s, NF, NF }, { NF, NF, NF }, { NA, NA, NF } },
    };
    // The other document kinds, their references tried the same way: past them, a record of
    // the world's unfinished inspections waits for the finish, an opinion for a re-inspection.
    const QString NR = u"not_reinspected"_s;
    const QString NFin = u"inspection_not_finished"_s;
    const QString RM = u"reference_mismatch"_s;
    const QList<std::pair<QString, MatrixRow>> kindRows {
        { u"inspection_record"_s, { u"document.issue"_s, u"inspection_id"_s, Target::Inspection,      { NFin, NF, NF }, { NF, NF, NF }, { NA, NA, NF } } },
        { u"inspection_record"_s, { u"document.issue"_s, u"hazard_ids"_s,    Target::OpenHazard,      { NFin, NF, NF }, { NF, NF, NF }, { NA, NA, NF } } },
        { u"reinspection_opinion"_s, { u"document.issue"_s, u"hazard_ids"_s, Target::SubmittedHazard, { NR, NF, NF },   { NA, NF, NF }, { NA, NA, NF } } },
        { u"reinspection_opinion"_s, { u"document.issue"_s, u"inspection_id"_s, Target::Inspection,   { RM, NF, NF },   { NF, NF, NF }, { NA, NA, NF } } },
    };
    // clang-format on

    // Every reference the applier checks has a row: a new one fails here until it is tried.
    for (const auto& rule : core::referenceRules()) {
        bool found = false;
        for (const auto& row : rows)
            found = found || (row.mutation == rule.mutation && row.field == rule.field);
        EXPECT_TRUE(found) << "no matrix row for " << rule.mutation.toStdString() << " "
                           << rule.field.toStdString();
    }

    const QString north = userIdOf(u"north"_s);
    const QString south = userIdOf(u"south"_s);
    const QString inspector = userIdOf(u"insp"_s);
    const QString enterpriseUser = userIdOf(u"enta"_s);
    const QString missingEnterprise = uscc(99);
    int item = 0;
    QString documentKind = u"rectification_order"_s;

    const auto world = [&](const QString& actor) {
        World w;
        w.inspA = made(
            u"north"_s, u"inspection.create"_s, uuid(), inspectionArgs(entA, QJsonArray { north }));
        w.inspB = made(
            u"south"_s, u"inspection.create"_s, uuid(), inspectionArgs(entB, QJsonArray { south }));
        w.hazA = made(u"north"_s, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Press guard"_s));
        w.hazB = made(u"south"_s, u"hazard.create"_s, uuid(), hazardArgs(entB, u"Furnace"_s));
        w.subA = made(u"sup"_s, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Chain guard"_s));
        w.subB = made(u"sup"_s, u"hazard.create"_s, uuid(), hazardArgs(entB, u"Ladle"_s));
        made(u"enta"_s, u"rectification.submit"_s, uuid(), note(w.subA));
        made(u"entb"_s, u"rectification.submit"_s, uuid(), note(w.subB));
        w.comA = made(actor, u"comment.add"_s, uuid(),
            { { u"record_id"_s, w.hazA }, { u"text"_s, u"mine"_s } });
        w.comB = made(u"entb"_s, u"comment.add"_s, uuid(),
            { { u"record_id"_s, w.hazB }, { u"text"_s, u"theirs"_s } });
        return w;
    };
    // The id (or list of ids) a reference of `target` names for `variant`.
    const auto valueOf = [&](Target target, Variant v, const World& w) -> QString {
        const bool own = v == Variant::Own;
        if (v == Variant::Missing)
            return target == Target::Enterprise ? missingEnterprise : uuid();
        switch (target) {
        case Target::Enterprise:
            return own ? entA : entB;
        case Target::Inspection:
            return own ? w.inspA : w.inspB;
        case Target::OpenHazard:
            return own ? w.hazA : w.hazB;
        case Target::SubmittedHazard:
            return own ? w.subA : w.subB;
        case Target::Comment:
            return own ? w.comA : w.comB;
        case Target::Inspector:
            return own ? inspector : enterpriseUser; // a user, but no inspector
        }
        return {};
    };
    // A mutation that is valid in every other respect, its references all "own"; the row's
    // field then set to the variant's value. Returns {entity_id, args}.
    const auto build = [&](const MatrixRow& row, const QString& value, const World& w) {
        QString id = uuid();
        QJsonObject args;
        const QString& m = row.mutation;
        if (m == u"inspection.create"_s) {
            args = inspectionArgs(entA, QJsonArray { north });
        } else if (m == u"inspection.update"_s) {
            id = w.inspA;
            args = { { u"kind"_s, u"random"_s } };
        } else if (m == u"inspection.finish"_s) {
            id = w.inspA;
            args = finishArgs();
        } else if (m == u"inspection.delete"_s) {
            id = w.inspA;
        } else if (m == u"answer.set"_s) {
            args = answerArgs(w.inspA, u"IT-%1"_s.arg(++item));
        } else if (m == u"hazard.create"_s) {
            args = hazardArgs(entA, u"Guard missing"_s);
        } else if (m == u"hazard.update"_s) {
            id = w.hazA;
            args = { { u"place"_s, u"Line 9"_s } };
        } else if (m == u"hazard.delete"_s) {
            id = w.hazA;
        } else if (m.startsWith(u"rectification."_s)) {
            args
                = note(m == u"rectification.submit"_s || m == u"rectification.escalate"_s ? w.hazA
                                                                                          : w.subA);
        } else if (m == u"comment.add"_s) {
            args = { { u"record_id"_s, w.hazA }, { u"text"_s, u"a remark"_s } };
        } else if (m == u"comment.delete"_s) {
            id = w.comA;
        } else if (m == u"document.issue"_s && documentKind == u"reinspection_opinion"_s) {
            args = { { u"kind"_s, documentKind }, { u"number"_s, u"(北)复查〔2026〕1号"_s },
                { u"year"_s, 2026 }, { u"serial"_s, 1 }, { u"hazard_ids"_s, QJsonArray { w.subA } },
                { u"attachments"_s, QJsonArray { sha("the opinion of a matrix row") } } };
        } else if (m == u"document.issue"_s) {
            args = { { u"kind"_s, documentKind }, { u"number"_s, u"(北)责改〔2026〕1号"_s },
                { u"year"_s, 2026 }, { u"serial"_s, 1 }, { u"inspection_id"_s, w.inspA },
                { u"hazard_ids"_s, QJsonArray { w.hazA } },
                { u"attachments"_s, QJsonArray { sha("the order of a matrix row") } } };
        } else if (m == u"recusal.upsert"_s) {
            args = { { u"inspector_id"_s, north }, { u"enterprise_id"_s, entA },
                { u"reason"_s, u"Former employer"_s } };
        } else if (m == u"plan.upsert"_s) {
            args = { { u"year"_s, 2027 }, { u"title"_s, u"Key enterprises"_s },
                { u"kind"_s, u"key"_s }, { u"enterprise_ids"_s, QJsonArray { entA } },
                { u"inspector_ids"_s, QJsonArray { north } } };
        }
        if (row.field == u"entity_id"_s)
            id = value;
        else if (row.field.endsWith(u"_ids"_s))
            args.insert(row.field,
                row.mutation.startsWith(u"inspection."_s) ? QJsonArray { north, value }
                                                          : QJsonArray { value });
        else
            args.insert(row.field, value);
        return std::pair { id, args };
    };

    QList<std::pair<QString, MatrixRow>> allRows;
    for (const MatrixRow& row : rows)
        allRows.append({ u"rectification_order"_s, row });
    allRows.append(kindRows);
    for (const auto& [kind, row] : std::as_const(allRows)) {
        documentKind = kind;
        for (const auto& [actor, expected] : { std::pair { u"north"_s, row.north },
                 std::pair { u"enta"_s, row.enta }, std::pair { u"sup"_s, row.sup } }) {
            for (const Variant v : { Variant::Own, Variant::Other, Variant::Missing }) {
                const char* variant = v == Variant::Own ? "own"
                    : v == Variant::Other               ? "other scope"
                                                        : "missing";
                SCOPED_TRACE(
                    u"%1 (%5) %2 by %3, %4"_s
                        .arg(row.mutation, row.field, actor, QString::fromLatin1(variant), kind)
                        .toStdString());
                const World w = world(actor);
                const auto [id, args] = build(row, valueOf(row.target, v, w), w);
                const QStringList before = snapshot();
                const QJsonObject result = pushOne(actor, row.mutation, id, args);
                const QString want = expected[static_cast<std::size_t>(v)];
                EXPECT_EQ(outcome(result), want)
                    << QJsonDocument(result).toJson(QJsonDocument::Compact).toStdString();
                if (want != A) {
                    EXPECT_EQ(snapshot(), before) << "a rejected mutation changes nothing";
                } else {
                    EXPECT_NE(snapshot(), before);
                }
            }
        }
    }
}
