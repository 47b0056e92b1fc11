#include "seeddemo.h"

#include "blobstore.h"
#include "changelog.h"
#include "core/checklists.h"
#include "core/creditcode.h"
#include "core/domain.h"
#include "core/mutation.h"
#include "core/rules.h"
#include "importer.h"
#include "secrets.h"
#include "serverconfig.h"
#include "sqldialect.h"
#include "users.h"

#include <QJsonArray>
#include <QSet>
#include <QSqlError>
#include <QTimeZone>

#include <random>

using namespace Qt::StringLiterals;

namespace safeloop::server {

using core::makeError;
using core::Result;

namespace {

constexpr auto DemoPassword = u"SafeLoop-Demo-2026";

const QStringList Streets { u"青松街道"_s, u"明湖街道"_s, u"锦程街道"_s, u"长丰街道"_s,
    u"和顺街道"_s, u"新苑街道"_s, u"东岭街道"_s, u"西河街道"_s };

/// Kinds of demo enterprise: name suffix, industry code (GB/T 4754), checklist codes, weight.
struct Kind {
    QString suffix;
    QString industryCode;
    QStringList templates;
    int weight;
};

const QList<Kind>& kinds()
{
    static const QList<Kind> k {
        { u"汽车零部件有限公司"_s, u"C3670"_s, { u"GM"_s, u"EL"_s }, 20 },
        { u"冲压件有限公司"_s, u"C3670"_s, { u"ST"_s, u"GM"_s }, 14 },
        { u"焊装有限公司"_s, u"C3670"_s, { u"WD"_s, u"FI"_s }, 12 },
        { u"铸造有限公司"_s, u"C3391"_s, { u"FD"_s, u"DU"_s }, 8 },
        { u"精密机械有限公司"_s, u"C3484"_s, { u"GM"_s, u"SE"_s }, 10 },
        { u"仓储物流有限公司"_s, u"G5960"_s, { u"FI"_s, u"SE"_s }, 10 },
        { u"涂装有限公司"_s, u"C3360"_s, { u"HC"_s, u"CS"_s }, 6 },
        { u"建设项目部"_s, u"E4700"_s, { u"CN"_s }, 8 },
        { u"学校"_s, u"P8331"_s, { u"SC"_s, u"FI"_s }, 5 },
        { u"文化产业园"_s, u"R8870"_s, { u"SC"_s, u"FI"_s }, 2 },
        { u"商贸有限公司"_s, u"F5174"_s, { u"FI"_s, u"EL"_s }, 5 },
    };
    return k;
}

const QStringList NameWords { u"青禾"_s, u"瑞通"_s, u"嘉岭"_s, u"恒溪"_s, u"鼎越"_s, u"柏川"_s,
    u"宏谷"_s, u"松屿"_s, u"澜泽"_s, u"启岳"_s, u"耀星"_s, u"德隅"_s, u"雁栖"_s, u"锦峦"_s,
    u"朔原"_s, u"安澄"_s, u"泓砚"_s, u"北辰"_s, u"禾曦"_s, u"铂岸"_s, u"映川"_s, u"朗峰"_s,
    u"拓垣"_s, u"乾曜"_s, u"芮麓"_s, u"汀兰"_s, u"骁驰"_s, u"沐檀"_s, u"翊衡"_s, u"澈源"_s,
    u"霁林"_s, u"昱坤"_s, u"蕴丰"_s, u"宸舟"_s, u"峻屹"_s, u"潞川"_s, u"晟桥"_s, u"璟岚"_s,
    u"钧泰"_s, u"曜禾"_s };
const QStringList Surnames { u"王"_s, u"李"_s, u"张"_s, u"刘"_s, u"陈"_s, u"杨"_s, u"赵"_s, u"黄"_s,
    u"周"_s, u"吴"_s, u"孙"_s, u"马"_s, u"高"_s, u"郭"_s, u"于"_s, u"姜"_s };
const QStringList GivenNames { u"建国"_s, u"立新"_s, u"海燕"_s, u"志强"_s, u"丽娟"_s, u"宏伟"_s,
    u"晓东"_s, u"春梅"_s, u"伟"_s, u"静"_s, u"磊"_s, u"敏"_s, u"洋"_s, u"雪"_s };

class Rng {
public:
    explicit Rng(quint32 seed)
        : m_gen(seed)
    {
    }
    int below(int n) { return static_cast<int>(m_gen() % static_cast<quint32>(n)); }
    double uniform(double lo, double hi)
    {
        return lo + (hi - lo) * (static_cast<double>(m_gen()) / 4294967296.0);
    }
    bool chance(double p) { return uniform(0, 1) < p; }
    template <typename T>
    const T& pick(const QList<T>& list)
    {
        return list.at(below(static_cast<int>(list.size())));
    }
    /// A UUIDv7 at `at` with deterministic "random" bits.
    QString uuid(const QDateTime& at)
    {
        const quint64 ms = static_cast<quint64>(at.toMSecsSinceEpoch());
        auto hex = [](quint64 v, int digits) {
            return QString::number(v, 16).rightJustified(digits, u'0').right(digits);
        };
        const quint64 a = m_gen(), b = m_gen(), c = m_gen();
        return hex(ms >> 16, 8) + u'-' + hex(ms & 0xffff, 4) + u"-7"_s + hex(a & 0xfff, 3) + u'-'
            + hex(0x8000 | (b & 0x3fff), 4) + u'-' + hex((c << 16) | (a >> 16), 12);
    }

private:
    std::mt19937 m_gen;
};

QString creditCode(Rng& rng)
{
    const QString alphabet = QString::fromUtf16(core::CreditCode::Alphabet);
    QString code = u"91220106"_s; // enterprise (9), company (1), a 22xxxx region
    while (code.size() < 17)
        code += alphabet.at(rng.below(static_cast<int>(alphabet.size())));
    return code + *core::CreditCode::checkCharacter(code);
}

QString hlcAt(const QDateTime& at, int counter)
{
    return QString::number(at.toMSecsSinceEpoch(), 16).rightJustified(12, u'0')
        + QString::number(counter & 0xffff, 16).rightJustified(4, u'0');
}

struct DemoUser {
    QString id;
    QString username;
    server::Role role;
    QString enterpriseUscc;
    QStringList streets;
};

/// Applies mutations at historical times and appends every touched record to the change log.
class Writer {
public:
    explicit Writer(QSqlDatabase& db)
        : m_db(db)
    {
    }

    Result<core::MutationOutcome> apply(const core::Actor& actor, const QString& name,
        const QString& entityId, const QJsonObject& args, const QDateTime& at)
    {
        core::ApplyContext ctx;
        ctx.now = at;
        ctx.server = true;
        const core::Mutation m { 0, name, entityId, hlcAt(at, ++m_counter), {}, args };
        auto outcome = core::applyMutation(m_db, actor, m, ctx);
        if (!outcome)
            return outcome.error();
        if (outcome->status == core::OutcomeStatus::Rejected)
            return makeError(u"seed_rejected"_s,
                u"demo %1 on %2 was refused: %3"_s.arg(
                    name, entityId, outcome->error ? outcome->error->message : QString()));
        for (const auto& t : std::as_const(outcome->touched))
            if (auto c = appendChange(m_db, t.entity, t.id); !c)
                return c.error();
        // As push does: the blobs a mutation names are referenced by the record it changed
        // (their readers are that record's, and the blob sweep keeps them).
        if (!outcome->touched.isEmpty())
            for (const auto& sha : core::referencedBlobIds(args))
                if (auto c = appendBlobReference(
                        m_db, sha, outcome->touched.first().entity, outcome->touched.first().id);
                    !c)
                    return c.error();
        return outcome;
    }

private:
    QSqlDatabase& m_db;
    int m_counter = 0;
};

core::Actor actorOf(const DemoUser& u, const QString& enterpriseId = {})
{
    core::Actor a;
    a.userId = u.id;
    a.role = static_cast<core::Role>(static_cast<int>(u.role));
    a.enterpriseId = enterpriseId;
    a.streets = u.streets;
    a.deviceId = u"demo-"_s + u.username;
    return a;
}

Result<int> count(QSqlDatabase& db, const QString& sql)
{
    auto q = run(db, sql);
    if (!q)
        return q.error();
    QSqlQuery& query = q.value();
    return query.next() ? query.value(0).toInt() : 0;
}

/// A one-page PDF of `lines` (A4, 11 pt) in the standard Chinese font STSong-Light, which PDF
/// readers supply themselves (Adobe-GB1, UCS-2 codes): the demo's orders, written without the
/// app's renderer, which the server does not link.
QByteArray demoPdf(const QStringList& lines)
{
    QByteArray content = "BT\n";
    double y = 800;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const bool title = i == 1; // the authority, then the document's title
        QByteArray hex;
        for (const QChar c : lines.at(i))
            hex += QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
        content += "/F1 " + QByteArray(title ? "20" : "11") + " Tf 1 0 0 1 "
            + QByteArray::number(title ? 200 : 56) + " " + QByteArray::number(y) + " Tm <" + hex
            + "> Tj\n";
        y -= title ? 34 : 20;
    }
    content += "ET\n";
    const QList<QByteArray> objects {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R "
        ">> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        "/DescendantFonts [6 0 R] >>",
        "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content
            + "endstream",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << "
        "/Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 "
        "880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    };
    QByteArray pdf = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets << pdf.size();
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects.at(i) + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const qsizetype o : offsets)
        pdf += QByteArray::number(o).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1)
        + " /Root 1 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

/// Issues a document of a demo inspection as the inspector's device would — its 现场检查记录
/// (`kind` inspection_record, no hazards) or its rectification order (rectification_order, of
/// `hazardIds`): the next number of its year (a one-number block of a revoked seed device login,
/// so that the number audit lists it and no later block repeats it), the PDF as a blob,
/// document.issue.
Result<void> issueDemoDocument(QSqlDatabase& db, Writer& writer, BlobStore& blobs,
    const QString& kind, const DemoUser& inspector, const QString& inspectionId,
    const QString& enterpriseId, const QJsonArray& hazardIds, const QDateTime& at,
    const QTimeZone& zone, QHash<QString, QString>& logins)
{
    const bool order = kind == u"rectification_order"_s;
    const int year = core::rules::localDate(at, zone).year();
    const qint64 atMs = at.toMSecsSinceEpoch();
    QString login = logins.value(inspector.id);
    if (login.isEmpty()) {
        login = newUuidV7();
        if (auto r = run(db,
                u"INSERT INTO device_logins (id, user_id, device_id, device_name, created_at, "
                "last_used_at, revoked_at, revoked_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                { login, inspector.id, u"demo-"_s + inspector.username, u"seed-demo"_s, atMs, atMs,
                    atMs, u"seed-demo"_s });
            !r)
            return r.error();
        logins.insert(inspector.id, login);
    }
    auto prefixTemplate = ServerConfig::get(db, ServerConfig::prefixKey(kind));
    if (!prefixTemplate)
        return prefixTemplate.error();
    const QString prefix
        = QString(prefixTemplate.value()).replace(u"{year}"_s, QString::number(year));
    if (auto r = run(db,
            u"INSERT INTO document_counters (kind, year, next_number) VALUES (?, ?, 1) "
            "ON CONFLICT (kind, year) DO NOTHING"_s,
            { kind, year });
        !r)
        return r.error();
    auto taken = run(db,
        u"UPDATE document_counters SET next_number = next_number + 1 WHERE kind = ? AND year = ? "
        "RETURNING next_number"_s,
        { kind, year });
    if (!taken)
        return taken.error();
    if (!taken.value().next())
        return makeError(u"sql_error"_s, u"the document counter row is missing"_s);
    const qint64 serial = taken.value().value(0).toLongLong() - 1;
    taken.value().finish();
    const QString blockId = newUuidV7();
    if (auto r = run(db,
            u"INSERT INTO document_blocks (id, kind, year, prefix, first_number, last_number, "
            "device_login_id, user_id, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            { blockId, kind, year, prefix, serial, serial, login, inspector.id, atMs });
        !r)
        return r.error();
    const QString number = u"%1%2号"_s.arg(prefix).arg(serial);
    const QString documentId = newUuidV7();
    if (auto r = run(db,
            u"INSERT INTO issued_documents (kind, year, number, document_id, block_id, "
            "recorded_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
            { kind, year, serial, documentId, blockId, atMs });
        !r)
        return r.error();

    // The text: the enterprise, for an order each hazard with its deadline and the legal basis.
    QString inspectorName = inspector.username;
    if (auto u = run(db, u"SELECT name FROM users WHERE id = ?"_s, { inspector.id });
        u && u.value().next())
        inspectorName = u.value().value(0).toString();
    QString enterpriseName;
    if (auto e = core::loadRecord(db, u"enterprise"_s, enterpriseId); e && e->has_value())
        enterpriseName = (*e)->fields.value(u"name"_s).toString();
    QStringList lines { u"青禾区应急管理局"_s, order ? u"责令限期整改指令书"_s : u"现场检查记录"_s,
        number, u"%1（统一社会信用代码：%2）："_s.arg(enterpriseName, enterpriseId),
        order ? u"经查，你单位存在下列事故隐患："_s : u"检查结束，现场检查情况如下："_s };
    int n = 0;
    for (const auto& id : hazardIds) {
        auto h = core::loadRecord(db, u"hazard"_s, id.toString());
        if (!h || !h->has_value())
            continue;
        const QJsonObject f = (*h)->fields;
        const QDate deadline = QDate::fromString(f.value(u"deadline"_s).toString(), Qt::ISODate);
        lines << u"%1. %2，责令于%3前整改完毕。"_s.arg(++n).arg(
            f.value(u"description"_s).toString().left(30), deadline.toString(u"yyyy年M月d日"_s));
    }
    if (order)
        lines
            << u"依据《中华人民共和国安全生产法》第六十五条第一款第（三）项，责令你单位限期整改。"_s;
    lines << u"检查人员：%1"_s.arg(inspectorName)
          << core::rules::localDate(at, zone).toString(u"yyyy年M月d日"_s);
    const QByteArray pdf = demoPdf(lines);
    const QString sha = secrets::sha256Hex(pdf);
    const auto size = static_cast<qint64>(pdf.size());
    if (auto w = blobs.writeChunk(sha, QString(), 0, size, size, pdf); !w)
        return w.error();
    QJsonObject args { { u"kind"_s, kind }, { u"number"_s, number }, { u"year"_s, year },
        { u"serial"_s, serial }, { u"inspection_id"_s, inspectionId },
        { u"issued_at"_s, core::formatTimestamp(at) },
        { u"attachments"_s,
            QJsonArray { QJsonObject { { u"id"_s, sha }, { u"mime"_s, u"application/pdf"_s },
                { u"size"_s, static_cast<double>(size) } } } } };
    if (!hazardIds.isEmpty())
        args.insert(u"hazard_ids"_s, hazardIds);
    if (auto r = writer.apply(actorOf(inspector), u"document.issue"_s, documentId, args, at); !r)
        return r.error();
    return {};
}

} // namespace

QList<DemoAccount> demoAccounts()
{
    const QString pw = QString::fromUtf16(DemoPassword);
    return { { u"demo.inspector"_s, u"inspector"_s, pw },
        { u"demo.enterprise"_s, u"enterprise"_s, pw },
        { u"demo.supervisor"_s, u"supervisor"_s, pw }, { u"demo.admin"_s, u"admin"_s, pw } };
}

QString SeedSummary::describe() const
{
    QStringList states;
    for (auto it = hazardsByStatus.constBegin(); it != hazardsByStatus.constEnd(); ++it)
        states << u"%1 %2"_s.arg(it.value()).arg(it.key());
    return u"seeded demo district: %1 enterprises, %2 templates, %3 users, %4 inspections, "
           "%5 hazards (%6; %7 overdue), %8 plans, %9 self-checks"_s.arg(enterprises)
               .arg(templates)
               .arg(users)
               .arg(inspections)
               .arg(hazards)
               .arg(states.join(u", "_s))
               .arg(overdue)
               .arg(plans)
               .arg(selfChecks);
}

Result<SeedSummary> seedDemo(QSqlDatabase& db, const QString& blobDir, const SeedOptions& options)
{
    const QTimeZone zone = core::rules::districtZone();
    const QDate today = options.today.isValid()
        ? options.today
        : core::rules::localDate(QDateTime::currentDateTimeUtc(), zone);
    auto existing = count(db, u"SELECT COUNT(*) FROM enterprises"_s);
    if (!existing)
        return existing.error();
    if (*existing > 0)
        return makeError(u"store_not_empty"_s,
            u"seed-demo needs an empty store; this one already has %1 enterprises"_s.arg(
                *existing));

    Rng rng(options.seed);
    // The demo's history ends yesterday evening and starts a year before.
    auto localTime = [&](QDate day, int minutes) {
        return QDateTime(day, QTime(0, 0).addSecs(minutes * 60), zone).toUTC();
    };
    const QDateTime seedTime = localTime(today.addDays(-366), 8 * 60);

    // Signature images: a few small SVG strokes, stored as complete blobs.
    BlobStore blobs(blobDir);
    QStringList signatureIds;
    for (int i = 0; i < 6; ++i) {
        const QByteArray svg
            = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" "
                             "height=\"100\"><path d=\"M10 %1 C60 10 120 90 %2 40 S250 %3 290 30\" "
                             "stroke=\"#000\" fill=\"none\" stroke-width=\"3\"/></svg>")
                  .arg(30 + i * 9)
                  .arg(150 + i * 7)
                  .arg(20 + i * 11)
                  .toUtf8();
        const QString id = secrets::sha256Hex(svg);
        const auto size = static_cast<qint64>(svg.size());
        if (auto w = blobs.writeChunk(id, QString(), 0, size, size, svg); !w)
            return w.error();
        signatureIds << id;
    }

    if (!db.transaction())
        return makeError(u"sql_error"_s, db.lastError().text());
    auto work = [&]() -> Result<SeedSummary> {
        SeedSummary summary;
        Writer writer(db);
        QHash<QString, QString> numberLogins; // inspector id → the seed's device login

        // Checklists.
        auto published
            = core::checklists::import(db, *core::checklists::parse(shippedChecklists()), seedTime);
        if (!published)
            return published.error();
        for (const QString& ref : std::as_const(published.value()))
            if (auto c = appendChange(db, u"template"_s, ref); !c)
                return c.error();
        auto templates = core::checklists::latest(db);
        if (!templates)
            return templates.error();
        summary.templates = static_cast<int>(templates->size());
        QHash<QString, core::ChecklistTemplate> byCode;
        for (const auto& t : std::as_const(templates.value()))
            byCode.insert(t.code, t);

        // Enterprises, entered by the admin a year ago.
        DemoUser admin { newUuidV7(), u"demo.admin"_s, Role::Admin, {}, {} };
        int totalWeight = 0;
        for (const auto& k : kinds())
            totalWeight += k.weight;
        struct DemoEnterprise {
            QString uscc;
            QString street;
            const Kind* kind;
            QString grade;
        };
        QList<DemoEnterprise> enterprises;
        QSet<QString> usedCodes, usedNames;
        for (int i = 0; i < options.enterprises; ++i) {
            int w = rng.below(totalWeight);
            const Kind* kind = &kinds().first();
            for (const auto& k : kinds()) {
                if (w < k.weight) {
                    kind = &k;
                    break;
                }
                w -= k.weight;
            }
            QString uscc;
            do
                uscc = creditCode(rng);
            while (usedCodes.contains(uscc));
            usedCodes.insert(uscc);
            QString name;
            do {
                name = u"青禾区"_s + rng.pick(NameWords) + rng.pick(NameWords) + kind->suffix;
                if (usedNames.contains(name))
                    name = u"青禾区"_s + rng.pick(NameWords) + rng.pick(NameWords)
                        + QString::number(rng.below(90) + 10) + kind->suffix;
            } while (usedNames.contains(name));
            usedNames.insert(name);
            const int streetIndex = i % static_cast<int>(Streets.size());
            const QString street = Streets.at(streetIndex);
            const double lat = 43.86 + 0.01 * (streetIndex / 4) * 3 + rng.uniform(-0.012, 0.012);
            const double lon = 125.20 + 0.025 * (streetIndex % 4) + rng.uniform(-0.01, 0.01);
            const QString grades[] = { u"red"_s, u"orange"_s, u"yellow"_s, u"blue"_s };
            const int g = rng.below(100);
            QJsonObject args { { u"name"_s, name },
                { u"address"_s,
                    u"吉林省青禾区%1%2路%3号"_s.arg(street, rng.pick(NameWords))
                        .arg(rng.below(900) + 1) },
                { u"street"_s, street }, { u"industry_code"_s, kind->industryCode },
                { u"risk_grade"_s,
                    grades[g < 5     ? 0
                            : g < 20 ? 1
                            : g < 55 ? 2
                                     : 3] },
                { u"lat"_s, std::round(lat * 1e6) / 1e6 },
                { u"lon"_s, std::round(lon * 1e6) / 1e6 },
                { u"contact"_s, rng.pick(Surnames) + rng.pick(GivenNames) },
                { u"phone"_s, u"1390431%1"_s.arg(rng.below(10000), 4, 10, QChar(u'0')) },
                { u"leader"_s, rng.pick(Surnames) + rng.pick(GivenNames) } };
            if (auto r = writer.apply(
                    actorOf(admin), u"enterprise.upsert"_s, uscc, args, seedTime.addSecs(i));
                !r)
                return r.error();
            enterprises.append({ uscc, street, kind, args.value(u"risk_grade"_s).toString() });
        }
        summary.enterprises = static_cast<int>(enterprises.size());

        // Accounts. One Argon2id hash serves every demo account (they share the password).
        auto hash = secrets::hashPassword(QString::fromUtf16(DemoPassword));
        if (!hash)
            return hash.error();
        QList<DemoUser> users;
        auto addUser = [&](DemoUser u, const QString& name, const QString& badge) -> Result<void> {
            UserRecord r;
            r.id = u.id;
            r.username = u.username;
            r.name = name;
            r.role = u.role;
            r.badge = badge;
            r.enterpriseUscc = u.enterpriseUscc;
            r.streets = u.streets;
            r.passwordHash = *hash;
            if (auto w = UserRepository::insert(db, r); !w)
                return w;
            users << u;
            return {};
        };
        if (auto r = addUser(admin, u"系统管理员"_s, {}); !r)
            return r.error();
        QList<DemoUser> supervisors;
        for (int i = 0; i < 3; ++i) {
            DemoUser s { newUuidV7(), i == 0 ? u"demo.supervisor"_s : u"supervisor%1"_s.arg(i + 1),
                Role::Supervisor, {}, {} };
            if (auto r = addUser(s, rng.pick(Surnames) + rng.pick(GivenNames), {}); !r)
                return r.error();
            supervisors << s;
        }
        QHash<QString, QList<DemoUser>> inspectorsByStreet;
        for (int i = 0; i < 40; ++i) {
            const int street = i % static_cast<int>(Streets.size());
            DemoUser u { newUuidV7(),
                i == 0 ? u"demo.inspector"_s : u"inspector%1"_s.arg(i + 1, 2, 10, QChar(u'0')),
                Role::Inspector, {}, { Streets.at(street) } };
            const QString badge = u"22010620%1"_s.arg(i + 1, 3, 10, QChar(u'0'));
            if (auto r = addUser(u, rng.pick(Surnames) + rng.pick(GivenNames), badge); !r)
                return r.error();
            inspectorsByStreet[Streets.at(street)] << u;
        }
        QHash<QString, DemoUser> enterpriseUsers; // uscc → account
        for (int i = 0; i < 30; ++i) {
            const DemoEnterprise& e = enterprises.at(i * 7);
            DemoUser u { newUuidV7(),
                i == 0 ? u"demo.enterprise"_s : u"enterprise%1"_s.arg(i + 1, 2, 10, QChar(u'0')),
                Role::Enterprise, e.uscc, {} };
            if (auto r = addUser(u, rng.pick(Surnames) + rng.pick(GivenNames), {}); !r)
                return r.error();
            enterpriseUsers.insert(e.uscc, u);
        }
        summary.users = static_cast<int>(users.size());
        if (auto r = refreshUserRecords(db); !r)
            return r.error();

        // A year of inspections: account enterprises often, the rest at random.
        QList<int> targets;
        for (int i = 0; i < 30; ++i)
            for (int k = 0; k < 4; ++k)
                targets << i * 7;
        while (targets.size() < options.inspections)
            targets << rng.below(static_cast<int>(enterprises.size()));
        const QString kindsOfInspection[]
            = { u"plan"_s, u"plan"_s, u"random"_s, u"baobao"_s, u"complaint"_s, u"campaign"_s };
        QSet<QString> hazardItems; // "<uscc> <item code>" of every hazard seeded so far
        for (qsizetype n = 0; n < targets.size(); ++n) {
            const DemoEnterprise& e = enterprises.at(targets.at(n));
            const QList<DemoUser>& pool = inspectorsByStreet.value(e.street);
            const DemoUser& lead = pool.at(rng.below(static_cast<int>(pool.size())));
            const bool enforcement = rng.chance(0.35);
            QJsonArray inspectorIds { lead.id };
            if (enforcement) {
                const DemoUser* second = &lead;
                while (second->id == lead.id)
                    second = &pool.at(rng.below(static_cast<int>(pool.size())));
                inspectorIds.append(second->id);
            }
            // Spread over the past year; the last few in the past fortnight.
            const int daysAgo = n % 25 == 0 ? 1 + rng.below(12) : 1 + rng.below(360);
            const QDate day = today.addDays(-daysAgo);
            const QDateTime started = localTime(day, 8 * 60 + 30 + rng.below(7 * 60));
            const QDateTime finished = started.addSecs(40 * 60 + rng.below(90 * 60));
            const QString tplCode
                = e.kind->templates.at(rng.below(static_cast<int>(e.kind->templates.size())));
            const core::ChecklistTemplate& tpl = byCode[tplCode];
            const QString inspectionId = rng.uuid(started);
            core::Location loc;
            {
                auto rec = core::loadRecord(db, u"enterprise"_s, e.uscc);
                if (!rec)
                    return rec.error();
                loc.lat = (*rec)->fields.value(u"lat"_s).toDouble() + rng.uniform(-0.0003, 0.0003);
                loc.lon = (*rec)->fields.value(u"lon"_s).toDouble() + rng.uniform(-0.0003, 0.0003);
                loc.accuracyM = 5 + rng.below(20);
                loc.fixTime = core::formatTimestamp(started);
                loc.source = u"gps"_s;
            }
            QJsonObject create { { u"enterprise_id"_s, e.uscc },
                { u"kind"_s, kindsOfInspection[rng.below(6)] },
                { u"mode"_s, enforcement ? u"enforcement"_s : u"guidance"_s },
                { u"inspector_ids"_s, inspectorIds },
                { u"template_refs"_s, QJsonArray { tpl.ref() } },
                { u"started_at"_s, core::formatTimestamp(started) },
                { u"location"_s, loc.toJson() } };
            const core::Actor inspector = actorOf(lead);
            if (auto r
                = writer.apply(inspector, u"inspection.create"_s, inspectionId, create, started);
                !r)
                return r.error();
            ++summary.inspections;
            // Account enterprises fail more items so that every rectification path shows.
            const double failRate = enterpriseUsers.contains(e.uscc) ? 0.18 : 0.07;
            QList<std::pair<core::ChecklistItem, QString>> failed;
            int minute = 2;
            for (const auto& item : tpl.items) {
                const QDateTime at = started.addSecs(60 * minute++);
                const double roll = rng.uniform(0, 1);
                const QString result = roll < failRate ? u"fail"_s
                    : roll < failRate + 0.05           ? u"na"_s
                                                       : u"pass"_s;
                QJsonObject answer { { u"inspection_id"_s, inspectionId },
                    { u"item_code"_s, item.code }, { u"result"_s, result } };
                if (result == u"fail"_s)
                    answer.insert(u"note"_s, u"现场检查发现不符合要求"_s);
                if (auto r = writer.apply(inspector, u"answer.set"_s, rng.uuid(at), answer, at); !r)
                    return r.error();
                if (result == u"fail"_s)
                    failed.append({ item, core::formatTimestamp(at) });
            }
            QJsonObject finish { { u"finished_at"_s, core::formatTimestamp(finished) } };
            if (rng.chance(0.03))
                finish.insert(u"refusal_note"_s, u"企业负责人拒绝签字，已由两名执法人员见证"_s);
            else
                finish.insert(u"signatures"_s, QJsonArray { rng.pick(signatureIds) });
            if (auto r
                = writer.apply(inspector, u"inspection.finish"_s, inspectionId, finish, finished);
                !r)
                return r.error();

            // Hazards for the failed items, then their rectification as far as time allows. An
            // item of this enterprise that already has a hazard (from another of its inspections)
            // gets no second one: an inspector follows the hazard that is there, and two rows
            // with the same finding at one enterprise read as one hazard shown twice.
            QJsonArray orderHazards; // the hazards the inspection's order covers
            for (const auto& [item, answeredAt] : std::as_const(failed)) {
                if (hazardItems.contains(e.uscc + u' ' + item.code))
                    continue;
                hazardItems.insert(e.uscc + u' ' + item.code);
                const QDateTime created = finished.addSecs(60);
                const QDate createdOn = core::rules::localDate(created, zone);
                const bool major = item.majorHazardIfFailed;
                const QDate deadline = core::rules::defaultDeadline(
                    major ? core::HazardLevel::Major : core::HazardLevel::General, createdOn);
                const QString hazardId = rng.uuid(created);
                QJsonObject h { { u"enterprise_id"_s, e.uscc },
                    { u"inspection_id"_s, inspectionId }, { u"item_code"_s, item.code },
                    { u"description"_s, core::rules::finding(item) }, { u"place"_s, u"生产车间"_s },
                    { u"level"_s, major ? u"major"_s : u"general"_s },
                    { u"category"_s, tpl.titleZh },
                    { u"basis"_s, core::rules::legalBasis(item.basis) },
                    { u"measure"_s, u"按照依据立即整改，整改完成后上传照片"_s },
                    { u"deadline"_s, deadline.toString(Qt::ISODate) },
                    { u"location"_s, loc.toJson() } };
                if (auto r = writer.apply(inspector, u"hazard.create"_s, hazardId, h, created); !r)
                    return r.error();
                ++summary.hazards;
                orderHazards.append(hazardId);
                QString status = u"open"_s;
                const QDateTime now = localTime(today, 8 * 60);
                auto event = [&](const core::Actor& actor, const QString& name, const QDateTime& at,
                                 const QString& note) -> Result<bool> {
                    if (at >= now)
                        return false;
                    QJsonObject args { { u"hazard_id"_s, hazardId }, { u"note"_s, note } };
                    if (auto r = writer.apply(actor, name, rng.uuid(at), args, at); !r)
                        return r.error();
                    return true;
                };
                const int plan = rng.below(100);
                const auto account = enterpriseUsers.constFind(e.uscc);
                const DemoUser& supervisor = supervisors.at(rng.below(3));
                if (account != enterpriseUsers.constEnd() && plan < 85) {
                    const core::Actor rep = actorOf(*account, e.uscc);
                    const QDateTime submitAt = created.addDays(3 + rng.below(10));
                    auto s = event(rep, u"rectification.submit"_s, submitAt, u"已按要求整改完毕"_s);
                    if (!s)
                        return s.error();
                    if (!*s)
                        goto tally;
                    status = u"submitted"_s;
                    if (plan < 20)
                        goto tally; // awaiting re-inspection
                    const QDateTime reviewAt = submitAt.addDays(1 + rng.below(6));
                    if (plan < 40) {
                        auto rj = event(inspector, u"rectification.reject"_s, reviewAt,
                            u"整改不彻底，请重新整改"_s);
                        if (!rj)
                            return rj.error();
                        if (*rj)
                            status = u"rejected"_s;
                        if (plan < 30 || !*rj)
                            goto tally;
                        auto again = event(rep, u"rectification.submit"_s, reviewAt.addDays(4),
                            u"已再次整改并补充照片说明"_s);
                        if (!again)
                            return again.error();
                        if (*again)
                            status = u"submitted"_s;
                        goto tally;
                    }
                    auto v = event(
                        inspector, u"rectification.verify"_s, reviewAt, u"复查合格，销号"_s);
                    if (!v)
                        return v.error();
                    if (*v)
                        status = u"verified"_s;
                } else if (plan < 25 || (account == enterpriseUsers.constEnd() && plan < 35)) {
                    // Not rectified in time: the supervisor escalates (督办).
                    const QDateTime escalateAt
                        = localTime(deadline.addDays(2 + rng.below(5)), 10 * 60);
                    auto x = event(actorOf(supervisor), u"rectification.escalate"_s, escalateAt,
                        u"逾期未整改，挂牌督办"_s);
                    if (!x)
                        return x.error();
                    if (*x)
                        status = u"escalated"_s;
                }
            tally:
                ++summary.hazardsByStatus[status];
                if (core::rules::isOverdue(deadline, *core::parseHazardStatus(status), today))
                    ++summary.overdue;
            }
            // An enterprise with an account receives the record of each inspection and the
            // order of each enforcement inspection (document.issue), numbered and rendered as
            // the inspector's device does.
            if (enterpriseUsers.contains(e.uscc))
                if (auto r = issueDemoDocument(db, writer, blobs, u"inspection_record"_s, lead,
                        inspectionId, e.uscc, {}, finished.addSecs(60), zone, numberLogins);
                    !r)
                    return r.error();
            if (enforcement && enterpriseUsers.contains(e.uscc) && !orderHazards.isEmpty())
                if (auto r = issueDemoDocument(db, writer, blobs, u"rectification_order"_s, lead,
                        inspectionId, e.uscc, orderHazards, finished.addSecs(120), zone,
                        numberLogins);
                    !r)
                    return r.error();
        }

        // This year's plans, issued by the supervisor early in January (年度监督检查计划): per
        // street, two inspector groups share the street's red and orange enterprises (重点检查,
        // at most six per group); and one district-wide 双随机 draw of two enterprises per street
        // for two inspectors per street, demo.inspector among them.
        const int year = today.year();
        const QDateTime issued
            = std::min(localTime(QDate(year, 1, 6), 9 * 60), localTime(today.addDays(-1), 9 * 60));
        const core::Actor planner = actorOf(supervisors.first());
        auto addPlan = [&](const QString& title, const QString& kind, const QStringList& firms,
                           const QList<DemoUser>& team, int minute) -> Result<void> {
            if (firms.isEmpty() || team.isEmpty())
                return {};
            QJsonArray inspectorIds;
            for (const auto& u : team)
                inspectorIds.append(u.id);
            const QDateTime at = issued.addSecs(minute * 60);
            const QJsonObject args { { u"year"_s, year }, { u"title"_s, title },
                { u"kind"_s, kind }, { u"enterprise_ids"_s, QJsonArray::fromStringList(firms) },
                { u"inspector_ids"_s, inspectorIds } };
            if (auto r = writer.apply(planner, u"plan.upsert"_s, rng.uuid(at), args, at); !r)
                return r.error();
            ++summary.plans;
            return {};
        };
        QStringList drawn;
        QList<DemoUser> drawTeam;
        for (qsizetype s = 0; s < Streets.size(); ++s) {
            const QString& street = Streets.at(s);
            const QList<DemoUser>& pool = inspectorsByStreet.value(street);
            const qsizetype half = (pool.size() + 1) / 2;
            const QList<QList<DemoUser>> groups { pool.mid(0, half), pool.mid(half) };
            QList<QStringList> shares(groups.size());
            QStringList others;
            int next = 0;
            for (const auto& e : std::as_const(enterprises)) {
                if (e.street != street)
                    continue;
                if (e.grade != u"red"_s && e.grade != u"orange"_s) {
                    others << e.uscc;
                    continue;
                }
                QStringList& share = shares[next];
                if (share.size() < 6)
                    share << e.uscc;
                next = (next + 1) % static_cast<int>(shares.size());
            }
            for (qsizetype g = 0; g < groups.size(); ++g)
                if (auto r
                    = addPlan(u"%1年度执法检查计划（%2第%3组）"_s.arg(year).arg(street).arg(g + 1),
                        u"key"_s, shares.at(g), groups.at(g), static_cast<int>(s * 2 + g));
                    !r)
                    return r.error();
            for (int k = 0; k < 2 && !others.isEmpty(); ++k)
                drawn << others.takeAt(rng.below(static_cast<int>(others.size())));
            if (!pool.isEmpty()) {
                // demo.inspector is the first inspector of the first street.
                const int n = static_cast<int>(pool.size());
                const int first = s == 0 ? 0 : rng.below(n);
                drawTeam << pool.at(first);
                if (n > 1)
                    drawTeam << pool.at((first + 1 + rng.below(n - 1)) % n);
            }
        }
        if (auto r = addPlan(
                u"%1年第四批“双随机、一公开”抽查"_s.arg(year), u"random"_s, drawn, drawTeam, 30);
            !r)
            return r.error();
        // demo.enterprise's own hazard screening (企业自查, 隐患排查治理): a self-check three
        // weeks ago with two findings, one rectified and closed by the enterprise, one still open.
        {
            const DemoEnterprise& e = enterprises.first();
            const core::Actor self = actorOf(enterpriseUsers.value(e.uscc), e.uscc);
            const core::ChecklistTemplate& tpl = byCode[e.kind->templates.first()];
            const QDateTime started = localTime(today.addDays(-21), 9 * 60);
            const QString selfCheckId = rng.uuid(started);
            const QJsonObject create { { u"enterprise_id"_s, e.uscc },
                { u"kind"_s, u"self_check"_s }, { u"mode"_s, u"guidance"_s },
                { u"inspector_ids"_s, QJsonArray {} },
                { u"template_refs"_s, QJsonArray { tpl.ref() } },
                { u"started_at"_s, core::formatTimestamp(started) } };
            if (auto r = writer.apply(self, u"inspection.create"_s, selfCheckId, create, started);
                !r)
                return r.error();
            QList<core::ChecklistItem> found;
            int minute = 2;
            for (const auto& item : tpl.items) {
                const QDateTime at = started.addSecs(60 * minute++);
                const bool fail = found.size() < 2 && (minute == 4 || minute == 7);
                QJsonObject answer { { u"inspection_id"_s, selfCheckId },
                    { u"item_code"_s, item.code }, { u"result"_s, fail ? u"fail"_s : u"pass"_s } };
                if (fail)
                    answer.insert(u"note"_s, u"自查发现，已登记隐患台账"_s);
                if (auto r = writer.apply(self, u"answer.set"_s, rng.uuid(at), answer, at); !r)
                    return r.error();
                if (fail)
                    found << item;
            }
            // The findings are recorded while the self-check is open, then it is finished.
            QStringList hazardIds;
            const QDateTime recorded = started.addSecs(60 * (minute + 1));
            for (qsizetype k = 0; k < found.size(); ++k) {
                const core::ChecklistItem& item = found.at(k);
                const QDateTime created = recorded.addSecs(60 * k);
                const QDate deadline = core::rules::defaultDeadline(
                    core::HazardLevel::General, core::rules::localDate(created, zone));
                const QString hazardId = rng.uuid(created);
                const QJsonObject h { { u"enterprise_id"_s, e.uscc },
                    { u"source"_s, u"self_check"_s }, { u"inspection_id"_s, selfCheckId },
                    { u"item_code"_s, item.code }, { u"description"_s, core::rules::finding(item) },
                    { u"place"_s, u"生产车间"_s }, { u"level"_s, u"general"_s },
                    { u"category"_s, tpl.titleZh },
                    { u"basis"_s, core::rules::legalBasis(item.basis) },
                    { u"measure"_s, u"安全管理员组织整改，整改后复核"_s },
                    { u"deadline"_s, deadline.toString(Qt::ISODate) } };
                if (auto r = writer.apply(self, u"hazard.create"_s, hazardId, h, created); !r)
                    return r.error();
                ++summary.hazards;
                hazardIds << hazardId;
            }
            const QDateTime finished = recorded.addSecs(60 * (found.size() + 5));
            if (auto r = writer.apply(self, u"inspection.finish"_s, selfCheckId,
                    { { u"finished_at"_s, core::formatTimestamp(finished) } }, finished);
                !r)
                return r.error();
            ++summary.selfChecks;
            // The first finding rectified and closed by the enterprise; the other still open.
            for (qsizetype k = 0; k < hazardIds.size(); ++k) {
                if (k > 0) {
                    ++summary.hazardsByStatus[u"open"_s];
                    continue;
                }
                const QDateTime submitAt = finished.addDays(4);
                const QDateTime closeAt = submitAt.addDays(1);
                if (auto r = writer.apply(self, u"rectification.submit"_s, rng.uuid(submitAt),
                        { { u"hazard_id"_s, hazardIds.at(k) },
                            { u"note"_s, u"已更换损坏部件并试运行"_s } },
                        submitAt);
                    !r)
                    return r.error();
                if (auto r = writer.apply(self, u"rectification.verify"_s, rng.uuid(closeAt),
                        { { u"hazard_id"_s, hazardIds.at(k) },
                            { u"note"_s, u"安全管理员复核合格，自查销号"_s } },
                        closeAt);
                    !r)
                    return r.error();
                ++summary.hazardsByStatus[u"verified"_s];
            }
        }

        // The demo district's names on documents (the devices receive them by a sync).
        const std::pair<const char*, QString> district[] = {
            { ServerConfig::DistrictAuthorityKey, u"青禾区应急管理局"_s },
            { ServerConfig::DistrictReviewAuthorityKey, u"青禾区人民政府或上一级应急管理部门"_s },
            { ServerConfig::DistrictCourtKey, u"青禾区人民法院"_s },
            { ServerConfig::EnterpriseSignerRoleKey, u"企业负责人"_s },
        };
        for (const auto& [key, value] : district)
            if (auto r = ServerConfig::set(db, QString::fromLatin1(key), value); !r)
                return r.error();
        return summary;
    };
    auto result = work();
    if (!result) {
        db.rollback();
        return result;
    }
    if (!db.commit()) {
        const QString text = db.lastError().text();
        db.rollback();
        return makeError(u"sql_error"_s, text);
    }
    return result;
}

} // namespace safeloop::server
