// Enterprise self-checks (企业自查): what the enterprise may do on its own records, and what no
// one else may do to them, as the server applies the mutations.

#include "storefixture.h"

#include "core/uuid.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop::core;
using namespace safeloop::core::testing;

namespace {

QString answerId(const QString& inspection, const QString& item)
{
    return u"a-"_s + inspection + u'-' + item;
}

class SelfCheckTest : public StoreFixture {
protected:
    void SetUp() override
    {
        StoreFixture::SetUp();
        seed(u"enterprise"_s, enterpriseCode(2),
            { { u"uscc"_s, enterpriseCode(2) }, { u"name"_s, u"Riverside Foundry"_s },
                { u"street"_s, u"South"_s }, { u"risk_grade"_s, u"blue"_s } });
    }

    Result<MutationOutcome> apply(
        const Actor& a, const QString& name, const QString& id, const QJsonObject& args)
    {
        Actor actor = a;
        actor.deviceId = u"dev-"_s + a.userId;
        ApplyContext ctx { clock, QTimeZone(QByteArrayLiteral("Asia/Shanghai")), true };
        return applyMutation(fileDb(), actor, { ++m_next, name, id, nextHlc(), {}, args }, ctx);
    }

    /// The mutation's refusal code; empty when it applied.
    QString refusal(const Actor& a, const QString& name, const QString& id, const QJsonObject& args)
    {
        auto r = apply(a, name, id, args);
        if (!r.ok())
            return u"error: "_s + r.error().message;
        if (r->status != OutcomeStatus::Rejected)
            return {};
        EXPECT_TRUE(r->touched.isEmpty());
        return r->error->code;
    }

    QJsonObject selfCheckArgs(const QString& enterprise) const
    {
        return { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"self_check"_s },
            { u"mode"_s, u"guidance"_s }, { u"inspector_ids"_s, QJsonArray {} },
            { u"template_refs"_s, QJsonArray { u"ST@1"_s } },
            { u"started_at"_s, u"2026-11-25T01:00:00.000Z"_s } };
    }

    QJsonObject selfHazardArgs(const QString& inspection) const
    {
        QJsonObject a = hazardArgs();
        a.insert(u"source"_s, u"self_check"_s);
        a.insert(u"inspection_id"_s, inspection);
        a.insert(u"item_code"_s, u"ST-01"_s);
        a.remove(u"attachments"_s);
        return a;
    }

    QString nextHlc() { return u"0192f3a4b5c6%1"_s.arg(++m_hlc, 4, 16, QChar(u'0')); }

    /// Every row of the record tables and the conflicts, to show a refusal changed nothing.
    int rows()
    {
        return count(u"SELECT (SELECT COUNT(*) FROM inspections) + (SELECT COUNT(*) FROM answers) "
                     u"+ (SELECT COUNT(*) FROM hazards) + (SELECT COUNT(*) FROM "
                     u"rectification_events) + (SELECT COUNT(*) FROM conflicts)"_s);
    }

    QString column(const QString& sql)
    {
        QSqlQuery q(fileDb());
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0).toString();
    }

    /// A self-check of enterprise 1 with a failed item and its self-found hazard `sh-1`.
    void recordSelfCheck()
    {
        ASSERT_EQ(refusal(enterpriseUser, u"inspection.create"_s, u"sc-1"_s,
                      selfCheckArgs(enterpriseCode(1))),
            QString());
        ASSERT_EQ(refusal(enterpriseUser, u"answer.set"_s, answerId(u"sc-1"_s, u"ST-01"_s),
                      { { u"inspection_id"_s, u"sc-1"_s }, { u"item_code"_s, u"ST-01"_s },
                          { u"result"_s, u"fail"_s }, { u"note"_s, u"guard missing"_s } }),
            QString());
        ASSERT_EQ(refusal(enterpriseUser, u"hazard.create"_s, u"sh-1"_s, selfHazardArgs(u"sc-1"_s)),
            QString());
    }

    qint64 m_next = 0;
    int m_hlc = 0;
};

} // namespace

TEST_F(SelfCheckTest, TheEnterpriseRunsASelfCheckAndRectifiesAndClosesWhatItFound)
{
    recordSelfCheck();
    EXPECT_EQ(hazardFields(u"sh-1"_s).value(u"source"_s).toString(), u"self_check"_s);
    EXPECT_EQ(hazardFields(u"sh-1"_s).value(u"status"_s).toString(), u"open"_s);
    // Finished without signatures: no inspector, no one to sign for.
    ASSERT_EQ(refusal(enterpriseUser, u"inspection.finish"_s, u"sc-1"_s,
                  { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s } }),
        QString());
    EXPECT_EQ(column(u"SELECT status FROM inspections WHERE id = 'sc-1'"_s), u"finished"_s);
    ASSERT_EQ(refusal(enterpriseUser, u"rectification.submit"_s, uuidv7(),
                  { { u"hazard_id"_s, u"sh-1"_s }, { u"note"_s, u"guard refitted"_s } }),
        QString());
    EXPECT_EQ(hazardFields(u"sh-1"_s).value(u"status"_s).toString(), u"submitted"_s);
    ASSERT_EQ(
        refusal(enterpriseUser, u"rectification.verify"_s, uuidv7(),
            { { u"hazard_id"_s, u"sh-1"_s }, { u"note"_s, u"checked by the safety manager"_s } }),
        QString());
    EXPECT_EQ(hazardFields(u"sh-1"_s).value(u"status"_s).toString(), u"verified"_s);
    // The order event, the submission and the closure, all by the enterprise's user.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM rectification_events WHERE hazard_id = 'sh-1'"_s), 3);
}

TEST_F(SelfCheckTest, OnlyTheEnterpriseStartsASelfCheckAndOnlyOnItself)
{
    const int before = rows();
    EXPECT_EQ(
        refusal(inspector, u"inspection.create"_s, u"sc-x"_s, selfCheckArgs(enterpriseCode(1))),
        u"not_allowed"_s);
    EXPECT_EQ(refusal(enterpriseUser, u"inspection.create"_s, u"sc-x"_s,
                  selfCheckArgs(enterpriseCode(2))),
        u"not_found"_s);
    EXPECT_EQ(refusal(enterpriseUser, u"inspection.create"_s, u"sc-x"_s, inspectionArgs()),
        u"not_allowed"_s);
    QJsonObject plan = inspectionArgs();
    plan.insert(u"inspector_ids"_s, QJsonArray {});
    EXPECT_EQ(refusal(enterpriseUser, u"inspection.create"_s, u"sc-x"_s, plan), u"not_allowed"_s);
    QJsonObject withInspectors = selfCheckArgs(enterpriseCode(1));
    withInspectors.insert(u"inspector_ids"_s, QJsonArray { u"insp-1"_s });
    EXPECT_EQ(refusal(enterpriseUser, u"inspection.create"_s, u"sc-x"_s, withInspectors),
        u"self_check_inspectors"_s);
    QJsonObject enforcement = selfCheckArgs(enterpriseCode(1));
    enforcement.insert(u"mode"_s, u"enforcement"_s);
    EXPECT_EQ(refusal(enterpriseUser, u"inspection.create"_s, u"sc-x"_s, enforcement),
        u"self_check_mode"_s);
    EXPECT_EQ(rows(), before);
}

TEST_F(SelfCheckTest, AnotherEnterpriseAndInspectorsCannotChangeASelfCheck)
{
    recordSelfCheck();
    const int before = rows();
    const QJsonObject answer { { u"inspection_id"_s, u"sc-1"_s }, { u"item_code"_s, u"ST-02"_s },
        { u"result"_s, u"pass"_s } };
    EXPECT_EQ(refusal(otherEnterprise, u"answer.set"_s, answerId(u"sc-1"_s, u"ST-02"_s), answer),
        u"not_found"_s);
    EXPECT_EQ(refusal(inspector, u"answer.set"_s, answerId(u"sc-1"_s, u"ST-02"_s), answer),
        u"self_check_inspection"_s);
    EXPECT_EQ(refusal(inspector, u"inspection.finish"_s, u"sc-1"_s,
                  { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s } }),
        u"self_check_inspection"_s);
    EXPECT_EQ(
        refusal(enterpriseUser, u"inspection.update"_s, u"sc-1"_s, { { u"kind"_s, u"plan"_s } }),
        u"field_not_editable"_s);
    // An inspector's hazard never hangs on a self-check, nor a self-check hazard elsewhere.
    QJsonObject onSelfCheck = hazardArgs();
    onSelfCheck.insert(u"inspection_id"_s, u"sc-1"_s);
    EXPECT_EQ(
        refusal(inspector, u"hazard.create"_s, u"h-x"_s, onSelfCheck), u"reference_mismatch"_s);
    EXPECT_EQ(rows(), before);
}

TEST_F(SelfCheckTest, OnlyTheEnterpriseRecordsSelfCheckHazardsAndOnlyItsOwn)
{
    recordSelfCheck();
    const int before = rows();
    EXPECT_EQ(refusal(inspector, u"hazard.create"_s, u"sh-x"_s, selfHazardArgs(u"sc-1"_s)),
        u"not_allowed"_s);
    QJsonObject unmarked = selfHazardArgs(u"sc-1"_s);
    unmarked.remove(u"source"_s);
    EXPECT_EQ(refusal(enterpriseUser, u"hazard.create"_s, u"sh-x"_s, unmarked), u"not_allowed"_s);
    QJsonObject elsewhere = selfHazardArgs(u"sc-1"_s);
    elsewhere.insert(u"enterprise_id"_s, enterpriseCode(2));
    EXPECT_EQ(refusal(otherEnterprise, u"hazard.create"_s, u"sh-x"_s, elsewhere), u"not_found"_s);
    QJsonObject foreign = selfHazardArgs(u"sc-1"_s);
    foreign.remove(u"inspection_id"_s);
    foreign.insert(u"enterprise_id"_s, enterpriseCode(2));
    EXPECT_EQ(refusal(enterpriseUser, u"hazard.create"_s, u"sh-x"_s, foreign), u"not_found"_s);
    QJsonObject bad = selfHazardArgs(u"sc-1"_s);
    bad.insert(u"source"_s, u"rumour"_s);
    EXPECT_EQ(refusal(enterpriseUser, u"hazard.create"_s, u"sh-x"_s, bad), u"invalid_enum"_s);
    EXPECT_EQ(rows(), before);
}

TEST_F(SelfCheckTest, NoInspectorOrSupervisorEditsClosesOrDeletesASelfCheckHazard)
{
    recordSelfCheck();
    ASSERT_EQ(refusal(enterpriseUser, u"rectification.submit"_s, uuidv7(),
                  { { u"hazard_id"_s, u"sh-1"_s }, { u"note"_s, u"guard refitted"_s } }),
        QString());
    const int before = rows();
    const QJsonObject ev { { u"hazard_id"_s, u"sh-1"_s }, { u"note"_s, u"seen"_s } };
    for (const Actor& official : { inspector, supervisor }) {
        EXPECT_EQ(refusal(official, u"hazard.update"_s, u"sh-1"_s, { { u"place"_s, u"X"_s } }),
            u"self_check_hazard"_s);
        EXPECT_EQ(refusal(official, u"hazard.delete"_s, u"sh-1"_s, {}), u"self_check_hazard"_s);
        for (const auto& name :
            { u"rectification.verify"_s, u"rectification.reject"_s, u"rectification.escalate"_s })
            EXPECT_EQ(refusal(official, name, uuidv7(), ev), u"self_check_hazard"_s);
    }
    EXPECT_EQ(refusal(enterpriseUser, u"hazard.update"_s, u"sh-1"_s, { { u"place"_s, u"X"_s } }),
        u"not_allowed"_s);
    EXPECT_EQ(refusal(otherEnterprise, u"rectification.verify"_s, uuidv7(), ev), u"not_found"_s);
    EXPECT_EQ(rows(), before);
    EXPECT_EQ(hazardFields(u"sh-1"_s).value(u"status"_s).toString(), u"submitted"_s);
}

TEST_F(SelfCheckTest, ClosingASelfFoundHazardNeedsEvidence)
{
    recordSelfCheck();
    ASSERT_EQ(refusal(enterpriseUser, u"rectification.submit"_s, uuidv7(),
                  { { u"hazard_id"_s, u"sh-1"_s }, { u"note"_s, u"guard refitted"_s } }),
        QString());
    const int before = rows();
    EXPECT_EQ(refusal(enterpriseUser, u"rectification.verify"_s, uuidv7(),
                  { { u"hazard_id"_s, u"sh-1"_s }, { u"note"_s, u"  "_s } }),
        u"evidence_required"_s);
    EXPECT_EQ(rows(), before);
    EXPECT_EQ(refusal(enterpriseUser, u"rectification.verify"_s, uuidv7(),
                  { { u"hazard_id"_s, u"sh-1"_s },
                      { u"attachments"_s, QJsonArray { QString(64, u'e') } } }),
        QString());
    EXPECT_EQ(hazardFields(u"sh-1"_s).value(u"status"_s).toString(), u"verified"_s);
}

TEST_F(SelfCheckTest, TheEnterpriseStillNeverClosesAnInspectorsHazard)
{
    ASSERT_EQ(refusal(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs()), QString());
    ASSERT_EQ(refusal(enterpriseUser, u"rectification.submit"_s, uuidv7(),
                  { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"done"_s } }),
        QString());
    const int before = rows();
    EXPECT_EQ(refusal(enterpriseUser, u"rectification.verify"_s, uuidv7(),
                  { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"done"_s } }),
        u"not_allowed"_s);
    EXPECT_EQ(refusal(enterpriseUser, u"hazard.delete"_s, u"h-1"_s, {}), u"not_allowed"_s);
    EXPECT_EQ(rows(), before);
    EXPECT_EQ(hazardFields(u"h-1"_s).value(u"status"_s).toString(), u"submitted"_s);
}

TEST_F(SelfCheckTest, TheOverviewCountsSelfChecksAndNoneAsAnInspection)
{
    // On the device, as the enterprise does it: started and finished today.
    ASSERT_TRUE(
        perform(enterpriseUser, u"inspection.create"_s, u"sc-2"_s, selfCheckArgs(enterpriseCode(1)))
            .ok());
    ASSERT_TRUE(perform(enterpriseUser, u"inspection.finish"_s, u"sc-2"_s,
        { { u"finished_at"_s, u"2026-11-25T02:00:00.000Z"_s } })
                    .ok());
    const QDate today(2026, 11, 25);
    auto o = store->overview(metrics::Period::monthOf(today), today);
    ASSERT_TRUE(o.ok()) << o.error().message.toStdString();
    EXPECT_EQ(o->selfChecks, 1);
    EXPECT_EQ(o->selfCheckEnterprises, 1);
    // A self-check covers no enterprise and is no inspector's inspection.
    EXPECT_EQ(o->coverage.overall.numerator, 0);
    EXPECT_TRUE(o->inspectors.isEmpty() || o->inspectors.first().inspections == 0);
}
