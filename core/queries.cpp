#include "queries.h"

#include "database.h"
#include "rules.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace safeloop::core {

namespace {

/// The condition on a hazard's stored `source` (absent for an inspection's hazard), or empty
/// for either; binds the word into `binds`.
QString sourceCondition(std::optional<HazardSource> source, QVariantList& binds)
{
    if (!source)
        return {};
    binds << toString(HazardSource::SelfCheck);
    return *source == HazardSource::SelfCheck ? u"json_extract(doc, '$.source') = ?"_s
                                              : u"json_extract(doc, '$.source') IS NOT ?"_s;
}

} // namespace

int HazardCounts::notVerified() const
{
    int n = 0;
    for (auto it = byStatus.constBegin(); it != byStatus.constEnd(); ++it)
        if (it.key() != u"verified"_s)
            n += it.value();
    return n;
}

Result<HazardCounts> countHazards(QSqlDatabase& db, const QString& enterpriseId, QDate today,
    int soonDays, std::optional<HazardSource> source)
{
    QVariantList sourceBinds;
    const QString bySource = sourceCondition(source, sourceBinds);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT status, COUNT(*), "
              u"SUM(CASE WHEN status <> 'verified' AND deadline < ? THEN 1 ELSE 0 END), "
              u"SUM(CASE WHEN status <> 'verified' AND deadline >= ? AND deadline <= ? "
              u"THEN 1 ELSE 0 END) "
              u"FROM hazards WHERE deleted = 0 %1 %2 GROUP BY status"_s.arg(
                  enterpriseId.isEmpty() ? QString() : u"AND enterprise_id = ?"_s,
                  bySource.isEmpty() ? QString() : u"AND "_s + bySource));
    const QString day = today.toString(Qt::ISODate);
    q.addBindValue(day);
    q.addBindValue(day);
    q.addBindValue(today.addDays(soonDays).toString(Qt::ISODate));
    if (!enterpriseId.isEmpty())
        q.addBindValue(enterpriseId);
    for (const auto& b : sourceBinds)
        q.addBindValue(b);
    if (!q.exec())
        return sqlError(q);
    HazardCounts out;
    while (q.next()) {
        out.byStatus.insert(q.value(0).toString(), q.value(1).toInt());
        out.overdue += q.value(2).toInt();
        out.dueSoon += q.value(3).toInt();
    }
    return out;
}

Result<HazardPickLists> hazardPickLists(QSqlDatabase& db, const QString& enterpriseId, int limit)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT json_extract(doc, '$.place'), json_extract(doc, '$.category') FROM hazards "
              u"WHERE enterprise_id = ? AND deleted = 0 ORDER BY created_at DESC, id DESC"_s);
    q.addBindValue(enterpriseId);
    if (!q.exec())
        return sqlError(q);
    HazardPickLists out;
    auto keep = [limit](QStringList& list, const QString& value) {
        const QString v = value.trimmed();
        if (!v.isEmpty() && list.size() < limit && !list.contains(v))
            list << v;
    };
    while (q.next() && (out.places.size() < limit || out.categories.size() < limit)) {
        keep(out.places, q.value(0).toString());
        keep(out.categories, q.value(1).toString());
    }
    return out;
}

Result<QList<StoredRecord>> listHazards(QSqlDatabase& db, const HazardFilter& filter, QDate today)
{
    QStringList where { u"deleted = 0"_s };
    QVariantList binds;
    if (!filter.enterpriseId.isEmpty()) {
        where << u"enterprise_id = ?"_s;
        binds << filter.enterpriseId;
    }
    if (!filter.statuses.isEmpty()) {
        QStringList marks;
        for (const auto& s : filter.statuses) {
            marks << u"?"_s;
            binds << s;
        }
        where << u"status IN (%1)"_s.arg(marks.join(u", "_s));
    }
    if (filter.deadlineBefore.isValid()) {
        where << u"deadline < ?"_s;
        binds << filter.deadlineBefore.toString(Qt::ISODate);
    }
    if (const QString bySource = sourceCondition(filter.source, binds); !bySource.isEmpty())
        where << bySource;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(
        u"SELECT id, doc, versions FROM hazards WHERE %1 ORDER BY deadline, id LIMIT ? OFFSET ?"_s
            .arg(where.join(u" AND "_s)));
    for (const auto& b : binds)
        q.addBindValue(b);
    q.addBindValue(filter.limit);
    q.addBindValue(filter.offset);
    if (!q.exec())
        return sqlError(q);
    QList<StoredRecord> out;
    while (q.next()) {
        StoredRecord r { u"hazard"_s, q.value(0).toString(),
            QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object(),
            QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object(), false };
        const auto status = parseHazardStatus(r.fields.value(u"status"_s).toString());
        const QDate deadline
            = QDate::fromString(r.fields.value(u"deadline"_s).toString(), Qt::ISODate);
        r.fields.insert(
            u"overdue"_s, status.ok() && rules::isOverdue(deadline, status.value(), today));
        out.append(r);
    }
    return out;
}

} // namespace safeloop::core
