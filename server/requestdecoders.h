#pragma once

#include "core/mutation.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace safeloop::server {

// The decoders of what a client sends before any handler reads it: the JSON body, a push's
// batch and device status, a pull's cursor and limit. The HTTP routes and the services call
// these, and so do the fuzz harnesses (tests/fuzz), so both exercise the same code.

/// Deepest nesting of objects and arrays in JSON text (the outermost value is level 1), counted
/// by a byte scan outside strings before the text is parsed: QJsonDocument accepts up to 1024
/// levels, which a device's Qt then cannot read back inside a pull page. Stops counting once
/// past `stopAbove`.
int jsonDepth(QByteArrayView text, int stopAbove);

/// The one JSON decoder of request bodies: at most core::validation::MaxJsonDepth levels
/// (`json_too_deep`), valid JSON (`malformed_json`), an object (`malformed_json`), and every
/// string in it, member names included, free of control characters and within its field's
/// length (`invalid_text`, `field_too_long`, the message naming the field path). Members listed
/// in `checkedLater` are left to the service, which judges them one by one (a push's mutations:
/// one bad mutation is that mutation's rejection, not the batch's).
core::Result<QJsonObject> decodeJsonBody(QByteArrayView text, const QStringList& checkedLater = {});

/// A device's status as a push reports it (docs/api.md): a fixed set of typed fields, anything
/// else dropped.
struct DeviceStatus {
    QString appVersion;
    qint64 pendingMutations = 0;
    qint64 pendingBlobs = 0;
    QString lastSuccess; ///< RFC 3339, or empty
    QString lastError; ///< what stops this device's sync, or empty
    QString lastErrorCode; ///< lastError's reason as a code ("pull_stuck"), or empty

    bool operator==(const DeviceStatus&) const = default;
};

/// A push body as the service applies it.
struct ParsedPush {
    QString clientId;
    QList<core::Mutation> mutations;
    /// Mutations whose text the server refuses (control characters, too long), by id: each is
    /// rejected on its own, before anything reads or stores its values.
    QHash<qint64, core::Error> invalid;
    std::optional<DeviceStatus> device;
};

/// The `device` member of a push: an object of plain values (`invalid_device` for nested values,
/// wrong types, counts outside 0…10^9, a `last_success` that is not RFC 3339; `invalid_text` and
/// `field_too_long` for bad text). Keeps the known fields and drops the rest.
core::Result<DeviceStatus> parseDevice(const QJsonValue& value);

/// A push body (decodeJsonBody() with `mutations` checked later): `client_id` and
/// `schema_version` (`missing_field`, `client_too_old`), `mutations` an array of at most
/// SyncService::MaxBatch (`too_many_mutations`) whose members have a positive integer `id`,
/// string `name`, `entity_id` and `hlc`, object `base` and `args` (`invalid_request`), and the
/// optional `device` (parseDevice()). A mutation with bad text is kept and listed in `invalid`.
core::Result<ParsedPush> parsePush(const QJsonObject& body);

/// The change-log position a pull cursor stands for: 0 for no cursor (first sync); a cursor
/// this server never issued (not base64url of `sl1:<seq>`, seq ≥ 0) is `invalid_cursor`.
core::Result<qint64> decodePullCursor(const QString& cursor);
/// The cursor of change-log position `seq` (≥ 0): base64url of `sl1:<seq>`, unpadded.
QByteArray encodePullCursor(qint64 seq);
/// A pull's `limit` parameter: a whole number ≥ 1 (`invalid_limit`); values above
/// SyncService::MaxPullLimit are capped by the service, not refused.
core::Result<int> decodePullLimit(const QString& text);

} // namespace safeloop::server
