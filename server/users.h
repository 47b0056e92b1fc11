#pragma once

#include "core/domain.h"
#include "core/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace safeloop::server {

/// The four roles of SYNC.md are core's: `core::toString(Role)` and `core::parseRole()` spell
/// them as stored in `users.role` and sent on the wire.
using core::Role;

/// One account as the server stores it (never carries the password itself).
struct UserRecord {
    QString id; ///< UUID v7
    QString username;
    QString name;
    Role role = Role::Inspector;
    QString badge; ///< inspector's enforcement badge number
    QString enterpriseUscc; ///< credit code given to `user add --enterprise`
    QString enterpriseId; ///< filled once the enterprise record exists (core phase)
    QStringList streets; ///< empty: the whole district
    QString passwordHash;
    bool disabled = false;
};

/// What `user add` asks for.
struct NewUser {
    QString username;
    QString name;
    QString role;
    QString badge;
    QString enterpriseUscc;
    QStringList streets;
    QString password;
};

/// SQL for the `users` table (SQLite and PostgreSQL alike).
namespace UserRepository {
core::Result<void> insert(QSqlDatabase& db, const UserRecord& user);
core::Result<std::optional<UserRecord>> findByUsername(QSqlDatabase& db, const QString& username);
core::Result<std::optional<UserRecord>> findById(QSqlDatabase& db, const QString& id);
/// Returns false if no such user.
core::Result<bool> setDisabled(QSqlDatabase& db, const QString& username, bool disabled);
} // namespace UserRepository

/// Account rules: validation and creation of users.
namespace UserService {
/// Validates and stores a new account. Rules: username 3–64 of [A-Za-z0-9._-]; role one of
/// SYNC.md's four; password ≥ 8 characters; `enterprise` users need a valid credit code and no
/// streets; `inspector` users need a badge number; other roles take neither enterprise nor badge.
core::Result<UserRecord> add(QSqlDatabase& db, const NewUser& request);
} // namespace UserService

/// Streets as stored in `users.streets`: a JSON array of names (`[]` = whole district).
QString encodeStreets(const QStringList& streets);
QStringList decodeStreets(const QString& stored);

/// A new time-ordered UUID (version 7), lower case, with hyphens.
QString newUuidV7();

} // namespace safeloop::server
