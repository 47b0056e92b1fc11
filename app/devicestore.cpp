#include "devicestore.h"

#include "demoseed.h"
#include "documentrenderer.h"

#include "core/rules.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QQmlEngine>

using namespace Qt::StringLiterals;

namespace safeloop::app {

DeviceStore::DeviceStore(QObject* parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(u"safeloop-store"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

DeviceStore::~DeviceStore()
{
    m_renderPool.waitForDone();
    close();
    m_thread.quit();
    m_thread.wait();
}

DeviceStore* DeviceStore::shared()
{
    static DeviceStore* instance = [] {
        auto* s = new DeviceStore(nullptr);
        QObject::connect(qApp, &QCoreApplication::aboutToQuit, s, &QObject::deleteLater);
        return s;
    }();
    return instance;
}

DeviceStore* DeviceStore::create(QQmlEngine*, QJSEngine*)
{
    auto* s = shared();
    QQmlEngine::setObjectOwnership(s, QQmlEngine::CppOwnership);
    return s;
}

core::Result<void> DeviceStore::open(Options options)
{
    close();
    if (!QDir().mkpath(options.directory + u"/documents"_s))
        return core::makeError(
            u"io_error"_s, u"cannot create the data directory %1"_s.arg(options.directory));
    core::LocalStore::Options o;
    o.databasePath = options.directory + u"/safeloop.db"_s;
    o.blobRoot = options.directory + u"/blobs"_s;
    o.deviceId = options.deviceId;
    o.clock = options.clock;
    std::unique_ptr<core::LocalStore> opened;
    core::Error error;
    QMetaObject::invokeMethod(
        m_worker,
        [&] {
            auto r = core::LocalStore::open(o);
            if (r)
                opened = std::move(r).value();
            else
                error = r.error();
        },
        Qt::BlockingQueuedConnection);
    if (!opened) {
        m_lastError = error.message;
        Q_EMIT readyChanged();
        return error;
    }
    m_store = std::move(opened);
    m_options = std::move(options);
    m_ready = true;
    m_lastError.clear();
    Q_EMIT readyChanged();
    notifyChanged();
    return {};
}

bool DeviceStore::openForUser(const QString& directory, const QVariantMap& user)
{
    auto u = core::User::fromJson(QJsonObject::fromVariantMap(user));
    if (!u) {
        m_lastError = u.error().message;
        Q_EMIT readyChanged();
        return false;
    }
    Options o;
    o.directory = directory;
    o.user = *u;
    o.deviceId = user.value(u"device_id"_s, u"device-"_s + u->id).toString();
    return open(std::move(o)).ok();
}

bool DeviceStore::openDemo(const QString& directory)
{
    return openDemoAs(u"inspector"_s, directory);
}

bool DeviceStore::openDemoAs(const QString& role, const QString& directory)
{
    const bool enterprise = role == u"enterprise"_s;
    QString dir = directory;
    if (dir.isEmpty()) {
        m_demoDir = std::make_unique<QTemporaryDir>();
        dir = m_demoDir->path();
    }
    Options o;
    o.directory = dir;
    o.user = enterprise           ? DemoSeed::enterpriseUser()
        : role == u"supervisor"_s ? DemoSeed::supervisor()
                                  : DemoSeed::inspector();
    o.deviceId = u"device-demo"_s;
    if (!open(o))
        return false;
    QFile f(u":/safeloop/data/checklists.json"_s);
    if (!f.open(QIODevice::ReadOnly)) {
        m_lastError = u"the checklist templates are not embedded"_s;
        Q_EMIT readyChanged();
        return false;
    }
    const QByteArray json = f.readAll();
    if (enterprise)
        DocumentRenderer::cjkFontFamily(); // resolved here (the GUI thread) for the demo order
    auto seeded = call<core::Result<void>>([&](core::LocalStore& st) -> core::Result<void> {
        if (!enterprise)
            return DemoSeed::seed(st, json, true);
        if (auto r = DemoSeed::seed(st, json, false); !r)
            return r;
        return DemoSeed::seedEnterpriseTasks(st);
    });
    if (!seeded) {
        m_lastError = seeded.error().message;
        Q_EMIT readyChanged();
        return false;
    }
    notifyChanged();
    return true;
}

void DeviceStore::close()
{
    if (!m_store)
        return;
    // The store (and its SQLite connection) is destroyed on the thread that opened it.
    auto* store = m_store.release();
    QMetaObject::invokeMethod(
        m_worker, [store] { delete store; }, Qt::BlockingQueuedConnection);
    m_ready = false;
    Q_EMIT readyChanged();
}

core::Actor DeviceStore::actor() const
{
    const auto& u = m_options.user;
    return core::Actor { u.id, u.role, u.enterpriseId, u.streets, m_options.deviceId };
}

QString DeviceStore::documentsDirectory() const
{
    return m_options.directory + u"/documents"_s;
}

QDate DeviceStore::today() const
{
    return core::rules::localDate(now());
}

void DeviceStore::setUser(const core::User& user)
{
    if (!m_ready || user.id != m_options.user.id || user == m_options.user)
        return;
    m_options.user = user;
    Q_EMIT readyChanged();
}

void DeviceStore::notifyChanged()
{
    ++m_revision;
    Q_EMIT changed();
}

QStringList DeviceStore::documentKinds()
{
    return core::LocalStore::documentKinds();
}

core::Result<void> DeviceStore::storeNumberBlock(core::LocalStore& store, const QString& kind,
    int year, const QString& prefix, qint64 first, qint64 last)
{
    return store.storeNumberBlock(kind, year, prefix, first, last);
}

core::Result<void> DeviceStore::discardNumberBlocks(core::LocalStore& store, const QString& kind)
{
    return store.discardNumberBlocks(kind);
}

core::Result<void> DeviceStore::storeNumberBlock(
    core::LocalStore& store, int year, int first, int last)
{
    for (const QString& kind : documentKinds()) {
        if (auto r = store.discardNumberBlocks(kind); !r)
            return r;
        if (auto r
            = store.storeNumberBlock(kind, year, DemoSeed::numberPrefix(kind, year), first, last);
            !r)
            return r;
    }
    return {};
}

core::Result<int> DeviceStore::documentNumbersLeft(
    core::LocalStore& store, const QString& kind, int year)
{
    return store.documentNumbersLeft(kind, year);
}

core::Result<QString> DeviceStore::takeDocumentNumber(
    core::LocalStore& store, const QString& kind, int year)
{
    return store.takeDocumentNumber(kind, year);
}

core::Result<void> DeviceStore::addNumberBlock(int year, int first, int last)
{
    if (!m_ready)
        return core::makeError(u"not_open"_s, u"no store is open"_s);
    return call<core::Result<void>>(
        [=](core::LocalStore& s) { return storeNumberBlock(s, year, first, last); });
}

QString describeError(const core::Error& e)
{
    // Error code → the sentence the user reads (translated at the call); "%1" takes the
    // error's own message (which field, how long).
    static const QHash<QString, const char*> words {
        { u"too_few_inspectors"_s,
            QT_TRANSLATE_NOOP(
                "DeviceStore", "执法检查需要至少两名检查人员，请再添加一名持证检查人员。") },
        { u"missing_badge"_s,
            QT_TRANSLATE_NOOP(
                "DeviceStore", "执法检查的每名检查人员都需要执法证号，有人尚未登记证号。") },
        { u"signature_required"_s,
            QT_TRANSLATE_NOOP(
                "DeviceStore", "完成检查需要企业负责人签名，或记录拒绝签名的情况。") },
        { u"inspector_signatures_required"_s,
            QT_TRANSLATE_NOOP("DeviceStore",
                "执法检查需要两名检查人员分别签名：请第二名检查人员选择本人姓名后签名。") },
        { u"signer_not_in_team"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "签名的检查人员不是本次检查的检查人员。") },
        { u"items_unanswered"_s,
            QT_TRANSLATE_NOOP(
                "DeviceStore", "还有检查项未作答，请逐项选择符合、不符合或不适用。") },
        { u"no_document_numbers"_s,
            QT_TRANSLATE_NOOP(
                "DeviceStore", "本机的文书编号已用完，请联网同步领取新的编号后再完成。") },
        { u"reason_required"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "退回整改需要填写原因，企业会看到这条原因。") },
        { u"invalid_deadline"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "新的整改期限须是今天以后的日期。") },
        { u"deadline_before_creation"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "整改期限不能早于今天。") },
        { u"missing_field"_s, QT_TRANSLATE_NOOP("DeviceStore", "还有必填内容未填写：%1") },
        { u"inspection_finished"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "这次检查已经完成，不能再修改。") },
        { u"illegal_transition"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "这条隐患当前的状态不允许这样操作。") },
        { u"not_allowed"_s, QT_TRANSLATE_NOOP("DeviceStore", "您没有权限执行这项操作。") },
        { u"no_templates"_s, QT_TRANSLATE_NOOP("DeviceStore", "请至少选择一张检查表。") },
        { u"photo_unreadable"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "无法读取这张照片，请重新选择。") },
        { u"evidence_required"_s,
            QT_TRANSLATE_NOOP("DeviceStore",
                "提交整改需要至少一张整改后照片或一段整改说明，检查人员据此复查。") },
        { u"completed_in_future"_s, QT_TRANSLATE_NOOP("DeviceStore", "完成日期不能晚于今天。") },
        { u"invalid_date"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "完成日期格式不对，请按 年-月-日 填写。") },
        { u"invalid_cost"_s,
            QT_TRANSLATE_NOOP(
                "DeviceStore", "整改资金请填写不小于 0 的金额（元），最多两位小数。") },
        { u"field_too_long"_s, QT_TRANSLATE_NOOP("DeviceStore", "内容过长：%1") },
        { u"pdf_not_found"_s,
            QT_TRANSLATE_NOOP(
                "DeviceStore", "找不到这份文书的文件，它可能还没有在本设备生成或已被删除。") },
        { u"pdf_unreadable"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "这份文书的文件已损坏或不是 PDF，无法显示。") },
        { u"pdf_locked"_s,
            QT_TRANSLATE_NOOP("DeviceStore", "这份文书设有密码，无法在应用内显示。") },
        { u"pdf_no_page"_s, QT_TRANSLATE_NOOP("DeviceStore", "这份文书没有这一页。") },
    };
    const auto it = words.constFind(e.code);
    if (it == words.cend())
        return e.message;
    const QString text = QCoreApplication::translate("DeviceStore", *it);
    return text.contains(u"%1"_s) ? text.arg(e.message) : text;
}

} // namespace safeloop::app
