// Fuzzes the device-status decoder of a push (parseDevice(), the typed `device` member with
// `last_error`): the input is the JSON object a client sends as `device`, decoded by the body
// decoder first as a push body's members are.
// Invariants: refusals are `invalid_device` / `invalid_text` / `field_too_long`; accepted counts
// are whole numbers in 0…10^9, `last_success` is empty or RFC 3339, `last_error` within its 500
// characters; the status re-encoded decodes to itself; and a push carrying this device is
// accepted or refused exactly as the device alone.

#include "fuzzsupport.h"

#include "server/requestdecoders.h"

#include "core/domain.h"
#include "core/validation.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace safeloop;
using fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto body = server::decodeJsonBody(fuzz::bytes(data, size));
    if (!body)
        return 0; // json_body's harness covers the body decoder
    const QJsonValue value(body.value());
    auto device = server::parseDevice(value);

    // The same device inside a push that is otherwise valid.
    const QJsonObject push { { u"client_id"_s, u"fuzz-client"_s }, { u"schema_version"_s, 1 },
        { u"mutations"_s, QJsonArray {} }, { u"device"_s, value } };
    auto parsedPush = server::parsePush(push);
    check(parsedPush.ok() == device.ok(), "a push judges its device unlike parseDevice()");

    if (!device) {
        fuzz::note(u"refused: "_s + device.error().code + u": "_s + device.error().message);
        fuzz::checkRefusal(
            device.error(), { u"invalid_device", u"invalid_text", u"field_too_long" });
        check(parsedPush.error() == device.error(), "a push refuses its device differently");
        return 0;
    }
    const server::DeviceStatus& d = device.value();
    fuzz::note(u"accepted"_s);
    check(parsedPush->device == d, "a push decodes its device differently");
    for (const qint64 n : { d.pendingMutations, d.pendingBlobs })
        check(n >= 0 && n <= 1000000000, "a pending count outside 0…10^9 was accepted");
    check(d.lastSuccess.isEmpty() || core::parseTimestamp(d.lastSuccess).has_value(),
        "an unreadable last_success was accepted");
    // Characters are code points (an unpaired surrogate is one, as QString::toUcs4 counts it).
    check(d.lastError.toUcs4().size() <= core::validation::maxTextLength(u"last_error"_s),
        "an over-long last_error was accepted");
    check(d.lastErrorCode.isEmpty()
            || (d.lastErrorCode.size() <= 64 && d.lastErrorCode.front() >= u'a'
                && d.lastErrorCode.front() <= u'z'),
        "a last_error_code that is no code was accepted");
    for (const auto& [key, text] :
        { std::pair { u"app_version"_s, d.appVersion }, std::pair { u"last_error"_s, d.lastError },
            std::pair { u"last_success"_s, d.lastSuccess },
            std::pair { u"last_error_code"_s, d.lastErrorCode } })
        check(core::validation::text(text, key, key).ok(), "bad device text accepted in", key);

    QJsonObject encoded { { u"app_version"_s, d.appVersion },
        { u"pending_mutations"_s, d.pendingMutations }, { u"pending_blobs"_s, d.pendingBlobs },
        { u"last_error"_s, d.lastError }, { u"last_error_code"_s, d.lastErrorCode } };
    if (!d.lastSuccess.isEmpty())
        encoded.insert(u"last_success"_s, d.lastSuccess);
    const QByteArray again = QJsonDocument(encoded).toJson(QJsonDocument::Compact);
    auto rebody = server::decodeJsonBody(again);
    check(rebody.ok(), "the re-encoded device is not a valid body");
    auto redecoded = server::parseDevice(QJsonValue(rebody.value()));
    check(redecoded.ok() && redecoded.value() == d, "decode, encode, decode changed the device",
        QString::fromUtf8(again));
    return 0;
}
