#pragma once

namespace safeloop::app {

/// Runs the SafeLoop app: parses the command line, loads Main.qml and enters the event loop.
/// `--self-test` loads the UI offscreen and returns 0 only if it loaded without a QML warning;
/// `--offscreen --screenshot FILE` saves the first page as an image and exits.
int run(int argc, char* argv[]);

} // namespace safeloop::app
