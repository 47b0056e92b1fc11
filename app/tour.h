#pragma once

#include "sessioncontroller.h"

#include <QMap>
#include <QString>

class QQmlApplicationEngine;
class QQuickWindow;

namespace safeloop::app {

struct TourOptions {
    QString outDir;
    bool haveServer = false;
    /// role ("inspector", "enterprise", "supervisor") → account; roles without one are skipped.
    QMap<QString, DemoAccount> accounts;
};

/// Renders every page that exists as `OUTDIR/<lang>-<phone|tablet>-<role>-<page>.png` (plus
/// `<lang>-<size>-login.png` and `-login-error.png`) in zh_CN and en at 400×800 and 1280×800.
/// Logs in to the server through SessionController with each role's demo account. Returns the
/// process exit code. New pages join the tour by one line in the stop table in tour.cpp.
int runTour(QQmlApplicationEngine& engine, QQuickWindow* window, const TourOptions& options);

/// Signs in with each role's demo account in turn, waits for its first sync and saves a
/// picture of the role's first page as `<stem>-<role>.<suffix>` beside `file`, in the current
/// language and window size (`safeloop --offscreen --screenshot FILE`). Returns the exit code.
int saveFirstPages(QQmlApplicationEngine& engine, QQuickWindow* window, const TourOptions& options,
    const QString& file);

} // namespace safeloop::app
