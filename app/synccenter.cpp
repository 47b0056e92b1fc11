#include "synccenter.h"

#include <QCoreApplication>
#include <QJSEngine>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {
QPointer<SyncCenter> g_instance;
} // namespace

SyncCenter::SyncCenter(QObject* parent)
    : QObject(parent)
{
    connect(&m_status, &sync::SyncStatus::changed, this, &SyncCenter::changed);
}

SyncCenter* SyncCenter::instance()
{
    if (!g_instance)
        g_instance = new SyncCenter(QCoreApplication::instance());
    return g_instance;
}

SyncCenter* SyncCenter::create(QQmlEngine*, QJSEngine*)
{
    SyncCenter* center = instance();
    QJSEngine::setObjectOwnership(center, QJSEngine::CppOwnership);
    return center;
}

QString SyncCenter::syncState() const
{
    switch (m_status.state()) {
    case sync::SyncStatus::State::Syncing:
        return u"syncing"_s;
    case sync::SyncStatus::State::Offline:
        return u"offline"_s;
    case sync::SyncStatus::State::Error:
        return u"error"_s;
    case sync::SyncStatus::State::NeedsLogin:
        return u"needs-login"_s;
    case sync::SyncStatus::State::UpdateRequired:
        return u"update-required"_s;
    case sync::SyncStatus::State::Idle:
        break;
    }
    return u"idle"_s;
}

int SyncCenter::pendingCount() const
{
    return m_status.pendingMutations() + m_status.pendingBlobs();
}

double SyncCenter::progress() const
{
    const double p = m_status.progress();
    return p < 0 ? 0.0 : p;
}

void SyncCenter::requestSync()
{
    Q_EMIT syncRequested();
}

void SyncCenter::setPending(int mutations, int blobs)
{
    m_status.setPending(qMax(0, mutations), qMax(0, blobs));
}

} // namespace safeloop::app
