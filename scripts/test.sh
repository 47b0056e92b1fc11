#!/usr/bin/env bash
# The README test command: installs what is missing, builds with -Werror, runs every test,
# the format check, qmllint and a short fuzzing run. Exits non-zero on any failure.
#   ./scripts/test.sh            ci build (-Werror), every ctest label, then the fuzz preset
#                                (each harness for 25 s, docs/testing.md)
#   ./scripts/test.sh --asan     also the address/undefined-sanitizer build and its tests
set -euo pipefail
cd "$(dirname "$0")/.."

asan=0
for arg in "$@"; do
  case "$arg" in
    --asan) asan=1 ;;
    *) echo "usage: $0 [--asan]" >&2; exit 2 ;;
  esac
done

./scripts/setup.sh

echo "== format check"
./scripts/check-format.sh
./scripts/check-qml-format.sh

echo "== layering check (one owner per device table; app runs no SQL)"
./scripts/check-layers.sh

echo "== configure and build (ci preset, -Werror)"
cmake --preset ci
cmake --build --preset ci

echo "== qmllint"
cmake --build --preset ci --target all_qmllint

echo "== tests"
ctest --preset ci --parallel "$(nproc)"

echo "== fuzzing (fuzz preset: clang, libFuzzer, ASan + UBSan; short run)"
cmake --preset fuzz
cmake --build --preset fuzz
ctest --preset fuzz --parallel "$(nproc)"

if [ "$asan" -eq 1 ]; then
  echo "== sanitizer build"
  cmake --preset asan
  cmake --build --preset asan
  ctest --preset asan --parallel "$(nproc)"
fi
