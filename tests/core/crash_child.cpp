// Crash-test child: applies hazard.create mutations with a fresh photo each in a loop and prints
// "ACK <hazard id> <photo sha256>" after each acknowledged (committed) mutation, until killed.
#include "core/creditcode.h"
#include "core/localstore.h"
#include "core/mutation.h"
#include "core/uuid.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRandomGenerator>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace safeloop::core;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: crash_child DB BLOBROOT\n");
        return 2;
    }
    auto store = LocalStore::open({ args[1], args[2], u"crash-device"_s });
    if (!store) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(store.error().message));
        return 1;
    }
    const QString first17 = u"91220101000000001"_s;
    const QString uscc = first17 + *CreditCode::checkCharacter(first17);
    if (!(*store)->storeRecord({ u"enterprise"_s, uscc,
            { { u"uscc"_s, uscc }, { u"name"_s, u"Crash Test Works"_s } }, {}, false }))
        return 1;
    const Actor inspector { u"insp-1"_s, Role::Inspector, {}, {}, {} };
    auto* rng = QRandomGenerator::global();
    for (;;) {
        QByteArray photo(4096 + static_cast<int>(rng->bounded(8192)), '\0');
        for (auto& c : photo)
            c = static_cast<char>(rng->bounded(256));
        auto sha = (*store)->blobs().put(photo);
        if (!sha)
            return 1;
        const QString id = uuidv7();
        const QJsonObject hazard { { u"enterprise_id"_s, uscc },
            { u"description"_s, u"Guard missing on press"_s }, { u"level"_s, u"general"_s },
            { u"deadline"_s, u"2099-12-31"_s }, { u"attachments"_s, QJsonArray { *sha } } };
        auto r = (*store)->perform(inspector, u"hazard.create"_s, id, hazard);
        if (!r) {
            std::fprintf(stderr, "perform failed: %s\n", qPrintable(r.error().message));
            return 1;
        }
        std::printf("ACK %s %s\n", qPrintable(id), qPrintable(*sha));
        std::fflush(stdout);
    }
}
