#!/usr/bin/env bash
# Fails if any QML file (qml/**/*.qml, tests/qml/*.qml) differs from what qmlformat makes of it,
# listing those files. With --fix, rewrites them in place instead. The files below are left out.
# QMLFORMAT overrides the formatter (default: Debian's qt6-declarative-dev-tools, Qt 6.4).
set -euo pipefail
cd "$(dirname "$0")/.."
qmlformat=${QMLFORMAT:-/usr/lib/qt6/bin/qmlformat}
fix=0
[ "${1:-}" = "--fix" ] && fix=1

# Files qmlformat 6.4 would damage. Drop a line when a newer qmlformat (or a rewrite of the file)
# formats it correctly; the check says when an excluded file has become clean.
excluded=(
  # qmlformat 6.4 drops the value of `pragma ComponentBehavior: Bound`, leaving
  # `pragma ComponentBehavior` (qmllint: "Unknown argument to pragma ComponentBehavior"): the
  # delegates would lose their bound context.
  qml/components/CameraCapture.qml
  qml/components/DateField.qml
  qml/components/DocumentViewer.qml
  qml/components/PassFailNa.qml
  qml/components/PhotoStrip.qml
  qml/components/PhotoViewer.qml
  qml/pages/EnterprisePage.qml
  qml/pages/EnterpriseSearchPage.qml
  qml/pages/HazardDetailPage.qml
  qml/pages/HazardListPage.qml
  qml/pages/HazardSheet.qml
  qml/pages/InspectionPage.qml
  qml/pages/RectificationPage.qml
  qml/pages/ReinspectionPage.qml
  qml/pages/enterprise/CompletedPage.qml
  qml/pages/inspection/InspectionRunStage.qml
  qml/pages/inspection/InspectionSectionList.qml
  qml/pages/inspection/InspectionSetupStage.qml
  qml/pages/enterprise/TasksPage.qml
  qml/pages/enterprise/SelfCheckPage.qml
  qml/pages/enterprise/SelfChecksPage.qml
  qml/pages/inspector/TodayPage.qml
  qml/components/PeriodButtons.qml
  qml/pages/supervisor/DevicesPage.qml
  qml/components/InspectionDocumentList.qml
  qml/pages/supervisor/DrawsPage.qml
  qml/pages/supervisor/InspectorsPage.qml
  qml/pages/supervisor/MapPage.qml
  qml/pages/supervisor/OverviewPage.qml
  # qmlformat 6.4 has no line width: it joins expressions wrapped by hand (conditional
  # expressions, long argument lists) into single lines of 110 to 190 columns.
  qml/Main.qml
  qml/components/ActionButton.qml
  qml/components/CameraViewfinder.qml
  qml/components/HazardRow.qml
  qml/components/SyncBar.qml
  qml/pages/LoginPage.qml
  qml/pages/MePage.qml
  tests/qml/tst_componentgallery.qml
)

[ -x "$qmlformat" ] || { echo "qml-format: $qmlformat not found (Debian: qt6-declarative-dev-tools)" >&2; exit 2; }
mapfile -t all < <(git ls-files -co --exclude-standard -- 'qml/*.qml' 'tests/qml/*.qml' |
  while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ ${#all[@]} -eq 0 ]; then echo "qml-format: no QML files"; exit 0; fi

declare -A skip=()
for f in "${excluded[@]}"; do
  [ -f "$f" ] || { echo "qml-format: excluded file $f does not exist; remove it from $0" >&2; exit 2; }
  skip[$f]=1
done

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
bad=()
checked=0
for f in "${all[@]}"; do
  [ -z "${skip[$f]:-}" ] && checked=$((checked + 1))
  if ! "$qmlformat" "$f" >"$tmp" 2>/dev/null; then
    [ -n "${skip[$f]:-}" ] && continue
    echo "$f: qmlformat cannot parse it ($qmlformat $f shows why)"
    bad+=("$f")
    continue
  fi
  if [ -n "${skip[$f]:-}" ]; then
    cmp -s "$f" "$tmp" && echo "qml-format: note: excluded $f is now formatted; remove it from the list"
    continue
  fi
  cmp -s "$f" "$tmp" && continue
  if [ "$fix" -eq 1 ] && ! grep -q '^pragma ComponentBehavior' "$f"; then
    cp "$tmp" "$f"
    echo "qml-format: formatted $f"
    continue
  fi
  if grep -q '^pragma ComponentBehavior' "$f"; then
    echo "$f: differs from qmlformat, which would drop the value of its pragma ComponentBehavior; add the file to the exclusions in $0"
  else
    echo "$f: differs from qmlformat"
  fi
  bad+=("$f")
done

if [ ${#bad[@]} -gt 0 ]; then
  echo "qml-format: ${#bad[@]} of $checked files differ (${#excluded[@]} excluded); see diff FILE <($qmlformat FILE), fix with $0 --fix"
  exit 1
fi
echo "qml-format: $checked files checked (${#excluded[@]} excluded)"
