#pragma once

// Request decoding and answers shared by the route files (httproutes_*.cpp). Private to server/.

#include "auth.h"
#include "httpengine_p.h"

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>

namespace httplib {
struct Request;
struct Response;
class ContentReader;
} // namespace httplib

namespace safeloop::server::detail {

std::string toStd(const QByteArray& bytes);

/// Reads and throws away whatever body the client still sends, so the connection stays usable
/// after an early refusal. httplib itself stops at the request size limit.
void drain(const httplib::ContentReader& reader);

/// The Content-Length header, or -1 if absent or unreadable.
qint64 contentLength(const httplib::Request& req);

/// HTTP status for a service error code.
int statusFor(const QString& code);

/// Writes a service error with its status (statusFor); a 500's details go to the server log.
void sendServiceError(httplib::Response& res, const core::Error& error);

/// The one JSON decoder of request bodies: at most `MaxJsonDepth` levels (`json_too_deep`, 400),
/// valid JSON (`malformed_json`, 400), an object (400), and every string in it, member names
/// included, free of control characters and within its field's length (`invalid_text` and
/// `field_too_long`, 422, the message naming the field path). Members listed in `checkedLater`
/// are left to the service, which judges them one by one (a push's mutations: one bad mutation is
/// that mutation's rejection, not the batch's). On refusal the response is written.
std::optional<QJsonObject> decodeJsonObject(
    QByteArrayView text, httplib::Response& res, const QStringList& checkedLater = {});

/// Reads a JSON object body within the 1 MiB limit and decodes it with decodeJsonObject(). On
/// refusal the response is already written (415, 413, 400 or 422) and the rest of the body has
/// been discarded, never buffered.
std::optional<QJsonObject> readJsonBody(const httplib::Request& req, httplib::Response& res,
    const httplib::ContentReader& reader, std::size_t limit, bool allowEmpty = false,
    const QStringList& checkedLater = {});

/// The credentials of an `Authorization: Bearer …` header; the scheme name is
/// case-insensitive (RFC 7235 §2.1) and may be followed by more than one space.
QString bearerToken(const httplib::Request& req);

} // namespace safeloop::server::detail
