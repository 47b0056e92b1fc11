#pragma once
// Documents rendered by the app's own DocumentRenderer, for the tests of the in-app PDF viewer
// (tests/app, and tests/qml's fixtures).

#include "app/documentrenderer.h"

#include <QDate>
#include <QDateTime>
#include <QImage>
#include <QPainter>
#include <QString>

namespace safeloop::app::testing {

/// A drawn signature stroke (ink on white).
inline QImage inkSignature()
{
    QImage ink(300, 120, QImage::Format_ARGB32);
    ink.fill(Qt::white);
    QPainter painter(&ink);
    painter.setPen(QPen(Qt::black, 4));
    painter.drawLine(20, 90, 280, 30);
    painter.end();
    return ink;
}

/// Finding `n` of a sample record (the first one major).
inline DocFinding sampleFinding(int n)
{
    using namespace Qt::StringLiterals;
    DocFinding f;
    f.itemCode = u"C3670-%1"_s.arg(n);
    f.description = u"冲压车间第%1号压力机光电保护装置失效"_s.arg(n);
    f.place = u"冲压车间"_s;
    f.major = n == 1;
    f.provisionViolated = u"《中华人民共和国安全生产法》第三十六条"_s;
    f.legalBasisForOrder = u"《中华人民共和国安全生产法》第六十五条"_s;
    f.evidenceRefs = { u"照片 3fa2c9"_s };
    f.disposition = u"责令限期整改"_s;
    return f;
}

/// A 现场检查记录 with `findings` findings: one page with a few, more pages with many (30
/// make at least three). Signed by the inspector.
inline InspectionRecordData sampleRecord(int findings)
{
    using namespace Qt::StringLiterals;
    InspectionRecordData d;
    d.documentNumber = u"(青)应急检记〔2026〕7号"_s;
    d.issuingAuthority = u"青禾区应急管理局"_s;
    d.enterpriseName = u"长春青松汽车零部件有限公司"_s;
    d.creditCode = u"91220106MA0Y3K5X2P"_s;
    d.address = u"长春市青禾区示例路88号"_s;
    d.place = u"冲压车间"_s;
    d.areaInspected = u"冲压、焊装车间及危化品库"_s;
    d.startTime = QDateTime(QDate(2026, 11, 25), QTime(1, 30), Qt::UTC);
    d.endTime = QDateTime(QDate(2026, 11, 25), QTime(3, 5), Qt::UTC);
    d.inspectors = { { u"张明"_s, u"22010012345"_s }, { u"李华"_s, u"22010067890"_s } };
    d.recorder = u"李华"_s;
    d.enterpriseEscort = u"王安全（安全员）"_s;
    for (int i = 1; i <= findings; ++i)
        d.findings << sampleFinding(i);
    d.overallDisposition = u"下达责令限期整改指令书"_s;
    d.signatures = { { u"张明"_s, u"检查人员"_s, inkSignature(), {}, d.endTime } };
    return d;
}

} // namespace safeloop::app::testing
