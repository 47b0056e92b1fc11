#include "documentrenderer.h"

#include "documentfont.h"

#include "core/rules.h"

#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QFontDatabase>
#include <QMutex>
#include <QMutexLocker>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextLayout>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

#include <functional>

#include <memory>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

QString localTime(const QDateTime& utc, const QByteArray& zoneId)
{
    if (!utc.isValid())
        return u"____年__月__日 __:__"_s;
    const QDateTime local = utc.toTimeZone(QTimeZone(zoneId));
    return u"%1年%2月%3日 %4"_s.arg(local.date().year())
        .arg(local.date().month())
        .arg(local.date().day())
        .arg(local.toString(u"HH:mm"_s));
}

QString chineseDate(const QDate& date)
{
    if (!date.isValid())
        return u"____年__月__日"_s;
    return u"%1年%2月%3日"_s.arg(date.year()).arg(date.month()).arg(date.day());
}

QString inspectorsLine(const QList<DocInspector>& inspectors)
{
    QStringList parts;
    for (const auto& inspector : inspectors)
        parts << u"%1（执法证号：%2）"_s.arg(inspector.name, inspector.badgeNumber);
    return parts.join(u"、"_s);
}

QString orBlank(const QString& text)
{
    return text.isEmpty() ? u"——"_s : text;
}

/// A4 page flow: paragraphs wrap and break across pages line by line.
class PdfFlow {
public:
    PdfFlow(const QString& path, const QString& title, const QString& family)
        : m_writer(path)
        , m_family(family)
    {
        m_writer.setTitle(title);
        m_writer.setCreator(u"SafeLoop"_s);
        m_writer.setResolution(300);
        m_writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
            QMarginsF(20, 18, 20, 22), QPageLayout::Millimeter));
        m_ok = m_painter.begin(&m_writer);
        m_area = QRectF(0, 0, m_writer.width(), m_writer.height());
        m_y = m_area.top();
    }

    bool ok() const { return m_ok; }

    QFont font(qreal points, bool bold = false) const
    {
        QFont f(m_family);
        f.setPointSizeF(points);
        f.setBold(bold);
        // Shaping swaps in alternate digit glyphs after Latin letters ("MA0Y3…") that carry no
        // Unicode mapping in the PDF, so copy-paste and search would lose them.
        f.setStyleStrategy(QFont::PreferNoShaping);
        return f;
    }

    qreal mm(qreal millimetres) const { return millimetres * m_writer.resolution() / 25.4; }

    void paragraph(const QString& text, const QFont& f, Qt::Alignment align = Qt::AlignLeft,
        qreal indentMm = 0, qreal spaceAfterMm = 1.5)
    {
        QTextLayout layout(text, f, &m_writer);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        option.setAlignment(align);
        layout.setTextOption(option);
        const qreal indent = mm(indentMm);
        layout.beginLayout();
        qreal height = 0;
        while (true) {
            QTextLine line = layout.createLine();
            if (!line.isValid())
                break;
            line.setLineWidth(m_area.width() - indent);
            line.setPosition(QPointF(0, height));
            height += line.height() * 1.25;
        }
        layout.endLayout();
        m_painter.setPen(Qt::black);
        for (int i = 0; i < layout.lineCount(); ++i) {
            const QTextLine line = layout.lineAt(i);
            ensureSpace(line.height());
            line.draw(&m_painter, QPointF(m_area.left() + indent, m_y - line.y()));
            m_y += line.height() * 1.25;
        }
        m_y += mm(spaceAfterMm);
    }

    void signature(const DocSignature& sig, const QFont& f, const QByteArray& zoneId)
    {
        const QString who
            = sig.role.isEmpty() ? sig.signerName : u"%1：%2"_s.arg(sig.role, sig.signerName);
        if (!sig.refusalNote.isEmpty()) {
            paragraph(u"%1　拒绝签字（%2）"_s.arg(who, sig.refusalNote), f);
            return;
        }
        if (sig.image.isNull()) {
            paragraph(u"%1　签字：__________　日期：____年__月__日"_s.arg(who), f);
            return;
        }
        paragraph(u"%1　签字："_s.arg(who), f, Qt::AlignLeft, 0, 0.5);
        const qreal h = mm(16);
        const qreal w
            = std::min(m_area.width() / 2, h * sig.image.width() / std::max(1, sig.image.height()));
        ensureSpace(h);
        m_painter.drawImage(QRectF(m_area.left() + mm(10), m_y, w, h), sig.image);
        m_y += h + mm(1);
        if (sig.signedAt.isValid())
            paragraph(u"签字时间：%1"_s.arg(localTime(sig.signedAt, zoneId)), f);
    }

    void gap(qreal millimetres) { m_y += mm(millimetres); }

    /// A drawing `heightMm` high across the text width, on a new page if it does not fit;
    /// `paint` draws into the rectangle it is given.
    void drawing(qreal heightMm, const std::function<void(QPainter&, const QRectF&)>& paint)
    {
        const qreal h = mm(heightMm);
        ensureSpace(h);
        m_painter.save();
        paint(m_painter, QRectF(m_area.left(), m_y, m_area.width(), h));
        m_painter.restore();
        m_y += h + mm(2);
    }

    void finish()
    {
        drawFooter();
        m_painter.end();
    }

private:
    void ensureSpace(qreal height)
    {
        if (m_y + height <= m_area.bottom())
            return;
        drawFooter();
        m_writer.newPage();
        ++m_page;
        m_y = m_area.top();
    }

    void drawFooter()
    {
        m_painter.setFont(font(9));
        m_painter.setPen(Qt::black);
        m_painter.drawText(QRectF(m_area.left(), m_area.bottom() + mm(4), m_area.width(), mm(8)),
            Qt::AlignHCenter | Qt::AlignTop, u"第 %1 页"_s.arg(m_page));
    }

    QPdfWriter m_writer;
    QPainter m_painter;
    QString m_family;
    QRectF m_area;
    qreal m_y = 0;
    int m_page = 1;
    bool m_ok = false;
};

core::Result<void> prepare(const QString& pdfPath, QString* family)
{
    *family = DocumentRenderer::cjkFontFamily();
    if (family->isEmpty())
        return core::Error { u"font_missing"_s, u"no CJK font found (install fonts-noto-cjk)"_s };
    if (!QDir().mkpath(QFileInfo(pdfPath).absolutePath()))
        return core::Error { u"path_not_writable"_s,
            u"cannot create the folder for %1"_s.arg(pdfPath) };
    return {};
}

/// Writes a document to `pdfPath`: the issuing authority, the title and the number line
/// (right-aligned) head it, `write` adds the rest. Errors: font_missing, path_not_writable,
/// pdf_write_failed.
core::Result<void> writeDocument(const QString& pdfPath, const QString& title,
    const QString& authority, const QString& numberLine, const std::function<void(PdfFlow&)>& write)
{
    QString family;
    if (auto prepared = prepare(pdfPath, &family); !prepared)
        return prepared;
    PdfFlow flow(pdfPath, title, family);
    if (!flow.ok())
        return core::Error { u"pdf_write_failed"_s, u"cannot write %1"_s.arg(pdfPath) };
    flow.paragraph(authority, flow.font(13), Qt::AlignHCenter);
    flow.paragraph(title, flow.font(20, true), Qt::AlignHCenter, 0, 2);
    flow.paragraph(numberLine, flow.font(11), Qt::AlignRight, 0, 3);
    write(flow);
    flow.finish();
    return {};
}

/// The addressee of a letter-style document: "<name>：" and its credit code and address.
void addressee(PdfFlow& flow, const QString& name, const QString& creditCode,
    const QString& address, const QFont& body)
{
    flow.paragraph(u"%1："_s.arg(orBlank(name)), body);
    flow.paragraph(
        u"统一社会信用代码：%1　地址：%2"_s.arg(orBlank(creditCode), orBlank(address)), body);
}

void findingsBlock(PdfFlow& flow, const QList<DocFinding>& findings, bool withOrderBasis)
{
    const QFont body = flow.font(11);
    if (findings.isEmpty()) {
        flow.paragraph(u"本次检查未发现问题。"_s, body, Qt::AlignLeft, 6);
        return;
    }
    int n = 0;
    for (const auto& f : findings) {
        ++n;
        QString text
            = u"%1. %2%3"_s.arg(n).arg(f.major ? u"【重大事故隐患】"_s : QString(), f.description);
        if (!f.place.isEmpty())
            text += u"（位置：%1）"_s.arg(f.place);
        flow.paragraph(text, body, Qt::AlignLeft, 6, 0.5);
        // Only the legal basis: a checklist's notes for the inspector are not the enterprise's.
        if (const QString basis = core::rules::legalBasis(f.provisionViolated); !basis.isEmpty())
            flow.paragraph(u"违反：%1"_s.arg(basis), body, Qt::AlignLeft, 12, 0.5);
        if (withOrderBasis && !f.legalBasisForOrder.isEmpty())
            flow.paragraph(
                u"责令整改依据：%1"_s.arg(f.legalBasisForOrder), body, Qt::AlignLeft, 12, 0.5);
        if (!f.evidenceRefs.isEmpty())
            flow.paragraph(
                u"证据：%1"_s.arg(f.evidenceRefs.join(u"、"_s)), body, Qt::AlignLeft, 12, 0.5);
        if (!f.disposition.isEmpty())
            flow.paragraph(u"处理：%1"_s.arg(f.disposition), body, Qt::AlignLeft, 12, 0.5);
        flow.gap(1.5);
    }
}

/// The found hazards' states as a ring with its legend beside it.
void ringChart(PdfFlow& flow, QPainter& p, const QRectF& r, const QList<ReportSlice>& slices)
{
    double total = 0;
    for (const auto& s : slices)
        total += std::max(0.0, s.value);
    const qreal d = std::min(r.height(), r.width() / 2);
    const QRectF ring(r.left(), r.top(), d, d);
    p.setPen(Qt::NoPen);
    if (total <= 0) {
        p.setBrush(QColor(0xdd, 0xdd, 0xdd));
        p.drawEllipse(ring);
    } else {
        int start = 90 * 16;
        for (const auto& s : slices) {
            const int span
                = -static_cast<int>(std::lround(5760.0 * std::max(0.0, s.value) / total));
            p.setBrush(s.color);
            p.drawPie(ring, start, span);
            start += span;
        }
    }
    p.setBrush(Qt::white);
    p.drawEllipse(ring.adjusted(d * 0.25, d * 0.25, -d * 0.25, -d * 0.25));
    const QFont f = flow.font(10);
    p.setFont(f);
    const qreal line = flow.mm(7);
    qreal y = r.top() + (d - line * static_cast<qreal>(slices.size())) / 2;
    for (const auto& s : slices) {
        const qreal box = flow.mm(4);
        p.setPen(Qt::NoPen);
        p.setBrush(s.color);
        p.drawRect(QRectF(ring.right() + flow.mm(8), y + (line - box) / 2, box, box));
        p.setPen(Qt::black);
        p.drawText(QRectF(ring.right() + flow.mm(14), y, r.right() - ring.right(), line),
            Qt::AlignLeft | Qt::AlignVCenter, s.label);
        y += line;
    }
}

/// Coverage by street: one stacked bar per street (covered, then not covered) with its label
/// and numbers, and the legend above.
void coverageBars(PdfFlow& flow, QPainter& p, const QRectF& r, const OverviewReportData& d)
{
    const QColor covered(0x1e, 0x6f, 0xb8), notCovered(0xcc, 0xcc, 0xcc);
    const qreal line = flow.mm(7);
    const qreal labelWidth = flow.mm(32), numbersWidth = flow.mm(34);
    p.setFont(flow.font(9));
    const qreal box = flow.mm(4);
    qreal x = r.left() + labelWidth;
    for (const auto& [label, colour] :
        { std::pair { d.coveredLabel, covered }, std::pair { d.notCoveredLabel, notCovered } }) {
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawRect(QRectF(x, r.top() + (line - box) / 2, box, box));
        p.setPen(Qt::black);
        p.drawText(QRectF(x + box + flow.mm(1.5), r.top(), flow.mm(40), line),
            Qt::AlignLeft | Qt::AlignVCenter, label);
        x += flow.mm(45);
    }
    int most = 1;
    for (const auto& b : d.streets)
        most = std::max(most, b.registered);
    const qreal barsWidth = r.width() - labelWidth - numbersWidth;
    qreal y = r.top() + line;
    for (const auto& b : d.streets) {
        p.setPen(Qt::black);
        p.drawText(QRectF(r.left(), y, labelWidth - flow.mm(2), line),
            Qt::AlignRight | Qt::AlignVCenter, b.label);
        const qreal full = barsWidth * b.registered / most;
        const qreal done = b.registered > 0 ? full * b.covered / b.registered : 0;
        const QRectF bar(r.left() + labelWidth, y + line * 0.2, full, line * 0.6);
        p.setPen(Qt::NoPen);
        p.setBrush(notCovered);
        p.drawRect(bar);
        p.setBrush(covered);
        p.drawRect(QRectF(bar.left(), bar.top(), done, bar.height()));
        p.setPen(Qt::black);
        p.drawText(QRectF(r.right() - numbersWidth + flow.mm(2), y, numbersWidth, line),
            Qt::AlignLeft | Qt::AlignVCenter, u"%1 / %2"_s.arg(b.covered).arg(b.registered));
        y += line;
    }
}

} // namespace

core::Result<void> DocumentRenderer::renderOverviewReport(
    const OverviewReportData& data, const QString& pdfPath)
{
    return writeDocument(pdfPath, data.title, data.authority, data.periodLine, [&](PdfFlow& flow) {
        const QFont heading = flow.font(14, true), name = flow.font(12, true), body = flow.font(11),
                    small = flow.font(9.5);
        flow.paragraph(data.figuresHeading, heading, Qt::AlignLeft, 0, 2);
        for (const auto& f : data.figures) {
            flow.paragraph(u"%1：%2"_s.arg(f.title, f.value), name, Qt::AlignLeft, 0, 0.5);
            if (!f.detail.isEmpty())
                flow.paragraph(f.detail, body, Qt::AlignLeft, 6, 0.5);
            if (!f.trend.isEmpty())
                flow.paragraph(f.trend, small, Qt::AlignLeft, 6, 0.5);
            flow.gap(1.5);
        }
        flow.gap(3);
        flow.paragraph(data.hazardChartTitle, heading, Qt::AlignLeft, 0, 2);
        flow.drawing(
            45, [&](QPainter& p, const QRectF& r) { ringChart(flow, p, r, data.hazardSlices); });
        flow.paragraph(data.streetChartTitle, heading, Qt::AlignLeft, 0, 2);
        flow.drawing(7.0 * static_cast<qreal>(data.streets.size() + 1),
            [&](QPainter& p, const QRectF& r) { coverageBars(flow, p, r, data); });
        flow.gap(3);
        flow.paragraph(data.definitionsHeading, heading, Qt::AlignLeft, 0, 2);
        for (const auto& def : data.definitions)
            flow.paragraph(def.text, body, Qt::AlignLeft, 0, 2);
        flow.gap(3);
        flow.paragraph(data.footnote, small);
    });
}

QString DocumentRenderer::cjkFontFamily()
{
    static QMutex mutex;
    static QString family;
    static bool resolved = false;
    QMutexLocker lock(&mutex);
    if (resolved)
        return family;
    resolved = true;
    // The derived font keeps the PDF's text layer searchable (documentfont.h); the system
    // family is the fallback where it cannot be built.
    family = DocumentFont::family();
    if (!family.isEmpty())
        return family;
    const QStringList families = QFontDatabase::families();
    for (const QString& candidate : { u"Noto Sans CJK SC"_s, u"Noto Serif CJK SC"_s }) {
        if (families.contains(candidate)) {
            family = candidate;
            return family;
        }
    }
    for (const QString& file : { u"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"_s,
             u"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"_s }) {
        const int id = QFontDatabase::addApplicationFont(file);
        if (id < 0)
            continue;
        const QStringList loaded = QFontDatabase::applicationFontFamilies(id);
        for (const QString& name : loaded) {
            if (name.endsWith(u" SC"_s)) {
                family = name;
                return family;
            }
        }
        if (!loaded.isEmpty()) {
            family = loaded.constFirst();
            return family;
        }
    }
    return family;
}

core::Result<void> DocumentRenderer::renderInspectionRecord(
    const InspectionRecordData& d, const QString& pdfPath)
{
    return writeDocument(pdfPath, u"现场检查记录"_s, d.issuingAuthority,
        u"编号：%1"_s.arg(orBlank(d.documentNumber)), [&](PdfFlow& flow) {
            const QFont body = flow.font(11);
            flow.paragraph(u"被检查单位：%1"_s.arg(orBlank(d.enterpriseName)), body);
            flow.paragraph(u"统一社会信用代码：%1"_s.arg(orBlank(d.creditCode)), body);
            flow.paragraph(u"地址：%1"_s.arg(orBlank(d.address)), body);
            flow.paragraph(u"检查场所：%1"_s.arg(orBlank(d.place)), body);
            flow.paragraph(u"检查范围：%1"_s.arg(orBlank(d.areaInspected)), body);
            flow.paragraph(u"检查时间：%1 至 %2"_s.arg(localTime(d.startTime, d.timeZoneId),
                               localTime(d.endTime, d.timeZoneId)),
                body);
            flow.paragraph(u"检查人员：%1"_s.arg(orBlank(inspectorsLine(d.inspectors))), body);
            flow.paragraph(u"记录人：%1"_s.arg(orBlank(d.recorder)), body);
            flow.paragraph(u"企业陪同人员：%1"_s.arg(orBlank(d.enterpriseEscort)), body);
            flow.paragraph(d.credentialsShown
                    ? u"检查人员已向被检查单位出示行政执法证件，说明检查目的和依据。"_s
                    : u"检查人员未出示行政执法证件。"_s,
                body, Qt::AlignLeft, 0, 3);
            flow.paragraph(u"检查情况："_s, flow.font(12, true));
            findingsBlock(flow, d.findings, false);
            flow.paragraph(
                u"处理意见：%1"_s.arg(orBlank(d.overallDisposition)), body, Qt::AlignLeft, 0, 4);
            flow.paragraph(u"签字："_s, flow.font(12, true));
            for (const auto& sig : d.signatures)
                flow.signature(sig, body, d.timeZoneId);
        });
}

core::Result<void> DocumentRenderer::renderRectificationOrder(
    const RectificationOrderData& d, const QString& pdfPath)
{
    return writeDocument(pdfPath, u"责令限期整改指令书"_s, d.issuingAuthority,
        orBlank(d.documentNumber), [&](PdfFlow& flow) {
            const QFont body = flow.font(11);
            addressee(flow, d.enterpriseName, d.creditCode, d.address, body);
            flow.paragraph(u"经查，你单位于%1在%2存在下列问题："_s.arg(
                               localTime(d.inspectionTime, d.timeZoneId), orBlank(d.place)),
                body, Qt::AlignLeft, 0, 2);
            findingsBlock(flow, d.findings, true);
            flow.paragraph(
                u"现责令你单位于%1前整改完毕，达到有关法律法规规章和标准规定的要求。"_s.arg(
                    chineseDate(d.deadline)),
                body);
            flow.paragraph(u"整改期间的安全防范措施：%1"_s.arg(orBlank(d.interimMeasures)), body);
            flow.paragraph(
                u"由你单位主要负责人组织整改，整改完成后应于期限届满前向本机关书面报告整改情况。"_s,
                body);
            flow.paragraph(
                u"如果不服本指令，可以依法在60日内向%1申请行政复议，或者在6个月内依法向%2提起行政诉讼，但本指令不停止执行，法律另有规定的除外。"_s
                    .arg(orBlank(d.reviewAuthority), orBlank(d.court)),
                body, Qt::AlignLeft, 0, 4);
            flow.paragraph(
                u"安全生产执法人员：%1"_s.arg(orBlank(inspectorsLine(d.inspectors))), body);
            for (const auto& sig : d.signatures)
                flow.signature(sig, body, d.timeZoneId);
            flow.paragraph(u"%1（印章）"_s.arg(d.issuingAuthority), body, Qt::AlignRight);
            flow.paragraph(chineseDate(d.issuedOn), body, Qt::AlignRight, 0, 5);
            flow.paragraph(u"送达回执"_s, flow.font(12, true));
            flow.paragraph(
                u"被检查单位签收人：%1　签收时间：%2"_s.arg(
                    orBlank(d.receipt.receiverName), localTime(d.receipt.receivedAt, d.timeZoneId)),
                body);
            flow.signature(d.receipt.signature, body, d.timeZoneId);
            flow.paragraph(u"本文书一式两份：一份由被检查单位留存，一份归档。"_s, flow.font(9));
        });
}

core::Result<void> DocumentRenderer::renderGuidanceOpinion(
    const GuidanceOpinionData& d, const QString& pdfPath)
{
    return writeDocument(pdfPath, d.title, d.issuingAuthority,
        u"现场检查记录编号：%1"_s.arg(orBlank(d.recordNumber)), [&](PdfFlow& flow) {
            const QFont body = flow.font(11);
            addressee(flow, d.enterpriseName, d.creditCode, d.address, body);
            flow.paragraph(u"%1对你单位开展安全生产指导服务，发现以下事故隐患："_s.arg(
                               localTime(d.inspectionTime, d.timeZoneId)),
                body, Qt::AlignLeft, 0, 2);
            findingsBlock(flow, d.findings, false);
            flow.paragraph(
                u"整改期间建议采取的防范措施：%1"_s.arg(orBlank(d.suggestedMeasures)), body);
            flow.paragraph(
                u"请你单位主要负责人组织整改，消除事故隐患；整改完成后可通过本系统提交整改情况，申请复查。"_s,
                body, Qt::AlignLeft, 0, 4);
            flow.paragraph(u"检查人员：%1"_s.arg(orBlank(inspectorsLine(d.inspectors))), body);
            for (const auto& sig : d.signatures)
                flow.signature(sig, body, d.timeZoneId);
            flow.paragraph(d.issuingAuthority, body, Qt::AlignRight);
            flow.paragraph(chineseDate(d.issuedOn), body, Qt::AlignRight, 0, 5);
            flow.paragraph(u"本意见书一式两份：一份由被检查单位留存，一份归档。"_s, flow.font(9));
        });
}

core::Result<void> DocumentRenderer::renderReinspectionOpinion(
    const ReinspectionOpinionData& d, const QString& pdfPath)
{
    return writeDocument(pdfPath, u"整改复查意见书"_s, d.issuingAuthority,
        orBlank(d.documentNumber), [&](PdfFlow& flow) {
            const QFont body = flow.font(11);
            addressee(flow, d.enterpriseName, d.creditCode, d.address, body);
            flow.paragraph(u"%1：%2"_s.arg(d.followsUp, orBlank(d.orderNumber)), body);
            flow.paragraph(u"原整改期限：%1"_s.arg(chineseDate(d.originalDeadline)), body,
                Qt::AlignLeft, 0, 2);
            flow.paragraph(u"复查事项："_s, flow.font(12, true));
            findingsBlock(flow, { d.finding }, false);
            flow.paragraph(u"企业整改情况：%1"_s.arg(orBlank(d.reported)), body);
            flow.paragraph(
                u"复查情况：%1于%2进行复查，%3"_s.arg(orBlank(inspectorsLine(d.inspectors)),
                    localTime(d.reinspectedAt, d.timeZoneId), orBlank(d.checked)),
                body, Qt::AlignLeft, 0, 2);
            flow.paragraph(u"复查结论："_s, flow.font(12, true));
            if (d.verified) {
                flow.paragraph(u"该隐患已整改完毕，复查合格，予以销号。"_s, body, Qt::AlignLeft, 6);
            } else {
                flow.paragraph(
                    u"该隐患未整改完毕，复查不合格，退回整改。"_s, body, Qt::AlignLeft, 6);
                flow.paragraph(u"退回原因：%1"_s.arg(orBlank(d.reason)), body, Qt::AlignLeft, 6);
                flow.paragraph(u"请你单位于%1前整改完毕，并重新提交整改情况申请复查。"_s.arg(
                                   chineseDate(d.newDeadline)),
                    body, Qt::AlignLeft, 6);
            }
            flow.gap(3);
            flow.paragraph(u"复查人员：%1"_s.arg(orBlank(inspectorsLine(d.inspectors))), body);
            flow.paragraph(d.issuingAuthority, body, Qt::AlignRight);
            flow.paragraph(chineseDate(d.issuedOn), body, Qt::AlignRight, 0, 5);
            flow.paragraph(u"本文书一式两份：一份由被检查单位留存，一份归档。"_s, flow.font(9));
        });
}

} // namespace safeloop::app
