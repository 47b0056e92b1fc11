#pragma once

#include "domain.h"
#include "result.h"

#include <QDate>
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

} // namespace safeloop::core::validation
