#pragma once

#include "domain.h"
#include "result.h"

#include <QDate>
#include <QJsonValue>
#include <QString>

namespace safeloop::core::validation {

/// 64 lower-case hex digits (`invalid_sha256` otherwise).
Result<void> sha256(const QString& value, const QString& field = QStringLiteral("attachment"));
/// Latitude in [-90, 90], longitude in [-180, 180], finite, accuracy (if known) and distance
/// ≥ 0 (`invalid_coordinates`); flags are snake_case words (`invalid_flag`).
Result<void> coordinates(double lat, double lon);
Result<void> location(const Location& loc);

/// Credit code (GB 32100), name, grade and coordinates of an enterprise.
Result<void> enterprise(const Enterprise& e);
/// Required fields, attachment hashes, location, and a deadline not before `createdOn` — the
/// local date of the mutation that created the hazard (`deadline_before_creation`).
Result<void> hazard(const Hazard& h, QDate createdOn);
Result<void> answer(const Answer& a);
/// A rectification event's attachment hashes and, for a submission, its report: `completed_on`
/// an ISO date not after `submittedOn` (`invalid_date`, `completed_in_future`), `responsible`
/// at most 50 characters (`field_too_long`), `cost` finite, ≥ 0 and below 10^10 yuan with at most
/// two decimals (`invalid_cost`). Other kinds carry no report (`report_not_allowed`).
Result<void> rectificationEvent(const RectificationEvent& e, QDate submittedOn);
Result<void> inspection(const Inspection& i);
/// Complete metadata: hash, a media type, size ≥ 0, optional capture time and location.
Result<void> attachment(const Attachment& a);
/// What a mutation may send for one attachment: the hash, and optionally a well-formed `mime`
/// (`invalid_mime`), `captured_at` and `location` (size is checked where it is parsed).
Result<void> attachmentReference(const Attachment& a);
/// `type/subtype` media type (`invalid_mime`).
Result<void> mimeType(const QString& mime);

/// Most characters (Unicode code points) a free-text field holds (description, note, measure…).
inline constexpr int MaxFreeText = 4000;
/// Most characters of an address (free text: it may span lines).
inline constexpr int MaxAddress = 500;
/// Most characters of a name, title or other short label.
inline constexpr int MaxLabel = 200;
/// Most characters of an id (record ids, `*_id`, `*_ids` elements, codes, HLCs).
inline constexpr int MaxIdentifier = 128;
/// Most characters of any other text value (phone numbers, enums, times, …).
inline constexpr int MaxOtherText = 200;
/// Deepest nesting of objects and arrays a JSON request body may have (the body itself is 1).
inline constexpr int MaxJsonDepth = 32;

/// Whether `key` names free text, where tab and newline are allowed.
bool isFreeTextField(const QString& key);
/// Most characters a string under `key` may hold (see docs/api.md, "Limits").
int maxTextLength(const QString& key);
/// One string value named `key` at `path`: no control characters (C0, DEL, C1; tab and newline
/// only in free text) and no U+FEFF (`invalid_text`), and at most maxTextLength(key) characters
/// (`field_too_long`). Messages name `path`, never quote the value.
Result<void> text(const QString& value, const QString& key, const QString& path);
/// text() for every string in `value`, recursively (object members under their own key, array
/// elements under the array's key), with paths such as `args.items[2].note`.
Result<void> texts(const QJsonValue& value, const QString& key, const QString& path);

} // namespace safeloop::core::validation
