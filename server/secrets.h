#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace safeloop::server::secrets {

/// Initialises libsodium once; false if the library cannot be used.
bool ready();

/// Argon2id hash in libsodium's encoded form (opslimit 2, memlimit 64 MiB).
core::Result<QString> hashPassword(const QString& password);

/// True if `password` matches `encodedHash`.
bool verifyPassword(const QString& encodedHash, const QString& password);

/// Spends the time of one verification against a fixed hash, so that an unknown user name
/// answers as slowly as a wrong password.
void burnVerification(const QString& password);

/// 256 random bits, base64url without padding (43 characters).
QString randomToken();

/// Lower-case hex SHA-256 of the bytes.
QString sha256Hex(const QByteArray& bytes);

} // namespace safeloop::server::secrets
