#!/usr/bin/env bash
# Everything CI checks, in stages, each timed; a summary table at the end.
# `make test` runs this; .ci/run runs `make test`.
#
# Every stage runs even when an earlier one failed (so one run shows all
# problems), except that nothing runs after a failed install.
#
# env: SKIP="docker hub ..."   stages to skip (names as in the summary)
#      ONLY="go-test pytest"   run only these stages (plus install)
#      FUZZTIME=300000x        per fuzz target (a count: a duration races Go's fuzz coordinator, go.dev/issue/75804)
#      FAIL_FAST=1             stop at the first failed stage
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
venv=${GOLESSONS_VENV:-$root/.venv}
export PATH=$venv/bin:$PATH VIRTUAL_ENV=$venv
fuzztime=${FUZZTIME:-300000x}
mkdir -p artifacts

declare -a names=() results=() secs=()
failed=0

wanted() {
  case " ${SKIP:-} " in *" $1 "*) return 1 ;; esac
  [ -z "${ONLY:-}" ] && return 0
  [ "$1" = install ] && return 0   # ONLY still installs what the stages use
  case " $ONLY " in *" $1 "*) return 0 ;; esac
  return 1
}

# stage NAME CMD...: run CMD, record its status and wall time.
stage() {
  local name=$1; shift
  if ! wanted "$name"; then
    names+=("$name"); results+=(skipped); secs+=(0)
    return 0
  fi
  printf '\n======== %s: %s\n' "$name" "$*"
  local t0 t1 rc
  t0=$(date +%s.%N)
  "$@"
  rc=$?
  t1=$(date +%s.%N)
  local s
  s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  names+=("$name"); secs+=("$s")
  if [ $rc = 0 ]; then
    results+=(ok)
  else
    results+=("FAILED($rc)"); failed=1
  fi
  printf '======== %s: %s in %ss\n' "$name" "${results[-1]}" "$s"
  if [ $rc != 0 ] && [ -n "${FAIL_FAST:-}" ]; then summary; exit 1; fi
  return $rc
}

summary() {
  printf '\n%-14s %-12s %8s\n' stage result seconds
  local i total=0
  for i in "${!names[@]}"; do
    printf '%-14s %-12s %8s\n' "${names[$i]}" "${results[$i]}" "${secs[$i]}"
    total=$(awk -v a="$total" -v b="${secs[$i]}" 'BEGIN { printf "%.1f", a + b }')
  done
  printf '%-14s %-12s %8s\n' total "" "$total"
}

gofmt_vet() {
  local bad
  bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.venv/*' -not -path './build/*'))
  if [ -n "$bad" ]; then
    echo "gofmt: these files need formatting:"; echo "$bad"; return 1
  fi
  go vet ./... || return
  # go.mod and go.sum must already be what `go mod tidy` makes of them.
  go mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; return 1; }
}

fuzz() {
  go test -run='^$' -fuzz='^FuzzDecode$' -fuzztime="$fuzztime" ./kernel/internal/wire || return
  go test -run='^$' -fuzz='^FuzzReadFrame$' -fuzztime="$fuzztime" ./kernel/internal/link
}

# pytest_dir DIR...: exit 5 (no tests collected) is a failure: a stage that
# ran nothing must not look green.
pytest_dirs() {
  python -m pytest -p no:cacheprovider "$@"
}

stage system-deps scripts/system-deps.sh
stage install scripts/install.sh || { summary; exit 1; }
stage gofmt-vet gofmt_vet   # also go mod tidy
stage go-test go test -race -count=1 ./...
# Tests that skip themselves under -race (races inside yaegi itself): the
# lessons run through eval, and the debugger's multi-goroutine sessions.
go_norace() {
  go test -count=1 -run '^TestNotebooks$' ./kernel/internal/eval || return
  go test -count=1 ./kernel/internal/debugger
}
stage go-norace go_norace
stage fuzz fuzz
stage pytest pytest_dirs tests --ignore=tests/browser --ignore=tests/hub --ignore=tests/docker
# Full-size robustness cases (1 GB flood, 60 s busy heartbeat): about 70 s.
stage pytest-slow pytest_dirs tests/kernel -m slow
stage browser pytest_dirs tests/browser
stage hub pytest_dirs tests/hub
stage docker tests/docker/run.sh
stage bench-smoke make --no-print-directory bench-smoke

summary
if [ $failed = 0 ]; then echo "make test: all stages passed"; else echo "make test: FAILED"; fi
exit $failed
