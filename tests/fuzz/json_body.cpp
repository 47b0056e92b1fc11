// Fuzzes decodeJsonBody(), the decoder every JSON request body passes through.
// Invariants: a refusal is one of the documented codes; an accepted body holds only valid text
// (outside the members left to the service), nests no deeper than MaxJsonDepth, and its compact
// re-encoding (what a pull page carries back to a device) decodes to the same object. Leaving
// members to the service only ever accepts more.

#include "fuzzsupport.h"

#include "server/requestdecoders.h"

#include "core/validation.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace safeloop;
using fuzz::check;

namespace {

void checkAccepted(const QJsonObject& body, const QStringList& checkedLater)
{
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        check(core::validation::text(it.key(), u"key"_s, u"key"_s).ok(),
            "an accepted body has a bad member name");
        if (!checkedLater.contains(it.key()))
            check(core::validation::texts(it.value(), it.key(), it.key()).ok(),
                "an accepted body has bad text in", it.key());
    }
    const QByteArray again = QJsonDocument(body).toJson(QJsonDocument::Compact);
    check(
        server::jsonDepth(again, core::validation::MaxJsonDepth) <= core::validation::MaxJsonDepth,
        "an accepted body nests too deep");
    auto redecoded = server::decodeJsonBody(again, checkedLater);
    check(redecoded.ok(), "the re-encoded body is refused:",
        redecoded.ok() ? QString() : redecoded.error().code + u' ' + redecoded.error().message);
    check(redecoded.value() == body, "decode, encode, decode changed the body",
        QString::fromUtf8(again));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray text = fuzz::bytes(data, size);
    const QStringList later { u"mutations"_s };
    auto strict = server::decodeJsonBody(text);
    auto lenient = server::decodeJsonBody(text, later);
    fuzz::note(strict ? u"accepted"_s : u"refused: "_s + strict.error().code);
    for (const auto* r : { &strict, &lenient })
        if (!r->ok())
            fuzz::checkRefusal(r->error(),
                { u"json_too_deep", u"malformed_json", u"invalid_text", u"field_too_long" });
    if (strict) {
        checkAccepted(strict.value(), {});
        check(lenient.ok() && lenient.value() == strict.value(),
            "leaving a member to the service refused or changed a body the strict decoder took");
    }
    if (lenient)
        checkAccepted(lenient.value(), later);
    // Depth and syntax are judged before any member is: the same refusal either way.
    if (!strict
        && (strict.error().code == u"json_too_deep"_s
            || strict.error().code == u"malformed_json"_s))
        check(!lenient && lenient.error() == strict.error(),
            "a structural refusal depends on the members left to the service");
    return 0;
}
