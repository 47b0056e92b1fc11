#include "users.h"

#include "core/creditcode.h"
#include "secrets.h"
#include "sqldialect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>

#include <sodium.h>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

QString encodeStreets(const QStringList& streets)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(streets)).toJson(QJsonDocument::Compact));
}

QStringList decodeStreets(const QString& stored)
{
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(stored.toUtf8()).array())
        out << v.toString();
    return out;
}

QString newUuidV7()
{
    secrets::ready();
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    const auto ms = static_cast<quint64>(nowMs());
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<unsigned char>((ms >> (8 * (5 - i))) & 0xff);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x70);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    const QString hex
        = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(b), sizeof b).toHex());
    return u"%1-%2-%3-%4-%5"_s.arg(
        hex.mid(0, 8), hex.mid(8, 4), hex.mid(12, 4), hex.mid(16, 4), hex.mid(20, 12));
}

namespace {

constexpr auto UserColumns = "id, username, name, role, badge, enterprise_uscc, enterprise_id, "
                             "streets, password_hash, disabled";

UserRecord readUser(const QSqlQuery& q)
{
    UserRecord u;
    u.id = q.value(0).toString();
    u.username = q.value(1).toString();
    u.name = q.value(2).toString();
    const auto role = core::parseRole(q.value(3).toString());
    u.role = role ? *role : Role::Inspector;
    u.badge = q.value(4).toString();
    u.enterpriseUscc = q.value(5).toString();
    u.enterpriseId = q.value(6).toString();
    u.streets = decodeStreets(q.value(7).toString());
    u.passwordHash = q.value(8).toString();
    u.disabled = q.value(9).toInt() != 0;
    return u;
}

QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

Result<std::optional<UserRecord>> findOne(QSqlDatabase& db, const char* column, const QString& v)
{
    auto q = run(db,
        u"SELECT %1 FROM users WHERE %2 = ?"_s.arg(
            QLatin1String(UserColumns), QLatin1String(column)),
        { v });
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<UserRecord> {};
    return std::optional<UserRecord> { readUser(q.value()) };
}

} // namespace

namespace UserRepository {

Result<void> insert(QSqlDatabase& db, const UserRecord& u)
{
    const QString now = rfc3339(nowMs());
    auto q = run(db,
        u"INSERT INTO users (id, username, name, role, badge, enterprise_uscc, enterprise_id, "
        "streets, password_hash, disabled, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        { u.id, u.username, u.name, core::toString(u.role), textOrNull(u.badge),
            textOrNull(u.enterpriseUscc), textOrNull(u.enterpriseId), encodeStreets(u.streets),
            u.passwordHash, u.disabled ? 1 : 0, now, now });
    if (!q)
        return q.error();
    return {};
}

Result<std::optional<UserRecord>> findByUsername(QSqlDatabase& db, const QString& username)
{
    return findOne(db, "username", username);
}

Result<std::optional<UserRecord>> findById(QSqlDatabase& db, const QString& id)
{
    return findOne(db, "id", id);
}

Result<bool> setDisabled(QSqlDatabase& db, const QString& username, bool disabled)
{
    auto q = run(db, u"UPDATE users SET disabled = ?, updated_at = ? WHERE username = ?"_s,
        { disabled ? 1 : 0, rfc3339(nowMs()), username });
    if (!q)
        return q.error();
    return q.value().numRowsAffected() > 0;
}

} // namespace UserRepository

namespace UserService {

Result<UserRecord> add(QSqlDatabase& db, const NewUser& r)
{
    static const QRegularExpression usernamePattern(u"^[A-Za-z0-9._-]{3,64}$"_s);
    if (!usernamePattern.match(r.username).hasMatch())
        return makeError(
            u"invalid_username"_s, u"username must be 3 to 64 letters, digits, '.', '_' or '-'"_s);
    const auto role = core::parseRole(r.role);
    if (!role)
        return makeError(u"invalid_role"_s,
            u"role \"%1\" is not one of inspector, enterprise, supervisor, admin"_s.arg(r.role));
    if (r.password.size() < 8)
        return makeError(u"weak_password"_s, u"password must have at least 8 characters"_s);
    UserRecord u;
    u.role = *role;
    if (*role == Role::Enterprise) {
        if (r.enterpriseUscc.isEmpty())
            return makeError(u"enterprise_required"_s,
                u"an enterprise user needs --enterprise with the credit code"_s);
        if (auto v = core::CreditCode::validate(r.enterpriseUscc); !v)
            return makeError(
                v.error().code, u"--enterprise %1: %2"_s.arg(r.enterpriseUscc, v.error().message));
        if (!r.streets.isEmpty())
            return makeError(u"invalid_streets"_s, u"an enterprise user takes no --streets"_s);
    } else if (!r.enterpriseUscc.isEmpty()) {
        return makeError(u"enterprise_not_allowed"_s,
            u"only enterprise users belong to an enterprise (--enterprise)"_s);
    }
    if (*role == Role::Inspector && r.badge.trimmed().isEmpty())
        return makeError(
            u"badge_required"_s, u"an inspector needs --badge with the badge number"_s);
    if (*role != Role::Inspector && !r.badge.isEmpty())
        return makeError(u"badge_not_allowed"_s, u"only inspectors carry a badge (--badge)"_s);
    for (const QString& s : r.streets) {
        if (s.trimmed().isEmpty())
            return makeError(u"invalid_streets"_s, u"--streets holds an empty street name"_s);
    }

    auto existing = UserRepository::findByUsername(db, r.username);
    if (!existing)
        return existing.error();
    if (existing.value())
        return makeError(u"username_taken"_s, u"user %1 already exists"_s.arg(r.username));

    auto hash = secrets::hashPassword(r.password);
    if (!hash)
        return hash.error();
    u.id = newUuidV7();
    u.username = r.username;
    u.name = r.name.isEmpty() ? r.username : r.name;
    u.badge = r.badge.trimmed();
    u.enterpriseUscc = r.enterpriseUscc;
    for (const QString& s : r.streets)
        u.streets << s.trimmed();
    u.passwordHash = hash.value();
    if (auto ins = UserRepository::insert(db, u); !ins)
        return ins.error();
    return u;
}

} // namespace UserService

} // namespace safeloop::server
