#!/usr/bin/env bash
# Install everything the product needs on a fresh machine. Idempotent.
#   scripts/setup.sh          Python package + front-end libraries (to run the service)
#   scripts/setup.sh --test   also test tools, headless Chromium and the embedded Neo4j server
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

py="${PYTHON:-python3}"
if [ "$want_test" = 1 ]; then
  "$py" -m pip install -q -e ".[test]"
else
  "$py" -m pip install -q -e .
fi

# Front-end libraries from the npm registry, served as static files (no CDN at run time).
bash scripts/vendor-frontend.sh

if [ "$want_test" = 1 ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "setup: installing Debian chromium for the browser tests" >&2
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
    else
      echo "setup: chromium is missing and cannot be installed (need root and apt-get)" >&2
      exit 1
    fi
  fi
  bash scripts/neo4j-build.sh
fi
