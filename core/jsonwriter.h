#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace safeloop::core {

/// Compact JSON text, byte for byte what QJsonDocument(x).toJson(QJsonDocument::Compact) writes
/// (Qt 6.4): members in the order the object iterates them, `"` `\` and control characters
/// escaped (\b \f \n \r \t, \u00xx for the rest), other text as UTF-8 with a lone surrogate
/// written as \uxxxx, integers as integers, doubles in their shortest form and NaN or infinity
/// as null. It writes into one growing buffer, without the intermediate strings and byte arrays
/// the document writer makes for every key, string and number: the server stores every record
/// it writes this way.
QByteArray compactJson(const QJsonObject& object);
QByteArray compactJson(const QJsonArray& array);
/// Appends `object`'s compact text to `out`.
void appendCompactJson(QByteArray& out, const QJsonObject& object);
/// Appends `array`'s compact text to `out`.
void appendCompactJson(QByteArray& out, const QJsonArray& array);
/// Appends `value` as it appears inside a container's compact text (undefined as null).
void appendCompactJson(QByteArray& out, const QJsonValue& value);

} // namespace safeloop::core
