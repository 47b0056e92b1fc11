#!/usr/bin/env bash
# Installs, idempotently, every Debian 12 package that SafeLoop's build, tests and demo need.
# Only what is missing is installed; nothing is downloaded from outside the Debian mirror.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang-format clang-tidy
  # Qt 6.4 (Debian 12)
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-positioning-dev libqt6positioning6-plugins libqt6sql6-sqlite libqt6sql6-psql
  qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools qt6-qpa-plugins libgl-dev
  qml6-module-qtqml qml6-module-qtqml-workerscript qml6-module-qtquick
  qml6-module-qtquick-controls qml6-module-qtquick-templates qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-shapes qml6-module-qtquick-dialogs
  # QtQuick.Dialogs' own FileDialog (no platform dialog on Linux) lists folders with it
  qml6-module-qt-labs-folderlistmodel
  qml6-module-qtqml-models qml6-module-qtpositioning qml6-module-qttest qml6-module-qtcore
  # the supervisor's charts (Qt Charts' QML types; they need a QApplication, i.e. Qt Widgets)
  qt6-charts-dev qml6-module-qtcharts
  # PDFs shown inside the app (Qt PDF, rendered in C++ by QPdfDocument)
  qt6-pdf-dev libqt6pdf6
  # camera capture: QtMultimedia QML; Qt 6.4's Linux backend is GStreamer, whose base and good
  # plugins (videoconvert, appsink, v4l2src) it needs at runtime
  qt6-multimedia-dev qml6-module-qtmultimedia gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  # server
  libcpp-httplib-dev libsodium-dev libssl-dev zlib1g-dev libbrotli-dev
  # the push's row statements on PostgreSQL through libpq (the PGconn of Qt's driver)
  libpq-dev
  # the HTTP layer: event-driven I/O (Boost.Beast/Asio, header-only)
  libboost1.74-dev
  # fuzzing (the `fuzz` preset): clang, its libFuzzer and sanitizer runtimes, llvm-symbolizer
  clang-14 libclang-rt-14-dev llvm-14
  # tests and benchmarks
  libgtest-dev libgmock-dev googletest libbenchmark-dev libsqlite3-dev
  postgresql postgresql-client sqlite3 curl poppler-utils
  # the deployment test stack (scripts/tls-stack.sh): TLS proxy and test CA
  nginx openssl
  # headless display and Chinese fonts
  xvfb xauth fonts-noto-cjk
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "setup: installing ${#missing[@]} missing packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# A stale or absent package list makes apt-get install fail; refresh it once per run.
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
# PostgreSQL's package starts a system cluster; SafeLoop's tests start their own clusters.
echo "setup: done"
