#include "appinfo.h"

#include "core/version.h"

#include <QCoreApplication>

namespace safeloop::app {

AppInfo::AppInfo(QObject* parent)
    : QObject(parent)
{
}

QString AppInfo::version() const
{
    return QStringLiteral(SAFELOOP_VERSION);
}

int AppInfo::wireSchemaVersion() const
{
    return core::WireSchemaVersion;
}

} // namespace safeloop::app
