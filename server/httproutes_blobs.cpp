// /api/v1/blobs/{sha256}: GET, HEAD and resumable PUT uploads scoped to the caller.

#include "httpapi.h"
#include "httpapi_p.h"

#include "blobledger.h"

#include <QRegularExpression>

#include <httplib.h>

using namespace Qt::StringLiterals;
using safeloop::core::Result;

namespace safeloop::server {

using namespace detail;

namespace {

/// Parses `bytes a-b/total`.
bool parseContentRange(const std::string& header, qint64& first, qint64& last, qint64& total)
{
    static const QRegularExpression pattern(u"^bytes (\\d{1,15})-(\\d{1,15})/(\\d{1,15})$"_s);
    const auto m = pattern.match(QString::fromStdString(header).trimmed());
    if (!m.hasMatch())
        return false;
    first = m.captured(1).toLongLong();
    last = m.captured(2).toLongLong();
    total = m.captured(3).toLongLong();
    return first <= last && last < total;
}

} // namespace

void HttpApi::installBlobRoutes()
{
    auto& http = *m_http;
    static const char* BlobPattern = R"(/api/v1/blobs/([^/]+))";

    http.Get(BlobPattern, [this](const httplib::Request& req, httplib::Response& res) {
        auto caller = authenticate(req, res);
        if (!caller)
            return;
        const QString id = QString::fromStdString(req.matches[1]);
        if (!BlobStore::isBlobId(id)) {
            sendError(res, 400, u"invalid_blob_id"_s, u"a blob id is 64 lower-case hex digits"_s);
            return;
        }
        const bool head = req.method == "HEAD";
        if (head) {
            // The caller's own upload in progress: its offset, so the upload resumes. One whose
            // bytes are all here but whose hash was never checked (the server died in between)
            // is finished now: complete if the hash matches, else gone (404, upload again).
            auto conn = m_store.connection();
            if (!conn) {
                sendServiceError(res, conn.error());
                return;
            }
            auto policy = BlobPolicy::load(conn.value());
            if (!policy) {
                sendServiceError(res, policy.error());
                return;
            }
            const BlobState own = m_blobs.partialState(id, caller->userId);
            if (own.kind == BlobState::Kind::Partial) {
                if (own.modified.msecsTo(QDateTime::currentDateTimeUtc())
                    > policy->partialExpiryMs) {
                    m_blobs.removePartial(id, caller->userId);
                } else if (own.size < own.total) {
                    res.status = 308;
                    res.set_header("Upload-Offset", std::to_string(own.size));
                    res.set_header("Upload-Length", std::to_string(own.total));
                    return;
                } else {
                    const FinishOutcome finished = m_blobs.finishIfWhole(id, caller->userId);
                    if (finished == FinishOutcome::Completed
                        || finished == FinishOutcome::AlreadyComplete) {
                        if (auto r = recordBlobUpload(conn.value(), id, caller->userId, own.total);
                            !r) {
                            sendServiceError(res, r.error());
                            return;
                        }
                        if (finished == FinishOutcome::Completed)
                            if (auto r = m_sync.blobCompleted(id); !r) {
                                sendServiceError(res, r.error());
                                return;
                            }
                    }
                }
            }
        }
        // Only a blob attached to a record in the caller's scope (HEAD: or uploaded by the
        // caller); anything else is a 404 so as not to reveal what exists.
        const BlobState state = m_blobs.state(id);
        auto access = m_sync.blobAccess(*caller, id);
        if (!access) {
            sendServiceError(res, access.error());
            return;
        }
        const bool allowed = access->visible || (head && access->uploader);
        if (!allowed || state.kind != BlobState::Kind::Complete) {
            sendError(res, 404, u"not_found"_s, u"no such blob"_s);
            return;
        }
        if (head) {
            res.status = 200;
            res.set_header("Content-Length", std::to_string(state.size));
            return;
        }
        // Blob bytes never change under their hash: the one answer a cache may keep.
        res.headers.erase("Cache-Control");
        res.set_header("Cache-Control", "private, max-age=31536000, immutable");
        // At most 1 MiB is read at a time, from the file or from one database chunk.
        res.set_content_provider(static_cast<size_t>(state.size), "application/octet-stream",
            [blobs = m_blobs, id](size_t offset, size_t length, httplib::DataSink& sink) {
                auto bytes = blobs.read(id, static_cast<qint64>(offset),
                    static_cast<qint64>(std::min<size_t>(length, 1 << 20)));
                if (!bytes || bytes.value().isEmpty())
                    return false;
                return sink.write(
                    bytes.value().constData(), static_cast<size_t>(bytes.value().size()));
            });
    });

    http.Put(BlobPattern,
        [this](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            auto caller = authenticate(req, res);
            if (!caller) {
                drain(reader);
                return;
            }
            const QString id = QString::fromStdString(req.matches[1]);
            if (!BlobStore::isBlobId(id)) {
                drain(reader);
                sendError(
                    res, 400, u"invalid_blob_id"_s, u"a blob id is 64 lower-case hex digits"_s);
                return;
            }
            auto conn = m_store.connection();
            if (!conn) {
                drain(reader);
                sendServiceError(res, conn.error());
                return;
            }
            QSqlDatabase db = conn.value();
            if (m_blobs.state(id).kind == BlobState::Kind::Complete) {
                // A no-op for whoever uploaded it or sees it; anyone else proves it holds the
                // bytes by uploading them (and learns nothing about what exists meanwhile).
                auto access = m_sync.blobAccess(*caller, id);
                if (!access) {
                    drain(reader);
                    sendServiceError(res, access.error());
                    return;
                }
                if (access->visible || access->uploader) {
                    drain(reader);
                    sendJson(
                        res, 200, QJsonObject { { u"sha256"_s, id }, { u"complete"_s, true } });
                    return;
                }
            }
            const qint64 length = contentLength(req);
            if (length < 0) {
                drain(reader);
                sendError(res, 411, u"length_required"_s, u"a chunk needs Content-Length"_s);
                return;
            }
            qint64 first = 0;
            qint64 last = length - 1;
            qint64 total = length;
            if (req.has_header("Content-Range")) {
                if (!parseContentRange(req.get_header_value("Content-Range"), first, last, total)) {
                    drain(reader);
                    sendError(res, 400, u"invalid_content_range"_s,
                        u"Content-Range must read \"bytes FIRST-LAST/TOTAL\""_s);
                    return;
                }
            }
            if (total > BlobStore::MaxBlob) {
                drain(reader);
                sendError(res, 413, u"blob_too_large"_s, u"a blob may hold at most 32 MiB"_s);
                return;
            }
            if (length > BlobStore::MaxChunk) {
                drain(reader);
                sendError(res, 413, u"chunk_too_large"_s, u"one chunk may hold at most 8 MiB"_s);
                return;
            }
            if (length == 0 || last - first + 1 != length) {
                drain(reader);
                sendError(res, 400, u"invalid_content_range"_s,
                    u"Content-Range must cover exactly the Content-Length bytes sent"_s);
                return;
            }
            auto policy = BlobPolicy::load(db);
            if (!policy) {
                drain(reader);
                sendServiceError(res, policy.error());
                return;
            }
            // Partial uploads belong to their uploader and expire when left untouched.
            const QDateTime now = QDateTime::currentDateTimeUtc();
            BlobState own = m_blobs.partialState(id, caller->userId);
            if (own.kind == BlobState::Kind::Partial
                && own.modified.msecsTo(now) > policy->partialExpiryMs) {
                m_blobs.removePartial(id, caller->userId);
                own = {};
            }
            if (own.kind != BlobState::Kind::Partial) {
                // A new upload of bytes no record names counts against the uploader's quota.
                auto referenced = blobReferenced(db, id);
                if (!referenced) {
                    drain(reader);
                    sendServiceError(res, referenced.error());
                    return;
                }
                if (!referenced.value()) {
                    auto used = unreferencedUploadBytes(db, m_blobs, caller->userId, *policy, now);
                    if (!used) {
                        drain(reader);
                        sendServiceError(res, used.error());
                        return;
                    }
                    if (used.value() + total > policy->userQuotaBytes) {
                        drain(reader);
                        sendError(res, 413, u"blob_quota_exceeded"_s,
                            u"you hold %1 bytes of uploads no record references yet; %2 more "
                            u"would pass the quota of %3 bytes — sync the records that use them "
                            u"first"_s.arg(used.value())
                                .arg(total)
                                .arg(policy->userQuotaBytes),
                            QJsonObject { { u"used"_s, used.value() },
                                { u"quota"_s, policy->userQuotaBytes } });
                        return;
                    }
                }
            }
            QByteArray bytes;
            bytes.reserve(static_cast<qsizetype>(length));
            bool overflow = false;
            reader([&](const char* data, size_t n) {
                if (bytes.size() + static_cast<qsizetype>(n) > length)
                    overflow = true;
                else
                    bytes.append(data, static_cast<qsizetype>(n));
                return true;
            });
            if (overflow || bytes.size() != length) {
                sendError(
                    res, 400, u"incomplete_body"_s, u"the body does not match Content-Length"_s);
                return;
            }
            auto outcome = m_blobs.writeChunk(id, caller->userId, first, length, total, bytes);
            if (!outcome) {
                if (outcome.error().code == u"upload_offset_mismatch"_s) {
                    const QString offset = outcome.error().message;
                    res.set_header("Upload-Offset", offset.toStdString());
                    sendError(res, 409, u"upload_offset_mismatch"_s,
                        u"the upload continues at byte %1"_s.arg(offset),
                        QJsonObject { { u"expected"_s, offset.toLongLong() } });
                    return;
                }
                sendServiceError(res, outcome.error());
                return;
            }
            switch (outcome->kind) {
            case ChunkOutcome::Kind::Incomplete:
                res.status = 308;
                res.set_header("Upload-Offset", std::to_string(outcome->offset));
                res.set_header("Range", "bytes=0-" + std::to_string(outcome->offset - 1));
                return;
            case ChunkOutcome::Kind::Completed:
            case ChunkOutcome::Kind::AlreadyComplete:
                if (auto r = recordBlobUpload(db, id, caller->userId, total); !r) {
                    sendServiceError(res, r.error());
                    return;
                }
                if (outcome->kind == ChunkOutcome::Kind::AlreadyComplete) {
                    sendJson(
                        res, 200, QJsonObject { { u"sha256"_s, id }, { u"complete"_s, true } });
                    return;
                }
                // Attachments waiting for this blob stop being pending.
                if (auto announced = m_sync.blobCompleted(id); !announced) {
                    sendServiceError(res, announced.error());
                    return;
                }
                sendJson(res, 201, QJsonObject { { u"sha256"_s, id }, { u"complete"_s, true } });
                return;
            }
        });
}

} // namespace safeloop::server
