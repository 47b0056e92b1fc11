#include "storefixture.h"

#include "core/audit.h"
#include "core/queries.h"
#include "core/uuid.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace safeloop::core;
using namespace safeloop::core::testing;

int StoreFixture::count(const QString& sql)
{
    QSqlQuery q(fileDb());
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

namespace {
class LocalStoreTest : public StoreFixture { };
} // namespace

TEST_F(LocalStoreTest, HazardCreateWritesRecordOrderEventAuditAndOutboxInOneGo)
{
    auto r = perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs());
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->status, OutcomeStatus::Applied);
    EXPECT_TRUE(r->touched.contains(TouchedRecord { u"hazard"_s, u"h-1"_s }));
    const QJsonObject h = hazardFields(u"h-1"_s);
    EXPECT_EQ(h.value(u"status"_s).toString(), u"open"_s);
    EXPECT_EQ(h.value(u"description"_s).toString(), u"Light curtain bypassed on press 4"_s);
    EXPECT_EQ(h.value(u"created_at"_s).toString(), u"2026-11-25T02:00:00.000Z"_s);
    EXPECT_FALSE(h.value(u"overdue"_s).toBool());
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM rectification_events WHERE kind = 'order'"_s), 1);
    auto outbox = store->outbox();
    ASSERT_EQ(outbox->size(), 1);
    EXPECT_EQ(outbox->at(0).id, 1);
    EXPECT_EQ(outbox->at(0).name, u"hazard.create"_s);
    EXPECT_EQ(outbox->at(0).hlc.size(), 16);
    EXPECT_EQ(audit::verify(fileDb()).value(), 1);
}

TEST_F(LocalStoreTest, RefusedMutationChangesNothing)
{
    auto r = perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs(u"2026-11-01"_s));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"deadline_before_creation"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM outbox"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM audit_log"_s), 0);
    // The next accepted mutation still gets outbox id 1: no gaps.
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs()).ok());
    EXPECT_EQ(store->outbox()->at(0).id, 1);
}

TEST_F(LocalStoreTest, TextTheServerWouldRefuseIsRefusedBeforeItIsQueued)
{
    QJsonObject tooLong = hazardArgs();
    tooLong.insert(u"description"_s, QString(4001, u'd'));
    auto r = perform(inspector, u"hazard.create"_s, u"h-1"_s, tooLong);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"field_too_long"_s);
    EXPECT_EQ(
        r.error().message, u"args.description has 4001 characters; at most 4000 are allowed"_s);
    QJsonObject control = hazardArgs();
    control.insert(u"place"_s, u"Press\x00line"_s);
    r = perform(inspector, u"hazard.create"_s, u"h-1"_s, control);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"invalid_text"_s);
    EXPECT_TRUE(r.error().message.startsWith(u"args.place contains a control character"_s));
    r = perform(inspector, u"hazard.create"_s, u"h\x01"_s, hazardArgs());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"invalid_text"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM outbox"_s), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 0);
}

TEST_F(LocalStoreTest, DeadlineIsJudgedByTheMutationTimeInShanghai)
{
    // 17:00 UTC on 10 Dec is already 11 Dec in the district.
    clock = QDateTime(QDate(2026, 12, 10), QTime(17, 0), Qt::UTC);
    auto r = perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs(u"2026-12-10"_s));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"deadline_before_creation"_s);
}

TEST_F(LocalStoreTest, RolesAreCheckedForEveryMutation)
{
    EXPECT_EQ(perform(enterpriseUser, u"hazard.create"_s, u"h-1"_s, hazardArgs()).error().code,
        u"not_allowed"_s);
    EXPECT_EQ(perform(inspector, u"enterprise.upsert"_s, enterpriseCode(3),
                  { { u"name"_s, u"Blue Lake Castings"_s }, { u"risk_grade"_s, u"red"_s } })
                  .error()
                  .code,
        u"not_allowed"_s);
    EXPECT_EQ(perform(inspector, u"no.such"_s, u"x"_s, {}).error().code, u"unknown_mutation"_s);
}

TEST_F(LocalStoreTest, InspectorOutsideTheStreetDoesNotSeeTheEnterprise)
{
    Actor south { u"insp-1"_s, Role::Inspector, {}, { u"South"_s }, {} };
    EXPECT_EQ(
        perform(south, u"hazard.create"_s, u"h-1"_s, hazardArgs()).error().code, u"not_found"_s);
    Actor north { u"insp-1"_s, Role::Inspector, {}, { u"North"_s }, {} };
    EXPECT_TRUE(perform(north, u"hazard.create"_s, u"h-1"_s, hazardArgs()).ok());
}

TEST_F(LocalStoreTest, RectificationLifeThroughMutations)
{
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs()).ok());
    const QJsonObject evidence { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"fixed"_s },
        { u"attachments"_s, QJsonArray { QString(64, u'b') } } };
    EXPECT_EQ(perform(otherEnterprise, u"rectification.submit"_s, uuidv7(), evidence).error().code,
        u"not_found"_s);
    EXPECT_EQ(perform(inspector, u"rectification.submit"_s, uuidv7(), evidence).error().code,
        u"not_allowed"_s);
    EXPECT_EQ(perform(inspector, u"rectification.verify"_s, uuidv7(), evidence).error().code,
        u"illegal_transition"_s);
    ASSERT_TRUE(perform(enterpriseUser, u"rectification.submit"_s, uuidv7(), evidence).ok());
    EXPECT_EQ(hazardFields(u"h-1"_s).value(u"status"_s).toString(), u"submitted"_s);
    EXPECT_EQ(perform(enterpriseUser, u"rectification.verify"_s, uuidv7(), evidence).error().code,
        u"not_allowed"_s);
    ASSERT_TRUE(perform(inspector, u"rectification.reject"_s, uuidv7(),
        { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"still bypassed"_s } })
                    .ok());
    EXPECT_EQ(hazardFields(u"h-1"_s).value(u"status"_s).toString(), u"rejected"_s);
    ASSERT_TRUE(perform(enterpriseUser, u"rectification.submit"_s, uuidv7(), evidence).ok());
    ASSERT_TRUE(perform(supervisor, u"rectification.verify"_s, uuidv7(), evidence).ok());
    EXPECT_EQ(hazardFields(u"h-1"_s).value(u"status"_s).toString(), u"verified"_s);
    EXPECT_EQ(perform(inspector, u"rectification.verify"_s, uuidv7(), evidence).error().code,
        u"illegal_transition"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM rectification_events"_s), 5);
    EXPECT_EQ(audit::verify(fileDb()).value(), 5);
}

TEST_F(LocalStoreTest, SubmissionNeedsANoteOrEvidence)
{
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs()).ok());
    EXPECT_EQ(perform(enterpriseUser, u"rectification.submit"_s, uuidv7(),
                  { { u"hazard_id"_s, u"h-1"_s } })
                  .error()
                  .code,
        u"evidence_required"_s);
}

TEST_F(LocalStoreTest, ASubmissionCarriesItsReportAndABadReportChangesNothing)
{
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs()).ok());
    const auto submit = [&](QJsonObject extra) {
        QJsonObject args { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"Guard refitted"_s } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            args.insert(it.key(), it.value());
        return perform(enterpriseUser, u"rectification.submit"_s, uuidv7(), args);
    };
    const int before = count(u"SELECT COUNT(*) FROM rectification_events"_s);
    EXPECT_EQ(
        submit({ { u"completed_on"_s, u"2026-11-26"_s } }).error().code, u"completed_in_future"_s);
    EXPECT_EQ(submit({ { u"completed_on"_s, u"26/11/2026"_s } }).error().code, u"invalid_date"_s);
    EXPECT_EQ(submit({ { u"cost"_s, -5 } }).error().code, u"invalid_cost"_s);
    EXPECT_EQ(submit({ { u"cost"_s, 12.345 } }).error().code, u"invalid_cost"_s);
    EXPECT_EQ(submit({ { u"cost"_s, u"500"_s } }).error().code, u"invalid_type"_s);
    EXPECT_EQ(
        submit({ { u"responsible"_s, QString(51, u'x') } }).error().code, u"field_too_long"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM rectification_events"_s), before);
    EXPECT_EQ(hazardFields(u"h-1"_s).value(u"status"_s).toString(), u"open"_s);

    const QString id = uuidv7();
    ASSERT_TRUE(perform(enterpriseUser, u"rectification.submit"_s, id,
        { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"Guard refitted"_s },
            { u"completed_on"_s, u"2026-11-24"_s }, { u"responsible"_s, u"Wang Li"_s },
            { u"cost"_s, 1280.5 } })
                    .ok());
    auto event = store->record(u"rectification_event"_s, id);
    ASSERT_TRUE(event.ok() && event->has_value());
    const QJsonObject doc = (*event)->fields;
    EXPECT_EQ(doc.value(u"completed_on"_s).toString(), u"2026-11-24"_s);
    EXPECT_EQ(doc.value(u"responsible"_s).toString(), u"Wang Li"_s);
    EXPECT_DOUBLE_EQ(doc.value(u"cost"_s).toDouble(), 1280.5);

    // A report belongs to a submission only.
    EXPECT_EQ(perform(inspector, u"rectification.reject"_s, uuidv7(),
                  { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"Not done"_s }, { u"cost"_s, 10 } })
                  .error()
                  .code,
        u"report_not_allowed"_s);
}

TEST_F(LocalStoreTest, OverdueIsDerivedWhenTheHazardIsRead)
{
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs(u"2026-11-26"_s)).ok());
    auto onDeadline = store->record(u"hazard"_s, u"h-1"_s, QDate(2026, 11, 26));
    EXPECT_FALSE((*onDeadline)->fields.value(u"overdue"_s).toBool());
    auto after = store->record(u"hazard"_s, u"h-1"_s, QDate(2026, 11, 27));
    EXPECT_TRUE((*after)->fields.value(u"overdue"_s).toBool());
}

TEST_F(LocalStoreTest, EnforcementInspectionNeedsTwoBadgedInspectorsAndFinishNeedsSignature)
{
    EXPECT_EQ(perform(inspector, u"inspection.create"_s, u"i-1"_s,
                  inspectionArgs(u"enforcement"_s, { u"insp-1"_s }))
                  .error()
                  .code,
        u"too_few_inspectors"_s);
    EXPECT_EQ(perform(inspector, u"inspection.create"_s, u"i-1"_s,
                  inspectionArgs(u"enforcement"_s, { u"insp-1"_s, u"insp-3"_s }))
                  .error()
                  .code,
        u"missing_badge"_s);
    EXPECT_EQ(perform(inspector, u"inspection.create"_s, u"i-1"_s,
                  inspectionArgs(u"guidance"_s, { u"insp-2"_s }))
                  .error()
                  .code,
        u"not_allowed"_s);
    ASSERT_TRUE(
        perform(inspector, u"inspection.create"_s, u"i-1"_s, inspectionArgs(u"enforcement"_s))
            .ok());
    EXPECT_EQ(perform(inspector, u"inspection.finish"_s, u"i-1"_s,
                  { { u"finished_at"_s, u"2026-11-25T03:00:00.000Z"_s } })
                  .error()
                  .code,
        u"signature_required"_s);
    ASSERT_TRUE(perform(inspector2, u"inspection.finish"_s, u"i-1"_s,
        { { u"finished_at"_s, u"2026-11-25T03:00:00.000Z"_s },
            { u"refusal_note"_s, u"The manager refused to sign"_s } })
                    .ok());
    EXPECT_EQ(perform(inspector, u"inspection.update"_s, u"i-1"_s, { { u"kind"_s, u"random"_s } })
                  .error()
                  .code,
        u"inspection_finished"_s);
}

TEST_F(LocalStoreTest, AnswersAreKeyedByInspectionAndItem)
{
    ASSERT_TRUE(perform(inspector, u"inspection.create"_s, u"i-1"_s, inspectionArgs()).ok());
    const QJsonObject fail { { u"inspection_id"_s, u"i-1"_s }, { u"item_code"_s, u"ST-01"_s },
        { u"result"_s, u"fail"_s }, { u"note"_s, u"bypassed"_s } };
    ASSERT_TRUE(perform(inspector, u"answer.set"_s, u"a-1"_s, fail).ok());
    QJsonObject pass = fail;
    pass.insert(u"result"_s, u"pass"_s);
    ASSERT_TRUE(perform(inspector2, u"answer.set"_s, u"a-2"_s, pass).ok());
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM answers"_s), 1);
    auto a = store->record(u"answer"_s, u"a-1"_s);
    EXPECT_EQ((*a)->fields.value(u"result"_s).toString(), u"pass"_s);
    EXPECT_EQ((*a)->versions.value(u"result"_s).toInt(), 2);
    EXPECT_EQ(store->outbox()->at(2).base.value(u"result"_s).toInt(), 1);
    QJsonObject bad = fail;
    bad.insert(u"result"_s, u"maybe"_s);
    EXPECT_EQ(perform(inspector, u"answer.set"_s, u"a-3"_s, bad).error().code, u"invalid_enum"_s);
    EXPECT_EQ(perform(supervisor, u"answer.set"_s, u"a-3"_s, fail).error().code, u"not_allowed"_s);
}

TEST_F(LocalStoreTest, HazardUpdateBumpsFieldVersionsAndSendsTheBase)
{
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs()).ok());
    ASSERT_TRUE(perform(supervisor, u"hazard.update"_s, u"h-1"_s,
        { { u"description"_s, u"Two light curtains bypassed"_s } })
                    .ok());
    auto h = store->record(u"hazard"_s, u"h-1"_s);
    EXPECT_EQ((*h)->versions.value(u"description"_s).toInt(), 2);
    EXPECT_EQ((*h)->versions.value(u"place"_s).toInt(), 1);
    EXPECT_EQ(store->outbox()->at(1).base, (QJsonObject { { u"description"_s, 1 } }));
    EXPECT_EQ(perform(inspector, u"hazard.update"_s, u"h-1"_s, { { u"status"_s, u"verified"_s } })
                  .error()
                  .code,
        u"field_not_editable"_s);
}

TEST_F(LocalStoreTest, OutboxIdsRiseByOneAndHlcsIncrease)
{
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(perform(inspector, u"hazard.create"_s, uuidv7(), hazardArgs()).ok());
    auto rows = store->outbox().value();
    ASSERT_EQ(rows.size(), 5);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(rows.at(i).id, i + 1);
    for (int i = 1; i < 5; ++i)
        EXPECT_LT(rows.at(i - 1).hlc, rows.at(i).hlc);
    ASSERT_TRUE(store->dropOutboxThrough(3).ok());
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, uuidv7(), hazardArgs()).ok());
    rows = store->outbox().value();
    ASSERT_EQ(rows.size(), 3);
    EXPECT_EQ(rows.last().id, 6);
}

TEST_F(LocalStoreTest, HazardListFiltersByEnterpriseStatusAndDeadline)
{
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs(u"2026-12-10"_s)).ok());
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-2"_s, hazardArgs(u"2026-11-28"_s)).ok());
    ASSERT_TRUE(perform(enterpriseUser, u"rectification.submit"_s, uuidv7(),
        { { u"hazard_id"_s, u"h-1"_s }, { u"note"_s, u"done"_s } })
                    .ok());
    auto open
        = store->hazards({ enterpriseCode(1), { u"open"_s }, {}, 100, 0, {} }, QDate(2026, 11, 30));
    ASSERT_TRUE(open.ok());
    ASSERT_EQ(open->size(), 1);
    EXPECT_EQ(open->at(0).id, u"h-2"_s);
    EXPECT_TRUE(open->at(0).fields.value(u"overdue"_s).toBool());
    auto all = store->hazards({ {}, {}, {}, 100, 0, {} }, QDate(2026, 11, 30));
    ASSERT_EQ(all->size(), 2);
    EXPECT_EQ(all->at(0).id, u"h-2"_s); // earliest deadline first
    auto due = store->hazards({ {}, {}, QDate(2026, 12, 1), 100, 0, {} }, {});
    EXPECT_EQ(due->size(), 1);
    EXPECT_TRUE(store->hazards({ enterpriseCode(2), {}, {}, 100, 0, {} }, {})->isEmpty());
}

TEST_F(LocalStoreTest, HazardListAndCountsFilterBySource)
{
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, u"h-1"_s, hazardArgs(u"2026-11-28"_s)).ok());
    // The enterprise's own finding, as its device stores it from a pull.
    ASSERT_TRUE(store
                    ->storeRecord({ u"hazard"_s, u"h-self"_s,
                        { { u"id"_s, u"h-self"_s }, { u"enterprise_id"_s, enterpriseCode(1) },
                            { u"source"_s, u"self_check"_s }, { u"description"_s, u"自查"_s },
                            { u"level"_s, u"general"_s }, { u"deadline"_s, u"2026-11-27"_s },
                            { u"status"_s, u"open"_s } },
                        {}, false })
                    .ok());
    const QDate today(2026, 11, 30);
    const auto ids = [&](std::optional<HazardSource> source) {
        QStringList out;
        const auto list = store->hazards({ enterpriseCode(1), {}, {}, 100, 0, source }, today);
        EXPECT_TRUE(list.ok());
        if (list.ok())
            for (const auto& r : *list)
                out << r.id;
        return out;
    };
    EXPECT_EQ(ids(std::nullopt), (QStringList { u"h-self"_s, u"h-1"_s }));
    EXPECT_EQ(ids(HazardSource::Inspection), QStringList { u"h-1"_s });
    EXPECT_EQ(ids(HazardSource::SelfCheck), QStringList { u"h-self"_s });
    auto tasks = store->hazardCounts(enterpriseCode(1), today, 3, HazardSource::Inspection);
    ASSERT_TRUE(tasks.ok());
    EXPECT_EQ(tasks->notVerified(), 1);
    EXPECT_EQ(tasks->overdue, 1);
    auto both = store->hazardCounts(enterpriseCode(1), today, 3);
    EXPECT_EQ(both->notVerified(), 2);
    EXPECT_EQ(both->overdue, 2);
    auto own = store->hazardCounts(enterpriseCode(1), today, 3, HazardSource::SelfCheck);
    EXPECT_EQ(own->notVerified(), 1);
}

TEST_F(LocalStoreTest, PickListsRememberTheEnterprisesPlacesAndCategoriesMostRecentFirst)
{
    auto empty = store->hazardPickLists(enterpriseCode(1));
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->places.isEmpty() && empty->categories.isEmpty());

    auto args = [this](const QString& place, const QString& category) {
        QJsonObject a = hazardArgs();
        a.insert(u"place"_s, place);
        a.insert(u"category"_s, category);
        return a;
    };
    ASSERT_TRUE(
        perform(inspector, u"hazard.create"_s, u"h-1"_s, args(u"Press line 2"_s, u"machinery"_s))
            .ok());
    clock = clock.addSecs(60);
    ASSERT_TRUE(
        perform(inspector, u"hazard.create"_s, u"h-2"_s, args(u"Paint shop"_s, u"fire"_s)).ok());
    clock = clock.addSecs(60);
    ASSERT_TRUE(
        perform(inspector, u"hazard.create"_s, u"h-3"_s, args(u" Press line 2 "_s, u""_s)).ok());

    auto lists = store->hazardPickLists(enterpriseCode(1));
    ASSERT_TRUE(lists.ok());
    EXPECT_EQ(lists->places, (QStringList { u"Press line 2"_s, u"Paint shop"_s }));
    EXPECT_EQ(lists->categories, (QStringList { u"fire"_s, u"machinery"_s }));
    EXPECT_EQ(
        store->hazardPickLists(enterpriseCode(1), 1)->places, QStringList { u"Press line 2"_s });
    // Another enterprise's lists are its own.
    EXPECT_TRUE(store->hazardPickLists(enterpriseCode(2))->places.isEmpty());
}

TEST_F(LocalStoreTest, TypedReadsNarrowByALinkAndRefuseALinkTheEntityDoesNotHave)
{
    const QString hazard = uuidv7();
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, hazard, hazardArgs()).ok());
    ASSERT_TRUE(perform(inspector, u"comment.add"_s, uuidv7(),
        { { u"record_id"_s, hazard }, { u"text"_s, u"Guard ordered"_s } })
                    .ok());

    auto all = store->records(u"hazard"_s);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 1);
    auto ofEnterprise
        = store->records(u"hazard"_s, LocalStore::Link::Enterprise, enterpriseCode(1));
    ASSERT_TRUE(ofEnterprise.ok());
    EXPECT_EQ(ofEnterprise->size(), 1);
    EXPECT_EQ(ofEnterprise->first().value(u"id"_s).toString(), hazard);
    EXPECT_TRUE(
        store->records(u"hazard"_s, LocalStore::Link::Enterprise, enterpriseCode(2))->isEmpty());
    auto comments = store->records(u"comment"_s, LocalStore::Link::Record, hazard);
    ASSERT_TRUE(comments.ok());
    ASSERT_EQ(comments->size(), 1);
    EXPECT_EQ(comments->first().value(u"text"_s).toString(), u"Guard ordered"_s);
    auto events = store->records(u"rectification_event"_s, LocalStore::Link::Hazard, hazard);
    ASSERT_TRUE(events.ok());
    EXPECT_EQ(events->size(), 1) << "the order event";

    // A link the entity has no column for is refused by name, never turned into SQL.
    auto wrong = store->records(u"enterprise"_s, LocalStore::Link::Hazard, hazard);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, u"invalid_link"_s);
    EXPECT_EQ(store->records(u"no_such"_s).error().code, u"unknown_entity"_s);

    auto one = store->record(u"hazard"_s, hazard, QDate(2026, 12, 11));
    ASSERT_TRUE(one.ok() && one->has_value());
    EXPECT_TRUE((*one)->fields.value(u"overdue"_s).toBool()) << "deadline 2026-12-10";
    EXPECT_FALSE(store->record(u"hazard"_s, uuidv7()).value().has_value());
}

TEST_F(LocalStoreTest, OutboxAnswersWhetherAnUnsentMutationNamesABlob)
{
    EXPECT_EQ(store->outboxCount().value(), 0);
    EXPECT_FALSE(store->outboxNamesBlob(QString(64, u'a')).value());
    ASSERT_TRUE(perform(inspector, u"hazard.create"_s, uuidv7(), hazardArgs()).ok());
    EXPECT_EQ(store->outboxCount().value(), 1);
    EXPECT_TRUE(store->outboxNamesBlob(QString(64, u'a')).value());
    EXPECT_FALSE(store->outboxNamesBlob(QString(64, u'b')).value());
    auto rows = store->outbox();
    ASSERT_TRUE(rows.ok());
    ASSERT_TRUE(store->dropOutboxThrough(rows->last().id).ok());
    EXPECT_FALSE(store->outboxNamesBlob(QString(64, u'a')).value());
}

TEST_F(LocalStoreTest, InspectionDocumentsAreKeptPerInspection)
{
    EXPECT_TRUE(store->inspectionDocuments(u"insp-a"_s).value().isEmpty());
    const QJsonObject docs { { u"record_number"_s, u"(青)应急检记〔2026〕1号"_s },
        { u"record_pdf"_s, u"record-a.pdf"_s } };
    ASSERT_TRUE(store->setInspectionDocuments(u"insp-a"_s, docs).ok());
    EXPECT_EQ(store->inspectionDocuments(u"insp-a"_s).value(), docs);
    EXPECT_TRUE(store->inspectionDocuments(u"insp-b"_s).value().isEmpty());
    ASSERT_TRUE(
        store->setInspectionDocuments(u"insp-a"_s, { { u"record_pdf"_s, u"again.pdf"_s } }).ok());
    EXPECT_EQ(store->inspectionDocuments(u"insp-a"_s).value().value(u"record_pdf"_s).toString(),
        u"again.pdf"_s);
}

TEST_F(LocalStoreTest, DocumentNumbersAreTakenOnceInBlockOrderAndRunOutWithAReason)
{
    EXPECT_EQ(store->storeNumberBlock(u"memo"_s, 2026, u"X"_s, 1, 2).error().code,
        u"invalid_document_kind"_s);
    EXPECT_EQ(store->storeNumberBlock(u"rectification_order"_s, 2026, u"X"_s, 5, 4).error().code,
        u"invalid_number_block"_s);
    const QString prefix = u"(青)应急责改〔2026〕"_s;
    ASSERT_TRUE(store->storeNumberBlock(u"rectification_order"_s, 2026, prefix, 10, 11).ok());
    ASSERT_TRUE(store->storeNumberBlock(u"rectification_order"_s, 2026, prefix, 1, 1).ok());
    // The same block again (an answer seen twice) keeps its progress.
    EXPECT_EQ(store->takeDocumentNumber(u"rectification_order"_s, 2026).value(), prefix + u"1号"_s);
    ASSERT_TRUE(store->storeNumberBlock(u"rectification_order"_s, 2026, prefix, 1, 1).ok());
    EXPECT_EQ(store->documentNumbersLeft(u"rectification_order"_s, 2026).value(), 2);
    EXPECT_EQ(
        store->takeDocumentNumber(u"rectification_order"_s, 2026).value(), prefix + u"10号"_s);
    EXPECT_EQ(
        store->takeDocumentNumber(u"rectification_order"_s, 2026).value(), prefix + u"11号"_s);
    auto none = store->takeDocumentNumber(u"rectification_order"_s, 2026);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, u"no_document_numbers"_s);
    EXPECT_EQ(store->takeDocumentNumber(u"inspection_record"_s, 2026).error().code,
        u"no_document_numbers"_s);
    ASSERT_TRUE(store->storeNumberBlock(u"inspection_record"_s, 2026, u"R"_s, 1, 3).ok());
    ASSERT_TRUE(store->discardNumberBlocks(u"inspection_record"_s).ok());
    EXPECT_EQ(store->documentNumbersLeft(u"inspection_record"_s, 2026).value(), 0);
}
