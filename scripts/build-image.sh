#!/usr/bin/env bash
# Build the golessons image without a container registry:
#   1. the Debian base image the Dockerfile's FROM names, made with debootstrap
#   2. Go toolchain + modules and Python wheels gathered on the host (pinned)
#   3. podman build (or IMAGE_TOOL=docker; docker needs step 1's image loaded)
#
# usage: scripts/build-image.sh [IMAGE]          (default golessons)
# env:   IMAGE_TOOL (podman), NO_CACHE=1 (build every layer again)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
image=${1:-golessons}
tool=${IMAGE_TOOL:-podman}
build=${GOLESSONS_BUILD_DIR:-$root/build}
if [ "$tool" = podman ]; then
  # This sandbox refuses to let runc set rlimits, so podman's default ulimits
  # must be off. A settings file of our own leaves the system's podman alone.
  mkdir -p "$build/docker"
  printf '[containers]\ndefault_ulimits = []\n' >"$build/docker/containers.conf"
  export CONTAINERS_CONF=${CONTAINERS_CONF:-$build/docker/containers.conf}
fi

t() { local t0=$SECONDS; "$@"; echo "build-image: $1 took $((SECONDS - t0))s"; }
t "$root/scripts/debian-base.sh" localhost/debian:bookworm
t "$root/scripts/docker-context.sh"
format=()
[ "$tool" = podman ] && format=(--format docker)   # keeps HEALTHCHECK (OCI format drops it)
[ -n "${NO_CACHE:-}" ] && format+=(--no-cache)      # NO_CACHE=1: time a cold build
t "$tool" build "${format[@]}" --layers -t "$image" "$root"
# Each build leaves untagged layers behind (the next build's cache); drop the
# ones older than a day so repeated CI runs do not fill the disk.
"$tool" image prune -f --filter until=24h >/dev/null || true
