#pragma once

#include "apiclient.h"

#include <QString>

#include <functional>
#include <optional>

namespace safeloop::sync {

/// Uploads one content-addressed file (photo, signature, PDF) to `/api/v1/blobs/<sha256>` in
/// chunks, resuming from the server's `Upload-Offset` after a cut so a photo is never sent twice.
/// Only a completing PUT (200/201) or a HEAD answering 200 means the server holds the blob: a
/// 308 whose `Upload-Offset` equals the total (every byte there, hash never checked) sends the
/// last chunk again so the server checks it.
class BlobUploader {
public:
    /// Bytes confirmed by the server so far and the file size.
    using Progress = std::function<void(qint64 confirmed, qint64 total)>;

    explicit BlobUploader(ApiClient& api, qint64 chunkSize = 1024 * 1024);

    /// Returns nothing on success (the server holds the complete, verified blob), otherwise why
    /// not. A local file whose content does not match `sha256` is refused before any upload.
    std::optional<ApiFailure> upload(
        const QString& filePath, const QString& sha256, const Progress& progress = {});

    /// Bytes actually sent in PUT bodies by this uploader (for tests and the status line).
    qint64 bytesSent() const { return m_bytesSent; }

private:
    /// Where the server's copy stands: complete (HEAD 200), or the offset to upload from.
    struct ServerCopy {
        bool complete = false;
        qint64 offset = 0;
    };
    std::variant<ServerCopy, ApiFailure> serverCopy(const QString& sha256, qint64 total);

    ApiClient& m_api;
    qint64 m_chunkSize;
    qint64 m_bytesSent = 0;
};

} // namespace safeloop::sync
