#include "documentfont.h"

#include <QFile>
#include <QFontDatabase>
#include <QList>
#include <QLoggingCategory>
#include <QMap>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QtEndian>

#include <optional>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDocumentFont, "safeloop.app.documents")

namespace safeloop::app {

namespace {

using core::Error;
using core::Result;

/// Reads big-endian integers of an OpenType file; every read is bounds-checked, a short file
/// sets `ok` false instead of reading past its end.
class Reader {
public:
    explicit Reader(const QByteArray& data)
        : m_data(data)
    {
    }

    quint16 u16(qsizetype at)
    {
        if (at < 0 || at + 2 > m_data.size()) {
            m_ok = false;
            return 0;
        }
        return qFromBigEndian<quint16>(m_data.constData() + at);
    }

    quint32 u32(qsizetype at)
    {
        if (at < 0 || at + 4 > m_data.size()) {
            m_ok = false;
            return 0;
        }
        return qFromBigEndian<quint32>(m_data.constData() + at);
    }

    QByteArray bytes(qsizetype at, qsizetype length)
    {
        if (at < 0 || length < 0 || at + length > m_data.size()) {
            m_ok = false;
            return {};
        }
        return m_data.mid(at, length);
    }

    bool ok() const { return m_ok; }

private:
    const QByteArray& m_data;
    bool m_ok = true;
};

void put16(QByteArray& out, quint16 v)
{
    char b[2];
    qToBigEndian(v, b);
    out.append(b, 2);
}

void put32(QByteArray& out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

struct TableRecord {
    QByteArray tag;
    qsizetype offset = 0;
    qsizetype length = 0;
};

struct Face {
    quint32 version = 0;
    QList<TableRecord> tables;
};

Result<QList<qsizetype>> faceOffsets(const QByteArray& file)
{
    Reader r(file);
    QList<qsizetype> offsets;
    if (file.startsWith("ttcf")) {
        const quint32 count = r.u32(8);
        for (quint32 i = 0; i < count && r.ok(); ++i)
            offsets << static_cast<qsizetype>(r.u32(12 + 4 * static_cast<qsizetype>(i)));
    } else {
        offsets << 0;
    }
    if (!r.ok() || offsets.isEmpty())
        return Error { u"font_unreadable"_s, u"not an OpenType font or collection"_s };
    return offsets;
}

Result<Face> readFace(const QByteArray& file, qsizetype at)
{
    Reader r(file);
    Face face;
    face.version = r.u32(at);
    const quint16 count = r.u16(at + 4);
    for (quint16 i = 0; i < count && r.ok(); ++i) {
        const qsizetype rec = at + 12 + 16 * static_cast<qsizetype>(i);
        TableRecord t { r.bytes(rec, 4), static_cast<qsizetype>(r.u32(rec + 8)),
            static_cast<qsizetype>(r.u32(rec + 12)) };
        if (t.offset + t.length > file.size())
            return Error { u"font_unreadable"_s,
                u"table %1 lies beyond the end of the file"_s.arg(QString::fromLatin1(t.tag)) };
        face.tables << t;
    }
    if (!r.ok())
        return Error { u"font_unreadable"_s, u"the table directory is cut short"_s };
    return face;
}

QByteArray tableData(const QByteArray& file, const Face& face, const char* tag)
{
    for (const auto& t : face.tables)
        if (t.tag == tag)
            return file.mid(t.offset, t.length);
    return {};
}

/// The typographic family name (name ID 16, else 1) of a `name` table, in its Windows Unicode
/// record; empty if there is none.
QString familyName(const QByteArray& name)
{
    Reader r(name);
    const quint16 count = r.u16(2);
    const qsizetype strings = r.u16(4);
    QString family;
    for (quint16 i = 0; i < count && r.ok(); ++i) {
        const qsizetype rec = 6 + 12 * static_cast<qsizetype>(i);
        const quint16 platform = r.u16(rec);
        const quint16 encoding = r.u16(rec + 2);
        const quint16 nameId = r.u16(rec + 6);
        if (platform != 3 || encoding != 1 || (nameId != 1 && nameId != 16))
            continue;
        const QByteArray utf16be = r.bytes(strings + r.u16(rec + 10), r.u16(rec + 8));
        QString text;
        for (qsizetype c = 0; c + 1 < utf16be.size(); c += 2)
            text += QChar(qFromBigEndian<quint16>(utf16be.constData() + c));
        if (nameId == 16 || family.isEmpty())
            family = text;
    }
    return family;
}

bool isRadical(char32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x2EFF) || (cp >= 0x2F00 && cp <= 0x2FDF);
}

/// The Unicode mappings of a `cmap` table from its format 12 subtable (full repertoire) or,
/// failing that, its format 4 one (BMP).
Result<QMap<char32_t, quint32>> unicodeMap(const QByteArray& cmap)
{
    Reader r(cmap);
    QMap<char32_t, quint32> map;
    const quint16 count = r.u16(2);
    qsizetype format12 = -1;
    qsizetype format4 = -1;
    for (quint16 i = 0; i < count && r.ok(); ++i) {
        const qsizetype rec = 4 + 8 * static_cast<qsizetype>(i);
        const quint16 platform = r.u16(rec);
        const quint16 encoding = r.u16(rec + 2);
        const qsizetype at = r.u32(rec + 4);
        const bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if (!unicode)
            continue;
        const quint16 format = r.u16(at);
        if (format == 12 && format12 < 0)
            format12 = at;
        else if (format == 4 && format4 < 0)
            format4 = at;
    }
    if (format12 >= 0) {
        const quint32 groups = r.u32(format12 + 12);
        for (quint32 g = 0; g < groups && r.ok(); ++g) {
            const qsizetype at = format12 + 16 + 12 * static_cast<qsizetype>(g);
            const quint32 start = r.u32(at);
            const quint32 end = r.u32(at + 4);
            const quint32 glyph = r.u32(at + 8);
            if (end < start || end > 0x10FFFF)
                return Error { u"font_unreadable"_s, u"a cmap group is out of range"_s };
            for (quint32 cp = start; cp <= end; ++cp)
                map.insert(cp, glyph + (cp - start));
        }
    } else if (format4 >= 0) {
        const qsizetype segments = r.u16(format4 + 6) / 2;
        const qsizetype ends = format4 + 14;
        const qsizetype starts = ends + 2 * segments + 2;
        const qsizetype deltas = starts + 2 * segments;
        const qsizetype ranges = deltas + 2 * segments;
        for (qsizetype s = 0; s < segments && r.ok(); ++s) {
            const quint16 end = r.u16(ends + 2 * s);
            const quint16 start = r.u16(starts + 2 * s);
            const quint16 delta = r.u16(deltas + 2 * s);
            const quint16 range = r.u16(ranges + 2 * s);
            for (quint32 cp = start; cp <= end && cp != 0xFFFF; ++cp) {
                quint32 glyph = 0;
                if (range == 0) {
                    glyph = (cp + delta) & 0xFFFF;
                } else {
                    const qsizetype at = ranges + 2 * s + range + 2 * (cp - start);
                    glyph = r.u16(at);
                    if (glyph != 0)
                        glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0)
                    map.insert(cp, glyph);
            }
        }
    }
    if (!r.ok())
        return Error { u"font_unreadable"_s, u"the cmap table is cut short"_s };
    if (map.isEmpty())
        return Error { u"font_unreadable"_s, u"the font has no Unicode cmap"_s };
    return map;
}

/// A `cmap` table with one format 12 subtable, shared by the Unicode (0,4) and Windows (3,10)
/// encoding records.
QByteArray cmapTable(const QMap<char32_t, quint32>& map)
{
    struct Group {
        quint32 start;
        quint32 end;
        quint32 glyph;
    };
    QList<Group> groups;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const auto cp = static_cast<quint32>(it.key());
        if (!groups.isEmpty() && groups.last().end + 1 == cp
            && groups.last().glyph + (cp - groups.last().start) == it.value())
            groups.last().end = cp;
        else
            groups.append({ cp, cp, it.value() });
    }
    QByteArray out;
    put16(out, 0);
    put16(out, 2);
    for (const auto& [platform, encoding] : { std::pair<quint16, quint16> { 0, 4 }, { 3, 10 } }) {
        put16(out, platform);
        put16(out, encoding);
        put32(out, 4 + 8 * 2);
    }
    put16(out, 12);
    put16(out, 0);
    put32(out, static_cast<quint32>(16 + 12 * groups.size()));
    put32(out, 0);
    put32(out, static_cast<quint32>(groups.size()));
    for (const auto& g : std::as_const(groups)) {
        put32(out, g.start);
        put32(out, g.end);
        put32(out, g.glyph);
    }
    return out;
}

/// A `name` table naming the font `family` / `style` (Windows, English, UTF-16BE).
QByteArray nameTable(const QString& family, const QString& style)
{
    QString postscript = family + u'-' + style;
    postscript.remove(u' ');
    const QList<std::pair<quint16, QString>> names { { 1, family }, { 2, style },
        { 3, family + u' ' + style }, { 4, family + u' ' + style }, { 6, postscript } };
    QByteArray strings;
    QByteArray out;
    put16(out, 0);
    put16(out, static_cast<quint16>(names.size()));
    put16(out, static_cast<quint16>(6 + 12 * names.size()));
    for (const auto& [id, text] : names) {
        QByteArray utf16be;
        for (const QChar c : text)
            put16(utf16be, c.unicode());
        put16(out, 3);
        put16(out, 1);
        put16(out, 0x0409);
        put16(out, id);
        put16(out, static_cast<quint16>(utf16be.size()));
        put16(out, static_cast<quint16>(strings.size()));
        strings += utf16be;
    }
    return out + strings;
}

quint32 checksum(const QByteArray& data)
{
    quint32 sum = 0;
    QByteArray padded = data;
    padded.append(QByteArray((4 - padded.size() % 4) % 4, '\0'));
    for (qsizetype i = 0; i < padded.size(); i += 4)
        sum += qFromBigEndian<quint32>(padded.constData() + i);
    return sum;
}

/// An OpenType file of `tables` (tag → data) in the directory order the format asks for.
QByteArray assemble(quint32 version, QMap<QByteArray, QByteArray> tables)
{
    if (tables.contains("head")) // recomputed below over the whole file
        tables["head"].replace(8, 4, QByteArray(4, '\0'));
    const auto count = static_cast<quint16>(tables.size());
    quint16 power = 1;
    quint16 selector = 0;
    while (power * 2 <= count) {
        power = static_cast<quint16>(power * 2);
        ++selector;
    }
    QByteArray out;
    put32(out, version);
    put16(out, count);
    put16(out, static_cast<quint16>(power * 16));
    put16(out, selector);
    put16(out, static_cast<quint16>(count * 16 - power * 16));
    qsizetype offset = 12 + 16 * static_cast<qsizetype>(count);
    qsizetype headAt = -1;
    QByteArray body;
    for (auto it = tables.constBegin(); it != tables.constEnd(); ++it) {
        out += it.key();
        put32(out, checksum(it.value()));
        put32(out, static_cast<quint32>(offset + body.size()));
        put32(out, static_cast<quint32>(it.value().size()));
        if (it.key() == "head")
            headAt = offset + body.size();
        body += it.value();
        body.append(QByteArray((4 - body.size() % 4) % 4, '\0'));
    }
    out += body;
    if (headAt >= 0) {
        char adjustment[4];
        qToBigEndian<quint32>(0xB1B0AFBAu - checksum(out), adjustment);
        out.replace(headAt + 8, 4, QByteArray(adjustment, 4));
    }
    return out;
}

} // namespace

Result<QByteArray> DocumentFont::derive(const QByteArray& fontFile, const QString& familySuffix,
    const QString& family, const QString& styleName)
{
    auto offsets = faceOffsets(fontFile);
    if (!offsets)
        return offsets.error();
    std::optional<Face> chosen;
    for (const qsizetype at : std::as_const(offsets.value())) {
        auto face = readFace(fontFile, at);
        if (!face)
            return face.error();
        if (!chosen)
            chosen = face.value();
        if (familyName(tableData(fontFile, *face, "name")).endsWith(familySuffix)) {
            chosen = face.value();
            break;
        }
    }
    auto decoded = unicodeMap(tableData(fontFile, *chosen, "cmap"));
    if (!decoded)
        return decoded.error();
    QMap<char32_t, quint32> map = decoded.value();
    // The glyphs an ideograph (or anything but a radical) reaches: a radical drawn with one of
    // them would take that character's place in the PDF's text layer.
    QSet<quint32> sharedGlyphs;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        if (!isRadical(it.key()))
            sharedGlyphs.insert(it.value());
    for (auto it = map.begin(); it != map.end();) {
        if (isRadical(it.key()) && sharedGlyphs.contains(it.value()))
            it = map.erase(it);
        else
            ++it;
    }
    QMap<QByteArray, QByteArray> tables;
    for (const auto& t : std::as_const(chosen->tables)) {
        if (t.tag == "DSIG") // a signature of the original bytes no longer holds
            continue;
        tables.insert(t.tag, fontFile.mid(t.offset, t.length));
    }
    tables.insert("cmap", cmapTable(map));
    tables.insert("name", nameTable(family, styleName));
    return assemble(chosen->version, tables);
}

QString DocumentFont::family()
{
    static QMutex mutex;
    static QString registered;
    static bool tried = false;
    QMutexLocker lock(&mutex);
    if (tried)
        return registered;
    tried = true;
    const QString name = u"SafeLoop Document Sans"_s;
    const QList<std::pair<QString, QString>> faces {
        { u"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"_s, u"Regular"_s },
        { u"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"_s, u"Bold"_s },
    };
    for (const auto& [path, style] : faces) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (style == u"Regular"_s)
                return {};
            continue; // bold is then synthesised from the regular face
        }
        auto derived = derive(file.readAll(), u" SC"_s, name, style);
        if (!derived) {
            qCWarning(lcDocumentFont)
                << "cannot derive the document font from" << path << ":" << derived.error().message;
            if (style == u"Regular"_s)
                return {};
            continue;
        }
        const int id = QFontDatabase::addApplicationFontFromData(derived.value());
        if (id < 0 || !QFontDatabase::applicationFontFamilies(id).contains(name)) {
            qCWarning(lcDocumentFont)
                << "the derived document font from" << path << "was not accepted";
            if (style == u"Regular"_s)
                return {};
            continue;
        }
    }
    registered = name;
    return registered;
}

} // namespace safeloop::app
