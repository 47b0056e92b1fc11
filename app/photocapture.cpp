#include "photocapture.h"

#include <QFile>
#include <QImageReader>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

/// The provider's current fix as locationFromMap() reads it; empty without a fix.
QVariantMap positionMap(const PositionProvider* p)
{
    return p ? p->fix().toMap() : QVariantMap {};
}

} // namespace

PhotoCapture::PhotoCapture(QObject* parent)
    : QObject(parent)
{
}

PhotoCapture::~PhotoCapture() = default;

DeviceStore* PhotoCapture::store() const
{
    return m_store ? m_store.data() : DeviceStore::shared();
}

void PhotoCapture::setStore(DeviceStore* s)
{
    if (m_store == s)
        return;
    m_store = s;
    Q_EMIT storeChanged();
}

void PhotoCapture::setPosition(PositionProvider* p)
{
    if (m_position == p)
        return;
    m_position = p;
    Q_EMIT positionChanged();
}

void PhotoCapture::setMaxEdge(int edge)
{
    if (m_maxEdge == edge)
        return;
    m_maxEdge = edge;
    Q_EMIT maxEdgeChanged();
}

bool PhotoCapture::acceptImage(const QImage& image)
{
    if (m_state == Saving)
        return false;
    auto bytes = encodeCameraPhoto(image, m_maxEdge);
    if (!bytes) {
        setError(bytes.error());
        return false;
    }
    if (!m_previewDir)
        m_previewDir = std::make_unique<QTemporaryDir>();
    const QString id = core::BlobStore::sha256Hex(*bytes);
    const QString path = m_previewDir->filePath(id + u".jpg"_s);
    QFile f(path);
    if (!m_previewDir->isValid() || !f.open(QIODevice::WriteOnly)
        || f.write(*bytes) != bytes->size()) {
        setError(core::makeError(u"photo_unwritable"_s, tr("无法暂存照片，请检查存储空间。")));
        return false;
    }
    f.close();
    dropShot();
    m_shot.bytes = *bytes;
    m_shot.mime = u"image/jpeg"_s;
    m_shot.capturedAt = store() ? store()->now() : QDateTime::currentDateTimeUtc();
    m_shot.location = locationFromMap(positionMap(m_position));
    m_previewUrl = QUrl::fromLocalFile(path);
    m_photoId = id;
    m_photoSize = QImageReader(path).size();
    clearError();
    setState(Preview);
    return true;
}

bool PhotoCapture::acceptFile(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    if (image.isNull()) {
        setError(core::makeError(u"photo_unreadable"_s, tr("无法读取刚拍的照片。")));
        return false;
    }
    return acceptImage(image);
}

void PhotoCapture::retake()
{
    if (m_state == Saving)
        return;
    dropShot();
    clearError();
    setState(Empty);
}

void PhotoCapture::use()
{
    DeviceStore* s = store();
    if (m_state != Preview) {
        setError(core::makeError(u"no_photo"_s, tr("还没有拍照。")));
        return;
    }
    if (!s) {
        setError(core::makeError(u"store_closed"_s, tr("本机数据尚未打开。")));
        return;
    }
    const PhotoInput shot = m_shot;
    using Out = std::pair<core::Result<core::Attachment>, QUrl>;
    const bool queued = s->run<Out>(
        this,
        [shot](core::LocalStore& st) {
            auto a = storePhoto(st, shot);
            return Out { a, a ? QUrl::fromLocalFile(st.blobs().path(a->id)) : QUrl() };
        },
        [this](const Out& out) {
            if (!out.first) {
                setState(Preview);
                setError(out.first.error());
                return;
            }
            dropShot();
            clearError();
            setState(Used);
            Q_EMIT used(attachmentToMap(*out.first, out.second));
        });
    if (!queued) {
        setError(core::makeError(u"store_closed"_s, tr("本机数据尚未打开。")));
        return;
    }
    setState(Saving);
}

void PhotoCapture::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

void PhotoCapture::setError(const core::Error& e)
{
    m_errorCode = e.code;
    m_errorMessage = e.message;
    Q_EMIT errorChanged();
    Q_EMIT failed(e.code, e.message);
}

void PhotoCapture::clearError()
{
    if (m_errorCode.isEmpty() && m_errorMessage.isEmpty())
        return;
    m_errorCode.clear();
    m_errorMessage.clear();
    Q_EMIT errorChanged();
}

void PhotoCapture::dropShot()
{
    if (m_previewUrl.isLocalFile())
        QFile::remove(m_previewUrl.toLocalFile());
    m_shot = {};
    m_previewUrl.clear();
    m_photoSize = {};
    m_photoId.clear();
}

} // namespace safeloop::app
