#pragma once

#include "devicestore.h"
#include "photostore.h"
#include "positionprovider.h"

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QTemporaryDir>
#include <QUrl>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace safeloop::app {

/// The C++ half of the camera page: takes the shot the camera delivered (ImageCapture's
/// imageCaptured QImage or its saved file), scales it to at most `maxEdge` px, encodes it as
/// JPEG and shows it as `previewUrl`; retake() drops it, use() stores it through storePhoto()
/// (the same path a picked file takes) with the capture time and the `position` fix, and emits
/// used(attachment) with the map attachmentToMap() describes.
/// States (`State`; QML `PhotoCapture.Empty`, …): Empty (viewfinder), Preview (shot waiting
/// for 重拍/使用), Saving, Used.
class PhotoCapture : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)
    /// Where the fix stamped on the photo comes from (optional).
    Q_PROPERTY(safeloop::app::PositionProvider* position READ position WRITE setPosition NOTIFY
            positionChanged)
    Q_PROPERTY(int maxEdge READ maxEdge WRITE setMaxEdge NOTIFY maxEdgeChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    /// file URL of the encoded shot while it waits in "preview".
    Q_PROPERTY(QUrl previewUrl READ previewUrl NOTIFY stateChanged)
    /// Pixel size of the encoded shot.
    Q_PROPERTY(QSize photoSize READ photoSize NOTIFY stateChanged)
    /// SHA-256 of the encoded shot = the attachment id it gets.
    Q_PROPERTY(QString photoId READ photoId NOTIFY stateChanged)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)

public:
    enum State { Empty, Preview, Saving, Used };
    Q_ENUM(State)

    explicit PhotoCapture(QObject* parent = nullptr);
    ~PhotoCapture() override;

    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    PositionProvider* position() const { return m_position; }
    void setPosition(PositionProvider* p);
    int maxEdge() const { return m_maxEdge; }
    void setMaxEdge(int edge);
    State state() const { return m_state; }
    QUrl previewUrl() const { return m_previewUrl; }
    QSize photoSize() const { return m_photoSize; }
    QString photoId() const { return m_photoId; }
    QString errorCode() const { return m_errorCode; }
    QString errorMessage() const { return m_errorMessage; }

    /// A shot from ImageCapture.imageCaptured; false (and errorCode set) when unusable.
    Q_INVOKABLE bool acceptImage(const QImage& image);
    /// A shot ImageCapture saved to a file (imageSaved's path or URL).
    Q_INVOKABLE bool acceptFile(const QString& pathOrUrl);
    /// Drops the waiting shot and goes back to the viewfinder.
    Q_INVOKABLE void retake();
    /// Stores the waiting shot; emits used(attachment) or failed(code, message).
    Q_INVOKABLE void use();

Q_SIGNALS:
    void storeChanged();
    void positionChanged();
    void maxEdgeChanged();
    void stateChanged();
    void errorChanged();
    void used(const QVariantMap& attachment);
    void failed(const QString& code, const QString& message);

private:
    void setState(State state);
    void setError(const core::Error& e);
    void clearError();
    void dropShot();

    QPointer<DeviceStore> m_store;
    QPointer<PositionProvider> m_position;
    int m_maxEdge = DefaultPhotoMaxEdge;
    State m_state = Empty;
    PhotoInput m_shot;
    QUrl m_previewUrl;
    QSize m_photoSize;
    QString m_photoId;
    QString m_errorCode;
    QString m_errorMessage;
    std::unique_ptr<QTemporaryDir> m_previewDir;
};

} // namespace safeloop::app
