#!/usr/bin/env bash
# Fails if any tracked C++ file differs from .clang-format (WebKit base, 100 columns).
# With --fix, rewrites them in place instead.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=(--dry-run -Werror)
[ "${1:-}" = "--fix" ] && mode=(-i)
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.h' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ ${#files[@]} -eq 0 ]; then echo "format: no C++ files"; exit 0; fi
clang-format "${mode[@]}" "${files[@]}"
echo "format: ${#files[@]} files checked"
