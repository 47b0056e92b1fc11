// The body of POST /api/v1/sync/push decoded and checked (docs/api.md): SyncService::push
// applies what parsePush() returns.

#include "syncservice_p.h"

#include "core/validation.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;
using safeloop::core::Error;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server::detail {

namespace {

Error invalidDevice(const QString& message)
{
    return makeError(u"invalid_device"_s, message);
}

/// The `device` member of a push: refuses nested values and wrong types, keeps the known fields.
Result<DeviceStatus> parseDevice(const QJsonValue& value)
{
    if (!value.isObject())
        return invalidDevice(u"device must be an object"_s);
    const QJsonObject o = value.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it.value().isObject() || it.value().isArray())
            return invalidDevice(u"device fields are plain values; device.%1 is not"_s.arg(
                core::validation::text(it.key(), u"key"_s, QString()) ? it.key() : u"…"_s));
        if (auto r = core::validation::texts(it.value(), it.key(), u"device."_s + it.key()); !r)
            return r.error();
    }
    DeviceStatus d;
    const auto string = [&](const QString& key, QString& out) -> Result<void> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString())
            return invalidDevice(u"device.%1 must be a string"_s.arg(key));
        out = v.toString();
        return {};
    };
    const auto count = [&](const QString& key, qint64& out) -> Result<void> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        const double n = v.toDouble(-1);
        if (!v.isDouble() || n < 0 || n > 1e9 || n != std::floor(n))
            return invalidDevice(
                u"device.%1 must be a whole number from 0 to 1000000000"_s.arg(key));
        out = static_cast<qint64>(n);
        return {};
    };
    for (auto r : { string(u"app_version"_s, d.appVersion), string(u"last_error"_s, d.lastError),
             string(u"last_success"_s, d.lastSuccess),
             count(u"pending_mutations"_s, d.pendingMutations),
             count(u"pending_blobs"_s, d.pendingBlobs) })
        if (!r)
            return r.error();
    if (!d.lastSuccess.isEmpty() && !core::parseTimestamp(d.lastSuccess))
        return invalidDevice(u"device.last_success must be an RFC 3339 time"_s);
    return d;
}

} // namespace

Result<ParsedPush> parsePush(const QJsonObject& body)
{
    ParsedPush p;
    const auto bad = [](const QString& m) { return makeError(u"invalid_request"_s, m); };
    if (!body.value(u"client_id"_s).isString() || body.value(u"client_id"_s).toString().isEmpty())
        return makeError(u"missing_field"_s, u"client_id is required"_s);
    p.clientId = body.value(u"client_id"_s).toString();
    if (auto r = core::validation::text(p.clientId, u"client_id"_s, u"client_id"_s); !r)
        return r.error();
    if (!body.value(u"schema_version"_s).isDouble())
        return makeError(u"missing_field"_s, u"schema_version is required (a number)"_s);
    const int schema = body.value(u"schema_version"_s).toInt();
    if (schema < SyncService::MinClientSchema)
        return makeError(u"client_too_old"_s,
            u"schema_version %1 is older than the server supports (%2); update the app"_s
                .arg(schema)
                .arg(SyncService::MinClientSchema));
    if (!body.value(u"mutations"_s).isArray())
        return makeError(u"missing_field"_s, u"mutations must be an array"_s);
    const QJsonArray list = body.value(u"mutations"_s).toArray();
    if (list.size() > SyncService::MaxBatch)
        return makeError(u"too_many_mutations"_s,
            u"a batch holds at most %1 mutations, this one %2"_s.arg(SyncService::MaxBatch)
                .arg(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject m = list.at(i).toObject();
        const QJsonValue id = m.value(u"id"_s);
        const double idNumber = id.toDouble(-1);
        if (!id.isDouble() || idNumber < 1 || idNumber != static_cast<double>(id.toInteger()))
            return bad(u"mutations[%1].id must be a positive integer"_s.arg(i));
        for (const auto& key : { u"name"_s, u"entity_id"_s, u"hlc"_s })
            if (!m.value(key).isString())
                return bad(u"mutations[%1].%2 must be a string"_s.arg(i).arg(key));
        for (const auto& key : { u"base"_s, u"args"_s })
            if (m.contains(key) && !m.value(key).isObject() && !m.value(key).isNull())
                return bad(u"mutations[%1].%2 must be an object"_s.arg(i).arg(key));
        // The mutation's own text: a bad value rejects this mutation, not the batch.
        for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
            const QString path = u"mutations[%1]"_s.arg(i);
            auto r = core::validation::text(it.key(), u"key"_s, u"a member name in "_s + path);
            if (r)
                r = core::validation::texts(it.value(), it.key(), path + u'.' + it.key());
            if (!r) {
                p.invalid.insert(id.toInteger(), r.error());
                break;
            }
        }
        p.mutations.append(core::Mutation { id.toInteger(), m.value(u"name"_s).toString(),
            m.value(u"entity_id"_s).toString(), m.value(u"hlc"_s).toString(),
            m.value(u"base"_s).toObject(), m.value(u"args"_s).toObject() });
    }
    if (body.contains(u"device"_s)) {
        auto device = parseDevice(body.value(u"device"_s));
        if (!device)
            return device.error();
        p.device = device.value();
    }
    return p;
}

} // namespace safeloop::server::detail
