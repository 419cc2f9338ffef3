#!/usr/bin/env bash
# Gather what the Docker build downloads, on the host, with the ordinary
# clients (go, pip), into build/docker/context-deps/:
#   goproxy/  a file-based Go module proxy: the modules of go.sum plus the Go
#             toolchain of go.mod (golang.org/toolchain, served by the module
#             proxy and checked against the checksum database by `go`)
#   wheels/   the pinned runtime wheels (requirements/runtime.txt)
# The image build then needs no registry and no TLS inside the container
# (only Debian's apt, for python3 and unzip), and every byte it uses is pinned.
#
# usage: scripts/docker-context.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${GOLESSONS_BUILD_DIR:-$root/build}/docker/context-deps
go_version=$(awk '$1 == "go" {print $2; exit}' "$root/go.mod")
arch=$(go env GOARCH)
toolchain=golang.org/toolchain@v0.0.1-go$go_version.linux-$arch
mkdir -p "$out"

# Each part is gathered again only when what pins it changed (a stamp file).
stamp() { cat "$@" | sha256sum | cut -d' ' -f1; }
go_stamp=$(stamp "$root/go.mod" "$root/go.sum")-$arch
if [ "$(cat "$out/goproxy.stamp" 2>/dev/null)" != "$go_stamp" ] || [ ! -d "$out/goproxy" ]; then
  echo "docker-context: Go modules and toolchain go$go_version -> ${out#"$root"/}/goproxy"
  # A module cache of its own, filled from the host's cache first: its
  # cache/download folder is exactly the layout GOPROXY=file://... serves.
  host_cache=$(go env GOMODCACHE)/cache/download
  (
    cd "$root"
    export GOMODCACHE=$out/gomodcache GOFLAGS=-mod=mod
    export GOPROXY="file://$host_cache,$(go env GOPROXY)"
    go mod download
    go mod download "$toolchain"
  )
  rm -rf "$out/goproxy"
  cp -r "$out/gomodcache/cache/download" "$out/goproxy"
  # Only the zips are needed; the unpacked copies (300 MB of toolchain) are not.
  chmod -R u+w "$out/gomodcache"
  rm -rf "$out/gomodcache"
  echo "$go_stamp" >"$out/goproxy.stamp"
else
  echo "docker-context: Go modules and toolchain are current"
fi

py=${PYTHON:-$root/.venv/bin/python}
[ -x "$py" ] || py=python3
image_python=${IMAGE_PYTHON_VERSION:-3.11.2}
py_stamp=$(stamp "$root"/requirements/*.txt)-$image_python
if [ "$(cat "$out/wheels.stamp" 2>/dev/null)" != "$py_stamp" ] || [ ! -d "$out/wheels" ]; then
  echo "docker-context: runtime wheels -> ${out#"$root"/}/wheels"
  rm -rf "$out/wheels"
  # Resolved for the image's interpreter (Debian bookworm's python3), not the host's.
  "$py" -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
    --python-version "$image_python" -r "$root/requirements/runtime.txt" -d "$out/wheels"
  echo "$py_stamp" >"$out/wheels.stamp"
else
  echo "docker-context: runtime wheels are current"
fi
echo "docker-context: $(ls "$out/wheels" | wc -l) wheels, $(du -sh "$out" | cut -f1) in all"
