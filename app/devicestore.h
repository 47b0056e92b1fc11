#pragma once

#include "core/localstore.h"
#include "core/mutation.h"

#include <QDate>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>
#include <optional>

class QQmlEngine;
class QJSEngine;

namespace safeloop::app {

/// The signed-in user's device data: one LocalStore (SQLite + blob store) living on its own
/// worker thread. Controllers hand it jobs with run(); every SQL, hashing and file job runs on
/// that thread and the result comes back on the caller's thread. QML sees the process-wide
/// instance as the singleton `DeviceStore`; tests create their own and give it to controllers.
class DeviceStore : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// True once a store is open for a user.
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    /// Rises after every successful mutation; models reload when it changes.
    Q_PROPERTY(int revision READ revision NOTIFY changed)
    /// The signed-in user's id and name.
    Q_PROPERTY(QString userId READ userId NOTIFY readyChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY readyChanged)
    /// The signed-in user's role ("inspector", "enterprise", "supervisor", "admin") and, for an
    /// enterprise user, the enterprise's credit code.
    Q_PROPERTY(QString userRole READ userRole NOTIFY readyChanged)
    Q_PROPERTY(QString userEnterpriseId READ userEnterpriseId NOTIFY readyChanged)
    /// The signed-in user's 执法证号 as the user record on this device holds it (updated by a
    /// sync; empty when the district has not recorded one).
    Q_PROPERTY(QString userBadge READ userBadge NOTIFY readyChanged)
    /// Directory for signatures and generated documents.
    Q_PROPERTY(QString documentsPath READ documentsDirectory NOTIFY readyChanged)
    /// Why the last open failed (empty when it worked).
    Q_PROPERTY(QString lastError READ lastError NOTIFY readyChanged)

public:
    struct Options {
        QString directory; ///< holds safeloop.db, blobs/ and documents/
        core::User user; ///< the signed-in user (role, streets, badge)
        QString deviceId;
        std::function<QDateTime()> clock = [] { return QDateTime::currentDateTimeUtc(); };
    };

    /// No default argument on purpose: Qt 6.4 builds a QML singleton with the default constructor
    /// when there is one and ignores create(); without it QML shares shared().
    explicit DeviceStore(QObject* parent);
    ~DeviceStore() override;

    /// The instance QML uses (created on first use, lives until exit).
    static DeviceStore* shared();
    static DeviceStore* create(QQmlEngine*, QJSEngine*);

    /// Opens (and migrates) the user's store on the worker thread; blocks until it is open.
    core::Result<void> open(Options options);
    /// QML/shell convenience: `user` holds id, name, role, badge, streets, enterprise_id.
    Q_INVOKABLE bool openForUser(const QString& directory, const QVariantMap& user);
    /// Opens a store with the fictional demo data (tour, Qt Quick tests). An empty `directory`
    /// uses a temporary directory removed at exit.
    Q_INVOKABLE bool openDemo(const QString& directory = {});
    /// openDemo() signed in as the demo user of `role`: "inspector" (王明, as openDemo) or
    /// "enterprise" (恒泰's 赵丽 with the tasks of DemoSeed::seedEnterpriseTasks) or
    /// "supervisor" (刘静, the district's data as openDemo).
    Q_INVOKABLE bool openDemoAs(const QString& role, const QString& directory = {});
    /// Closes the store (logout).
    Q_INVOKABLE void close();

    bool ready() const { return m_ready; }
    int revision() const { return m_revision; }
    QString userId() const { return m_options.user.id; }
    QString userRole() const { return core::toString(m_options.user.role); }
    QString userEnterpriseId() const { return m_options.user.enterpriseId; }
    QString userBadge() const { return m_options.user.badge; }
    QString userName() const { return m_options.user.name; }
    QString lastError() const { return m_lastError; }

    const core::User& user() const { return m_options.user; }
    core::Actor actor() const;
    QString directory() const { return m_options.directory; }
    QString documentsDirectory() const;
    QDateTime now() const { return m_options.clock(); }
    /// Today in the district (Asia/Shanghai).
    QDate today() const;

    /// Runs `job` on the store thread, then `done` on `context`'s thread (dropped if
    /// `context` is gone). A closed store runs nothing and returns false.
    template <typename R>
    bool run(QObject* context, std::function<R(core::LocalStore&)> job,
        std::function<void(const R&)> done)
    {
        if (!m_ready)
            return false;
        QPointer<QObject> ctx(context);
        core::LocalStore* store = m_store.get();
        QMetaObject::invokeMethod(
            m_worker,
            [store, ctx, job = std::move(job), done = std::move(done)] {
                R result = job(*store);
                if (ctx)
                    QMetaObject::invokeMethod(
                        ctx.data(), [result, done] { done(result); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
        return true;
    }

    /// The signed-in user's record as pulled from the server (badge, streets); same id only.
    void setUser(const core::User& user);

    /// Called by controllers after a mutation went through: bumps `revision`.
    void notifyChanged();

    /// Document kinds that carry numbers (SYNC.md): inspection_record, rectification_order,
    /// reinspection_opinion.
    static QStringList documentKinds();
    /// Stores a block of document numbers of one kind handed to this device by the server's
    /// POST /api/v1/documents/numbers: its year, the server's prefix (e.g. "(青)应急责改〔2026〕")
    /// and numbers first..last. Blocks are kept in the device database (`document_number_blocks`)
    /// across restarts; a number is taken once and never again. Any thread's connection.
    static core::Result<void> storeNumberBlock(core::LocalStore& store, const QString& kind,
        int year, const QString& prefix, qint64 first, qint64 last);
    /// Demo/administrator helper: replaces the unused blocks of every kind by first..last of
    /// `year` with the demo district's prefixes (DemoSeed::numberPrefix).
    static core::Result<void> storeNumberBlock(
        core::LocalStore& store, int year, int first, int last);
    /// Forgets the unused numbers of `kind` (tests, an administrator's reset).
    static core::Result<void> discardNumberBlocks(core::LocalStore& store, const QString& kind);
    /// Takes the next number of `kind` for `year` from the oldest block that has one left and
    /// formats it as prefix + number + "号", e.g. "(青)应急责改〔2026〕12号". Atomic (one SQL
    /// statement), so two connections never get the same number. `no_document_numbers` when none
    /// is left: the device must sync to receive a block.
    static core::Result<QString> takeDocumentNumber(
        core::LocalStore& store, const QString& kind, int year);
    /// Numbers of `kind` for `year` left on this device.
    static core::Result<int> documentNumbersLeft(
        core::LocalStore& store, const QString& kind, int year);
    /// Blocking helper for the shell/tests: storeNumberBlock(store, year, first, last) on the
    /// worker thread.
    core::Result<void> addNumberBlock(int year, int first, int last);

    /// Runs `job` on the store thread and waits for it (opening, seeding, tests; never for
    /// work a user waits on in the UI).
    template <typename R>
    R call(std::function<R(core::LocalStore&)> job)
    {
        std::optional<R> out;
        core::LocalStore* store = m_store.get();
        QMetaObject::invokeMethod(
            m_worker, [&] { out.emplace(job(*store)); }, Qt::BlockingQueuedConnection);
        return std::move(*out);
    }

    /// The threads that render documents (PDF layout off the store thread). The store waits
    /// for them when it is destroyed, so no render outlives the store or the application.
    /// Callers resolve DocumentRenderer::cjkFontFamily() on the GUI thread before they start
    /// one, so that the document font is registered there, not on a pool thread.
    QThreadPool* renderPool() { return &m_renderPool; }

Q_SIGNALS:
    void readyChanged();
    void changed();

private:
    QThreadPool m_renderPool;
    QThread m_thread;
    QObject* m_worker = nullptr;
    std::unique_ptr<core::LocalStore> m_store;
    Options m_options;
    bool m_ready = false;
    int m_revision = 0;
    QString m_lastError;
    std::unique_ptr<QTemporaryDir> m_demoDir;
};

/// Plain-words message (translated) for a core error code; falls back to the core message.
QString describeError(const core::Error& error);

} // namespace safeloop::app
