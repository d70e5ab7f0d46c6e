#!/usr/bin/env bash
# Renders a conformance report in headless Chromium (Debian's `chromium` package) and writes a PNG.
#
#   scripts/screenshot-report.sh [REPORT.html] [OUT.png] [WIDTH,HEIGHT]
#
# Defaults: reports/report.html, docs/report.png, 1280,1800. The project's CI does not install
# Chromium, so no test runs this; install it with `apt-get install chromium` (Debian) first.
set -euo pipefail

report="${1:-reports/report.html}"
out="${2:-docs/report.png}"
size="${3:-1280,1800}"

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "screenshot-report: no chromium on PATH (Debian: apt-get install chromium)" >&2
  exit 3
fi
if [ ! -f "$report" ]; then
  echo "screenshot-report: $report does not exist (run \`python3 dev.py suite\` first)" >&2
  exit 3
fi

profile="$(mktemp -d)"  # a new, empty profile every time: nothing of an earlier session leaks in
trap 'rm -rf "$profile"' EXIT
mkdir -p "$(dirname "$out")"
target="$(realpath -m "$out")"

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size="$size" \
  --screenshot="$target" "file://$(realpath "$report")" 2>/dev/null

test -s "$target" || { echo "screenshot-report: chromium wrote no $target" >&2; exit 1; }
echo "wrote $target"
