#pragma once

#include "core/mutation.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace safeloop::sync {

/// One change of a pull page as the device reads it: its names decoded, its `fields` and
/// `versions` kept as the text the page carries (views into the page's bytes).
struct PulledChange {
    QString entity;
    QString id;
    bool remove = false; ///< `op` is "remove" (anything else is a put)
    QByteArrayView fieldsText; ///< the `fields` object's text; empty when the change has none
    QByteArrayView versionsText; ///< the `versions` object's text; empty when the change has none
    /// One member of `fields`: its key (decoded UTF-8) and its value's text.
    struct Member {
        QByteArrayView key;
        QByteArrayView text;
    };
    QList<Member> members; ///< the members of `fields`, in page order
    QList<QByteArray> decodedKeys; ///< keys written with escapes, decoded (`members` views them)
    QByteArrayView hlcsText; ///< the text of `fields.hlcs` when it is an object, else empty

    /// The member `key` of `fields` decoded when its value is a string, number, boolean or
    /// null; null when it is an object or an array; undefined when there is no such member.
    /// What a reader of single values needs (promoted columns, stamps, parent ids) without
    /// building the record's fields.
    QJsonValue field(const QString& key) const;
    /// The member `key` (ASCII) of `fields` as its text, without building a value: a string's
    /// UTF-8 views the page, or `scratch` when the string was written with escapes.
    core::FieldText fieldText(QLatin1StringView key, QByteArray& scratch) const;
    /// The greatest of `best` and the string values of `fields.hlcs` (compared as QStrings;
    /// values of other types count as empty strings), read from the page's text.
    QString newestHlc(QString best) const;
    /// The whole `fields` object (parsed from its text on each call).
    QJsonObject fields() const;
    /// The whole `versions` object (parsed from its text on each call).
    QJsonObject versions() const;
    /// The change as one JSON object: entity, id, op, fields, versions.
    QJsonObject toObject() const;
};

/// A pull page read from its JSON text. The views in `changes` point into `text`, which the
/// page holds (shared, never modified).
struct PulledPage {
    QByteArray text;
    QString cursor;
    bool hasMore = false;
    QJsonArray resets;
    QList<PulledChange> changes;
};

/// The error codes readPullPage() gives.
inline constexpr char16_t PageCutCode[] = u"page_cut"; ///< the text ends inside a value
inline constexpr char16_t PageMalformedCode[] = u"page_malformed"; ///< anything else wrong

/// Reads a pull page in one pass over its bytes, strictly (RFC 8259): the whole text must be one
/// JSON object of `changes` (an array of change objects), `cursor` (a string), `has_more` (a
/// boolean) and `resets` (an array of strings, optional); each change an object with string
/// `entity`, `id` and `op` and object `fields` and `versions` when present. Refused, with
/// PageMalformedCode and the byte offset in the message: invalid UTF-8 or a control character
/// in a string, a bad escape or a lone surrogate, a number outside JSON's grammar or beyond a
/// double's range, a repeated key in any object, nesting deeper than 512 levels, text after the
/// object, a member of the wrong type. A text that ends early is refused with PageCutCode.
/// Members the device does not know are checked as JSON and skipped.
core::Result<PulledPage> readPullPage(const QByteArray& text);

} // namespace safeloop::sync
