#pragma once

#include "app/demoseed.h"
#include "app/devicestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <algorithm>

#include <gtest/gtest.h>

#include <functional>

namespace safeloop::app::testing {

/// Spins the event loop until `pred` holds (store jobs come back as queued calls).
inline bool waitFor(const std::function<bool()>& pred, int ms = 30000)
{
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return pred();
}

/// A device store for the demo inspector 王明 (or user()) in a fresh directory, seeded through
/// core.
class WorkflowFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        DeviceStore::Options o;
        o.directory = dir.path();
        o.user = user();
        o.deviceId = QStringLiteral("device-test");
        o.clock = [this] { return now; };
        auto opened = store.open(o);
        ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
        QFile f(QStringLiteral(SAFELOOP_SOURCE_DIR "/data/checklists.json"));
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const QByteArray json = f.readAll();
        const bool history = withHistory();
        auto seeded = store.call<core::Result<void>>(
            [&](core::LocalStore& st) { return DemoSeed::seed(st, json, history); });
        ASSERT_TRUE(seeded.ok()) << seeded.error().message.toStdString();
    }
    virtual bool withHistory() const { return false; }
    /// The signed-in user (the demo inspector unless a suite says otherwise).
    virtual core::User user() const { return DemoSeed::inspector(); }

    qsizetype outboxSize()
    {
        return store.call<qsizetype>([](core::LocalStore& st) {
            auto rows = st.outbox();
            return rows ? rows->size() : qsizetype(-1);
        });
    }

    /// Outbox rows of mutation `name` (a decision also queues its opinion's document.issue, a
    /// moment later).
    qsizetype outboxCount(const QString& name)
    {
        return store.call<qsizetype>([&name](core::LocalStore& st) {
            auto rows = st.outbox();
            if (!rows)
                return qsizetype(-1);
            return static_cast<qsizetype>(std::count_if(rows->cbegin(), rows->cend(),
                [&name](const core::OutboxRow& r) { return r.name == name; }));
        });
    }

    QString writePng(const QString& name, const QColor& colour)
    {
        QImage image(120, 60, QImage::Format_ARGB32);
        image.fill(colour);
        const QString path = dir.filePath(name);
        image.save(path, "PNG");
        return path;
    }

    QDateTime now = QDateTime(QDate(2026, 11, 25), QTime(2, 0), Qt::UTC);
    QTemporaryDir dir;
    DeviceStore store { nullptr };
};

} // namespace safeloop::app::testing
