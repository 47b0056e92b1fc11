// The compact JSON writer (jsonwriter.h). Each rule below mirrors one of Qt 6.4's document
// writer; tests/core/jsonwriter_test.cpp holds it to the document writer's bytes.

#include "jsonwriter.h"

#include <QLocale>
#include <QString>
#include <QVariant>

#include <charconv>
#include <cmath>

namespace safeloop::core {

namespace {

char hexDigit(unsigned v)
{
    return static_cast<char>(v < 10 ? '0' + v : 'a' + (v - 10));
}

char* escapeUnit(char* p, char16_t u)
{
    *p++ = '\\';
    *p++ = 'u';
    *p++ = hexDigit((u >> 12) & 0xfu);
    *p++ = hexDigit((u >> 8) & 0xfu);
    *p++ = hexDigit((u >> 4) & 0xfu);
    *p++ = hexDigit(u & 0xfu);
    return p;
}

void appendString(QByteArray& out, const QString& s)
{
    const qsizetype start = out.size();
    // At most six bytes per UTF-16 unit (\uxxxx), and the two quotes.
    out.resize(start + s.size() * 6 + 2);
    char* const begin = out.data();
    char* p = begin + start;
    *p++ = '"';
    const char16_t* src = reinterpret_cast<const char16_t*>(s.constData());
    const char16_t* const end = src + s.size();
    while (src != end) {
        const char16_t u = *src++;
        if (u < 0x80) {
            if (u >= 0x20 && u != u'"' && u != u'\\') {
                *p++ = static_cast<char>(u);
                continue;
            }
            *p++ = '\\';
            switch (u) {
            case u'"':
                *p++ = '"';
                break;
            case u'\\':
                *p++ = '\\';
                break;
            case u'\b':
                *p++ = 'b';
                break;
            case u'\f':
                *p++ = 'f';
                break;
            case u'\n':
                *p++ = 'n';
                break;
            case u'\r':
                *p++ = 'r';
                break;
            case u'\t':
                *p++ = 't';
                break;
            default:
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hexDigit(u >> 4);
                *p++ = hexDigit(u & 0xfu);
            }
        } else if (u < 0x800) {
            *p++ = static_cast<char>(0xc0 | (u >> 6));
            *p++ = static_cast<char>(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            *p++ = static_cast<char>(0xe0 | (u >> 12));
            *p++ = static_cast<char>(0x80 | ((u >> 6) & 0x3f));
            *p++ = static_cast<char>(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
            const char32_t c = QChar::surrogateToUcs4(u, *src++);
            *p++ = static_cast<char>(0xf0 | (c >> 18));
            *p++ = static_cast<char>(0x80 | ((c >> 12) & 0x3f));
            *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3f));
            *p++ = static_cast<char>(0x80 | (c & 0x3f));
        } else {
            // A surrogate without its other half is not UTF-8: Qt writes the unit escaped.
            p = escapeUnit(p, u);
        }
    }
    *p++ = '"';
    out.resize(p - begin);
}

void appendInteger(QByteArray& out, qint64 n)
{
    char digits[24];
    const auto done = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, done.ptr - digits);
}

void appendObject(QByteArray& out, const QJsonObject& object);
void appendArray(QByteArray& out, const QJsonArray& array);

/// `V`: QJsonValue, or the const reference an object's or array's iterator yields.
template <typename V>
void appendValue(QByteArray& out, const V& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        out.append(v.toBool() ? "true" : "false");
        break;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        // A whole number may be held as an integer or as a double, and the two are written
        // differently (100000 and 1e+05): only the variant tells which.
        if (std::trunc(d) == d && v.toVariant().metaType().id() == QMetaType::LongLong)
            appendInteger(out, v.toInteger());
        else if (std::isfinite(d))
            out.append(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
        else
            out.append("null");
        break;
    }
    case QJsonValue::String:
        appendString(out, v.toString());
        break;
    case QJsonValue::Array:
        appendArray(out, v.toArray());
        break;
    case QJsonValue::Object:
        appendObject(out, v.toObject());
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        break;
    }
}

void appendObject(QByteArray& out, const QJsonObject& object)
{
    out.append('{');
    bool first = true;
    for (auto it = object.constBegin(), end = object.constEnd(); it != end; ++it) {
        if (!first)
            out.append(',');
        first = false;
        appendString(out, it.key());
        out.append(':');
        appendValue(out, it.value());
    }
    out.append('}');
}

void appendArray(QByteArray& out, const QJsonArray& array)
{
    out.append('[');
    bool first = true;
    for (auto it = array.constBegin(), end = array.constEnd(); it != end; ++it) {
        if (!first)
            out.append(',');
        first = false;
        appendValue(out, *it);
    }
    out.append(']');
}

} // namespace

QByteArray compactJson(const QJsonObject& object)
{
    QByteArray out;
    out.reserve(64 + 32 * object.size());
    appendObject(out, object);
    return out;
}

QByteArray compactJson(const QJsonArray& array)
{
    QByteArray out;
    out.reserve(64 + 16 * array.size());
    appendArray(out, array);
    return out;
}

void appendCompactJson(QByteArray& out, const QJsonObject& object)
{
    appendObject(out, object);
}

void appendCompactJson(QByteArray& out, const QJsonArray& array)
{
    appendArray(out, array);
}

void appendCompactJson(QByteArray& out, const QJsonValue& value)
{
    appendValue(out, value);
}

} // namespace safeloop::core
