#!/usr/bin/env bash
# Build the golessons image without a container registry:
#   1. the Debian base image the Dockerfile's FROM names, made with debootstrap
#   2. Go toolchain + modules and Python wheels gathered on the host (pinned)
#   3. podman build (or IMAGE_TOOL=docker; docker needs step 1's image loaded)
#
# usage: scripts/build-image.sh [IMAGE]          (default golessons)
# env:   IMAGE_TOOL (podman), NO_CACHE=1 (build every layer again),
#        GO_MODULES: the Go modules the image's module cache holds, so cells
#        import them without the network (PATH@VERSION ..., VERSION may be
#        "latest"; default: what notebooks/go.mod requires)
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
# The image's module cache: downloaded and verified here (GOPROXY, GOSUMDB
# as for any cell), then copied into the image by the Dockerfile.
default_modules=$(awk '/^require *\(/{r=1; next} r && /^\)/{r=0} r && NF>=2 && $1 !~ /^\/\// {printf "%s@%s ", $1, $2} /^require [^(]/{printf "%s@%s ", $2, $3}' "$root/notebooks/go.mod")
go_modules=${GO_MODULES:-$default_modules}
modcache="$build/docker/context-deps/modcache"
mkdir -p "$modcache"
resolved=$(cd "$root" && GOFLAGS=-modcacherw go run ./kernel modules download --cache "$modcache" $go_modules | awk -F'\t' '{split($1, m, " "); printf "%s@%s ", m[1], m[2]}')
echo "build-image: module cache for the image: $resolved"
format=()
[ "$tool" = podman ] && format=(--format docker)   # keeps HEALTHCHECK (OCI format drops it)
[ -n "${NO_CACHE:-}" ] && format+=(--no-cache)      # NO_CACHE=1: time a cold build
t "$tool" build "${format[@]}" --layers --build-arg GO_MODULES="$resolved" -t "$image" "$root"
# Each build leaves untagged layers behind (the next build's cache); drop the
# ones older than a day so repeated CI runs do not fill the disk.
"$tool" image prune -f --filter until=24h >/dev/null || true
