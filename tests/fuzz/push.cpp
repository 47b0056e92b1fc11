// Fuzzes the push request decoding: the body (decodeJsonBody(), `mutations` left to the service)
// and then parsePush(), as POST /api/v1/sync/push does.
// Invariants: a refusal is one of the documented codes; an accepted push keeps every mutation in
// order with a positive id, lists as invalid only ids of the batch, and a body re-encoded from
// what was decoded decodes to the same batch (a mutation's invalid text may only disappear with
// the members the decoder does not keep).

#include "fuzzsupport.h"

#include "server/requestdecoders.h"
#include "server/syncservice.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace safeloop;
using fuzz::check;

namespace {

QJsonObject deviceJson(const server::DeviceStatus& d)
{
    QJsonObject o { { u"app_version"_s, d.appVersion },
        { u"pending_mutations"_s, d.pendingMutations }, { u"pending_blobs"_s, d.pendingBlobs },
        { u"last_error"_s, d.lastError }, { u"last_error_code"_s, d.lastErrorCode } };
    if (!d.lastSuccess.isEmpty())
        o.insert(u"last_success"_s, d.lastSuccess);
    return o;
}

/// The push body a client would send for `p` (the client's own encoder lives in sync/).
QByteArray encode(const server::ParsedPush& p, int schema)
{
    QJsonArray mutations;
    for (const auto& m : p.mutations)
        mutations.append(
            QJsonObject { { u"id"_s, m.id }, { u"name"_s, m.name }, { u"entity_id"_s, m.entityId },
                { u"hlc"_s, m.hlc }, { u"base"_s, m.base }, { u"args"_s, m.args } });
    QJsonObject body { { u"client_id"_s, p.clientId }, { u"schema_version"_s, schema },
        { u"mutations"_s, mutations } };
    if (p.device)
        body.insert(u"device"_s, deviceJson(*p.device));
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

bool sameMutation(const core::Mutation& a, const core::Mutation& b)
{
    return a.id == b.id && a.name == b.name && a.entityId == b.entityId && a.hlc == b.hlc
        && a.base == b.base && a.args == b.args;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto body = server::decodeJsonBody(fuzz::bytes(data, size), { u"mutations"_s });
    if (!body)
        return 0; // json_body's harness covers the body decoder
    auto parsed = server::parsePush(body.value());
    if (!parsed) {
        fuzz::note(u"refused: "_s + parsed.error().code + u": "_s + parsed.error().message);
        fuzz::checkRefusal(parsed.error(),
            { u"missing_field", u"invalid_request", u"client_too_old", u"too_many_mutations",
                u"invalid_device", u"invalid_text", u"field_too_long" });
        return 0;
    }
    const server::ParsedPush& p = parsed.value();
    fuzz::note(u"accepted: %1 mutations, %2 with invalid text"_s.arg(p.mutations.size())
                   .arg(p.invalid.size()));
    const QJsonArray list = body->value(u"mutations"_s).toArray();
    check(!p.clientId.isEmpty(), "accepted push without client_id");
    check(p.mutations.size() == list.size(), "accepted push lost or added mutations");
    check(p.mutations.size() <= server::SyncService::MaxBatch, "accepted an oversized batch");
    QSet<qint64> ids;
    for (qsizetype i = 0; i < p.mutations.size(); ++i) {
        check(p.mutations[i].id >= 1, "accepted a mutation id below 1");
        check(p.mutations[i].id == list.at(i).toObject().value(u"id"_s).toInteger(),
            "mutations reordered or renumbered");
        ids.insert(p.mutations[i].id);
    }
    for (auto it = p.invalid.constBegin(); it != p.invalid.constEnd(); ++it) {
        check(ids.contains(it.key()), "invalid text listed for an id not in the batch");
        fuzz::checkRefusal(it.value(), { u"invalid_text", u"field_too_long" });
    }
    if (body->contains(u"device"_s))
        check(p.device.has_value(), "a device member that was accepted went missing");

    const int schema = body->value(u"schema_version"_s).toInt();
    const QByteArray again = encode(p, schema);
    auto rebody = server::decodeJsonBody(again, { u"mutations"_s });
    check(rebody.ok(),
        "re-encoded push body refused:", rebody.ok() ? QString() : rebody.error().message);
    auto reparsed = server::parsePush(rebody.value());
    check(reparsed.ok(), "re-encoded push refused:",
        reparsed.ok() ? QString() : reparsed.error().code + u' ' + reparsed.error().message);
    const server::ParsedPush& q = reparsed.value();
    check(q.clientId == p.clientId, "client id changed in the round trip");
    check(q.mutations.size() == p.mutations.size(), "mutation count changed in the round trip");
    for (qsizetype i = 0; i < p.mutations.size(); ++i)
        check(sameMutation(q.mutations[i], p.mutations[i]), "a mutation changed in the round trip",
            QString::fromUtf8(again));
    for (auto it = q.invalid.constBegin(); it != q.invalid.constEnd(); ++it)
        check(p.invalid.contains(it.key()), "the round trip made a valid mutation invalid");
    check(q.device == p.device, "device status changed in the round trip");
    return 0;
}
