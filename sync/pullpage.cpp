#include "pullpage.h"

#include <QJsonDocument>
#include <QSet>
#include <QVarLengthArray>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

namespace {

constexpr int MaxDepth = 512;

/// The keys of one object seen so far, for refusing a repeated one: a short list while the
/// object is small, a hash once it grows (an object of many keys costs no quadratic time).
/// Keys are views into the page or into decoded copies that outlive the set.
class KeySet {
public:
    /// False when `key` (decoded UTF-8) was seen before.
    bool insert(QByteArrayView key)
    {
        if (!m_hash.isEmpty())
            return insertHashed(key);
        for (const auto& k : std::as_const(m_list))
            if (k == key)
                return false;
        m_list.append(key);
        if (m_list.size() > 16) {
            for (const auto& k : std::as_const(m_list))
                m_hash.insert(k.toByteArray());
            m_list.clear();
        }
        return true;
    }

private:
    bool insertHashed(QByteArrayView key)
    {
        const auto before = m_hash.size();
        m_hash.insert(key.toByteArray());
        return m_hash.size() != before;
    }

    QVarLengthArray<QByteArrayView, 17> m_list;
    QSet<QByteArray> m_hash;
};

/// A strict one-pass JSON reader over a pull page's bytes. Every step returns false after
/// recording the first error (code, offset, what was wrong).
class Reader {
public:
    explicit Reader(QByteArrayView text)
        : m_begin(text.constData())
        , m_p(text.constData())
        , m_end(text.constData() + text.size())
    {
    }

    core::Error error() const { return m_error; }

    bool fail(const char* what)
    {
        if (m_error.code.isEmpty()) {
            const bool cut = m_p >= m_end;
            m_error.code = QString::fromUtf16(cut ? PageCutCode : PageMalformedCode);
            m_error.message = cut
                ? u"the page ends early (%1 bytes, inside %2)"_s.arg(m_end - m_begin)
                      .arg(QString::fromLatin1(what))
                : u"%1 at byte %2"_s.arg(QString::fromLatin1(what)).arg(m_p - m_begin);
        }
        return false;
    }

    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool atEnd()
    {
        space();
        return m_p >= m_end;
    }

    /// Consumes `c` (after white space) if it comes next.
    bool take(char c)
    {
        space();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    bool expect(char c, const char* what) { return take(c) || fail(what); }

    char next()
    {
        space();
        return m_p < m_end ? *m_p : '\0';
    }

    /// A string token. `raw` receives the bytes between the quotes; `decoded`, when given,
    /// the string's UTF-8 with escapes resolved (left untouched when there are none: then
    /// `raw` is the string).
    bool string(QByteArrayView* raw, QByteArray* decoded = nullptr, bool* escaped = nullptr)
    {
        space();
        if (m_p >= m_end)
            return fail("a string");
        if (*m_p != '"')
            return fail("a string was expected");
        const char* start = ++m_p;
        bool hasEscape = false;
        while (true) {
            if (m_p >= m_end)
                return fail("a string");
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"')
                break;
            if (c < 0x20)
                return fail("a control character in a string");
            if (c == '\\') {
                if (!hasEscape && decoded)
                    *decoded = QByteArray(start, m_p - start);
                hasEscape = true;
                if (!escape(decoded))
                    return false;
                continue;
            }
            if (c < 0x80) {
                if (hasEscape && decoded)
                    decoded->append(static_cast<char>(c));
                ++m_p;
                continue;
            }
            const char* from = m_p;
            if (!utf8Sequence())
                return false;
            if (hasEscape && decoded)
                decoded->append(QByteArrayView(from, m_p - from));
        }
        if (raw)
            *raw = QByteArrayView(start, m_p - start);
        if (escaped)
            *escaped = hasEscape;
        ++m_p;
        return true;
    }

    /// A string's value as a QString.
    bool stringValue(QString& out)
    {
        QByteArrayView raw;
        QByteArray decoded;
        bool escaped = false;
        if (!string(&raw, &decoded, &escaped))
            return false;
        out = QString::fromUtf8(escaped ? QByteArrayView(decoded) : raw);
        return true;
    }

    /// A change's entity name: the string of the change before when the bytes are the same
    /// (a page holds few names; no new string per change).
    bool entityName(QString& out)
    {
        QByteArrayView raw;
        QByteArray decoded;
        bool escaped = false;
        if (!string(&raw, &decoded, &escaped))
            return false;
        const QByteArrayView utf8 = escaped ? QByteArrayView(decoded) : raw;
        if (m_lastEntity.isNull() || utf8 != m_lastEntityUtf8) {
            m_lastEntityUtf8 = utf8.toByteArray();
            m_lastEntity = QString::fromUtf8(utf8);
        }
        out = m_lastEntity;
        return true;
    }

    /// A key and its colon, not kept (for text already checked).
    bool skipKey() { return string(nullptr) && expect(':', "a colon after a key was expected"); }

    /// A key and its colon, refused when `keys` holds it already. `key` receives the key's
    /// UTF-8: a view into the page, or into `store` (appended) when it was written with escapes.
    bool key(KeySet& keys, QByteArrayView& key, QList<QByteArray>& store)
    {
        QByteArrayView raw;
        QByteArray decoded;
        bool escaped = false;
        if (!string(&raw, &decoded, &escaped))
            return false;
        if (escaped) {
            store.append(decoded);
            key = store.last();
        } else {
            key = raw;
        }
        if (!keys.insert(key)) {
            --m_p; // point at the key's closing quote
            return fail("a repeated key");
        }
        return expect(':', "a colon after a key was expected");
    }

    /// The members of an object whose opening brace has just been read, through its closing
    /// brace: each key read and refused when repeated, then `onMember(key)` reads its value
    /// (the reader stands after the key's colon) and returns false to stop. Keys written with
    /// escapes are decoded into `store`, which must outlive the views handed to `onMember`.
    template <typename OnMember>
    bool members(QList<QByteArray>& store, OnMember&& onMember)
    {
        if (take('}'))
            return true;
        KeySet keys;
        QByteArrayView k;
        do {
            if (!key(keys, k, store) || !onMember(k))
                return false;
        } while (take(','));
        return expect('}', "a comma or a closing brace was expected");
    }

    /// A number token in JSON's grammar whose value is a finite double.
    bool number(double* value)
    {
        space();
        const char* start = m_p;
        auto digits = [this] {
            const char* from = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            return m_p > from;
        };
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        const char* intStart = m_p;
        if (m_p < m_end && *m_p == '0') {
            ++m_p;
        } else if (!digits()) {
            return fail("a number");
        }
        const qsizetype intDigits = m_p - intStart;
        bool exponent = false;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digits())
                return fail("digits after a decimal point");
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            exponent = true;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digits())
                return fail("digits of an exponent");
        }
        if (m_p >= m_end)
            return fail("a number"); // a page never ends in a number: it may go on
        // Without an exponent, fewer than 309 integer digits always make a finite double
        // (the largest is ~1.8e308): nothing to convert when the value is not wanted.
        if (!value && !exponent && intDigits < 309)
            return true;
        const std::string token(start, m_p);
        errno = 0;
        const double d = std::strtod(token.c_str(), nullptr);
        if (!std::isfinite(d)) {
            m_p = start;
            return fail("a number beyond the range of a double");
        }
        if (value)
            *value = d;
        return true;
    }

    /// One JSON value of any kind, checked and skipped; `text` receives its text.
    bool value(int depth, QByteArrayView* text = nullptr)
    {
        space();
        if (m_p >= m_end)
            return fail("a value");
        const char* start = m_p;
        bool ok = false;
        switch (*m_p) {
        case '"':
            ok = string(nullptr);
            break;
        case '{':
            ok = object(depth + 1);
            break;
        case '[':
            ok = array(depth + 1);
            break;
        case 't':
            ok = literal("true");
            break;
        case 'f':
            ok = literal("false");
            break;
        case 'n':
            ok = literal("null");
            break;
        default:
            ok = number(nullptr);
        }
        if (ok && text)
            *text = QByteArrayView(start, m_p - start);
        return ok;
    }

    /// An object of any members; `text` receives its text.
    bool objectText(QByteArrayView& text)
    {
        space();
        if (m_p < m_end && *m_p != '{')
            return fail("an object was expected");
        return value(1, &text);
    }

    /// An object of any members, checked (the opening brace is next).
    bool object(int depth)
    {
        if (depth > MaxDepth)
            return fail("nesting deeper than 512 levels");
        ++m_p;
        QList<QByteArray> decoded;
        return members(decoded, [&](QByteArrayView) { return value(depth); });
    }

    bool array(int depth)
    {
        if (depth > MaxDepth)
            return fail("nesting deeper than 512 levels");
        ++m_p;
        if (take(']'))
            return true;
        do {
            if (!value(depth))
                return false;
        } while (take(','));
        return expect(']', "a comma or a closing bracket was expected");
    }

    bool literal(const char* word)
    {
        for (const char* w = word; *w; ++w, ++m_p) {
            if (m_p >= m_end)
                return fail("a literal");
            if (*m_p != *w)
                return fail("an unknown literal");
        }
        return true;
    }

    bool boolean(bool& out)
    {
        const char c = next();
        if (c == 't') {
            out = true;
            return literal("true");
        }
        if (c == 'f') {
            out = false;
            return literal("false");
        }
        return atEnd() ? fail("a boolean") : fail("a boolean was expected");
    }

    /// The `fields` object: its text, and each member's key and value text.
    bool fields(PulledChange& change)
    {
        space();
        if (m_p >= m_end)
            return fail("an object");
        if (*m_p != '{')
            return fail("an object was expected");
        const char* start = m_p++;
        change.members.reserve(16);
        const bool ok = members(change.decodedKeys, [&](QByteArrayView k) {
            const char c = next();
            QByteArrayView text;
            if (!value(1, &text))
                return false;
            if (c == '{' && k == "hlcs")
                change.hlcsText = text;
            change.members.append({ k, text });
            return true;
        });
        if (!ok)
            return false;
        change.fieldsText = QByteArrayView(start, m_p - start);
        return true;
    }

    bool change(PulledChange& c)
    {
        if (!expect('{', "a change object was expected"))
            return false;
        bool hasEntity = false;
        bool hasId = false;
        QList<QByteArray> decoded;
        const bool ok = members(decoded, [&](QByteArrayView k) {
            if (k == "entity") {
                hasEntity = true;
                return entityName(c.entity);
            }
            if (k == "id") {
                hasId = true;
                return stringValue(c.id);
            }
            if (k == "op") {
                QByteArrayView raw;
                QByteArray op;
                bool escaped = false;
                if (!string(&raw, &op, &escaped))
                    return false;
                c.remove = (escaped ? QByteArrayView(op) : raw) == "remove";
                return true;
            }
            if (k == "fields")
                return fields(c);
            if (k == "versions")
                return objectText(c.versionsText);
            return value(2);
        });
        if (!ok)
            return false;
        if (!hasEntity || !hasId) {
            --m_p;
            return fail("a change without entity or id");
        }
        return true;
    }

    /// The `changes` array, each element a change object.
    bool changes(PulledPage& out)
    {
        if (!expect('[', "changes must be an array"))
            return false;
        if (take(']'))
            return true;
        do {
            PulledChange c;
            if (!change(c))
                return false;
            out.changes.append(std::move(c));
        } while (take(','));
        return expect(']', "a comma or a closing bracket was expected");
    }

    bool page(PulledPage& out)
    {
        if (!expect('{', "the page is not a JSON object"))
            return false;
        bool hasChanges = false;
        bool hasCursor = false;
        QList<QByteArray> decoded;
        const bool ok = members(decoded, [&](QByteArrayView k) {
            if (k == "changes") {
                hasChanges = true;
                return changes(out);
            }
            if (k == "cursor") {
                hasCursor = true;
                return stringValue(out.cursor);
            }
            if (k == "has_more")
                return boolean(out.hasMore);
            if (k == "resets") {
                QByteArrayView text;
                if (next() != '[' && !atEnd())
                    return fail("resets must be an array");
                if (!value(1, &text))
                    return false;
                out.resets = QJsonDocument::fromJson(text.toByteArray()).array();
                return true;
            }
            return value(1);
        });
        if (!ok)
            return false;
        if (!atEnd())
            return fail("text after the page");
        if (!hasChanges || !hasCursor) {
            --m_p;
            return fail("a page without changes or cursor");
        }
        return true;
    }

private:
    /// An escape after a backslash (at m_p); appends its UTF-8 to `out` when given.
    bool escape(QByteArray* out)
    {
        ++m_p;
        if (m_p >= m_end)
            return fail("an escape");
        const char c = *m_p++;
        char plain = 0;
        switch (c) {
        case '"':
        case '\\':
        case '/':
            plain = c;
            break;
        case 'b':
            plain = '\b';
            break;
        case 'f':
            plain = '\f';
            break;
        case 'n':
            plain = '\n';
            break;
        case 'r':
            plain = '\r';
            break;
        case 't':
            plain = '\t';
            break;
        case 'u': {
            char32_t unit = 0;
            if (!hex4(unit))
                return false;
            if (unit >= 0xDC00 && unit <= 0xDFFF)
                return fail("a lone low surrogate");
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                    return m_end - m_p < 2 ? fail("an escape") : fail("a lone high surrogate");
                m_p += 2;
                char32_t low = 0;
                if (!hex4(low))
                    return false;
                if (low < 0xDC00 || low > 0xDFFF)
                    return fail("a lone high surrogate");
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            }
            if (out) {
                const QString s = QString::fromUcs4(&unit, 1);
                out->append(s.toUtf8());
            }
            return true;
        }
        default:
            --m_p;
            return fail("an unknown escape");
        }
        if (out)
            out->append(plain);
        return true;
    }

    bool hex4(char32_t& unit)
    {
        for (int i = 0; i < 4; ++i, ++m_p) {
            if (m_p >= m_end)
                return fail("an escape");
            const char h = *m_p;
            int v = 0;
            if (h >= '0' && h <= '9')
                v = h - '0';
            else if (h >= 'a' && h <= 'f')
                v = h - 'a' + 10;
            else if (h >= 'A' && h <= 'F')
                v = h - 'A' + 10;
            else
                return fail("a bad \\u escape");
            unit = unit * 16 + static_cast<char32_t>(v);
        }
        return true;
    }

    /// One multi-byte UTF-8 sequence at m_p: no overlong forms, no surrogates, ≤ U+10FFFF.
    bool utf8Sequence()
    {
        const auto lead = static_cast<unsigned char>(*m_p);
        int more = 0;
        char32_t cp = 0;
        char32_t least = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
            cp = lead & 0x1F;
            least = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
            cp = lead & 0x0F;
            least = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
            cp = lead & 0x07;
            least = 0x10000;
        } else {
            return fail("invalid UTF-8 in a string");
        }
        const char* start = m_p++;
        for (int i = 0; i < more; ++i, ++m_p) {
            if (m_p >= m_end)
                return fail("a string");
            const auto b = static_cast<unsigned char>(*m_p);
            if ((b & 0xC0) != 0x80) {
                m_p = start;
                return fail("invalid UTF-8 in a string");
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            m_p = start;
            return fail("invalid UTF-8 in a string");
        }
        return true;
    }

    const char* m_begin;
    const char* m_p;
    const char* m_end;
    core::Error m_error;
    QByteArray m_lastEntityUtf8;
    QString m_lastEntity;
};

bool isAscii(QByteArrayView utf8)
{
    for (const char b : utf8)
        if (static_cast<unsigned char>(b) >= 0x80)
            return false;
    return true;
}

/// Whether a key's UTF-8 spells `key`.
bool sameKey(QByteArrayView utf8, const QString& key)
{
    // UTF-8 takes at least one byte per UTF-16 unit, and exactly one only for ASCII: most keys
    // are told apart by their lengths alone.
    if (utf8.size() < key.size())
        return false;
    if (utf8.size() == key.size()) {
        for (qsizetype i = 0; i < utf8.size(); ++i) {
            const auto b = static_cast<unsigned char>(utf8[i]);
            if (b >= 0x80 || b != key.at(i).unicode())
                return false;
        }
        return true;
    }
    return !isAscii(utf8) && QString::fromUtf8(utf8) == key;
}

QJsonObject parsedObject(QByteArrayView text)
{
    return text.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(text.toByteArray()).object();
}

} // namespace

QJsonValue PulledChange::field(const QString& key) const
{
    for (const Member& m : members) {
        if (!sameKey(m.key, key))
            continue;
        const char c = m.text.isEmpty() ? '\0' : m.text.front();
        switch (c) {
        case '"': {
            QString s;
            Reader r(m.text);
            r.stringValue(s);
            return s;
        }
        case 't':
            return true;
        case 'f':
            return false;
        case 'n':
        case '{':
        case '[':
            return QJsonValue::Null;
        default:
            return std::strtod(std::string(m.text.begin(), m.text.end()).c_str(), nullptr);
        }
    }
    return QJsonValue::Undefined;
}

core::FieldText PulledChange::fieldText(QLatin1StringView key, QByteArray& scratch) const
{
    for (const Member& m : members) {
        if (m.key.size() != key.size() || std::memcmp(m.key.data(), key.data(), size_t(key.size())))
            continue;
        core::FieldText f { true, false, m.text, {} };
        if (m.text.size() < 2 || m.text.front() != '"')
            return f;
        f.isString = true;
        const QByteArrayView inner = m.text.sliced(1, m.text.size() - 2);
        if (!inner.contains('\\')) {
            f.utf8 = inner;
            return f;
        }
        // The page's reader checked the string already.
        QByteArrayView raw;
        bool escaped = false;
        scratch.clear();
        Reader r(m.text);
        if (r.string(&raw, &scratch, &escaped))
            f.utf8 = escaped ? QByteArrayView(scratch) : raw;
        return f;
    }
    return {};
}

QString PulledChange::newestHlc(QString best) const
{
    if (hlcsText.isEmpty())
        return best;
    // The page's reader checked this text already (an object, no repeated keys); its string
    // values are decoded and compared as QStrings, as QJsonObject's would be.
    Reader r(hlcsText);
    if (!r.take('{') || r.take('}'))
        return best;
    do {
        if (!r.skipKey())
            return best;
        if (r.next() == '"') {
            // Plain ASCII (every stamp the server writes) compares as it stands; anything else
            // is decoded first. A QString is built only for a new greatest value.
            QByteArrayView raw;
            QByteArray decoded;
            bool escaped = false;
            if (!r.string(&raw, &decoded, &escaped))
                return best;
            if (!escaped && isAscii(raw)) {
                if (QString::compare(best, QLatin1StringView(raw)) < 0)
                    best = QString::fromLatin1(raw);
            } else if (QString s = QString::fromUtf8(escaped ? QByteArrayView(decoded) : raw);
                       s > best) {
                best = std::move(s);
            }
        } else if (!r.value(1)) {
            return best;
        }
    } while (r.take(','));
    return best;
}

QJsonObject PulledChange::fields() const
{
    return parsedObject(fieldsText);
}

QJsonObject PulledChange::versions() const
{
    return parsedObject(versionsText);
}

QJsonObject PulledChange::toObject() const
{
    QJsonObject o { { u"entity"_s, entity }, { u"id"_s, id },
        { u"op"_s, remove ? u"remove"_s : u"put"_s } };
    if (!fieldsText.isEmpty())
        o.insert(u"fields"_s, fields());
    if (!versionsText.isEmpty())
        o.insert(u"versions"_s, versions());
    return o;
}

core::Result<PulledPage> readPullPage(const QByteArray& text)
{
    PulledPage page;
    page.text = text;
    Reader reader(page.text);
    if (!reader.page(page))
        return reader.error();
    return page;
}

} // namespace safeloop::sync
