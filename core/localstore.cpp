#include "localstore.h"

#include "storemeta_p.h"

#include "audit.h"
#include "database.h"
#include "schema.h"
#include "uuid.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

QString entityOf(const QString& mutationName)
{
    const QString head = mutationName.section(u'.', 0, 0);
    return head == u"rectification"_s ? u"rectification_event"_s : head;
}

} // namespace

LocalStore::LocalStore(Options options, QSqlDatabase db, QString connection)
    : m_options(std::move(options))
    , m_db(std::move(db))
    , m_connection(std::move(connection))
    , m_blobs(m_options.blobRoot)
{
}

LocalStore::~LocalStore()
{
    m_db = QSqlDatabase();
    closeDatabase(m_connection);
}

Result<std::unique_ptr<LocalStore>> LocalStore::open(Options options)
{
    const QString connection = u"localstore-"_s + uuidv7();
    auto db = openSqlite(options.databasePath, connection);
    if (!db)
        return db.error();
    if (auto m = migrateSchema(db.value()); !m) {
        db.value() = QSqlDatabase();
        closeDatabase(connection);
        return m.error();
    }
    std::unique_ptr<LocalStore> store(new LocalStore(std::move(options), db.value(), connection));
    if (auto r = store->createDeviceTables(); !r)
        return r.error();
    for (const LedgerSchema& ledger : store->m_options.ledgers)
        if (auto r = migrateLedger(store->m_db, ledger); !r)
            return r.error();
    return store;
}

Result<QString> LocalStore::nextHlc()
{
    auto last = metaValue(m_db, u"hlc"_s);
    if (!last)
        return last.error();
    const quint64 wall = static_cast<quint64>(now().toMSecsSinceEpoch()) & 0xffffffffffffULL;
    quint64 prevMs = 0, prevCounter = 0;
    if (last->size() == 16) {
        prevMs = last->left(12).toULongLong(nullptr, 16);
        prevCounter = last->mid(12).toULongLong(nullptr, 16);
    }
    quint64 ms = wall, counter = 0;
    if (wall <= prevMs) {
        ms = prevMs;
        counter = prevCounter + 1;
    }
    const QString hlc = u"%1%2"_s.arg(ms, 12, 16, QChar(u'0')).arg(counter, 4, 16, QChar(u'0'));
    if (auto r = setMeta(m_db, u"hlc"_s, hlc); !r)
        return r.error();
    return hlc;
}

Result<qint64> LocalStore::nextOutboxId()
{
    auto last = metaValue(m_db, u"outbox_last_id"_s);
    if (!last)
        return last.error();
    const qint64 next = last->toLongLong() + 1;
    if (auto r = setMeta(m_db, u"outbox_last_id"_s, QString::number(next)); !r)
        return r.error();
    return next;
}

Result<MutationOutcome> LocalStore::perform(
    const Actor& actor, const QString& name, const QString& entityId, const QJsonObject& args)
{
    // IMMEDIATE: take the write lock up front. A deferred transaction that reads first (the HLC)
    // and writes later cannot wait for another connection's writer (the sync engine shares the
    // file) and fails with SQLITE_BUSY instead; BEGIN IMMEDIATE waits out the busy timeout.
    if (QSqlQuery begin(m_db); !begin.exec(u"BEGIN IMMEDIATE"_s))
        return sqlError(begin);
    auto fail = [this](Error e) -> Result<MutationOutcome> {
        m_db.rollback();
        return e;
    };
    const QDateTime at = now().toUTC();
    auto hlc = nextHlc();
    if (!hlc)
        return fail(hlc.error());
    Mutation m { 0, name, entityId, *hlc, currentBase(m_db, name, entityId, args), args };
    Actor device = actor;
    device.deviceId = m_options.deviceId;
    auto outcome = applyMutation(m_db, device, m, { at, m_options.zone, false });
    if (!outcome)
        return fail(outcome.error());
    if (outcome->status == OutcomeStatus::Rejected)
        return fail(*outcome->error);
    auto id = nextOutboxId();
    if (!id)
        return fail(id.error());
    const QString created = formatTimestamp(at);
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO outbox (id, name, entity_id, hlc, base, args, created_at) "
              u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(*id);
    q.addBindValue(name);
    q.addBindValue(entityId);
    q.addBindValue(*hlc);
    q.addBindValue(compact(m.base));
    q.addBindValue(compact(args));
    q.addBindValue(created);
    if (!q.exec())
        return fail(sqlError(q));
    auto entry = audit::append(m_db,
        { 0, created, actor.userId, m_options.deviceId, name, entityOf(name), entityId, args, {},
            {} });
    if (!entry)
        return fail(entry.error());
    if (!m_db.commit())
        return fail(makeError(u"sql_error"_s, m_db.lastError().text()));
    return outcome;
}

Result<QList<OutboxRow>> LocalStore::outbox()
{
    QSqlQuery q(m_db);
    if (!q.exec(
            u"SELECT id, name, entity_id, hlc, base, args, created_at FROM outbox ORDER BY id"_s))
        return sqlError(q);
    QList<OutboxRow> rows;
    while (q.next())
        rows.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object(),
            QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object(),
            q.value(6).toString() });
    return rows;
}

Result<void> LocalStore::dropOutboxThrough(qint64 lastId)
{
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM outbox WHERE id <= ?"_s);
    q.addBindValue(lastId);
    if (!q.exec())
        return sqlError(q);
    return {};
}

} // namespace safeloop::core
