#!/usr/bin/env bash
# configurable-http-proxy (npm, pinned) for the JupyterHub smoke test, into
# build/node/ (never global). Prints the path of its executable. Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=${CHP_VERSION:-5.3.0}
prefix=${GOLESSONS_BUILD_DIR:-$root/build}/node
bin=$prefix/node_modules/.bin/configurable-http-proxy
if [ ! -x "$bin" ] || [ "$("$bin" --version 2>/dev/null)" != "$version" ]; then
  command -v npm >/dev/null || { echo "hub-deps: npm missing (scripts/system-deps.sh installs it)" >&2; exit 1; }
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "configurable-http-proxy@$version" >&2
fi
echo "$bin"
