#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// Build facts the UI shows (about page, sync health reports).
class AppInfo : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// Application version, e.g. "0.1.0".
    Q_PROPERTY(QString version READ version CONSTANT)
    /// Version of the server contract this build speaks.
    Q_PROPERTY(int wireSchemaVersion READ wireSchemaVersion CONSTANT)

public:
    explicit AppInfo(QObject* parent = nullptr);

    QString version() const;
    int wireSchemaVersion() const;
};

} // namespace safeloop::app
