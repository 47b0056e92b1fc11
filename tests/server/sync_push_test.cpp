// Push: ordering, replays, gaps, rejections, text limits, clocks and device status (SQLite and
// PostgreSQL, see synctestsupport.h).
#include "synctestsupport.h"

TEST_F(SyncApiTest, NextMutationIsAppliedAndAnsweredAfterCommit)
{
    const QString hid = uuid();
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, hid, hazardArgs(entA, u"Guard missing"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonObject o = bodyJson(r);
    EXPECT_EQ(o[u"last_mutation_id"_s].toInteger(), 1);
    EXPECT_EQ(o[u"results"_s][0][u"id"_s].toInteger(), 1);
    EXPECT_EQ(o[u"results"_s][0][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE id = '%1'"_s.arg(hid)), 1);
}

TEST_F(SyncApiTest, ReplayedMutationGetsItsStoredResultAndIsNotAppliedTwice)
{
    const QString hid = uuid();
    const QJsonArray batch { mutation(1, u"hazard.create"_s, hid, hazardArgs(entA, u"Guard"_s)),
        mutation(2, u"hazard.create"_s, uuid(), hazardArgs(entA, u""_s)) };
    auto first = push(u"insp"_s, u"dev-1"_s, batch);
    ASSERT_EQ(first->status, 200) << first->body;
    const qint64 changes = count(u"SELECT COUNT(*) FROM change_log"_s);
    auto again = push(u"insp"_s, u"dev-1"_s, batch);
    ASSERT_EQ(again->status, 200) << again->body;
    EXPECT_EQ(bodyJson(again)[u"results"_s], bodyJson(first)[u"results"_s]);
    EXPECT_EQ(bodyJson(again)[u"results"_s][1][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(
        bodyJson(again)[u"results"_s][1][u"error"_s][u"code"_s].toString(), u"missing_field"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM rectification_events"_s), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log"_s), changes);
}

TEST_F(SyncApiTest, GapRefusesTheWholeBatchWith409AndTheExpectedId)
{
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, uuid(), hazardArgs(entA, u"A"_s)),
            mutation(3, u"hazard.create"_s, uuid(), hazardArgs(entA, u"B"_s)) });
    ASSERT_EQ(r->status, 409) << r->body;
    EXPECT_EQ(errorCode(r), u"mutation_gap"_s);
    EXPECT_EQ(bodyJson(r)[u"error"_s][u"expected"_s].toInteger(), 2);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 0) << "nothing of the batch is applied";
    auto fresh = push(u"insp"_s, u"dev-2"_s,
        { mutation(5, u"hazard.create"_s, uuid(), hazardArgs(entA, u"A"_s)) });
    ASSERT_EQ(fresh->status, 409);
    EXPECT_EQ(bodyJson(fresh)[u"error"_s][u"expected"_s].toInteger(), 1);
}

TEST_F(SyncApiTest, RejectedMutationLeavesNoTraceAndDoesNotBlockTheNext)
{
    const QString bad = uuid();
    const QString good = uuid();
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, bad,
              hazardArgs(entA, u"Past deadline"_s, {}, u"2001-01-01"_s)),
            mutation(2, u"hazard.create"_s, good, hazardArgs(entA, u"Fine"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonArray results = bodyJson(r)[u"results"_s].toArray();
    EXPECT_EQ(results[0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(results[0][u"error"_s][u"code"_s].toString(), u"deadline_before_creation"_s);
    EXPECT_EQ(results[1][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE id = '%1'"_s.arg(bad)), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE record_id = '%1'"_s.arg(bad)), 0);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards WHERE id = '%1'"_s.arg(good)), 1);
}

TEST_F(SyncApiTest, MalformedOversizedOldAndUnauthenticatedPushesAreRefused)
{
    QJsonArray big;
    for (int i = 1; i <= 501; ++i)
        big.append(mutation(i, u"comment.add"_s, uuid(), { { u"record_id"_s, u"x"_s } }));
    EXPECT_EQ(push(u"insp"_s, u"dev-1"_s, big)->status, 413);
    auto old = push(u"insp"_s, u"dev-1"_s, {}, 0);
    EXPECT_EQ(old->status, 426);
    EXPECT_EQ(errorCode(old), u"client_too_old"_s);
    auto noClient = srv.client().Post("/api/v1/sync/push", bearer(tokens.value(u"insp"_s)),
        R"({"schema_version":1,"mutations":[]})", "application/json");
    EXPECT_EQ(noClient->status, 400);
    auto badId = push(u"insp"_s, u"dev-1"_s, { QJsonObject { { u"id"_s, u"one"_s } } });
    EXPECT_EQ(badId->status, 400);
    EXPECT_EQ(srv.client()
                  .Post("/api/v1/sync/push", bearer(tokens.value(u"insp"_s)), "x", "text/plain")
                  ->status,
        415);
    EXPECT_EQ(srv.client().Post("/api/v1/sync/push", R"({})", "application/json")->status, 401);
    EXPECT_EQ(srv.client().Get("/api/v1/sync/pull")->status, 401);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_results"_s), 2) << "only the setup batch";
}

TEST_F(SyncApiTest, ActorComesFromTheTokenNotTheBody)
{
    auto r = push(u"enta"_s, u"dev-e"_s,
        { mutation(1, u"hazard.create"_s, uuid(), hazardArgs(entA, u"Self-reported"_s)) }, 1,
        { { u"user_id"_s, u"someone-else"_s }, { u"role"_s, u"supervisor"_s } });
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(bodyJson(r)[u"results"_s][0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(bodyJson(r)[u"results"_s][0][u"error"_s][u"code"_s].toString(), u"not_allowed"_s);
}

TEST_F(SyncApiTest, ClockBeyondTheSkewCapIsOrderedByArrival)
{
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA);
    const QJsonObject base { { u"description"_s, 1 } };
    const qint64 dayAhead = QDateTime::currentMSecsSinceEpoch() + 24LL * 3600 * 1000;
    auto future = push(u"insp"_s, u"dev-1"_s,
        { mutation(2, u"hazard.update"_s, ha, { { u"description"_s, u"From the future"_s } }, base,
            hlcAt(dayAhead)) },
        1,
        { { u"device"_s,
            QJsonObject { { u"app_version"_s, u"1.2.0"_s }, { u"pending_mutations"_s, 4 },
                { u"pending_blobs"_s, 2 },
                { u"last_success"_s, u"2026-11-25T08:30:00.000Z"_s } } } });
    ASSERT_EQ(future->status, 200) << future->body;
    auto later = push(u"north"_s, u"dev-2"_s,
        { mutation(1, u"hazard.update"_s, ha, { { u"description"_s, u"Arrived later"_s } }, base,
            hlcNow()) });
    ASSERT_EQ(later->status, 200) << later->body;
    const QJsonArray sup = pullAll(u"sup"_s);
    EXPECT_EQ(
        find(sup, u"hazard"_s, ha)[u"fields"_s][u"description"_s].toString(), u"Arrived later"_s);
    const QJsonObject device = findDevice(sup, u"dev-1"_s, u"insp"_s);
    ASSERT_FALSE(device.isEmpty());
    EXPECT_EQ(device[u"fields"_s][u"app_version"_s].toString(), u"1.2.0"_s);
    EXPECT_EQ(device[u"fields"_s][u"pending_mutations"_s].toInt(), 4);
    EXPECT_EQ(device[u"fields"_s][u"pending_blobs"_s].toInt(), 2);
    EXPECT_GT(device[u"fields"_s][u"clock_skew_ms"_s].toDouble(), 23.0 * 3600 * 1000);
}

TEST_F(SyncApiTest, AControlCharacterInOneMutationRejectsOnlyThatMutation)
{
    const QString bad = uuid();
    const QString badId = u"9f1\x00"_s + uuid().mid(4);
    const QString tabbed = uuid();
    const QString good = uuid();
    QJsonObject badEnterprise = hazardArgs(entA, u"Guard"_s);
    badEnterprise.insert(u"enterprise_id"_s, entA + u"\x00"_s);
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, bad, hazardArgs(entA, u"Guard\x00missing"_s)),
            mutation(2, u"hazard.create"_s, badId, hazardArgs(entA, u"Guard"_s)),
            mutation(3, u"hazard.create"_s, uuid(), badEnterprise),
            mutation(4, u"hazard.create"_s, tabbed, hazardArgs(entA, u"Two lines:\n\tguard"_s)),
            mutation(5, u"hazard.create"_s, good, hazardArgs(entA, u"Fine"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonArray results = bodyJson(r)[u"results"_s].toArray();
    ASSERT_EQ(results.size(), 5);
    const QStringList fields { u"mutations[0].args.description"_s, u"mutations[1].entity_id"_s,
        u"mutations[2].args.enterprise_id"_s };
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(results[i][u"status"_s].toString(), u"rejected"_s) << i;
        EXPECT_EQ(results[i][u"error"_s][u"code"_s].toString(), u"invalid_text"_s) << i;
        EXPECT_TRUE(results[i][u"error"_s][u"message"_s].toString().startsWith(
            fields[i] + u" contains a control character"_s))
            << results[i][u"error"_s][u"message"_s].toString().toStdString();
    }
    EXPECT_EQ(results[3][u"status"_s].toString(), u"applied"_s) << "tab and newline: free text";
    EXPECT_EQ(results[4][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(bodyJson(r)[u"last_mutation_id"_s].toInt(), 5);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 2);
    // A replay answers the stored rejection, again without a 5xx.
    auto again = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, bad, hazardArgs(entA, u"Guard\x00missing"_s)) });
    ASSERT_EQ(again->status, 200) << again->body;
    EXPECT_EQ(
        bodyJson(again)[u"results"_s][0][u"error"_s][u"code"_s].toString(), u"invalid_text"_s);
}

TEST_F(SyncApiTest, AByteOrderMarkInTextRejectsTheMutationSoEveryStoredStringReadsBack)
{
    const QString marked = uuid();
    const QString good = uuid();
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, marked, hazardArgs(entA, u"Guard\uFEFFmissing"_s)),
            mutation(2, u"hazard.create"_s, good, hazardArgs(entA, u"Guard missing"_s)) });
    ASSERT_EQ(r->status, 200) << r->body;
    const QJsonArray results = bodyJson(r)[u"results"_s].toArray();
    ASSERT_EQ(results.size(), 2);
    EXPECT_EQ(results[0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(results[0][u"error"_s][u"code"_s].toString(), u"invalid_text"_s);
    EXPECT_EQ(results[0][u"error"_s][u"message"_s].toString(),
        u"mutations[0].args.description contains a byte order mark (U+FEFF), an invisible "
        "character"_s);
    EXPECT_EQ(results[1][u"status"_s].toString(), u"applied"_s);
    const QJsonArray sup = pullAll(u"sup"_s);
    EXPECT_TRUE(find(sup, u"hazard"_s, marked).isEmpty());
    EXPECT_EQ(
        find(sup, u"hazard"_s, good)[u"fields"_s][u"description"_s].toString(), u"Guard missing"_s);
}

TEST_F(SyncApiTest, TooLongTextRejectsTheMutationNamingTheField)
{
    QJsonObject longPlace = hazardArgs(entA, u"Guard"_s);
    longPlace.insert(u"place"_s, QString(201, u'p'));
    auto r = push(u"insp"_s, u"dev-1"_s,
        { mutation(1, u"hazard.create"_s, uuid(), hazardArgs(entA, QString(4001, u'd'))),
            mutation(2, u"hazard.create"_s, uuid(), longPlace),
            // A 1 MB description (the whole body stays under 1 MiB).
            mutation(3, u"hazard.create"_s, uuid(), hazardArgs(entA, QString(1000000, u'x'))),
            mutation(4, u"hazard.create"_s, uuid(), hazardArgs(entA, QString(4000, u'd'))) });
    ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
    const QJsonArray results = bodyJson(r)[u"results"_s].toArray();
    ASSERT_EQ(results.size(), 4);
    EXPECT_EQ(results[0][u"error"_s][u"code"_s].toString(), u"field_too_long"_s);
    EXPECT_EQ(results[0][u"error"_s][u"message"_s].toString(),
        u"mutations[0].args.description has 4001 characters; at most 4000 are allowed"_s);
    EXPECT_EQ(results[1][u"error"_s][u"message"_s].toString(),
        u"mutations[1].args.place has 201 characters; at most 200 are allowed"_s);
    EXPECT_EQ(results[2][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(results[2][u"error"_s][u"code"_s].toString(), u"field_too_long"_s);
    EXPECT_EQ(results[3][u"status"_s].toString(), u"applied"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 1);
}

TEST_F(SyncApiTest, ControlCharactersInThePushEnvelopeAre422NamingTheField)
{
    auto client = push(u"insp"_s, u"dev\x00-1"_s, {});
    ASSERT_EQ(client->status, 422) << client->body;
    EXPECT_EQ(errorCode(client), u"invalid_text"_s);
    EXPECT_TRUE(bodyJson(client)[u"error"_s][u"message"_s].toString().startsWith(
        u"client_id contains a control character"_s));
    auto device = push(u"insp"_s, u"dev-1"_s, {}, 1,
        { { u"device"_s, QJsonObject { { u"app_version"_s, u"1.0\x01"_s } } } });
    ASSERT_EQ(device->status, 422) << device->body;
    EXPECT_TRUE(bodyJson(device)[u"error"_s][u"message"_s].toString().startsWith(
        u"device.app_version contains a control character"_s));
    auto longVersion = push(u"insp"_s, u"dev-1"_s, {}, 1,
        { { u"device"_s, QJsonObject { { u"app_version"_s, QString(65, u'1') } } } });
    ASSERT_EQ(longVersion->status, 422) << longVersion->body;
    EXPECT_EQ(errorCode(longVersion), u"field_too_long"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_clients"_s), 1) << "only the supervisor's";
}

TEST_F(SyncApiTest, ADeviceStatusHasAFixedTypedShape)
{
    // Nested 1,022 levels deep (the attack) or just past the decoder's 32: refused by depth.
    QJsonObject deep { { u"v"_s, 1 } };
    for (int i = 0; i < 40; ++i)
        deep = QJsonObject { { u"v"_s, deep } };
    auto tooDeep = push(u"enta"_s, u"dev-e"_s, {}, 1,
        { { u"device"_s, QJsonObject { { u"last_success"_s, deep } } } });
    ASSERT_EQ(tooDeep->status, 400) << tooDeep->body;
    EXPECT_EQ(errorCode(tooDeep), u"json_too_deep"_s);
    // Shallow nesting: refused by the device status's shape.
    for (const auto& value :
        { QJsonValue(QJsonObject { { u"a"_s, 1 } }), QJsonValue(QJsonArray { 1 }) }) {
        auto nestedValue = push(u"enta"_s, u"dev-e"_s, {}, 1,
            { { u"device"_s, QJsonObject { { u"last_success"_s, value } } } });
        ASSERT_EQ(nestedValue->status, 422) << nestedValue->body;
        EXPECT_EQ(errorCode(nestedValue), u"invalid_device"_s);
    }
    for (const auto& bad : { QJsonObject { { u"pending_mutations"_s, -1 } },
             QJsonObject { { u"pending_blobs"_s, 1.5 } }, QJsonObject { { u"app_version"_s, 7 } },
             QJsonObject { { u"last_success"_s, u"yesterday"_s } } }) {
        auto refused = push(u"enta"_s, u"dev-e"_s, {}, 1, { { u"device"_s, bad } });
        ASSERT_EQ(refused->status, 422) << refused->body;
        EXPECT_EQ(errorCode(refused), u"invalid_device"_s);
    }
    // Unknown fields are dropped; known ones are kept as their types.
    auto ok = push(u"enta"_s, u"dev-e"_s, {}, 1,
        { { u"device"_s,
            QJsonObject { { u"app_version"_s, u"1.3.0"_s }, { u"pending_mutations"_s, 2 },
                { u"last_error"_s, u"pull stuck"_s }, { u"colour"_s, u"red"_s } } } });
    ASSERT_EQ(ok->status, 200) << ok->body;
    auto page = pull(u"sup"_s);
    ASSERT_EQ(page->status, 200);
    // The supervisor's page parses (it did not before: Qt's own limit is 1,024 levels).
    const QJsonObject fields
        = findDevice(bodyJson(page)[u"changes"_s].toArray(), u"dev-e"_s, u"enta"_s)[u"fields"_s]
              .toObject();
    EXPECT_EQ(fields[u"app_version"_s].toString(), u"1.3.0"_s);
    EXPECT_EQ(fields[u"pending_mutations"_s].toInt(), 2);
    EXPECT_EQ(fields[u"last_error"_s].toString(), u"pull stuck"_s);
    EXPECT_FALSE(fields.contains(u"colour"_s));
    // An app that sends no reason code (before it was reported): none is made up.
    EXPECT_FALSE(fields.contains(u"last_error_code"_s));
}

TEST_F(SyncApiTest, ADeviceErrorCarriesItsReasonCodeToTheSupervisor)
{
    const QJsonObject stuck { { u"app_version"_s, u"1.4.0"_s },
        { u"last_error"_s, u"the server's changes could not be applied 3 times"_s },
        { u"last_error_code"_s, u"pull_stuck"_s } };
    ASSERT_EQ(push(u"insp"_s, u"dev-c"_s, {}, 1, { { u"device"_s, stuck } })->status, 200);
    const auto docOfDevice = [&](const QString& user, const QString& client) {
        auto db = srv.store().connection();
        auto q
            = server::run(db.value(), u"SELECT doc FROM devices WHERE user_id = ? AND doc LIKE ?"_s,
                { userIdOf(user), u"%"_s + client + u"%"_s });
        return q.ok() && q.value().next() ? q.value().value(0).toString() : QString();
    };
    const auto deviceFieldsNow = [&] {
        return findDevice(pullAll(u"sup"_s), u"dev-c"_s, u"insp"_s)[u"fields"_s].toObject();
    };
    QJsonObject fields = deviceFieldsNow();
    EXPECT_EQ(fields[u"last_error_code"_s].toString(), u"pull_stuck"_s);
    EXPECT_EQ(
        fields[u"last_error"_s].toString(), u"the server's changes could not be applied 3 times"_s);
    const QString stored = docOfDevice(u"insp"_s, u"dev-c"_s);
    ASSERT_FALSE(stored.isEmpty());

    // Anything but a code is refused with the device's error and changes nothing.
    for (const auto& bad : { QJsonValue(u"Pull stuck"_s), QJsonValue(u"pull-stuck"_s),
             QJsonValue(u"9lives"_s), QJsonValue(7), QJsonValue(QString(65, u'a')) }) {
        QJsonObject status = stuck;
        status.insert(u"last_error_code"_s, bad);
        status.insert(u"app_version"_s, u"6.6.6"_s);
        auto refused = push(u"insp"_s, u"dev-c"_s, {}, 1, { { u"device"_s, status } });
        ASSERT_EQ(refused->status, 422) << refused->body;
        EXPECT_EQ(errorCode(refused),
            bad.isString() && bad.toString().size() > 64 ? u"field_too_long"_s
                                                         : u"invalid_device"_s)
            << refused->body;
        EXPECT_TRUE(
            bodyJson(refused)[u"error"_s][u"message"_s].toString().contains(u"last_error_code"_s))
            << refused->body;
        EXPECT_EQ(docOfDevice(u"insp"_s, u"dev-c"_s), stored);
    }

    // The device recovers: its next status carries neither the error nor its code.
    ASSERT_EQ(push(u"insp"_s, u"dev-c"_s, {}, 1,
                  { { u"device"_s, QJsonObject { { u"app_version"_s, u"1.4.1"_s } } } })
                  ->status,
        200);
    fields = deviceFieldsNow();
    EXPECT_EQ(fields[u"app_version"_s].toString(), u"1.4.1"_s);
    EXPECT_FALSE(fields.contains(u"last_error_code"_s));
    EXPECT_FALSE(fields.contains(u"last_error"_s));
}

TEST_F(SyncApiTest, NoAccountCanOverwriteAnotherAccountsDeviceRow)
{
    const QJsonObject inspectorStatus { { u"app_version"_s, u"1.2.0"_s },
        { u"pending_mutations"_s, 3 } };
    ASSERT_EQ(
        push(u"insp"_s, u"shared-client"_s, {}, 1, { { u"device"_s, inspectorStatus } })->status,
        200);
    // An enterprise account sends the inspector's client id with its own status.
    ASSERT_EQ(
        push(u"enta"_s, u"shared-client"_s, {}, 1,
            { { u"device"_s,
                QJsonObject { { u"app_version"_s, u"6.6.6"_s }, { u"pending_mutations"_s, 0 } } } })
            ->status,
        200);
    const QJsonArray sup = pullAll(u"sup"_s);
    const QJsonObject inspector = findDevice(sup, u"shared-client"_s, u"insp"_s);
    const QJsonObject enterprise = findDevice(sup, u"shared-client"_s, u"enta"_s);
    ASSERT_FALSE(inspector.isEmpty());
    ASSERT_FALSE(enterprise.isEmpty());
    EXPECT_NE(inspector[u"id"_s].toString(), enterprise[u"id"_s].toString());
    EXPECT_EQ(inspector[u"fields"_s][u"app_version"_s].toString(), u"1.2.0"_s);
    EXPECT_EQ(inspector[u"fields"_s][u"pending_mutations"_s].toInt(), 3);
    EXPECT_EQ(enterprise[u"fields"_s][u"app_version"_s].toString(), u"6.6.6"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM devices WHERE doc LIKE '%shared-client%'"_s), 2);
}

TEST_F(SyncApiTest, ADeviceRowKeyedByItsBareClientIdGivesWayToTheKeyedOne)
{
    // A row as servers wrote it before rows were keyed by user and client id.
    {
        auto db = srv.store().connection();
        ASSERT_TRUE(server::run(db.value(),
            u"INSERT INTO devices (id, user_id, doc, created_at, updated_at) VALUES "
            u"('old-client', ?, '{\"id\":\"old-client\",\"app_version\":\"0.9\"}', "
            u"'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"_s,
            { userIdOf(u"insp"_s) })
                        .ok());
    }
    ASSERT_EQ(push(u"insp"_s, u"old-client"_s, {}, 1,
                  { { u"device"_s, QJsonObject { { u"app_version"_s, u"1.0"_s } } } })
                  ->status,
        200);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM devices WHERE id = 'old-client'"_s), 0);
    const QJsonArray sup = pullAll(u"sup"_s);
    EXPECT_EQ(find(sup, u"device"_s, u"old-client"_s)[u"op"_s].toString(), u"remove"_s);
    EXPECT_EQ(findDevice(sup, u"old-client"_s, u"insp"_s)[u"fields"_s][u"app_version"_s].toString(),
        u"1.0"_s);
}

TEST_F(SyncApiTest, VerifyWaitsForEvidenceBlobsThatArePending)
{
    const QString ha = createHazard(u"insp"_s, u"dev-1"_s, 1, entA);
    const QByteArray evidence("new guard fitted, photo");
    auto submit = push(u"enta"_s, u"dev-e"_s,
        { mutation(1, u"rectification.submit"_s, uuid(),
            { { u"hazard_id"_s, ha }, { u"note"_s, u"fitted"_s },
                { u"attachments"_s, QJsonArray { sha(evidence) } } }) });
    ASSERT_EQ(bodyJson(submit)[u"results"_s][0][u"status"_s].toString(), u"applied"_s)
        << submit->body;
    QString cursor;
    const QJsonArray before = pullAll(u"enta"_s, {}, &cursor);
    EXPECT_EQ(find(before, u"attachment"_s, sha(evidence))[u"fields"_s][u"state"_s].toString(),
        u"pending"_s);
    EXPECT_EQ(find(before, u"hazard"_s, ha)[u"fields"_s][u"status"_s].toString(), u"submitted"_s);

    auto early = push(u"insp"_s, u"dev-1"_s,
        { mutation(2, u"rectification.verify"_s, uuid(), { { u"hazard_id"_s, ha } }) });
    EXPECT_EQ(bodyJson(early)[u"results"_s][0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(
        bodyJson(early)[u"results"_s][0][u"error"_s][u"code"_s].toString(), u"evidence_pending"_s);

    ASSERT_EQ(putBlob(u"enta"_s, evidence)->status, 201);
    const QJsonArray after = pullAll(u"enta"_s, cursor);
    EXPECT_EQ(find(after, u"attachment"_s, sha(evidence))[u"fields"_s][u"state"_s].toString(),
        u"complete"_s);
    auto verify = push(u"insp"_s, u"dev-1"_s,
        { mutation(3, u"rectification.verify"_s, uuid(), { { u"hazard_id"_s, ha } }) });
    EXPECT_EQ(bodyJson(verify)[u"results"_s][0][u"status"_s].toString(), u"applied"_s)
        << verify->body;
    // A second verify is illegal now: rejected, with a conflict record kept.
    auto twice = push(u"sup"_s, u"dev-sup"_s,
        { mutation(3, u"rectification.verify"_s, uuid(), { { u"hazard_id"_s, ha } }) });
    EXPECT_EQ(bodyJson(twice)[u"results"_s][0][u"status"_s].toString(), u"rejected"_s);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM conflicts WHERE reason = 'illegal_transition'"_s), 1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'conflict'"_s), 1);
}

TEST_F(SyncApiTest, ConcurrentPushesOfOneBatchCreateNoDuplicates)
{
    const QJsonArray batch { mutation(1, u"hazard.create"_s, uuid(), hazardArgs(entA, u"A"_s)),
        mutation(2, u"hazard.create"_s, uuid(), hazardArgs(entA, u"B"_s)),
        mutation(3, u"comment.add"_s, uuid(),
            { { u"record_id"_s, u"missing"_s }, { u"text"_s, u"x"_s } }) };
    std::vector<std::thread> threads;
    std::atomic<int> ok { 0 };
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            auto r = push(u"insp"_s, u"dev-1"_s, batch);
            if (r && r->status == 200
                && bodyJson(r)[u"results"_s][2][u"status"_s].toString() == u"rejected"_s)
                ++ok;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(ok.load(), 4);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM hazards"_s), 2);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'hazard'"_s), 2);
}

TEST_F(SyncApiTest, ARecordIsLoggedInTheScopeItsOwnPushLeftIt)
{
    // One push moves enterprise A to the South and records a hazard there, another records one
    // and deletes it: the change log takes each record's scope from what the push wrote.
    const QString moved = uuid();
    auto r = push(u"sup"_s, u"dev-sup"_s,
        { mutation(3, u"hazard.create"_s, moved, hazardArgs(entA, u"Before the move"_s)),
            mutation(
                4, u"enterprise.upsert"_s, entA, enterpriseArgs(u"Acme Stamping"_s, u"South"_s)),
            mutation(5, u"hazard.update"_s, moved, { { u"place"_s, u"Hall 2"_s } }) });
    ASSERT_EQ(r->status, 200) << r->body;
    for (const auto& res : bodyJson(r)[u"results"_s].toArray())
        ASSERT_EQ(res[u"status"_s].toString(), u"applied"_s) << r->body;
    auto db = srv.store().connection();
    auto last = server::run(db.value(),
        u"SELECT street, enterprise_id FROM change_log WHERE entity = 'hazard' AND record_id = ? "
        u"ORDER BY seq DESC LIMIT 1"_s,
        { moved });
    ASSERT_TRUE(last.ok());
    ASSERT_TRUE(last.value().next());
    EXPECT_EQ(last.value().value(0).toString(), u"South"_s);
    EXPECT_EQ(last.value().value(1).toString(), entA);
    last.value().finish();
    EXPECT_FALSE(find(pullAll(u"south"_s), u"hazard"_s, moved).isEmpty());
    EXPECT_NE(find(pullAll(u"north"_s), u"hazard"_s, moved)[u"op"_s].toString(), u"put"_s);

    const QString gone = uuid();
    r = push(u"sup"_s, u"dev-sup"_s,
        { mutation(6, u"hazard.create"_s, gone, hazardArgs(entB, u"Recorded by mistake"_s)),
            mutation(7, u"hazard.delete"_s, gone, {}) });
    ASSERT_EQ(r->status, 200) << r->body;
    ASSERT_EQ(bodyJson(r)[u"results"_s][1][u"status"_s].toString(), u"applied"_s) << r->body;
    const QJsonObject seen = find(pullAll(u"sup"_s), u"hazard"_s, gone);
    EXPECT_EQ(seen[u"op"_s].toString(), u"remove"_s) << QJsonDocument(seen).toJson().toStdString();
}
