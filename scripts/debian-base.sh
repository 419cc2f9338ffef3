#!/usr/bin/env bash
# Build the Debian base image that the Dockerfile's FROM names, locally, with
# debootstrap: no container registry is needed. The root filesystem is cached
# as a tarball under build/, so a second run only re-imports it.
#
# usage: scripts/debian-base.sh [IMAGE]        (default localhost/debian:bookworm)
# env:   DEBIAN_SUITE (bookworm), DEBIAN_MIRROR (debootstrap's default if unset),
#        GOLESSONS_BUILD_DIR (build/)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
image=${1:-localhost/debian:bookworm}
suite=${DEBIAN_SUITE:-bookworm}
build=${GOLESSONS_BUILD_DIR:-$root/build}
cache=$build/docker/debian-$suite-minbase.tar

if [ "$(id -u)" != 0 ]; then
  echo "debian-base: debootstrap and rootful podman need root" >&2
  exit 1
fi

if podman image exists "$image" && [ -z "${FORCE:-}" ]; then
  echo "debian-base: $image already present"
  exit 0
fi

if [ ! -s "$cache" ]; then
  rootfs=$(mktemp -d "$build/docker-rootfs.XXXXXX" 2>/dev/null || { mkdir -p "$build"; mktemp -d "$build/docker-rootfs.XXXXXX"; })
  trap 'rm -rf "$rootfs"' EXIT
  echo "debian-base: debootstrap --variant=minbase $suite (a few minutes)"
  # shellcheck disable=SC2086
  debootstrap --variant=minbase "$suite" "$rootfs" ${DEBIAN_MIRROR:-} >"$build/debootstrap.log" 2>&1 || {
    tail -n 30 "$build/debootstrap.log" >&2
    exit 1
  }
  # Keep the image small and its apt state clean, as published Debian images do.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  mkdir -p "$build/docker"
  tar --numeric-owner -C "$rootfs" -cf "$cache.tmp" .
  mv "$cache.tmp" "$cache"
fi

echo "debian-base: importing $cache as $image"
podman import --change 'CMD ["/bin/bash"]' "$cache" "$image" >/dev/null
podman image exists "$image"
echo "debian-base: $image ready"
