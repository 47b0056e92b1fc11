#pragma once

#include "core/result.h"

#include <QColor>
#include <QDate>
#include <QDateTime>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

namespace safeloop::app {

/// An inspector on a document: name and enforcement badge number (执法证号).
struct DocInspector {
    QString name;
    QString badgeNumber;
};

/// A handwritten signature (PNG image) or, when the person refused, a refusal note.
struct DocSignature {
    QString signerName;
    QString role; ///< e.g. "检查人员", "企业负责人"
    QImage image; ///< null when refused or not yet signed
    QString refusalNote; ///< non-empty when the person refused to sign
    QDateTime signedAt; ///< UTC
};

/// One finding with its evidence and legal grounds.
struct DocFinding {
    QString itemCode;
    QString description;
    QString place;
    bool major = false; ///< 重大事故隐患
    QString provisionViolated; ///< 违反的条款
    QString legalBasisForOrder; ///< 责令整改的依据
    QStringList evidenceRefs; ///< photo ids / SHA-256 prefixes
    QString disposition; ///< e.g. 当场整改 / 责令限期整改
};

/// Fields of the 现场检查记录 (on-site inspection record), BRIEF.md §2.
struct InspectionRecordData {
    QString documentNumber;
    QString issuingAuthority; ///< e.g. "青禾区应急管理局"
    QString enterpriseName;
    QString creditCode;
    QString address;
    QString place; ///< 检查场所
    QString areaInspected; ///< 检查范围
    QDateTime startTime; ///< UTC; printed in `timeZoneId`
    QDateTime endTime;
    QList<DocInspector> inspectors; ///< ≥ 2 for enforcement
    QString recorder; ///< 记录人
    QString enterpriseEscort; ///< 企业陪同人员
    bool credentialsShown = true; ///< 已出示执法证件
    QList<DocFinding> findings;
    QString overallDisposition;
    QList<DocSignature> signatures;
    QByteArray timeZoneId = "Asia/Shanghai";
};

/// The enterprise's acknowledgement of receipt (送达回执).
struct DocReceipt {
    QString receiverName;
    QDateTime receivedAt;
    DocSignature signature;
};

/// Fields of the 责令限期整改指令书 (rectification order), BRIEF.md §2.
struct RectificationOrderData {
    QString documentNumber; ///< e.g. "(青)应急责改〔2026〕12号"
    QString issuingAuthority;
    QString enterpriseName;
    QString creditCode;
    QString address;
    QDateTime inspectionTime;
    QString place;
    QList<DocFinding> findings;
    QDate deadline; ///< local date in the district's zone
    QString interimMeasures; ///< 整改期间的安全防范措施
    QString reviewAuthority; ///< 行政复议机关 (people's government or superior department)
    QString court; ///< 人民法院
    QList<DocInspector> inspectors;
    QList<DocSignature> signatures;
    DocReceipt receipt;
    QDate issuedOn;
    QByteArray timeZoneId = "Asia/Shanghai";
};

/// Fields of the 安全检查指导意见 a guidance inspection (指导服务) leaves with the enterprise
/// when it found hazards. Guidance is no enforcement: the opinion orders nothing, so it carries
/// no 责令整改 basis, no 行政复议/行政诉讼 notice and no number of the enforcement series; it
/// refers to the 现场检查记录 it goes with by that record's number.
struct GuidanceOpinionData {
    QString title; ///< 安全检查指导意见
    QString issuingAuthority;
    QString enterpriseName;
    QString creditCode;
    QString address;
    QDateTime inspectionTime;
    QString recordNumber; ///< the 现场检查记录 this opinion goes with
    QList<DocFinding> findings; ///< each with its suggested deadline as disposition
    QString suggestedMeasures; ///< 整改期间建议采取的防范措施
    QList<DocInspector> inspectors;
    QList<DocSignature> signatures;
    QDate issuedOn;
    QByteArray timeZoneId = "Asia/Shanghai";
};

/// Fields of the 整改复查意见书 (re-inspection opinion), BRIEF.md §2: which order it follows up,
/// the finding, what was reported and checked, and the conclusion.
struct ReinspectionOpinionData {
    QString documentNumber; ///< e.g. "(青)应急复查〔2026〕3号"
    QString issuingAuthority;
    QString enterpriseName;
    QString creditCode;
    QString address;
    QString orderNumber; ///< the 指令书 followed up; empty when this device does not know it
    QString followsUp; ///< how the opinion names what it follows up (order or guidance)
    DocFinding finding;
    QDate originalDeadline;
    QString reported; ///< what the enterprise reported (note, date, photos)
    QString checked; ///< what the inspector checked on the re-inspection
    bool verified = false; ///< 销号; false = 退回整改
    QString reason; ///< a rejection's reason (empty when verified)
    QDate newDeadline; ///< the deadline now running after a rejection
    QList<DocInspector> inspectors;
    QDateTime reinspectedAt; ///< UTC
    QDate issuedOn;
    QByteArray timeZoneId = "Asia/Shanghai";
};

/// One figure tile of the supervisor's 概览 as the report prints it.
struct ReportFigure {
    QString key; ///< the figure (docs/metrics.md "Report definitions")
    QString title;
    QString value; ///< the number as the tile shows it
    QString detail;
    QString trend; ///< against the previous period; empty for figures without one
};

/// A share of a ring chart.
struct ReportSlice {
    QString label;
    double value = 0;
    QColor color;
};

/// One bar of a stacked coverage chart: covered of registered.
struct ReportBar {
    QString label;
    int covered = 0;
    int registered = 0;
};

/// A figure's definition as the report prints it.
struct ReportDefinition {
    QString key;
    QString text;
};

/// The supervisor's 概览 as a PDF report: every label in the UI language, already worded.
struct OverviewReportData {
    QString title; ///< e.g. 安全生产监管概览
    QString authority; ///< the district's authority, the letterhead
    QString periodLine; ///< the chosen period, first and last day (Asia/Shanghai)
    QString figuresHeading;
    QList<ReportFigure> figures;
    QString hazardChartTitle;
    QList<ReportSlice> hazardSlices;
    QString streetChartTitle;
    QString coveredLabel; ///< legend of the bars' covered part
    QString notCoveredLabel;
    QList<ReportBar> streets;
    QString definitionsHeading;
    QList<ReportDefinition> definitions;
    QString footnote; ///< when and from what data it was made
};

/// Renders SafeLoop's paper documents to A4 PDF with a CJK font.
/// Thread-safe: call from a worker thread (QtConcurrent) — never block the UI on it.
class DocumentRenderer {
public:
    /// Writes the on-site inspection record to `pdfPath`.
    static core::Result<void> renderInspectionRecord(
        const InspectionRecordData& data, const QString& pdfPath);
    /// Writes the rectification order to `pdfPath`.
    static core::Result<void> renderRectificationOrder(
        const RectificationOrderData& data, const QString& pdfPath);
    /// Writes a guidance inspection's 安全检查指导意见 to `pdfPath`.
    static core::Result<void> renderGuidanceOpinion(
        const GuidanceOpinionData& data, const QString& pdfPath);
    /// Writes a re-inspection's 整改复查意见书 to `pdfPath`.
    static core::Result<void> renderReinspectionOpinion(
        const ReinspectionOpinionData& data, const QString& pdfPath);
    /// Writes the supervisor's overview report (figures, charts drawn from them, definitions).
    static core::Result<void> renderOverviewReport(
        const OverviewReportData& data, const QString& pdfPath);
    /// Family name of the CJK font used (loads Noto Sans CJK from disk if fontconfig lacks it);
    /// empty when none could be found.
    static QString cjkFontFamily();
};

} // namespace safeloop::app
