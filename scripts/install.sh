#!/usr/bin/env bash
# Install golessons: the Python venv with JupyterLab (pinned), the kernel
# binary, and its kernelspec inside that venv (like `ipykernel install
# --sys-prefix`). Safe to run again: each step is skipped when it is current.
#
# The laptop path (`make lab`, `make test`) and the Dockerfile both run this.
#
# usage: scripts/install.sh [options]
#   --venv DIR            venv to create or reuse (env GOLESSONS_VENV; default <repo>/.venv)
#   --runtime             runtime packages only (requirements/runtime.txt): no test tools
#   --kernel-binary FILE  use this prebuilt kernel instead of building one (no Go needed)
#   --no-python           skip the venv (build the kernel only)
#   --no-kernel           skip building the kernel
#   --no-kernelspec       skip installing kernel.json
#   -h, --help
# env: PYTHON (python3), GO (go), GOLESSONS_BUILD_DIR (<repo>/build)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
venv=${GOLESSONS_VENV:-$root/.venv}
build=${GOLESSONS_BUILD_DIR:-$root/build}
python=${PYTHON:-python3}
go=${GO:-go}
requirements=$root/requirements.txt
kernel_bin=""
do_python=1 do_kernel=1 do_kernelspec=1

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --venv) venv=$2; shift ;;
    --venv=*) venv=${1#*=} ;;
    --runtime) requirements=$root/requirements/runtime.txt ;;
    --kernel-binary) kernel_bin=$2; do_kernel=0; shift ;;
    --kernel-binary=*) kernel_bin=${1#*=}; do_kernel=0 ;;
    --no-python) do_python=0; do_kernelspec=0 ;;
    --no-kernel) do_kernel=0 ;;
    --no-kernelspec) do_kernelspec=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

step() { printf '\n== install: %s\n' "$*"; }
venv=$(mkdir -p "$(dirname "$venv")" && cd "$(dirname "$venv")" && pwd)/$(basename "$venv")

# --- Python venv -------------------------------------------------------------
if [ $do_python = 1 ]; then
  if [ ! -x "$venv/bin/python" ]; then
    step "creating venv $venv"
    "$python" -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10+ needed"'
    # Debian's own python3 ships venv support separately (python3-venv).
    if ! "$python" -c 'import ensurepip' 2>/dev/null; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      else
        echo "install.sh: $python cannot create venvs; install python3-venv (sudo apt-get install python3-venv)" >&2
        exit 1
      fi
    fi
    "$python" -m venv "$venv"
  fi
  # Skip pip when the requirement files have not changed since the last run.
  stamp=$venv/.golessons-requirements
  want=$(cat "$requirements" "$root"/requirements/*.txt | sha256sum | cut -d' ' -f1)-$(basename "$requirements")
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    step "pip install -r ${requirements#"$root"/}"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$want" >"$stamp"
  else
    step "venv packages are current ($venv)"
  fi
  # Classroom defaults for JupyterLab in this venv (no "Jupyter news?" popup);
  # overrides.json is JupyterLab's documented place for them.
  mkdir -p "$venv/share/jupyter/lab/settings"
  cp "$root/requirements/jupyterlab-overrides.json" "$venv/share/jupyter/lab/settings/overrides.json"
fi

# --- kernel binary -----------------------------------------------------------
if [ $do_kernel = 1 ]; then
  step "go build -o ${build#"$root"/}/golessons ./kernel"
  command -v "$go" >/dev/null || { echo "install.sh: Go not found (need the version in go.mod)" >&2; exit 1; }
  mkdir -p "$build"
  (cd "$root" && "$go" mod download && "$go" build -trimpath -o "$build/golessons" ./kernel)
  kernel_bin=$build/golessons
fi
if [ -z "$kernel_bin" ]; then
  kernel_bin=$build/golessons
fi

# --- kernelspec --------------------------------------------------------------
if [ $do_kernelspec = 1 ]; then
  [ -x "$kernel_bin" ] || { echo "install.sh: no kernel binary at $kernel_bin" >&2; exit 1; }
  kernel_bin=$(cd "$(dirname "$kernel_bin")" && pwd)/$(basename "$kernel_bin")
  step "$kernel_bin install --sys-prefix (into $venv)"
  # With the venv first on PATH and VIRTUAL_ENV set, --sys-prefix means this venv.
  PATH=$venv/bin:$PATH VIRTUAL_ENV=$venv "$kernel_bin" install --sys-prefix
  spec=$venv/share/jupyter/kernels/golessons/kernel.json
  if [ ! -f "$spec" ]; then
    echo "install.sh: --sys-prefix did not write $spec; using --prefix" >&2
    "$kernel_bin" install --prefix "$venv"
  fi
  [ -f "$spec" ] || { echo "install.sh: $spec missing" >&2; exit 1; }
  "$venv/bin/jupyter" kernelspec list 2>/dev/null | grep -E '^\s*golessons\s' || {
    echo "install.sh: jupyter does not list the golessons kernel" >&2
    exit 1
  }
fi

step "done"
