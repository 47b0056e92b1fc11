// 双随机 on the device: the draw from the demo register is reproducible from its seed, respects
// the street filter and forced-in key enterprises, pairs two distinct badged inspectors, and
// exports as UTF-8 CSV with a BOM.
#include "app/supervisoroverview.h"
#include "workflowtestsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace safeloop;
using namespace safeloop::app;
using safeloop::app::testing::waitFor;

namespace {

class RandomDrawTest : public safeloop::app::testing::WorkflowFixture { };

QVariantList drawNow(RandomDraw& d, const QStringList& streets, const QStringList& grades,
    int count, bool forceKey, const QString& seed)
{
    bool done = false;
    auto c = QObject::connect(&d, &RandomDraw::drawn, [&] { done = true; });
    d.run(streets, grades, count, 0, forceKey, seed);
    waitFor([&] { return done; });
    QObject::disconnect(c);
    return d.picks();
}

TEST_F(RandomDrawTest, TheSameSeedGivesTheSameDrawWithTwoBadgedInspectorsEach)
{
    RandomDraw d;
    d.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !d.streets().isEmpty(); }));
    const QVariantList first = drawNow(d, {}, {}, 2, false, u"20261203"_s);
    ASSERT_EQ(first.size(), 2) << d.errorMessage().toStdString();
    EXPECT_EQ(d.seed(), u"20261203"_s);
    EXPECT_GE(d.poolSize(), 2);
    const QVariantList again = drawNow(d, {}, {}, 2, false, u"20261203"_s);
    EXPECT_EQ(again, first);
    for (const auto& v : first) {
        const QVariantMap p = v.toMap();
        EXPECT_FALSE(p.value(u"name"_s).toString().isEmpty());
        const QString a = p.value(u"inspectorA"_s).toString();
        const QString b = p.value(u"inspectorB"_s).toString();
        EXPECT_NE(a, b);
        // 赵新 has no 执法证号 and may not be drawn.
        EXPECT_NE(a, u"赵新"_s);
        EXPECT_NE(b, u"赵新"_s);
    }
}

TEST_F(RandomDrawTest, FiltersAndForcedInKeyEnterprisesAreRespected)
{
    RandomDraw d;
    d.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !d.streets().isEmpty(); }));
    // 青松街道: 恒泰 (较大风险, forced in) and 春林 (一般风险, the one random pick).
    const QString street = u"青松街道"_s;
    ASSERT_TRUE(d.streets().contains(street));
    const QVariantList picks = drawNow(d, { street }, {}, 1, true, u"7"_s);
    ASSERT_FALSE(picks.isEmpty()) << d.errorMessage().toStdString();
    int randomOnes = 0;
    for (const auto& v : picks) {
        const QVariantMap p = v.toMap();
        EXPECT_EQ(p.value(u"street"_s).toString(), street);
        if (p.value(u"forced"_s).toBool()) {
            const QString grade = p.value(u"riskGrade"_s).toString();
            EXPECT_TRUE(grade == u"red"_s || grade == u"orange"_s) << grade.toStdString();
        } else {
            ++randomOnes;
        }
    }
    EXPECT_EQ(randomOnes, 1);
    ASSERT_EQ(picks.size(), 2);
    EXPECT_TRUE(picks.at(0).toMap().value(u"forced"_s).toBool());
    EXPECT_EQ(picks.at(1).toMap().value(u"name"_s).toString(), u"青禾春林家具制造有限公司"_s);

    drawNow(d, {}, {}, 2, false, u"not a number"_s);
    EXPECT_TRUE(d.picks().isEmpty());
    EXPECT_FALSE(d.errorMessage().isEmpty());
}

TEST_F(RandomDrawTest, TheDrawExportsAsUtf8CsvWithABom)
{
    RandomDraw d;
    d.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !d.streets().isEmpty(); }));
    EXPECT_TRUE(d.exportCsv(dir.filePath(u"empty.csv"_s)).isEmpty()); // nothing drawn yet
    EXPECT_FALSE(QFile::exists(dir.filePath(u"empty.csv"_s)));
    const QVariantList picks = drawNow(d, {}, {}, 2, false, u"99"_s);
    ASSERT_EQ(picks.size(), 2);
    const QString path = dir.filePath(u"draw.csv"_s);
    ASSERT_EQ(d.exportCsv(path), path);
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    ASSERT_TRUE(bytes.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3 + 2);
    EXPECT_EQ(lines.at(0), u"随机种子,99"_s);
    EXPECT_TRUE(lines.at(2).startsWith(u"序号,统一社会信用代码,企业名称"_s));
    EXPECT_TRUE(lines.at(3).startsWith(
        u"1,"_s + picks.first().toMap().value(u"enterpriseId"_s).toString()));
}

} // namespace

namespace {

/// The district's supervisor signed in on the device (plans are theirs to issue).
class SupervisorDrawTest : public safeloop::app::testing::WorkflowFixture {
protected:
    core::User user() const override { return DemoSeed::supervisor(); }
};

/// issuePlans() and its answer.
void issueNow(RandomDraw& d)
{
    bool done = false;
    auto c = QObject::connect(&d, &RandomDraw::issuedChanged, [&] { done = true; });
    d.issuePlans();
    waitFor([&] { return done; });
    QObject::disconnect(c);
}

} // namespace

TEST_F(SupervisorDrawTest, AnIssuedDrawIsOnePlanPerEnterpriseForItsTwoDrawnInspectorsOnce)
{
    RandomDraw d;
    d.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !d.streets().isEmpty(); }));
    const QVariantList picks = drawNow(d, {}, {}, 2, false, u"20261204"_s);
    ASSERT_EQ(picks.size(), 2) << d.errorMessage().toStdString();
    const auto before = outboxSize();
    const auto plansBefore
        = store.call<qsizetype>([](core::LocalStore& st) { return st.records(u"plan"_s)->size(); });

    issueNow(d);
    EXPECT_EQ(d.issuedCount(), 2);
    EXPECT_TRUE(d.issueError().isEmpty()) << d.issueError().toStdString();
    EXPECT_EQ(outboxSize(), before + 2);
    const auto plans = store.call<QList<QJsonObject>>(
        [](core::LocalStore& st) { return *st.records(u"plan"_s); });
    ASSERT_EQ(plans.size(), plansBefore + 2);
    for (const auto& v : picks) {
        const QVariantMap p = v.toMap();
        const auto it = std::find_if(plans.cbegin(), plans.cend(), [&](const QJsonObject& plan) {
            return plan.value(u"enterprise_ids"_s).toArray()
                == QJsonArray { p.value(u"enterpriseId"_s).toString() };
        });
        ASSERT_NE(it, plans.cend()) << p.value(u"name"_s).toString().toStdString();
        EXPECT_EQ(it->value(u"kind"_s).toString(), u"random"_s);
        EXPECT_EQ(it->value(u"year"_s).toInt(), now.date().year());
        EXPECT_EQ(it->value(u"inspector_ids"_s).toArray(),
            (QJsonArray {
                p.value(u"inspectorAId"_s).toString(), p.value(u"inspectorBId"_s).toString() }));
        EXPECT_TRUE(it->value(u"title"_s).toString().contains(u"20261204"_s));
    }

    // Once per draw: issuing again changes nothing.
    d.issuePlans();
    QCoreApplication::processEvents();
    EXPECT_EQ(outboxSize(), before + 2);
    EXPECT_EQ(d.issuedCount(), 2);
    // A new draw can be issued again.
    drawNow(d, {}, {}, 1, false, u"5"_s);
    EXPECT_EQ(d.issuedCount(), 0);
}

TEST_F(RandomDrawTest, AnInspectorCannotIssueADrawAndNothingIsQueued)
{
    RandomDraw d;
    d.setStore(&store);
    ASSERT_TRUE(waitFor([&] { return !d.streets().isEmpty(); }));
    ASSERT_EQ(drawNow(d, {}, {}, 2, false, u"11"_s).size(), 2);
    const auto before = outboxSize();
    issueNow(d);
    EXPECT_EQ(d.issuedCount(), 0);
    EXPECT_FALSE(d.issueError().isEmpty());
    EXPECT_EQ(outboxSize(), before);
}
