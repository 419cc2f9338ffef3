#!/usr/bin/env bash
# Install the Debian packages the full test run needs and that a fresh machine
# lacks: chromium (browser test), podman + runc + debootstrap (image test),
# unzip, npm (configurable-http-proxy for the hub test). Only missing commands
# are installed; nothing happens when all are present.
#
# usage: scripts/system-deps.sh
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
have chromium || need+=(chromium)
have podman || need+=(podman)
have runc || need+=(runc)
have debootstrap || need+=(debootstrap)
have unzip || need+=(unzip)
have npm || need+=(npm)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "system-deps: missing ${need[*]}; run as root or: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "system-deps: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "system-deps: chromium podman runc debootstrap unzip npm already present"
fi

