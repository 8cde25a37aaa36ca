#!/usr/bin/env bash
# Vendor the web UI's browser libraries (cytoscape, cytoscape-dagre with dagre inside) from the npm
# registry into api/static/vendor/, which the app serves as plain static files: the UI never loads
# anything from a CDN, so it works on an isolated network.
# Idempotent: does nothing when the vendored files are newer than package.json and package-lock.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor="$root/api/static/vendor"
files=(
  "cytoscape/dist/cytoscape.min.js"
  "cytoscape-dagre/dist/cytoscape-dagre.min.js"
)

up_to_date() {
  [ -f "$vendor/manifest.json" ] || return 1
  for f in "${files[@]}"; do [ -f "$vendor/$(basename "$f")" ] || return 1; done
  [ -z "$(find "$root/package.json" "$root/package-lock.json" -newer "$vendor/manifest.json" -print -quit 2>/dev/null)" ]
}

if up_to_date; then
  echo "vendor-frontend: up to date: $vendor"
  exit 0
fi

if ! command -v npm >/dev/null; then
  echo "vendor-frontend: npm is needed (Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi

cd "$root"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi

mkdir -p "$vendor"
manifest="{"
sep=""
for f in "${files[@]}"; do
  pkg="${f%%/*}"
  cp "node_modules/$f" "$vendor/"
  cp "node_modules/$pkg/LICENSE" "$vendor/LICENSE.$pkg"
  version="$(node -p "require('./node_modules/$pkg/package.json').version")"
  manifest="$manifest$sep\"$pkg\": \"$version\""
  sep=", "
done
echo "$manifest}" > "$vendor/manifest.json"
echo "vendor-frontend: vendored $(cat "$vendor/manifest.json") into $vendor"
