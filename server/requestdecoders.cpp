#include "requestdecoders.h"

#include "syncservice.h"

#include "core/domain.h"
#include "core/validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using safeloop::core::Error;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

namespace {

Error invalidDevice(const QString& message)
{
    return makeError(u"invalid_device"_s, message);
}

/// Empty, or a reason code as devices send it: a lower-case letter, then lower-case letters,
/// digits or underscores, 64 characters at most (the app turns it into words, never shows it).
bool isReasonCode(const QString& code)
{
    if (code.isEmpty())
        return true;
    if (code.size() > 64 || code.front() < u'a' || code.front() > u'z')
        return false;
    return std::all_of(code.cbegin(), code.cend(),
        [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_'; });
}

} // namespace

int jsonDepth(QByteArrayView text, int stopAbove)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > stopAbove)
                return deepest;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

Result<QJsonObject> decodeJsonBody(QByteArrayView text, const QStringList& checkedLater)
{
    const int depth = jsonDepth(text, core::validation::MaxJsonDepth);
    if (depth > core::validation::MaxJsonDepth)
        return makeError(u"json_too_deep"_s,
            u"the body nests objects and arrays more than %1 levels deep"_s.arg(
                core::validation::MaxJsonDepth));
    QJsonParseError parseError;
    const QJsonDocument doc
        = QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(u"malformed_json"_s,
            parseError.error != QJsonParseError::NoError
                ? u"the body is not valid JSON: %1 at offset %2"_s.arg(parseError.errorString())
                      .arg(parseError.offset)
                : u"the body must be a JSON object"_s);
    const QJsonObject body = doc.object();
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        auto checked = core::validation::text(it.key(), u"key"_s, u"a member name in the body"_s);
        if (checked && !checkedLater.contains(it.key()))
            checked = core::validation::texts(it.value(), it.key(), it.key());
        if (!checked)
            return checked.error();
    }
    return body;
}

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
    for (auto r :
        { string(u"app_version"_s, d.appVersion), string(u"last_error"_s, d.lastError),
            string(u"last_error_code"_s, d.lastErrorCode), string(u"last_success"_s, d.lastSuccess),
            count(u"pending_mutations"_s, d.pendingMutations),
            count(u"pending_blobs"_s, d.pendingBlobs) })
        if (!r)
            return r.error();
    if (!d.lastSuccess.isEmpty() && !core::parseTimestamp(d.lastSuccess))
        return invalidDevice(u"device.last_success must be an RFC 3339 time"_s);
    if (!isReasonCode(d.lastErrorCode))
        return invalidDevice(u"device.last_error_code must be a code: a lower-case letter, then up "
                             u"to 63 lower-case letters, digits or underscores"_s);
    return d;
}

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

Result<qint64> decodePullCursor(const QString& cursor)
{
    if (cursor.isEmpty())
        return qint64 { 0 };
    const QByteArray raw = QByteArray::fromBase64(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    bool ok = false;
    qint64 after = 0;
    const QString text = QString::fromLatin1(raw);
    if (text.startsWith(u"sl1:"_s))
        after = text.mid(4).toLongLong(&ok);
    if (!ok || after < 0)
        return makeError(u"invalid_cursor"_s, u"the cursor is not one this server issued"_s);
    return after;
}

QByteArray encodePullCursor(qint64 seq)
{
    return QByteArray("sl1:" + QByteArray::number(seq))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<int> decodePullLimit(const QString& text)
{
    bool ok = false;
    const int limit = text.toInt(&ok);
    if (!ok || limit < 1)
        return makeError(u"invalid_limit"_s,
            u"limit must be a whole number from 1 to %1"_s.arg(SyncService::MaxPullLimit));
    return limit;
}

} // namespace safeloop::server
