#include "audit.h"

#include "database.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace safeloop::core::audit {

QString genesisHash()
{
    return QString(64, u'0');
}

QString entryHash(const AuditEntry& entry)
{
    QJsonObject o = entry.toJson();
    o.remove(u"hash"_s);
    const QByteArray canonical = QJsonDocument(o).toJson(QJsonDocument::Compact); // sorted keys
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(entry.prevHash.toUtf8());
    h.addData(QByteArrayView("\n"));
    h.addData(canonical);
    return QString::fromLatin1(h.result().toHex());
}

Result<AuditEntry> append(QSqlDatabase& db, AuditEntry entry)
{
    QSqlQuery last(db);
    if (!last.exec(u"SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"_s))
        return sqlError(last);
    entry.seq = 1;
    entry.prevHash = genesisHash();
    if (last.next()) {
        entry.seq = last.value(0).toLongLong() + 1;
        entry.prevHash = last.value(1).toString();
    }
    entry.hash = entryHash(entry);
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO audit_log (seq, at, user_id, device_id, action, entity, entity_id, "
              u"args, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(entry.seq);
    q.addBindValue(entry.at);
    q.addBindValue(entry.userId);
    q.addBindValue(entry.deviceId);
    q.addBindValue(entry.action);
    q.addBindValue(entry.entity);
    q.addBindValue(entry.entityId);
    q.addBindValue(compact(entry.args));
    q.addBindValue(entry.prevHash);
    q.addBindValue(entry.hash);
    if (!q.exec())
        return sqlError(q);
    return entry;
}

Result<qint64> verify(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT seq, at, user_id, device_id, action, entity, entity_id, args, prev_hash, "
                u"hash FROM audit_log ORDER BY seq"_s))
        return sqlError(q);
    QString prev = genesisHash();
    qint64 expected = 1;
    while (q.next()) {
        AuditEntry e { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
            q.value(6).toString(), QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object(),
            q.value(8).toString(), q.value(9).toString() };
        if (e.seq != expected)
            return makeError(u"audit_chain_broken"_s,
                u"audit entry %1 is missing (found %2 next)"_s.arg(expected).arg(e.seq));
        if (e.prevHash != prev)
            return makeError(u"audit_chain_broken"_s,
                u"audit entry %1 does not follow the entry before it"_s.arg(e.seq));
        if (entryHash(e) != e.hash)
            return makeError(u"audit_chain_broken"_s, u"audit entry %1 was altered"_s.arg(e.seq));
        prev = e.hash;
        ++expected;
    }
    return expected - 1;
}

} // namespace safeloop::core::audit
