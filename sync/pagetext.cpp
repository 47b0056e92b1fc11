#include "pagetext.h"

namespace safeloop::sync {

namespace {

/// A forward-only walk over JSON text that skips values without decoding them. Every step
/// returns false on text that is not well-formed where it looked.
class Walker {
public:
    explicit Walker(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {
    }

    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
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

    bool peek(char c)
    {
        space();
        return m_p < m_end && *m_p == c;
    }

    /// A string token; `raw` receives the text between the quotes (escapes left as written).
    bool string(QByteArrayView* raw = nullptr)
    {
        space();
        if (m_p >= m_end || *m_p != '"')
            return false;
        const char* start = ++m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\' && ++m_p >= m_end)
                return false;
            ++m_p;
        }
        if (m_p >= m_end)
            return false;
        if (raw)
            *raw = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }

    /// Skips one value; `text` receives its text.
    bool value(QByteArrayView* text = nullptr)
    {
        space();
        if (m_p >= m_end)
            return false;
        const char* start = m_p;
        if (*m_p == '"') {
            if (!string())
                return false;
        } else if (*m_p == '{' || *m_p == '[') {
            int depth = 0;
            while (m_p < m_end) {
                const char c = *m_p;
                if (c == '"') {
                    if (!string())
                        return false;
                    continue;
                }
                ++m_p;
                if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0)
                        break;
                }
            }
            if (depth != 0)
                return false;
        } else {
            // A number or a literal: up to the next delimiter.
            while (m_p < m_end && *m_p != ',' && *m_p != '}' && *m_p != ']' && *m_p != ' '
                && *m_p != '\t' && *m_p != '\n' && *m_p != '\r')
                ++m_p;
            if (m_p == start)
                return false;
        }
        if (text)
            *text = QByteArrayView(start, m_p - start);
        return true;
    }

private:
    const char* m_p;
    const char* m_end;
};

} // namespace

std::optional<QList<ChangeText>> changeTexts(QByteArrayView page)
{
    Walker w(page);
    if (!w.take('{'))
        return std::nullopt;
    std::optional<QList<ChangeText>> out;
    if (w.take('}'))
        return std::nullopt;
    do {
        QByteArrayView key;
        if (!w.string(&key) || !w.take(':'))
            return std::nullopt;
        if (key != "changes") {
            if (!w.value())
                return std::nullopt;
            continue;
        }
        if (!w.take('['))
            return std::nullopt;
        QList<ChangeText> changes;
        if (!w.take(']')) {
            do {
                if (!w.take('{'))
                    return std::nullopt;
                ChangeText change;
                if (!w.take('}')) {
                    do {
                        QByteArrayView name;
                        QByteArrayView text;
                        if (!w.string(&name) || !w.take(':') || !w.value(&text))
                            return std::nullopt;
                        if (name == "fields")
                            change.fields = text;
                        else if (name == "versions")
                            change.versions = text;
                    } while (w.take(','));
                    if (!w.take('}'))
                        return std::nullopt;
                }
                changes.append(change);
            } while (w.take(','));
            if (!w.take(']'))
                return std::nullopt;
        }
        out = std::move(changes);
    } while (w.take(','));
    if (!w.take('}'))
        return std::nullopt;
    return out;
}

} // namespace safeloop::sync
