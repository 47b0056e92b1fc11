#include "storefixtures.h"

#include "app/demoseed.h"
#include "app/devicestore.h"
#include "app/documentrenderer.h"
#include "core/database.h"
#include "core/ledger.h"
#include "sync/ledger.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

StoreFixtures::StoreFixtures(QObject* parent)
    : QObject(parent)
{
}

bool StoreFixtures::addSelfCheck(
    const QString& enterpriseId, const QString& startedAt, const QString& openDeadline)
{
    return write(enterpriseId, startedAt, openDeadline, false);
}

bool StoreFixtures::removeSelfCheck(const QString& enterpriseId)
{
    return write(enterpriseId, u"2026-01-01T00:00:00.000Z"_s, u"2099-12-31"_s, true);
}

bool StoreFixtures::write(const QString& enterpriseId, const QString& startedAt,
    const QString& openDeadline, bool deleted)
{
    auto* store = safeloop::app::DeviceStore::shared();
    if (!store->ready())
        return false;
    const QString id = u"sc-"_s + enterpriseId;
    QList<safeloop::core::StoredRecord> records { { u"inspection"_s, id,
        { { u"id"_s, id }, { u"enterprise_id"_s, enterpriseId }, { u"kind"_s, u"self_check"_s },
            { u"mode"_s, u"guidance"_s }, { u"inspector_ids"_s, QJsonArray {} },
            { u"template_refs"_s, QJsonArray { u"AP-STAMP@1"_s } }, { u"started_at"_s, startedAt },
            { u"finished_at"_s, startedAt }, { u"status"_s, u"finished"_s } },
        {}, deleted } };
    const QStringList statuses { u"verified"_s, u"open"_s };
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const QString hazard = id + u"-h"_s + QString::number(i + 1);
        records.append({ u"hazard"_s, hazard,
            { { u"id"_s, hazard }, { u"enterprise_id"_s, enterpriseId }, { u"inspection_id"_s, id },
                { u"source"_s, u"self_check"_s }, { u"description"_s, u"自查发现：急停按钮失效"_s },
                { u"level"_s, u"general"_s },
                { u"deadline"_s, statuses.at(i) == u"open"_s ? openDeadline : u"2099-12-31"_s },
                { u"status"_s, statuses.at(i) } },
            {}, deleted });
    }
    const bool ok = store->call<bool>([&records](safeloop::core::LocalStore& st) {
        for (const auto& r : records)
            if (!st.storeRecord(r))
                return false;
        return true;
    });
    store->notifyChanged();
    return ok;
}

bool StoreFixtures::notifyStoreChanged()
{
    auto* store = safeloop::app::DeviceStore::shared();
    if (!store->ready())
        return false;
    store->notifyChanged();
    return true;
}

QString StoreFixtures::swapDocumentPdf(
    const QString& enterpriseId, const QString& kind, const QString& pdf)
{
    auto* store = safeloop::app::DeviceStore::shared();
    if (!store->ready())
        return {};
    const QString held = store->call<QString>([&](safeloop::core::LocalStore& st) {
        auto documents
            = st.records(u"document"_s, safeloop::core::LocalStore::Link::Enterprise, enterpriseId);
        if (!documents)
            return QString();
        for (const auto& d : *documents) {
            if (d.value(u"kind"_s).toString() != kind)
                continue;
            auto record = st.record(u"document"_s, d.value(u"id"_s).toString());
            if (!record || !record->has_value())
                return QString();
            safeloop::core::StoredRecord r = **record;
            const QString before = r.fields.value(u"pdf"_s).toString();
            r.fields.insert(u"pdf"_s, pdf);
            r.fields.insert(u"attachments"_s, QJsonArray { pdf });
            if (!st.storeRecord(r))
                return QString();
            return before;
        }
        return QString();
    });
    store->notifyChanged();
    return held;
}

QVariantMap StoreFixtures::swapHazardOrder(const QString& hazardId, const QVariantMap& order)
{
    auto* store = safeloop::app::DeviceStore::shared();
    if (!store->ready())
        return {};
    const QVariantMap held = store->call<QVariantMap>([&](safeloop::core::LocalStore& st) {
        auto record = st.record(u"hazard"_s, hazardId);
        if (!record || !record->has_value())
            return QVariantMap {};
        safeloop::core::StoredRecord r = **record;
        const QVariantMap before = r.fields.value(u"order"_s).toObject().toVariantMap();
        if (order.isEmpty())
            r.fields.remove(u"order"_s);
        else
            r.fields.insert(u"order"_s, QJsonObject::fromVariantMap(order));
        if (!st.storeRecord(r))
            return QVariantMap {};
        return before;
    });
    store->notifyChanged();
    return held;
}

bool StoreFixtures::putDevice(const QVariantMap& fields)
{
    auto* store = safeloop::app::DeviceStore::shared();
    if (!store->ready())
        return false;
    const QJsonObject doc = QJsonObject::fromVariantMap(fields);
    const QString path = store->directory() + u"/safeloop.db"_s;
    const bool ok = store->call<bool>([&doc, &path](safeloop::core::LocalStore& st) {
        // sync's tables, as the sync engine creates them when it opens the app's database.
        {
            const QString name = u"storefixtures-ledger"_s;
            auto db = safeloop::core::openSqlite(path, name);
            if (!db)
                return false;
            const bool migrated
                = safeloop::core::migrateLedger(db.value(), safeloop::sync::Ledger::schema()).ok();
            db.value() = QSqlDatabase();
            safeloop::core::closeDatabase(name);
            if (!migrated)
                return false;
        }
        return safeloop::sync::Ledger(st).putDevice(doc.value(u"id"_s).toString(), doc).ok();
    });
    store->notifyChanged();
    return ok;
}

bool StoreFixtures::removeDevice(const QString& id)
{
    auto* store = safeloop::app::DeviceStore::shared();
    if (!store->ready())
        return false;
    const bool ok = store->call<bool>([&id](safeloop::core::LocalStore& st) {
        return safeloop::sync::Ledger(st).removeDevice(id).ok();
    });
    store->notifyChanged();
    return ok;
}

QString StoreFixtures::addEnterpriseInspectionDocuments()
{
    auto* store = safeloop::app::DeviceStore::shared();
    if (!store->ready())
        return {};
    safeloop::app::DocumentRenderer::cjkFontFamily(); // resolved on the GUI thread, as the app does
    const bool ok = store->call<bool>([](safeloop::core::LocalStore& st) {
        return safeloop::app::DemoSeed::seedEnterpriseTasks(st).ok();
    });
    store->notifyChanged();
    return ok ? safeloop::app::DemoSeed::enterpriseIds().first() : QString();
}

QStringList StoreFixtures::demoEnterpriseIds() const
{
    return safeloop::app::DemoSeed::enterpriseIds();
}
