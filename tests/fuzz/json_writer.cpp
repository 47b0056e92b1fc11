// Fuzzes core::compactJson(), the writer of every record the server stores (core/jsonwriter.h).
// Invariant: its bytes equal QJsonDocument's compact text, for the document the input parses to
// and for a value the input's bytes build directly (text of any UTF-16 units, lone surrogates
// included, and numbers of any bit pattern, which no parsed document holds).

#include "fuzzsupport.h"

#include "core/jsonwriter.h"

#include <QJsonDocument>

#include <cstring>

using namespace Qt::StringLiterals;
using namespace safeloop;
using fuzz::check;

namespace {

/// Reads the input front to back; past its end every read is zero.
class Reader {
public:
    Reader(const std::uint8_t* data, std::size_t size)
        : m_data(data)
        , m_size(size)
    {
    }
    bool atEnd() const { return m_at >= m_size; }
    std::uint8_t byte() { return atEnd() ? 0 : m_data[m_at++]; }
    std::uint64_t word(int bytes)
    {
        std::uint64_t w = 0;
        for (int i = 0; i < bytes; ++i)
            w = (w << 8) | byte();
        return w;
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
};

QString text(Reader& in)
{
    QString s;
    const int n = in.byte() % 16;
    for (int i = 0; i < n; ++i)
        s.append(QChar(static_cast<char16_t>(in.word(2))));
    return s;
}

QJsonValue value(Reader& in, int depth)
{
    switch (in.byte() % (depth > 0 ? 9 : 7)) {
    case 0:
        return QJsonValue();
    case 1:
        return QJsonValue((in.byte() & 1) != 0);
    case 2:
        return QJsonValue(static_cast<qint64>(in.word(8)));
    case 3: {
        const std::uint64_t b = in.word(8);
        double d;
        std::memcpy(&d, &b, sizeof d);
        return QJsonValue(d);
    }
    case 4:
        return QJsonValue(static_cast<double>(static_cast<std::int16_t>(in.word(2))));
    case 5:
    case 6:
        return QJsonValue(text(in));
    case 7: {
        QJsonObject o;
        for (int n = in.byte() % 8; n > 0 && !in.atEnd(); --n)
            o.insert(text(in), value(in, depth - 1));
        return o;
    }
    default: {
        QJsonArray a;
        for (int n = in.byte() % 8; n > 0 && !in.atEnd(); --n)
            a.append(value(in, depth - 1));
        return a;
    }
    }
}

void checkSame(const QJsonDocument& doc, const char* what)
{
    const QByteArray expected = doc.toJson(QJsonDocument::Compact);
    const QByteArray written
        = doc.isArray() ? core::compactJson(doc.array()) : core::compactJson(doc.object());
    check(written == expected, what,
        QString::fromLatin1(expected.toBase64()) + u" != "_s
            + QString::fromLatin1(written.toBase64()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QJsonDocument parsed = QJsonDocument::fromJson(fuzz::bytes(data, size));
    fuzz::note(parsed.isNull() ? u"not JSON"_s : u"parsed"_s);
    if (!parsed.isNull())
        checkSame(parsed, "the writer differs from QJsonDocument on a parsed document");

    Reader in(data, size);
    const QJsonValue built = value(in, 8);
    const QJsonDocument doc = built.isArray() ? QJsonDocument(built.toArray())
                                              : QJsonDocument(QJsonObject { { text(in), built } });
    checkSame(doc, "the writer differs from QJsonDocument on a built value");
    return 0;
}
