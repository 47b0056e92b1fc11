// LocalStore's outbox and clock operations that sync asks for: renumbering, forgetting a
// rejected create, replaying unsent mutations after a pull, folding in received HLCs.
#include "localstore.h"

#include "database.h"

#include "entities.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

Error sqlFailure(const QSqlDatabase& db)
{
    return makeError(u"sql_error"_s, db.lastError().text());
}

} // namespace

Result<void> LocalStore::renumberOutbox(qint64 expected)
{
    // The first statement writes, so the transaction holds the write lock before anything is
    // read and no concurrent perform() can slip in between.
    if (!m_db.transaction())
        return sqlFailure(m_db);
    auto fail = [this](const QSqlQuery& q) {
        m_db.rollback();
        return sqlError(q);
    };
    QSqlQuery q(m_db);
    if (!q.exec(u"UPDATE outbox SET id = -id"_s))
        return fail(q);
    if (!q.exec(u"SELECT id FROM outbox ORDER BY id DESC"_s)) // -id descending = id ascending
        return fail(q);
    QList<qint64> old;
    while (q.next())
        old << q.value(0).toLongLong();
    qint64 next = expected;
    for (qint64 negated : old) {
        QSqlQuery u(m_db);
        u.prepare(u"UPDATE outbox SET id = ? WHERE id = ?"_s);
        u.addBindValue(next++);
        u.addBindValue(negated);
        if (!u.exec())
            return fail(u);
    }
    QSqlQuery meta(m_db);
    meta.prepare(u"INSERT INTO store_meta (key, value) VALUES ('outbox_last_id', ?) "
                 u"ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    meta.addBindValue(QString::number(next - 1));
    if (!meta.exec())
        return fail(meta);
    if (!m_db.commit())
        return sqlFailure(m_db);
    return {};
}

Result<void> LocalStore::forgetCreated(const QString& mutationName, const QString& entityId)
{
    QString entity;
    if (mutationName.startsWith(u"rectification."_s))
        entity = u"rectification_event"_s;
    else if (mutationName == u"comment.add"_s)
        entity = u"comment"_s;
    else if (mutationName == u"hazard.create"_s)
        entity = u"hazard"_s;
    else if (mutationName == u"inspection.create"_s)
        entity = u"inspection"_s;
    else
        return {}; // an edit: the server sends the record again with the rejection
    QSqlQuery q(m_db);
    if (entity == u"hazard"_s || entity == u"inspection"_s) {
        // Comments on the record hang on it by id without a foreign key.
        q.prepare(u"DELETE FROM comments WHERE record_id = ?"_s);
        q.addBindValue(entityId);
        if (!q.exec())
            return sqlError(q);
    }
    RecordWriter writer(m_db);
    return writer.remove(entity, entityId);
}

Result<void> LocalStore::reapplyOutbox(const Actor& actor, const QDateTime& at)
{
    {
        // Nothing pending (the usual case, and every first sync): no replay, no write.
        QSqlQuery any(m_db);
        if (any.exec(u"SELECT 1 FROM outbox LIMIT 1"_s) && !any.next())
            return {};
    }
    if (!m_db.transaction())
        return sqlFailure(m_db);
    QSqlQuery lock(m_db);
    lock.exec(u"UPDATE store_meta SET value = value WHERE key = 'hlc'"_s); // take the write lock
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT id, name, entity_id, hlc, args FROM outbox ORDER BY id"_s)) {
        m_db.rollback();
        return sqlError(q);
    }
    while (q.next()) {
        Mutation m;
        m.id = q.value(0).toLongLong();
        m.name = q.value(1).toString();
        m.entityId = q.value(2).toString();
        m.hlc = q.value(3).toString();
        m.args = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        m.base = currentBase(m_db, m.name, m.entityId, m.args);
        m_db.exec(u"SAVEPOINT reapply"_s);
        auto outcome = applyMutation(m_db, actor, m, { at, {}, false });
        if (!outcome || outcome->status == OutcomeStatus::Rejected)
            m_db.exec(u"ROLLBACK TO reapply"_s);
        m_db.exec(u"RELEASE reapply"_s);
    }
    if (!m_db.commit())
        return sqlFailure(m_db);
    return {};
}

Result<bool> LocalStore::outboxChanges(const QString& recordId)
{
    // A record merely mentioned (the enterprise of a new hazard) is not changed.
    QSqlQuery p(m_db);
    p.prepare(u"SELECT 1 FROM outbox WHERE entity_id = ? "
              u"OR (name LIKE 'rectification.%' AND json_extract(args, '$.hazard_id') = ?) "
              u"OR (name = 'comment.add' AND json_extract(args, '$.record_id') = ?) LIMIT 1"_s);
    p.addBindValue(recordId);
    p.addBindValue(recordId);
    p.addBindValue(recordId);
    if (!p.exec())
        return sqlError(p);
    return p.next();
}

Result<void> LocalStore::observeHlc(const QString& hlc)
{
    // 12 hex digits of milliseconds and 4 of counter, lower case: as fixed-width text, string
    // order is time order.
    static const QRegularExpression wellFormed(u"^[0-9a-f]{16}$"_s);
    if (!wellFormed.match(hlc).hasMatch())
        return {};
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT value FROM store_meta WHERE key = 'hlc'"_s))
        return sqlError(q);
    const QString local = q.next() ? q.value(0).toString() : QString();
    q.finish();
    if (wellFormed.match(local).hasMatch() && local >= hlc)
        return {};
    QSqlQuery w(m_db);
    w.prepare(u"INSERT INTO store_meta (key, value) VALUES ('hlc', ?) "
              u"ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    w.addBindValue(hlc);
    if (!w.exec())
        return sqlError(w);
    return {};
}

std::unique_ptr<RecordWriter> LocalStore::recordWriter()
{
    return std::make_unique<RecordWriter>(m_db);
}

} // namespace safeloop::core
