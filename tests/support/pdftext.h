#pragma once
// The text of a rendered PDF for assertions: pdftotext's output, NFKC-normalised and without
// white space. pdftotext maps some CJK glyphs to Kangxi radicals (力 → ⼒), which NFKC folds
// back, and a few to the CJK Radicals Supplement (长 → ⻓), which NFKC leaves alone.

#include <QList>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <utility>

namespace safeloop::test {

/// `s` NFKC-normalised and without white space, to compare with pdfText().
inline QString strippedText(QString s)
{
    return s.normalized(QString::NormalizationForm_KC)
        .remove(QRegularExpression(QStringLiteral("\\s+")));
}

/// The PDF's text as strippedText() shapes it; empty when pdftotext fails.
inline QString pdfText(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
        { QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-") });
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    QString text = QString::fromUtf8(p.readAllStandardOutput());
    static const QList<std::pair<char16_t, char16_t>> supplement = { { u'⻓', u'长' },
        { u'⻘', u'青' }, { u'⻋', u'车' }, { u'⻅', u'见' }, { u'⺠', u'民' }, { u'⻚', u'页' },
        { u'⻔', u'门' }, { u'⻢', u'马' }, { u'⻜', u'飞' }, { u'⻛', u'风' }, { u'⻩', u'黄' },
        { u'⻬', u'齐' }, { u'⻮', u'齿' }, { u'⻰', u'龙' }, { u'⻆', u'角' }, { u'⻝', u'食' },
        { u'⻄', u'西' }, { u'⻨', u'麦' } };
    text = text.normalized(QString::NormalizationForm_KC);
    for (const auto& [radical, hanzi] : supplement)
        text.replace(QChar(radical), QChar(hanzi));
    return strippedText(text);
}

} // namespace safeloop::test
