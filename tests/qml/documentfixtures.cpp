#include "documentfixtures.h"

#include "app/pdfimageprovider.h"
#include "tests/app/sampledocuments.h"

#include <QDir>
#include <QFile>
#include <QUrl>

namespace {

struct Fixtures {
    QString pdf, corrupt, missing, exportFolder;
    int pages = 0;
};

Fixtures& fixtures()
{
    static Fixtures f;
    return f;
}

} // namespace

DocumentFixtures::DocumentFixtures(QObject* parent)
    : QObject(parent)
{
}

void DocumentFixtures::prepare(const QString& directory)
{
    Fixtures& f = fixtures();
    const QDir dir(directory);
    const QString pdf = dir.filePath(QStringLiteral("检查记录.pdf"));
    const auto rendered = safeloop::app::DocumentRenderer::renderInspectionRecord(
        safeloop::app::testing::sampleRecord(30), pdf);
    const auto info = safeloop::app::readPdf(pdf);
    f.pdf = rendered ? pdf : QString();
    f.pages = info ? info->pageCount : 0;
    f.corrupt = dir.filePath(QStringLiteral("corrupt.pdf"));
    QFile file(f.corrupt);
    if (file.open(QIODevice::WriteOnly))
        file.write("%PDF-1.4\nnot really a PDF\n");
    f.missing = dir.filePath(QStringLiteral("nowhere.pdf"));
    dir.mkpath(QStringLiteral("exports"));
    f.exportFolder = QUrl::fromLocalFile(dir.filePath(QStringLiteral("exports"))).toString();
}

QString DocumentFixtures::exportFolder() const
{
    return fixtures().exportFolder;
}

QString DocumentFixtures::pdf() const
{
    return fixtures().pdf;
}

int DocumentFixtures::pages() const
{
    return fixtures().pages;
}

QString DocumentFixtures::corrupt() const
{
    return fixtures().corrupt;
}

QString DocumentFixtures::missing() const
{
    return fixtures().missing;
}
