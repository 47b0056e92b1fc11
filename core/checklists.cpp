#include "checklists.h"

#include "database.h"
#include "mutation.h"
#include "validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace safeloop::core::checklists {

Result<QList<ChecklistTemplate>> parse(const QByteArray& json)
{
    QJsonParseError err {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        return makeError(u"invalid_json"_s,
            u"checklists must be a JSON list of templates: %1 at offset %2"_s.arg(err.errorString())
                .arg(err.offset));
    if (!doc.isArray())
        return makeError(u"invalid_json"_s,
            u"checklists must be a JSON list of templates, not a single object or value"_s);
    QList<ChecklistTemplate> out;
    const QJsonArray list = doc.array();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonValue v = list.at(i);
        // A template's strings are text like a mutation's (control characters, U+FEFF, each
        // field's length): they are stored, sent to every device and shown on its pages.
        if (auto text = validation::texts(v, u"templates"_s, u"templates[%1]"_s.arg(i)); !text)
            return text.error();
        auto t = ChecklistTemplate::fromJson(v.toObject());
        if (!t)
            return t.error();
        if (t->version > MaxVersion)
            return makeError(u"invalid_version"_s,
                u"template %1: version must be a whole number from 1 to %2"_s.arg(t->code).arg(
                    MaxVersion));
        // Two entries of one code would both be published as the same version.
        for (const auto& earlier : std::as_const(out))
            if (earlier.code == t->code)
                return makeError(
                    u"duplicate_template"_s, u"the file lists template %1 twice"_s.arg(t->code));
        out.append(t.value());
    }
    return out;
}

namespace {
QJsonObject content(const ChecklistTemplate& t)
{
    QJsonObject o = t.toJson();
    for (const auto& k : { u"version"_s, u"created_at"_s, u"updated_at"_s })
        o.remove(k);
    return o;
}
} // namespace

Result<QList<ChecklistTemplate>> latest(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT doc FROM templates t WHERE deleted = 0 AND version = "
                u"(SELECT MAX(version) FROM templates u WHERE u.code = t.code) ORDER BY code"_s))
        return sqlError(q);
    QList<ChecklistTemplate> out;
    while (q.next()) {
        auto t = ChecklistTemplate::fromJson(
            QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
        if (!t)
            return t.error();
        out.append(t.value());
    }
    return out;
}

Result<QStringList> import(
    QSqlDatabase& db, const QList<ChecklistTemplate>& templates, const QDateTime& now)
{
    auto current = latest(db);
    if (!current)
        return current.error();
    QStringList published;
    for (ChecklistTemplate t : templates) {
        int next = 1;
        bool unchanged = false;
        for (const auto& c : current.value())
            if (c.code == t.code) {
                unchanged = content(c) == content(t);
                next = c.version + 1;
            }
        if (unchanged)
            continue;
        t.version = std::max(next, t.version);
        t.meta = { formatTimestamp(now), formatTimestamp(now) };
        QJsonObject versions;
        const QJsonObject fields = t.toJson();
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
            versions.insert(it.key(), 1);
        if (auto r = storeRecord(db, { u"template"_s, t.ref(), fields, versions, false }); !r)
            return r.error();
        published << t.ref();
    }
    return published;
}

} // namespace safeloop::core::checklists
