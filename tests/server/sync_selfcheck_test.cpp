// Enterprise self-checks (企业自查) over push and pull: the enterprise runs them on itself and
// rectifies and closes what it found; no one else changes them, and only its own devices and the
// inspectors of its street receive them (SQLite and PostgreSQL, see synctestsupport.h).
#include "synctestsupport.h"

namespace {

QJsonObject selfCheckArgs(const QString& enterprise)
{
    return { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"self_check"_s },
        { u"mode"_s, u"guidance"_s }, { u"inspector_ids"_s, QJsonArray {} },
        { u"template_refs"_s, QJsonArray { u"AP-STAMP@1"_s } },
        { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } };
}

QJsonObject selfHazardArgs(const QString& enterprise, const QString& inspection)
{
    QJsonObject a = hazardArgs(enterprise, u"Emergency stop of press 3 not working"_s);
    a.insert(u"source"_s, u"self_check"_s);
    a.insert(u"inspection_id"_s, inspection);
    a.insert(u"item_code"_s, u"AP-STAMP-03"_s);
    return a;
}

QJsonObject with(QJsonObject o, const QString& key, const QJsonValue& value)
{
    o.insert(key, value);
    return o;
}

QString resultCode(const httplib::Result& r, int index = 0)
{
    const QJsonObject res = bodyJson(r)[u"results"_s][index].toObject();
    return res[u"status"_s].toString() == u"rejected"_s ? res[u"error"_s][u"code"_s].toString()
                                                        : res[u"status"_s].toString();
}

} // namespace

/// The self-check `sc`, one failed answer and the hazard `sh` it found, by enterprise A's user.
class SelfCheckSyncTest : public SyncApiTest {
protected:
    void SetUp() override
    {
        SyncApiTest::SetUp();
        auto r = push(u"enta"_s, u"dev-enta"_s,
            { mutation(1, u"inspection.create"_s, sc, selfCheckArgs(entA)),
                mutation(2, u"answer.set"_s, answer,
                    { { u"inspection_id"_s, sc }, { u"item_code"_s, u"AP-STAMP-03"_s },
                        { u"result"_s, u"fail"_s }, { u"note"_s, u"stop button dead"_s } }),
                mutation(3, u"hazard.create"_s, sh, selfHazardArgs(entA, sc)) });
        ASSERT_EQ(r->status, 200) << r->body;
        for (int i = 0; i < 3; ++i)
            ASSERT_EQ(resultCode(r, i), u"applied"_s) << r->body;
    }

    /// Rows that any refused mutation would have touched.
    /// The records any refused mutation would have written.
    qint64 rows()
    {
        return count(u"SELECT (SELECT COUNT(*) FROM inspections) + (SELECT COUNT(*) FROM answers) "
                     u"+ (SELECT COUNT(*) FROM hazards) + (SELECT COUNT(*) FROM "
                     u"rectification_events) + (SELECT COUNT(*) FROM conflicts)"_s);
    }

    QString hazardStatus(const QString& id)
    {
        auto db = srv.store().connection();
        auto q = server::run(db.value(), u"SELECT status FROM hazards WHERE id = ?"_s, { id });
        return q.ok() && q.value().next() ? q.value().value(0).toString() : QString();
    }

    const QString sc = uuid();
    const QString answer = uuid();
    const QString sh = uuid();
};

TEST_F(SelfCheckSyncTest, TheEnterpriseReceivesItsSelfCheckAtOnceAndAnotherEnterpriseNever)
{
    const QJsonArray a = pullAll(u"enta"_s);
    const QJsonObject insp = find(a, u"inspection"_s, sc);
    ASSERT_FALSE(insp.isEmpty());
    EXPECT_EQ(insp[u"fields"_s][u"kind"_s].toString(), u"self_check"_s);
    EXPECT_FALSE(find(a, u"answer"_s, answer).isEmpty());
    // Its own finding is not held back while the self-check is still in progress.
    const QJsonObject hazard = find(a, u"hazard"_s, sh);
    ASSERT_FALSE(hazard.isEmpty());
    EXPECT_EQ(hazard[u"fields"_s][u"source"_s].toString(), u"self_check"_s);

    const QJsonArray b = pullAll(u"entb"_s);
    for (const auto& c : b)
        EXPECT_NE(c[u"fields"_s][u"enterprise_id"_s].toString(), entA)
            << c[u"id"_s].toString().toStdString();
    EXPECT_TRUE(find(b, u"inspection"_s, sc).isEmpty());
    EXPECT_TRUE(find(b, u"answer"_s, answer).isEmpty());
    EXPECT_TRUE(find(b, u"hazard"_s, sh).isEmpty());

    // The inspectors of A's street see the record; those of another street do not.
    const QJsonArray north = pullAll(u"north"_s);
    EXPECT_FALSE(find(north, u"inspection"_s, sc).isEmpty());
    EXPECT_FALSE(find(north, u"hazard"_s, sh).isEmpty());
    const QJsonArray south = pullAll(u"south"_s);
    EXPECT_TRUE(find(south, u"inspection"_s, sc).isEmpty());
    EXPECT_TRUE(find(south, u"hazard"_s, sh).isEmpty());
}

TEST_F(SelfCheckSyncTest, AnInspectorsUnfinishedInspectionStaysOutOfTheEnterprisesSight)
{
    const QString inspection = uuid();
    const QString hazard = uuid();
    const QJsonObject onInspection
        = with(hazardArgs(entA, u"Guard missing"_s), u"inspection_id"_s, inspection);
    auto r = push(u"insp"_s, u"dev-insp"_s,
        { inspectionCreate(1, inspection, entA, u"insp"_s),
            mutation(2, u"hazard.create"_s, hazard, onInspection) });
    ASSERT_EQ(resultCode(r, 1), u"applied"_s) << r->body;
    const QJsonArray a = pullAll(u"enta"_s);
    EXPECT_TRUE(find(a, u"inspection"_s, inspection).isEmpty());
    EXPECT_TRUE(find(a, u"hazard"_s, hazard).isEmpty());
    EXPECT_FALSE(find(a, u"hazard"_s, sh).isEmpty());
}

TEST_F(SelfCheckSyncTest, TheEnterpriseFinishesRectifiesAndClosesWhatItFound)
{
    auto r = push(u"enta"_s, u"dev-enta"_s,
        { mutation(4, u"inspection.finish"_s, sc,
              { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s } }),
            mutation(5, u"rectification.submit"_s, uuid(),
                { { u"hazard_id"_s, sh }, { u"note"_s, u"switch replaced"_s } }),
            mutation(6, u"rectification.verify"_s, uuid(),
                { { u"hazard_id"_s, sh }, { u"note"_s, u"tested on every shift"_s } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(resultCode(r, i), u"applied"_s) << r->body;
    EXPECT_EQ(hazardStatus(sh), u"verified"_s);
    // The inspector of the street sees the closed self-check hazard.
    const QJsonObject seen = find(pullAll(u"north"_s), u"hazard"_s, sh);
    EXPECT_EQ(seen[u"fields"_s][u"status"_s].toString(), u"verified"_s);
}

TEST_F(SelfCheckSyncTest, RefusedSelfCheckMutationsNameTheRuleAndChangeNothing)
{
    const QString inspectorsHazard = createHazard(u"insp"_s, u"dev-insp"_s, 1, entA);
    auto submitted = push(u"enta"_s, u"dev-enta"_s,
        { mutation(4, u"rectification.submit"_s, uuid(),
            { { u"hazard_id"_s, inspectorsHazard }, { u"note"_s, u"fixed"_s } }) });
    ASSERT_EQ(resultCode(submitted), u"applied"_s) << submitted->body;
    const qint64 before = rows();

    // Another enterprise: neither a self-check of A nor a self-check hazard on A.
    auto b = push(u"entb"_s, u"dev-entb"_s,
        { mutation(1, u"inspection.create"_s, uuid(), selfCheckArgs(entA)),
            mutation(2, u"hazard.create"_s, uuid(), selfHazardArgs(entA, sc)),
            mutation(3, u"answer.set"_s, uuid(),
                { { u"inspection_id"_s, sc }, { u"item_code"_s, u"AP-STAMP-04"_s },
                    { u"result"_s, u"pass"_s } }),
            mutation(4, u"rectification.verify"_s, uuid(),
                { { u"hazard_id"_s, sh }, { u"note"_s, u"closed"_s } }) });
    ASSERT_EQ(b->status, 200) << b->body;
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(resultCode(b, i), u"not_found"_s) << b->body;

    // The enterprise itself: never an inspector's hazard, never a hazard not marked as its own.
    QJsonObject unmarked = selfHazardArgs(entA, sc);
    unmarked.remove(u"source"_s);
    auto a = push(u"enta"_s, u"dev-enta"_s,
        { mutation(5, u"rectification.verify"_s, uuid(),
              { { u"hazard_id"_s, inspectorsHazard }, { u"note"_s, u"closed"_s } }),
            mutation(6, u"hazard.update"_s, inspectorsHazard, { { u"place"_s, u"elsewhere"_s } }),
            mutation(7, u"hazard.create"_s, uuid(), unmarked),
            mutation(8, u"inspection.create"_s, uuid(),
                with(selfCheckArgs(entA), u"kind"_s, u"plan"_s)) });
    ASSERT_EQ(a->status, 200) << a->body;
    EXPECT_EQ(resultCode(a, 0), u"not_allowed"_s) << a->body;
    EXPECT_EQ(resultCode(a, 1), u"not_allowed"_s) << a->body;
    EXPECT_EQ(resultCode(a, 2), u"not_allowed"_s) << a->body;
    EXPECT_EQ(resultCode(a, 3), u"not_allowed"_s) << a->body;

    // Inspectors and supervisors: no edit, delete or rectification event on a self-check hazard,
    // and no change to the self-check itself.
    auto i = push(u"north"_s, u"dev-north"_s,
        { mutation(1, u"hazard.update"_s, sh, { { u"place"_s, u"elsewhere"_s } }),
            mutation(2, u"hazard.delete"_s, sh, {}),
            mutation(3, u"rectification.verify"_s, uuid(),
                { { u"hazard_id"_s, sh }, { u"note"_s, u"seen"_s } }),
            mutation(4, u"rectification.escalate"_s, uuid(),
                { { u"hazard_id"_s, sh }, { u"note"_s, u"serious"_s } }),
            mutation(5, u"answer.set"_s, uuid(),
                { { u"inspection_id"_s, sc }, { u"item_code"_s, u"AP-STAMP-04"_s },
                    { u"result"_s, u"pass"_s } }),
            mutation(6, u"hazard.create"_s, uuid(),
                with(hazardArgs(entA, u"Guard missing"_s), u"inspection_id"_s, sc)) });
    ASSERT_EQ(i->status, 200) << i->body;
    for (int k = 0; k < 4; ++k)
        EXPECT_EQ(resultCode(i, k), u"self_check_hazard"_s) << i->body;
    EXPECT_EQ(resultCode(i, 4), u"self_check_inspection"_s) << i->body;
    EXPECT_EQ(resultCode(i, 5), u"reference_mismatch"_s) << i->body;
    auto s = push(u"sup"_s, u"dev-sup"_s,
        { mutation(3, u"rectification.reject"_s, uuid(),
            { { u"hazard_id"_s, sh }, { u"note"_s, u"no"_s } }) });
    EXPECT_EQ(resultCode(s), u"self_check_hazard"_s) << s->body;

    EXPECT_EQ(rows(), before);
    EXPECT_EQ(hazardStatus(sh), u"open"_s);
    EXPECT_EQ(hazardStatus(inspectorsHazard), u"submitted"_s);
}
