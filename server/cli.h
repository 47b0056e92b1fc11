#pragma once

#include <QStringList>

#include <iosfwd>

namespace safeloop::server {

/// Runs one `safeloop-server` command (arguments without the program name). Returns the process
/// exit code; a refusal prints one line on `err`.
int runCli(const QStringList& args, std::ostream& out, std::ostream& err);

} // namespace safeloop::server
