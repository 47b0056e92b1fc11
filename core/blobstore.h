#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace safeloop::core {

/// Content-addressed files for photos, signatures and PDFs: `<root>/<first two hex>/<sha256>`.
/// Writes go to a temporary file, are fsynced, renamed into place, and the directory is fsynced,
/// so a file under its final name is always complete. The server uses the same layout.
class BlobStore {
public:
    explicit BlobStore(QString root);

    static QString sha256Hex(const QByteArray& bytes);
    QString path(const QString& sha256) const;
    bool contains(const QString& sha256) const;

    /// Stores the bytes and returns their SHA-256; storing known bytes again is a no-op.
    Result<QString> put(const QByteArray& bytes) const;
    /// The bytes of a blob, refusing a file whose content no longer matches its name.
    Result<QByteArray> get(const QString& sha256) const;

private:
    QString m_root;
};

} // namespace safeloop::core
