#pragma once

#include "documentrenderer.h"

#include "core/metrics.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QVariantList>
#include <QVariantMap>

namespace safeloop::app {

/// The supervisor's 概览 as a PDF report (DocumentRenderer::renderOverviewReport): the same
/// tiles, trends and charts as the page, worded in the UI language, with the definitions of
/// docs/metrics.md ("Report definitions", embedded in the app) — their one source.
class OverviewReport {
    Q_DECLARE_TR_FUNCTIONS(OverviewReport)

public:
    /// What the report is made of: the figures of the period and of the one before it
    /// (SupervisorOverview::figuresOf), the coverage by street ({key, covered, registered}).
    struct Input {
        core::metrics::Period period;
        QVariantMap figures;
        QVariantMap previous;
        QVariantList byStreet;
        QString authority; ///< the district's authority; empty = not received yet
        QDateTime generatedAt; ///< UTC
        QString language; ///< "zh_CN" or "en": which definitions
    };

    /// The report's data (pure: no store, no rendering).
    static OverviewReportData build(const Input& input);

    /// The definitions of the "Report definitions" table in `markdown` (docs/metrics.md), in
    /// the column of `language` ("zh_CN", else "en"), in the table's order.
    static QList<ReportDefinition> definitions(const QString& markdown, const QString& language);
    /// docs/metrics.md as embedded in the app (empty if it is not).
    static QString metricsMarkdown();

    /// A tile's trend against the previous period, as the 概览 words it: rates in percentage
    /// points, counts as numbers, "（变差）" when the change is the unwelcome direction.
    static QString trend(double now, double before, bool isRate, bool higherIsBetter);
    /// A rate as the tiles show it ("12.5%").
    static QString percent(double rate);
};

} // namespace safeloop::app
