#pragma once

// What the convergence suites (convergence_test.cpp, clockskew_test.cpp) compare: a device's
// records as one map, and the first differences between two.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace safeloop::test::convergence {

using namespace Qt::StringLiterals;

inline const QStringList EntityTables { u"enterprises"_s, u"users"_s, u"templates"_s,
    u"inspections"_s, u"answers"_s, u"hazards"_s, u"rectification_events"_s, u"comments"_s,
    u"attachments"_s, u"plans"_s };

inline QJsonObject parseObject(const QString& s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

inline QString compact(const QJsonValue& v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
}

/// Every record a device holds: "table/id" → doc, versions and the deleted flag; conflicts by id
/// with what they say.
inline std::map<QString, QString> snapshot(QSqlDatabase& db)
{
    std::map<QString, QString> out;
    for (const auto& table : EntityTables) {
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(u"SELECT id, doc, versions, deleted FROM %1"_s.arg(table)))
            << q.lastError().text().toStdString();
        while (q.next()) {
            QString doc = q.value(1).toString();
            if (table == u"attachments"_s) {
                // Pull ships an attachment's id, state and size only; the device stamps its own
                // created_at/updated_at when it stores one.
                QJsonObject o = parseObject(doc);
                o.remove(u"created_at"_s);
                o.remove(u"updated_at"_s);
                doc = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
            }
            out[table + u'/' + q.value(0).toString()]
                = doc + u" v"_s + q.value(2).toString() + u" d"_s + q.value(3).toString();
        }
    }
    QSqlQuery c(db);
    EXPECT_TRUE(c.exec(u"SELECT id, entity, record_id, field, kept_value, lost_value, reason "
                       u"FROM conflicts"_s));
    while (c.next())
        out[u"conflicts/"_s + c.value(0).toString()]
            = QStringList { c.value(1).toString(), c.value(2).toString(), c.value(3).toString(),
                  c.value(4).toString(), c.value(5).toString(), c.value(6).toString() }
                  .join(u'|');
    return out;
}

/// Describes the first differences between two snapshots (empty when equal).
inline std::string diff(const std::map<QString, QString>& a, const std::map<QString, QString>& b)
{
    std::string out;
    int shown = 0;
    for (const auto& [k, v] : a) {
        auto it = b.find(k);
        if (it == b.end())
            out += "only on the device: " + k.toStdString() + " " + v.toStdString() + "\n";
        else if (it->second != v)
            out += "differs: " + k.toStdString() + "\n  device: " + v.toStdString()
                + "\n  fresh:  " + it->second.toStdString() + "\n";
        else
            continue;
        if (++shown > 8)
            return out;
    }
    for (const auto& [k, v] : b)
        if (!a.count(k)) {
            out += "missing on the device: " + k.toStdString() + " " + v.toStdString() + "\n";
            if (++shown > 8)
                return out;
        }
    return out;
}

} // namespace safeloop::test::convergence
