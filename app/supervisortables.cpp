// The supervisor's lists as CSV tables (CsvTable): the same columns, in the same order, as the
// pages show them, headers in the UI language.
#include "coveragemap.h"
#include "localization.h"
#include "overviewreport.h"
#include "supervisoroverview.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

QString percentText(double rate)
{
    return QString::number(rate * 100, 'f', 1) + u'%';
}

QString written(const core::Result<QString>& done)
{
    return done ? done.value() : QString();
}

} // namespace

QString SupervisorOverview::riskGradeText(const QString& grade)
{
    if (grade == u"red"_s)
        return tr("重大风险");
    if (grade == u"orange"_s)
        return tr("较大风险");
    if (grade == u"yellow"_s)
        return tr("一般风险");
    if (grade == u"blue"_s)
        return tr("低风险");
    return grade.isEmpty() ? tr("未登记") : grade;
}

std::optional<CsvTable> SupervisorOverview::table(const QString& list) const
{
    CsvTable t;
    if (list == u"drill"_s) {
        if (m_drillKind == u"hazard"_s) {
            t.headers = QStringList { tr("隐患描述"), tr("企业名称") };
            for (const auto& v : m_drill) {
                const QVariantMap r = v.toMap();
                t.rows.append({ r.value(u"description"_s).toString(),
                    r.value(u"enterpriseName"_s).toString() });
            }
        } else {
            t.headers = QStringList { tr("企业名称"), tr("街道"), tr("风险等级") };
            for (const auto& v : m_drill) {
                const QVariantMap r = v.toMap();
                t.rows.append({ r.value(u"name"_s).toString(), r.value(u"street"_s).toString(),
                    riskGradeText(r.value(u"riskGrade"_s).toString()) });
            }
        }
        return t;
    }
    if (list == u"street"_s || list == u"riskGrade"_s || list == u"industry"_s) {
        const bool street = list == u"street"_s;
        const bool industry = list == u"industry"_s;
        t.headers = QStringList { street ? tr("街道")
                : industry               ? tr("行业")
                                         : tr("风险等级"),
            tr("已检查企业"), tr("企业数"), tr("覆盖率") };
        const auto name = [street, industry](const QString& key) {
            if (street)
                return key.isEmpty() ? tr("未登记街道") : key;
            if (industry)
                return key.isEmpty() ? tr("未登记行业")
                                     : tr("%1（%2）").arg(Localization::industryNameOf(key), key);
            return riskGradeText(key);
        };
        for (const auto& v : street ? m_byStreet : industry ? m_byIndustry : m_byGrade) {
            const QVariantMap r = v.toMap();
            const QString key = r.value(u"key"_s).toString();
            t.rows.append({ name(key), QString::number(r.value(u"covered"_s).toInt()),
                QString::number(r.value(u"registered"_s).toInt()),
                percentText(r.value(u"rate"_s).toDouble()) });
        }
        return t;
    }
    if (list == u"leaders"_s) {
        t.headers = QStringList { tr("包保领导"), tr("企业数"), tr("重点企业数"), tr("已检查"),
            tr("重大隐患未销号"), tr("逾期") };
        for (const auto& v : m_leaders) {
            const QVariantMap r = v.toMap();
            const QString leader = r.value(u"leader"_s).toString();
            t.rows.append({ leader.isEmpty() ? tr("未分配") : leader,
                QString::number(r.value(u"enterprises"_s).toInt()),
                QString::number(r.value(u"keyEnterprises"_s).toInt()),
                QString::number(r.value(u"covered"_s).toInt()),
                QString::number(r.value(u"openMajor"_s).toInt()),
                QString::number(r.value(u"overdue"_s).toInt()) });
        }
        return t;
    }
    if (list == u"inspectors"_s) {
        t.headers = QStringList { tr("检查人员"), tr("检查次数"), tr("发现隐患"),
            tr("每次检查隐患数"), tr("文书份数"), tr("记录完整率") };
        for (const auto& v : m_inspectors) {
            const QVariantMap r = v.toMap();
            t.rows.append(
                { r.value(u"name"_s).toString(), QString::number(r.value(u"inspections"_s).toInt()),
                    QString::number(r.value(u"hazards"_s).toInt()),
                    QString::number(r.value(u"perInspection"_s).toDouble(), 'f', 1),
                    QString::number(r.value(u"documents"_s).toInt()),
                    QString::number(qRound(r.value(u"complete"_s).toDouble() * 100)) + u'%' });
        }
        return t;
    }
    return std::nullopt;
}

QString SupervisorOverview::exportCsv(const QString& list, const QString& path) const
{
    const auto t = table(list);
    return t ? written(t->write(path)) : QString();
}

void SupervisorOverview::exportReport(const QString& path)
{
    const QUrl url(path);
    const QString local = url.isLocalFile() ? url.toLocalFile() : path;
    DeviceStore* s = store();
    if (local.trimmed().isEmpty() || local.contains(u"://"_s) || !s->ready() || m_figures.isEmpty()
        || !QFileInfo(local).absoluteDir().exists()) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT reportExported({}); }, Qt::QueuedConnection);
        return;
    }
    OverviewReport::Input in { m_period, m_figures, m_previous, m_byStreet, {}, s->now(),
        Localization::current() };
    s->run<QString>(
        this,
        [](core::LocalStore& st) {
            auto profile = st.districtProfile();
            return profile ? profile->authority : QString();
        },
        [this, in, local](const QString& authority) mutable {
            in.authority = authority;
            const OverviewReportData data = OverviewReport::build(in);
            auto* watcher = new QFutureWatcher<bool>(this);
            connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, local] {
                const bool ok = watcher->result();
                watcher->deleteLater();
                Q_EMIT reportExported(ok ? QFileInfo(local).absoluteFilePath() : QString());
            });
            watcher->setFuture(QtConcurrent::run([data, local] {
                return DocumentRenderer::renderOverviewReport(data, local).ok();
            }));
        });
}

CsvTable CoverageMap::table() const
{
    CsvTable t;
    t.headers = QStringList { tr("企业名称"), tr("街道"), tr("风险等级"), tr("地图标记") };
    QList<core::metrics::MapPoint> points = m_points;
    std::stable_sort(
        points.begin(), points.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const auto& p : points)
        t.rows.append(
            { p.name, p.street, SupervisorOverview::riskGradeText(core::toString(p.riskGrade)),
                p.openMajor     ? tr("有重大隐患未销号")
                    : p.covered ? tr("已检查")
                                : tr("未检查") });
    return t;
}

QString CoverageMap::exportCsv(const QString& path) const
{
    return written(table().write(path));
}

CsvTable DeviceHealthModel::table() const
{
    CsvTable t;
    t.headers = QStringList { tr("使用人"), tr("版本"), tr("最近同步"), tr("未同步天数"),
        tr("待上传记录"), tr("待上传照片"), tr("同步错误") };
    const Localization l10n;
    for (const auto& r : m_rows)
        t.rows.append({ r.userName, r.appVersion.isEmpty() ? tr("未知") : r.appVersion,
            r.lastSuccess.isValid() ? l10n.formatDateTime(r.lastSuccess) : tr("从未成功同步"),
            r.daysSilent < 0 ? QString() : QString::number(r.daysSilent),
            QString::number(r.pendingMutations), QString::number(r.pendingBlobs), r.lastError });
    return t;
}

QString DeviceHealthModel::exportCsv(const QString& path) const
{
    return written(table().write(path));
}

CsvTable RandomDraw::table() const
{
    CsvTable t;
    t.preamble
        = { { tr("随机种子"), m_seed }, { tr("抽取范围（企业数）"), QString::number(m_poolSize) } };
    t.headers = QStringList { tr("序号"), tr("统一社会信用代码"), tr("企业名称"), tr("街道"),
        tr("风险等级"), tr("检查人员甲"), tr("检查人员乙"), tr("必查") };
    int n = 0;
    for (const auto& v : m_picks) {
        const QVariantMap p = v.toMap();
        t.rows.append({ QString::number(++n), p.value(u"enterpriseId"_s).toString(),
            p.value(u"name"_s).toString(), p.value(u"street"_s).toString(),
            p.value(u"riskGrade"_s).toString(), p.value(u"inspectorA"_s).toString(),
            p.value(u"inspectorB"_s).toString(),
            p.value(u"forced"_s).toBool() ? tr("是") : tr("否") });
    }
    return t;
}

QString RandomDraw::exportCsv(const QString& path) const
{
    return m_picks.isEmpty() ? QString() : written(table().write(path));
}

} // namespace safeloop::app
