#pragma once

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace safeloop::sync {

/// The JSON text of one pull change's `fields` and `versions` values exactly as the page carries
/// them (views into the page; empty when the change has none).
struct ChangeText {
    QByteArrayView fields;
    QByteArrayView versions;
};

/// Finds, in the JSON text of a pull page, the text of every change's `fields` and `versions`,
/// in page order, without building JSON values: the device binds a record's text as it arrived
/// instead of serialising the parsed object again. std::nullopt when the text is not an object
/// whose `changes` is an array of objects (the caller then serialises the parsed values).
/// Keys are matched as written; a key spelled with escapes is not recognised (its change then
/// has no text here).
std::optional<QList<ChangeText>> changeTexts(QByteArrayView page);

} // namespace safeloop::sync
