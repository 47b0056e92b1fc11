#include "overviewreport.h"

#include "localization.h"

#include <QFile>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

double num(const QVariantMap& m, const QString& key)
{
    return m.value(key).toDouble();
}

QString count(const QVariantMap& m, const QString& key)
{
    return QString::number(m.value(key).toLongLong());
}

} // namespace

QString OverviewReport::percent(double rate)
{
    return tr("%1%").arg(QLocale().toString(rate * 100, 'f', 1));
}

QString OverviewReport::trend(double now, double before, bool isRate, bool higherIsBetter)
{
    const double delta = now - before;
    if (std::abs(delta) < (isRate ? 0.0005 : 0.5))
        return tr("与上期持平");
    const QString arrow = delta > 0 ? u"↑"_s : u"↓"_s;
    const QString amount = isRate
        ? tr("%1 个百分点").arg(QLocale().toString(std::abs(delta) * 100, 'f', 1))
        : QString::number(std::llround(std::abs(delta)));
    return tr("比上期 %1 %2%3")
        .arg(arrow, amount, (delta > 0) == higherIsBetter ? QString() : tr("（变差）"));
}

QString OverviewReport::metricsMarkdown()
{
    QFile f(u":/safeloop/docs/metrics.md"_s);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QList<ReportDefinition> OverviewReport::definitions(
    const QString& markdown, const QString& language)
{
    QList<ReportDefinition> out;
    const qsizetype start = markdown.indexOf(u"### Report definitions"_s);
    if (start < 0)
        return out;
    const int column = language == u"zh_CN"_s ? 1 : 2;
    bool inTable = false;
    const QStringList lines = markdown.mid(start).split(u'\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.startsWith(u'#'))
            break;
        if (!line.startsWith(u'|')) {
            if (inTable)
                break;
            continue;
        }
        const QStringList cells = line.mid(1, line.size() - 2).split(u'|');
        const bool header = !inTable;
        inTable = true;
        if (header || cells.size() < 3 || cells.first().trimmed().startsWith(u"---"_s))
            continue;
        out.append({ cells.at(0).trimmed(), cells.at(column).trimmed() });
    }
    return out;
}

OverviewReportData OverviewReport::build(const Input& in)
{
    const QVariantMap& f = in.figures;
    const QVariantMap& p = in.previous;
    const auto trendOf = [&](const QString& key, bool isRate, bool higherIsBetter) {
        return trend(num(f, key), num(p, key), isRate, higherIsBetter);
    };
    OverviewReportData d;
    d.title = tr("安全生产监管概览");
    d.authority = in.authority.isEmpty() ? tr("（辖区名称未同步）") : in.authority;
    const QString lang = in.language;
    d.periodLine = tr("统计期间：%1 至 %2（Asia/Shanghai）")
                       .arg(Localization::formatDate(in.period.from, lang),
                           Localization::formatDate(in.period.to, lang));
    d.figuresHeading = tr("主要指标");
    const double median = num(f, u"medianDaysToClose"_s);
    d.figures = {
        { u"coverage"_s, tr("检查覆盖率"), percent(num(f, u"coverageRate"_s)),
            tr("%1 / %2 家企业已检查").arg(count(f, u"covered"_s), count(f, u"enterprises"_s)),
            trendOf(u"coverageRate"_s, true, true) },
        { u"keyNotCovered"_s, tr("重点企业未覆盖"), count(f, u"keyNotCovered"_s),
            tr("重大、较大风险企业本期尚未检查"), trendOf(u"keyNotCovered"_s, false, false) },
        { u"plans"_s, tr("计划检查完成"),
            tr("%1 / %2").arg(count(f, u"plansDone"_s), count(f, u"plansPlanned"_s)),
            tr("待完成 %1 · 逾期 %2").arg(count(f, u"plansDue"_s), count(f, u"plansOverdue"_s)),
            {} },
        { u"found"_s, tr("发现隐患"), count(f, u"found"_s),
            tr("其中重大隐患 %1 条").arg(count(f, u"foundMajor"_s)),
            trendOf(u"found"_s, false, false) },
        { u"rectified"_s, tr("整改率"), percent(num(f, u"rectifiedRate"_s)),
            tr("%1 / %2 条已销号").arg(count(f, u"rectified"_s), count(f, u"found"_s)),
            trendOf(u"rectifiedRate"_s, true, true) },
        { u"majorRectified"_s, tr("重大隐患整改率"), percent(num(f, u"majorRectifiedRate"_s)),
            tr("%1 / %2 条已销号").arg(count(f, u"majorRectified"_s), count(f, u"foundMajor"_s)),
            trendOf(u"majorRectifiedRate"_s, true, true) },
        { u"overdue"_s, tr("逾期未整改"), count(f, u"overdue"_s),
            tr("占发现隐患的 %1").arg(percent(num(f, u"overdueRate"_s))),
            trendOf(u"overdueRate"_s, true, false) },
        { u"medianDaysToClose"_s, tr("整改用时中位数"),
            median < 0 ? tr("—") : tr("%1 天").arg(QLocale().toString(median, 'f', 1)),
            tr("从发现到销号"), {} },
        { u"reinspectionsOnTime"_s, tr("10 天内复查"),
            percent(num(f, u"reinspectionsOnTimeRate"_s)),
            tr("%1 / %2 次复查")
                .arg(count(f, u"reinspectionsOnTime"_s), count(f, u"reinspections"_s)),
            {} },
        { u"selfChecks"_s, tr("企业自查"), tr("%1 次").arg(count(f, u"selfChecks"_s)),
            tr("%1 家企业完成自查").arg(count(f, u"selfCheckEnterprises"_s)), {} },
    };
    const double found = num(f, u"found"_s), rectified = num(f, u"rectified"_s),
                 overdue = num(f, u"overdue"_s);
    const double inTime = std::max(0.0, found - rectified - overdue);
    d.hazardChartTitle = tr("本期发现的隐患现在怎样");
    d.hazardSlices = {
        { tr("已整改销号 %1").arg(std::llround(rectified)), rectified, QColor(0x2e, 0x7d, 0x32) },
        { tr("整改期限内 %1").arg(std::llround(inTime)), inTime, QColor(0xf5, 0x9e, 0x0b) },
        { tr("逾期未整改 %1").arg(std::llround(overdue)), overdue, QColor(0xc6, 0x28, 0x28) },
    };
    d.streetChartTitle = tr("各街道覆盖率");
    d.coveredLabel = tr("已检查");
    d.notCoveredLabel = tr("未检查");
    for (const auto& v : in.byStreet) {
        const QVariantMap s = v.toMap();
        const QString key = s.value(u"key"_s).toString();
        d.streets.append({ key.isEmpty() ? tr("未登记街道") : key, s.value(u"covered"_s).toInt(),
            s.value(u"registered"_s).toInt() });
    }
    d.definitionsHeading = tr("指标定义");
    const QList<ReportDefinition> all = definitions(metricsMarkdown(), lang);
    for (const auto& fig : d.figures)
        for (const auto& def : all)
            if (def.key == fig.key)
                d.definitions.append(def);
    for (const auto& def : all)
        if (def.key == u"period"_s)
            d.definitions.append(def);
    const QDateTime local = in.generatedAt.toTimeZone(QTimeZone("Asia/Shanghai"));
    d.footnote = tr("生成于 %1 %2（Asia/Shanghai）；数据来自本设备上次同步的全区数据。")
                     .arg(Localization::formatDate(local.date(), lang), local.toString(u"HH:mm"_s));
    return d;
}

} // namespace safeloop::app
