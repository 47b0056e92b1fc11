#include "blobuploader.h"

#include <QCryptographicHash>
#include <QFile>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

namespace {

ApiFailure localFailure(QString code, QString message)
{
    ApiFailure failure;
    failure.kind = ApiFailure::Kind::Refused;
    failure.code = std::move(code);
    failure.message = std::move(message);
    return failure;
}

/// Reads Upload-Offset; -1 if absent or malformed.
qint64 uploadOffset(const ApiReply& reply)
{
    bool ok = false;
    const qint64 offset = reply.header("Upload-Offset").trimmed().toLongLong(&ok);
    return ok && offset >= 0 ? offset : -1;
}

} // namespace

BlobUploader::BlobUploader(ApiClient& api, qint64 chunkSize)
    : m_api(api)
    , m_chunkSize(chunkSize)
{
}

std::variant<BlobUploader::ServerCopy, ApiFailure> BlobUploader::serverCopy(
    const QString& sha256, qint64 total)
{
    HttpRequest head;
    head.method = "HEAD";
    head.path = u"/api/v1/blobs/"_s + sha256;
    auto reply = m_api.callRaw(head);
    if (auto* failure = std::get_if<ApiFailure>(&reply)) {
        if (failure->status == 404)
            return ServerCopy {};
        return *failure;
    }
    const ApiReply& ok = std::get<ApiReply>(reply);
    if (ok.status == 200)
        return ServerCopy { true, total };
    if (ok.status == 308) {
        const qint64 offset = uploadOffset(ok);
        return ServerCopy { false, offset >= 0 && offset <= total ? offset : 0 };
    }
    return ServerCopy {};
}

std::optional<ApiFailure> BlobUploader::upload(
    const QString& filePath, const QString& sha256, const Progress& progress)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return localFailure(u"file_missing"_s, u"cannot read %1"_s.arg(filePath));
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        if (QString::fromLatin1(hash.result().toHex()) != sha256) {
            return localFailure(u"hash_mismatch"_s,
                u"the local file %1 does not match its recorded SHA-256"_s.arg(filePath));
        }
    }
    const qint64 total = file.size();

    auto start = serverCopy(sha256, total);
    if (auto* failure = std::get_if<ApiFailure>(&start))
        return *failure;
    if (std::get<ServerCopy>(start).complete) {
        if (progress)
            progress(total, total);
        return std::nullopt;
    }
    // Every byte on the server but no completion (308 at the total): the hash check never ran.
    // Sending the last chunk again makes the server check it (the bytes it holds are skipped).
    const auto lastChunkStart = [&] { return total - std::min(m_chunkSize, total); };
    qint64 offset = std::get<ServerCopy>(start).offset;
    if (offset >= total)
        offset = lastChunkStart();
    bool resentLast = false;
    if (progress)
        progress(offset, total);

    // An empty file is one zero-length PUT; everything else goes in chunks from the offset.
    do {
        const qint64 length = std::min(m_chunkSize, total - offset);
        if (!file.seek(offset))
            return localFailure(u"file_read"_s, u"cannot seek in %1"_s.arg(filePath));
        HttpRequest put;
        put.method = "PUT";
        put.path = u"/api/v1/blobs/"_s + sha256;
        put.body = file.read(length);
        if (put.body.size() != length)
            return localFailure(u"file_read"_s, u"short read from %1"_s.arg(filePath));
        put.contentType = "application/octet-stream";
        const qint64 last = total == 0 ? 0 : offset + length - 1;
        put.headers.append(
            { "Content-Range", u"bytes %1-%2/%3"_s.arg(offset).arg(last).arg(total).toLatin1() });
        m_bytesSent += length;
        auto reply = m_api.callRaw(put);
        if (auto* failure = std::get_if<ApiFailure>(&reply))
            return *failure;
        const ApiReply& ok = std::get<ApiReply>(reply);
        if (ok.status == 200 || ok.status == 201) {
            if (progress)
                progress(total, total);
            return std::nullopt;
        }
        if (ok.status != 308) {
            return localFailure(
                u"unexpected_status"_s, u"blob upload answered %1"_s.arg(ok.status));
        }
        const qint64 next = uploadOffset(ok);
        if (next < 0 || next > total)
            return localFailure(u"bad_offset"_s, u"the server sent no usable Upload-Offset"_s);
        if (next == total) {
            // 308 is never "done": only 200/201 confirm the checked blob. Try the last chunk
            // once more, then give up until the next cycle.
            if (resentLast)
                return localFailure(
                    u"incomplete"_s, u"the server never confirmed the whole blob"_s);
            resentLast = true;
            offset = lastChunkStart();
            continue;
        }
        offset = next;
        if (progress)
            progress(offset, total);
    } while (offset < total);
    return localFailure(u"incomplete"_s, u"the server never confirmed the whole blob"_s);
}

} // namespace safeloop::sync
