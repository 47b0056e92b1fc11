#include "cli.h"

#include "blobledger.h"
#include "core/database.h"
#include "httpapi.h"
#include "importer.h"
#include "seeddemo.h"
#include "serverconfig.h"
#include "serverstore.h"
#include "sqldialect.h"
#include "storecheck.h"
#include "users.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <csignal>
#include <functional>
#include <iostream>
#include <ostream>
#include <pthread.h>
#include <thread>

using namespace Qt::StringLiterals;

namespace safeloop::server {

namespace {

constexpr auto Usage
    = "usage: safeloop-server init|serve|user add|user disable|user enable|config set|config "
      "get|config list|enterprise import|template import|seed-demo|backup|gc|check --data DIR "
      "[--database postgresql://...] [--all-blobs] (see docs/api.md)";

/// Command words, `--name value` options and positional arguments; unknown options are refused.
struct Options {
    QString command; ///< "init", "serve", "user add", "backup", ...
    QString dataDir;
    QString listen = u"127.0.0.1:8470"_s;
    QString databaseUrl;
    QString username;
    QString role;
    QString enterprise;
    QString streets;
    QString name;
    QString badge;
    QStringList trustedProxies;
    QString refreshGrace; ///< seconds; empty = the default (60)
    bool allBlobs = false; ///< check: hash every referenced blob
    QStringList positional;
    QString error;
};

Options parse(const QStringList& args)
{
    Options o;
    if (args.isEmpty()) {
        o.error = u"no command given"_s;
        return o;
    }
    qsizetype i = 0;
    o.command = args[i++];
    if ((o.command == u"user"_s || o.command == u"config"_s || o.command == u"enterprise"_s
            || o.command == u"template"_s)
        && i < args.size() && !args[i].startsWith(u"--"_s))
        o.command += u' ' + args[i++];
    for (; i < args.size(); ++i) {
        const QString& a = args[i];
        auto next = [&](QString& target) {
            if (i + 1 >= args.size()) {
                o.error = u"%1 needs a value"_s.arg(a);
                return;
            }
            target = args[++i];
        };
        if (a == u"--data"_s)
            next(o.dataDir);
        else if (a == u"--listen"_s)
            next(o.listen);
        else if (a == u"--database"_s)
            next(o.databaseUrl);
        else if (a == u"--username"_s)
            next(o.username);
        else if (a == u"--role"_s)
            next(o.role);
        else if (a == u"--enterprise"_s)
            next(o.enterprise);
        else if (a == u"--streets"_s)
            next(o.streets);
        else if (a == u"--name"_s)
            next(o.name);
        else if (a == u"--badge"_s)
            next(o.badge);
        else if (a == u"--refresh-grace"_s)
            next(o.refreshGrace);
        else if (a == u"--all-blobs"_s)
            o.allBlobs = true;
        else if (a == u"--trusted-proxy"_s) {
            QString list;
            next(list);
            o.trustedProxies += list.split(u',', Qt::SkipEmptyParts);
        } else if (a.startsWith(u"--"_s))
            o.error = u"unknown option %1"_s.arg(a);
        else
            o.positional << a;
        if (!o.error.isEmpty())
            break;
    }
    if (o.error.isEmpty() && o.dataDir.isEmpty())
        o.error = u"--data DIR is required"_s;
    return o;
}

int fail(std::ostream& err, const QString& message)
{
    err << "safeloop-server: " << message.toStdString() << '\n';
    return 1;
}

int serve(const Options& o, std::ostream& out, std::ostream& err)
{
    const qsizetype colon = o.listen.lastIndexOf(u':');
    bool portOk = false;
    const int port = colon > 0 ? o.listen.mid(colon + 1).toInt(&portOk) : -1;
    if (!portOk || port < 0 || port > 65535)
        return fail(err, u"--listen wants HOST:PORT, got %1"_s.arg(o.listen));
    const std::string host = o.listen.left(colon).toStdString();

    auto store = ServerStore::open({ o.dataDir, o.databaseUrl });
    if (!store)
        return fail(err, store.error().message);
    // Uploads a crash left between their last chunk and the hash check are finished (or
    // discarded) before anyone asks for them; expired partials and old unreferenced blobs go.
    {
        SyncService sync(store.value());
        auto swept = sweepBlobs(store.value(), sync, QDateTime::currentDateTimeUtc());
        if (!swept)
            return fail(err, u"blob sweep failed: %1"_s.arg(swept.error().message));
    }

    // SIGTERM/SIGINT are taken by sigwait below; block them before any worker thread starts
    // so that every thread inherits the mask.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    AuthPolicy policy;
    if (!o.refreshGrace.isEmpty()) {
        bool ok = false;
        const qint64 seconds = o.refreshGrace.toLongLong(&ok);
        if (!ok || seconds < 0 || seconds > 3600)
            return fail(err,
                u"--refresh-grace wants whole seconds from 0 to 3600, got %1"_s.arg(
                    o.refreshGrace));
        policy.refreshGraceMs = seconds * 1000;
    }
    HttpLimits limits;
    {
        auto db = store.value().connection();
        if (!db)
            return fail(err, db.error().message);
        auto loaded = loadHttpLimits(db.value());
        if (!loaded)
            return fail(err, loaded.error().message);
        limits = loaded.value();
    }
    HttpApi api(std::move(store).value(), limits, policy);
    if (auto r = api.setTrustedProxies(o.trustedProxies); !r)
        return fail(err, r.error().message);
    const int bound = api.bind(host, port);
    if (bound < 0)
        return fail(err, u"cannot listen on %1"_s.arg(o.listen));

    bool listenFailed = false;
    std::thread listener([&] { listenFailed = !api.listen(); });
    if (!api.waitUntilRunning()) {
        api.stop();
        listener.join();
        return fail(err, u"the listener did not start"_s);
    }
    out << "listening on http://" << host << ':' << bound << std::endl;

    int received = 0;
    sigwait(&stopSignals, &received);
    api.stop();
    listener.join();
    if (listenFailed)
        return fail(err, u"listener stopped unexpectedly"_s);
    return 0;
}

/// Runs `work` with a connection to the initialised store of `o`.
int withStore(const Options& o, std::ostream& err,
    const std::function<int(QSqlDatabase&, const ServerStore&)>& work)
{
    auto store = ServerStore::open({ o.dataDir, o.databaseUrl });
    if (!store)
        return fail(err, store.error().message);
    int code = 1;
    QString name;
    {
        auto db = store.value().connection();
        if (!db)
            return fail(err, db.error().message);
        name = db.value().connectionName();
        code = work(db.value(), store.value());
    }
    core::closeDatabase(name);
    return code;
}

/// The password is the first line of standard input (no echo handling: pipe it in).
QString readPassword()
{
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

int userAdd(const Options& o, std::ostream& out, std::ostream& err)
{
    if (!o.positional.isEmpty())
        return fail(err, u"unexpected argument %1"_s.arg(o.positional.first()));
    if (o.username.isEmpty() || o.role.isEmpty())
        return fail(err, u"user add needs --username U and --role R"_s);
    NewUser request;
    request.username = o.username;
    request.role = o.role;
    request.name = o.name;
    request.badge = o.badge;
    request.enterpriseUscc = o.enterprise.trimmed().toUpper();
    if (!o.streets.isEmpty())
        request.streets = o.streets.split(u',');
    request.password = readPassword();
    if (request.password.isEmpty())
        return fail(err, u"user add reads the password from standard input; none was given"_s);
    return withStore(o, err, [&](QSqlDatabase& db, const ServerStore&) {
        auto user = UserService::add(db, request);
        if (!user)
            return fail(err, user.error().message);
        out << "added " << core::toString(user->role).toStdString() << ' '
            << user->username.toStdString() << " (" << user->id.toStdString() << ")\n";
        return 0;
    });
}

int userSetDisabled(const Options& o, bool disabled, std::ostream& out, std::ostream& err)
{
    if (o.username.isEmpty())
        return fail(err, u"%1 needs --username U"_s.arg(o.command));
    return withStore(o, err, [&](QSqlDatabase& db, const ServerStore&) {
        auto changed = UserRepository::setDisabled(db, o.username, disabled);
        if (!changed)
            return fail(err, changed.error().message);
        if (!changed.value())
            return fail(err, u"no user %1"_s.arg(o.username));
        out << (disabled ? "disabled " : "enabled ") << o.username.toStdString() << '\n';
        return 0;
    });
}

int configCommand(const Options& o, std::ostream& out, std::ostream& err)
{
    if (o.command == u"config set"_s) {
        if (o.positional.size() != 2)
            return fail(err, u"config set needs KEY VALUE"_s);
        return withStore(o, err, [&](QSqlDatabase& db, const ServerStore&) {
            if (auto r = ServerConfig::set(db, o.positional[0], o.positional[1]); !r)
                return fail(err, r.error().message);
            out << o.positional[0].toStdString() << " = " << o.positional[1].toStdString() << '\n';
            return 0;
        });
    }
    if (o.command == u"config get"_s) {
        if (o.positional.size() != 1)
            return fail(err, u"config get needs KEY"_s);
        return withStore(o, err, [&](QSqlDatabase& db, const ServerStore&) {
            auto value = ServerConfig::get(db, o.positional[0]);
            if (!value)
                return fail(err, value.error().message);
            out << value.value().toStdString() << '\n';
            return 0;
        });
    }
    if (!o.positional.isEmpty())
        return fail(err, u"unexpected argument %1"_s.arg(o.positional.first()));
    return withStore(o, err, [&](QSqlDatabase& db, const ServerStore&) {
        for (const auto& [key, fallback] : ServerConfig::defaults()) {
            auto value = ServerConfig::get(db, key);
            if (!value)
                return fail(err, value.error().message);
            out << key.toStdString() << " = " << value.value().toStdString() << '\n';
        }
        return 0;
    });
}

int backup(const Options& o, std::ostream& out, std::ostream& err)
{
    if (o.positional.size() != 1)
        return fail(err, u"backup needs exactly one output file: backup --data DIR OUT"_s);
    if (!o.databaseUrl.isEmpty())
        return fail(err,
            u"PostgreSQL stores are backed up with pg_dump (e.g. pg_dump -Fc -f OUT DBNAME) "
            "plus a copy of DIR/blobs"_s);
    const QString target = QFileInfo(o.positional.first()).absoluteFilePath();
    if (QFileInfo::exists(target))
        return fail(err, u"%1 exists already; backup never overwrites"_s.arg(target));
    return withStore(o, err, [&](QSqlDatabase& db, const ServerStore&) {
        // VACUUM INTO writes a consistent copy while the server keeps serving.
        auto r = run(db, u"VACUUM INTO ?"_s, { target });
        if (!r)
            return fail(err, u"backup to %1 failed: %2"_s.arg(target, r.error().message));
        QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        out << "backed up the store to " << target.toStdString()
            << " (copy DIR/blobs separately)\n";
        return 0;
    });
}

/// `gc`: the start-up blob sweep on demand (see docs/operations.md).
int collectGarbage(const Options& o, std::ostream& out, std::ostream& err)
{
    if (!o.positional.isEmpty())
        return fail(err, u"unexpected argument %1"_s.arg(o.positional.first()));
    return withStore(o, err, [&](QSqlDatabase&, const ServerStore& store) {
        SyncService sync(store);
        auto swept = sweepBlobs(store, sync, QDateTime::currentDateTimeUtc());
        if (!swept)
            return fail(err, swept.error().message);
        out << "finished " << swept->finished << " interrupted upload(s), discarded "
            << swept->discarded << ", expired " << swept->expired
            << " partial upload(s), collected " << swept->collected << " unreferenced blob(s) ("
            << swept->collectedBytes << " bytes)\n";
        return 0;
    });
}

/// `check`: validates the store without changing it (docs/operations.md).
int check(const Options& o, std::ostream& out, std::ostream& err)
{
    if (!o.positional.isEmpty())
        return fail(err, u"unexpected argument %1"_s.arg(o.positional.first()));
    CheckOptions options;
    options.allBlobs = o.allBlobs;
    const CheckReport report = checkStore({ o.dataDir, o.databaseUrl }, options);
    int failures = 0;
    for (const CheckFinding& f : report.findings) {
        if (f.ok) {
            out << "ok: " << f.message.toStdString() << '\n';
        } else {
            ++failures;
            err << "error [" << f.code.toStdString() << "]: " << f.message.toStdString() << '\n';
        }
    }
    if (failures > 0) {
        err << "safeloop-server: check failed with " << failures << " problem(s)\n";
        return 1;
    }
    out << "check passed\n";
    return 0;
}

} // namespace

int runCli(const QStringList& args, std::ostream& out, std::ostream& err)
{
    const Options o = parse(args);
    if (!o.error.isEmpty()) {
        err << "safeloop-server: " << o.error.toStdString() << '\n' << Usage << '\n';
        return 2;
    }
    if (!o.trustedProxies.isEmpty() && o.command != u"serve"_s)
        return fail(err, u"--trusted-proxy is an option of serve only"_s);
    if (!o.refreshGrace.isEmpty() && o.command != u"serve"_s)
        return fail(err, u"--refresh-grace is an option of serve only"_s);
    if (o.allBlobs && o.command != u"check"_s)
        return fail(err, u"--all-blobs is an option of check only"_s);
    if (o.command == u"init"_s) {
        auto r = ServerStore::initialize({ o.dataDir, o.databaseUrl });
        if (!r)
            return fail(err, r.error().message);
        out << "initialised SafeLoop store in " << o.dataDir.toStdString() << '\n';
        return importShippedTemplates(o.dataDir, o.databaseUrl, out, err);
    }
    if (o.command == u"enterprise import"_s || o.command == u"template import"_s
        || o.command == u"seed-demo"_s)
        return runImportCommand(o.command, o.dataDir, o.databaseUrl, o.positional, out, err);
    if (o.command == u"serve"_s)
        return serve(o, out, err);
    if (o.command == u"user add"_s)
        return userAdd(o, out, err);
    if (o.command == u"user disable"_s)
        return userSetDisabled(o, true, out, err);
    if (o.command == u"user enable"_s)
        return userSetDisabled(o, false, out, err);
    if (o.command == u"backup"_s)
        return backup(o, out, err);
    if (o.command == u"gc"_s)
        return collectGarbage(o, out, err);
    if (o.command == u"check"_s)
        return check(o, out, err);
    if (o.command == u"config set"_s || o.command == u"config get"_s
        || o.command == u"config list"_s)
        return configCommand(o, out, err);
    err << "safeloop-server: unknown command " << o.command.toStdString() << '\n' << Usage << '\n';
    return 2;
}

} // namespace safeloop::server
