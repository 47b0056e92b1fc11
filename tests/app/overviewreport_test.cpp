// The supervisor's 概览 as a PDF report: the period, every figure with its trend, the charts
// and the definitions, which come from docs/metrics.md (embedded in the app).
#include "app/overviewreport.h"
#include "app/supervisoroverview.h"
#include "tests/support/pdftext.h"
#include "workflowtestsupport.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

using safeloop::test::pdfPages;

namespace {

/// A hand-made first quarter: 40 registered, 30 covered (0.75), 12 hazards found, 9 rectified,
/// 2 overdue; the quarter before had 20 covered and 10 found.
OverviewReport::Input fixture()
{
    OverviewReport::Input in;
    in.period = { QDate(2026, 1, 1), QDate(2026, 3, 31) };
    in.figures = { { u"enterprises"_s, 40 }, { u"covered"_s, 30 }, { u"coverageRate"_s, 0.75 },
        { u"keyNotCovered"_s, 3 }, { u"plansPlanned"_s, 17 }, { u"plansDone"_s, 11 },
        { u"plansDue"_s, 5 }, { u"plansOverdue"_s, 1 }, { u"found"_s, 12 }, { u"foundMajor"_s, 4 },
        { u"rectified"_s, 9 }, { u"rectifiedRate"_s, 0.75 }, { u"majorRectified"_s, 2 },
        { u"majorRectifiedRate"_s, 0.5 }, { u"overdue"_s, 2 }, { u"overdueRate"_s, 2.0 / 12 },
        { u"medianDaysToClose"_s, 6.5 }, { u"reinspections"_s, 8 }, { u"reinspectionsOnTime"_s, 7 },
        { u"reinspectionsOnTimeRate"_s, 0.875 }, { u"selfChecks"_s, 23 },
        { u"selfCheckEnterprises"_s, 19 } };
    in.previous = in.figures;
    in.previous[u"covered"_s] = 20;
    in.previous[u"coverageRate"_s] = 0.5;
    in.previous[u"found"_s] = 10;
    in.byStreet = { QVariantMap { { u"key"_s, u"青禾街道"_s }, { u"covered"_s, 18 },
                        { u"registered"_s, 25 }, { u"rate"_s, 0.72 } },
        QVariantMap { { u"key"_s, u"东湖街道"_s }, { u"covered"_s, 12 }, { u"registered"_s, 15 },
            { u"rate"_s, 0.8 } } };
    in.authority = u"青禾区应急管理局"_s;
    in.generatedAt = QDateTime(QDate(2026, 4, 2), QTime(1, 0), Qt::UTC);
    in.language = u"zh_CN"_s;
    return in;
}

QString sourceMetrics()
{
    QFile f(QStringLiteral(SAFELOOP_SOURCE_DIR "/docs/metrics.md"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

TEST(OverviewReportTest, DefinitionsAreReadFromTheEmbeddedMetricsDocument)
{
    EXPECT_EQ(OverviewReport::metricsMarkdown(), sourceMetrics());
    const auto zh = OverviewReport::definitions(sourceMetrics(), u"zh_CN"_s);
    const auto en = OverviewReport::definitions(sourceMetrics(), u"en"_s);
    ASSERT_EQ(zh.size(), 11);
    ASSERT_EQ(en.size(), zh.size());
    EXPECT_EQ(zh.first().key, u"coverage"_s);
    EXPECT_TRUE(zh.first().text.startsWith(u"检查覆盖率："_s)) << zh.first().text.toStdString();
    EXPECT_TRUE(en.first().text.startsWith(u"Coverage:"_s));
    EXPECT_EQ(zh.last().key, u"period"_s);
    EXPECT_TRUE(OverviewReport::definitions(u"# nothing here\n"_s, u"zh_CN"_s).isEmpty());
}

TEST(OverviewReportTest, EveryFigureHasItsNumberTrendAndDefinition)
{
    const OverviewReportData d = OverviewReport::build(fixture());
    ASSERT_EQ(d.figures.size(), 10);
    EXPECT_EQ(d.figures.at(0).value, u"75.0%"_s);
    EXPECT_EQ(d.figures.at(0).trend, u"比上期 ↑ 25.0 个百分点"_s);
    EXPECT_EQ(d.figures.at(3).value, u"12"_s);
    EXPECT_EQ(d.figures.at(3).trend, u"比上期 ↑ 2（变差）"_s);
    EXPECT_EQ(d.figures.at(4).trend, u"与上期持平"_s);
    EXPECT_EQ(d.definitions.size(), d.figures.size() + 1); // and the period's
    for (const auto& f : d.figures)
        EXPECT_TRUE(std::any_of(d.definitions.cbegin(), d.definitions.cend(),
            [&](const ReportDefinition& def) { return def.key == f.key; }))
            << f.key.toStdString();
    EXPECT_EQ(d.streets.size(), 2);
    EXPECT_EQ(d.hazardSlices.at(1).value, 1.0); // 12 found − 9 rectified − 2 overdue
}

TEST(OverviewReportTest, ThePdfCarriesThePeriodEveryFigureAndTheDefinitions)
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"概览.pdf"_s);
    const OverviewReportData d = OverviewReport::build(fixture());
    auto r = DocumentRenderer::renderOverviewReport(d, pdf);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_GE(pdfPages(pdf), 1);
    const QString text = safeloop::test::strippedText(safeloop::test::pdfRawText(pdf));
    ASSERT_FALSE(text.isEmpty());
    using safeloop::test::strippedText;
    for (const QString& expected :
        { u"青禾区应急管理局"_s, u"安全生产监管概览"_s, u"2026年1月1日"_s, u"2026年3月31日"_s,
            u"本期发现的隐患现在怎样"_s, u"各街道覆盖率"_s, u"青禾街道"_s, u"18 / 25"_s })
        EXPECT_TRUE(text.contains(strippedText(expected))) << expected.toStdString();
    for (const auto& f : d.figures) {
        EXPECT_TRUE(text.contains(strippedText(f.title + u"："_s + f.value)))
            << f.title.toStdString();
        EXPECT_TRUE(text.contains(strippedText(f.detail))) << f.detail.toStdString();
        if (!f.trend.isEmpty()) {
            EXPECT_TRUE(text.contains(strippedText(f.trend))) << f.trend.toStdString();
        }
    }
    for (const auto& def : d.definitions)
        EXPECT_TRUE(text.contains(strippedText(def.text))) << def.text.toStdString();
}

class OverviewExportTest : public safeloop::app::testing::WorkflowFixture {
protected:
    core::User user() const override { return DemoSeed::supervisor(); }
    bool withHistory() const override { return true; }
};

TEST_F(OverviewExportTest, TheOverviewExportsItsReportAndRefusesAFolderThatIsNotThere)
{
    SupervisorOverview o;
    QSignalSpy loaded(&o, &SupervisorOverview::loaded);
    o.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !loaded.isEmpty(); }));
    QTemporaryDir out;
    QSignalSpy exported(&o, &SupervisorOverview::reportExported);

    o.exportReport(QUrl::fromLocalFile(out.filePath(u"missing/report.pdf"_s)).toString());
    ASSERT_TRUE(exported.wait());
    EXPECT_TRUE(exported.takeFirst().at(0).toString().isEmpty());
    EXPECT_FALSE(QFile::exists(out.filePath(u"missing"_s)));

    const QString path = out.filePath(u"report.pdf"_s);
    o.exportReport(QUrl::fromLocalFile(path).toString());
    ASSERT_TRUE(exported.wait(30000));
    EXPECT_EQ(exported.takeFirst().at(0).toString(), path);
    EXPECT_GE(pdfPages(path), 1);
    const QString text = safeloop::test::strippedText(safeloop::test::pdfRawText(path));
    EXPECT_TRUE(text.contains(safeloop::test::strippedText(
        u"%1：%2"_s.arg(u"发现隐患"_s).arg(o.figures().value(u"found"_s).toInt()))));
}

} // namespace
