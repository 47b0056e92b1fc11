#include "secrets.h"

#include <sodium.h>

#include <mutex>
#include <semaphore>

using namespace Qt::StringLiterals;
using safeloop::core::makeError;

namespace safeloop::server::secrets {

namespace {

/// Each Argon2id hash or verification holds 64 MiB (MEMLIMIT_INTERACTIVE) while it runs; with one
/// per HTTP worker a burst of logins took the server past 300 MB (docs/performance.md, district
/// load). Two at a time keep the peak at ~128 MiB and lose nothing on a 2-core host: the work is
/// CPU-bound, so more concurrent ones only share the same cores.
std::counting_semaphore<2> argon2Slots(2);

class Argon2Slot {
public:
    Argon2Slot() { argon2Slots.acquire(); }
    ~Argon2Slot() { argon2Slots.release(); }
    Argon2Slot(const Argon2Slot&) = delete;
    Argon2Slot& operator=(const Argon2Slot&) = delete;
};

} // namespace

bool ready()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

core::Result<QString> hashPassword(const QString& password)
{
    if (!ready())
        return makeError(u"crypto_unavailable"_s, u"libsodium failed to initialise"_s);
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    const Argon2Slot slot;
    if (crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return makeError(u"crypto_failed"_s, u"password hashing ran out of memory"_s);
    return QString::fromLatin1(out);
}

bool verifyPassword(const QString& encodedHash, const QString& password)
{
    if (!ready())
        return false;
    const QByteArray hash = encodedHash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    const Argon2Slot slot;
    return crypto_pwhash_str_verify(
               hash.constData(), utf8.constData(), static_cast<unsigned long long>(utf8.size()))
        == 0;
}

void burnVerification(const QString& password)
{
    static QString dummy;
    static std::once_flag once;
    std::call_once(once, [] {
        auto h = hashPassword(randomToken());
        if (h)
            dummy = h.value();
    });
    if (!dummy.isEmpty())
        (void)verifyPassword(dummy, password);
}

QString randomToken()
{
    ready();
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), static_cast<size_t>(bytes.size()));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString sha256Hex(const QByteArray& bytes)
{
    ready();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.constData()),
        static_cast<unsigned long long>(bytes.size()));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), crypto_hash_sha256_BYTES).toHex());
}

} // namespace safeloop::server::secrets
