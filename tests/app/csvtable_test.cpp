// The app's one CSV writer (CsvTable) and the supervisor's lists it writes: UTF-8 with a BOM,
// RFC 4180 quoting of Chinese text with commas, quotes and line breaks, and the rows of each
// list in the columns the page shows.
#include "app/coveragemap.h"
#include "app/csvtable.h"
#include "app/exportfolder.h"
#include "app/supervisoroverview.h"
#include "workflowtestsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

CsvTable fixture()
{
    CsvTable t;
    t.headers = QStringList { u"企业名称"_s, u"街道"_s, u"说明"_s };
    t.rows = { { u"青禾精密冲压有限公司"_s, u"青禾街道"_s, u"无"_s },
        { u"春林家具,二分厂"_s, u"东湖街道"_s, u"称\"合格\"但未见记录"_s },
        { u"长风铸造"_s, u""_s, u"第一行\n第二行"_s } };
    return t;
}

TEST(CsvTableTest, BytesStartWithTheUtf8BomAndQuoteCommasQuotesAndLineBreaks)
{
    const QByteArray bytes = fixture().bytes();
    ASSERT_TRUE(bytes.startsWith("\xEF\xBB\xBF"));
    const QString text = QString::fromUtf8(bytes.mid(3));
    EXPECT_EQ(text,
        u"企业名称,街道,说明\r\n"
        "青禾精密冲压有限公司,青禾街道,无\r\n"
        "\"春林家具,二分厂\",东湖街道,\"称\"\"合格\"\"但未见记录\"\r\n"
        "长风铸造,,\"第一行\n第二行\"\r\n"_s);
}

TEST(CsvTableTest, AnAsciiCommaIsQuotedAndTheFullWidthCommaIsNot)
{
    EXPECT_EQ(CsvTable::field(u"甲,乙"_s), u"\"甲,乙\""_s);
    EXPECT_EQ(CsvTable::field(u"甲，乙"_s), u"甲，乙"_s);
    EXPECT_EQ(CsvTable::field(u"a\rb"_s), u"\"a\rb\""_s);
    EXPECT_EQ(CsvTable::field(u""_s), u""_s);
}

TEST(CsvTableTest, PreambleLinesComeBeforeTheHeader)
{
    CsvTable t = fixture();
    t.preamble = { { u"随机种子"_s, u"42"_s } };
    const QString text = QString::fromUtf8(t.bytes().mid(3));
    EXPECT_TRUE(text.startsWith(u"随机种子,42\r\n企业名称,街道,说明\r\n"_s)) << text.toStdString();
}

TEST(CsvTableTest, WritesTheFileNamedByAPathOrAFileUrlAndReturnsItsPath)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"列表.csv"_s);
    auto done = fixture().write(QUrl::fromLocalFile(path).toString());
    ASSERT_TRUE(done.ok()) << done.error().message.toStdString();
    EXPECT_EQ(done.value(), path);
    EXPECT_EQ(readAll(path), fixture().bytes());
    const QString plain = dir.filePath(u"plain.csv"_s);
    auto again = fixture().write(plain);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.value(), plain);
}

TEST(CsvTableTest, BadInputIsRefusedAndChangesNothing)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"list.csv"_s);
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("before");
    }
    CsvTable ragged = fixture();
    ragged.rows[1].removeLast();
    auto r = ragged.write(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, u"csv_columns"_s);
    EXPECT_EQ(readAll(path), QByteArray("before"));

    auto noFolder = fixture().write(dir.filePath(u"missing/list.csv"_s));
    ASSERT_FALSE(noFolder.ok());
    EXPECT_EQ(noFolder.error().code, u"path_not_writable"_s);
    EXPECT_FALSE(QFile::exists(dir.filePath(u"missing/list.csv"_s)));

    auto empty = fixture().write(u""_s);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, u"path_missing"_s);
    auto remote = fixture().write(u"https://example.org/list.csv"_s);
    ASSERT_FALSE(remote.ok());
    EXPECT_EQ(remote.error().code, u"path_missing"_s);
}

TEST(ExportFolderTest, NewFilesAreNamedByTitleAndTimeAndNeverTakeAnExistingName)
{
    QTemporaryDir dir;
    ExportFolder folder;
    folder.setFolder(dir.filePath(u"exports"_s));
    const QString first = folder.pathFor(u"各街道/覆盖率"_s, u"csv"_s);
    ASSERT_FALSE(first.isEmpty());
    EXPECT_TRUE(QFileInfo(dir.filePath(u"exports"_s)).isDir()); // made on demand
    EXPECT_EQ(QFileInfo(first).dir().path(), dir.filePath(u"exports"_s));
    EXPECT_TRUE(QFileInfo(first).fileName().contains(
        QRegularExpression(u"^各街道_覆盖率-\\d{8}-\\d{6}\\.csv$"_s)))
        << first.toStdString();
    ASSERT_TRUE(fixture().write(first).ok());
    const QString second = folder.pathFor(u"各街道/覆盖率"_s, u"csv"_s);
    EXPECT_NE(second, first);
    EXPECT_FALSE(QFile::exists(second));
}

TEST(ExportFolderTest, AFolderThatCannotBeMadeGivesNoPath)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"a-file"_s));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    ExportFolder folder;
    folder.setFolder(dir.filePath(u"a-file/exports"_s));
    EXPECT_TRUE(folder.pathFor(u"列表"_s, u"csv"_s).isEmpty());
}

class SupervisorListsTest : public safeloop::app::testing::WorkflowFixture {
protected:
    core::User user() const override { return DemoSeed::supervisor(); }
    bool withHistory() const override { return true; }
};

QStringList csvLines(const QString& path)
{
    const QByteArray bytes = readAll(path);
    EXPECT_TRUE(bytes.startsWith("\xEF\xBB\xBF"));
    return QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
}

TEST_F(SupervisorListsTest, EveryOverviewListExportsItsRowsInThePagesColumns)
{
    SupervisorOverview o;
    QSignalSpy loaded(&o, &SupervisorOverview::loaded);
    o.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !loaded.isEmpty() && !o.leaders().isEmpty(); }));

    const QString leaders = o.exportCsv(u"leaders"_s, dir.filePath(u"leaders.csv"_s));
    ASSERT_FALSE(leaders.isEmpty());
    QStringList lines = csvLines(leaders);
    ASSERT_EQ(lines.size(), o.leaders().size() + 1);
    EXPECT_EQ(lines.first(), u"包保领导,企业数,重点企业数,已检查,重大隐患未销号,逾期"_s);
    const QVariantMap first = o.leaders().first().toMap();
    const QString name = first.value(u"leader"_s).toString();
    EXPECT_EQ(lines.at(1),
        u"%1,%2,%3,%4,%5,%6"_s.arg(name.isEmpty() ? u"未分配"_s : name)
            .arg(first.value(u"enterprises"_s).toInt())
            .arg(first.value(u"keyEnterprises"_s).toInt())
            .arg(first.value(u"covered"_s).toInt())
            .arg(first.value(u"openMajor"_s).toInt())
            .arg(first.value(u"overdue"_s).toInt()));

    lines = csvLines(o.exportCsv(u"street"_s, dir.filePath(u"street.csv"_s)));
    ASSERT_EQ(lines.size(), o.byStreet().size() + 1);
    EXPECT_EQ(lines.first(), u"街道,已检查企业,企业数,覆盖率"_s);
    lines = csvLines(o.exportCsv(u"riskGrade"_s, dir.filePath(u"grade.csv"_s)));
    ASSERT_EQ(lines.size(), o.byRiskGrade().size() + 1);
    EXPECT_TRUE(lines.at(1).startsWith(u"重大风险,"_s)) << lines.at(1).toStdString();
    // By industry: named by the GB/T 4754 class, its code after it.
    ASSERT_FALSE(o.byIndustry().isEmpty());
    lines = csvLines(o.exportCsv(u"industry"_s, dir.filePath(u"industry.csv"_s)));
    ASSERT_EQ(lines.size(), o.byIndustry().size() + 1);
    EXPECT_EQ(lines.first(), u"行业,已检查企业,企业数,覆盖率"_s);
    bool namedStamping = false;
    for (const auto& line : std::as_const(lines))
        namedStamping = namedStamping || line.startsWith(u"汽车零部件及配件制造（C3670）,"_s);
    EXPECT_TRUE(namedStamping) << lines.join(u'\n').toStdString();
    int registered = 0;
    for (const auto& g : o.byIndustry())
        registered += g.toMap().value(u"registered"_s).toInt();
    EXPECT_EQ(registered, o.figures().value(u"enterprises"_s).toInt());

    // Drilling into one industry lists only that industry's enterprises not yet covered.
    QSignalSpy industryDrill(&o, &SupervisorOverview::drillChanged);
    const QVariantMap firstIndustry = o.byIndustry().first().toMap();
    o.drillDown(u"notCovered"_s, u"industry"_s, firstIndustry.value(u"key"_s).toString());
    ASSERT_TRUE(industryDrill.wait());
    EXPECT_EQ(o.drill().size(),
        firstIndustry.value(u"registered"_s).toInt() - firstIndustry.value(u"covered"_s).toInt());

    lines = csvLines(o.exportCsv(u"inspectors"_s, dir.filePath(u"inspectors.csv"_s)));
    ASSERT_EQ(lines.size(), o.inspectors().size() + 1);
    EXPECT_EQ(lines.first(), u"检查人员,检查次数,发现隐患,每次检查隐患数,文书份数,记录完整率"_s);

    QSignalSpy drilled(&o, &SupervisorOverview::drillChanged);
    o.drillDown(u"registered"_s);
    ASSERT_TRUE(drilled.wait());
    lines = csvLines(o.exportCsv(u"drill"_s, dir.filePath(u"drill.csv"_s)));
    ASSERT_EQ(lines.size(), o.drill().size() + 1);
    EXPECT_EQ(lines.first(), u"企业名称,街道,风险等级"_s);
    EXPECT_TRUE(lines.at(1).startsWith(
        CsvTable::field(o.drill().first().toMap().value(u"name"_s).toString()) + u','));

    EXPECT_TRUE(o.exportCsv(u"nonsense"_s, dir.filePath(u"x.csv"_s)).isEmpty());
    EXPECT_FALSE(QFile::exists(dir.filePath(u"x.csv"_s)));
}

TEST_F(SupervisorListsTest, TheMapsEnterprisesExportWithWhatTheirMarkersSay)
{
    CoverageMap map;
    QSignalSpy loaded(&map, &CoverageMap::loaded);
    map.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !loaded.isEmpty(); }));
    const int drawn = map.coveredCount() + map.notCoveredCount() + map.openMajorCount();
    ASSERT_GT(drawn, 0);
    const QStringList lines = csvLines(map.exportCsv(dir.filePath(u"map.csv"_s)));
    ASSERT_EQ(lines.size(), drawn + 1);
    EXPECT_EQ(lines.first(), u"企业名称,街道,风险等级,地图标记"_s);
    EXPECT_EQ(lines.filter(QRegularExpression(u",已检查$"_s)).size(), map.coveredCount());
    EXPECT_EQ(lines.filter(QRegularExpression(u",未检查$"_s)).size(), map.notCoveredCount());
    EXPECT_EQ(
        lines.filter(QRegularExpression(u",有重大隐患未销号$"_s)).size(), map.openMajorCount());
}

} // namespace
