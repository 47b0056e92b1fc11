#pragma once
// The text of a rendered PDF for assertions: pdftotext's output as it is (pdfRawText()), or
// NFKC-normalised and without white space (pdfText()) so that expectations need not spell
// full-width punctuation or line breaks.

#include <QProcess>
#include <QRegularExpression>
#include <QString>

namespace safeloop::test {

/// `s` NFKC-normalised and without white space, to compare with pdfText().
inline QString strippedText(QString s)
{
    return s.normalized(QString::NormalizationForm_KC)
        .remove(QRegularExpression(QStringLiteral("\\s+")));
}

/// The PDF's text layer exactly as pdftotext extracts it (what search and copy see); empty
/// when pdftotext fails.
inline QString pdfRawText(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
        { QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-") });
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

/// How many pages pdfinfo counts in the PDF; -1 when pdfinfo fails.
inline int pdfPages(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), { pdf });
    if (!p.waitForFinished(30000))
        return -1;
    const auto match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)"))
                           .match(QString::fromUtf8(p.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

/// The PDF's text as strippedText() shapes it; empty when pdftotext fails.
inline QString pdfText(const QString& pdf)
{
    return strippedText(pdfRawText(pdf));
}

} // namespace safeloop::test
