#include "demoseed.h"

#include "devicestore.h"
#include "inspectiondocuments.h"

#include "core/checklists.h"
#include "core/creditcode.h"
#include "core/rules.h"
#include "core/uuid.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

QString code(const QString& first17)
{
    return first17 + core::CreditCode::checkCharacter(first17).value_or(u'0');
}

struct DemoEnterprise {
    QString first17, name, address, street, industry, grade;
    double lat, lon;
    QString contact, phone, leader;
};

QList<DemoEnterprise> enterprises()
{
    return {
        { u"91220101MA0000010"_s, u"青禾恒泰汽车零部件有限公司"_s, u"青禾区青松路88号"_s,
            u"青松街道"_s, u"C3670"_s, u"orange"_s, 43.8890, 125.2550, u"赵丽"_s,
            u"0431-8000 0001"_s, u"孙建国"_s },
        { u"91220101MA0000020"_s, u"青禾北辰精密铸造厂"_s, u"青禾区工业大街12号"_s, u"工业街道"_s,
            u"C3391"_s, u"red"_s, 43.8950, 125.2380, u"钱进"_s, u"0431-8000 0002"_s, u"周海"_s },
        { u"91220101MA0000030"_s, u"青禾春林家具制造有限公司"_s, u"青禾区春林路5号"_s,
            u"青松街道"_s, u"C2110"_s, u"yellow"_s, 43.8800, 125.2700, u"吴芳"_s,
            u"0431-8000 0003"_s, u"郑涛"_s },
    };
}

core::Result<void> putUser(core::LocalStore& st, const core::User& u)
{
    core::StoredRecord r { u"user"_s, u.id, u.toJson(), {}, false };
    const QString now = core::formatTimestamp(st.now());
    r.fields.insert(u"created_at"_s, now);
    r.fields.insert(u"updated_at"_s, now);
    return st.storeRecord(r);
}

/// A major hazard 李强 (with 孙丽, not on 王明's plan teams) recorded at 春林 16 days ago, as
/// pulled from the server with its finished inspection and its order: two days past its deadline
/// and not rectified (今日's overdue list). Its GPS fix was poor (±68 m), so the detail page warns.
core::Result<void> seedOverdue(core::LocalStore& st)
{
    const QString enterprise = DemoSeed::enterpriseIds().at(2);
    const QDateTime found = st.now().addDays(-16);
    const QString at = core::formatTimestamp(found);
    const QString finished = core::formatTimestamp(found.addSecs(3600));
    const QString inspection = core::uuidv7(found);
    const QString hazard = core::uuidv7(found.addSecs(600));
    auto photo = st.blobs().put(DemoSeed::demoPhoto(QColor(0x79, 0x55, 0x48)));
    if (!photo)
        return photo.error();
    auto put = [&st](const QString& entity, const QString& id, QJsonObject fields,
                   const QString& created, const QString& updated) {
        fields.insert(u"id"_s, id);
        fields.insert(u"created_at"_s, created);
        fields.insert(u"updated_at"_s, updated);
        return st.storeRecord({ entity, id, fields, {}, false });
    };
    if (auto r = put(u"inspection"_s, inspection,
            { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"random"_s },
                { u"mode"_s, u"enforcement"_s },
                { u"inspector_ids"_s, QJsonArray { u"insp-li"_s, u"insp-sun"_s } },
                { u"template_refs"_s, QJsonArray {} }, { u"started_at"_s, at },
                { u"finished_at"_s, finished }, { u"status"_s, u"finished"_s },
                { u"signatures"_s, QJsonArray {} } },
            at, finished);
        !r)
        return r;
    const QDate deadline = core::rules::localDate(found).addDays(14);
    const QString hazardAt = core::formatTimestamp(found.addSecs(600));
    if (auto r = put(u"hazard"_s, hazard,
            { { u"enterprise_id"_s, enterprise }, { u"inspection_id"_s, inspection },
                { u"description"_s, u"喷漆房防爆电气线路老化破损"_s }, { u"place"_s, u"喷漆房"_s },
                { u"level"_s, u"major"_s }, { u"category"_s, u"电气"_s },
                { u"basis"_s, u"《工贸企业重大事故隐患判定标准》第四条"_s },
                { u"measure"_s, u"停用喷漆房，更换防爆电气线路并经检测合格后恢复使用"_s },
                { u"deadline"_s, deadline.toString(Qt::ISODate) }, { u"status"_s, u"open"_s },
                { u"location"_s,
                    QJsonObject { { u"lat"_s, 43.8806 }, { u"lon"_s, 125.2707 },
                        { u"accuracy_m"_s, 68.0 }, { u"fix_time"_s, hazardAt },
                        { u"source"_s, u"gps"_s },
                        { u"flags"_s, QJsonArray { u"accuracy_worse_than_50m"_s } } } },
                { u"attachments"_s, QJsonArray { *photo } } },
            hazardAt, hazardAt);
        !r)
        return r;
    return put(u"rectification_event"_s, core::uuidv7(found.addSecs(601)),
        { { u"hazard_id"_s, hazard }, { u"kind"_s, u"order"_s }, { u"actor_id"_s, u"insp-li"_s },
            { u"note"_s, QString() }, { u"attachments"_s, QJsonArray {} } },
        hazardAt, hazardAt);
}

} // namespace

core::User DemoSeed::enterpriseUser()
{
    core::User officer;
    officer.id = u"ent-hengtai"_s;
    officer.name = u"赵丽"_s;
    officer.role = core::Role::Enterprise;
    officer.enterpriseId = enterpriseIds().first();
    return officer;
}

namespace {

/// The PDF `render` writes into a scratch file, kept in the store's blobs: its id.
core::Result<QString> renderedBlob(
    core::LocalStore& st, const std::function<core::Result<void>(const QString&)>& render)
{
    QTemporaryDir scratch;
    const QString path = scratch.filePath(u"document.pdf"_s);
    if (auto r = render(path); !r)
        return r.error();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return core::makeError(u"storage_error"_s, u"cannot read the demo document %1"_s.arg(path));
    return st.blobs().put(file.readAll());
}

InspectionDocumentInput demoDocumentInput(core::LocalStore& st, const QString& inspectionId,
    const QString& enterpriseId, const QList<QJsonObject>& hazards, const QDateTime& issuedAt)
{
    // The demo enterprise's finished enforcement inspection by 王明 and 李强, 90 minutes long.
    InspectionDocumentInput in;
    in.inspection.id = inspectionId;
    in.inspection.enterpriseId = enterpriseId;
    in.inspection.mode = core::InspectionMode::Enforcement;
    in.inspection.startedAt = core::formatTimestamp(issuedAt.addSecs(-5400));
    in.inspection.finishedAt = core::formatTimestamp(issuedAt);
    if (auto es = st.records(u"enterprise"_s, core::LocalStore::Link::Id, enterpriseId);
        es && !es->isEmpty())
        in.enterprise = es->first();
    in.inspectors = { { u"王明"_s, u"22010012"_s }, { u"李强"_s, u"22010042"_s } };
    in.hazards = hazards;
    in.district = DemoSeed::district();
    return in;
}

} // namespace

core::Result<QJsonObject> DemoSeed::demoRecord(core::LocalStore& st, const QString& inspectionId,
    const QString& enterpriseId, const QList<QJsonObject>& hazards, const QDateTime& issuedAt)
{
    InspectionDocumentInput in
        = demoDocumentInput(st, inspectionId, enterpriseId, hazards, issuedAt);
    const int year = core::rules::localDate(issuedAt).year();
    const int serial = 15;
    in.recordNumber = u"%1%2号"_s.arg(numberPrefix(u"inspection_record"_s, year)).arg(serial);
    in.now = issuedAt;
    const InspectionDocumentSet documents = buildInspectionDocuments(in);
    auto pdf = renderedBlob(st, [&documents](const QString& path) {
        return DocumentRenderer::renderInspectionRecord(documents.record, path);
    });
    if (!pdf)
        return pdf.error();
    return QJsonObject { { u"id"_s, core::uuidv7(issuedAt) }, { u"kind"_s, u"inspection_record"_s },
        { u"number"_s, in.recordNumber }, { u"year"_s, year }, { u"serial"_s, serial },
        { u"inspection_id"_s, inspectionId }, { u"enterprise_id"_s, enterpriseId },
        { u"hazard_ids"_s, QJsonArray {} }, { u"pdf"_s, *pdf },
        { u"attachments"_s, QJsonArray { *pdf } },
        { u"issued_at"_s, core::formatTimestamp(issuedAt) }, { u"issued_by"_s, u"insp-wang"_s } };
}

core::Result<QJsonObject> DemoSeed::demoOrder(core::LocalStore& st, const QString& inspectionId,
    const QString& enterpriseId, const QList<QJsonObject>& hazards, const QDateTime& issuedAt)
{
    InspectionDocumentInput in
        = demoDocumentInput(st, inspectionId, enterpriseId, hazards, issuedAt);
    const int year = core::rules::localDate(issuedAt).year();
    const int serial = 8;
    in.orderNumber = u"%1%2号"_s.arg(numberPrefix(u"rectification_order"_s, year)).arg(serial);
    in.now = issuedAt;
    const InspectionDocumentSet documents = buildInspectionDocuments(in);
    if (!documents.order)
        return core::makeError(u"no_order"_s, u"the demo inspection issues no order"_s);
    auto pdf = renderedBlob(st, [&documents](const QString& path) {
        return DocumentRenderer::renderRectificationOrder(*documents.order, path);
    });
    if (!pdf)
        return pdf.error();
    QJsonArray hazardIds;
    for (const auto& h : hazards)
        hazardIds.append(h.value(u"id"_s).toString());
    return QJsonObject { { u"id"_s, core::uuidv7(issuedAt) },
        { u"kind"_s, u"rectification_order"_s }, { u"number"_s, in.orderNumber },
        { u"year"_s, year }, { u"serial"_s, serial }, { u"inspection_id"_s, inspectionId },
        { u"pdf"_s, *pdf }, { u"issued_at"_s, core::formatTimestamp(issuedAt) },
        { u"issued_by"_s, u"insp-wang"_s } };
}

core::Result<void> DemoSeed::seedEnterpriseTasks(core::LocalStore& st)
{
    // One finished inspection of 恒泰 twenty days ago by 王明 and 李强, as the enterprise's device
    // pulls it: four findings that show every state of a task.
    const QString enterprise = enterpriseIds().first();
    const QDateTime found = st.now().addDays(-20);
    const QString inspection = core::uuidv7(found);
    auto put = [&st](const QString& entity, const QString& id, QJsonObject fields,
                   const QDateTime& created, const QDateTime& updated) {
        fields.insert(u"id"_s, id);
        fields.insert(u"created_at"_s, core::formatTimestamp(created));
        fields.insert(u"updated_at"_s, core::formatTimestamp(updated));
        return st.storeRecord({ entity, id, fields, {}, false });
    };
    if (auto r = put(u"inspection"_s, inspection,
            { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"plan"_s },
                { u"mode"_s, u"enforcement"_s },
                { u"inspector_ids"_s, QJsonArray { u"insp-wang"_s, u"insp-li"_s } },
                { u"template_refs"_s, QJsonArray {} },
                { u"started_at"_s, core::formatTimestamp(found) },
                { u"finished_at"_s, core::formatTimestamp(found.addSecs(5400)) },
                { u"status"_s, u"finished"_s }, { u"signatures"_s, QJsonArray {} } },
            found, found.addSecs(5400));
        !r)
        return r;
    struct Task {
        const char16_t* description;
        const char16_t* place;
        const char16_t* level;
        const char16_t* basis;
        const char16_t* measure;
        int days; ///< rectification period from the inspection
        const char16_t* status;
        QColor colour;
    };
    const Task tasks[] = {
        { u"二号冲床光电保护装置被短接", u"冲压二车间", u"major",
            u"《工贸企业重大事故隐患判定标准》第五条", u"立即恢复光电保护装置并对冲床停机检查", 14,
            u"open", QColor(0xb7, 0x1c, 0x1c) },
        { u"配电箱门缺失，带电部位裸露", u"冲压一车间", u"general", u"《安全生产法》第三十六条",
            u"加装配电箱门并上锁，张贴警示标识", 22, u"open", QColor(0x8d, 0x6e, 0x63) },
        { u"消防通道堆放成品，宽度不足", u"成品仓库", u"general", u"《消防法》第二十八条",
            u"清理消防通道，划定禁停标线", 15, u"rejected", QColor(0x79, 0x55, 0x48) },
        { u"灭火器压力不足", u"办公楼一层", u"general",
            u"《机关、团体、企业、事业单位消防安全管理规定》第二十九条",
            u"更换或充装灭火器并建立月检记录", 10, u"verified", QColor(0x6d, 0x4c, 0x41) },
    };
    // The order the inspectors issued for all four, as document.issue brings it: its number
    // and its PDF, rendered here as the inspector's device rendered it.
    const QDateTime issuedAt = found.addSecs(5400);
    QList<QJsonObject> hazardFields;
    int n = 0;
    for (const Task& t : tasks) {
        const QDateTime at = found.addSecs(600 + 60 * n++);
        const QDate deadline = core::rules::localDate(found).addDays(t.days);
        hazardFields.append({ { u"id"_s, core::uuidv7(at) }, { u"enterprise_id"_s, enterprise },
            { u"inspection_id"_s, inspection },
            { u"description"_s, QString::fromUtf16(t.description) },
            { u"place"_s, QString::fromUtf16(t.place) },
            { u"level"_s, QString::fromUtf16(t.level) }, { u"category"_s, u"现场管理"_s },
            { u"basis"_s, QString::fromUtf16(t.basis) },
            { u"measure"_s, QString::fromUtf16(t.measure) },
            { u"deadline"_s, deadline.toString(Qt::ISODate) },
            { u"status"_s, QString::fromUtf16(t.status) } });
    }
    auto order = demoOrder(st, inspection, enterprise, hazardFields, issuedAt);
    if (!order)
        return order.error();
    // Both documents as the enterprise's inspection history lists them (entity `document`).
    auto record = demoRecord(st, inspection, enterprise, hazardFields, issuedAt);
    if (!record)
        return record.error();
    if (auto r = put(u"document"_s, record->value(u"id"_s).toString(), *record, issuedAt, issuedAt);
        !r)
        return r;
    {
        QJsonObject document = *order;
        QJsonArray hazardIds;
        for (const auto& h : std::as_const(hazardFields))
            hazardIds.append(h.value(u"id"_s).toString());
        document.insert(u"enterprise_id"_s, enterprise);
        document.insert(u"hazard_ids"_s, hazardIds);
        document.insert(u"attachments"_s, QJsonArray { order->value(u"pdf"_s) });
        if (auto r
            = put(u"document"_s, order->value(u"id"_s).toString(), document, issuedAt, issuedAt);
            !r)
            return r;
    }
    n = 0;
    for (const Task& t : tasks) {
        const QDateTime at = found.addSecs(600 + 60 * n);
        QJsonObject fields = hazardFields.at(n++);
        const QString hazard = fields.value(u"id"_s).toString();
        auto photo = st.blobs().put(demoPhoto(t.colour));
        if (!photo)
            return photo.error();
        fields.insert(u"attachments"_s, QJsonArray { *photo });
        fields.insert(u"order"_s, *order);
        if (auto r = put(u"hazard"_s, hazard, fields, at, at); !r)
            return r;
        auto event = [&](const QString& kind, const QString& actor, const QDateTime& when,
                         const QString& note, QJsonObject extra = {}) {
            extra.insert(u"hazard_id"_s, hazard);
            extra.insert(u"kind"_s, kind);
            extra.insert(u"actor_id"_s, actor);
            extra.insert(u"note"_s, note);
            if (!extra.contains(u"attachments"_s))
                extra.insert(u"attachments"_s, QJsonArray {});
            return put(u"rectification_event"_s, core::uuidv7(when), extra, when, when);
        };
        if (auto r = event(u"order"_s, u"insp-wang"_s, at.addSecs(1), {}); !r)
            return r;
        const QString status = QString::fromUtf16(t.status);
        if (status == u"open"_s)
            continue;
        auto after = st.blobs().put(demoPhoto(QColor(0x43, 0xa0, 0x47)));
        if (!after)
            return after.error();
        const QDateTime submitted = found.addDays(6);
        if (auto r = event(u"submit"_s, u"ent-hengtai"_s, submitted, u"已按要求整改并拍照留存"_s,
                { { u"attachments"_s, QJsonArray { *after } },
                    { u"completed_on"_s, core::rules::localDate(submitted).toString(Qt::ISODate) },
                    { u"responsible"_s, u"赵丽"_s }, { u"cost"_s, 800 } });
            !r)
            return r;
        if (status == u"rejected"_s) {
            if (auto r = event(u"reject"_s, u"insp-wang"_s, found.addDays(15),
                    u"通道仍有两处堆放，标线未划，请清理完毕后重新提交"_s);
                !r)
                return r;
        } else if (auto r
                   = event(u"verify"_s, u"insp-wang"_s, found.addDays(14), u"复查合格，予以销号"_s);
                   !r)
            return r;
    }
    return {};
}

QByteArray DemoSeed::demoPhoto(const QColor& colour)
{
    QImage image(320, 240, QImage::Format_RGB32);
    image.fill(colour);
    QPainter p(&image);
    p.fillRect(40, 60, 240, 120, colour.lighter(140));
    p.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

core::DistrictProfile DemoSeed::district()
{
    core::DistrictProfile p;
    p.authority = u"青禾区应急管理局"_s;
    p.reviewAuthority = u"青禾区人民政府或上一级应急管理部门"_s;
    p.court = u"青禾区人民法院"_s;
    p.enterpriseSignerRole = u"企业负责人"_s;
    return p;
}

QString DemoSeed::numberPrefix(const QString& kind, int year)
{
    const QString series = kind == u"inspection_record"_s ? u"检记"_s
        : kind == u"rectification_order"_s                ? u"责改"_s
                                                          : u"复查"_s;
    return u"(青)应急%1〔%2〕"_s.arg(series).arg(year);
}

QStringList DemoSeed::enterpriseIds()
{
    QStringList out;
    for (const auto& e : enterprises())
        out.append(code(e.first17));
    return out;
}

core::User DemoSeed::supervisor()
{
    core::User u;
    u.id = u"sup-demo"_s;
    u.name = u"刘静"_s;
    u.role = core::Role::Supervisor;
    return u;
}

core::User DemoSeed::inspector()
{
    core::User u;
    u.id = u"insp-wang"_s;
    u.name = u"王明"_s;
    u.role = core::Role::Inspector;
    u.badge = u"22010012"_s;
    return u;
}

core::Result<void> DemoSeed::seed(
    core::LocalStore& st, const QByteArray& checklistsJson, bool withHistory)
{
    core::User li;
    li.id = u"insp-li"_s;
    li.name = u"李强"_s;
    li.badge = u"22010031"_s;
    core::User zhao;
    zhao.id = u"insp-zhao"_s;
    zhao.name = u"赵新"_s;
    core::User sun;
    sun.id = u"insp-sun"_s;
    sun.name = u"孙丽"_s;
    sun.badge = u"22010047"_s;
    for (const auto& u : { inspector(), li, zhao, sun, enterpriseUser() })
        if (auto r = putUser(st, u); !r)
            return r;

    const core::Actor supervisor { u"sup-demo"_s, core::Role::Supervisor, {}, {}, u"demo"_s };
    for (const auto& e : enterprises()) {
        const QJsonObject args { { u"name"_s, e.name }, { u"address"_s, e.address },
            { u"street"_s, e.street }, { u"industry_code"_s, e.industry },
            { u"risk_grade"_s, e.grade }, { u"lat"_s, e.lat }, { u"lon"_s, e.lon },
            { u"contact"_s, e.contact }, { u"phone"_s, e.phone }, { u"leader"_s, e.leader } };
        if (auto r = st.perform(supervisor, u"enterprise.upsert"_s, code(e.first17), args); !r)
            return r.error();
    }
    auto templates = core::checklists::parse(checklistsJson);
    if (!templates)
        return templates.error();
    if (auto imported = st.importChecklists(*templates); !imported)
        return imported.error();
    if (auto r = st.setDistrictProfile(district()); !r)
        return r;
    if (auto r = DeviceStore::storeNumberBlock(st, core::rules::localDate(st.now()).year(), 1, 50);
        !r)
        return r;
    if (!withHistory)
        return {};

    // An earlier inspection of 北辰 with one hazard that the enterprise has since submitted.
    const core::Actor wang { u"insp-wang"_s, core::Role::Inspector, {}, {}, u"demo"_s };
    const QString enterprise = enterpriseIds().at(1);
    const QString inspection = core::uuidv7(st.now());
    auto fdRef = QString();
    for (const auto& t : *templates)
        if (t.code == u"FD"_s)
            fdRef = t.ref();
    if (auto r = st.perform(wang, u"inspection.create"_s, inspection,
            { { u"enterprise_id"_s, enterprise }, { u"kind"_s, u"plan"_s },
                { u"mode"_s, u"guidance"_s }, { u"inspector_ids"_s, QJsonArray { wang.userId } },
                { u"template_refs"_s, QJsonArray { fdRef } },
                { u"started_at"_s, core::formatTimestamp(st.now().addDays(-12)) } });
        !r)
        return r.error();
    const QString hazard = core::uuidv7(st.now());
    auto beforeId = st.blobs().put(demoPhoto(QColor(0x8d, 0x6e, 0x63)));
    if (!beforeId)
        return beforeId.error();
    if (auto r = st.perform(wang, u"hazard.create"_s, hazard,
            { { u"enterprise_id"_s, enterprise }, { u"inspection_id"_s, inspection },
                { u"description"_s, u"熔炼炉旁冷却水管路无压力监测"_s },
                { u"place"_s, u"熔炼车间"_s }, { u"level"_s, u"general"_s },
                { u"basis"_s, u"《安全生产法》第36条"_s },
                { u"measure"_s, u"加装压力表并定期检查"_s },
                { u"deadline"_s,
                    core::rules::localDate(st.now()).addDays(3).toString(Qt::ISODate) },
                { u"attachments"_s, QJsonArray { *beforeId } } });
        !r)
        return r.error();
    const core::Actor ent { u"ent-beichen"_s, core::Role::Enterprise, enterprise, {}, u"demo"_s };
    auto afterId = st.blobs().put(demoPhoto(QColor(0x43, 0xa0, 0x47)));
    if (!afterId)
        return afterId.error();
    if (auto r = st.perform(ent, u"rectification.submit"_s, core::uuidv7(st.now()),
            { { u"hazard_id"_s, hazard }, { u"note"_s, u"已加装压力表"_s },
                { u"attachments"_s, QJsonArray { *afterId } } });
        !r)
        return r.error();

    // This year's plans naming 王明: the annual key-enterprise plan of his group (with 李强) and
    // one 双随机 draw (with 赵新).
    const int year = core::rules::localDate(st.now()).year();
    const QStringList ids = enterpriseIds();
    const QList<std::pair<QString, QJsonObject>> plans {
        { u"demo-plan-key-%1"_s.arg(year),
            { { u"year"_s, year }, { u"title"_s, u"%1年度执法检查计划（第一检查组）"_s.arg(year) },
                { u"kind"_s, u"key"_s },
                { u"enterprise_ids"_s, QJsonArray { ids.at(0), ids.at(1) } },
                { u"inspector_ids"_s, QJsonArray { u"insp-wang"_s, u"insp-li"_s } } } },
        { u"demo-plan-random-%1"_s.arg(year),
            { { u"year"_s, year }, { u"title"_s, u"%1年第四批“双随机”抽查"_s.arg(year) },
                { u"kind"_s, u"random"_s }, { u"enterprise_ids"_s, QJsonArray { ids.at(2) } },
                { u"inspector_ids"_s, QJsonArray { u"insp-wang"_s, u"insp-zhao"_s } } } },
    };
    for (const auto& [id, args] : plans)
        if (auto r = st.perform(supervisor, u"plan.upsert"_s, id, args); !r)
            return r.error();
    return seedOverdue(st);
}

} // namespace safeloop::app
