#pragma once

#include <QMap>
#include <QString>

class QQmlApplicationEngine;
class QQuickWindow;

namespace safeloop::app {

/// Demo login used by the tour for one role.
struct TourAccount {
    QString username;
    QString password;
};

struct TourOptions {
    QString outDir;
    bool haveServer = false;
    /// role ("inspector", "enterprise", "supervisor") → account; roles without one are skipped.
    QMap<QString, TourAccount> accounts;
};

/// Renders every page that exists as `OUTDIR/<lang>-<phone|tablet>-<role>-<page>.png` (plus
/// `<lang>-<size>-login.png` and `-login-error.png`) in zh_CN and en at 400×800 and 1280×800.
/// Logs in to the server through SessionController with each role's demo account. Returns the
/// process exit code. New pages join the tour by one line in the stop table in tour.cpp.
int runTour(QQmlApplicationEngine& engine, QQuickWindow* window, const TourOptions& options);

/// Reads "role=user:password" (command line) or SAFELOOP_DEMO_<ROLE>="user:password".
bool parseTourAccount(const QString& spec, QString* role, TourAccount* account);

} // namespace safeloop::app
