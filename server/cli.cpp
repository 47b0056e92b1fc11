#include "cli.h"

#include "httpapi.h"
#include "serverstore.h"

#include <csignal>
#include <ostream>
#include <pthread.h>
#include <thread>

using namespace Qt::StringLiterals;

namespace safeloop::server {

namespace {

constexpr auto Usage = "usage: safeloop-server <init|serve> --data DIR [--listen HOST:PORT] "
                       "[--database postgresql://...]";

/// `--name value` options after the command word; unknown options are refused.
struct Options {
    QString command;
    QString dataDir;
    QString listen = u"127.0.0.1:8470"_s;
    QString databaseUrl;
    QString error;
};

Options parse(const QStringList& args)
{
    Options o;
    if (args.isEmpty()) {
        o.error = u"no command given"_s;
        return o;
    }
    o.command = args.first();
    for (qsizetype i = 1; i < args.size(); ++i) {
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
        else
            o.error = u"unknown option %1"_s.arg(a);
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

    // SIGTERM/SIGINT are taken by sigwait below; block them before any worker thread starts
    // so that every thread inherits the mask.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    HttpApi api(std::move(store).value());
    const int bound = api.bind(host, port);
    if (bound < 0)
        return fail(err, u"cannot listen on %1"_s.arg(o.listen));

    bool listenFailed = false;
    std::thread listener([&] { listenFailed = !api.listen(); });
    out << "listening on http://" << host << ':' << bound << std::endl;

    int received = 0;
    sigwait(&stopSignals, &received);
    api.stop();
    listener.join();
    if (listenFailed)
        return fail(err, u"listener stopped unexpectedly"_s);
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
    if (o.command == u"init"_s) {
        auto r = ServerStore::initialize({ o.dataDir, o.databaseUrl });
        if (!r)
            return fail(err, r.error().message);
        out << "initialised SafeLoop store in " << o.dataDir.toStdString() << '\n';
        return 0;
    }
    if (o.command == u"serve"_s)
        return serve(o, out, err);
    err << "safeloop-server: unknown command " << o.command.toStdString() << '\n' << Usage << '\n';
    return 2;
}

} // namespace safeloop::server
