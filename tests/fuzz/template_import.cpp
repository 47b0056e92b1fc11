// Fuzzes the checklist template importer (`safeloop-server template import`, and the shipped
// checklists at `init`): core::checklists::parse() and importTemplates() into a real server
// store (SQLite).
// Invariants: every parsed template re-encoded parses to itself; a refused file leaves every
// table as it was; after an accepted import the latest version of each code holds the file's
// content, and importing the same file again publishes nothing and changes nothing.

#include "fuzzsupport.h"

#include "server/importer.h"

#include "core/checklists.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace safeloop;
using fuzz::check;

namespace {

/// A template as import() compares it: without version and timestamps.
QJsonObject content(const core::ChecklistTemplate& t)
{
    QJsonObject o = t.toJson();
    for (const auto& k : { u"version"_s, u"created_at"_s, u"updated_at"_s })
        o.remove(k);
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray json = fuzz::bytes(data, size);
    auto parsed = core::checklists::parse(json);
    if (parsed) {
        for (const auto& t : parsed.value()) {
            auto again = core::ChecklistTemplate::fromJson(t.toJson());
            check(again.ok() && again.value() == t, "template decode, encode, decode changed it",
                t.code);
        }
    }

    auto& store = fuzz::FuzzStore::instance();
    const QByteArray& before = store.pristine(); // every input starts from the initial store
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC);
    auto published = server::importTemplates(store.db(), json, now);
    check(published.ok() == parsed.ok(), "import and parse disagree on the file");
    if (!published) {
        fuzz::note(u"refused: "_s + published.error().code + u": "_s + published.error().message);
        check(published.error() == parsed.error(), "import refuses unlike parse");
        check(store.digest() == before,
            "a refused import changed the store:", published.error().message);
        return 0;
    }
    fuzz::note(u"published: "_s + published->join(u' '));
    auto latest = core::checklists::latest(store.db());
    check(latest.ok(), "latest templates unreadable after an import");
    for (const auto& t : parsed.value()) {
        bool found = false;
        for (const auto& l : latest.value())
            found = found || (l.code == t.code && content(l) == content(t));
        check(found, "an imported template is not the latest version of its code", t.code);
    }
    const QByteArray afterFirst = store.digest();
    auto second = server::importTemplates(store.db(), json, now.addSecs(60));
    check(second.ok(), "importing an accepted file again was refused");
    check(second->isEmpty(), "importing the same file again published:", second->join(u' '));
    check(store.digest() == afterFirst, "importing the same file again changed the store");
    if (afterFirst != before)
        store.reset();
    return 0;
}
