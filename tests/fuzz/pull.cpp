// Fuzzes the pull request decoding: the `cursor` and `limit` query parameters of
// GET /api/v1/sync/pull (decodePullCursor(), decodePullLimit()) and the cursor encoder.
// Input: the cursor text, optionally followed by a line feed and the limit text.
// Invariants: refusals are `invalid_cursor` / `invalid_limit`; an accepted cursor stands for a
// position ≥ 0 whose own cursor decodes to it again; every position's cursor decodes to it; an
// accepted limit is ≥ 1.

#include "fuzzsupport.h"

#include "server/requestdecoders.h"

#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;
using namespace safeloop;
using fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype newline = input.indexOf('\n');
    // Query parameters reach the route as std::string and become QString from UTF-8.
    const QString cursor = QString::fromUtf8(newline < 0 ? input : input.left(newline));

    auto after = server::decodePullCursor(cursor);
    fuzz::note(after ? u"cursor at %1"_s.arg(after.value()) : u"cursor refused"_s);
    if (!after) {
        fuzz::checkRefusal(after.error(), { u"invalid_cursor" });
        check(!cursor.isEmpty(), "no cursor (a first sync) was refused");
    } else {
        check(after.value() >= 0, "a cursor decoded to a negative position");
        check(!cursor.isEmpty() || after.value() == 0, "no cursor is not position 0");
        const QByteArray own = server::encodePullCursor(after.value());
        auto again = server::decodePullCursor(QString::fromLatin1(own));
        check(again.ok() && again.value() == after.value(),
            "the cursor of a decoded position decodes elsewhere", QString::fromLatin1(own));
    }

    // Any position's cursor round-trips: the input's first bytes pick one.
    qint64 seq = 0;
    std::memcpy(&seq, input.constData(), std::min<std::size_t>(sizeof seq, size));
    seq &= std::numeric_limits<qint64>::max();
    const QByteArray own = server::encodePullCursor(seq);
    check(!own.contains('=') && !own.contains('+') && !own.contains('/'),
        "a cursor is not unpadded base64url");
    auto decoded = server::decodePullCursor(QString::fromLatin1(own));
    check(decoded.ok() && decoded.value() == seq, "encode then decode lost a position");

    if (newline >= 0) {
        auto limit = server::decodePullLimit(QString::fromUtf8(input.mid(newline + 1)));
        if (limit)
            check(limit.value() >= 1, "a limit below 1 was accepted");
        else
            fuzz::checkRefusal(limit.error(), { u"invalid_limit" });
    }
    return 0;
}
