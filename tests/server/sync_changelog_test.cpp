// The change-log entries a push appends (server::appendChanges), on SQLite and PostgreSQL: a
// record the push created under a free id is not looked up for an earlier entry and gets its
// first one; a record that existed finds its last entry (its street moved: prev_street); on
// SQLite the rows go through SQLite's own handle, with text as sent and NULLs kept NULL.
#include "synctestsupport.h"

namespace {

/// One change-log row; std::nullopt for NULL.
struct Entry {
    qint64 seq = 0;
    std::optional<QString> enterprise;
    std::optional<QString> street;
    std::optional<QString> prevStreet;
};

std::optional<QString> text(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<QString>(v.toString());
}

QJsonObject with(QJsonObject o, const QString& key, const QJsonValue& value)
{
    o.insert(key, value);
    return o;
}

} // namespace

class ChangeLogTest : public SyncApiTest {
protected:
    /// The entries of one record, oldest first.
    std::vector<Entry> entries(const QString& entity, const QString& id)
    {
        auto db = srv.store().connection();
        auto q = server::run(db.value(),
            u"SELECT seq, enterprise_id, street, prev_street, record_id FROM change_log "
            u"WHERE entity = ? AND record_id = ? ORDER BY seq"_s,
            { entity, id });
        EXPECT_TRUE(q.ok());
        std::vector<Entry> out;
        while (q.ok() && q.value().next()) {
            // The id as stored, byte for byte.
            EXPECT_EQ(q.value().value(4).toString().toUtf8(), id.toUtf8());
            out.push_back({ q.value().value(0).toLongLong(), text(q.value().value(1)),
                text(q.value().value(2)), text(q.value().value(3)) });
        }
        return out;
    }

    qint64 lastSeq() { return count(u"SELECT last_seq FROM change_counter WHERE id = 1"_s); }

    server::Caller caller(const QString& username, server::Role role)
    {
        server::Caller c;
        c.userId = userIdOf(username);
        c.role = role;
        return c;
    }

    static QJsonObject body(const QString& client, const QJsonArray& mutations)
    {
        return { { u"client_id"_s, client }, { u"schema_version"_s, 1 },
            { u"mutations"_s, mutations } };
    }

    static void expectApplied(const core::Result<server::PushResult>& r)
    {
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        for (const auto& item : r.value().results)
            EXPECT_EQ(item.status, u"applied"_s)
                << item.id << ' ' << (item.error ? item.error->message.toStdString() : "");
    }
};

TEST_F(ChangeLogTest, ARecordCreatedUnderAFreeIdIsNotLookedUpAndGetsItsFirstEntry)
{
    server::SyncService sync(srv.store());
    const server::Caller insp = caller(u"insp"_s, server::Role::Inspector);
    const QString x = uuid();
    const QString y = u"hz \"quoted\" 'single' \\back\\ {a,b} 隐患 😀"_s;
    const qint64 before = lastSeq();
    expectApplied(sync.push(insp,
        body(u"cl-fresh"_s,
            { mutation(1, u"hazard.create"_s, x, hazardArgs(entA, u"Guard missing"_s)),
                mutation(2, u"hazard.update"_s, x, { { u"place"_s, u"Hall 2"_s } }),
                mutation(3, u"hazard.create"_s, y, hazardArgs(entA, u"Guard missing"_s)) })));
    // Both hazards were created in this push: neither had an entry to look up. Each create
    // also wrote its order (a rectification event under an id derived from the hazard's, not
    // one the create found free): those two were looked up.
    EXPECT_EQ(sync.pushStats().lastEntryLookups, 2);
    const auto xs = entries(u"hazard"_s, x);
    ASSERT_EQ(xs.size(), 1U);
    EXPECT_GT(xs[0].seq, before);
    EXPECT_EQ(xs[0].street, u"North"_s);
    EXPECT_EQ(xs[0].enterprise, entA);
    EXPECT_EQ(xs[0].prevStreet, std::nullopt);
    const auto ys = entries(u"hazard"_s, y);
    ASSERT_EQ(ys.size(), 1U);
    // In the order the push touched them: x, x's order, y, y's order.
    EXPECT_EQ(ys[0].seq, xs[0].seq + 2);
    EXPECT_EQ(ys[0].street, u"North"_s);
    EXPECT_EQ(ys[0].enterprise, entA);
    EXPECT_EQ(ys[0].prevStreet, std::nullopt);
    EXPECT_EQ(lastSeq(), ys[0].seq + 1);

    // Changed again in a later push, x exists: its last entry is looked up, the new one follows.
    expectApplied(sync.push(insp,
        body(u"cl-fresh"_s,
            { mutation(4, u"hazard.update"_s, x, { { u"place"_s, u"Hall 3"_s } }) })));
    EXPECT_EQ(sync.pushStats().lastEntryLookups, 3);
    // On PostgreSQL the lookups went through libpq with the ids as parameters (one statement
    // per push and entity here); on SQLite through QtSql.
    EXPECT_EQ(sync.pushStats().paramLookups, test::UsingPostgres ? 2 : 0);
    const auto again = entries(u"hazard"_s, x);
    ASSERT_EQ(again.size(), 2U);
    EXPECT_GT(again[1].seq, ys[0].seq);
    EXPECT_EQ(again[1].street, u"North"_s);
    EXPECT_EQ(again[1].prevStreet, std::nullopt);

    // A create under an id that exists is refused and appends nothing for it.
    auto refused = sync.push(insp,
        body(u"cl-fresh"_s, { mutation(5, u"hazard.create"_s, y, hazardArgs(entA, u"Again"_s)) }));
    ASSERT_TRUE(refused.ok());
    ASSERT_EQ(refused.value().results.size(), 1);
    EXPECT_EQ(refused.value().results.at(0).status, u"rejected"_s);
    EXPECT_EQ(entries(u"hazard"_s, y).size(), 1U);
}

TEST_F(ChangeLogTest, ARecordThatExistedFindsItsLastEntryWhenItsEnterpriseMoves)
{
    server::SyncService sync(srv.store());
    const server::Caller insp = caller(u"insp"_s, server::Role::Inspector);
    const server::Caller sup = caller(u"sup"_s, server::Role::Supervisor);
    const QString x = uuid();
    expectApplied(sync.push(insp,
        body(u"cl-move-insp"_s,
            { mutation(1, u"hazard.create"_s, x, hazardArgs(entA, u"Guard missing"_s)) })));
    // The hazard's order event only.
    EXPECT_EQ(sync.pushStats().lastEntryLookups, 1);

    // In one push the hazard changes and its enterprise moves: the hazard's entry names the
    // street it was last logged under.
    const QString moved = u"Süd \"二\" 'b' \\ 😀"_s;
    expectApplied(sync.push(sup,
        body(u"cl-move-sup"_s,
            { mutation(1, u"hazard.update"_s, x, { { u"place"_s, u"Hall 2"_s } }),
                mutation(2, u"enterprise.upsert"_s, entA,
                    enterpriseArgs(u"Acme Stamping"_s, moved)) })));
    // The hazard and the enterprise existed: both were looked up, and the hazard's order, which
    // the move appends again.
    EXPECT_EQ(sync.pushStats().lastEntryLookups, 4);
    auto xs = entries(u"hazard"_s, x);
    ASSERT_GE(xs.size(), 2U);
    EXPECT_EQ(xs[1].street, moved);
    EXPECT_EQ(xs[1].prevStreet, u"North"_s);
    EXPECT_EQ(xs[1].enterprise, entA);
    const auto enterprise = entries(u"enterprise"_s, entA);
    ASSERT_GE(enterprise.size(), 2U);
    EXPECT_EQ(enterprise.back().street, moved);
    EXPECT_EQ(enterprise.back().prevStreet, u"North"_s);

    // Moved back: the street it left, as sent, is the new entries' prev_street.
    expectApplied(sync.push(sup,
        body(u"cl-move-sup"_s,
            { mutation(
                  3, u"enterprise.upsert"_s, entA, enterpriseArgs(u"Acme Stamping"_s, u"North"_s)),
                mutation(4, u"hazard.update"_s, x, { { u"place"_s, u"Hall 3"_s } }) })));
    xs = entries(u"hazard"_s, x);
    bool found = false;
    for (const Entry& e : xs)
        found = found || (e.prevStreet == moved && e.street == u"North"_s);
    EXPECT_TRUE(found);
    for (std::size_t i = 1; i < xs.size(); ++i)
        EXPECT_LT(xs[i - 1].seq, xs[i].seq);
    // The inspectors of the old street are told to remove it, those of the new one receive it.
    EXPECT_FALSE(find(pullAll(u"north"_s), u"hazard"_s, x).isEmpty());
}

// Change-log rows through SQLite's own handle (on PostgreSQL through QtSql and libpq): text as
// sent, an absent enterprise or street NULL, not empty text.
TEST_F(ChangeLogTest, RowsKeepTextAsSentAndAbsentValuesNull)
{
    server::SyncService sync(srv.store());
    const server::Caller insp = caller(u"insp"_s, server::Role::Inspector);
    const QString inspection = uuid();
    const QString held = uuid();
    const QString quoted = u"hz \"q\" 'single' \\ 隐患 e\u0301 😀"_s;
    const qint64 before = lastSeq();
    QJsonObject withDevice = body(u"cl-rows"_s,
        { inspectionCreate(1, inspection, entA, u"insp"_s),
            // Held back from the enterprise while the inspection is unfinished.
            mutation(2, u"hazard.create"_s, held,
                with(hazardArgs(entA, u"Guard missing"_s), u"inspection_id"_s, inspection)),
            mutation(3, u"hazard.create"_s, quoted, hazardArgs(entA, u"Guard missing"_s)) });
    withDevice.insert(u"device"_s, QJsonObject { { u"app_version"_s, u"1.0"_s } });
    expectApplied(sync.push(insp, withDevice));
    // The push's entries (a group first brings account records up to date: `user` entries).
    const qint64 appended = count(
        u"SELECT COUNT(*) FROM change_log WHERE seq > %1 AND entity <> 'user'"_s.arg(before));
    EXPECT_GE(appended, 4);

    const auto h = entries(u"hazard"_s, held);
    ASSERT_EQ(h.size(), 1U);
    EXPECT_EQ(h[0].enterprise, std::nullopt);
    EXPECT_EQ(h[0].street, u"North"_s);
    EXPECT_EQ(h[0].prevStreet, std::nullopt);
    const auto q = entries(u"hazard"_s, quoted);
    ASSERT_EQ(q.size(), 1U);
    EXPECT_EQ(q[0].enterprise, entA);
    // A device record is district-wide: no enterprise, no street.
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE entity = 'device' AND seq > %1 "
                    u"AND enterprise_id IS NULL AND street IS NULL AND prev_street IS NULL"_s.arg(
                        before)),
        1);
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM change_log WHERE seq > %1 AND (enterprise_id = '' "
                    u"OR street = '' OR prev_street = '')"_s.arg(before)),
        0);
    // The enterprise receives the quoted record as its id was sent, the held one not yet.
    const QJsonArray a = pullAll(u"enta"_s);
    EXPECT_FALSE(find(a, u"hazard"_s, quoted).isEmpty());
    EXPECT_TRUE(find(a, u"hazard"_s, held).isEmpty());

    // A refused mutation's result keeps its message (the id in quotes) for replays; applied
    // ones keep NULL, not empty text.
    auto refused = sync.push(insp,
        body(u"cl-rows"_s,
            { mutation(4, u"hazard.create"_s, quoted, hazardArgs(entA, u"Again"_s)) }));
    ASSERT_TRUE(refused.ok());
    ASSERT_EQ(refused.value().results.size(), 1);
    ASSERT_TRUE(refused.value().results.at(0).error.has_value());
    const core::Error refusal = *refused.value().results.at(0).error;
    EXPECT_TRUE(refusal.message.contains(quoted)) << refusal.message.toStdString();
    EXPECT_EQ(count(u"SELECT COUNT(*) FROM push_results WHERE client_key LIKE 'cl-rows|%' "
                    u"AND error IS NULL"_s),
        3);
    auto replay = sync.push(insp,
        body(u"cl-rows"_s,
            { mutation(4, u"hazard.create"_s, quoted, hazardArgs(entA, u"Again"_s)) }));
    ASSERT_TRUE(replay.ok());
    ASSERT_EQ(replay.value().results.size(), 1);
    ASSERT_TRUE(replay.value().results.at(0).error.has_value());
    EXPECT_EQ(replay.value().results.at(0).error->message, refusal.message);

    // On SQLite every entry and result went through SQLite's C API; on PostgreSQL none.
    if (test::UsingPostgres) {
        EXPECT_EQ(sync.pushStats().nativeChangeRows, 0);
        EXPECT_EQ(sync.pushStats().nativeResultRows, 0);
    } else {
        EXPECT_EQ(sync.pushStats().nativeChangeRows, appended);
        EXPECT_EQ(sync.pushStats().nativeResultRows, 4);
    }
}
